"""The nightly rollup in django-celery-beat's schedule (HR can change it in the admin)."""

from django.db import migrations

from inti.jadwal import tugas_berkala_hapus, tugas_berkala_pastikan

NAMA = "Rekap kinerja bulanan (malam)"


def buat_jadwal(apps, schema_editor):
    tugas_berkala_pastikan(
        apps,
        nama=NAMA,
        task="kinerja.tasks.rekap_kinerja_malam",
        menit="30",
        jam="1",
        deskripsi="Menghitung ulang rekap laporan harian bulan ini dan bulan lalu.",
    )


def hapus_jadwal(apps, schema_editor):
    tugas_berkala_hapus(apps, nama=NAMA)


class Migration(migrations.Migration):
    dependencies = [
        ("kinerja", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(buat_jadwal, hapus_jadwal)]
