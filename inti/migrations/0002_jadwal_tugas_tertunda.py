"""The outbox's retry in django-celery-beat's schedule (HR can change it in the admin)."""

from django.db import migrations

from inti.jadwal import tugas_berkala_hapus, tugas_berkala_pastikan

NAMA = "Kirim ulang tugas tertunda (broker sempat mati)"


def buat_jadwal(apps, schema_editor):
    tugas_berkala_pastikan(
        apps,
        nama=NAMA,
        task="inti.tasks.tugas_tertunda_kirim_ulang",
        menit="*/5",
        jam="*",
        deskripsi="Mengantrekan lagi tugas yang gagal diantrekan saat Redis/broker tidak terjangkau.",
    )


def hapus_jadwal(apps, schema_editor):
    tugas_berkala_hapus(apps, nama=NAMA)


class Migration(migrations.Migration):
    dependencies = [
        ("inti", "0001_tugas_tertunda"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(buat_jadwal, hapus_jadwal)]
