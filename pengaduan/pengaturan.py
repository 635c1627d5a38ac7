"""Tunable values of the pengaduan app, read from Django settings with safe defaults (the only
place pengaduan reads settings)."""

from __future__ import annotations

from django.conf import settings

# lingkup: (requests allowed, window in seconds). Override with settings.PENGADUAN_BATAS_LAJU.
# "pengaduan" and "survei" count ACCEPTED submissions only (a citizen correcting a form is never
# punished); the "-upaya" caps count every attempt and only stop floods. The numbers are sized
# for a shared address: a whole office, a public-service hall's kiosk or a mobile carrier's NAT.
# A busy service hall sees ~100 visitors an hour, a few of whom file a complaint and many of
# whom answer the survey at one tablet; the caps stay well above that and still bound a script
# to a few hundred rows an hour.
BATAS_LAJU_BAWAAN: dict[str, tuple[int, int]] = {
    "pengaduan": (30, 60 * 60),  # accepted complaints (page and API share it)
    "pengaduan-upaya": (120, 60 * 60),  # every complaint POST, valid or not
    "survei": (150, 60 * 60),  # accepted satisfaction survey answers
    "survei-upaya": (400, 60 * 60),  # every survey POST
    "lacak": (60, 60 * 60),  # rating and reopening on the tracking page
    "lacak-gagal": (30, 60 * 60),  # lookups of codes that do not exist (guessing)
}
LAMPIRAN_MAKS_BAWAAN = 5 * 1024 * 1024


def batas_laju() -> dict[str, tuple[int, int]]:
    return {**BATAS_LAJU_BAWAAN, **getattr(settings, "PENGADUAN_BATAS_LAJU", {})}


def lampiran_maks() -> int:
    """Largest attachment, in bytes."""
    return getattr(settings, "PENGADUAN_LAMPIRAN_MAKS", LAMPIRAN_MAKS_BAWAAN)


def url_situs() -> str:
    """Absolute base of links in emails (no request in a Celery task)."""
    return getattr(settings, "SITE_URL", "").rstrip("/")


def email_eskalasi() -> list[str]:
    """Extra recipients of the overdue-complaint escalation, beside the Admin BKD accounts."""
    return list(getattr(settings, "PENGADUAN_EMAIL_ESKALASI", []))
