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
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import User
from django.core.exceptions import EmptyResultSet, ValidationError
from django.core.validators import validate_email
from django.db import DatabaseError, connection, transaction
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from aturan import katalog
from aturan.berlaku import AturanTidakAda, aturan_berlaku
from inti.bulk import kolom_model, sisip_tabel
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


# The cleaned values of a row, in this order: the staging table's data columns.
KUNCI_NILAI = ("nip", *FIELD_SALIN, "aktif")


@dataclass(slots=True)
class BarisPegawai:
    # One row on its way to the staging table (never kept for the whole file).
    baris: int
    nilai: dict[str, Any]  # cleaned values by model field (KUNCI_NILAI)
    kode_unit: str
    nip_atasan: str


@dataclass
class HasilImpor:
    # The NIPs and the status per row are listed only when asked (`pegawai_import(rinci=
    # True)`, the admin's preview); the counts always.
    dibuat: list[str] = field(default_factory=list)
    diubah: list[str] = field(default_factory=list)
    tidak_berubah: list[str] = field(default_factory=list)
    baris_dilewati: list[int] = field(default_factory=list)
    kesalahan: list[Kesalahan] = field(default_factory=list)
    akun_dibuat: int = 0
    dry_run: bool = False
    # Per imported NIP: (row number, "new" | "update" | "skip"), for the admin preview.
    status_baris: dict[str, tuple[int, str]] = field(default_factory=dict)
    jumlah_dibuat: int = 0
    jumlah_diubah: int = 0
    jumlah_tidak_berubah: int = 0
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
            f"{self.jumlah_dibuat} pegawai {kata}ditambahkan, {self.jumlah_diubah} "
            f"{kata}diperbarui, {self.jumlah_tidak_berubah} tidak berubah"
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
    # = re.sub(r"\s+", " ", s).strip(): the same whitespace (str.isspace), in one C call.
    return " ".join(str(value).split())


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


def _ingat(fungsi: Callable[..., Any], maks: int) -> Callable[..., Any]:
    """`fungsi` (pure) remembering its last `maks` answers by argument value and type: the
    same religions, levels, ranks, dates and heads' NIPs come on row after row. A refusal
    (an exception) is not remembered; an unhashable value is answered uncached."""
    ingat = lru_cache(maxsize=maks, typed=True)(fungsi)

    def panggil(*args: Any) -> Any:
        try:
            return ingat(*args)
        except TypeError:
            return fungsi(*args)

    return panggil


_tanggal = _ingat(tanggal, 4096)
_golongan = _ingat(rules.normalisasi_golongan, 256)
_parse_nip = _ingat(rules.parse_nip, 4096)
# name → (map, the examples in the message)
_PILIHAN: dict[str, tuple[dict[str, str], str]] = {
    "kelamin": (_KELAMIN, "L atau P"),
    "agama": (_AGAMA, _CONTOH_AGAMA),
    "pendidikan": (_PENDIDIKAN, "SD, SMP, SLTP Kejuruan, SLTA, D1–D4, SGPLB, Sarjana Muda, "
                                "S1, Profesi, S2 atau S3"),
}  # fmt: skip
_pilih_ingat = _ingat(lambda value, nama: _pilihan(value, _PILIHAN[nama][0], nama,
                                                   _PILIHAN[nama][1]), 512)  # fmt: skip


def _pilih(value: Any, nama: str) -> str:
    return _pilih_ingat(value, nama)


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
    nilai["tanggal_lahir"] = ambil("Tanggal Lahir", _tanggal)
    if nilai["tanggal_lahir"] is None and not any(e.kolom == "Tanggal Lahir" for e in errors):
        errors.append(Kesalahan(baris, "Tanggal Lahir", "Tanggal lahir wajib diisi."))
    nilai["tmt_golongan"] = ambil("TMT Golongan", _tanggal)
    nilai["jenis_kelamin"] = ambil("Jenis Kelamin", _pilih, "kelamin")
    if nilai["jenis_kelamin"] == "":
        errors.append(Kesalahan(baris, "Jenis Kelamin", "Jenis kelamin wajib diisi (L/P)."))
    nilai["agama"] = ambil("Agama", _pilih, "agama") or ""
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
        nilai["golongan"] = ambil("Golongan", _golongan, status)
    nilai["pendidikan_jenjang"] = (
        ambil("Pendidikan Terakhir", _pilih, "pendidikan") or ""
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
            _parse_nip(nip_atasan)
        except rules.AturanError as exc:
            errors.append(Kesalahan(baris, "NIP Atasan", str(exc)))
        else:
            if nip_atasan == nilai["nip"]:
                errors.append(
                    Kesalahan(baris, "NIP Atasan", "Pegawai tidak dapat menjadi atasannya sendiri.")
                )
    if errors:
        return None, errors
    return BarisPegawai(baris, nilai, kode_unit, nip_atasan), []


def _tabel_pendidikan() -> dict[str, dict[str, str]]:
    """The entry-golongan table in force today (one query; empty when none is recorded)."""
    try:
        return aturan_berlaku(katalog.KP_PENDIDIKAN).nilai
    except AturanTidakAda:
        return {}


def _chunks(items: Sequence[Any], size: int = 900) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


Progres = Callable[[str, int], None]

# --- The staging table ----------------------------------------------------------------------
#
# The cleaned rows go, a page at a time, into a temporary table of this connection; the checks
# between rows (duplicate NIP/NIK in the file, atasan in the file or the database, atasan that
# fail, cycles), the checks against the database (existing NIPs and their scope, NIK owners)
# and the writes (INSERT ... SELECT, UPDATE ... from it) are SQL over it. Python keeps nothing
# per row: memory does not grow with the file, save for the rows refused and their messages.
# The table belongs to the database session and lives across the statements of the reading
# (which commit as they go, so that the job's progress shows): a pooler that hands each
# transaction another session (pgbouncer in transaction mode) would need a session pool here.

STAGING = "impor_pegawai_sementara"
_TANGGAL = {"tanggal_lahir", "tmt_golongan"}
# Filled while reading: the cleaned values, the unit (resolved against the units loaded up
# front: None = unknown code) and whether it is in the importer's scope.
KOLOM_DATA = ("baris", *KUNCI_NILAI, "kode_unit", "nip_atasan", "unit_id", "unit_boleh")
_JENIS_KOLOM = {"baris": "integer PRIMARY KEY", "aktif": "boolean", "unit_id": "bigint",
                "unit_boleh": "boolean"} | {k: "date" for k in _TANGGAL}  # fmt: skip
# Worked out in SQL: 0 valid / 1 refused against the database / 2 its atasan refused / 3 in a
# cycle; the existing employee of the NIP.
KOLOM_KERJA = ("status smallint NOT NULL DEFAULT 0", "pegawai_id bigint",
               "ada boolean NOT NULL DEFAULT FALSE")  # fmt: skip
TULIS = "impor_pegawai_tulis"  # the valid rows with what the write needs (`_tulis`)


def _sql(sql: str, params: Sequence[Any] = ()) -> Any:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else cursor.rowcount


def _staging_buat() -> None:
    _staging_hapus()
    kolom = [f"{k} {_JENIS_KOLOM.get(k, 'text')}" for k in KOLOM_DATA]
    _sql(f"CREATE TEMPORARY TABLE {STAGING} ({', '.join([*kolom, *KOLOM_KERJA])})")


def _staging_hapus() -> None:
    _sql(f"DROP TABLE IF EXISTS {STAGING}")
    _sql(f"DROP TABLE IF EXISTS {TULIS}")


def _jit_mati() -> None:
    """PostgreSQL's JIT compiles a statement whose estimated cost passes `jit_above_cost`:
    half a second per statement here, for work of tens of milliseconds (inside the caller's
    transaction only)."""
    if connection.vendor == "postgresql":
        _sql("SET LOCAL jit = off")


def _adaptor_staging() -> list[tuple[int, Callable[[Any], Any]]]:
    """Values as the driver takes them: PostgreSQL's COPY reads dates and booleans as Python
    writes them; SQLite gets the ISO date and 0/1 as Django stores them."""
    if connection.vendor == "postgresql":
        return []
    tanggal = connection.ops.adapt_datefield_value
    return [(KOLOM_DATA.index(k), tanggal) for k in _TANGGAL] + [
        (KOLOM_DATA.index(k), lambda v: None if v is None else int(v))
        for k in ("aktif", "unit_boleh")
    ]


def _beda() -> str:
    return "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"


def _id_baru(model: type[Any], syarat: str, urut: str) -> str:
    """SQL for a new primary key of `model` on each row matching `syarat` (NULL elsewhere):
    the rows are written with it and never read back. PostgreSQL draws from the table's
    sequence; SQLite counts on from the largest id and the AUTOINCREMENT counter, in row order
    `urut` (its write transaction holds the database: nobody draws meanwhile)."""
    tabel = model._meta.db_table
    if connection.vendor == "postgresql":
        return f"CASE WHEN {syarat} THEN nextval(pg_get_serial_sequence('{tabel}', 'id')) END"
    ((dasar,),) = _sql(
        f"SELECT MAX(COALESCE((SELECT MAX(id) FROM {tabel}), 0), COALESCE((SELECT seq FROM "
        "sqlite_sequence WHERE name = %s), 0))",
        [tabel],
    )
    return (f"CASE WHEN {syarat} THEN {int(dasar)} + SUM(CASE WHEN {syarat} THEN 1 ELSE 0 END) "
            f"OVER (ORDER BY {urut} ROWS UNBOUNDED PRECEDING) END")  # fmt: skip


def _subkueri(qs: Any) -> tuple[str, list[Any]]:
    """A queryset's primary keys as SQL for `IN (...)`: the access scope stays the one
    `pegawai.akses` defines."""
    try:
        sql, params = qs.values("pk").query.sql_with_params()
    except EmptyResultSet:
        return "SELECT 1 WHERE 1 = 0", []
    return sql, list(params)


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
    rinci: bool = True,
) -> HasilImpor:
    """Validate all rows, then (unless `dry_run`) write them in one transaction.

    `rows` are {column header: value} dicts (see `baca_baris`, `baris_berkas`); an iterator
    is read once, row by row, and each raw row is dropped once cleaned and staged. With errors,
    nothing is written unless `lewati_baris_salah`, in which case the good rows are written and
    the bad ones are reported as skipped. `oleh` is the importing user: their access scope
    limits which units and employees the file may touch (None = a system import with full
    rights). `progres(tahap, baris)` is called every `potong` rows read and once before
    writing. `rinci=False` leaves the result's NIP lists and status per row empty (counts
    only): nothing in memory then grows with the rows.
    """
    hasil = HasilImpor(dry_run=dry_run, kesalahan=list(kesalahan_awal))
    if hasil.kesalahan:
        return hasil
    _staging_buat()
    try:
        return _impor(rows, hasil, oleh=oleh, dry_run=dry_run,
                      lewati_baris_salah=lewati_baris_salah, baris_awal=baris_awal,
                      progres=progres, potong=potong, rinci=rinci)  # fmt: skip
    finally:
        try:
            _staging_hapus()
        except (DatabaseError, TransactionManagementError):
            pass  # the caller's transaction failed: its rollback removes the table too


def _impor(
    rows: Iterable[dict[str, Any]],
    hasil: HasilImpor,
    *,
    oleh: User | None,
    dry_run: bool,
    lewati_baris_salah: bool,
    baris_awal: int,
    progres: Progres | None,
    potong: int,
    rinci: bool,
) -> HasilImpor:
    akses = akses_untuk(oleh) if oleh is not None else None
    penuh = oleh is None or bool(akses and akses.admin_bkd)
    unit_id = {u.kode.upper(): u.pk for u in UnitKerja.objects.only("pk", "kode")}
    if penuh:
        unit_boleh = set(unit_id)
    else:
        unit_boleh = {kode.upper() for kode in unit_dikelola(oleh).values_list("kode", flat=True)}

    # 1. Each row on its own, into the staging table.
    tabel_pendidikan = _tabel_pendidikan()
    dibaca = 0

    def bersih() -> Iterator[tuple[Any, ...]]:
        nonlocal dibaca
        for i, raw in enumerate(rows):
            nomor = baris_awal + i
            dibaca = i + 1
            if progres is not None and dibaca % potong == 0:
                progres("memeriksa", dibaca)
            if all(teks(v) == "" for v in raw.values()):
                continue
            baris, errors = _bersihkan_baris(nomor, raw)
            if errors:
                hasil.kesalahan.extend(errors)
                continue
            nilai = baris.nilai
            pesan = rules.masalah_golongan_awal(
                status_kepegawaian=nilai["status_kepegawaian"],
                golongan=nilai.get("golongan") or "",
                pendidikan=nilai["pendidikan_jenjang"],
                tabel=tabel_pendidikan,
            )
            if pesan:
                hasil.peringatan.append(Kesalahan(nomor, "Golongan", pesan))
            kode = baris.kode_unit
            yield (nomor, *[nilai.get(k) for k in KUNCI_NILAI], kode, baris.nip_atasan,
                   unit_id.get(kode), kode in unit_boleh)  # fmt: skip

    try:
        sisip_tabel(STAGING, KOLOM_DATA, bersih(), adaptors=_adaptor_staging())
    except BerkasXlsxSalah as exc:
        # Past a cap while reading (a sheet without a dimension): the whole file is refused.
        hasil.kesalahan = [Kesalahan(1, "", str(exc))]
        return hasil
    # The lookups in the large tables below are written as scalar subqueries: one index probe
    # per staging row whatever the planner believes of a table (a hash join would read all of
    # pegawai_pegawai or auth_user, however bloated) and of the temporary table (which has no
    # statistics).
    with transaction.atomic():
        _jit_mati()
        # 2. Rows against each other: duplicate NIPs and NIKs within the file. Only rows
        # sharing a NIP or a NIK with another row can be affected: those (and only those) are
        # read back and go through the rule in file order; the rows not kept leave the table.
        _kembar(hasil)
        _sql(f"CREATE UNIQUE INDEX {STAGING}_nip ON {STAGING} (nip)")
        _sql(f"CREATE INDEX {STAGING}_atasan ON {STAGING} (nip_atasan)")

        # 3. Rows against the database: existing NIPs and their scope, NIK owners, atasan.
        id_lama = f"(SELECT p.id FROM {_P} p WHERE p.nip = {STAGING}.nip)"
        _sql(f"UPDATE {STAGING} SET pegawai_id = {id_lama}, ada = TRUE WHERE {id_lama} IS NOT "
             "NULL")  # fmt: skip
        _periksa_basis_data(hasil, oleh, penuh)

    hasil.kesalahan.sort(
        key=lambda k: (k.baris, list(KOLOM).index(k.kolom) if k.kolom in KOLOM else -1)
    )
    if hasil.kesalahan and not lewati_baris_salah:
        return hasil
    if hasil.kesalahan:
        hasil.baris_dilewati.extend(sorted({k.baris for k in hasil.kesalahan}))
        _sql(f"DELETE FROM {STAGING} WHERE status <> 0")  # only valid rows are written

    if progres is not None:
        progres("menyimpan", dibaca)
    with transaction.atomic():
        _jit_mati()
        _tulis(hasil, oleh=oleh, dry_run=dry_run, rinci=rinci)
        if dry_run:
            transaction.set_rollback(True)
    return hasil


_P = "pegawai_pegawai"
_DATA_BANDING = ", ".join(KOLOM_DATA[1:-2])  # what makes two rows the same (unit id aside)


def _kembar(hasil: HasilImpor) -> None:
    """The in-file duplicate rule over the rows that share a NIP or a NIK with another row:
    an exact copy of a kept row is skipped; another row with its NIP, or with the NIK of a
    kept row, is refused; the first row of each NIP/NIK that is not refused is kept."""
    baris = _sql(
        f"SELECT baris, {_DATA_BANDING} FROM {STAGING} s WHERE s.nip IN (SELECT nip FROM "
        f"{STAGING} GROUP BY nip HAVING COUNT(*) > 1) OR (s.nik <> '' AND s.nik IN (SELECT nik "
        f"FROM {STAGING} WHERE nik <> '' GROUP BY nik HAVING COUNT(*) > 1)) ORDER BY baris"
    )
    i_nip, i_nik = 1, 2
    per_nip: dict[str, tuple[Any, ...]] = {}
    per_nik: dict[str, tuple[Any, ...]] = {}
    buang: list[int] = []
    for b in baris:
        nip = b[i_nip]
        sebelumnya = per_nip.get(nip)
        if sebelumnya is not None:
            buang.append(b[0])
            if sebelumnya[1:] == b[1:]:
                hasil.baris_dilewati.append(b[0])  # an exact duplicate: harmless
            else:
                hasil.kesalahan.append(Kesalahan(
                    b[0], "NIP",
                    f"NIP {nip} sudah ada di baris {sebelumnya[0]} dengan data berbeda.",
                ))  # fmt: skip
            continue
        nik = b[i_nik]
        if nik and nik in per_nik:
            buang.append(b[0])
            hasil.kesalahan.append(
                Kesalahan(b[0], "NIK", f"NIK sama dengan baris {per_nik[nik][0]} (NIP berbeda).")
            )
            continue
        per_nip[nip] = b
        if nik:
            per_nik[nik] = b
    for bagian in _chunks(buang):
        _sql(f"DELETE FROM {STAGING} WHERE baris IN ({', '.join(['%s'] * len(bagian))})", bagian)


def _periksa_basis_data(hasil: HasilImpor, oleh: User | None, penuh: bool) -> None:
    """Refuse rows outside the importer's units, existing employees they may not manage, NIKs
    held by another employee, atasan found nowhere; then the staff of a refused atasan and
    rows whose atasan chain is a cycle. Only the refused rows are read back."""
    if penuh:
        luar, params_dikelola = "FALSE", []
    else:
        sub, params_dikelola = _subkueri(pegawai_dikelola(oleh))
        luar = f"(s.ada AND s.pegawai_id NOT IN ({sub}))"
    pemilik = (f"(SELECT p.nip FROM {_P} p WHERE s.nik <> '' AND p.nik = s.nik AND p.nik <> '' "
               "AND p.nip <> s.nip)")  # fmt: skip
    hilang = (f"(s.nip_atasan <> '' AND NOT EXISTS (SELECT 1 FROM {STAGING} a WHERE a.nip = "
              f"s.nip_atasan) AND (SELECT p.id FROM {_P} p WHERE p.nip = s.nip_atasan) IS NULL)")
    salah = _sql(
        f"SELECT * FROM (SELECT s.baris, s.nip, s.kode_unit, s.unit_id, s.unit_boleh, {luar} "
        f"AS luar, {pemilik} AS pemilik, {hilang} AS hilang, s.nip_atasan FROM {STAGING} s) x "
        "WHERE x.unit_id IS NULL OR NOT x.unit_boleh OR x.luar OR x.pemilik IS NOT NULL OR "
        "x.hilang ORDER BY x.baris",
        params_dikelola,
    )
    pemilik_nip = {r[6] for r in salah if r[6] is not None}
    if penuh or not pemilik_nip:
        terlihat = pemilik_nip
    else:
        # The other holder of a NIK is named only when the importer may manage them.
        terlihat = set(
            pegawai_dikelola(oleh).filter(nip__in=pemilik_nip).values_list("nip", flat=True)
        )
    for baris, nip, kode_unit, unit, boleh, luar_, pemilik_, hilang_, nip_atasan in salah:
        if unit is None:
            hasil.kesalahan.append(Kesalahan(
                baris, "Kode Unit Kerja", f"Kode unit kerja {kode_unit!r} tidak dikenal."
            ))  # fmt: skip
        elif not boleh:
            hasil.kesalahan.append(Kesalahan(
                baris, "Kode Unit Kerja", f"Unit kerja {kode_unit} di luar wewenang Anda."
            ))  # fmt: skip
        if luar_:
            hasil.kesalahan.append(
                # Say nothing of where the NIP lives: the operator may not know it exists.
                Kesalahan(
                    baris,
                    "NIP",
                    f"Baris dengan NIP {nip} tidak dapat diimpor ke unit kerja Anda. Bila "
                    "pegawai ini pindah ke unit Anda, ajukan mutasinya melalui BKD.",
                )
            )
        if pemilik_ is not None:
            tampak = f" (NIP {pemilik_})" if pemilik_ in terlihat else ""
            hasil.kesalahan.append(
                Kesalahan(baris, "NIK", f"NIK sudah dipakai pegawai lain{tampak}.")
            )
        if hilang_:
            hasil.kesalahan.append(Kesalahan(
                baris, "NIP Atasan",
                f"NIP atasan {nip_atasan} tidak ditemukan di berkas maupun di data pegawai.",
            ))  # fmt: skip
    for bagian in _chunks([r[0] for r in salah]):
        _sql(f"UPDATE {STAGING} SET status = 1 WHERE baris IN ({', '.join(['%s'] * len(bagian))})",
             bagian)  # fmt: skip

    # An atasan row that failed takes its staff with it (down the whole chain).
    if salah:
        _sql(
            f"WITH RECURSIVE turun(nip) AS (SELECT nip FROM {STAGING} WHERE status = 1 UNION "
            f"SELECT s.nip FROM {STAGING} s JOIN turun t ON s.nip_atasan = t.nip WHERE "
            f"s.status = 0) UPDATE {STAGING} SET status = 2 WHERE status = 0 AND nip IN "
            "(SELECT nip FROM turun)"
        )
        for baris, nip_atasan, baris_atasan in _sql(
            f"SELECT s.baris, s.nip_atasan, a.baris FROM {STAGING} s JOIN {STAGING} a ON "
            "a.nip = s.nip_atasan WHERE s.status = 2 ORDER BY s.baris"
        ):
            hasil.kesalahan.append(Kesalahan(
                baris, "NIP Atasan", f"Atasan {nip_atasan} (baris {baris_atasan}) tidak valid."
            ))  # fmt: skip
    # So does a cycle of atasan: a valid row whose chain of valid atasan never ends.
    _sql(
        f"WITH RECURSIVE ujung(nip) AS (SELECT s.nip FROM {STAGING} s WHERE s.status = 0 AND "
        f"(s.nip_atasan = '' OR NOT EXISTS (SELECT 1 FROM {STAGING} a WHERE a.nip = "
        f"s.nip_atasan AND a.status = 0)) UNION SELECT s.nip FROM {STAGING} s JOIN ujung u ON "
        f"s.nip_atasan = u.nip WHERE s.status = 0) UPDATE {STAGING} SET status = 3 WHERE "
        f"status = 0 AND NOT EXISTS (SELECT 1 FROM ujung u WHERE u.nip = {STAGING}.nip)"
    )
    for (baris,) in _sql(f"SELECT baris FROM {STAGING} WHERE status = 3 ORDER BY baris"):
        hasil.kesalahan.append(
            Kesalahan(baris, "NIP Atasan", "Rantai atasan membentuk lingkaran.")
        )


ALASAN_IMPOR = "Impor berkas pegawai"


def _tulis(hasil: HasilImpor, *, oleh: User | None, dry_run: bool, rinci: bool) -> None:
    """Write the valid rows (those left in the staging table): one pass makes `TULIS` (ids
    drawn, atasan ids, the existing employee's changes and account, which history entries are
    new), then new ones go in by INSERT ... SELECT, changed ones by UPDATE, the audit rows
    alike."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    oleh_id = oleh.pk if oleh else None
    beda = _beda()
    # An existing row changes with any copied field, the unit, active, or its atasan's NIP.
    banding = " OR ".join(
        [f"p.{f} {beda} s.{f}" for f in FIELD_SALIN]
        + [f"p.unit_kerja_id {beda} s.unit_id", f"p.aktif {beda} s.aktif",
           "COALESCE(pa.nip, '') <> s.nip_atasan"]
    )  # fmt: skip
    # Login accounts: one user per pegawai, username = NIP, no usable password until the
    # employee sets one through "lupa kata sandi" (hashing 10,000 passwords takes minutes). An
    # account already named by the NIP is linked instead.
    lama = f"FROM {_P} p WHERE p.id = s.pegawai_id"
    dasar = (
        "SELECT y.*, (NOT y.ada OR y.user_lama IS NULL) AS perlu_akun FROM (SELECT s.baris, "
        f"s.nip, {', '.join('s.' + f for f in FIELD_SALIN)}, s.aktif, s.unit_id, s.nip_atasan, "
        f"s.ada, s.pegawai_id, CASE WHEN s.ada THEN (SELECT p.user_id {lama}) END AS user_lama, "
        f"CASE WHEN s.ada THEN (SELECT p.aktif {lama}) END AS aktif_lama, CASE WHEN s.ada THEN "
        f"(SELECT {banding} FROM {_P} p LEFT JOIN {_P} pa ON pa.id = p.atasan_id WHERE p.id = "
        "s.pegawai_id) ELSE FALSE END AS berubah, (SELECT u.id FROM auth_user u WHERE "
        "u.username = s.nip) AS user_ada, "
        "(s.tmt_golongan IS NOT NULL AND (NOT s.ada OR NOT EXISTS (SELECT 1 FROM "
        "pegawai_riwayatpangkat r WHERE r.pegawai_id = s.pegawai_id AND r.golongan = "
        "s.golongan))) AS pangkat_baru, "
        "(s.pendidikan_jenjang <> '' AND (NOT s.ada OR NOT EXISTS (SELECT 1 FROM "
        "pegawai_riwayatpendidikan r WHERE r.pegawai_id = s.pegawai_id AND r.jenjang = "
        "s.pendidikan_jenjang AND r.jurusan = s.pendidikan_jurusan))) AS pendidikan_baru "
        f"FROM {STAGING} s) y"
    )
    ubah = f"(d.ada AND (d.berubah OR (d.user_lama IS NULL AND {'TRUE' if dry_run else 'FALSE'})))"
    if not dry_run:
        # Ids first (new employees, accounts, history entries), so every row's atasan id is
        # known and one INSERT writes each table (the atasan foreign key is checked at commit:
        # Django's constraints are DEFERRABLE INITIALLY DEFERRED). The employee ids are a
        # narrow CTE used twice, computed once: PostgreSQL draws each id once.
        materi = "MATERIALIZED " if connection.vendor == "postgresql" else ""
        akun_baru = "d.perlu_akun AND d.user_ada IS NULL"
        _sql(
            f"CREATE TEMPORARY TABLE {TULIS} AS WITH i AS {materi}(SELECT baris, nip, CASE WHEN "
            f"ada THEN pegawai_id ELSE {_id_baru(Pegawai, 'NOT ada', 'baris')} END AS pid FROM "
            f"{STAGING}) SELECT d.*, i.pid, CASE WHEN d.nip_atasan = '' THEN "
            f"NULL ELSE COALESCE(a.pid, (SELECT q.id FROM {_P} q WHERE q.nip = d.nip_atasan)) "
            f"END AS atasan_baru, CASE WHEN d.perlu_akun THEN COALESCE(d.user_ada, "
            f"{_id_baru(User, akun_baru, 'd.baris')}) END AS user_baru, {akun_baru} AS akun_baru, "
            f"{_id_baru(RiwayatPangkat, 'd.pangkat_baru', 'd.baris')} AS pangkat_id, "
            f"{_id_baru(RiwayatPendidikan, 'd.pendidikan_baru', 'd.baris')} AS pendidikan_id "
            f"FROM ({dasar}) d JOIN i ON i.baris = d.baris LEFT JOIN i a ON a.nip = d.nip_atasan"
        )
        dasar = f"SELECT * FROM {TULIS}"
    ((akun, dibuat, diubah, semua),) = _sql(
        "SELECT SUM(CASE WHEN d.perlu_akun AND d.user_ada IS NULL THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN d.ada THEN 0 ELSE 1 END), SUM(CASE WHEN {ubah} THEN 1 ELSE 0 END), "
        f"COUNT(*) FROM ({dasar}) d"
    )
    hasil.akun_dibuat, hasil.jumlah_dibuat, hasil.jumlah_diubah = (
        int(akun or 0), int(dibuat or 0), int(diubah or 0),
    )  # fmt: skip
    hasil.jumlah_tidak_berubah = semua - hasil.jumlah_dibuat - hasil.jumlah_diubah
    if rinci:
        lama: list[tuple[str, int, bool]] = []
        for nip, baris, ada, diubah_ in _sql(
            f"SELECT d.nip, d.baris, d.ada, {ubah} FROM ({dasar}) d ORDER BY d.baris"
        ):
            if not ada:
                hasil.dibuat.append(nip)
                hasil.status_baris[nip] = (baris, "new")
            else:
                lama.append((nip, baris, bool(diubah_)))
        for nip, baris, diubah_ in lama:
            (hasil.diubah if diubah_ else hasil.tidak_berubah).append(nip)
            hasil.status_baris[nip] = (baris, "update" if diubah_ else "skip")
    if dry_run:
        return

    T = TULIS
    # No usable password (Django's "!" and 40 random characters, drawn by the database).
    acak = ("substr(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 1, 40)"
            if connection.vendor == "postgresql" else "lower(hex(randomblob(20)))")  # fmt: skip
    kolom_user = {"id": "user_baru", "password": f"%s || {acak}", "last_login": "NULL",
                  "is_superuser": "FALSE", "username": "nip", "first_name": "SUBSTR(nama, 1, 150)",
                  "last_name": "''", "email": "email", "is_staff": "FALSE", "is_active": "TRUE",
                  "date_joined": "%s"}  # fmt: skip
    _sisip_dari(T, User._meta.db_table, kolom_user, "akun_baru",
                [UNUSABLE_PASSWORD_PREFIX, now])  # fmt: skip
    nilai_pegawai = {"id": "pid", "user_id": "user_baru", "nip": "nip",
                     **{f: f for f in FIELD_SALIN}, "unit_kerja_id": "unit_id",
                     "atasan_id": "atasan_baru", "aktif": "aktif", "dibuat": "%s",
                     "diubah": "%s"}  # fmt: skip
    _sisip_dari(T, _P, nilai_pegawai, "NOT ada", [now, now])
    _sisip_jejak(T, Pegawai, nilai_pegawai, "NOT ada", [now, now], now, oleh_id)

    # Changed pegawai, and existing ones given an account; their audit rows from the table.
    ((ada_ubah,),) = _sql(f"SELECT COUNT(*) FROM {T} WHERE ada AND (berubah OR user_lama IS NULL)")
    if ada_ubah:
        _sql(f"CREATE INDEX {T}_pid ON {T} (pid)")
        kolom_ubah = [*FIELD_SALIN, "unit_kerja_id", "aktif", "atasan_id"]
        sumber = [*FIELD_SALIN, "unit_id", "aktif", "atasan_baru"]
        _sql(
            f"UPDATE {_P} SET ({', '.join(kolom_ubah)}, diubah, user_id) = (SELECT "
            f"{', '.join('t.' + k for k in sumber)}, %s, COALESCE({_P}.user_id, t.user_baru) "
            f"FROM {T} t WHERE t.pid = {_P}.id) WHERE id IN (SELECT pid FROM {T} WHERE ada AND "
            "berubah)",
            [now],
        )
        _sql(f"UPDATE {_P} SET user_id = (SELECT t.user_baru FROM {T} t WHERE t.pid = {_P}.id) "
             f"WHERE id IN (SELECT pid FROM {T} WHERE ada AND NOT berubah AND user_lama IS "
             "NULL)")  # fmt: skip
        hist = Pegawai.history.model
        kolom_hist = kolom_model(hist, tanpa=["history_id"])
        meta = {"history_date": "%s", "history_change_reason": "%s", "history_type": "'~'",
                "history_user_id": "%s"}  # fmt: skip
        _sql(
            f"INSERT INTO {hist._meta.db_table} ({', '.join(kolom_hist)}) SELECT "
            f"{', '.join(meta.get(k, 'p.' + k) for k in kolom_hist)} FROM {_P} p WHERE p.id IN "
            f"(SELECT pid FROM {T} WHERE ada AND (berubah OR user_lama IS NULL))",
            [now, ALASAN_IMPOR, oleh_id],
        )

    # Rank and education as history entries (once each: not again for an existing employee
    # who has that rank, or that education, already).
    for model, kolom_id, nilai in (
        (RiwayatPangkat, "pangkat_id",
         {"id": "pangkat_id", "pegawai_id": "pid", "golongan": "golongan", "tmt": "tmt_golongan",
          "nomor_sk": "''", "tanggal_sk": "NULL"}),
        (RiwayatPendidikan, "pendidikan_id",
         {"id": "pendidikan_id", "pegawai_id": "pid", "jenjang": "pendidikan_jenjang",
          "jurusan": "pendidikan_jurusan", "institusi": "''", "tahun_lulus": "NULL"}),
    ):  # fmt: skip
        ditulis = f"{kolom_id} IS NOT NULL"
        _sisip_dari(T, model._meta.db_table, nilai, ditulis, [])
        _sisip_jejak(T, model, nilai, ditulis, [], now, oleh_id)

    # Set-based updates send no post_save: revoke here what a single deactivation revokes.
    token_cabut_akun(user_ids=[u for (u,) in _sql(
        f"SELECT user_lama FROM {T} WHERE ada AND aktif_lama AND NOT aktif AND user_lama IS "
        "NOT NULL"
    )])  # fmt: skip
    # A page of rows per signal: the receivers' per-row objects (jabatan's placements) never
    # exist for the whole file at once. Each employee is in one page only.
    terakhir = 0
    while True:
        halaman = _sql(
            f"SELECT baris, pid, nip, nama_jabatan, jenis_jabatan, unit_id, atasan_baru FROM {T} "
            "WHERE baris > %s ORDER BY baris LIMIT %s",
            [terakhir, POTONG_SINYAL],
        )
        if not halaman:
            break
        terakhir = halaman[-1][0]
        pegawai_diimpor.send(
            sender=Pegawai,
            oleh=oleh,
            baris=[
                {"pegawai_id": pid, "nip": nip, "nama_jabatan": jabatan,
                 "jenis_jabatan": jenis, "unit_kerja_id": unit, "atasan_id": atasan}
                for _, pid, nip, jabatan, jenis, unit, atasan in halaman
            ],
        )  # fmt: skip


def _sisip_dari(
    sumber: str, tabel: str, nilai: dict[str, str], syarat: str, params: Sequence[Any]
) -> None:
    """INSERT INTO `tabel` the rows of `sumber` matching `syarat`: {column: SQL expression}."""
    _sql(f"INSERT INTO {tabel} ({', '.join(nilai)}) SELECT {', '.join(nilai.values())} "
         f"FROM {sumber} WHERE {syarat}", params)  # fmt: skip


def _sisip_jejak(
    sumber: str, model: type[Any], nilai: dict[str, str], syarat: str, params: Sequence[Any],
    now: Any, oleh_id: int | None,
) -> None:
    """Creation rows ("+") in a model's simple-history table for the rows just inserted from
    `sumber` with the expressions `nilai` (and their `params`, in order)."""
    hist = model.history.model
    kolom = kolom_model(hist, tanpa=["history_id"])
    meta = {"history_date": ("%s", [now]), "history_change_reason": ("%s", [ALASAN_IMPOR]),
            "history_type": ("'+'", []), "history_user_id": ("%s", [oleh_id])}  # fmt: skip
    ekspresi: list[str] = []
    urut: list[Any] = []  # the parameters in the order their placeholders appear
    sisa = iter(params)
    for k in kolom:
        if k in meta:
            ekspresi.append(meta[k][0])
            urut.extend(meta[k][1])
        else:
            ekspresi.append(nilai[k])
            if nilai[k] == "%s":
                urut.append(next(sisa))
    _sql(f"INSERT INTO {hist._meta.db_table} ({', '.join(kolom)}) SELECT {', '.join(ekspresi)} "
         f"FROM {sumber} WHERE {syarat}", urut)  # fmt: skip
