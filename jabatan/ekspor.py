"""The vacancy report as an Excel download (pages and admin share it)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils import timezone

from inti.ekspor import xlsx_respons
from pegawai.models import UnitKerja

from . import selectors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def laporan_xlsx(
    user: Any, *, unit: UnitKerja | None, hanya_lowong: bool = False
) -> HttpResponse:
    baris = selectors.laporan_formasi(user, unit=unit)
    if hanya_lowong:
        baris = [b for b in baris if b.kekurangan > 0]
    data = selectors.laporan_formasi_dataset(baris)
    nama = f"laporan-formasi-{unit.kode.lower() if unit else 'semua'}-{timezone.localdate()}"
    return xlsx_respons(data, f"{nama}.xlsx")
