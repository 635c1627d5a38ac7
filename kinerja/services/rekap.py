"""The monthly rollups and the monthly partitions of the daily reports: every rollup/partition
SQL of kinerja lives here (set-based, re-runnable; docs/PERFORMANCE.md)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, DecimalField, Exists, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from pegawai.models import Pegawai

from .. import pengaturan, rules
from ..models import (
    IndikatorKinerja,
    LaporanHarian,
    Penilaian,
    RekapPegawaiBulanan,
    RekapRhkBulanan,
    RekapTertunda,
    RekapUnitBulanan,
    Rhk,
    StatusLaporan,
    StempelRekap,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class HasilRekap:
    bulan: str
    pegawai: int
    rhk: int
    unit: int
    ditulis: int | None = None  # rollup rows inserted, changed or deleted (PostgreSQL)
    penuh: bool = True  # False: an incremental refresh (`pegawai`: the employees redone)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _upsert_select(model, qs, *, unik: Sequence[str]) -> int:
    """INSERT INTO model (cols) <qs as SQL> ON CONFLICT (unik) DO UPDATE SET every other column.

    The SELECT is the ORM's own GROUP BY; the columns are the queryset's values/annotations,
    in order, named like the model's fields. One statement: the rows never come to Python.
    """
    sql, params = qs.query.sql_with_params()
    qn = connection.ops.quote_name
    opts = model._meta
    nama = [*qs.query.values_select, *qs.query.annotation_select]
    kolom = [opts.get_field(n.removesuffix("_id")).column for n in nama]
    unik_kolom = [opts.get_field(n).column for n in unik]
    perbarui = ", ".join(f"{qn(c)} = EXCLUDED.{qn(c)}" for c in kolom if c not in unik_kolom)
    perintah = f"INSERT INTO {qn(opts.db_table)} ({', '.join(qn(c) for c in kolom)}) {sql}"
    if unik_kolom:  # no key: a plain INSERT
        perintah += (
            f" ON CONFLICT ({', '.join(qn(c) for c in unik_kolom)}) DO UPDATE SET {perbarui}"
        )
    with connection.cursor() as cursor:
        cursor.execute(perintah, params)
        return cursor.rowcount


def rekap_pegawai_hitung(*, bulan: date) -> int:
    """Per employee per month, straight from the reports: one INSERT … SELECT … GROUP BY.
    (The portable path; PostgreSQL runs `_rekap_postgresql`.)"""
    akhir = rules.bulan_berikut(bulan)
    sumber = LaporanHarian.objects.filter(tanggal__gte=bulan, tanggal__lt=akhir)
    qs = (
        sumber.order_by()
        .values("pegawai_id")
        .annotate(
            bulan=Value(bulan),
            jumlah_laporan=Count("pk"),
            laporan_disetujui=Count("pk", filter=Q(status=StatusLaporan.DISETUJUI)),
            laporan_dikembalikan=Count("pk", filter=Q(status=StatusLaporan.DIKEMBALIKAN)),
            total_menit=Coalesce(Sum("menit"), 0),
            hari_lapor=Count("tanggal", distinct=True),
        )
    )
    n = _upsert_select(RekapPegawaiBulanan, qs, unik=["pegawai", "bulan"])
    # An employee whose reports of the month are all gone keeps no stale row.
    RekapPegawaiBulanan.objects.filter(bulan=bulan).exclude(
        Exists(sumber.filter(pegawai_id=OuterRef("pegawai_id")))
    ).delete()
    return n


def rekap_rhk_hitung(*, bulan: date) -> int:
    """Progress per RHK indicator per month (approved output of the reports counted toward
    it); reports without an indicator get their RHK's row with indikator empty and no
    kuantitas. The month's rows are replaced (portable: NULL keys never conflict here)."""
    akhir = rules.bulan_berikut(bulan)
    sumber = LaporanHarian.objects.filter(tanggal__gte=bulan, tanggal__lt=akhir)
    disetujui = Q(status=StatusLaporan.DISETUJUI)
    qs = (
        sumber.order_by()
        .values("rhk_id", "indikator_id", "pegawai_id")
        .annotate(
            bulan=Value(bulan),
            jumlah_laporan=Count("pk"),
            laporan_disetujui=Count("pk", filter=disetujui),
            kuantitas_disetujui=Coalesce(
                Sum("kuantitas", filter=disetujui & Q(indikator__isnull=False)),
                Value(Decimal(0)),
                output_field=DecimalField(max_digits=14, decimal_places=2),
            ),
        )
    )
    RekapRhkBulanan.objects.filter(bulan=bulan).delete()
    return _upsert_select(RekapRhkBulanan, qs, unik=[])


KOLOM_PREDIKAT = {
    rules.SANGAT_BAIK: "sangat_baik",
    rules.BAIK: "baik",
    rules.BUTUH_PERBAIKAN: "butuh_perbaikan",
    rules.KURANG: "kurang",
    rules.SANGAT_KURANG: "sangat_kurang",
}
KOLOM_UNIT = [
    "jumlah_pegawai",
    "pegawai_melapor",
    "jumlah_laporan",
    "laporan_disetujui",
    "laporan_dikembalikan",
    "total_menit",
    "hari_lapor",
    *KOLOM_PREDIKAT.values(),
]


def rekap_unit_hitung(*, bulan: date) -> int:
    """Per unit per month from the employee rollup (run that first), active head counts and
    the appraisals ending in the month: three GROUP BY queries, one upsert of one row per
    unit (units number in the hundreds; employees never pass through Python)."""
    akhir = rules.bulan_berikut(bulan)
    baris: dict[int, dict[str, int]] = {}

    def isi(unit_id: int, **nilai: int) -> None:
        baris.setdefault(unit_id, dict.fromkeys(KOLOM_UNIT, 0)).update(nilai)

    for b in (
        Pegawai.objects.filter(aktif=True)
        .order_by()
        .values("unit_kerja_id")
        .annotate(n=Count("pk"))
    ):
        isi(b["unit_kerja_id"], jumlah_pegawai=b["n"])
    for b in (
        RekapPegawaiBulanan.objects.filter(bulan=bulan)
        .order_by()
        .values("pegawai__unit_kerja_id")
        .annotate(
            pegawai_melapor=Count("pk"),
            jumlah_laporan=Sum("jumlah_laporan"),
            laporan_disetujui=Sum("laporan_disetujui"),
            laporan_dikembalikan=Sum("laporan_dikembalikan"),
            total_menit=Sum("total_menit"),
            hari_lapor=Sum("hari_lapor"),
        )
    ):
        isi(b.pop("pegawai__unit_kerja_id"), **b)
    for b in (
        Penilaian.objects.filter(tanggal_akhir__gte=bulan, tanggal_akhir__lt=akhir)
        .order_by()
        .values("unit_kerja_id")
        .annotate(**{kol: Count("pk", filter=Q(predikat=p)) for p, kol in KOLOM_PREDIKAT.items()})
    ):
        isi(b.pop("unit_kerja_id"), **b)
    RekapUnitBulanan.objects.bulk_create(
        [RekapUnitBulanan(unit_kerja_id=u, bulan=bulan, **nilai) for u, nilai in baris.items()],
        update_conflicts=True,
        unique_fields=["unit_kerja", "bulan"],
        update_fields=KOLOM_UNIT,
        batch_size=1000,
    )
    RekapUnitBulanan.objects.filter(bulan=bulan).exclude(unit_kerja_id__in=list(baris)).delete()
    return len(baris)


# PostgreSQL: the three rollups of a month in one statement, sharing one pass over the
# month's reports (docs/PERFORMANCE.md, figure 1).
#
# - per_rhk groups the reports per (RHK, indicator, pegawai), with a bitmask of the days of
#   the month that have a report (bit d-1 for day d); a report without an indicator adds no
#   kuantitas (its satuan matches no indicator of the RHK);
# - per_pegawai sums an employee's per_rhk rows; their distinct reporting days are the bits
#   set in the OR of the masks, so COUNT(DISTINCT tanggal) needs no second pass and no sort;
# - per_unit sums per_pegawai by the employee's unit, with the active head count and the
#   appraisals whose period ends in the month (what `rekap_unit_hitung` does in Python).
#
# Each is written by `_UPSERT`: only rows that are new or changed reach INSERT ... ON
# CONFLICT (an unchanged row is neither rewritten nor locked, so re-running a settled month
# writes nothing), in key order (the unique index then grows at its end instead of taking
# inserts all over), and the month's rows without a source row any more are deleted.
#
# The incremental refresh (`rekap_bulan_segarkan`) runs the same per_rhk/per_pegawai for the
# employees in `kotor` only, then per_unit from the employee rollup table (all units: a few
# hundred rows from 100,000, cheap next to the reports, and a moved or deactivated employee
# is counted where a full rollup would count them).
_PER_PEGAWAI = """
per_rhk AS MATERIALIZED (
    SELECT rhk_id, indikator_id, pegawai_id, %(bulan)s::date AS bulan,
           count(*)::int AS jumlah_laporan,
           (count(*) FILTER (WHERE status = %(disetujui)s))::int AS laporan_disetujui,
           (count(*) FILTER (WHERE status = %(dikembalikan)s))::int AS laporan_dikembalikan,
           sum(menit)::int AS total_menit,
           COALESCE(sum(kuantitas) FILTER (WHERE status = %(disetujui)s
                                           AND indikator_id IS NOT NULL), 0)
               AS kuantitas_disetujui,
           bit_or(1 << (extract(day FROM tanggal)::int - 1)) AS hari
    FROM kinerja_laporanharian
    WHERE tanggal >= %(bulan)s AND tanggal < %(akhir)s{saring}
    GROUP BY rhk_id, indikator_id, pegawai_id
),
per_pegawai AS MATERIALIZED (
    SELECT pegawai_id, bulan,
           sum(jumlah_laporan)::int AS jumlah_laporan,
           sum(laporan_disetujui)::int AS laporan_disetujui,
           sum(laporan_dikembalikan)::int AS laporan_dikembalikan,
           sum(total_menit)::int AS total_menit,
           bit_count(bit_or(hari)::bit(31))::int AS hari_lapor
    FROM per_rhk
    GROUP BY pegawai_id, bulan
),"""

_PER_UNIT = """
aktif AS (
    SELECT unit_kerja_id, count(*)::int AS jumlah_pegawai
    FROM pegawai_pegawai WHERE aktif GROUP BY unit_kerja_id
),
lapor AS (
    SELECT p.unit_kerja_id, count(*)::int AS pegawai_melapor,
           sum(r.jumlah_laporan)::int AS jumlah_laporan,
           sum(r.laporan_disetujui)::int AS laporan_disetujui,
           sum(r.laporan_dikembalikan)::int AS laporan_dikembalikan,
           sum(r.total_menit)::int AS total_menit, sum(r.hari_lapor)::int AS hari_lapor
    FROM {per_pegawai} r JOIN pegawai_pegawai p ON p.id = r.pegawai_id
    GROUP BY p.unit_kerja_id
),
nilai AS (
    SELECT unit_kerja_id, {predikat}
    FROM kinerja_penilaian
    WHERE tanggal_akhir >= %(bulan)s AND tanggal_akhir < %(akhir)s
    GROUP BY unit_kerja_id
),
per_unit AS MATERIALIZED (
    SELECT unit_kerja_id, %(bulan)s::date AS bulan,
           COALESCE(aktif.jumlah_pegawai, 0) AS jumlah_pegawai, {unit}
    FROM aktif FULL JOIN lapor USING (unit_kerja_id) FULL JOIN nilai USING (unit_kerja_id)
),"""

# The employees whose rollup the incremental refresh recomputes: a report of the month
# changed since the stamp (less the overlap), or a pending mark (a deleted report). Fetched
# first and passed to the next statement as an array, so the planner knows how many there
# are (a CTE of them would be estimated at a handful, and the nested loops that suit a
# handful are quadratic at the 5,000 employees of a busy ten minutes).
_KOTOR_PG = """
WITH tertunda AS (
    DELETE FROM kinerja_rekaptertunda WHERE bulan = %(bulan)s RETURNING pegawai_id
)
SELECT pegawai_id FROM kinerja_laporanharian
WHERE diubah >= %(sejak)s AND tanggal >= %(bulan)s AND tanggal < %(akhir)s
UNION
SELECT pegawai_id FROM tertunda
"""

_UPSERT = """
tulis_{nama} AS (
    INSERT INTO {tabel} ({kolom})
    SELECT {b_kolom} FROM {sumber} b
    LEFT JOIN {tabel} lama ON {lama_kunci}
    WHERE lama.id IS NULL OR ({lama_nilai}) IS DISTINCT FROM ({b_nilai})
    ORDER BY b.{kunci_pertama}
    ON CONFLICT ({kunci}) DO UPDATE SET {perbarui}
    RETURNING 1
),
hapus_{nama} AS (
    DELETE FROM {tabel} t WHERE t.bulan = %(bulan)s{batas}
    AND NOT EXISTS (SELECT FROM {sumber} b WHERE {t_kunci})
    RETURNING 1
),"""


def _upsert_cte(
    model,
    *,
    nama: str,
    sumber: str,
    kunci: Sequence[str],
    tetap: Sequence[str] = (),
    batas: str = "",
) -> str:
    """The `_UPSERT` pair of CTEs writing CTE `sumber` (columns named like the model's) into
    the model's table, unique on (`kunci`..., bulan); a nullable key column is compared with
    IS NOT DISTINCT FROM. `tetap` columns follow from the key (an RHK's owner): written on
    insert, never compared or updated. `batas` narrows the stale-row delete (incremental)."""
    opts = model._meta
    kolom = [f.column for f in opts.concrete_fields if not f.primary_key]
    nilai = [c for c in kolom if c not in {*kunci, "bulan", *tetap}]
    nullable = {f.column for f in opts.concrete_fields if f.null}

    def sama(a: str, b: str, c: str) -> str:
        op = "IS NOT DISTINCT FROM" if c in nullable else "="
        return f"{a}.{c} {op} {b}.{c}"

    return _UPSERT.format(
        nama=nama,
        tabel=opts.db_table,
        sumber=sumber,
        kolom=", ".join(kolom),
        b_kolom=", ".join(f"b.{c}" for c in kolom),
        lama_kunci=" AND ".join([sama("lama", "b", c) for c in kunci] + ["lama.bulan = b.bulan"]),
        lama_nilai=", ".join(f"lama.{c}" for c in nilai),
        b_nilai=", ".join(f"b.{c}" for c in nilai),
        kunci=", ".join([*kunci, "bulan"]),
        kunci_pertama=kunci[0],
        perbarui=", ".join(f"{c} = EXCLUDED.{c}" for c in nilai),
        t_kunci=" AND ".join(sama("b", "t", c) for c in kunci),
        batas=batas,
    )


def _tulis_pegawai(batas: str = "") -> str:
    return _upsert_cte(
        RekapRhkBulanan, nama="rhk", sumber="per_rhk", kunci=["rhk_id", "indikator_id"],
        tetap=["pegawai_id"], batas=batas,
    ) + _upsert_cte(
        RekapPegawaiBulanan, nama="pegawai", sumber="per_pegawai", kunci=["pegawai_id"],
        batas=batas,
    )  # fmt: skip


def _per_unit(per_pegawai: str) -> str:
    kolom_lapor = [c for c in KOLOM_UNIT if c not in {"jumlah_pegawai", *KOLOM_PREDIKAT.values()}]
    return _PER_UNIT.format(
        per_pegawai=per_pegawai,
        predikat=", ".join(
            f"(count(*) FILTER (WHERE predikat = '{p}'))::int AS {kol}"
            for p, kol in KOLOM_PREDIKAT.items()
        ),
        unit=", ".join(
            [f"COALESCE(lapor.{c}, 0) AS {c}" for c in kolom_lapor]
            + [f"COALESCE(nilai.{c}, 0) AS {c}" for c in KOLOM_PREDIKAT.values()]
        ),
    )


_TULIS_UNIT = _upsert_cte(RekapUnitBulanan, nama="unit", sumber="per_unit", kunci=["unit_kerja_id"])
_DITULIS = "(SELECT count(*) FROM tulis_{0}) + (SELECT count(*) FROM hapus_{0})"

_REKAP_PG = (
    "WITH"
    + _PER_PEGAWAI.format(saring="")
    + _per_unit("per_pegawai")
    + (_tulis_pegawai() + _TULIS_UNIT).rstrip(",")
    + "\nSELECT (SELECT count(*) FROM per_pegawai), (SELECT count(*) FROM per_rhk),"
    + " (SELECT count(*) FROM per_unit), "
    + " + ".join(_DITULIS.format(n) for n in ("rhk", "pegawai", "unit"))
)

_SEGAR_PEGAWAI_PG = (
    "WITH"
    + _PER_PEGAWAI.format(saring="\n      AND pegawai_id = ANY(%(kotor)s)")
    + _tulis_pegawai(batas="\n    AND t.pegawai_id = ANY(%(kotor)s)").rstrip(",")
    + "\nSELECT (SELECT count(*) FROM per_pegawai), (SELECT count(*) FROM per_rhk), "
    + " + ".join(_DITULIS.format(n) for n in ("rhk", "pegawai"))
)

_SEGAR_UNIT_PG = (
    "WITH"
    + _per_unit(
        "(SELECT pegawai_id, jumlah_laporan, laporan_disetujui, laporan_dikembalikan,"
        " total_menit, hari_lapor FROM kinerja_rekappegawaibulanan WHERE bulan = %(bulan)s)"
    )
    + _TULIS_UNIT.rstrip(",")
    + "\nSELECT (SELECT count(*) FROM per_unit), " + _DITULIS.format("unit")
)


def _jalankan(sql: str, bulan: date, *, semua: bool = False, **lain: Any) -> Any:
    with connection.cursor() as cursor:
        # Hash a month's groups in memory rather than spill them to disk (this transaction
        # only; the server default of 4 MB suits many small queries, not one big one).
        cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM_REKAP}'")
        cursor.execute(
            sql,
            {
                "bulan": bulan,
                "akhir": rules.bulan_berikut(bulan),
                "disetujui": StatusLaporan.DISETUJUI,
                "dikembalikan": StatusLaporan.DIKEMBALIKAN,
                **lain,
            },
        )
        return cursor.fetchall() if semua else cursor.fetchone()


def _rekap_postgresql(bulan: date) -> tuple[int, int, int, int]:
    return _jalankan(_REKAP_PG, bulan)


WORK_MEM_REKAP = "64MB"


def _stempel_kunci(bulan: date) -> StempelRekap:
    """The month's stamp, locked for this transaction: one run of a month at a time (a
    second waits here, then sees the first one's stamp)."""
    StempelRekap.objects.bulk_create([StempelRekap(bulan=bulan)], ignore_conflicts=True)
    return StempelRekap.objects.select_for_update().get(bulan=bulan)


@transaction.atomic
def rekap_bulan_hitung(*, bulan: date) -> HasilRekap:
    """The monthly rollup: recomputed from the source rows and upserted, so running it twice
    (or a re-delivered task) leaves the same rows. Stamps the month for the incremental
    refresh (it then starts from here)."""
    bulan = bulan.replace(day=1)
    stempel = _stempel_kunci(bulan)
    mulai = timezone.now()
    # Before the rollup reads the reports: a mark committed after this stays for next time.
    RekapTertunda.objects.filter(bulan=bulan).delete()
    ditulis = None
    if connection.vendor == "postgresql":
        n_pegawai, n_rhk, n_unit, ditulis = _rekap_postgresql(bulan)
    else:
        n_pegawai = rekap_pegawai_hitung(bulan=bulan)
        n_rhk = rekap_rhk_hitung(bulan=bulan)
        n_unit = rekap_unit_hitung(bulan=bulan)
    stempel.diperbarui = stempel.penuh_pada = mulai
    stempel.save(update_fields=["diperbarui", "penuh_pada"])
    return HasilRekap(
        bulan=f"{bulan:%Y-%m}", pegawai=n_pegawai, rhk=n_rhk, unit=n_unit, ditulis=ditulis
    )


@transaction.atomic
def rekap_bulan_segarkan(*, bulan: date, tumpang: timedelta | None = None) -> HasilRekap:
    """Bring a month's rollup up to date incrementally (issue 15 item 11; the beat runs it
    for the current month every few minutes): only the employees with a report changed since
    the month's stamp (less `tumpang`, the overlap that catches a report whose transaction
    was still open when the last refresh read) or a pending mark, then every unit's row from
    the employee rollup. The same rows a full rollup would write; idempotent; a missing stamp
    (never rolled up, or lost) means a full rollup of the month."""
    bulan = bulan.replace(day=1)
    stempel = _stempel_kunci(bulan)
    if stempel.diperbarui is None or connection.vendor != "postgresql":
        return rekap_bulan_hitung(bulan=bulan)
    if tumpang is None:
        tumpang = timedelta(seconds=pengaturan.rekap_segar_tumpang_detik())
    mulai = timezone.now()
    sejak = stempel.diperbarui - tumpang
    kotor = [p for (p,) in _jalankan(_KOTOR_PG, bulan, semua=True, sejak=sejak)]
    n_rhk = ditulis = 0
    if kotor:
        _n_pegawai, n_rhk, ditulis = _jalankan(_SEGAR_PEGAWAI_PG, bulan, kotor=kotor)
    # Every unit's row, also with no report changed: head counts and appraisals move too.
    n_unit, ditulis_unit = _jalankan(_SEGAR_UNIT_PG, bulan)
    stempel.diperbarui = mulai
    stempel.save(update_fields=["diperbarui"])
    return HasilRekap(
        bulan=f"{bulan:%Y-%m}",
        pegawai=len(kotor),
        rhk=n_rhk,
        unit=n_unit,
        ditulis=ditulis + ditulis_unit,
        penuh=False,
    )


def rekap_tertunda_tandai(*, pegawai_id: int, bulan: date) -> None:
    """Mark an employee's month for the next refresh (a change `diubah` cannot show)."""
    RekapTertunda.objects.bulk_create(
        [RekapTertunda(pegawai_id=pegawai_id, bulan=bulan.replace(day=1))], ignore_conflicts=True
    )


def laporan_terhapus_tandai(sender, instance: LaporanHarian, **_: Any) -> None:
    """post_delete of a daily report: its employee's month is recomputed next refresh."""
    rekap_tertunda_tandai(pegawai_id=instance.pegawai_id, bulan=instance.tanggal)


def indikator_terhapus_tandai(sender, instance: IndikatorKinerja, **_: Any) -> None:
    """pre_delete of an indicator: its reports are about to lose it (SET_NULL, no `diubah`),
    so the months they fall in are recomputed next refresh."""
    pegawai_id = Rhk.objects.filter(pk=instance.rhk_id).values_list("skp__pegawai_id", flat=True)
    for bulan in LaporanHarian.objects.filter(indikator=instance).dates("tanggal", "month"):
        for p in pegawai_id:
            rekap_tertunda_tandai(pegawai_id=p, bulan=bulan)


# --- Monthly partitions of the daily reports (scale-out; docs/PERFORMANCE.md) -------------


def partisi_bulanan_buat(*, tabel: str, dari: date, jumlah: int) -> list[str]:
    """Create the missing monthly partitions `<tabel>_YYYYMM` of a table partitioned BY RANGE
    (tanggal), `jumlah` months from `dari`'s month; returns the names created.

    A table that is not partitioned (kinerja_laporanharian today) is left alone: []. Meant to
    run ahead of time (a new partition briefly locks the parent table against writes).
    """
    if connection.vendor != "postgresql":
        return []
    qn = connection.ops.quote_name
    dibuat = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE oid = to_regclass(%s)", [tabel])
        jenis = cursor.fetchone()
        if jenis is None or jenis[0] != "p":
            return []
        bulan = dari.replace(day=1)
        for _ in range(jumlah):
            akhir = rules.bulan_berikut(bulan)
            nama = f"{tabel}_{bulan:%Y%m}"
            cursor.execute("SELECT to_regclass(%s)", [nama])
            if cursor.fetchone()[0] is None:
                cursor.execute(
                    f"CREATE TABLE {qn(nama)} PARTITION OF {qn(tabel)} "
                    "FOR VALUES FROM (%s) TO (%s)",
                    [bulan, akhir],
                )
                dibuat.append(nama)
            bulan = akhir
    return dibuat


def partisi_laporan_siapkan(*, hari_ini: date, bulan_ke_depan: int = 3) -> list[str]:
    """This month's and the next `bulan_ke_depan` months' partitions of the daily reports."""
    return partisi_bulanan_buat(
        tabel=LaporanHarian._meta.db_table, dari=hari_ini, jumlah=bulan_ke_depan + 1
    )


def bulan_rekap_malam(hari_ini: date) -> list[date]:
    """The nightly run recomputes this month and the previous one (late approvals)."""
    ini = hari_ini.replace(day=1)
    lalu = date(ini.year - (ini.month == 1), (ini.month - 2) % 12 + 1, 1)
    return [lalu, ini]


def rekap_jadwalkan(*, bulan: date) -> None:
    """Queue the rollup of a month after the current transaction commits; a broker outage
    records it for later (`inti.antrean`) and the nightly run recomputes it anyway."""
    from inti.antrean import antrekan

    from ..tasks import rekap_kinerja_bulan

    antrekan(rekap_kinerja_bulan, f"{bulan:%Y-%m-01}")
