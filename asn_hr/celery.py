"""Celery application; beat reads its schedule from the database (django-celery-beat)."""

import logging
import os

from celery import Celery
from celery.signals import task_postrun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_hr.settings")

app = Celery("asn_hr")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
logger = logging.getLogger(__name__)


@task_postrun.connect
def _catat_hasil_tugas(sender=None, state=None, retval=None, **_: object) -> None:
    """Keep how each task last ended, for HR's schedule page (asn_hr.jadwal).

    Eager runs (inside a web request, in tests) are not recorded: only the worker's."""
    if sender is None or getattr(sender.request, "is_eager", False):
        return
    from .jadwal import hasil_tugas_catat

    berhasil = state == "SUCCESS"
    ringkasan = "" if retval is None else str(retval)
    try:
        hasil_tugas_catat(task=sender.name, berhasil=berhasil, ringkasan=ringkasan)
    except Exception:  # noqa: BLE001 - a bookkeeping failure must not fail the task
        logger.exception("Hasil tugas %s tidak tercatat", sender.name)
