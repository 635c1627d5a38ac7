"""Importing employees from the SIMPEG-style sheet (`pegawai_contoh.xlsx` layout).

One pass validates and normalises every row against data loaded up front (units, existing
employees, NIKs, accounts): no query per row. Nothing is written unless the whole file is
clean, or the caller chose to skip bad rows. Writes are bulk: employees, their login
accounts, atasan links, rank and education history, and the audit trail.

Row numbers in messages are the spreadsheet's own (the header is row 1).
"""

from __future__ import annotations

import csv
import io
import re
import secrets
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from sys import intern
from typing import Any

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone

from aturan import katalog
from aturan.berlaku import AturanTidakAda, aturan_berlaku
from inti.bulk import kolom_model, sisip_massal
from inti.xlsx import BerkasXlsxSalah, baris_xlsx

from . import rules
from .akses import akses_untuk, pegawai_dikelola, unit_dikelola
from .models import (
    Agama,
    JenjangPendidikan,
    Pegawai,
    RiwayatPangkat,
    RiwayatPendidikan,
    StatusKepegawaian,
    UnitKerja,
)
from .signals import pegawai_diimpor
from .token_api import token_cabut_akun

# Column header → model field. Order is the export order too.
KOLOM: dict[str, str] = {
    "NIP": "nip",
    "NIK": "nik",
    "Nama": "nama",
    "Gelar Depan": "gelar_depan",
    "Gelar Belakang": "gelar_belakang",
    "Tempat Lahir": "tempat_lahir",
    "Tanggal Lahir": "tanggal_lahir",
    "Jenis Kelamin": "jenis_kelamin",
    "Agama": "agama",
    "Status Kepegawaian": "status_kepegawaian",
    "Golongan": "golongan",
    "TMT Golongan": "tmt_golongan",
    "Pendidikan Terakhir": "pendidikan_jenjang",
    "Jurusan": "pendidikan_jurusan",
    "Kode Unit Kerja": "unit_kerja",
    "Jabatan": "nama_jabatan",
    "Jenis Jabatan": "jenis_jabatan",
    "NIP Atasan": "atasan",
    "Email": "email",
    "No HP": "no_hp",
}
KOLOM_WAJIB = [
    "NIP",
    "Nama",
    "Tanggal Lahir",
    "Jenis Kelamin",
    "Status Kepegawaian",
    "Golongan",
    "Kode Unit Kerja",
]
# Fields copied onto Pegawai as they are (after cleaning); atasan and unit are resolved.
FIELD_SALIN = [
    "nik",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "agama",
    "status_kepegawaian",
    "golongan",
    "tmt_golongan",
    "pendidikan_jenjang",
    "pendidikan_jurusan",
    "nama_jabatan",
    "jenis_jabatan",
    "email",
    "no_hp",
]
BATCH = 1000
POTONG_SINYAL = 2000  # rows per `pegawai_diimpor` signal
# Optional columns: read when present, never required. "Aktif" = Tidak switches the employee
# off (pension, resignation): their API tokens are revoked as with a single deactivation.
KOLOM_OPSIONAL: dict[str, str] = {"Aktif": "aktif"}


@dataclass(frozen=True)
class Kesalahan:
    baris: int  # spreadsheet row; 1 is the header
    kolom: str  # column header, or "" for the whole row
    pesan: str

    def __str__(self) -> str:
        kolom = f", kolom {self.kolom}" if self.kolom else ""
        return f"Baris {self.baris}{kolom}: {self.pesan}"


# The cleaned values of a row, in this order (a tuple, not a dict: kept for every row until
# the write, a 20-key dict was a third of the import's memory).
KUNCI_NILAI = ("nip", *FIELD_SALIN, "aktif")
_POSISI = {k: i for i, k in enumerate(KUNCI_NILAI)}
_tuple_item = tuple.__getitem__


class Nilai(tuple):
    """Cleaned values by model field name, stored as a tuple (`nilai["nip"]`)."""

    __slots__ = ()

    def __getitem__(self, kunci: str) -> Any:  # type: ignore[override]
        return _tuple_item(self, _POSISI[kunci])

    def get(self, kunci: str, bawaan: Any = None) -> Any:
        i = _POSISI.get(kunci)
        return bawaan if i is None else _tuple_item(self, i)

    def salin(self) -> dict[str, Any]:
        """{field: value} of FIELD_SALIN, in one step (no lookup per field)."""
        return dict(zip(FIELD_SALIN, _tuple_item(self, _SALIN), strict=True))


_SALIN = slice(1, 1 + len(FIELD_SALIN))


@dataclass(slots=True)
class BarisPegawai:
    # Kept for every row until the write: no copy of the raw row (the reasons file of a
    # background import reads the file again).
    baris: int
    nilai: Nilai  # cleaned values by model field
    kode_unit: str
    nip_atasan: str


@dataclass
class HasilImpor:
    dibuat: list[str] = field(default_factory=list)
    diubah: list[str] = field(default_factory=list)
    tidak_berubah: list[str] = field(default_factory=list)
    baris_dilewati: list[int] = field(default_factory=list)
    kesalahan: list[Kesalahan] = field(default_factory=list)
    akun_dibuat: int = 0
    dry_run: bool = False
    # Per imported NIP: (row number, "new" | "update" | "skip"), for the admin preview.
    status_baris: dict[str, tuple[int, str]] = field(default_factory=dict)
    # Worth a look but not a reason to refuse the row (e.g. a CPNS golongan that does not
    # match the entry golongan of the education).
    peringatan: list[Kesalahan] = field(default_factory=list)

    @property
    def berhasil(self) -> bool:
        return not self.kesalahan

    def kesalahan_per_baris(self) -> dict[int, list[Kesalahan]]:
        hasil: dict[int, list[Kesalahan]] = defaultdict(list)
        for k in self.kesalahan:
            hasil[k.baris].append(k)
        return dict(sorted(hasil.items()))

    def ringkasan(self) -> str:
        kata = "akan " if self.dry_run else ""
        teks = (
            f"{len(self.dibuat)} pegawai {kata}ditambahkan, {len(self.diubah)} {kata}diperbarui, "
            f"{len(self.tidak_berubah)} tidak berubah"
        )
        if self.baris_dilewati:
            teks += f", {len(self.baris_dilewati)} baris dilewati"
        if self.akun_dibuat:
            teks += f", {self.akun_dibuat} akun login {kata}dibuat"
        return teks + "."


class ImporGagal(Exception):
    def __init__(self, hasil: HasilImpor):
        super().__init__("; ".join(str(k) for k in hasil.kesalahan[:5]))
        self.hasil = hasil


# --- Cleaning single values -----------------------------------------------------------------

_SPASI = re.compile(r"\s+")
EXCEL_EPOCH = date(1899, 12, 30)
FORMAT_TANGGAL = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d")


class NilaiSalah(ValueError):
    pass


def teks(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _SPASI.sub(" ", str(value)).strip()


_DD_MM_YYYY = re.compile(r"[0-9]{2}-[0-9]{2}-[0-9]{4}")


def tanggal(value: Any) -> date | None:
    """A date from a date cell, an Excel serial number, or text as HR types it."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial_excel(value)
    if isinstance(value, str) and _DD_MM_YYYY.fullmatch(value):
        # The template's own format, read without strptime (two dates on every row).
        try:
            return date(int(value[6:]), int(value[3:5]), int(value[:2]))
        except ValueError:
            pass  # not a real date: the general path below words the error
    s = teks(value)
    if not s:
        return None
    if re.fullmatch(r"\d{1,5}(\.0+)?", s):
        return _serial_excel(float(s))
    s = re.split(r"[ T]", s, maxsplit=1)[0]
    for fmt in FORMAT_TANGGAL:
        try:
            return datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise NilaiSalah(f"{s!r} bukan tanggal yang dikenali; gunakan format DD-MM-YYYY.")


def _serial_excel(value: float) -> date:
    if not 1 <= value < 2958466 or not float(value).is_integer():
        raise NilaiSalah(f"{value!r} bukan nomor tanggal Excel yang valid.")
    return EXCEL_EPOCH + timedelta(days=int(value))


def nomor_identitas(value: Any, nama: str) -> str:
    """NIP/NIK from a text or number cell. A float has lost digits already: refuse it."""
    if isinstance(value, float):
        if value.is_integer() and value < 2**53:
            value = int(value)
        else:
            raise NilaiSalah(
                f"{nama} tersimpan sebagai angka di Excel sehingga digitnya hilang; "
                "format kolom sebagai Teks lalu ketik ulang."
            )
    return rules.normalisasi_nip(value)


_KELAMIN = {
    "L": "L",
    "LAKI-LAKI": "L",
    "LAKI LAKI": "L",
    "PRIA": "L",
    "P": "P",
    "PEREMPUAN": "P",
    "WANITA": "P",
}
_AGAMA = {a.value.upper(): a.value for a in Agama} | {
    "BUDHA": Agama.BUDDHA,
    "PROTESTAN": Agama.KRISTEN,
    "KRISTEN PROTESTAN": Agama.KRISTEN,
    "KATHOLIK": Agama.KATOLIK,
    "KHONGHUCU": Agama.KONGHUCU,
    "KONG HU CU": Agama.KONGHUCU,
}
_PENDIDIKAN = {j.value: j.value for j in JenjangPendidikan} | {
    "SLTP": "SMP",
    "SLTPKEJURUAN": "SMPK",
    "SMPKEJURUAN": "SMPK",
    "SLTAKEJURUAN": "SLTA",
    "SGPLB": "SGPL",
    "SARJANAMUDA": "SM",
    "BA": "SM",
    "DOKTER": "PROF",
    "APOTEKER": "PROF",
    "PROFESI": "PROF",
    "SMA": "SLTA",
    "SMK": "SLTA",
    "SMU": "SLTA",
    "SMA/SMK": "SLTA",
    "MA": "SLTA",
    "DI": "D1",
    "DII": "D2",
    "DIII": "D3",
    "DIV": "D4",
}


# Computed once: an enum's `.values` builds a new list on every access (20,000 per file).
_CONTOH_AGAMA = ", ".join(Agama.values)
_STATUS = frozenset(StatusKepegawaian.values)


def _pilihan(value: Any, peta: dict[str, str], nama: str, contoh: str) -> str:
    s = teks(value).upper()
    if not s:
        return ""
    kunci = s.replace("-", "").replace(" ", "") if nama == "pendidikan" else s
    if kunci in peta:
        return str(peta[kunci])
    raise NilaiSalah(f"{teks(value)!r} tidak dikenal; gunakan {contoh}.")


def no_hp(value: Any) -> str:
    s = teks(value).replace(" ", "").replace("-", "")
    if not s:
        return ""
    if s.startswith("8") and s.isdigit():  # Excel dropped the leading 0 of a number cell
        s = "0" + s
    if not re.fullmatch(r"\+?\d{8,15}", s):
        raise NilaiSalah(f"{teks(value)!r} bukan nomor HP yang valid.")
    return s


# --- Reading a table ------------------------------------------------------------------------


def _kunci_header(header: Any) -> str:
    return teks(header).casefold()


_HEADER = {_kunci_header(k): k for k in [*KOLOM, *KOLOM_OPSIONAL]}

_AKTIF = {"": True, "YA": True, "Y": True, "1": True, "AKTIF": True, "TRUE": True,
          "TIDAK": False, "T": False, "N": False, "0": False, "NONAKTIF": False,
          "TIDAK AKTIF": False, "FALSE": False}  # fmt: skip


def aktif(value: Any) -> bool:
    s = teks(value).upper()
    if s in _AKTIF:
        return _AKTIF[s]
    raise NilaiSalah(f"{teks(value)!r} tidak dikenal; isi Ya atau Tidak (kosong berarti Ya).")


def baca_baris(
    headers: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> tuple[list[dict[str, Any]], list[Kesalahan]]:
    """Map each row to {column header: value}; check that the required columns exist."""
    kolom = [_HEADER.get(_kunci_header(h)) for h in headers]
    hilang = [k for k in KOLOM_WAJIB if k not in kolom]
    if hilang:
        return [], [
            Kesalahan(
                1,
                "",
                f"Kolom wajib tidak ada: {', '.join(hilang)}. Gunakan templat pegawai_contoh.xlsx.",
            )
        ]
    hasil = []
    for row in rows:
        data = {k: v for k, v in zip(kolom, row, strict=False) if k is not None}
        hasil.append(data)
    return hasil, []


def baris_berkas(
    berkas: Any, nama: str, *, maks_xml: int | None = None, maks_baris: int | None = None
) -> tuple[list[Kesalahan], Iterator[dict[str, Any]]]:
    """The rows of an xlsx or csv file, streamed: ({header errors}, row dicts one at a time).

    xlsx through `inti.xlsx.baris_xlsx` (the sheet XML parsed as it is iterated; memory does
    not grow with the rows; `maks_xml` / `maks_baris` checked before parsing, the rows also
    while reading), csv through the csv module. `berkas` is a binary file object that stays
    open while the rows are read. A file going past a cap while read raises
    `BerkasXlsxSalah`, which `pegawai_import` reports as an error of the whole file."""
    if nama.lower().endswith(".csv"):
        teks_masuk = io.TextIOWrapper(berkas, encoding="utf-8-sig", newline="")
        pembaca = csv.reader(teks_masuk)
        headers = next(pembaca, [])
        baris: Iterator[Sequence[Any]] = pembaca
        tutup: Callable[[], None] = teks_masuk.detach
    else:
        try:
            baris = baris_xlsx(berkas, maks_xml=maks_xml, maks_baris=maks_baris)
            headers = list(next(baris, ()))
        except BerkasXlsxSalah as exc:
            return [Kesalahan(1, "", str(exc))], iter(())
        tutup = baris.close
    kolom = [_HEADER.get(_kunci_header(h)) for h in headers]
    hilang = [k for k in KOLOM_WAJIB if k not in kolom]
    if hilang:
        tutup()
        return [
            Kesalahan(
                1,
                "",
                f"Kolom wajib tidak ada: {', '.join(hilang)}. Gunakan templat pegawai_contoh.xlsx.",
            )
        ], iter(())
    pasangan = [(i, k) for i, k in enumerate(kolom) if k is not None]

    def hasil() -> Iterator[dict[str, Any]]:
        try:
            for row in baris:
                n = len(row)
                yield {k: row[i] for i, k in pasangan if i < n}
        finally:
            tutup()

    return [], hasil()


# --- The import -----------------------------------------------------------------------------


def _bersihkan_baris(
    baris: int, raw: dict[str, Any]
) -> tuple[BarisPegawai | None, list[Kesalahan]]:
    errors: list[Kesalahan] = []
    nilai: dict[str, Any] = {}

    def ambil(kolom: str, fungsi, *args) -> Any:
        try:
            return fungsi(raw.get(kolom), *args)
        except (NilaiSalah, rules.AturanError) as exc:
            errors.append(Kesalahan(baris, kolom, str(exc)))
            return None

    nilai["nip"] = ambil("NIP", nomor_identitas, "NIP")
    nilai["nik"] = ambil("NIK", nomor_identitas, "NIK") or ""
    nilai["nama"] = teks(raw.get("Nama"))
    if not nilai["nama"]:
        errors.append(Kesalahan(baris, "Nama", "Nama wajib diisi."))
    for kolom in (
        "Gelar Depan",
        "Gelar Belakang",
        "Tempat Lahir",
        "Jurusan",
        "Jabatan",
        "Jenis Jabatan",
    ):
        nilai[KOLOM[kolom]] = teks(raw.get(kolom))
    nilai["tanggal_lahir"] = ambil("Tanggal Lahir", tanggal)
    if nilai["tanggal_lahir"] is None and not any(e.kolom == "Tanggal Lahir" for e in errors):
        errors.append(Kesalahan(baris, "Tanggal Lahir", "Tanggal lahir wajib diisi."))
    nilai["tmt_golongan"] = ambil("TMT Golongan", tanggal)
    nilai["jenis_kelamin"] = ambil("Jenis Kelamin", _pilihan, _KELAMIN, "kelamin", "L atau P")
    if nilai["jenis_kelamin"] == "":
        errors.append(Kesalahan(baris, "Jenis Kelamin", "Jenis kelamin wajib diisi (L/P)."))
    nilai["agama"] = ambil("Agama", _pilihan, _AGAMA, "agama", _CONTOH_AGAMA) or ""
    status = teks(raw.get("Status Kepegawaian")).upper()
    if status not in _STATUS:
        errors.append(
            Kesalahan(
                baris,
                "Status Kepegawaian",
                f"{status!r} tidak dikenal; gunakan PNS, CPNS atau PPPK."
                if status
                else "Status kepegawaian wajib diisi.",
            )
        )
        status = ""
    nilai["status_kepegawaian"] = status
    if status:
        nilai["golongan"] = ambil("Golongan", rules.normalisasi_golongan, status)
    nilai["pendidikan_jenjang"] = (
        ambil(
            "Pendidikan Terakhir",
            _pilihan,
            _PENDIDIKAN,
            "pendidikan",
            "SD, SMP, SLTP Kejuruan, SLTA, D1–D4, SGPLB, Sarjana Muda, S1, Profesi, S2 "
            "atau S3",
        )
        or ""
    )
    email = teks(raw.get("Email")).lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(Kesalahan(baris, "Email", f"{email!r} bukan alamat email yang valid."))
    nilai["email"] = email
    nilai["no_hp"] = ambil("No HP", no_hp) or ""
    kode_unit = teks(raw.get("Kode Unit Kerja")).upper()
    if not kode_unit:
        errors.append(Kesalahan(baris, "Kode Unit Kerja", "Kode unit kerja wajib diisi."))
    nip_atasan = ambil("NIP Atasan", nomor_identitas, "NIP Atasan") or ""
    nilai["aktif"] = ambil("Aktif", aktif) is not False

    # Identifiers against the other columns.
    if nilai["nip"] and not any(e.kolom == "NIP" for e in errors):
        for pesan in rules.masalah_nip(
            nilai["nip"],
            tanggal_lahir=nilai["tanggal_lahir"],
            jenis_kelamin=nilai["jenis_kelamin"] or None,
            status_kepegawaian=status or None,
        ):
            errors.append(Kesalahan(baris, "NIP", pesan))
    if nilai["nik"] and not any(e.kolom == "NIK" for e in errors):
        for pesan in rules.masalah_nik(
            nilai["nik"],
            tanggal_lahir=nilai["tanggal_lahir"],
            jenis_kelamin=nilai["jenis_kelamin"] or None,
        ):
            errors.append(Kesalahan(baris, "NIK", pesan))
    if nip_atasan and not any(e.kolom == "NIP Atasan" for e in errors):
        try:
            rules.parse_nip(nip_atasan)
        except rules.AturanError as exc:
            errors.append(Kesalahan(baris, "NIP Atasan", str(exc)))
        else:
            if nip_atasan == nilai["nip"]:
                errors.append(
                    Kesalahan(baris, "NIP Atasan", "Pegawai tidak dapat menjadi atasannya sendiri.")
                )
    if errors:
        return None, errors
    for k in _BERULANG:  # the same few texts on many rows: one string object each
        nilai[k] = intern(nilai[k])
    return BarisPegawai(baris, Nilai([nilai.get(k) for k in KUNCI_NILAI]), kode_unit,
                        intern(nip_atasan)), []  # fmt: skip


# Fields whose texts repeat across rows (places, majors, positions, titles, codes).
_BERULANG = ("gelar_depan", "gelar_belakang", "tempat_lahir", "pendidikan_jurusan",
             "nama_jabatan", "jenis_jabatan", "golongan", "agama", "pendidikan_jenjang",
             "status_kepegawaian", "jenis_kelamin")  # fmt: skip


def _tabel_pendidikan() -> dict[str, dict[str, str]]:
    """The entry-golongan table in force today (one query; empty when none is recorded)."""
    try:
        return aturan_berlaku(katalog.KP_PENDIDIKAN).nilai
    except AturanTidakAda:
        return {}


def _chunks(items: Sequence[Any], size: int = 900) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _peta_pegawai(nips: Sequence[str]) -> dict[str, Pegawai]:
    hasil: dict[str, Pegawai] = {}
    for bagian in _chunks(list(nips)):
        for p in Pegawai.objects.filter(nip__in=bagian):
            hasil[p.nip] = p
    return hasil


Progres = Callable[[str, int], None]


def pegawai_import(
    rows: Iterable[dict[str, Any]],
    *,
    oleh: User | None,
    dry_run: bool = False,
    lewati_baris_salah: bool = False,
    baris_awal: int = 2,
    kesalahan_awal: Sequence[Kesalahan] = (),
    progres: Progres | None = None,
    potong: int = 2000,
) -> HasilImpor:
    """Validate all rows, then (unless `dry_run`) write them in one transaction.

    `rows` are {column header: value} dicts (see `baca_baris`, `baris_berkas`); an iterator
    is read once, row by row, and each raw row is dropped once cleaned. With errors, nothing
    is written unless `lewati_baris_salah`, in which case the good rows are written and the
    bad ones are reported as skipped. `oleh` is the importing user: their access scope limits
    which units and employees the file may touch (None = a system import with full rights).
    `progres(tahap, baris)` is called every `potong` rows read and once before writing.
    """
    hasil = HasilImpor(dry_run=dry_run, kesalahan=list(kesalahan_awal))
    if hasil.kesalahan:
        return hasil

    # 1. Each row on its own.
    tabel_pendidikan = _tabel_pendidikan()
    bersih: list[BarisPegawai] = []
    dibaca = 0
    try:
        for i, raw in enumerate(rows):
            nomor = baris_awal + i
            dibaca = i + 1
            if progres is not None and dibaca % potong == 0:
                progres("memeriksa", dibaca)
            if all(teks(v) == "" for v in raw.values()):
                continue
            baris, errors = _bersihkan_baris(nomor, raw)
            hasil.kesalahan.extend(errors)
            if baris is not None:
                bersih.append(baris)
                pesan = rules.masalah_golongan_awal(
                    status_kepegawaian=baris.nilai["status_kepegawaian"],
                    golongan=baris.nilai.get("golongan") or "",
                    pendidikan=baris.nilai["pendidikan_jenjang"],
                    tabel=tabel_pendidikan,
                )
                if pesan:
                    hasil.peringatan.append(Kesalahan(nomor, "Golongan", pesan))
    except BerkasXlsxSalah as exc:
        # Past a cap while reading (a sheet without a dimension): the whole file is refused.
        hasil.kesalahan = [Kesalahan(1, "", str(exc))]
        return hasil

    # 2. Rows against each other: duplicate NIPs and NIKs within the file.
    per_nip: dict[str, BarisPegawai] = {}
    per_nik: dict[str, BarisPegawai] = {}
    unik: list[BarisPegawai] = []
    for b in bersih:
        nip = b.nilai["nip"]
        sebelumnya = per_nip.get(nip)
        if sebelumnya is not None:
            if (sebelumnya.nilai, sebelumnya.kode_unit, sebelumnya.nip_atasan) == (
                b.nilai,
                b.kode_unit,
                b.nip_atasan,
            ):
                hasil.baris_dilewati.append(b.baris)  # an exact duplicate: harmless
            else:
                hasil.kesalahan.append(
                    Kesalahan(
                        b.baris,
                        "NIP",
                        f"NIP {nip} sudah ada di baris {sebelumnya.baris} dengan data berbeda.",
                    )
                )
            continue
        nik = b.nilai["nik"]
        if nik and nik in per_nik:
            hasil.kesalahan.append(
                Kesalahan(
                    b.baris, "NIK", f"NIK sama dengan baris {per_nik[nik].baris} (NIP berbeda)."
                )
            )
            continue
        per_nip[nip] = b
        if nik:
            per_nik[nik] = b
        unik.append(b)

    # 3. Rows against the database: units, scope, NIK owners, atasan.
    akses = akses_untuk(oleh) if oleh is not None else None
    semua_unit = {u.kode.upper(): u for u in UnitKerja.objects.all()}
    if oleh is None or (akses and akses.admin_bkd):
        unit_boleh = set(semua_unit)
    else:
        unit_boleh = {kode.upper() for kode in unit_dikelola(oleh).values_list("kode", flat=True)}
    ada = _peta_pegawai([b.nilai["nip"] for b in unik])
    if oleh is not None and not (akses and akses.admin_bkd):
        dikelola = set(
            pegawai_dikelola(oleh)
            .filter(pk__in=[p.pk for p in ada.values()])
            .values_list("nip", flat=True)
        )
    else:
        dikelola = set(ada)
    pemilik_nik: dict[str, str] = {}
    for bagian in _chunks([b.nilai["nik"] for b in unik if b.nilai["nik"]]):
        # `nik <> ''` lets PostgreSQL use the partial unique index on NIK (no scan of the
        # whole table per chunk).
        pemilik_nik.update(
            Pegawai.objects.filter(nik__in=bagian).exclude(nik="").values_list("nik", "nip")
        )
    if oleh is not None and not (akses and akses.admin_bkd):
        # The other holder of a NIK is named only when the importer may manage them.
        pemilik_terlihat = set(
            pegawai_dikelola(oleh)
            .filter(nip__in=set(pemilik_nik.values()))
            .values_list("nip", flat=True)
        )
    else:
        pemilik_terlihat = set(pemilik_nik.values())
    atasan_luar = {b.nip_atasan for b in unik if b.nip_atasan and b.nip_atasan not in per_nip}
    atasan_db = _peta_pegawai(sorted(atasan_luar))

    salah_nip: set[str] = {e_nip for e_nip in ()}
    valid: list[BarisPegawai] = []
    for b in unik:
        errors: list[Kesalahan] = []
        if b.kode_unit not in semua_unit:
            errors.append(
                Kesalahan(
                    b.baris, "Kode Unit Kerja", f"Kode unit kerja {b.kode_unit!r} tidak dikenal."
                )
            )
        elif b.kode_unit not in unit_boleh:
            errors.append(
                Kesalahan(
                    b.baris, "Kode Unit Kerja", f"Unit kerja {b.kode_unit} di luar wewenang Anda."
                )
            )
        nip = b.nilai["nip"]
        if nip in ada and nip not in dikelola:
            errors.append(
                # Say nothing of where the NIP lives: the operator may not know it exists.
                Kesalahan(
                    b.baris,
                    "NIP",
                    f"Baris dengan NIP {nip} tidak dapat diimpor ke unit kerja Anda. Bila "
                    "pegawai ini pindah ke unit Anda, ajukan mutasinya melalui BKD.",
                )
            )
        nik = b.nilai["nik"]
        if nik and pemilik_nik.get(nik, nip) != nip:
            pemilik = pemilik_nik[nik]
            tampak = f" (NIP {pemilik})" if pemilik in pemilik_terlihat else ""
            errors.append(Kesalahan(b.baris, "NIK", f"NIK sudah dipakai pegawai lain{tampak}."))
        if b.nip_atasan and b.nip_atasan not in per_nip and b.nip_atasan not in atasan_db:
            errors.append(
                Kesalahan(
                    b.baris,
                    "NIP Atasan",
                    f"NIP atasan {b.nip_atasan} tidak ditemukan di berkas maupun di data pegawai.",
                )
            )
        if errors:
            hasil.kesalahan.extend(errors)
            salah_nip.add(nip)
        else:
            valid.append(b)

    # An atasan row that failed takes its staff with it; so does a cycle of atasan.
    berubah = True
    while berubah:
        berubah = False
        tersisa = []
        for b in valid:
            if b.nip_atasan in salah_nip:
                hasil.kesalahan.append(
                    Kesalahan(
                        b.baris,
                        "NIP Atasan",
                        f"Atasan {b.nip_atasan} (baris {per_nip[b.nip_atasan].baris}) tidak valid.",
                    )
                )
                salah_nip.add(b.nilai["nip"])
                berubah = True
            else:
                tersisa.append(b)
        valid = tersisa
    valid_nip = {b.nilai["nip"]: b for b in valid}
    for b in valid:
        dilihat = {b.nilai["nip"]}
        atas = b.nip_atasan
        while atas in valid_nip:
            if atas in dilihat:
                hasil.kesalahan.append(
                    Kesalahan(b.baris, "NIP Atasan", "Rantai atasan membentuk lingkaran.")
                )
                salah_nip.add(b.nilai["nip"])
                break
            dilihat.add(atas)
            atas = valid_nip[atas].nip_atasan
    valid = [b for b in valid if b.nilai["nip"] not in salah_nip]

    hasil.kesalahan.sort(
        key=lambda k: (k.baris, list(KOLOM).index(k.kolom) if k.kolom in KOLOM else -1)
    )
    if hasil.kesalahan and not lewati_baris_salah:
        return hasil
    if hasil.kesalahan:
        hasil.baris_dilewati.extend(sorted({k.baris for k in hasil.kesalahan}))

    if progres is not None:
        progres("menyimpan", dibaca)
    with transaction.atomic():
        _tulis(valid, semua_unit, ada, atasan_db, hasil, oleh=oleh, dry_run=dry_run)
        if dry_run:
            transaction.set_rollback(True)
    return hasil


ALASAN_IMPOR = "Impor berkas pegawai"


def _tulis(
    valid: list[BarisPegawai],
    semua_unit: dict[str, UnitKerja],
    ada: dict[str, Pegawai],
    atasan_db: dict[str, Pegawai],
    hasil: HasilImpor,
    *,
    oleh: User | None,
    dry_run: bool,
) -> None:
    """Write the valid rows: new ones by multi-row INSERT, changed ones by bulk UPDATE."""
    now = timezone.now()
    jejak = {"history_date": now, "history_change_reason": ALASAN_IMPOR,
             "history_user_id": oleh.pk if oleh else None}  # fmt: skip
    baru: dict[str, BarisPegawai] = {}
    diubah: dict[str, Pegawai] = {}
    dinonaktifkan: list[int] = []  # accounts of employees this file switches off
    for b in valid:
        nip = b.nilai["nip"]
        p = ada.get(nip)
        if p is None:
            baru[nip] = b
            continue
        lama = [getattr(p, f) for f in FIELD_SALIN] + [p.unit_kerja_id, p.aktif]
        for f in FIELD_SALIN:
            setattr(p, f, b.nilai[f])
        p.unit_kerja = semua_unit[b.kode_unit]
        p.aktif = b.nilai["aktif"]
        if lama[-1] and not p.aktif and p.user_id is not None:
            dinonaktifkan.append(p.user_id)
        if lama != [getattr(p, f) for f in FIELD_SALIN] + [p.unit_kerja_id, p.aktif]:
            diubah[nip] = p

    # Atasan of existing rows, compared by NIP (the new atasan may not have an id yet).
    id_atasan_lama = [p.atasan_id for p in ada.values() if p.atasan_id]
    nip_per_id = {p.pk: n for n, p in (ada | atasan_db).items()}
    for bagian in _chunks(id_atasan_lama):
        nip_per_id.update(Pegawai.objects.filter(pk__in=bagian).values_list("pk", "nip"))
    atasan_berubah = [
        b for b in valid
        if b.nilai["nip"] in ada
        and nip_per_id.get(ada[b.nilai["nip"]].atasan_id, "") != b.nip_atasan
    ]  # fmt: skip
    for b in atasan_berubah:
        diubah[b.nilai["nip"]] = ada[b.nilai["nip"]]

    # Login accounts: one user per pegawai, username = NIP, no usable password until the
    # employee sets one through "lupa kata sandi" (hashing 10,000 passwords takes minutes).
    perlu_akun = list(baru) + [n for n, p in ada.items() if p.user_id is None and n in
                               {b.nilai["nip"] for b in valid}]  # fmt: skip
    id_user: dict[str, int] = {}
    for bagian in _chunks(perlu_akun):
        id_user.update(User.objects.filter(username__in=bagian).values_list("username", "pk"))
    akun_baru = [n for n in perlu_akun if n not in id_user]
    hasil.akun_dibuat = len(akun_baru)

    for nip, b in baru.items():
        hasil.dibuat.append(nip)
        hasil.status_baris[nip] = (b.baris, "new")
    for b in valid:
        nip = b.nilai["nip"]
        if nip in baru:
            continue
        if nip in diubah or (ada[nip].user_id is None and dry_run):
            hasil.diubah.append(nip)
            hasil.status_baris[nip] = (b.baris, "update")
        else:
            hasil.tidak_berubah.append(nip)
            hasil.status_baris[nip] = (b.baris, "skip")
    if dry_run:
        return

    email = {b.nilai["nip"]: b.nilai for b in valid}
    kolom_user = kolom_model(User)
    idx_nama = kolom_user.index("username")

    def baris_user() -> Iterator[tuple[Any, ...]]:
        # One dict (and one random password) per account, not per column; made as COPY
        # takes them (a page at a time), never a list of every account.
        for n in akun_baru:
            akun = {"password": UNUSABLE_PASSWORD_PREFIX + secrets.token_hex(20),
                    "last_login": None, "is_superuser": False, "username": n,
                    "first_name": email[n]["nama"][:150], "last_name": "",
                    "email": email[n]["email"], "is_staff": False, "is_active": True,
                    "date_joined": now}  # fmt: skip
            yield tuple(akun[k] for k in kolom_user)

    id_akun = _id_dari_urutan(User, len(akun_baru))
    if id_akun is not None:  # ids drawn first: nothing read back
        id_user.update(zip(akun_baru, id_akun, strict=True))
        sisip_massal(User, ["id", *kolom_user],
                     ((id_user[t[idx_nama]], *t) for t in baris_user()))  # fmt: skip
    else:
        sisip_massal(User, kolom_user, baris_user())
        for bagian in _chunks(akun_baru):
            id_user.update(User.objects.filter(username__in=bagian).values_list("username", "pk"))

    # New pegawai, level by level so that each row's atasan already has an id.
    id_pegawai = {n: p.pk for n, p in (ada | atasan_db).items()}
    kolom = kolom_model(Pegawai)

    def nilai_baru(n: str) -> dict[str, Any]:
        # Made when written and again for its history row: no dict kept per employee.
        b = baru[n]
        v = b.nilai.salin()
        v.update(nip=n, aktif=b.nilai["aktif"], dibuat=now, diubah=now, user_id=id_user[n],
                 unit_kerja_id=semua_unit[b.kode_unit].pk,
                 atasan_id=id_pegawai.get(b.nip_atasan) if b.nip_atasan else None)  # fmt: skip
        return v

    id_baru = _id_dari_urutan(Pegawai, len(baru))
    if id_baru is not None:
        # Ids drawn first: every row's atasan id is known, one pass in file order (the atasan
        # foreign key is checked at commit: Django's constraints are DEFERRABLE INITIALLY
        # DEFERRED on PostgreSQL), nothing read back.
        id_pegawai.update(zip(baru, id_baru, strict=True))
        sisip_massal(Pegawai, ["id", *kolom],
                     ((id_pegawai[n], *map(nilai_baru(n).__getitem__, kolom)) for n in baru))
        _sisip_jejak(Pegawai, ({**nilai_baru(n), "id": id_pegawai[n]} for n in baru), jejak)
    tunggu = [] if id_baru is not None else list(baru)
    while tunggu:
        siap = [n for n in tunggu if not baru[n].nip_atasan or baru[n].nip_atasan in id_pegawai]
        sisip_massal(Pegawai, kolom, (tuple(map(nilai_baru(n).__getitem__, kolom)) for n in siap))
        for bagian in _chunks(siap):
            id_pegawai.update(Pegawai.objects.filter(nip__in=bagian).values_list("nip", "pk"))
        _sisip_jejak(Pegawai, ({**nilai_baru(n), "id": id_pegawai[n]} for n in siap), jejak)
        tunggu = [n for n in tunggu if n not in id_pegawai]

    # Changed pegawai: ORM bulk update and the audit rows simple-history makes for them.
    for b in valid:
        p = diubah.get(b.nilai["nip"])
        if p is None:
            continue
        p.atasan_id = id_pegawai.get(b.nip_atasan) if b.nip_atasan else None
        p.diubah = now
    for n, p in ada.items():
        if p.user_id is None and n in id_user:
            p.user_id = id_user[n]
            diubah[n] = p
    Pegawai.objects.bulk_update(
        list(diubah.values()),
        [*FIELD_SALIN, "unit_kerja", "aktif", "atasan", "user", "diubah"],
        batch_size=500,
    )
    Pegawai.history.bulk_history_create(
        list(diubah.values()), batch_size=BATCH, update=True, default_user=oleh,
        default_change_reason=ALASAN_IMPOR, default_date=now,
    )  # fmt: skip
    _tulis_riwayat(valid, id_pegawai, jejak, baru_nip=baru.keys())
    # Set-based updates send no post_save: revoke here what a single deactivation revokes.
    token_cabut_akun(user_ids=dinonaktifkan)
    # In chunks: the receivers' per-row objects (jabatan's placements) never exist for the
    # whole file at once. Each employee is in one chunk only.
    for bagian in _chunks(valid, POTONG_SINYAL):
        pegawai_diimpor.send(
            sender=Pegawai,
            oleh=oleh,
            baris=[
                {"pegawai_id": id_pegawai[b.nilai["nip"]], "nip": b.nilai["nip"],
                 "nama_jabatan": b.nilai["nama_jabatan"],
                 "jenis_jabatan": b.nilai["jenis_jabatan"],
                 "unit_kerja_id": semua_unit[b.kode_unit].pk,
                 "atasan_id": id_pegawai.get(b.nip_atasan) if b.nip_atasan else None}
                for b in bagian
            ],
        )  # fmt: skip


def _sisip_jejak(model: type[Any], baris: Iterable[dict[str, Any]], jejak: dict[str, Any]) -> None:
    """Creation rows ("+") in a model's simple-history table for freshly inserted rows."""
    hist = model.history.model
    kolom = kolom_model(hist, tanpa=["history_id"])
    meta = {**jejak, "history_type": "+"}
    dari_meta = [k in meta for k in kolom]
    sisip_massal(
        hist,
        kolom,
        (
            tuple(meta[k] if m else r[k] for k, m in zip(kolom, dari_meta, strict=True))
            for r in baris
        ),
    )


def _tulis_riwayat(
    valid: list[BarisPegawai],
    id_pegawai: dict[str, int],
    jejak: dict[str, Any],
    baru_nip: Collection[str] = (),
) -> None:
    """Record the rank and education in the file as history entries (once each)."""
    # Only employees that existed before this import can have history rows already.
    ids = sorted({id_pegawai[b.nilai["nip"]] for b in valid if b.nilai["nip"] not in baru_nip})
    for model, kunci, dari_baris in (
        (RiwayatPangkat, ("pegawai_id", "golongan"),
         lambda b: {"golongan": b.nilai["golongan"], "tmt": b.nilai["tmt_golongan"],
                    "nomor_sk": "", "tanggal_sk": None} if b.nilai["tmt_golongan"] else None),
        (RiwayatPendidikan, ("pegawai_id", "jenjang", "jurusan"),
         lambda b: {"jenjang": b.nilai["pendidikan_jenjang"],
                    "jurusan": b.nilai["pendidikan_jurusan"], "institusi": "",
                    "tahun_lulus": None} if b.nilai["pendidikan_jenjang"] else None),
    ):  # fmt: skip
        ada: set[tuple[Any, ...]] = set()
        for bagian in _chunks(ids):
            ada.update(model.objects.filter(pegawai_id__in=bagian).values_list(*kunci))
        # Key → its first row (a reference, no dict per row); values made again when written.
        baru: dict[tuple[Any, ...], BarisPegawai] = {}
        for b in valid:
            nilai = dari_baris(b)
            if nilai is None:
                continue
            nilai["pegawai_id"] = id_pegawai[b.nilai["nip"]]
            key = tuple(nilai[k] for k in kunci)
            if key not in ada:
                baru.setdefault(key, b)

        def nilai_dari(b: BarisPegawai, dari_baris=dari_baris) -> dict[str, Any]:
            return {**dari_baris(b), "pegawai_id": id_pegawai[b.nilai["nip"]]}

        kolom = kolom_model(model)
        id_baru = _id_dari_urutan(model, len(baru))
        if id_baru is not None:
            kolom_id = ["id", *kolom]
            sisip_massal(model, kolom_id, (
                (i, *map(nilai_dari(b).__getitem__, kolom))
                for i, b in zip(id_baru, baru.values(), strict=True)
            ))  # fmt: skip
            dibuat: Iterable[dict[str, Any]] = (
                {"id": i, **nilai_dari(b)} for i, b in zip(id_baru, baru.values(), strict=True)
            )
        else:
            sisip_massal(model, kolom, (tuple(map(nilai_dari(b).__getitem__, kolom))
                                        for b in baru.values()))  # fmt: skip
            dibuat = []
            for bagian in _chunks(sorted({id_pegawai[b.nilai["nip"]] for b in baru.values()})):
                for row in model.objects.filter(pegawai_id__in=bagian).values("id", *kolom):
                    if tuple(row[k] for k in kunci) in baru:
                        dibuat.append(row)
        _sisip_jejak(model, dibuat, jejak)


def _id_dari_urutan(model: type[Any], n: int) -> list[int] | None:
    """`n` primary keys drawn from the table's own sequence (PostgreSQL): the rows are
    written with them and never read back for their history. None elsewhere."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, n],
        )
        return [r[0] for r in cursor.fetchall()]
