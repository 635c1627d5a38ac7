"""No two daily reports of one employee overlap in time (issue 17, the filing hot path).

On PostgreSQL an exclusion constraint says it: `(pegawai_id WITH =, tsrange(tanggal +
jam_mulai, tanggal + jam_selesai) WITH &&)`. The range is half-open (`[)`), so a report
ending at 08:00 and the next starting at 08:00 do not overlap, one minute more does. Every
report counts whatever its status (the service's overlap rule has no status condition).
With it the database, not a per-employee row lock plus a SELECT, decides which of two
simultaneous filings of the same slot wins; the service turns the violation into the
field message of its own check (`kinerja/services/laporan.py`). btree_gist (for `=` on an
integer in a GiST index) is a trusted extension (PostgreSQL >= 13): the database owner may
create it. SQLite (`make run`) gets nothing: the service's check under its lock stays.

Existing overlapping reports (only possible through a race of two corrections) stop this
migration with a message naming them (the query is also in `docs/PERFORMANCE.md`, figure 2):
correct or remove them, then migrate again."""

from django.db import migrations

NAMA = "laporan_tanpa_tumpang_tindih"

TUMPANG_TINDIH = """
SELECT a.id, b.id FROM kinerja_laporanharian a
JOIN kinerja_laporanharian b ON a.pegawai_id = b.pegawai_id AND a.tanggal = b.tanggal
 AND a.id < b.id AND a.jam_mulai < b.jam_selesai AND b.jam_mulai < a.jam_selesai
LIMIT 20
"""


def batasan_buat(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as c:
        c.execute(TUMPANG_TINDIH)
        pasangan = c.fetchall()
    if pasangan:
        daftar = ", ".join(f"{a}–{b}" for a, b in pasangan)
        raise RuntimeError(
            "Migrasi kinerja 0013 dihentikan: ada laporan harian yang waktunya tumpang tindih "
            f"(pasangan id: {daftar}). Perbaiki atau hapus salah satunya, lalu migrasi lagi."
        )
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE kinerja_laporanharian ADD CONSTRAINT {NAMA} EXCLUDE USING gist "
        "(pegawai_id WITH =, tsrange(tanggal + jam_mulai, tanggal + jam_selesai) WITH &&)"
    )


def batasan_hapus(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE kinerja_laporanharian DROP CONSTRAINT IF EXISTS {NAMA}")


class Migration(migrations.Migration):
    dependencies = [("kinerja", "0012_indeks_urutan_daftar_api")]

    operations = [migrations.RunPython(batasan_buat, batasan_hapus, elidable=False)]
