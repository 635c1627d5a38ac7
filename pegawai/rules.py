"""Pure rules for employee identifiers and rank (DOMAIN.md §1–2). No I/O here.

Every error is a `AturanError` whose message is Indonesian and meant for the user.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

JENIS_PNS = "PNS"
JENIS_PPPK = "PPPK"


class AturanError(ValueError):
    """A value breaks a domain rule; `str(error)` is the message for the user."""


def _tanggal(tahun: int, bulan: int, hari: int) -> date | None:
    try:
        return date(tahun, bulan, hari)
    except ValueError:
        return None


def format_tanggal(value: date) -> str:
    return value.strftime("%d-%m-%Y")


# --- NIP ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InfoNip:
    nip: str
    jenis: str  # JENIS_PNS or JENIS_PPPK
    tanggal_lahir: date
    tahun_tmt: int
    bulan_tmt: int | None  # PNS only
    jenis_kelamin: str  # "L" or "P"
    urutan: int


def normalisasi_nip(value: object) -> str:
    """Drop the spaces people type or paste inside a NIP; keep everything else as is."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "".join(str(value).split())  # = re.sub(r"\s+", "", ...), without the regex


def parse_nip(value: object) -> InfoNip:
    """Parse an 18-digit NIP PNS or NI PPPK and return what it encodes.

    PNS: YYYYMMDD (birth) YYYYMM (TMT CPNS) G (1/2) NNN.
    PPPK: YYYYMMDD (birth) YYYY (TMT) 2 K (intake 1–9) G NNN. Digits 13–14 read "2x", never a
    valid month, which tells the two apart.
    """
    nip = normalisasi_nip(value)
    if not nip:
        raise AturanError("NIP wajib diisi.")
    if not nip.isdigit():
        raise AturanError(f"NIP hanya boleh berisi angka (diterima: {nip!r}).")
    if len(nip) != 18:
        raise AturanError(f"NIP harus 18 digit, diterima {len(nip)} digit.")
    lahir = _tanggal(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    if lahir is None:
        raise AturanError(f"Digit 1–8 NIP ({nip[0:8]}) bukan tanggal lahir yang valid.")
    tahun_tmt = int(nip[8:12])
    kode = nip[12:14]
    if kode[0] == "2":
        jenis = JENIS_PPPK
        bulan_tmt = None
        if kode[1] == "0":
            raise AturanError(
                f"Digit 13–14 NIP ({kode}) tidak valid: bulan TMT harus 01–12 (PNS), "
                "atau 21–29 untuk NI PPPK."
            )
    else:
        jenis = JENIS_PNS
        bulan_tmt = int(kode)
        if not 1 <= bulan_tmt <= 12:
            raise AturanError(f"Digit 13–14 NIP ({kode}) bukan bulan TMT yang valid (01–12).")
    tmt_pertama = date(tahun_tmt, bulan_tmt or 1, 1) if tahun_tmt >= 1 else None
    if tmt_pertama is None or tmt_pertama <= lahir:
        raise AturanError(
            f"TMT pada NIP ({nip[8:14] if jenis == JENIS_PNS else nip[8:12]}) "
            "tidak mungkin sebelum tanggal lahir."
        )
    kelamin_digit = nip[14]
    if kelamin_digit not in "12":
        raise AturanError(
            f"Digit ke-15 NIP ({kelamin_digit}) harus 1 (laki-laki) atau 2 (perempuan)."
        )
    urutan = int(nip[15:18])
    if urutan == 0:
        raise AturanError("Nomor urut NIP (digit 16–18) harus 001–999.")
    return InfoNip(
        nip=nip,
        jenis=jenis,
        tanggal_lahir=lahir,
        tahun_tmt=tahun_tmt,
        bulan_tmt=bulan_tmt,
        jenis_kelamin="L" if kelamin_digit == "1" else "P",
        urutan=urutan,
    )


def cek_nip_dengan_data(
    info: InfoNip,
    *,
    tanggal_lahir: date | None,
    jenis_kelamin: str | None,
    status_kepegawaian: str | None,
) -> list[str]:
    """Cross-check what a NIP encodes against the stored record; return every mismatch."""
    masalah: list[str] = []
    if tanggal_lahir and info.tanggal_lahir != tanggal_lahir:
        masalah.append(
            f"NIP menunjukkan tanggal lahir {format_tanggal(info.tanggal_lahir)}, "
            f"tetapi tanggal lahir tercatat {format_tanggal(tanggal_lahir)}."
        )
    if jenis_kelamin and info.jenis_kelamin != jenis_kelamin:
        masalah.append(
            f"NIP menunjukkan jenis kelamin {NAMA_KELAMIN[info.jenis_kelamin]}, "
            f"tetapi jenis kelamin tercatat {NAMA_KELAMIN.get(jenis_kelamin, jenis_kelamin)}."
        )
    if status_kepegawaian:
        diharapkan = JENIS_PPPK if status_kepegawaian == "PPPK" else JENIS_PNS
        if info.jenis != diharapkan:
            masalah.append(
                f"NIP berformat {info.jenis}, tetapi status kepegawaian tercatat "
                f"{status_kepegawaian}."
            )
    return masalah


NAMA_KELAMIN = {"L": "laki-laki", "P": "perempuan"}

# --- NIK ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InfoNik:
    nik: str
    kode_wilayah: str
    hari: int
    bulan: int
    tahun_dua_digit: int
    jenis_kelamin: str


def parse_nik(value: object) -> InfoNik:
    """Parse a 16-digit NIK: PP KK CC DDMMYY (DD + 40 for women) SSSS."""
    nik = normalisasi_nip(value)
    if not nik:
        raise AturanError("NIK wajib diisi.")
    if not nik.isdigit():
        raise AturanError("NIK hanya boleh berisi angka.")
    if len(nik) != 16:
        raise AturanError(f"NIK harus 16 digit, diterima {len(nik)} digit.")
    if nik[0:2] == "00" or nik[2:4] == "00":
        raise AturanError(f"Kode provinsi/kabupaten pada NIK ({nik[0:4]}) tidak valid.")
    hari = int(nik[6:8])
    kelamin = "L"
    if hari > 40:
        hari -= 40
        kelamin = "P"
    bulan = int(nik[8:10])
    tahun = int(nik[10:12])
    # The century is unknown; 2000 + YY accepts every real day-month of either century.
    if _tanggal(2000 + tahun, bulan, hari) is None:
        raise AturanError(f"Digit 7–12 NIK ({nik[6:12]}) bukan tanggal lahir yang valid.")
    if int(nik[12:16]) == 0:
        raise AturanError("Nomor urut NIK (digit 13–16) tidak boleh 0000.")
    return InfoNik(
        nik=nik,
        kode_wilayah=nik[0:6],
        hari=hari,
        bulan=bulan,
        tahun_dua_digit=tahun,
        jenis_kelamin=kelamin,
    )


def cek_nik_dengan_data(
    info: InfoNik, *, tanggal_lahir: date | None, jenis_kelamin: str | None
) -> list[str]:
    masalah: list[str] = []
    if tanggal_lahir and (info.hari, info.bulan, info.tahun_dua_digit) != (
        tanggal_lahir.day,
        tanggal_lahir.month,
        tanggal_lahir.year % 100,
    ):
        masalah.append(
            f"NIK menunjukkan tanggal lahir {info.hari:02d}-{info.bulan:02d}-"
            f"{info.tahun_dua_digit:02d}, tetapi tanggal lahir tercatat "
            f"{format_tanggal(tanggal_lahir)}."
        )
    if jenis_kelamin and info.jenis_kelamin != jenis_kelamin:
        masalah.append(
            f"NIK menunjukkan jenis kelamin {NAMA_KELAMIN[info.jenis_kelamin]}, "
            f"tetapi jenis kelamin tercatat {NAMA_KELAMIN.get(jenis_kelamin, jenis_kelamin)}."
        )
    return masalah


def samarkan_nik(nik: str) -> str:
    """Mask a NIK for people who may not see it whole: `1871********0001`."""
    if not nik:
        return ""
    if len(nik) <= 8:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:]


# --- Both identifiers against a record ----------------------------------------------------


def masalah_nip(
    nip: str,
    *,
    tanggal_lahir: date | None,
    jenis_kelamin: str | None,
    status_kepegawaian: str | None,
) -> list[str]:
    """Every problem with a NIP: its own format, then its agreement with the record."""
    try:
        info = parse_nip(nip)
    except AturanError as exc:
        return [str(exc)]
    return cek_nip_dengan_data(
        info,
        tanggal_lahir=tanggal_lahir,
        jenis_kelamin=jenis_kelamin,
        status_kepegawaian=status_kepegawaian,
    )


def masalah_nik(nik: str, *, tanggal_lahir: date | None, jenis_kelamin: str | None) -> list[str]:
    """Every problem with a NIK: its own format, then its agreement with the record."""
    try:
        info = parse_nik(nik)
    except AturanError as exc:
        return [str(exc)]
    return cek_nik_dengan_data(info, tanggal_lahir=tanggal_lahir, jenis_kelamin=jenis_kelamin)


# --- Golongan -------------------------------------------------------------------------------

PANGKAT_PNS: dict[str, str] = {
    "I/a": "Juru Muda",
    "I/b": "Juru Muda Tingkat I",
    "I/c": "Juru",
    "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}
GOLONGAN_PNS: list[str] = list(PANGKAT_PNS)
ROMAWI = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
]
GOLONGAN_PPPK: list[str] = ROMAWI


def normalisasi_golongan(value: object, status_kepegawaian: str) -> str:
    """Return the canonical golongan for the status (`III/a` for PNS/CPNS, `IX` for PPPK).

    Accepts the harmless variants people type: spaces, case (`iii/A`), a dash instead of a
    slash, and Arabic numbers for PPPK (`9` → `IX`).
    """
    teks = re.sub(r"\s+", "", str(value or "")).replace("-", "/")
    if not teks:
        raise AturanError("Golongan wajib diisi.")
    if status_kepegawaian == "PPPK":
        if teks.isdigit() and 1 <= int(teks) <= 17:
            return ROMAWI[int(teks) - 1]
        if teks.upper() in GOLONGAN_PPPK:
            return teks.upper()
        raise AturanError(f"Golongan {teks!r} tidak valid untuk PPPK: gunakan angka Romawi I–XVII.")
    if "/" in teks:
        gol, ruang = teks.split("/", 1)
        kandidat = f"{gol.upper()}/{ruang.lower()}"
        if kandidat in PANGKAT_PNS:
            return kandidat
    raise AturanError(
        f"Golongan {teks!r} tidak valid untuk {status_kepegawaian or 'PNS'}: "
        "gunakan golongan/ruang I/a–IV/e."
    )


def pangkat(golongan: str) -> str:
    """The pangkat name of a PNS golongan; PPPK have none."""
    return PANGKAT_PNS.get(golongan, "")


def urutan_golongan(golongan: str) -> int:
    """Order of a golongan within its own scale (for comparisons like a minimum golongan)."""
    if golongan in PANGKAT_PNS:
        return GOLONGAN_PNS.index(golongan) + 1
    if golongan in GOLONGAN_PPPK:
        return GOLONGAN_PPPK.index(golongan) + 1
    raise AturanError(f"Golongan {golongan!r} tidak dikenal.")


# --- Entry golongan by education (Kepka BKN 12/2002; the table is the rule row
# `kp.pendidikan` of the aturan app, passed in) ------------------------------------------------


def golongan_awal(pendidikan: str, tabel: Mapping[str, Mapping[str, str]]) -> str | None:
    """The golongan a CPNS with this ijazah is appointed in; None when the table has no row."""
    baris = tabel.get(pendidikan)
    return baris["awal"] if baris else None


def masalah_golongan_awal(
    *, status_kepegawaian: str, golongan: str, pendidikan: str,
    tabel: Mapping[str, Mapping[str, str]],
) -> str | None:  # fmt: skip
    """Why a CPNS's golongan does not match the entry golongan of their education (None: it
    does, or nothing to compare). A warning for HR, not a refusal: a CPNS may be appointed
    on an older ijazah or through a special intake."""
    if status_kepegawaian != "CPNS" or not golongan or not pendidikan:
        return None
    awal = golongan_awal(pendidikan, tabel)
    if awal is None or awal == golongan:
        return None
    return (
        f"Golongan {golongan} tidak sesuai golongan awal CPNS berijazah {pendidikan} ({awal}); "
        "periksa kembali golongan atau pendidikan."
    )
