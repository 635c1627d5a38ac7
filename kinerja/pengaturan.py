"""Settings of e-kinerja, each with a safe default (override in asn_hr/settings.py or env)."""

from __future__ import annotations

from django.conf import settings

from . import rules


def jendela_lapor_hari() -> int:
    """Reports may be filed for today and this many previous calendar days."""
    return int(getattr(settings, "KINERJA_JENDELA_LAPOR_HARI", 5))


def bukti_maks_mb() -> int:
    return int(getattr(settings, "KINERJA_BUKTI_MAKS_MB", 2))


def jenis_periode_berkala() -> str:
    """The kind of the periodic appraisal: TRIWULANAN (default) or BULANAN; annual always."""
    jenis = str(getattr(settings, "KINERJA_PERIODE_PENILAIAN", rules.TRIWULANAN)).upper()
    return jenis if jenis in {rules.BULANAN, rules.TRIWULANAN} else rules.TRIWULANAN


def instansi() -> str:
    """The agency named at the top of the SKP and appraisal PDFs."""
    return str(getattr(settings, "KINERJA_INSTANSI", "Pemerintah Provinsi Lampung"))


def kota_dokumen() -> str:
    """The city before the signature date on the PDFs."""
    return str(getattr(settings, "KINERJA_KOTA_DOKUMEN", "Bandar Lampung"))
