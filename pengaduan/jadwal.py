"""The beat schedule of the app, created once in the database (django-celery-beat) so that
HR can see and change it in the admin. Runs after `migrate`; never overwrites an edit."""

from __future__ import annotations

from typing import Any

NAMA_TUGAS_ESKALASI = "Eskalasi pengaduan terlambat"
TUGAS_ESKALASI = "pengaduan.tasks.eskalasi_pengaduan_terlambat"


def jadwal_siapkan(**_: Any) -> None:
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    if PeriodicTask.objects.filter(name=NAMA_TUGAS_ESKALASI).exists():
        return
    # Working-day mornings, 07:00 WIB.
    jadwal, _created = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="7",
        day_of_week="1-5",
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Jakarta",
    )
    PeriodicTask.objects.get_or_create(
        name=NAMA_TUGAS_ESKALASI,
        defaults={
            "task": TUGAS_ESKALASI,
            "crontab": jadwal,
            "description": "Mengirim email ke Admin BKD berisi pengaduan yang melewati "
            "batas waktu verifikasi (3 hari kerja) atau tindak lanjut (5 hari kerja).",
        },
    )
