"""Reading the rule in force: `aturan_berlaku(kode, pada=tanggal)`.

Every app calls this (it is the ground floor: it imports no project app) and hands the value
to its pure rule functions, which never query. One query per call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from .models import Aturan

NAMA_BULAN = ["", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
              "September", "Oktober", "November", "Desember"]  # fmt: skip


class AturanTidakAda(LookupError):
    """No row of the code is in force on the date; `str(error)` is for the user."""


@dataclass(frozen=True)
class NilaiAturan:
    kode: str
    nilai: Any
    berlaku_mulai: date
    regulasi: str
    perlu_verifikasi: bool = False

    @property
    def sumber(self) -> str:
        """"Peraturan BKN 4/2023 (berlaku 1 Januari 2024)", for pages and exports."""
        d = self.berlaku_mulai
        teks = f"{self.regulasi} (berlaku {d.day} {NAMA_BULAN[d.month]} {d.year})"
        return teks + (" – perlu verifikasi" if self.perlu_verifikasi else "")


def _nilai(a: Aturan) -> NilaiAturan:
    return NilaiAturan(a.kode, a.nilai, a.berlaku_mulai, a.regulasi, a.perlu_verifikasi)


def _bawaan(kode: str) -> list[NilaiAturan]:
    """The shipped rows of `kode` (aturan.data_awal), oldest first."""
    from .data_awal import BARIS

    return sorted(
        (NilaiAturan(k, nilai, mulai, regulasi, verifikasi)
         for k, mulai, nilai, regulasi, verifikasi, _ket in BARIS if k == kode),
        key=lambda r: r.berlaku_mulai,
    )  # fmt: skip


def aturan_riwayat(kode: str) -> list[NilaiAturan]:
    """Every row of `kode`, oldest first (one query): for rules whose answer spans effective
    dates (the next kenaikan pangkat period may fall under a newer regulation). A database
    without any row of the code (a flushed test database, a table emptied by mistake) falls
    back to the shipped rows, so the system never silently drops a regulation."""
    baris = [_nilai(a) for a in Aturan.objects.filter(kode=kode).order_by("berlaku_mulai")]
    return baris or _bawaan(kode)


def aturan_berlaku(kode: str, *, pada: date | None = None) -> NilaiAturan:
    """The row of `kode` in force on `pada` (today, WIB, when omitted): the latest
    `berlaku_mulai` on or before it."""
    pada = pada or timezone.localdate()
    berlaku = [r for r in aturan_riwayat(kode) if r.berlaku_mulai <= pada]
    if not berlaku:
        raise AturanTidakAda(
            f"Belum ada aturan {kode} yang berlaku pada {pada:%d-%m-%Y}; "
            "Admin BKD dapat menambahkannya di admin (Aturan berlaku)."
        )
    return berlaku[-1]
