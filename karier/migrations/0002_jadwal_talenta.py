"""The nightly talent-map refresh in django-celery-beat's schedule (HR can change it)."""

from django.db import migrations

NAMA = "Peta talenta (malam)"


def buat_jadwal(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    if PeriodicTask.objects.filter(name=NAMA).exists():
        return
    jadwal, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="2",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Jakarta",
    )
    PeriodicTask.objects.create(
        name=NAMA,
        task="karier.tasks.petakan_talenta_malam",
        crontab=jadwal,
        description="Menghitung ulang peta talenta (9 kotak) tahun berjalan.",
    )


def hapus_jadwal(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAMA).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("karier", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(buat_jadwal, hapus_jadwal)]
