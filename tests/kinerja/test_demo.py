"""kinerja.demo.isi_demo after seed_demo: approved SKP for every demo account, cascading."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from kinerja.demo import isi_demo
from kinerja.models import LaporanHarian, Rhk, Skp

pytestmark = pytest.mark.django_db

DEMO = [
    "198001012005011001",
    "199002022015022001",
    "199103032016031002",
    "197507072000031004",
    "198505052010011003",
]


def test_isi_demo_idempoten(settings, unit_lampung):
    settings.DEBUG = True
    call_command("seed_demo", "--tanpa-contoh", verbosity=0)
    assert isi_demo() == 5
    jumlah = (Skp.objects.count(), Rhk.objects.count(), LaporanHarian.objects.count())
    assert isi_demo() == 5
    assert (Skp.objects.count(), Rhk.objects.count(), LaporanHarian.objects.count()) == jumlah

    tahun = timezone.localdate().year
    for nip in DEMO:
        skp = Skp.objects.get(pegawai__nip=nip, tahun=tahun)
        assert skp.status == "DISETUJUI"
        assert skp.rhk.exists()
    staf = Rhk.objects.get(skp__pegawai__nip="199002022015022001", skp__tahun=tahun)
    assert staf.rhk_atasan.skp.pegawai.nip == "198001012005011001"
    assert LaporanHarian.objects.filter(pegawai__nip="199002022015022001").exists()
