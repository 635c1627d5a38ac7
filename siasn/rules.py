"""Pure rules of the SIASN exchange: code tables, date formats, the retry schedule and the
comparisons of reconciliation. No I/O, so each table is a plain test.

The reference ids come from BKN's reference services (`/referensi/...`) as used by the public
clients named in docs/SIASN.md; values marked "verify" must be checked against the
instansi's own reference download before go-live.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

# --- Appraisal ---------------------------------------------------------------------------

# `hasilKinerjaNilai` / `perilakuKerjaNilai` (reference "perilakuDanKinerja").
NILAI_RATING = {"DI_ATAS": 1, "SESUAI": 2, "DI_BAWAH": 3}

# `kuadranKinerjaNilai` (reference "kuadranNilai"), from the local predikat, which already
# follows the matrix of PermenPANRB 6/2022 (a simple max() of the two ratings would turn
# "Di Atas × Di Bawah" into Butuh Perbaikan instead of Kurang).
KUADRAN_PREDIKAT = {
    "SANGAT_BAIK": 1,
    "BAIK": 2,
    "BUTUH_PERBAIKAN": 3,
    "KURANG": 4,
    "SANGAT_KURANG": 5,
}

# `periodikId` (reference "periodik") per local period kind. Verify.
PERIODIK_ID = {"BULANAN": "1", "TRIWULANAN": "2", "SEMESTERAN": "3", "TAHUNAN": "4"}

_ROMAWI = {"I": 1, "II": 2, "III": 3, "IV": 4}


def golongan_id(golongan: str) -> str:
    """BKN's golongan id: "III/a" -> "31", "IV/e" -> "45"; PPPK golongan ("IX") as is."""
    cocok = re.fullmatch(r"\s*(IV|III|II|I)\s*/\s*([A-E])\s*", (golongan or "").upper())
    if not cocok:
        return (golongan or "").strip()
    return f"{_ROMAWI[cocok.group(1)]}{ord(cocok.group(2).lower()) - ord('a') + 1}"


def tanggal_bkn(tanggal: date | None) -> str:
    """BKN's write services take dates as dd-mm-yyyy."""
    return f"{tanggal:%d-%m-%Y}" if tanggal else ""


def jam_pelajaran(jp: Decimal | int | float) -> int:
    """`jumlahJam` is a whole number of JP; half a JP or more rounds up."""
    return int(Decimal(str(jp)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


# --- Training ----------------------------------------------------------------------------

# Leadership trainings are recorded at BKN as diklat struktural (`latihanStrukturalId`,
# reference "latihanStruktural"); everything else as kursus. Verify the ids.
LATIHAN_STRUKTURAL_ID = {"PKP": "4", "PKA": "3", "PKN": "2"}

# `jenisDiklatId` (reference "jenisDiklat") for kursus. Verify.
JENIS_DIKLAT_ID = {
    "TEKNIS": "2",
    "FUNGSIONAL": "3",
    "SEMINAR": "4",
    "WORKSHOP": "5",
    "KURSUS": "6",
    "BIMTEK": "2",
    "SOSIALISASI": "4",
}
JENIS_DIKLAT_LAIN = "6"


def jenis_riwayat_pelatihan(jenis: str) -> str:
    """'DIKLAT' for leadership trainings, 'KURSUS' for the rest."""
    return "DIKLAT" if jenis in LATIHAN_STRUKTURAL_ID else "KURSUS"


# --- Retry schedule ----------------------------------------------------------------------

JEDA_AWAL_DETIK = 30
JEDA_MAKS_DETIK = 60 * 60
# A row claimed longer ago than this is taken as abandoned (a crashed worker); the next
# claim looks at BKN's record before sending again.
KLAIM_BASI_DETIK = 5 * 60
# Celery retries of one delivery task; after these the periodic sweep keeps trying.
MAKS_ULANG_TUGAS = 5


def jeda_percobaan(percobaan: int) -> int:
    """Seconds to wait after the n-th failed attempt: 30 s, 60 s, 2 min … capped at 1 hour."""
    n = max(percobaan, 1)
    return min(JEDA_AWAL_DETIK * 2 ** (n - 1), JEDA_MAKS_DETIK)


# --- Reconciliation ----------------------------------------------------------------------

GOLONGAN = "GOLONGAN"
JABATAN = "JABATAN"
UNIT = "UNIT"
PENDIDIKAN = "PENDIDIKAN"
UNSUR = {
    GOLONGAN: "Golongan",
    JABATAN: "Jabatan",
    UNIT: "Unit kerja",
    PENDIDIKAN: "Pendidikan terakhir",
}

# SIASN's `tkPendidikanTerakhir` spellings -> the local jenjang code; first match wins, so
# the longer forms come before the shorter ones they contain.
_JENJANG = [
    (r"\bS[\s\-.]*3\b|DOKTOR", "S3"),
    (r"\bS[\s\-.]*2\b|MAGISTER|PASCA", "S2"),
    (r"\bS[\s\-.]*1\b|SARJANA", "S1"),
    (r"\bD[\s\-.]*(IV|4)\b|DIPLOMA[\s\-.]*(IV|4)\b", "D4"),
    (r"\bD[\s\-.]*(III|3)\b|DIPLOMA[\s\-.]*(III|3)\b", "D3"),
    (r"\bD[\s\-.]*(II|2)\b|DIPLOMA[\s\-.]*(II|2)\b", "D2"),
    (r"\bD[\s\-.]*(I|1)\b|DIPLOMA[\s\-.]*(I|1)\b", "D1"),
    (r"SLTA|SMA|SMK|MA\b|SMU", "SLTA"),
    (r"SLTP|SMP|MTS", "SMP"),
    (r"\bSD\b|SEKOLAH DASAR|\bMI\b", "SD"),
]


def jenjang_dari_siasn(teks: str) -> str:
    """'S-1/Sarjana' -> 'S1', 'Diploma III' -> 'D3'; '' when not recognised."""
    t = (teks or "").upper()
    for pola, kode in _JENJANG:
        if re.search(pola, t):
            return kode
    return ""


def normalisasi_golongan(golongan: str) -> str:
    """'iii/A ' -> 'III/a'; PPPK golongan upper-cased."""
    cocok = re.fullmatch(r"\s*(IV|III|II|I)\s*/\s*([a-eA-E])\s*", (golongan or "").upper())
    if cocok:
        return f"{cocok.group(1)}/{cocok.group(2).lower()}"
    return (golongan or "").strip().upper()


def normalisasi_teks(teks: str) -> str:
    """Names compare case- and spacing-blind: 'Dinas  KESEHATAN' == 'dinas kesehatan'."""
    return " ".join((teks or "").split()).casefold()


def nilai_sama(unsur: str, lokal: str, siasn: str) -> bool:
    if unsur == GOLONGAN:
        return normalisasi_golongan(lokal) == normalisasi_golongan(siasn)
    if unsur == PENDIDIKAN:
        return (lokal or "") == (siasn or "")
    return normalisasi_teks(lokal) == normalisasi_teks(siasn)


def ringkas_data_utama(data: dict) -> dict[str, str]:
    """The four compared values out of a `pns/data-utama` answer ('' when BKN has none)."""
    return {
        GOLONGAN: normalisasi_golongan(str(data.get("golRuangAkhir") or "")),
        JABATAN: " ".join(str(data.get("jabatanNama") or "").split()),
        UNIT: " ".join(str(data.get("unorNama") or "").split()),
        PENDIDIKAN: jenjang_dari_siasn(str(data.get("tkPendidikanTerakhir") or "")),
    }


def selisih(lokal: dict[str, str], siasn: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Unsur -> (local, SIASN) where they differ. An empty SIASN value is no evidence of a
    difference (BKN simply has nothing there) and is skipped."""
    hasil = {}
    for unsur in UNSUR:
        nilai_siasn = siasn.get(unsur, "")
        if not nilai_siasn:
            continue
        nilai_lokal = lokal.get(unsur, "")
        if not nilai_sama(unsur, nilai_lokal, nilai_siasn):
            hasil[unsur] = (nilai_lokal, nilai_siasn)
    return hasil


def tanggal_dari_bkn(teks: str) -> date | None:
    """BKN answers dates as dd-mm-yyyy (sometimes yyyy-mm-dd); None when unreadable."""
    t = (teks or "").strip()[:10]
    for pola in (r"(\d{2})-(\d{2})-(\d{4})", r"(\d{4})-(\d{2})-(\d{2})"):
        m = re.fullmatch(pola, t)
        if m:
            a, b, c = (int(x) for x in m.groups())
            try:
                return date(c, b, a) if a <= 31 and c > 999 else date(a, b, c)
            except ValueError:
                return None
    return None
