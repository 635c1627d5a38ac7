"""Query-string filters of the kinerja API: they narrow the scope, never widen it."""

from __future__ import annotations

import django_filters
from django import forms

from pegawai.models import UnitKerja
from pegawai.pemilih_unit import PemilihUnitField
from pegawai.rules import normalisasi_nip

from . import rules
from .models import LaporanHarian, Penilaian, Skp, StatusLaporan


class SkpFilter(django_filters.FilterSet):
    tahun = django_filters.NumberFilter()

    class Meta:
        model = Skp
        fields = ["tahun"]


class LaporanFilter(django_filters.FilterSet):
    tanggal_mulai = django_filters.DateFilter(field_name="tanggal", lookup_expr="gte")
    tanggal_selesai = django_filters.DateFilter(field_name="tanggal", lookup_expr="lte")
    status = django_filters.ChoiceFilter(choices=StatusLaporan.choices)
    pegawai = django_filters.CharFilter(method="filter_pegawai", label="NIP pegawai")

    class Meta:
        model = LaporanHarian
        fields = ["tanggal_mulai", "tanggal_selesai", "status", "pegawai"]

    def filter_pegawai(self, queryset, name: str, value: str):
        return queryset.filter(pegawai__nip=normalisasi_nip(value))


class PenilaianFilter(django_filters.FilterSet):
    periode = django_filters.CharFilter(label="Periode (YYYY-MM, YYYY-Qn, YYYY)")
    pegawai = django_filters.CharFilter(method="filter_pegawai", label="NIP pegawai")

    class Meta:
        model = Penilaian
        fields = ["periode", "pegawai"]

    def filter_pegawai(self, queryset, name: str, value: str):
        return queryset.filter(pegawai__nip=normalisasi_nip(value))


class BulanField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return rules.bulan_awal(value)
        except rules.AturanError as exc:
            raise forms.ValidationError(str(exc)) from None


class RekapForm(forms.Form):
    bulan = BulanField(error_messages={"required": "Parameter bulan (YYYY-MM) wajib diisi."})
    unit_kerja = forms.ModelChoiceField(
        queryset=UnitKerja.objects.all(),
        required=False,
        error_messages={"invalid_choice": "Unit kerja tidak ditemukan."},
    )


class DistribusiForm(forms.Form):
    unit_kerja = forms.ModelChoiceField(
        queryset=UnitKerja.objects.all(),
        error_messages={
            "invalid_choice": "Unit kerja tidak ditemukan.",
            "required": "Pilih unit kerja.",
        },
    )
    tahun = forms.IntegerField(min_value=2000, max_value=2100)


class FormPilihUnitHr(forms.Form):
    """The unit of an HR page (dashboard, distribution): the unit picker over the user's HR
    scope (`selectors.unit_pilihan_hr`), not a select of every unit."""

    unit_kerja = PemilihUnitField(required=False)

    def __init__(self, *args, units, help_text: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit_kerja"].queryset = units
        self.fields["unit_kerja"].help_text = help_text
