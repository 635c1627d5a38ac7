"""`pelatihan.demo.isi_demo()` for seed_demo: idempotent, gives the demo accounts data."""

from __future__ import annotations

from django.core.management import call_command

from inti import waktu
from pelatihan.demo import isi_demo
from pelatihan.models import CatatanJP, Peserta, Sertifikat, Sesi, UndanganSurvei


def test_isi_demo_idempoten(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", "--tanpa-contoh")
    isi_demo()
    jumlah = [m.objects.count() for m in (Sesi, Peserta, CatatanJP, Sertifikat, UndanganSurvei)]
    isi_demo()
    assert [
        m.objects.count() for m in (Sesi, Peserta, CatatanJP, Sertifikat, UndanganSurvei)
    ] == jumlah
    assert jumlah[1] == 3 and jumlah[3] == 3 and jumlah[4] == 3
    # Pelatihan's own rows (the karier demo adds a coaching row of its own): the session,
    # the recognised coaching, and the activities of this year's ledger.
    jp_andi = CatatanJP.objects.filter(pegawai__nip="199103032016031002")
    assert jp_andi.filter(sumber="pelatihan.peserta").count() == 1
    assert jp_andi.filter(sumber="pelatihan.demo", sumber_id="coaching-1").count() == 1
    tahun = waktu.hari_ini().year
    assert not CatatanJP.objects.exclude(tanggal__year=tahun).filter(sumber="pelatihan.demo")
