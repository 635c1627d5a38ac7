"""Celery tasks of pegawai: take an id, call a service, nothing else."""

from __future__ import annotations

from celery import shared_task

from inti.tugas import opsi_tugas

from . import impor_latar


@shared_task(**opsi_tugas())
def impor_pegawai_jalankan(impor_id: int) -> str:
    """One background employee import (`pegawai.ImporPegawai`); idempotent."""
    return impor_latar.impor_latar_jalankan(impor_id=impor_id)
