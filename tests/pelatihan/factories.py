"""Factories of the pelatihan tests (built on tests/factories.py)."""

from __future__ import annotations

from datetime import date, timedelta

import factory

from jabatan.models import Jabatan, Kompetensi, Penempatan, StandarKompetensi
from pelatihan.models import (
    KompetensiPelatihan,
    Pelatihan,
    Penyelenggara,
    Peserta,
    Sesi,
    StatusPeserta,
    StatusSesi,
)
from tests.factories import PegawaiFactory, UnitKerjaFactory


class KompetensiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kompetensi
        django_get_or_create = ("kode",)

    kode = factory.Sequence(lambda n: f"T-UJI{n}")
    nama = factory.Sequence(lambda n: f"Kompetensi Uji {n}")
    jenis = "TEKNIS"


class PelatihanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pelatihan

    kode = factory.Sequence(lambda n: f"PLT-{n:03d}")
    nama = factory.Sequence(lambda n: f"Pelatihan Teknis {n}")
    jenis = "TEKNIS"
    jp = 24
    penyelenggara = Penyelenggara.BPSDM


class SesiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sesi

    pelatihan = factory.SubFactory(PelatihanFactory)
    kode = factory.Sequence(lambda n: f"SESI-{n:03d}")
    tanggal_mulai = date(2026, 3, 2)
    tanggal_selesai = factory.LazyAttribute(lambda o: o.tanggal_mulai + timedelta(days=2))
    tempat = "BPSDM Provinsi Lampung, Bandar Lampung"
    kuota = 30
    status = StatusSesi.PENDAFTARAN


class PesertaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Peserta

    sesi = factory.SubFactory(SesiFactory)
    pegawai = factory.SubFactory(PegawaiFactory)
    status = StatusPeserta.TERDAFTAR


def jabatan_dengan_standar(standar: dict[Kompetensi, int], nama: str = "Analis Uji") -> Jabatan:
    jabatan = Jabatan.objects.create(
        kode=nama.upper().replace(" ", "-"), nama=nama, jenis="PELAKSANA",
        kelompok_pelaksana="KLEREK", kelas_jabatan=7,
    )  # fmt: skip
    for kompetensi, level in standar.items():
        StandarKompetensi.objects.create(jabatan=jabatan, kompetensi=kompetensi, level=level)
    return jabatan


def tempatkan(pegawai, jabatan: Jabatan) -> Penempatan:
    return Penempatan.objects.create(
        pegawai=pegawai, jabatan=jabatan, unit_kerja=pegawai.unit_kerja, jenis="IMPOR"
    )


def program_untuk(kompetensi: Kompetensi, level: int, **kwargs) -> Pelatihan:
    pelatihan = PelatihanFactory(**kwargs)
    KompetensiPelatihan.objects.create(
        pelatihan=pelatihan, kompetensi=kompetensi, level_target=level
    )
    return pelatihan


__all__ = ["PegawaiFactory", "UnitKerjaFactory"]
