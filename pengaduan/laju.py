"""Rate limits of the public complaint endpoints (counting lives in `inti.laju`)."""

from __future__ import annotations

from inti import laju
from inti.laju import PESAN_429, alamat_klien

from . import pengaturan

__all__ = [
    "PESAN_429",
    "alamat_klien",
    "batas",
    "catat",
    "kiriman_diterima",
    "kiriman_ditahan",
    "menit_tunggu",
    "sisa_detik",
    "sudah_habis",
]


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


def sisa_detik(lingkup: str, alamat: str) -> int:
    """Seconds until the address's window of this group resets (for `Retry-After`)."""
    return laju.sisa_detik(f"pengaduan:{lingkup}", alamat, jendela=batas(lingkup)[1])


def menit_tunggu(detik: int) -> int:
    """Whole minutes a person should wait (never 0: "coba lagi dalam 0 menit" helps no one)."""
    return max(1, -(-detik // 60))


def kiriman_ditahan(lingkup: str, alamat: str) -> int:
    """Count one attempt to submit `lingkup`; 0 when it may go on, else seconds to wait.

    Every attempt counts against the flood cap `<lingkup>-upaya`; the lower cap `<lingkup>`
    counts only accepted submissions (`kiriman_diterima`), so fixing a refused form never
    uses it up. Two accepted submissions racing at the very edge may both pass: a cap of
    accepted rows, not a lock.
    """
    if not catat(f"{lingkup}-upaya", alamat):
        return sisa_detik(f"{lingkup}-upaya", alamat)
    if sudah_habis(lingkup, alamat):
        return sisa_detik(lingkup, alamat)
    return 0


def kiriman_diterima(lingkup: str, alamat: str) -> None:
    """Count one accepted submission of `lingkup`."""
    catat(lingkup, alamat)
