"""`python manage.py seed_scale --pegawai N --bulan M`: a provincial-scale data set for benchmarks.

What it builds, all consistent with the domain rules:

- the 30 units of `unit_kerja_lampung.csv`, each with generated bidang and seksi below it;
- N employees with an atasan hierarchy (kepala unit → kepala bidang → kepala seksi → 19
  staff), a login account each (no usable password), valid NIP/NIK;
- per year covered (and this year), an approved SKP with three RHK (two main RHK cascading
  from the atasan's, or from the unit's perjanjian kinerja for a unit head, one additional),
  an indicator each;
- daily reports on every working day of the M months ending with `--sampai` (0–2 a day,
  1 on average: ~22 per employee per month), mostly approved by the atasan, some returned,
  some waiting;
- appraisals for every appraisal period ending in those months, with the RHK realisations
  summed from the approved reports, and some public complaints;
- (issue 17) an annual appraisal for each year the next kenaikan pangkat period reads and
  last year, the jabatan catalogue with one active placement per employee, competency
  assessments, angka kredit conversions of the jabatan fungsional, this and last year's JP
  records, IKM survey answers and last year's 9-box profile (proportions in
  docs/PERFORMANCE.md).

Rows go in by PostgreSQL `COPY ... FROM STDIN`, streamed from generators (never the ORM row by
row). Like pg_restore, each big table is loaded without its secondary indexes and foreign keys,
which are re-created (and so re-validated) right after, in the same transaction: nothing is
left half-built if the command fails. Training sessions and enrolments are not generated
(the JP records stand for them). For a dedicated benchmark database only: `--reset` empties
the tables first.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction

from bench.sintetis import NAMA_BELAKANG, NAMA_DEPAN
from inti import waktu as inti_waktu
from jabatan.models import AsesmenKompetensi, Jabatan, Penempatan, StandarKompetensi
from jabatan.services import katalog_isi
from karier import pengaturan as pengaturan_karier
from karier import rules as rules_karier
from karier.models import ProfilTalenta
from kinerja import pengaturan
from kinerja import rules as rules_kinerja
from kinerja.models import (
    AngkaKredit,
    IndikatorKinerja,
    LaporanHarian,
    Penilaian,
    PerjanjianKinerja,
    Rhk,
    Skp,
)
from pegawai.models import Pegawai, UnitKerja
from pegawai.services import DEFAULT_UNIT_CSV, unit_csv_baca, unit_kerja_muat
from pelatihan.models import CatatanJP
from pelatihan.services import jp_tahunan_hitung_ulang
from pengaduan.models import HariLibur, Pengaduan, SurveiKepuasan
from pengaduan.rules import ALFABET_KODE

# Share of the employees per unit of the CSV (others weigh 1): schools and hospitals are big.
BOBOT_UNIT = {"DISDIKBUD-SMA": 24, "DISDIKBUD-SMK": 14, "RSUDAM": 6, "DISKES-YANKES": 3}
BIDANG_PER_UNIT_SEKSI = 6  # seksi per bidang
STAF_PER_SEKSI = 19
WIB = timedelta(hours=7)
# Tables emptied by --reset (CASCADE takes what references them: kinerja, pengaduan, ...).
TABEL_RESET = [
    "auth_user",
    "pegawai_unitkerja",
    "pegawai_historicalpegawai",
    "pegawai_historicalunitkerja",
    "pegawai_historicalriwayatpangkat",
    "pegawai_historicalriwayatpendidikan",
]

KOTA = ["Bandar Lampung", "Metro", "Kalianda", "Pringsewu", "Kotabumi", "Liwa", "Menggala"]
KEGIATAN = ["Menyusun laporan", "Memverifikasi dokumen", "Melayani konsultasi",
            "Mengolah data", "Menyiapkan bahan rapat", "Mengarsipkan surat",
            "Memeriksa usulan", "Mengajar kelas", "Melakukan kunjungan lapangan",
            "Memperbarui basis data"]  # fmt: skip
# (jenjang, jurusan, gelar belakang)
PENDIDIKAN = [("S1", "Manajemen", "S.E."), ("S1", "Ilmu Komputer", "S.Kom."),
              ("S1", "Pendidikan Matematika", "S.Pd."), ("S1", "Kesehatan Masyarakat", "S.K.M."),
              ("S2", "Administrasi Publik", "M.A.P."), ("D3", "Akuntansi", "A.Md."),
              ("SLTA", "IPA", "")]  # fmt: skip


# --- COPY ---------------------------------------------------------------------------------


class _Aliran:
    """A read-only file over an iterator of text chunks: what `copy_expert` reads from."""

    def __init__(self, potongan: Iterator[str]) -> None:
        self._potongan = potongan

    def read(self, size: int = -1) -> str:
        return next(self._potongan, "")


def _per_potong(baris: Iterable[str], n: int = 4000) -> Iterator[str]:
    kumpul: list[str] = []
    for b in baris:
        kumpul.append(b)
        if len(kumpul) >= n:
            yield "".join(kumpul)
            kumpul = []
    if kumpul:
        yield "".join(kumpul)


def _teks(v: Any) -> str:
    """One value in COPY's text format."""
    if v is None:
        return "\\N"
    if isinstance(v, bool):
        return "t" if v else "f"
    if isinstance(v, date | datetime):
        return v.isoformat()
    s = str(v)
    if "\\" in s or "\t" in s or "\n" in s:
        s = s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    return s


def baris_teks(nilai: Sequence[Any]) -> str:
    return "\t".join(_teks(v) for v in nilai) + "\n"


def copy_masuk(model: type[models.Model], kolom: Sequence[str], baris: Iterable[str]) -> None:
    """COPY lines (already in text format, `kolom` order, attnames) into the model's table."""
    kolom_db = {f.attname: f.column for f in model._meta.concrete_fields}
    qn = connection.ops.quote_name
    cols = ", ".join(qn(kolom_db[k]) for k in kolom)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {qn(model._meta.db_table)} ({cols}) FROM STDIN", _Aliran(_per_potong(baris))
        )


def copy_dict(model: type[models.Model], baris: Iterable[dict[str, Any]]) -> None:
    """COPY dicts keyed by attname; every concrete column must be present."""
    kolom = [f.attname for f in model._meta.concrete_fields]
    copy_masuk(model, kolom, (baris_teks([b[k] for k in kolom]) for b in baris))


@contextmanager
def muat_cepat(*daftar: type[models.Model]) -> Iterator[None]:
    """Load without secondary indexes and foreign keys, then re-create them (pg_restore's
    order). Primary keys and unique constraints stay. Only inside a transaction."""
    qn = connection.ops.quote_name
    simpan: list[tuple[str, str, list, list]] = []
    with connection.cursor() as c:
        # Deferred checks of rows written earlier in this transaction block an ALTER TABLE.
        c.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for model in daftar:
            tabel = model._meta.db_table
            c.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype = 'f'",
                [tabel],
            )
            fk = c.fetchall()
            c.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
                "FROM pg_index i WHERE i.indrelid = %s::regclass AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)",
                [tabel],
            )
            indeks = c.fetchall()
            for nama, _ in fk:
                c.execute(f"ALTER TABLE {qn(tabel)} DROP CONSTRAINT {qn(nama)}")
            for nama, _ in indeks:
                c.execute(f"DROP INDEX {nama}")
            simpan.append((tabel, model.__name__, fk, indeks))
    yield
    with connection.cursor() as c:
        for tabel, _, fk, indeks in simpan:
            for _, definisi in indeks:
                c.execute(definisi)
            for nama, definisi in fk:
                c.execute(f"ALTER TABLE {qn(tabel)} ADD CONSTRAINT {qn(nama)} {definisi}")
        c.execute("SET CONSTRAINTS ALL DEFERRED")


def id_berikut(model: type[models.Model]) -> int:
    tabel = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as c:
        c.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {tabel}")
        return c.fetchone()[0]


def sesuaikan_urutan(*daftar: type[models.Model]) -> None:
    """Move each id sequence past the ids written explicitly."""
    with connection.cursor() as c:
        for model in daftar:
            tabel = model._meta.db_table
            maks = f"(SELECT MAX(id) FROM {connection.ops.quote_name(tabel)})"
            c.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE({maks}, 0) + 1, false)",
                [tabel],
            )


# --- The organisation ----------------------------------------------------------------------


@dataclass
class Susunan:
    """Generated units (kode, nama, induk kode) and employees (unit kode, atasan index, role)."""

    unit: list[tuple[str, str, str]] = field(default_factory=list)
    pegawai: list[tuple[str, int, str]] = field(default_factory=list)


def bagi_anggaran(n: int, bobot: dict[str, int]) -> dict[str, int]:
    total = sum(bobot.values())
    hasil = {k: n * w // total for k, w in bobot.items()}
    sisa = n - sum(hasil.values())
    for k in sorted(bobot, key=lambda k: -bobot[k])[:sisa]:
        hasil[k] += 1
    return hasil


def susun_organisasi(n: int, unit_csv: Sequence[UnitKerja]) -> Susunan:
    """Heads first, then their staff, so every atasan comes before its subordinates."""
    anggaran = bagi_anggaran(n, {u.kode: BOBOT_UNIT.get(u.kode, 1) for u in unit_csv})
    s = Susunan()
    kepala: dict[str, int] = {}

    def tambah(unit: str, atasan: int, peran: str) -> int:
        s.pegawai.append((unit, atasan, peran))
        return len(s.pegawai) - 1

    for u in unit_csv:  # ordered by path: a parent before its sub-units
        sisa = anggaran[u.kode]
        if not sisa:
            continue
        induk = kepala.get(u.parent.kode, -1) if u.parent_id else -1
        kepala[u.kode] = k = tambah(u.kode, induk, "kepala")
        sisa -= 1
        b = 0
        while sisa > 0:
            b += 1
            kode_b = f"{u.kode}-B{b:03d}"
            s.unit.append((kode_b, f"Bidang {b} {u.singkatan or u.nama}", u.kode))
            kabid = tambah(kode_b, k, "kabid")
            sisa -= 1
            for j in range(1, BIDANG_PER_UNIT_SEKSI + 1):
                if sisa <= 0:
                    break
                kode_s = f"{kode_b}-S{j}"
                s.unit.append((kode_s, f"Seksi {j} Bidang {b} {u.singkatan or u.nama}", kode_b))
                kasi = tambah(kode_s, kabid, "kasi")
                sisa -= 1
                for _ in range(min(STAF_PER_SEKSI, sisa)):
                    tambah(kode_s, kasi, "staf")
                    sisa -= 1
    return s


JABATAN = {
    "kepala": ("Kepala", "JPT Pratama", ["IV/c", "IV/d"]),
    "kabid": ("Kepala Bidang", "Administrator", ["IV/a", "IV/b"]),
    "kasi": ("Kepala Seksi", "Pengawas", ["III/c", "III/d"]),
    "staf": ("Analis", "Pelaksana", ["II/c", "II/d", "III/a", "III/b", "III/c"]),
}
# Years between birth and TMT CPNS: 18–19 or 31–35. The synthetic import rows of
# pegawai/sintetis.py use 20–30, so the import benchmark never meets a seeded NIP.
SELISIH_TMT = [18, 19, 31, 32, 33, 34, 35]


# Distinct (TMT, serial) pairs, hence distinct NIPs: 36 years x 12 months x 999 for PNS,
# 7 years x 9 intakes x 999 for PPPK (one staff member in seven).
MAKS_PEGAWAI = min(36 * 12 * 999, 7 * 9 * 999 * 7) // 1000 * 1000


def identitas(i: int, ke: int, pppk: bool, acak: random.Random) -> tuple[str, str, date, str]:
    """(NIP, NIK, birth date, gender) of employee `i`, the `ke`-th PNS or PPPK. Unique by
    construction: the TMT and serial come from `ke`, the NIK's region and serial from `i`."""
    blok, urut = divmod(ke, 999)
    kelamin = acak.choice("LP")
    g = "1" if kelamin == "L" else "2"
    if pppk:
        tahun_tmt = 2019 + blok % 7
        kode = f"2{1 + blok // 7}"
    else:
        tahun_tmt = 1990 + blok // 12
        kode = f"{1 + blok % 12:02d}"
    lahir = date(tahun_tmt - acak.choice(SELISIH_TMT), acak.randint(1, 12), acak.randint(1, 28))
    nip = f"{lahir:%Y%m%d}{tahun_tmt}{kode}{g}{urut + 1:03d}"
    wilayah, nomor = divmod(i, 9999)
    hari = lahir.day + (40 if kelamin == "P" else 0)
    nik = f"18{1 + wilayah % 13:02d}{10 + wilayah // 13:02d}{hari:02d}{lahir:%m%y}{nomor + 1:04d}"
    return nip, nik, lahir, kelamin


# --- The command ---------------------------------------------------------------------------


def bulan_mundur(akhir: date, m: int) -> list[date]:
    bulan = []
    b = akhir.replace(day=1)
    for _ in range(m):
        bulan.append(b)
        b = (b - timedelta(days=1)).replace(day=1)
    return sorted(bulan)


def bawaan_sampai(hari_ini: date) -> date:
    """The last month of a closed quarter before this month: its appraisals exist."""
    b = (hari_ini.replace(day=1) - timedelta(days=1)).replace(day=1)
    while b.month % 3:
        b = (b - timedelta(days=1)).replace(day=1)
    return b


def waktu(tanggal: date, jam: int, menit: int = 0) -> datetime:
    """A Jakarta wall-clock time as an aware UTC datetime."""
    return datetime(tanggal.year, tanggal.month, tanggal.day, jam, menit, tzinfo=UTC) - WIB


class Command(BaseCommand):
    help = "Membangun data skala provinsi (unit, pegawai, SKP, laporan harian, ...) lewat COPY."

    def add_arguments(self, parser):
        parser.add_argument("--pegawai", type=int, default=1000, help="Jumlah pegawai.")
        parser.add_argument("--bulan", type=int, default=1, help="Jumlah bulan laporan harian.")
        parser.add_argument(
            "--sampai",
            help="Bulan terakhir YYYY-MM (bawaan: akhir triwulan terakhir yang sudah lewat).",
        )
        parser.add_argument("--seed", type=int, default=2026, help="Benih acak.")
        parser.add_argument(
            "--reset", action="store_true", help="Kosongkan tabel pegawai, kinerja, ... dahulu."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Izinkan --reset pada database yang namanya tanpa 'bench' atau 'test'.",
        )

    def handle(self, *args, **o):
        if connection.vendor != "postgresql":
            raise CommandError("seed_scale memerlukan PostgreSQL (COPY); atur DATABASE_URL.")
        if o["pegawai"] < 1 or o["bulan"] < 1:
            raise CommandError("--pegawai dan --bulan harus paling sedikit 1.")
        if o["pegawai"] > MAKS_PEGAWAI:
            raise CommandError(f"--pegawai paling banyak {MAKS_PEGAWAI:,} (NIP unik).")
        nama_db = connection.settings_dict["NAME"]
        if o["reset"] and not o["force"] and not ("bench" in nama_db or "test" in nama_db):
            raise CommandError(
                f"--reset mengosongkan data pegawai di database {nama_db!r}; gunakan database "
                "khusus benchmark (nama memuat 'bench'), atau --force bila memang disengaja."
            )
        try:
            sampai = (
                rules_kinerja.bulan_awal(o["sampai"])
                if o["sampai"]
                else bawaan_sampai(inti_waktu.hari_ini())
            )
        except rules_kinerja.AturanError as exc:
            raise CommandError(f"--sampai: {exc}") from None
        mulai = time.perf_counter()
        with transaction.atomic():
            if o["reset"]:
                qn = connection.ops.quote_name
                with connection.cursor() as c:
                    c.execute(
                        f"TRUNCATE {', '.join(qn(t) for t in TABEL_RESET)} RESTART IDENTITY CASCADE"
                    )
            elif Pegawai.objects.exists():
                raise CommandError("Database sudah berisi pegawai; tambahkan --reset.")
            hitung = Pembangun(self, o["pegawai"], bulan_mundur(sampai, o["bulan"]), o["seed"])
            hitung.bangun()
        with connection.cursor() as c:
            for model in (LaporanHarian, Pegawai, Rhk, Skp, Penilaian, User, UnitKerja):
                c.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(model._meta.db_table)}")
            # and statistics for every other table written (indicators, realisations, tokens
            # ...): left to autovacuum, a page's plan was made on an "empty" table (issue 17).
            c.execute("ANALYZE")
        detik = time.perf_counter() - mulai
        self.stdout.write(
            f"seed_scale: {hitung.ringkasan()} dalam {detik:.1f} s "
            f"({o['pegawai']:,} pegawai x {o['bulan']} bulan sampai {sampai:%Y-%m})"
        )


class Pembangun:
    def __init__(self, cmd: BaseCommand, n: int, bulan: list[date], seed: int) -> None:
        self.cmd = cmd
        self.n = n
        self.bulan = bulan
        # This year's SKP too, so reports can be filed today (the API benchmark does); and
        # the years whose annual appraisal the next kenaikan pangkat period reads.
        hari_ini = inti_waktu.hari_ini()
        self.tahun_tahunan = sorted(
            {*pengaturan_karier.periode_kp_berikut(hari_ini).tahun_predikat, hari_ini.year - 1}
        )
        self.tahun = sorted({b.year for b in bulan} | {hari_ini.year} | set(self.tahun_tahunan))
        self.acak = random.Random(seed)
        self.sekarang = datetime.now(UTC)
        self.jumlah: dict[str, int] = {}

    def langkah(self, nama: str, mulai: float, n: int) -> None:
        self.jumlah[nama] = n
        self.cmd.stdout.write(f"  {nama}: {n:,} baris, {time.perf_counter() - mulai:.1f} s")

    def ringkasan(self) -> str:
        return ", ".join(f"{v:,} {k}" for k, v in self.jumlah.items())

    def bangun(self) -> None:
        self.unit_dan_pegawai()
        self.skp_dan_rhk()
        self.laporan()
        self.penilaian()
        self.pengaduan()
        self.penilaian_tahunan()
        self.jabatan_dan_asesmen()
        self.jp_ikm_talenta()
        sesuaikan_urutan(
            UnitKerja, User, Pegawai, PerjanjianKinerja, Skp, Rhk, IndikatorKinerja, Penilaian,
            Penempatan, AsesmenKompetensi, CatatanJP, SurveiKepuasan, ProfilTalenta, AngkaKredit,
        )

    # --- units, accounts, employees ---------------------------------------------------------
    def unit_dan_pegawai(self) -> None:
        t = time.perf_counter()
        if not UnitKerja.objects.exists():
            unit_kerja_muat(rows=unit_csv_baca(DEFAULT_UNIT_CSV))
        unit_csv = list(UnitKerja.objects.select_related("parent").order_by("path"))
        s = susun_organisasi(self.n, unit_csv)
        id_unit = {u.kode: u.pk for u in unit_csv}
        path = {u.kode: u.path for u in unit_csv}
        nomor = id_berikut(UnitKerja)
        baris_unit = []
        for kode, nama, induk in s.unit:
            id_unit[kode] = nomor
            path[kode] = f"{path[induk]}{kode}/"
            baris_unit.append({"id": nomor, "kode": kode, "nama": nama, "singkatan": "",
                               "parent_id": id_unit[induk], "path": path[kode]})  # fmt: skip
            nomor += 1
        with muat_cepat(UnitKerja):
            copy_dict(UnitKerja, baris_unit)
        self.langkah("unit kerja", t, len(unit_csv) + len(baris_unit))

        t = time.perf_counter()
        acak = self.acak
        id_user, id_pegawai = id_berikut(User), id_berikut(Pegawai)
        user, pegawai = [], []
        self.atasan: list[int | None] = []  # pegawai id of each employee's atasan
        self.id_pegawai: list[int] = []
        self.unit_pegawai: list[int] = []
        self.peran: list[str] = []
        ke = {True: 0, False: 0}
        # TMT of the golongan: a quarter between 2016 and 2025 (the kenaikan pangkat list
        # needs some who have served four years and some who have not). Its own stream, so
        # the other columns stay as they were.
        pilih_tmt = random.Random(self.acak.random()).randrange
        for i, (unit, atasan, peran) in enumerate(s.pegawai):
            pppk = peran == "staf" and i % 7 == 3
            nip, nik, lahir, kelamin = identitas(i, ke[pppk], pppk, acak)
            ke[pppk] += 1
            nama = f"{acak.choice(NAMA_DEPAN)} {acak.choice(NAMA_BELAKANG)}"
            jenjang, jurusan, gelar = acak.choice(PENDIDIKAN)
            judul, jenis, golongan = JABATAN[peran]
            pid = id_pegawai + i
            self.id_pegawai.append(pid)
            self.atasan.append(self.id_pegawai[atasan] if atasan >= 0 else None)
            self.unit_pegawai.append(id_unit[unit])
            self.peran.append(peran)
            user.append(
                {
                    "id": id_user + i,
                    "password": f"{UNUSABLE_PASSWORD_PREFIX}seed_scale",
                    "last_login": None,
                    "is_superuser": False,
                    "username": nip,
                    "first_name": nama,
                    "last_name": "",
                    "email": f"{nip}@lampungprov.go.id",
                    "is_staff": False,
                    "is_active": True,
                    "date_joined": self.sekarang,
                }
            )
            pegawai.append({
                "id": pid, "user_id": id_user + i, "nip": nip, "nik": nik, "nama": nama,
                "gelar_depan": "", "gelar_belakang": gelar, "tempat_lahir": acak.choice(KOTA),
                "tanggal_lahir": lahir, "jenis_kelamin": kelamin, "agama": "Islam",
                "status_kepegawaian": "PPPK" if pppk else "PNS",
                "golongan": "IX" if pppk else acak.choice(golongan),
                "tmt_golongan": date(2016 + pilih_tmt(10), 1 + 3 * pilih_tmt(4), 1),
                "pendidikan_jenjang": jenjang,
                "pendidikan_jurusan": jurusan, "unit_kerja_id": id_unit[unit],
                "nama_jabatan": f"{judul} {unit}" if peran != "staf" else "Analis Kebijakan",
                "jenis_jabatan": jenis, "atasan_id": self.atasan[-1],
                "email": f"{nip}@lampungprov.go.id", "no_hp": f"08{1300000000 + i}",
                "aktif": True, "dibuat": self.sekarang, "diubah": self.sekarang,
            })  # fmt: skip
        with muat_cepat(User, Pegawai):
            copy_dict(User, user)
            copy_dict(Pegawai, pegawai)
        self.langkah("pegawai (dengan akun)", t, len(pegawai))

    # --- SKP, RHK, indicators ---------------------------------------------------------------
    def skp_dan_rhk(self) -> None:
        t = time.perf_counter()
        id_pk, id_skp, id_rhk, id_ik = (
            id_berikut(m) for m in (PerjanjianKinerja, Skp, Rhk, IndikatorKinerja)
        )
        posisi = {pid: i for i, pid in enumerate(self.id_pegawai)}
        # One indicator per RHK, both numbered in step: indicator id = RHK id + this offset.
        self.geser_indikator = id_ik - id_rhk
        pk, skp, rhk, ik = [], [], [], []
        # rhk ids of employee i in year y: self.rhk[y][i] = [utama1, utama2, tambahan]
        self.rhk: dict[int, list[list[int]]] = {}
        self.skp: dict[int, list[int]] = {}
        for tahun in self.tahun:
            per_pegawai: list[list[int]] = []
            skp_tahun: list[int] = []
            disetujui = waktu(date(tahun, 1, 15), 10)
            for i, pid in enumerate(self.id_pegawai):
                atasan = self.atasan[i]
                skp.append({"id": id_skp, "pegawai_id": pid, "tahun": tahun, "penilai_id": atasan,
                            "unit_kerja_id": self.unit_pegawai[i], "pendekatan": "KUANTITATIF",
                            "status": "DISETUJUI", "catatan": "", "diajukan_pada": disetujui,
                            "disetujui_pada": disetujui, "dibuat": disetujui,
                            "diubah": disetujui})  # fmt: skip
                skp_tahun.append(id_skp)
                ids = [id_rhk, id_rhk + 1, id_rhk + 2]
                induk_pk = None
                if atasan is None:
                    pk.append({"id": id_pk, "unit_kerja_id": self.unit_pegawai[i], "tahun": tahun,
                               "sasaran": f"Meningkatnya kinerja unit {self.unit_pegawai[i]}",
                               "indikator": "Indeks kinerja unit", "target": "90%"})  # fmt: skip
                    induk_pk, id_pk = id_pk, id_pk + 1
                    induk = [None, None]
                else:
                    induk = per_pegawai[posisi[atasan]][:2]
                for j, (jenis, uraian) in enumerate(
                    [("UTAMA", "Terlaksananya layanan"), ("UTAMA", "Tersusunnya laporan"),
                     ("TAMBAHAN", "Terlaksananya tugas tambahan")]
                ):  # fmt: skip
                    rhk.append({"id": ids[j], "skp_id": id_skp, "jenis": jenis,
                                "uraian": f"{uraian} {tahun}",
                                "rhk_atasan_id": induk[j] if j < 2 else None,
                                "perjanjian_kinerja_id": induk_pk if j < 2 else None,
                                "perspektif": "", "urutan": j + 1})  # fmt: skip
                    ik.append({"id": id_ik, "rhk_id": ids[j], "aspek": "KUANTITAS",
                               "uraian": f"Jumlah {uraian.lower()}", "target": 240,
                               "satuan": "dokumen"})  # fmt: skip
                    id_ik += 1
                per_pegawai.append(ids)
                id_skp += 1
                id_rhk += 3
            self.rhk[tahun] = per_pegawai
            self.skp[tahun] = skp_tahun
        with muat_cepat(PerjanjianKinerja, Skp, Rhk, IndikatorKinerja):
            copy_dict(PerjanjianKinerja, pk)
            copy_dict(Skp, skp)
            copy_dict(Rhk, rhk)
            copy_dict(IndikatorKinerja, ik)
        self.langkah("SKP", t, len(skp))
        self.jumlah["RHK"] = len(rhk)

    # --- daily reports ----------------------------------------------------------------------
    def hari_kerja(self) -> list[date]:
        libur = set(HariLibur.objects.values_list("tanggal", flat=True))
        hari = []
        for b in self.bulan:
            d = b
            while d.month == b.month:
                if d.weekday() < 5 and d not in libur:
                    hari.append(d)
                d += timedelta(days=1)
        return hari

    def laporan(self) -> None:
        t = time.perf_counter()
        kolom = ["pegawai_id", "rhk_id", "indikator_id", "tanggal", "uraian", "kuantitas",
                 "satuan", "jam_mulai", "jam_selesai", "menit", "bukti", "status", "catatan_atasan",
                 "diputuskan_oleh_id", "diputuskan_pada", "dibuat", "diubah"]  # fmt: skip
        self.jumlah_laporan = 0
        self.hari = self.hari_kerja()  # not inside the COPY: no other query may run then
        with muat_cepat(LaporanHarian):
            copy_masuk(LaporanHarian, kolom, self._baris_laporan())
        self.langkah("laporan harian", t, self.jumlah_laporan)

    def _baris_laporan(self) -> Iterator[str]:
        """One line per report, formatted by hand: this loop runs millions of times."""
        acak = self.acak.random
        pilih = self.acak.randrange
        kegiatan = KEGIATAN
        geser = self.geser_indikator  # every report counts toward its RHK's one indicator
        # (start, end, minutes) of the first report; a second one starts where it ends.
        sesi = [("08:00", f"{8 + j // 2:02d}:{30 * (j % 2):02d}", 30 * j) for j in range(2, 9)]
        kedua = [("13:00", "14:00", 60), ("13:00", "15:30", 150), ("14:00", "16:00", 120)]
        n = 0
        for d in self.hari:
            rhk = self.rhk[d.year]
            tgl = d.isoformat()
            dibuat = waktu(d, 16).isoformat()
            besok = waktu(d + timedelta(days=1), 9).isoformat()
            for i, pid in enumerate(self.id_pegawai):
                r = acak()
                if r < 0.1:
                    continue
                atasan = self.atasan[i]
                jam = [sesi[pilih(7)]] + ([kedua[pilih(3)]] if r > 0.9 else [])
                for mulai, selesai, menit in jam:
                    s = acak()
                    if atasan is None or s > 0.92:
                        tail = f"DIAJUKAN\t\t\\N\t\\N\t{dibuat}\t{dibuat}\n"
                    elif s > 0.88:
                        tail = (f"DIKEMBALIKAN\tLengkapi bukti dukung.\t{atasan}\t{besok}\t"
                                f"{dibuat}\t{besok}\n")  # fmt: skip
                    else:
                        tail = f"DISETUJUI\t\t{atasan}\t{besok}\t{dibuat}\t{besok}\n"
                    k = pilih(10)
                    r_id = rhk[i][k % 3]
                    yield (f"{pid}\t{r_id}\t{r_id + geser}\t{tgl}\t{kegiatan[k]}\t{1 + k % 4}"
                           f"\tdokumen\t{mulai}\t{selesai}\t{menit}\t\t{tail}")  # fmt: skip
                    n += 1
        self.jumlah_laporan = n

    # --- appraisals -------------------------------------------------------------------------
    def penilaian(self) -> None:
        t = time.perf_counter()
        jenis = pengaturan.jenis_periode_berkala()
        periode = []
        for b in self.bulan:
            if jenis == rules_kinerja.BULANAN:
                periode.append(f"{b:%Y-%m}")
            elif b.month % 3 == 0:
                periode.append(f"{b.year}-Q{b.month // 3}")
        rating = list(rules_kinerja.RATING)
        bobot_rating = [1, 8, 1]  # mostly "Sesuai Ekspektasi"
        baris = []
        for kode in periode:
            per = rules_kinerja.parse_periode(kode)
            dibuat = waktu(per.akhir + timedelta(days=3), 10)
            for i, pid in enumerate(self.id_pegawai):
                atasan = self.atasan[i]
                if atasan is None:
                    continue
                hasil, perilaku = self.acak.choices(rating, bobot_rating, k=2)
                baris.append({"pegawai_id": pid, "skp_id": self.skp[per.tahun][i],
                              "penilai_id": atasan, "unit_kerja_id": self.unit_pegawai[i],
                              "periode": per.kode, "jenis_periode": per.jenis,
                              "tahun": per.tahun, "tanggal_akhir": per.akhir,
                              "rating_hasil_kerja": hasil, "rating_perilaku": perilaku,
                              "predikat": rules_kinerja.predikat_kinerja(hasil, perilaku),
                              "umpan_balik": "Pertahankan kinerja.", "catatan_perilaku": "{}",
                              "tanggapan": "DITERIMA", "alasan_keberatan": "",
                              "ditanggapi_pada": dibuat, "dibuat": dibuat})  # fmt: skip
        kolom = [f.attname for f in Penilaian._meta.concrete_fields if f.attname != "id"]
        with muat_cepat(Penilaian):
            copy_masuk(Penilaian, kolom, (baris_teks([b[k] for k in kolom]) for b in baris))
        # Realisations: approved output per RHK in the period, summed in SQL from the reports.
        with connection.cursor() as c:
            for kode in periode:
                per = rules_kinerja.parse_periode(kode)
                c.execute(
                    """
                    INSERT INTO kinerja_realisasirhk
                        (penilaian_id, rhk_id, dari_laporan, realisasi, alasan)
                    SELECT p.id, r.id, COALESCE(SUM(l.kuantitas), 0), COALESCE(SUM(l.kuantitas), 0),
                           ''
                    FROM kinerja_penilaian p
                    JOIN kinerja_rhk r ON r.skp_id = p.skp_id
                    LEFT JOIN kinerja_laporanharian l
                      ON l.rhk_id = r.id AND l.status = 'DISETUJUI'
                     AND l.tanggal BETWEEN %s AND %s
                    WHERE p.periode = %s
                    GROUP BY p.id, r.id
                    """,
                    [per.mulai, per.akhir, per.kode],
                )
        self.langkah("penilaian", t, len(baris))

    # --- complaints -------------------------------------------------------------------------
    def pengaduan(self) -> None:
        t = time.perf_counter()
        alfabet = ALFABET_KODE
        unit = sorted(set(self.unit_pegawai))
        hari = self.hari
        status = ["DITERIMA", "DIVERIFIKASI", "DITINDAKLANJUTI", "SELESAI", "SELESAI", "DITOLAK"]
        baris = []
        for i in range(max(10, self.n // 50)):
            kode, x = "", i
            for _ in range(9):
                x, r = divmod(x, len(alfabet))
                kode = alfabet[r] + kode
            st = self.acak.choice(status)
            d = self.acak.choice(hari)
            masuk = waktu(d, 9)
            tutup = st in {"SELESAI", "DITOLAK"}
            baris.append({
                "kode": f"S{kode}", "jenis": "PENGADUAN", "judul": f"Layanan lambat {i}",
                "isi": "Antrean layanan terlalu lama dan petugas sulit ditemui.",
                "unit_kerja_id": self.acak.choice(unit), "pegawai_disebut": "",
                "pegawai_terkait_id": None, "nama": "Warga", "email": "", "telepon": "",
                "anonim": False, "rahasia": False, "lampiran": "", "lampiran_jenis": "",
                "status": st, "batas_waktu": None if tutup else d + timedelta(days=7),
                "dibuat": masuk,
                "diverifikasi_pada": None if st == "DITERIMA" else masuk + timedelta(days=1),
                "ditindaklanjuti_pada": masuk + timedelta(days=3)
                if st in {"DITINDAKLANJUTI", "SELESAI"} else None,
                "ditutup_pada": masuk + timedelta(days=5) if tutup else None,
                "diubah": masuk, "bukan_wewenang": False,
                "penilaian": self.acak.randint(3, 5) if st == "SELESAI" else None,
                "dibuka_ulang": False, "dieskalasi_untuk": None, "konfirmasi_terkirim": masuk,
            })  # fmt: skip
        kolom = [f.attname for f in Pengaduan._meta.concrete_fields if f.attname != "id"]
        copy_masuk(Pengaduan, kolom, (baris_teks([b[k] for k in kolom]) for b in baris))
        self.langkah("pengaduan", t, len(baris))

    # --- annual appraisals (kenaikan pangkat, distribution, 9-box) --------------------------
    def penilaian_tahunan(self) -> None:
        """An annual appraisal of every employee with an atasan for each year the next
        kenaikan pangkat period reads (and last year): predikat mostly Baik."""
        t = time.perf_counter()
        rating = list(rules_kinerja.RATING)
        bobot_rating = [1, 12, 2]
        baris = []
        self.predikat: dict[int, list[str | None]] = {}
        for tahun in self.tahun_tahunan:
            per = rules_kinerja.parse_periode(str(tahun))
            dibuat = waktu(per.akhir + timedelta(days=20), 10)
            predikat_tahun: list[str | None] = []
            for i, pid in enumerate(self.id_pegawai):
                atasan = self.atasan[i]
                if atasan is None:
                    predikat_tahun.append(None)
                    continue
                hasil, perilaku = self.acak.choices(rating, bobot_rating, k=2)
                predikat = rules_kinerja.predikat_kinerja(hasil, perilaku)
                predikat_tahun.append(predikat)
                baris.append({"pegawai_id": pid, "skp_id": self.skp[tahun][i],
                              "penilai_id": atasan, "unit_kerja_id": self.unit_pegawai[i],
                              "periode": per.kode, "jenis_periode": per.jenis,
                              "tahun": per.tahun, "tanggal_akhir": per.akhir,
                              "rating_hasil_kerja": hasil, "rating_perilaku": perilaku,
                              "predikat": predikat,
                              "umpan_balik": "Pertahankan kinerja.", "catatan_perilaku": "{}",
                              "tanggapan": "DITERIMA", "alasan_keberatan": "",
                              "ditanggapi_pada": dibuat, "dibuat": dibuat})  # fmt: skip
            self.predikat[tahun] = predikat_tahun
        kolom = [f.attname for f in Penilaian._meta.concrete_fields if f.attname != "id"]
        with muat_cepat(Penilaian):
            copy_masuk(Penilaian, kolom, (baris_teks([b[k] for k in kolom]) for b in baris))
        self.langkah("penilaian tahunan", t, len(baris))

    # --- positions, competency assessments, angka kredit ------------------------------------
    def jabatan_dan_asesmen(self) -> None:
        """The starter catalogue (ORM, a few dozen rows), one active placement per employee
        (heads, bidang and seksi heads on structural positions; staff 45 % on a jabatan
        fungsional, the rest pelaksana), competency assessments for 70 % of the employees
        (each competency of their standard, some twice: a later or same-day re-assessment),
        and an angka kredit conversion per annual appraisal of a jabatan fungsional."""
        t = time.perf_counter()
        katalog_isi()
        jabatan = list(Jabatan.objects.order_by("id").values_list("id", "jenis", "jenjang"))
        per_jenis: dict[str, list[int]] = {}
        jenjang = {}
        for jid, jenis, jj in jabatan:
            per_jenis.setdefault(jenis, []).append(jid)
            jenjang[jid] = jj
        standar: dict[int, list[int]] = {}
        for jid, kid in StandarKompetensi.objects.values_list("jabatan_id", "kompetensi_id"):
            standar.setdefault(jid, []).append(kid)

        def pilih(*jenis: str) -> list[int]:
            for j in jenis:
                if per_jenis.get(j):
                    return per_jenis[j]
            return [jabatan[0][0]]

        kepala = pilih("JPT_PRATAMA", "ADMINISTRATOR")
        kabid = pilih("ADMINISTRATOR")
        kasi = pilih("PENGAWAS", "ADMINISTRATOR")
        fungsional = [j for j in pilih("FUNGSIONAL") if jenjang[j]] or pilih("FUNGSIONAL")
        pelaksana = pilih("PELAKSANA")
        acak = self.acak
        tmt = date(2022, 1, 3)
        self.jabatan_pegawai: list[int] = []
        penempatan, asesmen, ak = [], [], []
        id_pen = id_berikut(Penempatan)
        for i, pid in enumerate(self.id_pegawai):
            peran = self.peran[i]
            if peran == "kepala":
                jid = acak.choice(kepala)
            elif peran == "kabid":
                jid = acak.choice(kabid)
            elif peran == "kasi":
                jid = acak.choice(kasi)
            else:
                jid = acak.choice(fungsional if acak.random() < 0.45 else pelaksana)
            self.jabatan_pegawai.append(jid)
            penempatan.append(
                f"{id_pen + i}\t{pid}\t{jid}\t{self.unit_pegawai[i]}\tIMPOR\t\t\\N\t{tmt}\t"
                f"\\N\t{_teks(self.atasan[i])}\tt\t\t[]\t\\N\t{self.sekarang.isoformat()}\n"
            )
            if acak.random() < 0.7:
                for kid in standar.get(jid, ()):
                    tanggal = date(2024 + acak.randrange(2), 1 + acak.randrange(12), 1)
                    asesmen.append((pid, kid, 1 + acak.randrange(5), tanggal))
                    r = acak.random()
                    if r < 0.15:  # re-assessed later
                        asesmen.append((pid, kid, 1 + acak.randrange(5),
                                        tanggal + timedelta(days=200)))  # fmt: skip
                    elif r < 0.2:  # twice the same day: the later row (higher id) counts
                        asesmen.append((pid, kid, 1 + acak.randrange(5), tanggal))
            if jenjang.get(jid) and self.peran[i] == "staf":
                for tahun in self.tahun_tahunan:
                    pred = self.predikat[tahun][i]
                    if pred:
                        ak.append((pid, tahun, jenjang[jid], pred))
        kolom_pen = ["id", "pegawai_id", "jabatan_id", "unit_kerja_id", "jenis", "nomor_sk",
                     "tanggal_sk", "tmt", "tmt_selesai", "atasan_id", "aktif", "alasan",
                     "peringatan", "dibuat_oleh_id", "dibuat"]  # fmt: skip
        kolom_as = ["pegawai_id", "kompetensi_id", "level", "tanggal", "metode", "asesor",
                    "catatan", "dibuat"]  # fmt: skip
        sekarang = self.sekarang.isoformat()
        kolom_ak = ["pegawai_id", "tahun", "jenis", "penilaian_id", "jenjang", "golongan",
                    "predikat", "koefisien", "persentase", "nilai", "dasar_aturan", "keterangan",
                    "nomor_pak", "tanggal_pak", "dibuat", "diubah"]  # fmt: skip
        with muat_cepat(Penempatan, AsesmenKompetensi, AngkaKredit):
            copy_masuk(Penempatan, kolom_pen, iter(penempatan))
            copy_masuk(AsesmenKompetensi, kolom_as, (
                f"{p}\t{k}\t{lv}\t{d}\tASSESSMENT_CENTER\tUPT Penilaian Kompetensi\t\t"
                f"{sekarang}\n" for p, k, lv, d in asesmen))  # fmt: skip
            copy_masuk(AngkaKredit, kolom_ak, (
                f"{p}\t{th}\tKONVERSI\t\\N\t{jj}\tIII/a\t{pred}\t\\N\t\\N\t"
                f"{'12.5' if pred in ('SANGAT_BAIK', 'BAIK') else '6.25'}\tseed\t\t\t\\N\t"
                f"{sekarang}\t{sekarang}\n" for p, th, jj, pred in ak))  # fmt: skip
        self.langkah("penempatan", t, len(penempatan))
        self.jumlah["asesmen kompetensi"] = len(asesmen)
        self.jumlah["angka kredit"] = len(ak)

    # --- JP records, IKM answers, 9-box ------------------------------------------------------
    def jp_ikm_talenta(self) -> None:
        """This year's and last year's JP records (0–5 per employee, 2–12 JP each: about half
        reach 20 JP), IKM survey answers (one per 20 employees, spread over the units), and
        last year's 9-box profile of every employee with an annual appraisal."""
        t = time.perf_counter()
        acak = self.acak
        tahun_ini = inti_waktu.hari_ini().year
        baris_jp = []
        n = 0
        for tahun in (tahun_ini - 1, tahun_ini):
            akhir = 12 if tahun < tahun_ini else inti_waktu.hari_ini().month
            for pid in self.id_pegawai:
                for _ in range(acak.choices(range(6), [2, 2, 3, 3, 2, 1])[0]):
                    d = date(tahun, 1 + acak.randrange(akhir), 1 + acak.randrange(28))
                    baris_jp.append(f"{pid}\t{d}\t{2 * (1 + acak.randrange(6))}\tPELATIHAN\t"
                                    f"Pelatihan {n % 40}\tseed\t{n}\t\\N\t\\N\t"
                                    f"{self.sekarang.isoformat()}\n")  # fmt: skip
                    n += 1
        kolom_jp = ["pegawai_id", "tanggal", "jp", "jenis", "uraian", "sumber", "sumber_id",
                    "peserta_id", "dicatat_oleh_id", "dibuat"]  # fmt: skip
        unit = sorted(set(self.unit_pegawai))
        kolom_ikm = ["unit_kerja_id", "layanan", *[f"u{k}" for k in range(1, 10)], "saran",
                     "dibuat"]  # fmt: skip
        ikm = []
        for _ in range(max(10, self.n // 20)):
            d = waktu(date(tahun_ini, 1 + acak.randrange(inti_waktu.hari_ini().month),
                           1 + acak.randrange(28)), 10)  # fmt: skip
            nilai = "\t".join(str(acak.choices((1, 2, 3, 4), (1, 2, 6, 4))[0]) for _ in range(9))
            ikm.append(f"{acak.choice(unit)}\tLayanan administrasi\t{nilai}\t\t"
                       f"{d.isoformat()}\n")  # fmt: skip
        tahun_talenta = self.tahun_tahunan[-1]
        kolom_tal = ["pegawai_id", "tahun", "unit_kerja_id", "predikat", "kinerja",
                     "skor_potensi", "potensi", "kotak", "dihitung"]  # fmt: skip
        talenta = []
        for i, pid in enumerate(self.id_pegawai):
            pred = self.predikat[tahun_talenta][i]
            if not pred:
                continue
            kinerja = rules_karier.level_kinerja(pred)
            skor = round(30 + acak.random() * 65, 2)
            potensi = rules_karier.level_potensi(skor)
            kotak = rules_karier.kotak_talenta(kinerja, potensi).kotak
            talenta.append(f"{pid}\t{tahun_talenta}\t{self.unit_pegawai[i]}\t{pred}\t{kinerja}"
                           f"\t{skor}\t{potensi}\t{kotak}\t{self.sekarang.isoformat()}\n")
        tabel_jp = connection.ops.quote_name(CatatanJP._meta.db_table)
        with muat_cepat(CatatanJP, ProfilTalenta), connection.cursor() as c:
            # The yearly totals in one grouped pass after the load instead of a trigger
            # upsert per ledger row (what the product's triggers would do row by row).
            c.execute(f"ALTER TABLE {tabel_jp} DISABLE TRIGGER USER")
            copy_masuk(CatatanJP, kolom_jp, iter(baris_jp))
            c.execute(f"ALTER TABLE {tabel_jp} ENABLE TRIGGER USER")
            jp_tahunan_hitung_ulang()
            copy_masuk(SurveiKepuasan, kolom_ikm, iter(ikm))
            copy_masuk(ProfilTalenta, kolom_tal, iter(talenta))
        self.langkah("catatan JP", t, len(baris_jp))
        self.jumlah["jawaban IKM"] = len(ikm)
        self.jumlah["profil talenta"] = len(talenta)
