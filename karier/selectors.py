"""Reads of the karier app for the API, the pages and the admin. Everything personal starts
from the access scope (`pegawai.akses`); counts are aggregated in SQL."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear, Least, RowNumber
from django.utils import timezone

from aturan.berlaku import NilaiAturan
from inti import waktu
from inti.kursor import halaman_dari_ujung
from jabatan.models import Penempatan
from jabatan.pencocokan import JabatanCocok, Kandidat, jabatan_cocok_untuk, kandidat_untuk
from kinerja import angka_kredit
from kinerja.models import AngkaKredit, JenisAngkaKredit, Penilaian
from kinerja.rules import TAHUNAN
from pegawai.akses import AnyUser, akses_untuk, pegawai_bawahan, pegawai_terlihat
from pegawai.models import Pegawai, RiwayatPangkat, UnitKerja
from pegawai.rules import urutan_golongan
from pelatihan import selectors as pelatihan_selectors

from . import pengaturan, rules
from .models import (
    JabatanKunci,
    KandidatKp,
    KegiatanPengembangan,
    PenunjukanMentor,
    ProfilTalenta,
    ProfilTalentaQuerySet,
    RencanaPengembangan,
    SesiPembinaan,
    SesiPembinaanQuerySet,
    StempelKandidatKp,
    UsulanKenaikanPangkat,
)


def parse_tahun(teks: str | None) -> int | None:
    """A year from a query string; None when absent, ValueError when malformed."""
    return pelatihan_selectors.parse_tahun(teks)


def boleh_lihat_talenta(user: AnyUser) -> bool:
    """The talent map is for HR and supervisors (their own subordinates)."""
    akses = akses_untuk(user)
    return akses.staf_hr or akses.punya_bawahan


# --- Coaching --------------------------------------------------------------------------------


def sesi_terlihat(user: AnyUser) -> SesiPembinaanQuerySet:
    """Sessions of everyone in the user's scope, plus those the user led as coach/mentor."""
    akses = akses_untuk(user)
    kondisi = Q(pegawai__in=pegawai_terlihat(user))
    if akses.pegawai is not None:
        kondisi |= Q(pembina=akses.pegawai)
    return SesiPembinaan.objects.filter(kondisi).with_relasi()


def rencana_dikelola(user: AnyUser) -> QuerySet[RencanaPengembangan]:
    """Development plans this user may edit: their own and their direct subordinates'.
    Lookups by id start here, so another person's plan answers 404."""
    saya = akses_untuk(user).pegawai
    if saya is None:
        return RencanaPengembangan.objects.none()
    return RencanaPengembangan.objects.filter(
        Q(pegawai=saya) | Q(pegawai__atasan=saya)
    ).select_related("pegawai")


def kegiatan_dikelola(user: AnyUser) -> QuerySet[KegiatanPengembangan]:
    """Activities of the plans in `rencana_dikelola`."""
    return KegiatanPengembangan.objects.filter(
        rencana__in=rencana_dikelola(user).values("pk")
    ).select_related("rencana__pegawai")


def binaan(user: AnyUser, *, pada: date | None = None) -> QuerySet[Pegawai]:
    """Whom the user may coach or mentor: direct subordinates and appointed mentees."""
    akses = akses_untuk(user)
    if akses.pegawai is None:
        return Pegawai.objects.none()
    pada = pada or waktu.hari_ini()
    mentee = PenunjukanMentor.objects.filter(mentor=akses.pegawai, mulai__lte=pada).filter(
        Q(selesai__isnull=True) | Q(selesai__gte=pada)
    )
    return (
        Pegawai.objects.filter(
            Q(pk__in=pegawai_bawahan(user).values("pk")) | Q(pk__in=mentee.values("pegawai_id"))
        )
        .filter(aktif=True)
        .order_by("nama")
    )


# --- Talent map ------------------------------------------------------------------------------


def talenta_terlihat(
    user: AnyUser, *, tahun: int, unit: UnitKerja | None = None, kotak: int | None = None
) -> ProfilTalentaQuerySet:
    """The talent map rows of a year the user may see (HR: their units; a supervisor: their
    subordinates; an employee: their own)."""
    qs = ProfilTalenta.objects.filter(tahun=tahun)
    if not akses_untuk(user).admin_bkd:  # Admin BKD sees everyone: no subquery over all rows
        qs = qs.filter(pegawai__in=pegawai_terlihat(user))
    if unit is not None:
        qs = qs.filter(unit_kerja__path__startswith=unit.path)
    if kotak is not None:
        qs = qs.filter(kotak=kotak)
    return qs.with_relasi().order_by("-kotak", "pegawai__nama", "pegawai__nip")


def talenta_tahun_bawaan(user: AnyUser) -> int:
    """The year a first visit of the talent map opens: the current year when it already has
    profiles the user may see, else the latest earlier year that has (the yearly mapping
    runs on the annual appraisals, so most of a year the current one is still empty)."""
    ini = waktu.tahun_ini()
    qs = ProfilTalenta.objects.filter(tahun__lte=ini)
    if not akses_untuk(user).admin_bkd:
        qs = qs.filter(pegawai__in=pegawai_terlihat(user))
    terakhir = qs.order_by("-tahun").values_list("tahun", flat=True).first()
    return terakhir or ini


@dataclass(frozen=True)
class Sel:
    kotak: int
    kinerja: str
    potensi: str
    jumlah: int
    rekomendasi: tuple[str, ...]

    @property
    def talent_pool(self) -> bool:
        return self.kotak in rules.KOTAK_TALENT_POOL


# Chart order: potensi rows from Tinggi (top) to Rendah; kinerja columns Di Bawah → Di Atas.
URUTAN_POTENSI = [rules.TINGGI, rules.MENENGAH, rules.RENDAH]
URUTAN_KINERJA = [rules.DI_BAWAH, rules.SESUAI, rules.DI_ATAS]


def sembilan_kotak(user: AnyUser, *, tahun: int, unit: UnitKerja | None = None) -> list[Sel]:
    """The nine cells in chart order, each with its head count (one query)."""
    jumlah = dict(
        talenta_terlihat(user, tahun=tahun, unit=unit)
        .order_by()
        .values("kotak")
        .annotate(n=Count("id"))
        .values_list("kotak", "n")
    )
    sel = []
    for potensi in URUTAN_POTENSI:
        for kinerja in URUTAN_KINERJA:
            p = rules.kotak_talenta(kinerja, potensi)
            sel.append(Sel(p.kotak, kinerja, potensi, jumlah.get(p.kotak, 0), p.rekomendasi))
    return sel


def jabatan_kunci() -> QuerySet[JabatanKunci]:
    return JabatanKunci.objects.select_related("jabatan")


@dataclass
class KandidatSuksesi:
    kandidat: Kandidat
    profil: ProfilTalenta


def suksesi(user: AnyUser, kunci: JabatanKunci, *, tahun: int, batas: int = 10):
    """The talent pool (boxes 7–9) ranked for one key position by jabatan's matching score.
    Only HR: matching ranks the employees the user manages."""
    pool = {
        p.pegawai_id: p
        for p in talenta_terlihat(user, tahun=tahun).talent_pool().select_related("pegawai")
    }
    if not pool:
        return []
    hasil = []
    for k in kandidat_untuk(user, kunci.jabatan):
        if k.pegawai_id in pool:
            hasil.append(KandidatSuksesi(k, pool[k.pegawai_id]))
            if len(hasil) >= batas:
                break
    return hasil


# --- Kenaikan pangkat ------------------------------------------------------------------------


@dataclass
class BarisKp:
    pegawai_id: int
    nip: str
    nama: str
    unit_kerja: str
    golongan: str
    tmt_golongan: date | None
    pendidikan: str
    jabatan: str
    hasil: rules.HasilKp
    status_usulan: str = ""
    catatan_usulan: str = ""
    dasar_aturan: str = ""  # the regulations applied (periods, education ceiling)

    @property
    def pangkat_baru(self) -> str:
        return rules.PANGKAT_PNS.get(self.hasil.golongan_baru or "", "")


def _batas_tmt(periode: rules.PeriodeKp, masa_tahun: int) -> date:
    """The latest TMT golongan that has served `masa_tahun` years on the period's TMT, found
    with the rule's own `tambah_tahun` (29 February included)."""
    tmt = periode.tmt
    try:
        d = tmt.replace(year=tmt.year - masa_tahun)
    except ValueError:  # 29 February
        d = tmt.replace(year=tmt.year - masa_tahun, day=28)
    d += timedelta(days=3)
    while rules.tambah_tahun(d, masa_tahun) > tmt:
        d -= timedelta(days=1)
    return d


def _opsi_kp(periode: rules.PeriodeKp) -> tuple[dict, NilaiAturan | None, NilaiAturan]:
    """The rule's options for a period, from the effective-dated rows and the settings."""
    pendidikan = pengaturan.aturan_pendidikan(periode.tmt)
    opsi = {
        "masa_tahun": pengaturan.masa_golongan_tahun(),
        "predikat_minimal": pengaturan.predikat_minimal(),
        "plafon_pendidikan": pengaturan.plafon_dari(pendidikan),
        "plafon_jenjang": pengaturan.plafon_jenjang(),
        "plafon_eselon": pengaturan.plafon_eselon(),
    }
    kebutuhan = pengaturan.aturan_kebutuhan_ak(periode.tmt)
    if kebutuhan is not None:
        opsi["kebutuhan_ak"] = kebutuhan.nilai
    return opsi, kebutuhan, pendidikan


DUA_BELAS = DecimalField(max_digits=20, decimal_places=4)


def _ak_kali_dua_belas() -> Case:
    """The employee's cumulative angka kredit since the TMT of their golongan
    (`kinerja.rules.angka_kredit_kumulatif`) times twelve, so that the prorated share of the
    TMT's year ((13 - month) / 12) needs no division and comparing it with twelve times a
    kebutuhan row is exact (a kebutuhan has at most 4 decimals, so the rule's rounding down
    at 4 decimals does not change the comparison). A correlated sum over the employee's few
    rows, evaluated only inside the CASE that picks the rows on the angka kredit path."""
    tahun_tmt = ExtractYear(OuterRef("tmt_golongan"))
    bulan_tmt = ExtractMonth(OuterRef("tmt_golongan"))
    per_entri = Case(
        When(tahun__gt=tahun_tmt, then=F("nilai") * 12),
        When(tahun=tahun_tmt, jenis=JenisAngkaKredit.KONVERSI,
             then=F("nilai") * (13 - bulan_tmt)),
        When(tahun=tahun_tmt, then=F("nilai") * 12),
        default=Value(Decimal(0)),
        output_field=DUA_BELAS,
    )  # fmt: skip

    def jumlah(nilai) -> Subquery:
        return Subquery(
            AngkaKredit.objects.filter(pegawai=OuterRef("pk"))
            .order_by()
            .values("pegawai")
            .annotate(s=Sum(nilai))
            .values("s"),
            output_field=DUA_BELAS,
        )

    return Case(
        When(tmt_golongan__isnull=True, then=jumlah(F("nilai") * 12)),  # no TMT: all counts
        default=jumlah(per_entri),
        output_field=DUA_BELAS,
    )


def _pasangan_ak(opsi: dict) -> list[tuple[str, str, Decimal]]:
    """(jenjang, golongan, kebutuhan) rows of the angka kredit table in force."""
    return [
        (jenjang, gol, Decimal(str(nilai)))
        for jenjang, baris in (opsi.get("kebutuhan_ak") or {}).items()
        for gol, nilai in (baris or {}).items()
        if jenjang and nilai is not None
    ]


def syarat_layak_kp(periode: rules.PeriodeKp, opsi: dict) -> Q:
    """`rules.kelayakan_kenaikan_pangkat(...).layak` as a filter on the rows annotated by
    `_kp_dasar` (the same tables and options; tested equal to the rule row by row on a
    varied data set, tests/karier/test_kenaikan_pangkat_sql.py). Only the page's rows are then
    judged by the rule itself, for the reasons shown."""
    minimal = list(opsi["predikat_minimal"])
    urut = urutan_golongan
    per_golongan = Q(pk__in=[])
    for gol in rules.GOLONGAN_PNS:
        baru = rules.golongan_berikut(gol)
        if baru is None:
            continue

        def lewat(plafon: dict, baru: str = baru) -> list[str]:
            return [k for k, v in plafon.items() if urut(baru) > urut(v)]

        q = Q(golongan=gol) & ~Q(pendidikan_jenjang__in=lewat(opsi["plafon_pendidikan"]))
        jenjang_lewat = lewat(opsi["plafon_jenjang"])
        if jenjang_lewat:
            q &= ~Q(kp_jenjang__in=jenjang_lewat)
        eselon_lewat = lewat(opsi["plafon_eselon"])
        if eselon_lewat:
            q &= ~Q(kp_eselon__in=eselon_lewat)
        per_golongan |= q
    thn1, thn2 = periode.tahun_predikat

    def predikat_cukup(tahun: int) -> Q:  # a semi-join (one annual appraisal a year)
        return Q(
            pk__in=Penilaian.objects.filter(
                jenis_periode=TAHUNAN, tahun=tahun, predikat__in=minimal
            ).values("pegawai_id")
        )

    # The angka kredit path (a kebutuhan row for the jenjang and golongan) or the years.
    # `kp_ak12` appears once: each reference would repeat its subquery in the plan.
    masa_atau_ak = (Q(kp_ambang12__isnull=False) & Q(kp_ak12__gte=F("kp_ambang12"))) | (
        Q(kp_ambang12__isnull=True) & Q(tmt_golongan__lte=_batas_tmt(periode, opsi["masa_tahun"]))
    )
    return (
        predikat_cukup(thn1)
        & predikat_cukup(thn2)
        & ~Q(pendidikan_jenjang="")
        & per_golongan
        & masa_atau_ak
    )


def _pns_aktif(pegawai: QuerySet[Pegawai], unit: UnitKerja | None) -> QuerySet[Pegawai]:
    """The active PNS of `pegawai` (a scope), within `unit`'s subtree when given."""
    qs = pegawai.filter(aktif=True, status_kepegawaian="PNS")
    if unit is not None:
        qs = qs.filter(unit_kerja__path__startswith=unit.path)
    return qs


def _kp_dasar(
    pegawai: QuerySet[Pegawai], periode: rules.PeriodeKp, unit: UnitKerja | None, opsi: dict
):
    """Active PNS of `pegawai` (the user's scope, or everyone for the kept set) with what the
    rule reads joined (active position, the annual predikat of both years, HR's worklist row)
    and, per jenjang on the angka kredit path, whether their credit reaches the kebutuhan row
    (inside a CASE: only those rows)."""
    thn1, thn2 = periode.tahun_predikat
    qs = (
        _pns_aktif(pegawai, unit)
        .annotate(
            pa=FilteredRelation("penempatan", condition=Q(penempatan__aktif=True)),
            us=FilteredRelation("usulan_kp", condition=Q(usulan_kp__periode=periode.kode)),
            p1=FilteredRelation(
                "penilaian", condition=Q(penilaian__jenis_periode=TAHUNAN, penilaian__tahun=thn1)
            ),
            p2=FilteredRelation(
                "penilaian", condition=Q(penilaian__jenis_periode=TAHUNAN, penilaian__tahun=thn2)
            ),
        )
        .annotate(
            pred1=F("p1__predikat"),
            pred2=F("p2__predikat"),
            kp_jenjang=Coalesce(F("pa__jabatan__jenjang"), Value("")),
            kp_eselon=Coalesce(F("pa__jabatan__eselon"), Value("")),
        )
    )
    ambang = [
        When(kp_jenjang=jenjang, golongan=gol, then=Value(nilai * 12))
        for jenjang, gol, nilai in _pasangan_ak(opsi)
    ]
    qs = qs.annotate(
        kp_ambang12=Case(*ambang, default=Value(None), output_field=DUA_BELAS)
        if ambang
        else Value(None, output_field=DUA_BELAS)
    )
    return qs.annotate(
        kp_ak12=Case(When(kp_ambang12__isnull=False, then=_ak_kali_dua_belas()),
                     default=Value(None), output_field=DUA_BELAS),
    )  # fmt: skip


def _biasa(nilai):
    """Options as plain JSON values in a stable order (sets sorted, mappings by key)."""
    if isinstance(nilai, (set, frozenset)):
        return sorted(_biasa(x) for x in nilai)
    if isinstance(nilai, Mapping):
        return {str(k): _biasa(v) for k, v in sorted(nilai.items(), key=lambda kv: str(kv[0]))}
    if isinstance(nilai, (list, tuple)):
        return [_biasa(x) for x in nilai]
    return nilai


def sidik_opsi_kp(periode: rules.PeriodeKp, opsi: dict) -> str:
    """A digest of what the rule is given for a period (its date, the settings and the
    effective-dated rows): a kept set computed under other values is not read."""
    teks = json.dumps(
        {"periode": periode.kode, "tmt": periode.tmt.isoformat(), "opsi": _biasa(opsi)},
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(teks.encode()).hexdigest()


def kandidat_kp_sumber(periode: rules.PeriodeKp) -> tuple[QuerySet[Pegawai], str]:
    """What the kept set of a period holds: every active PNS (no user scope) that
    `syarat_layak_kp` passes, as a query of their ids (for one `INSERT ... SELECT`), and the
    digest of the rule values it was computed under."""
    opsi = _opsi_kp(periode)[0]
    qs = _kp_dasar(Pegawai.objects.all(), periode, None, opsi).filter(
        syarat_layak_kp(periode, opsi)
    )
    return qs.order_by().values("pk"), sidik_opsi_kp(periode, opsi)


def kandidat_kp_dihitung(
    periode: rules.PeriodeKp, sidik: str, *, pada: datetime | None = None
) -> datetime | None:
    """When the kept set of `periode` was computed, if the worklist may read it: computed
    under the same rule values (`sidik`) and no longer ago than the bound
    (`pengaturan.kandidat_kp_batas_menit`). None (never computed, too old, other values,
    another period): the worklist evaluates the rule live."""
    pada = pada or timezone.now()
    batas = pada - timedelta(minutes=pengaturan.kandidat_kp_batas_menit())
    return (
        StempelKandidatKp.objects.filter(periode=periode.kode, sidik=sidik, dihitung__gte=batas)
        .values_list("dihitung", flat=True)
        .first()
    )


KOLOM_KP = ("pk", "nip", "nama", "unit_kerja__nama", "golongan", "tmt_golongan",
            "pendidikan_jenjang", "nama_jabatan", "pa__jabatan__nama", "pa__jabatan__jenjang",
            "pa__jabatan__eselon", "pred1", "pred2", "us__status", "us__catatan")  # fmt: skip


URUTAN_KP = ("unit_kerja__path", "nama", "nip")


class DaftarKp:
    """The kenaikan pangkat worklist of a period, paginated in SQL: `len()` is a count, a
    slice reads only its rows and judges them with the rule, iteration reads in chunks (the
    xlsx export); `jumlah_layak` counts the eligible.

    Who is eligible comes from the kept set of the period (`KandidatKp`, refreshed every 10
    minutes) when its stamp is fresh (`kandidat_kp_dihitung`; `dihitung` says when), else
    from the rule in SQL (`syarat_layak_kp`) evaluated live. From the set, a page is read in
    two steps: the ids of the page (scope ∩ set, or the whole scope with `semua`, ordered by
    unit path, name and NIP; a late page from the far end), then `KOLOM_KP` for those ids
    only. Either way each row shown is judged by the rule itself (`nilai_kp`)."""

    def __init__(
        self, user, *, periode, unit=None, semua=False, potong: int = 2000, kandidat=True
    ):
        self.periode = periode
        self.opsi, self.kebutuhan, pendidikan = _opsi_kp(periode)
        self.semua = semua
        self.potong = potong
        lingkup = pegawai_terlihat(user)
        self._dasar = _kp_dasar(lingkup, periode, unit, self.opsi)
        self._layak = syarat_layak_kp(periode, self.opsi)
        qs = self._dasar if semua else self._dasar.filter(self._layak)
        self._urut = qs.order_by(*URUTAN_KP)
        self._qs = self._urut.values_list(*KOLOM_KP)
        # When the kept set was computed (None: the live path).
        self.dihitung = (
            kandidat_kp_dihitung(periode, sidik_opsi_kp(periode, self.opsi)) if kandidat else None
        )
        if self.dihitung is not None:
            self._pns = _pns_aktif(lingkup, unit)
            self._di_kandidat = Q(
                pk__in=KandidatKp.objects.filter(periode=periode.kode).values("pegawai_id")
            )
            daftar = self._pns if semua else self._pns.filter(self._di_kandidat)
            self._ids = daftar.order_by(*URUTAN_KP).values_list("pk", flat=True)
        dasar_list = pengaturan.dasar_aturan_kp(periode, pendidikan)
        self._dasar_teks = "; ".join(dasar_list)
        self._dasar_fungsional = "; ".join(
            [*dasar_list, f"Angka kredit: {self.kebutuhan.sumber}"]
            if self.kebutuhan
            else dasar_list
        )
        self._jumlah: int | None = None
        self._jumlah_layak: int | None = None

    @property
    def dari_kandidat(self) -> bool:
        """Read from the kept set (not the live filter)."""
        return self.dihitung is not None

    def _hitung_dari_kandidat(self) -> None:
        """Both counts from the kept set in one pass over the scope's PNS (with `semua`, the
        eligible are counted beside the whole list)."""
        if self.semua:
            n = self._pns.aggregate(n=Count("pk"), nl=Count("pk", filter=self._di_kandidat))
            self._jumlah, self._jumlah_layak = n["n"], n["nl"]
        else:
            self._jumlah = self._jumlah_layak = self._ids.count()

    def count(self) -> int:
        if self._jumlah is None:
            if self.dari_kandidat:
                self._hitung_dari_kandidat()
            else:
                self._jumlah = self._qs.count()
        return self._jumlah

    __len__ = count

    @property
    def jumlah_layak(self) -> int:
        if self._jumlah_layak is None:
            if self.dari_kandidat:
                self._hitung_dari_kandidat()
            elif not self.semua:
                self._jumlah_layak = self.count()
            else:
                self._jumlah_layak = self._dasar.filter(self._layak).count()
        return self._jumlah_layak

    def __getitem__(self, k):
        if self.dari_kandidat:
            if isinstance(k, slice):
                return self._baris(list(self._ids[k]))
            return self._baris(list(self._ids[k : k + 1]))[0]
        if isinstance(k, slice):
            return self._nilai(list(self._qs[k]))
        return self._nilai(list(self._qs[k : k + 1]))[0]

    def __iter__(self):
        if self.dari_kandidat:  # the ids in one read, their rows a chunk at a time
            ids = list(self._ids)
            for mulai in range(0, len(ids), self.potong):
                yield from self._baris(ids[mulai : mulai + self.potong])
            return
        mulai = 0
        while True:
            rows = list(self._qs[mulai : mulai + self.potong])
            yield from self._nilai(rows)
            if len(rows) < self.potong:
                return
            mulai += self.potong

    def _baris(self, ids: list[int]) -> list[BarisKp]:
        """`KOLOM_KP` of these ids (still through the scope), judged, in the ids' order."""
        if not ids:
            return []
        rows = {r[0]: r for r in self._dasar.filter(pk__in=ids).values_list(*KOLOM_KP)}
        return self._nilai([rows[i] for i in ids if i in rows])

    def halaman(self, nomor, per: int) -> Page:
        """One page for the HTML list, as `Paginator.get_page`. From the kept set: the
        counts (one statement), then the page's ids (a page in the second half read
        backwards from the end, `halaman_dari_ujung`), then their rows. Live: ONE pass of the
        filter, the rows carrying the count (and, with `semua`, the eligible count) as window
        aggregates and their row number; a page past the end falls back to the last page in
        the same statement."""
        if self.dari_kandidat:
            h = halaman_dari_ujung(self._ids, nomor, per, jumlah=self.count())
            return Page(self._baris(list(h.object_list)), h.number, h.paginator)
        try:
            nomor = int(nomor)
        except (TypeError, ValueError):
            nomor = 1
        nomor = nomor if nomor >= 1 else 10**9  # as get_page: below 1 is the last page
        urutan = [F(k).asc() for k in URUTAN_KP]
        ekstra = {"_n": Window(Count("pk")), "_rn": Window(RowNumber(), order_by=urutan)}
        if self.semua:
            ekstra["_nl"] = Window(Count("pk", filter=self._layak))
        qs = self._urut.annotate(**ekstra).filter(
            _rn__gt=Least(Value((nomor - 1) * per), (F("_n") - 1) / per * per)
        )
        rows = list(qs.values_list(*KOLOM_KP, *ekstra)[:per])
        lebar = len(KOLOM_KP)
        if rows:
            self._jumlah = rows[0][lebar]
            self._jumlah_layak = rows[0][lebar + 2] if self.semua else self._jumlah
            nomor = (rows[0][lebar + 1] - 1) // per + 1
        else:
            self._jumlah, nomor = 0, 1
            if self.semua:
                self._jumlah_layak = 0
        paginator = Paginator(self, per)
        paginator.__dict__["count"] = self._jumlah  # known: no second count
        return Page(self._nilai([r[:lebar] for r in rows]), nomor, paginator)

    def _nilai(self, rows: list[tuple]) -> list[BarisKp]:
        return nilai_kp(rows, self.periode, self.opsi, self._dasar_teks, self._dasar_fungsional)


def nilai_kp(rows, periode, opsi, dasar: str, dasar_fungsional: str) -> list[BarisKp]:
    """Judge rows (`KOLOM_KP`) with the rule itself: one query for the angka kredit of the
    page's rows (of all of them, so the count of queries does not depend on whether a page
    holds someone on a jabatan fungsional; only theirs is used)."""
    thn1, thn2 = periode.tahun_predikat
    semua_ak = angka_kredit.kumulatif_per_pegawai(
        [r[0] for r in rows], {r[0]: r[5] for r in rows}
    )
    ak = {r[0]: semua_ak[r[0]] for r in rows if r[9] and r[0] in semua_ak}
    hasil = []
    for (pk, nip, nama, unit_nama, gol, tmt, pend, jab_teks, jab, jenjang, eselon, p1, p2,
         status, catatan) in rows:  # fmt: skip
        karier = rules.KarierPangkat(
            status_kepegawaian="PNS",
            golongan=gol,
            tmt_golongan=tmt,
            pendidikan=pend,
            predikat={thn1: p1 or "", thn2: p2 or ""},
            jenjang_fungsional=jenjang or "",
            eselon=eselon or "",
        )
        h = rules.kelayakan_kenaikan_pangkat(karier, periode, angka_kredit=ak.get(pk), **opsi)
        hasil.append(
            BarisKp(
                pk, nip, nama, unit_nama, gol, tmt, pend, jab or jab_teks, h,
                status or "", catatan or "",
                dasar_fungsional if h.kebutuhan_ak is not None else dasar,
            )  # fmt: skip
        )
    return hasil


def kenaikan_pangkat(
    user: AnyUser,
    *,
    periode: rules.PeriodeKp,
    unit: UnitKerja | None = None,
    semua: bool = False,
) -> DaftarKp:
    """PNS in the user's scope with their eligibility for a period (only the eligible unless
    `semua`), with HR's progress on each, in the order of unit, name and NIP. Filtered,
    counted and paginated in SQL (`DaftarKp`: from the kept eligible set while it is fresh,
    else live); each row shown is judged by the rule."""
    return DaftarKp(user, periode=periode, unit=unit, semua=semua)


def kenaikan_pangkat_dataset(baris, periode: rules.PeriodeKp):
    """The worklist as a tablib Dataset (xlsx export for HR)."""
    import tablib

    from .models import StatusUsulanKp

    label = dict(StatusUsulanKp.choices)
    data = tablib.Dataset(
        headers=KEPALA_KP,
        title=f"KP {periode.kode}",
    )
    for b in baris:
        data.append(baris_kp_ekspor(b, label))
    return data


KEPALA_KP = ["NIP", "Nama", "Unit kerja", "Jabatan", "Pendidikan", "Golongan", "TMT golongan",
             "Golongan baru", "Pangkat baru", "Layak", "Keterangan", "Status usulan",
             "Catatan", "Dasar aturan"]  # fmt: skip


def baris_kp_ekspor(b: BarisKp, label: dict[str, str]) -> list:
    return [
        b.nip, b.nama, b.unit_kerja, b.jabatan, b.pendidikan, b.golongan,
        b.tmt_golongan.strftime("%d-%m-%Y") if b.tmt_golongan else "",
        b.hasil.golongan_baru or "", b.pangkat_baru, "ya" if b.hasil.layak else "tidak",
        " ".join(b.hasil.alasan), label.get(b.status_usulan, label["BELUM"]), b.catatan_usulan,
        b.dasar_aturan,
    ]  # fmt: skip


def usulan_kp(pegawai: Pegawai, periode: str) -> UsulanKenaikanPangkat | None:
    return UsulanKenaikanPangkat.objects.filter(pegawai=pegawai, periode=periode).first()


# --- The career page -------------------------------------------------------------------------


@dataclass
class HalamanKarier:
    pegawai: Pegawai
    tahun: int
    penempatan: list[Penempatan]
    riwayat_pangkat: list[RiwayatPangkat]
    rencana: RencanaPengembangan | None
    sesi: list[SesiPembinaan]
    jp: pelatihan_selectors.JpPegawai
    talenta: ProfilTalenta | None
    jabatan_cocok: list[JabatanCocok]
    kenaikan_pangkat: rules.HasilKp
    periode_kp: rules.PeriodeKp
    kesenjangan: list = field(default_factory=list)
    angka_kredit: angka_kredit.RingkasanAk | None = None

    @property
    def penempatan_aktif(self) -> Penempatan | None:
        return next((p for p in self.penempatan if p.aktif), None)


def kekurangan(cocok: JabatanCocok) -> list[str]:
    """What the employee lacks for a position: the parts of the score below full marks."""
    return [b.alasan for b in cocok.bagian if b.nilai is not None and b.nilai < 1]


def halaman_karier(pegawai: Pegawai, *, tahun: int, jumlah_cocok: int = 5) -> HalamanKarier:
    """Everything the career page shows, a fixed number of queries."""
    penempatan = list(
        Penempatan.objects.filter(pegawai=pegawai).select_related("jabatan", "unit_kerja")
    )
    rencana = (
        RencanaPengembangan.objects.filter(pegawai=pegawai, tahun=tahun)
        .with_progres()
        .select_related("disetujui_oleh")
        .prefetch_related("kompetensi", "kegiatan__kompetensi")
        .first()
    )
    talenta = ProfilTalenta.objects.filter(pegawai=pegawai).order_by("-tahun").first()
    periode = pengaturan.periode_kp_berikut(waktu.hari_ini())
    thn = periode.tahun_predikat
    predikat = dict(
        Penilaian.objects.filter(pegawai=pegawai, jenis_periode=TAHUNAN, tahun__in=thn)
        .order_by()
        .values_list("tahun", "predikat")
    )
    aktif = next((p for p in penempatan if p.aktif), None)
    jenjang = aktif.jabatan.jenjang if aktif else ""
    ak = (
        angka_kredit.ringkasan_pegawai(pegawai, pada=periode.tmt, jenjang=jenjang)
        if jenjang or pegawai.angka_kredit.exists()
        else None
    )
    kebutuhan = pengaturan.aturan_kebutuhan_ak(periode.tmt)
    kp = rules.kelayakan_kenaikan_pangkat(
        rules.KarierPangkat(
            status_kepegawaian=pegawai.status_kepegawaian,
            golongan=pegawai.golongan,
            tmt_golongan=pegawai.tmt_golongan,
            pendidikan=pegawai.pendidikan_jenjang,
            predikat=predikat,
            jenjang_fungsional=aktif.jabatan.jenjang if aktif else "",
            eselon=aktif.jabatan.eselon if aktif else "",
        ),
        periode,
        masa_tahun=pengaturan.masa_golongan_tahun(),
        predikat_minimal=pengaturan.predikat_minimal(),
        plafon_pendidikan=pengaturan.plafon_pendidikan(periode.tmt),
        plafon_jenjang=pengaturan.plafon_jenjang(),
        plafon_eselon=pengaturan.plafon_eselon(),
        angka_kredit=ak.kumulatif if ak else None,
        kebutuhan_ak=kebutuhan.nilai if kebutuhan else None,
    )
    return HalamanKarier(
        pegawai=pegawai,
        tahun=tahun,
        penempatan=penempatan,
        riwayat_pangkat=list(RiwayatPangkat.objects.filter(pegawai=pegawai).order_by("-tmt")),
        rencana=rencana,
        sesi=list(SesiPembinaan.objects.filter(pegawai=pegawai).with_relasi()[:50]),
        jp=pelatihan_selectors.jp_pegawai(pegawai, tahun=tahun),
        talenta=talenta,
        jabatan_cocok=jabatan_cocok_untuk(pegawai)[:jumlah_cocok],
        kenaikan_pangkat=kp,
        periode_kp=periode,
        angka_kredit=ak,
    )
