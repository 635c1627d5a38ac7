"""The shipped holidays (2026 from the SKB of the three ministers, 2027 estimated and marked
verify): every row is in the table and is a non-working day for every deadline."""

from __future__ import annotations

from datetime import date

import pytest

from pengaduan import rules
from pengaduan.data_libur import HARI_LIBUR
from pengaduan.models import HariLibur
from pengaduan.selectors import batas_hari_kerja

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("tanggal", "keterangan", "jenis", "sumber", "verifikasi"), HARI_LIBUR)
def test_setiap_baris_bawaan_ada_di_tabel_dan_bukan_hari_kerja(
    tanggal, keterangan, jenis, sumber, verifikasi
):
    h = HariLibur.objects.get(tanggal=tanggal)
    assert (h.keterangan, h.jenis, h.sumber, h.perlu_verifikasi) == (
        keterangan, jenis, sumber, verifikasi
    )  # fmt: skip
    assert not rules.hari_kerja(tanggal, {tanggal})
    assert verifikasi is (tanggal.year == 2027)


def test_2026_memuat_libur_nasional_dan_cuti_bersama_menurut_skb():
    tahun = [h for h in HARI_LIBUR if h[0].year == 2026]
    assert sum(1 for h in tahun if h[2] == "LIBUR") == 17
    assert sum(1 for h in tahun if h[2] == "CUTI_BERSAMA") == 8


@pytest.mark.parametrize(
    ("mulai", "hari", "batas"),
    [
        (date(2026, 3, 17), 3, date(2026, 3, 27)),  # Nyepi, Idul Fitri and cuti bersama
        (date(2026, 3, 16), 1, date(2026, 3, 17)),  # the day before the break
        (date(2026, 12, 23), 1, date(2026, 12, 28)),  # cuti bersama 24, Natal 25
        (date(2026, 5, 13), 1, date(2026, 5, 18)),  # Kenaikan 14, cuti bersama 15
        (date(2026, 8, 14), 1, date(2026, 8, 18)),  # 17 Agustus
    ],
)
def test_batas_waktu_hari_kerja_melewatinya(mulai, hari, batas):
    assert batas_hari_kerja(mulai, hari) == batas


def test_hr_dapat_mengoreksi_tanggal():
    HariLibur.objects.filter(tanggal=date(2027, 3, 10)).update(tanggal=date(2027, 3, 9))
    assert batas_hari_kerja(date(2027, 3, 8), 1) == date(2027, 3, 10)
