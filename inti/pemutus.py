"""A per-process circuit breaker for Redis (cache and Celery broker).

When a call to Redis fails (refused, or timed out after the short socket timeouts set in
settings), the breaker opens for `PEMUTUS_DETIK` seconds: during that time callers skip Redis
entirely and take their fallback at once, so that at most one request per process and period
pays the timeout. After the period the next call tries Redis again.
"""

from __future__ import annotations

import time

from django.conf import settings


class Pemutus:
    def __init__(self, nama: str) -> None:
        self.nama = nama
        self._terbuka_sampai = 0.0

    def terbuka(self) -> bool:
        return time.monotonic() < self._terbuka_sampai

    def buka(self) -> None:
        self._terbuka_sampai = time.monotonic() + getattr(settings, "PEMUTUS_DETIK", 15)

    def tutup(self) -> None:
        self._terbuka_sampai = 0.0


cache = Pemutus("cache")
broker = Pemutus("broker")
