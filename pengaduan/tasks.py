"""Celery tasks: thin wrappers around the services (ids and dates in, nothing else)."""

from __future__ import annotations

from datetime import date

from celery import shared_task

from inti.tugas import TRANSIEN_DB, TRANSIEN_SURAT, opsi_tugas

from . import services


@shared_task(**opsi_tugas(TRANSIEN_SURAT))
def kirim_konfirmasi_pengaduan(pengaduan_id: int) -> bool:
    return services.pengaduan_kirim_konfirmasi(pengaduan_id=pengaduan_id)


@shared_task(**opsi_tugas(TRANSIEN_SURAT))
def kirim_notifikasi_tanggapan(tanggapan_id: int) -> bool:
    return services.tanggapan_kirim_notifikasi(tanggapan_id=tanggapan_id)


@shared_task(**opsi_tugas(TRANSIEN_SURAT))
def eskalasi_pengaduan_terlambat(tanggal: str | None = None) -> int:
    hari_ini = date.fromisoformat(tanggal) if tanggal else None
    return services.pengaduan_eskalasi_terlambat(hari_ini=hari_ini)


@shared_task(**opsi_tugas(TRANSIEN_DB))
def tutup_pengaduan_otomatis(tanggal: str | None = None) -> int:
    hari_ini = date.fromisoformat(tanggal) if tanggal else None
    return services.pengaduan_tutup_otomatis(hari_ini=hari_ini)
