"""A killed worker does not lose the rollup (issue 16, item 4).

A real `celery worker` process against the real Redis, on a queue and key prefix of its own
(parallel-safe). The rollup is held mid-statement by a table lock taken by the test; the
worker is killed with SIGKILL while its statement waits; a new worker starts and — because the
visibility timeout is short here (in production: just above the longest time limit) — gets
the unacknowledged message again, and the rollup ends identical to a clean run.
No sleeping for time: every wait polls a condition until a deadline.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.db import connection

from kinerja import services
from kinerja.models import RekapPegawaiBulanan, RekapRhkBulanan, RekapUnitBulanan

MARET = date(2026, 3, 1)
AKAR = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL") or not os.environ.get("DATABASE_URL"),
        reason="memerlukan Redis dan PostgreSQL sungguhan",
    ),
    pytest.mark.django_db(transaction=True),
]


def tunggu(syarat, *, batas_detik: float, pesan, jeda: float = 0.1):
    """Poll `syarat()` until it returns something truthy, or fail at the deadline."""
    akhir = time.monotonic() + batas_detik
    while time.monotonic() < akhir:
        hasil = syarat()
        if hasil:
            return hasil
        time.sleep(jeda)  # polling interval, not a wait for time to pass
    pytest.fail(pesan() if callable(pesan) else pesan)


def hasil_rekap():
    return (
        sorted(RekapPegawaiBulanan.objects.filter(bulan=MARET).values_list(
            "pegawai", "jumlah_laporan", "laporan_disetujui", "laporan_dikembalikan",
            "total_menit", "hari_lapor")),
        sorted(RekapRhkBulanan.objects.filter(bulan=MARET).values_list(
            "rhk", "jumlah_laporan", "laporan_disetujui")),
        sorted(RekapUnitBulanan.objects.filter(bulan=MARET).values_list(
            "unit_kerja", "jumlah_pegawai", "pegawai_melapor", "jumlah_laporan",
            "laporan_disetujui")),
    )  # fmt: skip


def _hapus_rekap():
    for model in (RekapPegawaiBulanan, RekapRhkBulanan, RekapUnitBulanan):
        model.objects.filter(bulan=MARET).delete()


def _dsn() -> dict:
    db = connection.settings_dict
    return {"dbname": db["NAME"], "user": db["USER"], "host": db["HOST"], "port": db["PORT"]}


def _env_pekerja(antrean: str, prefiks: str) -> dict:
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        REDIS_URL=settings.REDIS_URL,
        CELERY_ANTREAN=antrean,
        CELERY_OPSI_TRANSPORT_JSON=json.dumps(_opsi_uji(prefiks)),
        DB_CONN_MAX_AGE="0",
    )
    return env


def _opsi_uji(prefiks: str) -> dict:
    # Redelivery within seconds here; production keeps time limit + 5 minutes.
    return {
        "global_keyprefix": prefiks,
        "visibility_timeout": 3,
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }


def _mulai_pekerja(env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "asn_hr", "worker", "--pool=solo",
         "--concurrency=1", "-Q", env["CELERY_ANTREAN"], "-l", "info", "--without-gossip",
         "--without-mingle", "--without-heartbeat", "-n", f"{env['CELERY_ANTREAN']}@%h"],
        cwd=AKAR, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip


def _backend_menunggu_kunci(cur):
    cur.execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND state = 'active'"
    )
    return [r[0] for r in cur.fetchall()]


def test_worker_dimatikan_di_tengah_rekap_lalu_worker_baru_menuntaskannya(tmp_path):
    from asn_hr.celery import app
    from kinerja.tasks import rekap_kinerja_bulan
    from tests.kinerja.factories import buat_org
    from tests.kinerja.test_rekap import isi_maret

    isi_maret(buat_org())
    services.rekap_bulan_hitung(bulan=MARET)
    bersih = hasil_rekap()
    assert bersih[0], "the clean run wrote rows"
    _hapus_rekap()

    antrean = f"uji-pekerja-{os.getpid()}"
    prefiks = f"{antrean}:"
    env = _env_pekerja(antrean, prefiks)
    log = tmp_path / "pekerja.log"

    # The publisher (this process) uses the same queue and key prefix as the worker.
    opsi_asli = dict(app.conf.broker_transport_options)
    app.conf.broker_transport_options = {**opsi_asli, **_opsi_uji(prefiks)}
    app.conf.task_always_eager = False
    app._pool = None
    app.amqp._producer_pool = None

    kunci = psycopg2.connect(**_dsn())
    pekerja = [_mulai_pekerja(env, log)]
    try:
        cur = kunci.cursor()
        cur.execute(f"LOCK TABLE {RekapPegawaiBulanan._meta.db_table} IN ACCESS EXCLUSIVE MODE")
        rekap_kinerja_bulan.apply_async(args=[f"{MARET:%Y-%m-%d}"], queue=antrean)

        pantau = psycopg2.connect(**_dsn())
        pantau.autocommit = True
        try:
            pcur = pantau.cursor()
            menunggu = tunggu(
                lambda: _backend_menunggu_kunci(pcur),
                batas_detik=90,
                pesan=lambda: (
                    f"worker tidak sampai ke rekap (rc={pekerja[0].poll()}): "
                    f"{log.read_text()[-2000:]}"
                ),
            )
            # Kill -9 mid-rollup (its statement waits on the lock), then end its orphaned
            # database session so that nothing of it commits later.
            dibunuh = time.monotonic()
            os.killpg(pekerja[0].pid, signal.SIGKILL)
            pekerja[0].wait(timeout=30)
            for pid in menunggu:
                pcur.execute("SELECT pg_terminate_backend(%s)", [pid])
            kunci.rollback()  # release the lock
            assert hasil_rekap() == ([], [], []), "nothing half-written"

            pekerja.append(_mulai_pekerja(env, log))
            tunggu(
                lambda: RekapUnitBulanan.objects.filter(bulan=MARET).exists(),
                batas_detik=120,
                pesan=lambda: (
                    f"rekap tidak selesai setelah pekerja baru: {log.read_text()[-3000:]}"
                ),
                jeda=0.25,
            )
            print(f"\nrekap selesai {time.monotonic() - dibunuh:.1f} s setelah kill -9")
        finally:
            pantau.close()
        assert hasil_rekap() == bersih
    finally:
        kunci.close()
        for p in pekerja:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(timeout=30)
        app.conf.broker_transport_options = opsi_asli
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
        app._pool = None
        app.amqp._producer_pool = None
        import redis

        r = redis.Redis.from_url(settings.REDIS_URL)
        sisa = list(r.scan_iter(match=f"{prefiks}*"))
        if sisa:
            r.delete(*sisa)


def test_visibility_timeout_sedikit_di_atas_batas_waktu_terlama():
    from asn_hr.celery import app

    batas = [settings.CELERY_TASK_TIME_LIMIT] + [
        t.time_limit for t in app.tasks.values() if getattr(t, "time_limit", None)
    ]
    vt = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert max(batas) < vt <= max(batas) + 10 * 60
