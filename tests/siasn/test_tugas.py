"""Celery wiring: a row is handed to the queue only after commit, a dead broker never breaks
the user's save, the task retries BKN's transient trouble with the row's backoff (bounded)
and not refusals, and a real worker delivers through Redis."""

from __future__ import annotations

import os
import threading

import pytest

from siasn import rules, tasks
from siasn.models import Kiriman, StatusKiriman
from tests.kinerja.factories import buat_org
from tests.siasn.helpers import nilai


@pytest.fixture
def org(db):
    return buat_org()


@pytest.fixture
def pns(siasn, org):
    siasn.tanam_pns(org.staf1.nip, id="pns-staf1")
    return siasn


@pytest.mark.django_db
def test_tugas_diantrekan_setelah_commit(pns, org, django_capture_on_commit_callbacks, monkeypatch):
    antre = []
    monkeypatch.setattr(tasks.siasn_kirim_kiriman, "delay", lambda i: antre.append(i))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        nilai(org)
        assert antre == []  # not before the appraisal is committed
    # SIASN's delivery and kinerja's mail to the employee (issue 14).
    assert len(callbacks) == 2
    assert antre == [Kiriman.objects.get().pk]


@pytest.mark.django_db
def test_broker_mati_tidak_menggagalkan_penyimpanan(
    pns, org, django_capture_on_commit_callbacks, monkeypatch
):
    def gagal(_):
        raise ConnectionError("redis down")

    monkeypatch.setattr(tasks.siasn_kirim_kiriman, "delay", gagal)
    with django_capture_on_commit_callbacks(execute=True):
        p = nilai(org)  # logged, not raised
    assert p.pk is not None
    assert Kiriman.objects.get().status == StatusKiriman.MENUNGGU


class Ulang(Exception):
    pass


@pytest.mark.django_db
def test_tugas_mengulang_5xx_dengan_jeda_baris(pns, org, monkeypatch):
    nilai(org)
    kiriman = Kiriman.objects.get()
    dicatat = []

    def retry(countdown=None, **kw):
        dicatat.append(countdown)
        raise Ulang

    monkeypatch.setattr(tasks.siasn_kirim_kiriman, "retry", retry)
    pns.k.gagal_5xx = 1
    with pytest.raises(Ulang):
        tasks.siasn_kirim_kiriman(kiriman.pk)
    assert dicatat == [30]
    Kiriman.objects.filter(pk=kiriman.pk).update(kirim_setelah=kiriman.dibuat)
    assert tasks.siasn_kirim_kiriman(kiriman.pk) == "TERKIRIM"
    assert len(pns.tersimpan("skp22")) == 1


@pytest.mark.django_db
def test_tugas_tidak_mengulang_penolakan(pns, org, monkeypatch):
    nilai(org)
    monkeypatch.setattr(
        tasks.siasn_kirim_kiriman, "retry", lambda **kw: pytest.fail("tidak boleh diulang")
    )
    pns.k.tolak_pesan, pns.k.tolak_sisa = "Data tidak valid", 1
    assert tasks.siasn_kirim_kiriman(Kiriman.objects.get().pk) == "DITOLAK"


def test_batas_ulang_tugas():
    assert tasks.siasn_kirim_kiriman.max_retries == rules.MAKS_ULANG_TUGAS == 5


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"),
    reason="REDIS_URL tidak diatur: uji worker Celery sungguhan memerlukan Redis.",
)
@pytest.mark.django_db(transaction=True)
def test_worker_celery_sungguhan_mengirim_sekali(siasn, settings):
    """The task travels through Redis (a queue of this test process only) to a real worker
    thread, which delivers the appraisal to the simulator."""
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun

    from asn_hr.celery import app

    org = buat_org()
    siasn.tanam_pns(org.staf1.nip, id="pns-staf1")
    nilai(org)  # committed: its own on_commit hand-off goes to the default queue, unused here
    kiriman = Kiriman.objects.get()
    antrean = f"siasn-uji-{os.getpid()}"
    selesai = threading.Event()

    def tandai(sender=None, **kwargs):
        if getattr(sender, "name", None) == tasks.siasn_kirim_kiriman.name:
            selesai.set()

    task_postrun.connect(tandai, weak=False)
    app.conf.task_always_eager = False
    try:
        with start_worker(
            app, perform_ping_check=False, pool="solo", concurrency=1, queues=[antrean]
        ):
            tasks.siasn_kirim_kiriman.apply_async((kiriman.pk,), queue=antrean)
            assert selesai.wait(timeout=30), "worker tidak menjalankan tugas dalam 30 detik"
    finally:
        task_postrun.disconnect(tandai)
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
    kiriman.refresh_from_db()
    assert kiriman.status == StatusKiriman.TERKIRIM
    assert len(siasn.tersimpan("skp22")) == 1
