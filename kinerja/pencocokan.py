"""The kinerja part of jabatan's candidate score: the latest predikat of each candidate."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from django.db import connection

from . import rules
from .models import Penilaian

# The latest appraisal per employee of a pool, on PostgreSQL: the ids as ONE array
# parameter (an `IN` of 10,000 values costs the ORM ~0.5 s to build), the pick in the database.
_TERAKHIR_PG = """
SELECT DISTINCT ON (pegawai_id) pegawai_id, predikat, periode
FROM kinerja_penilaian
WHERE tahun >= %s AND pegawai_id = ANY(%s)
ORDER BY pegawai_id, tanggal_akhir DESC, id DESC
"""

# How much of the kinerja part each predikat earns (0–1).
NILAI_PREDIKAT: dict[str, float] = {
    rules.SANGAT_BAIK: 1.0,
    rules.BAIK: 0.75,
    rules.BUTUH_PERBAIKAN: 0.4,
    rules.KURANG: 0.2,
    rules.SANGAT_KURANG: 0.0,
}


def skor_kinerja(
    jabatan: Sequence[object], pegawai_ids: Sequence[int]
) -> Mapping[tuple[int, int], tuple[float, str]]:
    """{(jabatan_id, pegawai_id): (value, reason)} from each candidate's latest appraisal of
    the last two years, in one query; candidates without one are left out (not counted)."""
    terakhir = _terakhir(pegawai_ids, date.today().year - 1)
    hasil: dict[tuple[int, int], tuple[float, str]] = {}
    for pegawai_id in pegawai_ids:
        if pegawai_id not in terakhir:
            continue
        predikat, periode = terakhir[pegawai_id]
        alasan = f"Predikat kinerja terakhir {rules.PREDIKAT[predikat]} ({periode})"
        for j in jabatan:
            hasil[(j.pk, pegawai_id)] = (NILAI_PREDIKAT[predikat], alasan)
    return hasil


def _terakhir(pegawai_ids: Sequence[int], dari_tahun: int) -> dict[int, tuple[str, str]]:
    """{pegawai_id: (predikat, periode)} of each one's latest appraisal since `dari_tahun`
    (latest end of period; the newest row among equal ends)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute(_TERAKHIR_PG, [dari_tahun, list(pegawai_ids)])
            return {p: (predikat, periode) for p, predikat, periode in c.fetchall()}
    terakhir: dict[int, tuple[str, str]] = {}
    baris = (
        Penilaian.objects.filter(tahun__gte=dari_tahun)
        .order_by("pegawai_id", "-tanggal_akhir", "-pk")
        .values_list("pegawai_id", "predikat", "periode")
    )
    if len(pegawai_ids) < 1000:
        baris = baris.filter(pegawai_id__in=pegawai_ids)
    for pegawai_id, predikat, periode in baris.iterator(chunk_size=5000):
        terakhir.setdefault(pegawai_id, (predikat, periode))
    return terakhir
