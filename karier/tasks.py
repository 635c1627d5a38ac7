"""Celery tasks of karier: thin, they call the service."""

from __future__ import annotations

from celery import shared_task

from . import selectors, services


@shared_task(acks_late=True)
def petakan_talenta_malam(tahun: int | None = None) -> int:
    """Recompute the talent map of the year (idempotent): new annual predikat and new
    assessments reach the 9-box without HR pressing a button."""
    return services.talenta_petakan(tahun=tahun or selectors.tahun_ini())
