"""The seeded rule values as plain data for the pure-rule tests (no database): the same rows
the aturan data migration ships, so a table test checks the code against the data HR gets."""

from __future__ import annotations

from aturan import katalog
from aturan.data_awal import BARIS, PENDIDIKAN
from karier.rules import AturanPeriodeKp

JADWAL = tuple(
    AturanPeriodeKp(mulai, frozenset(nilai["bulan"]), regulasi)
    for kode, mulai, nilai, regulasi, *_ in BARIS
    if kode == katalog.KP_BULAN_PERIODE
)
PLAFON = {k: v["plafon"] for k, v in PENDIDIKAN.items()}
