"""Angka kredit of jabatan fungsional staff (PermenPANRB 1/2023, DOMAIN.md §3): the annual
conversion of the predikat and the cumulative ledger per employee.

The conversion is written whenever an annual appraisal is saved (created by the supervisor,
or its predikat corrected by HR after an objection): `penilaian_tersimpan` is connected to
`post_save` of `Penilaian` in `KinerjaConfig.ready`. The coefficients and percentages are the
rule rows in force on 31 December of the appraisal year (aturan app; marked verify). Reads for
the career page, the appraisal PDF and the per-unit export live here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from aturan import katalog
from aturan.berlaku import AturanTidakAda, NilaiAturan, aturan_berlaku
from jabatan.models import Penempatan
from pegawai.models import Pegawai

from . import rules, signals
from .models import AngkaKredit, JenisAngkaKredit, Penilaian


def jenjang_pegawai(pegawai_id: int) -> str:
    """The jenjang fungsional of the employee's active position ('' when none)."""
    return (
        Penempatan.objects.filter(pegawai_id=pegawai_id, aktif=True)
        .values_list("jabatan__jenjang", flat=True)
        .first()
    ) or ""


def _aturan(tahun: int) -> tuple[NilaiAturan, NilaiAturan] | None:
    pada = date(tahun, 12, 31)
    try:
        return (
            aturan_berlaku(katalog.AK_KOEFISIEN, pada=pada),
            aturan_berlaku(katalog.AK_PERSENTASE, pada=pada),
        )
    except AturanTidakAda:
        return None


@transaction.atomic
def angka_kredit_catat(*, penilaian: Penilaian) -> AngkaKredit | None:
    """Create or update the conversion row of an annual appraisal; remove it when the
    employee holds no jabatan fungsional or no coefficient is in force that year. Re-running
    changes nothing (one KONVERSI row per employee and year)."""
    if penilaian.jenis_periode != rules.TAHUNAN:
        return None
    jenjang = jenjang_pegawai(penilaian.pegawai_id)
    aturan = _aturan(penilaian.tahun)
    hasil = None
    if jenjang and aturan is not None:
        koef, pers = aturan
        hasil = rules.angka_kredit_tahunan(
            predikat=penilaian.predikat, jenjang=jenjang, koefisien=koef.nilai,
            persentase=pers.nilai,
        )  # fmt: skip
    lama = AngkaKredit.objects.filter(
        pegawai_id=penilaian.pegawai_id, tahun=penilaian.tahun, jenis=JenisAngkaKredit.KONVERSI
    )
    if hasil is None:
        lama.delete()
        return None
    koefisien, persentase, nilai = hasil
    baris, _dibuat = AngkaKredit.objects.update_or_create(
        pegawai_id=penilaian.pegawai_id,
        tahun=penilaian.tahun,
        jenis=JenisAngkaKredit.KONVERSI,
        defaults={
            "penilaian": penilaian,
            "jenjang": jenjang,
            "golongan": Pegawai.objects.filter(pk=penilaian.pegawai_id)
            .values_list("golongan", flat=True)
            .first() or "",
            "predikat": penilaian.predikat,
            "koefisien": koefisien,
            "persentase": persentase,
            "nilai": nilai,
            "dasar_aturan": f"{aturan[0].sumber}; {aturan[1].sumber}"[:300],
        },
    )
    if baris.ditetapkan:  # a correction changes an official value: SIASN hears of it
        signals.angka_kredit_ditetapkan.send(sender=AngkaKredit, baris=baris)
    return baris


@transaction.atomic
def angka_kredit_simpan(*, baris: AngkaKredit, oleh: User | None) -> AngkaKredit:
    """Save a ledger row written by HR (an adjustment, or the PAK of a conversion). A row whose
    PAK is recorded is announced (`angka_kredit_ditetapkan`) in the same transaction, so the
    SIASN outbox queues it; an unchanged row queues nothing new there."""
    baris.full_clean()
    baris.save()
    if baris.ditetapkan:
        signals.angka_kredit_ditetapkan.send(sender=AngkaKredit, baris=baris)
    return baris


def penilaian_tersimpan(sender: Any, instance: Penilaian, **kwargs: Any) -> None:
    """post_save receiver of Penilaian (raw fixture loads are skipped)."""
    if kwargs.get("raw") or instance.jenis_periode != rules.TAHUNAN:
        return
    angka_kredit_catat(penilaian=instance)


# --- Reads -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RingkasanAk:
    """An employee's ledger and what it means for the next step."""

    jenjang: str
    baris: list[AngkaKredit]
    kumulatif: Decimal  # counted since the TMT of the current golongan
    kebutuhan: Decimal | None  # needed to leave the current golongan (None: no row)
    dasar_kebutuhan: str = ""

    @property
    def kurang(self) -> Decimal | None:
        if self.kebutuhan is None:
            return None
        return max(self.kebutuhan - self.kumulatif, Decimal(0))


def entri_kumulatif(baris: list[AngkaKredit]) -> list[tuple[int, Decimal, bool]]:
    return [(b.tahun, b.nilai, b.jenis == JenisAngkaKredit.KONVERSI) for b in baris]


def kebutuhan_ak(jenjang: str, golongan: str, pada: date) -> tuple[Decimal | None, str]:
    """The cumulative credit needed to leave `golongan` in `jenjang` (rule row, verify)."""
    try:
        aturan = aturan_berlaku(katalog.AK_KEBUTUHAN, pada=pada)
    except AturanTidakAda:
        return None, ""
    nilai = aturan.nilai.get(jenjang, {}).get(golongan)
    return (Decimal(str(nilai)) if nilai is not None else None), aturan.sumber


def ringkasan_pegawai(pegawai: Pegawai, *, pada: date, jenjang: str | None = None) -> RingkasanAk:
    baris = list(AngkaKredit.objects.filter(pegawai=pegawai).order_by("tahun", "pk"))
    jenjang = jenjang_pegawai(pegawai.pk) if jenjang is None else jenjang
    kebutuhan, dasar = kebutuhan_ak(jenjang, pegawai.golongan, pada) if jenjang else (None, "")
    return RingkasanAk(
        jenjang=jenjang,
        baris=baris,
        kumulatif=rules.angka_kredit_kumulatif(entri_kumulatif(baris), pegawai.tmt_golongan),
        kebutuhan=kebutuhan,
        dasar_kebutuhan=dasar,
    )


def kumulatif_per_pegawai(
    pegawai_ids: list[int], tmt: dict[int, date | None]
) -> dict[int, Decimal]:
    """Cumulative credit of many employees at once (one query; none without ids), for
    eligibility lists."""
    if not pegawai_ids:
        return {}
    per: dict[int, list[tuple[int, Decimal, bool]]] = {}
    for pid, tahun, nilai, jenis in (
        AngkaKredit.objects.filter(pegawai_id__in=pegawai_ids)
        .order_by()
        .values_list("pegawai_id", "tahun", "nilai", "jenis")
    ):
        per.setdefault(pid, []).append((tahun, nilai, jenis == JenisAngkaKredit.KONVERSI))
    return {pid: rules.angka_kredit_kumulatif(e, tmt.get(pid)) for pid, e in per.items()}
