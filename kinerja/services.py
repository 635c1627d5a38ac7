"""Writes of e-kinerja: keyword-only, atomic, `full_clean()` before save.

Rule violations raise Django's `ValidationError` keyed by field (the API answers 400 with
the same keys); acting on someone one may see but not act on raises `TidakBerwenang` (403).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, time
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import Count, DecimalField, Exists, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from pegawai.models import Pegawai

from . import pengaturan, rules, selectors
from .models import (
    Berakhlak,
    EkspektasiPerilaku,
    HasilOrganisasi,
    IndikatorKinerja,
    LaporanHarian,
    Penilaian,
    PerjanjianKinerja,
    RealisasiRhk,
    RekapPegawaiBulanan,
    RekapRhkBulanan,
    RekapUnitBulanan,
    Rhk,
    Skp,
    StatusLaporan,
    StatusSkp,
    Tanggapan,
)

logger = logging.getLogger(__name__)


class TidakBerwenang(PermissionDenied):
    """The user may see the record but not take this action on it."""


PESAN_BUKAN_ATASAN = "Hanya atasan langsung pegawai ini yang dapat melakukannya."


def atasan_penilai(pegawai: Pegawai) -> Pegawai | None:
    """The pejabat penilai of a pegawai today: their direct supervisor.

    Hook: once the jabatan app's placements exist, the supervisor follows from the
    position tree; swap the body here (kinerja must not import jabatan before then).
    """
    return pegawai.atasan if pegawai.atasan_id else None


def _pastikan_atasan(oleh: Pegawai, pegawai: Pegawai) -> None:
    if pegawai.atasan_id is None or pegawai.atasan_id != oleh.pk:
        raise TidakBerwenang(PESAN_BUKAN_ATASAN)


# --- SKP ----------------------------------------------------------------------------------------


@transaction.atomic
def skp_create(*, pegawai: Pegawai, tahun: int, pendekatan: str = "KUANTITATIF") -> Skp:
    if Skp.objects.filter(pegawai=pegawai, tahun=tahun).exists():
        raise ValidationError({"tahun": f"SKP tahun {tahun} untuk pegawai ini sudah ada."})
    skp = Skp(
        pegawai=pegawai,
        tahun=tahun,
        pendekatan=pendekatan,
        penilai=atasan_penilai(pegawai),
        unit_kerja_id=pegawai.unit_kerja_id,
    )
    skp.full_clean()
    skp.save()
    return skp


@transaction.atomic
def rhk_add(
    *,
    skp: Skp,
    oleh: Pegawai,
    uraian: str,
    jenis: str = "UTAMA",
    rhk_atasan: Rhk | None = None,
    perjanjian_kinerja: PerjanjianKinerja | None = None,
    perspektif: str = "",
    indikator: Sequence[Mapping[str, Any]] = (),
) -> Rhk:
    """Add an RHK with its indicators to one's own SKP while it is a draft or returned."""
    if skp.pegawai_id != oleh.pk:
        raise TidakBerwenang("Hanya pemilik SKP yang dapat menyusun RHK-nya.")
    if not skp.bisa_diubah:
        raise ValidationError({"skp": "SKP yang sudah diajukan atau disetujui tidak dapat diubah."})
    if not indikator:
        raise ValidationError({"indikator": "Setiap RHK memerlukan paling sedikit satu indikator."})
    urutan = Rhk.objects.filter(skp=skp).count() + 1
    rhk = Rhk(
        skp=skp,
        jenis=jenis,
        uraian=uraian,
        rhk_atasan=rhk_atasan,
        perjanjian_kinerja=perjanjian_kinerja,
        perspektif=perspektif,
        urutan=urutan,
    )
    rhk.full_clean()
    rhk.save()
    for data in indikator:
        ik = IndikatorKinerja(rhk=rhk, **data)
        ik.full_clean()
        ik.save()
    return rhk


@transaction.atomic
def skp_submit(*, skp: Skp, oleh: Pegawai) -> Skp:
    if skp.pegawai_id != oleh.pk:
        raise TidakBerwenang("Hanya pemilik SKP yang dapat mengajukannya.")
    if not skp.bisa_diubah:
        raise ValidationError({"status": "SKP ini sudah diajukan atau disetujui."})
    if not skp.rhk.filter(jenis="UTAMA").exists():
        raise ValidationError({"rhk": "SKP memerlukan paling sedikit satu RHK utama."})
    if skp.penilai_id is None:
        raise ValidationError(
            {"penilai": "Pegawai belum memiliki atasan langsung (pejabat penilai)."}
        )
    skp.status = StatusSkp.DIAJUKAN
    skp.diajukan_pada = timezone.now()
    skp.save(update_fields=["status", "diajukan_pada", "diubah"])
    return skp


@transaction.atomic
def skp_approve(*, skp: Skp, oleh: Pegawai, ekspektasi: Mapping[str, str] | None = None) -> Skp:
    """The pejabat penilai approves and records the specific expectation per BerAKHLAK value."""
    if skp.penilai_id != oleh.pk:
        raise TidakBerwenang("Hanya pejabat penilai SKP ini yang dapat menyetujuinya.")
    if skp.status != StatusSkp.DIAJUKAN:
        raise ValidationError({"status": "Hanya SKP yang sedang diajukan yang dapat disetujui."})
    ekspektasi_simpan(skp=skp, ekspektasi=ekspektasi or {})
    skp.status = StatusSkp.DISETUJUI
    skp.disetujui_pada = timezone.now()
    skp.catatan = ""
    skp.save(update_fields=["status", "disetujui_pada", "catatan", "diubah"])
    return skp


@transaction.atomic
def skp_return(*, skp: Skp, oleh: Pegawai, catatan: str) -> Skp:
    if skp.penilai_id != oleh.pk:
        raise TidakBerwenang("Hanya pejabat penilai SKP ini yang dapat mengembalikannya.")
    if skp.status != StatusSkp.DIAJUKAN:
        raise ValidationError({"status": "Hanya SKP yang sedang diajukan yang dapat dikembalikan."})
    if not (catatan or "").strip():
        raise ValidationError({"catatan": "Catatan wajib diisi saat mengembalikan SKP."})
    skp.status = StatusSkp.DIKEMBALIKAN
    skp.catatan = catatan.strip()
    skp.save(update_fields=["status", "catatan", "diubah"])
    return skp


def ekspektasi_simpan(*, skp: Skp, ekspektasi: Mapping[str, str]) -> None:
    """All seven BerAKHLAK values on the SKP, with the given expectations (idempotent)."""
    salah = set(ekspektasi) - set(Berakhlak.values)
    if salah:
        raise ValidationError(
            {"ekspektasi": f"Nilai BerAKHLAK tidak dikenal: {', '.join(sorted(salah))}."}
        )
    EkspektasiPerilaku.objects.bulk_create(
        [
            EkspektasiPerilaku(skp=skp, nilai=n, ekspektasi=ekspektasi.get(n, ""))
            for n in Berakhlak.values
        ],
        update_conflicts=True,
        unique_fields=["skp", "nilai"],
        update_fields=["ekspektasi"],
    )


# --- Daily reports ----------------------------------------------------------------------------

EKSTENSI_BUKTI = (".pdf", ".jpg", ".jpeg", ".png")


def _cek_bukti(bukti: UploadedFile) -> list[str]:
    masalah = []
    maks = pengaturan.bukti_maks_mb()
    if bukti.size > maks * 1024 * 1024:
        ukuran = f"{bukti.size / 1024 / 1024:.1f}".replace(".", ",")
        masalah.append(f"Ukuran bukti dukung paling besar {maks} MB (berkas ini {ukuran} MB).")
    bukti.seek(0)
    awal = bukti.read(8)
    bukti.seek(0)
    if not bukti.name.lower().endswith(EKSTENSI_BUKTI) or rules.jenis_berkas(awal) is None:
        masalah.append("Bukti dukung harus berkas PDF, JPEG atau PNG.")
    return masalah


def _validasi_laporan(
    laporan: LaporanHarian, *, cek_jendela: bool, bukti: UploadedFile | None
) -> None:
    """Every rule of a daily report (API.md), all reported at once, keyed by field."""
    errors: dict[str, list[str]] = {}
    try:
        # The FKs are checked below (RHK of the approved SKP) and the check constraints are
        # the same rules as clean(): skip their extra queries on this hot path.
        laporan.full_clean(exclude=["bukti", "pegawai", "rhk"], validate_constraints=False)
    except ValidationError as exc:
        errors = exc.message_dict
    if not laporan.rhk_id:
        errors.setdefault("rhk", []).append("RHK wajib dipilih.")
    if laporan.tanggal:
        hari_ini = pengaturan.hari_ini()
        if laporan.tanggal > hari_ini or cek_jendela:
            pesan = rules.cek_tanggal_laporan(
                laporan.tanggal, hari_ini, pengaturan.jendela_lapor_hari()
            )
            if pesan:
                errors.setdefault("tanggal", []).append(pesan)
        if (
            laporan.rhk_id
            and not selectors.rhk_pilihan(laporan.pegawai, laporan.tanggal.year)
            .filter(pk=laporan.rhk_id)
            .exists()
        ):
            errors.setdefault("rhk", []).append(
                f"RHK tidak termasuk SKP Anda yang disetujui untuk tahun {laporan.tanggal.year}."
            )
    if (
        laporan.tanggal
        and "jam_selesai" not in errors
        and laporan.jam_mulai
        and laporan.jam_selesai
    ):
        bentrok = (
            LaporanHarian.objects.filter(
                pegawai_id=laporan.pegawai_id,
                tanggal=laporan.tanggal,
                jam_mulai__lt=laporan.jam_selesai,
                jam_selesai__gt=laporan.jam_mulai,
            )
            .exclude(pk=laporan.pk)
            .order_by("jam_mulai")
            .first()
        )
        if bentrok is not None:
            errors.setdefault("jam_mulai", []).append(
                f"Waktu {laporan.jam_mulai:%H:%M}–{laporan.jam_selesai:%H:%M} bertumpang tindih "
                f"dengan laporan lain pada tanggal yang sama "
                f"({bentrok.jam_mulai:%H:%M}–{bentrok.jam_selesai:%H:%M})."
            )
    if bukti is not None:
        masalah = _cek_bukti(bukti)
        if masalah:
            errors.setdefault("bukti", []).extend(masalah)
    if errors:
        raise ValidationError(errors)


def _kunci_pegawai(pegawai: Pegawai) -> None:
    # Serialise one employee's filings so two at once cannot both pass the overlap check.
    list(Pegawai.objects.select_for_update().filter(pk=pegawai.pk).order_by().values_list("pk"))


@transaction.atomic
def laporan_submit(
    *,
    pegawai: Pegawai,
    tanggal: date,
    rhk: Rhk,
    uraian: str,
    kuantitas: Decimal,
    satuan: str,
    jam_mulai: time,
    jam_selesai: time,
    bukti: UploadedFile | None = None,
) -> LaporanHarian:
    """File one daily report (status DIAJUKAN): lock, three reads, one insert."""
    _kunci_pegawai(pegawai)
    laporan = LaporanHarian(
        pegawai=pegawai,
        tanggal=tanggal,
        rhk=rhk,
        uraian=(uraian or "").strip(),
        kuantitas=kuantitas,
        satuan=(satuan or "").strip(),
        jam_mulai=jam_mulai,
        jam_selesai=jam_selesai,
        status=StatusLaporan.DIAJUKAN,
    )
    _validasi_laporan(laporan, cek_jendela=True, bukti=bukti)
    if bukti is not None:
        laporan.bukti = bukti
    laporan.save()
    return laporan


BISA_DIUBAH = ("tanggal", "rhk", "uraian", "kuantitas", "satuan", "jam_mulai", "jam_selesai")


@transaction.atomic
def laporan_correct(
    *,
    laporan: LaporanHarian,
    oleh: Pegawai,
    data: Mapping[str, Any],
    bukti: UploadedFile | None = None,
) -> LaporanHarian:
    """The employee corrects a report that is still waiting or was returned; it is resubmitted."""
    if laporan.pegawai_id != oleh.pk:
        raise TidakBerwenang("Hanya pemilik laporan yang dapat memperbaikinya.")
    laporan = LaporanHarian.objects.select_for_update().select_related("pegawai").get(pk=laporan.pk)
    if laporan.status == StatusLaporan.DISETUJUI:
        raise ValidationError({"status": "Laporan yang sudah disetujui tidak dapat diubah."})
    tanggal_lama = laporan.tanggal
    for key in BISA_DIUBAH:
        if key in data:
            setattr(laporan, key, data[key])
    laporan.uraian = (laporan.uraian or "").strip()
    _validasi_laporan(laporan, cek_jendela=laporan.tanggal != tanggal_lama, bukti=bukti)
    if bukti is not None:
        laporan.bukti = bukti
    laporan.status = StatusLaporan.DIAJUKAN
    laporan.save()
    return laporan


def _keputusan(laporan: LaporanHarian, oleh: Pegawai) -> LaporanHarian:
    laporan = LaporanHarian.objects.select_for_update().select_related("pegawai").get(pk=laporan.pk)
    _pastikan_atasan(oleh, laporan.pegawai)
    if laporan.status == StatusLaporan.DISETUJUI:
        raise ValidationError({"status": "Laporan ini sudah disetujui dan terkunci."})
    if laporan.status == StatusLaporan.DIKEMBALIKAN:
        raise ValidationError(
            {"status": "Laporan ini sudah dikembalikan; tunggu perbaikan dari pegawai."}
        )
    return laporan


@transaction.atomic
def laporan_approve(*, laporan: LaporanHarian, oleh: Pegawai, catatan: str = "") -> LaporanHarian:
    laporan = _keputusan(laporan, oleh)
    laporan.status = StatusLaporan.DISETUJUI
    laporan.catatan_atasan = (catatan or "").strip()
    laporan.diputuskan_oleh = oleh
    laporan.diputuskan_pada = timezone.now()
    laporan.save(
        update_fields=["status", "catatan_atasan", "diputuskan_oleh", "diputuskan_pada", "diubah"]
    )
    return laporan


@transaction.atomic
def laporan_return(*, laporan: LaporanHarian, oleh: Pegawai, catatan: str) -> LaporanHarian:
    laporan = _keputusan(laporan, oleh)
    if not (catatan or "").strip():
        raise ValidationError({"catatan": "Catatan wajib diisi saat mengembalikan laporan."})
    laporan.status = StatusLaporan.DIKEMBALIKAN
    laporan.catatan_atasan = catatan.strip()
    laporan.diputuskan_oleh = oleh
    laporan.diputuskan_pada = timezone.now()
    laporan.save(
        update_fields=["status", "catatan_atasan", "diputuskan_oleh", "diputuskan_pada", "diubah"]
    )
    return laporan


@transaction.atomic
def laporan_approve_many(*, oleh: Pegawai, ids: Iterable[int]) -> int:
    """Approve many waiting reports of one's direct subordinates in one UPDATE.

    Ids outside that set (other people's, already decided) are left alone; returns how many
    were approved.
    """
    ids = [int(i) for i in ids]
    if not ids:
        raise ValidationError({"ids": "Pilih paling sedikit satu laporan."})
    return LaporanHarian.objects.filter(
        pk__in=ids, pegawai__atasan=oleh, pegawai__aktif=True, status=StatusLaporan.DIAJUKAN
    ).update(
        status=StatusLaporan.DISETUJUI,
        diputuskan_oleh=oleh,
        diputuskan_pada=timezone.now(),
        diubah=timezone.now(),
    )


# --- Appraisal -----------------------------------------------------------------------------


def _periode_sah(kode: str) -> rules.Periode:
    try:
        periode = rules.parse_periode(kode)
    except rules.AturanError as exc:
        raise ValidationError({"periode": str(exc)}) from None
    berkala = pengaturan.jenis_periode_berkala()
    if periode.jenis not in {berkala, rules.TAHUNAN}:
        contoh = "YYYY-MM" if berkala == rules.BULANAN else "YYYY-Qn"
        raise ValidationError(
            {
                "periode": f"Penilaian berkala di instansi ini "
                f"{rules.JENIS_PERIODE[berkala].lower()} ({contoh}) atau tahunan (YYYY)."
            }
        )
    if periode.mulai > pengaturan.hari_ini():
        raise ValidationError({"periode": f"Periode {periode.kode} belum dimulai."})
    return periode


@transaction.atomic
def penilaian_create(
    *,
    penilai: Pegawai,
    pegawai: Pegawai,
    periode: str,
    rating_hasil_kerja: str,
    rating_perilaku: str,
    umpan_balik: str,
    catatan_perilaku: Mapping[str, str] | None = None,
    realisasi: Mapping[int, tuple[Decimal, str]] | None = None,
) -> Penilaian:
    """The direct supervisor appraises one period; the predikat follows from the matrix.

    `realisasi` maps RHK id to (realisation, reason); omitted RHK take the approved reports'
    total. A realisation that differs from that total needs a reason.
    """
    _pastikan_atasan(penilai, pegawai)
    per = _periode_sah(periode)
    errors: dict[str, list[str]] = {}
    if Penilaian.objects.filter(pegawai=pegawai, periode=per.kode).exists():
        errors.setdefault("periode", []).append(
            f"Penilaian periode {per.kode} untuk pegawai ini sudah ada."
        )
    skp = selectors.skp_disetujui(pegawai, per.tahun)
    if skp is None:
        errors.setdefault("pegawai", []).append(
            f"Pegawai belum memiliki SKP yang disetujui untuk tahun {per.tahun}."
        )
    for kunci, nilai in (
        ("rating_hasil_kerja", rating_hasil_kerja),
        ("rating_perilaku", rating_perilaku),
    ):
        if nilai not in rules.RATING:
            errors.setdefault(kunci, []).append("Pilih Di Atas, Sesuai atau Di Bawah Ekspektasi.")
    if not (umpan_balik or "").strip():
        errors.setdefault("umpan_balik", []).append("Umpan balik wajib diisi.")
    catatan = {k: v.strip() for k, v in (catatan_perilaku or {}).items() if (v or "").strip()}
    if set(catatan) - set(Berakhlak.values):
        errors.setdefault("catatan_perilaku", []).append("Nilai BerAKHLAK tidak dikenal.")
    baris: list[RealisasiRhk] = []
    if skp is not None:
        dari_laporan = selectors.realisasi_dari_laporan(skp, per)
        rhk_skp = {r.pk: r for r in skp.rhk.all()}
        if realisasi and set(realisasi) - set(rhk_skp):
            errors.setdefault("realisasi", []).append("Ada RHK yang bukan bagian dari SKP pegawai.")
        for rhk_id, rhk in rhk_skp.items():
            otomatis = dari_laporan.get(rhk_id, Decimal(0))
            nilai, alasan = (realisasi or {}).get(rhk_id, (otomatis, ""))
            if nilai is None:
                nilai = otomatis
            alasan = (alasan or "").strip()
            if Decimal(nilai) != otomatis and not alasan:
                errors.setdefault("realisasi", []).append(
                    f"Realisasi RHK \u201c{rhk.uraian}\u201d diubah dari "
                    f"{rules.angka(Decimal(otomatis))} menjadi {rules.angka(Decimal(nilai))}: "
                    "isi alasannya."
                )
            baris.append(
                RealisasiRhk(rhk=rhk, dari_laporan=otomatis, realisasi=nilai, alasan=alasan)
            )
    if errors:
        raise ValidationError(errors)
    penilaian = Penilaian(
        pegawai=pegawai,
        skp=skp,
        penilai=penilai,
        unit_kerja_id=pegawai.unit_kerja_id,
        periode=per.kode,
        jenis_periode=per.jenis,
        tahun=per.tahun,
        tanggal_akhir=per.akhir,
        rating_hasil_kerja=rating_hasil_kerja,
        rating_perilaku=rating_perilaku,
        predikat=rules.predikat_kinerja(rating_hasil_kerja, rating_perilaku),
        umpan_balik=umpan_balik.strip(),
        catatan_perilaku=catatan,
    )
    penilaian.full_clean()
    penilaian.save()
    for r in baris:
        r.penilaian = penilaian
    RealisasiRhk.objects.bulk_create(baris)
    return penilaian


def _tanggapi(penilaian: Penilaian, oleh: Pegawai) -> Penilaian:
    penilaian = Penilaian.objects.select_for_update().get(pk=penilaian.pk)
    if penilaian.pegawai_id != oleh.pk:
        raise TidakBerwenang("Hanya pegawai yang dinilai yang dapat menanggapi penilaian ini.")
    if penilaian.tanggapan:
        raise ValidationError({"tanggapan": "Penilaian ini sudah Anda tanggapi."})
    return penilaian


@transaction.atomic
def penilaian_acknowledge(*, penilaian: Penilaian, oleh: Pegawai) -> Penilaian:
    penilaian = _tanggapi(penilaian, oleh)
    penilaian.tanggapan = Tanggapan.DITERIMA
    penilaian.ditanggapi_pada = timezone.now()
    penilaian.save(update_fields=["tanggapan", "ditanggapi_pada"])
    return penilaian


@transaction.atomic
def penilaian_object(*, penilaian: Penilaian, oleh: Pegawai, alasan: str) -> Penilaian:
    """File a keberatan (objection) with reasons; HR sees it in the admin."""
    penilaian = _tanggapi(penilaian, oleh)
    alasan = (alasan or "").strip()
    if len(alasan) < 10:
        raise ValidationError(
            {"alasan_keberatan": "Tuliskan alasan keberatan (paling sedikit 10 karakter)."}
        )
    penilaian.tanggapan = Tanggapan.KEBERATAN
    penilaian.alasan_keberatan = alasan
    penilaian.ditanggapi_pada = timezone.now()
    penilaian.save(update_fields=["tanggapan", "alasan_keberatan", "ditanggapi_pada"])
    return penilaian


@transaction.atomic
def hasil_organisasi_set(*, unit_kerja, tahun: int, hasil: str) -> HasilOrganisasi:
    obj = HasilOrganisasi.objects.filter(
        unit_kerja=unit_kerja, tahun=tahun
    ).first() or HasilOrganisasi(unit_kerja=unit_kerja, tahun=tahun)
    obj.hasil = hasil
    obj.full_clean()
    obj.save()
    return obj


# --- Rollups -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HasilRekap:
    bulan: str
    pegawai: int
    rhk: int
    unit: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _upsert_select(model, qs, *, unik: Sequence[str]) -> int:
    """INSERT INTO model (cols) <qs as SQL> ON CONFLICT (unik) DO UPDATE SET every other column.

    The SELECT is the ORM's own GROUP BY; the columns are the queryset's values/annotations,
    in order, named like the model's fields. One statement: the rows never come to Python.
    """
    sql, params = qs.query.sql_with_params()
    qn = connection.ops.quote_name
    opts = model._meta
    nama = [*qs.query.values_select, *qs.query.annotation_select]
    kolom = [opts.get_field(n.removesuffix("_id")).column for n in nama]
    unik_kolom = [opts.get_field(n).column for n in unik]
    perbarui = ", ".join(f"{qn(c)} = EXCLUDED.{qn(c)}" for c in kolom if c not in unik_kolom)
    perintah = (
        f"INSERT INTO {qn(opts.db_table)} ({', '.join(qn(c) for c in kolom)}) {sql} "
        f"ON CONFLICT ({', '.join(qn(c) for c in unik_kolom)}) DO UPDATE SET {perbarui}"
    )
    with connection.cursor() as cursor:
        cursor.execute(perintah, params)
        return cursor.rowcount


def rekap_pegawai_hitung(*, bulan: date) -> int:
    """Per employee per month, straight from the reports: one INSERT … SELECT … GROUP BY.
    (The portable path; PostgreSQL runs `_rekap_postgresql`.)"""
    akhir = rules.bulan_berikut(bulan)
    sumber = LaporanHarian.objects.filter(tanggal__gte=bulan, tanggal__lt=akhir)
    qs = (
        sumber.order_by()
        .values("pegawai_id")
        .annotate(
            bulan=Value(bulan),
            jumlah_laporan=Count("pk"),
            laporan_disetujui=Count("pk", filter=Q(status=StatusLaporan.DISETUJUI)),
            laporan_dikembalikan=Count("pk", filter=Q(status=StatusLaporan.DIKEMBALIKAN)),
            total_menit=Coalesce(Sum("menit"), 0),
            hari_lapor=Count("tanggal", distinct=True),
        )
    )
    n = _upsert_select(RekapPegawaiBulanan, qs, unik=["pegawai", "bulan"])
    # An employee whose reports of the month are all gone keeps no stale row.
    RekapPegawaiBulanan.objects.filter(bulan=bulan).exclude(
        Exists(sumber.filter(pegawai_id=OuterRef("pegawai_id")))
    ).delete()
    return n


def rekap_rhk_hitung(*, bulan: date) -> int:
    """Progress per RHK per month (approved output), one INSERT … SELECT … GROUP BY."""
    akhir = rules.bulan_berikut(bulan)
    sumber = LaporanHarian.objects.filter(tanggal__gte=bulan, tanggal__lt=akhir)
    disetujui = Q(status=StatusLaporan.DISETUJUI)
    qs = (
        sumber.order_by()
        .values("rhk_id", "pegawai_id")
        .annotate(
            bulan=Value(bulan),
            jumlah_laporan=Count("pk"),
            laporan_disetujui=Count("pk", filter=disetujui),
            kuantitas_disetujui=Coalesce(
                Sum("kuantitas", filter=disetujui),
                Value(Decimal(0)),
                output_field=DecimalField(max_digits=14, decimal_places=2),
            ),
        )
    )
    n = _upsert_select(RekapRhkBulanan, qs, unik=["rhk", "bulan"])
    RekapRhkBulanan.objects.filter(bulan=bulan).exclude(
        Exists(sumber.filter(rhk_id=OuterRef("rhk_id")))
    ).delete()
    return n


KOLOM_PREDIKAT = {
    rules.SANGAT_BAIK: "sangat_baik",
    rules.BAIK: "baik",
    rules.BUTUH_PERBAIKAN: "butuh_perbaikan",
    rules.KURANG: "kurang",
    rules.SANGAT_KURANG: "sangat_kurang",
}
KOLOM_UNIT = [
    "jumlah_pegawai",
    "pegawai_melapor",
    "jumlah_laporan",
    "laporan_disetujui",
    "laporan_dikembalikan",
    "total_menit",
    "hari_lapor",
    *KOLOM_PREDIKAT.values(),
]


def rekap_unit_hitung(*, bulan: date) -> int:
    """Per unit per month from the employee rollup (run that first), active head counts and
    the appraisals ending in the month: three GROUP BY queries, one upsert of one row per
    unit (units number in the hundreds; employees never pass through Python)."""
    akhir = rules.bulan_berikut(bulan)
    baris: dict[int, dict[str, int]] = {}

    def isi(unit_id: int, **nilai: int) -> None:
        baris.setdefault(unit_id, dict.fromkeys(KOLOM_UNIT, 0)).update(nilai)

    for b in (
        Pegawai.objects.filter(aktif=True)
        .order_by()
        .values("unit_kerja_id")
        .annotate(n=Count("pk"))
    ):
        isi(b["unit_kerja_id"], jumlah_pegawai=b["n"])
    for b in (
        RekapPegawaiBulanan.objects.filter(bulan=bulan)
        .order_by()
        .values("pegawai__unit_kerja_id")
        .annotate(
            pegawai_melapor=Count("pk"),
            jumlah_laporan=Sum("jumlah_laporan"),
            laporan_disetujui=Sum("laporan_disetujui"),
            laporan_dikembalikan=Sum("laporan_dikembalikan"),
            total_menit=Sum("total_menit"),
            hari_lapor=Sum("hari_lapor"),
        )
    ):
        isi(b.pop("pegawai__unit_kerja_id"), **b)
    for b in (
        Penilaian.objects.filter(tanggal_akhir__gte=bulan, tanggal_akhir__lt=akhir)
        .order_by()
        .values("unit_kerja_id")
        .annotate(**{kol: Count("pk", filter=Q(predikat=p)) for p, kol in KOLOM_PREDIKAT.items()})
    ):
        isi(b.pop("unit_kerja_id"), **b)
    RekapUnitBulanan.objects.bulk_create(
        [RekapUnitBulanan(unit_kerja_id=u, bulan=bulan, **nilai) for u, nilai in baris.items()],
        update_conflicts=True,
        unique_fields=["unit_kerja", "bulan"],
        update_fields=KOLOM_UNIT,
        batch_size=1000,
    )
    RekapUnitBulanan.objects.filter(bulan=bulan).exclude(unit_kerja_id__in=list(baris)).delete()
    return len(baris)


# PostgreSQL: the three rollups of a month in one statement, sharing one pass over the
# month's reports (docs/PERFORMANCE.md, figure 1).
#
# - per_rhk groups the reports per (RHK, pegawai), with a bitmask of the days of the month
#   that have a report (bit d-1 for day d);
# - per_pegawai sums an employee's per_rhk rows; their distinct reporting days are the bits
#   set in the OR of the masks, so COUNT(DISTINCT tanggal) needs no second pass and no sort;
# - per_unit sums per_pegawai by the employee's unit, with the active head count and the
#   appraisals whose period ends in the month (what `rekap_unit_hitung` does in Python).
#
# Each is written by `_UPSERT`: only rows that are new or changed reach INSERT ... ON
# CONFLICT (an unchanged row is neither rewritten nor locked, so re-running a settled month
# writes nothing), in key order (the unique index then grows at its end instead of taking
# inserts all over), and the month's rows without a source row any more are deleted.
_REKAP_PG = """
WITH per_rhk AS MATERIALIZED (
    SELECT rhk_id, pegawai_id, %(bulan)s::date AS bulan,
           count(*)::int AS jumlah_laporan,
           (count(*) FILTER (WHERE status = %(disetujui)s))::int AS laporan_disetujui,
           (count(*) FILTER (WHERE status = %(dikembalikan)s))::int AS laporan_dikembalikan,
           sum(menit)::int AS total_menit,
           COALESCE(sum(kuantitas) FILTER (WHERE status = %(disetujui)s), 0)
               AS kuantitas_disetujui,
           bit_or(1 << (extract(day FROM tanggal)::int - 1)) AS hari
    FROM kinerja_laporanharian
    WHERE tanggal >= %(bulan)s AND tanggal < %(akhir)s
    GROUP BY rhk_id, pegawai_id
),
per_pegawai AS MATERIALIZED (
    SELECT pegawai_id, bulan,
           sum(jumlah_laporan)::int AS jumlah_laporan,
           sum(laporan_disetujui)::int AS laporan_disetujui,
           sum(laporan_dikembalikan)::int AS laporan_dikembalikan,
           sum(total_menit)::int AS total_menit,
           bit_count(bit_or(hari)::bit(31))::int AS hari_lapor
    FROM per_rhk
    GROUP BY pegawai_id, bulan
),
aktif AS (
    SELECT unit_kerja_id, count(*)::int AS jumlah_pegawai
    FROM pegawai_pegawai WHERE aktif GROUP BY unit_kerja_id
),
lapor AS (
    SELECT p.unit_kerja_id, count(*)::int AS pegawai_melapor,
           sum(r.jumlah_laporan)::int AS jumlah_laporan,
           sum(r.laporan_disetujui)::int AS laporan_disetujui,
           sum(r.laporan_dikembalikan)::int AS laporan_dikembalikan,
           sum(r.total_menit)::int AS total_menit, sum(r.hari_lapor)::int AS hari_lapor
    FROM per_pegawai r JOIN pegawai_pegawai p ON p.id = r.pegawai_id
    GROUP BY p.unit_kerja_id
),
nilai AS (
    SELECT unit_kerja_id, {predikat}
    FROM kinerja_penilaian
    WHERE tanggal_akhir >= %(bulan)s AND tanggal_akhir < %(akhir)s
    GROUP BY unit_kerja_id
),
per_unit AS MATERIALIZED (
    SELECT unit_kerja_id, %(bulan)s::date AS bulan,
           COALESCE(aktif.jumlah_pegawai, 0) AS jumlah_pegawai, {unit}
    FROM aktif FULL JOIN lapor USING (unit_kerja_id) FULL JOIN nilai USING (unit_kerja_id)
),
{tulis}
SELECT (SELECT count(*) FROM per_pegawai), (SELECT count(*) FROM per_rhk),
       (SELECT count(*) FROM per_unit)
"""

_UPSERT = """
tulis_{nama} AS (
    INSERT INTO {tabel} ({kolom})
    SELECT {b_kolom} FROM {sumber} b
    LEFT JOIN {tabel} lama ON {lama_kunci}
    WHERE lama.id IS NULL OR ({lama_nilai}) IS DISTINCT FROM ({b_nilai})
    ORDER BY b.{kunci_pertama}
    ON CONFLICT ({kunci}) DO UPDATE SET {perbarui}
),
hapus_{nama} AS (
    DELETE FROM {tabel} t WHERE t.bulan = %(bulan)s
    AND NOT EXISTS (SELECT FROM {sumber} b WHERE {t_kunci})
),"""


def _upsert_cte(model, *, nama: str, sumber: str, kunci: str, tetap: Sequence[str] = ()) -> str:
    """The `_UPSERT` pair of CTEs writing CTE `sumber` (columns named like the model's) into
    the model's table, unique on (`kunci`, bulan). `tetap` columns follow from the key (an
    RHK's owner): written on insert, never compared or updated."""
    kolom = [f.column for f in model._meta.concrete_fields if not f.primary_key]
    nilai = [c for c in kolom if c not in {kunci, "bulan", *tetap}]
    return _UPSERT.format(
        nama=nama,
        tabel=model._meta.db_table,
        sumber=sumber,
        kolom=", ".join(kolom),
        b_kolom=", ".join(f"b.{c}" for c in kolom),
        lama_kunci=f"lama.{kunci} = b.{kunci} AND lama.bulan = b.bulan",
        lama_nilai=", ".join(f"lama.{c}" for c in nilai),
        b_nilai=", ".join(f"b.{c}" for c in nilai),
        kunci=f"{kunci}, bulan",
        kunci_pertama=kunci,
        perbarui=", ".join(f"{c} = EXCLUDED.{c}" for c in nilai),
        t_kunci=f"b.{kunci} = t.{kunci}",
    )


def _rekap_postgresql(bulan: date) -> tuple[int, int, int]:
    kolom_lapor = [c for c in KOLOM_UNIT if c not in {"jumlah_pegawai", *KOLOM_PREDIKAT.values()}]
    sql = _REKAP_PG.format(
        predikat=", ".join(
            f"(count(*) FILTER (WHERE predikat = '{p}'))::int AS {kol}"
            for p, kol in KOLOM_PREDIKAT.items()
        ),
        unit=", ".join(
            [f"COALESCE(lapor.{c}, 0) AS {c}" for c in kolom_lapor]
            + [f"COALESCE(nilai.{c}, 0) AS {c}" for c in KOLOM_PREDIKAT.values()]
        ),
        tulis="".join(
            [
                _upsert_cte(
                    RekapRhkBulanan, nama="rhk", sumber="per_rhk", kunci="rhk_id",
                    tetap=["pegawai_id"],
                ),
                _upsert_cte(
                    RekapPegawaiBulanan, nama="pegawai", sumber="per_pegawai", kunci="pegawai_id"
                ),
                _upsert_cte(
                    RekapUnitBulanan, nama="unit", sumber="per_unit", kunci="unit_kerja_id"
                ),
            ]
        ).rstrip(","),
    )  # fmt: skip
    with connection.cursor() as cursor:
        # Hash a month's groups in memory rather than spill them to disk (this transaction
        # only; the server default of 4 MB suits many small queries, not one big one).
        cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM_REKAP}'")
        cursor.execute(
            sql,
            {
                "bulan": bulan,
                "akhir": rules.bulan_berikut(bulan),
                "disetujui": StatusLaporan.DISETUJUI,
                "dikembalikan": StatusLaporan.DIKEMBALIKAN,
            },
        )
        return cursor.fetchone()


WORK_MEM_REKAP = "64MB"


@transaction.atomic
@transaction.atomic
def rekap_bulan_hitung(*, bulan: date) -> HasilRekap:
    """The monthly rollup: recomputed from the source rows and upserted, so running it twice
    (or a re-delivered task) leaves the same rows."""
    bulan = bulan.replace(day=1)
    if connection.vendor == "postgresql":
        n_pegawai, n_rhk, n_unit = _rekap_postgresql(bulan)
    else:
        n_pegawai = rekap_pegawai_hitung(bulan=bulan)
        n_rhk = rekap_rhk_hitung(bulan=bulan)
        n_unit = rekap_unit_hitung(bulan=bulan)
    return HasilRekap(bulan=f"{bulan:%Y-%m}", pegawai=n_pegawai, rhk=n_rhk, unit=n_unit)


# --- Monthly partitions of the daily reports (scale-out; docs/PERFORMANCE.md) -------------


def partisi_bulanan_buat(*, tabel: str, dari: date, jumlah: int) -> list[str]:
    """Create the missing monthly partitions `<tabel>_YYYYMM` of a table partitioned BY RANGE
    (tanggal), `jumlah` months from `dari`'s month; returns the names created.

    A table that is not partitioned (kinerja_laporanharian today) is left alone: []. Meant to
    run ahead of time (a new partition briefly locks the parent table against writes).
    """
    if connection.vendor != "postgresql":
        return []
    qn = connection.ops.quote_name
    dibuat = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE oid = to_regclass(%s)", [tabel])
        jenis = cursor.fetchone()
        if jenis is None or jenis[0] != "p":
            return []
        bulan = dari.replace(day=1)
        for _ in range(jumlah):
            akhir = rules.bulan_berikut(bulan)
            nama = f"{tabel}_{bulan:%Y%m}"
            cursor.execute("SELECT to_regclass(%s)", [nama])
            if cursor.fetchone()[0] is None:
                cursor.execute(
                    f"CREATE TABLE {qn(nama)} PARTITION OF {qn(tabel)} "
                    "FOR VALUES FROM (%s) TO (%s)",
                    [bulan, akhir],
                )
                dibuat.append(nama)
            bulan = akhir
    return dibuat


def partisi_laporan_siapkan(*, hari_ini: date, bulan_ke_depan: int = 3) -> list[str]:
    """This month's and the next `bulan_ke_depan` months' partitions of the daily reports."""
    return partisi_bulanan_buat(
        tabel=LaporanHarian._meta.db_table, dari=hari_ini, jumlah=bulan_ke_depan + 1
    )


def bulan_rekap_malam(hari_ini: date) -> list[date]:
    """The nightly run recomputes this month and the previous one (late approvals)."""
    ini = hari_ini.replace(day=1)
    lalu = date(ini.year - (ini.month == 1), (ini.month - 2) % 12 + 1, 1)
    return [lalu, ini]


def rekap_jadwalkan(*, bulan: date) -> None:
    """Queue the rollup of a month after the current transaction commits; a broker outage
    records it for later (`asn_hr.antrean`) and the nightly run recomputes it anyway."""
    from asn_hr.antrean import antrekan

    from .tasks import rekap_kinerja_bulan

    antrekan(rekap_kinerja_bulan, f"{bulan:%Y-%m-01}")
