"""seed_demo makes a first start look alive: every HR and supervisor page shows data for
admin, operator.diskes and the supervisor 198001012005011001, and a second run adds nothing.

One test function seeds once (inside its own transaction) and does every check: seeding is
the expensive part."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from kinerja.models import LaporanHarian, Penilaian, RekapUnitBulanan, StatusLaporan
from pegawai.models import UnitKerja
from pelatihan.models import CatatanJP
from pengaduan.models import Pengaduan, Status, SurveiKepuasan

pytestmark = pytest.mark.django_db

SUPERVISOR = "199002022015022001", "199103032016031002"  # Budi Santoso's staff
APPS = ["pegawai", "jabatan", "kinerja", "pelatihan", "karier", "pengaduan"]


def _jumlah_baris() -> dict[str, int]:
    # Audit history (simple_history) records every re-save of the demo accounts and the
    # catalogue by design; the domain rows themselves must not grow.
    return {
        m._meta.label: m._default_manager.count()
        for a in APPS
        for m in apps.get_app_config(a).get_models()
        if not m.__name__.startswith("Historical")
    }


def _klien(username: str) -> Client:
    c = Client()
    c.force_login(User.objects.get(username=username))
    return c


def _halaman(c: Client, url: str):
    r = c.get(url)
    assert r.status_code == 200, url
    return r


def test_setiap_peran_melihat_aktivitas_demo_dan_putaran_kedua_tidak_menambah_apa_pun(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    sebelum = _jumlah_baris()
    call_command("seed_demo", verbosity=0)
    assert _jumlah_baris() == sebelum

    hari_ini = timezone.localdate()
    lalu = hari_ini.year - 1
    diskes = UnitKerja.objects.get(kode="DISKES")

    # Daily reports: weeks of working days, every status, relative to today.
    laporan = LaporanHarian.objects.filter(pegawai__unit_kerja__path__startswith=diskes.path)
    assert laporan.filter(tanggal__lte=hari_ini - timedelta(weeks=5)).exists()
    assert not laporan.filter(tanggal__gt=hari_ini).exists()
    assert {d.weekday() for d in laporan.values_list("tanggal", flat=True)} <= {0, 1, 2, 3, 4}
    assert set(laporan.values_list("status", flat=True)) == set(StatusLaporan.values)
    assert not laporan.filter(status=StatusLaporan.DIKEMBALIKAN, catatan_atasan="").exists()
    assert RekapUnitBulanan.objects.filter(bulan=hari_ini.replace(day=1), jumlah_laporan__gt=0)
    # Complaints in every state, two past their deadline; tens of IKM respondents.
    assert set(Pengaduan.objects.values_list("status", flat=True)) == set(Status.values)
    assert Pengaduan.objects.terlambat(hari_ini).count() >= 2
    assert SurveiKepuasan.objects.filter(unit_kerja=diskes).count() >= 30

    # --- Admin BKD ---------------------------------------------------------------------------
    admin = _klien("admin")
    r = _halaman(admin, "/kinerja/dasbor/")
    assert r.context["d"].jumlah["jumlah_laporan"] > 0
    # One row per OPD, each a drill-down to its sub-units.
    assert f'href="?unit_kerja={diskes.pk}&amp;bulan=' in r.content.decode()
    r = _halaman(admin, f"/kinerja/dasbor/?unit_kerja={diskes.pk}")
    assert "Bidang Pencegahan dan Pengendalian Penyakit" in r.content.decode()
    r = _halaman(admin, f"/kinerja/distribusi/?tahun={lalu}&unit_kerja={diskes.pk}")
    assert r.context["d"].total > 5 and r.context["penghargaan"]
    assert _halaman(admin, "/kinerja/penilaian/").context["daftar"]
    r = _halaman(admin, f"/karier/talenta/?tahun={lalu}")
    assert r.context["total"] > 100
    r = _halaman(admin, "/pelatihan/jp/")
    persen = [b["persen"] for b in r.context["baris"]]
    assert any(p < 100 for p in persen) and any(p >= 100 for p in persen)
    r = _halaman(admin, "/pengaduan/staf/")
    assert {p.status for p in r.context["halaman"]} == set(Status.values)
    r = _halaman(admin, "/pengaduan/staf/?terlambat=1")
    assert "DKSR4WT7ZN" in r.content.decode()
    r = _halaman(admin, "/pengaduan/ikm/")
    assert {b.unit.kode for b in r.context["peringkat"]} >= {"DISKES", "DISDIKBUD", "BKD"}
    # The vacancy report is paginated (50 rows); Dinas Kesehatan's rows through its filter.
    assert "Dinas Kesehatan" in _halaman(admin, "/jabatan/lowongan/?unit=DISKES").content.decode()
    assert "Kepala Dinas Kesehatan" in _halaman(admin, "/karier/suksesi/").content.decode()
    assert _halaman(admin, "/pelatihan/akpk/unit/").content.decode().count("<tr") > 1

    # --- Operator of Dinas Kesehatan: the same pages, their subtree -----------------------
    operator = _klien("operator.diskes")
    r = _halaman(operator, "/kinerja/dasbor/")
    assert r.context["d"].jumlah["pegawai_melapor"] > 10
    r = _halaman(operator, f"/kinerja/distribusi/?tahun={lalu}")
    assert r.context["unit"] == diskes and r.context["d"].total > 5
    r = _halaman(operator, f"/karier/talenta/?tahun={lalu}")
    assert 0 < r.context["total"] < 60
    r = _halaman(operator, "/pelatihan/jp/?kurang=1")
    assert r.context["baris"] and all(b["kekurangan"] > 0 for b in r.context["baris"])
    r = _halaman(operator, "/karier/kenaikan-pangkat/")
    assert "Andi Pratama" in r.content.decode()  # due next period: masa, predikat, education
    r = _halaman(operator, "/pengaduan/staf/?terlambat=1")
    assert {"DKSR4WT7ZN", "DKSV3HQ8MC"} <= {p.kode for p in r.context["halaman"]}

    # --- The supervisor Budi Santoso -------------------------------------------------------
    atasan = _klien("198001012005011001")
    r = _halaman(atasan, "/kinerja/antrian/")
    assert {lap.pegawai.nip for lap in r.context["antrian"]} == set(SUPERVISOR)
    r = _halaman(atasan, "/kinerja/bawahan/")
    assert (
        all(b.jumlah_laporan > 0 for b in r.context["progres"]) and len(r.context["progres"]) == 2
    )
    r = _halaman(atasan, "/kinerja/penilaian/")
    assert {p.periode for p in r.context["daftar"]} >= {str(lalu), f"{lalu - 1}"}
    r = _halaman(atasan, "/pengaduan/staf/")
    assert "DKSK8RJ5VC" in r.content.decode()
    # His staff see their returned reports with the note, and their JP this year.
    assert LaporanHarian.objects.filter(
        pegawai__nip__in=SUPERVISOR, status=StatusLaporan.DIKEMBALIKAN
    ).exclude(catatan_atasan="")
    assert CatatanJP.objects.filter(pegawai__nip__in=SUPERVISOR, tanggal__year=hari_ini.year)
    assert Penilaian.objects.filter(pegawai__nip__in=SUPERVISOR, periode=str(lalu)).count() == 2
