"""Celery tasks of e-kinerja: take dates, call a service, nothing else."""

from __future__ import annotations

from datetime import date

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import pengaturan, pulih, services

# Transient database trouble is retried with backoff; anything else fails loudly.
_TRANSIEN = (OperationalError, InterfaceError)


@shared_task(
    acks_late=True,
    autoretry_for=_TRANSIEN,
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
)
def rekap_kinerja_bulan(bulan: str) -> dict:
    """Recompute the rollups of one month (`YYYY-MM-01`); idempotent."""
    return services.rekap_bulan_hitung(bulan=date.fromisoformat(bulan)).as_dict()


@shared_task(
    acks_late=True,
    autoretry_for=_TRANSIEN,
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
)
def rekap_kinerja_malam() -> list[dict]:
    """Nightly (beat): this month, the previous one, and any month whose rollup is missing
    (self-healing, `kinerja.pulih`)."""
    return [
        services.rekap_bulan_hitung(bulan=b).as_dict()
        for b in pulih.bulan_rekap_perlu(pengaturan.hari_ini())
    ]


@shared_task(
    acks_late=True,
    autoretry_for=_TRANSIEN,
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
)
def laporan_partisi_siapkan(bulan_ke_depan: int = 3) -> list[str]:
    """Monthly partitions of the daily reports, made ahead (docs/PERFORMANCE.md). A no-op
    until the table is partitioned; the migration that partitions it schedules this task."""
    return services.partisi_laporan_siapkan(
        hari_ini=pengaturan.hari_ini(), bulan_ke_depan=bulan_ke_depan
    )
