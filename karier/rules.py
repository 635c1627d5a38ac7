"""Pure rules of career management (DOMAIN.md §2 and §5). No I/O: plain values in, plain out.

- the nine-box talent placement and its recommended actions (PermenPANRB 3/2020), exactly as
  the table in DOMAIN.md §5;
- the kinerja level from the annual predikat and the potensi level from a 0–100 score;
- kenaikan pangkat reguler eligibility, with the period schedule and the education ceiling
  passed in from the effective-dated rule rows (aturan app).

Tables marked "verify" in DOMAIN.md are module-level data here, and `karier.pengaturan` lets
settings replace them; the functions take the table as an argument.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from pegawai.rules import GOLONGAN_PNS, PANGKAT_PNS, urutan_golongan

# --- Nine-box ---------------------------------------------------------------------------------

DI_ATAS = "DI_ATAS"
SESUAI = "SESUAI"
DI_BAWAH = "DI_BAWAH"
LEVEL_KINERJA = {
    DI_ATAS: "Di Atas Ekspektasi",
    SESUAI: "Sesuai Ekspektasi",
    DI_BAWAH: "Di Bawah Ekspektasi",
}

TINGGI = "TINGGI"
MENENGAH = "MENENGAH"
RENDAH = "RENDAH"
LEVEL_POTENSI = {TINGGI: "Tinggi", MENENGAH: "Menengah", RENDAH: "Rendah"}

# (kinerja, potensi) -> box, exactly the table of DOMAIN.md §5.
KOTAK: Mapping[tuple[str, str], int] = {
    (DI_ATAS, TINGGI): 9,
    (SESUAI, TINGGI): 8,
    (DI_ATAS, MENENGAH): 7,
    (DI_BAWAH, TINGGI): 6,
    (SESUAI, MENENGAH): 5,
    (DI_ATAS, RENDAH): 4,
    (DI_BAWAH, MENENGAH): 3,
    (SESUAI, RENDAH): 2,
    (DI_BAWAH, RENDAH): 1,
}

# The recommended actions of each box, in the order of DOMAIN.md §5.
REKOMENDASI: Mapping[int, tuple[str, ...]] = {
    9: ("Promosi dan dipertahankan", "Masuk rencana suksesi", "Diberi penghargaan"),
    8: (
        "Dipertahankan",
        "Masuk rencana suksesi",
        "Rotasi atau perluasan jabatan (job enlargement)",
        "Coaching kinerja",
    ),
    7: (
        "Dipertahankan",
        "Masuk rencana suksesi",
        "Rotasi atau pengayaan jabatan (job enrichment)",
        "Pengembangan kompetensi",
    ),
    6: ("Penempatan yang sesuai", "Coaching dan konseling kinerja"),
    5: ("Penempatan yang sesuai", "Coaching kinerja", "Pengembangan kompetensi"),
    4: ("Rotasi", "Pengembangan kompetensi"),
    3: ("Coaching dan konseling kinerja", "Pengembangan kompetensi", "Penempatan yang sesuai"),
    2: ("Coaching kinerja", "Pengembangan kompetensi", "Penempatan yang sesuai"),
    1: ("Ditangani sesuai ketentuan peraturan disiplin dan kinerja",),
}

# Boxes 7–9 form the talent pool.
KOTAK_TALENT_POOL = frozenset({7, 8, 9})


class AturanError(ValueError):
    """A value breaks a career rule; `str(error)` is the message for the user."""


@dataclass(frozen=True)
class Penempatan9:
    kotak: int
    kinerja: str
    potensi: str
    rekomendasi: tuple[str, ...]

    @property
    def talent_pool(self) -> bool:
        return self.kotak in KOTAK_TALENT_POOL


def kotak_talenta(kinerja: str, potensi: str) -> Penempatan9:
    """The nine-box placement and its recommended actions for a kinerja and potensi level."""
    try:
        kotak = KOTAK[(kinerja, potensi)]
    except KeyError:
        raise AturanError(
            f"Level tidak dikenal: kinerja {kinerja!r}, potensi {potensi!r}."
        ) from None
    return Penempatan9(kotak, kinerja, potensi, REKOMENDASI[kotak])


def posisi_kotak(kotak: int) -> tuple[str, str]:
    """(kinerja, potensi) of a box: where it sits on the chart."""
    for kunci, nomor in KOTAK.items():
        if nomor == kotak:
            return kunci
    raise AturanError(f"Kotak {kotak} tidak ada (1–9).")


# Annual predikat -> kinerja level (a data table; settings may replace it).
KINERJA_DARI_PREDIKAT: Mapping[str, str] = {
    "SANGAT_BAIK": DI_ATAS,
    "BAIK": SESUAI,
    "BUTUH_PERBAIKAN": DI_BAWAH,
    "KURANG": DI_BAWAH,
    "SANGAT_KURANG": DI_BAWAH,
}


def level_kinerja(predikat: str, tabel: Mapping[str, str] = KINERJA_DARI_PREDIKAT) -> str:
    try:
        return tabel[predikat]
    except KeyError:
        raise AturanError(f"Predikat {predikat!r} tidak ada dalam tabel konversi.") from None


# Potensi score (0–100) thresholds, highest first (verify; settings may replace them).
AMBANG_POTENSI: Sequence[tuple[float, str]] = ((80, TINGGI), (60, MENENGAH), (0, RENDAH))


def level_potensi(skor: float, ambang: Sequence[tuple[float, str]] = AMBANG_POTENSI) -> str:
    """The potensi level of a 0–100 score: the first threshold it reaches."""
    if not 0 <= skor <= 100:
        raise AturanError("Skor potensi harus 0–100.")
    for batas, level in sorted(ambang, key=lambda a: -a[0]):
        if skor >= batas:
            return level
    return RENDAH


def skor_potensi(
    *, level_asesmen: Sequence[int], nilai_hr: float | None, bobot_hr: float = 0.5
) -> float | None:
    """0–100 from the latest competency levels (1–5; level 5 = 100) and the score HR recorded
    (potensi test, assessment centre). Both present: weighted by `bobot_hr` (0–1); one
    present: that one; none: None (the employee cannot be placed yet)."""
    dari_asesmen = sum(level_asesmen) / len(level_asesmen) * 20 if level_asesmen else None
    if dari_asesmen is None and nilai_hr is None:
        return None
    if dari_asesmen is None:
        return round(float(nilai_hr), 2)
    if nilai_hr is None:
        return round(dari_asesmen, 2)
    return round(bobot_hr * float(nilai_hr) + (1 - bobot_hr) * dari_asesmen, 2)


# --- Kenaikan pangkat reguler ----------------------------------------------------------------

# The education ceiling (and the entry golongan) is the rule row `kp.pendidikan` (aturan app;
# Kepka BKN 12/2002): callers pass `plafon_pendidikan` read for the period's date.

# Highest golongan of a jabatan fungsional jenjang (verify).
PLAFON_JENJANG: Mapping[str, str] = {
    "PEMULA": "II/a",
    "TERAMPIL": "II/d",
    "MAHIR": "III/b",
    "PENYELIA": "III/d",
    "AHLI_PERTAMA": "III/b",
    "AHLI_MUDA": "III/d",
    "AHLI_MADYA": "IV/c",
    "AHLI_UTAMA": "IV/e",
}

# Highest golongan of a structural position by its (legacy) eselon (verify).
PLAFON_ESELON: Mapping[str, str] = {
    "I.a": "IV/e",
    "I.b": "IV/e",
    "II.a": "IV/d",
    "II.b": "IV/c",
    "III.a": "IV/b",
    "III.b": "IV/a",
    "IV.a": "III/d",
    "IV.b": "III/c",
}

PREDIKAT_MINIMAL = frozenset({"SANGAT_BAIK", "BAIK"})
NAMA_PREDIKAT = {
    "SANGAT_BAIK": "Sangat Baik",
    "BAIK": "Baik",
    "BUTUH_PERBAIKAN": "Butuh Perbaikan",
    "KURANG": "Kurang/Misconduct",
    "SANGAT_KURANG": "Sangat Kurang",
}
NAMA_BULAN = ("", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
              "September", "Oktober", "November", "Desember")  # fmt: skip
_POLA_PERIODE = re.compile(r"^(\d{4})-(\d{2})$")
# How far ahead "the next period" looks: every schedule so far has one at least twice a year.
BULAN_CARI_MAKS = 36


@dataclass(frozen=True)
class AturanPeriodeKp:
    """One row of the period schedule: from `mulai`, the 1st of each month in `bulan`."""

    mulai: date
    bulan: frozenset[int]
    regulasi: str = ""


@dataclass(frozen=True)
class PeriodeKp:
    kode: str  # "2026-04"
    tmt: date  # the 1st of a period month
    regulasi: str = ""  # the schedule rule in force on `tmt`

    @property
    def nama(self) -> str:
        return f"{NAMA_BULAN[self.tmt.month]} {self.tmt.year}"

    @property
    def tahun_predikat(self) -> tuple[int, int]:
        """The two years whose annual predikat count: the two completed before the period."""
        return (self.tmt.year - 1, self.tmt.year - 2)


def aturan_periode_pada(tanggal: date, jadwal: Sequence[AturanPeriodeKp]) -> AturanPeriodeKp | None:
    """The schedule row in force on `tanggal` (latest `mulai` on or before it)."""
    berlaku = [a for a in jadwal if a.mulai <= tanggal]
    return max(berlaku, key=lambda a: a.mulai, default=None)


def periode_kp_sah(tanggal: date, jadwal: Sequence[AturanPeriodeKp]) -> bool:
    """A kenaikan pangkat reguler may take effect on `tanggal` under the rule of that date."""
    aturan = aturan_periode_pada(tanggal, jadwal)
    return tanggal.day == 1 and aturan is not None and tanggal.month in aturan.bulan


def uraian_bulan(bulan: Collection[int]) -> str:
    """{2, 4, 6} -> "1 Februari, April dan Juni"; all twelve -> "tanggal 1 setiap bulan"."""
    if len(set(bulan)) == 12:
        return "tanggal 1 setiap bulan"
    nama = [NAMA_BULAN[b] for b in sorted(bulan)]
    teks = nama[0] if len(nama) == 1 else ", ".join(nama[:-1]) + " dan " + nama[-1]
    return f"tanggal 1 {teks}"


def parse_periode_kp(kode: str, jadwal: Sequence[AturanPeriodeKp]) -> PeriodeKp:
    """`YYYY-MM`, valid when the month is a period month under the rule in force on the 1st
    of that month (April/October before 2024; even months from 2024; every month from
    1 October 2025, with the seeded schedule)."""
    m = _POLA_PERIODE.match((kode or "").strip())
    if not m or not 1 <= int(m[2]) <= 12 or not 2000 <= int(m[1]) <= 2100:
        raise AturanError("Periode harus berbentuk YYYY-MM (mis. 2026-04).")
    tahun, bulan = int(m[1]), int(m[2])
    tmt = date(tahun, bulan, 1)
    aturan = aturan_periode_pada(tmt, jadwal)
    if aturan is None:
        raise AturanError(f"Belum ada aturan periode kenaikan pangkat untuk {tmt:%d-%m-%Y}.")
    if bulan not in aturan.bulan:
        raise AturanError(
            f"{NAMA_BULAN[bulan]} {tahun} bukan periode kenaikan pangkat: menurut "
            f"{aturan.regulasi or 'aturan yang berlaku'} periode hanya pada "
            f"{uraian_bulan(aturan.bulan)}."
        )
    return PeriodeKp(f"{tahun}-{bulan:02d}", tmt, aturan.regulasi)


def periode_kp_berikut(hari_ini: date, jadwal: Sequence[AturanPeriodeKp]) -> PeriodeKp:
    """The first period on or after `hari_ini`, each candidate judged by the rule in force on
    its own date (so the next period after 15 December 2023 is 1 February 2024)."""
    tahun, bulan = hari_ini.year, hari_ini.month
    if hari_ini.day > 1:
        tahun, bulan = tahun + bulan // 12, bulan % 12 + 1
    for _ in range(BULAN_CARI_MAKS):
        tmt = date(tahun, bulan, 1)
        if periode_kp_sah(tmt, jadwal):
            return PeriodeKp(f"{tahun}-{bulan:02d}", tmt, aturan_periode_pada(tmt, jadwal).regulasi)
        tahun, bulan = tahun + bulan // 12, bulan % 12 + 1
    raise AturanError(
        f"Tidak ada periode kenaikan pangkat dalam {BULAN_CARI_MAKS} bulan sejak "
        f"{hari_ini:%d-%m-%Y}; periksa aturan periode."
    )


def golongan_berikut(golongan: str) -> str | None:
    if golongan not in PANGKAT_PNS:
        return None
    i = GOLONGAN_PNS.index(golongan)
    return GOLONGAN_PNS[i + 1] if i + 1 < len(GOLONGAN_PNS) else None


def tambah_tahun(tanggal: date, tahun: int) -> date:
    try:
        return tanggal.replace(year=tanggal.year + tahun)
    except ValueError:  # 29 February
        return tanggal.replace(year=tanggal.year + tahun, day=28)


@dataclass(frozen=True)
class KarierPangkat:
    """What the eligibility rule needs to know about one employee."""

    status_kepegawaian: str
    golongan: str
    tmt_golongan: date | None
    pendidikan: str
    predikat: Mapping[int, str]  # tahun -> annual predikat
    jenjang_fungsional: str = ""
    eselon: str = ""


@dataclass
class HasilKp:
    layak: bool
    golongan_baru: str | None
    alasan: list[str] = field(default_factory=list)
    plafon: str | None = None
    tanggal_memenuhi_masa: date | None = None
    angka_kredit: Decimal | None = None  # cumulative, for jabatan fungsional
    kebutuhan_ak: Decimal | None = None  # needed to leave the current golongan


def kelayakan_kenaikan_pangkat(
    karier: KarierPangkat,
    periode: PeriodeKp,
    *,
    masa_tahun: int = 4,
    predikat_minimal: Collection[str] = PREDIKAT_MINIMAL,
    plafon_pendidikan: Mapping[str, str],
    plafon_jenjang: Mapping[str, str] = PLAFON_JENJANG,
    plafon_eselon: Mapping[str, str] = PLAFON_ESELON,
    angka_kredit: Decimal | None = None,
    kebutuhan_ak: Mapping[str, Mapping[str, object]] | None = None,
) -> HasilKp:
    """Kenaikan pangkat reguler (DOMAIN.md §2): at least `masa_tahun` years in the golongan on
    the period's TMT, annual predikat at least Baik in each of the two previous years, and
    the next golongan not above the ceiling of education or jabatan. Every unmet condition
    is listed, in words.

    A jabatan fungsional employee whose jenjang and golongan have a row in `kebutuhan_ak`
    (rule row `angka_kredit.kebutuhan`, PermenPANRB 1/2023, verify) moves on cumulative angka
    kredit instead of the years in the golongan: `angka_kredit` (counted since the TMT of the
    golongan) must reach the row."""
    alasan: list[str] = []
    kebutuhan = None
    if karier.jenjang_fungsional and kebutuhan_ak is not None:
        baris = kebutuhan_ak.get(karier.jenjang_fungsional, {}).get(karier.golongan)
        kebutuhan = Decimal(str(baris)) if baris is not None else None
    if karier.status_kepegawaian != "PNS":
        return HasilKp(False, None, [f"Hanya PNS yang naik pangkat ({karier.status_kepegawaian})."])
    baru = golongan_berikut(karier.golongan)
    if baru is None:
        return HasilKp(False, None, [f"Golongan {karier.golongan} sudah tertinggi."])
    memenuhi = None
    if kebutuhan is not None:
        ak = Decimal(angka_kredit or 0)
        if ak < kebutuhan:
            nama = karier.jenjang_fungsional.replace("_", " ").title()
            alasan.append(
                f"Angka kredit kumulatif {_ak(ak)} belum mencapai {_ak(kebutuhan)} untuk naik "
                f"dari {karier.golongan} sebagai {nama} (kurang {_ak(kebutuhan - ak)})."
            )
    elif karier.tmt_golongan is None:
        alasan.append("TMT golongan belum tercatat.")
    else:
        memenuhi = tambah_tahun(karier.tmt_golongan, masa_tahun)
        if memenuhi > periode.tmt:
            alasan.append(
                f"Masa dalam golongan {karier.golongan} belum {masa_tahun} tahun "
                f"(TMT {karier.tmt_golongan:%d-%m-%Y}; memenuhi {memenuhi:%d-%m-%Y})."
            )
    for tahun in periode.tahun_predikat:
        predikat = karier.predikat.get(tahun)
        if not predikat:
            alasan.append(f"Predikat kinerja tahunan {tahun} belum ada.")
        elif predikat not in predikat_minimal:
            alasan.append(
                f"Predikat kinerja {tahun} {NAMA_PREDIKAT.get(predikat, predikat)} (minimal Baik)."
            )
    plafon: list[tuple[str, str]] = []
    if karier.pendidikan in plafon_pendidikan:
        plafon.append((plafon_pendidikan[karier.pendidikan], f"pendidikan {karier.pendidikan}"))
    elif not karier.pendidikan:
        alasan.append("Pendidikan terakhir belum tercatat.")
    if karier.jenjang_fungsional in plafon_jenjang:
        nama = karier.jenjang_fungsional.replace("_", " ").title()
        plafon.append((plafon_jenjang[karier.jenjang_fungsional], f"jabatan fungsional {nama}"))
    if karier.eselon in plafon_eselon:
        plafon.append((plafon_eselon[karier.eselon], f"jabatan eselon {karier.eselon}"))
    batas = min(plafon, key=lambda p: urutan_golongan(p[0]), default=None)
    if batas is not None and urutan_golongan(baru) > urutan_golongan(batas[0]):
        alasan.append(f"Golongan {karier.golongan} sudah mencapai batas {batas[1]} ({batas[0]}).")
    return HasilKp(
        layak=not alasan,
        golongan_baru=baru,
        alasan=alasan,
        plafon=batas[0] if batas else None,
        tanggal_memenuhi_masa=memenuhi,
        angka_kredit=Decimal(angka_kredit or 0) if kebutuhan is not None else None,
        kebutuhan_ak=kebutuhan,
    )


def _ak(nilai: Decimal) -> str:
    """12.500 -> "12,5" (Indonesian decimal comma)."""
    teks = f"{Decimal(nilai).normalize():f}"
    return teks.replace(".", ",")
