"""The SIASN jobs in django-celery-beat's schedule (HR can change them in the admin)."""

from django.db import migrations

from inti.jadwal import tugas_berkala_hapus, tugas_berkala_pastikan

KIRIM = "SIASN: kirim antrean"
COCOKKAN = "SIASN: pencocokan data (malam)"


def buat_jadwal(apps, schema_editor):
    tugas_berkala_pastikan(
        apps,
        nama=KIRIM,
        task="siasn.tasks.siasn_kirim_antrean",
        menit="*/10",
        jam="*",
        deskripsi="Mengirim ke SIASN BKN kiriman yang menunggu (tanpa kredensial: tidak apa-apa).",
    )
    tugas_berkala_pastikan(
        apps,
        nama=COCOKKAN,
        task="siasn.tasks.siasn_cocokkan_malam",
        menit="30",
        jam="1",
        deskripsi="Membandingkan golongan, jabatan, unit dan pendidikan pegawai dengan SIASN.",
    )


def hapus_jadwal(apps, schema_editor):
    tugas_berkala_hapus(apps, nama=KIRIM)
    tugas_berkala_hapus(apps, nama=COCOKKAN)


class Migration(migrations.Migration):
    dependencies = [
        ("siasn", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(buat_jadwal, hapus_jadwal)]
