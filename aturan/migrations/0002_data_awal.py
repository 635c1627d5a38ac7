"""Seed the rule rows in force (aturan.data_awal). Idempotent: a row HR already has for the
same code and date is left as HR keeps it. A later regulation is a new data migration (or a
row HR adds in the admin), never an edit of these rows."""

from django.db import migrations

from aturan.data_awal import BARIS


def isi(apps, schema_editor):
    Aturan = apps.get_model("aturan", "Aturan")
    for kode, mulai, nilai, regulasi, verifikasi, keterangan in BARIS:
        Aturan.objects.get_or_create(
            kode=kode,
            berlaku_mulai=mulai,
            defaults={
                "nilai": nilai,
                "regulasi": regulasi,
                "perlu_verifikasi": verifikasi,
                "keterangan": keterangan,
            },
        )


def kosongkan(apps, schema_editor):
    Aturan = apps.get_model("aturan", "Aturan")
    for kode, mulai, *_ in BARIS:
        Aturan.objects.filter(kode=kode, berlaku_mulai=mulai).delete()


class Migration(migrations.Migration):
    dependencies = [("aturan", "0001_initial")]

    operations = [migrations.RunPython(isi, kosongkan)]
