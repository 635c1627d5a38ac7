"""Refuse a bad complaint attachment while it is still arriving, not after the whole upload.

`PenjagaLampiran` sits first among the request's upload handlers: it looks at the first bytes
of the file (JPEG/PNG/PDF signature) and counts the bytes as they stream in. A file of the
wrong type, or one that passes the size limit, is skipped on the spot (`SkipFile`): nothing
more of it is kept in memory or on disk, the other form fields are still parsed, and the form
comes back with the message under the attachment field and everything else the citizen typed.
The browser checks the same two things before sending (static/pengaduan/ajukan.js); this is the
guard for browsers without JavaScript and for API clients.
"""

from __future__ import annotations

from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest

from . import rules
from .pengaturan import lampiran_maks

PESAN_JENIS = "Lampiran harus berupa gambar JPEG/PNG atau dokumen PDF."


def pesan_besar(maks: int) -> str:
    return f"Lampiran terlalu besar: paling besar {maks // (1024 * 1024)} MB."


class PenjagaLampiran(FileUploadHandler):
    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.maks = lampiran_maks()
        self.galat: str | None = None
        self._diterima = 0

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self._diterima = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start == 0 and rules.jenis_berkas(raw_data[:16]) is None:
            self.galat = PESAN_JENIS
            raise SkipFile
        self._diterima += len(raw_data)
        if self._diterima > self.maks:
            self.galat = pesan_besar(self.maks)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) builds the file


def pasang_penjaga(request: HttpRequest) -> PenjagaLampiran | None:
    """Put the guard first, before anything reads the body; None when it is already read."""
    penjaga = PenjagaLampiran(request)
    try:
        request.upload_handlers.insert(0, penjaga)
    except AttributeError:  # the body was already parsed (e.g. by a CSRF check)
        return None
    return penjaga
