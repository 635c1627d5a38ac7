"""Plumbing tables of the project package (no domain data)."""

from __future__ import annotations

from django.db import models


class TugasTertunda(models.Model):
    """A Celery task that could not be queued because the broker was away (`inti.antrean`).

    A beat job (`inti.tasks.tugas_tertunda_kirim_ulang`, every 5 minutes) queues the rows
    again and deletes each one that went through.
    """

    nama = models.CharField("nama tugas", max_length=200)
    argumen = models.JSONField("argumen", default=list)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    percobaan = models.PositiveIntegerField("percobaan kirim ulang", default=0)
    galat_terakhir = models.TextField("galat terakhir", blank=True)

    class Meta:
        verbose_name = "tugas tertunda"
        verbose_name_plural = "tugas tertunda"
        ordering = ("dibuat", "id")

    def __str__(self) -> str:
        return f"{self.nama}{tuple(self.argumen)}"
