"""The HR admin: sessions with participants (quota and clash messages), nominations,
participant import/export, scoped changelists with flat query counts."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tablib import Dataset

from pelatihan import services
from pelatihan.models import Peserta, StatusPeserta, StatusSesi

from .factories import PegawaiFactory, PelatihanFactory, PesertaFactory, SesiFactory


def data_sesi(sesi=None, peserta=(), **ubah) -> dict:
    """POST data of the session change form with new participant rows."""
    data = {
        "pelatihan": sesi.pelatihan_id if sesi else "",
        "kode": sesi.kode if sesi else "",
        "angkatan": "",
        "status": sesi.status if sesi else StatusSesi.PENDAFTARAN,
        "tanggal_mulai": "02-03-2026",
        "tanggal_selesai": "04-03-2026",
        "tempat": "BPSDM",
        "kuota": sesi.kuota if sesi else 30,
        "catatan": "",
        "peserta-TOTAL_FORMS": len(peserta),
        "peserta-INITIAL_FORMS": 0,
        "peserta-MIN_NUM_FORMS": 0,
        "peserta-MAX_NUM_FORMS": 1000,
    }
    for i, p in enumerate(peserta):
        data[f"peserta-{i}-pegawai"] = p.pk
        data[f"peserta-{i}-sesi"] = sesi.pk if sesi else ""
    data.update(ubah)
    return data


def test_hr_membuat_sesi_dan_mendaftarkan_peserta(client, org):
    pelatihan = PelatihanFactory()
    client.force_login(org.hr)
    data = data_sesi(peserta=[org.siti, org.andi], pelatihan=pelatihan.pk, kode="EPI-2026-01")
    resp = client.post(reverse("admin:pelatihan_sesi_add"), data)
    assert resp.status_code == 302, resp.context["errors"] if resp.context else resp
    assert set(Peserta.objects.values_list("pegawai__nama", "status")) == {
        ("Siti Rahmawati", "TERDAFTAR"), ("Andi Pratama", "TERDAFTAR"),
    }  # fmt: skip
    assert Peserta.objects.first().diputuskan_oleh == org.hr


def test_kuota_terlampaui_ditolak_di_formulir(client, org):
    sesi = SesiFactory(kuota=1)
    client.force_login(org.hr)
    resp = client.post(
        reverse("admin:pelatihan_sesi_change", args=[sesi.pk]),
        data_sesi(sesi, peserta=[org.siti, org.andi]),
    )
    assert resp.status_code == 200
    assert "Kuota sesi 1 kursi terlampaui: 2 peserta terdaftar." in resp.content.decode()
    assert not Peserta.objects.exists()


def test_bentrok_ditolak_di_baris_peserta(client, org):
    lain = SesiFactory(tanggal_mulai=date(2026, 3, 3), tanggal_selesai=date(2026, 3, 3))
    PesertaFactory(sesi=lain, pegawai=org.siti)
    sesi = SesiFactory()
    client.force_login(org.hr)
    resp = client.post(
        reverse("admin:pelatihan_sesi_change", args=[sesi.pk]), data_sesi(sesi, peserta=[org.siti])
    )
    assert resp.status_code == 200
    assert "yang tanggalnya bentrok dengan sesi ini" in resp.content.decode()


def test_operator_tidak_melihat_peserta_unit_lain(client, org):
    sesi = SesiFactory()
    PesertaFactory(sesi=sesi, pegawai=org.siti)
    PesertaFactory(sesi=sesi, pegawai=org.rizki)
    client.force_login(org.operator_diskes)
    html = client.get(reverse("admin:pelatihan_peserta_changelist")).content.decode()
    assert "Siti Rahmawati" in html and "Rizki Firmansyah" not in html
    rizki = Peserta.objects.get(pegawai=org.rizki)
    url = reverse("admin:pelatihan_peserta_change", args=[rizki.pk])
    assert client.get(url).status_code == 404  # outside the scope: not found


def test_aksi_setujui_usulan(client, org):
    sesi = SesiFactory()
    usulan = services.peserta_usulkan(sesi=sesi, pegawai=org.siti, oleh=org.kabid.user)
    client.force_login(org.operator_diskes)
    client.post(
        reverse("admin:pelatihan_peserta_changelist"),
        {"action": "setujui_usulan", "_selected_action": [usulan.pk]},
    )
    usulan.refresh_from_db()
    assert usulan.status == StatusPeserta.TERDAFTAR


def _impor(client, csv_text: str):
    url = reverse("admin:pelatihan_peserta_import")
    halaman = client.get(url).content.decode()
    pilihan = re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', halaman)
    indeks = next(v for v, label in pilihan if label.strip().lower() == "csv")
    from django.core.files.uploadedfile import SimpleUploadedFile

    berkas = SimpleUploadedFile("peserta.csv", csv_text.encode(), content_type="text/csv")
    return client.post(url, {"import_file": berkas, "format": indeks})


def test_impor_daftar_peserta_memakai_aturan_yang_sama(client, org):
    sesi = SesiFactory(kode="EPI-01", kuota=1)
    client.force_login(org.operator_diskes)
    csv_text = (
        "Kode Sesi,NIP,Hadir,Nilai Pre-test,Nilai Post-test,Hasil\n"
        f"EPI-01,{org.siti.nip},,,,\n"
        f"EPI-01,{org.andi.nip},,,,\n"
        f"EPI-01,{org.rizki.nip},,,,\n"
    )
    preview = _impor(client, csv_text)
    html = preview.content.decode()
    assert "Kuota sesi sudah penuh (1 dari 1 kursi terisi)." in html
    assert "di luar unit yang Anda kelola" in html
    assert not Peserta.objects.filter(sesi=sesi).exists()  # the preview writes nothing


def test_impor_hasil_lalu_konfirmasi(client, org):
    sesi = SesiFactory(kode="EPI-02")
    PesertaFactory(sesi=sesi, pegawai=org.siti)
    client.force_login(org.hr)
    preview = _impor(
        client,
        "Kode Sesi,NIP,Hadir,Nilai Pre-test,Nilai Post-test,Hasil\n"
        f"EPI-02,{org.siti.nip},ya,60,85,lulus\n",
    )
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    client.post(reverse("admin:pelatihan_peserta_process_import"), data)
    p = Peserta.objects.get(sesi=sesi, pegawai=org.siti)
    assert (p.hadir, p.hasil, p.nilai_post_test) == (True, "LULUS", 85)


def test_ekspor_peserta(client, org):
    sesi = SesiFactory(kode="EPI-03")
    PesertaFactory(sesi=sesi, pegawai=org.siti, hadir=True, hasil="LULUS")
    client.force_login(org.hr)
    url = reverse("admin:pelatihan_peserta_export")
    halaman = client.get(url).content.decode()
    pilihan = re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', halaman)
    indeks = next(v for v, label in pilihan if label.strip().lower() == "csv")
    resp = client.post(url, {"format": indeks, **{f"pesertaresource_{f}": "on" for f in [
        "sesi", "pegawai", "nama", "status", "hadir", "hasil"]}})  # fmt: skip
    teks = resp.content.decode("utf-8-sig")
    data = Dataset().load(teks, format="csv")
    assert data.dict[0]["Kode Sesi"] == "EPI-03"
    assert data.dict[0]["NIP"] == org.siti.nip
    assert data.dict[0]["Hadir"] == "ya"


@pytest.mark.parametrize(
    "changelist",
    ["admin:pelatihan_sesi_changelist", "admin:pelatihan_peserta_changelist",
     "admin:pelatihan_catatanjp_changelist", "admin:pelatihan_undangansurvei_changelist"],
)  # fmt: skip
def test_changelist_jumlah_query_tetap(client, org, changelist):
    pelatihan = PelatihanFactory(jp=4)

    def tambah(i):
        sesi = SesiFactory(pelatihan=pelatihan, status=StatusSesi.SELESAI,
                           tanggal_mulai=date(2025, 1 + i % 12, 1 + i % 28),
                           tanggal_selesai=date(2025, 1 + i % 12, 1 + i % 28))  # fmt: skip
        p = PesertaFactory(sesi=sesi, pegawai=PegawaiFactory(unit_kerja=org.diskes))
        services.peserta_hasil_catat(peserta=p, hadir=True, hasil="LULUS")
        services.undangan_survei_buat(pada=sesi.tanggal_selesai)

    tambah(0)
    client.force_login(org.hr)
    url = reverse(changelist)
    client.get(url)
    with CaptureQueriesContext(connection) as satu:
        assert client.get(url).status_code == 200
    for i in range(1, 50):
        tambah(i)
    with CaptureQueriesContext(connection) as lima_puluh:
        assert client.get(url).status_code == 200
    # session, user, permissions, the scope, count(s), the page with its joins, filters:
    # the same number with 1 or 50 rows.
    assert len(lima_puluh) == len(satu), [q["sql"] for q in lima_puluh.captured_queries]
