"""Weak points from the latest appraisal, for pelatihan's needs analysis (AKPK).

Listed in settings.PELATIHAN_PENYEDIA_KELEMAHAN, so pelatihan calls it without importing
kinerja: `kelemahan_pegawai(pegawai_ids, tahun)` answers in one query.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import rules
from .models import Berakhlak, Penilaian


def kelemahan_pegawai(pegawai_ids: Sequence[int], tahun: int) -> list[dict[str, Any]]:
    """For each employee's latest appraisal up to `tahun`: a rating below expectation, and
    the supervisor's notes on the BerAKHLAK values when behaviour was below expectation."""
    terakhir: dict[int, Penilaian] = {}
    for p in (
        Penilaian.objects.filter(pegawai_id__in=list(pegawai_ids), tahun__in=[tahun, tahun - 1])
        .order_by("pegawai_id", "-tanggal_akhir")
        .only("pegawai_id", "periode", "rating_hasil_kerja", "rating_perilaku",
              "catatan_perilaku", "predikat")
    ):  # fmt: skip
        terakhir.setdefault(p.pegawai_id, p)
    hasil: list[dict[str, Any]] = []
    for pegawai_id, p in terakhir.items():
        if p.rating_hasil_kerja == rules.DI_BAWAH:
            uraian = f"Hasil kerja di bawah ekspektasi (penilaian {p.periode})."
            hasil.append({"pegawai_id": pegawai_id, "sumber": "kinerja", "uraian": uraian})
        if p.rating_perilaku == rules.DI_BAWAH:
            catatan = "; ".join(
                f"{Berakhlak(k).label}: {v}" for k, v in (p.catatan_perilaku or {}).items()
                if v and k in Berakhlak.values
            )  # fmt: skip
            uraian = f"Perilaku kerja di bawah ekspektasi (penilaian {p.periode})"
            uraian = f"{uraian}: {catatan}." if catatan else f"{uraian}."
            hasil.append({"pegawai_id": pegawai_id, "sumber": "kinerja", "uraian": uraian})
    return hasil


# Never maps a weak point to a competency: the unit needs analysis need not call it.
kelemahan_pegawai.memberi_kompetensi = False  # type: ignore[attr-defined]
