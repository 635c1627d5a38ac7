"""The incremental refresh of the current month's rollup in django-celery-beat's schedule,
every KINERJA_REKAP_SEGAR_MENIT minutes (10 unless set); HR can change it on /jadwal/."""

from django.conf import settings
from django.db import migrations

from inti.jadwal import tugas_berkala_hapus, tugas_berkala_interval_pastikan

NAMA = "Rekap kinerja bulan ini (segarkan)"


def buat_jadwal(apps, schema_editor):
    tugas_berkala_interval_pastikan(
        apps,
        nama=NAMA,
        task="kinerja.tasks.rekap_kinerja_segarkan",
        menit=max(1, int(getattr(settings, "KINERJA_REKAP_SEGAR_MENIT", 10))),
        deskripsi="Memperbarui rekap bulan ini untuk pegawai yang laporannya berubah sejak "
        "pembaruan terakhir, agar dasbor HR menampilkan laporan hari ini.",
    )


def hapus_jadwal(apps, schema_editor):
    tugas_berkala_hapus(apps, nama=NAMA)


class Migration(migrations.Migration):
    dependencies = [
        ("kinerja", "0010_laporan_indeks_diubah"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(buat_jadwal, hapus_jadwal)]
