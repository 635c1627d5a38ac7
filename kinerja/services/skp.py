"""SKP (annual performance plan) and its RHK: create, submit, approve, return; the expected
behaviour (ekspektasi) a supervisor sets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from inti import waktu
from pegawai.models import Pegawai

from .. import rules
from ..models import (
    Berakhlak,
    EkspektasiPerilaku,
    IndikatorKinerja,
    PerjanjianKinerja,
    Rhk,
    Skp,
    StatusSkp,
)
from .umum import TidakBerwenang, atasan_penilai, pegawai_pelaku


@transaction.atomic
def skp_buat(*, pegawai: Pegawai, tahun: int, pendekatan: str = "KUANTITATIF") -> Skp:
    pesan = rules.cek_tahun_skp(tahun, waktu.tahun_ini())
    if pesan:
        raise ValidationError({"tahun": pesan})
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
def rhk_tambah(
    *,
    skp: Skp,
    oleh: User,
    uraian: str,
    jenis: str = "UTAMA",
    rhk_atasan: Rhk | None = None,
    perjanjian_kinerja: PerjanjianKinerja | None = None,
    perspektif: str = "",
    indikator: Sequence[Mapping[str, Any]] = (),
) -> Rhk:
    """Add an RHK with its indicators to one's own SKP while it is a draft or returned."""
    saya = pegawai_pelaku(oleh)
    if skp.pegawai_id != saya.pk:
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
def skp_ajukan(*, skp: Skp, oleh: User) -> Skp:
    saya = pegawai_pelaku(oleh)
    if skp.pegawai_id != saya.pk:
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
def skp_setujui(*, skp: Skp, oleh: User, ekspektasi: Mapping[str, str] | None = None) -> Skp:
    """The pejabat penilai approves and records the specific expectation per BerAKHLAK value."""
    saya = pegawai_pelaku(oleh)
    if skp.penilai_id != saya.pk:
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
def skp_kembalikan(*, skp: Skp, oleh: User, catatan: str) -> Skp:
    saya = pegawai_pelaku(oleh)
    if skp.penilai_id != saya.pk:
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
