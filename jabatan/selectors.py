"""Reads of the jabatan app for the API, the pages and the admin. Everything a user sees
starts from the access scope (`pegawai.akses`); counts are aggregated in SQL."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from pegawai.akses import AnyUser, akses_untuk, pegawai_terlihat, unit_dikelola
from pegawai.models import UnitKerja

from .models import Formasi, FormasiQuerySet, Jabatan, Penempatan, PenempatanQuerySet


def unit_terlihat(user: AnyUser) -> QuerySet[UnitKerja]:
    """Units whose formasi and peta jabatan the user may open: HR their managed units; an
    employee their own unit and its sub-units."""
    akses = akses_untuk(user)
    if akses.staf_hr:
        unit = unit_dikelola(user)
        if akses.pegawai is not None and not akses.admin_bkd:
            unit = unit | UnitKerja.objects.subtree(akses.pegawai.unit_kerja)
        return unit
    if akses.pegawai is not None:
        return UnitKerja.objects.subtree(akses.pegawai.unit_kerja)
    return UnitKerja.objects.none()


def unit_satu_tingkat(
    user: AnyUser, *, induk: UnitKerja | None = None
) -> tuple[list[UnitKerja], list[UnitKerja]]:
    """One level of the units the user may open: the sub-units of `induk` (from
    `unit_terlihat`), else the top of the scope (the OPDs for Admin BKD, an operator's own
    unit). Each annotated `punya_sub` (a drill-down link); with `induk`, its ancestors in the
    scope, top first. Not every unit: 5,837 rows at province scale."""
    terlihat = unit_terlihat(user)
    if induk is not None:
        qs = terlihat.filter(parent=induk)
        kode = induk.path.strip("/").split("/")[:-1]
        jejak = list(terlihat.filter(kode__in=kode).order_by("path")) if kode else []
    else:
        qs = terlihat.exclude(parent__in=terlihat)
        jejak = []
    sub = terlihat.filter(parent=OuterRef("pk"))
    return list(qs.annotate(punya_sub=Exists(sub)).order_by("path")), jejak


def jabatan_daftar() -> QuerySet[Jabatan]:
    """The catalogue (not personal data: every signed-in user may read it)."""
    return Jabatan.objects.with_standar().order_by("-kelas_jabatan", "nama")


def formasi_daftar(user: AnyUser, *, unit: UnitKerja | None = None) -> FormasiQuerySet:
    qs = Formasi.objects.with_hitungan().filter(unit_kerja__in=unit_terlihat(user))
    if unit is not None:
        qs = qs.filter(unit_kerja__path__startswith=unit.path)
    return qs.order_by("unit_kerja__path", "-jabatan__kelas_jabatan", "jabatan__nama")


def penempatan_terlihat(user: AnyUser) -> PenempatanQuerySet:
    """Placements of the employees the user may see (a pegawai: their own history)."""
    return Penempatan.objects.filter(pegawai__in=pegawai_terlihat(user)).with_relasi()


# --- Vacancy report -------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisLaporan:
    unit_id: int
    unit_kode: str
    unit_nama: str
    jabatan_id: int
    jabatan_kode: str
    jabatan_nama: str
    kelas_jabatan: int
    kebutuhan: int
    terisi: int

    @property
    def kekurangan(self) -> int:
        return self.kebutuhan - self.terisi

    @property
    def status(self) -> str:
        if self.kekurangan > 0:
            return "Lowong"
        if self.kekurangan < 0:
            return "Kelebihan"
        return "Sesuai"


def laporan_formasi(
    user: AnyUser, *, unit: UnitKerja | None = None, hanya_selisih: bool = True
) -> list[BarisLaporan]:
    """Vacancies and over-filled positions per unit: every formasi, plus the positions held
    where no formasi exists (kebutuhan 0). Two queries."""
    hasil = [
        BarisLaporan(
            f.unit_kerja_id,
            f.unit_kerja.kode,
            f.unit_kerja.nama,
            f.jabatan_id,
            f.jabatan.kode,
            f.jabatan.nama,
            f.jabatan.kelas_jabatan,
            f.kebutuhan,
            f.terisi,
        )
        for f in formasi_daftar(user, unit=unit)
    ]
    tanpa_formasi = (
        Penempatan.objects.aktif()
        .filter(unit_kerja__in=unit_terlihat(user))
        .filter(
            ~Exists(
                Formasi.objects.filter(
                    unit_kerja=OuterRef("unit_kerja"), jabatan=OuterRef("jabatan")
                )
            )
        )
    )
    if unit is not None:
        tanpa_formasi = tanpa_formasi.filter(unit_kerja__path__startswith=unit.path)
    for row in (
        tanpa_formasi.order_by()
        .values(
            "unit_kerja_id",
            "unit_kerja__kode",
            "unit_kerja__nama",
            "jabatan_id",
            "jabatan__kode",
            "jabatan__nama",
            "jabatan__kelas_jabatan",
        )
        .annotate(n=Count("id"))
    ):
        hasil.append(
            BarisLaporan(
                row["unit_kerja_id"],
                row["unit_kerja__kode"],
                row["unit_kerja__nama"],
                row["jabatan_id"],
                row["jabatan__kode"],
                row["jabatan__nama"],
                row["jabatan__kelas_jabatan"],
                0,
                row["n"],
            )
        )
    if hanya_selisih:
        hasil = [b for b in hasil if b.kekurangan != 0]
    # Vacancies first (what HR acts on), then over-filled positions; by unit within each.
    hasil.sort(key=lambda b: (b.kekurangan <= 0, b.unit_kode, -b.kelas_jabatan, b.jabatan_nama))
    return hasil


class LaporanFormasi:
    """The vacancy report of `laporan_formasi` (only the rows with a difference), paginated
    in SQL for the page: `len()` runs one aggregate (also the totals `lowong`, `lebih`), a
    slice reads only its rows. Both are one statement over the scope's formasi FULL JOINed
    to the active placements grouped per (unit, jabatan); the order is the report's
    (vacancies first, then by unit code, class descending, name; bytewise as Python sorts).
    `hanya_lowong` keeps the vacancies only (the totals stay those of the whole report)."""

    def __init__(self, user: AnyUser, *, unit: UnitKerja | None = None, hanya_lowong=False):
        lingkup = unit_terlihat(user)
        if unit is not None:
            lingkup = lingkup.filter(path__startswith=unit.path)
        self._lingkup = lingkup.order_by().values("pk").query.sql_with_params()
        self.hanya_lowong = hanya_lowong
        self._total: tuple[int, int, int, int] | None = None

    def _cte(self) -> tuple[str, tuple]:
        qn = connection.ops.quote_name
        sql, params = self._lingkup
        return (
            f"""
            WITH lingkup (id) AS ({sql}),
            t AS (
                SELECT unit_kerja_id, jabatan_id, COUNT(*) AS n FROM {qn(Penempatan._meta.db_table)}
                WHERE aktif AND unit_kerja_id IN (SELECT id FROM lingkup)
                GROUP BY unit_kerja_id, jabatan_id
            ),
            f AS (
                SELECT unit_kerja_id, jabatan_id, kebutuhan FROM {qn(Formasi._meta.db_table)}
                WHERE unit_kerja_id IN (SELECT id FROM lingkup)
            ),
            g AS (
                SELECT COALESCE(f.unit_kerja_id, t.unit_kerja_id) AS uid,
                       COALESCE(f.jabatan_id, t.jabatan_id) AS jid,
                       COALESCE(f.kebutuhan, 0) AS keb, COALESCE(t.n, 0) AS ter
                FROM f FULL JOIN t
                  ON f.unit_kerja_id = t.unit_kerja_id AND f.jabatan_id = t.jabatan_id
            )
            """,
            tuple(params),
        )

    def _totals(self) -> tuple[int, int, int, int]:
        if self._total is None:
            cte, params = self._cte()
            with connection.cursor() as c:
                c.execute(
                    cte + """
                    SELECT COUNT(*) FILTER (WHERE keb <> ter), COUNT(*) FILTER (WHERE keb > ter),
                           COALESCE(SUM(keb - ter) FILTER (WHERE keb > ter), 0),
                           COALESCE(SUM(ter - keb) FILTER (WHERE keb < ter), 0)
                    FROM g""",
                    params,
                )
                self._total = tuple(int(x) for x in c.fetchone())
        return self._total

    def count(self) -> int:
        semua, lowong, _, _ = self._totals()
        return lowong if self.hanya_lowong else semua

    __len__ = count

    @property
    def lowong(self) -> int:
        return self._totals()[2]

    @property
    def lebih(self) -> int:
        return self._totals()[3]

    def __getitem__(self, k: slice) -> list[BarisLaporan]:
        mulai, akhir = k.start or 0, k.stop
        qn = connection.ops.quote_name
        cte, params = self._cte()
        syarat = "g.keb > g.ter" if self.hanya_lowong else "g.keb <> g.ter"
        with connection.cursor() as c:
            c.execute(
                cte + f"""
                SELECT g.uid, u.kode, u.nama, g.jid, j.kode, j.nama, j.kelas_jabatan, g.keb, g.ter
                FROM g JOIN {qn(UnitKerja._meta.db_table)} u ON u.id = g.uid
                       JOIN {qn(Jabatan._meta.db_table)} j ON j.id = g.jid
                WHERE {syarat}
                ORDER BY g.keb <= g.ter, u.kode COLLATE "C", j.kelas_jabatan DESC,
                         j.nama COLLATE "C", g.uid, g.jid
                LIMIT %s OFFSET %s""",
                (*params, (akhir - mulai) if akhir is not None else None, mulai),
            )
            return [BarisLaporan(*r) for r in c.fetchall()]


KOLOM_LAPORAN = [
    "Kode Unit Kerja",
    "Unit Kerja",
    "Kode Jabatan",
    "Jabatan",
    "Kelas Jabatan",
    "Kebutuhan",
    "Terisi",
    "Kekurangan",
    "Status",
]


def laporan_formasi_dataset(baris: list[BarisLaporan]):
    """The report as a tablib Dataset (xlsx/csv export)."""
    from tablib import Dataset

    data = Dataset(headers=KOLOM_LAPORAN, title="Lowongan dan kelebihan")
    for b in baris:
        data.append(
            [
                b.unit_kode,
                b.unit_nama,
                b.jabatan_kode,
                b.jabatan_nama,
                b.kelas_jabatan,
                b.kebutuhan,
                b.terisi,
                b.kekurangan,
                b.status,
            ]
        )
    return data


# --- Peta jabatan ---------------------------------------------------------------------------


@dataclass
class Pemegang:
    nip: str
    nama: str
    terlihat: bool  # outside the viewer's scope the name is not shown


@dataclass
class BarisPeta:
    jabatan: Jabatan
    kebutuhan: int
    pemegang: list[Pemegang] = field(default_factory=list)

    @property
    def terisi(self) -> int:
        return len(self.pemegang)

    @property
    def kekurangan(self) -> int:
        return self.kebutuhan - self.terisi


@dataclass
class UnitPeta:
    unit: UnitKerja
    kedalaman: int
    baris: list[BarisPeta]

    @property
    def lowong(self) -> int:
        return sum(max(b.kekurangan, 0) for b in self.baris)


def peta_jabatan(user: AnyUser, unit: UnitKerja) -> list[UnitPeta]:
    """The unit and its sub-units: per unit the positions (formasi or held), who holds them
    and the vacancies. Four queries whatever the size."""
    units = list(UnitKerja.objects.subtree(unit).order_by("path"))
    formasi = Formasi.objects.filter(unit_kerja__path__startswith=unit.path).select_related(
        "jabatan"
    )
    penempatan = (
        Penempatan.objects.aktif()
        .filter(unit_kerja__path__startswith=unit.path)
        .select_related("pegawai", "jabatan")
        .order_by("pegawai__nama")
    )
    terlihat = set(
        pegawai_terlihat(user)
        .filter(
            Q(unit_kerja__path__startswith=unit.path)
            | Q(penempatan__aktif=True, penempatan__unit_kerja__path__startswith=unit.path)
        )
        .values_list("pk", flat=True)
    )
    per_unit: dict[int, dict[int, BarisPeta]] = defaultdict(dict)
    for f in formasi:
        per_unit[f.unit_kerja_id][f.jabatan_id] = BarisPeta(f.jabatan, f.kebutuhan)
    for p in penempatan:
        baris = per_unit[p.unit_kerja_id].setdefault(p.jabatan_id, BarisPeta(p.jabatan, 0))
        baris.pemegang.append(
            Pemegang(p.pegawai.nip, p.pegawai.nama_lengkap, p.pegawai_id in terlihat)
        )
    dasar = unit.path.count("/")
    return [
        UnitPeta(
            u,
            u.path.count("/") - dasar,
            sorted(
                per_unit[u.pk].values(), key=lambda b: (-b.jabatan.kelas_jabatan, b.jabatan.nama)
            ),
        )
        for u in units
    ]
