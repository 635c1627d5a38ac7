"""Celery tasks of e-kinerja: take dates, call a service, nothing else."""

from __future__ import annotations

from datetime import date

from celery import shared_task

from inti.tugas import TRANSIEN_DB, TRANSIEN_SURAT, opsi_tugas
from inti.waktu import hari_ini

from . import pulih, services


@shared_task(**opsi_tugas())
def rekap_kinerja_bulan(bulan: str) -> dict:
    """Recompute the rollups of one month (`YYYY-MM-01`); idempotent."""
    return services.rekap_bulan_hitung(bulan=date.fromisoformat(bulan)).as_dict()


@shared_task(**opsi_tugas())
def rekap_kinerja_malam() -> list[dict]:
    """Nightly (beat): this month, the previous one, and any month whose rollup is missing
    (self-healing, `kinerja.pulih`)."""
    return [
        services.rekap_bulan_hitung(bulan=b).as_dict()
        for b in pulih.bulan_rekap_perlu(hari_ini())
    ]


@shared_task(**opsi_tugas())
def laporan_partisi_siapkan(bulan_ke_depan: int = 3) -> list[str]:
    """Monthly partitions of the daily reports, made ahead (docs/PERFORMANCE.md). A no-op
    until the table is partitioned; the migration that partitions it schedules this task."""
    return services.partisi_laporan_siapkan(hari_ini=hari_ini(), bulan_ke_depan=bulan_ke_depan)


@shared_task(**opsi_tugas(TRANSIEN_DB + TRANSIEN_SURAT))
def kirim_ringkasan_laporan_dikembalikan(pegawai_id: int, tanggal: str) -> bool:
    """The day's digest of returned reports for one employee (at most one a day)."""
    return services.surel_laporan_dikembalikan_kirim(
        pegawai_id=pegawai_id, tanggal=date.fromisoformat(tanggal)
    )


@shared_task(**opsi_tugas(TRANSIEN_DB + TRANSIEN_SURAT))
def kirim_surel_penilaian(penilaian_id: int) -> bool:
    return services.surel_penilaian_kirim(penilaian_id=penilaian_id)


@shared_task(**opsi_tugas())
def rekap_kinerja_segarkan() -> dict:
    """Every few minutes (beat): this month's rollup brought up to date incrementally, so HR
    sees today's filing on the dashboard (issue 15 item 11); the nightly run stays full."""
    return services.rekap_bulan_segarkan(bulan=hari_ini()).as_dict()
