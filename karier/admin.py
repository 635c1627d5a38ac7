"""Admin for HR staff: development plans, coaching sessions, appointed mentors, potensi
scores, the talent map (read-only, recomputed by an action), key positions and the
kenaikan pangkat worklist.

Personal rows are scoped by `pegawai.akses.pegawai_dikelola`; writes with rules go through
`karier.services`, so the admin refuses what the pages refuse.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from inti import waktu
from pegawai.admin_lingkup import AdminBerlingkup
from pegawai.akses import akses_untuk, pegawai_dikelola

from . import services
from .models import (
    JabatanKunci,
    KegiatanPengembangan,
    PenilaianPotensi,
    PenunjukanMentor,
    ProfilTalenta,
    RencanaPengembangan,
    SesiPembinaan,
    UsulanKenaikanPangkat,
)


class ScopedPegawaiMixin:
    """Rows that belong to an employee: HR sees those they manage (operator: their unit)."""

    pegawai_lookup = "pegawai"
    pegawai_fields = ("pegawai",)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        qs = super().get_queryset(request)  # type: ignore[misc]
        return qs.filter(**{f"{self.pegawai_lookup}__in": pegawai_dikelola(request.user)})

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name in self.pegawai_fields:
            kwargs["queryset"] = pegawai_dikelola(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


class KegiatanInline(admin.TabularInline):
    model = KegiatanPengembangan
    extra = 0
    fields = ("jenis", "uraian", "kompetensi", "target_tanggal", "status", "tanggal_selesai")
    autocomplete_fields = ("kompetensi",)


@admin.register(RencanaPengembangan)
class RencanaAdmin(AdminBerlingkup, ScopedPegawaiMixin, admin.ModelAdmin):
    list_display = ("pegawai", "tahun", "status", "disetujui_oleh")
    list_select_related = ("pegawai", "disetujui_oleh")
    list_filter = ("tahun", "status")
    search_fields = ("pegawai__nip", "pegawai__nama")
    autocomplete_fields = ("pegawai",)
    filter_horizontal = ("kompetensi",)
    readonly_fields = ("disetujui_oleh", "disetujui_pada")
    inlines = (KegiatanInline,)
    list_per_page = 50


class SesiPembinaanForm(forms.ModelForm):
    """Shows next to the fields what the service would refuse (future date, a coach who is
    neither the supervisor nor an appointed mentor)."""

    class Meta:
        model = SesiPembinaan
        fields = [
            "jenis", "pembina", "pegawai", "tanggal", "durasi_menit", "topik", "catatan",
            "kesepakatan", "tindak_lanjut_tanggal", "tindak_lanjut",
        ]  # fmt: skip

    def _post_clean(self) -> None:
        super()._post_clean()
        if self.instance.pembina_id and self.instance.pegawai_id and self.instance.tanggal:
            try:
                services.sesi_pembinaan_periksa(self.instance)
            except ValidationError as exc:
                self._update_errors(exc)


@admin.register(SesiPembinaan)
class SesiPembinaanAdmin(AdminBerlingkup, ScopedPegawaiMixin, admin.ModelAdmin):
    form = SesiPembinaanForm
    pegawai_fields = ("pegawai", "pembina")
    list_display = ("tanggal", "jenis", "pegawai", "pembina", "durasi_menit", "topik")
    list_select_related = ("pegawai", "pembina")
    list_filter = ("jenis",)
    search_fields = ("pegawai__nip", "pegawai__nama", "pembina__nama", "topik")
    date_hierarchy = "tanggal"
    autocomplete_fields = ("pegawai", "pembina")
    fields = (
        "jenis", "pembina", "pegawai", "tanggal", "durasi_menit", "topik", "catatan",
        "kesepakatan", "tindak_lanjut_tanggal", "tindak_lanjut",
    )  # fmt: skip
    list_per_page = 50

    def save_model(self, request: HttpRequest, obj: SesiPembinaan, form: Any, change: bool) -> None:
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"pembina", "pegawai"}}
        if change:
            sesi = services.sesi_pembinaan_ubah(sesi=obj, oleh=request.user, data=data)
        else:
            sesi = services.sesi_pembinaan_catat(
                pembina=obj.pembina, pegawai=obj.pegawai, oleh=request.user, data=data
            )
        obj.pk = sesi.pk

    def delete_model(self, request: HttpRequest, obj: SesiPembinaan) -> None:
        services.sesi_pembinaan_hapus(sesi=obj, oleh=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for sesi in queryset:
            services.sesi_pembinaan_hapus(sesi=sesi, oleh=request.user)


@admin.register(PenunjukanMentor)
class PenunjukanMentorAdmin(AdminBerlingkup, ScopedPegawaiMixin, admin.ModelAdmin):
    list_display = ("pegawai", "mentor", "mulai", "selesai")
    list_select_related = ("pegawai", "mentor")
    search_fields = ("pegawai__nip", "pegawai__nama", "mentor__nama")
    autocomplete_fields = ("pegawai", "mentor")
    list_per_page = 50


@admin.register(PenilaianPotensi)
class PenilaianPotensiAdmin(AdminBerlingkup, ScopedPegawaiMixin, admin.ModelAdmin):
    list_display = ("pegawai", "tahun", "nilai", "metode")
    list_select_related = ("pegawai",)
    list_filter = ("tahun",)
    search_fields = ("pegawai__nip", "pegawai__nama")
    autocomplete_fields = ("pegawai",)
    fields = ("pegawai", "tahun", "nilai", "metode", "catatan")
    list_per_page = 50

    def save_model(self, request: HttpRequest, obj: PenilaianPotensi, form: Any, change: bool):
        baris = services.potensi_catat(
            pegawai=obj.pegawai, tahun=obj.tahun, nilai=obj.nilai, metode=obj.metode,
            catatan=obj.catatan, oleh=request.user,
        )  # fmt: skip
        services.talenta_petakan(tahun=obj.tahun, pegawai_ids=[obj.pegawai_id])
        obj.pk = baris.pk


@admin.register(ProfilTalenta)
class ProfilTalentaAdmin(AdminBerlingkup, ScopedPegawaiMixin, admin.ModelAdmin):
    list_display = ("pegawai", "tahun", "unit_kerja", "predikat", "kinerja", "skor_potensi",
                    "potensi", "kotak")  # fmt: skip
    list_select_related = ("pegawai", "unit_kerja")
    list_filter = ("tahun", "kotak", "kinerja", "potensi")
    search_fields = ("pegawai__nip", "pegawai__nama")
    actions = ("hitung_ulang",)
    list_per_page = 50

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Hitung ulang peta talenta tahun ini untuk seluruh pegawai")
    def hitung_ulang(self, request: HttpRequest, queryset: QuerySet) -> None:
        tahun = waktu.tahun_ini()
        semua = akses_untuk(request.user).admin_bkd
        ids = None if semua else list(pegawai_dikelola(request.user).values_list("pk", flat=True))
        jumlah = services.talenta_petakan(tahun=tahun, pegawai_ids=ids)
        self.message_user(request, f"Peta talenta {tahun}: {jumlah} pegawai dipetakan.")


@admin.register(JabatanKunci)
class JabatanKunciAdmin(AdminBerlingkup, admin.ModelAdmin):
    list_display = ("jabatan", "catatan")
    list_select_related = ("jabatan",)
    autocomplete_fields = ("jabatan",)
    search_fields = ("jabatan__nama",)


@admin.register(UsulanKenaikanPangkat)
class UsulanKpAdmin(AdminBerlingkup, ScopedPegawaiMixin, admin.ModelAdmin):
    list_display = ("pegawai", "periode", "golongan_baru", "status", "diubah_oleh", "diubah")
    list_select_related = ("pegawai", "diubah_oleh")
    list_filter = ("periode", "status")
    search_fields = ("pegawai__nip", "pegawai__nama")
    autocomplete_fields = ("pegawai",)
    readonly_fields = ("diubah_oleh",)
    list_per_page = 50
