"""pegawai_simpan: the login account follows the record; races end as validation errors."""

import pytest
from django.core.exceptions import ValidationError

from pegawai.models import Pegawai
from pegawai.services import pegawai_simpan
from tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db


def test_pegawai_baru_mendapat_akun_tanpa_kata_sandi_yang_dapat_dipakai():
    contoh = PegawaiFactory.build(unit_kerja=PegawaiFactory().unit_kerja, user=None)
    p = pegawai_simpan(pegawai=Pegawai(), data={
        f.attname: getattr(contoh, f.attname) for f in Pegawai._meta.concrete_fields
        if f.attname not in ("id", "user_id", "dibuat", "diubah")
    })  # fmt: skip
    assert p.user.username == p.nip
    assert not p.user.has_usable_password()


def test_email_akun_mengikuti_data_pegawai():
    p = PegawaiFactory(email="lama@lampungprov.go.id")
    pegawai_simpan(pegawai=p, data={"email": "baru@lampungprov.go.id"})
    p.user.refresh_from_db()
    assert p.user.email == "baru@lampungprov.go.id"


def test_nip_ganda_bersamaan_menjadi_galat_validasi(monkeypatch):
    ada = PegawaiFactory()
    kembar = PegawaiFactory.build(
        nip=ada.nip, nik="", tanggal_lahir=ada.tanggal_lahir, jenis_kelamin=ada.jenis_kelamin,
        unit_kerja=ada.unit_kerja, user=ada.user,
    )  # fmt: skip
    # Another request inserted the same NIP between our check and our INSERT.
    monkeypatch.setattr(Pegawai, "validate_unique", lambda self, exclude=None: None)
    with pytest.raises(ValidationError) as exc:
        pegawai_simpan(pegawai=kembar, data={})
    assert exc.value.message_dict == {"nip": ["NIP sudah terdaftar."]}


def test_nip_tidak_dapat_diubah_setelah_disimpan():
    p = PegawaiFactory()
    lain = PegawaiFactory.build()
    with pytest.raises(ValidationError) as exc:
        pegawai_simpan(pegawai=p, data={"nip": lain.nip})
    assert exc.value.message_dict == {"nip": ["NIP tidak dapat diubah."]}


def test_nip_sama_saat_diperbarui_diterima():
    p = PegawaiFactory(nama="Lama")
    pegawai_simpan(pegawai=p, data={"nip": p.nip, "nama": "Baru"})
    p.refresh_from_db()
    assert p.nama == "Baru"
