"""The kept kenaikan pangkat eligible set (`KandidatKp`, `services.kandidat_kp_hitung`, every
10 minutes): it holds exactly whom the live SQL filter (and so the rule) passes; the worklist
read from it shows the same rows, counts and pages as the live one; a stale or missing stamp,
other rule values or another period fall back to the live filter; the scope still holds; the
query count does not grow with the rows; and the job is in the schedule."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from karier import pengaturan, selectors, services
from karier.models import KandidatKp, StempelKandidatKp
from pegawai.models import Pegawai
from tests.factories import PegawaiFactory, operator

from .factories import penilaian_tahunan
from .test_kenaikan_pangkat_sql import _data_acak, _tepat_di_ambang

URL = reverse("karier:kenaikan-pangkat")


def _periode(kode: str = "2026-04"):
    return pengaturan.periode_kp(kode)


def _ids(daftar) -> list[int]:
    return [b.pegawai_id for b in daftar]


def _layak_langsung(user, kode: str) -> list[int]:
    return _ids(selectors.DaftarKp(user, periode=_periode(kode), kandidat=False))


def _layak(tmt=date(2022, 1, 1), **kwargs) -> Pegawai:
    """A PNS eligible on 2026-04 (four years in III/b, Baik in 2025 and 2024, S1)."""
    p = PegawaiFactory(status_kepegawaian="PNS", golongan="III/b", tmt_golongan=tmt,
                       pendidikan_jenjang="S1", **kwargs)  # fmt: skip
    for tahun in (2025, 2024):
        penilaian_tahunan(p, tahun, "BAIK")
    return p


def test_himpunan_sama_dengan_filter_langsung_pada_data_beragam(org):
    _data_acak(org)
    _tepat_di_ambang(org)
    for kode in ("2026-04", "2026-10", "2024-02"):
        periode = _periode(kode)
        jumlah = services.kandidat_kp_hitung(periode=periode)
        disimpan = set(KandidatKp.objects.filter(periode=kode).values_list("pegawai_id", flat=True))
        langsung = _layak_langsung(org.hr, kode)
        semua = selectors.DaftarKp(org.hr, periode=periode, semua=True, kandidat=False)
        menurut_aturan = [b.pegawai_id for b in semua if b.hasil.layak]
        assert disimpan == set(langsung) == set(menurut_aturan), kode
        assert jumlah == {kode: len(langsung)}
        dari_himpunan = selectors.kenaikan_pangkat(org.hr, periode=periode)
        assert dari_himpunan.dari_kandidat
        assert _ids(dari_himpunan) == langsung == menurut_aturan
        assert all(b.hasil.layak for b in dari_himpunan)
    stempel = StempelKandidatKp.objects.get(periode="2026-04")
    assert stempel.jumlah == len(_layak_langsung(org.hr, "2026-04"))


@pytest.mark.parametrize("semua", [False, True])
def test_halaman_dari_himpunan_sama_dengan_halaman_langsung(org, semua):
    _data_acak(org, n=60, seed=23)
    periode = _periode()
    services.kandidat_kp_hitung(periode=periode)
    for user in (org.hr, org.operator_diskes):
        penuh = list(selectors.DaftarKp(user, periode=periode, semua=semua, kandidat=False))
        per = max(1, len(penuh) // 4)
        akhir = (len(penuh) - 1) // per + 1
        for nomor in ("1", "2", str(akhir - 1), str(akhir), "999999", "abc", "0", None):
            langsung = selectors.DaftarKp(user, periode=periode, semua=semua, kandidat=False)
            h_langsung = langsung.halaman(nomor, per)
            himpunan = selectors.DaftarKp(user, periode=periode, semua=semua)
            h = himpunan.halaman(nomor, per)
            assert himpunan.dari_kandidat and not langsung.dari_kandidat
            assert h.number == h_langsung.number, nomor
            assert h.paginator.count == h_langsung.paginator.count == len(penuh)
            assert h.paginator.num_pages == h_langsung.paginator.num_pages == akhir
            assert h.object_list == h_langsung.object_list  # same rows, same judgement
            assert himpunan.jumlah_layak == langsung.jumlah_layak
        assert list(selectors.DaftarKp(user, periode=periode, semua=semua)) == penuh


def test_halaman_web_dari_himpunan_menyebut_waktu_hitung(client, org):
    _data_acak(org, n=40, seed=5)
    client.force_login(org.hr)
    for semua in ({}, {"semua": "on"}):
        langsung = client.get(URL, {"periode": "2026-04", **semua})
        assert "Daftar layak dihitung langsung dari data saat ini." in langsung.content.decode()
        assert langsung.context["kandidat_dihitung"] is None
    services.kandidat_kp_hitung(periode=_periode())
    pukul = timezone.localtime(StempelKandidatKp.objects.get(periode="2026-04").dihitung)
    for semua in ({}, {"semua": "on"}):
        resp = client.get(URL, {"periode": "2026-04", **semua})
        assert resp.status_code == 200
        assert f"Daftar layak dihitung pukul {pukul:%H.%M} WIB" in resp.content.decode()
        StempelKandidatKp.objects.update(dihitung=timezone.now() - timedelta(hours=1))
        lama = client.get(URL, {"periode": "2026-04", **semua})
        StempelKandidatKp.objects.update(dihitung=timezone.now())
        assert lama.context["kandidat_dihitung"] is None
        assert resp.context["jumlah_layak"] == lama.context["jumlah_layak"] > 0
        assert _ids(resp.context["halaman"]) == _ids(lama.context["halaman"])
        assert resp.context["halaman"].paginator.count == lama.context["halaman"].paginator.count


def test_baris_dari_himpunan_tetap_dinilai_aturan(org):
    """Someone who stopped being eligible after the set was computed is still listed until
    the next run, with the rule's reason; newcomers appear at the next run."""
    services.kandidat_kp_hitung(periode=_periode())
    siti = _layak(unit_kerja=org.diskes)
    assert _ids(selectors.kenaikan_pangkat(org.hr, periode=_periode())) == []  # not yet
    services.kandidat_kp_hitung(periode=_periode())
    assert _ids(selectors.kenaikan_pangkat(org.hr, periode=_periode())) == [siti.pk]
    siti.penilaian.filter(tahun=2025).update(predikat="KURANG")
    daftar = selectors.kenaikan_pangkat(org.hr, periode=_periode())
    [baris] = list(daftar)
    assert daftar.dari_kandidat and not baris.hasil.layak
    assert baris.hasil.alasan == ["Predikat kinerja 2025 Kurang/Misconduct (minimal Baik)."]
    services.kandidat_kp_hitung(periode=_periode())
    assert _ids(selectors.kenaikan_pangkat(org.hr, periode=_periode())) == []


def test_stempel_basi_atau_tidak_ada_memakai_jalur_langsung(org):
    siti = _layak(unit_kerja=org.diskes)
    periode = _periode()
    services.kandidat_kp_hitung(periode=periode)
    # The set is read while fresh: a row taken out of it is missing from the list.
    KandidatKp.objects.filter(pegawai=siti).delete()
    assert _ids(selectors.kenaikan_pangkat(org.hr, periode=periode)) == []
    dihitung = StempelKandidatKp.objects.get(periode="2026-04").dihitung
    sidik = selectors.sidik_opsi_kp(periode, selectors._opsi_kp(periode)[0])
    batas = timedelta(minutes=30)
    assert selectors.kandidat_kp_dihitung(periode, sidik, pada=dihitung + batas) == dihitung
    assert selectors.kandidat_kp_dihitung(
        periode, sidik, pada=dihitung + batas + timedelta(seconds=1)
    ) is None  # fmt: skip
    with override_settings(KARIER_KANDIDAT_KP_BATAS_MENIT=5):
        assert selectors.kandidat_kp_dihitung(periode, sidik, pada=dihitung + batas) is None
    # Too old: the live filter, rows correct.
    StempelKandidatKp.objects.update(dihitung=timezone.now() - batas - timedelta(seconds=1))
    daftar = selectors.kenaikan_pangkat(org.hr, periode=periode)
    assert not daftar.dari_kandidat and _ids(daftar) == [siti.pk] and daftar.jumlah_layak == 1
    # Computed under other rule values (a setting changed since): live.
    StempelKandidatKp.objects.update(dihitung=timezone.now())
    with override_settings(KARIER_PREDIKAT_MINIMAL=["SANGAT_BAIK"]):
        daftar = selectors.kenaikan_pangkat(org.hr, periode=periode)
        assert not daftar.dari_kandidat and _ids(daftar) == []
    # No stamp at all: live.
    StempelKandidatKp.objects.all().delete()
    daftar = selectors.kenaikan_pangkat(org.hr, periode=periode, semua=True)
    assert not daftar.dari_kandidat and daftar.jumlah_layak == 1


def test_periode_lain_memakai_jalur_langsung(client, org):
    siti = _layak(unit_kerja=org.diskes)
    services.kandidat_kp_hitung(periode=_periode("2026-04"))
    KandidatKp.objects.all().delete()  # had the page read it, Siti would be missing
    daftar = selectors.kenaikan_pangkat(org.hr, periode=_periode("2026-06"))
    assert not daftar.dari_kandidat and _ids(daftar) == [siti.pk]
    client.force_login(org.hr)
    resp = client.get(URL, {"periode": "2026-06"})
    assert resp.context["jumlah_layak"] == 1 and resp.context["kandidat_dihitung"] is None


def test_lingkup_tetap_berlaku_pada_himpunan(client, org):
    pegawai = _data_acak(org, n=40, seed=5)
    services.kandidat_kp_hitung(periode=_periode())
    disdik = {p.pk for p in pegawai if p.unit_kerja_id == org.disdik.pk}
    layak_disdik = set(_layak_langsung(org.hr, "2026-04")) & disdik
    assert layak_disdik
    op_diskes = selectors.kenaikan_pangkat(org.operator_diskes, periode=_periode(), semua=True)
    assert op_diskes.dari_kandidat
    assert not set(_ids(op_diskes)) & disdik
    op_lain = operator(org.disdik)
    client.force_login(op_lain)
    resp = client.get(URL, {"periode": "2026-04"})
    assert set(_ids(resp.context["halaman"])) <= disdik
    assert resp.context["jumlah_layak"] == len(layak_disdik)
    client.force_login(org.operator_diskes)
    resp = client.get(URL, {"periode": "2026-04", "unit": org.disdik.pk})
    assert not set(_ids(resp.context["halaman"])) & disdik
    client.logout()
    resp = client.get(URL, {"periode": "2026-04"})
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("login"))


def test_jumlah_kueri_halaman_dari_himpunan_tetap(client, org):
    def hitung(params) -> int:
        services.kandidat_kp_hitung(periode=_periode())
        client.force_login(org.hr)
        with CaptureQueriesContext(connection) as ctx:
            resp = client.get(URL, {"periode": "2026-04", **params})
        assert resp.status_code == 200 and resp.context["kandidat_dihitung"] is not None
        return len(ctx)

    _layak(unit_kerja=org.diskes)
    satu = hitung({}), hitung({"semua": "on"})
    for _ in range(30):
        _layak(unit_kerja=org.diskes)
    assert (hitung({}), hitung({"semua": "on"})) == satu
    assert satu[1] == satu[0]  # with `semua`, both counts in one statement


def test_api_dari_himpunan_jumlah_kueri_tetap(org):
    from django.contrib.auth.models import User
    from rest_framework.test import APIClient

    def hitung() -> tuple[int, list[str]]:
        services.kandidat_kp_hitung(periode=_periode())
        c = APIClient()
        c.force_authenticate(User.objects.get(pk=org.hr.pk))  # its roles not cached yet
        with CaptureQueriesContext(connection) as ctx:
            resp = c.get("/api/v1/karier/kenaikan-pangkat/", {"periode": "2026-04"})
        assert resp.status_code == 200
        return len(ctx), [r["nip"] for r in resp.json()["results"]]

    siti = _layak(unit_kerja=org.diskes)
    satu, nip = hitung()
    assert nip == [siti.nip]
    for _ in range(30):
        _layak(unit_kerja=org.diskes)
    banyak, nip = hitung()
    assert banyak == satu and len(nip) == 31
    # 1 scope, 2-3 period schedule and education table, 4 angka kredit thresholds, 5 the
    # kept set's stamp, 6 the count, 7 the page's ids, 8 their rows, 9 their angka kredit.
    assert satu == 9


def test_ekspor_xlsx_dari_himpunan_sama_dengan_langsung(client, org):
    _data_acak(org, n=40, seed=5)
    client.force_login(org.hr)

    def nip(params) -> list[str]:
        resp = client.get(URL, {"periode": "2026-04", "format": "xlsx", **params})
        lembar = load_workbook(BytesIO(resp.getvalue())).active
        return [tuple(r) for r in list(lembar.iter_rows(values_only=True))[1:]]

    langsung = nip({}), nip({"semua": "on"})
    services.kandidat_kp_hitung(periode=_periode())
    assert (nip({}), nip({"semua": "on"})) == langsung
    assert langsung[0] and len(langsung[1]) > len(langsung[0])


def test_layanan_mengganti_baris_dan_membuang_periode_lama(org):
    _data_acak(org, n=30, seed=7)
    services.kandidat_kp_hitung(periode=_periode("2024-02"))
    hasil = services.kandidat_kp_hitung()
    kode = [p.kode for p in pengaturan.periode_kp_kandidat()]
    assert list(hasil) == kode and len(kode) == 2 and kode[0] < kode[1]
    assert set(StempelKandidatKp.objects.values_list("periode", flat=True)) == set(kode)
    assert set(KandidatKp.objects.values_list("periode", flat=True)) <= set(kode)
    assert not KandidatKp.objects.filter(periode="2024-02").exists()
    # Computed twice: replaced, not duplicated.
    services.kandidat_kp_hitung()
    for k in kode:
        harapan = set(_layak_langsung(org.hr, k))
        ada = list(KandidatKp.objects.filter(periode=k).values_list("pegawai_id", flat=True))
        assert len(ada) == len(set(ada)) and set(ada) == harapan


def test_jadwal_kandidat_kp_setiap_10_menit_di_halaman_jadwal(client, org):
    from django_celery_beat.models import PeriodicTask

    from asn_hr.celery import app
    from asn_hr.jadwal import jadwal_kata
    from karier import tasks

    tugas = PeriodicTask.objects.get(task="karier.tasks.kandidat_kp_segarkan")
    assert tugas.task in app.tasks  # the worker knows the name beat sends
    assert jadwal_kata(tugas) == "setiap 10 menit" and tugas.enabled
    client.force_login(org.hr)
    html = client.get("/jadwal/").content.decode()
    assert "Daftar layak kenaikan pangkat (segarkan)" in html and "setiap 10 menit" in html
    hasil = tasks.kandidat_kp_segarkan()
    assert list(hasil) == [p.kode for p in pengaturan.periode_kp_kandidat()]
