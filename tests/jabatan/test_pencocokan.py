"""The matching score on hand-made cases, its parts in words, the plug for kinerja and
pelatihan, and a query count that does not grow with the pool."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jabatan import pencocokan, rules
from jabatan.rules import Bagian, Standar
from tests.factories import PegawaiFactory, UnitKerjaFactory, admin_bkd, operator

from .factories import AsesmenFactory, JabatanFactory, KompetensiFactory, StandarFactory

BOBOT = rules.BOBOT_BAWAAN


# --- Pure parts -----------------------------------------------------------------------------


def test_kompetensi_sempurna_kesenjangan_dan_belum_diases():
    standar = [
        Standar(1, "Integritas", 3),
        Standar(2, "Komunikasi", 4),
        Standar(3, "Surveilans", 2),
    ]
    sempurna = rules.skor_kompetensi(standar, {1: 3, 2: 5, 3: 2})
    assert sempurna.nilai == 1.0
    assert sempurna.alasan == "Kompetensi 100/100: 3 dari 3 standar terpenuhi."

    celah = rules.skor_kompetensi(standar, {1: 3, 2: 2})
    assert celah.nilai == pytest.approx((1 + 0.5 + 0) / 3)
    assert celah.alasan == (
        "Kompetensi 50/100: 1 dari 3 standar terpenuhi; kurang: Komunikasi level 2 dari 4; "
        "belum diases: Surveilans."
    )


def test_kompetensi_tanpa_standar_tidak_dihitung():
    bagian = rules.skor_kompetensi([], {1: 5})
    assert bagian.nilai is None
    assert "belum memiliki standar kompetensi" in bagian.alasan


def test_pendidikan_jenjang_dan_jurusan():
    kwargs = {"minimal": "S1", "diterima": ["Kesehatan Masyarakat", "Epidemiologi"]}
    cocok = rules.skor_pendidikan(jenjang="S2", jurusan="Epidemiologi Klinis", **kwargs)
    assert cocok.nilai == 1.0
    assert cocok.alasan == (
        "Pendidikan 100/100: S2 Epidemiologi Klinis – memenuhi jenjang minimal S1; jurusan sesuai."
    )
    salah_jurusan = rules.skor_pendidikan(jenjang="S1", jurusan="Akuntansi", **kwargs)
    assert salah_jurusan.nilai == 0.5
    assert salah_jurusan.alasan == (
        "Pendidikan 50/100: S1 Akuntansi – memenuhi jenjang minimal S1; jurusan tidak sesuai "
        "(diterima: Kesehatan Masyarakat, Epidemiologi)."
    )
    assert rules.skor_pendidikan(jenjang="D3", jurusan="Akuntansi", **kwargs).nilai == 0.0
    assert rules.skor_pendidikan(jenjang="D4", jurusan="Epidemiologi", **kwargs).nilai == 1.0


def test_golongan_syarat():
    assert rules.skor_golongan(minimal="III/a", golongan="III/b").nilai == 1.0
    kurang = rules.skor_golongan(minimal="III/c", golongan="III/b")
    assert kurang.nilai == 0.0
    assert kurang.alasan == (
        "Golongan 0/100: III/b di bawah syarat minimal III/c (belum dapat ditempatkan)."
    )


def test_bagian_yang_tidak_tersedia_tidak_mengubah_skor():
    ada = [
        Bagian("kompetensi", "Kompetensi", 1.0, ""),
        Bagian("pendidikan", "Pendidikan", 0.5, ""),
        Bagian("golongan", "Golongan", 1.0, ""),
    ]
    tanpa = rules.gabung_skor(ada, BOBOT)
    dengan = rules.gabung_skor(
        [*ada, rules.bagian_tidak_tersedia("kinerja", "Predikat kinerja", "modul kinerja")], BOBOT
    )
    # 45·1 + 25·0.5 + 10·1 over 80
    assert tanpa.skor == dengan.skor == round(100 * 67.5 / 80)
    assert dengan.alasan[-1] == "Predikat kinerja: belum dihitung (modul kinerja belum tersedia)."


# --- Ranking from the database --------------------------------------------------------------


@pytest.fixture
def lowongan(db):
    unit = UnitKerjaFactory(kode="DISKES", nama="Dinas Kesehatan")
    jabatan = JabatanFactory(
        nama="Epidemiolog Kesehatan Ahli Pertama",
        pendidikan_minimal="S1",
        jurusan="Kesehatan Masyarakat; Epidemiologi",
        golongan_minimal="III/a",
    )
    surveilans = KompetensiFactory(nama="Surveilans Lapangan")
    integritas = KompetensiFactory(nama="Kejujuran Uji", jenis="MANAJERIAL")
    StandarFactory(jabatan=jabatan, kompetensi=surveilans, level=3)
    StandarFactory(jabatan=jabatan, kompetensi=integritas, level=2)

    def orang(nama, jenjang, jurusan, golongan, asesmen):
        p = PegawaiFactory(
            nama=nama,
            unit_kerja=unit,
            pendidikan_jenjang=jenjang,
            pendidikan_jurusan=jurusan,
            golongan=golongan,
        )
        for kompetensi, level in asesmen:
            AsesmenFactory(pegawai=p, kompetensi=kompetensi, level=level)
        return p

    return {
        "unit": unit,
        "jabatan": jabatan,
        "sempurna": orang(
            "Ani Sempurna",
            "S1",
            "Kesehatan Masyarakat",
            "III/b",
            [(surveilans, 3), (integritas, 2)],
        ),
        "salah_jurusan": orang(
            "Budi Akuntan", "S1", "Akuntansi", "III/b", [(surveilans, 3), (integritas, 2)]
        ),
        "celah": orang(
            "Citra Celah", "S1", "Epidemiologi", "III/b", [(surveilans, 1), (integritas, 2)]
        ),
        "golongan_rendah": orang(
            "Dodi Muda", "S1", "Epidemiologi", "II/c", [(surveilans, 3), (integritas, 2)]
        ),
        "surveilans": surveilans,
    }


def kandidat(user, jabatan, **kw):
    return {k.nama: k for k in pencocokan.kandidat_untuk(user, jabatan, **kw)}


def test_peringkat_dan_alasan_kasus_buatan(lowongan):
    hasil = pencocokan.kandidat_untuk(admin_bkd(), lowongan["jabatan"])
    # Budi: competency 100, education 50 (field), golongan 100 → (45 + 12.5 + 10) / 80.
    # Citra: competency (1/3 + 1) / 2, education 100, golongan 100 → (30 + 25 + 10) / 80.
    # Dodi: competency 100, education 100, golongan 0 → (45 + 25) / 80.
    assert [(k.nama, k.skor) for k in hasil] == [
        ("Ani Sempurna", 100),
        ("Dodi Muda", 88),
        ("Budi Akuntan", 84),
        ("Citra Celah", 81),
    ]
    ani, budi, citra, dodi = (
        {k.nama: k for k in hasil}[n]
        for n in ("Ani Sempurna", "Budi Akuntan", "Citra Celah", "Dodi Muda")
    )
    assert ani.alasan == [
        "Kompetensi 100/100: 2 dari 2 standar terpenuhi.",
        "Pendidikan 100/100: S1 Kesehatan Masyarakat – memenuhi jenjang minimal S1; jurusan "
        "sesuai.",
        "Golongan 100/100: III/b memenuhi syarat minimal III/a.",
        "Predikat kinerja: belum ada data.",
        "Pelatihan relevan: belum ada data.",
    ]
    assert ani.peringatan == [] and ani.memenuhi_syarat
    assert "jurusan tidak sesuai" in budi.alasan[1]
    assert budi.peringatan == [
        "Jurusan Akuntansi tidak termasuk jurusan yang diterima (Kesehatan Masyarakat, "
        "Epidemiologi)."
    ]
    assert citra.alasan[0] == (
        "Kompetensi 67/100: 1 dari 2 standar terpenuhi; kurang: Surveilans Lapangan level 1 dari 3."
    )
    assert not dodi.memenuhi_syarat


def test_asesmen_terbaru_yang_dihitung(lowongan):
    AsesmenFactory(
        pegawai=lowongan["celah"],
        kompetensi=lowongan["surveilans"],
        level=3,
        tanggal=date(2025, 6, 1),
    )
    AsesmenFactory(
        pegawai=lowongan["sempurna"],
        kompetensi=lowongan["surveilans"],
        level=1,
        tanggal=date(2025, 6, 1),
    )
    hasil = kandidat(admin_bkd(), lowongan["jabatan"])
    assert hasil["Citra Celah"].skor == 100
    assert hasil["Ani Sempurna"].skor == 81


def test_sumber_kinerja_dapat_dipasang(lowongan):
    def kinerja(jabatan, pegawai_ids):
        ani = lowongan["sempurna"].pk
        return {
            (j.pk, ani): (0.5, "Predikat kinerja 50/100: Butuh Perbaikan (2025).") for j in jabatan
        }

    terpasang = pencocokan._SUMBER["kinerja"].hitung  # the kinerja app's own source
    pencocokan.daftarkan_sumber("kinerja", kinerja)
    try:
        hasil = kandidat(admin_bkd(), lowongan["jabatan"])
    finally:
        pencocokan.daftarkan_sumber("kinerja", terpasang)
    assert hasil["Ani Sempurna"].skor == round(100 * 85 / 90)
    assert "Predikat kinerja 50/100: Butuh Perbaikan (2025)." in hasil["Ani Sempurna"].alasan
    assert "Predikat kinerja: belum ada data." in hasil["Budi Akuntan"].alasan


def test_operator_hanya_melihat_kandidat_di_unitnya(lowongan):
    PegawaiFactory(nama="Orang Lain", unit_kerja=UnitKerjaFactory(kode="DISDIK"))
    assert "Orang Lain" not in kandidat(operator(lowongan["unit"]), lowongan["jabatan"])
    assert "Orang Lain" in kandidat(admin_bkd(), lowongan["jabatan"])


def test_jabatan_cocok_untuk_pegawai(lowongan):
    JabatanFactory(nama="Auditor Ahli Pertama", jurusan="Akuntansi", pendidikan_minimal="S1")
    cocok = pencocokan.jabatan_cocok_untuk(lowongan["salah_jurusan"])
    assert [c.jabatan.nama for c in cocok][:2] == [
        "Auditor Ahli Pertama",
        "Epidemiolog Kesehatan Ahli Pertama",
    ]


def test_jumlah_query_tidak_tumbuh_dengan_jumlah_pegawai(lowongan):
    user = admin_bkd()
    pencocokan.kandidat_untuk(user, lowongan["jabatan"])  # warm the access-scope cache

    def hitung() -> tuple[int, int, int]:
        with CaptureQueriesContext(connection) as peringkat:
            daftar = pencocokan.kandidat_untuk(user, lowongan["jabatan"])
        with CaptureQueriesContext(connection) as halaman:
            [k.alasan for k in daftar[:50]]
        return len(daftar), len(peringkat), len(halaman)

    jumlah, peringkat, halaman = hitung()
    for p in PegawaiFactory.create_batch(30, unit_kerja=lowongan["unit"]):
        AsesmenFactory(pegawai=p, kompetensi=lowongan["surveilans"], level=2)
    assert hitung() == (jumlah + 30, peringkat, halaman)
    # jabatan, its standards with their competencies, the pool with the latest assessments
    # (one query on PostgreSQL), the latest appraisals (kinerja source), the standards,
    # programme competencies and passed participations (pelatihan source); then the page's
    # display columns, once per page read
    assert (peringkat, halaman) == (7 if connection.vendor == "postgresql" else 8, 1)
