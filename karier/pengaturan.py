"""Tunable values of the karier app, read from Django settings with the defaults of
`karier.rules` (DOMAIN.md marks these "verify": a regulation or local policy may differ).

Settings (all optional): KARIER_MASA_GOLONGAN_TAHUN, KARIER_PREDIKAT_MINIMAL,
KARIER_PLAFON_JENJANG, KARIER_PLAFON_ESELON,
KARIER_KINERJA_DARI_PREDIKAT, KARIER_AMBANG_POTENSI, KARIER_BOBOT_POTENSI_HR,
KARIER_KANDIDAT_KP_BATAS_MENIT (and KARIER_KANDIDAT_KP_MENIT, read by the migration that
schedules the refresh).

Rules that change with regulation (the kenaikan pangkat periods, the education ceilings, the
angka kredit needed per step) are effective-dated rows of the aturan app, read here for a date
and handed to the pure functions of `karier.rules`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from django.conf import settings

from aturan import katalog
from aturan.berlaku import AturanTidakAda, NilaiAturan, aturan_berlaku, aturan_riwayat
from inti.waktu import hari_ini

from . import rules


def _nilai(nama: str, bawaan):
    return getattr(settings, nama, bawaan)



def masa_golongan_tahun() -> int:
    """Years in a golongan before the next kenaikan pangkat reguler (4)."""
    return int(_nilai("KARIER_MASA_GOLONGAN_TAHUN", 4))


def predikat_minimal() -> frozenset[str]:
    return frozenset(_nilai("KARIER_PREDIKAT_MINIMAL", rules.PREDIKAT_MINIMAL))


def jadwal_periode_kp() -> tuple[rules.AturanPeriodeKp, ...]:
    """Every row of the period schedule (a "next period" may fall under a newer one)."""
    return tuple(
        rules.AturanPeriodeKp(a.berlaku_mulai, frozenset(a.nilai["bulan"]), a.sumber)
        for a in aturan_riwayat(katalog.KP_BULAN_PERIODE)
    )


def periode_kp(kode: str) -> rules.PeriodeKp:
    """A period code checked against the schedule in force on its date (AturanError)."""
    return rules.parse_periode_kp(kode, jadwal_periode_kp())


def periode_kp_berikut(hari: date | None = None) -> rules.PeriodeKp:
    return rules.periode_kp_berikut(hari or hari_ini(), jadwal_periode_kp())


def periode_kp_kandidat(hari: date | None = None) -> list[rules.PeriodeKp]:
    """The periods whose eligible set is kept: the next one and the one after it."""
    jadwal = jadwal_periode_kp()
    berikut = rules.periode_kp_berikut(hari or hari_ini(), jadwal)
    return [berikut, rules.periode_kp_berikut(berikut.tmt + timedelta(days=1), jadwal)]


def kandidat_kp_batas_menit() -> int:
    """How old (minutes) a kept eligible set may be and still be read by the worklist page;
    older, the page evaluates the rule live. The refresh runs every 10 minutes."""
    return int(_nilai("KARIER_KANDIDAT_KP_BATAS_MENIT", 30))


def aturan_pendidikan(pada: date) -> NilaiAturan:
    """The education table (entry golongan and ceiling per ijazah) in force on `pada`."""
    return aturan_berlaku(katalog.KP_PENDIDIKAN, pada=pada)


def plafon_dari(pendidikan: NilaiAturan) -> Mapping[str, str]:
    return {k: v["plafon"] for k, v in pendidikan.nilai.items()}


def plafon_pendidikan(pada: date) -> Mapping[str, str]:
    return plafon_dari(aturan_pendidikan(pada))


def dasar_aturan_kp(
    periode: rules.PeriodeKp, pendidikan: NilaiAturan | None = None
) -> list[str]:
    """The regulations a kenaikan pangkat list for `periode` applies, in words."""
    dasar = [f"Periode: {periode.regulasi}"]
    try:
        pendidikan = pendidikan or aturan_pendidikan(periode.tmt)
    except AturanTidakAda:
        return dasar
    return [*dasar, f"Batas pendidikan: {pendidikan.sumber}"]


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


def aturan_kebutuhan_ak(pada: date) -> NilaiAturan | None:
    """Cumulative angka kredit needed per jenjang and golongan (PermenPANRB 1/2023; verify)."""
    try:
        return aturan_berlaku(katalog.AK_KEBUTUHAN, pada=pada)
    except AturanTidakAda:
        return None
