"""The nightly talent-map refresh in django-celery-beat's schedule (HR can change it)."""

from django.db import migrations

from inti.jadwal import tugas_berkala_hapus, tugas_berkala_pastikan

NAMA = "Peta talenta (malam)"


def buat_jadwal(apps, schema_editor):
    tugas_berkala_pastikan(
        apps,
        nama=NAMA,
        task="karier.tasks.petakan_talenta_malam",
        menit="0",
        jam="2",
        deskripsi="Menghitung ulang peta talenta (9 kotak) tahun berjalan.",
    )


def hapus_jadwal(apps, schema_editor):
    tugas_berkala_hapus(apps, nama=NAMA)


class Migration(migrations.Migration):
    dependencies = [
        ("karier", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(buat_jadwal, hapus_jadwal)]
