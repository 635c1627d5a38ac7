"""The pure career rules: the nine boxes exactly as DOMAIN.md §5, the kinerja and potensi
levels, and kenaikan pangkat eligibility on hand-made careers."""

from __future__ import annotations

from datetime import date

import pytest

from karier import rules
from karier.rules import (
    DI_ATAS,
    DI_BAWAH,
    MENENGAH,
    RENDAH,
    SESUAI,
    TINGGI,
    KarierPangkat,
    kelayakan_kenaikan_pangkat,
    kotak_talenta,
    parse_periode_kp,
)
from tests.karier.aturan_uji import JADWAL, PLAFON

# DOMAIN.md §5, row by row: box, kinerja, potensi, recommended actions.
SEMBILAN_KOTAK = [
    (9, DI_ATAS, TINGGI,
     ["Promosi dan dipertahankan", "Masuk rencana suksesi", "Diberi penghargaan"]),
    (8, SESUAI, TINGGI,
     ["Dipertahankan", "Masuk rencana suksesi",
      "Rotasi atau perluasan jabatan (job enlargement)", "Coaching kinerja"]),
    (7, DI_ATAS, MENENGAH,
     ["Dipertahankan", "Masuk rencana suksesi",
      "Rotasi atau pengayaan jabatan (job enrichment)", "Pengembangan kompetensi"]),
    (6, DI_BAWAH, TINGGI, ["Penempatan yang sesuai", "Coaching dan konseling kinerja"]),
    (5, SESUAI, MENENGAH,
     ["Penempatan yang sesuai", "Coaching kinerja", "Pengembangan kompetensi"]),
    (4, DI_ATAS, RENDAH, ["Rotasi", "Pengembangan kompetensi"]),
    (3, DI_BAWAH, MENENGAH,
     ["Coaching dan konseling kinerja", "Pengembangan kompetensi", "Penempatan yang sesuai"]),
    (2, SESUAI, RENDAH,
     ["Coaching kinerja", "Pengembangan kompetensi", "Penempatan yang sesuai"]),
    (1, DI_BAWAH, RENDAH, ["Ditangani sesuai ketentuan peraturan disiplin dan kinerja"]),
]  # fmt: skip


@pytest.mark.parametrize(("kotak", "kinerja", "potensi", "rekomendasi"), SEMBILAN_KOTAK)
def test_sembilan_kotak_dan_rekomendasinya(kotak, kinerja, potensi, rekomendasi):
    hasil = kotak_talenta(kinerja, potensi)
    assert hasil.kotak == kotak
    assert list(hasil.rekomendasi) == rekomendasi
    assert hasil.talent_pool == (kotak >= 7)
    assert rules.posisi_kotak(kotak) == (kinerja, potensi)


def test_setiap_sel_tepat_satu_kotak():
    assert sorted(rules.KOTAK.values()) == list(range(1, 10))
    assert len(rules.KOTAK) == 9


def test_level_tak_dikenal_ditolak():
    with pytest.raises(rules.AturanError):
        kotak_talenta("LUAR_BIASA", TINGGI)


@pytest.mark.parametrize(
    ("predikat", "level"),
    [("SANGAT_BAIK", DI_ATAS), ("BAIK", SESUAI), ("BUTUH_PERBAIKAN", DI_BAWAH),
     ("KURANG", DI_BAWAH), ("SANGAT_KURANG", DI_BAWAH)],
)  # fmt: skip
def test_level_kinerja_dari_predikat_tahunan(predikat, level):
    assert rules.level_kinerja(predikat) == level


def test_tabel_konversi_bisa_diganti():
    assert rules.level_kinerja("BAIK", {"BAIK": DI_ATAS}) == DI_ATAS


@pytest.mark.parametrize(
    ("skor", "level"),
    [(100, TINGGI), (80, TINGGI), (79.99, MENENGAH), (60, MENENGAH), (59.9, RENDAH), (0, RENDAH)],
)
def test_level_potensi_menurut_ambang(skor, level):
    assert rules.level_potensi(skor) == level


@pytest.mark.parametrize(
    ("levels", "hr", "skor"),
    [([4, 4], None, 80.0), ([], 70, 70.0), ([3, 5], 90, 85.0), ([], None, None)],
)
def test_skor_potensi_dari_asesmen_dan_hr(levels, hr, skor):
    assert rules.skor_potensi(level_asesmen=levels, nilai_hr=hr) == skor


# --- Kenaikan pangkat ---------------------------------------------------------------------------

APRIL_2026 = parse_periode_kp("2026-04", JADWAL)
BAIK_DUA_TAHUN = {2025: "BAIK", 2024: "SANGAT_BAIK"}


def _kp(k: KarierPangkat, periode, **opsi):
    """The eligibility rule with the seeded education table unless a test passes its own."""
    return kelayakan_kenaikan_pangkat(k, periode, **{"plafon_pendidikan": PLAFON, **opsi})


def karier(**ubah) -> KarierPangkat:
    data = dict(
        status_kepegawaian="PNS",
        golongan="III/b",
        tmt_golongan=date(2022, 4, 1),
        pendidikan="S1",
        predikat=BAIK_DUA_TAHUN,
    )
    data.update(ubah)
    return KarierPangkat(**data)


def test_layak_empat_tahun_predikat_baik_di_bawah_plafon():
    hasil = _kp(karier(), APRIL_2026)
    assert hasil.layak and hasil.alasan == []
    assert hasil.golongan_baru == "III/c"
    assert hasil.plafon == "III/d"


def test_terlalu_awal_menyebut_tanggal_memenuhi():
    hasil = _kp(karier(tmt_golongan=date(2022, 4, 2)), APRIL_2026)
    assert not hasil.layak
    assert hasil.alasan == [
        "Masa dalam golongan III/b belum 4 tahun (TMT 02-04-2022; memenuhi 02-04-2026)."
    ]
    # Six months later the same career is in time for October.
    assert _kp(
        karier(tmt_golongan=date(2022, 4, 2)), parse_periode_kp("2026-10", JADWAL)
    ).layak


def test_masa_golongan_adalah_data():
    hasil = _kp(
        karier(tmt_golongan=date(2023, 4, 1)), APRIL_2026, masa_tahun=3
    )
    assert hasil.layak


@pytest.mark.parametrize(
    ("predikat", "alasan"),
    [
        ({2025: "BUTUH_PERBAIKAN", 2024: "BAIK"},
         "Predikat kinerja 2025 Butuh Perbaikan (minimal Baik)."),
        ({2025: "BAIK", 2024: "KURANG"}, "Predikat kinerja 2024 Kurang/Misconduct (minimal Baik)."),
        ({2025: "BAIK"}, "Predikat kinerja tahunan 2024 belum ada."),
    ],
)  # fmt: skip
def test_predikat_lemah_atau_kosong(predikat, alasan):
    hasil = _kp(karier(predikat=predikat), APRIL_2026)
    assert not hasil.layak
    assert hasil.alasan == [alasan]


def test_di_batas_pendidikan():
    hasil = _kp(karier(golongan="III/d", pendidikan="S1"), APRIL_2026)
    assert not hasil.layak
    assert hasil.alasan == ["Golongan III/d sudah mencapai batas pendidikan S1 (III/d)."]
    # A master's degree lifts the ceiling to IV/a.
    assert _kp(karier(golongan="III/d", pendidikan="S2"), APRIL_2026).layak


def test_di_batas_jabatan_fungsional():
    hasil = _kp(
        karier(golongan="III/b", pendidikan="S2", jenjang_fungsional="AHLI_PERTAMA"), APRIL_2026
    )
    assert not hasil.layak
    assert hasil.alasan == [
        "Golongan III/b sudah mencapai batas jabatan fungsional Ahli Pertama (III/b)."
    ]


def test_di_batas_eselon():
    hasil = _kp(
        karier(golongan="III/d", pendidikan="S2", eselon="IV.a"), APRIL_2026
    )
    assert hasil.alasan == ["Golongan III/d sudah mencapai batas jabatan eselon IV.a (III/d)."]


def test_plafon_pendidikan_adalah_data():
    plafon = {**PLAFON, "S1": "IV/a"}
    assert _kp(
        karier(golongan="III/d"), APRIL_2026, plafon_pendidikan=plafon
    ).layak


def test_bukan_pns_dan_golongan_puncak():
    assert _kp(karier(status_kepegawaian="PPPK", golongan="IX"),
                                      APRIL_2026).alasan == [
        "Hanya PNS yang naik pangkat (PPPK)."
    ]  # fmt: skip
    assert _kp(karier(golongan="IV/e"), APRIL_2026).alasan == [
        "Golongan IV/e sudah tertinggi."
    ]


def test_semua_alasan_disebut_sekaligus():
    hasil = _kp(
        karier(golongan="III/d", tmt_golongan=date(2024, 1, 1), predikat={}), APRIL_2026
    )
    assert len(hasil.alasan) == 4
