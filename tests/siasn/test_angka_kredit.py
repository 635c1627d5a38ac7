"""Angka kredit reaches SIASN once HR records its PAK: the conversion of an annual predikat
(isKonversi) or an HR adjustment, sent once, re-sent as a new version after a correction,
never before the PAK exists."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.models import AngkaKredit
from siasn import services
from siasn.models import Kiriman, StatusKiriman
from tests.kinerja.factories import buat_org
from tests.kinerja.test_angka_kredit import _fungsional, _tahunan

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(db):
    return buat_org()


@pytest.fixture
def pns(siasn, org):
    siasn.tanam_pns(org.staf1.nip, id=f"pns-{org.staf1.nip}", nama=org.staf1.nama)
    return siasn


def _pak(client, org, baris: AngkaKredit, nomor="800/21/PAK/BKD/2026", tanggal="2026-01-20"):
    client.force_login(org.admin)
    return client.post(
        reverse("admin:kinerja_angkakredit_change", args=[baris.pk]),
        {"nomor_pak": nomor, "tanggal_pak": tanggal},
    )


def test_konversi_tanpa_pak_belum_dikirim(pns, org):
    _fungsional(org, org.staf1)
    _tahunan(org, org.staf1, 2025)
    assert AngkaKredit.objects.filter(pegawai=org.staf1).count() == 1
    assert not Kiriman.objects.filter(jenis="ANGKA_KREDIT").exists()


def test_pak_dicatat_hr_mengirim_konversi_sekali_dengan_muatan_persis(client, pns, org):
    _fungsional(org, org.staf1)
    _tahunan(org, org.staf1, 2025)
    baris = AngkaKredit.objects.get(pegawai=org.staf1)

    resp = _pak(client, org, baris)
    assert resp.status_code == 302, resp.content.decode()[:2000]
    _pak(client, org, baris)  # saved again unchanged: nothing new to send
    kiriman = Kiriman.objects.get(jenis="ANGKA_KREDIT")
    assert kiriman.kunci == f"kinerja.angkakredit:{baris.pk}:v1"

    services.kiriman_kirim_semua(abaikan_jadwal=True)
    [simpan] = pns.permintaan("POST", "angkakredit/save")
    assert simpan.body == {
        "nomorSk": "800/21/PAK/BKD/2026",
        "tanggalSk": "20-01-2026",
        "bulanMulaiPenailan": "1",
        "tahunMulaiPenailan": "2025",
        "bulanSelesaiPenailan": "12",
        "tahunSelesaiPenailan": "2025",
        "kreditUtamaBaru": "12.5000",
        "kreditPenunjangBaru": "0",
        "kreditBaruTotal": "12.5000",
        "isAngkaKreditPertama": "0",
        "isIntegrasi": "0",
        "isKonversi": "1",
        "rwJabatanId": "",
        "pnsId": f"pns-{org.staf1.nip}",
    }
    assert Kiriman.objects.get(pk=kiriman.pk).status == StatusKiriman.TERKIRIM


def test_koreksi_predikat_setelah_pak_mengirim_versi_baru(client, pns, org):
    _fungsional(org, org.staf1)
    p = _tahunan(org, org.staf1, 2025)
    _pak(client, org, AngkaKredit.objects.get(pegawai=org.staf1))
    p.predikat = "SANGAT_BAIK"  # HR corrects the predikat after an objection
    p.save()
    versi = list(Kiriman.objects.filter(jenis="ANGKA_KREDIT").order_by("versi"))
    assert [k.versi for k in versi] == [1, 2]
    assert versi[1].muatan["kreditUtamaBaru"] == "18.7500"
    assert versi[0].status == StatusKiriman.DIGANTI  # the first never went out


def test_pak_tanpa_tanggal_ditolak_dengan_pesan_dan_tidak_ada_yang_diantre(client, pns, org):
    _fungsional(org, org.staf1)
    _tahunan(org, org.staf1, 2025)
    baris = AngkaKredit.objects.get(pegawai=org.staf1)
    resp = _pak(client, org, baris, tanggal="")
    assert resp.status_code == 200
    assert "Isi tanggal PAK bersama nomornya." in resp.content.decode()
    assert AngkaKredit.objects.get(pk=baris.pk).nomor_pak == ""
    assert not Kiriman.objects.exists()


def test_penyesuaian_hr_dengan_pak_bukan_konversi(client, pns, org):
    client.force_login(org.admin)
    resp = client.post(reverse("admin:kinerja_angkakredit_add"), {
        "pegawai": org.staf1.pk, "tahun": 2024, "jenis": "PENYESUAIAN",
        "jenjang": "AHLI_PERTAMA", "golongan": "III/b", "nilai": "30",
        "keterangan": "AK integrasi", "nomor_pak": "800/5/PAK/2024",
        "tanggal_pak": "2024-03-01"})  # fmt: skip
    assert resp.status_code == 302, resp.content.decode()[:2000]
    kiriman = Kiriman.objects.get(jenis="ANGKA_KREDIT")
    assert kiriman.muatan["isKonversi"] == "0"
    assert kiriman.muatan["kreditUtamaBaru"] == "30.0000"
    assert Decimal(kiriman.muatan["kreditBaruTotal"]) == Decimal(30)
