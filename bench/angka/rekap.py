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

# --- Figure 1: the hand-written SQL the rollup is measured against --------------------------
# The same three result tables, written the plain way: one INSERT ... SELECT ... GROUP BY ...
# ON CONFLICT DO UPDATE per table, in one transaction. It does not remove rows that no longer
# have source rows (the service does): that extra work is counted against the service.
SQL_TANGAN = [
    """
    INSERT INTO kinerja_rekappegawaibulanan
        (pegawai_id, bulan, jumlah_laporan, laporan_disetujui, laporan_dikembalikan,
         total_menit, hari_lapor)
    SELECT pegawai_id, %(bulan)s, count(*), count(*) FILTER (WHERE status = 'DISETUJUI'),
           count(*) FILTER (WHERE status = 'DIKEMBALIKAN'), sum(menit), count(DISTINCT tanggal)
    FROM kinerja_laporanharian
    WHERE tanggal >= %(bulan)s AND tanggal < %(akhir)s
    GROUP BY pegawai_id
    ON CONFLICT (pegawai_id, bulan) DO UPDATE SET
        jumlah_laporan = EXCLUDED.jumlah_laporan, laporan_disetujui = EXCLUDED.laporan_disetujui,
        laporan_dikembalikan = EXCLUDED.laporan_dikembalikan,
        total_menit = EXCLUDED.total_menit, hari_lapor = EXCLUDED.hari_lapor
    """,
    """
    INSERT INTO kinerja_rekaprhkbulanan
        (rhk_id, pegawai_id, bulan, jumlah_laporan, laporan_disetujui, kuantitas_disetujui)
    SELECT rhk_id, pegawai_id, %(bulan)s, count(*), count(*) FILTER (WHERE status = 'DISETUJUI'),
           COALESCE(sum(kuantitas) FILTER (WHERE status = 'DISETUJUI'), 0)
    FROM kinerja_laporanharian
    WHERE tanggal >= %(bulan)s AND tanggal < %(akhir)s
    GROUP BY rhk_id, pegawai_id
    ON CONFLICT (rhk_id, bulan) DO UPDATE SET
        jumlah_laporan = EXCLUDED.jumlah_laporan, laporan_disetujui = EXCLUDED.laporan_disetujui,
        kuantitas_disetujui = EXCLUDED.kuantitas_disetujui
    """,
    """
    INSERT INTO kinerja_rekapunitbulanan
        (unit_kerja_id, bulan, jumlah_pegawai, pegawai_melapor, jumlah_laporan,
         laporan_disetujui, laporan_dikembalikan, total_menit, hari_lapor,
         sangat_baik, baik, butuh_perbaikan, kurang, sangat_kurang)
    SELECT u.id, %(bulan)s, COALESCE(p.n, 0), COALESCE(r.melapor, 0), COALESCE(r.laporan, 0),
           COALESCE(r.disetujui, 0), COALESCE(r.dikembalikan, 0), COALESCE(r.menit, 0),
           COALESCE(r.hari, 0), COALESCE(n.sb, 0), COALESCE(n.b, 0), COALESCE(n.bp, 0),
           COALESCE(n.k, 0), COALESCE(n.sk, 0)
    FROM pegawai_unitkerja u
    LEFT JOIN (SELECT unit_kerja_id, count(*) AS n FROM pegawai_pegawai WHERE aktif
               GROUP BY unit_kerja_id) p ON p.unit_kerja_id = u.id
    LEFT JOIN (SELECT g.unit_kerja_id, count(*) AS melapor, sum(r.jumlah_laporan) AS laporan,
                      sum(r.laporan_disetujui) AS disetujui,
                      sum(r.laporan_dikembalikan) AS dikembalikan,
                      sum(r.total_menit) AS menit, sum(r.hari_lapor) AS hari
               FROM kinerja_rekappegawaibulanan r JOIN pegawai_pegawai g ON g.id = r.pegawai_id
               WHERE r.bulan = %(bulan)s GROUP BY g.unit_kerja_id) r ON r.unit_kerja_id = u.id
    LEFT JOIN (SELECT unit_kerja_id,
                      count(*) FILTER (WHERE predikat = 'SANGAT_BAIK') AS sb,
                      count(*) FILTER (WHERE predikat = 'BAIK') AS b,
                      count(*) FILTER (WHERE predikat = 'BUTUH_PERBAIKAN') AS bp,
                      count(*) FILTER (WHERE predikat = 'KURANG') AS k,
                      count(*) FILTER (WHERE predikat = 'SANGAT_KURANG') AS sk
               FROM kinerja_penilaian
               WHERE tanggal_akhir >= %(bulan)s AND tanggal_akhir < %(akhir)s
               GROUP BY unit_kerja_id) n ON n.unit_kerja_id = u.id
    WHERE p.unit_kerja_id IS NOT NULL OR r.unit_kerja_id IS NOT NULL
       OR n.unit_kerja_id IS NOT NULL
    ON CONFLICT (unit_kerja_id, bulan) DO UPDATE SET
        jumlah_pegawai = EXCLUDED.jumlah_pegawai, pegawai_melapor = EXCLUDED.pegawai_melapor,
        jumlah_laporan = EXCLUDED.jumlah_laporan, laporan_disetujui = EXCLUDED.laporan_disetujui,
        laporan_dikembalikan = EXCLUDED.laporan_dikembalikan, total_menit = EXCLUDED.total_menit,
        hari_lapor = EXCLUDED.hari_lapor, sangat_baik = EXCLUDED.sangat_baik,
        baik = EXCLUDED.baik, butuh_perbaikan = EXCLUDED.butuh_perbaikan,
        kurang = EXCLUDED.kurang, sangat_kurang = EXCLUDED.sangat_kurang
    """,
]


def hanya_select(sql: str) -> str:
    """The SELECT ... GROUP BY of an INSERT ... SELECT ... ON CONFLICT, run to the end on the
    server with its rows discarded (EXPLAIN ANALYZE without per-node timing): the cost of the
    aggregation alone, without writing and without shipping rows to the client."""
    inti = sql.split("ON CONFLICT")[0]
    return f"EXPLAIN (ANALYZE, TIMING OFF, SUMMARY OFF) {inti[inti.index('SELECT') :]}"


def jalankan(tulis: Tulis, bulan: date, ulang: int) -> None:
    param = {"bulan": bulan, "akhir": rules.bulan_berikut(bulan)}
    laporan = LaporanHarian.objects.filter(
        tanggal__gte=bulan, tanggal__lt=param["akhir"]
    ).count()

    def kosongkan() -> None:
        with connection.cursor() as c:
            c.execute(f"TRUNCATE {', '.join(TABEL_REKAP)}")

    def layanan() -> None:
        services.rekap_bulan_hitung(bulan=bulan)

    def tangan() -> None:
        with transaction.atomic(), connection.cursor() as c:
            for sql in SQL_TANGAN:
                c.execute(sql, param)

    def select() -> None:
        with transaction.atomic(), connection.cursor() as c:
            for sql in SQL_TANGAN:
                c.execute(hanya_select(sql), param)
                c.fetchall()

    def sidik() -> list[tuple]:
        """Row count and a checksum of every row of the three result tables."""
        hasil = []
        with connection.cursor() as c:
            for tabel in TABEL_REKAP:
                c.execute(f"SELECT * FROM {tabel} LIMIT 0")
                kolom = ", ".join(d[0] for d in c.description if d[0] != "id")
                c.execute(
                    f"SELECT count(*), sum(hashtext(({kolom})::text)::bigint) FROM {tabel}"
                )
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
        f"laporan): {t['layanan']:.2f} s | SQL tangan INSERT..ON CONFLICT {t['tangan']:.2f} s "
        f"-> {rasio:.2f}x (target <= 1.5x: {ya(rasio <= 1.5 and sama)}; hasil sama: "
        f"{ya(sama)}) | SELECT GROUP BY saja "
        f"{t['select']:.2f} s -> {t['layanan'] / t['select']:.2f}x | hitung ulang tanpa "
        f"perubahan {ulang_layanan:.2f} s vs {ulang_tangan:.2f} s -> "
        f"{ulang_layanan / ulang_tangan:.2f}x"
    )
