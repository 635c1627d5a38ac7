"""Reads of the pelatihan app for the API, the pages and the admin. Everything personal
(participants, JP, certificates, surveys, needs) starts from the access scope
(`pegawai.akses`); sums and counts are aggregated in SQL."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Count,
    DecimalField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from aturan import katalog
from aturan.berlaku import AturanTidakAda, aturan_berlaku
from inti import waktu
from jabatan.models import AsesmenKompetensi, Kompetensi, Penempatan, StandarKompetensi
from pegawai.akses import AnyUser, akses_untuk, pegawai_dikelola, pegawai_terlihat
from pegawai.models import Pegawai, PegawaiQuerySet, UnitKerja

from . import akpk, rules
from .models import (
    STATUS_SESI_TERBUKA,
    CatatanJP,
    JawabanSurvei,
    JenisSurvei,
    KebutuhanPelatihan,
    KompetensiPelatihan,
    Pelatihan,
    PelatihanQuerySet,
    PertanyaanSurvei,
    Peserta,
    PesertaQuerySet,
    Sertifikat,
    Sesi,
    SesiQuerySet,
    StatusKebutuhan,
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


def _jp_tahun_subquery(tahun: int) -> Subquery:
    awal, akhir = rules.rentang_tahun(tahun)
    return Subquery(
        CatatanJP.objects.filter(pegawai=OuterRef("pk"), tanggal__range=(awal, akhir))
        .order_by()
        .values("pegawai")
        .annotate(s=Sum("jp"))
        .values("s"),
        output_field=DESIMAL,
    )


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
    `melebihi` (above a ceiling). One query, whatever the number of employees."""
    batas = batas_jp(tahun)
    qs = pegawai_terlihat(user).filter(aktif=True).select_related("unit_kerja")
    if unit is not None:
        qs = qs.filter(unit_kerja__path__startswith=unit.path)
    qs = qs.annotate(
        jp=Coalesce(_jp_tahun_subquery(tahun), Value(Decimal(0)), output_field=DESIMAL),
        target=_per_status(batas, "minimal"),
        maksimal=_per_status(batas, "maksimal"),
    ).annotate(
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
    if hanya_kurang:
        qs = qs.filter(target__isnull=False, jp__lt=F("target"))
    if hanya_melebihi:
        qs = qs.filter(maksimal__isnull=False, jp__gt=F("maksimal"))
    return qs.order_by("unit_kerja__path", "nama", "nip")


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
    One grouped query over `rekap_jp`; employees without a floor (PPPK) are not counted."""
    rows = (
        rekap_jp(user, tahun=tahun, unit=unit)
        .filter(target__isnull=False)
        .order_by()
        .values("unit_kerja__path", "unit_kerja__nama")
        .annotate(n=Count("pk"), ok=Count("pk", filter=Q(memenuhi=True)))
        .order_by("unit_kerja__path")
    )
    return [KepatuhanUnit(r["unit_kerja__nama"], r["n"], r["ok"]) for r in rows]


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


def akpk_unit(user: AnyUser, *, tahun: int, unit: UnitKerja | None = None) -> list[BarisAkpkUnit]:
    """Aggregated needs per competency over the employees in scope (a unit and its
    sub-units, or the province for Admin BKD): how many have a gap and by how much on
    average, how many were never assessed, how many follow-ups are open; and the programmes
    that close it. The basis of next year's training plan. Gaps are counted in SQL."""
    lingkup = _pegawai_lingkup(user, unit)
    asesmen_terakhir = Subquery(
        AsesmenKompetensi.objects.filter(
            pegawai_id=OuterRef("jabatan__penempatan__pegawai_id"),
            kompetensi_id=OuterRef("kompetensi_id"),
        )
        .order_by("-tanggal", "-id")
        .values("level")[:1]
    )
    kesenjangan = (
        StandarKompetensi.objects.filter(
            jabatan__penempatan__aktif=True, jabatan__penempatan__pegawai__in=lingkup
        )
        .annotate(hasil=asesmen_terakhir)
        .filter(Q(hasil__isnull=True) | Q(hasil__lt=F("level")))
        .order_by()
        .values("kompetensi_id")
        .annotate(
            pegawai_kesenjangan=Count("id", filter=Q(hasil__isnull=False)),
            belum_diases=Count("id", filter=Q(hasil__isnull=True)),
            rata_selisih=Avg(F("level") - F("hasil"), filter=Q(hasil__isnull=False)),
        )
    )
    baris: dict[int, dict] = defaultdict(dict)
    for r in kesenjangan:
        baris[r["kompetensi_id"]].update(
            pegawai_kesenjangan=r["pegawai_kesenjangan"],
            belum_diases=r["belum_diases"],
            rata_selisih=round(float(r["rata_selisih"]), 2) if r["rata_selisih"] else None,
        )
    for r in (
        KebutuhanPelatihan.objects.filter(pegawai__in=lingkup, status__in=STATUS_KEBUTUHAN_AKTIF)
        .order_by()
        .values("kompetensi_id")
        .annotate(n=Count("pegawai", distinct=True))
    ):
        baris[r["kompetensi_id"]]["tindak_lanjut"] = r["n"]
    pegawai_ids = list(lingkup.values_list("pk", flat=True))
    kelemahan = akpk.kelemahan_untuk(pegawai_ids, tahun)
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
