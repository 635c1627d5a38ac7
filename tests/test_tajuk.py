"""Headers (issue 16, item 8): a strict Content-Security-Policy with no inline script on the
main pages, `Cache-Control: private, no-store` on pages and API answers with personal data,
and no `Server: gunicorn` banner from the shipped gunicorn config."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import PASSWORD, PegawaiFactory, UserFactory, admin_bkd

pytestmark = pytest.mark.django_db
AKAR = Path(__file__).resolve().parent.parent
SKRIP = re.compile(r"<script\b([^>]*)>", re.I)


def _skrip_sebaris(html: str) -> list[str]:
    """Inline <script> tags that would run without a nonce (JSON data blocks are inert)."""
    return [
        a
        for a in SKRIP.findall(html)
        if "src=" not in a and "application/json" not in a and "nonce=" not in a
    ]


def _csp(resp) -> dict[str, str]:
    return {
        bagian.split()[0]: " ".join(bagian.split()[1:])
        for bagian in resp["Content-Security-Policy"].split(";")
        if bagian.strip()
    }


def test_kebijakan_ketat(client):
    kebijakan = _csp(client.get(reverse("login")))
    assert kebijakan["default-src"] == "'self'"
    assert kebijakan["script-src"].split()[0] == "'self'"
    assert "unsafe-inline" not in kebijakan["script-src"]
    assert "unsafe-eval" not in kebijakan["script-src"]
    assert kebijakan["frame-ancestors"] == "'none'"
    assert kebijakan["object-src"] == "'none'"


def test_halaman_utama_tanpa_skrip_inline(client):
    pegawai = PegawaiFactory()
    halaman_publik = [reverse("login"), "/pengaduan/", "/pengaduan/ajukan/", "/pengaduan/survei/"]
    for url in halaman_publik:
        resp = client.get(url)
        assert resp.status_code == 200, url
        assert _skrip_sebaris(resp.content.decode()) == [], url
    client.force_login(pegawai.user)
    for url in ["/", "/profil/", "/kinerja/", "/kinerja/antrian/", "/pelatihan/", "/karier/"]:
        resp = client.get(url, follow=True)
        assert resp.status_code == 200, url
        assert _skrip_sebaris(resp.content.decode()) == [], url
    client.force_login(admin_bkd())
    ubah = f"/admin/pegawai/pegawai/{pegawai.pk}/change/"
    admin_url = ["/admin/", "/admin/pegawai/pegawai/", ubah, "/jadwal/", "/api/docs/"]
    for url in admin_url:
        resp = client.get(url)
        assert resp.status_code == 200, url
        assert _skrip_sebaris(resp.content.decode()) == [], url
    # The raw django-celery-beat admin is for superusers only (HR uses /jadwal/).
    assert client.get("/admin/django_celery_beat/periodictask/add/").status_code == 403
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    resp = client.get("/admin/django_celery_beat/periodictask/add/")
    assert resp.status_code == 200
    assert _skrip_sebaris(resp.content.decode()) == []


def test_skrip_awal_swagger_berupa_berkas(client):
    client.force_login(admin_bkd())
    html = client.get("/api/docs/").content.decode()
    src = re.findall(r'<script src="([^"]+)"', html)
    assert any("/api/docs/" in s for s in src), src


def test_halaman_dan_api_tidak_disimpan(client):
    pegawai = PegawaiFactory()
    client.force_login(pegawai.user)
    assert client.get("/profil/")["Cache-Control"] == "private, no-store"
    token = APIClient().post(
        "/api/v1/auth/token/", {"username": pegawai.nip, "password": PASSWORD}, format="json"
    )
    assert token["Cache-Control"] == "private, no-store"
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.json()['token']}")
    assert api.get("/api/v1/me/")["Cache-Control"] == "private, no-store"


def _port_bebas() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_gunicorn_tidak_mengirim_banner_server():
    port = _port_bebas()
    env = {**os.environ, "PORT": str(port), "WEB_CONCURRENCY": "1", "DEBUG": "0",
           "SECURE_SSL_REDIRECT": "0"}  # fmt: skip
    proses = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "asn_hr.wsgi:application", "-b", f"127.0.0.1:{port}"],
        cwd=AKAR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        akhir = time.monotonic() + 60
        while True:
            try:
                jawab = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
                break
            except OSError:
                if time.monotonic() > akhir or proses.poll() is not None:
                    pytest.fail("gunicorn tidak menjawab")
                time.sleep(0.2)  # polling interval until the server listens
        assert jawab.headers.get("Server") is None
    finally:
        proses.terminate()
        proses.wait(timeout=30)
