"""Figure 6: monthly partitioning, an experiment on a plain and a partitioned copy of the
report table."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from django.db import connection, transaction

from bench.alat import (
    Tulis,
    median_waktu,
)
from bench.angka.rekap import SQL_SELECT
from kinerja import rules, services
from kinerja.models import LaporanHarian


def jalankan(tulis: Tulis, ulang: int, sisip: int) -> None:
    """A plain and a range-partitioned copy of the report table, same rows, same indexes
    (the partitioned primary key has to include tanggal), no foreign keys on either. The
    partitions are made by `kinerja.services.partisi_bulanan_buat`, as the task would."""
    asal = LaporanHarian._meta.db_table
    biasa, partisi = "bench_laporan_biasa", "bench_laporan_partisi"
    with connection.cursor() as c:
        c.execute(f"SELECT min(tanggal), max(tanggal), count(*) FROM {asal}")
        awal, akhir, n = c.fetchone()
        c.execute(f"DROP TABLE IF EXISTS {biasa}, {partisi} CASCADE")
        salin = f"(LIKE {asal} INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS)"
        c.execute(f"CREATE TABLE {biasa} {salin}")
        c.execute(f"CREATE TABLE {partisi} {salin} PARTITION BY RANGE (tanggal)")
        c.execute(
            "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = %s::regclass",
            [asal],
        )
        indeks = [r[0] for r in c.fetchall()]
    try:
        jumlah_bulan = (akhir.year - awal.year) * 12 + akhir.month - awal.month + 1
        dibuat = services.partisi_bulanan_buat(
            tabel=partisi, dari=awal, jumlah=jumlah_bulan + 1
        )
        muat = {}
        for tabel in (biasa, partisi):
            t = time.perf_counter()
            with connection.cursor() as c:
                c.execute(f"INSERT INTO {tabel} SELECT * FROM {asal}")
                c.execute(
                    f"SELECT setval(pg_get_serial_sequence('{tabel}', 'id'), max(id)) "
                    f"FROM {tabel}"
                )
                for d in indeks:
                    d = re.sub(
                        r"^CREATE (UNIQUE )?INDEX \S+ ON \S+ ",
                        rf"CREATE \1INDEX ON {tabel} ",
                        d,
                    )
                    if "UNIQUE" in d and tabel == partisi:
                        d = d.replace("(id)", "(id, tanggal)")  # the key must hold tanggal
                    c.execute(d)
                c.execute(f"ANALYZE {tabel}")
            muat[tabel] = time.perf_counter() - t
        bulan = akhir.replace(day=1)
        param = {"bulan": bulan, "akhir": rules.bulan_berikut(bulan)}

        def baca(tabel: str) -> Callable[[], None]:
            def jalankan() -> None:
                with connection.cursor() as c:
                    # the rollup's one pass over the month's reports, rows discarded
                    sql = f"EXPLAIN (ANALYZE, TIMING OFF, SUMMARY OFF) {SQL_SELECT}"
                    c.execute(sql.replace(asal, tabel), param)
                    c.fetchall()

            return jalankan

        def masuk(tabel: str) -> Callable[[], None]:
            # One-row INSERT statements, server side (no client round trips), rolled back.
            def jalankan() -> None:
                with transaction.atomic(), connection.cursor() as c:
                    c.execute(
                        f"""DO $$ BEGIN FOR i IN 1..{sisip} LOOP
                        INSERT INTO {tabel} (pegawai_id, rhk_id, tanggal, uraian, kuantitas,
                            satuan, jam_mulai, jam_selesai, menit, bukti, status,
                            catatan_atasan, dibuat, diubah)
                        VALUES (1 + i % 5000, 1 + i % 15000, DATE '{bulan}' + i % 28,
                            'uji', 1, 'dokumen', '16:00', '16:10', 10, '', 'DIAJUKAN', '',
                            now(), now());
                        END LOOP; END $$"""
                    )
                    transaction.set_rollback(True)

            return jalankan

        def hapus_bulan(tabel: str) -> float:
            with transaction.atomic(), connection.cursor() as c:
                t = time.perf_counter()
                if tabel == partisi:
                    nama = f"{partisi}_{bulan:%Y%m}"
                    c.execute(f"ALTER TABLE {partisi} DETACH PARTITION {nama}")
                    c.execute(f"DROP TABLE {nama}")
                else:
                    c.execute(f"DELETE FROM {tabel} WHERE tanggal >= %(bulan)s "
                              "AND tanggal < %(akhir)s", param)  # fmt: skip
                detik = time.perf_counter() - t
                transaction.set_rollback(True)
            return detik

        r = {t: median_waktu(baca(t), ulang) for t in (biasa, partisi)}
        m = {t: median_waktu(masuk(t), ulang) for t in (biasa, partisi)}
        h = {t: hapus_bulan(t) for t in (biasa, partisi)}
    finally:
        with connection.cursor() as c:
            c.execute(f"DROP TABLE IF EXISTS {biasa}, {partisi} CASCADE")
    tulis(
        f"6 partisi bulanan (percobaan, salinan {n:,} laporan, {jumlah_bulan} bulan, "
        f"{len(dibuat)} partisi dibuat): baca rekap 1 bulan biasa {r[biasa]:.2f} s vs "
        f"partisi {r[partisi]:.2f} s -> {r[partisi] / r[biasa]:.2f}x | {sisip:,} INSERT "
        f"satu baris biasa {m[biasa] * 1000:.0f} ms vs partisi {m[partisi] * 1000:.0f} ms -> "
        f"{m[partisi] / m[biasa]:.2f}x | hapus 1 bulan DELETE {h[biasa]:.2f} s vs DROP "
        f"partisi {h[partisi] * 1000:.0f} ms | muat + indeks biasa {muat[biasa]:.1f} s vs "
        f"partisi {muat[partisi]:.1f} s"
    )
