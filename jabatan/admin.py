"""Admin for HR staff: catalogue and competencies, assessments, formasi (with the vacancy
report export) and placements, scoped by `pegawai.akses`. A placement made here goes through
the same service as the API (`penempatan_periksa` / `penempatan_buat`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms.models import construct_instance
from django.http import HttpRequest, HttpResponse
from django.urls import path
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from inti.formulir import galat_ke_form
from pegawai.admin import UnitKerjaScopeFilter
from pegawai.admin_lingkup import AdminBerlingkup
from pegawai.akses import akses_untuk, pegawai_dikelola, pegawai_terlihat, unit_dikelola

from .ekspor import laporan_xlsx
from .models import (
    JENIS_PENEMPATAN_MANUAL,
    AsesmenKompetensi,
    Formasi,
    Jabatan,
    Kompetensi,
    Penempatan,
    StandarKompetensi,
)
from .resources import FormasiResource, JabatanResource
from .services import PenempatanMasukan, penempatan_buat, penempatan_periksa


@admin.register(Kompetensi)
class KompetensiAdmin(AdminBerlingkup, admin.ModelAdmin):
    list_display = ("kode", "nama", "jenis", "sektor")
    list_filter = ("jenis", "sektor")
    search_fields = ("kode", "nama")
    fieldsets = (
        (None, {"fields": (("kode", "nama"), ("jenis", "sektor"), "definisi")}),
        ("Deskripsi level", {"fields": ("level_1", "level_2", "level_3", "level_4", "level_5")}),
    )


class StandarKompetensiInline(admin.TabularInline):
    model = StandarKompetensi
    extra = 0
    autocomplete_fields = ("kompetensi",)


@admin.register(Jabatan)
class JabatanAdmin(AdminBerlingkup, ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [JabatanResource]
    list_display = (
        "kode",
        "nama",
        "jenis",
        "kelas_jabatan",
        "eselon",
        "pendidikan_minimal",
        "golongan_minimal",
        "perlu_ditinjau",
    )
    list_filter = ("jenis", "perlu_ditinjau", "kelas_jabatan")
    search_fields = ("kode", "nama")
    inlines = (StandarKompetensiInline,)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("kode", "nama"),
                    "jenis",
                    ("kelompok_pelaksana", "rumpun", "jenjang"),
                    ("kelas_jabatan", "eselon"),
                    "jenis_unit",
                    "ikhtisar",
                    "perlu_ditinjau",
                )
            },
        ),
        ("Syarat", {"fields": (("pendidikan_minimal", "golongan_minimal"), "jurusan")}),
    )

    def has_import_permission(self, request: HttpRequest) -> bool:
        return akses_untuk(request.user).admin_bkd and super().has_import_permission(request)


class StatusFormasiFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("lowong", "Lowong"), ("lebih", "Kelebihan"), ("sesuai", "Sesuai")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        kondisi = {
            "lowong": {"kekurangan__gt": 0},
            "lebih": {"kekurangan__lt": 0},
            "sesuai": {"kekurangan": 0},
        }.get(self.value() or "")
        return queryset.filter(**kondisi) if kondisi else queryset


@admin.register(Formasi)
class FormasiAdmin(AdminBerlingkup, ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [FormasiResource]
    import_export_change_list_template = "admin/jabatan/formasi/change_list.html"
    list_display = ("unit_kerja", "jabatan", "kebutuhan", "terisi", "kekurangan")
    list_filter = (UnitKerjaScopeFilter, StatusFormasiFilter)
    search_fields = ("jabatan__nama", "jabatan__kode", "unit_kerja__nama", "unit_kerja__kode")
    autocomplete_fields = ("unit_kerja", "jabatan")
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return Formasi.objects.with_hitungan().filter(unit_kerja__in=unit_dikelola(request.user))

    @admin.display(description="terisi", ordering="terisi")
    def terisi(self, obj: Formasi) -> int:
        return obj.terisi

    @admin.display(description="kekurangan", ordering="kekurangan")
    def kekurangan(self, obj: Formasi) -> int:
        return obj.kekurangan

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "unit_kerja":
            kwargs["queryset"] = unit_dikelola(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_import_permission(self, request: HttpRequest) -> bool:
        return akses_untuk(request.user).admin_bkd and super().has_import_permission(request)

    def has_export_permission(self, request: HttpRequest) -> bool:
        return akses_untuk(request.user).staf_hr and super().has_export_permission(request)

    def get_urls(self):
        return [
            path(
                "laporan/",
                self.admin_site.admin_view(self.laporan_view),
                name="jabatan_formasi_laporan",
            ),
            *super().get_urls(),
        ]

    def laporan_view(self, request: HttpRequest) -> HttpResponse:
        """The vacancy / over-filled report of the units the user manages, as Excel."""
        if not (self.has_view_permission(request) and akses_untuk(request.user).staf_hr):
            raise PermissionDenied
        return laporan_xlsx(request.user, unit=None)


@admin.register(AsesmenKompetensi)
class AsesmenKompetensiAdmin(AdminBerlingkup, SimpleHistoryAdmin):
    list_display = ("pegawai", "kompetensi", "level", "tanggal", "metode", "asesor")
    list_select_related = ("pegawai", "kompetensi")
    list_filter = ("metode", "kompetensi__jenis", "level")
    search_fields = ("pegawai__nip", "pegawai__nama", "kompetensi__nama")
    autocomplete_fields = ("pegawai", "kompetensi")
    date_hierarchy = "tanggal"
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .filter(pegawai__in=pegawai_dikelola(request.user))
            .select_related("pegawai", "kompetensi")
        )


class PenempatanAdminForm(forms.ModelForm):
    """The placement form: the service checks the rules; the model's own checks (one active
    placement) are the service's business, so the form does not run them."""

    jenis = forms.ChoiceField(
        label="Jenis", choices=[(c.value, c.label) for c in JENIS_PENEMPATAN_MANUAL]
    )

    class Meta:
        model = Penempatan
        fields = [
            "pegawai",
            "jabatan",
            "unit_kerja",
            "jenis",
            "nomor_sk",
            "tanggal_sk",
            "tmt",
            "atasan",
            "alasan",
        ]

    user: Any = None
    peringatan: list[str] = []

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        try:
            self.peringatan = penempatan_periksa(
                masukan=PenempatanMasukan.dari_data(data), oleh=self.user
            )
        except ValidationError as exc:
            galat_ke_form(self, exc)
        return data

    def _post_clean(self) -> None:
        # Fill the instance (the admin names it in its log) without the model's checks.
        self.instance = construct_instance(self, self.instance, self._meta.fields)


@admin.register(Penempatan)
class PenempatanAdmin(AdminBerlingkup, admin.ModelAdmin):
    form = PenempatanAdminForm
    list_display = (
        "pegawai",
        "jabatan",
        "unit_kerja",
        "jenis",
        "nomor_sk",
        "tmt",
        "tmt_selesai",
        "aktif",
    )
    list_select_related = ("pegawai", "jabatan", "unit_kerja")
    list_filter = ("aktif", "jenis", UnitKerjaScopeFilter)
    search_fields = ("pegawai__nip", "pegawai__nama", "jabatan__nama", "nomor_sk")
    autocomplete_fields = ("pegawai", "atasan", "jabatan", "unit_kerja")
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return Penempatan.objects.filter(pegawai__in=pegawai_dikelola(request.user)).select_related(
            "pegawai", "jabatan", "unit_kerja"
        )

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "unit_kerja":
            kwargs["queryset"] = unit_dikelola(request.user)
        elif db_field.name == "pegawai":
            kwargs["queryset"] = pegawai_dikelola(request.user)
        elif db_field.name == "atasan":
            kwargs["queryset"] = pegawai_terlihat(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # an SK is recorded, not edited: a correction is a new placement

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return akses_untuk(request.user).admin_bkd and super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Penempatan, form: Any, change: bool) -> None:
        data = form.cleaned_data
        baru = penempatan_buat(masukan=PenempatanMasukan.dari_data(data), oleh=request.user)
        obj.pk = baru.pk
        obj.aktif = True
        for pesan in baru.peringatan:
            messages.warning(request, f"Peringatan: {pesan}")
