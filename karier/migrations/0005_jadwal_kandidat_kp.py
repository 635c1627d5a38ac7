"""The refresh of the kept kenaikan pangkat eligible sets (next two periods) in
django-celery-beat's schedule, every KARIER_KANDIDAT_KP_MENIT minutes (10 unless set); HR can
change it on /jadwal/."""

from django.conf import settings
from django.db import migrations

from inti.jadwal import tugas_berkala_hapus, tugas_berkala_interval_pastikan

NAMA = "Daftar layak kenaikan pangkat (segarkan)"


def buat_jadwal(apps, schema_editor):
    tugas_berkala_interval_pastikan(
        apps,
        nama=NAMA,
        task="karier.tasks.kandidat_kp_segarkan",
        menit=max(1, int(getattr(settings, "KARIER_KANDIDAT_KP_MENIT", 10))),
        deskripsi="Menghitung ulang pegawai yang memenuhi syarat kenaikan pangkat untuk dua "
        "periode berikutnya, agar halaman kenaikan pangkat terbuka cepat. Bila hitungan "
        "terakhir sudah terlalu lama (bawaan 30 menit), halaman menghitung langsung "
        "(lebih lambat).",
    )


def hapus_jadwal(apps, schema_editor):
    tugas_berkala_hapus(apps, nama=NAMA)


class Migration(migrations.Migration):
    dependencies = [
        ("karier", "0004_kandidat_kp"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(buat_jadwal, hapus_jadwal)]
