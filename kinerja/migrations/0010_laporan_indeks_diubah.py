# The index of the incremental rollup on the reports' `diubah`, built without blocking the
# filing of reports (CREATE INDEX CONCURRENTLY, outside a transaction) on PostgreSQL.

from django.db import migrations, models

INDEKS = "laporan_diubah"


def buat(apps, schema_editor):
    serentak = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX {serentak}IF NOT EXISTS {INDEKS} ON kinerja_laporanharian (diubah)"
    )


def hapus(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEKS}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("kinerja", "0009_rekap_rhk_per_indikator_dan_stempel"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(buat, hapus)],
            state_operations=[
                migrations.AddIndex(
                    model_name="laporanharian",
                    index=models.Index(fields=["diubah"], name=INDEKS),
                ),
            ],
        ),
    ]
