"""Read back the text a ReportLab PDF draws, with the standard library only: the content
streams are decoded (ASCII85, Flate) and the literal strings of the text operators (`Tj`)
collected, one per drawn line or run. What a reader of the printed page sees, not metadata."""

from __future__ import annotations

import base64
import re
import zlib

_STRING_TJ = re.compile(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", re.S)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)
_SIMPEL = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(s: bytes) -> bytes:
    def ganti(m: re.Match) -> bytes:
        kode = m.group(1)
        if kode[:1].isdigit():
            return bytes([int(kode, 8)])
        return _SIMPEL.get(kode, kode)

    return _ESCAPE.sub(ganti, s)


def potongan_teks(data: bytes) -> list[str]:
    """Every text run drawn on the pages, in drawing order (WinAnsi decoded)."""
    assert data.startswith(b"%PDF-"), data[:20]
    hasil: list[str] = []
    for objek in data.split(b"endobj"):
        if b"stream" not in objek:
            continue
        kepala, _, sisa = objek.partition(b"stream")
        isi = sisa.lstrip(b"\r\n").rsplit(b"endstream", 1)[0]
        if b"/ASCII85Decode" in kepala:
            isi = base64.a85decode(isi.strip().removesuffix(b"~>"), ignorechars=b" \t\r\n")
        if b"/FlateDecode" in kepala:
            isi = zlib.decompress(isi)
        hasil += [_unescape(s).decode("cp1252") for s in _STRING_TJ.findall(isi)]
    return hasil


def teks_pdf(data: bytes) -> str:
    """All the text as one string; runs (and so wrapped lines of a cell) joined by a space."""
    return " ".join(potongan_teks(data))
