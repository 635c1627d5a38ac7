"""The filing's hot path (issue 17, figure 2) answers exactly like the plain DRF/ORM path it
shortcuts: the response body and every error message; and the caller's employee record read
together with the RHK decides who may file."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils import timezone
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIClient

from kinerja.models import LaporanHarian, StatusLaporan
from kinerja.serializers import LaporanHarianSerializer, LaporanTulisSerializer
from tests.kinerja.factories import lapor

pytestmark = pytest.mark.django_db

URL = "/api/v1/kinerja/laporan-harian/"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
# DRF's own `fields`: built afresh for every serializer, as before the hot path.
FIELDS_DRF = serializers.Serializer.__dict__["fields"]


class LaporanRujukan(LaporanHarianSerializer):
    fields = FIELDS_DRF


class TulisRujukan(LaporanTulisSerializer):
    fields = FIELDS_DRF


@pytest.fixture(autouse=True)
def _media_sementara(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def klien(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def isian(org, **ubah) -> dict:
    data = {
        "tanggal": timezone.localdate().isoformat(),
        "rhk": org.rhk1.pk,
        "uraian": "Menyusun laporan surveilans DBD",
        "kuantitas": "2",
        "satuan": "dokumen",
        "jam_mulai": "08:00",
        "jam_selesai": "10:30",
    }
    data.update(ubah)
    return data


def _json(data) -> object:
    return json.loads(JSONRenderer().render(data))


@pytest.mark.parametrize("format", ["json", "multipart"])
def test_respons_isi_laporan_sama_dengan_serializer_drf_biasa(org, format):
    data = isian(org)
    if format == "multipart":
        data["bukti"] = SimpleUploadedFile("foto.png", PNG, content_type="image/png")
    resp = klien(org.staf1.user).post(URL, data, format=format)
    assert resp.status_code == 201, resp.content

    laporan = LaporanHarian.objects.select_related("pegawai", "rhk").get(pk=resp.json()["id"])
    request = RequestFactory().get(URL)
    assert resp.json() == _json(LaporanRujukan(laporan, context={"request": request}).data)
    assert resp.json()["pegawai"] == org.staf1.nip
    assert resp.json()["nama_pegawai"] == org.staf1.nama
    assert resp.json()["indikator"] is not None  # "dokumen" is the RHK's indicator
    if format == "multipart":
        assert resp.json()["bukti"].startswith("http://testserver/")


def test_respons_laporan_yang_diputuskan_sama_dengan_serializer_drf_biasa(org):
    laporan = lapor(org.staf1, org.rhk1, timezone.localdate(), status=StatusLaporan.DISETUJUI)
    laporan.catatan_atasan = "Baik"
    laporan.diputuskan_pada = timezone.now()
    laporan.save()
    resp = klien(org.staf1.user).get(f"{URL}{laporan.pk}/")
    request = RequestFactory().get(URL)
    assert resp.json() == _json(LaporanRujukan(laporan, context={"request": request}).data)
    assert resp.json()["diputuskan_pada"] is not None


@pytest.mark.parametrize(
    "ubah",
    [
        {},
        {"tanggal": "kemarin", "kuantitas": "banyak"},
        {"jam_mulai": "25:00", "jam_selesai": ""},
        {"rhk": "x"},
        {"rhk": 10**19},
        {"rhk": 999_999},
        {"rhk": None, "uraian": "x" * 2001},
        {"satuan": "", "indikator": "y"},
        {"indikator": 999_999, "kuantitas": "1.234"},
        {"uraian": "", "satuan": "s" * 51},
    ],
)
def test_galat_masukan_sama_dengan_serializer_drf_biasa(org, ubah):
    data = {k: v for k, v in isian(org, **ubah).items() if v is not None}
    cepat = LaporanTulisSerializer(data=data, context={"pelapor_user": org.staf1.user.pk})
    biasa = TulisRujukan(data=data)
    assert cepat.is_valid() is biasa.is_valid()
    assert cepat.errors == biasa.errors
    if not ubah:
        assert cepat.validated_data["rhk"] == biasa.validated_data["rhk"]
        assert cepat.pelapor == org.staf1


def test_dua_serializer_tidak_berbagi_medan(org):
    laporan = lapor(org.staf1, org.rhk1, timezone.localdate())
    laporan.bukti = "bukti/contoh.png"
    a = LaporanHarianSerializer(laporan, context={"request": RequestFactory().get("/")})
    b = LaporanHarianSerializer(
        laporan, context={"request": RequestFactory().get("/", secure=True)}
    )
    a.fields["uraian"].label = "diubah di a"
    assert b.fields["uraian"].label == LaporanHarianSerializer().fields["uraian"].label
    assert b.fields["uraian"].label == "Uraian kegiatan"
    assert a.data["bukti"].startswith("http://testserver/")
    assert b.data["bukti"].startswith("https://testserver/")
    assert LaporanHarianSerializer(laporan).data["bukti"].startswith("/")


def test_pegawai_nonaktif_tidak_bisa_melapor(org):
    org.staf1.aktif = False
    org.staf1.save()
    resp = klien(org.staf1.user).post(URL, isian(org), format="json")
    assert resp.status_code == 403
    assert resp.json()["detail"] == "Akun ini tidak terhubung dengan data pegawai."
    assert not LaporanHarian.objects.exists()


def test_rhk_milik_orang_lain_tetap_ditolak_dengan_pesannya(org):
    resp = klien(org.staf1.user).post(URL, isian(org, rhk=org.rhk2.pk), format="json")
    assert resp.status_code == 400
    tahun = timezone.localdate().year
    assert resp.json()["rhk"] == [
        f"RHK tidak termasuk SKP Anda yang disetujui untuk tahun {tahun}."
    ]


def test_id_rhk_bukan_bilangan_bulat_murni_memakai_jalur_drf(org):
    """An id DRF accepts but the hand-written read does not take (a JSON number 12.0): the
    employee record is then read on its own, and the report filed for the caller."""
    resp = klien(org.staf1.user).post(URL, isian(org, rhk=float(org.rhk1.pk)), format="json")
    assert resp.status_code == 201, resp.content
    assert LaporanHarian.objects.get(pk=resp.json()["id"]).pegawai == org.staf1
    kemarin = (timezone.localdate() - timedelta(days=1)).isoformat()
    resp = klien(org.op_diskes).post(
        URL, isian(org, rhk=float(org.rhk1.pk), tanggal=kemarin), format="json"
    )
    assert resp.status_code == 403
