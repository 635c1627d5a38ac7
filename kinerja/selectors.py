"""Reads of e-kinerja. Everything a user sees starts from the access scope (`pegawai.akses`):
an employee sees their own records, a supervisor their direct subordinates', an operator
their unit's, Admin BKD everyone's."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, StrIndex, Substr

from aturan import katalog
from aturan.berlaku import AturanTidakAda, aturan_berlaku
from inti.kursor import kolom_urutan, setelah_posisi
from pegawai.akses import (
    AnyUser,
    akses_untuk,
    pegawai_bawahan,
    pegawai_garis,
    pegawai_terlihat,
)
from pegawai.models import Pegawai, UnitKerja

from . import rules
from .models import (
    Aspek,
    HasilOrganisasi,
    IndikatorKinerja,
    LaporanHarian,
    LaporanQuerySet,
    Penilaian,
    PenilaianQuerySet,
    PerjanjianKinerja,
    RekapPegawaiBulanan,
    RekapUnitBulanan,
    RevisiPenilaian,
    Rhk,
    Skp,
    SkpQuerySet,
    StatusLaporan,
    StatusSkp,
    StempelRekap,
)

# --- Scope ---------------------------------------------------------------------------------


# Newest first, on the indexes laporan_urutan and penilaian_urutan; the cursor pages
# (`laporan_setelah`, `penilaian_setelah`) continue in the same order. (A sort of the
# appraisals by the employee's name through the join cost ~0.7 s at 300,000 rows, issue 17.)
URUTAN_LAPORAN = ("-tanggal", "-jam_mulai", "-pk")
URUTAN_PENILAIAN = ("-tanggal_akhir", "-pk")
_KOLOM_LAPORAN = kolom_urutan(URUTAN_LAPORAN)
_KOLOM_PENILAIAN = kolom_urutan(URUTAN_PENILAIAN)


def _dalam_lingkup(qs, user: AnyUser):
    """Rows of the employees `user` may see. Admin BKD sees every employee: no
    `pegawai_id IN (SELECT id FROM pegawai)` over 100,000 rows on every count and page."""
    if akses_untuk(user).admin_bkd:
        return qs.all()
    return qs.filter(pegawai__in=pegawai_terlihat(user))


def laporan_terlihat(user: AnyUser) -> LaporanQuerySet:
    return _dalam_lingkup(LaporanHarian.objects, user)


def skp_terlihat(user: AnyUser) -> SkpQuerySet:
    return _dalam_lingkup(Skp.objects, user)


def penilaian_terlihat(user: AnyUser) -> PenilaianQuerySet:
    return _dalam_lingkup(Penilaian.objects, user)


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


def _rhk_lengkap() -> QuerySet[Rhk]:
    """RHK with what a document shows: the intervened RHK or PK, and the indicators."""
    return (
        Rhk.objects.select_related("rhk_atasan", "perjanjian_kinerja")
        .prefetch_related("indikator")
        .order_by("jenis", "urutan", "pk")
    )


def skp_rincian(user: AnyUser, pk: int) -> Skp:
    """One SKP inside the scope with RHK, indicators, expectations and the pejabat penilai's
    unit (DoesNotExist outside the scope): the page, the approval and the PDF."""
    return skp_terlihat(user).with_relasi().select_related("penilai__unit_kerja").get(pk=pk)


def skp_tahun_lalu(user: AnyUser, pegawai: Pegawai, tahun: int) -> Skp | None:
    """The employee's SKP of the year before `tahun`, inside the scope, with its RHK and
    indicators (read-only beside this year's, and the source of a copy)."""
    return skp_daftar(user, tahun=tahun - 1).filter(pegawai=pegawai).first()


def rhk_rincian(user: AnyUser, pk: int) -> Rhk:
    """One RHK of an SKP inside the scope, with its SKP and indicators (DoesNotExist
    outside the scope)."""
    return (
        Rhk.objects.filter(skp__in=skp_terlihat(user))
        .select_related("skp__pegawai", "skp__penilai", "skp__unit_kerja")
        .prefetch_related("indikator")
        .get(pk=pk)
    )


def indikator_rincian(user: AnyUser, pk: int) -> IndikatorKinerja:
    """One indicator of an SKP inside the scope, with its RHK and SKP."""
    return (
        IndikatorKinerja.objects.filter(rhk__skp__in=skp_terlihat(user))
        .select_related("rhk__skp")
        .get(pk=pk)
    )


def skp_menunggu(user: AnyUser) -> SkpQuerySet:
    """SKPs submitted to this user as pejabat penilai, waiting for a decision (one query)."""
    saya = akses_untuk(user).pegawai
    if saya is None:
        return Skp.objects.none()
    return (
        skp_terlihat(user)
        .filter(penilai=saya, status=StatusSkp.DIAJUKAN)
        .select_related("pegawai")
        .order_by("diajukan_pada", "pk")
    )


def rhk_atasan_pilihan(skp: Skp) -> QuerySet[Rhk]:
    """The RHK of the pejabat penilai's SKP of the same year: what a staff RHK may intervene."""
    if skp.penilai_id is None:
        return Rhk.objects.none()
    return Rhk.objects.filter(skp__pegawai_id=skp.penilai_id, skp__tahun=skp.tahun).order_by(
        "jenis", "urutan", "pk"
    )


def perjanjian_pilihan(skp: Skp) -> QuerySet[PerjanjianKinerja]:
    """The perjanjian kinerja of the SKP's unit and its parent units for the year (what a
    unit head's RHK may cascade from)."""
    bagian = [b for b in skp.unit_kerja.path.split("/") if b]
    leluhur = ["/" + "/".join(bagian[: i + 1]) + "/" for i in range(len(bagian))]
    return (
        PerjanjianKinerja.objects.filter(tahun=skp.tahun, unit_kerja__path__in=leluhur)
        .select_related("unit_kerja")
        .order_by("unit_kerja__path", "pk")
    )


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
    return qs.order_by(*URUTAN_LAPORAN)


def awal_minggu(hari: date) -> date:
    return hari - timedelta(days=hari.weekday())


def laporan_minggu_ini(pegawai: Pegawai, hari_ini: date) -> list[LaporanHarian]:
    """The employee's reports from Monday of this week up to today (one query)."""
    return list(
        LaporanHarian.objects.select_related("rhk")
        .filter(pegawai=pegawai, tanggal__gte=awal_minggu(hari_ini), tanggal__lte=hari_ini)
        .order_by("-tanggal", "jam_mulai")
    )


def jam_selesai_terakhir(pegawai: Pegawai, tanggal: date):
    """The end of the employee's latest report on `tanggal` (None without one); one query."""
    return (
        LaporanHarian.objects.filter(pegawai=pegawai, tanggal=tanggal)
        .order_by("-jam_selesai")
        .values_list("jam_selesai", flat=True)
        .first()
    )


def laporan_dikembalikan(pegawai: Pegawai) -> list[LaporanHarian]:
    """The employee's returned reports, whatever their date, oldest first: they stay on top of
    the report page until corrected (one query)."""
    return list(
        LaporanHarian.objects.select_related("rhk")
        .filter(pegawai=pegawai, status=StatusLaporan.DIKEMBALIKAN)
        .order_by("tanggal", "jam_mulai", "pk")
    )


def laporan_saya(
    pegawai: Pegawai, *, bulan: date | None = None, status: str = ""
) -> LaporanQuerySet:
    """Every report of one employee, newest first, optionally one month and one status; the
    page pages through it by cursor (`laporan_setelah`)."""
    qs = LaporanHarian.objects.select_related("rhk").filter(pegawai=pegawai)
    if bulan is not None:
        akhir = _bulan_mundur(bulan, -1)
        qs = qs.filter(tanggal__gte=bulan, tanggal__lt=akhir)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by(*URUTAN_LAPORAN)


def laporan_setelah(qs: LaporanQuerySet, kursor: LaporanHarian) -> LaporanQuerySet:
    """The rows after `kursor` in the newest-first order (keyset, no OFFSET)."""
    return qs.filter(setelah_posisi(_KOLOM_LAPORAN, [kursor.tanggal, kursor.jam_mulai, kursor.pk]))


@dataclass(frozen=True)
class TugasKinerja:
    """What waits for one user in e-kinerja (the home page's to-do counts)."""

    laporan_dikembalikan: int = 0
    penilaian_ditanggapi: int = 0
    laporan_menunggu: int = 0
    skp_menunggu: int = 0

    @property
    def ada(self) -> bool:
        return bool(
            self.laporan_dikembalikan
            or self.penilaian_ditanggapi
            or self.laporan_menunggu
            or self.skp_menunggu
        )


def tugas_kinerja(user: AnyUser) -> TugasKinerja:
    """Counts for the home page: returned reports and appraisals to acknowledge (own); reports
    and SKPs waiting for this user as direct supervisor. At most four COUNT queries."""
    akses = akses_untuk(user)
    saya = akses.pegawai
    if saya is None:
        return TugasKinerja()
    dikembalikan = LaporanHarian.objects.filter(
        pegawai=saya, status=StatusLaporan.DIKEMBALIKAN
    ).count()
    ditanggapi = Penilaian.objects.filter(pegawai=saya, tanggapan="").count()
    menunggu = skp = 0
    if akses.punya_bawahan:
        menunggu = antrian_atasan(user).count()
        skp = skp_menunggu(user).count()
    return TugasKinerja(dikembalikan, ditanggapi, menunggu, skp)


def antrian_atasan(user: AnyUser) -> LaporanQuerySet:
    """Reports of the user's direct subordinates waiting for a decision, oldest first."""
    return (
        LaporanHarian.objects.filter(
            pegawai__in=pegawai_bawahan(user), status=StatusLaporan.DIAJUKAN
        )
        .with_relasi()
        .order_by("tanggal", "pegawai__nama", "jam_mulai", "pk")
    )


def indikator_utama(rhk: Rhk) -> IndikatorKinerja | None:
    """The indicator an RHK's progress and realisation are measured in: its first quantity
    indicator (else its first indicator). Uses the prefetched `rhk.indikator` when there."""
    daftar = sorted(rhk.indikator.all(), key=lambda i: i.pk)
    kuantitas = [i for i in daftar if i.aspek == Aspek.KUANTITAS]
    return (kuantitas or daftar or [None])[0]


def realisasi_dari_laporan(skp: Skp, periode: rules.Periode) -> dict[int, Decimal]:
    """Approved output per RHK of the SKP within the period, counting only the reports of the
    RHK's measuring indicator (`indikator_utama`), so units never mix (one GROUP BY query)."""
    utama = [i.pk for r in skp.rhk.all() if (i := indikator_utama(r)) is not None]
    baris = (
        LaporanHarian.objects.filter(
            pegawai_id=skp.pegawai_id,
            rhk__skp=skp,
            indikator_id__in=utama,
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
    return qs.order_by(*URUTAN_PENILAIAN)


def penilaian_setelah(qs: PenilaianQuerySet, kursor: Penilaian) -> PenilaianQuerySet:
    """The rows after `kursor` in the newest-first order (keyset, no OFFSET)."""
    return qs.filter(setelah_posisi(_KOLOM_PENILAIAN, [kursor.tanggal_akhir, kursor.pk]))


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


def penilaian_dokumen(user: AnyUser, pk: int) -> Penilaian:
    """One appraisal inside the scope with everything its PDF prints: the SKP's RHK with
    indicators and expectations, the realisations, both parties' units (six queries)."""
    return (
        penilaian_terlihat(user)
        .select_related("pegawai", "penilai__unit_kerja", "unit_kerja", "skp")
        .prefetch_related(
            "realisasi",
            Prefetch("skp__rhk", queryset=_rhk_lengkap()),
            "skp__ekspektasi",
        )
        .get(pk=pk)
    )


def penilaian_revisi(penilaian: Penilaian) -> list[RevisiPenilaian]:
    """The corrections of one appraisal (already in scope), newest first, with who made them."""
    return list(
        RevisiPenilaian.objects.filter(penilaian=penilaian)
        .select_related("oleh")
        .order_by("-pada", "-pk")
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


@dataclass(frozen=True)
class LaporanHari:
    tanggal: date
    jumlah: int
    disetujui: int


def laporan_per_hari_bawahan(user: AnyUser, *, mulai: date, akhir: date) -> list[LaporanHari]:
    """Reports of the direct subordinates per day in [mulai, akhir], every day present
    (one GROUP BY query)."""
    hitung = {
        b["tanggal"]: b
        for b in LaporanHarian.objects.filter(
            pegawai__in=pegawai_bawahan(user), tanggal__gte=mulai, tanggal__lte=akhir
        )
        .order_by()
        .values("tanggal")
        .annotate(
            jumlah=Count("pk"),
            disetujui=Count("pk", filter=Q(status=StatusLaporan.DISETUJUI)),
        )
    }
    hari = []
    for i in range((akhir - mulai).days + 1):
        t = mulai + timedelta(days=i)
        b = hitung.get(t, {})
        hari.append(LaporanHari(t, b.get("jumlah", 0), b.get("disetujui", 0)))
    return hari


@dataclass(frozen=True)
class ProgresRhk:
    rhk: Rhk  # with `skp.pegawai` joined
    target: Decimal | None  # the target of the RHK's first quantity indicator
    satuan: str
    realisasi: Decimal  # approved output this year

    @property
    def persen(self) -> float | None:
        if not self.target:
            return None
        return round(float(100 * self.realisasi / self.target), 1)

    @property
    def lebar_batang(self) -> float:
        """Bar width in % (capped at 100)."""
        return min(100.0, self.persen or 0.0)


def progres_rhk_bawahan(user: AnyUser, *, tahun: int, akhir: date) -> list[ProgresRhk]:
    """Each RHK of the direct subordinates' approved SKPs with its quantity target and the
    output of approved reports from 1 January to `akhir` (one query, sums in subqueries)."""
    desimal = DecimalField(max_digits=14, decimal_places=2)
    # Measured in the RHK's first quantity indicator; only reports of that indicator count,
    # so the total never adds different units.
    kuantitas = IndikatorKinerja.objects.filter(rhk=OuterRef("pk"), aspek=Aspek.KUANTITAS).order_by(
        "pk"
    )
    disetujui = LaporanHarian.objects.filter(
        indikator_id=OuterRef("indikator_utama"),
        status=StatusLaporan.DISETUJUI,
        tanggal__gte=date(tahun, 1, 1),
        tanggal__lte=akhir,
    )
    qs = (
        Rhk.objects.filter(
            skp__pegawai__in=pegawai_bawahan(user),
            skp__tahun=tahun,
            skp__status=StatusSkp.DISETUJUI,
        )
        .select_related("skp__pegawai")
        .annotate(
            indikator_utama=Subquery(kuantitas.values("pk")[:1]),
            target=Subquery(kuantitas.values("target")[:1], output_field=desimal),
            satuan_target=Subquery(kuantitas.values("satuan")[:1]),
            realisasi=Coalesce(
                Subquery(
                    disetujui.order_by()
                    .values("indikator")
                    .annotate(s=Sum("kuantitas"))
                    .values("s")[:1],
                    output_field=desimal,
                ),
                Value(Decimal(0)),
                output_field=desimal,
            ),
        )
        # "-jenis": UTAMA before TAMBAHAN.
        .order_by("skp__pegawai__nama", "skp__pegawai__nip", "-jenis", "urutan", "pk")
    )
    return [ProgresRhk(r, r.target, r.satuan_target or "", Decimal(r.realisasi or 0)) for r in qs]


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


# --- HR dashboard per unit (from the monthly rollups) ------------------------------------------

KOLOM_JUMLAH = (
    "jumlah_pegawai",
    "pegawai_melapor",
    "jumlah_laporan",
    "laporan_disetujui",
    "laporan_dikembalikan",
    "total_menit",
)
KOLOM_SEBARAN = {
    rules.SANGAT_BAIK: "sangat_baik",
    rules.BAIK: "baik",
    rules.BUTUH_PERBAIKAN: "butuh_perbaikan",
    rules.KURANG: "kurang",
    rules.SANGAT_KURANG: "sangat_kurang",
}


def _persen(bagian: int, total: int) -> float:
    return round(100 * bagian / total, 1) if total else 0.0


@dataclass(frozen=True)
class Kepatuhan:
    bulan: date
    jumlah_pegawai: int
    pegawai_melapor: int

    @property
    def persen(self) -> float:
        return _persen(self.pegawai_melapor, self.jumlah_pegawai)


@dataclass(frozen=True)
class BarisRincian:
    """One row of the dashboard's breakdown: a direct sub-unit with everything below it, or
    (`sendiri`) the chosen unit's own employees, those not in any sub-unit."""

    unit: UnitKerja
    sendiri: bool
    punya_sub: bool  # a sub-unit with sub-units of its own: the row links a drill-down
    jumlah: dict[str, int]  # KOLOM_JUMLAH of the month

    def __getattr__(self, nama: str) -> int:
        if nama in KOLOM_JUMLAH:
            return self.jumlah[nama]
        raise AttributeError(nama)

    @property
    def persen_melapor(self) -> float:
        return _persen(self.jumlah["pegawai_melapor"], self.jumlah["jumlah_pegawai"])


@dataclass(frozen=True)
class DasborUnit:
    unit: UnitKerja | None  # None: the whole province (Admin BKD)
    bulan: date
    jumlah: dict[str, int]  # KOLOM_JUMLAH of the month, over the unit and its sub-units
    sebaran: dict[str, int]  # predikat -> appraisals ending from January to this month
    tren: list[Kepatuhan]  # the last six months, oldest first
    # One level of the tree, not a row per unit (5,837 rows at province scale): the chosen
    # unit's own employees and each direct sub-unit summed over its subtree (the OPDs for the
    # whole province). The rows add up to `jumlah`.
    rincian: list[BarisRincian]
    jejak: list[UnitKerja] = field(default_factory=list)  # ancestors in scope, top first

    @property
    def persen_melapor(self) -> float:
        return _persen(self.jumlah["pegawai_melapor"], self.jumlah["jumlah_pegawai"])

    @property
    def total_penilaian(self) -> int:
        return sum(self.sebaran.values())

    @property
    def baris_sebaran(self) -> list[tuple[str, str, int, float]]:
        """(kode, nama, jumlah, persen) for every predikat, in the order of the regulation."""
        total = self.total_penilaian
        return [
            (k, nama, self.sebaran.get(k, 0), _persen(self.sebaran.get(k, 0), total))
            for k, nama in rules.PREDIKAT.items()
        ]


def _bulan_mundur(bulan: date, n: int) -> date:
    indeks = bulan.year * 12 + bulan.month - 1 - n
    return date(indeks // 12, indeks % 12 + 1, 1)


def dasbor_unit(user: AnyUser, *, unit: UnitKerja | None, bulan: date) -> DasborUnit:
    """Compliance and predikat spread of a unit and its sub-units, read from the monthly
    rollups (six queries whatever the number of units or employees).

    `unit` must come from `unit_pilihan_hr(user)`; None (the whole province) only for
    Admin BKD.
    """
    bulan = bulan.replace(day=1)
    qs = RekapUnitBulanan.objects.all()
    boleh = True
    if unit is not None:
        qs = qs.filter(unit_kerja__path__startswith=unit.path)
    elif not akses_untuk(user).admin_bkd:
        qs = qs.none()
        boleh = False
    bulan_ini = Q(bulan=bulan)
    tahun_ini = Q(bulan__gte=date(bulan.year, 1, 1), bulan__lte=bulan)
    nol = Value(0, output_field=IntegerField())
    total = qs.aggregate(
        **{k: Coalesce(Sum(k, filter=bulan_ini), nol) for k in KOLOM_JUMLAH},
        **{f"p_{k}": Coalesce(Sum(k, filter=tahun_ini), nol) for k in KOLOM_SEBARAN.values()},
    )
    awal_tren = _bulan_mundur(bulan, 5)
    per_bulan = {
        b["bulan"]: b
        for b in qs.filter(bulan__gte=awal_tren, bulan__lte=bulan)
        .order_by()
        .values("bulan")
        .annotate(p=Sum("jumlah_pegawai"), m=Sum("pegawai_melapor"))
    }
    tren = []
    for i in range(5, -1, -1):
        b = _bulan_mundur(bulan, i)
        baris = per_bulan.get(b, {})
        tren.append(Kepatuhan(b, baris.get("p") or 0, baris.get("m") or 0))
    return DasborUnit(
        unit=unit,
        bulan=bulan,
        jumlah={k: total[k] for k in KOLOM_JUMLAH},
        sebaran={p: total[f"p_{k}"] for p, k in KOLOM_SEBARAN.items()},
        tren=tren,
        rincian=_rincian_satu_tingkat(qs.filter(bulan=bulan), unit) if boleh else [],
        jejak=_jejak(user, unit),
    )


def rekap_diperbarui(bulan: date) -> datetime | None:
    """When the month's rollup was last brought up to date (full or incremental), for the
    dashboard's "diperbarui pukul …"; None if it never was."""
    return (
        StempelRekap.objects.filter(bulan=bulan.replace(day=1))
        .values_list("diperbarui", flat=True)
        .first()
    )


def _rincian_satu_tingkat(qs: QuerySet, unit: UnitKerja | None) -> list[BarisRincian]:
    """The month's rollup rows grouped by the direct sub-unit they fall under (one GROUP BY
    on the path prefix one level below `unit`), plus the sub-units without a row (zeros)."""
    n = len(unit.path) if unit is not None else 1
    path = "unit_kerja__path"
    awalan = Substr(path, 1, StrIndex(Substr(path, n + 1), Value("/")) + n)
    jumlah = {
        b.pop("awalan"): b
        for b in qs.order_by()
        .annotate(awalan=awalan)
        .values("awalan")
        .annotate(**{k: Sum(k) for k in KOLOM_JUMLAH})
    }
    anak = UnitKerja.objects.filter(
        **({"parent": unit} if unit is not None else {"parent__isnull": True})
    ).annotate(punya_sub=Exists(UnitKerja.objects.filter(parent=OuterRef("pk"))))
    nol = dict.fromkeys(KOLOM_JUMLAH, 0)
    baris = []
    if unit is not None and unit.path in jumlah:
        baris.append(BarisRincian(unit, True, False, {**nol, **jumlah[unit.path]}))
    for u in anak.only("pk", "kode", "nama", "path").order_by("path"):
        baris.append(BarisRincian(u, False, u.punya_sub, {**nol, **jumlah.get(u.path, {})}))
    return baris


def _jejak(user: AnyUser, unit: UnitKerja | None) -> list[UnitKerja]:
    """The chosen unit's ancestors that the user may open, top first (the way back up)."""
    if unit is None:
        return []
    kode = unit.path.strip("/").split("/")[:-1]
    if not kode:
        return []
    return list(unit_pilihan_hr(user).filter(kode__in=kode).only("pk", "nama", "path"))


# --- Distribution and recognition ------------------------------------------------------------


@dataclass(frozen=True)
class Distribusi:
    unit: UnitKerja
    tahun: int
    hasil_organisasi: str | None
    jumlah: dict[str, int]
    pelanggaran: list[rules.Pelanggaran]
    dasar_aturan: str = ""  # the curve's regulation; empty when none was in force
    aturan: tuple[rules.AturanDistribusi, ...] = ()  # the curve's rules for this hasil

    @property
    def total(self) -> int:
        return sum(self.jumlah.values())

    @property
    def sesuai(self) -> bool:
        return (
            self.hasil_organisasi is not None and bool(self.dasar_aturan) and not (self.pelanggaran)
        )

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


def distribusi_bawaan(user: AnyUser) -> tuple[int, UnitKerja] | None:
    """What a first visit of the distribution page opens (no year or unit chosen): the latest
    year with annual appraisals in the user's scope, and in it the first unit (tree order) with
    an organisational result, else the unit of the first appraisal. None when there is none:
    early in a year the current year has no annual appraisal yet, the previous year has."""
    tahun = (
        penilaian_terlihat(user).filter(jenis_periode=rules.TAHUNAN)
        .order_by("-tahun").values_list("tahun", flat=True).first()
    )  # fmt: skip
    if tahun is None:
        return None
    hasil = (
        HasilOrganisasi.objects.filter(tahun=tahun, unit_kerja__in=unit_pilihan_hr(user))
        .select_related("unit_kerja").order_by("unit_kerja__path").first()
    )  # fmt: skip
    if hasil is not None:
        return tahun, hasil.unit_kerja
    pertama = (
        _annual_tahun(user, tahun).select_related("unit_kerja").order_by("unit_kerja__path").first()
    )
    return tahun, pertama.unit_kerja


def _annual_tahun(user: AnyUser, tahun: int) -> PenilaianQuerySet:
    return penilaian_terlihat(user).filter(jenis_periode=rules.TAHUNAN, tahun=tahun)


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
    try:
        kurva = aturan_berlaku(katalog.KINERJA_KURVA, pada=date(tahun, 12, 31))
    except AturanTidakAda:
        return Distribusi(unit, tahun, hasil, jumlah, [])
    aturan = rules.aturan_distribusi_dari(kurva.nilai)
    pelanggaran = rules.cek_distribusi(hasil, jumlah, aturan) if hasil else []
    return Distribusi(
        unit, tahun, hasil, jumlah, pelanggaran, kurva.sumber, tuple(aturan.get(hasil or "", ()))
    )


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


# --- A unit head's whole line (read-only) ------------------------------------------------------


@dataclass(frozen=True)
class BarisGaris:
    unit: UnitKerja
    pegawai: int
    melapor: int
    laporan: int
    disetujui: int
    menit: int


def garis_per_unit(user: AnyUser, *, bulan: date) -> list[BarisGaris]:
    """The monthly rollup of everyone below the user (`pegawai_garis`), per sub-unit: one
    GROUP BY over the rollup table (the nightly `rekap_kinerja_malam` keeps it current)."""
    garis = pegawai_garis(user)
    rekap = RekapPegawaiBulanan.objects.filter(pegawai=OuterRef("pk"), bulan=bulan)
    baris = (
        garis.order_by()
        .values("unit_kerja")
        .annotate(
            n=Count("pk"),
            melapor=Count(
                "pk", filter=Q(pk__in=rekap.filter(jumlah_laporan__gt=0).values("pegawai"))
            ),
        )
    )
    jumlah = {
        b["pegawai__unit_kerja"]: b
        for b in RekapPegawaiBulanan.objects.filter(pegawai__in=garis, bulan=bulan)
        .order_by()
        .values("pegawai__unit_kerja")
        .annotate(
            laporan=Sum("jumlah_laporan"),
            disetujui=Sum("laporan_disetujui"),
            menit=Sum("total_menit"),
        )
    }
    units = UnitKerja.objects.in_bulk([b["unit_kerja"] for b in baris])
    hasil = []
    for b in baris:
        j = jumlah.get(b["unit_kerja"], {})
        hasil.append(
            BarisGaris(
                unit=units[b["unit_kerja"]],
                pegawai=b["n"],
                melapor=b["melapor"],
                laporan=j.get("laporan") or 0,
                disetujui=j.get("disetujui") or 0,
                menit=j.get("menit") or 0,
            )
        )
    return sorted(hasil, key=lambda x: x.unit.path)


def garis_unit_rincian(user: AnyUser, *, unit: UnitKerja, bulan: date) -> list:
    """Drill-down: the employees of one sub-unit of the line with their month's rollup."""
    return list(
        pegawai_garis(user)
        .filter(unit_kerja=unit)
        .annotate(
            laporan=Coalesce(
                Subquery(
                    RekapPegawaiBulanan.objects.filter(pegawai=OuterRef("pk"), bulan=bulan).values(
                        "jumlah_laporan"
                    )[:1]
                ),
                0,
            ),
            disetujui=Coalesce(
                Subquery(
                    RekapPegawaiBulanan.objects.filter(pegawai=OuterRef("pk"), bulan=bulan).values(
                        "laporan_disetujui"
                    )[:1]
                ),
                0,
            ),
        )
        .select_related("atasan")
        .order_by("nama", "nip")
    )
