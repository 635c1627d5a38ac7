"""Login with NIP or username, lockout after repeated failures, logout, password pages."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from pegawai.forms import PESAN_LOGIN_SALAH
from tests.factories import PASSWORD, PegawaiFactory, admin_bkd

pytestmark = pytest.mark.django_db

URL_MASUK = "/masuk/"


def _nip_berspasi(nip: str) -> str:
    """`198001012005011001` -> `19800101 200501 1 001`, as people copy it from an SK."""
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def _masuk(client, username: str, password: str = PASSWORD):
    return client.post(URL_MASUK, {"username": username, "password": password})


def test_url_masuk_dan_keluar():
    assert reverse("login") == URL_MASUK
    assert reverse("logout") == "/keluar/"
    assert reverse("password_change") == "/akun/kata-sandi/"
    assert reverse("password_reset") == "/akun/lupa-kata-sandi/"


def test_halaman_masuk_berbahasa_indonesia_dan_menautkan_lupa_kata_sandi(client):
    response = client.get(URL_MASUK)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert "NIP atau nama pengguna" in html
    assert "Kata sandi" in html
    assert reverse("password_reset") in html
    assert "belum memiliki kata sandi" in html


def test_masuk_dengan_nip(client):
    pegawai = PegawaiFactory()
    response = _masuk(client, pegawai.nip)
    assert response.status_code == 302
    assert response["Location"] == reverse("beranda")
    assert int(client.session["_auth_user_id"]) == pegawai.user_id


def test_masuk_dengan_nip_berspasi(client):
    pegawai = PegawaiFactory()
    response = _masuk(client, _nip_berspasi(pegawai.nip))
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == pegawai.user_id


def test_masuk_dengan_nama_pengguna_staf(client):
    user = admin_bkd()
    response = _masuk(client, "admin.bkd")
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_masuk_mengikuti_next(client):
    pegawai = PegawaiFactory()
    response = client.post(
        f"{URL_MASUK}?next=/profil/",
        {"username": pegawai.nip, "password": PASSWORD, "next": "/profil/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/profil/"


def test_kata_sandi_salah_menampilkan_pesan_indonesia(client):
    pegawai = PegawaiFactory()
    response = _masuk(client, pegawai.nip, "salah-sekali")
    assert response.status_code == 200
    assert PESAN_LOGIN_SALAH in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_akun_tanpa_kata_sandi_tidak_bisa_masuk(client):
    """Imported accounts have no usable password until activated through the reset link."""
    pegawai = PegawaiFactory()
    pegawai.user.set_unusable_password()
    pegawai.user.save()
    response = _masuk(client, pegawai.nip)
    assert response.status_code == 200
    assert PESAN_LOGIN_SALAH in response.content.decode()


def test_terkunci_setelah_gagal_berulang_walau_kata_sandi_benar(client):
    pegawai = PegawaiFactory()
    batas = settings.AXES_FAILURE_LIMIT
    assert batas == 5
    for _ in range(batas - 1):
        assert _masuk(client, pegawai.nip, "tebakan-salah").status_code == 200
    _masuk(client, pegawai.nip, "tebakan-salah")  # the failure that reaches the limit

    # Typed with spaces it is the same account: still locked, even with the right password.
    response = _masuk(client, _nip_berspasi(pegawai.nip), PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Akses dikunci sementara" in html
    assert "30 menit" in html
    assert "BKD" in html
    assert "_auth_user_id" not in client.session


def test_keluar_dengan_post(client):
    pegawai = PegawaiFactory()
    client.force_login(pegawai.user)
    assert client.get("/keluar/").status_code == 405  # never by a plain link
    response = client.post("/keluar/")
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302


def test_tombol_keluar_adalah_form_post_dengan_csrf(client):
    client.force_login(PegawaiFactory().user)
    html = client.get("/").content.decode()
    form = re.search(r'<form[^>]*action="/keluar/"[^>]*>(.*?)</form>', html, re.S)
    assert form is not None
    assert 'method="post"' in form.group(0)
    assert "csrfmiddlewaretoken" in form.group(1)
    assert "Keluar" in form.group(1)


def test_ganti_kata_sandi(client):
    pegawai = PegawaiFactory()
    client.force_login(pegawai.user)
    response = client.get("/akun/kata-sandi/")
    assert response.status_code == 200
    assert "Kata sandi lama" in response.content.decode()
    response = client.post(
        "/akun/kata-sandi/",
        {
            "old_password": PASSWORD,
            "new_password1": "Lampung-Baru-2026!",
            "new_password2": "Lampung-Baru-2026!",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    pegawai.user.refresh_from_db()
    assert pegawai.user.check_password("Lampung-Baru-2026!")


def test_ganti_kata_sandi_perlu_masuk(client):
    response = client.get("/akun/kata-sandi/")
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")


def test_aktivasi_akun_impor_lewat_lupa_kata_sandi(client):
    """An imported account (no usable password) gets the link at the email HR recorded,
    sets a password and logs in with the NIP."""
    pegawai = PegawaiFactory(email="siti@lampungprov.go.id")
    user = pegawai.user
    user.email = "siti@lampungprov.go.id"
    user.set_unusable_password()
    user.save()

    response = client.post("/akun/lupa-kata-sandi/", {"email": "SITI@lampungprov.go.id"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    pesan = mail.outbox[0]
    assert pesan.to == ["siti@lampungprov.go.id"]
    assert "kata sandi" in pesan.subject.lower()
    assert pegawai.nip in pesan.body
    tautan = re.search(r"http://testserver(/akun/atur-kata-sandi/\S+/)", pesan.body).group(1)

    response = client.get(tautan, follow=True)  # Django swaps the token for a session marker
    assert response.status_code == 200
    assert "Buat kata sandi baru" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "Lampung-Baru-2026!", "new_password2": "Lampung-Baru-2026!"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_complete")

    response = _masuk(client, pegawai.nip, "Lampung-Baru-2026!")
    assert response.status_code == 302


def test_lupa_kata_sandi_tidak_membocorkan_email_dan_melewati_pegawai_nonaktif(client):
    pensiun = PegawaiFactory(aktif=False)
    User.objects.filter(pk=pensiun.user_id).update(email="pensiun@lampungprov.go.id")

    for email in ("tidak.ada@lampungprov.go.id", "pensiun@lampungprov.go.id"):
        response = client.post("/akun/lupa-kata-sandi/", {"email": email})
        assert response.status_code == 302
        assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


@pytest.mark.django_db
def test_lupa_kata_sandi_dibatasi_laju_per_alamat(client, mailoutbox):
    p = PegawaiFactory(email="siti@lampungprov.go.id")
    p.user.email = p.email
    p.user.save()
    for _ in range(5):
        resp = client.post("/akun/lupa-kata-sandi/", {"email": p.email})
        assert resp.status_code == 302
    resp = client.post("/akun/lupa-kata-sandi/", {"email": p.email})
    assert resp.status_code == 429
    assert "Terlalu banyak permintaan dari alamat Anda" in resp.content.decode()
    assert len(mailoutbox) == 5
