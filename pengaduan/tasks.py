"""Celery tasks: thin wrappers around the services (ids and dates in, nothing else)."""

from __future__ import annotations

from datetime import date
from smtplib import SMTPException

from celery import shared_task

from . import services

# Transient failures only: the mail server or the network.
SEMENTARA = (SMTPException, ConnectionError, TimeoutError)


@shared_task(autoretry_for=SEMENTARA, retry_backoff=True, retry_backoff_max=600, max_retries=5)
def kirim_konfirmasi_pengaduan(pengaduan_id: int) -> bool:
    return services.pengaduan_kirim_konfirmasi(pengaduan_id=pengaduan_id)


@shared_task(autoretry_for=SEMENTARA, retry_backoff=True, retry_backoff_max=600, max_retries=5)
def kirim_notifikasi_tanggapan(tanggapan_id: int) -> bool:
    return services.tanggapan_kirim_notifikasi(tanggapan_id=tanggapan_id)


@shared_task(autoretry_for=SEMENTARA, retry_backoff=True, retry_backoff_max=600, max_retries=5)
def eskalasi_pengaduan_terlambat(tanggal: str | None = None) -> int:
    hari_ini = date.fromisoformat(tanggal) if tanggal else None
    return services.pengaduan_eskalasi_terlambat(hari_ini=hari_ini)


@shared_task(autoretry_for=SEMENTARA, retry_backoff=True, retry_backoff_max=600, max_retries=5)
def tutup_pengaduan_otomatis(tanggal: str | None = None) -> int:
    hari_ini = date.fromisoformat(tanggal) if tanggal else None
    return services.pengaduan_tutup_otomatis(hari_ini=hari_ini)
