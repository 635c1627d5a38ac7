"""The last result of each periodic job, for HR's schedule page (`asn_hr.jadwal`).

django-celery-beat keeps when a job last ran (`PeriodicTask.last_run_at`) but not how it
ended, and no result backend is configured: the worker writes one row per task name here
when a task finishes (Celery's task_postrun / task_failure signals, `asn_hr.celery`).
"""

from __future__ import annotations

from django.db import models


class HasilTugas(models.Model):
    task = models.CharField("tugas", max_length=200, unique=True)
    berhasil = models.BooleanField("berhasil")
    ringkasan = models.CharField("ringkasan", max_length=500, blank=True)
    selesai = models.DateTimeField("selesai")

    class Meta:
        verbose_name = "hasil tugas berkala"
        verbose_name_plural = "hasil tugas berkala"

    def __str__(self) -> str:
        return f"{self.task}: {'berhasil' if self.berhasil else 'gagal'}"
