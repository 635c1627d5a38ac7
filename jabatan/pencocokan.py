"""Competency-based matching: rank employees for a position, or positions for an employee.

One pass over prefetched data: the candidate pool with each one's latest assessed level of
the position's competencies in one query (plain tuples; on PostgreSQL `_KOLAM_SANDI_PG`),
then the score in Python from the pure rules (`rules.skor_*`). The number of queries does
not grow with the pool.

Kinerja and pelatihan are built later and sit above jabatan in the dependency order, so
they plug in here: `daftarkan_sumber("kinerja", ...)` from their AppConfig.ready(). Until a
source is registered its part is "belum dihitung" and left out of the score (the other
parts are scaled to 100), so its absence neither helps nor hurts anyone.
"""

from __future__ import annotations

import bisect
import functools
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from pegawai.akses import AnyUser, akses_untuk, pegawai_dikelola
from pegawai.models import Pegawai, UnitKerja

from . import pengaturan, rules
from .models import AsesmenKompetensi, Jabatan, Penempatan

# (jabatan list, pegawai ids) → {(jabatan_id, pegawai_id): (nilai 0–1, alasan)}; a missing
# key means "no data for this one" (the part is then not counted for them).
FungsiSumber = Callable[
    [Sequence[Jabatan], Sequence[int]], Mapping[tuple[int, int], tuple[float, str]]
]


@dataclass(frozen=True)
class SumberSkor:
    kode: str
    label: str
    modul: str  # for the "not available yet" reason
    hitung: FungsiSumber | None = None


# The optional parts, in display order, until their apps register a function.
_SUMBER: dict[str, SumberSkor] = {
    "kinerja": SumberSkor("kinerja", "Predikat kinerja", "modul kinerja"),
    "pelatihan": SumberSkor("pelatihan", "Pelatihan relevan", "modul pelatihan"),
}


def daftarkan_sumber(kode: str, hitung: FungsiSumber | None) -> None:
    """Plug (or unplug, with None) the data source of an optional part of the score."""
    lama = _SUMBER[kode]
    _SUMBER[kode] = SumberSkor(lama.kode, lama.label, lama.modul, hitung)


def bobot() -> dict[str, int]:
    return pengaturan.bobot_skor()


@dataclass
class Kandidat:
    pegawai_id: int
    nip: str
    nama: str
    nama_lengkap: str
    golongan: str
    pendidikan: str
    unit_kerja: str
    jabatan_sekarang: str
    skor: int
    memenuhi_syarat: bool = True
    peringatan: list[str] = field(default_factory=list)
    # The parts in words are built only for the candidates shown (a page), not for all.
    _bagian: Callable[[], list[rules.Bagian]] | None = field(default=None, repr=False)

    @functools.cached_property
    def bagian(self) -> list[rules.Bagian]:
        return self._bagian() if self._bagian else []

    @property
    def alasan(self) -> list[str]:
        return [b.alasan for b in self.bagian]


@dataclass
class JabatanCocok:
    jabatan: Jabatan
    skor: int
    bagian: list[rules.Bagian]
    memenuhi_syarat: bool

    @property
    def alasan(self) -> list[str]:
        return [b.alasan for b in self.bagian]


def _standar(jabatan: Jabatan) -> list[rules.Standar]:
    # Uses the prefetch of `Jabatan.objects.with_standar()` when present.
    return [
        rules.Standar(s.kompetensi_id, s.kompetensi.nama, s.level)
        for s in jabatan.standar_kompetensi.all()
    ]


def _asesmen_terbaru(pegawai: QuerySet | Sequence[int] | None, kompetensi_ids: Sequence[int]):
    """{pegawai_id: {kompetensi_id: latest level}} in one query. `pegawai` None = everyone."""
    hasil: dict[int, dict[int, int]] = {}
    if not kompetensi_ids:
        return hasil
    if pegawai is None:
        filter_pegawai = {}
    elif isinstance(pegawai, QuerySet):
        filter_pegawai = {"pegawai__in": pegawai.values("pk")}
    else:
        filter_pegawai = {"pegawai_id__in": list(pegawai)}
    qs = AsesmenKompetensi.objects.filter(kompetensi_id__in=kompetensi_ids, **filter_pegawai)
    if connection.vendor == "postgresql" and len(kompetensi_ids) <= _KOMPETENSI_MAKS_SANDI:
        return _asesmen_terbaru_pg(qs, list(kompetensi_ids))
    qs = qs.order_by().values_list("pegawai_id", "kompetensi_id", "level", "tanggal", "id")
    # The ORM's row iterator costs more than the query for ~100,000 rows: read the same SQL
    # from the cursor directly, and keep the latest (tanggal, id) per competency here rather
    # than sorting every row in the database (measured in issue 17: `DISTINCT ON` with one
    # row of arrays per employee was slower, ~370 vs ~210 ms for 50,000 rows under load).
    sql, params = qs.query.sql_with_params()
    terbaru: dict[tuple[int, int], tuple] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(10_000):
            for pegawai_id, kompetensi_id, level, tanggal, pk in rows:
                kunci = (pegawai_id, kompetensi_id)
                lama = terbaru.get(kunci)
                if lama is None or (tanggal, pk) > lama[1:]:
                    terbaru[kunci] = (level, tanggal, pk)
    for (pegawai_id, kompetensi_id), (level, _t, _pk) in terbaru.items():
        hasil.setdefault(pegawai_id, {})[kompetensi_id] = level
    return hasil


# Levels are 1–5 (constraint `asesmen_level_1_5`): 3 bits each, 0 = not assessed; a bigint
# holds the levels of up to 20 competencies.
_KOMPETENSI_MAKS_SANDI = 20
_ASESMEN_SANDI_PG = """
SELECT pegawai_id,
    SUM(level::bigint << (3 * (array_position(%s::int[], kompetensi_id) - 1)))::bigint
FROM ({terbaru}) AS terbaru
GROUP BY pegawai_id
"""


def _asesmen_terbaru_pg(qs: QuerySet, kompetensi_ids: list[int]) -> dict[int, dict[int, int]]:
    """PostgreSQL: the latest assessment per (employee, competency) picked in the database
    (`DISTINCT ON`, latest `tanggal` then id, as the Python pick above) and the levels of
    each employee packed into ONE bigint (3 bits per competency of `kompetensi_ids`), so the
    client reads one row of two integers per employee instead of every assessment with its
    date; the codes are decoded once per distinct code (employees share them). Issue 17,
    figure 5: streaming 50,000 rows with their dates cost ~0.4 s of the ~0.6 s ranking."""
    terbaru = (
        qs.order_by("pegawai_id", "kompetensi_id", "-tanggal", "-id")
        .distinct("pegawai_id", "kompetensi_id")
        .values_list("pegawai_id", "kompetensi_id", "level")
    )
    sql, params = terbaru.query.sql_with_params()
    hasil: dict[int, dict[int, int]] = {}
    urai: dict[int, dict[int, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(_ASESMEN_SANDI_PG.format(terbaru=sql), [kompetensi_ids, *params])
        for pegawai_id, sandi in cursor.fetchall():
            dinilai = urai.get(sandi)
            if dinilai is None:
                dinilai = urai[sandi] = _urai(sandi, kompetensi_ids)
            hasil[pegawai_id] = dinilai
    return hasil


def _bagian_sumber(
    jabatan: Sequence[Jabatan], pegawai_ids: Sequence[int]
) -> list[tuple[SumberSkor, Mapping[tuple[int, int], tuple[float, str]] | None]]:
    return [(s, s.hitung(jabatan, pegawai_ids) if s.hitung else None) for s in _SUMBER.values()]


class _Syarat:
    """The parts of the score that depend only on the position and a few shared values
    (education, golongan, absent sources): computed once per distinct value, not per
    employee."""

    def __init__(self, jabatan: Jabatan, bobot_skor: Mapping[str, int]) -> None:
        self.jabatan = jabatan
        self.bobot = bobot_skor
        self.diterima = tuple(jabatan.daftar_jurusan)
        self.standar = _standar(jabatan)
        self._pendidikan: dict[tuple[str, str], tuple[rules.Bagian, list[str]]] = {}
        self._golongan: dict[str, rules.Bagian] = {}

    def berbobot(self, b: rules.Bagian) -> rules.Bagian:
        return rules.Bagian(b.kode, b.label, b.nilai, b.alasan, self.bobot.get(b.kode, 0))

    def pendidikan(self, jenjang: str, jurusan: str) -> tuple[rules.Bagian, list[str]]:
        kunci = (jenjang, jurusan)
        if kunci not in self._pendidikan:
            j = self.jabatan
            self._pendidikan[kunci] = (
                self.berbobot(
                    rules.skor_pendidikan(
                        minimal=j.pendidikan_minimal,
                        diterima=self.diterima,
                        jenjang=jenjang,
                        jurusan=jurusan,
                    )
                ),
                rules.cek_pendidikan(
                    minimal=j.pendidikan_minimal,
                    diterima=self.diterima,
                    jenjang=jenjang,
                    jurusan=jurusan,
                ),
            )
        return self._pendidikan[kunci]

    def golongan(self, golongan: str) -> rules.Bagian:
        if golongan not in self._golongan:
            self._golongan[golongan] = self.berbobot(
                rules.skor_golongan(minimal=self.jabatan.golongan_minimal, golongan=golongan)
            )
        return self._golongan[golongan]


def _nama_lengkap(depan: str, nama: str, belakang: str) -> str:
    # Same shape as Pegawai.nama_lengkap, without building a model instance per row.
    return f"{depan + ' ' if depan else ''}{nama}{', ' + belakang if belakang else ''}"


def _skor(
    syarat: _Syarat,
    *,
    asesmen: Mapping[int, int],
    pegawai_id: int,
    golongan: str,
    jenjang: str,
    jurusan: str,
    sumber: list[tuple[SumberSkor, Mapping | None, rules.Bagian]],
) -> rules.Skor:
    bagian = [
        syarat.berbobot(rules.skor_kompetensi(syarat.standar, asesmen)),
        syarat.pendidikan(jenjang, jurusan)[0],
        syarat.golongan(golongan),
    ]
    for s, data, tidak_ada in sumber:
        nilai = None if data is None else data.get((syarat.jabatan.pk, pegawai_id))
        if nilai is None:
            bagian.append(tidak_ada)
        else:
            bagian.append(syarat.berbobot(rules.Bagian(s.kode, s.label, nilai[0], nilai[1])))
    return rules.gabung_skor(bagian, syarat.bobot)


def _sumber(jabatan: Sequence[Jabatan], pegawai_ids: Sequence[int], bobot_skor):
    """Each optional source with its data (None when not plugged in) and the part shown
    when there is no value for someone."""
    hasil = []
    for s, data in _bagian_sumber(jabatan, pegawai_ids):
        if data is None:
            kosong = rules.bagian_tidak_tersedia(s.kode, s.label, s.modul)
        else:
            kosong = rules.Bagian(s.kode, s.label, None, f"{s.label}: belum ada data.")
        hasil.append(
            (
                s,
                data,
                rules.Bagian(
                    kosong.kode, kosong.label, None, kosong.alasan, bobot_skor.get(s.kode, 0)
                ),
            )
        )
    return hasil


class DaftarKandidat(Sequence[Kandidat]):
    """The candidates ranked best first: by score, then name, then NIP (unique: a total
    order). Ranking needs only each one's score: the rows are kept per score (0–100, a
    counting sort with no tuple per employee), and one score's rows are put in name order
    only when a page reaches them, so the first page of 10,000 sorts a few hundred rows. A
    `Kandidat` is built when it is first read, so a page of 50 builds 50, not 10,000, and
    reads their display columns in one query per page (`buat`)."""

    def __init__(
        self,
        per_skor: Mapping[int, list[tuple]],
        kunci_nama: Callable[[tuple], Any],
        buat: Callable[[list[tuple[int, tuple]]], list[Kandidat]],
    ) -> None:
        self._ember = [(skor, per_skor[skor]) for skor in sorted(per_skor, reverse=True)]
        self._awal: list[int] = []  # the position of each score's first row
        n = 0
        for _skor, rows in self._ember:
            self._awal.append(n)
            n += len(rows)
        self._n = n
        self._kunci_nama = kunci_nama
        self._terurut: set[int] = set()
        self._buat = buat
        self._jadi: dict[int, Kandidat] = {}

    def __len__(self) -> int:
        return self._n

    def _baris(self, i: int) -> tuple[int, tuple]:
        e = bisect.bisect_right(self._awal, i) - 1
        skor, rows = self._ember[e]
        if e not in self._terurut:
            rows.sort(key=self._kunci_nama)
            self._terurut.add(e)
        return skor, rows[i - self._awal[e]]

    def _ambil(self, posisi: list[int]) -> list[Kandidat]:
        perlu = [i for i in posisi if i not in self._jadi]
        if perlu:
            for i, k in zip(perlu, self._buat([self._baris(i) for i in perlu]), strict=True):
                self._jadi[i] = k
        return [self._jadi[i] for i in posisi]

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return self._ambil(list(range(*i.indices(self._n))))
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError("indeks kandidat di luar daftar")
        return self._ambil([i])[0]

    def __iter__(self) -> Iterator[Kandidat]:
        # In growing pages, one query each (a caller that stops early reads little).
        i, langkah = 0, 50
        while i < self._n:
            yield from self[i : i + langkah]
            i += langkah
            langkah = min(2 * langkah, 1000)


# PostgreSQL: the pool and each one's latest level of every competency of the standard in
# ONE query. A correlated subquery per employee picks the latest assessment per competency
# (`DISTINCT ON`, newest `tanggal` then id: the rule of the Python pick in
# `_asesmen_terbaru`) from that employee's few rows through the index on `pegawai_id`, and
# packs the levels into one bigint (3 bits per competency; levels are 1–5 by constraint,
# 0 = not assessed). The plan does not hang on the pool's row estimate: whatever the planner
# expects of the scope (`unit path LIKE`: 17 rows for 10,000 at issue 17), each employee is
# one index probe and a sort of a dozen rows in memory, where the earlier
# `pegawai_id IN (scope)` read sorted every assessment of the pool at once (~90,000 rows,
# spilled to disk at the default `work_mem`).
_KOLAM_SANDI_PG = """
SELECT kolam.*, (
    SELECT BIT_OR(t.level::bigint << (3 * (array_position(%s::bigint[], t.kompetensi_id) - 1)))
    FROM (
        SELECT DISTINCT ON (a.kompetensi_id) a.kompetensi_id, a.level
        FROM {asesmen} AS a
        WHERE a.pegawai_id = kolam.pk AND a.kompetensi_id = ANY(%s::bigint[])
        ORDER BY a.kompetensi_id, a.tanggal DESC, a.id DESC
    ) AS t
)
FROM ({kolam}) AS kolam (pk, nip, nama, golongan, jenjang, jurusan)
"""

_KOLOM_KOLAM = ("pk", "nip", "nama", "golongan", "pendidikan_jenjang", "pendidikan_jurusan")


def _sandi(dinilai: Mapping[int, int], kompetensi_ids: Sequence[int]) -> int:
    """The levels of `kompetensi_ids` packed as in `_KOLAM_SANDI_PG` (Python ints do not
    overflow: any number of competencies)."""
    return sum(dinilai.get(k, 0) << (3 * i) for i, k in enumerate(kompetensi_ids))


def _urai(sandi: int, kompetensi_ids: Sequence[int]) -> dict[int, int]:
    """{kompetensi_id: level} of a code packed by `_sandi` (not assessed: left out)."""
    return {k: v for i, k in enumerate(kompetensi_ids) if (v := (sandi >> (3 * i)) & 7)}


def _kolam(user: AnyUser, pool: QuerySet, kompetensi_ids: list[int]) -> list[tuple]:
    """(pk, nip, nama, golongan, jenjang, jurusan, levels packed by `_sandi`; None or 0 =
    never assessed) of every employee of the pool, unordered."""
    if connection.vendor == "postgresql" and len(kompetensi_ids) <= _KOMPETENSI_MAKS_SANDI:
        sql, params = pool.order_by().values_list(*_KOLOM_KOLAM).query.sql_with_params()
        sql = _KOLAM_SANDI_PG.format(asesmen=AsesmenKompetensi._meta.db_table, kolam=sql)
        with connection.cursor() as cursor:
            cursor.execute(sql, [kompetensi_ids, kompetensi_ids, *params])
            return cursor.fetchall()  # the code is NULL for someone never assessed
    rows = list(pool.order_by().values_list(*_KOLOM_KOLAM))
    # Assessments of everyone the user manages (Admin BKD: no filter at all); the few rows
    # of holders and inactive employees are read and ignored, cheaper than the anti-join.
    lingkup = None if akses_untuk(user).admin_bkd else pegawai_dikelola(user)
    asesmen = _asesmen_terbaru(lingkup, kompetensi_ids)
    kosong: dict[int, int] = {}
    return [(*r, _sandi(asesmen.get(r[0], kosong), kompetensi_ids)) for r in rows]


def _tampilan(pegawai_ids: list[int]) -> dict[int, tuple[str, str, str, str]]:
    """{pk: (gelar_depan, gelar_belakang, unit name, nama_jabatan)}: what a page shows beyond
    the ranking's own columns, read for the page only."""
    return {
        pk: rest
        for pk, *rest in Pegawai.objects.filter(pk__in=pegawai_ids).order_by().values_list(
            "pk", "gelar_depan", "gelar_belakang", "unit_kerja__nama", "nama_jabatan"
        )
    }


def kandidat_untuk(
    user: AnyUser, jabatan: Jabatan, *, unit_kerja: UnitKerja | None = None
) -> DaftarKandidat:
    """Every active employee the user manages, ranked for `jabatan` (best first, ties by name
    then NIP). Holders of the position in `unit_kerja` (or anywhere, without a unit) are left
    out.

    Set-based: the pool with each one's latest competency levels (one query on PostgreSQL,
    `_KOLAM_SANDI_PG`), the optional sources (their own few queries), then each score from
    the pure rules, memoised on the values of its parts, so 10,000 employees cost a few
    hundred distinct rule evaluations. No model instance per employee; the order, the parts
    in words and the display columns are settled only for the candidates read (one more
    query per page read)."""
    if "standar_kompetensi" not in getattr(jabatan, "_prefetched_objects_cache", {}):
        jabatan = Jabatan.objects.with_standar().get(pk=jabatan.pk)
    bobot_skor = bobot()
    syarat = _Syarat(jabatan, bobot_skor)
    pemegang = Penempatan.objects.aktif().filter(jabatan=jabatan)
    if unit_kerja is not None:
        pemegang = pemegang.filter(unit_kerja=unit_kerja)
    pool = pegawai_dikelola(user).filter(aktif=True).exclude(pk__in=pemegang.values("pegawai_id"))
    kompetensi_ids = [s.kompetensi_id for s in syarat.standar]
    rows = _kolam(user, pool, kompetensi_ids)
    sumber = _sumber([jabatan], [r[0] for r in rows], bobot_skor)
    # Each optional source as {pegawai_id: value} ({} when not plugged in: None for all).
    jpk = jabatan.pk
    kode_sumber = [s.kode for s, _data, _kosong in sumber]
    peta_sumber = [
        {p: v[0] for (j, p), v in (data or {}).items() if j == jpk}
        for _s, data, _kosong in sumber
    ]

    @functools.cache
    def urai(sandi: int | None) -> dict[int, int]:  # one dict per distinct code, shared
        return _urai(sandi or 0, kompetensi_ids)

    @functools.cache
    def nilai_kompetensi(sandi: int | None) -> float | None:
        return rules.nilai_kompetensi(syarat.standar, urai(sandi))

    # The score hangs only on the values of its parts: the competency value per packed code,
    # the education and golongan values per (golongan, jenjang, jurusan), and the sources'.
    # No object is kept per employee beyond its row (a kept tuple each would be ~10,000
    # more for the garbage collector to count and, every few requests, walk).
    syarat_nilai: dict[tuple, tuple] = {}
    skor_dari: dict[tuple, int] = {}
    per_skor: dict[int, list[tuple]] = {}
    for row in rows:
        pk, _nip, _nama, golongan, jenjang, jurusan, sandi = row
        sy = (golongan, jenjang, jurusan)
        pg = syarat_nilai.get(sy)
        if pg is None:
            pg = syarat_nilai[sy] = (
                syarat.pendidikan(jenjang, jurusan)[0].nilai,
                syarat.golongan(golongan).nilai,
            )
        kunci = (nilai_kompetensi(sandi), *pg, *[m.get(pk) for m in peta_sumber])
        skor = skor_dari.get(kunci)
        if skor is None:
            nilai = zip(("kompetensi", "pendidikan", "golongan", *kode_sumber), kunci, strict=True)
            skor = skor_dari[kunci] = rules.gabung_nilai(nilai, bobot_skor)
        ember = per_skor.get(skor)
        if ember is None:
            ember = per_skor[skor] = []
        ember.append(row)

    def buat(terpilih: list[tuple[int, tuple]]) -> list[Kandidat]:
        tampil = _tampilan([row[0] for _skor, row in terpilih])
        hasil = []
        for skor, row in terpilih:
            pk, nip, nama, golongan, jenjang, jurusan, sandi = row
            depan, belakang, unit, sekarang = tampil.get(pk, ("", "", "", ""))
            _pendidikan, peringatan = syarat.pendidikan(jenjang, jurusan)
            hasil.append(
                Kandidat(
                    pegawai_id=pk,
                    nip=nip,
                    nama=nama,
                    nama_lengkap=_nama_lengkap(depan, nama, belakang),
                    golongan=golongan,
                    pendidikan=f"{jenjang} {jurusan}".strip(),
                    unit_kerja=unit,
                    jabatan_sekarang=sekarang,
                    skor=skor,
                    memenuhi_syarat=syarat.golongan(golongan).nilai != 0.0,
                    peringatan=list(peringatan),
                    _bagian=functools.partial(
                        lambda **kw: _skor(syarat, **kw).bagian,
                        asesmen=urai(sandi),
                        pegawai_id=pk,
                        golongan=golongan,
                        jenjang=jenjang,
                        jurusan=jurusan,
                        sumber=sumber,
                    ),
                )
            )
        return hasil

    # Within a score: by name, then NIP (plain str order, as Python sorts).
    return DaftarKandidat(per_skor, operator.itemgetter(2, 1), buat)


def jabatan_cocok_untuk(pegawai: Pegawai, *, jabatan: QuerySet | None = None) -> list[JabatanCocok]:
    """The positions of the catalogue ranked for one employee (best first); the one they
    hold now is left out."""
    semua = list((jabatan if jabatan is not None else Jabatan.objects.all()).with_standar())
    sekarang = set(
        Penempatan.objects.aktif().filter(pegawai=pegawai).values_list("jabatan_id", flat=True)
    )
    semua = [j for j in semua if j.pk not in sekarang]
    kompetensi = sorted({s.kompetensi_id for j in semua for s in j.standar_kompetensi.all()})
    asesmen = _asesmen_terbaru([pegawai.pk], kompetensi).get(pegawai.pk, {})
    bobot_skor = bobot()
    sumber = _sumber(semua, [pegawai.pk], bobot_skor)
    hasil = []
    for j in semua:
        syarat = _Syarat(j, bobot_skor)
        skor = _skor(
            syarat,
            asesmen=asesmen,
            pegawai_id=pegawai.pk,
            golongan=pegawai.golongan,
            jenjang=pegawai.pendidikan_jenjang,
            jurusan=pegawai.pendidikan_jurusan,
            sumber=sumber,
        )
        hasil.append(
            JabatanCocok(
                jabatan=j,
                skor=skor.skor,
                bagian=skor.bagian,
                memenuhi_syarat=syarat.golongan(pegawai.golongan).nilai != 0.0,
            )
        )
    hasil.sort(key=lambda c: (-c.skor, -c.jabatan.kelas_jabatan, c.jabatan.nama))
    return hasil
