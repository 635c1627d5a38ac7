"""Helpers shared by the figures of `manage.py bench`."""

from __future__ import annotations

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import User
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from inti import waktu
from kinerja.models import LaporanHarian, Rhk
from pegawai.models import OperatorOpd, Pegawai, UnitKerja

BASE_DIR = Path(settings.BASE_DIR)

# Where a figure prints its line.
Tulis = Callable[[str], None]


def median_waktu(fn: Callable[[], Any], ulang: int) -> float:
    hasil = []
    for _ in range(ulang):
        t = time.perf_counter()
        fn()
        hasil.append(time.perf_counter() - t)
    return statistics.median(hasil)


def gabung_putaran(hasil: list[dict]) -> dict:
    """Load-generator rounds as one: requests over total time, median p50/p95."""
    detik = sum(h["detik"] for h in hasil)
    status: dict[str, int] = {}
    for h in hasil:
        for k, v in h["status"].items():
            status[k] = status.get(k, 0) + v
    return {
        "jumlah": sum(h["jumlah"] for h in hasil),
        "gagal": sum(h["gagal"] for h in hasil),
        "per_detik": sum(h["jumlah"] for h in hasil) / detik if detik else 0.0,
        "p50_ms": statistics.median(h["p50_ms"] for h in hasil),
        "p95_ms": statistics.median(h["p95_ms"] for h in hasil),
        "status": status,
    }


def ya(ok: bool) -> str:
    return "OK" if ok else "TIDAK"


def url_database() -> str:
    d = connection.settings_dict
    auth = urllib.parse.quote(d["USER"] or "")
    if d.get("PASSWORD"):
        auth += ":" + urllib.parse.quote(d["PASSWORD"])
    return f"postgres://{auth}@{d['HOST'] or 'localhost'}:{d['PORT'] or 5432}/{d['NAME']}"


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def klien_api() -> Client:
    # Production settings redirect plain HTTP to HTTPS: ask as HTTPS, from localhost.
    return Client(HTTP_HOST="localhost", enforce_csrf_checks=False)


def get_api(klien: Client, url: str, token: str, **params: Any) -> tuple[dict, int]:
    """(JSON body, number of queries) of one API GET."""
    with CaptureQueriesContext(connection) as q:
        r = klien.get(url, params, HTTP_AUTHORIZATION=f"Token {token}", secure=True)
    if r.status_code != 200:
        raise CommandError(f"GET {url}: HTTP {r.status_code} {r.content[:300]!r}")
    return r.json(), len(q)


def token_untuk(user_id: int) -> str:
    return Token.objects.get_or_create(user_id=user_id)[0].key


def unit_uji(kode: str) -> UnitKerja:
    return UnitKerja.objects.create(kode=kode, nama=f"Unit uji {kode}")


def operator_uji(nama: str, unit: UnitKerja) -> User:
    user = User.objects.create(username=nama, password=f"{UNUSABLE_PASSWORD_PREFIX}bench")
    OperatorOpd.objects.create(user=user, unit_kerja=unit)
    return user


def tunggu(url: str, server: subprocess.Popen) -> None:
    batas = time.monotonic() + 60
    while time.monotonic() < batas:
        if server.poll() is not None:
            raise CommandError("gunicorn berhenti sebelum siap.")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise CommandError("gunicorn tidak siap dalam 60 detik.")


def beban(url: str, u: dict[str, Any], laporan: str | None = None) -> dict:
    perintah = [sys.executable, "-m", "bench.beban", url, "--klien", str(u["klien"]),
                "--durasi", str(u["durasi"]), "--maks", str(u["maks"]),
                "--pemanasan", str(min(1.0, u["durasi"] / 4))]  # fmt: skip
    if laporan:
        perintah += ["--laporan", laporan]
    r = subprocess.run(perintah, cwd=BASE_DIR, capture_output=True, text=True,
                       timeout=u["durasi"] + 120)  # fmt: skip
    if r.returncode != 0:
        raise CommandError(f"bench.beban gagal: {r.stderr[-2000:]}")
    return json.loads(r.stdout)


@dataclass
class Pelapor:
    """What a load test of filing needs: the server's base URL, the load generator's file of
    employees (token, their RHK) and dates, and the reports the test files."""

    basis: str
    berkas: str
    milik: Any  # QuerySet of LaporanHarian

    def bersihkan(self) -> None:
        """Remove the reports filed by the test (each round files into the same slots)."""
        self.milik.delete()


@contextmanager
def pelapor_gunicorn(n_pegawai: int, workers: int) -> Iterator[Pelapor]:
    """Up to `n_pegawai` active employees with an approved SKP this year and a supervisor, a
    fresh API token each, the four past days as filing dates, and gunicorn (`bench.settings`)
    serving on a free loopback port. On exit: the server stopped, the tokens, the file and
    the filed reports removed."""
    hari_ini = waktu.hari_ini()
    tanggal = [hari_ini - timedelta(days=d) for d in range(1, 5)]
    pegawai = list(
        Pegawai.objects.filter(aktif=True, atasan__isnull=False, user__isnull=False,
                               skp__tahun=hari_ini.year, skp__status="DISETUJUI")
        .order_by("pk").values_list("pk", "user_id")[:n_pegawai]
    )  # fmt: skip
    if not pegawai:
        raise CommandError("Tidak ada pegawai dengan SKP disetujui di database bench.")
    ids = [p for p, _ in pegawai]
    rhk: dict[int, list[int]] = {}
    for pid, rid in Rhk.objects.filter(
        skp__pegawai_id__in=ids, skp__tahun=hari_ini.year, skp__status="DISETUJUI"
    ).values_list("skp__pegawai_id", "pk"):
        rhk.setdefault(pid, []).append(rid)
    pelapor = Pelapor(
        basis="",
        berkas="",
        milik=LaporanHarian.objects.filter(
            pegawai_id__in=ids, tanggal__in=tanggal, uraian="Uji beban API"
        ),
    )
    pelapor.bersihkan()
    token = {uid: Token.generate_key() for _, uid in pegawai}
    Token.objects.filter(user_id__in=list(token)).delete()
    Token.objects.bulk_create([Token(user_id=uid, key=key) for uid, key in token.items()])
    port = port_bebas()
    pelapor.basis = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings",
           "DATABASE_URL": url_database(), "PYTHONPATH": str(BASE_DIR)}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "asn_hr.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning"],
        cwd=BASE_DIR, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        tunggu(f"{pelapor.basis}/bench/ping", server)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"tanggal": [d.isoformat() for d in tanggal],
                       "pegawai": [[token[uid], rhk[pid]] for pid, uid in pegawai
                                   if pid in rhk]}, f)  # fmt: skip
        pelapor.berkas = f.name
        yield pelapor
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        Token.objects.filter(key__in=list(token.values())).delete()
        if pelapor.berkas:
            os.unlink(pelapor.berkas)
        pelapor.bersihkan()
