"""`manage.py bench --quick` (what `make bench` runs, at CI size) completes and prints every
figure. Only that: the numbers depend on the machine, so nothing here asserts a speed."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from kinerja import services, tasks

# The start of each line the bench prints, in order.
BARIS = [
    "bench: ",
    "0 ",
    "1 rekap bulanan ",
    "2 POST laporan-harian ",
    "3 impor ",
    "4 antrian atasan ",
    "4 daftar pegawai ",
    "4 setiap daftar ",
    "5 kandidat ",
    "6 partisi bulanan ",
    "7 halaman ",
    "8 rekap segar ",
]

perlu_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="bench memerlukan PostgreSQL (COPY, partisi, gunicorn pada database uji)",
)


@perlu_postgresql
@pytest.mark.django_db(transaction=True)
def test_bench_quick_mencetak_setiap_angka(settings):
    # The kit is installed only where benchmarks run (BENCH=1, as `make bench` sets it).
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "bench"]
    # Committed data (transaction=True): the gunicorn server of figure 2 is another process.
    keluar = io.StringIO()
    call_command("bench", "--quick", stdout=keluar)

    baris = keluar.getvalue().splitlines()
    awal = [next((b for b in baris if b.startswith(a)), None) for a in BARIS]
    assert None not in awal, keluar.getvalue()
    assert [baris.index(b) for b in awal] == sorted(baris.index(b) for b in awal)
    # The rollup and its one-pass limit leave exactly the same rows.
    assert "hasil sama: OK" in awal[2], awal[2]
    # The incremental refresh leaves the rows of a full rollup.
    assert "hasil sama dengan rekap penuh: OK" in awal[-1], awal[-1]
    # The seed loads the JP ledger with its triggers off and rebuilds the yearly totals.
    with connection.cursor() as c:
        c.execute(
            "SELECT pegawai_id, EXTRACT(YEAR FROM tanggal)::int, SUM(jp) FROM pelatihan_catatanjp"
            " GROUP BY 1, 2 EXCEPT SELECT pegawai_id, tahun, jp FROM pelatihan_jptahunan"
        )
        assert c.fetchall() == []
        c.execute("SELECT count(*) FROM pelatihan_jptahunan")
        assert c.fetchone()[0] > 0


def test_bench_tidak_terpasang_di_produk():
    from django.apps import apps
    from django.core.management import get_commands

    assert not apps.is_installed("bench")
    assert not {"bench", "seed_scale", "ukur_kandidat"} & set(get_commands())


@pytest.mark.django_db
def test_partisi_laporan_tidak_menyentuh_tabel_biasa():
    # kinerja_laporanharian is not partitioned (yet): the task leaves it alone.
    assert tasks.laporan_partisi_siapkan() == []


@perlu_postgresql
@pytest.mark.django_db
def test_partisi_bulanan_dibuat_sekali():
    with connection.cursor() as c:
        c.execute(
            "CREATE TABLE uji_partisi (id bigint, tanggal date NOT NULL) "
            "PARTITION BY RANGE (tanggal)"
        )
    dibuat = services.partisi_bulanan_buat(tabel="uji_partisi", dari=date(2026, 11, 20), jumlah=3)
    assert dibuat == ["uji_partisi_202611", "uji_partisi_202612", "uji_partisi_202701"]
    assert services.partisi_bulanan_buat(tabel="uji_partisi", dari=date(2026, 12, 1), jumlah=3) == [
        "uji_partisi_202702"
    ]
    with connection.cursor() as c:
        c.execute("INSERT INTO uji_partisi VALUES (1, '2027-01-31')")
        c.execute("SELECT tableoid::regclass::text FROM uji_partisi")
        assert c.fetchone()[0] == "uji_partisi_202701"
