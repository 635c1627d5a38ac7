"""Per-address rate limits kept in the Django cache (Redis in production, shared by workers).

Counting is atomic: `cache.add` creates the counter only if it does not exist (with its
expiry), then `cache.incr` increments it in Redis itself. The window starts at an address's
first request and lasts `jendela` seconds (Redis keeps the key's expiry across INCR).

When Redis is refused or hangs (short socket timeouts in settings) the limiter does not fail
the request: it counts in this process instead (`_Lokal`), with the limit divided by the
number of web worker processes (`LAJU_PROSES_WEB`, default WEB_CONCURRENCY) so that all
workers together stay near the shared limit — conservative rather than open. A circuit
breaker (`inti.pemutus`) keeps later requests off Redis for a while after a failure.
"""

from __future__ import annotations

import ipaddress
import logging
import math
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from . import pemutus
from .alamat import alamat_ip

logger = logging.getLogger(__name__)

PESAN_429 = "Terlalu banyak permintaan dari alamat Anda. Silakan coba lagi nanti."


def alamat_klien(request: HttpRequest) -> str:
    """The client address as the login lockout sees it (`inti.alamat`, proxy-aware).

    IPv6 addresses count per /64: one subscriber usually holds a whole /64.
    """
    alamat = alamat_ip(request) or "tidak-diketahui"
    try:
        ip = ipaddress.ip_address(alamat)
    except ValueError:
        return alamat
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def _kunci(lingkup: str, alamat: str) -> str:
    return f"laju:{lingkup}:{alamat}"


class _Lokal:
    """In-process fixed-window counters, used while Redis is away."""

    def __init__(self) -> None:
        self._hitungan: dict[str, tuple[int, float]] = {}
        self._kunci = threading.Lock()

    def catat(self, kunci: str, jendela: int) -> int:
        sekarang = time.monotonic()
        with self._kunci:
            if len(self._hitungan) > 50_000:  # bounded: drop expired windows
                self._hitungan = {k: v for k, v in self._hitungan.items() if v[1] > sekarang}
            nilai, habis = self._hitungan.get(kunci, (0, sekarang + jendela))
            if habis <= sekarang:
                nilai, habis = 0, sekarang + jendela
            self._hitungan[kunci] = (nilai + 1, habis)
            return nilai + 1

    def nilai(self, kunci: str) -> int:
        nilai, habis = self._hitungan.get(kunci, (0, 0.0))
        return nilai if habis > time.monotonic() else 0

    def kosongkan(self) -> None:
        self._hitungan.clear()


lokal = _Lokal()


def batas_lokal(jumlah: int) -> int:
    """The per-process share of a shared limit (at least 1)."""
    return max(1, jumlah // max(1, getattr(settings, "LAJU_PROSES_WEB", 1)))


def _redis_gagal(exc: Exception) -> None:
    if not pemutus.cache.terbuka():
        logger.warning(
            "Cache (Redis) tidak terjangkau, pembatas laju memakai hitungan lokal: %s", exc
        )
    pemutus.cache.buka()


def catat(lingkup: str, alamat: str, *, jumlah: int, jendela: int) -> bool:
    """Count one request; True while the address is within `jumlah` per `jendela` seconds."""
    kunci = _kunci(lingkup, alamat)
    if not pemutus.cache.terbuka():
        try:
            # The window's start, so `sisa_detik` can say when it resets (Django's cache has
            # no TTL read).
            cache.add(f"{kunci}:mulai", time.time(), timeout=jendela)
            cache.add(kunci, 0, timeout=jendela)
            try:
                nilai = cache.incr(kunci)
            except ValueError:
                # The key expired between add and incr: this request starts a new window.
                cache.add(kunci, 1, timeout=jendela)
                nilai = 1
            return nilai <= jumlah
        except Exception as exc:  # noqa: BLE001 - Redis down must not fail the request
            _redis_gagal(exc)
    return lokal.catat(kunci, jendela) <= batas_lokal(jumlah)


def sudah_habis(lingkup: str, alamat: str, *, jumlah: int) -> bool:
    """True when the address has used up its limit (without counting this request)."""
    kunci = _kunci(lingkup, alamat)
    if not pemutus.cache.terbuka():
        try:
            return (cache.get(kunci) or 0) >= jumlah
        except Exception as exc:  # noqa: BLE001 - fail open: only the local count applies
            _redis_gagal(exc)
    return lokal.nilai(kunci) >= batas_lokal(jumlah)


def sisa_detik(lingkup: str, alamat: str, *, jendela: int) -> int:
    """Seconds until the address's current window ends (0 when it has no window open). With
    Redis away the answer is the whole window: the local count keeps no start time."""
    if pemutus.cache.terbuka():
        return jendela
    try:
        mulai = cache.get(f"{_kunci(lingkup, alamat)}:mulai")
    except Exception as exc:  # noqa: BLE001 - fail soft like the counting
        _redis_gagal(exc)
        return jendela
    if mulai is None:
        return 0
    return max(1, math.ceil(mulai + jendela - time.time()))
