"""Reads of the SIASN pages, always through the access scope (Admin BKD all, Operator OPD
their unit and sub-units)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from pegawai.akses import AnyUser, akses_untuk, pegawai_dikelola, unit_dikelola
from pegawai.models import UnitKerja

from .models import Kiriman, Selisih, StatusKiriman, StatusSelisih


@dataclass(frozen=True)
class Jumlah:
    menunggu: int = 0
    terkirim: int = 0
    ditolak: int = 0
    selisih: int = 0


def _kiriman(user: AnyUser, unit: UnitKerja | None = None):
    qs = Kiriman.objects.filter(pegawai__in=pegawai_dikelola(user))
    if unit is not None:
        qs = qs.filter(pegawai__unit_kerja__path__startswith=unit.path)
    return qs


def _selisih(user: AnyUser, unit: UnitKerja | None = None):
    qs = Selisih.objects.filter(pegawai__in=pegawai_dikelola(user))
    if unit is not None:
        qs = qs.filter(pegawai__unit_kerja__path__startswith=unit.path)
    return qs


_AGREGAT = {
    "menunggu": Count("id", filter=Q(status__in=[StatusKiriman.MENUNGGU, StatusKiriman.DIKIRIM])),
    "terkirim": Count("id", filter=Q(status=StatusKiriman.TERKIRIM)),
    "ditolak": Count("id", filter=Q(status=StatusKiriman.DITOLAK)),
}


def jumlah(user: AnyUser, unit: UnitKerja | None = None) -> Jumlah:
    """Counts for the HR home page and the page head (two queries)."""
    k = _kiriman(user, unit).aggregate(**_AGREGAT)
    s = _selisih(user, unit).filter(status=StatusSelisih.TERBUKA).count()
    return Jumlah(selisih=s, **k)


@dataclass(frozen=True)
class BarisUnit:
    unit: UnitKerja
    jumlah: Jumlah


def per_unit(user: AnyUser) -> list[BarisUnit]:
    """Waiting / sent / refused / open differences per unit kerja of the employees (units
    with nothing to show are left out); one query for each of the two tables."""
    kiriman = {
        r["pegawai__unit_kerja"]: r
        for r in _kiriman(user).values("pegawai__unit_kerja").annotate(**_AGREGAT)
    }
    selisih = {
        r["pegawai__unit_kerja"]: r["n"]
        for r in _selisih(user)
        .filter(status=StatusSelisih.TERBUKA)
        .values("pegawai__unit_kerja")
        .annotate(n=Count("id"))
    }
    ids = set(kiriman) | set(selisih)
    unit = {u.pk: u for u in UnitKerja.objects.filter(pk__in=ids)}
    baris = []
    for pk in sorted(ids, key=lambda i: unit[i].path):
        k = kiriman.get(pk, {})
        baris.append(
            BarisUnit(
                unit=unit[pk],
                jumlah=Jumlah(
                    menunggu=k.get("menunggu", 0),
                    terkirim=k.get("terkirim", 0),
                    ditolak=k.get("ditolak", 0),
                    selisih=selisih.get(pk, 0),
                ),
            )
        )
    return baris


def kiriman_daftar(user: AnyUser, *, status: list[str], unit: UnitKerja | None = None):
    return _kiriman(user, unit).filter(status__in=status).with_relasi().order_by("-diubah", "-id")


def selisih_daftar(user: AnyUser, *, unit: UnitKerja | None = None):
    return (
        _selisih(user, unit)
        .filter(status__in=[StatusSelisih.TERBUKA, StatusSelisih.PERBAIKI_BKN])
        .with_relasi()
        .order_by("status", "pegawai__nama", "unsur")
    )


def unit_pilihan(user: AnyUser):
    return unit_dikelola(user).order_by("path")


def boleh_melihat(user: AnyUser) -> bool:
    return akses_untuk(user).staf_hr
