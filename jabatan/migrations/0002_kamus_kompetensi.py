"""Seed the competency dictionary: the eight manajerial competencies, Perekat Bangsa and a
starter set of teknis ones (idempotent by kode; `seed_jabatan` re-applies the same data)."""

from django.db import migrations


def isi(apps, schema_editor):
    from jabatan.data_awal import isi_kompetensi

    isi_kompetensi(apps.get_model("jabatan", "Kompetensi"))


class Migration(migrations.Migration):
    dependencies = [("jabatan", "0001_initial")]

    operations = [migrations.RunPython(isi, migrations.RunPython.noop)]
