"""The daily automatic closing of unanswered follow-ups in django-celery-beat's schedule (HR
can change or switch it off in the admin)."""

from django.db import migrations

from inti.jadwal import tugas_berkala_hapus, tugas_berkala_pastikan

NAMA = "Tutup otomatis pengaduan tanpa tanggapan pelapor (harian)"


def buat_jadwal(apps, schema_editor):
    tugas_berkala_pastikan(
        apps,
        nama=NAMA,
        task="pengaduan.tasks.tutup_pengaduan_otomatis",
        menit="15",
        jam="1",
        deskripsi="Menutup pengaduan yang tindak lanjutnya tidak ditanggapi pelapor dalam "
        "10 hari kerja.",
    )


def hapus_jadwal(apps, schema_editor):
    tugas_berkala_hapus(apps, nama=NAMA)


class Migration(migrations.Migration):
    dependencies = [
        ("pengaduan", "0005_tanggapan_otomatis"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(buat_jadwal, hapus_jadwal)]
