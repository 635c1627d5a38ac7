"""Reads of e-kinerja. Everything a user sees starts from the access scope (`pegawai.akses`):
an employee sees their own records, a supervisor their direct subordinates', an operator
their unit's, Admin BKD everyone's."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from pegawai.akses import AnyUser, akses_untuk, pegawai_bawahan, pegawai_terlihat
from pegawai.models import Pegawai, UnitKerja

from . import rules
from .models import (
    HasilOrganisasi,
    LaporanHarian,
    LaporanQuerySet,
    Penilaian,
    PenilaianQuerySet,
    RekapPegawaiBulanan,
    Rhk,
    Skp,
    SkpQuerySet,
    StatusLaporan,
    StatusSkp,
)

# --- Scope ---------------------------------------------------------------------------------


def laporan_terlihat(user: AnyUser) -> LaporanQuerySet:
    return LaporanHarian.objects.filter(pegawai__in=pegawai_terlihat(user))


def skp_terlihat(user: AnyUser) -> SkpQuerySet:
    return Skp.objects.filter(pegawai__in=pegawai_terlihat(user))


def penilaian_terlihat(user: AnyUser) -> PenilaianQuerySet:
    return Penilaian.objects.filter(pegawai__in=pegawai_terlihat(user))


# --- SKP -----------------------------------------------------------------------------------


def skp_daftar(user: AnyUser, *, tahun: int | None = None) -> SkpQuerySet:
    qs = skp_terlihat(user).with_relasi()
    if tahun:
        qs = qs.filter(tahun=tahun)
    return qs.order_by("-tahun", "pegawai__nama", "pk")


def skp_disetujui(pegawai: Pegawai, tahun: int) -> Skp | None:
    return (
        Skp.objects.with_relasi()
        .filter(pegawai=pegawai, tahun=tahun, status=StatusSkp.DISETUJUI)
        .first()
    )


def rhk_pilihan(pegawai: Pegawai, tahun: int) -> QuerySet[Rhk]:
    """The RHK a report may serve: those of the employee's approved SKP for the year."""
    return Rhk.objects.filter(
        skp__pegawai=pegawai, skp__tahun=tahun, skp__status=StatusSkp.DISETUJUI
    ).order_by("jenis", "urutan", "pk")


@dataclass
class BarisMatriks:
    rhk: Rhk
    turunan: list[Rhk] = field(default_factory=list)  # staff RHK, `skp.pegawai` joined


def matriks_peran_hasil(pegawai: Pegawai, tahun: int) -> tuple[Skp | None, list[BarisMatriks]]:
    """The supervisor's RHK with every subordinate RHK that intervenes them (two queries)."""
    skp = (
        Skp.objects.select_related("pegawai")
        .prefetch_related(
            Prefetch(
                "rhk",
                queryset=Rhk.objects.order_by("jenis", "urutan", "pk").prefetch_related(
                    Prefetch(
                        "turunan",
                        queryset=Rhk.objects.select_related("skp__pegawai").order_by(
                            "skp__pegawai__nama", "pk"
                        ),
                    )
                ),
            )
        )
        .filter(pegawai=pegawai, tahun=tahun)
        .first()
    )
    if skp is None:
        return None, []
    return skp, [BarisMatriks(rhk=r, turunan=list(r.turunan.all())) for r in skp.rhk.all()]


# --- Daily reports -------------------------------------------------------------------------


def laporan_daftar(
    user: AnyUser,
    *,
    tanggal_mulai: date | None = None,
    tanggal_selesai: date | None = None,
    status: str = "",
    pegawai: Pegawai | None = None,
) -> LaporanQuerySet:
    qs = laporan_terlihat(user).with_relasi()
    if pegawai is not None:
        qs = qs.filter(pegawai=pegawai)
    if tanggal_mulai:
        qs = qs.filter(tanggal__gte=tanggal_mulai)
    if tanggal_selesai:
        qs = qs.filter(tanggal__lte=tanggal_selesai)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-tanggal", "-jam_mulai", "-pk")


def awal_minggu(hari: date) -> date:
    return hari - timedelta(days=hari.weekday())


def laporan_minggu_ini(pegawai: Pegawai, hari_ini: date) -> list[LaporanHarian]:
    """The employee's reports from Monday of this week up to today (one query)."""
    return list(
        LaporanHarian.objects.select_related("rhk")
        .filter(pegawai=pegawai, tanggal__gte=awal_minggu(hari_ini), tanggal__lte=hari_ini)
        .order_by("-tanggal", "jam_mulai")
    )


def antrian_atasan(user: AnyUser) -> LaporanQuerySet:
    """Reports of the user's direct subordinates waiting for a decision, oldest first."""
    return (
        LaporanHarian.objects.filter(
            pegawai__in=pegawai_bawahan(user), status=StatusLaporan.DIAJUKAN
        )
        .with_relasi()
        .order_by("tanggal", "pegawai__nama", "jam_mulai", "pk")
    )


def realisasi_dari_laporan(skp: Skp, periode: rules.Periode) -> dict[int, Decimal]:
    """Approved output per RHK of the SKP within the period (one GROUP BY query)."""
    baris = (
        LaporanHarian.objects.filter(
            pegawai_id=skp.pegawai_id,
            rhk__skp=skp,
            status=StatusLaporan.DISETUJUI,
            tanggal__gte=periode.mulai,
            tanggal__lte=periode.akhir,
        )
        .order_by()
        .values("rhk_id")
        .annotate(total=Sum("kuantitas"))
    )
    return {b["rhk_id"]: b["total"] for b in baris}


# --- Appraisal -----------------------------------------------------------------------------


def penilaian_daftar(user: AnyUser, *, periode: str = "") -> PenilaianQuerySet:
    qs = penilaian_terlihat(user).with_relasi()
    if periode:
        qs = qs.filter(periode=periode)
    return qs.order_by("-tanggal_akhir", "pegawai__nama", "pk")


def penilaian_rincian(user: AnyUser, pk: int) -> Penilaian:
    """One appraisal inside the scope with its realisations (DoesNotExist outside it)."""
    return (
        penilaian_terlihat(user)
        .with_relasi()
        .prefetch_related(
            Prefetch("realisasi__rhk", queryset=Rhk.objects.prefetch_related("indikator"))
        )
        .get(pk=pk)
    )


def keberatan_daftar(user: AnyUser) -> PenilaianQuerySet:
    return penilaian_daftar(user).filter(tanggapan="KEBERATAN")


# --- Subordinates' progress ------------------------------------------------------------------


@dataclass(frozen=True)
class ProgresBawahan:
    pegawai: Pegawai
    jumlah_laporan: int
    laporan_disetujui: int
    menunggu: int
    total_menit: int
    hari_lapor: int


def progres_bawahan(user: AnyUser, *, mulai: date, akhir: date) -> list[ProgresBawahan]:
    """Each direct subordinate's reporting in [mulai, akhir], aggregated in SQL (one query)."""
    rentang = Q(laporan_harian__tanggal__gte=mulai, laporan_harian__tanggal__lte=akhir)
    qs = (
        pegawai_bawahan(user)
        .annotate(
            n=Count("laporan_harian", filter=rentang),
            disetujui=Count(
                "laporan_harian",
                filter=rentang & Q(laporan_harian__status=StatusLaporan.DISETUJUI),
            ),
            menunggu=Count(
                "laporan_harian",
                filter=rentang & Q(laporan_harian__status=StatusLaporan.DIAJUKAN),
            ),
            menit=Coalesce(Sum("laporan_harian__menit", filter=rentang), 0),
            hari=Count("laporan_harian__tanggal", filter=rentang, distinct=True),
        )
        .order_by("nama", "nip")
    )
    return [ProgresBawahan(p, p.n, p.disetujui, p.menunggu, p.menit, p.hari) for p in qs]


# --- Rollups ---------------------------------------------------------------------------------


def rekap_daftar(
    user: AnyUser, *, bulan: date, unit_kerja: UnitKerja | None = None
) -> QuerySet[RekapPegawaiBulanan]:
    qs = RekapPegawaiBulanan.objects.filter(
        bulan=bulan, pegawai__in=pegawai_terlihat(user)
    ).select_related("pegawai")
    if unit_kerja is not None:
        qs = qs.filter(pegawai__unit_kerja__path__startswith=unit_kerja.path)
    return qs.order_by("pegawai__nama", "pegawai__nip")


# --- Distribution and recognition ------------------------------------------------------------


@dataclass(frozen=True)
class Distribusi:
    unit: UnitKerja
    tahun: int
    hasil_organisasi: str | None
    jumlah: dict[str, int]
    pelanggaran: list[rules.Pelanggaran]

    @property
    def total(self) -> int:
        return sum(self.jumlah.values())

    @property
    def sesuai(self) -> bool:
        return self.hasil_organisasi is not None and not self.pelanggaran

    @property
    def baris(self) -> list[tuple[str, int, float]]:
        total = self.total or 1
        return [
            (nama, self.jumlah.get(k, 0), round(100 * self.jumlah.get(k, 0) / total, 1))
            for k, nama in rules.PREDIKAT.items()
        ]


def _annual_di_unit(user: AnyUser, unit: UnitKerja, tahun: int) -> PenilaianQuerySet:
    return penilaian_terlihat(user).filter(
        jenis_periode=rules.TAHUNAN, tahun=tahun, unit_kerja__path__startswith=unit.path
    )


def distribusi_unit(user: AnyUser, *, unit: UnitKerja, tahun: int) -> Distribusi:
    """The unit's (and sub-units') annual predikat spread checked against its curve."""
    hasil = (
        HasilOrganisasi.objects.filter(unit_kerja=unit, tahun=tahun)
        .values_list("hasil", flat=True)
        .first()
    )
    jumlah = {
        b["predikat"]: b["n"]
        for b in _annual_di_unit(user, unit, tahun)
        .order_by()
        .values("predikat")
        .annotate(n=Count("pk"))
    }
    pelanggaran = rules.cek_distribusi(hasil, jumlah) if hasil else []
    return Distribusi(unit, tahun, hasil, jumlah, pelanggaran)


def penghargaan_daftar(user: AnyUser, *, unit: UnitKerja, tahun: int) -> PenilaianQuerySet:
    """Employees with an annual Sangat Baik in the unit, for rewards."""
    return (
        _annual_di_unit(user, unit, tahun)
        .filter(predikat=rules.SANGAT_BAIK)
        .with_relasi()
        .order_by("unit_kerja__path", "pegawai__nama")
    )


def unit_pilihan_hr(user: AnyUser) -> QuerySet[UnitKerja]:
    akses = akses_untuk(user)
    if akses.admin_bkd:
        return UnitKerja.objects.order_by("path")
    if akses.unit_operator is not None:
        return UnitKerja.objects.subtree(akses.unit_operator).order_by("path")
    return UnitKerja.objects.none()
