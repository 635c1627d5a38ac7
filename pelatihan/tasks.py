"""Celery tasks of pelatihan: take dates, call a service, nothing else."""

from __future__ import annotations

from datetime import date

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import pengaturan, services

# Transient database trouble is retried with backoff; anything else fails loudly.
_TRANSIEN = (OperationalError, InterfaceError)
_OPSI = {
    "acks_late": True,
    "autoretry_for": _TRANSIEN,
    "retry_backoff": 30,
    "retry_backoff_max": 600,
    "max_retries": 5,
}


def _tanggal(tanggal: str | None) -> date:
    return date.fromisoformat(tanggal) if tanggal else pengaturan.hari_ini()


@shared_task(**_OPSI)
def kirim_survei_pelatihan(tanggal: str | None = None) -> dict:
    """Daily (beat): create the survey invitations due, send them and the reminders."""
    return services.survei_harian_jalankan(pada=_tanggal(tanggal)).as_dict()


@shared_task(**_OPSI)
def ingatkan_sertifikat(tanggal: str | None = None) -> int:
    """Daily (beat): remind owners of certificates about to expire."""
    return services.sertifikat_pengingat_kirim(pada=_tanggal(tanggal))
