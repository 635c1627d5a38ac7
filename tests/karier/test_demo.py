"""`karier.demo.isi_demo()` for seed_demo: idempotent, gives the demo accounts a plan, a
coaching session by their supervisor (with its JP) and a place on the talent map."""

from __future__ import annotations

from django.core.management import call_command

from inti import waktu
from karier.demo import isi_demo
from karier.models import ProfilTalenta, RencanaPengembangan, SesiPembinaan
from pelatihan.models import CatatanJP


def test_isi_demo_idempoten(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", "--tanpa-contoh")
    isi_demo()
    model = (RencanaPengembangan, SesiPembinaan, ProfilTalenta, CatatanJP)
    jumlah = [m.objects.count() for m in model]
    isi_demo()
    assert [m.objects.count() for m in model] == jumlah
    staf = ["199002022015022001", "199103032016031002", "198505052010011003"]
    for nip in staf:
        sesi = SesiPembinaan.objects.get(pegawai__nip=nip)
        assert sesi.pembina == sesi.pegawai.atasan
        assert CatatanJP.objects.filter(sumber="karier.coaching", sumber_id=str(sesi.pk)).exists()
        assert RencanaPengembangan.objects.get(pegawai__nip=nip).status == "DISETUJUI"
    tahun = waktu.hari_ini().year
    ini = ProfilTalenta.objects.filter(tahun=tahun)
    assert ini.filter(pegawai__nip__in=staf).count() == 3
    assert ini.get(pegawai__nip=staf[0]).kotak in {7, 8, 9}  # talent pool
    # The finished cycles of the two previous years are on the map as well.
    assert ProfilTalenta.objects.filter(tahun=tahun - 1, pegawai__nip__in=staf).count() == 3
