"""The HR admin: scoped changelists, import through the admin, export, audit trail."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tablib import Dataset

from pegawai.models import Pegawai, UnitKerja
from pegawai.services import DATA_DIR
from tests.factories import PegawaiFactory, UnitKerjaFactory, admin_bkd, operator

DATA = DATA_DIR
CHANGELIST = "admin:pegawai_pegawai_changelist"


@pytest.fixture
def admin_client_bkd(client, db):
    client.force_login(admin_bkd())
    return client


def impor_lewat_admin(client, path: Path, fmt: str, **extra):
    """Upload a file in the admin's import form; return the preview response."""
    url = reverse("admin:pegawai_pegawai_import")
    page = client.get(url)
    pilihan = re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', page.content.decode())
    indeks = next(v for v, label in pilihan if label.strip().lower() == fmt)
    with path.open("rb") as f:
        return client.post(url, {"import_file": f, "format": indeks, **extra})


def konfirmasi(client, preview):
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    data = {k: ("on" if v is True else v) for k, v in data.items() if v not in (None, False)}
    return client.post(reverse("admin:pegawai_pegawai_process_import"), data)


@pytest.mark.usefixtures("unit_lampung")
class TestImporAdmin:
    def test_pratinjau_lalu_konfirmasi_mengimpor_contoh(self, admin_client_bkd):
        preview = impor_lewat_admin(admin_client_bkd, DATA / "pegawai_contoh.xlsx", "xlsx")
        assert preview.status_code == 200
        assert preview.context["result"].totals["new"] == 228
        assert "Konfirmasi impor" in preview.content.decode()  # the admin speaks Indonesian
        assert Pegawai.objects.count() == 0  # the preview writes nothing
        hasil = konfirmasi(admin_client_bkd, preview)
        assert hasil.status_code == 302
        assert Pegawai.objects.count() == 228
        daftar = admin_client_bkd.get(reverse(CHANGELIST) + "?q=Desi")
        assert "Desi Anggraini" in daftar.content.decode()

    def test_baris_salah_didaftar_tanpa_bisa_dikonfirmasi(self, admin_client_bkd, tmp_path):
        data = Dataset().load((DATA / "pegawai_contoh.csv").read_text(), format="csv")
        rows = [list(r) for r in data]
        rows[4][0] = "12345"  # sheet row 6: bad NIP
        rows[9][14] = "XYZ"  # sheet row 11: unknown unit
        bad = Dataset(*rows, headers=data.headers)
        path = tmp_path / "salah.csv"
        path.write_text(bad.export("csv"))
        preview = impor_lewat_admin(admin_client_bkd, path, "csv")
        html = preview.content.decode()
        assert "Baris 6: NIP harus 18 digit, diterima 5 digit." in html
        assert "Baris 11: Kode unit kerja &#x27;XYZ&#x27; tidak dikenal." in html
        assert "confirm_form" not in preview.context or preview.context["confirm_form"] is None
        assert Pegawai.objects.count() == 0
        # Printed under the row, not in a hover badge.
        assert 'class="impor-alasan"' in html and "validation-error-count" not in html
        # The uploaded rows with an "Alasan" column, for HR to fix the file.
        url = preview.context["url_berkas_alasan"]
        berkas = admin_client_bkd.get(url)
        assert berkas["Content-Disposition"].startswith("attachment;")
        data = Dataset().load(BytesIO(berkas.content).read(), format="xlsx")
        assert data.headers[0] == "NIP" and data.headers[-1] == "Alasan"
        assert len(data) == len(rows)
        assert data[4][-1] == "NIP: NIP harus 18 digit, diterima 5 digit."
        assert "tidak dikenal" in data[9][-1] and data[0][-1] in ("", None)
        # Another HR user cannot fetch it.
        admin_client_bkd.force_login(admin_bkd(username="admin2"))
        assert admin_client_bkd.get(url).status_code == 404

    def test_pratinjau_tanggal_tanpa_none_maupun_nol(self, admin_client_bkd, tmp_path):
        data = Dataset().load((DATA / "pegawai_contoh.csv").read_text(), format="csv")
        rows = [list(r) for r in data][:3]
        kolom = data.headers.index("TMT Golongan")
        rows[1][kolom] = ""
        path = tmp_path / "tgl.csv"
        path.write_text(Dataset(*rows, headers=data.headers).export("csv"))
        html = impor_lewat_admin(admin_client_bkd, path, "csv").content.decode()
        assert "None" not in html and "0.00" not in html
        assert re.search(r"<td>\d{2}-\d{2}-\d{4}</td>", html)

    def test_impor_operator_terbatas_pada_unitnya(self, client):
        client.force_login(operator(UnitKerja.objects.get(kode="DISKES")))
        preview = impor_lewat_admin(client, DATA / "pegawai_contoh.csv", "csv")
        assert "di luar wewenang Anda" in preview.content.decode()
        assert Pegawai.objects.count() == 0

    def test_opsi_lewati_baris_salah(self, client):
        client.force_login(operator(UnitKerja.objects.get(kode="DISKES")))
        preview = impor_lewat_admin(
            client, DATA / "pegawai_contoh.csv", "csv", lewati_baris_salah="on"
        )
        assert preview.context["confirm_form"] is not None
        html = preview.content.decode()
        # Refused rows are not "skipped" like unchanged ones: their own label and reasons.
        assert "Ditolak, tidak diimpor" in html and "Tidak berubah" not in html
        assert "di luar wewenang Anda" in html
        assert preview.context["url_berkas_alasan"]
        konfirmasi(client, preview)
        units = set(Pegawai.objects.values_list("unit_kerja__kode", flat=True))
        assert units and all(u.startswith("DISKES") for u in units)


@pytest.mark.django_db
class TestDaftarAdmin:
    def test_operator_hanya_melihat_unitnya(self, client):
        unit = UnitKerjaFactory(kode="DISKES")
        PegawaiFactory(unit_kerja=unit, nama="Orang Diskes")
        PegawaiFactory(unit_kerja=UnitKerjaFactory(kode="LAIN"), nama="Orang Lain")
        client.force_login(operator(unit))
        html = client.get(reverse(CHANGELIST)).content.decode()
        assert "Orang Diskes" in html and "Orang Lain" not in html
        lain = Pegawai.objects.get(nama="Orang Lain")
        resp = client.get(reverse("admin:pegawai_pegawai_change", args=[lain.pk]))
        assert resp.status_code == 404  # outside the scope: not found (AdminBerlingkup)
        assert Pegawai.objects.get(pk=lain.pk).nama == "Orang Lain"

    def test_pegawai_tanpa_hak_staf_tidak_boleh_masuk(self, client):
        p = PegawaiFactory()
        client.force_login(p.user)
        assert client.get(reverse(CHANGELIST)).status_code == 302

    @staticmethod
    def jumlah_kueri(client) -> int:
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse(CHANGELIST))
        return len(ctx)

    def test_changelist_query_sama_untuk_1_dan_50_baris(self, admin_client_bkd):
        # session, user, groups (Admin BKD check), operator and pegawai lookups of the
        # access scope, count, filtered count, the page with unit and atasan joined, the
        # unit filter choices: none of them per row.
        unit = UnitKerjaFactory()
        atasan = PegawaiFactory(unit_kerja=unit)
        satu = self.jumlah_kueri(admin_client_bkd)
        PegawaiFactory.create_batch(49, unit_kerja=unit, atasan=atasan)
        assert self.jumlah_kueri(admin_client_bkd) == satu

    def test_filter_unit_menampilkan_puncak_lalu_menelusur_turun(self, admin_client_bkd, client):
        dinas = UnitKerjaFactory(kode="DNS", nama="Dinas Kesehatan")
        bidang = UnitKerjaFactory(kode="DNS-B", nama="Bidang P2P", parent=dinas)
        seksi = UnitKerjaFactory(kode="DNS-B-S", nama="Seksi Surveilans", parent=bidang)
        PegawaiFactory(unit_kerja=seksi, nama="Orang Seksi")

        def pilihan(c, **param) -> set[str]:
            resp = c.get(reverse(CHANGELIST), param)
            assert resp.status_code == 200
            spec = next(f for f in resp.context["cl"].filter_specs if f.parameter_name == "unit")
            return {label for _, label in spec.lookup_choices}

        # Admin BKD: the top-level units only, not every unit of the province
        assert pilihan(admin_client_bkd) == {"Dinas Kesehatan"}
        # a chosen unit shows its direct sub-units, and the list holds its whole subtree
        assert pilihan(admin_client_bkd, unit=dinas.pk) == {"Dinas Kesehatan", "Bidang P2P"}
        assert (
            "Orang Seksi"
            in admin_client_bkd.get(reverse(CHANGELIST), {"unit": dinas.pk}).content.decode()
        )
        assert pilihan(admin_client_bkd, unit=bidang.pk) == {
            "Dinas Kesehatan",
            "Bidang P2P",
            "Seksi Surveilans",
        }
        # an operator of the bidang: their unit and its sub-units, never the parent
        client.force_login(operator(bidang))
        assert pilihan(client) == {"Bidang P2P", "Seksi Surveilans"}
        assert pilihan(client, unit=dinas.pk) == {"Bidang P2P", "Seksi Surveilans"}


@pytest.mark.django_db
def test_ekspor_xlsx_berkolom_contoh_dan_lingkup_operator(client):
    unit = UnitKerjaFactory(kode="DISKES")
    kita = PegawaiFactory(unit_kerja=unit, nama="=HYPERLINK(1)")
    PegawaiFactory(unit_kerja=UnitKerjaFactory(kode="LAIN"))
    client.force_login(operator(unit))
    url = reverse("admin:pegawai_pegawai_export")
    page = client.get(url).content.decode()
    pilihan = re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', page)
    indeks = next(v for v, label in pilihan if label.strip().lower() == "xlsx")
    fields = re.findall(r'name="(pegawairesource_[a-z_]+)"', page)
    resp = client.post(url, {"format": indeks, **{f: "on" for f in fields}})
    data = Dataset().load(BytesIO(resp.content).read(), format="xlsx")
    assert data.headers[:3] == ["NIP", "NIK", "Nama"]
    assert "Kode Unit Kerja" in data.headers and "NIP Atasan" in data.headers
    assert [r[0] for r in data] == [kita.nip]
    assert data[0][1] == kita.nik  # the unit's operator sees the whole NIK
    assert not str(data[0][2]).startswith("=")  # formulas are neutralised
    # Human labels on the export form, an Indonesian sheet name in the file.
    assert ">TMT Golongan<" in page.replace("\n", "") or "TMT Golongan</label>" in page
    assert "Nip (NIP)" not in page and "Tmt Golongan" not in page
    from openpyxl import load_workbook

    assert load_workbook(BytesIO(resp.content)).sheetnames == ["Pegawai"]


@pytest.mark.django_db
def test_suntingan_admin_diaudit_siapa_dan_apa(admin_client_bkd):
    p = PegawaiFactory(no_hp="081111111111")
    url = reverse("admin:pegawai_pegawai_change", args=[p.pk])
    form = admin_client_bkd.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({
        "tanggal_lahir": p.tanggal_lahir.strftime("%d-%m-%Y"), "unit_kerja": p.unit_kerja_id,
        "user": p.user_id, "no_hp": "082222222222", "aktif": "on",
        "riwayat_pangkat-TOTAL_FORMS": 0, "riwayat_pangkat-INITIAL_FORMS": 0,
        "riwayat_pendidikan-TOTAL_FORMS": 0, "riwayat_pendidikan-INITIAL_FORMS": 0,
    })  # fmt: skip
    data.pop("atasan", None)
    resp = admin_client_bkd.post(url, data)
    assert resp.status_code == 302, resp.context["adminform"].form.errors
    terakhir = p.history.first()
    assert terakhir.history_user.username == "admin.bkd"
    assert [c.field for c in terakhir.diff_against(terakhir.prev_record).changes] == ["no_hp"]
    riwayat = admin_client_bkd.get(reverse("admin:pegawai_pegawai_history", args=[p.pk]))
    html = riwayat.content.decode()
    assert "admin.bkd" in html
    # In HR's words: verbose column names, "–" for nothing, no English headers.
    assert "Unit kerja</th>" in html and "Perubahan</th>" in html and "Diubah oleh</th>" in html
    assert "unit_kerja</th>" not in html and "Changes" not in html
    assert ">None<" not in html.replace(" ", "").replace("\n", "")
    assert "&rarr;" in html and "082222222222" in html


@pytest.mark.django_db
def test_isian_riwayat_pangkat_dan_pendidikan_berlabel(admin_client_bkd):
    from pegawai.models import RiwayatPangkat

    p = PegawaiFactory()
    RiwayatPangkat.objects.create(pegawai=p, golongan="III/a", tmt="2020-01-01")
    html = admin_client_bkd.get(reverse("admin:pegawai_pegawai_change", args=[p.pk])).content
    html = html.decode()
    for nama in ("riwayat_pangkat-0-golongan", "riwayat_pangkat-0-tmt"):
        tag = re.search(rf'<[^>]*name="{nama}"[^>]*>', html).group(0)
        assert 'aria-label="' in tag, tag


@pytest.mark.django_db
def test_formulir_admin_menolak_nip_yang_bertentangan_dengan_tanggal_lahir(admin_client_bkd):
    p = PegawaiFactory()
    url = reverse("admin:pegawai_pegawai_change", args=[p.pk])
    form = admin_client_bkd.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({
        "tanggal_lahir": "01-01-1960", "unit_kerja": p.unit_kerja_id, "user": p.user_id,
        "riwayat_pangkat-TOTAL_FORMS": 0, "riwayat_pangkat-INITIAL_FORMS": 0,
        "riwayat_pendidikan-TOTAL_FORMS": 0, "riwayat_pendidikan-INITIAL_FORMS": 0,
    })  # fmt: skip
    data.pop("atasan", None)
    resp = admin_client_bkd.post(url, data)
    assert resp.status_code == 200
    assert "tetapi tanggal lahir tercatat 01-01-1960" in resp.content.decode()


def _data_ubah(client, p: Pegawai, **ubah) -> dict:
    """The admin change form of `p` as posted unchanged, with `ubah` on top."""
    form = (
        client.get(reverse("admin:pegawai_pegawai_change", args=[p.pk])).context["adminform"].form
    )
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({
        "tanggal_lahir": p.tanggal_lahir.strftime("%d-%m-%Y"),
        "tmt_golongan": p.tmt_golongan.strftime("%d-%m-%Y") if p.tmt_golongan else "",
        "unit_kerja": p.unit_kerja_id, "user": p.user_id or "",
        "riwayat_pangkat-TOTAL_FORMS": 0, "riwayat_pangkat-INITIAL_FORMS": 0,
        "riwayat_pendidikan-TOTAL_FORMS": 0, "riwayat_pendidikan-INITIAL_FORMS": 0,
    })  # fmt: skip
    data.pop("atasan", None)
    data.update(ubah)
    return data


def test_suntingan_admin_lewat_service_email_akun_mengikuti(admin_client_bkd):
    p = PegawaiFactory(email="lama@lampungprov.go.id")
    url = reverse("admin:pegawai_pegawai_change", args=[p.pk])
    data = _data_ubah(admin_client_bkd, p, email="baru@lampungprov.go.id")
    resp = admin_client_bkd.post(url, data)
    assert resp.status_code == 302, resp.context["adminform"].form.errors
    p.user.refresh_from_db()
    assert p.user.email == "baru@lampungprov.go.id"


def test_suntingan_admin_membuat_akun_yang_belum_ada(admin_client_bkd):
    p = PegawaiFactory(user=None)
    url = reverse("admin:pegawai_pegawai_change", args=[p.pk])
    resp = admin_client_bkd.post(url, _data_ubah(admin_client_bkd, p))
    assert resp.status_code == 302, resp.context["adminform"].form.errors
    p.refresh_from_db()
    assert p.user.username == p.nip
    assert not p.user.has_usable_password()


def test_admin_tidak_dapat_mengubah_nip(admin_client_bkd):
    p = PegawaiFactory()
    nip_lama = p.nip
    lain = PegawaiFactory.build()
    url = reverse("admin:pegawai_pegawai_change", args=[p.pk])
    resp = admin_client_bkd.post(url, _data_ubah(admin_client_bkd, p, nip=lain.nip))
    assert resp.status_code == 200
    assert resp.context["adminform"].form.errors["nip"] == ["NIP tidak dapat diubah."]
    p.refresh_from_db()
    assert p.nip == nip_lama


@pytest.mark.django_db
def test_pohon_unit_kerja_terimpor_dalam_urutan_baris_apa_pun():
    from pegawai.resources import UnitKerjaResource

    data = Dataset().load((DATA / "unit_kerja_lampung.csv").read_text(), format="csv")
    terbalik = Dataset(*reversed(list(data)), headers=data.headers)  # children before parents
    result = UnitKerjaResource().import_data(terbalik)
    assert not result.has_errors() and not result.has_validation_errors()
    yankes = UnitKerja.objects.get(kode="DISKES-YANKES")
    assert yankes.parent.kode == "DISKES"
    assert yankes.path == "/DISKES/DISKES-YANKES/"
    again = UnitKerjaResource().import_data(data)
    assert again.totals["skip"] == 30 and UnitKerja.objects.count() == 30


@pytest.mark.django_db
def test_impor_unit_kerja_melaporkan_induk_tak_dikenal():
    from pegawai.resources import UnitKerjaResource

    data = Dataset(
        ("X-1", "Unit X", "", "TIDAK-ADA"), headers=["kode", "nama", "singkatan", "induk"]
    )
    result = UnitKerjaResource().import_data(data)
    assert result.has_validation_errors()
    assert "Unit induk 'TIDAK-ADA' tidak dikenal." in str(result.invalid_rows[0].error_dict)
    assert UnitKerja.objects.count() == 0
