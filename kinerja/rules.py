"""Pure rules of e-kinerja (DOMAIN.md §3): the predikat matrix, the distribution curve,
appraisal periods and the daily-report filing window. No I/O: plain values in, plain out."""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, Decimal


class AturanError(ValueError):
    """A domain rule is broken; the message is meant for the user (Bahasa Indonesia)."""


# --- Ratings and predikat ----------------------------------------------------------------------

DI_ATAS = "DI_ATAS"
SESUAI = "SESUAI"
DI_BAWAH = "DI_BAWAH"
RATING = {
    DI_ATAS: "Di Atas Ekspektasi",
    SESUAI: "Sesuai Ekspektasi",
    DI_BAWAH: "Di Bawah Ekspektasi",
}

SANGAT_BAIK = "SANGAT_BAIK"
BAIK = "BAIK"
BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
KURANG = "KURANG"
SANGAT_KURANG = "SANGAT_KURANG"
PREDIKAT = {
    SANGAT_BAIK: "Sangat Baik",
    BAIK: "Baik",
    BUTUH_PERBAIKAN: "Butuh Perbaikan",
    KURANG: "Kurang/Misconduct",
    SANGAT_KURANG: "Sangat Kurang",
}

# (rating hasil kerja, rating perilaku) -> predikat, exactly as the table in DOMAIN.md §3.
MATRIKS_PREDIKAT: Mapping[tuple[str, str], str] = {
    (DI_ATAS, DI_BAWAH): KURANG,
    (DI_ATAS, SESUAI): BAIK,
    (DI_ATAS, DI_ATAS): SANGAT_BAIK,
    (SESUAI, DI_BAWAH): KURANG,
    (SESUAI, SESUAI): BAIK,
    (SESUAI, DI_ATAS): BAIK,
    (DI_BAWAH, DI_BAWAH): SANGAT_KURANG,
    (DI_BAWAH, SESUAI): BUTUH_PERBAIKAN,
    (DI_BAWAH, DI_ATAS): BUTUH_PERBAIKAN,
}


def predikat_kinerja(rating_hasil_kerja: str, rating_perilaku: str) -> str:
    """The predikat kinerja for a pair of ratings (`DI_ATAS`, `SESUAI`, `DI_BAWAH`)."""
    try:
        return MATRIKS_PREDIKAT[(rating_hasil_kerja, rating_perilaku)]
    except KeyError:
        raise AturanError(
            f"Rating tidak dikenal: hasil kerja {rating_hasil_kerja!r}, "
            f"perilaku {rating_perilaku!r}."
        ) from None


# --- Distribution curve (SE MenPANRB 3/2023; verify; the table is a rule row of the aturan app)

ISTIMEWA = "ISTIMEWA"
HASIL_ORGANISASI = {
    ISTIMEWA: "Istimewa",
    BAIK: "Baik",
    BUTUH_PERBAIKAN: "Butuh Perbaikan",
    KURANG: "Kurang",
    SANGAT_KURANG: "Sangat Kurang",
}

# Kinds of rule in the table below.
TERBANYAK = "terbanyak"  # the predikat group is the most common one (ties allowed)
MAKS_PERSEN = "maks_persen"  # share of employees at most `nilai` %
MIN_PERSEN = "min_persen"  # share of employees at least `nilai` %
MIN_JUMLAH = "min_jumlah"  # at least `nilai` employees


@dataclass(frozen=True)
class AturanDistribusi:
    jenis: str
    predikat: frozenset[str]
    nilai: Decimal = Decimal(0)

    @property
    def nama_predikat(self) -> str:
        urut = [p for p in PREDIKAT if p in self.predikat]
        return " atau ".join(PREDIKAT[p].split("/")[0] for p in urut)

    @property
    def uraian(self) -> str:
        nama = self.nama_predikat
        if self.jenis == TERBANYAK:
            return f"{nama} menjadi predikat terbanyak"
        if self.jenis == MAKS_PERSEN:
            if self.nilai == 0:
                return f"tidak ada {nama}"
            return f"{nama} paling banyak {angka(self.nilai)}%"
        if self.jenis == MIN_PERSEN:
            return f"{nama} paling sedikit {angka(self.nilai)}%"
        return f"paling sedikit {angka(self.nilai)} pegawai {nama}"


def _a(jenis: str, *predikat: str, nilai: int = 0) -> AturanDistribusi:
    return AturanDistribusi(jenis=jenis, predikat=frozenset(predikat), nilai=Decimal(nilai))


def aturan_distribusi_dari(
    nilai: Mapping[str, Sequence[Mapping[str, object]]],
) -> dict[str, list[AturanDistribusi]]:
    """The curve from the rule row `kinerja.kurva_distribusi` (aturan app, effective-dated,
    editable by HR): {hasil organisasi: [{"jenis", "predikat", "nilai"}, ...]}."""
    return {
        hasil: [
            AturanDistribusi(
                jenis=str(a["jenis"]),
                predikat=frozenset(a["predikat"]),  # type: ignore[arg-type]
                nilai=Decimal(str(a.get("nilai", 0))),
            )
            for a in daftar
        ]
        for hasil, daftar in nilai.items()
    }


@dataclass(frozen=True)
class Pelanggaran:
    aturan: AturanDistribusi
    pesan: str


def _persen(n: int, total: int, pembulatan: str) -> Decimal:
    """The share for a message, two decimals, rounded away from the bound it breaks (so 701
    of 1,001 reads 70,03%, never 70%)."""
    return (Decimal(n) * 100 / Decimal(total)).quantize(Decimal("0.01"), rounding=pembulatan)


def angka(d: Decimal) -> str:
    """12.5 -> "12,5", 80.0 -> "80" (Indonesian decimal comma)."""
    teks = f"{d.normalize():f}" if d == d.to_integral() else f"{d:f}".rstrip("0")
    return teks.replace(".", ",")


def cek_distribusi(
    hasil_organisasi: str,
    jumlah: Mapping[str, int],
    aturan: Mapping[str, Sequence[AturanDistribusi]],
) -> list[Pelanggaran]:
    """The rules of the curve that a unit's annual predikat spread breaks (empty: it fits).

    `jumlah` maps predikat to the number of employees; a unit without appraisals has nothing
    to check. Shares are compared as exact fractions (count × 100 against bound × total),
    never as rounded percentages: 701 of 1,001 is over 70 %, 1,200 of 2,001 under 60 %.
    """
    if hasil_organisasi not in aturan:
        raise AturanError(f"Hasil kinerja organisasi tidak dikenal: {hasil_organisasi!r}.")
    total = sum(jumlah.get(p, 0) for p in PREDIKAT)
    if total == 0:
        return []
    hasil = []
    for a in aturan[hasil_organisasi]:
        n = sum(jumlah.get(p, 0) for p in a.predikat)
        if a.jenis == TERBANYAK:
            lain = max((jumlah.get(p, 0) for p in PREDIKAT if p not in a.predikat), default=0)
            if n < lain:
                hasil.append(
                    Pelanggaran(
                        a,
                        f"Aturan: {a.uraian}. Saat ini {a.nama_predikat} hanya {n} pegawai, "
                        f"ada predikat lain dengan {lain} pegawai.",
                    )
                )
        elif a.jenis == MAKS_PERSEN and n * 100 > a.nilai * total:
            persen = _persen(n, total, ROUND_CEILING)
            hasil.append(
                Pelanggaran(a, f"Aturan: {a.uraian}. Saat ini {angka(persen)}% ({n} dari {total}).")
            )
        elif a.jenis == MIN_PERSEN and n * 100 < a.nilai * total:
            persen = _persen(n, total, ROUND_FLOOR)
            hasil.append(
                Pelanggaran(a, f"Aturan: {a.uraian}. Saat ini {angka(persen)}% ({n} dari {total}).")
            )
        elif a.jenis == MIN_JUMLAH and n < a.nilai:
            hasil.append(Pelanggaran(a, f"Aturan: {a.uraian}. Saat ini {n} pegawai."))
    return hasil


# --- Appraisal periods -------------------------------------------------------------------------

BULANAN = "BULANAN"
TRIWULANAN = "TRIWULANAN"
TAHUNAN = "TAHUNAN"
JENIS_PERIODE = {BULANAN: "Bulanan", TRIWULANAN: "Triwulanan", TAHUNAN: "Tahunan"}

_POLA_PERIODE = re.compile(r"^(?P<tahun>\d{4})(?:-(?:(?P<bulan>\d{2})|Q(?P<triwulan>[1-4])))?$")


@dataclass(frozen=True)
class Periode:
    kode: str  # "2026-03", "2026-Q1" or "2026"
    jenis: str
    tahun: int
    mulai: date
    akhir: date

    @property
    def nama(self) -> str:
        if self.jenis == TAHUNAN:
            return f"Tahun {self.tahun}"
        if self.jenis == TRIWULANAN:
            return f"Triwulan {self.kode[-1]} {self.tahun}"
        return f"{NAMA_BULAN[self.mulai.month]} {self.tahun}"


NAMA_BULAN = [
    "",
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def parse_periode(kode: str) -> Periode:
    """`YYYY-MM` (monthly), `YYYY-Qn` (quarterly) or `YYYY` (annual)."""
    m = _POLA_PERIODE.match((kode or "").strip().upper())
    if not m or not 2000 <= int(m["tahun"]) <= 2100:
        raise AturanError("Periode harus berbentuk YYYY-MM, YYYY-Qn atau YYYY (mis. 2026-Q1).")
    tahun = int(m["tahun"])
    if m["bulan"]:
        bulan = int(m["bulan"])
        if not 1 <= bulan <= 12:
            raise AturanError(f"Bulan {m['bulan']} tidak ada: gunakan 01 sampai 12.")
        akhir = date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])
        return Periode(f"{tahun}-{bulan:02d}", BULANAN, tahun, date(tahun, bulan, 1), akhir)
    if m["triwulan"]:
        q = int(m["triwulan"])
        awal_bulan, akhir_bulan = 3 * q - 2, 3 * q
        akhir = date(tahun, akhir_bulan, calendar.monthrange(tahun, akhir_bulan)[1])
        return Periode(f"{tahun}-Q{q}", TRIWULANAN, tahun, date(tahun, awal_bulan, 1), akhir)
    return Periode(str(tahun), TAHUNAN, tahun, date(tahun, 1, 1), date(tahun, 12, 31))


def periode_berjalan(hari_ini: date, jenis: str) -> str:
    """The code of the period of kind `jenis` that contains `hari_ini`."""
    if jenis == BULANAN:
        return f"{hari_ini:%Y-%m}"
    if jenis == TRIWULANAN:
        return f"{hari_ini.year}-Q{(hari_ini.month - 1) // 3 + 1}"
    return str(hari_ini.year)


def periode_pilihan(hari_ini: date, jenis_berkala: str) -> list[Periode]:
    """The appraisal periods one may choose (never typed): the periodic ones of the pemda's
    kind (monthly or quarterly) that have started, this year and last year, newest first,
    each year's annual period after its last periodic one."""
    hasil: list[Periode] = []
    for tahun in (hari_ini.year, hari_ini.year - 1):
        if jenis_berkala == BULANAN:
            kode = [f"{tahun}-{b:02d}" for b in range(12, 0, -1)]
        else:
            kode = [f"{tahun}-Q{q}" for q in range(4, 0, -1)]
        kode.append(str(tahun))
        hasil += [p for p in map(parse_periode, kode) if p.mulai <= hari_ini]
    return hasil


def batas_koreksi_penilaian(akhir_periode: date, hari_tenggang: int) -> date:
    """The last day a supervisor may still correct an appraisal: `hari_tenggang` days after
    the end of its period (and never once the employee has responded)."""
    return akhir_periode + timedelta(days=hari_tenggang)


def penilaian_bisa_dikoreksi(
    *, tanggapan: str, akhir_periode: date, hari_ini: date, hari_tenggang: int
) -> bool:
    return not tanggapan and hari_ini <= batas_koreksi_penilaian(akhir_periode, hari_tenggang)


def cek_tahun_skp(tahun: int, tahun_ini: int) -> str | None:
    """An SKP is drawn up for the current year or the next one only."""
    if tahun not in (tahun_ini, tahun_ini + 1):
        return f"SKP hanya dapat dibuat untuk tahun {tahun_ini} atau {tahun_ini + 1}."
    return None


def jam_mulai_usulan(selesai_terakhir: time | None, awal_kerja: time) -> time:
    """The default start of a new report: the end of one's last report today, else the
    start of the working day."""
    return selesai_terakhir or awal_kerja


def bulan_awal(kode: str) -> date:
    """`YYYY-MM` to the first day of that month."""
    periode = parse_periode(kode)
    if periode.jenis != BULANAN:
        raise AturanError("Bulan harus berbentuk YYYY-MM (mis. 2026-03).")
    return periode.mulai


def bulan_berikut(bulan: date) -> date:
    return date(bulan.year + bulan.month // 12, bulan.month % 12 + 1, 1)


# --- Daily reports ----------------------------------------------------------------------------


def cek_tanggal_laporan(tanggal: date, hari_ini: date, jendela_hari: int) -> str | None:
    """Why a report for `tanggal` may not be filed on `hari_ini` (None: it may)."""
    if tanggal > hari_ini:
        return "Tanggal laporan tidak boleh di masa depan."
    paling_awal = hari_ini - timedelta(days=jendela_hari)
    if tanggal < paling_awal:
        return (
            f"Laporan hanya dapat diisi untuk hari ini dan {jendela_hari} hari sebelumnya "
            f"(paling awal {paling_awal:%d-%m-%Y})."
        )
    return None


def menit_antara(jam_mulai, jam_selesai) -> int:
    return (jam_selesai.hour * 60 + jam_selesai.minute) - (jam_mulai.hour * 60 + jam_mulai.minute)


# Evidence files: the first bytes of each allowed type.
TANDA_BERKAS = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}


def jenis_berkas(awal: bytes) -> str | None:
    """The content type of an allowed evidence file from its first bytes, else None."""
    for tanda, jenis in TANDA_BERKAS.items():
        if awal.startswith(tanda):
            return jenis
    return None


# --- Angka kredit (PermenPANRB 1/2023; coefficients and percentages are rule rows of the
# aturan app, marked verify) -------------------------------------------------------------------

EMPAT_DESIMAL = Decimal("0.0001")  # every coefficient × percentage is exact at 4 decimals


def angka_kredit_tahunan(
    *, predikat: str, jenjang: str, koefisien: Mapping[str, object],
    persentase: Mapping[str, object],
) -> tuple[Decimal, Decimal, Decimal] | None:  # fmt: skip
    """(koefisien, persentase, angka kredit) of one year: the jenjang's annual coefficient
    times the predikat's percentage (Ahli Pertama 12,5 × Baik 100% = 12,5). None for a jenjang
    without a coefficient (not a jabatan fungsional)."""
    if jenjang not in koefisien:
        return None
    if predikat not in persentase:
        raise AturanError(f"Predikat {predikat!r} tidak ada dalam tabel persentase angka kredit.")
    k = Decimal(str(koefisien[jenjang]))
    p = Decimal(str(persentase[predikat]))
    return k, p, (k * p / 100).quantize(EMPAT_DESIMAL)


def angka_kredit_kumulatif(
    entri: Sequence[tuple[int, Decimal, bool]], sejak: date | None
) -> Decimal:
    """The credit counted towards the next step since `sejak` (the TMT of the current
    golongan): `entri` are (year, value, prorate). An annual conversion of the TMT's own year
    counts for the months from the TMT month to December (TMT 1 April: 9/12); earlier years
    do not count; HR adjustments (prorate False) count whole from the TMT's year (verify).
    Without a TMT everything counts. Rounded down at 4 decimals: a prorated share never
    rounds anyone up to a threshold."""
    total = Decimal(0)
    for tahun, nilai, proporsional in entri:
        if sejak is None or tahun > sejak.year:
            total += Decimal(nilai)
        elif tahun == sejak.year:
            total += Decimal(nilai) * (13 - sejak.month) / 12 if proporsional else Decimal(nilai)
    return total.quantize(EMPAT_DESIMAL, rounding=ROUND_DOWN)
