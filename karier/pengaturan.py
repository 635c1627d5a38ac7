"""Tunable values of the karier app, read from Django settings with the defaults of
`karier.rules` (DOMAIN.md marks these "verify": a regulation or local policy may differ).

Settings (all optional): KARIER_MASA_GOLONGAN_TAHUN, KARIER_PREDIKAT_MINIMAL,
KARIER_PLAFON_PENDIDIKAN, KARIER_PLAFON_JENJANG, KARIER_PLAFON_ESELON,
KARIER_KINERJA_DARI_PREDIKAT, KARIER_AMBANG_POTENSI, KARIER_BOBOT_POTENSI_HR.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.conf import settings

from . import rules


def _nilai(nama: str, bawaan):
    return getattr(settings, nama, bawaan)



def masa_golongan_tahun() -> int:
    """Years in a golongan before the next kenaikan pangkat reguler (4)."""
    return int(_nilai("KARIER_MASA_GOLONGAN_TAHUN", 4))


def predikat_minimal() -> frozenset[str]:
    return frozenset(_nilai("KARIER_PREDIKAT_MINIMAL", rules.PREDIKAT_MINIMAL))


def plafon_pendidikan() -> Mapping[str, str]:
    return {**rules.PLAFON_PENDIDIKAN, **_nilai("KARIER_PLAFON_PENDIDIKAN", {})}


def plafon_jenjang() -> Mapping[str, str]:
    return {**rules.PLAFON_JENJANG, **_nilai("KARIER_PLAFON_JENJANG", {})}


def plafon_eselon() -> Mapping[str, str]:
    return {**rules.PLAFON_ESELON, **_nilai("KARIER_PLAFON_ESELON", {})}


def kinerja_dari_predikat() -> Mapping[str, str]:
    return {**rules.KINERJA_DARI_PREDIKAT, **_nilai("KARIER_KINERJA_DARI_PREDIKAT", {})}


def ambang_potensi() -> Sequence[tuple[float, str]]:
    return tuple(_nilai("KARIER_AMBANG_POTENSI", rules.AMBANG_POTENSI))


def bobot_potensi_hr() -> float:
    """Weight (0–1) of HR's potensi score against the competency assessments."""
    return float(_nilai("KARIER_BOBOT_POTENSI_HR", 0.5))
