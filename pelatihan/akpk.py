"""Pluggable sources of "weak points" for the needs analysis (AKPK).

The latest appraisal lives in `kinerja`, a sibling app that pelatihan must not import (nor
may kinerja import pelatihan). So pelatihan asks registered *providers* instead:

- by setting: ``PELATIHAN_PENYEDIA_KELEMAHAN = ["kinerja.akpk.kelemahan_pegawai"]`` (dotted
  paths, loaded lazily; the provider needs no import of pelatihan), or
- by code: ``daftarkan_penyedia_kelemahan("kinerja", fungsi)`` from an app that may import
  pelatihan (karier, or the project wiring).

A provider is called once per page or report with all the employees concerned, so it can
answer in one query: ``fungsi(pegawai_ids: Sequence[int], tahun: int)`` returning an
iterable of mappings (or objects) with ``pegawai_id``, ``uraian`` and optionally
``kompetensi_id`` (when the weak point maps to a competency) and ``sumber``.

A provider that never maps a weak point to a competency says so with the attribute
``memberi_kompetensi = False`` on the function: the unit needs analysis (which counts only
competency-mapped weak points) then does not call it over the whole scope.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import import_string

from . import pengaturan

logger = logging.getLogger(__name__)

PenyediaKelemahan = Callable[[Sequence[int], int], Iterable[Any]]

_penyedia: dict[str, PenyediaKelemahan] = {}


@dataclass(frozen=True)
class Kelemahan:
    pegawai_id: int
    uraian: str
    kompetensi_id: int | None = None
    sumber: str = ""


def daftarkan_penyedia_kelemahan(nama: str, fungsi: PenyediaKelemahan) -> None:
    _penyedia[nama] = fungsi


def hapus_penyedia_kelemahan(nama: str) -> None:
    _penyedia.pop(nama, None)


def _semua_penyedia() -> dict[str, PenyediaKelemahan]:
    hasil = dict(_penyedia)
    for path in pengaturan.penyedia_kelemahan():
        hasil.setdefault(path, import_string(path))
    return hasil


def _baca(item: Any, kunci: str, bawaan: Any = None) -> Any:
    if isinstance(item, dict):
        return item.get(kunci, bawaan)
    return getattr(item, kunci, bawaan)


def memberi_kompetensi(fungsi: PenyediaKelemahan) -> bool:
    return bool(getattr(fungsi, "memberi_kompetensi", True))


def ada_penyedia_kompetensi() -> bool:
    """Whether any provider may map a weak point to a competency."""
    return any(memberi_kompetensi(f) for f in _semua_penyedia().values())


def kelemahan_untuk(
    pegawai_ids: Sequence[int], tahun: int, *, kompetensi_saja: bool = False
) -> dict[int, list[Kelemahan]]:
    """Weak points per employee from every provider (`kompetensi_saja`: only the providers
    that may map one to a competency). A failing provider is logged and skipped: the needs
    analysis still shows the competency gaps."""
    hasil: dict[int, list[Kelemahan]] = defaultdict(list)
    if not pegawai_ids:
        return hasil
    for nama, fungsi in _semua_penyedia().items():
        if kompetensi_saja and not memberi_kompetensi(fungsi):
            continue
        try:
            for item in fungsi(list(pegawai_ids), tahun):
                k = Kelemahan(
                    pegawai_id=int(_baca(item, "pegawai_id")),
                    uraian=str(_baca(item, "uraian", "")),
                    kompetensi_id=_baca(item, "kompetensi_id"),
                    sumber=str(_baca(item, "sumber", "") or nama),
                )
                hasil[k.pegawai_id].append(k)
        except Exception:
            logger.exception("penyedia kelemahan %s gagal", nama)
    return hasil
