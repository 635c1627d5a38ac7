"""Celery tasks of karier: thin, they call the service."""

from __future__ import annotations

from celery import shared_task

from inti.tugas import opsi_tugas
from inti.waktu import tahun_ini

from . import services


@shared_task(**opsi_tugas())
def petakan_talenta_malam(tahun: int | None = None) -> int:
    """Recompute the talent map of the year (idempotent): new annual predikat and new
    assessments reach the 9-box without HR pressing a button."""
    return services.talenta_petakan(tahun=tahun or tahun_ini())


@shared_task(**opsi_tugas())
def kandidat_kp_segarkan() -> dict[str, int]:
    """Every 10 minutes (beat): the kept kenaikan pangkat eligible sets of the next two
    periods recomputed, so the worklist page reads them instead of evaluating the rule over
    every PNS (docs/PERFORMANCE.md, issue 17)."""
    return services.kandidat_kp_hitung()
