"""The talent map: placement from the annual predikat, assessments and HR's potensi score; the
nine-box chart and its lists; succession; the API; scoping and flat query counts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from jabatan.models import Penempatan
from karier import services
from karier.models import JabatanKunci, PenilaianPotensi, ProfilTalenta
from tests.factories import PegawaiFactory
from tests.jabatan.factories import JabatanFactory

from .factories import asesmen, penilaian_tahunan

TAHUN = 2025
URL = "/api/v1/karier/talenta/"


def klien(user) -> APIClient:
    c = APIClient()
    c.force_authenticate(User.objects.get(pk=user.pk))
    return c


@pytest.fixture
def peta(org):
    """Siti box 9 (Sangat Baik, potensi 86), Andi box 2 (Baik, potensi 50), Rizki box 7
    (Sangat Baik, assessments at level 3–4 → 70); the supervisors are not appraised."""
    penilaian_tahunan(org.siti, TAHUN, "SANGAT_BAIK")
    PenilaianPotensi.objects.create(pegawai=org.siti, tahun=TAHUN, nilai=86, metode="AC")
    penilaian_tahunan(org.andi, TAHUN, "BAIK")
    PenilaianPotensi.objects.create(pegawai=org.andi, tahun=TAHUN, nilai=50, metode="AC")
    penilaian_tahunan(org.rizki, TAHUN, "SANGAT_BAIK")
    asesmen(org.rizki, 3, 4)
    assert services.talenta_petakan(tahun=TAHUN) == 3
    return org


def test_penempatan_kotak_dari_sumbernya(peta):
    hasil = {
        p.pegawai.nama: (p.predikat, p.kinerja, p.potensi, p.skor_potensi, p.kotak)
        for p in ProfilTalenta.objects.select_related("pegawai")
    }
    assert hasil == {
        "Siti Rahmawati": ("SANGAT_BAIK", "DI_ATAS", "TINGGI", Decimal("86.00"), 9),
        "Andi Pratama": ("BAIK", "SESUAI", "RENDAH", Decimal("50.00"), 2),
        "Rizki Firmansyah": ("SANGAT_BAIK", "DI_ATAS", "MENENGAH", Decimal("70.00"), 7),
    }


def test_pemetaan_ulang_idempoten_dan_mengikuti_sumber(peta):
    PenilaianPotensi.objects.filter(pegawai=peta.andi).update(nilai=65)
    assert services.talenta_petakan(tahun=TAHUN) == 3
    assert ProfilTalenta.objects.count() == 3
    assert ProfilTalenta.objects.get(pegawai=peta.andi).kotak == 5


def test_tanpa_predikat_tahunan_tidak_dipetakan(peta):
    PenilaianPotensi.objects.create(pegawai=peta.kabid, tahun=TAHUN, nilai=90, metode="AC")
    services.talenta_petakan(tahun=TAHUN)
    assert not ProfilTalenta.objects.filter(pegawai=peta.kabid).exists()


def test_api_talenta_admin_melihat_semua(peta):
    resp = klien(peta.hr).get(URL, {"tahun": TAHUN})
    assert resp.status_code == 200
    baris = {r["nip"]: r for r in resp.json()["results"]}
    assert set(baris) == {peta.siti.nip, peta.andi.nip, peta.rizki.nip}
    siti = baris[peta.siti.nip]
    assert (siti["kinerja"], siti["potensi"], siti["kotak"]) == ("DI_ATAS", "TINGGI", 9)
    assert siti["rekomendasi"] == [
        "Promosi dan dipertahankan", "Masuk rencana suksesi", "Diberi penghargaan"
    ]  # fmt: skip
    assert "count" not in resp.json()  # a cursor list (issue 17): no COUNT(*)


def test_api_talenta_terlingkup(peta):
    nip = lambda user: {r["nip"] for r in klien(user).get(URL, {"tahun": TAHUN}).json()["results"]}  # noqa: E731
    assert nip(peta.operator_diskes) == {peta.siti.nip, peta.andi.nip}
    assert nip(peta.kabid.user) == {peta.siti.nip, peta.andi.nip}
    assert nip(peta.kabid_disdik.user) == {peta.rizki.nip}
    assert nip(peta.andi.user) == {peta.andi.nip}
    assert APIClient().get(URL).status_code == 401


@pytest.mark.parametrize(
    ("param", "nilai"), [("tahun", "20x5"), ("kotak", "10"), ("unit_kerja", "a")]
)
def test_api_talenta_masukan_salah_400(peta, param, nilai):
    resp = klien(peta.hr).get(URL, {param: nilai})
    assert resp.status_code == 400
    assert param in resp.json()


def test_api_talenta_jumlah_query_tetap(org):
    def hitung() -> int:
        c = klien(org.hr)  # a fresh user object: the access scope caches its roles on it
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(URL, {"tahun": TAHUN}).status_code == 200
        return len(ctx)

    penilaian_tahunan(org.siti, TAHUN, "BAIK")
    PenilaianPotensi.objects.create(pegawai=org.siti, tahun=TAHUN, nilai=70, metode="AC")
    services.talenta_petakan(tahun=TAHUN)
    satu = hitung()
    for p in PegawaiFactory.create_batch(49, unit_kerja=org.diskes, atasan=org.kabid):
        penilaian_tahunan(p, TAHUN, "SANGAT_BAIK")
        PenilaianPotensi.objects.create(pegawai=p, tahun=TAHUN, nilai=90, metode="AC")
    services.talenta_petakan(tahun=TAHUN)
    assert ProfilTalenta.objects.count() == 50
    # 1 the access scope (every role in one query, Admin BKD); 2 the page with employee and
    # unit joined (a cursor list: no count). None per row.
    assert hitung() == satu == 2


# --- Nine-box page and succession -----------------------------------------------------------------


def test_grafik_sembilan_kotak_dan_daftar_kotak(client, peta):
    client.force_login(peta.hr)
    resp = client.get(reverse("karier:talenta"), {"tahun": TAHUN})
    assert resp.status_code == 200
    jumlah = {s.kotak: s.jumlah for s in resp.context["sel"]}
    assert jumlah == {9: 1, 8: 0, 7: 1, 6: 0, 5: 0, 4: 0, 3: 0, 2: 1, 1: 0}
    # Chart order: potensi Tinggi on top, kinerja Di Atas on the right.
    assert [s.kotak for s in resp.context["sel"]] == [6, 8, 9, 3, 5, 7, 1, 2, 4]
    resp = client.get(reverse("karier:talenta"), {"tahun": TAHUN, "kotak": 9})
    isi = resp.content.decode()
    assert "Siti Rahmawati" in isi and "Andi Pratama" not in isi
    assert "Promosi dan dipertahankan" in isi


def test_grafik_per_unit_dan_untuk_atasan(client, peta):
    client.force_login(peta.hr)
    resp = client.get(reverse("karier:talenta"), {"tahun": TAHUN, "unit": peta.disdik.pk})
    assert {s.kotak: s.jumlah for s in resp.context["sel"] if s.jumlah} == {7: 1}
    client.force_login(peta.kabid.user)
    resp = client.get(reverse("karier:talenta"), {"tahun": TAHUN})
    assert {s.kotak: s.jumlah for s in resp.context["sel"] if s.jumlah} == {9: 1, 2: 1}
    client.force_login(peta.siti.user)
    assert client.get(reverse("karier:talenta")).status_code == 404


def test_jumlah_query_grafik_tetap(client, org):
    def hitung() -> int:
        client.force_login(User.objects.get(pk=org.hr.pk))
        with CaptureQueriesContext(connection) as ctx:
            resp = client.get(reverse("karier:talenta"), {"tahun": TAHUN, "kotak": 9})
            assert resp.status_code == 200
        return len(ctx)

    penilaian_tahunan(org.siti, TAHUN, "SANGAT_BAIK")
    PenilaianPotensi.objects.create(pegawai=org.siti, tahun=TAHUN, nilai=90, metode="AC")
    services.talenta_petakan(tahun=TAHUN)
    satu = hitung()
    for p in PegawaiFactory.create_batch(49, unit_kerja=org.diskes, atasan=org.kabid):
        penilaian_tahunan(p, TAHUN, "SANGAT_BAIK")
        PenilaianPotensi.objects.create(pegawai=p, tahun=TAHUN, nilai=90, metode="AC")
    services.talenta_petakan(tahun=TAHUN)
    assert hitung() == satu


def test_suksesi_dari_talent_pool(client, peta):
    kabid_jab = JabatanFactory(nama="Kepala Bidang P2P", jenis="ADMINISTRATOR", rumpun="",
                               jenjang="", kelas_jabatan=11)  # fmt: skip
    Penempatan.objects.create(
        pegawai=peta.kabid, jabatan=kabid_jab, unit_kerja=peta.diskes, jenis="IMPOR"
    )
    kunci = JabatanKunci.objects.create(jabatan=kabid_jab)
    client.force_login(peta.hr)
    resp = client.get(reverse("karier:suksesi-jabatan", args=[kunci.pk]), {"tahun": TAHUN})
    nama = [c.kandidat.nama for c in resp.context["kandidat"]]
    # Boxes 7–9 only (Andi, box 2, is not in the pool); the holder is not a candidate.
    assert sorted(nama) == ["Rizki Firmansyah", "Siti Rahmawati"]
    client.force_login(peta.operator_diskes)
    resp = client.get(reverse("karier:suksesi-jabatan", args=[kunci.pk]), {"tahun": TAHUN})
    assert [c.kandidat.nama for c in resp.context["kandidat"]] == ["Siti Rahmawati"]
    client.force_login(peta.kabid.user)
    assert client.get(reverse("karier:suksesi")).status_code == 404


def test_admin_changelist_talenta_jumlah_query_tetap(client, org):
    def hitung() -> int:
        client.force_login(User.objects.get(pk=org.hr.pk))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("admin:karier_profiltalenta_changelist")).status_code == 200
        return len(ctx)

    penilaian_tahunan(org.siti, TAHUN, "BAIK")
    PenilaianPotensi.objects.create(pegawai=org.siti, tahun=TAHUN, nilai=70, metode="AC")
    services.talenta_petakan(tahun=TAHUN)
    satu = hitung()
    for p in PegawaiFactory.create_batch(49, unit_kerja=org.diskes):
        penilaian_tahunan(p, TAHUN, "BAIK")
        PenilaianPotensi.objects.create(pegawai=p, tahun=TAHUN, nilai=70, metode="AC")
    services.talenta_petakan(tahun=TAHUN)
    assert hitung() == satu


def test_tugas_malam_memetakan_predikat_tahunan_baru(org):
    from django_celery_beat.models import PeriodicTask

    from karier.tasks import petakan_talenta_malam

    penilaian_tahunan(org.siti, TAHUN, "SANGAT_BAIK")
    PenilaianPotensi.objects.create(pegawai=org.siti, tahun=TAHUN, nilai=86, metode="AC")
    assert petakan_talenta_malam.apply(args=[TAHUN]).get() == 1
    assert ProfilTalenta.objects.get(pegawai=org.siti).kotak == 9
    assert PeriodicTask.objects.filter(task="karier.tasks.petakan_talenta_malam").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ANALYZE PostgreSQL")
def test_pemetaan_setahun_memperbarui_statistik_tabel(org):
    penilaian_tahunan(org.siti, TAHUN, "BAIK")
    PenilaianPotensi.objects.create(pegawai=org.siti, tahun=TAHUN, nilai=70, metode="AC")

    def analyze(**kw) -> bool:
        with CaptureQueriesContext(connection) as ctx:
            services.talenta_petakan(tahun=TAHUN, **kw)
        return any(q["sql"].startswith("ANALYZE") for q in ctx.captured_queries)

    assert analyze() is True
    # one employee remapped (the nightly follow-up of a new predikat): no ANALYZE
    assert analyze(pegawai_ids=[org.siti.pk]) is False


def test_api_talenta_admin_tanpa_subkueri_lingkup(peta):
    with CaptureQueriesContext(connection) as ctx:
        assert len(klien(peta.hr).get(URL, {"tahun": TAHUN}).json()["results"]) == 3
    daftar = [q["sql"] for q in ctx.captured_queries if "karier_profiltalenta" in q["sql"]]
    assert daftar and not any("IN (SELECT" in q for q in daftar)


def test_kunjungan_pertama_membuka_tahun_terakhir_yang_berisi_dalam_lingkup(client, peta):
    """Most of a year the current year has no profiles yet (they follow the annual
    appraisals): a first visit opens the latest year the viewer has profiles in; the current
    year once it has some; a year asked for is kept."""
    from inti import waktu
    from tests.factories import operator

    ini = waktu.tahun_ini()
    assert TAHUN < ini
    client.force_login(peta.hr)
    assert client.get(reverse("karier:talenta")).context["tahun"] == TAHUN
    # Siti is mapped for the current year: HR opens it; Disdik's operator, who sees only Rizki
    # (mapped in TAHUN), still opens TAHUN.
    penilaian_tahunan(peta.siti, ini, "BAIK")
    PenilaianPotensi.objects.create(pegawai=peta.siti, tahun=ini, nilai=80, metode="AC")
    assert services.talenta_petakan(tahun=ini) == 1
    assert client.get(reverse("karier:talenta")).context["tahun"] == ini
    assert client.get(reverse("karier:talenta"), {"tahun": TAHUN}).context["tahun"] == TAHUN
    client.force_login(operator(peta.disdik))
    resp = client.get(reverse("karier:talenta"))
    assert resp.context["tahun"] == TAHUN
    assert {s.kotak: s.jumlah for s in resp.context["sel"] if s.jumlah} == {7: 1}
