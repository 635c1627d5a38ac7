"""Celery application; beat reads its schedule from the database (django-celery-beat)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_hr.settings")

app = Celery("asn_hr")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
