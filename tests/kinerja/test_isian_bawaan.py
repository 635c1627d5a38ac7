"""Filing defaults and limits: the start time follows one's last report today (else the start
of the working day); a report for today may not end after now; the evidence input states
its limit (and carries it for the browser check); SKP only for this year and the next."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from kinerja import rules, services
from kinerja.services import laporan as laporan_mod
from tests.kinerja.factories import lapor

pytestmark = pytest.mark.django_db


def masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.parametrize(
    ("tahun", "boleh"), [(2025, False), (2026, True), (2027, True), (2028, False)]
)
def test_tahun_skp_hanya_tahun_ini_dan_berikutnya(tahun, boleh):
    assert (rules.cek_tahun_skp(tahun, 2026) is None) is boleh


def test_jam_mulai_usulan():
    assert rules.jam_mulai_usulan(time(10, 15), time(7, 30)) == time(10, 15)
    assert rules.jam_mulai_usulan(None, time(7, 30)) == time(7, 30)


def _ajukan(org, tanggal, mulai, selesai):
    return services.laporan_ajukan(
        pegawai=org.staf1, tanggal=tanggal, rhk=org.rhk1, uraian="Rapat",
        kuantitas=Decimal(1), jam_mulai=mulai, jam_selesai=selesai,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("selesai", "boleh"),
    [(time(13, 25), True), (time(13, 26), True), (time(13, 27), False), (time(23, 0), False)],
)
def test_laporan_hari_ini_tidak_boleh_berakhir_setelah_sekarang(org, monkeypatch, selesai, boleh):
    monkeypatch.setattr(laporan_mod, "jam_sekarang", lambda: time(13, 26))
    if boleh:
        _ajukan(org, timezone.localdate(), time(13, 0), selesai)
    else:
        with pytest.raises(ValidationError) as exc:
            _ajukan(org, timezone.localdate(), time(13, 0), selesai)
        assert exc.value.message_dict["jam_selesai"] == [
            "Jam selesai tidak boleh melewati waktu sekarang (13:26) untuk laporan hari ini."
        ]


def test_laporan_kemarin_boleh_sampai_malam(org, monkeypatch):
    monkeypatch.setattr(laporan_mod, "jam_sekarang", lambda: time(0, 5))
    kemarin = timezone.localdate() - timedelta(days=1)
    if kemarin.year != timezone.localdate().year:
        pytest.skip("the factory's SKP covers this year only")
    _ajukan(org, kemarin, time(22, 0), time(23, 0))


def test_jam_mulai_bawaan_mengikuti_laporan_terakhir_hari_ini(org, settings):
    settings.KINERJA_JAM_MULAI_KERJA = "07:30"
    klien = masuk(org.staf1.user)
    assert klien.get("/kinerja/").context["form"].initial["jam_mulai"] == time(7, 30)
    lapor(org.staf1, org.rhk1, timezone.localdate(), "08:00", "09:45")
    lapor(org.staf1, org.rhk1, timezone.localdate(), "07:30", "08:00")
    lapor(org.staf1, org.rhk1, timezone.localdate() - timedelta(days=1), "10:00", "16:00")
    html = klien.get("/kinerja/").content.decode()
    assert 'name="jam_mulai" value="09:45"' in html


def test_input_bukti_menyebut_batas_dan_membawanya_ke_browser(org, settings):
    settings.KINERJA_BUKTI_MAKS_MB = 2
    html = masuk(org.staf1.user).get("/kinerja/").content.decode()
    assert "paling besar 2 MB" in html
    assert f'data-maks-byte="{2 * 1024 * 1024}"' in html
    assert "kinerja/bukti.js" in html and "<script>" not in html


def test_skp_tahun_jauh_ditolak(org):
    from tests.factories import PegawaiFactory

    baru = PegawaiFactory(unit_kerja=org.diskes, atasan=org.kabid)
    with pytest.raises(ValidationError) as exc:
        services.skp_buat(pegawai=baru, tahun=timezone.localdate().year + 2)
    assert "tahun" in exc.value.message_dict
    services.skp_buat(pegawai=baru, tahun=timezone.localdate().year + 1)
