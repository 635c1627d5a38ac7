"""The kinerja pages: scope (404 outside it), the supervisor queue's flat query count,
return with a note, correction of a returned report, distribution and recognition."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aturan import katalog
from aturan.models import Aturan
from kinerja.models import HasilOrganisasi, LaporanHarian, Penilaian
from tests.factories import PegawaiFactory
from tests.kinerja.factories import lapor, skp_disetujui
from tests.kinerja.test_laporan import klien

pytestmark = pytest.mark.django_db


def masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_halaman_hari_ini_menampilkan_laporan_minggu_ini(org):
    lapor(org.staf1, org.rhk1, timezone.localdate(), status="DIKEMBALIKAN")
    resp = masuk(org.staf1.user).get("/kinerja/")
    assert resp.status_code == 200
    assert "Dikembalikan" in resp.content.decode()
    assert "Perbaiki" in resp.content.decode()


def test_halaman_perbaiki_hanya_milik_sendiri(org):
    laporan = lapor(org.staf1, org.rhk1, timezone.localdate(), status="DIKEMBALIKAN")
    assert masuk(org.staf2.user).get(f"/kinerja/laporan/{laporan.pk}/perbaiki/").status_code == 404
    assert masuk(org.kabid.user).get(f"/kinerja/laporan/{laporan.pk}/perbaiki/").status_code == 404
    resp = masuk(org.staf1.user).post(
        f"/kinerja/laporan/{laporan.pk}/perbaiki/",
        {
            "tanggal": laporan.tanggal.isoformat(),
            "rhk": org.rhk1.pk,
            "uraian": "Sudah dilengkapi",
            "kuantitas": "1",
            "satuan": "dokumen",
            "jam_mulai": "08:00",
            "jam_selesai": "09:00",
        },
    )
    assert resp.status_code == 302
    laporan.refresh_from_db()
    assert (laporan.status, laporan.uraian) == ("DIAJUKAN", "Sudah dilengkapi")


def test_kembalikan_dari_antrian(org):
    laporan = lapor(org.staf1, org.rhk1, timezone.localdate())
    url = f"/kinerja/laporan/{laporan.pk}/kembalikan/"
    assert masuk(org.guru.user).post(url, {"catatan": "x"}).status_code == 404
    assert masuk(org.staf1.user).post(url, {"catatan": "x"}).status_code == 403
    resp = masuk(org.kabid.user).post(url, {"catatan": "Lengkapi bukti"}, follow=True)
    assert "dikembalikan" in resp.content.decode()
    laporan.refresh_from_db()
    assert (laporan.status, laporan.catatan_atasan) == ("DIKEMBALIKAN", "Lengkapi bukti")


def test_setujui_massal_dari_halaman_mengabaikan_id_asing(org):
    a = lapor(org.staf1, org.rhk1, timezone.localdate())
    b = lapor(org.guru, org.rhk_guru, timezone.localdate())
    masuk(org.kabid.user).post("/kinerja/antrian/", {"laporan": [a.pk, b.pk]})
    assert dict(LaporanHarian.objects.values_list("pk", "status")) == {
        a.pk: "DISETUJUI",
        b.pk: "DIAJUKAN",
    }


def _tambah_bawahan(org, n):
    for _ in range(n):
        p = PegawaiFactory(unit_kerja=org.diskes, atasan=org.kabid)
        lapor(p, skp_disetujui(p, rhk_atasan=org.rhk_kabid).rhk.get(), timezone.localdate())


@pytest.mark.parametrize("url", ["/kinerja/antrian/", "/kinerja/bawahan/"])
def test_halaman_atasan_jumlah_query_tetap(org, url):
    client = masuk(org.kabid.user)
    _tambah_bawahan(org, 1)
    with CaptureQueriesContext(connection) as satu:
        assert client.get(url).status_code == 200
    _tambah_bawahan(org, 49)
    with CaptureQueriesContext(connection) as lima_puluh:
        assert client.get(url).status_code == 200
    # session, user, four scope reads, then one query for the list (antrian: reports with
    # pegawai and RHK joined; bawahan: subordinates with their counts aggregated in SQL).
    assert len(satu) == len(lima_puluh)


def test_form_penilaian_hanya_untuk_bawahan_langsung(org):
    assert (
        masuk(org.kabid2.user).get(f"/kinerja/penilaian/baru/{org.staf1.nip}/").status_code == 404
    )
    assert masuk(org.staf2.user).get(f"/kinerja/penilaian/baru/{org.staf1.nip}/").status_code == 404
    assert masuk(org.kabid.user).get(f"/kinerja/penilaian/baru/{org.staf1.nip}/").status_code == 200


def test_penilaian_di_luar_cakupan_404(org):
    pk = (
        klien(org.kabid.user)
        .post(
            "/api/v1/kinerja/penilaian/",
            {
                "pegawai": org.staf1.nip,
                "periode": str(timezone.localdate().year),
                "rating_hasil_kerja": "SESUAI",
                "rating_perilaku": "SESUAI",
                "umpan_balik": "Baik",
            },
            format="json",
        )
        .json()["id"]
    )
    assert masuk(org.staf2.user).get(f"/kinerja/penilaian/{pk}/").status_code == 404
    assert masuk(org.op_disdik).get(f"/kinerja/penilaian/{pk}/").status_code == 404
    assert "Baik" in masuk(org.staf1.user).get(f"/kinerja/penilaian/{pk}/").content.decode()


def _tahunan(org, pegawai, predikat, tahun=2025):
    skp = skp_disetujui(pegawai, tahun=tahun, rhk_atasan=None)
    Penilaian.objects.create(
        pegawai=pegawai, skp=skp, penilai=org.kabid, unit_kerja=pegawai.unit_kerja,
        periode=str(tahun), jenis_periode="TAHUNAN", tahun=tahun, tanggal_akhir=date(tahun, 12, 31),
        rating_hasil_kerja="SESUAI", rating_perilaku="SESUAI", predikat=predikat, umpan_balik="-",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("hasil", "sesuai"),
    [("ISTIMEWA", False), ("BAIK", True), ("BUTUH_PERBAIKAN", False), ("KURANG", False),
     ("SANGAT_KURANG", False)],
)  # fmt: skip
def test_distribusi_per_hasil_organisasi(org, hasil, sesuai):
    # Diskes 2025: Baik 2, Butuh Perbaikan 1 (kabid, staf1, staf2).
    for p, predikat in [(org.kabid, "BAIK"), (org.staf1, "BAIK"), (org.staf2, "BUTUH_PERBAIKAN")]:
        _tahunan(org, p, predikat)
    HasilOrganisasi.objects.create(unit_kerja=org.diskes, tahun=2025, hasil=hasil)
    resp = klien(org.op_diskes).get(
        "/api/v1/kinerja/distribusi/", {"unit_kerja": org.diskes.pk, "tahun": 2025}
    )
    body = resp.json()
    assert body["jumlah"] == {"BAIK": 2, "BUTUH_PERBAIKAN": 1}
    assert body["sesuai"] is sesuai
    assert bool(body["pelanggaran"]) is not sesuai
    # Another unit's operator cannot pick this unit.
    resp = klien(org.op_disdik).get(
        "/api/v1/kinerja/distribusi/", {"unit_kerja": org.diskes.pk, "tahun": 2025}
    )
    assert resp.status_code == 400
    assert resp.json()["unit_kerja"] == ["Unit kerja tidak ditemukan."]


def test_halaman_distribusi_dan_penghargaan(org):
    _tahunan(org, org.staf1, "SANGAT_BAIK")
    _tahunan(org, org.staf2, "SANGAT_BAIK")
    HasilOrganisasi.objects.create(unit_kerja=org.diskes, tahun=2025, hasil="BAIK")
    resp = masuk(org.op_diskes).get("/kinerja/distribusi/", {"tahun": 2025})
    html = resp.content.decode()
    assert "Aturan: Baik menjadi predikat terbanyak." in html
    assert org.staf1.nama in html and org.staf2.nama in html  # recognition list
    assert masuk(org.staf1.user).get("/kinerja/distribusi/").status_code == 404


def test_grafik_distribusi_terhadap_kurva(org):
    _tahunan(org, org.staf1, "SANGAT_BAIK")
    _tahunan(org, org.staf2, "BAIK")
    HasilOrganisasi.objects.create(unit_kerja=org.diskes, tahun=2025, hasil="BAIK")
    resp = masuk(org.op_diskes).get("/kinerja/distribusi/", {"tahun": 2025})
    html = resp.content.decode()
    assert 'role="img"' in html and "<title>Sebaran predikat Dinas Kesehatan tahun 2025" in html
    assert "Sangat Baik: 1 pegawai (50,0%)" in html  # the accessible summary
    aturan = resp.context["d"].aturan
    assert aturan and 'data-testid="aturan-kurva"' in html
    assert all(a.uraian in html for a in aturan)
    # The numbers stay in the table; a year without appraisals draws no chart.
    assert "<th scope=\"col\">Predikat</th>" in html
    kosong = masuk(org.op_diskes).get("/kinerja/distribusi/", {"tahun": 2024})
    assert kosong.context["grafik"] is None


def test_halaman_skp_dengan_matriks_peran_hasil(org):
    html = masuk(org.kabid.user).get("/kinerja/skp/").content.decode()
    assert "Matriks peran hasil" in html
    assert f"{org.staf1.nama}: Laporan surveilans" in html
    assert "Matriks peran hasil" not in masuk(org.staf1.user).get("/kinerja/skp/").content.decode()


def test_formulir_penilaian_menampilkan_pengaduan_terverifikasi_menyebut_pegawai(org):
    from pengaduan.models import Status
    from tests.pengaduan.factories import PengaduanFactory

    PengaduanFactory(pegawai_terkait=org.staf1, judul="Petugas kasar di loket",
                     status=Status.DIVERIFIKASI, unit_kerja=org.diskes)  # fmt: skip
    PengaduanFactory(pegawai_terkait=org.staf1, judul="Belum diperiksa", unit_kerja=org.diskes)
    PengaduanFactory(pegawai_terkait=org.staf2, judul="Orang lain",
                     status=Status.DIVERIFIKASI, unit_kerja=org.diskes)  # fmt: skip
    html = masuk(org.kabid.user).get(f"/kinerja/penilaian/baru/{org.staf1.nip}/").content.decode()
    assert "Pengaduan masyarakat tentang" in html
    assert "Petugas kasar di loket" in html
    assert "Belum diperiksa" not in html  # not verified yet
    assert "Orang lain" not in html


def test_distribusi_menyebut_kurvanya_dan_memeriksa_baris_baru_sejak_tahunnya(org):
    """The curve is a rule row: a year uses the row in force on 31 December of that year."""
    for p, predikat in [(org.kabid, "BAIK"), (org.staf1, "BAIK"), (org.staf2, "BUTUH_PERBAIKAN")]:
        _tahunan(org, p, predikat)
    HasilOrganisasi.objects.create(unit_kerja=org.diskes, tahun=2025, hasil="BAIK")
    url = "/api/v1/kinerja/distribusi/"
    body = klien(org.op_diskes).get(url, {"unit_kerja": org.diskes.pk, "tahun": 2025}).json()
    assert body["sesuai"] is True
    assert body["dasar_aturan"].startswith("PermenPANRB Nomor 6 Tahun 2022")
    # A stricter curve from 1 January 2026 does not change 2025's verdict...
    Aturan.objects.create(
        kode=katalog.KINERJA_KURVA, berlaku_mulai=date(2026, 1, 1), regulasi="SE (uji)",
        nilai={"BAIK": [{"jenis": "maks_persen", "predikat": ["BAIK"], "nilai": 50}]},
    )  # fmt: skip
    body = klien(org.op_diskes).get(url, {"unit_kerja": org.diskes.pk, "tahun": 2025}).json()
    assert body["sesuai"] is True
    # ...but from 31 December 2025 it would.
    Aturan.objects.filter(regulasi="SE (uji)").update(berlaku_mulai=date(2025, 12, 31))
    body = klien(org.op_diskes).get(url, {"unit_kerja": org.diskes.pk, "tahun": 2025}).json()
    assert body["sesuai"] is False
    assert body["pelanggaran"] == ["Aturan: Baik paling banyak 50%. Saat ini 66,67% (2 dari 3)."]
    assert body["dasar_aturan"] == "SE (uji) (berlaku 31 Desember 2025)"


def test_distribusi_sebelum_ada_kurva_tidak_diperiksa(org):
    _tahunan(org, org.staf1, "SANGAT_BAIK", tahun=2021)
    HasilOrganisasi.objects.create(unit_kerja=org.diskes, tahun=2021, hasil="BAIK")
    body = klien(org.op_diskes).get(
        "/api/v1/kinerja/distribusi/", {"unit_kerja": org.diskes.pk, "tahun": 2021}
    ).json()
    assert body["pelanggaran"] == [] and body["sesuai"] is False and body["dasar_aturan"] == ""


def test_kunjungan_pertama_distribusi_membuka_tahun_dan_unit_yang_berdata(org):
    """Early in a year the current year has no annual appraisal: a first visit opens the latest
    year that has, and the unit with an organisational result, not an empty table."""
    _tahunan(org, org.staf1, "BAIK", tahun=2024)
    _tahunan(org, org.staf2, "BUTUH_PERBAIKAN", tahun=2024)
    HasilOrganisasi.objects.create(unit_kerja=org.diskes, tahun=2024, hasil="BAIK")
    resp = masuk(org.op_diskes).get("/kinerja/distribusi/")
    assert (resp.context["tahun"], resp.context["unit"]) == (2024, org.diskes)
    assert resp.context["d"].total == 2
    # A choice made by the user is kept, even an empty one.
    resp = masuk(org.op_diskes).get("/kinerja/distribusi/", {"tahun": 2026})
    assert resp.context["tahun"] == 2026 and resp.context["d"].total == 0
    # Another unit's operator does not land on Diskes data.
    resp = masuk(org.op_disdik).get("/kinerja/distribusi/")
    assert resp.context["unit"] != org.diskes
