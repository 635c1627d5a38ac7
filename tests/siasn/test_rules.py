"""The SIASN code tables and comparisons, one row per case."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from siasn import rules


@pytest.mark.parametrize(
    ("golongan", "kode"),
    [("I/a", "11"), ("II/d", "24"), ("III/a", "31"), ("III/b", "32"), ("IV/e", "45"),
     ("iv/A", "41"), ("IX", "IX"), ("", "")],
)  # fmt: skip
def test_golongan_id(golongan, kode):
    assert rules.golongan_id(golongan) == kode


@pytest.mark.parametrize(
    ("predikat", "kuadran"),
    [("SANGAT_BAIK", 1), ("BAIK", 2), ("BUTUH_PERBAIKAN", 3), ("KURANG", 4),
     ("SANGAT_KURANG", 5)],
)  # fmt: skip
def test_kuadran_dari_predikat(predikat, kuadran):
    assert rules.KUADRAN_PREDIKAT[predikat] == kuadran


@pytest.mark.parametrize(
    ("jp", "jam"),
    [(Decimal("24"), 24), (Decimal("2.49"), 2), (Decimal("2.5"), 3), (Decimal("0.5"), 1), (0, 0)],
)
def test_jam_pelajaran_dibulatkan_setengah_ke_atas(jp, jam):
    assert rules.jam_pelajaran(jp) == jam


def test_tanggal_bkn():
    assert rules.tanggal_bkn(date(2026, 3, 2)) == "02-03-2026"
    assert rules.tanggal_bkn(None) == ""


@pytest.mark.parametrize(
    ("teks", "tanggal"),
    [("01-04-2020", date(2020, 4, 1)), ("2020-04-01", date(2020, 4, 1)),
     ("31-02-2020", None), ("", None), ("kemarin", None)],
)  # fmt: skip
def test_tanggal_dari_bkn(teks, tanggal):
    assert rules.tanggal_dari_bkn(teks) == tanggal


@pytest.mark.parametrize(
    ("jenis", "riwayat"),
    [("PKP", "DIKLAT"), ("PKA", "DIKLAT"), ("PKN", "DIKLAT"), ("TEKNIS", "KURSUS"),
     ("SEMINAR", "KURSUS"), ("E_LEARNING", "KURSUS")],
)  # fmt: skip
def test_jenis_riwayat_pelatihan(jenis, riwayat):
    assert rules.jenis_riwayat_pelatihan(jenis) == riwayat


@pytest.mark.parametrize(
    ("percobaan", "detik"),
    [(0, 30), (1, 30), (2, 60), (3, 120), (7, 1920), (8, 3600), (20, 3600)],
)
def test_jeda_percobaan(percobaan, detik):
    assert rules.jeda_percobaan(percobaan) == detik


@pytest.mark.parametrize(
    ("teks", "kode"),
    [("S-1/Sarjana", "S1"), ("S1", "S1"), ("S-2", "S2"), ("Magister", "S2"), ("S-3/Doktor", "S3"),
     ("Diploma IV", "D4"), ("D-III", "D3"), ("Diploma III", "D3"), ("D-II", "D2"),
     ("Diploma I", "D1"), ("SLTA", "SLTA"), ("SMK", "SLTA"), ("SLTP", "SMP"), ("SD", "SD"),
     ("", ""), ("Lainnya", "")],
)  # fmt: skip
def test_jenjang_dari_siasn(teks, kode):
    assert rules.jenjang_dari_siasn(teks) == kode


def test_selisih_mengabaikan_huruf_spasi_dan_nilai_siasn_kosong():
    lokal = {"GOLONGAN": "III/a", "JABATAN": "Analis  Kebijakan", "UNIT": "Dinas Kesehatan",
             "PENDIDIKAN": "S1"}  # fmt: skip
    siasn = {"GOLONGAN": "III/A", "JABATAN": "ANALIS KEBIJAKAN", "UNIT": "", "PENDIDIKAN": "S1"}
    assert rules.selisih(lokal, siasn) == {}


def test_selisih_menyebut_yang_berbeda():
    lokal = {"GOLONGAN": "III/a", "JABATAN": "Analis", "UNIT": "Dinas Kesehatan",
             "PENDIDIKAN": "S1"}  # fmt: skip
    siasn = {"GOLONGAN": "III/b", "JABATAN": "Analis", "UNIT": "Dinas Pendidikan",
             "PENDIDIKAN": "S2"}  # fmt: skip
    assert rules.selisih(lokal, siasn) == {
        "GOLONGAN": ("III/a", "III/b"),
        "UNIT": ("Dinas Kesehatan", "Dinas Pendidikan"),
        "PENDIDIKAN": ("S1", "S2"),
    }


def test_ringkas_data_utama():
    data = {"golRuangAkhir": "iii/c", "jabatanNama": " Perawat  Ahli Muda ",
            "unorNama": "Dinas Kesehatan", "tkPendidikanTerakhir": "Diploma III"}  # fmt: skip
    assert rules.ringkas_data_utama(data) == {
        "GOLONGAN": "III/c",
        "JABATAN": "Perawat Ahli Muda",
        "UNIT": "Dinas Kesehatan",
        "PENDIDIKAN": "D3",
    }
