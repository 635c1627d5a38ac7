"""Tunable values of the pelatihan app, read from Django settings with safe defaults.

Set them in the environment-driven settings when a regulation or a local policy differs
(DOMAIN.md marks several as "verify"). The JP bounds per status are the effective-dated rule
row `jp.batas_tahunan` of the aturan app (read in `pelatihan.selectors.batas_jp`).
"""

from __future__ import annotations

from django.conf import settings


def _nilai(nama: str, bawaan):
    return getattr(settings, nama, bawaan)



def ambang_penerapan() -> int:
    """An application-survey score below this (1–5 scale) raises a follow-up training need."""
    return int(_nilai("PELATIHAN_AMBANG_PENERAPAN", 3))


def tenggang_survei_hari() -> int:
    """How many days late the survey job still creates a missed invitation."""
    return int(_nilai("PELATIHAN_TENGGANG_SURVEI_HARI", 30))


def pengingat_survei_hari() -> int:
    """Days after the invitation email before one reminder is sent."""
    return int(_nilai("PELATIHAN_PENGINGAT_SURVEI_HARI", 7))


def pengingat_sertifikat_hari() -> list[int]:
    """Reminder points before a certificate expires (days)."""
    return list(_nilai("PELATIHAN_PENGINGAT_SERTIFIKAT_HARI", [90, 30, 7]))


def masa_berlaku_tautan_hari() -> int:
    """How long an emailed survey link stays valid."""
    return int(_nilai("PELATIHAN_MASA_BERLAKU_TAUTAN_HARI", 180))


def url_situs() -> str:
    """Absolute base of links in emails (no request in a Celery task)."""
    return str(_nilai("SITE_URL", "http://localhost:8000")).rstrip("/")


def penyedia_kelemahan() -> list[str]:
    """Dotted paths of the functions that report competency weaknesses (kinerja's, ...)."""
    return list(_nilai("PELATIHAN_PENYEDIA_KELEMAHAN", []))
