"""Admin for the angka kredit ledger: HR reads and exports it per unit (xlsx/csv, scoped by
`pegawai.akses`) and enters adjustments (AK integrasi, the last PAK, corrections). The annual
conversions are written by `kinerja.angka_kredit`: here only their PAK (nomor and tanggal) can
be recorded, which sends them to SIASN when the integration is configured."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from import_export import fields, resources
from import_export.admin import ExportMixin

from pegawai.admin_lingkup import AdminBerlingkup
from pegawai.akses import akses_untuk, pegawai_dikelola, unit_dikelola

from .angka_kredit import angka_kredit_simpan
from .models import AngkaKredit, JenisAngkaKredit

KOLOM = ("nip", "nama", "unit", "tahun", "jenis", "jenjang", "golongan", "predikat",
         "koefisien", "persentase", "nilai", "dasar", "keterangan", "nomor_pak",
         "tanggal_pak")  # fmt: skip


class AngkaKreditResource(resources.ModelResource):
    nip = fields.Field(attribute="pegawai__nip", column_name="NIP")
    nama = fields.Field(attribute="pegawai__nama", column_name="Nama")
    unit = fields.Field(attribute="pegawai__unit_kerja__nama", column_name="Unit kerja")
    tahun = fields.Field(attribute="tahun", column_name="Tahun")
    jenis = fields.Field(attribute="get_jenis_display", column_name="Jenis")
    jenjang = fields.Field(attribute="jenjang", column_name="Jenjang")
    golongan = fields.Field(attribute="golongan", column_name="Golongan")
    predikat = fields.Field(attribute="get_predikat_display", column_name="Predikat")
    koefisien = fields.Field(attribute="koefisien", column_name="Koefisien")
    persentase = fields.Field(attribute="persentase", column_name="Persentase")
    nilai = fields.Field(attribute="nilai", column_name="Angka kredit")
    dasar = fields.Field(attribute="dasar_aturan", column_name="Dasar aturan")
    keterangan = fields.Field(attribute="keterangan", column_name="Keterangan")
    nomor_pak = fields.Field(attribute="nomor_pak", column_name="Nomor PAK")
    tanggal_pak = fields.Field(attribute="tanggal_pak", column_name="Tanggal PAK")

    class Meta:
        model = AngkaKredit
        fields = KOLOM
        export_order = KOLOM


class UnitPegawaiFilter(admin.SimpleListFilter):
    """The employee's unit (and sub-units), among the units the staff member manages."""

    title = "unit kerja"
    parameter_name = "unit"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(str(u.pk), u.nama) for u in unit_dikelola(request.user).only("pk", "nama")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if not self.value():
            return queryset
        unit = unit_dikelola(request.user).filter(pk=self.value()).first()
        if unit is None:
            return queryset.none()
        return queryset.filter(pegawai__unit_kerja__path__startswith=unit.path)


class AngkaKreditForm(forms.ModelForm):
    jenis = forms.ChoiceField(
        label="jenis", choices=[(JenisAngkaKredit.PENYESUAIAN.value,
                                 JenisAngkaKredit.PENYESUAIAN.label)],
    )  # fmt: skip

    class Meta:
        model = AngkaKredit
        fields = ("pegawai", "tahun", "jenis", "jenjang", "golongan", "nilai", "keterangan",
                  "nomor_pak", "tanggal_pak")  # fmt: skip


@admin.register(AngkaKredit)
class AngkaKreditAdmin(AdminBerlingkup, ExportMixin, admin.ModelAdmin):
    resource_classes = [AngkaKreditResource]
    form = AngkaKreditForm
    list_display = ("pegawai", "tahun", "jenis", "jenjang", "predikat", "nilai", "nomor_pak")
    list_filter = (UnitPegawaiFilter, "tahun", "jenis", "jenjang")
    list_select_related = ("pegawai",)
    search_fields = ("=pegawai__nip", "pegawai__nama")
    autocomplete_fields = ("pegawai",)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super().get_queryset(request)
            .filter(pegawai__in=pegawai_dikelola(request.user))
            .select_related("pegawai", "pegawai__unit_kerja")
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "pegawai":
            kwargs["queryset"] = pegawai_dikelola(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is not None and obj.jenis == JenisAngkaKredit.KONVERSI:
            # The value follows the appraisal (correct the appraisal instead); only its PAK is
            # recorded here.
            return ("pegawai", "tahun", "jenis", "jenjang", "golongan", "nilai", "keterangan")
        return ()

    def save_model(self, request: HttpRequest, obj: AngkaKredit, form: Any, change: bool) -> None:
        angka_kredit_simpan(baris=obj, oleh=request.user)

    def has_export_permission(self, request: HttpRequest) -> bool:
        return akses_untuk(request.user).staf_hr and super().has_export_permission(request)



