"""Reads of public feedback, always through the access scope (`pegawai.akses`).

Who sees a complaint:
- Admin BKD: all of them, with the reporter's contact details (they handle them).
- Operator OPD: those routed to their unit or a sub-unit, with contact details.
- A supervisor: verified complaints naming one of their direct subordinates, without the
  reporter's contact details (and without the name when confidential). Unverified complaints
  are not shown: triage first checks they are real and name the right person.
- Everyone else (and the citizen): only the public tracking page, by code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, Sum
from django.db.models.functions import ExtractYear

from inti import waktu
from pegawai.akses import AnyUser, akses_untuk, pegawai_bawahan
from pegawai.models import Pegawai, UnitKerja

from . import rules
from .models import HariLibur, Pengaduan, PengaduanQuerySet, Status, SurveiKepuasan, Tanggapan

# What a supervisor may see of complaints about a subordinate.
STATUS_UNTUK_ATASAN = (Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.SELESAI)


def pengaduan_ditangani(user: AnyUser) -> PengaduanQuerySet:
    """Complaints this user handles as staff (respond, route, see contact details)."""
    akses = akses_untuk(user)
    if akses.admin_bkd:
        return Pengaduan.objects.all()
    if akses.unit_operator is not None:
        return Pengaduan.objects.filter(unit_kerja__path__startswith=akses.unit_operator.path)
    return Pengaduan.objects.none()


def _tentang_bawahan(user: AnyUser) -> Q | None:
    akses = akses_untuk(user)
    if not akses.punya_bawahan:
        return None
    return Q(
        pegawai_terkait__in=pegawai_bawahan(user).values("pk"),
        status__in=STATUS_UNTUK_ATASAN,
    )


def pengaduan_terlihat(user: AnyUser) -> PengaduanQuerySet:
    """Complaints this user may read: those they handle, and those about their subordinates."""
    akses = akses_untuk(user)
    if akses.admin_bkd:
        return Pengaduan.objects.all()
    kondisi = Q(pk__in=[])
    if akses.unit_operator is not None:
        kondisi |= Q(unit_kerja__path__startswith=akses.unit_operator.path)
    bawahan = _tentang_bawahan(user)
    if bawahan is not None:
        kondisi |= bawahan
    if akses.unit_operator is None and bawahan is None:
        return Pengaduan.objects.none()
    return Pengaduan.objects.filter(kondisi)


def boleh_tangani(user: AnyUser, pengaduan: Pengaduan) -> bool:
    return pengaduan_ditangani(user).filter(pk=pengaduan.pk).exists()


def pengaduan_tentang_pegawai(user: AnyUser, pegawai: Pegawai) -> PengaduanQuerySet:
    """Complaints naming `pegawai` that `user` may see beside them (e.g. when appraising).

    The direct supervisor sees the verified ones; handling staff see those they handle.
    Nobody else, the employee included, gets any.
    """
    kondisi = Q(pk__in=[])
    if pegawai_bawahan(user).filter(pk=pegawai.pk).exists():
        kondisi |= Q(status__in=STATUS_UNTUK_ATASAN)
    if akses_untuk(user).staf_hr:
        kondisi |= Q(pk__in=pengaduan_ditangani(user).values("pk"))
    return (
        Pengaduan.objects.filter(kondisi, pegawai_terkait=pegawai)
        .with_relasi()
        .order_by("-dibuat", "-pk")
    )


def pengaduan_daftar(
    user: AnyUser,
    *,
    status: str = "",
    terlambat: bool = False,
    q: str = "",
    hari_ini: date | None = None,
) -> PengaduanQuerySet:
    """The staff triage list: one query for the page, unit and named employee joined."""
    qs = pengaduan_terlihat(user).with_relasi()
    if status:
        qs = qs.filter(status=status)
    if terlambat:
        qs = qs.terlambat(hari_ini or waktu.hari_ini())
    if q:
        kode = rules.normalisasi_kode(q)
        qs = qs.filter(Q(kode=kode) | Q(judul__icontains=q))
    return qs.order_by("-dibuat", "-pk")


def pengaduan_lacak(kode: str) -> Pengaduan:
    """The complaint behind a tracking code, with its public responses (raises DoesNotExist)."""
    kode = rules.normalisasi_kode(kode)
    if not rules.kode_sah(kode):
        raise Pengaduan.DoesNotExist
    return Pengaduan.objects.prefetch_related(
        Prefetch(
            "tanggapan",
            queryset=Tanggapan.objects.filter(publik=True).order_by("dibuat", "pk"),
            to_attr="tanggapan_publik",
        )
    ).get(kode=kode)


def pengaduan_rincian(user: AnyUser, kode: str) -> Pengaduan:
    """One complaint for the staff page, within scope (raises DoesNotExist outside it)."""
    return (
        pengaduan_terlihat(user)
        .with_relasi()
        .prefetch_related(
            Prefetch(
                "tanggapan",
                queryset=Tanggapan.objects.select_related("oleh").order_by("dibuat", "pk"),
                to_attr="semua_tanggapan",
            )
        )
        .get(kode=rules.normalisasi_kode(kode))
    )


def libur_antara(mulai: date, sampai: date) -> set[date]:
    return set(
        HariLibur.objects.filter(tanggal__range=(mulai, sampai)).values_list("tanggal", flat=True)
    )


def batas_hari_kerja(mulai: date, jumlah: int) -> date:
    """The deadline `jumlah` working days after `mulai`, with the holiday table."""
    return rules.tambah_hari_kerja(mulai, jumlah, libur_antara(*rules.rentang_libur(mulai, jumlah)))


# --- IKM ------------------------------------------------------------------------------------


def _jumlah_unsur() -> dict:
    return {
        "responden": Count("pk"),
        **{f"jumlah_{kode}": Sum(kode) for kode in rules.KODE_UNSUR},
    }


def _hasil(baris: dict) -> rules.HasilIkm | None:
    return rules.hitung_ikm(
        [baris[f"jumlah_{kode}"] or 0 for kode in rules.KODE_UNSUR], baris["responden"]
    )


def ikm_unit(unit: UnitKerja, tahun: int) -> rules.HasilIkm | None:
    """The IKM of a unit (its sub-units included) for one year; None without respondents."""
    baris = SurveiKepuasan.objects.filter(
        unit_kerja__path__startswith=unit.path, dibuat__year=tahun
    ).aggregate(**_jumlah_unsur())
    return _hasil(baris)


TAHUN_TREN = 5


def ikm_unit_per_tahun(unit: UnitKerja, sampai: int) -> dict[int, rules.HasilIkm]:
    """The unit's IKM in each of the `TAHUN_TREN` years up to `sampai` that had respondents
    (sub-units included). One query grouped by year."""
    dari = sampai - TAHUN_TREN + 1
    baris = (
        SurveiKepuasan.objects.filter(
            unit_kerja__path__startswith=unit.path, dibuat__year__gte=dari, dibuat__year__lte=sampai
        )
        .annotate(th=ExtractYear("dibuat"))
        .values("th")
        .annotate(**_jumlah_unsur())
        .order_by("th")
    )
    hasil = {b["th"]: _hasil(b) for b in baris}
    return {th: h for th, h in hasil.items() if h is not None}


@dataclass(frozen=True)
class BarisIkm:
    unit: UnitKerja
    hasil: rules.HasilIkm


def ikm_peringkat(tahun: int) -> list[BarisIkm]:
    """The province dashboard: each perangkat daerah (top-level unit, sub-units included)
    ranked by IKM. Two queries: the sums per unit in SQL, then the top-level units."""
    per_unit = (
        SurveiKepuasan.objects.filter(dibuat__year=tahun)
        .values("unit_kerja__path")
        .annotate(**_jumlah_unsur())
        .order_by()
    )
    teratas = {u.kode: u for u in UnitKerja.objects.filter(parent__isnull=True)}
    kunci = ["responden", *(f"jumlah_{kode}" for kode in rules.KODE_UNSUR)]
    total: dict[str, dict[str, int]] = {}
    for baris in per_unit:
        kode_induk = baris["unit_kerja__path"].strip("/").split("/")[0]
        akumulasi = total.setdefault(kode_induk, dict.fromkeys(kunci, 0))
        for k in kunci:
            akumulasi[k] += baris[k] or 0
    hasil = [
        BarisIkm(unit=teratas[kode], hasil=h)
        for kode, baris in total.items()
        if kode in teratas and (h := _hasil(baris)) is not None
    ]
    return sorted(hasil, key=lambda b: (-b.hasil.ikm, b.unit.nama))
