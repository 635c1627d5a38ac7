"""Celery application; beat reads its schedule from the database (django-celery-beat)."""

import logging
import os

from celery import Celery
from celery.signals import celeryd_init, task_postrun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_hr.settings")

app = Celery("asn_hr")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@celeryd_init.connect
def _pekerja_siapkan(conf=None, **_kwargs) -> None:
    """The worker waits on the queue with blocking reads: the short publish-time socket
    timeout (settings) would cut them, and it should reconnect patiently rather than fail at
    the first refusal: it keeps only the connect timeout."""
    opsi = dict(app.conf.broker_transport_options or {})
    opsi["socket_timeout"] = None
    opsi.pop("max_retries", None)
    app.conf.broker_transport_options = opsi


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
