"""Rate limits of the public complaint endpoints (counting lives in `inti.laju`)."""

from __future__ import annotations

from inti import laju
from inti.laju import PESAN_429, alamat_klien

from . import pengaturan

__all__ = ["PESAN_429", "alamat_klien", "batas", "catat", "sudah_habis"]



def batas(lingkup: str) -> tuple[int, int]:
    """(requests allowed, window in seconds) of one endpoint group (`pengaturan.batas_laju`)."""
    return pengaturan.batas_laju()[lingkup]


def catat(lingkup: str, alamat: str) -> bool:
    """Count one request; True while the address is within its limit."""
    jumlah, jendela = batas(lingkup)
    return laju.catat(f"pengaduan:{lingkup}", alamat, jumlah=jumlah, jendela=jendela)


def sudah_habis(lingkup: str, alamat: str) -> bool:
    """True when the address has used up its limit (without counting this request)."""
    return laju.sudah_habis(f"pengaduan:{lingkup}", alamat, jumlah=batas(lingkup)[0])
