"""Admin for HR staff: complaints (read, export, link to the triage page), the holiday table
and survey answers. Rows come from the access scope (`pengaduan.selectors`); status changes go
through the triage page so that the admin cannot bypass the workflow rules."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from import_export.admin import ExportMixin

from pegawai.admin import UnitKerjaScopeFilter
from pegawai.admin_lingkup import AdminBerlingkup
from pegawai.akses import akses_untuk

from . import rules, selectors
from .models import HariLibur, Pengaduan, Status, SurveiKepuasan, Tanggapan
from .resources import PengaduanResource, SurveiKepuasanResource


class _StafHr:
    """Model access from the roles (Admin BKD, Operator OPD), not from model permissions."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return akses_untuk(request.user).staf_hr

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return akses_untuk(request.user).staf_hr

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_export_permission(self, request: HttpRequest) -> bool:
        return akses_untuk(request.user).staf_hr


class TerlambatFilter(admin.SimpleListFilter):
    title = "keterlambatan"
    parameter_name = "terlambat"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("1", "Melewati batas waktu")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "1":
            return queryset.terlambat(timezone.localdate())
        return queryset


class UnitFilter(UnitKerjaScopeFilter):
    """The unit and its sub-units, as a drill-down (pegawai.admin): not a link per unit."""


class TanggapanInline(admin.TabularInline):
    model = Tanggapan
    extra = 0
    can_delete = False
    fields = ("dibuat", "oleh", "publik", "dari_pelapor", "status_sesudah", "isi")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("oleh")


@admin.register(Pengaduan)
class PengaduanAdmin(AdminBerlingkup, _StafHr, ExportMixin, admin.ModelAdmin):
    resource_classes = [PengaduanResource]
    list_display = (
        "kode",
        "judul",
        "jenis",
        "unit_kerja",
        "status",
        "batas_waktu",
        "tanda_terlambat",
        "dibuat",
        "proses",
    )
    list_select_related = ("unit_kerja",)
    list_filter = ("status", "jenis", TerlambatFilter, UnitFilter)
    search_fields = ("=kode", "judul")
    date_hierarchy = "dibuat"
    list_per_page = 50
    inlines = (TanggapanInline,)
    fieldsets = (
        ("Laporan", {"fields": ("kode", "jenis", "judul", "isi", "unit_kerja", "lampiran_jenis")}),
        ("Pegawai", {"fields": ("pegawai_disebut", "pegawai_terkait")}),
        (
            "Pelapor (hanya petugas yang menangani)",
            {"fields": ("nama", "email", "telepon", "anonim", "rahasia")},
        ),
        (
            "Alur",
            {
                "fields": (
                    "status",
                    "batas_waktu",
                    "dibuat",
                    "diverifikasi_pada",
                    "ditindaklanjuti_pada",
                    "ditutup_pada",
                    "bukan_wewenang",
                    "penilaian",
                    "dibuka_ulang",
                    "proses",
                )
            },
        ),
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f for _judul, opsi in self.fieldsets for f in opsi["fields"]]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return selectors.pengaduan_ditangani(request.user).select_related(
            "unit_kerja", "pegawai_terkait"
        )

    @admin.display(description="terlambat", boolean=True)
    def tanda_terlambat(self, obj: Pengaduan) -> bool:
        return rules.terlambat(obj.status, obj.batas_waktu, timezone.localdate())

    @admin.display(description="tindakan")
    def proses(self, obj: Pengaduan) -> str:
        if obj.pk is None:
            return "–"
        label = "Lihat" if obj.status in (Status.SELESAI, Status.DITOLAK) else "Tanggapi"
        return format_html(
            '<a href="{}">{}</a>', reverse("pengaduan:staf-detail", args=[obj.kode]), label
        )


@admin.register(SurveiKepuasan)
class SurveiKepuasanAdmin(AdminBerlingkup, _StafHr, ExportMixin, admin.ModelAdmin):
    resource_classes = [SurveiKepuasanResource]
    list_display = ("dibuat", "unit_kerja", "layanan", *rules.KODE_UNSUR)
    list_select_related = ("unit_kerja",)
    list_filter = (UnitFilter,)
    autocomplete_fields = ("unit_kerja",)
    date_hierarchy = "dibuat"
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        qs = super().get_queryset(request).select_related("unit_kerja")
        akses = akses_untuk(request.user)
        if akses.admin_bkd:
            return qs
        if akses.unit_operator is not None:
            return qs.filter(unit_kerja__path__startswith=akses.unit_operator.path)
        return qs.none()


@admin.register(HariLibur)
class HariLiburAdmin(AdminBerlingkup, admin.ModelAdmin):
    """HR keeps the national holidays and cuti bersama; every deadline skips them."""

    list_display = ("tanggal", "keterangan", "jenis", "sumber", "perlu_verifikasi")
    list_filter = ("jenis", "perlu_verifikasi")
    date_hierarchy = "tanggal"
    search_fields = ("keterangan",)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return akses_untuk(request.user).staf_hr

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return akses_untuk(request.user).staf_hr

    def has_add_permission(self, request: HttpRequest) -> bool:
        return akses_untuk(request.user).admin_bkd

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return akses_untuk(request.user).admin_bkd

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return akses_untuk(request.user).admin_bkd
