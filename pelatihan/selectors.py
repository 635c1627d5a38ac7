"""Reads of the pelatihan app for the API, the pages and the admin. Everything personal
(participants, JP, certificates, surveys, needs) starts from the access scope
(`pegawai.akses`); sums and counts are aggregated in SQL."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.paginator import Page
from django.db import connection
from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from aturan import katalog
from aturan.berlaku import AturanTidakAda, aturan_berlaku
from inti import waktu
from inti.kursor import halaman_dari_ujung
from jabatan.models import AsesmenKompetensi, Kompetensi, Penempatan, StandarKompetensi
from pegawai.akses import AnyUser, akses_untuk, pegawai_dikelola, pegawai_terlihat
from pegawai.models import Pegawai, PegawaiQuerySet, UnitKerja

from . import akpk, rules
from .models import (
    STATUS_SESI_TERBUKA,
    CatatanJP,
    JawabanSurvei,
    JenisSurvei,
    JpTahunan,
    KebutuhanPelatihan,
    KompetensiPelatihan,
    Pelatihan,
    PelatihanQuerySet,
    PertanyaanSurvei,
    Peserta,
    PesertaQuerySet,
    RekapAkpkUnit,
    Sertifikat,
    Sesi,
    SesiQuerySet,
    StatusKebutuhan,
    StempelRekapAkpk,
    TipePertanyaan,
    UndanganQuerySet,
    UndanganSurvei,
)

DESIMAL = DecimalField(max_digits=8, decimal_places=2)

# --- Catalogue and sessions (not personal data: any signed-in user) -------------------------


def pelatihan_daftar() -> PelatihanQuerySet:
    return Pelatihan.objects.filter(aktif=True).with_kompetensi().order_by("nama", "id")


def sesi_daftar(
    *, terbuka: bool = False, pelatihan: Pelatihan | None = None, tahun: int | None = None
) -> SesiQuerySet:
    qs = Sesi.objects.with_relasi().with_terisi()
    if terbuka:
        qs = qs.filter(status__in=STATUS_SESI_TERBUKA, tanggal_selesai__gte=waktu.hari_ini())
    if pelatihan is not None:
        qs = qs.filter(pelatihan=pelatihan)
    if tahun is not None:
        qs = qs.filter(tanggal_mulai__year=tahun)
    return qs.order_by("tanggal_mulai", "kode")


# --- Participants, certificates --------------------------------------------------------------


def peserta_terlihat(user: AnyUser) -> PesertaQuerySet:
    return Peserta.objects.filter(pegawai__in=pegawai_terlihat(user)).with_relasi()


def peserta_dikelola(user: AnyUser) -> PesertaQuerySet:
    """Participants whose registration this HR user decides on."""
    return Peserta.objects.filter(pegawai__in=pegawai_dikelola(user)).with_relasi()


def peserta_milik(pegawai: Pegawai) -> PesertaQuerySet:
    return (
        Peserta.objects.filter(pegawai=pegawai)
        .select_related("sesi__pelatihan")
        .order_by("-sesi__tanggal_mulai")
    )


def sertifikat_milik(pegawai: Pegawai) -> QuerySet[Sertifikat]:
    return Sertifikat.objects.filter(pegawai=pegawai).order_by("-tanggal_terbit")


def usulan_bawahan(user: AnyUser) -> PesertaQuerySet:
    """What a supervisor has nominated, with HR's decision."""
    akses = akses_untuk(user)
    if akses.pegawai is None:
        return Peserta.objects.none()
    return (
        Peserta.objects.filter(pegawai__atasan=akses.pegawai, diusulkan_oleh=user)
        .with_relasi()
        .order_by("-dibuat")
    )


# --- JP -------------------------------------------------------------------------------------


def batas_jp(tahun: int) -> dict[str, rules.BatasJp]:
    """The JP bounds per status in force at the end of `tahun` (rule row `jp.batas_tahunan`);
    empty when none is recorded (then nobody is reported short or over)."""
    try:
        nilai = aturan_berlaku(katalog.JP_BATAS_TAHUNAN, pada=date(tahun, 12, 31)).nilai
    except AturanTidakAda:
        return {}
    return rules.batas_jp_dari(nilai)


def _per_status(batas: dict[str, rules.BatasJp], atribut: str) -> Case | Value:
    kasus = [
        When(status_kepegawaian=status, then=Value(getattr(b, atribut)))
        for status, b in batas.items()
        if getattr(b, atribut) is not None
    ]
    if not kasus:
        return Value(None, output_field=DESIMAL)
    return Case(*kasus, default=Value(None), output_field=DESIMAL)


def _pegawai_jp_tahun(tahun: int, *, minimal: Decimal | None = None, lebih_dari=None):
    """Ids of the employees whose JP in `tahun` is at least `minimal` (or above
    `lebih_dari`), from the kept yearly totals (`JpTahunan`, index (tahun, jp)): a semi-join
    that reads no ledger row."""
    qs = JpTahunan.objects.filter(tahun=tahun)
    if minimal is not None:
        qs = qs.filter(jp__gte=minimal)
    if lebih_dari is not None:
        qs = qs.filter(jp__gt=lebih_dari)
    return qs.values("pegawai_id")


def _syarat_memenuhi(batas: dict[str, rules.BatasJp], tahun: int) -> Q:
    """Employees with a JP floor who reach it (the floor of their status): one semi-join
    per distinct floor (PNS and CPNS share 20 JP: one)."""
    per_minimal: dict[Decimal, list[str]] = defaultdict(list)
    for status, b in batas.items():
        if b.minimal is not None:
            per_minimal[b.minimal].append(status)
    q = Q(pk__in=[])
    for minimal, status in per_minimal.items():
        if minimal <= 0:
            q |= Q(status_kepegawaian__in=status)
        else:
            q |= Q(status_kepegawaian__in=status, pk__in=_pegawai_jp_tahun(tahun, minimal=minimal))
    return q


def _status_bertarget(batas: dict[str, rules.BatasJp], atribut: str) -> list[str]:
    return [s for s, b in batas.items() if getattr(b, atribut) is not None]


def rekap_jp_dasar(
    user: AnyUser,
    *,
    tahun: int,
    unit: UnitKerja | None = None,
    hanya_kurang: bool = False,
    hanya_melebihi: bool = False,
    batas: dict[str, rules.BatasJp] | None = None,
) -> PegawaiQuerySet:
    """The employees of the JP report, filtered and ordered, without their JP: the filters
    are semi-joins on the kept yearly totals (`_pegawai_jp_tahun`), so counting and paging
    never sum the ledger."""
    batas = batas_jp(tahun) if batas is None else batas
    qs = pegawai_terlihat(user).filter(aktif=True)
    if unit is not None:
        qs = qs.filter(unit_kerja__path__startswith=unit.path)
    if hanya_kurang:
        qs = qs.filter(status_kepegawaian__in=_status_bertarget(batas, "minimal")).exclude(
            _syarat_memenuhi(batas, tahun)
        )
    if hanya_melebihi:
        q = Q(pk__in=[])
        for status, b in batas.items():
            if b.maksimal is not None:
                q |= Q(
                    status_kepegawaian=status,
                    pk__in=_pegawai_jp_tahun(tahun, lebih_dari=b.maksimal),
                )
        qs = qs.filter(q)
    # By name (index `pegawai_nama_nip`): the page's id list walks the index, no join to the
    # units nor a sort of the whole scope before OFFSET.
    return qs.order_by("nama", "nip")


def rekap_jp_halaman(user: AnyUser, nomor, per: int, **filter_jp) -> Page:
    """One page of `rekap_jp_dasar`'s ids: a count, then the page read from the nearer end
    of the name order (`inti.kursor.halaman_dari_ujung`). The filters are semi-joins on the
    kept yearly totals, so the count is one cheap pass."""
    return halaman_dari_ujung(rekap_jp_dasar(user, **filter_jp).values_list("pk", flat=True),
                              nomor, per)  # fmt: skip


def _anotasi_jp(qs: PegawaiQuerySet, tahun: int, batas) -> PegawaiQuerySet:
    """The row's JP in `tahun` (its kept yearly total, one LEFT JOIN) and how it compares
    with the bounds of the employee's status."""
    qs = qs.annotate(
        jp_tahun=FilteredRelation("jp_tahunan", condition=Q(jp_tahunan__tahun=tahun))
    )
    return (
        qs.select_related("unit_kerja")
        .annotate(
            jp=Coalesce(F("jp_tahun__jp"), Value(Decimal(0)), output_field=DESIMAL),
            target=_per_status(batas, "minimal"),
            maksimal=_per_status(batas, "maksimal"),
        )
        .annotate(
            memenuhi=Case(
                When(target__isnull=False, jp__lt=F("target"), then=Value(False)),
                default=Value(True),
                output_field=BooleanField(),
            ),
            melebihi=Case(
                When(maksimal__isnull=False, jp__gt=F("maksimal"), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
    )


def rekap_jp(
    user: AnyUser,
    *,
    tahun: int,
    unit: UnitKerja | None = None,
    hanya_kurang: bool = False,
    hanya_melebihi: bool = False,
) -> PegawaiQuerySet:
    """Per employee in scope: `jp` in the year, `target` (the floor of their status, None
    for PPPK), `maksimal` (the ceiling, PPPK), `memenuhi` (not below a floor) and
    `melebihi` (above a ceiling). Filters as in `rekap_jp_dasar`. The `jp` of a row is its
    kept yearly total (`JpTahunan`), joined once (a page and the CSV export alike)."""
    batas = batas_jp(tahun)
    qs = rekap_jp_dasar(
        user, tahun=tahun, unit=unit, hanya_kurang=hanya_kurang, hanya_melebihi=hanya_melebihi,
        batas=batas,
    )  # fmt: skip
    return _anotasi_jp(qs, tahun, batas)


def rekap_jp_baris(pks: list[int], *, tahun: int) -> list[Pegawai]:
    """The rows of one page of `rekap_jp_dasar` (their ids, in order) with their JP: one
    query over those employees only."""
    batas = batas_jp(tahun)
    per_id = {p.pk: p for p in _anotasi_jp(Pegawai.objects.filter(pk__in=pks), tahun, batas)}
    return [per_id[pk] for pk in pks if pk in per_id]


@dataclass(frozen=True)
class KepatuhanUnit:
    unit: str
    target: int  # employees with a JP floor (PNS)
    memenuhi: int

    @property
    def persen(self) -> float:
        return round(100 * self.memenuhi / self.target, 1) if self.target else 0.0


def kepatuhan_jp_per_unit(
    user: AnyUser, *, tahun: int, unit: UnitKerja | None = None
) -> list[KepatuhanUnit]:
    """Per unit kerja (as placed, not rolled up): how many employees with a JP floor meet it.
    One GROUP BY over the employees with the year's JP sums as a semi-join; employees
    without a floor (PPPK) are not counted."""
    batas = batas_jp(tahun)
    qs = pegawai_terlihat(user).filter(
        aktif=True, status_kepegawaian__in=_status_bertarget(batas, "minimal")
    )
    if unit is not None:
        qs = qs.filter(unit_kerja__path__startswith=unit.path)

    def per_unit(qs: PegawaiQuerySet) -> dict[tuple[str, str], int]:
        return {
            (r["unit_kerja__path"], r["unit_kerja__nama"]): r["n"]
            for r in qs.order_by().values("unit_kerja__path", "unit_kerja__nama").annotate(
                n=Count("pk")
            )
        }

    semua = per_unit(qs)
    ok = per_unit(qs.filter(_syarat_memenuhi(batas, tahun)))
    return [
        KepatuhanUnit(nama, n, ok.get((path, nama), 0))
        for (path, nama), n in sorted(semua.items())
    ]


@dataclass(frozen=True)
class RincianJp:
    """One bar of the JP chart: a unit with everything below it, or (`sendiri`) the chosen
    unit's own employees, those placed in no sub-unit."""

    unit: UnitKerja
    sendiri: bool
    punya_sub: bool  # has sub-units of its own: the row links a drill-down
    target: int  # employees with a JP floor (PNS)
    memenuhi: int

    @property
    def persen(self) -> float:
        return round(100 * self.memenuhi / self.target, 1) if self.target else 0.0


def unit_dasar_jp(user: AnyUser, unit: UnitKerja | None) -> UnitKerja | None:
    """The unit the chart breaks down: the chosen one, else the operator's own unit (Admin
    BKD: None, the top-level units of the province)."""
    if unit is not None:
        return unit
    akses = akses_untuk(user)
    return None if akses.admin_bkd else akses.unit_operator


def kepatuhan_jp_rincian(
    user: AnyUser, *, tahun: int, unit: UnitKerja | None = None
) -> list[RincianJp]:
    """The chart of the JP report by level (as the kinerja dashboard): the direct sub-units
    of the chosen unit (or of the operator's unit; for Admin BKD the top-level units), each
    summed over its subtree, plus the unit's own employees. ONE GROUP BY per unit over the
    employees with a JP floor in scope, counting all and those who meet their floor (a
    semi-join on the kept yearly totals); the units' paths (one read of the subtree) are
    then summed one level down in Python (at most one row per unit). Employees of the scope
    outside the unit (an operator's subordinates placed elsewhere) are in the list, not in
    the chart."""
    batas = batas_jp(tahun)
    dasar = unit_dasar_jp(user, unit)
    qs = pegawai_terlihat(user).filter(
        aktif=True, status_kepegawaian__in=_status_bertarget(batas, "minimal")
    )
    if dasar is not None:
        qs = qs.filter(unit_kerja__path__startswith=dasar.path)
    n = len(dasar.path) if dasar is not None else 1

    def awalan(path: str) -> str:  # the path one level below the base unit
        j = path.find("/", n)
        return path[: j + 1] if j >= 0 else path[:n]

    per_unit = list(
        qs.order_by().values("unit_kerja_id")
        .annotate(n=Count("pk"), ok=Count("pk", filter=_syarat_memenuhi(batas, tahun)))
        .values_list("unit_kerja_id", "n", "ok")
    )  # fmt: skip
    unit_qs = UnitKerja.objects.all()
    if dasar is not None:
        unit_qs = unit_qs.filter(path__startswith=dasar.path)
    path = dict(unit_qs.values_list("pk", "path")) if per_unit else {}
    semua: dict[str, int] = defaultdict(int)
    ok: dict[str, int] = defaultdict(int)
    for unit_id, jumlah, memenuhi in per_unit:
        semua[awalan(path[unit_id])] += jumlah
        ok[awalan(path[unit_id])] += memenuhi
    anak = UnitKerja.objects.filter(
        **({"parent": dasar} if dasar is not None else {"parent__isnull": True})
    ).annotate(punya_sub=Exists(UnitKerja.objects.filter(parent=OuterRef("pk"))))
    baris = []
    if dasar is not None and semua.get(dasar.path):
        baris.append(RincianJp(dasar, True, False, semua[dasar.path], ok.get(dasar.path, 0)))
    for u in anak.only("pk", "kode", "nama", "path").order_by("path"):
        if semua.get(u.path):
            baris.append(RincianJp(u, False, u.punya_sub, semua[u.path], ok.get(u.path, 0)))
    return baris


@dataclass(frozen=True)
class JpPegawai:
    tahun: int
    jp: Decimal
    target: Decimal | None  # the floor of the status (PNS 20); None for PPPK
    catatan: list[CatatanJP]
    maksimal: Decimal | None = None  # the ceiling (PPPK 24)

    @property
    def memenuhi(self) -> bool:
        return self.target is None or self.jp >= self.target

    @property
    def melebihi(self) -> bool:
        return rules.melebihi_batas_jp(jp=self.jp, maksimal=self.maksimal)

    @property
    def kekurangan(self) -> Decimal:
        return rules.kekurangan_jp(jp=self.jp, target=self.target)

    @property
    def persen(self) -> int:
        return rules.persen_jp(jp=self.jp, target=self.target)


def batas_jp_pegawai(pegawai: Pegawai, tahun: int) -> rules.BatasJp:
    return batas_jp(tahun).get(pegawai.status_kepegawaian, rules.BatasJp())


def jp_pegawai(pegawai: Pegawai, *, tahun: int) -> JpPegawai:
    catatan = list(CatatanJP.objects.filter(pegawai=pegawai).tahun(tahun).order_by("tanggal"))
    batas = batas_jp_pegawai(pegawai, tahun)
    return JpPegawai(
        tahun=tahun,
        jp=sum((c.jp for c in catatan), Decimal(0)),
        target=batas.minimal,
        catatan=catatan,
        maksimal=batas.maksimal,
    )


def sesi_saran() -> list[Sesi]:
    """Upcoming sessions with a free seat, in date order (for the compliance report)."""
    return [
        s
        for s in sesi_daftar(terbuka=True).filter(tanggal_mulai__gte=waktu.hari_ini())[:20]
        if s.terisi < s.kuota
    ]


# --- Surveys --------------------------------------------------------------------------------


def undangan_terbuka(user: AnyUser) -> UndanganQuerySet:
    """The caller's own open invitations (as participant or as supervisor)."""
    akses = akses_untuk(user)
    if akses.pegawai is None:
        return UndanganSurvei.objects.none()
    return (
        UndanganSurvei.objects.filter(
            responden_pegawai=akses.pegawai,
            dijawab__isnull=True,
            tanggal_jatuh__lte=waktu.hari_ini(),
        )
        .with_relasi()
        .order_by("tanggal_jatuh", "id")
    )


def undangan_milik(user: AnyUser) -> UndanganQuerySet:
    """Every invitation addressed to the caller (answered or not)."""
    akses = akses_untuk(user)
    if akses.pegawai is None:
        return UndanganSurvei.objects.none()
    return UndanganSurvei.objects.filter(responden_pegawai=akses.pegawai).with_relasi()


def pertanyaan_template(template_id: int) -> list[PertanyaanSurvei]:
    return list(PertanyaanSurvei.objects.filter(template_id=template_id).order_by("urutan", "id"))


def pertanyaan_per_template(template_ids: set[int]) -> dict[int, list[PertanyaanSurvei]]:
    hasil: dict[int, list[PertanyaanSurvei]] = defaultdict(list)
    for p in PertanyaanSurvei.objects.filter(template_id__in=template_ids).order_by(
        "template_id", "urutan", "id"
    ):
        hasil[p.template_id].append(p)
    return hasil


def boleh_lihat_hasil_survei(user: AnyUser) -> bool:
    return akses_untuk(user).staf_hr


@dataclass
class HasilPertanyaan:
    id: int
    teks: str
    tipe: str
    jumlah: int = 0
    rata: float | None = None
    sebaran: list[tuple[int, int, int]] = field(default_factory=list)  # (nilai, n, persen)
    teks_jawaban: list[str] = field(default_factory=list)


@dataclass
class HasilJenis:
    jenis: str
    label: str
    diundang: int
    dijawab: int
    pertanyaan: list[HasilPertanyaan]

    @property
    def persen_respons(self) -> int:
        return round(self.dijawab * 100 / self.diundang) if self.diundang else 0


def hasil_survei(
    user: AnyUser, *, sesi: Sesi | None = None, pelatihan: Pelatihan | None = None
) -> list[HasilJenis]:
    """Survey results of a session or a whole programme: response rate, per scale question
    the mean and the 1–5 distribution, and the text answers (without names). Operators see
    the answers of the participants of their unit; Admin BKD everyone's."""
    undangan = UndanganSurvei.objects.all()
    if sesi is not None:
        undangan = undangan.filter(peserta__sesi=sesi)
    if pelatihan is not None:
        undangan = undangan.filter(peserta__sesi__pelatihan=pelatihan)
    if not akses_untuk(user).admin_bkd:
        undangan = undangan.filter(peserta__pegawai__in=pegawai_dikelola(user))
    hitungan = {
        r["jenis"]: r
        for r in undangan.order_by()
        .values("jenis")
        .annotate(diundang=Count("id"), dijawab=Count("id", filter=Q(dijawab__isnull=False)))
    }
    skala = (
        JawabanSurvei.objects.filter(undangan__in=undangan, nilai__isnull=False)
        .order_by()
        .values("undangan__jenis", "pertanyaan_id")
        .annotate(
            jumlah=Count("id"),
            rata=Avg("nilai"),
            **{f"n{i}": Count("id", filter=Q(nilai=i)) for i in range(1, 6)},
        )
    )
    per_pertanyaan = {(r["undangan__jenis"], r["pertanyaan_id"]): r for r in skala}
    teks = defaultdict(list)
    for jenis, pid, isi in (
        JawabanSurvei.objects.filter(undangan__in=undangan, pertanyaan__tipe=TipePertanyaan.TEKS)
        .exclude(teks="")
        .order_by("-id")
        .values_list("undangan__jenis", "pertanyaan_id", "teks")[:500]
    ):
        teks[(jenis, pid)].append(isi)
    template_ids = set(undangan.order_by().values_list("template_id", flat=True).distinct())
    pertanyaan = PertanyaanSurvei.objects.filter(template_id__in=template_ids).select_related(
        "template"
    )
    hasil: dict[str, HasilJenis] = {}
    for jenis, label in JenisSurvei.choices:
        if jenis not in hitungan:
            continue
        h = hitungan[jenis]
        hasil[jenis] = HasilJenis(
            jenis=jenis, label=label, diundang=h["diundang"], dijawab=h["dijawab"], pertanyaan=[]
        )
    for p in pertanyaan.order_by("template__jenis", "template_id", "urutan", "id"):
        jenis = p.template.jenis
        if jenis not in hasil:
            continue
        baris = HasilPertanyaan(id=p.pk, teks=p.teks, tipe=p.tipe)
        agregat = per_pertanyaan.get((jenis, p.pk))
        if agregat:
            baris.jumlah = agregat["jumlah"]
            baris.rata = round(float(agregat["rata"]), 2) if agregat["rata"] is not None else None
            baris.sebaran = [
                (i, agregat[f"n{i}"], round(agregat[f"n{i}"] * 100 / agregat["jumlah"]))
                for i in range(1, 6)
            ]
        baris.teks_jawaban = teks.get((jenis, p.pk), [])
        if p.tipe == TipePertanyaan.TEKS:
            baris.jumlah = len(baris.teks_jawaban)
        hasil[jenis].pertanyaan.append(baris)
    return list(hasil.values())


# --- AKPK: training needs -------------------------------------------------------------------

STATUS_KEBUTUHAN_AKTIF = [StatusKebutuhan.TERBUKA, StatusKebutuhan.DIRENCANAKAN]


def program_penutup(kebutuhan: dict[int, int]) -> dict[int, list[Pelatihan]]:
    """For each competency (id → level needed), the active programmes that develop it to at
    least that level. One query."""
    hasil: dict[int, list[Pelatihan]] = defaultdict(list)
    if not kebutuhan:
        return hasil
    for kp in (
        KompetensiPelatihan.objects.filter(kompetensi_id__in=kebutuhan, pelatihan__aktif=True)
        .select_related("pelatihan")
        .order_by("pelatihan__nama")
    ):
        if rules.program_menutup(level_target=kp.level_target, standar=kebutuhan[kp.kompetensi_id]):
            hasil[kp.kompetensi_id].append(kp.pelatihan)
    return hasil


@dataclass
class BarisKesenjangan:
    kompetensi: Kompetensi
    standar: int
    hasil: int | None
    program: list[Pelatihan]

    @property
    def selisih(self) -> int | None:
        return None if self.hasil is None else self.standar - self.hasil


@dataclass
class AkpkPegawai:
    pegawai: Pegawai
    tahun: int
    jabatan: str
    kesenjangan: list[BarisKesenjangan]
    belum_diases: list[BarisKesenjangan]
    tindak_lanjut: list[KebutuhanPelatihan]
    program_tindak_lanjut: dict[int, list[Pelatihan]]
    kelemahan: list[akpk.Kelemahan]


def akpk_pegawai(pegawai: Pegawai, *, tahun: int) -> AkpkPegawai:
    """The needs of one employee: gaps between their jabatan's standard and their latest
    assessment, follow-ups raised by application surveys, and weak points from the latest
    appraisal (pluggable providers, see `pelatihan.akpk`); for each, programmes that close it.
    """
    penempatan = (
        Penempatan.objects.filter(pegawai=pegawai, aktif=True).select_related("jabatan").first()
    )
    standar: dict[int, int] = {}
    if penempatan is not None:
        standar = dict(
            StandarKompetensi.objects.filter(jabatan=penempatan.jabatan).values_list(
                "kompetensi_id", "level"
            )
        )
    asesmen: dict[int, int] = {}
    for kompetensi_id, level in (
        AsesmenKompetensi.objects.filter(pegawai=pegawai, kompetensi_id__in=standar)
        .order_by("kompetensi_id", "-tanggal", "-id")
        .values_list("kompetensi_id", "level")
    ):
        asesmen.setdefault(kompetensi_id, level)
    gaps = rules.kesenjangan(standar=standar, asesmen=asesmen)
    tindak_lanjut = list(
        KebutuhanPelatihan.objects.filter(pegawai=pegawai, status__in=STATUS_KEBUTUHAN_AKTIF)
        .select_related("kompetensi", "peserta__sesi__pelatihan")
        .order_by("-dibuat")
    )
    kelemahan = akpk.kelemahan_untuk([pegawai.pk], tahun).get(pegawai.pk, [])
    kebutuhan = {g.kompetensi_id: g.standar for g in gaps}
    for t in tindak_lanjut:
        kebutuhan.setdefault(t.kompetensi_id, standar.get(t.kompetensi_id, 1))
    for k in kelemahan:
        if k.kompetensi_id:
            kebutuhan.setdefault(k.kompetensi_id, standar.get(k.kompetensi_id, 1))
    program = program_penutup(kebutuhan)
    kompetensi = Kompetensi.objects.in_bulk([g.kompetensi_id for g in gaps])
    baris = [
        BarisKesenjangan(
            kompetensi=kompetensi[g.kompetensi_id],
            standar=g.standar,
            hasil=g.hasil,
            program=program.get(g.kompetensi_id, []),
        )
        for g in gaps
    ]
    return AkpkPegawai(
        pegawai=pegawai,
        tahun=tahun,
        jabatan=penempatan.jabatan.nama if penempatan else pegawai.nama_jabatan,
        kesenjangan=[b for b in baris if b.hasil is not None],
        belum_diases=[b for b in baris if b.hasil is None],
        tindak_lanjut=tindak_lanjut,
        program_tindak_lanjut=program,
        kelemahan=kelemahan,
    )


@dataclass
class BarisAkpkUnit:
    kompetensi: Kompetensi
    pegawai_kesenjangan: int = 0
    rata_selisih: float | None = None
    belum_diases: int = 0
    tindak_lanjut: int = 0
    kelemahan_kinerja: int = 0
    program: list[Pelatihan] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.pegawai_kesenjangan + self.tindak_lanjut + self.kelemahan_kinerja


def _pegawai_lingkup(user: AnyUser, unit: UnitKerja | None) -> PegawaiQuerySet:
    qs = pegawai_terlihat(user).filter(aktif=True)
    if unit is not None:
        qs = qs.filter(unit_kerja__path__startswith=unit.path)
    return qs


def _kesenjangan_sql(lingkup_sql: str, *, per_unit: bool) -> str:
    """The gap statement over the employees whose ids `lingkup_sql` selects: per competency
    (and per unit kerja of the employee when `per_unit`) the employees with a gap, the never
    assessed, and the mean (or with `per_unit` the sum) of the gaps."""
    qn = connection.ops.quote_name
    penempatan = qn(Penempatan._meta.db_table)
    standar = qn(StandarKompetensi._meta.db_table)
    asesmen = qn(AsesmenKompetensi._meta.db_table)
    pegawai = qn(Pegawai._meta.db_table)
    unit_kolom = "p.unit_kerja_id, " if per_unit else ""
    unit_join = f"JOIN {pegawai} p ON p.id = pn.pegawai_id" if per_unit else ""
    agregat = "SUM" if per_unit else "AVG"
    return f"""
        WITH lingkup (pid) AS ({lingkup_sql}),
        st AS (
            SELECT {unit_kolom}pn.pegawai_id, s.kompetensi_id, s.level
            FROM {penempatan} pn JOIN {standar} s ON s.jabatan_id = pn.jabatan_id {unit_join}
            WHERE pn.aktif AND pn.pegawai_id IN (SELECT pid FROM lingkup)
        ),
        terakhir AS (
            SELECT pegawai_id, kompetensi_id, level FROM (
                SELECT a.pegawai_id, a.kompetensi_id, a.level, ROW_NUMBER() OVER (
                    PARTITION BY a.kompetensi_id, a.pegawai_id
                    ORDER BY a.tanggal DESC, a.id DESC) AS urut
                FROM {asesmen} a
                WHERE a.pegawai_id IN (SELECT pid FROM lingkup)
            ) x WHERE urut = 1
        )
        SELECT {"st.unit_kerja_id, " if per_unit else ""}st.kompetensi_id,
               SUM(CASE WHEN t.level < st.level THEN 1 ELSE 0 END),
               SUM(CASE WHEN t.level IS NULL THEN 1 ELSE 0 END),
               {agregat}(CASE WHEN t.level < st.level THEN st.level - t.level END)
        FROM st LEFT JOIN terakhir t
          ON t.pegawai_id = st.pegawai_id AND t.kompetensi_id = st.kompetensi_id
        WHERE t.level IS NULL OR t.level < st.level
        GROUP BY {"st.unit_kerja_id, " if per_unit else ""}st.kompetensi_id
    """


def _kesenjangan_per_kompetensi(lingkup: PegawaiQuerySet) -> list[tuple[int, int, int, Any]]:
    """(kompetensi_id, employees with a gap, never assessed, mean gap) over the standards of
    the active positions of the employees in `lingkup`, against each employee's latest
    assessment of that competency (latest by date, then by id). One statement: the latest
    assessment per (employee, competency) is a window (ROW_NUMBER) pass over the scope's
    assessments, left-joined to the scope's standards and grouped; the scope is a subquery.
    The live reading: the page reads `RekapAkpkUnit` (computed by the same statement per
    unit) and uses this only for the few employees of a scope outside its units."""
    lingkup_sql, params = lingkup.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as c:
        c.execute(_kesenjangan_sql(lingkup_sql, per_unit=False), params)
        return c.fetchall()


def kesenjangan_per_unit_kompetensi() -> list[tuple[int, int, int, int, int]]:
    """(unit_kerja_id, kompetensi_id, employees with a gap, never assessed, sum of the gaps)
    over every active employee: what `RekapAkpkUnit` stores (see `services.rekap_akpk_hitung`)."""
    lingkup_sql, params = (
        Pegawai.objects.filter(aktif=True).order_by().values("pk").query.sql_with_params()
    )
    with connection.cursor() as c:
        c.execute(_kesenjangan_sql(lingkup_sql, per_unit=True), params)
        return [(u, k, int(g), int(b), int(s or 0)) for u, k, g, b, s in c.fetchall()]


BATAS_SEGAR_AKPK = timedelta(hours=26)  # the nightly job plus slack; older is "stale"


@dataclass(frozen=True)
class KesegaranRekap:
    dihitung: datetime | None  # None: never computed, the page counted live

    @property
    def basi(self) -> bool:
        return self.dihitung is not None and timezone.now() - self.dihitung > BATAS_SEGAR_AKPK


def _prefiks_utuh(user: AnyUser, unit: UnitKerja | None) -> str | None:
    """The unit path whose whole subtree lies in the scope of `user` restricted to `unit`
    (None when no subtree does): the part of the scope the precomputed table answers."""
    akses = akses_untuk(user)
    if akses.admin_bkd:
        return unit.path if unit is not None else ""
    op = akses.unit_operator
    if op is None:
        return None
    if unit is None or unit.path.startswith(op.path):
        return unit.path if unit is not None else op.path
    if op.path.startswith(unit.path):
        return op.path
    return None


def _kesenjangan_dari_rekap(user: AnyUser, unit: UnitKerja | None, lingkup: PegawaiQuerySet):
    """The gap rows of `_kesenjangan_per_kompetensi(lingkup)` from `RekapAkpkUnit`: the units
    under the scope's whole subtree summed in one indexed read, plus, counted live, the few
    employees of the scope outside it (an operator's own record and direct subordinates
    placed elsewhere). Sum of gaps and counts add up exactly; the mean is their quotient."""
    prefiks = _prefiks_utuh(user, unit)
    total: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    if prefiks is not None:
        qs = RekapAkpkUnit.objects.all()
        if prefiks:
            qs = qs.filter(unit_kerja__path__startswith=prefiks)
        for r in (
            qs.order_by()
            .values("kompetensi_id")
            .annotate(g=Sum("pegawai_kesenjangan"), b=Sum("belum_diases"), s=Sum("jumlah_selisih"))
        ):
            total[r["kompetensi_id"]] = [r["g"], r["b"], r["s"]]
        sisa = lingkup.exclude(unit_kerja__path__startswith=prefiks) if prefiks else None
    else:
        sisa = lingkup
    if sisa is not None and not akses_untuk(user).admin_bkd:
        for kompetensi_id, n_gap, n_belum, rata in _kesenjangan_per_kompetensi(sisa):
            t = total[kompetensi_id]
            t[0] += int(n_gap)
            t[1] += int(n_belum)
            t[2] += int(round(Decimal(rata) * int(n_gap))) if rata is not None else 0
    return [
        (k, g, b, Decimal(s) / Decimal(g) if g else None)
        for k, (g, b, s) in total.items()
        if g or b
    ]


def kesegaran_rekap_akpk() -> KesegaranRekap:
    stempel = StempelRekapAkpk.objects.order_by("-dihitung").first()
    return KesegaranRekap(stempel.dihitung if stempel else None)


def akpk_unit(
    user: AnyUser, *, tahun: int, unit: UnitKerja | None = None, langsung: bool = False
) -> list[BarisAkpkUnit]:
    """Aggregated needs per competency over the employees in scope (a unit and its
    sub-units, or the province for Admin BKD): how many have a gap and by how much on
    average, how many were never assessed, how many follow-ups are open; and the programmes
    that close it. The basis of next year's training plan. Gaps are counted in SQL, in one
    pass (`_kesenjangan_per_kompetensi`); weak points are asked only of the providers that
    map them to a competency (only those count here). The gaps come from the precomputed
    `RekapAkpkUnit` once it has been computed (`kesegaran_rekap_akpk`), else (or with
    `langsung`) from the live statement."""
    lingkup = _pegawai_lingkup(user, unit)
    baris: dict[int, dict] = defaultdict(dict)
    if langsung or kesegaran_rekap_akpk().dihitung is None:
        gaps = _kesenjangan_per_kompetensi(lingkup)
    else:
        gaps = _kesenjangan_dari_rekap(user, unit, lingkup)
    for kompetensi_id, n_gap, n_belum, rata in gaps:
        baris[kompetensi_id].update(
            pegawai_kesenjangan=int(n_gap),
            belum_diases=int(n_belum),
            rata_selisih=round(float(rata), 2) if rata else None,
        )
    for r in (
        KebutuhanPelatihan.objects.filter(pegawai__in=lingkup, status__in=STATUS_KEBUTUHAN_AKTIF)
        .order_by()
        .values("kompetensi_id")
        .annotate(n=Count("pegawai", distinct=True))
    ):
        baris[r["kompetensi_id"]]["tindak_lanjut"] = r["n"]
    if akpk.ada_penyedia_kompetensi():
        pegawai_ids = list(lingkup.values_list("pk", flat=True))
        kelemahan = akpk.kelemahan_untuk(pegawai_ids, tahun, kompetensi_saja=True)
    else:
        kelemahan = {}
    per_kompetensi: dict[int, set[int]] = defaultdict(set)
    for daftar in kelemahan.values():
        for k in daftar:
            if k.kompetensi_id:
                per_kompetensi[k.kompetensi_id].add(k.pegawai_id)
    for kompetensi_id, pegawai in per_kompetensi.items():
        baris[kompetensi_id]["kelemahan_kinerja"] = len(pegawai)
    kompetensi = Kompetensi.objects.in_bulk(list(baris))
    # A programme reaching level 1 is enough to list for an aggregate; the employee page
    # checks the level against each standard.
    program = program_penutup(dict.fromkeys(baris, 1))
    hasil = [
        BarisAkpkUnit(kompetensi=kompetensi[k], program=program.get(k, []), **nilai)
        for k, nilai in baris.items()
        if k in kompetensi
    ]
    return sorted(hasil, key=lambda b: (-b.total, -b.belum_diases, b.kompetensi.nama))


def parse_tahun(teks: str | None) -> int | None:
    """A year from a query string; None when absent, ValueError when malformed."""
    if teks in (None, ""):
        return None
    if not str(teks).isdigit() or not 2000 <= int(teks) <= 2100:
        raise ValueError("Tahun harus berupa angka empat digit antara 2000 dan 2100.")
    return int(teks)
