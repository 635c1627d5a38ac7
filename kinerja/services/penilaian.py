"""Periodic and annual appraisal (penilaian): create, acknowledge, object; the unit's
organisational result."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from inti import waktu
from pegawai.models import Pegawai

from .. import pengaturan, rules, selectors, signals
from ..models import (
    Berakhlak,
    HasilOrganisasi,
    Penilaian,
    RealisasiRhk,
    RevisiPenilaian,
    Tanggapan,
)
from .notifikasi import surel_penilaian_antrekan
from .umum import TidakBerwenang, atasan_pastikan, pegawai_pelaku


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
    if periode.mulai > waktu.hari_ini():
        raise ValidationError({"periode": f"Periode {periode.kode} belum dimulai."})
    return periode


def _isian_periksa(
    errors: dict[str, list[str]],
    *,
    skp,
    periode: rules.Periode,
    rating_hasil_kerja: str,
    rating_perilaku: str,
    umpan_balik: str,
    catatan_perilaku: Mapping[str, str] | None,
    realisasi: Mapping[int, tuple[Decimal, str]] | None,
) -> tuple[dict[str, str], list[RealisasiRhk]]:
    """The checks shared by a new appraisal and a correction; adds to `errors`."""
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
        dari_laporan = selectors.realisasi_dari_laporan(skp, periode)
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
    return catatan, baris


@transaction.atomic
def penilaian_buat(
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
    atasan_pastikan(penilai, pegawai)
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
    catatan, baris = _isian_periksa(
        errors,
        skp=skp,
        periode=per,
        rating_hasil_kerja=rating_hasil_kerja,
        rating_perilaku=rating_perilaku,
        umpan_balik=umpan_balik,
        catatan_perilaku=catatan_perilaku,
        realisasi=realisasi,
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
    signals.penilaian_final.send(sender=Penilaian, penilaian=penilaian)
    surel_penilaian_antrekan(penilaian=penilaian)
    return penilaian


def penilaian_bisa_dikoreksi(penilaian: Penilaian) -> bool:
    """Its supervisor may still correct it: the employee has not responded and the period's
    correction deadline (end of period + KINERJA_TENGGANG_KOREKSI_PENILAIAN_HARI) is not past."""
    return rules.penilaian_bisa_dikoreksi(
        tanggapan=penilaian.tanggapan,
        akhir_periode=penilaian.tanggal_akhir,
        hari_ini=waktu.hari_ini(),
        hari_tenggang=pengaturan.tenggang_koreksi_penilaian_hari(),
    )


def _isi_penilaian(penilaian: Penilaian) -> dict:
    return {
        "rating_hasil_kerja": penilaian.rating_hasil_kerja,
        "rating_perilaku": penilaian.rating_perilaku,
        "predikat": penilaian.predikat,
        "umpan_balik": penilaian.umpan_balik,
        "catatan_perilaku": penilaian.catatan_perilaku,
        "realisasi": {
            str(r.rhk_id): {"realisasi": str(r.realisasi), "alasan": r.alasan}
            for r in penilaian.realisasi.all()
        },
    }


@transaction.atomic
def penilaian_ubah(
    *,
    penilaian: Penilaian,
    oleh: User,
    alasan: str,
    rating_hasil_kerja: str,
    rating_perilaku: str,
    umpan_balik: str,
    catatan_perilaku: Mapping[str, str] | None = None,
    realisasi: Mapping[int, tuple[Decimal, str]] | None = None,
) -> Penilaian:
    """The supervisor who gave the appraisal corrects it, until the employee responds or the
    correction deadline passes. The previous content is kept as a revision (who, when, why);
    `penilaian_final` is sent again so the SIASN outbox and the angka kredit re-version."""
    saya = pegawai_pelaku(oleh)
    penilaian = (
        Penilaian.objects.select_for_update().select_related("pegawai", "skp").get(pk=penilaian.pk)
    )
    if penilaian.penilai_id != saya.pk:
        raise TidakBerwenang(
            "Hanya pejabat penilai yang memberi penilaian ini yang dapat mengubahnya."
        )
    if penilaian.tanggapan:
        raise ValidationError(
            {"tanggapan": "Penilaian sudah ditanggapi pegawai dan tidak dapat diubah lagi."}
        )
    if not penilaian_bisa_dikoreksi(penilaian):
        batas = rules.batas_koreksi_penilaian(
            penilaian.tanggal_akhir, pengaturan.tenggang_koreksi_penilaian_hari()
        )
        raise ValidationError(
            {"periode": f"Batas koreksi penilaian ini sudah lewat ({batas:%d-%m-%Y})."}
        )
    errors: dict[str, list[str]] = {}
    alasan = (alasan or "").strip()
    if not alasan:
        errors.setdefault("alasan", []).append("Tuliskan alasan perubahan penilaian.")
    catatan, baris = _isian_periksa(
        errors,
        skp=penilaian.skp,
        periode=rules.parse_periode(penilaian.periode),
        rating_hasil_kerja=rating_hasil_kerja,
        rating_perilaku=rating_perilaku,
        umpan_balik=umpan_balik,
        catatan_perilaku=catatan_perilaku,
        realisasi=realisasi,
    )
    if errors:
        raise ValidationError(errors)
    RevisiPenilaian.objects.create(
        penilaian=penilaian, oleh=saya, alasan=alasan, sebelum=_isi_penilaian(penilaian)
    )
    penilaian.rating_hasil_kerja = rating_hasil_kerja
    penilaian.rating_perilaku = rating_perilaku
    penilaian.predikat = rules.predikat_kinerja(rating_hasil_kerja, rating_perilaku)
    penilaian.umpan_balik = umpan_balik.strip()
    penilaian.catatan_perilaku = catatan
    penilaian.full_clean()
    penilaian.save()
    RealisasiRhk.objects.filter(penilaian=penilaian).delete()
    for r in baris:
        r.penilaian = penilaian
    RealisasiRhk.objects.bulk_create(baris)
    signals.penilaian_final.send(sender=Penilaian, penilaian=penilaian)
    surel_penilaian_antrekan(penilaian=penilaian)
    return penilaian


def _tanggapi(penilaian: Penilaian, saya: Pegawai) -> Penilaian:
    penilaian = Penilaian.objects.select_for_update().get(pk=penilaian.pk)
    if penilaian.pegawai_id != saya.pk:
        raise TidakBerwenang("Hanya pegawai yang dinilai yang dapat menanggapi penilaian ini.")
    if penilaian.tanggapan:
        raise ValidationError({"tanggapan": "Penilaian ini sudah Anda tanggapi."})
    return penilaian


@transaction.atomic
def penilaian_terima(*, penilaian: Penilaian, oleh: User) -> Penilaian:
    saya = pegawai_pelaku(oleh)
    penilaian = _tanggapi(penilaian, saya)
    penilaian.tanggapan = Tanggapan.DITERIMA
    penilaian.ditanggapi_pada = timezone.now()
    penilaian.save(update_fields=["tanggapan", "ditanggapi_pada"])
    return penilaian


@transaction.atomic
def penilaian_sanggah(*, penilaian: Penilaian, oleh: User, alasan: str) -> Penilaian:
    """File a keberatan (objection) with reasons; HR sees it in the admin."""
    saya = pegawai_pelaku(oleh)
    penilaian = _tanggapi(penilaian, saya)
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
def hasil_organisasi_atur(*, unit_kerja, tahun: int, hasil: str) -> HasilOrganisasi:
    obj = HasilOrganisasi.objects.filter(
        unit_kerja=unit_kerja, tahun=tahun
    ).first() or HasilOrganisasi(unit_kerja=unit_kerja, tahun=tahun)
    obj.hasil = hasil
    obj.full_clean()
    obj.save()
    return obj
