"""Figure 8: the incremental refresh of the current month's rollup
(`kinerja.services.rekap_bulan_segarkan`, every 10 minutes by beat) after N new reports,
against the full rollup of the same month (`rekap_bulan_hitung`, nightly), with what each
costs the database: wall time, rows read and written, shared buffers (EXPLAIN (ANALYZE,
BUFFERS) of the very statements the services run), and the size of the `diubah` index.

N is the filing of ten peak minutes: 100,000 employees file ~100,000 reports a day, a third
of them in the busiest hour, so ~5,000 in ten minutes; the bench uses N = 5% of the
employees (5,000 at 100,000), each new report from a different employee (the worst case for
the refresh: every report makes one more employee to recompute).
"""

from __future__ import annotations

import json
import statistics
import time
from datetime import date, datetime, timedelta
from datetime import time as time_

from django.db import connection, transaction
from django.utils import timezone

from bench.alat import Tulis, ya
from kinerja import rules, services
from kinerja.models import LaporanHarian, StempelRekap
from kinerja.services import rekap as rekap_mod
from pegawai.models import Pegawai

from .rekap import TABEL_REKAP

# N new reports, copied from existing ones of N random employees (one each), filed "now",
# each batch in its own half hour after the working day (an employee may be drawn again in a
# later batch: its reports must not overlap, which the database refuses).
SQL_LAPOR = """
INSERT INTO kinerja_laporanharian
    (pegawai_id, rhk_id, indikator_id, tanggal, uraian, kuantitas, satuan, jam_mulai,
     jam_selesai, menit, bukti, status, catatan_atasan, dibuat, diubah)
SELECT DISTINCT ON (l.pegawai_id) l.pegawai_id, l.rhk_id, l.indikator_id, l.tanggal,
       'Laporan bench segar', l.kuantitas, l.satuan, %(mulai)s, %(selesai)s, 30, '', 'DIAJUKAN', '',
       now(), now()
FROM kinerja_laporanharian l
WHERE l.tanggal >= %(bulan)s AND l.tanggal < %(akhir)s
  AND l.pegawai_id IN (SELECT id FROM pegawai_pegawai ORDER BY random() LIMIT %(n)s)
ORDER BY l.pegawai_id
RETURNING id
"""


def _buffer(rencana: list) -> tuple[int, int, int]:
    """(shared blocks hit + read, of which read from outside the cache, dirtied) of an
    EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON): the top node counts its whole tree."""
    p = rencana[0]["Plan"]
    return (
        p["Shared Hit Blocks"] + p["Shared Read Blocks"],
        p["Shared Read Blocks"],
        p["Shared Dirtied Blocks"],
    )


def _mb(blok: int) -> str:
    return f"{blok * 8 / 1024:.1f} MB"


def _akses(b: tuple[int, int, int]) -> str:
    """Buffer accesses (a page visited twice counts twice), those read from outside
    PostgreSQL's cache, pages dirtied."""
    return f"{b[0]:,} akses buffer ({b[1]:,} dibaca, {b[2]:,} dikotori)"


def jalankan(tulis: Tulis, bulan: date, ulang: int) -> None:
    akhir = rules.bulan_berikut(bulan)
    n_pegawai = Pegawai.objects.count()
    n = max(50, n_pegawai // 20)
    param = {"bulan": bulan, "akhir": akhir, "n": n}
    baru: list[int] = []

    partai = [0]  # batches filed so far: 17.00, 17.30, 18.00, ...

    def lapor() -> int:
        mulai = datetime.combine(bulan, time_(17, 0)) + timedelta(minutes=30 * partai[0])
        partai[0] += 1
        jam = {"mulai": mulai.time(), "selesai": (mulai + timedelta(minutes=30)).time()}
        with connection.cursor() as c:
            c.execute(SQL_LAPOR, {**param, **jam})
            ids = [r[0] for r in c.fetchall()]
        baru.extend(ids)
        return len(ids)

    def explain(sql: str, **lain) -> tuple[list, float]:
        hasil = rekap_mod._jalankan(
            f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}", bulan, **lain
        )[0]
        rencana = hasil if isinstance(hasil, list) else json.loads(hasil)
        return rencana, rencana[0]["Execution Time"] / 1000

    # Settle the month (the night's full rollup), stamped.
    services.rekap_bulan_hitung(bulan=bulan)
    laporan_bulan = LaporanHarian.objects.filter(tanggal__gte=bulan, tanggal__lt=akhir).count()

    # Nothing changed: what the refresh costs at night or on a holiday.
    t0 = time.perf_counter()
    diam = services.rekap_bulan_segarkan(bulan=bulan, tumpang=timedelta(0))
    t_diam = time.perf_counter() - t0

    # N new reports, then the refresh: wall time, employees redone, rows written.
    waktu, hasil = [], []
    for _ in range(ulang):
        lapor()
        t0 = time.perf_counter()
        # No overlap here: the batches are seconds apart, the overlap would re-read them all
        # (in service each run re-reads the last `tumpang` seconds: +20% at 2 of 10 minutes).
        hasil.append(services.rekap_bulan_segarkan(bulan=bulan, tumpang=timedelta(0)))
        waktu.append(time.perf_counter() - t0)
    t_segar = statistics.median(waktu)
    h = hasil[-1]
    # The reports the refresh read: every report of the month of the employees redone.
    with connection.cursor() as c:
        c.execute(
            "SELECT count(*) FROM kinerja_laporanharian WHERE tanggal >= %s AND tanggal < %s "
            "AND pegawai_id IN (SELECT pegawai_id FROM kinerja_laporanharian WHERE id = ANY(%s))",
            [bulan, akhir, baru[-n:]],
        )
        dibaca_segar = c.fetchone()[0]

    # The same, under EXPLAIN (ANALYZE, BUFFERS): the two statements of one refresh.
    lapor()
    with transaction.atomic():
        stempel = rekap_mod._stempel_kunci(bulan)
        mulai = timezone.now()
        sejak = stempel.diperbarui
        r0, e0 = explain(rekap_mod._KOTOR_PG, sejak=sejak)
        kotor = [
            p for (p,) in rekap_mod._jalankan(rekap_mod._KOTOR_PG, bulan, semua=True, sejak=sejak)
        ]
        r1, e1 = explain(rekap_mod._SEGAR_PEGAWAI_PG, kotor=kotor)
        r2, e2 = explain(rekap_mod._SEGAR_UNIT_PG)
        stempel.diperbarui = mulai
        stempel.save(update_fields=["diperbarui"])
    b0, b1, b2 = _buffer(r0), _buffer(r1), _buffer(r2)
    buf_segar = b0[0] + b1[0] + b2[0]
    e1 += e0

    # The full rollup of the month after the same change, then under EXPLAIN.
    waktu_penuh = []
    penuh = None
    for _ in range(ulang):
        lapor()
        t0 = time.perf_counter()
        penuh = services.rekap_bulan_hitung(bulan=bulan)
        waktu_penuh.append(time.perf_counter() - t0)
    t_penuh = statistics.median(waktu_penuh)
    lapor()
    with transaction.atomic():
        rekap_mod._stempel_kunci(bulan)
        rp, ep = explain(rekap_mod._REKAP_PG)
    bp = _buffer(rp)

    # Same rows? The refresh after the last change against the full rollup of the same data.
    def sidik() -> list[tuple]:
        out = []
        with connection.cursor() as c:
            for tabel in TABEL_REKAP:
                c.execute(f"SELECT * FROM {tabel} LIMIT 0")
                kolom = ", ".join(d[0] for d in c.description if d[0] != "id")
                c.execute(
                    f"SELECT count(*), sum(hashtext(({kolom})::text)::bigint) FROM {tabel} "
                    "WHERE bulan = %s",
                    [bulan],
                )
                out.append(c.fetchone())
        return out

    lapor()
    services.rekap_bulan_segarkan(bulan=bulan)
    setelah_segar = sidik()
    services.rekap_bulan_hitung(bulan=bulan)
    sama = sidik() == setelah_segar

    with connection.cursor() as c:
        c.execute(
            "SELECT pg_relation_size('laporan_diubah'), pg_relation_size('kinerja_laporanharian')"
        )
        indeks, tabel = c.fetchone()
        # Leave the data as seeded (the next bench run reuses it), the rollup settled.
        c.execute("DELETE FROM kinerja_laporanharian WHERE id = ANY(%s)", [baru])
    services.rekap_bulan_hitung(bulan=bulan)
    diperbarui = StempelRekap.objects.get(bulan=bulan).diperbarui is not None

    tulis(
        f"8 rekap segar {bulan:%Y-%m} ({n_pegawai:,} pegawai, {laporan_bulan:,} laporan, "
        f"{n:,} laporan baru/10 menit): segarkan {t_segar:.2f} s ({h.pegawai:,} pegawai "
        f"dihitung ulang, {dibaca_segar:,} laporan dibaca, {h.ditulis:,} baris rekap ditulis; "
        f"{_akses(tuple(map(sum, zip(b0, b1, b2))))}: pegawai {b0[0] + b1[0]:,} + unit "
        f"{b2[0]:,}; EXPLAIN {e1 + e2:.2f} s) | penuh {t_penuh:.2f} s ({laporan_bulan:,} "
        f"laporan dibaca, {penuh.ditulis:,} baris ditulis; {_akses(bp)}; EXPLAIN {ep:.2f} s) "
        f"-> {t_penuh / t_segar:.1f}x lebih cepat, {bp[0] / max(buf_segar, 1):.1f}x lebih "
        f"sedikit akses buffer | tanpa perubahan {t_diam:.3f} s ({diam.ditulis} baris ditulis) "
        f"| indeks diubah {_mb(indeks // 8192)} ({100 * indeks / tabel:.1f}% tabel laporan) | "
        f"hasil sama dengan rekap penuh: {ya(sama and diperbarui)}"
    )
