"""Celery tasks of the SIASN integration: take ids, call a service, nothing else."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import rules, services
from .models import StatusKiriman

_TRANSIEN = (OperationalError, InterfaceError)


@shared_task(bind=True, acks_late=True, max_retries=rules.MAKS_ULANG_TUGAS)
def siasn_kirim_kiriman(self, kiriman_id: int) -> str:
    """Deliver one outbox row; on BKN's transient trouble retry with the row's backoff, at
    most `MAKS_ULANG_TUGAS` times (the periodic sweep keeps trying after that)."""
    hasil = services.kiriman_kirim(kiriman_id=kiriman_id)
    if hasil.status == StatusKiriman.MENUNGGU and hasil.jeda and not self.request.is_eager:
        if self.request.retries < rules.MAKS_ULANG_TUGAS:
            raise self.retry(countdown=hasil.jeda)
    return hasil.status


@shared_task(
    acks_late=True, autoretry_for=_TRANSIEN, retry_backoff=30, retry_backoff_max=600, max_retries=5
)
def siasn_kirim_antrean() -> dict:
    """Periodic sweep (beat): everything due, oldest first."""
    h = services.kiriman_kirim_semua()
    return {"terkirim": h.terkirim, "ditolak": h.ditolak, "menunggu": h.menunggu}


@shared_task(
    acks_late=True, autoretry_for=_TRANSIEN, retry_backoff=30, retry_backoff_max=600, max_retries=5
)
def siasn_cocokkan_malam() -> dict:
    """Nightly reconciliation (beat) of every active employee."""
    from . import pengaturan

    if not pengaturan.aktif():
        return {"aktif": False}
    h = services.cocokkan()
    return {"diperiksa": h.diperiksa, "selisih_baru": len(h.selisih_baru), "gagal": len(h.gagal)}
