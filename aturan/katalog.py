"""The catalogue of rules that change with regulation: one code per rule, its label and the
shape its value must have. Pure (no I/O, imports no project app), so the admin's validation
and the tests use the same checks.

A value is JSON. Each checker returns the list of problems in Bahasa Indonesia (empty: fine).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

KP_BULAN_PERIODE = "kp.bulan_periode"
KP_PENDIDIKAN = "kp.pendidikan"
JP_BATAS_TAHUNAN = "jp.batas_tahunan"
KINERJA_KURVA = "kinerja.kurva_distribusi"
AK_KOEFISIEN = "angka_kredit.koefisien"
AK_PERSENTASE = "angka_kredit.persentase"
AK_KEBUTUHAN = "angka_kredit.kebutuhan"

_GOLONGAN = re.compile(r"^(I|II|III|IV)/[a-e]$")
JENIS_KURVA = frozenset({"terbanyak", "maks_persen", "min_persen", "min_jumlah"})


def _angka(nilai: Any) -> Decimal | None:
    if isinstance(nilai, bool):
        return None
    try:
        return Decimal(str(nilai))
    except (InvalidOperation, ValueError):
        return None


def _cek_bulan(nilai: Any) -> list[str]:
    bulan = nilai.get("bulan") if isinstance(nilai, dict) else None
    if not isinstance(bulan, list) or not bulan:
        return ['Isi {"bulan": [...]} dengan daftar bulan 1–12.']
    if any(not isinstance(b, int) or isinstance(b, bool) or not 1 <= b <= 12 for b in bulan):
        return ["Setiap bulan harus angka 1 sampai 12."]
    if len(set(bulan)) != len(bulan):
        return ["Ada bulan yang ditulis dua kali."]
    return []


def _cek_pendidikan(nilai: Any) -> list[str]:
    if not isinstance(nilai, dict) or not nilai:
        return ['Isi {"<jenjang>": {"awal": "II/a", "plafon": "III/b"}, ...}.']
    masalah = []
    for jenjang, baris in nilai.items():
        if not isinstance(baris, dict) or set(baris) != {"awal", "plafon"}:
            masalah.append(f"{jenjang}: harus berisi tepat 'awal' dan 'plafon'.")
            continue
        for k in ("awal", "plafon"):
            if not isinstance(baris[k], str) or not _GOLONGAN.match(baris[k]):
                masalah.append(f"{jenjang}: {k} {baris[k]!r} bukan golongan PNS (mis. III/b).")
    return masalah


def _cek_jp(nilai: Any) -> list[str]:
    if not isinstance(nilai, dict) or not nilai:
        return ['Isi {"PNS": {"minimal": 20}, "PPPK": {"maksimal": 24}, ...}.']
    masalah = []
    for status, baris in nilai.items():
        if not isinstance(baris, dict) or not baris or set(baris) - {"minimal", "maksimal"}:
            masalah.append(f"{status}: isi 'minimal' dan/atau 'maksimal' (JP per tahun).")
            continue
        for k, v in baris.items():
            d = _angka(v)
            if d is None or d < 0:
                masalah.append(f"{status}: {k} harus angka ≥ 0.")
        mn, mx = _angka(baris.get("minimal")), _angka(baris.get("maksimal"))
        if mn is not None and mx is not None and mn > mx:
            masalah.append(f"{status}: minimal lebih besar dari maksimal.")
    return masalah


def _cek_kurva(nilai: Any) -> list[str]:
    if not isinstance(nilai, dict) or not nilai:
        return ['Isi {"<hasil organisasi>": [{"jenis": ..., "predikat": [...], "nilai": n}]}.']
    masalah = []
    for hasil, daftar in nilai.items():
        if not isinstance(daftar, list):
            masalah.append(f"{hasil}: harus daftar aturan.")
            continue
        for i, a in enumerate(daftar, start=1):
            if not isinstance(a, dict) or a.get("jenis") not in JENIS_KURVA:
                masalah.append(f"{hasil} aturan {i}: jenis harus salah satu {sorted(JENIS_KURVA)}.")
                continue
            if not isinstance(a.get("predikat"), list) or not a["predikat"]:
                masalah.append(f"{hasil} aturan {i}: isi daftar predikat.")
            d = _angka(a.get("nilai", 0))
            if d is None or d < 0 or (a["jenis"] in {"maks_persen", "min_persen"} and d > 100):
                masalah.append(f"{hasil} aturan {i}: nilai harus angka 0–100.")
    return masalah


def _cek_peta_angka(contoh: str, positif: bool) -> Callable[[Any], list[str]]:
    def cek(nilai: Any) -> list[str]:
        if not isinstance(nilai, dict) or not nilai:
            return [f"Isi {contoh}."]
        masalah = []
        for k, v in nilai.items():
            d = _angka(v)
            if d is None or d < 0 or (positif and d == 0):
                masalah.append(f"{k}: {v!r} harus angka {'> 0' if positif else '≥ 0'}.")
        return masalah

    return cek


def _cek_kebutuhan(nilai: Any) -> list[str]:
    if not isinstance(nilai, dict) or not nilai:
        return ['Isi {"<jenjang>": {"<golongan>": <angka kredit kumulatif>}, ...}.']
    masalah = []
    for jenjang, per_gol in nilai.items():
        if not isinstance(per_gol, dict):
            masalah.append(f"{jenjang}: harus berisi golongan → angka kredit.")
            continue
        for gol, v in per_gol.items():
            d = _angka(v)
            if not _GOLONGAN.match(str(gol)):
                masalah.append(f"{jenjang}: {gol!r} bukan golongan PNS.")
            elif d is None or d <= 0:
                masalah.append(f"{jenjang} {gol}: angka kredit harus > 0.")
    return masalah


@dataclass(frozen=True)
class JenisAturan:
    kode: str
    nama: str
    cek: Callable[[Any], list[str]]


KATALOG: dict[str, JenisAturan] = {
    j.kode: j
    for j in (
        JenisAturan(KP_BULAN_PERIODE, "Bulan periode kenaikan pangkat reguler", _cek_bulan),
        JenisAturan(
            KP_PENDIDIKAN, "Golongan awal dan batas kenaikan pangkat per ijazah", _cek_pendidikan
        ),
        JenisAturan(JP_BATAS_TAHUNAN, "Batas JP pengembangan kompetensi per tahun", _cek_jp),
        JenisAturan(KINERJA_KURVA, "Kurva distribusi predikat kinerja", _cek_kurva),
        JenisAturan(
            AK_KOEFISIEN,
            "Koefisien angka kredit tahunan per jenjang",
            _cek_peta_angka('{"AHLI_PERTAMA": "12.5", ...}', positif=True),
        ),
        JenisAturan(
            AK_PERSENTASE,
            "Persentase angka kredit per predikat",
            _cek_peta_angka('{"BAIK": 100, ...}', positif=False),
        ),
        JenisAturan(
            AK_KEBUTUHAN,
            "Angka kredit kumulatif untuk kenaikan pangkat/jenjang",
            _cek_kebutuhan,
        ),
    )
}

PILIHAN_KODE = [(j.kode, j.nama) for j in KATALOG.values()]


def cek_nilai(kode: str, nilai: Any) -> list[str]:
    """Problems of a value for a rule code (empty: fine)."""
    jenis = KATALOG.get(kode)
    if jenis is None:
        return [f"Kode aturan {kode!r} tidak dikenal."]
    return jenis.cek(nilai)
