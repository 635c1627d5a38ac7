"""Certificates: issued for a completed certifying programme, expiry from its validity,
reminders before expiry (once per reminder point, however often the job runs)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from pelatihan import services
from pelatihan.models import Sertifikat
from pelatihan.tasks import ingatkan_sertifikat

from .factories import PesertaFactory, SesiFactory


@pytest.fixture
def peserta(org):
    sesi = SesiFactory(
        pelatihan__nama="Sertifikasi Pengadaan Barang/Jasa", pelatihan__bersertifikat=True,
        pelatihan__masa_berlaku_bulan=36,
    )  # fmt: skip
    p = PesertaFactory(sesi=sesi, pegawai=org.siti)
    services.peserta_hasil_catat(peserta=p, hadir=True, hasil="LULUS")
    return p


def test_terbit_dengan_masa_berlaku_program(peserta):
    s = services.sertifikat_terbitkan(
        peserta=peserta, nomor="PBJ-2026-001", tanggal_terbit=date(2026, 3, 10)
    )
    assert s.tanggal_kedaluwarsa == date(2029, 3, 9)
    assert s.nama == "Sertifikasi Pengadaan Barang/Jasa"


def test_tidak_terbit_bila_tidak_lulus(peserta):
    services.peserta_hasil_catat(peserta=peserta, hadir=True, hasil="TIDAK_LULUS")
    with pytest.raises(ValidationError) as exc:
        services.sertifikat_terbitkan(peserta=peserta, nomor="X", tanggal_terbit=date(2026, 3, 10))
    assert exc.value.message_dict["peserta"] == ["Siti Rahmawati belum dinyatakan hadir dan lulus."]


def test_pengingat_sebelum_kedaluwarsa_sekali_per_tahap(peserta, mailoutbox):
    s = services.sertifikat_terbitkan(
        peserta=peserta, nomor="PBJ-2026-002", tanggal_terbit=date(2023, 6, 1)
    )
    akhir = s.tanggal_kedaluwarsa
    assert ingatkan_sertifikat.apply(args=[(akhir - timedelta(days=91)).isoformat()]).get() == 0
    hari90 = (akhir - timedelta(days=90)).isoformat()
    assert ingatkan_sertifikat.apply(args=[hari90]).get() == 1
    assert ingatkan_sertifikat.apply(args=[hari90]).get() == 0  # run twice: one email
    assert services.sertifikat_pengingat_kirim(pada=akhir - timedelta(days=45)) == 0
    assert services.sertifikat_pengingat_kirim(pada=akhir - timedelta(days=30)) == 1
    assert services.sertifikat_pengingat_kirim(pada=akhir - timedelta(days=6)) == 1
    assert services.sertifikat_pengingat_kirim(pada=akhir + timedelta(days=1)) == 0
    assert len(mailoutbox) == 3
    assert mailoutbox[0].to == ["siti@example.go.id"]
    assert (
        mailoutbox[0].subject
        == "Sertifikat Sertifikasi Pengadaan Barang/Jasa berakhir dalam 90 hari"
    )
    assert "PBJ-2026-002" in mailoutbox[0].body


def test_sertifikat_tanpa_masa_berlaku_tidak_diingatkan(org, mailoutbox):
    Sertifikat.objects.create(
        pegawai=org.siti, nama="Seminar", nomor="S-1", tanggal_terbit=date(2026, 1, 1)
    )
    assert services.sertifikat_pengingat_kirim(pada=date(2026, 6, 1)) == 0
    assert mailoutbox == []


def test_halaman_pelatihan_saya(client, org, peserta):
    services.sertifikat_terbitkan(peserta=peserta, nomor="PBJ-9", tanggal_terbit=date(2026, 3, 10))
    client.force_login(org.siti.user)
    html = client.get("/pelatihan/").content.decode()
    assert "Sertifikasi Pengadaan Barang/Jasa" in html
    assert "PBJ-9" in html
    assert "09-03-2029" in html
    assert 'role="progressbar"' in html
    client.force_login(org.andi.user)
    assert "PBJ-9" not in client.get("/pelatihan/").content.decode()


@pytest.mark.django_db
def test_berkas_sertifikat_hanya_dilayani_dalam_lingkup(client, settings, tmp_path):
    from django.core.files.base import ContentFile

    from pelatihan.models import Sertifikat
    from tests.factories import PegawaiFactory, admin_bkd

    settings.MEDIA_ROOT = tmp_path
    pemilik = PegawaiFactory()
    s = Sertifikat.objects.create(
        pegawai=pemilik, nama="Sertifikat Uji", nomor="SRT-1", tanggal_terbit=date(2026, 3, 10)
    )
    s.berkas.save("srt.pdf", ContentFile(b"%PDF-1.4 uji"))
    url = f"/pelatihan/sertifikat/{s.pk}/berkas/"
    client.force_login(pemilik.user)
    resp = client.get(url)
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == b"%PDF-1.4 uji"
    client.force_login(PegawaiFactory().user)  # another employee
    assert client.get(url).status_code == 404
    client.force_login(admin_bkd())
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
