"""Self-healing of the nightly rollup: which months the next beat run recomputes.

The nightly run always recomputes this month and the previous one (late approvals). It also
recomputes every month of the last `BULAN_PERIKSA` months that has daily reports but no unit
rollup at all — a rollup lost to a killed worker, a broker outage that ate the message, a
night the beat did not run. One indexed EXISTS per month on each side, no scan.
"""

from __future__ import annotations

from datetime import date

from . import rules
from .models import LaporanHarian, RekapTertunda, RekapUnitBulanan
from .services import bulan_rekap_malam

BULAN_PERIKSA = 12


def _bulan_mundur(bulan: date, n: int) -> date:
    indeks = bulan.year * 12 + bulan.month - 1 - n
    return date(indeks // 12, indeks % 12 + 1, 1)


def bulan_rekap_hilang(hari_ini: date, *, bulan_periksa: int = BULAN_PERIKSA) -> list[date]:
    """Months (first days, oldest first) with reports but without any unit rollup row."""
    ini = hari_ini.replace(day=1)
    hilang = []
    for n in range(bulan_periksa, -1, -1):
        bulan = _bulan_mundur(ini, n)
        ada_laporan = LaporanHarian.objects.filter(
            tanggal__gte=bulan, tanggal__lt=rules.bulan_berikut(bulan)
        ).exists()
        if ada_laporan and not RekapUnitBulanan.objects.filter(bulan=bulan).exists():
            hilang.append(bulan)
    return hilang


def bulan_rekap_tertunda() -> set[date]:
    """Months with a pending mark (a report deleted, an indicator deleted) the incremental
    refresh of the current month does not reach: older months."""
    return set(RekapTertunda.objects.order_by().values_list("bulan", flat=True).distinct())


def bulan_rekap_perlu(hari_ini: date) -> list[date]:
    """What the nightly run recomputes: the usual two months, every missing one, and every
    month with a pending mark."""
    perlu = set(bulan_rekap_malam(hari_ini)) | set(bulan_rekap_hilang(hari_ini))
    return sorted(perlu | bulan_rekap_tertunda())
