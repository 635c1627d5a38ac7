"""Self-healing nightly rollup: months with reports but no rollup are recomputed."""

from __future__ import annotations

from datetime import date

import pytest

from kinerja import pulih, services
from kinerja.models import RekapUnitBulanan
from tests.kinerja.factories import lapor

pytestmark = pytest.mark.django_db


def test_bulan_yang_hilang_dihitung_ulang_oleh_tugas_malam_berikutnya(org):
    lapor(org.staf1, org.rhk1, date(2026, 3, 2), "08:00", "09:00", status="DISETUJUI")
    hari_ini = date(2026, 11, 30)
    assert pulih.bulan_rekap_perlu(hari_ini) == [date(2026, 3, 1), date(2026, 10, 1),
                                                  date(2026, 11, 1)]  # fmt: skip
    services.rekap_bulan_hitung(bulan=date(2026, 3, 1))
    assert RekapUnitBulanan.objects.filter(bulan=date(2026, 3, 1)).exists()
    assert pulih.bulan_rekap_perlu(hari_ini) == [date(2026, 10, 1), date(2026, 11, 1)]


@pytest.mark.parametrize("hari_ini, dicari", [(date(2027, 3, 31), True), (date(2027, 4, 1), False)])
def test_hanya_dua_belas_bulan_terakhir_yang_diperiksa(org, hari_ini, dicari):
    lapor(org.staf1, org.rhk1, date(2026, 3, 2), "08:00", "09:00", status="DISETUJUI")
    assert (date(2026, 3, 1) in pulih.bulan_rekap_hilang(hari_ini)) is dicari
