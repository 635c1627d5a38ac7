"""Figure 1: the monthly rollup (`kinerja.services.rekap_bulan_hitung`) against the same
rollup hand-written in SQL, and against the bare SELECT ... GROUP BY."""

from __future__ import annotations

import statistics
from datetime import date

from django.db import connection, transaction

from bench.alat import (
    Tulis,
    median_waktu,
    ya,
)
from kinerja import rules, services
from kinerja.models import LaporanHarian
from pegawai.models import Pegawai

TABEL_REKAP = ["kinerja_rekappegawaibulanan", "kinerja_rekaprhkbulanan", "kinerja_rekapunitbulanan"]

# --- Figure 1: the limit the rollup is measured against ---------------------------------
# The minimal correct way to fill the same three result tables: ONE statement that reads the
# month's reports once (per RHK indicator and employee, with a bitmask of the reporting days so the
# per-employee distinct days need no second scan and no sort), sums that per employee and per
# unit, and writes each table with a plain INSERT ... SELECT ... ON CONFLICT DO UPDATE, under
# the same session setting as the service (`SET LOCAL work_mem`, see `tangan` below). It does
# not skip unchanged rows and does not remove rows whose source is gone (the service does):
# that extra work is counted against the service.
SQL_TANGAN = [
    """
    WITH per_rhk AS MATERIALIZED (
        SELECT rhk_id, indikator_id, pegawai_id, count(*)::int AS n,
               (count(*) FILTER (WHERE status = 'DISETUJUI'))::int AS ok,
               (count(*) FILTER (WHERE status = 'DIKEMBALIKAN'))::int AS kembali,
               sum(menit)::int AS menit,
               COALESCE(sum(kuantitas) FILTER (WHERE status = 'DISETUJUI'
                                               AND indikator_id IS NOT NULL), 0) AS kuantitas,
               bit_or(1 << (extract(day FROM tanggal)::int - 1)) AS hari
        FROM kinerja_laporanharian
        WHERE tanggal >= %(bulan)s AND tanggal < %(akhir)s
        GROUP BY rhk_id, indikator_id, pegawai_id
    ),
    per_pegawai AS MATERIALIZED (
        SELECT pegawai_id, sum(n)::int AS n, sum(ok)::int AS ok, sum(kembali)::int AS kembali,
               sum(menit)::int AS menit, bit_count(bit_or(hari)::bit(31))::int AS hari
        FROM per_rhk GROUP BY pegawai_id
    ),
    tulis_rhk AS (
        INSERT INTO kinerja_rekaprhkbulanan
            (rhk_id, indikator_id, pegawai_id, bulan, jumlah_laporan, laporan_disetujui,
             kuantitas_disetujui)
        SELECT rhk_id, indikator_id, pegawai_id, %(bulan)s, n, ok, kuantitas FROM per_rhk
        ON CONFLICT (rhk_id, indikator_id, bulan) DO UPDATE SET
            jumlah_laporan = EXCLUDED.jumlah_laporan,
            laporan_disetujui = EXCLUDED.laporan_disetujui,
            kuantitas_disetujui = EXCLUDED.kuantitas_disetujui
    ),
    tulis_pegawai AS (
        INSERT INTO kinerja_rekappegawaibulanan
            (pegawai_id, bulan, jumlah_laporan, laporan_disetujui, laporan_dikembalikan,
             total_menit, hari_lapor)
        SELECT pegawai_id, %(bulan)s, n, ok, kembali, menit, hari FROM per_pegawai
        ON CONFLICT (pegawai_id, bulan) DO UPDATE SET
            jumlah_laporan = EXCLUDED.jumlah_laporan,
            laporan_disetujui = EXCLUDED.laporan_disetujui,
            laporan_dikembalikan = EXCLUDED.laporan_dikembalikan,
            total_menit = EXCLUDED.total_menit, hari_lapor = EXCLUDED.hari_lapor
    )
    INSERT INTO kinerja_rekapunitbulanan
        (unit_kerja_id, bulan, jumlah_pegawai, pegawai_melapor, jumlah_laporan,
         laporan_disetujui, laporan_dikembalikan, total_menit, hari_lapor,
         sangat_baik, baik, butuh_perbaikan, kurang, sangat_kurang)
    SELECT unit_kerja_id, %(bulan)s, COALESCE(p.jumlah, 0), COALESCE(r.melapor, 0),
           COALESCE(r.n, 0), COALESCE(r.ok, 0), COALESCE(r.kembali, 0), COALESCE(r.menit, 0),
           COALESCE(r.hari, 0), COALESCE(v.sb, 0), COALESCE(v.b, 0), COALESCE(v.bp, 0),
           COALESCE(v.k, 0), COALESCE(v.sk, 0)
    FROM (SELECT unit_kerja_id, count(*)::int AS jumlah FROM pegawai_pegawai WHERE aktif
          GROUP BY unit_kerja_id) p
    FULL JOIN (SELECT g.unit_kerja_id, count(*)::int AS melapor, sum(r.n)::int AS n,
                      sum(r.ok)::int AS ok, sum(r.kembali)::int AS kembali,
                      sum(r.menit)::int AS menit, sum(r.hari)::int AS hari
               FROM per_pegawai r JOIN pegawai_pegawai g ON g.id = r.pegawai_id
               GROUP BY g.unit_kerja_id) r USING (unit_kerja_id)
    FULL JOIN (SELECT unit_kerja_id,
                      count(*) FILTER (WHERE predikat = 'SANGAT_BAIK') AS sb,
                      count(*) FILTER (WHERE predikat = 'BAIK') AS b,
                      count(*) FILTER (WHERE predikat = 'BUTUH_PERBAIKAN') AS bp,
                      count(*) FILTER (WHERE predikat = 'KURANG') AS k,
                      count(*) FILTER (WHERE predikat = 'SANGAT_KURANG') AS sk
               FROM kinerja_penilaian
               WHERE tanggal_akhir >= %(bulan)s AND tanggal_akhir < %(akhir)s
               GROUP BY unit_kerja_id) v USING (unit_kerja_id)
    ON CONFLICT (unit_kerja_id, bulan) DO UPDATE SET
        jumlah_pegawai = EXCLUDED.jumlah_pegawai, pegawai_melapor = EXCLUDED.pegawai_melapor,
        jumlah_laporan = EXCLUDED.jumlah_laporan, laporan_disetujui = EXCLUDED.laporan_disetujui,
        laporan_dikembalikan = EXCLUDED.laporan_dikembalikan, total_menit = EXCLUDED.total_menit,
        hari_lapor = EXCLUDED.hari_lapor, sangat_baik = EXCLUDED.sangat_baik,
        baik = EXCLUDED.baik, butuh_perbaikan = EXCLUDED.butuh_perbaikan,
        kurang = EXCLUDED.kurang, sangat_kurang = EXCLUDED.sangat_kurang
    """,
]

# The aggregation alone (server side, rows discarded): the reports read once, as above.
SQL_SELECT = """
    SELECT rhk_id, indikator_id, pegawai_id, count(*),
           count(*) FILTER (WHERE status = 'DISETUJUI'),
           count(*) FILTER (WHERE status = 'DIKEMBALIKAN'), sum(menit),
           COALESCE(sum(kuantitas) FILTER (WHERE status = 'DISETUJUI'
                                           AND indikator_id IS NOT NULL), 0),
           bit_or(1 << (extract(day FROM tanggal)::int - 1))
    FROM kinerja_laporanharian
    WHERE tanggal >= %(bulan)s AND tanggal < %(akhir)s
    GROUP BY rhk_id, indikator_id, pegawai_id
"""


def jalankan(tulis: Tulis, bulan: date, ulang: int) -> None:
    param = {"bulan": bulan, "akhir": rules.bulan_berikut(bulan)}
    laporan = LaporanHarian.objects.filter(tanggal__gte=bulan, tanggal__lt=param["akhir"]).count()

    def kosongkan() -> None:
        with connection.cursor() as c:
            c.execute(f"TRUNCATE {', '.join(TABEL_REKAP)}")

    def layanan() -> None:
        services.rekap_bulan_hitung(bulan=bulan)

    def tangan() -> None:
        with transaction.atomic(), connection.cursor() as c:
            c.execute(f"SET LOCAL work_mem = '{services.WORK_MEM_REKAP}'")
            for sql in SQL_TANGAN:
                c.execute(sql, param)

    def select() -> None:
        with transaction.atomic(), connection.cursor() as c:
            c.execute(f"SET LOCAL work_mem = '{services.WORK_MEM_REKAP}'")
            c.execute(f"EXPLAIN (ANALYZE, TIMING OFF, SUMMARY OFF) {SQL_SELECT}", param)
            c.fetchall()

    def sidik() -> list[tuple]:
        """Row count and a checksum of every row of the three result tables."""
        hasil = []
        with connection.cursor() as c:
            for tabel in TABEL_REKAP:
                c.execute(f"SELECT * FROM {tabel} LIMIT 0")
                kolom = ", ".join(d[0] for d in c.description if d[0] != "id")
                c.execute(f"SELECT count(*), sum(hashtext(({kolom})::text)::bigint) FROM {tabel}")
                hasil.append(c.fetchone())
        return hasil

    # Empty result tables before each run: every row is written (the first rollup of a
    # month). Then again with the rows in place and the source unchanged (a re-run).
    waktu: dict[str, list[float]] = {"layanan": [], "tangan": [], "select": []}
    sidik_sama = []
    for _ in range(ulang):
        for nama, fn in (("layanan", layanan), ("tangan", tangan)):
            kosongkan()
            waktu[nama].append(median_waktu(fn, 1))
            sidik_sama.append(sidik())
        waktu["select"].append(median_waktu(select, 1))
    # The service and the hand-written SQL must leave the very same rows.
    sama = all(x == sidik_sama[0] for x in sidik_sama)
    ulang_layanan = median_waktu(layanan, ulang)
    ulang_tangan = median_waktu(tangan, ulang)
    t = {k: statistics.median(v) for k, v in waktu.items()}
    rasio = t["layanan"] / t["tangan"]
    tulis(
        f"1 rekap bulanan {bulan:%Y-%m} ({Pegawai.objects.count():,} pegawai, {laporan:,} "
        f"laporan): {t['layanan']:.2f} s | batas: 1 lintasan INSERT..ON CONFLICT (work_mem "
        f"sama) {t['tangan']:.2f} s "
        f"-> {rasio:.2f}x (target <= 1.1x: {ya(rasio <= 1.1 and sama)}; hasil sama: "
        f"{ya(sama)}) | SELECT GROUP BY saja "
        f"{t['select']:.2f} s -> {t['layanan'] / t['select']:.2f}x | hitung ulang tanpa "
        f"perubahan {ulang_layanan:.2f} s vs {ulang_tangan:.2f} s -> "
        f"{ulang_layanan / ulang_tangan:.2f}x"
    )
