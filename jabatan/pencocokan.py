"""Competency-based matching: rank employees for a position, or positions for an employee.

One pass over prefetched data: the candidate pool in one query (plain tuples), the latest
assessments of the position's competencies in one query, then the score in Python from the
pure rules (`rules.skor_*`). The number of queries does not grow with the pool.

Kinerja and pelatihan are built later and sit above jabatan in the dependency order, so
they plug in here: `daftarkan_sumber("kinerja", ...)` from their AppConfig.ready(). Until a
source is registered its part is "belum dihitung" and left out of the score (the other
parts are scaled to 100), so its absence neither helps nor hurts anyone.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

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
                dinilai = urai[sandi] = {
                    k: (sandi >> (3 * i)) & 7
                    for i, k in enumerate(kompetensi_ids)
                    if (sandi >> (3 * i)) & 7
                }
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
    """The candidates ranked best first. Ranking needs only each one's score (plain tuples);
    a `Kandidat` is built when it is first read, so a page of 50 builds 50, not 10,000."""

    def __init__(self, urut: list[tuple], buat: Callable[[tuple], Kandidat]) -> None:
        self._urut = urut
        self._buat = buat
        self._jadi: dict[int, Kandidat] = {}

    def __len__(self) -> int:
        return len(self._urut)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self._urut)))]
        if i < 0:
            i += len(self._urut)
        k = self._jadi.get(i)
        if k is None:
            k = self._jadi[i] = self._buat(self._urut[i])  # IndexError ends iteration
        return k


_TANPA = object()


def kandidat_untuk(
    user: AnyUser, jabatan: Jabatan, *, unit_kerja: UnitKerja | None = None
) -> DaftarKandidat:
    """Every active employee the user manages, ranked for `jabatan` (best first, ties by name
    then NIP). Holders of the position in `unit_kerja` (or anywhere, without a unit) are left
    out.

    Set-based: the pool as tuples (one query), the latest assessments (one query), the
    optional sources (their own few queries), then each score from the pure rules, memoised
    on the values that decide it (competency levels, education, golongan, source values), so
    10,000 employees cost a few hundred distinct rule evaluations. No model instance per
    employee; the parts in words are built only for the candidates read."""
    if "standar_kompetensi" not in getattr(jabatan, "_prefetched_objects_cache", {}):
        jabatan = Jabatan.objects.with_standar().get(pk=jabatan.pk)
    bobot_skor = bobot()
    syarat = _Syarat(jabatan, bobot_skor)
    pemegang = Penempatan.objects.aktif().filter(jabatan=jabatan)
    if unit_kerja is not None:
        pemegang = pemegang.filter(unit_kerja=unit_kerja)
    pool = pegawai_dikelola(user).filter(aktif=True).exclude(pk__in=pemegang.values("pegawai_id"))
    rows = list(
        pool.order_by().values_list(
            "pk",
            "nip",
            "nama",
            "gelar_depan",
            "gelar_belakang",
            "golongan",
            "pendidikan_jenjang",
            "pendidikan_jurusan",
            "unit_kerja__nama",
            "nama_jabatan",
        )
    )
    # Assessments of everyone the user manages (Admin BKD: no filter at all); the few rows
    # of holders and inactive employees are read and ignored, cheaper than the anti-join.
    lingkup = None if akses_untuk(user).admin_bkd else pegawai_dikelola(user)
    kompetensi_ids = [s.kompetensi_id for s in syarat.standar]
    asesmen = _asesmen_terbaru(lingkup, kompetensi_ids)
    sumber = _sumber([jabatan], [r[0] for r in rows], bobot_skor)
    data_sumber = [(s.kode, data) for s, data, _kosong in sumber]
    kosong: dict[int, int] = {}
    nilai_kompetensi: dict[tuple, float | None] = {}
    skor_dari: dict[tuple, int] = {}
    urut = []
    jpk = jabatan.pk
    # The score depends only on these; employees share the assessment dict of their levels
    # on PostgreSQL (`_asesmen_terbaru_pg`), so its identity stands for the levels (the dicts
    # stay alive in `asesmen`, identities are not reused).
    skor_cepat: dict[tuple, int] = {}
    for row in rows:
        pk, nip, nama, _depan, _belakang, golongan, jenjang, jurusan, _unit, _sekarang = row
        dinilai = asesmen.get(pk, kosong)
        nilai_sumber = tuple(
            None if data is None or (v := data.get((jpk, pk))) is None else v[0]
            for _kode, data in data_sumber
        )
        cepat = (id(dinilai), golongan, jenjang, jurusan, nilai_sumber)
        skor = skor_cepat.get(cepat)
        if skor is not None:
            urut.append((-skor, nama, nip, skor, row))
            continue
        level = tuple(map(dinilai.get, kompetensi_ids))
        nk = nilai_kompetensi.get(level, _TANPA)
        if nk is _TANPA:
            nk = nilai_kompetensi[level] = rules.nilai_kompetensi(syarat.standar, dinilai)
        nilai = [
            ("kompetensi", nk),
            ("pendidikan", syarat.pendidikan(jenjang, jurusan)[0].nilai),
            ("golongan", syarat.golongan(golongan).nilai),
        ]
        for kode, data in data_sumber:
            v = None if data is None else data.get((jpk, pk))
            nilai.append((kode, None if v is None else v[0]))
        kunci = tuple(nilai)
        skor = skor_dari.get(kunci)
        if skor is None:
            skor = skor_dari[kunci] = rules.gabung_nilai(nilai, bobot_skor)
        skor_cepat[cepat] = skor
        urut.append((-skor, nama, nip, skor, row))
    urut.sort()  # by (-score, name, NIP): NIP is unique, the rest is never compared

    def buat(u: tuple) -> Kandidat:
        _neg, _nama, _nip, skor, row = u
        pk, nip, nama, depan, belakang, golongan, jenjang, jurusan, unit, sekarang = row
        _pendidikan, peringatan = syarat.pendidikan(jenjang, jurusan)
        return Kandidat(
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
                asesmen=asesmen.get(pk, kosong),
                pegawai_id=pk,
                golongan=golongan,
                jenjang=jenjang,
                jurusan=jurusan,
                sumber=sumber,
            ),
        )

    return DaftarKandidat(urut, buat)


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
