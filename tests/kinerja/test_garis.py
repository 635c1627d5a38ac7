"""A unit head sees their whole line read-only: the month's rollup per sub-unit with a
drill-down; a sub-unit outside the line is a 404; staff see nothing there."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from kinerja.models import RekapPegawaiBulanan
from tests.factories import PegawaiFactory, UnitKerjaFactory

pytestmark = pytest.mark.django_db


def masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def garis(org):
    """A head above kabid: kabid (diskes) supervises staf1 and staf2; a seksi under it."""
    kepala = PegawaiFactory(unit_kerja=org.diskes, nama="Kepala Dinas")
    org.kabid.atasan = kepala
    org.kabid.save()
    seksi = UnitKerjaFactory(kode="DISKES-SEKSI", nama="Seksi Surveilans", parent=org.diskes)
    org.staf2.unit_kerja = seksi
    org.staf2.save()
    bulan = timezone.localdate().replace(day=1)
    RekapPegawaiBulanan.objects.create(pegawai=org.staf1, bulan=bulan, jumlah_laporan=10,
                                       laporan_disetujui=8, total_menit=600)  # fmt: skip
    RekapPegawaiBulanan.objects.create(pegawai=org.staf2, bulan=bulan, jumlah_laporan=4,
                                       laporan_disetujui=1, total_menit=120)  # fmt: skip
    RekapPegawaiBulanan.objects.create(pegawai=org.guru, bulan=bulan, jumlah_laporan=99)
    return kepala, seksi


def test_kepala_melihat_rekap_per_sub_unit(org, garis):
    kepala, seksi = garis
    resp = masuk(kepala.user).get("/kinerja/garis/")
    baris = {
        b.unit.kode: (b.pegawai, b.melapor, b.laporan, b.disetujui)
        for b in resp.context["per_unit"]
    }
    # kabid and staf1 in Diskes (kabid without a report), staf2 in the seksi; never the guru.
    assert baris == {"DISKES": (2, 1, 10, 8), "DISKES-SEKSI": (1, 1, 4, 1)}


def test_rincian_sub_unit_dan_unit_di_luar_garis_404(org, garis):
    kepala, seksi = garis
    klien = masuk(kepala.user)
    resp = klien.get(f"/kinerja/garis/?unit={seksi.pk}")
    assert [(p.nip, p.laporan) for p in resp.context["rincian"]] == [(org.staf2.nip, 4)]
    assert "Setujui" not in resp.content.decode()  # read-only
    assert klien.get(f"/kinerja/garis/?unit={org.disdik.pk}").status_code == 404


def test_staf_tidak_melihat_apa_pun(org, garis):
    resp = masuk(org.staf1.user).get("/kinerja/garis/")
    assert resp.context["per_unit"] == []
