"""The keyset condition of a list ordered by several keys: "the rows after this position in
list order" (`WHERE (k1, k2, ...) < (v1, v2, ...)` when every key runs the same way), shared by
the API's cursor pagination (`inti.api.PaginasiKursor`) and the pages that page by cursor."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, Q, QuerySet
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan


def setelah_posisi(kolom: Sequence[tuple[str, bool]], nilai: Sequence[Any], *, mundur=False):
    """The condition "after this position in list order" (or before, `mundur`). `kolom` are
    (field path, descending) in list order; `nilai` the position's values of those keys."""
    arah = [turun != mundur for _, turun in kolom]  # True: "less than" comes next
    if all(arah) or not any(arah):
        kelas = TupleLessThan if arah[0] else TupleGreaterThan
        return kelas(Tuple(*[F(j) for j, _ in kolom]), list(nilai))
    # Mixed directions: (a < x) OR (a = x AND b > y) OR ..., and a redundant bound on the
    # first key so that an index on it still starts at the position.
    kondisi = Q()
    sama = Q()
    for (jalur, _), kurang, v in zip(kolom, arah, nilai, strict=True):
        kondisi |= sama & Q(**{f"{jalur}__{'lt' if kurang else 'gt'}": v})
        sama &= Q(**{jalur: v})
    pertama = kolom[0][0]
    return Q(**{f"{pertama}__{'lte' if arah[0] else 'gte'}": nilai[0]}) & kondisi


def kolom_urutan(urutan: Sequence[str]) -> list[tuple[str, bool]]:
    """("-tanggal", "pk") -> [("tanggal", True), ("pk", False)]."""
    return [(u.lstrip("-"), u.startswith("-")) for u in urutan]


def halaman_dari_ujung(qs: QuerySet, nomor: Any, per: int, *, jumlah: int | None = None) -> Page:
    """`Paginator(qs, per).get_page(nomor)` for a list ordered along an index, reading a page
    in the second half from the far end: in reverse order, so the last page skips a few rows
    instead of the whole list (OFFSET walks every row it skips). A page that is not a number
    is the first, one below 1 or past the end the last, as `get_page`. `jumlah`: the count of
    `qs` when the caller already has it (no second count)."""
    paginator = Paginator(qs, per)
    if jumlah is not None:
        paginator.__dict__["count"] = jumlah  # a cached_property
    try:
        nomor = int(nomor)
    except (TypeError, ValueError):
        nomor = 1
    if nomor < 1 or nomor > paginator.num_pages:
        nomor = paginator.num_pages
    mulai = (nomor - 1) * per
    selesai = min(mulai + per, paginator.count)
    if mulai > paginator.count // 2:
        baris = list(qs.reverse()[paginator.count - selesai : paginator.count - mulai])[::-1]
    else:
        baris = list(qs[mulai:selesai])
    return Page(baris, nomor, paginator)
