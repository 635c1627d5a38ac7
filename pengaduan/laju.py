"""Per-address rate limits for the public endpoints, kept in the Django cache.

The cache is Redis in production, so every web worker counts in the same place. Counting is
atomic: `cache.add` creates the counter only if it does not exist (with its expiry), then
`cache.incr` increments it in Redis itself. The window starts at an address's first request
and lasts `jendela` seconds (Redis keeps the key's expiry across INCR).
"""

from __future__ import annotations

import ipaddress

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

# lingkup: (requests allowed, window in seconds). Override with settings.PENGADUAN_BATAS_LAJU.
BATAS_BAWAAN: dict[str, tuple[int, int]] = {
    "pengaduan": (5, 60 * 60),  # new complaints (page and API share it)
    "survei": (20, 60 * 60),  # satisfaction survey answers
    "lacak": (20, 60 * 60),  # rating and reopening on the tracking page
    "lacak-gagal": (30, 60 * 60),  # lookups of codes that do not exist (guessing)
}
PESAN_429 = "Terlalu banyak permintaan dari alamat Anda. Silakan coba lagi nanti."


def batas(lingkup: str) -> tuple[int, int]:
    return {**BATAS_BAWAAN, **getattr(settings, "PENGADUAN_BATAS_LAJU", {})}[lingkup]


def alamat_klien(request: HttpRequest) -> str:
    """The client address as the login lockout sees it (django-axes, proxy-aware).

    IPv6 addresses count per /64: one subscriber usually holds a whole /64.
    """
    alamat = get_client_ip_address(request) or "tidak-diketahui"
    try:
        ip = ipaddress.ip_address(alamat)
    except ValueError:
        return alamat
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def _kunci(lingkup: str, alamat: str) -> str:
    return f"pengaduan:laju:{lingkup}:{alamat}"


def catat(lingkup: str, alamat: str) -> bool:
    """Count one request; True while the address is within its limit."""
    jumlah, jendela = batas(lingkup)
    kunci = _kunci(lingkup, alamat)
    cache.add(kunci, 0, timeout=jendela)
    try:
        nilai = cache.incr(kunci)
    except ValueError:
        # The key expired between add and incr: this request starts a new window.
        cache.add(kunci, 1, timeout=jendela)
        nilai = 1
    return nilai <= jumlah


def sudah_habis(lingkup: str, alamat: str) -> bool:
    """True when the address has used up its limit (without counting this request)."""
    jumlah, _ = batas(lingkup)
    return (cache.get(_kunci(lingkup, alamat)) or 0) >= jumlah
