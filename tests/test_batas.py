"""Bad input (issue 16, item 7): request size refused before the body is read, import files
over the size/row limit refused before parsing, an overlong username answered in Indonesian."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from rest_framework.test import APIClient

from tests.factories import admin_bkd

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lebih, kode", [(0, 200), (1, 413)])
def test_request_size_limit_page(client, settings, lebih, kode):
    settings.BATAS_UKURAN_PERMINTAAN = 4096
    badan = "x" * (4096 - len("judul=") + lebih)
    resp = client.generic(
        "POST", reverse("pengaduan:ajukan"), f"judul={badan}",
        content_type="application/x-www-form-urlencoded",
    )  # fmt: skip
    assert resp.status_code == kode
    if kode == 413:
        assert "Permintaan terlalu besar: paling besar 0.00390625 MB." in resp.content.decode()


def test_batas_ukuran_permintaan_api_menjawab_json(settings):
    settings.BATAS_UKURAN_PERMINTAAN = 1024
    resp = APIClient().post(
        "/api/v1/auth/token/", {"username": "a" * 2000, "password": "x"}, format="json"
    )
    assert resp.status_code == 413
    assert resp.json()["detail"].startswith("Permintaan terlalu besar")


def test_login_api_dengan_nama_pengguna_terlalu_panjang_menjadi_400_yang_jelas():
    resp = APIClient().post(
        "/api/v1/auth/token/", {"username": "a" * 10_000, "password": "x"}, format="json"
    )
    assert resp.status_code == 400
    assert "150" in resp.json()["username"][0]


def _xlsx(baris: int) -> bytes:
    buku = Workbook()
    lembar = buku.active
    lembar.append(["Kode Unit Kerja", "Kode Jabatan", "Kebutuhan"])
    for i in range(baris):
        lembar.append(["DISKES", f"J{i}", 1])
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def _bom_xlsx(ukuran: int) -> bytes:
    """A tiny zip whose worksheet expands to `ukuran` bytes (a zip bomb shape)."""
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet>" + "<row/>" * (ukuran // 6))
    return keluaran.getvalue()


def _impor(client, isi: bytes, nama: str, fmt: str):
    url = reverse("admin:jabatan_formasi_import")
    halaman = client.get(url).content.decode()
    pilihan = re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', halaman)
    indeks = next(v for v, label in pilihan if label.strip().lower() == fmt)
    berkas = SimpleUploadedFile(nama, isi)
    return client.post(url, {"import_file": berkas, "format": indeks}).content.decode()


@pytest.mark.parametrize("baris, ditolak", [(3, False), (4, True)])
def test_xlsx_import_row_limit(client, settings, baris, ditolak):
    settings.IMPOR_MAKS_BARIS = 3
    client.force_login(admin_bkd())
    html = _impor(client, _xlsx(baris), "formasi.xlsx", "xlsx")
    assert ("paling banyak 3 baris per impor" in html) is ditolak


def test_csv_import_row_limit(client, settings):
    settings.IMPOR_MAKS_BARIS = 2
    client.force_login(admin_bkd())
    isi = b"Kode Unit Kerja,Kode Jabatan,Kebutuhan\nA,B,1\nA,C,1\nA,D,1\n"
    assert "Berkas berisi 3 baris; paling banyak 2 baris" in _impor(client, isi, "f.csv", "csv")


def test_bom_zip_ditolak_sebelum_diurai(client, settings):
    settings.IMPOR_MAKS_XML_BYTE = 1024 * 1024
    client.force_login(admin_bkd())
    isi = _bom_xlsx(3 * 1024 * 1024)
    assert len(isi) < 50_000
    assert "Isi berkas terlalu besar setelah dibuka" in _impor(client, isi, "bom.xlsx", "xlsx")


def test_import_file_size_limit(client, settings):
    settings.IMPOR_MAKS_BYTE = 1000
    client.force_login(admin_bkd())
    isi = ("Kode Unit Kerja,Kode Jabatan,Kebutuhan\n" + "A,B,1\n" * 300).encode()
    assert "Berkas impor terlalu besar" in _impor(client, isi, "f.csv", "csv")


def _environ_chunked(badan: bytes, path: str = "/pengaduan/ajukan/") -> dict:
    return {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "HTTP_TRANSFER_ENCODING": "chunked",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "wsgi.input": io.BytesIO(badan),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
    }


class _Aplikasi:
    """A WSGI app that records what reached it."""

    def __init__(self) -> None:
        self.diterima: list[tuple[str, bytes]] = []

    def __call__(self, environ, start_response):
        panjang = environ.get("CONTENT_LENGTH", "")
        self.diterima.append((panjang, environ["wsgi.input"].read()))
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]


@pytest.mark.parametrize("lebih, kode", [(-1, "200"), (0, "200"), (1, "413")])
def test_badan_chunked_dibatasi_seperti_content_length(settings, lebih, kode):
    from inti.batas import BatasBadanChunked

    settings.BATAS_UKURAN_PERMINTAAN = 200_000
    settings.BATAS_UKURAN_PER_JALUR = {}
    aplikasi = _Aplikasi()
    status: list[str] = []
    badan = b"x" * (200_000 + lebih)
    isi = b"".join(
        BatasBadanChunked(aplikasi)(_environ_chunked(badan), lambda s, h: status.append(s))
    )
    assert status[0].startswith(kode)
    if kode == "200":
        # Handed on with its length, as if the client had sent one.
        assert aplikasi.diterima == [(str(len(badan)), badan)]
    else:
        assert aplikasi.diterima == []
        assert "Permintaan terlalu besar: paling besar" in isi.decode()


def test_badan_chunked_terlalu_besar_ditolak_django_dalam_bahasa_indonesia(settings):
    from asn_hr.wsgi import application

    settings.BATAS_UKURAN_PERMINTAAN = 1024 * 1024
    settings.BATAS_UKURAN_PER_JALUR = {}
    status: list[str] = []
    badan = b"judul=" + b"x" * (1024 * 1024)
    isi = b"".join(application(_environ_chunked(badan), lambda s, h: status.append(s)))
    assert status == ["413 Request Entity Too Large"]
    assert "Permintaan terlalu besar: paling besar 1 MB." in isi.decode()
    # A body below the limit reaches Django with its length (here: the form answers).
    status.clear()
    application(_environ_chunked(b"judul=halo"), lambda s, h: status.append(s))
    assert not status[0].startswith("413")
