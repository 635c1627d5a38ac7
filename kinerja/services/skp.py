"""SKP (annual performance plan) and its RHK: create, submit, approve, return; the expected
behaviour (ekspektasi) a supervisor sets; editing and removing RHK and indicators of a draft
or returned SKP; copying last year's SKP as a new draft."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from inti import waktu
from pegawai.models import Pegawai

from .. import rules, selectors
from ..models import (
    Berakhlak,
    EkspektasiPerilaku,
    IndikatorKinerja,
    JenisRhk,
    LaporanHarian,
    PerjanjianKinerja,
    RealisasiRhk,
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
    # A copied SKP may hold main RHK whose intervention could not be carried over.
    lepas = [r.uraian for r in skp.rhk.all() if r.tanpa_intervensi]
    if lepas:
        raise ValidationError(
            {
                "rhk": "RHK utama berikut belum mengintervensi RHK atasan: "
                f"{'; '.join(lepas)}. Ubah RHK tersebut sebelum mengajukan."
            }
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


# --- Editing a draft or returned SKP (issue 14) ---------------------------------------------

PESAN_TERKUNCI = "SKP yang sudah diajukan atau disetujui tidak dapat diubah."
# What an RHK edit may change; the indicators have their own services.
FIELD_RHK = ("jenis", "uraian", "rhk_atasan", "perjanjian_kinerja", "perspektif")
FIELD_INDIKATOR = ("aspek", "uraian", "target", "satuan")


def _skp_terbuka(skp_id: int, oleh: User) -> Skp:
    """The SKP locked for the edit, after checking the actor owns it and it is still a draft
    or returned (a submission racing the edit waits for it, or the edit sees it submitted)."""
    saya = pegawai_pelaku(oleh)
    skp = Skp.objects.select_for_update().get(pk=skp_id)
    if skp.pegawai_id != saya.pk:
        raise TidakBerwenang("Hanya pemilik SKP yang dapat mengubah RHK-nya.")
    if not skp.bisa_diubah:
        raise ValidationError({"skp": PESAN_TERKUNCI})
    return skp


def _jumlah_laporan(n: int) -> str:
    return f"{n} laporan harian"


@transaction.atomic
def rhk_ubah(*, rhk: Rhk, oleh: User, data: Mapping[str, Any]) -> Rhk:
    """Change an RHK of one's own draft or returned SKP (only the keys given in `data`).

    An RHK intervenes one thing: setting `rhk_atasan` clears `perjanjian_kinerja` and the
    other way round, unless both are given."""
    skp = _skp_terbuka(rhk.skp_id, oleh)
    rhk = Rhk.objects.select_for_update().get(pk=rhk.pk)
    rhk.skp = skp
    salah = set(data) - set(FIELD_RHK)
    if salah:
        raise ValidationError({"rhk": f"Isian tidak dikenal: {', '.join(sorted(salah))}."})
    for nama in FIELD_RHK:
        if nama in data:
            nilai = data[nama]
            setattr(rhk, nama, nilai.strip() if isinstance(nilai, str) else nilai)
    if data.get("rhk_atasan") is not None and "perjanjian_kinerja" not in data:
        rhk.perjanjian_kinerja = None
    if data.get("perjanjian_kinerja") is not None and "rhk_atasan" not in data:
        rhk.rhk_atasan = None
    rhk.perspektif = rhk.perspektif or ""
    rhk.full_clean()
    rhk.save()
    return rhk


def _pemakai_rhk(rhk: Rhk) -> list[str]:
    """Why an RHK may not be removed: what points to it (reports, realisations, subordinate
    RHK intervening it). Empty when nothing does."""
    alasan = []
    laporan = LaporanHarian.objects.filter(rhk=rhk).count()
    if laporan:
        alasan.append(f"dipakai {_jumlah_laporan(laporan)}")
    if RealisasiRhk.objects.filter(rhk=rhk).exists():
        alasan.append("sudah mempunyai realisasi pada penilaian")
    turunan = list(
        Rhk.objects.filter(rhk_atasan=rhk)
        .order_by("skp__pegawai__nama", "pk")
        .values_list("skp__pegawai__nama", flat=True)
    )
    if turunan:
        alasan.append(
            f"diintervensi {len(turunan)} RHK bawahan ({', '.join(dict.fromkeys(turunan))})"
        )
    return alasan


@transaction.atomic
def rhk_hapus(*, rhk: Rhk, oleh: User) -> None:
    """Remove an RHK (with its indicators) from one's own draft or returned SKP, refused
    while anything points to it: nothing else is ever changed or left dangling."""
    _skp_terbuka(rhk.skp_id, oleh)
    rhk = Rhk.objects.select_for_update().get(pk=rhk.pk)
    alasan = _pemakai_rhk(rhk)
    if alasan:
        raise ValidationError(
            {"rhk": f"RHK ini tidak dapat dihapus karena {' dan '.join(alasan)}."}
        )
    rhk.delete()


@transaction.atomic
def indikator_tambah(
    *, rhk: Rhk, oleh: User, aspek: str, uraian: str, target: Any, satuan: str
) -> IndikatorKinerja:
    _skp_terbuka(rhk.skp_id, oleh)
    ik = IndikatorKinerja(
        rhk=rhk, aspek=aspek, uraian=(uraian or "").strip(), target=target,
        satuan=(satuan or "").strip(),
    )  # fmt: skip
    ik.full_clean()
    ik.save()
    return ik


@transaction.atomic
def indikator_ubah(
    *, indikator: IndikatorKinerja, oleh: User, data: Mapping[str, Any]
) -> IndikatorKinerja:
    """Change an indicator (only the keys given). Its satuan is the satuan of every report
    counted toward it, so it stays while any report does."""
    _skp_terbuka(indikator.rhk.skp_id, oleh)
    ik = IndikatorKinerja.objects.select_for_update().get(pk=indikator.pk)
    satuan_lama = ik.satuan
    salah = set(data) - set(FIELD_INDIKATOR)
    if salah:
        raise ValidationError({"indikator": f"Isian tidak dikenal: {', '.join(sorted(salah))}."})
    for nama in FIELD_INDIKATOR:
        if nama in data:
            nilai = data[nama]
            setattr(ik, nama, nilai.strip() if isinstance(nilai, str) else nilai)
    if ik.satuan != satuan_lama:
        laporan = LaporanHarian.objects.filter(indikator=ik).count()
        if laporan:
            raise ValidationError(
                {
                    "satuan": f"Satuan tidak dapat diubah: indikator ini dipakai "
                    f"{_jumlah_laporan(laporan)}."
                }
            )
    ik.full_clean()
    ik.save()
    return ik


@transaction.atomic
def indikator_hapus(*, indikator: IndikatorKinerja, oleh: User) -> None:
    """Remove an indicator; refused for the RHK's last one and while reports count toward
    it (removing it would silently drop them from the progress)."""
    _skp_terbuka(indikator.rhk.skp_id, oleh)
    ik = IndikatorKinerja.objects.select_for_update().get(pk=indikator.pk)
    laporan = LaporanHarian.objects.filter(indikator=ik).count()
    if laporan:
        raise ValidationError(
            {
                "indikator": "Indikator ini tidak dapat dihapus karena dipakai "
                f"{_jumlah_laporan(laporan)}."
            }
        )
    if not IndikatorKinerja.objects.filter(rhk_id=ik.rhk_id).exclude(pk=ik.pk).exists():
        raise ValidationError({"indikator": "Setiap RHK memerlukan paling sedikit satu indikator."})
    ik.delete()


# --- Copying last year's SKP ------------------------------------------------------------------


def _kunci(teks: str) -> str:
    return " ".join((teks or "").split()).casefold()


@transaction.atomic
def skp_salin(*, oleh: User, tahun: int) -> Skp:
    """A new draft SKP for `tahun` with the RHK and indicators of the actor's SKP of the year
    before (whatever its status). Not copied: status, notes, expectations, approvals,
    appraisals and their realisations, reports. The pejabat penilai and unit are today's.

    The intervention is carried over when this year has its counterpart: the pejabat
    penilai's RHK of `tahun` with the same text (spaces and case ignored), or the perjanjian
    kinerja of `tahun` with the same sasaran for the same unit. Otherwise a main RHK is left
    without one, shown as such; the SKP cannot be submitted until it is chosen."""
    saya = pegawai_pelaku(oleh)
    pesan = rules.cek_tahun_skp(tahun, waktu.tahun_ini())
    if pesan:
        raise ValidationError({"tahun": pesan})
    sumber = (
        Skp.objects.filter(pegawai=saya, tahun=tahun - 1)
        .prefetch_related("rhk__indikator", "rhk__rhk_atasan", "rhk__perjanjian_kinerja")
        .first()
    )
    if sumber is None:
        raise ValidationError({"tahun": f"Tidak ada SKP tahun {tahun - 1} untuk disalin."})
    # Refuses a year that already has an SKP.
    baru = skp_buat(pegawai=saya, tahun=tahun, pendekatan=sumber.pendekatan)
    atasan = {_kunci(r.uraian): r for r in selectors.rhk_atasan_pilihan(baru)}
    perjanjian = {
        (p.unit_kerja_id, _kunci(p.sasaran)): p for p in selectors.perjanjian_pilihan(baru)
    }
    for urutan, lama in enumerate(
        sorted(sumber.rhk.all(), key=lambda r: (r.jenis, r.urutan, r.pk)), start=1
    ):
        rhk = Rhk(
            skp=baru,
            jenis=lama.jenis,
            uraian=lama.uraian,
            perspektif=lama.perspektif,
            urutan=urutan,
            rhk_atasan=atasan.get(_kunci(lama.rhk_atasan.uraian)) if lama.rhk_atasan else None,
            perjanjian_kinerja=perjanjian.get(
                (lama.perjanjian_kinerja.unit_kerja_id, _kunci(lama.perjanjian_kinerja.sasaran))
            )
            if lama.perjanjian_kinerja
            else None,
        )
        if rhk.jenis == JenisRhk.UTAMA and not (rhk.rhk_atasan or rhk.perjanjian_kinerja):
            # Rhk.clean would refuse the missing intervention: check the rest only.
            rhk.clean_fields()
        else:
            rhk.full_clean()
        rhk.save()
        indikator = [
            IndikatorKinerja(
                rhk=rhk, aspek=i.aspek, uraian=i.uraian, target=i.target, satuan=i.satuan
            )
            for i in sorted(lama.indikator.all(), key=lambda i: (i.aspek, i.pk))
        ]
        for ik in indikator:
            ik.full_clean()
        IndikatorKinerja.objects.bulk_create(indikator)
    return baru
