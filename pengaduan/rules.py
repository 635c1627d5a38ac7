"""Pure domain rules of public feedback (DOMAIN.md §6): working-day deadlines, the complaint
status flow, tracking codes, attachment sniffing and the IKM (PermenPANRB 14/2017).

No I/O here: callers pass the holiday dates and the sums they read from the database.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# --- Working days ---------------------------------------------------------------------------

HARI_VERIFIKASI = 3  # received -> verified and routed (disposisi)
HARI_TINDAK_LANJUT = 5  # verified -> first follow-up posted
HARI_TANGGAPAN_PELAPOR = 10  # follow-up posted -> closes by itself without the reporter's reply


def hari_kerja(tanggal: date, libur: Collection[date]) -> bool:
    """Monday to Friday and not in the holiday table."""
    return tanggal.weekday() < 5 and tanggal not in libur


def tambah_hari_kerja(mulai: date, jumlah: int, libur: Collection[date]) -> date:
    """The `jumlah`-th working day after `mulai` (the start day itself never counts).

    A complaint received on Friday with 3 working days is due on Wednesday; received on a
    Saturday, also on Wednesday (Monday is the first working day).
    """
    if jumlah < 0:
        raise ValueError("jumlah hari kerja tidak boleh negatif")
    tanggal = mulai
    sisa = jumlah
    while sisa:
        tanggal += timedelta(days=1)
        if hari_kerja(tanggal, libur):
            sisa -= 1
    return tanggal


def rentang_libur(mulai: date, jumlah: int) -> tuple[date, date]:
    """A date range surely covering `jumlah` working days after `mulai` (to load holidays)."""
    return mulai, mulai + timedelta(days=jumlah * 7 // 5 + 45)


# --- Status flow ----------------------------------------------------------------------------

DITERIMA = "DITERIMA"
DIVERIFIKASI = "DIVERIFIKASI"
DITINDAKLANJUTI = "DITINDAKLANJUTI"
SELESAI = "SELESAI"
DITOLAK = "DITOLAK"

# Staff transitions. A response without a status change is always allowed.
TRANSISI: dict[str, frozenset[str]] = {
    DITERIMA: frozenset({DIVERIFIKASI, DITOLAK}),
    DIVERIFIKASI: frozenset({DITINDAKLANJUTI, DITOLAK}),
    DITINDAKLANJUTI: frozenset({SELESAI}),
    SELESAI: frozenset(),
    DITOLAK: frozenset(),
}
# Statuses waiting on staff, with a working-day deadline.
MENUNGGU = frozenset({DITERIMA, DIVERIFIKASI})
DITUTUP = frozenset({SELESAI, DITOLAK})
# The citizen may reopen a closed complaint once: where it goes back to, and the new deadline.
BUKA_ULANG_KE: dict[str, tuple[str, int]] = {
    SELESAI: (DIVERIFIKASI, HARI_TINDAK_LANJUT),
    DITOLAK: (DITERIMA, HARI_VERIFIKASI),
}


def batas_tanggapan_pelapor(ditindaklanjuti: date, libur: Collection[date]) -> date:
    """The last day the reporter may answer a follow-up posted on `ditindaklanjuti`: the
    10th working day after it (SP4N-LAPOR! practice, DOMAIN.md §6)."""
    return tambah_hari_kerja(ditindaklanjuti, HARI_TANGGAPAN_PELAPOR, libur)


def tutup_otomatis(
    *, status: str, ditindaklanjuti: date | None, ada_balasan: bool, hari_ini: date,
    libur: Collection[date],
) -> bool:  # fmt: skip
    """A followed-up complaint closes by itself once the reporter's 10 working days have
    passed without a reply (on the 10th working day it is still open)."""
    if status != DITINDAKLANJUTI or ditindaklanjuti is None or ada_balasan:
        return False
    return hari_ini > batas_tanggapan_pelapor(ditindaklanjuti, libur)


def boleh_pindah(dari: str, ke: str) -> bool:
    return ke in TRANSISI.get(dari, frozenset())


def terlambat(status: str, batas_waktu: date | None, hari_ini: date) -> bool:
    """Overdue: still waiting on staff after the deadline day has passed."""
    return status in MENUNGGU and batas_waktu is not None and hari_ini > batas_waktu


# --- Tracking code --------------------------------------------------------------------------

# Upper-case letters and digits without the look-alikes 0/O, 1/I/L: easy to read over the
# phone. 31 symbols x 10 = about 49 bits from `secrets`.
ALFABET_KODE = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
PANJANG_KODE = 10


def buat_kode() -> str:
    return "".join(secrets.choice(ALFABET_KODE) for _ in range(PANJANG_KODE))


def normalisasi_kode(kode: str) -> str:
    """What a person types: spaces, dashes, lower case are forgiven."""
    return "".join(ch for ch in kode.upper() if ch.isalnum())


def kode_sah(kode: str) -> bool:
    return len(kode) == PANJANG_KODE and all(ch in ALFABET_KODE for ch in kode)


# --- Attachments ----------------------------------------------------------------------------

# Magic numbers: the file's first bytes decide its type, never its name.
TANDA_BERKAS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"%PDF-", "pdf"),
)
JENIS_MIME = {"jpg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}


def jenis_berkas(kepala: bytes) -> str | None:
    """'jpg', 'png' or 'pdf' from the first bytes of a file; None for anything else."""
    for tanda, jenis in TANDA_BERKAS:
        if kepala.startswith(tanda):
            return jenis
    return None


# --- IKM (PermenPANRB 14/2017) ----------------------------------------------------------------

UNSUR: tuple[tuple[str, str], ...] = (
    ("u1", "Persyaratan"),
    ("u2", "Sistem, mekanisme dan prosedur"),
    ("u3", "Waktu penyelesaian"),
    ("u4", "Biaya/tarif"),
    ("u5", "Produk spesifikasi jenis pelayanan"),
    ("u6", "Kompetensi pelaksana"),
    ("u7", "Perilaku pelaksana"),
    ("u8", "Penanganan pengaduan, saran dan masukan"),
    ("u9", "Sarana dan prasarana"),
)
KODE_UNSUR = tuple(kode for kode, _ in UNSUR)
BOBOT = Fraction(1, 9)  # exactly 1/9, not 0.111
KONVERSI = 25
NILAI_MIN, NILAI_MAKS = 1, 4

# (lowest IKM of the band, mutu, kinerja unit pelayanan)
MUTU: tuple[tuple[Decimal, str, str], ...] = (
    (Decimal("88.31"), "A", "Sangat baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang baik"),
    (Decimal("25.00"), "D", "Tidak baik"),
)
DUA_DESIMAL = Decimal("0.01")
TIGA_DESIMAL = Decimal("0.001")


@dataclass(frozen=True)
class HasilIkm:
    responden: int
    nrr: tuple[Decimal, ...]  # per unsur, three decimals, for display only
    indeks: Decimal  # Σ NRR × 1/9, three decimals, for display only
    ikm: Decimal  # two decimals; computed from exact fractions, rounded once
    mutu: str
    kinerja: str


def _bulatkan(nilai: Fraction, langkah: Decimal) -> Decimal:
    return (Decimal(nilai.numerator) / Decimal(nilai.denominator)).quantize(
        langkah, rounding=ROUND_HALF_UP
    )


def mutu_ikm(ikm: Decimal) -> tuple[str, str]:
    """Mutu (A–D) and its meaning for an IKM already rounded to two decimals."""
    for batas, mutu, kinerja in MUTU:
        if ikm >= batas:
            return mutu, kinerja
    return MUTU[-1][1], MUTU[-1][2]


def hitung_ikm(jumlah_per_unsur: Sequence[int], responden: int) -> HasilIkm | None:
    """IKM from the sum of scores per unsur and the number of respondents.

    NRR = sum / respondents; index = Σ NRR × 1/9; IKM = index × 25. Everything stays an exact
    fraction until the single rounding of the IKM to two decimals. None without respondents.
    """
    if len(jumlah_per_unsur) != len(UNSUR):
        raise ValueError("IKM membutuhkan jumlah nilai kesembilan unsur")
    if responden <= 0:
        return None
    nrr = [Fraction(jumlah, responden) for jumlah in jumlah_per_unsur]
    indeks = sum((n * BOBOT for n in nrr), Fraction(0))
    ikm = _bulatkan(indeks * KONVERSI, DUA_DESIMAL)
    mutu, kinerja = mutu_ikm(ikm)
    return HasilIkm(
        responden=responden,
        nrr=tuple(_bulatkan(n, TIGA_DESIMAL) for n in nrr),
        indeks=_bulatkan(indeks, TIGA_DESIMAL),
        ikm=ikm,
        mutu=mutu,
        kinerja=kinerja,
    )
