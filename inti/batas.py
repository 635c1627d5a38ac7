"""Request and import size limits (issue 16, item 7), refused before the body is read.

- `BATAS_UKURAN_PERMINTAAN` (bytes, default 12 MB): a request whose Content-Length is larger
  is answered 413 at once, in Indonesian (JSON under /api/), before Django reads the body —
  the largest legitimate upload is a 5 MB complaint attachment or an import file. The
  reverse proxy must refuse earlier with the same figure (nginx `client_max_body_size 12m;`,
  docs/KEAMANAN.md). Paths listed in `BATAS_UKURAN_PER_JALUR` (the background employee
  import's upload page) get their own, larger figure.
- `BatasBadanChunked` (WSGI, asn_hr/wsgi.py): a body sent without a Content-Length
  (`Transfer-Encoding: chunked`) is read by the app at most up to the same limit, spooled to a
  temporary file and handed on with its length; one byte more is answered 413 in Indonesian
  before Django sees the request. (Django alone reads nothing of such a body; the proxy bounds
  it first, this bounds it again when gunicorn is reached directly.)
- Django's own `DATA_UPLOAD_MAX_MEMORY_SIZE` caps the non-file part of a body (settings).
- `periksa_berkas_impor`: an import file (admin import of pegawai, formasi, ...) over
  `IMPOR_MAKS_BYTE`, or with more than `IMPOR_MAKS_BARIS` rows, is refused before tablib or
  openpyxl parse it. The background employee import calls it with its own, larger caps
  (`IMPOR_LATAR_MAKS_*`). For xlsx the row count comes from the sheet's `<dimension>` and the
  uncompressed size of its XML (a zip bomb that expands to millions of rows is refused
  from the zip directory alone).
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

PESAN_413 = "Permintaan terlalu besar: paling besar {mb} MB."


def _mb(nilai: int) -> str:
    return f"{nilai / (1024 * 1024):g}"


def batas_untuk(path: str) -> int:
    """The request-size limit of a path: a per-path figure, else `BATAS_UKURAN_PERMINTAAN`."""
    for awalan, batas in getattr(settings, "BATAS_UKURAN_PER_JALUR", {}).items():
        if path.startswith(awalan):
            return int(batas)
    return int(settings.BATAS_UKURAN_PERMINTAAN)


def _jawaban_413(path: str, batas: int) -> HttpResponse:
    pesan = PESAN_413.format(mb=_mb(batas))
    if path.startswith("/api/"):
        return JsonResponse({"detail": pesan}, status=413)
    html = render_to_string("413.html", {"pesan": pesan}, request=None)
    return HttpResponse(html, status=413)


class BatasUkuranPermintaan:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        batas = batas_untuk(request.path)
        try:
            panjang = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            panjang = 0
        if batas and panjang > batas:
            return _jawaban_413(request.path, batas)
        return self.get_response(request)


POTONG_BACA = 64 * 1024


class BatasBadanChunked:
    """WSGI middleware: bound a body without Content-Length (chunked) by the request limit.

    The body is read in pieces into a spooled temporary file (memory up to 1 MB); at one byte
    over the limit reading stops and the answer is 413. Otherwise the application gets the
    body with a Content-Length, as if the client had sent one."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]):
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        if not chunked or environ.get("CONTENT_LENGTH"):
            return self.app(environ, start_response)
        path = environ.get("PATH_INFO", "")
        batas = batas_untuk(path)
        masuk = environ["wsgi.input"]
        spool = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)  # noqa: SIM115 - handed on
        dibaca = 0
        while True:
            potong = masuk.read(min(POTONG_BACA, batas + 1 - dibaca) if batas else POTONG_BACA)
            if not potong:
                break
            dibaca += len(potong)
            if batas and dibaca > batas:
                spool.close()
                jawaban = _jawaban_413(path, batas)
                start_response(
                    "413 Request Entity Too Large",
                    [*jawaban.items(), ("Connection", "close")],
                )
                return [jawaban.content]
            spool.write(potong)
        spool.seek(0)
        environ = {**environ, "wsgi.input": spool, "CONTENT_LENGTH": str(dibaca)}
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        return self.app(environ, start_response)


_DIMENSI = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"')


def _baris_xlsx(berkas: Any, maks_xml: int, maks_baris: int) -> int:
    """The row count an xlsx claims, read from its zip directory and sheet headers only."""
    try:
        arsip = zipfile.ZipFile(berkas)
    except zipfile.BadZipFile as exc:
        raise ValidationError("Berkas bukan xlsx yang sah.") from exc
    lembar = [i for i in arsip.infolist() if i.filename.startswith("xl/worksheets/")]
    ukuran_xml = sum(i.file_size for i in lembar)
    if ukuran_xml > maks_xml:
        raise ValidationError(
            f"Isi berkas terlalu besar setelah dibuka ({_mb(ukuran_xml)} MB); "
            f"paling besar {maks_baris} baris per berkas."
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


SARAN_BESAR = (
    "Bagi berkas menjadi beberapa bagian, atau minta BKD mengimpor lewat perintah "
    "`import_pegawai`."
)


def periksa_berkas_impor(
    berkas: Any,
    *,
    maks_byte: int | None = None,
    maks_baris: int | None = None,
    maks_xml: int | None = None,
    saran: str = SARAN_BESAR,
) -> int:
    """ValidationError (Indonesian, names the limit) for an import file that is too big;
    otherwise the row count the file claims (without the header). Defaults: the settings of
    the synchronous admin import (`IMPOR_MAKS_*`)."""
    if berkas is None:
        return 0
    maks_byte = settings.IMPOR_MAKS_BYTE if maks_byte is None else maks_byte
    maks_baris = settings.IMPOR_MAKS_BARIS if maks_baris is None else maks_baris
    maks_xml = settings.IMPOR_MAKS_XML_BYTE if maks_xml is None else maks_xml
    if berkas.size > maks_byte:
        raise ValidationError(
            f"Berkas impor terlalu besar ({_mb(berkas.size)} MB); "
            f"paling besar {_mb(maks_byte)} MB. {saran}".strip()
        )
    awal = berkas.read(4)
    berkas.seek(0)
    if awal.startswith(b"PK"):
        baris = _baris_xlsx(berkas, maks_xml, maks_baris)
    else:
        baris = _baris_teks(berkas)
    berkas.seek(0)
    if baris > maks_baris:
        raise ValidationError(
            f"Berkas berisi {baris} baris; paling banyak {maks_baris} baris per impor. "
            f"{saran}".strip()
        )
    return baris


def form_impor_dibatasi(kelas: type, *, saran: str = SARAN_BESAR) -> type:
    """The admin's import form class with `periksa_berkas_impor` on its file field."""
    if getattr(kelas, "_dibatasi", False):
        return kelas

    def clean_import_file(self):
        berkas = self.cleaned_data.get("import_file")
        periksa_berkas_impor(berkas, saran=saran)
        return berkas

    return type(
        kelas.__name__, (kelas,), {"clean_import_file": clean_import_file, "_dibatasi": True}
    )
