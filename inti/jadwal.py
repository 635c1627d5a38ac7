"""Periodic tasks in django-celery-beat's schedule, created once by data migrations.

Once created, HR owns the entry (time, on/off) in the admin: re-running never overwrites it.
Functions take the migration's `apps` registry, as data migrations must.
"""

from __future__ import annotations

from typing import Any


def tugas_berkala_pastikan(
    apps: Any, *, nama: str, task: str, menit: str, jam: str, hari: str = "*", deskripsi: str
) -> None:
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    if PeriodicTask.objects.filter(name=nama).exists():
        return
    jadwal, _ = apps.get_model("django_celery_beat", "CrontabSchedule").objects.get_or_create(
        minute=menit,
        hour=jam,
        day_of_week=hari,
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Jakarta",
    )
    PeriodicTask.objects.create(name=nama, task=task, crontab=jadwal, description=deskripsi)


def tugas_berkala_hapus(apps: Any, *, nama: str) -> None:
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=nama).delete()


def tugas_berkala_interval_pastikan(
    apps: Any, *, nama: str, task: str, menit: int, deskripsi: str
) -> None:
    """Like `tugas_berkala_pastikan`, for a job that runs every `menit` minutes (shown on
    /jadwal/ as "setiap N menit")."""
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    if PeriodicTask.objects.filter(name=nama).exists():
        return
    jadwal, _ = apps.get_model("django_celery_beat", "IntervalSchedule").objects.get_or_create(
        every=menit, period="minutes"
    )
    PeriodicTask.objects.create(name=nama, task=task, interval=jadwal, description=deskripsi)
