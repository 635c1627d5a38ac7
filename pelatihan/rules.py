"""Pure rules of competency development (DOMAIN.md §4): JP counting, the survey schedule,
AKPK gaps, certificate expiry, quota and date clashes. No I/O: plain values in, plain values
out, so each rule reads like the regulation and is table-tested."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

# 1 JP (jam pelajaran) = 45 minutes.
MENIT_PER_JP = 45

# Forms of development (Perlan 10/2018). Codes are stored; labels are shown.
JENIS_KLASIKAL: dict[str, str] = {
    "PKP": "Pelatihan Kepemimpinan Pengawas (PKP)",
    "PKA": "Pelatihan Kepemimpinan Administrator (PKA)",
    "PKN": "Pelatihan Kepemimpinan Nasional (PKN)",
    "TEKNIS": "Pelatihan teknis",
    "FUNGSIONAL": "Pelatihan fungsional",
    "SEMINAR": "Seminar/konferensi",
    "WORKSHOP": "Workshop/lokakarya",
    "KURSUS": "Kursus",
    "BIMTEK": "Bimbingan teknis",
    "SOSIALISASI": "Sosialisasi",
}
JENIS_NONKLASIKAL: dict[str, str] = {
    "COACHING": "Coaching",
    "MENTORING": "Mentoring",
    "E_LEARNING": "E-learning",
    "PJJ": "Pelatihan jarak jauh",
    "MAGANG": "Magang/praktik kerja",
    "DETASERING": "Detasering (secondment)",
    "BENCHMARKING": "Benchmarking",
    "SELF_STUDY": "Belajar mandiri (self-study)",
    "KOMUNITAS_BELAJAR": "Komunitas belajar (community of practice)",
    "BIMBINGAN_DI_TEMPAT_KERJA": "Bimbingan di tempat kerja",
}


def bentuk_pelatihan(jenis: str) -> str:
    """'KLASIKAL' or 'NONKLASIKAL' for a jenis code."""
    if jenis in JENIS_NONKLASIKAL:
        return "NONKLASIKAL"
    if jenis in JENIS_KLASIKAL:
        return "KLASIKAL"
    raise ValueError(f"Jenis pelatihan tidak dikenal: {jenis}")


# --- JP -------------------------------------------------------------------------------------

HADIR_TIDAK = False
HASIL_LULUS = "LULUS"
HASIL_TIDAK_LULUS = "TIDAK_LULUS"


def jp_diakui(*, jp_program: Decimal | int, hadir: bool | None, hasil: str) -> Decimal:
    """JP recognised for one participant of a session.

    Only attendance earns JP: absent (or attendance not yet recorded) gives 0. A participant
    who failed (tidak lulus) gets no JP; a session without a test (hasil empty) counts as
    completed once attended.
    """
    if hadir is not True:
        return Decimal(0)
    if hasil == HASIL_TIDAK_LULUS:
        return Decimal(0)
    return Decimal(jp_program)


def jp_dari_menit(menit: int) -> Decimal:
    """JP for a nonklasikal activity measured in minutes (45 minutes = 1 JP), two decimals,
    rounded down so a recognised activity never counts more than was done."""
    if menit < 0:
        raise ValueError("Durasi tidak boleh negatif.")
    return (Decimal(menit) / MENIT_PER_JP).quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def tanggal_jp(*, tanggal_mulai: date, tanggal_selesai: date) -> date:
    """The date a session's JP are booked on: the day it ends. A session running over the new
    year (30 Dec – 3 Jan) therefore counts in the year it is completed."""
    return max(tanggal_mulai, tanggal_selesai)


def rentang_tahun(tahun: int) -> tuple[date, date]:
    return date(tahun, 1, 1), date(tahun, 12, 31)


def jp_tahunan(entri: Iterable[tuple[date, Decimal | int]], tahun: int) -> Decimal:
    """Sum of ledger entries (tanggal, jp) falling in one calendar year."""
    awal, akhir = rentang_tahun(tahun)
    return sum((Decimal(jp) for tgl, jp in entri if awal <= tgl <= akhir), Decimal(0))


def kekurangan_jp(*, jp: Decimal | int, target: Decimal | int | None) -> Decimal:
    """How many JP are still missing to reach the target (0 when met, or when the status has
    no target: a PPPK's 24 JP is a ceiling, never a shortfall)."""
    if target is None:
        return Decimal(0)
    return max(Decimal(target) - Decimal(jp), Decimal(0))


def persen_jp(*, jp: Decimal | int, target: Decimal | int | None) -> int:
    """Progress towards the target for a progress bar, 0–100."""
    if target is None or Decimal(target) <= 0:
        return 100
    return min(100, int(Decimal(jp) * 100 / Decimal(target)))


@dataclass(frozen=True)
class BatasJp:
    """The yearly JP bounds of one employment status (rule row `jp.batas_tahunan`): PNS have a
    floor (at least 20 JP, PP 11/2017 jo. PP 17/2020), PPPK a ceiling (at most 24 JP per
    contract year, PP 49/2018 Pasal 40(1)) and no floor."""

    minimal: Decimal | None = None
    maksimal: Decimal | None = None


def batas_jp_dari(nilai: Mapping[str, Mapping[str, object]]) -> dict[str, BatasJp]:
    """{status: BatasJp} from the rule row's value."""
    def d(v: object) -> Decimal | None:
        return None if v is None else Decimal(str(v))

    return {s: BatasJp(d(b.get("minimal")), d(b.get("maksimal"))) for s, b in nilai.items()}


def melebihi_batas_jp(*, jp: Decimal | int, maksimal: Decimal | int | None) -> bool:
    """Above the ceiling (strictly: 24 JP is still within "paling lama 24 JP")."""
    return maksimal is not None and Decimal(jp) > Decimal(maksimal)


# --- Registration: quota and date clashes ---------------------------------------------------


def tanggal_bentrok(a_mulai: date, a_selesai: date, b_mulai: date, b_selesai: date) -> bool:
    """True when two inclusive date ranges share at least one day."""
    return a_mulai <= b_selesai and b_mulai <= a_selesai


def cek_kuota(*, kuota: int, terisi: int) -> str | None:
    if terisi >= kuota:
        return f"Kuota sesi sudah penuh ({terisi} dari {kuota} kursi terisi)."
    return None


@dataclass(frozen=True)
class SesiRingkas:
    """What the clash rule needs to know about a session."""

    id: int
    nama: str
    tanggal_mulai: date
    tanggal_selesai: date


def cek_bentrok(*, sesi: SesiRingkas, sesi_lain: Sequence[SesiRingkas], nama: str) -> str | None:
    """A participant cannot attend two sessions on the same day."""
    for lain in sesi_lain:
        if lain.id == sesi.id:
            continue
        if tanggal_bentrok(
            sesi.tanggal_mulai, sesi.tanggal_selesai, lain.tanggal_mulai, lain.tanggal_selesai
        ):
            return (
                f"{nama} sudah terdaftar pada {lain.nama} "
                f"({lain.tanggal_mulai:%d-%m-%Y} s.d. {lain.tanggal_selesai:%d-%m-%Y}) "
                f"yang tanggalnya bentrok dengan sesi ini."
            )
    return None


# --- Certificates ---------------------------------------------------------------------------


def tambah_bulan(tanggal: date, bulan: int) -> date:
    """Same day `bulan` months later (clamped to the month's last day: 31 Jan + 1 = 28/29 Feb)."""
    indeks = tanggal.month - 1 + bulan
    tahun, bulan_baru = tanggal.year + indeks // 12, indeks % 12 + 1
    hari = min(tanggal.day, calendar.monthrange(tahun, bulan_baru)[1])
    return date(tahun, bulan_baru, hari)


def tanggal_kedaluwarsa(*, terbit: date, masa_berlaku_bulan: int | None) -> date | None:
    """A certificate valid for N months expires the day before the same date N months on;
    no validity period means it does not expire."""
    if not masa_berlaku_bulan:
        return None
    return tambah_bulan(terbit, masa_berlaku_bulan) - timedelta(days=1)


def tahap_pengingat(
    *, kedaluwarsa: date, pada: date, tahap: Sequence[int], sudah: int | None
) -> int | None:
    """Which reminder (in days before expiry) is due on `pada`, or None.

    `tahap` lists the reminder points (e.g. 90, 30, 7 days before); `sudah` is the smallest
    point already reminded. Only the nearest point is sent, so a certificate first seen 20
    days before expiry gets one reminder (the 30-day one), not three.
    """
    sisa = (kedaluwarsa - pada).days
    if sisa < 0:
        return None
    jatuh = [t for t in sorted(tahap) if sisa <= t]
    if not jatuh:
        return None
    terdekat = jatuh[0]
    if sudah is not None and sudah <= terdekat:
        return None
    return terdekat


# --- Surveys (Kirkpatrick) ------------------------------------------------------------------

SURVEI_REAKSI = "REAKSI"
SURVEI_APLIKASI = "APLIKASI"


def jadwal_survei(*, tanggal_selesai: date, hari_aplikasi: int) -> dict[str, date]:
    """When each survey of a session is due: the reaction survey on its last day, the
    application survey `hari_aplikasi` days after it ends (level 3: behaviour on the job)."""
    return {
        SURVEI_REAKSI: tanggal_selesai,
        SURVEI_APLIKASI: tanggal_selesai + timedelta(days=hari_aplikasi),
    }


def survei_jatuh_tempo(
    *, tanggal_selesai: date, hari_aplikasi: int, pada: date, tenggang_hari: int
) -> list[str]:
    """The surveys of a session to invite for on `pada`: due on or before that day and no
    more than `tenggang_hari` late (a missed run catches up; a years-old session does not
    suddenly send mail)."""
    hasil = []
    for jenis, jatuh in jadwal_survei(
        tanggal_selesai=tanggal_selesai, hari_aplikasi=hari_aplikasi
    ).items():
        if jatuh <= pada <= jatuh + timedelta(days=tenggang_hari):
            hasil.append(jenis)
    return hasil


def perlu_pengingat_survei(*, dikirim: date, pada: date, hari: int) -> bool:
    """An unanswered invitation gets one reminder `hari` days after it was sent."""
    return (pada - dikirim).days >= hari


def tidak_diterapkan(nilai: int, ambang: int) -> bool:
    """An application-survey score under the threshold: the competency is not yet applied."""
    return nilai < ambang


# --- AKPK: competency gaps ------------------------------------------------------------------


@dataclass(frozen=True)
class Kesenjangan:
    kompetensi_id: int
    standar: int
    hasil: int | None  # None: never assessed

    @property
    def selisih(self) -> int | None:
        return None if self.hasil is None else self.standar - self.hasil

    @property
    def belum_diases(self) -> bool:
        return self.hasil is None


def kesenjangan(*, standar: Mapping[int, int], asesmen: Mapping[int, int]) -> list[Kesenjangan]:
    """Gaps between a jabatan's standard (kompetensi → level required) and the latest
    assessment (kompetensi → level measured). A competency measured at or above its standard
    is no gap; one never assessed is listed as such (its gap is unknown). Assessed
    competencies outside the standard are ignored. Largest gap first."""
    hasil = [
        Kesenjangan(kompetensi_id=k, standar=lvl, hasil=asesmen.get(k))
        for k, lvl in standar.items()
        if asesmen.get(k) is None or asesmen[k] < lvl
    ]
    return sorted(hasil, key=lambda g: (g.hasil is None, -(g.selisih or 0), g.kompetensi_id))


def program_menutup(*, level_target: int, standar: int) -> bool:
    """A programme closes a gap when it develops the competency to at least the level the
    jabatan requires."""
    return level_target >= standar


def saran_sesi(
    *, kekurangan: Decimal | int, sesi: Sequence[tuple[int, Decimal | int]], maks: int = 2
) -> list[int]:
    """Sessions to suggest to an employee short of JP, from the upcoming open ones (given in
    date order as (id, jp)): first those that alone close the shortfall, then the largest."""
    if Decimal(kekurangan) <= 0:
        return []
    cukup = [i for i, jp in sesi if Decimal(jp) >= Decimal(kekurangan)]
    sisanya = [i for i, _jp in sorted(sesi, key=lambda s: -Decimal(s[1])) if i not in cukup]
    return (cukup + sisanya)[:maks]
