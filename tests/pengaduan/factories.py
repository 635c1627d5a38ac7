"""Factories and small helpers for the pengaduan tests."""

from __future__ import annotations

from datetime import date

import factory
from rest_framework.test import APIClient

from pengaduan import rules
from pengaduan.models import Jenis, Pengaduan, Status, SurveiKepuasan
from tests.factories import UnitKerjaFactory

# Smallest files with the right magic numbers.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


class PengaduanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pengaduan

    kode = factory.LazyFunction(rules.buat_kode)
    jenis = Jenis.PENGADUAN
    judul = factory.Sequence(lambda n: f"Laporan nomor {n}")
    isi = "Pelayanan di loket lambat."
    unit_kerja = factory.SubFactory(UnitKerjaFactory)
    nama = "Warga Pelapor"
    email = "warga@example.com"
    telepon = "081234567890"
    status = Status.DITERIMA
    batas_waktu = factory.LazyFunction(lambda: date(2099, 1, 1))


class SurveiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveiKepuasan

    unit_kerja = factory.SubFactory(UnitKerjaFactory)
    u1 = u2 = u3 = u4 = u5 = u6 = u7 = u8 = u9 = 3


def klien(user=None, alamat: str = "198.51.100.7") -> APIClient:
    client = APIClient(REMOTE_ADDR=alamat)
    if user is not None:
        client.force_authenticate(user)
    return client
