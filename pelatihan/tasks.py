"""Celery tasks of pelatihan: take dates, call a service, nothing else."""

from __future__ import annotations

from datetime import date

from celery import shared_task

from inti.tugas import opsi_tugas
from inti.waktu import hari_ini

from . import services


def _tanggal(tanggal: str | None) -> date:
    return date.fromisoformat(tanggal) if tanggal else hari_ini()


@shared_task(**opsi_tugas())
def kirim_survei_pelatihan(tanggal: str | None = None) -> dict:
    """Daily (beat): create the survey invitations due, send them and the reminders."""
    return services.survei_harian_jalankan(pada=_tanggal(tanggal)).as_dict()


@shared_task(**opsi_tugas())
def ingatkan_sertifikat(tanggal: str | None = None) -> int:
    """Daily (beat): remind owners of certificates about to expire."""
    return services.sertifikat_pengingat_kirim(pada=_tanggal(tanggal))


@shared_task(**opsi_tugas())
def hitung_rekap_akpk() -> int:
    """Nightly (beat): recompute the AKPK gap counts per unit and competency."""
    return services.rekap_akpk_hitung()
