"""Error pages a user meets with DEBUG off: Indonesian, in the site's layout, with a way back.

Django's own pages are English ("Not Found", "Server Error (500)", "Forbidden (403)"); none of
that may reach a citizen or an employee.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.views import defaults

from tests.factories import PegawaiFactory

DJANGO_ENGLISH = ("Not Found", "Server Error", "Forbidden", "Bad Request", "CSRF verification")


def _indonesian_page(body: str, judul: str) -> None:
    assert judul in body
    assert 'lang="id"' in body
    assert "ASN HR Lampung" in body  # the site's header, not a bare page
    for english in DJANGO_ENGLISH:
        assert english not in body


@pytest.fixture(autouse=True)
def _produksi(settings):
    settings.DEBUG = False


@pytest.mark.django_db
def test_kode_lacak_salah_ketik_404_berbahasa_indonesia_menuju_halaman_pengaduan(client):
    resp = client.get("/pengaduan/lacak/SALAH-KETIK-123/")
    assert resp.status_code == 404
    body = resp.content.decode()
    _indonesian_page(body, "Halaman tidak ditemukan")
    assert 'href="/pengaduan/"' in body  # a citizen's way back


@pytest.mark.django_db
def test_alamat_tak_dikenal_404_berbahasa_indonesia(client):
    resp = client.get("/tidak-ada-halaman-ini/")
    assert resp.status_code == 404
    _indonesian_page(resp.content.decode(), "Halaman tidak ditemukan")


@pytest.mark.django_db
def test_data_di_luar_hak_404_berbahasa_indonesia_dengan_jalan_ke_beranda(client):
    saya = PegawaiFactory()
    orang_lain = PegawaiFactory()
    client.force_login(saya.user)
    resp = client.get(f"/pegawai/{orang_lain.nip}/")
    assert resp.status_code == 404
    body = resp.content.decode()
    _indonesian_page(body, "Halaman tidak ditemukan")
    assert "Kembali ke beranda" in body
    assert orang_lain.nama not in body


@pytest.mark.django_db
def test_formulir_kedaluwarsa_403_berbahasa_indonesia():
    client = Client(enforce_csrf_checks=True)
    resp = client.post("/masuk/", {"username": "x", "password": "y"})
    assert resp.status_code == 403
    _indonesian_page(resp.content.decode(), "Formulir kedaluwarsa")


@pytest.mark.django_db
def test_izin_ditolak_403_berbahasa_indonesia(rf):
    resp = defaults.permission_denied(rf.get("/"), PermissionDenied())
    assert resp.status_code == 403
    _indonesian_page(resp.content.decode(), "Akses ditolak")


@pytest.mark.django_db
def test_permintaan_salah_400_berbahasa_indonesia(rf):
    resp = defaults.bad_request(rf.get("/"), Exception())
    assert resp.status_code == 400
    _indonesian_page(resp.content.decode(), "Permintaan tidak dapat diproses")


def test_galat_server_500_berbahasa_indonesia_tanpa_menyentuh_basis_data(rf):
    """500 renders with no request context (Django's handler), so it works with the DB down."""
    resp = defaults.server_error(rf.get("/"))
    assert resp.status_code == 500
    body = resp.content.decode()
    _indonesian_page(body, "Terjadi kesalahan pada server")
    assert 'href="/pengaduan/"' in body


@pytest.mark.django_db
@pytest.mark.urls("tests.urls_galat")
def test_halaman_yang_mogok_menjawab_500_berbahasa_indonesia(client):
    client.raise_request_exception = False
    resp = client.get("/uji-rusak/")
    assert resp.status_code == 500
    _indonesian_page(resp.content.decode(), "Terjadi kesalahan pada server")
