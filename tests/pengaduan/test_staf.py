"""Staff pages and admin: triage within the scope, the supervisor's view of complaints about
a subordinate, contact details only for handling staff, exports, holidays, query counts."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tablib import Dataset

from pengaduan.models import HariLibur, Pengaduan, Status
from pengaduan.selectors import pengaduan_tentang_pegawai
from pengaduan.services import pengaduan_tanggapi

from .factories import PNG, PengaduanFactory

pytestmark = pytest.mark.django_db

DAFTAR = reverse("pengaduan:staf-daftar")


def masuk(user) -> Client:
    client = Client()
    client.force_login(getattr(user, "user", user))
    return client


def detail(kode: str) -> str:
    return reverse("pengaduan:staf-detail", args=[kode])


def test_operator_hanya_melihat_unitnya(org):
    kita = PengaduanFactory(unit_kerja=org.yankes, judul="Laporan Yankes")
    lain = PengaduanFactory(unit_kerja=org.disdik, judul="Laporan Disdik")
    html = masuk(org.op_diskes).get(DAFTAR).content.decode()
    assert "Laporan Yankes" in html and "Laporan Disdik" not in html
    assert masuk(org.op_diskes).get(detail(lain.kode)).status_code == 404
    assert masuk(org.op_diskes).get(detail(kita.kode)).status_code == 200
    assert masuk(org.staf).get(detail(kita.kode)).status_code == 404
    assert Client().get(detail(kita.kode)).status_code == 302  # to the login page


def test_petugas_merutekan_dan_menjawab_di_halaman_staf(org):
    p = PengaduanFactory(unit_kerja=org.diskes, judul="Antrean lama")
    client = masuk(org.op_diskes)
    html = client.get(detail(p.kode)).content.decode()
    assert "warga@example.com" in html and "081234567890" in html  # handling staff see contact
    resp = client.post(
        detail(p.kode),
        {
            "status": "DIVERIFIKASI",
            "unit_kerja": org.yankes.pk,
            "isi": "Ke Bidang Pelayanan.",
            "publik": "on",
        },
        follow=True,
    )
    assert "Tanggapan tersimpan." in resp.content.decode()
    p.refresh_from_db()
    assert (p.status, p.unit_kerja) == (Status.DIVERIFIKASI, org.yankes)

    # A jump the flow does not allow is refused with the reason, on the status field.
    resp = client.post(detail(p.kode), {"status": "SELESAI", "isi": "x", "publik": "on"})
    assert resp.status_code == 400
    assert (
        "Pilih pilihan yang tersedia" in resp.content.decode() or "SELESAI" in resp.content.decode()
    )

    resp = client.post(detail(p.kode), {"status": "DITINDAKLANJUTI", "isi": "Catatan"})
    assert resp.status_code == 400
    assert "harus dapat dibaca pelapor" in resp.content.decode()
    p.refresh_from_db()
    assert p.status == Status.DIVERIFIKASI


def test_operator_lain_tidak_dapat_mengirim_tanggapan(org):
    p = PengaduanFactory(unit_kerja=org.diskes)
    resp = masuk(org.op_disdik).post(detail(p.kode), {"isi": "x", "publik": "on"})
    assert resp.status_code == 404
    assert not p.tanggapan.exists()


def test_lampiran_hanya_untuk_petugas_dan_selalu_diunduh(org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pengaduan.services import pengaduan_ajukan

    p = pengaduan_ajukan(
        jenis="PENGADUAN",
        judul="a",
        isi="b",
        unit_kerja=org.diskes,
        lampiran=SimpleUploadedFile("foto.png", PNG),
    )
    url = reverse("pengaduan:staf-lampiran", args=[p.kode])
    resp = masuk(org.op_diskes).get(url)
    assert resp.status_code == 200
    assert resp["Content-Type"] == "image/png"
    assert resp["Content-Disposition"].startswith("attachment")
    assert b"".join(resp.streaming_content) == PNG
    assert masuk(org.op_disdik).get(url).status_code == 404


# --- Supervisor -----------------------------------------------------------------------------


def test_atasan_melihat_pengaduan_terverifikasi_tentang_bawahannya(org):
    p = PengaduanFactory(
        unit_kerja=org.yankes,
        pegawai_terkait=org.staf,
        judul="Staf kasar",
        nama="Pelapor Rahasia",
        rahasia=True,
    )
    PengaduanFactory(unit_kerja=org.disdik, pegawai_terkait=org.guru, judul="Guru telat")
    kabid = User.objects.get(pk=org.kabid.user.pk)

    # Not yet verified: triage first checks it names the right person.
    assert not pengaduan_tentang_pegawai(kabid, org.staf).exists()
    assert "Staf kasar" not in masuk(kabid).get(DAFTAR).content.decode()

    pengaduan_tanggapi(pengaduan=p, oleh=org.admin, isi="ok", status_baru=Status.DIVERIFIKASI)
    kabid = User.objects.get(pk=org.kabid.user.pk)
    assert list(pengaduan_tentang_pegawai(kabid, org.staf)) == [p]
    html = masuk(kabid).get(DAFTAR).content.decode()
    assert "Staf kasar" in html and "Guru telat" not in html

    html = masuk(kabid).get(detail(p.kode)).content.decode()
    assert "Staf kasar" in html
    for pribadi in ("Pelapor Rahasia", "warga@example.com", "081234567890"):
        assert pribadi not in html  # no contact, no confidential name for the supervisor
    assert "Tanggapi" not in html  # read only
    assert masuk(kabid).post(detail(p.kode), {"isi": "x"}).status_code == 404

    # Nobody else: not the employee, not another supervisor.
    for user in (org.staf.user, org.kepsek.user, org.guru.user):
        assert not pengaduan_tentang_pegawai(user, org.staf).exists()
        assert masuk(user).get(detail(p.kode)).status_code == 404
    # Handling staff see it beside the employee too; another unit's operator does not.
    assert list(pengaduan_tentang_pegawai(org.op_diskes, org.staf)) == [p]
    assert not pengaduan_tentang_pegawai(org.op_disdik, org.staf).exists()


# --- Query counts -------------------------------------------------------------------------------


def _kueri(user_pk: int, url: str) -> int:
    client = masuk(User.objects.get(pk=user_pk))
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_halaman_daftar_staf_jumlah_kueri_tetap(org):
    PengaduanFactory(unit_kerja=org.yankes, pegawai_terkait=org.staf)
    satu = _kueri(org.op_diskes.pk, DAFTAR)
    PengaduanFactory.create_batch(49, unit_kerja=org.yankes, pegawai_terkait=org.staf)
    # session, user, then the access scope (groups, operator, pegawai), count, the page with
    # unit and named employee joined: none per row.
    assert _kueri(org.op_diskes.pk, DAFTAR) == satu


def test_admin_daftar_pengaduan_jumlah_kueri_tetap(org):
    url = reverse("admin:pengaduan_pengaduan_changelist")
    PengaduanFactory(unit_kerja=org.yankes)
    satu = _kueri(org.admin.pk, url)
    PengaduanFactory.create_batch(49, unit_kerja=org.yankes)
    # session, user, access scope, counts, the page with the unit joined, the date hierarchy,
    # the unit filter choices: none per row.
    assert _kueri(org.admin.pk, url) == satu


def test_admin_daftar_survei_jumlah_kueri_tetap(org):
    from .factories import SurveiFactory

    url = reverse("admin:pengaduan_surveikepuasan_changelist")
    SurveiFactory(unit_kerja=org.yankes)
    satu = _kueri(org.op_diskes.pk, url)
    SurveiFactory.create_batch(49, unit_kerja=org.yankes)
    assert _kueri(org.op_diskes.pk, url) == satu


# --- Admin ----------------------------------------------------------------------------------


def test_admin_operator_terbatas_dan_tidak_dapat_mengubah_status(org):
    kita = PengaduanFactory(unit_kerja=org.yankes, judul="Punya Yankes")
    PengaduanFactory(unit_kerja=org.disdik, judul="Punya Disdik")
    client = masuk(org.op_diskes)
    html = client.get(reverse("admin:pengaduan_pengaduan_changelist")).content.decode()
    assert "Punya Yankes" in html and "Punya Disdik" not in html
    url = reverse("admin:pengaduan_pengaduan_change", args=[kita.pk])
    client.post(url, {"status": "SELESAI"})
    kita.refresh_from_db()
    assert kita.status == Status.DITERIMA
    assert detail(kita.kode) in client.get(url).content.decode()  # link to the triage page


def test_ekspor_tanpa_kontak_dan_formula_dinetralkan(org):
    PengaduanFactory(
        unit_kerja=org.yankes,
        judul='=HYPERLINK("http://x","klik")',
        isi="+1+1",
        email="rahasia@example.com",
    )
    PengaduanFactory(unit_kerja=org.disdik, judul="Bukan wewenang operator")
    client = masuk(org.op_diskes)
    url = reverse("admin:pengaduan_pengaduan_export")
    page = client.get(url).content.decode()
    pilihan = re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', page)
    indeks = next(v for v, label in pilihan if label.strip().lower() == "xlsx")
    fields = re.findall(r'name="(pengaduanresource_[a-z_]+)"', page)
    resp = client.post(url, {"format": indeks, **{f: "on" for f in fields}})
    data = Dataset().load(BytesIO(resp.content).read(), format="xlsx")
    assert len(data) == 1
    baris = dict(zip(data.headers, data[0]))
    assert not str(baris["Judul"]).startswith("=") and "HYPERLINK" in str(baris["Judul"])
    assert not str(baris["Isi"]).startswith("+")
    assert "rahasia@example.com" not in str(list(data))


def test_hari_libur_diatur_admin_bkd_saja(org):
    url = reverse("admin:pengaduan_harilibur_add")
    resp = masuk(org.admin).post(
        url, {"tanggal": "2028-08-17", "keterangan": "HUT RI", "jenis": "LIBUR", "sumber": "SKB"}
    )
    assert resp.status_code == 302
    assert HariLibur.objects.filter(keterangan="HUT RI").exists()
    assert (
        masuk(org.op_diskes).post(url, {"tanggal": "2026-08-18", "keterangan": "x"}).status_code
        == 403
    )
    assert masuk(org.staf).get(reverse("admin:pengaduan_harilibur_changelist")).status_code == 302


def test_pengaduan_tanpa_unit_hanya_admin_bkd(org):
    p = PengaduanFactory(unit_kerja=None)
    assert masuk(org.admin).get(detail(p.kode)).status_code == 200
    for op in (org.op_diskes, org.op_disdik):
        assert masuk(op).get(detail(p.kode)).status_code == 404
    assert Pengaduan.objects.count() == 1
