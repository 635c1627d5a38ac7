"""Monthly rollups: against hand counts, idempotent, the command, the API, the beat entry,
and once on a real Celery worker against Redis."""

from __future__ import annotations

import os
import threading
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja import services
from kinerja.models import (
    LaporanHarian,
    Penilaian,
    RekapPegawaiBulanan,
    RekapRhkBulanan,
    RekapUnitBulanan,
)
from tests.kinerja.factories import lapor
from tests.kinerja.test_laporan import klien

MARET = date(2026, 3, 1)


def isi_maret(org):
    # staf1: 3 reports on 2 days (one approved, one returned), 60+90+30 minutes.
    lapor(org.staf1, org.rhk1, date(2026, 3, 2), "08:00", "09:00", status="DISETUJUI", kuantitas=2)
    lapor(org.staf1, org.rhk1, date(2026, 3, 2), "09:00", "10:30", status="DIKEMBALIKAN")
    lapor(org.staf1, org.rhk1, date(2026, 3, 31), "13:00", "13:30", kuantitas=4)
    # staf2: 1 approved on 1 day; plus one in February and one in April that do not count.
    lapor(org.staf2, org.rhk2, date(2026, 3, 15), "08:00", "12:00", status="DISETUJUI", kuantitas=3)
    lapor(org.staf2, org.rhk2, date(2026, 2, 28), "08:00", "09:00", status="DISETUJUI")
    lapor(org.staf2, org.rhk2, date(2026, 4, 1), "08:00", "09:00", status="DISETUJUI")
    # guru (another unit): 1 waiting.
    lapor(org.guru, org.rhk_guru, date(2026, 3, 10), "07:30", "08:00")


def baris_pegawai():
    return {
        r.pegawai_id: (
            r.jumlah_laporan,
            r.laporan_disetujui,
            r.laporan_dikembalikan,
            r.total_menit,
            r.hari_lapor,
        )
        for r in RekapPegawaiBulanan.objects.filter(bulan=MARET)
    }


def semua_baris():
    return (
        sorted(RekapPegawaiBulanan.objects.values_list(
            "pk", "pegawai", "bulan", "jumlah_laporan", "laporan_disetujui",
            "laporan_dikembalikan", "total_menit", "hari_lapor")),
        sorted(RekapRhkBulanan.objects.values_list(
            "pk", "rhk", "bulan", "jumlah_laporan", "laporan_disetujui", "kuantitas_disetujui")),
        sorted(RekapUnitBulanan.objects.values_list(
            "pk", "unit_kerja", "bulan", "jumlah_pegawai", "pegawai_melapor", "jumlah_laporan",
            "total_menit", "sangat_baik", "baik")),
    )  # fmt: skip


@pytest.mark.django_db
def test_rekap_sama_dengan_hitungan_tangan(org):
    isi_maret(org)

    hasil = services.rekap_bulan_hitung(bulan=MARET)

    assert baris_pegawai() == {
        org.staf1.pk: (3, 1, 1, 180, 2),
        org.staf2.pk: (1, 1, 0, 240, 1),
        org.guru.pk: (1, 0, 0, 30, 1),
    }
    rhk = {r.rhk_id: (r.jumlah_laporan, r.laporan_disetujui, r.kuantitas_disetujui)
           for r in RekapRhkBulanan.objects.filter(bulan=MARET)}  # fmt: skip
    assert rhk == {org.rhk1.pk: (3, 1, 2), org.rhk2.pk: (1, 1, 3), org.rhk_guru.pk: (1, 0, 0)}
    diskes = RekapUnitBulanan.objects.get(unit_kerja=org.diskes, bulan=MARET)
    # kabid, staf1, staf2 are active in Diskes; two of them reported.
    assert (diskes.jumlah_pegawai, diskes.pegawai_melapor) == (3, 2)
    assert (diskes.jumlah_laporan, diskes.laporan_disetujui, diskes.total_menit) == (4, 2, 420)
    assert diskes.persen_melapor == 66.7
    assert (hasil.pegawai, hasil.rhk) == (3, 3)


@pytest.mark.django_db
def test_rekap_unit_menghitung_sebaran_predikat(org):
    for pegawai, predikat in [(org.staf1, "SANGAT_BAIK"), (org.staf2, "BAIK")]:
        Penilaian.objects.create(
            pegawai=pegawai, skp=pegawai.skp.get(), penilai=org.kabid, unit_kerja=org.diskes,
            periode="2026-Q1", jenis_periode="TRIWULANAN", tahun=2026,
            tanggal_akhir=date(2026, 3, 31), rating_hasil_kerja="SESUAI",
            rating_perilaku="SESUAI", predikat=predikat, umpan_balik="-",
        )  # fmt: skip
    services.rekap_bulan_hitung(bulan=MARET)
    diskes = RekapUnitBulanan.objects.get(unit_kerja=org.diskes, bulan=MARET)
    assert (diskes.sangat_baik, diskes.baik, diskes.kurang) == (1, 1, 0)


@pytest.mark.django_db
def test_rekap_idempoten_dan_mengikuti_perubahan(org):
    isi_maret(org)
    services.rekap_bulan_hitung(bulan=MARET)
    pertama = semua_baris()

    services.rekap_bulan_hitung(bulan=MARET)
    assert semua_baris() == pertama

    # A report approved later and one deleted: the re-run follows the source rows.
    LaporanHarian.objects.filter(pegawai=org.staf1, status="DIAJUKAN").update(status="DISETUJUI")
    LaporanHarian.objects.filter(pegawai=org.guru).delete()
    services.rekap_bulan_hitung(bulan=MARET)
    assert baris_pegawai() == {org.staf1.pk: (3, 2, 1, 180, 2), org.staf2.pk: (1, 1, 0, 240, 1)}


@pytest.mark.django_db
def test_rekap_tanpa_loop_per_pegawai(org):
    isi_maret(org)
    with CaptureQueriesContext(connection) as sedikit:
        services.rekap_bulan_hitung(bulan=MARET)
    for i in range(20):  # 20 half-hour slots from 08:00 (reports may not overlap)
        mulai, selesai = (f"{8 + j // 2:02d}:{30 * (j % 2):02d}" for j in (i, i + 1))
        lapor(org.staf1, org.rhk1, date(2026, 3, 20), mulai, selesai)
    with CaptureQueriesContext(connection) as banyak:
        services.rekap_bulan_hitung(bulan=MARET)
    assert len(sedikit) == len(banyak)


@pytest.mark.django_db
def test_perintah_rekap_kinerja(org, capsys):
    isi_maret(org)
    call_command("rekap_kinerja", "--bulan", "2026-03")
    assert "Rekap 2026-03: 3 baris pegawai" in capsys.readouterr().out
    assert len(baris_pegawai()) == 3
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Bulan 13 tidak ada"):
        call_command("rekap_kinerja", "--bulan", "2026-13")


@pytest.mark.django_db
def test_api_rekap_tercakup(org):
    isi_maret(org)
    services.rekap_bulan_hitung(bulan=MARET)
    url = "/api/v1/kinerja/rekap/"

    def nips(user, **params):
        resp = klien(user).get(url, {"bulan": "2026-03", **params})
        assert resp.status_code == 200, resp.content
        return {r["nip"]: r for r in resp.json()["results"]}

    rows = nips(org.kabid.user)
    assert set(rows) == {org.staf1.nip, org.staf2.nip}
    assert rows[org.staf1.nip] == {
        "nip": org.staf1.nip, "nama": org.staf1.nama, "bulan": "2026-03", "jumlah_laporan": 3,
        "laporan_disetujui": 1, "laporan_dikembalikan": 1, "total_menit": 180, "hari_lapor": 2,
    }  # fmt: skip
    assert set(nips(org.staf1.user)) == {org.staf1.nip}
    assert set(nips(org.op_disdik)) == {org.guru.nip}
    assert set(nips(org.admin, unit_kerja=org.disdik.pk)) == {org.guru.nip}
    resp = klien(org.admin).get(url, {"bulan": "2026-13"})
    assert resp.status_code == 400
    assert resp.json()["bulan"] == ["Bulan 13 tidak ada: gunakan 01 sampai 12."]
    assert klien(org.admin).get(url).json()["bulan"] == ["Parameter bulan (YYYY-MM) wajib diisi."]


@pytest.mark.django_db
def test_jadwal_beat_ada():
    from django_celery_beat.models import PeriodicTask

    tugas = PeriodicTask.objects.get(task="kinerja.tasks.rekap_kinerja_malam")
    assert (tugas.crontab.hour, tugas.crontab.minute, str(tugas.crontab.timezone)) == (
        "1",
        "30",
        "Asia/Jakarta",
    )


def test_bulan_rekap_malam():
    assert services.bulan_rekap_malam(date(2026, 1, 5)) == [date(2025, 12, 1), date(2026, 1, 1)]
    assert services.bulan_rekap_malam(date(2026, 7, 31)) == [date(2026, 6, 1), date(2026, 7, 1)]


@pytest.mark.django_db
def test_rekap_dijadwalkan_setelah_commit(org, django_capture_on_commit_callbacks, monkeypatch):
    from kinerja import tasks

    terkirim = []
    monkeypatch.setattr(
        tasks.rekap_kinerja_bulan, "apply_async", lambda args=None, **kw: terkirim.append(*args)
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.rekap_jadwalkan(bulan=MARET)
        assert terkirim == []
    assert len(callbacks) == 1
    assert terkirim == ["2026-03-01"]


@pytest.mark.django_db
def test_broker_mati_tidak_merusak_permintaan(org, django_capture_on_commit_callbacks, monkeypatch):
    from inti import pemutus
    from inti.models import TugasTertunda
    from kinerja import tasks

    def gagal(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(tasks.rekap_kinerja_bulan, "apply_async", gagal)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.rekap_jadwalkan(bulan=MARET)  # recorded for later, not raised
    finally:
        pemutus.broker.tutup()
    assert TugasTertunda.objects.get().argumen == ["2026-03-01"]


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"),
    reason="REDIS_URL tidak diatur: uji worker Celery sungguhan memerlukan Redis.",
)
@pytest.mark.django_db(transaction=True)
def test_rekap_di_worker_celery_sungguhan(settings):
    """The task travels through Redis to a real worker (threads, same test database)."""
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun

    from asn_hr.celery import app
    from kinerja.tasks import rekap_kinerja_bulan
    from tests.kinerja.factories import buat_org

    org = buat_org()
    isi_maret(org)
    selesai = threading.Event()

    def tandai(sender=None, **kwargs):
        if getattr(sender, "name", None) == rekap_kinerja_bulan.name:
            selesai.set()

    task_postrun.connect(tandai, weak=False)
    app.conf.task_always_eager = False
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", concurrency=1):
            rekap_kinerja_bulan.delay("2026-03-01")
            # The worker runs in a thread of this process: wait for its signal (bounded).
            assert selesai.wait(timeout=30), "worker tidak menjalankan tugas dalam 30 detik"
        assert baris_pegawai()[org.staf1.pk] == (3, 1, 1, 180, 2)
    finally:
        task_postrun.disconnect(tandai)
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
