"""Kenaikan pangkat periods as the regulation of each date says (DOMAIN.md §2): April and
October before 2024; even months from 1 January 2024 (Peraturan BKN 4/2023); every month from
1 October 2025 (Peraturan BKN 4/2025). Every month of the years around each change is a row."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from karier import rules
from karier.rules import parse_periode_kp, periode_kp_berikut, periode_kp_sah
from tests.karier.aturan_uji import JADWAL

SAH = {
    2022: {4, 10},
    2023: {4, 10},
    2024: {2, 4, 6, 8, 10, 12},
    2025: {2, 4, 6, 8, 10, 11, 12},  # even months, then every month from October
    2026: set(range(1, 13)),
}


@pytest.mark.parametrize(
    ("tahun", "bulan"), [(t, b) for t in SAH for b in range(1, 13)]
)
def test_setiap_bulan_tiap_tahun_di_sekitar_perubahan(tahun, bulan):
    kode = f"{tahun}-{bulan:02d}"
    if bulan in SAH[tahun]:
        assert parse_periode_kp(kode, JADWAL).tmt == date(tahun, bulan, 1)
    else:
        with pytest.raises(rules.AturanError, match="bukan periode kenaikan pangkat"):
            parse_periode_kp(kode, JADWAL)


@pytest.mark.parametrize(
    ("kode", "regulasi"),
    [("2023-10", "PP 99/2000"), ("2024-02", "Peraturan BKN Nomor 4 Tahun 2023"),
     ("2025-08", "Peraturan BKN Nomor 4 Tahun 2023"),
     ("2025-10", "Peraturan BKN Nomor 4 Tahun 2025"),
     ("2025-11", "Peraturan BKN Nomor 4 Tahun 2025")],
)  # fmt: skip
def test_periode_menyebut_regulasi_yang_diterapkan(kode, regulasi):
    assert parse_periode_kp(kode, JADWAL).regulasi.startswith(regulasi)


def test_penolakan_menyebut_regulasi_dan_bulannya():
    with pytest.raises(rules.AturanError) as exc:
        parse_periode_kp("2025-05", JADWAL)
    assert str(exc.value) == (
        "Mei 2025 bukan periode kenaikan pangkat: menurut Peraturan BKN Nomor 4 Tahun 2023 "
        "periode hanya pada tanggal 1 Februari, April, Juni, Agustus, Oktober dan Desember."
    )


@pytest.mark.parametrize("kode", ["2026-4", "26-04", "", "2026-13", "2026-00", "abcd-04", "April"])
def test_kode_rusak(kode):
    with pytest.raises(rules.AturanError, match="YYYY-MM"):
        parse_periode_kp(kode, JADWAL)


@pytest.mark.parametrize(
    ("hari_ini", "periode"),
    [
        (date(2023, 4, 1), "2023-04"),  # on a period day: that period
        (date(2023, 4, 2), "2023-10"),
        (date(2023, 10, 2), "2024-02"),  # crosses into Peraturan BKN 4/2023
        (date(2023, 12, 31), "2024-02"),
        (date(2024, 1, 1), "2024-02"),
        (date(2024, 2, 2), "2024-04"),
        (date(2025, 8, 2), "2025-10"),
        (date(2025, 9, 30), "2025-10"),
        (date(2025, 10, 1), "2025-10"),
        (date(2025, 10, 2), "2025-11"),  # monthly from 1 October 2025
        (date(2026, 11, 30), "2026-12"),
        (date(2026, 12, 2), "2027-01"),
    ],
)
def test_periode_berikutnya(hari_ini, periode):
    assert periode_kp_berikut(hari_ini, JADWAL).kode == periode


def test_tidak_ada_aturan_pada_tanggal_itu():
    with pytest.raises(rules.AturanError, match="Belum ada aturan periode"):
        parse_periode_kp("2000-04", JADWAL[1:])


def test_nama_bulan_dalam_kata():
    assert rules.uraian_bulan({4, 10}) == "tanggal 1 April dan Oktober"
    assert rules.uraian_bulan(range(1, 13)) == "tanggal 1 setiap bulan"


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2098, 12, 31)))
def test_periode_berikutnya_pada_atau_setelah_tanggal_sah_pada_tanggalnya_tanpa_terlewat(d):
    p = periode_kp_berikut(d, JADWAL)
    assert p.tmt >= d
    assert periode_kp_sah(p.tmt, JADWAL)
    assert parse_periode_kp(p.kode, JADWAL) == p
    # No valid period lies between the date and the answer.
    hari = d
    while hari < p.tmt:
        assert not periode_kp_sah(hari, JADWAL)
        hari += timedelta(days=1)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_periode_sah_selalu_tanggal_satu_bulan_yang_diizinkan_pada_tanggal_itu(d):
    if periode_kp_sah(d, JADWAL):
        assert d.day == 1
        assert parse_periode_kp(f"{d:%Y-%m}", JADWAL).tmt == d
