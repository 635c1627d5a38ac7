"""Tunable values of the jabatan app, read from Django settings with safe defaults (the only
place jabatan reads settings)."""

from __future__ import annotations

from django.conf import settings

from . import rules


def bobot_skor() -> dict[str, int]:
    """Weights of the parts of the candidate score; JABATAN_BOBOT_SKOR overrides (verify)."""
    return {**rules.BOBOT_BAWAAN, **getattr(settings, "JABATAN_BOBOT_SKOR", {})}
