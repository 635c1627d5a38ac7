"""Request and import size limits (issue 16, item 7), refused before the body is read.

- `BATAS_UKURAN_PERMINTAAN` (bytes, default 12 MB): a request whose Content-Length is larger
  is answered 413 at once, in Indonesian (JSON under /api/), before Django reads the body —
  the largest legitimate upload is a 5 MB complaint attachment or an import file. The
  reverse proxy must refuse earlier with the same figure (nginx `client_max_body_size 12m;`,
  docs/KEAMANAN.md); requests without a Content-Length (chunked) are bounded there.
- Django's own `DATA_UPLOAD_MAX_MEMORY_SIZE` caps the non-file part of a body (settings).
- `periksa_berkas_impor`: an import file (admin import of pegawai, formasi, ...) over
  `IMPOR_MAKS_BYTE`, or with more than `IMPOR_MAKS_BARIS` rows, is refused before tablib or
  openpyxl parse it. For xlsx the row count comes from the sheet's `<dimension>` and the
  uncompressed size of its XML (a zip bomb that expands to millions of rows is refused
  from the zip directory alone).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

PESAN_413 = "Permintaan terlalu besar: paling besar {mb} MB."


def _mb(nilai: int) -> str:
    return f"{nilai / (1024 * 1024):g}"


class BatasUkuranPermintaan:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        batas = settings.BATAS_UKURAN_PERMINTAAN
        try:
            panjang = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            panjang = 0
        if batas and panjang > batas:
            pesan = PESAN_413.format(mb=_mb(batas))
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": pesan}, status=413)
            html = render_to_string("413.html", {"pesan": pesan}, request=None)
            return HttpResponse(html, status=413)
        return self.get_response(request)


_DIMENSI = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"')


def _baris_xlsx(berkas: Any) -> int:
    """The row count an xlsx claims, read from its zip directory and sheet headers only."""
    try:
        arsip = zipfile.ZipFile(berkas)
    except zipfile.BadZipFile as exc:
        raise ValidationError("Berkas bukan xlsx yang sah.") from exc
    lembar = [i for i in arsip.infolist() if i.filename.startswith("xl/worksheets/")]
    ukuran_xml = sum(i.file_size for i in lembar)
    if ukuran_xml > settings.IMPOR_MAKS_XML_BYTE:
        raise ValidationError(
            f"Isi berkas terlalu besar setelah dibuka ({_mb(ukuran_xml)} MB); "
            f"paling besar {settings.IMPOR_MAKS_BARIS} baris per berkas."
        )
    baris = 0
    for info in lembar:
        with arsip.open(info) as f:
            kepala = f.read(4096)
        cocok = _DIMENSI.search(kepala)
        if cocok and cocok.group(1):
            baris = max(baris, int(cocok.group(1)) - 1)  # without the header row
    return baris


def _baris_teks(berkas: Any) -> int:
    baris = -1  # the header row
    sisa = b""
    for potong in berkas.chunks():
        baris += potong.count(b"\n")
        sisa = potong[-1:]
    return baris + (1 if sisa and sisa != b"\n" else 0)


def periksa_berkas_impor(berkas: Any) -> None:
    """ValidationError (Indonesian, names the limit) for an import file that is too big."""
    if berkas is None:
        return
    if berkas.size > settings.IMPOR_MAKS_BYTE:
        raise ValidationError(
            f"Berkas impor terlalu besar ({_mb(berkas.size)} MB); "
            f"paling besar {_mb(settings.IMPOR_MAKS_BYTE)} MB."
        )
    awal = berkas.read(4)
    berkas.seek(0)
    baris = _baris_xlsx(berkas) if awal.startswith(b"PK") else _baris_teks(berkas)
    berkas.seek(0)
    if baris > settings.IMPOR_MAKS_BARIS:
        raise ValidationError(
            f"Berkas berisi {baris} baris; paling banyak {settings.IMPOR_MAKS_BARIS} baris per "
            "impor. Bagi berkas menjadi beberapa bagian, atau minta BKD mengimpor lewat "
            "perintah `import_pegawai`."
        )


def form_impor_dibatasi(kelas: type) -> type:
    """The admin's import form class with `periksa_berkas_impor` on its file field."""
    if getattr(kelas, "_dibatasi", False):
        return kelas

    def clean_import_file(self):
        berkas = self.cleaned_data.get("import_file")
        periksa_berkas_impor(berkas)
        return berkas

    return type(
        kelas.__name__, (kelas,), {"clean_import_file": clean_import_file, "_dibatasi": True}
    )
