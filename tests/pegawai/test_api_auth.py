"""Token login (`POST /api/v1/auth/token/`), lockout by django-axes, and 401 without login."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import PASSWORD, PegawaiFactory, admin_bkd

pytestmark = pytest.mark.django_db

URL_TOKEN = "/api/v1/auth/token/"
PESAN_TERKUNCI = "Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti."
BATAS = 5  # AXES_FAILURE_LIMIT


def nip_berspasi(nip: str) -> str:
    """The way people type a NIP: `19800101 200501 1 001`."""
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def minta_token(username: str, password: str, ip: str = "127.0.0.1"):
    return APIClient().post(
        URL_TOKEN, {"username": username, "password": password}, format="json", REMOTE_ADDR=ip
    )


@pytest.fixture
def pegawai():
    return PegawaiFactory()


def test_token_dengan_nip(pegawai):
    resp = minta_token(pegawai.nip, PASSWORD)

    assert resp.status_code == 200
    assert resp.json() == {"token": Token.objects.get(user=pegawai.user).key}


def test_token_dengan_nip_berspasi(pegawai):
    resp = minta_token(nip_berspasi(pegawai.nip), PASSWORD)

    assert resp.status_code == 200
    assert resp.json()["token"] == Token.objects.get(user=pegawai.user).key


def test_token_dengan_username_staf():
    user = admin_bkd()

    resp = minta_token("admin.bkd", PASSWORD)

    assert resp.status_code == 200
    assert resp.json()["token"] == Token.objects.get(user=user).key


def test_token_sama_pada_login_berikutnya(pegawai):
    pertama = minta_token(pegawai.nip, PASSWORD).json()["token"]
    kedua = minta_token(pegawai.nip, PASSWORD).json()["token"]

    assert pertama == kedua


@pytest.mark.parametrize("salah", ["password", "username"])
def test_kredensial_salah_400(pegawai, salah):
    username = "199912312020121999" if salah == "username" else pegawai.nip
    password = "bukan-ini" if salah == "password" else PASSWORD

    resp = minta_token(username, password)

    assert resp.status_code == 400
    # Same message either way: the answer does not tell which accounts exist.
    assert resp.json() == {"non_field_errors": ["NIP/username atau kata sandi salah."]}
    assert not Token.objects.exists()


def test_masukan_kosong_400():
    resp = APIClient().post(URL_TOKEN, {}, format="json")

    assert resp.status_code == 400
    assert set(resp.json()) == {"username", "password"}


def test_terkunci_setelah_lima_kali_gagal_walau_kata_sandi_benar(pegawai):
    jawaban = [minta_token(pegawai.nip, "bukan-ini") for _ in range(BATAS)]

    # The attempt that reaches the limit is already answered as a lockout, in JSON (not the
    # HTML lockout page of the login form).
    assert [r.status_code for r in jawaban] == [400] * (BATAS - 1) + [429]
    assert jawaban[-1]["Content-Type"] == "application/json"
    assert jawaban[-1].json() == {"detail": PESAN_TERKUNCI}
    resp = minta_token(pegawai.nip, PASSWORD)
    assert resp.status_code == 429
    assert resp["Content-Type"] == "application/json"
    assert resp.json() == {"detail": PESAN_TERKUNCI}
    assert not Token.objects.exists()


def test_akun_terkunci_dari_alamat_itu_dengan_cara_ketik_nip_mana_pun(pegawai):
    for i in range(BATAS):
        ketik = nip_berspasi(pegawai.nip) if i % 2 else pegawai.nip
        minta_token(ketik, "bukan-ini", ip="10.0.0.1")

    resp = minta_token(nip_berspasi(pegawai.nip), PASSWORD, ip="10.0.0.1")
    assert resp.status_code == 429
    assert resp.json() == {"detail": PESAN_TERKUNCI}
    # A stranger elsewhere cannot lock the owner out: the lock is per (account, address).
    assert minta_token(pegawai.nip, PASSWORD, ip="10.0.9.9").status_code == 200


def test_alamat_terkunci_setelah_mencoba_banyak_akun(pegawai, settings):
    for i in range(settings.AXES_BATAS_PER_ALAMAT):
        minta_token(f"tebakan{i}", "bukan-ini", ip="10.1.1.1")

    assert minta_token(pegawai.nip, PASSWORD, ip="10.1.1.1").status_code == 429
    # The account itself is not locked: from another address it still logs in.
    assert minta_token(pegawai.nip, PASSWORD, ip="10.2.2.2").status_code == 200


def test_login_berhasil_mengatur_ulang_hitungan_gagal(pegawai):
    for _ in range(BATAS - 1):
        minta_token(pegawai.nip, "bukan-ini")
    assert minta_token(pegawai.nip, PASSWORD).status_code == 200

    for _ in range(BATAS - 1):
        minta_token(pegawai.nip, "bukan-ini")

    assert minta_token(pegawai.nip, PASSWORD).status_code == 200


def test_token_lalu_me(pegawai):
    token = minta_token(pegawai.nip, PASSWORD).json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    resp = client.get("/api/v1/me/")

    assert resp.status_code == 200
    assert resp.json()["nip"] == pegawai.nip


@pytest.mark.parametrize(
    "url", ["/api/v1/me/", "/api/v1/unit-kerja/", "/api/v1/pegawai/", "/api/v1/pegawai/{nip}/"]
)
def test_tanpa_login_401(pegawai, url):
    resp = APIClient().get(url.format(nip=pegawai.nip))

    assert resp.status_code == 401


def test_token_tidak_dikenal_401(pegawai):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token bukan-token-yang-ada")

    assert client.get("/api/v1/me/").status_code == 401


def test_tanpa_login_tidak_bisa_menambah_pegawai(pegawai):
    resp = APIClient().post("/api/v1/pegawai/", {"nama": "Siapa"}, format="json")

    assert resp.status_code == 401
