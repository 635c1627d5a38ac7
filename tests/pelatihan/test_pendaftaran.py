"""Registration by HR, nomination by the supervisor, approval: quota and date clashes are
refused with a reason naming the field."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from pelatihan import services
from pelatihan.models import Peserta, StatusPeserta, StatusSesi

from .factories import PegawaiFactory, PesertaFactory, SesiFactory


def pesan(exc: pytest.ExceptionInfo, field: str) -> str:
    return " ".join(exc.value.message_dict[field])


def test_hr_mendaftarkan_peserta(org):
    sesi = SesiFactory(kuota=2)
    peserta = services.peserta_daftarkan(sesi=sesi, pegawai=org.siti, oleh=org.hr)
    assert peserta.status == StatusPeserta.TERDAFTAR
    assert peserta.diputuskan_oleh == org.hr


def test_kuota_penuh_ditolak_dengan_alasan(org):
    sesi = SesiFactory(kuota=1)
    services.peserta_daftarkan(sesi=sesi, pegawai=org.siti, oleh=org.hr)
    with pytest.raises(ValidationError) as exc:
        services.peserta_daftarkan(sesi=sesi, pegawai=org.andi, oleh=org.hr)
    assert pesan(exc, "sesi") == "Kuota sesi sudah penuh (1 dari 1 kursi terisi)."
    assert Peserta.objects.filter(sesi=sesi).count() == 1


def test_usulan_yang_belum_disetujui_tidak_memakai_kursi(org):
    sesi = SesiFactory(kuota=1)
    services.peserta_usulkan(sesi=sesi, pegawai=org.siti, oleh=org.kabid.user)
    services.peserta_daftarkan(sesi=sesi, pegawai=org.andi, oleh=org.hr)
    usulan = Peserta.objects.get(pegawai=org.siti)
    with pytest.raises(ValidationError) as exc:
        services.peserta_setujui(peserta=usulan, oleh=org.hr)
    assert "Kuota sesi sudah penuh" in pesan(exc, "sesi")
    usulan.refresh_from_db()
    assert usulan.status == StatusPeserta.DIUSULKAN


def test_tanggal_bentrok_dengan_sesi_lain_ditolak(org):
    pertama = SesiFactory(tanggal_mulai=date(2026, 3, 2), tanggal_selesai=date(2026, 3, 4))
    kedua = SesiFactory(tanggal_mulai=date(2026, 3, 4), tanggal_selesai=date(2026, 3, 6))
    services.peserta_daftarkan(sesi=pertama, pegawai=org.siti, oleh=org.hr)
    with pytest.raises(ValidationError) as exc:
        services.peserta_daftarkan(sesi=kedua, pegawai=org.siti, oleh=org.hr)
    assert pesan(exc, "pegawai") == (
        f"Siti Rahmawati sudah terdaftar pada {pertama} (02-03-2026 s.d. 04-03-2026) yang "
        "tanggalnya bentrok dengan sesi ini."
    )


def test_sesi_berurutan_tanpa_hari_bersama_boleh(org):
    SesiFactory(tanggal_mulai=date(2026, 3, 2), tanggal_selesai=date(2026, 3, 4))
    pertama = SesiFactory(tanggal_mulai=date(2026, 3, 2), tanggal_selesai=date(2026, 3, 4))
    kedua = SesiFactory(tanggal_mulai=date(2026, 3, 5), tanggal_selesai=date(2026, 3, 6))
    services.peserta_daftarkan(sesi=pertama, pegawai=org.siti, oleh=org.hr)
    services.peserta_daftarkan(sesi=kedua, pegawai=org.siti, oleh=org.hr)
    assert org.siti.pelatihan.count() == 2


def test_sesi_batal_atau_pendaftaran_ditolak_tidak_menimbulkan_bentrok(org):
    batal = SesiFactory(status=StatusSesi.DIBATALKAN)
    PesertaFactory(sesi=batal, pegawai=org.siti)
    lain = SesiFactory()
    PesertaFactory(sesi=lain, pegawai=org.andi, status=StatusPeserta.DITOLAK)
    sesi = SesiFactory()
    siti = services.peserta_daftarkan(sesi=sesi, pegawai=org.siti, oleh=org.hr)
    andi = services.peserta_daftarkan(sesi=sesi, pegawai=org.andi, oleh=org.hr)
    assert (siti.status, andi.status) == (StatusPeserta.TERDAFTAR, StatusPeserta.TERDAFTAR)


def test_usulan_yang_menunggu_juga_dihitung_bentrok(org):
    pertama = SesiFactory()
    kedua = SesiFactory()
    services.peserta_usulkan(sesi=pertama, pegawai=org.siti, oleh=org.kabid.user)
    with pytest.raises(ValidationError) as exc:
        services.peserta_usulkan(sesi=kedua, pegawai=org.siti, oleh=org.kabid.user)
    assert "bentrok dengan sesi ini" in pesan(exc, "pegawai")


def test_terdaftar_dua_kali_ditolak(org):
    sesi = SesiFactory()
    services.peserta_daftarkan(sesi=sesi, pegawai=org.siti, oleh=org.hr)
    with pytest.raises(ValidationError) as exc:
        services.peserta_daftarkan(sesi=sesi, pegawai=org.siti, oleh=org.hr)
    assert pesan(exc, "pegawai") == "Siti Rahmawati sudah terdaftar pada sesi ini."


def test_sesi_selesai_tidak_menerima_pendaftaran(org):
    sesi = SesiFactory(status=StatusSesi.SELESAI, kode="BIMTEK-01")
    with pytest.raises(ValidationError) as exc:
        services.peserta_daftarkan(sesi=sesi, pegawai=org.siti, oleh=org.hr)
    assert pesan(exc, "sesi") == ("Sesi BIMTEK-01 berstatus selesai; pendaftaran sudah ditutup.")


def test_operator_hanya_mendaftarkan_pegawai_unitnya(org):
    sesi = SesiFactory()
    services.peserta_daftarkan(sesi=sesi, pegawai=org.siti, oleh=org.operator_diskes)
    with pytest.raises(ValidationError) as exc:
        services.peserta_daftarkan(sesi=sesi, pegawai=org.rizki, oleh=org.operator_diskes)
    assert pesan(exc, "pegawai") == "Rizki Firmansyah berada di luar unit yang Anda kelola."


def test_atasan_hanya_mengusulkan_bawahan_langsung(org):
    sesi = SesiFactory()
    peserta = services.peserta_usulkan(
        sesi=sesi, pegawai=org.siti, oleh=org.kabid.user, alasan="Perlu surveilans"
    )
    assert peserta.status == StatusPeserta.DIUSULKAN
    assert peserta.diusulkan_oleh == org.kabid.user
    with pytest.raises(ValidationError) as exc:
        services.peserta_usulkan(sesi=sesi, pegawai=org.rizki, oleh=org.kabid.user)
    assert pesan(exc, "pegawai") == "Rizki Firmansyah bukan bawahan langsung Anda."
    with pytest.raises(ValidationError):
        services.peserta_usulkan(sesi=sesi, pegawai=org.andi, oleh=org.siti.user)


def test_usulan_disetujui_menjadi_terdaftar_dan_ditolak_tidak(org):
    sesi = SesiFactory()
    a = services.peserta_usulkan(sesi=sesi, pegawai=org.siti, oleh=org.kabid.user)
    b = services.peserta_usulkan(sesi=sesi, pegawai=org.andi, oleh=org.kabid.user)
    assert services.peserta_setujui(peserta=a, oleh=org.operator_diskes).status == "TERDAFTAR"
    assert services.peserta_tolak(peserta=b, oleh=org.operator_diskes).status == "DITOLAK"
    with pytest.raises(ValidationError) as exc:
        services.peserta_setujui(peserta=a, oleh=org.hr)
    assert "Hanya usulan yang dapat disetujui" in pesan(exc, "status")


def test_hr_mendaftarkan_yang_sudah_diusulkan_menyetujuinya(org):
    sesi = SesiFactory()
    services.peserta_usulkan(sesi=sesi, pegawai=org.siti, oleh=org.kabid.user)
    services.peserta_daftarkan(sesi=sesi, pegawai=org.siti, oleh=org.hr)
    assert Peserta.objects.get().status == StatusPeserta.TERDAFTAR


def test_operator_unit_lain_tidak_dapat_menyetujui(org):
    sesi = SesiFactory()
    usulan = services.peserta_usulkan(sesi=sesi, pegawai=org.rizki, oleh=org.kabid_disdik.user)
    with pytest.raises(ValidationError) as exc:
        services.peserta_setujui(peserta=usulan, oleh=org.operator_diskes)
    assert "di luar unit yang Anda kelola" in pesan(exc, "pegawai")


def test_hasil_tidak_dicatat_untuk_yang_tidak_hadir(org):
    peserta = PesertaFactory(pegawai=PegawaiFactory())
    with pytest.raises(ValidationError) as exc:
        services.peserta_hasil_catat(peserta=peserta, hadir=False, hasil="LULUS")
    assert "tidak hadir" in pesan(exc, "hasil")
