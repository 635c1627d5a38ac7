"""Rate limits of the public complaint endpoints (counting lives in `inti.laju`)."""

from __future__ import annotations

from django.conf import settings

from inti import laju
from inti.laju import PESAN_429, alamat_klien

__all__ = ["PESAN_429", "alamat_klien", "batas", "catat", "sudah_habis"]

# lingkup: (requests allowed, window in seconds). Override with settings.PENGADUAN_BATAS_LAJU.
BATAS_BAWAAN: dict[str, tuple[int, int]] = {
    "pengaduan": (5, 60 * 60),  # new complaints (page and API share it)
    "survei": (20, 60 * 60),  # satisfaction survey answers
    "lacak": (20, 60 * 60),  # rating and reopening on the tracking page
    "lacak-gagal": (30, 60 * 60),  # lookups of codes that do not exist (guessing)
}


def batas(lingkup: str) -> tuple[int, int]:
    return {**BATAS_BAWAAN, **getattr(settings, "PENGADUAN_BATAS_LAJU", {})}[lingkup]


def catat(lingkup: str, alamat: str) -> bool:
    """Count one request; True while the address is within its limit."""
    jumlah, jendela = batas(lingkup)
    return laju.catat(f"pengaduan:{lingkup}", alamat, jumlah=jumlah, jendela=jendela)


def sudah_habis(lingkup: str, alamat: str) -> bool:
    """True when the address has used up its limit (without counting this request)."""
    return laju.sudah_habis(f"pengaduan:{lingkup}", alamat, jumlah=batas(lingkup)[0])
