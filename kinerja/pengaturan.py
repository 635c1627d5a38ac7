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


def surel_ringkasan_tunda_detik() -> int:
    """How long after the first returned report of a day the day's digest mail waits, so the
    supervisor's other returns that hour go in the same mail (at most one digest a day)."""
    return int(getattr(settings, "KINERJA_SUREL_RINGKASAN_TUNDA_DETIK", 3600))


def situs_url() -> str:
    """The site's address for links in mails."""
    return str(getattr(settings, "SITE_URL", "http://localhost:8000")).rstrip("/")


def tenggang_koreksi_penilaian_hari() -> int:
    """Days after the end of an appraisal's period during which its supervisor may still
    correct it (until the employee responds)."""
    return int(getattr(settings, "KINERJA_TENGGANG_KOREKSI_PENILAIAN_HARI", 30))


def jam_mulai_kerja():
    """The start of the working day, the default start time of the first report of a day."""
    from datetime import time

    return time.fromisoformat(str(getattr(settings, "KINERJA_JAM_MULAI_KERJA", "07:30")))


def rekap_segar_menit() -> int:
    """How often (minutes) the beat refreshes the current month's rollup incrementally, as
    first scheduled (HR may change it on /jadwal/ afterwards)."""
    return max(1, int(getattr(settings, "KINERJA_REKAP_SEGAR_MENIT", 10)))


def rekap_segar_tumpang_detik() -> int:
    """Overlap of the incremental refresh: reports changed this many seconds before the last
    refresh are looked at again (a filing transaction still open then, app clocks a little
    apart). Longer only costs re-reading a few more employees."""
    return max(0, int(getattr(settings, "KINERJA_REKAP_SEGAR_TUMPANG_DETIK", 120)))
