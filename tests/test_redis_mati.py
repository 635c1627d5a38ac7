"""Redis away (issue 16, item 3): public pages, password reset and the admin's "hitung ulang
rekap" answer normally and quickly when Redis refuses connections or accepts and never
answers. The rate limiter falls back to a local count, every enqueue lands in the outbox
(`TugasTertunda`), and once the broker is back the outbox is sent.

Real sockets on 127.0.0.1: a port nobody listens on (refused) and a listener that accepts and
never answers (hang). The bound per request (2.5 s) is the user-visible promise — without the
fix a hanging Redis held each request ~5 s and the admin action past 60 s.
"""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from datetime import date

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from asn_hr.celery import app as celery_app
from inti import antrean, laju, pemutus
from inti.models import TugasTertunda
from kinerja.models import RekapUnitBulanan
from pengaduan.models import Pengaduan, SurveiKepuasan
from tests.factories import PegawaiFactory, UnitKerjaFactory, admin_bkd

pytestmark = pytest.mark.django_db

BATAS_DETIK = 2.5


def _port_tertutup() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nobody listens there now: connections are refused
    return port


@contextmanager
def _server_gantung():
    """Accepts connections and never answers (a hung Redis)."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    server.settimeout(0.2)
    diterima: list[socket.socket] = []
    berhenti = threading.Event()

    def terima() -> None:
        while not berhenti.is_set():
            try:
                conn, _ = server.accept()
                diterima.append(conn)
            except OSError:
                continue

    t = threading.Thread(target=terima, daemon=True)
    t.start()
    try:
        yield server.getsockname()[1]
    finally:
        berhenti.set()
        t.join(2)
        for c in diterima:
            c.close()
        server.close()


def _atur_broker(url: str) -> None:
    celery_app.conf.broker_url = url
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture(params=["tolak", "gantung"])
def redis_mati(request, settings):
    with _server_gantung() as port_gantung:
        port = _port_tertutup() if request.param == "tolak" else port_gantung
        url = f"redis://127.0.0.1:{port}/0"
        asli = celery_app.conf.broker_url
        caches_asli = settings.CACHES
        settings.CACHES = {
            "default": {**settings.CACHES["default"], "LOCATION": url},
        }
        _atur_broker(url)
        pemutus.cache.tutup()
        pemutus.broker.tutup()
        laju.lokal.kosongkan()
        try:
            yield request.param
        finally:
            settings.CACHES = caches_asli
            _atur_broker(asli)
            pemutus.cache.tutup()
            pemutus.broker.tutup()
            laju.lokal.kosongkan()


@pytest.fixture
def data(db):
    unit = UnitKerjaFactory(kode="DISKES", nama="Dinas Kesehatan")
    pegawai = PegawaiFactory(unit_kerja=unit, email="pemilik@lampungprov.go.id")
    pegawai.user.email = pegawai.email
    pegawai.user.save()
    return unit, pegawai


def _waktu(fungsi, tangkap):
    mulai = time.monotonic()
    with tangkap(execute=True):
        resp = fungsi()
    return resp, time.monotonic() - mulai


def test_halaman_publik_menjawab_cepat_saat_redis_mati(
    redis_mati, data, django_capture_on_commit_callbacks, mailoutbox
):
    unit, pegawai = data
    warga = Client(REMOTE_ADDR="203.0.113.5")
    warga.get(reverse("pengaduan:ajukan"))  # warm the process (templates), no Redis involved
    waktu: dict[str, float] = {}

    resp, waktu["ajukan"] = _waktu(
        lambda: warga.post(
            reverse("pengaduan:ajukan"),
            {"jenis": "PENGADUAN", "judul": "Loket tutup", "isi": "Loket tutup jam 10.",
             "unit_kerja": unit.pk, "email": "w@example.com"},
        ),
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    assert resp.status_code == 302
    kode = Pengaduan.objects.get().kode
    # The confirmation email could not be queued: it waits in the outbox.
    assert TugasTertunda.objects.filter(nama="pengaduan.tasks.kirim_konfirmasi_pengaduan").exists()

    resp, waktu["lacak"] = _waktu(
        lambda: warga.get(reverse("pengaduan:lacak", args=[kode])),
        django_capture_on_commit_callbacks,
    )
    assert resp.status_code == 200 and kode in resp.content.decode()

    resp, waktu["lacak_api"] = _waktu(
        lambda: warga.get(f"/api/v1/pengaduan/lacak/{kode}/"), django_capture_on_commit_callbacks
    )
    assert resp.status_code == 200 and resp.json()["kode"] == kode

    resp, waktu["lacak_tidak_ada"] = _waktu(
        lambda: warga.get(reverse("pengaduan:lacak", args=["ADU-TIDAKADA"])),
        django_capture_on_commit_callbacks,
    )
    assert resp.status_code == 404

    survei = {"unit_kerja": unit.pk, **{f"u{i}": "3" for i in range(1, 10)}}
    resp, waktu["survei"] = _waktu(
        lambda: warga.post(reverse("pengaduan:survei"), survei), django_capture_on_commit_callbacks
    )
    assert resp.status_code == 302 and SurveiKepuasan.objects.count() == 1

    resp, waktu["lupa_sandi"] = _waktu(
        lambda: warga.post(reverse("password_reset"), {"email": pegawai.email}),
        django_capture_on_commit_callbacks,
    )
    assert resp.status_code == 302
    assert len(mail.outbox) == 1

    print(f"\nredis {redis_mati}: " + ", ".join(f"{k} {v:.2f}s" for k, v in waktu.items()))
    assert max(waktu.values()) < BATAS_DETIK, waktu


def test_batas_laju_tetap_berlaku_secara_lokal(redis_mati, data, settings):
    """Fallback is conservative: per process, the limit divided by the web processes."""
    settings.LAJU_PROSES_WEB = 1
    settings.PENGADUAN_BATAS_LAJU = {"survei": (2, 3600)}
    unit, _ = data
    warga = Client(REMOTE_ADDR="203.0.113.6")
    survei = {"unit_kerja": unit.pk, **{f"u{i}": "3" for i in range(1, 10)}}
    kode = [warga.post(reverse("pengaduan:survei"), survei).status_code for _ in range(3)]
    assert kode == [302, 302, 429]


def test_aksi_hitung_ulang_di_admin_menjawab_cepat(
    redis_mati, data, django_capture_on_commit_callbacks, client
):
    unit, _ = data
    rekap = RekapUnitBulanan.objects.create(unit_kerja=unit, bulan=date(2026, 10, 1))
    client.force_login(admin_bkd())
    resp, detik = _waktu(
        lambda: client.post(
            reverse("admin:kinerja_rekapunitbulanan_changelist"),
            {"action": "hitung_ulang", "_selected_action": [rekap.pk]},
        ),
        django_capture_on_commit_callbacks,
    )
    print(f"\nredis {redis_mati}: hitung ulang rekap {detik:.2f}s")
    assert resp.status_code == 302
    assert detik < BATAS_DETIK
    tertunda = TugasTertunda.objects.get(nama="kinerja.tasks.rekap_kinerja_bulan")
    assert tertunda.argumen == ["2026-10-01"]


def test_outbox_dikirim_saat_broker_kembali(monkeypatch):
    """The beat job publishes the recorded tasks, oldest first, and removes each sent row."""
    TugasTertunda.objects.create(nama="kinerja.tasks.rekap_kinerja_bulan", argumen=["2026-10-01"])
    TugasTertunda.objects.create(nama="kinerja.tasks.rekap_kinerja_bulan", argumen=["2026-11-01"])
    terkirim: list = []
    tugas = celery_app.tasks["kinerja.tasks.rekap_kinerja_bulan"]
    monkeypatch.setattr(tugas, "apply_async", lambda args=None, **kw: terkirim.append(args))
    assert antrean.tertunda_kirim_ulang() == 2
    assert terkirim == [["2026-10-01"], ["2026-11-01"]]
    assert not TugasTertunda.objects.exists()


def test_admin_bkd_melihat_outbox_dan_operator_tidak(client):
    from tests.factories import operator

    TugasTertunda.objects.create(nama="kinerja.tasks.rekap_kinerja_bulan", argumen=["2026-10-01"])
    client.force_login(admin_bkd())
    url = reverse("admin:inti_tugastertunda_changelist")
    assert "kinerja.tasks.rekap_kinerja_bulan" in client.get(url).content.decode()
    client.force_login(operator(UnitKerjaFactory(kode="DISKES")))
    assert client.get(url).status_code == 403
