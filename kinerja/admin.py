"""Admin for HR: perjanjian kinerja and organisational results are entered here; SKP,
reports, appraisals (with objections) and the monthly dashboards per unit are scoped by
`pegawai.akses` (Admin BKD all, operators their unit)."""

from __future__ import annotations

import os

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from pegawai.admin_lingkup import AdminBerlingkup
from pegawai.akses import pegawai_dikelola, unit_dikelola

from . import services
from .models import (
    HasilOrganisasi,
    IndikatorKinerja,
    LaporanHarian,
    Penilaian,
    PerjanjianKinerja,
    RealisasiRhk,
    RekapPegawaiBulanan,
    RekapUnitBulanan,
    Rhk,
    Skp,
)


class LingkupPegawai:
    """Rows whose `pegawai` the staff member manages."""

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).filter(pegawai__in=pegawai_dikelola(request.user))


class LingkupUnit:
    """Rows whose `unit_kerja` the staff member manages; the unit is picked with the scoped
    autocomplete, not a select of every unit."""

    autocomplete_fields = ("unit_kerja",)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).filter(unit_kerja__in=unit_dikelola(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit_kerja":
            kwargs["queryset"] = unit_dikelola(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(AdminBerlingkup, LingkupUnit, admin.ModelAdmin):
    list_display = ("sasaran", "unit_kerja", "tahun", "indikator", "target")
    list_filter = ("tahun",)
    list_select_related = ("unit_kerja",)
    search_fields = ("sasaran", "unit_kerja__nama")


@admin.register(HasilOrganisasi)
class HasilOrganisasiAdmin(AdminBerlingkup, LingkupUnit, admin.ModelAdmin):
    list_display = ("unit_kerja", "tahun", "hasil")
    list_filter = ("tahun", "hasil")
    list_select_related = ("unit_kerja",)


class IndikatorInline(admin.TabularInline):
    model = IndikatorKinerja
    extra = 0


@admin.register(Rhk)
class RhkAdmin(AdminBerlingkup, admin.ModelAdmin):
    list_display = ("uraian", "jenis", "skp")
    list_select_related = ("skp__pegawai",)
    inlines = [IndikatorInline]
    raw_id_fields = ("skp", "rhk_atasan", "perjanjian_kinerja")
    search_fields = ("uraian", "skp__pegawai__nip")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(skp__pegawai__in=pegawai_dikelola(request.user))


class RhkInline(admin.TabularInline):
    model = Rhk
    fk_name = "skp"
    extra = 0
    fields = ("jenis", "uraian", "rhk_atasan", "perjanjian_kinerja")
    raw_id_fields = ("rhk_atasan", "perjanjian_kinerja")
    show_change_link = True


@admin.register(Skp)
class SkpAdmin(AdminBerlingkup, LingkupPegawai, admin.ModelAdmin):
    list_display = ("pegawai", "tahun", "status", "penilai", "unit_kerja")
    list_filter = ("tahun", "status", "pendekatan")
    list_select_related = ("pegawai", "penilai", "unit_kerja")
    search_fields = ("=pegawai__nip", "pegawai__nama")
    raw_id_fields = ("pegawai", "penilai", "unit_kerja")
    inlines = [RhkInline]
    list_per_page = 50


@admin.register(LaporanHarian)
class LaporanHarianAdmin(AdminBerlingkup, LingkupPegawai, admin.ModelAdmin):
    list_display = ("tanggal", "pegawai", "jam_mulai", "jam_selesai", "uraian", "status")
    list_filter = ("status", "tanggal")
    list_select_related = ("pegawai",)
    search_fields = ("=pegawai__nip", "pegawai__nama")
    date_hierarchy = "tanggal"
    raw_id_fields = ("pegawai", "rhk", "diputuskan_oleh")
    show_full_result_count = False  # 25 million rows a year: no COUNT(*) of the whole table
    list_per_page = 50
    # The evidence file is never linked by MEDIA_URL: the page streams it inside the scope.
    exclude = ("bukti",)
    readonly_fields = ("bukti_dukung",)

    @admin.display(description="bukti dukung")
    def bukti_dukung(self, obj: LaporanHarian) -> str:
        if not obj.bukti:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("kinerja:laporan-bukti", args=[obj.pk]),
            os.path.basename(obj.bukti.name),
        )

    def has_add_permission(self, request):
        return False  # reports are filed by the employee (page or API), with every rule


class RealisasiInline(admin.TabularInline):
    model = RealisasiRhk
    extra = 0
    readonly_fields = ("rhk", "dari_laporan", "realisasi", "alasan")
    can_delete = False


@admin.register(Penilaian)
class PenilaianAdmin(AdminBerlingkup, LingkupPegawai, admin.ModelAdmin):
    list_display = ("pegawai", "periode", "predikat", "penilai", "tanggapan", "unit_kerja")
    list_filter = ("tanggapan", "jenis_periode", "tahun", "predikat")
    list_select_related = ("pegawai", "penilai", "unit_kerja")
    search_fields = ("=pegawai__nip", "pegawai__nama")
    readonly_fields = [f.name for f in Penilaian._meta.fields]
    inlines = [RealisasiInline]

    def has_add_permission(self, request):
        return False  # appraisals are made by the direct supervisor


@admin.register(RekapUnitBulanan)
class RekapUnitBulananAdmin(AdminBerlingkup, LingkupUnit, admin.ModelAdmin):
    """HR dashboard per unit: compliance (who reported) and the predikat spread."""

    list_display = (
        "unit_kerja",
        "bulan",
        "jumlah_pegawai",
        "pegawai_melapor",
        "persen",
        "jumlah_laporan",
        "laporan_disetujui",
        "sangat_baik",
        "baik",
        "butuh_perbaikan",
        "kurang",
        "sangat_kurang",
    )
    list_filter = ("bulan",)
    list_select_related = ("unit_kerja",)
    actions = ["hitung_ulang"]

    @admin.display(description="% melapor")
    def persen(self, obj):
        return obj.persen_melapor

    @admin.action(description="Hitung ulang rekap bulan terpilih (di latar belakang)")
    def hitung_ulang(self, request, queryset):
        bulan = sorted(set(queryset.values_list("bulan", flat=True)))
        for b in bulan:
            services.rekap_jadwalkan(bulan=b)
        messages.success(request, f"Rekap {len(bulan)} bulan dijadwalkan ulang.")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RekapPegawaiBulanan)
class RekapPegawaiBulananAdmin(AdminBerlingkup, LingkupPegawai, admin.ModelAdmin):
    list_display = (
        "pegawai",
        "bulan",
        "jumlah_laporan",
        "laporan_disetujui",
        "laporan_dikembalikan",
        "total_menit",
        "hari_lapor",
    )
    list_filter = ("bulan",)
    list_select_related = ("pegawai",)
    search_fields = ("=pegawai__nip", "pegawai__nama")
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

from . import admin_angka_kredit  # noqa: E402,F401  (the angka kredit ledger)
