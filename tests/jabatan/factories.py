"""Factories of the jabatan app."""

from __future__ import annotations

from datetime import date

import factory

from jabatan.models import (
    AsesmenKompetensi,
    Formasi,
    Jabatan,
    Kompetensi,
    MetodeAsesmen,
    StandarKompetensi,
)
from tests.factories import UnitKerjaFactory


class JabatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jabatan

    kode = factory.Sequence(lambda n: f"JF-UJI-{n}")
    nama = factory.Sequence(lambda n: f"Analis Uji {n} Ahli Pertama")
    jenis = "FUNGSIONAL"
    rumpun = "KEAHLIAN"
    jenjang = "AHLI_PERTAMA"
    kelas_jabatan = 8


class KompetensiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kompetensi
        django_get_or_create = ("kode",)

    kode = factory.Sequence(lambda n: f"T-UJI-{n}")
    nama = factory.Sequence(lambda n: f"Kompetensi Uji {n}")
    jenis = "TEKNIS"


class StandarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandarKompetensi

    jabatan = factory.SubFactory(JabatanFactory)
    kompetensi = factory.SubFactory(KompetensiFactory)
    level = 3


class AsesmenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AsesmenKompetensi

    kompetensi = factory.SubFactory(KompetensiFactory)
    level = 3
    tanggal = date(2025, 1, 15)
    metode = MetodeAsesmen.ASSESSMENT_CENTER


class FormasiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Formasi

    unit_kerja = factory.SubFactory(UnitKerjaFactory)
    jabatan = factory.SubFactory(JabatanFactory)
    kebutuhan = 1
