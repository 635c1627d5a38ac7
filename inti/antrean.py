"""Queueing Celery tasks without letting a broker outage reach the web request.

`antrekan(tugas, *args)` queues after the transaction commits. Publishing uses the short
socket timeouts and the single attempt set in settings (`CELERY_BROKER_*`), and a circuit
breaker (`inti.pemutus.broker`) skips the broker for a while after a failure. A task that
cannot be published is written to `TugasTertunda` (the database is up: the request just
committed to it) and queued again by a beat job every 5 minutes once the broker is back.
The nightly jobs also recompute what they own (rollups, talent map), so for those the
outbox is a shortcut, not the only way back.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import current_app
from django.db import transaction

from . import pemutus

logger = logging.getLogger(__name__)


def kirim(nama: str, argumen: list[Any]) -> bool:
    """Publish now; on failure record the task for later. True when it was published."""
    if current_app.conf.task_always_eager:  # local development: runs in-process, no broker
        try:
            current_app.tasks[nama].apply_async(args=argumen)
        except Exception:  # noqa: BLE001 - as with a broker: the request does not fail
            logger.exception("Tugas %s gagal", nama)
        return True
    if not pemutus.broker.terbuka():
        try:
            current_app.tasks[nama].apply_async(args=argumen)
            return True
        except Exception as exc:  # noqa: BLE001 - any broker trouble: keep it for later
            if not pemutus.broker.terbuka():
                logger.warning("Broker tidak terjangkau, tugas %s ditunda: %s", nama, exc)
            pemutus.broker.buka()
    from .models import TugasTertunda

    TugasTertunda.objects.create(nama=nama, argumen=argumen)
    return False


def antrekan(tugas: Any, *args: Any) -> None:
    """Queue `tugas(*args)` once the current transaction commits; never raises."""
    nama, argumen = tugas.name, list(args)

    def setelah_commit() -> None:
        try:
            kirim(nama, argumen)
        except Exception:  # noqa: BLE001 - not even the outbox: log, the nightly run heals
            logger.exception("Tugas %s tidak dapat diantrekan maupun dicatat", nama)

    transaction.on_commit(setelah_commit)


def tertunda_kirim_ulang(*, batas: int = 500) -> int:
    """Queue the recorded tasks again, oldest first; returns how many went through."""
    from .models import TugasTertunda

    terkirim = 0
    pemutus.broker.tutup()
    for tugas in TugasTertunda.objects.all()[:batas]:
        try:
            current_app.tasks[tugas.nama].apply_async(args=tugas.argumen)
        except Exception as exc:  # noqa: BLE001 - still away: try again at the next run
            TugasTertunda.objects.filter(pk=tugas.pk).update(
                percobaan=tugas.percobaan + 1, galat_terakhir=str(exc)[:1000]
            )
            break
        tugas.delete()
        terkirim += 1
    return terkirim
