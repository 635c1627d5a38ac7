"""The kinerja part of jabatan's candidate score: the latest predikat of each candidate."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from . import rules
from .models import Penilaian

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
    terakhir: dict[int, tuple[str, str]] = {}
    baris = (
        Penilaian.objects.filter(tahun__gte=date.today().year - 1)
        .order_by("pegawai_id", "-tanggal_akhir")
        .values_list("pegawai_id", "predikat", "periode")
    )
    if len(pegawai_ids) < 1000:
        baris = baris.filter(pegawai_id__in=pegawai_ids)
    for pegawai_id, predikat, periode in baris.iterator(chunk_size=5000):
        terakhir.setdefault(pegawai_id, (predikat, periode))
    hasil: dict[tuple[int, int], tuple[float, str]] = {}
    for pegawai_id in pegawai_ids:
        if pegawai_id not in terakhir:
            continue
        predikat, periode = terakhir[pegawai_id]
        alasan = f"Predikat kinerja terakhir {rules.PREDIKAT[predikat]} ({periode})"
        for j in jabatan:
            hasil[(j.pk, pegawai_id)] = (NILAI_PREDIKAT[predikat], alasan)
    return hasil
