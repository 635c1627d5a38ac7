"""Helpers shared by the figures of `manage.py bench`."""

from __future__ import annotations

import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
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

from pegawai.models import OperatorOpd, UnitKerja

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
