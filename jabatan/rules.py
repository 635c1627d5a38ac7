"""Pure rules of positions and placement (DOMAIN.md §2). No I/O, no models.

Placement checks return the Indonesian message for the user, or None when the rule holds.
The matching score is built from `Bagian` parts, each with its weight and its reason in
words, so HR can defend a decision.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from pegawai.rules import AturanError, format_tanggal, urutan_golongan

# --- Education ------------------------------------------------------------------------------

# D4 and S1 stand level (both sarjana terapan/sarjana); SLTP Kejuruan stands with SLTP,
# SGPLB with D2, Sarjana Muda with D3; the profession (dokter, apoteker) above S1.
URUTAN_PENDIDIKAN: dict[str, int] = {
    "SD": 1,
    "SMP": 2,
    "SMPK": 2,
    "SLTA": 3,
    "D1": 4,
    "D2": 5,
    "SGPL": 5,
    "D3": 6,
    "SM": 6,
    "D4": 7,
    "S1": 7,
    "PROF": 8,
    "S2": 9,
    "S3": 10,
}


def pisah_jurusan(teks: str) -> list[str]:
    """The accepted fields of study, written one per line or separated by ';' or ','."""
    return [j.strip() for j in re.split(r"[;\n,]", teks or "") if j.strip()]


def _norm(teks: str) -> str:
    return re.sub(r"\s+", " ", (teks or "").casefold()).strip()


def jurusan_cocok(diterima: Sequence[str], jurusan: str) -> bool:
    """True when no field is required, or the employee's field contains an accepted one
    (or the other way round: "Kesehatan" accepts "Kesehatan Masyarakat")."""
    if not diterima:
        return True
    j = _norm(jurusan)
    if not j:
        return False
    return any((d := _norm(x)) and (d in j or j in d) for x in diterima)


def jenjang_memenuhi(minimal: str, jenjang: str) -> bool:
    if not minimal:
        return True
    if not jenjang:
        return False
    return URUTAN_PENDIDIKAN.get(jenjang, 0) >= URUTAN_PENDIDIKAN.get(minimal, 0)


def cek_pendidikan(
    *, minimal: str, diterima: Sequence[str], jenjang: str, jurusan: str
) -> list[str]:
    """Education mismatches: a warning for HR, never a refusal."""
    masalah: list[str] = []
    if not jenjang_memenuhi(minimal, jenjang):
        masalah.append(
            f"Pendidikan {jenjang or 'belum tercatat'} di bawah syarat minimal {minimal}."
        )
    if not jurusan_cocok(diterima, jurusan):
        masalah.append(
            f"Jurusan {jurusan or '(belum tercatat)'} tidak termasuk jurusan yang diterima "
            f"({', '.join(diterima)})."
        )
    return masalah


# --- Unit kind ------------------------------------------------------------------------------

NAMA_JENIS_UNIT = {
    "SEKRETARIAT": "Sekretariat",
    "DINAS": "Dinas",
    "BADAN": "Badan",
    "INSPEKTORAT": "Inspektorat",
    "SATUAN": "Satuan",
    "RSUD": "Rumah sakit daerah",
    "BIDANG": "Bidang",
}


def jenis_unit(nama_unit: str) -> str:
    """The kind of a unit read from the first word of its name ("Dinas Kesehatan" → DINAS)."""
    kata = _norm(nama_unit).split(" ")
    if kata[:2] == ["rumah", "sakit"] or kata[0] == "rsud":
        return "RSUD"
    return kata[0].upper() if kata[0].upper() in NAMA_JENIS_UNIT else ""


def cek_jenis_unit(jenis_jabatan_unit: str, nama_unit: str) -> str | None:
    if not jenis_jabatan_unit:
        return None
    ada = jenis_unit(nama_unit)
    if ada == jenis_jabatan_unit:
        return None
    return (
        f"Jabatan ini untuk unit berjenis {NAMA_JENIS_UNIT[jenis_jabatan_unit]}, sedangkan "
        f"{nama_unit} berjenis {NAMA_JENIS_UNIT.get(ada, 'lain')}."
    )


# --- Placement checks -----------------------------------------------------------------------


def golongan_memenuhi(minimal: str, golongan: str) -> bool:
    """PNS golongan (I/a–IV/e) and PPPK golongan (I–XVII) share one ladder of 17 steps
    (III/a ≈ IX) — verify; `urutan_golongan` gives the step of either."""
    if not minimal:
        return True
    try:
        return urutan_golongan(golongan) >= urutan_golongan(minimal)
    except AturanError:
        return False


def cek_golongan(*, minimal: str, golongan: str, nama_jabatan: str) -> str | None:
    if golongan_memenuhi(minimal, golongan):
        return None
    return (
        f"Golongan {golongan or '(kosong)'} di bawah syarat minimal {minimal} "
        f"untuk jabatan {nama_jabatan}."
    )


def cek_formasi(
    *, kebutuhan: int | None, terisi: int, alasan: str, nama_jabatan: str, nama_unit: str
) -> str | None:
    """Placing one more person must stay within the formasi, unless HR writes a reason.

    `terisi` counts the other holders (not the person being placed)."""
    if alasan.strip():
        return None
    if kebutuhan is None:
        return (
            f"Belum ada formasi {nama_jabatan} di {nama_unit}. Isi alasan bila penempatan "
            "tetap dilakukan."
        )
    if terisi + 1 > kebutuhan:
        return (
            f"Formasi {nama_jabatan} di {nama_unit} sudah penuh (kebutuhan {kebutuhan}, "
            f"terisi {terisi}). Isi alasan bila penempatan tetap dilakukan."
        )
    return None


def cek_tmt(
    *, tmt: date, mulai_dinas: date | None, tmt_terakhir: date | None, jabatan_terakhir: str
) -> str | None:
    """A TMT may not come before the start of service nor on/before the latest placement."""
    if mulai_dinas and tmt < mulai_dinas:
        return (
            f"TMT {format_tanggal(tmt)} sebelum pegawai mulai bertugas "
            f"({format_tanggal(mulai_dinas)}, menurut NIP)."
        )
    if tmt_terakhir and tmt <= tmt_terakhir:
        return (
            f"TMT {format_tanggal(tmt)} harus sesudah TMT penempatan terakhir "
            f"({jabatan_terakhir}, TMT {format_tanggal(tmt_terakhir)})."
        )
    return None


def cek_tanggal_sk(*, tanggal_sk: date | None, hari_ini: date) -> str | None:
    if tanggal_sk and tanggal_sk > hari_ini:
        return f"Tanggal SK {format_tanggal(tanggal_sk)} tidak boleh di masa depan."
    return None


def cek_promosi(*, kelas_baru: int, kelas_lama: int | None, jabatan_lama: str) -> str | None:
    if kelas_lama is not None and kelas_baru <= kelas_lama:
        return (
            f"Promosi harus ke kelas jabatan lebih tinggi: kelas {kelas_baru} tidak lebih "
            f"tinggi dari kelas {kelas_lama} ({jabatan_lama})."
        )
    return None


# --- Matching score -------------------------------------------------------------------------

# Weights of the score's parts (verify; settings.JABATAN_BOBOT_SKOR overrides). A part whose
# data source is absent (kinerja, pelatihan not built yet) is left out and the others are
# scaled to 100, so its absence neither helps nor hurts anyone.
BOBOT_BAWAAN: dict[str, int] = {
    "kompetensi": 45,
    "pendidikan": 25,
    "golongan": 10,
    "kinerja": 10,
    "pelatihan": 10,
}


@dataclass(frozen=True)
class Bagian:
    """One part of the score: `nilai` 0–1, or None when it cannot be computed (not counted)."""

    kode: str
    label: str
    nilai: float | None
    alasan: str
    bobot: int = 0

    @property
    def persen(self) -> int | None:
        return None if self.nilai is None else round(self.nilai * 100)


@dataclass
class Skor:
    skor: int
    bagian: list[Bagian] = field(default_factory=list)

    @property
    def alasan(self) -> list[str]:
        return [b.alasan for b in self.bagian]


def gabung_nilai(nilai: Iterable[tuple[str, float | None]], bobot: Mapping[str, int]) -> int:
    """0–100 from (part, value 0–1 or None) pairs: the weighted mean of the counted parts."""
    total = jumlah = 0.0
    for kode, n in nilai:
        w = bobot.get(kode, 0)
        if n is not None and w > 0:
            total += w
            jumlah += n * w
    return round(100 * jumlah / total) if total else 0


def gabung_skor(bagian: Iterable[Bagian], bobot: Mapping[str, int]) -> Skor:
    """The score with its parts; parts arrive weighted or get their weight from `bobot`."""
    bagian = [
        b
        if b.bobot == bobot.get(b.kode, 0)
        else Bagian(b.kode, b.label, b.nilai, b.alasan, bobot.get(b.kode, 0))
        for b in bagian
    ]
    return Skor(skor=gabung_nilai(((b.kode, b.nilai) for b in bagian), bobot), bagian=bagian)


@dataclass(frozen=True)
class Standar:
    kompetensi_id: int
    nama: str
    level: int


def nilai_kompetensi(standar: Sequence[Standar], asesmen: Mapping[int, int]) -> float | None:
    """The competency value alone (what `skor_kompetensi` explains in words)."""
    if not standar:
        return None
    total = 0.0
    for s in standar:
        level = asesmen.get(s.kompetensi_id)
        if level is not None:
            total += level / s.level if level < s.level else 1.0
    return total / len(standar)


def skor_kompetensi(standar: Sequence[Standar], asesmen: Mapping[int, int]) -> Bagian:
    """Each required competency counts equally: assessed/required, capped at 1; not assessed
    counts 0. `asesmen` maps kompetensi id → the latest assessed level."""
    label = "Kompetensi"
    if not standar:
        return Bagian(
            "kompetensi",
            label,
            None,
            "Kompetensi: jabatan belum memiliki standar kompetensi (tidak dihitung).",
        )
    kurang: list[str] = []
    belum: list[str] = []
    total = 0.0
    for s in standar:
        level = asesmen.get(s.kompetensi_id)
        if level is None:
            belum.append(s.nama)
            continue
        total += min(level / s.level, 1.0)
        if level < s.level:
            kurang.append(f"{s.nama} level {level} dari {s.level}")
    nilai = total / len(standar)
    terpenuhi = len(standar) - len(kurang) - len(belum)
    teks = f"Kompetensi {round(nilai * 100)}/100: {terpenuhi} dari {len(standar)} standar terpenuhi"
    if kurang:
        teks += "; kurang: " + ", ".join(kurang)
    if belum:
        teks += "; belum diases: " + ", ".join(belum)
    return Bagian("kompetensi", label, nilai, teks + ".")


def skor_pendidikan(*, minimal: str, diterima: Sequence[str], jenjang: str, jurusan: str) -> Bagian:
    """Half for the level (jenjang), half for the field of study (jurusan)."""
    label = "Pendidikan"
    pendidikan = f"{jenjang} {jurusan}".strip() or "belum tercatat"
    ok_jenjang = jenjang_memenuhi(minimal, jenjang)
    ok_jurusan = jurusan_cocok(diterima, jurusan)
    nilai = 0.5 * ok_jenjang + 0.5 * ok_jurusan
    bagian = []
    if minimal:
        bagian.append(
            f"memenuhi jenjang minimal {minimal}"
            if ok_jenjang
            else f"di bawah jenjang minimal {minimal}"
        )
    if diterima:
        bagian.append(
            "jurusan sesuai"
            if ok_jurusan
            else f"jurusan tidak sesuai (diterima: {', '.join(diterima)})"
        )
    if not bagian:
        bagian.append("jabatan tanpa syarat pendidikan")
    teks = f"Pendidikan {round(nilai * 100)}/100: {pendidikan} – {'; '.join(bagian)}."
    return Bagian("pendidikan", label, nilai, teks)


def skor_golongan(*, minimal: str, golongan: str) -> Bagian:
    label = "Golongan"
    if not minimal:
        return Bagian(
            "golongan", label, 1.0, f"Golongan 100/100: {golongan}, jabatan tanpa syarat golongan."
        )
    if golongan_memenuhi(minimal, golongan):
        return Bagian(
            "golongan",
            label,
            1.0,
            f"Golongan 100/100: {golongan} memenuhi syarat minimal {minimal}.",
        )
    return Bagian(
        "golongan",
        label,
        0.0,
        f"Golongan 0/100: {golongan or '(kosong)'} di bawah syarat minimal {minimal} "
        "(belum dapat ditempatkan).",
    )


def bagian_tidak_tersedia(kode: str, label: str, modul: str) -> Bagian:
    return Bagian(kode, label, None, f"{label}: belum dihitung ({modul} belum tersedia).")
