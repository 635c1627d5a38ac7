"""The incremental refresh of the current month's rollup (issue 15 item 11) and the monthly
RHK rollup per indicator (issue 14 item 3): the same rows as a fresh full rollup after
filing, approving, returning, correcting and deleting; only the changed employees redone; a
missing stamp heals with a full rollup; the beat entry in words; the dashboard's time."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from kinerja import pulih, services
from kinerja.models import (
    IndikatorKinerja,
    LaporanHarian,
    RekapPegawaiBulanan,
    RekapRhkBulanan,
    RekapTertunda,
    RekapUnitBulanan,
    StempelRekap,
)
from tests.kinerja.factories import lapor

pytestmark = pytest.mark.django_db
NOL = timedelta(0)


def bulan_ini() -> date:
    return timezone.localdate().replace(day=1)


def hari_ini() -> date:
    return timezone.localdate()


def isi_rekap(bulan: date):
    """Every rollup row of the month, without the surrogate keys."""
    return (
        sorted(RekapPegawaiBulanan.objects.filter(bulan=bulan).values_list(
            "pegawai", "jumlah_laporan", "laporan_disetujui", "laporan_dikembalikan",
            "total_menit", "hari_lapor")),
        sorted(RekapRhkBulanan.objects.filter(bulan=bulan).values_list(
            "rhk", "indikator", "pegawai", "jumlah_laporan", "laporan_disetujui",
            "kuantitas_disetujui"), key=str),
        sorted(RekapUnitBulanan.objects.filter(bulan=bulan).values_list(
            "unit_kerja", *services.KOLOM_UNIT)),
    )  # fmt: skip


def ajukan(pegawai, rhk, mulai: str, selesai: str, kuantitas=1):
    return services.laporan_ajukan(
        pegawai=pegawai,
        tanggal=hari_ini(),
        rhk=rhk,
        uraian="Kegiatan hari ini",
        kuantitas=Decimal(kuantitas),
        jam_mulai=time.fromisoformat(mulai),
        jam_selesai=time.fromisoformat(selesai),
        satuan="dokumen",
    )


def test_segarkan_sama_dengan_rekap_penuh_setelah_lapor_setujui_kembalikan_hapus(org):
    bulan = bulan_ini()
    lama = lapor(org.staf2, org.rhk2, hari_ini(), "07:00", "07:30", status="DISETUJUI")
    lapor(org.guru, org.rhk_guru, hari_ini(), "07:00", "08:00")
    services.rekap_bulan_hitung(bulan=bulan)

    # The day's filing and decisions, through the services the pages use.
    a = ajukan(org.staf1, org.rhk1, "08:00", "09:00", kuantitas=3)
    b = ajukan(org.staf1, org.rhk1, "09:00", "10:00")
    c = ajukan(org.staf2, org.rhk2, "08:00", "09:30")
    services.laporan_setujui(laporan=a, oleh=org.kabid.user)
    services.laporan_kembalikan(laporan=b, oleh=org.kabid.user, catatan="Lengkapi bukti")
    services.laporan_setujui_banyak(oleh=org.kabid.user, ids=[c.pk])
    services.laporan_koreksi(laporan=b, oleh=org.staf1.user, data={"uraian": "Dengan bukti"})
    lama.delete()  # HR removes a report in the admin
    LaporanHarian.objects.filter(pegawai=org.guru).delete()  # the bulk delete action too

    hasil = services.rekap_bulan_segarkan(bulan=bulan)
    segar = isi_rekap(bulan)
    assert not hasil.penuh
    assert not RekapTertunda.objects.exists()  # the deletion marks were consumed

    services.rekap_bulan_hitung(bulan=bulan)
    assert isi_rekap(bulan) == segar
    pegawai = {r[0]: r[1:3] for r in segar[0]}
    assert pegawai == {org.staf1.pk: (2, 1), org.staf2.pk: (1, 1)}  # guru: no row any more
    diskes = RekapUnitBulanan.objects.get(unit_kerja=org.diskes, bulan=bulan)
    assert (diskes.pegawai_melapor, diskes.jumlah_laporan, diskes.laporan_disetujui) == (2, 3, 2)


def test_segarkan_hanya_pegawai_yang_laporannya_berubah(org):
    bulan = bulan_ini()
    lapor(org.staf1, org.rhk1, hari_ini(), "07:00", "08:00")
    lapor(org.staf2, org.rhk2, hari_ini(), "07:00", "08:00")
    services.rekap_bulan_hitung(bulan=bulan)

    diam = services.rekap_bulan_segarkan(bulan=bulan, tumpang=NOL)
    assert (diam.pegawai, diam.ditulis) == (0, 0)  # nothing changed: nothing read or written

    ajukan(org.staf1, org.rhk1, "08:00", "09:00")
    hasil = services.rekap_bulan_segarkan(bulan=bulan, tumpang=NOL)
    assert hasil.pegawai == 1  # staf1 only
    assert hasil.ditulis == 3  # staf1's employee and RHK rows, Diskes's unit row
    again = services.rekap_bulan_segarkan(bulan=bulan, tumpang=NOL)
    assert (again.pegawai, again.ditulis) == (0, 0)  # idempotent
    assert RekapPegawaiBulanan.objects.get(pegawai=org.staf1, bulan=bulan).jumlah_laporan == 2


def test_segarkan_tanpa_stempel_menghitung_penuh(org):
    bulan = bulan_ini()
    lapor(org.staf1, org.rhk1, hari_ini(), "07:00", "08:00")
    assert not StempelRekap.objects.exists()
    hasil = services.rekap_bulan_segarkan(bulan=bulan)
    assert hasil.penuh and hasil.pegawai == 1
    stempel = StempelRekap.objects.get(bulan=bulan)
    assert stempel.diperbarui == stempel.penuh_pada is not None
    # The stamp lost (a restored database): the next refresh heals with a full rollup again.
    StempelRekap.objects.all().delete()
    RekapPegawaiBulanan.objects.all().delete()
    assert services.rekap_bulan_segarkan(bulan=bulan).penuh
    assert RekapPegawaiBulanan.objects.filter(pegawai=org.staf1, bulan=bulan).exists()


def test_segarkan_mengikuti_pegawai_pindah_unit(org):
    bulan = bulan_ini()
    lapor(org.staf1, org.rhk1, hari_ini(), "07:00", "08:00")
    services.rekap_bulan_hitung(bulan=bulan)
    org.staf1.unit_kerja = org.disdik
    org.staf1.save()
    services.rekap_bulan_segarkan(bulan=bulan)
    segar = isi_rekap(bulan)
    services.rekap_bulan_hitung(bulan=bulan)
    assert isi_rekap(bulan) == segar
    assert RekapUnitBulanan.objects.get(unit_kerja=org.disdik, bulan=bulan).pegawai_melapor == 1


def test_indikator_dihapus_ditandai_dan_bulan_lama_dihitung_malam(org):
    bulan = bulan_ini()
    ind = org.rhk1.indikator.get()
    lapor(org.staf1, org.rhk1, hari_ini(), "07:00", "08:00", status="DISETUJUI", kuantitas=2)
    lapor(org.staf1, org.rhk1, date(2024, 1, 10), "07:00", "08:00")
    services.rekap_bulan_hitung(bulan=bulan)
    ind.delete()  # its reports become "tanpa indikator" without a newer `diubah`
    assert set(RekapTertunda.objects.values_list("pegawai", "bulan")) == {
        (org.staf1.pk, bulan),
        (org.staf1.pk, date(2024, 1, 1)),
    }
    # A mark in an old month brings that month into the nightly run.
    assert date(2024, 1, 1) in pulih.bulan_rekap_perlu(hari_ini())
    services.rekap_bulan_segarkan(bulan=bulan, tumpang=NOL)
    segar = isi_rekap(bulan)
    assert segar[1] == [(org.rhk1.pk, None, org.staf1.pk, 1, 1, Decimal("0.00"))]
    services.rekap_bulan_hitung(bulan=bulan)
    assert isi_rekap(bulan) == segar


def test_rekap_rhk_per_indikator_dan_tanpa_indikator(org):
    """One RHK with two indicators of different satuan: each indicator's progress sums only
    its own reports; a report without an indicator adds to none (issue 14 item 3)."""
    bulan = date(2026, 3, 1)
    dokumen = org.rhk1.indikator.get()
    orang = IndikatorKinerja.objects.create(
        rhk=org.rhk1, aspek="KUANTITAS", uraian="Jumlah peserta", target=50, satuan="orang"
    )
    kw = {"status": "DISETUJUI"}
    lapor(org.staf1, org.rhk1, date(2026, 3, 2), "07:00", "08:00", kuantitas=2, **kw)
    lapor(org.staf1, org.rhk1, date(2026, 3, 3), "07:00", "08:00", kuantitas=3, **kw)
    lapor(org.staf1, org.rhk1, date(2026, 3, 4), "07:00", "08:00", kuantitas=40, satuan="orang",
          **kw)  # fmt: skip
    lapor(org.staf1, org.rhk1, date(2026, 3, 5), "07:00", "08:00", kuantitas=7, satuan="orang")
    lapor(org.staf1, org.rhk1, date(2026, 3, 6), "07:00", "08:00", kuantitas=9, satuan="lembar",
          indikator=None, **kw)  # fmt: skip

    services.rekap_bulan_hitung(bulan=bulan)

    rows = {
        r.indikator_id: (r.jumlah_laporan, r.laporan_disetujui, r.kuantitas_disetujui)
        for r in RekapRhkBulanan.objects.filter(rhk=org.rhk1, bulan=bulan)
    }
    assert rows == {
        dokumen.pk: (2, 2, Decimal(5)),
        orang.pk: (2, 1, Decimal(40)),
        None: (1, 1, Decimal(0)),  # counted as a report, no one's realisation
    }
    # The employee's own rollup still counts every report once.
    assert RekapPegawaiBulanan.objects.get(pegawai=org.staf1, bulan=bulan).jumlah_laporan == 5
    services.rekap_bulan_hitung(bulan=bulan)  # re-run: no duplicate "tanpa indikator" row
    assert RekapRhkBulanan.objects.filter(rhk=org.rhk1, bulan=bulan).count() == 3


def test_jadwal_segarkan_setiap_10_menit_dalam_kata(org):
    from django_celery_beat.models import PeriodicTask

    from asn_hr.jadwal import jadwal_kata

    tugas = PeriodicTask.objects.get(task="kinerja.tasks.rekap_kinerja_segarkan")
    assert jadwal_kata(tugas) == "setiap 10 menit"
    klien = Client()
    klien.force_login(org.admin)
    assert "setiap 10 menit" in klien.get("/jadwal/").content.decode()


def test_tugas_segarkan_bulan_ini(org):
    from kinerja import tasks

    lapor(org.staf1, org.rhk1, hari_ini(), "07:00", "08:00")
    hasil = tasks.rekap_kinerja_segarkan()
    assert hasil["bulan"] == f"{bulan_ini():%Y-%m}" and hasil["pegawai"] == 1


def test_dasbor_menampilkan_waktu_pembaruan(org):
    klien = Client()
    klien.force_login(org.op_diskes)
    assert "belum pernah dihitung" in klien.get("/kinerja/dasbor/").content.decode()
    services.rekap_bulan_segarkan(bulan=bulan_ini())
    pada = timezone.localtime(StempelRekap.objects.get().diperbarui)
    html = klien.get("/kinerja/dasbor/").content.decode()
    assert f"Data diperbarui pukul {pada:%H.%M}" in html


def test_perintah_rekap_segarkan(org, capsys):
    from django.core.management import call_command

    lapor(org.staf1, org.rhk1, hari_ini(), "07:00", "08:00")
    call_command("rekap_kinerja", "--segarkan")  # no stamp yet: a full rollup
    assert "baris pegawai" in capsys.readouterr().out
    lapor(org.staf2, org.rhk2, hari_ini(), "07:00", "08:00")
    call_command("rekap_kinerja", "--segarkan")
    assert "diperbarui: " in capsys.readouterr().out
    assert RekapPegawaiBulanan.objects.filter(pegawai=org.staf2, bulan=bulan_ini()).exists()
