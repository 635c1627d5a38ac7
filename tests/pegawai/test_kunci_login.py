"""Lock-out by strangers (issue 16, item 2) and the API token policy (item 6).

The lock is per (account, address) first (5 failures), per address second (30 failures, any
accounts). The owner gets back in by a password reset, or by Admin BKD deleting the lock in the
admin. Behind `PROXY_TERPERCAYA` proxies the address is read from X-Forwarded-For, by the
lock-out and the rate limiter alike. Tokens die with a new password or a deactivated account
and after `TOKEN_API_UMUR_JAM`.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from inti.alamat import alamat_ip
from inti.laju import alamat_klien
from tests.factories import PASSWORD, PegawaiFactory, admin_bkd

pytestmark = pytest.mark.django_db

URL_MASUK = "/masuk/"
URL_TOKEN = "/api/v1/auth/token/"
URL_TOKEN_SAYA = "/api/v1/auth/token/saya/"


def masuk(client, username, password=PASSWORD, ip="127.0.0.1", **meta):
    return client.post(
        URL_MASUK, {"username": username, "password": password}, REMOTE_ADDR=ip, **meta
    )


def minta_token(username, password=PASSWORD, ip="127.0.0.1"):
    return APIClient().post(
        URL_TOKEN, {"username": username, "password": password}, format="json", REMOTE_ADDR=ip
    )


@pytest.fixture
def pemilik():
    pegawai = PegawaiFactory(email="pemilik@lampungprov.go.id")
    pegawai.user.email = pegawai.email
    pegawai.user.save()
    return pegawai


# --- lock-out -------------------------------------------------------------------------------


def test_orang_asing_tidak_dapat_mengunci_pemilik_akun(client, settings, pemilik):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        masuk(client, pemilik.nip, "tebakan", ip="203.0.113.9")
    assert masuk(client, pemilik.nip, ip="203.0.113.9").status_code == 429  # the pair is locked
    assert masuk(client, pemilik.nip, ip="198.51.100.7").status_code == 302  # the owner is not
    assert minta_token(pemilik.nip, ip="198.51.100.7").status_code == 200


@pytest.mark.parametrize("gagal, terkunci", [(4, False), (5, True)])
def test_pair_limit_boundary(client, settings, pemilik, gagal, terkunci):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(gagal):
        masuk(client, pemilik.nip, "tebakan", ip="203.0.113.9")
    assert (masuk(client, pemilik.nip, ip="203.0.113.9").status_code == 429) is terkunci


@pytest.mark.parametrize("gagal, terkunci", [(29, False), (30, True)])
def test_address_limit_boundary_across_accounts(client, settings, pemilik, gagal, terkunci):
    assert settings.AXES_BATAS_PER_ALAMAT == 30
    for i in range(gagal):  # 4 tries each on many accounts: no pair reaches its limit
        masuk(client, f"tebakan{i // 4}", "salah", ip="203.0.113.9")
    assert (masuk(client, pemilik.nip, ip="203.0.113.9").status_code == 429) is terkunci
    assert masuk(client, pemilik.nip, ip="198.51.100.7").status_code == 302


def test_atur_ulang_sandi_membuka_kunci_akun(client, settings, pemilik):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        masuk(client, pemilik.nip, "tebakan")
    assert masuk(client, pemilik.nip).status_code == 429

    assert client.post(reverse("password_reset"), {"email": pemilik.email}).status_code == 302
    tautan = re.search(r"http://testserver(/akun/atur-kata-sandi/\S+/)", mail.outbox[0].body)
    halaman = client.get(tautan.group(1), follow=True)
    baru = "Lampung-Baru-2026!"
    resp = client.post(
        halaman.redirect_chain[-1][0], {"new_password1": baru, "new_password2": baru}
    )
    assert resp.status_code == 302
    assert not AccessAttempt.objects.filter(username=pemilik.nip).exists()
    assert masuk(client, pemilik.nip, baru).status_code == 302


def test_admin_bkd_membuka_kunci_di_admin(client, settings, pemilik):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        masuk(client, pemilik.nip, "tebakan")
    percobaan = AccessAttempt.objects.get(username=pemilik.nip)
    staf = client.__class__()
    staf.force_login(admin_bkd())
    url = reverse("admin:axes_accessattempt_delete", args=[percobaan.pk])
    assert staf.post(url, {"post": "yes"}).status_code == 302
    assert masuk(client, pemilik.nip).status_code == 302


def test_nama_pengguna_terlalu_panjang_dihitung_tanpa_galat(client):
    resp = masuk(client, "x" * 10_000, "salah")
    assert resp.status_code == 200
    assert "Nama pengguna atau NIP terlalu panjang" in resp.content.decode()


# --- the client address behind proxies -------------------------------------------------------


@pytest.mark.parametrize(
    "proxy, xff, harapan",
    [
        (0, "6.6.6.6", "10.0.0.2"),  # no proxy configured: the header is not trusted
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # nginx appended the real client; 6.6.6.6 is forged
        (1, "1.2.3.4", "1.2.3.4"),
        (2, "6.6.6.6, 1.2.3.4, 10.0.0.9", "1.2.3.4"),
        (1, "", "10.0.0.2"),  # header missing: the peer address
    ],
)
def test_alamat_klien_dari_proxy_tepercaya(settings, proxy, xff, harapan):
    settings.PROXY_TERPERCAYA = proxy
    meta = {"REMOTE_ADDR": "10.0.0.2"}
    if xff:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    request = RequestFactory().get("/", **meta)
    assert alamat_ip(request) == harapan
    assert alamat_klien(request) == harapan


def test_di_balik_proxy_warga_tidak_berbagi_satu_kunci(client, settings, pemilik):
    settings.PROXY_TERPERCAYA = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        masuk(client, pemilik.nip, "tebakan", ip="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    lewat_proxy = {"ip": "10.0.0.2"}
    assert (
        masuk(client, pemilik.nip, **lewat_proxy, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code
        == 429
    )
    assert (
        masuk(client, pemilik.nip, **lewat_proxy, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code
        == 302
    )


# --- API tokens -----------------------------------------------------------------------------


def _api(token):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api


def test_token_dicabut_saat_sandi_berubah(pemilik):
    token = minta_token(pemilik.nip).json()["token"]
    assert _api(token).get("/api/v1/me/").status_code == 200
    pemilik.user.set_password("Sandi-Baru-2026!")
    pemilik.user.save()
    assert _api(token).get("/api/v1/me/").status_code == 401


def test_token_dicabut_saat_akun_dinonaktifkan(pemilik):
    token = minta_token(pemilik.nip).json()["token"]
    pemilik.user.is_active = False
    pemilik.user.save()
    assert not Token.objects.filter(key=token).exists()


def test_token_dicabut_saat_data_pegawai_dinonaktifkan(pemilik):
    token = minta_token(pemilik.nip).json()["token"]
    pemilik.nama = "Nama Baru"
    pemilik.save()  # an ordinary change keeps the token
    assert Token.objects.filter(key=token).exists()
    pemilik.aktif = False
    pemilik.save()
    assert not Token.objects.filter(key=token).exists()


def test_last_login_tidak_mencabut_token(pemilik):
    token = minta_token(pemilik.nip).json()["token"]
    assert minta_token(pemilik.nip).json()["token"] == token  # the login saved last_login


@pytest.mark.parametrize("umur_jam, berlaku", [(23, True), (24, False)])
def test_token_expires(settings, pemilik, umur_jam, berlaku):
    settings.TOKEN_API_UMUR_JAM = 24
    token = minta_token(pemilik.nip).json()["token"]
    Token.objects.filter(key=token).update(created=timezone.now() - timedelta(hours=umur_jam))
    resp = _api(token).get("/api/v1/me/")
    assert resp.status_code == (200 if berlaku else 401)
    if not berlaku:
        assert "kedaluwarsa" in resp.json()["detail"]
        assert minta_token(pemilik.nip).json()["token"] != token  # a new one at the next login


def test_pemilik_melihat_daftar_dan_mencabut_tokennya(pemilik):
    token = minta_token(pemilik.nip).json()["token"]
    api = _api(token)
    daftar = api.get(URL_TOKEN_SAYA).json()
    assert len(daftar) == 1
    assert daftar[0]["awalan"] == token[:6]
    assert token not in str(daftar)  # the key itself is never shown again
    assert "kedaluwarsa" in daftar[0]
    assert api.delete(URL_TOKEN_SAYA).status_code == 204
    assert api.get(URL_TOKEN_SAYA).status_code == 401


def test_halaman_profil_menampilkan_dan_mencabut_token(client, pemilik):
    minta_token(pemilik.nip)
    client.force_login(pemilik.user)
    html = client.get(reverse("profil")).content.decode()
    assert "Token API" in html and "Cabut token" in html
    resp = client.post(reverse("token-cabut"))
    assert resp.status_code == 302
    assert not Token.objects.filter(user=pemilik.user).exists()
    assert "Belum ada token API aktif" in client.get(reverse("profil")).content.decode()
