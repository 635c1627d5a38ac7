"""Indexes for the employee list at 100,000 rows (issue 17): (nama, nip), the default order,
and on PostgreSQL a trigram index on UPPER(nama) — what the admin search and the list's
`nama__icontains` compare (`UPPER(nama::text) LIKE UPPER('%…%')`), which a btree cannot serve.
pg_trgm is a trusted extension (PostgreSQL ≥ 13): the database owner may create it. SQLite
(`make run`) gets the btree only."""

from django.db import migrations, models


def trigram_buat(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS pegawai_nama_trgm ON pegawai_pegawai "
        "USING gin ((UPPER(nama::text)) gin_trgm_ops)"
    )


def trigram_hapus(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS pegawai_nama_trgm")


class Migration(migrations.Migration):
    dependencies = [("pegawai", "0002_jenjang_pendidikan_kepka_bkn")]

    operations = [
        migrations.AddIndex(
            model_name="pegawai",
            index=models.Index(fields=["nama", "nip"], name="pegawai_nama_nip"),
        ),
        migrations.RunPython(trigram_buat, trigram_hapus),
    ]
