"""The nightly rollup in django-celery-beat's schedule (HR can change it in the admin)."""

from django.db import migrations

NAMA = "Rekap kinerja bulanan (malam)"


def buat_jadwal(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    if PeriodicTask.objects.filter(name=NAMA).exists():
        return
    jadwal, _ = CrontabSchedule.objects.get_or_create(
        minute="30",
        hour="1",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Jakarta",
    )
    PeriodicTask.objects.create(
        name=NAMA,
        task="kinerja.tasks.rekap_kinerja_malam",
        crontab=jadwal,
        description="Menghitung ulang rekap laporan harian bulan ini dan bulan lalu.",
    )


def hapus_jadwal(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAMA).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("kinerja", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(buat_jadwal, hapus_jadwal)]
