"""Celery application; beat reads its schedule from the database (django-celery-beat)."""

import os

from celery import Celery
from celery.signals import celeryd_init

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
