"""Migration kinerja/0009 rebuilds the monthly RHK rollup per indicator from the reports."""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from django.db import connection

from kinerja import services
from kinerja.models import RekapRhkBulanan
from tests.kinerja.factories import lapor

MIGRASI = importlib.import_module("kinerja.migrations.0009_rekap_rhk_per_indikator_dan_stempel")


def baris():
    return sorted(
        RekapRhkBulanan.objects.values_list(
            "rhk", "indikator", "bulan", "jumlah_laporan", "laporan_disetujui",
            "kuantitas_disetujui",
        ),
        key=str,
    )  # fmt: skip


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="migrasi data hanya PostgreSQL")
def test_migrasi_membangun_ulang_rekap_rhk_per_indikator(org):
    lapor(org.staf1, org.rhk1, date(2026, 3, 2), status="DISETUJUI", kuantitas=2)
    lapor(org.staf1, org.rhk1, date(2026, 3, 3), status="DISETUJUI", kuantitas=5,
          satuan="lembar", indikator=None)  # fmt: skip
    lapor(org.staf2, org.rhk2, date(2026, 4, 1), kuantitas=1)
    for bulan in (date(2026, 3, 1), date(2026, 4, 1)):
        services.rekap_bulan_hitung(bulan=bulan)
    benar = baris()
    # Rows as the old per-RHK rollup left them: every satuan summed in one row.
    RekapRhkBulanan.objects.all().delete()
    RekapRhkBulanan.objects.create(
        rhk=org.rhk1, pegawai=org.staf1, bulan=date(2026, 3, 1), jumlah_laporan=2,
        laporan_disetujui=2, kuantitas_disetujui=7,
    )  # fmt: skip

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    MIGRASI.bangun_ulang(None, editor)
    assert baris() == benar
    assert len(benar) == 3
