"""Today in the project's time zone (Asia/Jakarta), for every app that needs "now" as a date.

One function, so a test that sets the clock (`timezone.now`) moves every app at once.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone


def hari_ini() -> date:
    return timezone.localdate()


def tahun_ini() -> int:
    return hari_ini().year
