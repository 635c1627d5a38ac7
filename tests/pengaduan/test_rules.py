"""The pure rules: working-day deadlines, the IKM against a hand-computed example, mutu bands,
tracking codes, attachment sniffing and the status flow."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pengaduan import rules

# 2026: 1 Jan Thu (holiday); 2 Jan Fri; 3-4 Jan weekend. 16 Feb Mon, 17 Feb Tue (Imlek).
LIBUR = {date(2026, 1, 1), date(2026, 2, 17), date(2026, 3, 20), date(2026, 3, 23)}


@pytest.mark.parametrize(
    ("mulai", "hari", "batas"),
    [
        # Monday + 3 working days = Thursday.
        (date(2026, 1, 5), 3, date(2026, 1, 8)),
        # Friday + 3 = Wednesday (the weekend is skipped).
        (date(2026, 1, 9), 3, date(2026, 1, 14)),
        # Received on Saturday or Sunday: Monday is working day 1, so Wednesday.
        (date(2026, 1, 10), 3, date(2026, 1, 14)),
        (date(2026, 1, 11), 3, date(2026, 1, 14)),
        # Wednesday 31 Dec 2025 + 3: Thu 1 Jan is a holiday -> Fri 2, Mon 5, Tue 6.
        (date(2025, 12, 31), 3, date(2026, 1, 6)),
        # Monday 16 Feb + 5: Tue 17 is Imlek -> 18, 19, 20, 23, 24.
        (date(2026, 2, 16), 5, date(2026, 2, 24)),
        # Thursday 19 Mar + 3: Fri 20 and Mon 23 holidays (cuti bersama) -> 24, 25, 26.
        (date(2026, 3, 19), 3, date(2026, 3, 26)),
        # Thursday + 5 crosses one weekend.
        (date(2026, 1, 8), 5, date(2026, 1, 15)),
        (date(2026, 1, 8), 0, date(2026, 1, 8)),
    ],
)
def test_batas_hari_kerja(mulai, hari, batas):
    assert rules.tambah_hari_kerja(mulai, hari, LIBUR) == batas


def test_terlambat_mulai_sehari_setelah_batas():
    batas = date(2026, 1, 8)
    assert not rules.terlambat(rules.DITERIMA, batas, date(2026, 1, 8))
    assert rules.terlambat(rules.DITERIMA, batas, date(2026, 1, 9))
    assert rules.terlambat(rules.DIVERIFIKASI, batas, date(2026, 1, 9))
    # Once followed up or closed, nothing is overdue.
    assert not rules.terlambat(rules.DITINDAKLANJUTI, batas, date(2026, 2, 1))
    assert not rules.terlambat(rules.SELESAI, batas, date(2026, 2, 1))


# --- IKM: a worked example computed by hand ---------------------------------------------------
#
# Three respondents:
#            U1 U2 U3 U4 U5 U6 U7 U8 U9
#   R1        4  3  3  4  3  3  4  3  3
#   R2        3  3  2  4  3  4  4  3  2
#   R3        3  2  3  4  3  3  4  2  3
#   sum      10  8  8 12  9 10 12  8  8   (total 85)
#   NRR    3.333 2.667 2.667 4 3 3.333 4 2.667 2.667
#
# Index = Σ NRR × 1/9 = (85/3) / 9 = 85/27 = 3.148148…
# IKM   = 85/27 × 25 = 2125/27 = 78.7037… -> 78.70, mutu B (76.61–88.30), "Baik".
#
# Rounding NRR to two decimals first would give (28.34 / 9) × 25 = 78.72, and the weight
# 0.111 instead of 1/9 would give 78.63: the example catches both mistakes.
RESPONDEN = [
    [4, 3, 3, 4, 3, 3, 4, 3, 3],
    [3, 3, 2, 4, 3, 4, 4, 3, 2],
    [3, 2, 3, 4, 3, 3, 4, 2, 3],
]


def test_ikm_contoh_dihitung_tangan():
    jumlah = [sum(kolom) for kolom in zip(*RESPONDEN)]
    assert jumlah == [10, 8, 8, 12, 9, 10, 12, 8, 8]

    hasil = rules.hitung_ikm(jumlah, 3)

    assert hasil.responden == 3
    assert hasil.nrr == tuple(
        Decimal(x)
        for x in ["3.333", "2.667", "2.667", "4.000", "3.000", "3.333", "4.000", "2.667", "2.667"]
    )
    assert hasil.indeks == Decimal("3.148")
    assert hasil.ikm == Decimal("78.70")
    assert (hasil.mutu, hasil.kinerja) == ("B", "Baik")


@pytest.mark.parametrize(
    ("nilai", "ikm", "mutu"),
    [(4, Decimal("100.00"), "A"), (1, Decimal("25.00"), "D"), (3, Decimal("75.00"), "C")],
)
def test_ikm_batas_skala(nilai, ikm, mutu):
    hasil = rules.hitung_ikm([nilai * 2] * 9, 2)
    assert (hasil.ikm, hasil.mutu) == (ikm, mutu)


def test_ikm_tanpa_responden():
    assert rules.hitung_ikm([0] * 9, 0) is None


@pytest.mark.parametrize(
    ("ikm", "mutu"),
    [
        ("100.00", "A"),
        ("88.31", "A"),
        ("88.30", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("25.00", "D"),
    ],
)
def test_mutu_per_rentang(ikm, mutu):
    assert rules.mutu_ikm(Decimal(ikm))[0] == mutu


def test_kode_pelacakan_acak_dan_mudah_dibaca():
    kode = {rules.buat_kode() for _ in range(2000)}
    assert len(kode) == 2000
    for k in kode:
        assert len(k) == rules.PANJANG_KODE >= 8
        assert not set(k) & set("01OIL")
        assert rules.kode_sah(k)
    assert rules.normalisasi_kode(" abcd-efgh 23 ") == "ABCDEFGH23"
    assert not rules.kode_sah("ABC")
    assert not rules.kode_sah("0000000000")


@pytest.mark.parametrize(
    ("kepala", "jenis"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "png"),
        (b"%PDF-1.7\n", "pdf"),
        (b"GIF89a", None),
        (b"<html><script>", None),
        (b"MZ\x90\x00", None),
        (b"", None),
    ],
)
def test_jenis_berkas_dari_isi(kepala, jenis):
    assert rules.jenis_berkas(kepala) == jenis


def test_alur_status():
    assert rules.boleh_pindah(rules.DITERIMA, rules.DIVERIFIKASI)
    assert rules.boleh_pindah(rules.DITERIMA, rules.DITOLAK)
    assert rules.boleh_pindah(rules.DIVERIFIKASI, rules.DITINDAKLANJUTI)
    assert rules.boleh_pindah(rules.DITINDAKLANJUTI, rules.SELESAI)
    assert not rules.boleh_pindah(rules.DITERIMA, rules.SELESAI)
    assert not rules.boleh_pindah(rules.DITERIMA, rules.DITINDAKLANJUTI)
    assert not rules.boleh_pindah(rules.SELESAI, rules.DITERIMA)
    assert not rules.boleh_pindah(rules.DITOLAK, rules.DIVERIFIKASI)
