"""The pure rules: predikat matrix (all nine cells), distribution curve, periods, window."""

from __future__ import annotations

from datetime import date, time

import pytest

from kinerja import rules
from kinerja.rules import (
    BAIK,
    BUTUH_PERBAIKAN,
    DI_ATAS,
    DI_BAWAH,
    ISTIMEWA,
    KURANG,
    SANGAT_BAIK,
    SANGAT_KURANG,
    SESUAI,
)
from tests.kinerja.kurva_uji import KURVA


@pytest.mark.parametrize(
    ("hasil_kerja", "perilaku", "predikat"),
    [
        (DI_ATAS, DI_BAWAH, KURANG),
        (DI_ATAS, SESUAI, BAIK),
        (DI_ATAS, DI_ATAS, SANGAT_BAIK),
        (SESUAI, DI_BAWAH, KURANG),
        (SESUAI, SESUAI, BAIK),
        (SESUAI, DI_ATAS, BAIK),
        (DI_BAWAH, DI_BAWAH, SANGAT_KURANG),
        (DI_BAWAH, SESUAI, BUTUH_PERBAIKAN),
        (DI_BAWAH, DI_ATAS, BUTUH_PERBAIKAN),
    ],
)
def test_matriks_predikat(hasil_kerja, perilaku, predikat):
    assert rules.predikat_kinerja(hasil_kerja, perilaku) == predikat


def test_matriks_lengkap_sembilan_sel():
    assert len(rules.MATRIKS_PREDIKAT) == 9


def test_rating_tidak_dikenal():
    with pytest.raises(rules.AturanError, match="Rating tidak dikenal"):
        rules.predikat_kinerja("LUAR_BIASA", SESUAI)


def _jumlah(sb=0, b=0, bp=0, k=0, sk=0):
    return {SANGAT_BAIK: sb, BAIK: b, BUTUH_PERBAIKAN: bp, KURANG: k, SANGAT_KURANG: sk}


@pytest.mark.parametrize(
    ("hasil", "jumlah", "dilanggar"),
    [
        # Istimewa: Sangat Baik the most, at most 70%.
        (ISTIMEWA, _jumlah(sb=6, b=4), []),
        (ISTIMEWA, _jumlah(sb=8, b=2), ["Sangat Baik paling banyak 70%"]),
        (ISTIMEWA, _jumlah(sb=3, b=5, bp=2), ["Sangat Baik menjadi predikat terbanyak"]),
        # Baik: Baik the most, at most 70%, at least one Butuh Perbaikan or Kurang.
        (BAIK, _jumlah(sb=2, b=6, bp=1, k=1), []),
        (BAIK, _jumlah(sb=2, b=8), [
            "Baik paling banyak 70%", "paling sedikit 1 pegawai Butuh Perbaikan atau Kurang"]),
        (BAIK, _jumlah(sb=5, b=3, k=2), ["Baik menjadi predikat terbanyak"]),
        # Butuh Perbaikan: at least 60% BP; Sangat Baik at most 10%.
        (BUTUH_PERBAIKAN, _jumlah(sb=1, b=3, bp=6), []),
        (BUTUH_PERBAIKAN, _jumlah(sb=2, b=3, bp=5), [
            "Butuh Perbaikan paling sedikit 60%", "Sangat Baik paling banyak 10%"]),
        # Kurang: at least 60% Kurang, at least 10% BP, Sangat Baik at most 10%.
        (KURANG, _jumlah(sb=1, bp=1, k=6, b=2), []),
        (KURANG, _jumlah(b=4, k=6), ["Butuh Perbaikan paling sedikit 10%"]),
        (KURANG, _jumlah(sb=2, bp=3, k=5), [
            "Kurang paling sedikit 60%", "Sangat Baik paling banyak 10%"]),
        # Sangat Kurang: at least 60% SK, at least 10% Kurang or BP, no Sangat Baik.
        (SANGAT_KURANG, _jumlah(sk=6, k=1, b=3), []),
        (SANGAT_KURANG, _jumlah(sk=7, b=2, sb=1), [
            "Butuh Perbaikan atau Kurang paling sedikit 10%", "tidak ada Sangat Baik"]),
        (SANGAT_KURANG, _jumlah(sk=5, bp=5), ["Sangat Kurang paling sedikit 60%"]),
    ],
)  # fmt: skip
def test_kurva_distribusi_per_hasil_organisasi(hasil, jumlah, dilanggar):
    pelanggaran = rules.cek_distribusi(hasil, jumlah, KURVA)

    assert [p.aturan.uraian for p in pelanggaran] == dilanggar
    for p in pelanggaran:
        assert p.pesan.startswith(f"Aturan: {p.aturan.uraian}. Saat ini ")


def test_pesan_distribusi_menyebut_angka():
    [p] = rules.cek_distribusi(ISTIMEWA, _jumlah(sb=8, b=2), KURVA)
    assert p.pesan == "Aturan: Sangat Baik paling banyak 70%. Saat ini 80% (8 dari 10)."


def test_distribusi_tanpa_penilaian_tidak_dicek():
    assert rules.cek_distribusi(BAIK, {}, KURVA) == []


def test_aturan_distribusi_adalah_data():
    # A custom table replaces the regulation's (verify) numbers without touching code.
    aturan = {BAIK: [rules.AturanDistribusi(rules.MAKS_PERSEN, frozenset({BAIK}), 90)]}
    assert rules.cek_distribusi(BAIK, _jumlah(b=8, sb=2), aturan) == []


@pytest.mark.parametrize(
    ("kode", "jenis", "mulai", "akhir"),
    [
        ("2026-02", rules.BULANAN, date(2026, 2, 1), date(2026, 2, 28)),
        ("2026-Q2", rules.TRIWULANAN, date(2026, 4, 1), date(2026, 6, 30)),
        ("2026-q4", rules.TRIWULANAN, date(2026, 10, 1), date(2026, 12, 31)),
        ("2026", rules.TAHUNAN, date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_periode(kode, jenis, mulai, akhir):
    p = rules.parse_periode(kode)
    assert (p.jenis, p.mulai, p.akhir) == (jenis, mulai, akhir)


@pytest.mark.parametrize("kode", ["2026-13", "2026-Q5", "26-Q1", "", "2026/01"])
def test_periode_salah(kode):
    with pytest.raises(rules.AturanError):
        rules.parse_periode(kode)


def test_jendela_lapor():
    hari_ini = date(2026, 3, 10)
    assert rules.cek_tanggal_laporan(hari_ini, hari_ini, 5) is None
    assert rules.cek_tanggal_laporan(date(2026, 3, 5), hari_ini, 5) is None
    assert rules.cek_tanggal_laporan(date(2026, 3, 11), hari_ini, 5) == (
        "Tanggal laporan tidak boleh di masa depan."
    )
    assert rules.cek_tanggal_laporan(date(2026, 3, 4), hari_ini, 5) == (
        "Laporan hanya dapat diisi untuk hari ini dan 5 hari sebelumnya (paling awal 05-03-2026)."
    )


def test_menit_dan_jenis_berkas():
    assert rules.menit_antara(time(8, 15), time(10, 0)) == 105
    assert rules.jenis_berkas(b"%PDF-1.7\n") == "application/pdf"
    assert rules.jenis_berkas(b"\x89PNG\r\n\x1a\n") == "image/png"
    assert rules.jenis_berkas(b"\xff\xd8\xff\xe0") == "image/jpeg"
    assert rules.jenis_berkas(b"GIF89a") is None
