"""Celery tasks of the project plumbing."""

from __future__ import annotations

from celery import shared_task

from . import antrean


@shared_task(acks_late=True)
def tugas_tertunda_kirim_ulang() -> int:
    """Every 5 minutes (beat): queue again the tasks recorded while the broker was away."""
    return antrean.tertunda_kirim_ulang()
