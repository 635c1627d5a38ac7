"""Geometry of the server-rendered charts (inline SVG, no JavaScript): pure functions from
already aggregated numbers to the coordinates the templates draw."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .rules import NAMA_BULAN
from .selectors import LaporanHari

NAMA_HARI = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"]

# viewBox of the daily chart: plot area inside margins for the axis labels.
LEBAR, TINGGI = 360, 170
KIRI, KANAN, ATAS, BAWAH = 26, 14, 8, 22


@dataclass(frozen=True)
class Batang:
    x: float
    lebar: float
    x_tengah: float
    y_disetujui: float
    tinggi_disetujui: float
    y_lain: float
    tinggi_lain: float
    label: str | None  # a date under every seventh bar
    judul: str  # the tooltip / accessible text
    hari: LaporanHari


@dataclass(frozen=True)
class GrafikHarian:
    batang: list[Batang]
    maks: int
    garis: list[tuple[float, int]]  # (y, value) of the horizontal grid lines
    lebar: int = LEBAR
    tinggi: int = TINGGI
    kiri: int = KIRI
    dasar: float = TINGGI - BAWAH  # the y of the zero line
    kanan_plot: float = LEBAR - KANAN

    @property
    def total(self) -> int:
        return sum(b.hari.jumlah for b in self.batang)

    @property
    def total_disetujui(self) -> int:
        return sum(b.hari.disetujui for b in self.batang)


def _skala_maks(n: int) -> int:
    """A round top of the axis: 4, 8, 10, 20, 40, 50, 100, …"""
    if n <= 4:
        return 4
    pangkat = 10 ** math.floor(math.log10(n))
    for k in (1, 2, 4, 5, 10):
        if n <= k * pangkat:
            return k * pangkat
    return 10 * pangkat  # pragma: no cover


def grafik_harian(hari: Sequence[LaporanHari]) -> GrafikHarian:
    """Stacked bars per day: approved at the bottom, the rest (waiting or returned) on top."""
    maks = _skala_maks(max((h.jumlah for h in hari), default=0))
    tinggi_plot = TINGGI - ATAS - BAWAH
    lebar_plot = LEBAR - KIRI - KANAN
    slot = lebar_plot / max(len(hari), 1)
    dasar = TINGGI - BAWAH
    batang = []
    for i, h in enumerate(hari):
        t_ok = tinggi_plot * h.disetujui / maks
        t_lain = tinggi_plot * (h.jumlah - h.disetujui) / maks
        label = f"{h.tanggal.day}/{h.tanggal.month}" if (len(hari) - 1 - i) % 7 == 0 else None
        batang.append(
            Batang(
                x=round(KIRI + i * slot + slot * 0.15, 2),
                lebar=round(slot * 0.7, 2),
                x_tengah=round(KIRI + i * slot + slot / 2, 2),
                y_disetujui=round(dasar - t_ok, 2),
                tinggi_disetujui=round(t_ok, 2),
                y_lain=round(dasar - t_ok - t_lain, 2),
                tinggi_lain=round(t_lain, 2),
                label=label,
                judul=f"{NAMA_HARI[h.tanggal.weekday()]}, {h.tanggal.day} "
                f"{NAMA_BULAN[h.tanggal.month]}: {h.jumlah} laporan, {h.disetujui} disetujui",
                hari=h,
            )
        )
    garis = [(round(dasar - tinggi_plot * k / 2, 2), maks * k // 2) for k in (0, 1, 2)]
    return GrafikHarian(batang=batang, maks=maks, garis=garis)
