"""Per-address rate limits kept in the Django cache (Redis in production, shared by workers).

Counting is atomic: `cache.add` creates the counter only if it does not exist (with its
expiry), then `cache.incr` increments it in Redis itself. The window starts at an address's
first request and lasts `jendela` seconds (Redis keeps the key's expiry across INCR).
"""

from __future__ import annotations

import ipaddress
import math
import time

from axes.helpers import get_client_ip_address
from django.core.cache import cache
from django.http import HttpRequest

PESAN_429 = "Terlalu banyak permintaan dari alamat Anda. Silakan coba lagi nanti."


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
    return f"laju:{lingkup}:{alamat}"


def catat(lingkup: str, alamat: str, *, jumlah: int, jendela: int) -> bool:
    """Count one request; True while the address is within `jumlah` per `jendela` seconds."""
    kunci = _kunci(lingkup, alamat)
    # The window's start, so `sisa_detik` can say when it resets (Django's cache has no TTL).
    cache.add(f"{kunci}:mulai", time.time(), timeout=jendela)
    cache.add(kunci, 0, timeout=jendela)
    try:
        nilai = cache.incr(kunci)
    except ValueError:
        # The key expired between add and incr: this request starts a new window.
        cache.add(kunci, 1, timeout=jendela)
        nilai = 1
    return nilai <= jumlah


def sudah_habis(lingkup: str, alamat: str, *, jumlah: int) -> bool:
    """True when the address has used up its limit (without counting this request)."""
    return (cache.get(_kunci(lingkup, alamat)) or 0) >= jumlah


def sisa_detik(lingkup: str, alamat: str, *, jendela: int) -> int:
    """Seconds until the address's current window ends (0 when it has no window open)."""
    mulai = cache.get(f"{_kunci(lingkup, alamat)}:mulai")
    if mulai is None:
        return 0
    return max(1, math.ceil(mulai + jendela - time.time()))
