"""Reads for the HTML pages. Every function takes the user and starts from the access scope
(`pegawai.akses`); counts are aggregated in SQL, lists bundle their joins."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, StrIndex, Substr

from .akses import (
    AnyUser,
    akses_untuk,
    pegawai_bawahan,
    pegawai_dikelola,
    pegawai_terlihat,
    unit_dikelola,
)
from .models import (
    Pegawai,
    PegawaiQuerySet,
    RiwayatPangkat,
    RiwayatPendidikan,
    StatusKepegawaian,
    UnitKerja,
)
from .rules import normalisasi_nip

JUMLAH_UNIT_TERATAS = 10


@dataclass(frozen=True)
class JumlahStatus:
    """Head counts of one group of pegawai: total and per status kepegawaian."""

    total: int = 0
    pns: int = 0
    cpns: int = 0
    pppk: int = 0


@dataclass(frozen=True)
class BarisUnit:
    unit: UnitKerja
    kedalaman: int
    jumlah: JumlahStatus


@dataclass(frozen=True)
class RingkasanUnit:
    """The operator OPD's dashboard: their unit and sub-units."""

    unit: UnitKerja
    jumlah: JumlahStatus
    sub_unit: list[BarisUnit] = field(default_factory=list)


@dataclass(frozen=True)
class RingkasanProvinsi:
    """The Admin BKD's dashboard: the whole province."""

    jumlah: JumlahStatus
    jumlah_unit: int
    unit_teratas: list[UnitKerja] = field(default_factory=list)  # annotated `jumlah`


def _hitung_per_status() -> dict[str, Count]:
    """Aggregates for `JumlahStatus`, one `COUNT(...) FILTER (WHERE ...)` each."""
    return {
        "total": Count("pk"),
        "pns": Count("pk", filter=Q(status_kepegawaian=StatusKepegawaian.PNS)),
        "cpns": Count("pk", filter=Q(status_kepegawaian=StatusKepegawaian.CPNS)),
        "pppk": Count("pk", filter=Q(status_kepegawaian=StatusKepegawaian.PPPK)),
    }


def _jumlah_status(qs: PegawaiQuerySet) -> JumlahStatus:
    return JumlahStatus(**qs.aggregate(**_hitung_per_status()))


# --- Own record -----------------------------------------------------------------------------


def pegawai_saya(user: AnyUser) -> Pegawai | None:
    """The user's own active pegawai record (unit and atasan joined), or None."""
    return akses_untuk(user).pegawai


def pegawai_rincian(user: AnyUser, nip: str) -> Pegawai:
    """One pegawai inside the user's scope, with rank and education history.

    Raises `Pegawai.DoesNotExist` outside the scope, so the page answers 404 either way.
    """
    return (
        pegawai_terlihat(user)
        .with_relasi()
        .prefetch_related(
            Prefetch("riwayat_pangkat", queryset=RiwayatPangkat.objects.order_by("-tmt")),
            Prefetch(
                "riwayat_pendidikan",
                queryset=RiwayatPendidikan.objects.order_by("-tahun_lulus", "jenjang"),
            ),
        )
        .get(nip=normalisasi_nip(nip))
    )


# --- Supervisor -----------------------------------------------------------------------------


def bawahan_langsung(user: AnyUser) -> list[Pegawai]:
    """The user's active direct subordinates, by name (one query)."""
    return list(pegawai_bawahan(user).select_related("unit_kerja").order_by("nama", "nip"))


# --- Operator OPD ---------------------------------------------------------------------------


def ringkasan_unit(user: AnyUser) -> RingkasanUnit | None:
    """Counts of active pegawai in the operator's unit: its own staff (depth 0) and each
    direct sub-unit with everything below it (depth 1). One level, not a row per unit of the
    subtree (the largest OPD has thousands); the list page filters deeper.

    Three queries: the total, the counts grouped by the path prefix one level below the
    unit, the direct sub-units (so a sub-unit with nobody in it still shows 0).
    """
    akses = akses_untuk(user)
    unit = akses.unit_operator
    if unit is None:
        return None
    dalam_unit = pegawai_dikelola(user).aktif().filter(unit_kerja__path__startswith=unit.path)
    n = len(unit.path)
    path = "unit_kerja__path"
    awalan = Substr(path, 1, StrIndex(Substr(path, n + 1), Value("/")) + n)
    per_awalan = {
        baris.pop("awalan"): JumlahStatus(**baris)
        for baris in dalam_unit.order_by()
        .annotate(awalan=awalan)
        .values("awalan")
        .annotate(**_hitung_per_status())
    }
    sub_unit = [BarisUnit(unit=unit, kedalaman=0, jumlah=per_awalan.get(unit.path, JumlahStatus()))]
    sub_unit += [
        BarisUnit(unit=u, kedalaman=1, jumlah=per_awalan.get(u.path, JumlahStatus()))
        for u in UnitKerja.objects.filter(parent=unit).order_by("path")
    ]
    return RingkasanUnit(unit=unit, jumlah=_jumlah_status(dalam_unit), sub_unit=sub_unit)


# --- Admin BKD ------------------------------------------------------------------------------


def ringkasan_provinsi(user: AnyUser) -> RingkasanProvinsi | None:
    """Province totals and the OPD (top-level units) with the most active pegawai.

    Three queries: the totals, the number of OPD, and the OPD ranked by a correlated
    `SELECT COUNT(*)` over their subtree.
    """
    if not akses_untuk(user).admin_bkd:
        return None
    semua = pegawai_terlihat(user).aktif()
    jumlah_subtree = (
        semua.filter(unit_kerja__path__startswith=OuterRef("path"))
        .order_by()
        .values(n=Func("pk", function="COUNT"))
    )
    opd = UnitKerja.objects.filter(parent__isnull=True)
    teratas = list(
        opd.annotate(jumlah=Coalesce(Subquery(jumlah_subtree, output_field=IntegerField()), 0))
        .filter(jumlah__gt=0)
        .order_by("-jumlah", "nama")[:JUMLAH_UNIT_TERATAS]
    )
    return RingkasanProvinsi(
        jumlah=_jumlah_status(semua), jumlah_unit=opd.count(), unit_teratas=teratas
    )


# --- Lists ----------------------------------------------------------------------------------

LINGKUP_BAWAHAN = "bawahan"


def unit_pilihan(user: AnyUser) -> QuerySet[UnitKerja]:
    """Units offered in the list filter: those the user manages, else those of people they see."""
    if akses_untuk(user).staf_hr:
        return unit_dikelola(user).order_by("path")
    return UnitKerja.objects.filter(pk__in=pegawai_terlihat(user).values("unit_kerja")).order_by(
        "path"
    )


UNIT_CARI_MAKS = 20


def unit_cari(units: QuerySet[UnitKerja], q: str, *, batas: int = UNIT_CARI_MAKS) -> list[dict]:
    """The unit picker's suggestions: units of `units` (already the caller's scope) whose
    name, code or abbreviation contains `q`, best first (exact code, then names starting
    with `q`, then tree order), at most `batas`, each with its parent path spelled in names.
    Two queries whatever the size of the tree."""
    q = " ".join(q.split())[:100]
    if not q:
        return []
    cocok = Q(nama__icontains=q) | Q(kode__icontains=q) | Q(singkatan__icontains=q)
    urutan = Case(
        When(kode__iexact=q, then=Value(0)),
        When(Q(nama__istartswith=q) | Q(singkatan__iexact=q), then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    baris = list(
        units.filter(cocok)
        .annotate(urutan_cari=urutan)
        .order_by("urutan_cari", "path")
        .only("pk", "kode", "nama", "path")[:batas]
    )
    induk_kode = {k for u in baris for k in u.path.strip("/").split("/")[:-1]}
    nama = dict(UnitKerja.objects.filter(kode__in=induk_kode).values_list("kode", "nama"))
    return [
        {
            "id": u.pk,
            "kode": u.kode,
            "nama": u.nama,
            "label": f"{u.nama} [{u.kode}]",
            "induk": " › ".join(nama.get(k, k) for k in u.path.strip("/").split("/")[:-1]),
        }
        for u in baris
    ]


def pegawai_daftar(
    user: AnyUser,
    *,
    q: str = "",
    unit: UnitKerja | None = None,
    lingkup: str = "",
) -> PegawaiQuerySet:
    """The pegawai list a user sees: scoped, searchable by NIP/nama, filtered by unit
    (with its sub-units); `lingkup="bawahan"` narrows it to direct subordinates."""
    qs = pegawai_bawahan(user) if lingkup == LINGKUP_BAWAHAN else pegawai_terlihat(user)
    q = q.strip()
    if q:
        padat = normalisasi_nip(q)
        kondisi = Q(nama__icontains=q)
        if padat.isdigit():
            kondisi |= Q(nip__contains=padat)
        qs = qs.filter(kondisi)
    if unit is not None:
        qs = qs.filter(unit_kerja__path__startswith=unit.path)
    return qs.with_relasi().order_by("nama", "nip")
