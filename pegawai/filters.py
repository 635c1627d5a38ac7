"""Query-string filters of the pegawai API: they narrow the scope, never widen it."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from . import rules
from .models import GOLONGAN_CHOICES, Pegawai, PegawaiQuerySet, StatusKepegawaian, UnitKerja


class UnitKerjaFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="Cari nama, kode atau singkatan")

    class Meta:
        model = UnitKerja
        fields = ["q"]

    def filter_q(self, queryset, name: str, value: str):
        value = value.strip()
        return queryset.filter(
            Q(nama__icontains=value) | Q(kode__icontains=value) | Q(singkatan__icontains=value)
        )


class PegawaiFilter(django_filters.FilterSet):
    unit_kerja = django_filters.ModelChoiceFilter(
        queryset=UnitKerja.objects.all(),
        method="filter_unit_kerja",
        label="Unit kerja (termasuk sub-unitnya)",
    )
    q = django_filters.CharFilter(method="filter_q", label="Awalan NIP atau nama")
    status_kepegawaian = django_filters.ChoiceFilter(choices=StatusKepegawaian.choices)
    golongan = django_filters.ChoiceFilter(choices=GOLONGAN_CHOICES)
    aktif = django_filters.BooleanFilter()

    class Meta:
        model = Pegawai
        fields = ["unit_kerja", "q", "status_kepegawaian", "golongan", "aktif"]

    def filter_unit_kerja(
        self, queryset: PegawaiQuerySet, name: str, value: UnitKerja
    ) -> PegawaiQuerySet:
        return queryset.filter(unit_kerja__path__startswith=value.path)

    def filter_q(self, queryset: PegawaiQuerySet, name: str, value: str) -> PegawaiQuerySet:
        value = value.strip()
        kondisi = Q(nama__icontains=value)
        nip = rules.normalisasi_nip(value)
        if nip.isdigit():
            kondisi |= Q(nip__startswith=nip)
        return queryset.filter(kondisi)


class UnitKerjaParamFilter(django_filters.FilterSet):
    """`?unit_kerja=<id>` for the reports that take a unit (and its sub-units) as a parameter
    rather than filtering one model's list: parsed and checked here, never by hand."""

    unit_kerja = django_filters.ModelChoiceFilter(
        queryset=UnitKerja.objects.all(),
        label="Unit kerja (termasuk sub-unitnya)",
        error_messages={"invalid_choice": "Unit kerja tidak ditemukan."},
    )

    class Meta:
        model = UnitKerja
        fields = ["unit_kerja"]


def unit_kerja_dari_param(params) -> UnitKerja | None:
    """The unit named by `?unit_kerja=`, None when absent; a 400 naming the field when it is
    not the id of a unit kerja."""
    from rest_framework.exceptions import ValidationError

    saring = UnitKerjaParamFilter(data=params)
    if not saring.is_valid():
        raise ValidationError(saring.errors)
    return saring.form.cleaned_data.get("unit_kerja")
