"""A horizontal bar chart as inline SVG, drawn on the server (no JavaScript, no CDN).

Pure geometry: `grafik_batang` turns already aggregated numbers into coordinates, and
templates/includes/grafik_batang.html draws them with `role="img"`, an `aria-label` and a
`<title>`; pages keep the same numbers in a table beside the chart. Used by pelatihan (JP
compliance per unit), pengaduan (IKM per unit and per unsur over the years) and kinerja
(predikat spread against the curve). kinerja/grafik.py keeps its own daily chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

TINGGI_BARIS = 26
LEBAR = 640
KIRI = 190  # room for the labels
KANAN = 70  # room for the value after the bar
ATAS = 8


@dataclass(frozen=True)
class Penanda:
    """A vertical tick on a bar: a bound (e.g. the curve's "paling banyak 20%")."""

    nilai: float
    teks: str


@dataclass(frozen=True)
class Data:
    label: str
    nilai: float
    teks_nilai: str = ""  # shown after the bar; defaults to the number
    penanda: Sequence[Penanda] = ()
    kelas: str = ""  # e.g. "kurang" to colour a bar below its target


@dataclass(frozen=True)
class BatangSvg:
    label: str
    y: float
    y_teks: float
    lebar: float
    x_nilai: float
    teks_nilai: str
    kelas: str
    penanda: list[tuple[float, str]] = field(default_factory=list)

    @property
    def y_penanda_atas(self) -> float:
        return self.y - 3

    @property
    def y_penanda_bawah(self) -> float:
        return self.y + 21


@dataclass(frozen=True)
class GrafikBatang:
    judul: str
    batang: list[BatangSvg]
    garis: list[tuple[float, str]]  # (x, label) of the vertical grid lines
    tinggi: int
    lebar: int = LEBAR
    kiri: int = KIRI
    kanan_plot: int = LEBAR - KANAN

    @property
    def y_sumbu(self) -> int:
        return self.tinggi - 4

    @property
    def y_grid(self) -> int:
        return self.tinggi - 18

    @property
    def ringkasan(self) -> str:
        """The chart in one sentence, for screen readers (aria-label)."""
        isi = "; ".join(f"{b.label}: {b.teks_nilai}" for b in self.batang)
        return f"{self.judul}. {isi}" if isi else self.judul


def _angka(x: float) -> str:
    teks = f"{x:.2f}".rstrip("0").rstrip(".")
    return teks.replace(".", ",")


def grafik_batang(
    judul: str, data: Sequence[Data], *, maks: float, satuan: str = "", langkah: float = 0
) -> GrafikBatang:
    """Bars scaled to `maks` (100 for percentages), grid lines every `langkah`."""
    maks = maks or 1
    lebar_plot = LEBAR - KIRI - KANAN
    batang = []
    for i, d in enumerate(data):
        y = ATAS + i * TINGGI_BARIS
        nilai = max(0.0, min(float(d.nilai), maks))
        batang.append(
            BatangSvg(
                label=d.label if len(d.label) <= 30 else d.label[:29] + "…",
                y=y + 4,
                y_teks=y + TINGGI_BARIS / 2 + 4,
                lebar=round(lebar_plot * nilai / maks, 2),
                x_nilai=round(KIRI + lebar_plot * nilai / maks + 6, 2),
                teks_nilai=d.teks_nilai or f"{_angka(float(d.nilai))}{satuan}",
                kelas=d.kelas,
                penanda=[
                    (round(KIRI + lebar_plot * min(p.nilai, maks) / maks, 2), p.teks)
                    for p in d.penanda
                ],
            )
        )
    garis = []
    if langkah:
        v = 0.0
        while v <= maks + 1e-9:
            garis.append((round(KIRI + lebar_plot * v / maks, 2), f"{_angka(v)}{satuan}"))
            v += langkah
    tinggi = ATAS + len(data) * TINGGI_BARIS + 20
    return GrafikBatang(judul=judul, batang=batang, garis=garis, tinggi=tinggi)
