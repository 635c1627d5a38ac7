"""Admin for HR staff: the catalogue, sessions with their participants, nominations,
certificates, the JP ledger, training needs and survey templates.

Personal rows (participants, certificates, JP, needs, invitations) are scoped by
`pegawai.akses.pegawai_dikelola`; writes go through `pelatihan.services`, so the admin
refuses exactly what the API and the pages refuse (quota, date clashes, scope).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from import_export.admin import ImportExportMixin

from pegawai.admin_lingkup import AdminBerlingkup
from pegawai.akses import akses_untuk, pegawai_dikelola

from . import rules, services
from .models import (
    STATUS_PESERTA_KURSI,
    SUMBER_MANUAL,
    CatatanJP,
    KebutuhanPelatihan,
    KompetensiPelatihan,
    Narasumber,
    Pelatihan,
    PertanyaanSurvei,
    Peserta,
    Sertifikat,
    Sesi,
    StatusPeserta,
    TemplateSurvei,
    UndanganSurvei,
)
from .resources import PesertaResource


def _pesan(exc: ValidationError) -> str:
    return " ".join(exc.messages)


class ScopedPegawaiMixin:
    """Rows that belong to an employee: HR sees those they manage (operator: their unit)."""

    pegawai_lookup = "pegawai"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        qs = super().get_queryset(request)  # type: ignore[misc]
        return qs.filter(**{f"{self.pegawai_lookup}__in": pegawai_dikelola(request.user)})

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "pegawai":
            kwargs["queryset"] = pegawai_dikelola(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


# --- Catalogue ------------------------------------------------------------------------------


class KompetensiPelatihanInline(admin.TabularInline):
    model = KompetensiPelatihan
    extra = 1
    autocomplete_fields = ("kompetensi",)


@admin.register(Pelatihan)
class PelatihanAdmin(AdminBerlingkup, admin.ModelAdmin):
    list_display = ("kode", "nama", "jenis", "jp", "penyelenggara", "bersertifikat", "aktif")
    list_filter = ("jenis", "penyelenggara", "bersertifikat", "aktif")
    search_fields = ("kode", "nama")
    inlines = (KompetensiPelatihanInline,)
    list_per_page = 50


@admin.register(Narasumber)
class NarasumberAdmin(AdminBerlingkup, admin.ModelAdmin):
    list_display = ("nama", "jenis", "instansi", "keahlian")
    list_filter = ("jenis",)
    search_fields = ("nama", "instansi", "keahlian")


# --- Sessions and participants ------------------------------------------------------------


class PesertaInlineFormSet(BaseInlineFormSet):
    """Refuses, next to the field, what the services would refuse: a full session, a date
    clash, an employee outside the unit. The services check again under a lock on save."""

    def clean(self) -> None:
        super().clean()
        sesi = self.instance
        if any(self.errors):
            return
        hidup = [
            f
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("pegawai")
        ]
        baru = [f for f in hidup if f.instance.pk is None]
        nip_baru = [f.cleaned_data["pegawai"].pk for f in baru]
        if len(nip_baru) != len(set(nip_baru)):
            raise ValidationError("Pegawai yang sama ditambahkan lebih dari sekali.")
        for f in hidup:
            if f.instance.pk and "pegawai" in f.changed_data:
                f.add_error(
                    "pegawai", "Untuk mengganti peserta, hapus baris ini lalu tambah baris baru."
                )
        for f in baru:
            if sesi.pk is None:
                continue
            masalah = services.peserta_masalah(
                sesi=sesi, pegawai=f.cleaned_data["pegawai"], cek_kuota=False
            )
            for kunci, pesan in masalah.items():
                f.add_error("pegawai" if kunci == "pegawai" else None, pesan)
        if baru:
            dipakai = [f.instance.pk for f in self.forms if f.instance.pk]
            lain = (
                Peserta.objects.filter(sesi=sesi, status__in=STATUS_PESERTA_KURSI)
                .exclude(pk__in=dipakai)
                .count()
                if sesi.pk
                else 0
            )
            terisi = lain + sum(
                1
                for f in hidup
                if f.instance.pk is None or f.instance.status in STATUS_PESERTA_KURSI
            )
            if sesi.kuota and terisi > sesi.kuota:
                raise ValidationError(
                    f"Kuota sesi {sesi.kuota} kursi terlampaui: {terisi} peserta terdaftar. "
                    "Naikkan kuota atau kurangi peserta."
                )


class PesertaInline(admin.TabularInline):
    model = Peserta
    formset = PesertaInlineFormSet
    fields = ("pegawai", "status", "hadir", "nilai_pre_test", "nilai_post_test", "hasil",
              "jp_diakui")  # fmt: skip
    readonly_fields = ("status", "jp_diakui")
    autocomplete_fields = ("pegawai",)
    extra = 3
    verbose_name = "peserta"
    verbose_name_plural = "peserta"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .filter(pegawai__in=pegawai_dikelola(request.user))
            .select_related("pegawai")
        )


@admin.register(Sesi)
class SesiAdmin(AdminBerlingkup, admin.ModelAdmin):
    list_display = (
        "kode", "pelatihan", "tanggal_mulai", "tanggal_selesai", "status", "kursi", "hasil_survei",
    )  # fmt: skip
    list_select_related = ("pelatihan",)
    list_filter = ("status", "daring", "pelatihan__jenis")
    search_fields = ("kode", "pelatihan__nama", "pelatihan__kode", "tempat")
    date_hierarchy = "tanggal_mulai"
    autocomplete_fields = ("pelatihan", "unit_penyelenggara")
    filter_horizontal = ("narasumber",)
    inlines = (PesertaInline,)
    list_per_page = 50
    fieldsets = (
        (None, {"fields": ("pelatihan", ("kode", "angkatan"), "status")}),
        ("Jadwal dan tempat", {"fields": (("tanggal_mulai", "tanggal_selesai"), "daring",
                                          "tempat", "kuota", "unit_penyelenggara")}),
        ("Narasumber", {"fields": ("narasumber",)}),
        (None, {"fields": ("catatan",)}),
    )  # fmt: skip

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).with_terisi()

    @admin.display(description="kursi terisi")
    def kursi(self, obj: Sesi) -> str:
        return f"{obj.terisi}/{obj.kuota}"

    @admin.display(description="survei")
    def hasil_survei(self, obj: Sesi) -> str:
        return format_html(
            '<a href="{}">Hasil survei</a>', reverse("pelatihan:hasil-sesi", args=[obj.pk])
        )

    def save_model(self, request: HttpRequest, obj: Sesi, form: Any, change: bool) -> None:
        services.sesi_simpan(sesi=obj)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not Peserta:
            return super().save_formset(request, form, formset, change)
        sesi = form.instance
        for f in formset.deleted_forms:
            if f.instance.pk:
                services.peserta_hapus(peserta=f.instance, oleh=request.user)
        for f in formset.forms:
            if not f.cleaned_data or f in formset.deleted_forms or not f.has_changed():
                continue
            data = f.cleaned_data
            peserta = f.instance
            if peserta.pk is None:
                peserta = services.peserta_daftarkan(
                    sesi=sesi, pegawai=data["pegawai"], oleh=request.user
                )
            if data.get("hadir") is not None or data.get("hasil") or f.instance.pk:
                services.peserta_hasil_catat(
                    peserta=peserta,
                    hadir=data.get("hadir"),
                    hasil=data.get("hasil", ""),
                    nilai_pre_test=data.get("nilai_pre_test"),
                    nilai_post_test=data.get("nilai_post_test"),
                )
        formset.new_objects = formset.changed_objects = formset.deleted_objects = []


@admin.register(Peserta)
class PesertaAdmin(AdminBerlingkup, ImportExportMixin, ScopedPegawaiMixin, admin.ModelAdmin):
    resource_classes = [PesertaResource]
    list_display = ("sesi", "nip", "nama", "status", "hadir", "hasil", "jp_diakui",
                    "diusulkan_oleh")  # fmt: skip
    list_select_related = ("sesi__pelatihan", "pegawai", "diusulkan_oleh")
    list_filter = ("status", "hasil", "hadir", "sesi__pelatihan")
    search_fields = ("pegawai__nip", "pegawai__nama", "sesi__kode", "sesi__pelatihan__nama")
    autocomplete_fields = ("sesi", "pegawai")
    readonly_fields = ("status", "jp_diakui", "diusulkan_oleh", "diputuskan_oleh", "alasan_usulan")
    fields = ("sesi", "pegawai", "status", "alasan_usulan", "diusulkan_oleh", "diputuskan_oleh",
              "hadir", "nilai_pre_test", "nilai_post_test", "hasil", "jp_diakui")  # fmt: skip
    actions = ("setujui_usulan", "tolak_usulan")
    list_per_page = 50

    @admin.display(description="NIP", ordering="pegawai__nip")
    def nip(self, obj: Peserta) -> str:
        return obj.pegawai.nip

    @admin.display(description="nama", ordering="pegawai__nama")
    def nama(self, obj: Peserta) -> str:
        return obj.pegawai.nama

    # Deletes go through the service: the session's JP row goes with the participant.
    def delete_model(self, request: HttpRequest, obj: Peserta) -> None:
        services.peserta_hapus(peserta=obj, oleh=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for peserta in queryset.select_related("pegawai"):
            services.peserta_hapus(peserta=peserta, oleh=request.user)

    def get_readonly_fields(self, request: HttpRequest, obj: Peserta | None = None):
        if obj is not None:
            return (*self.readonly_fields, "sesi", "pegawai")
        return self.readonly_fields

    def save_model(self, request: HttpRequest, obj: Peserta, form: Any, change: bool) -> None:
        data = form.cleaned_data
        if not change:
            baru = services.peserta_daftarkan(sesi=obj.sesi, pegawai=obj.pegawai, oleh=request.user)
            obj.pk = baru.pk
        if change or data.get("hadir") is not None or data.get("hasil"):
            services.peserta_hasil_catat(
                peserta=obj,
                hadir=data.get("hadir"),
                hasil=data.get("hasil", ""),
                nilai_pre_test=data.get("nilai_pre_test"),
                nilai_post_test=data.get("nilai_post_test"),
            )

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            base_clean = form.clean

            def clean(self_form):
                data = base_clean(self_form)
                if data.get("sesi") and data.get("pegawai"):
                    for kunci, pesan in services.peserta_masalah(
                        sesi=data["sesi"], pegawai=data["pegawai"]
                    ).items():
                        self_form.add_error(kunci if kunci in self_form.fields else None, pesan)
                return data

            form.clean = clean
        return form

    @admin.action(description="Setujui usulan terpilih")
    def setujui_usulan(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._putuskan(request, queryset, services.peserta_setujui, "disetujui")

    @admin.action(description="Tolak usulan terpilih")
    def tolak_usulan(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._putuskan(request, queryset, services.peserta_tolak, "ditolak")

    def _putuskan(self, request, queryset, fungsi, kata: str) -> None:
        berhasil = 0
        for peserta in queryset.filter(status=StatusPeserta.DIUSULKAN):
            try:
                fungsi(peserta=peserta, oleh=request.user)
                berhasil += 1
            except ValidationError as exc:
                self.message_user(request, f"{peserta.pegawai.nama}: {_pesan(exc)}", messages.ERROR)
        if berhasil:
            self.message_user(request, f"{berhasil} usulan {kata}.", messages.SUCCESS)

    def has_import_permission(self, request: HttpRequest) -> bool:
        return akses_untuk(request.user).staf_hr and super().has_import_permission(request)

    def has_export_permission(self, request: HttpRequest) -> bool:
        return akses_untuk(request.user).staf_hr and super().has_export_permission(request)

    def get_import_resource_kwargs(self, request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
        return {"user": request.user}

    def get_export_resource_kwargs(self, request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
        return {"user": request.user}


# --- Certificates, JP, needs --------------------------------------------------------------


@admin.register(Sertifikat)
class SertifikatAdmin(AdminBerlingkup, ScopedPegawaiMixin, admin.ModelAdmin):
    list_display = ("nomor", "nama", "pegawai", "tanggal_terbit", "tanggal_kedaluwarsa")
    list_select_related = ("pegawai",)
    search_fields = ("nomor", "nama", "pegawai__nip", "pegawai__nama")
    list_filter = ("pelatihan",)
    date_hierarchy = "tanggal_kedaluwarsa"
    autocomplete_fields = ("pegawai", "pelatihan")
    raw_id_fields = ("peserta",)
    list_per_page = 50

    def save_model(self, request: HttpRequest, obj: Sertifikat, form: Any, change: bool) -> None:
        if obj.tanggal_kedaluwarsa is None and obj.pelatihan_id:
            obj.tanggal_kedaluwarsa = rules.tanggal_kedaluwarsa(
                terbit=obj.tanggal_terbit, masa_berlaku_bulan=obj.pelatihan.masa_berlaku_bulan
            )
        super().save_model(request, obj, form, change)


@admin.register(CatatanJP)
class CatatanJPAdmin(AdminBerlingkup, ScopedPegawaiMixin, admin.ModelAdmin):
    """The JP ledger. Rows from sessions follow the participants' results and are read-only
    here; HR adds recognised nonklasikal activities by hand."""

    list_display = ("pegawai", "tanggal", "jp", "jenis", "uraian", "sumber")
    list_select_related = ("pegawai",)
    list_filter = ("jenis", "sumber")
    search_fields = ("pegawai__nip", "pegawai__nama", "uraian")
    date_hierarchy = "tanggal"
    autocomplete_fields = ("pegawai",)
    fields = ("pegawai", "tanggal", "jenis", "jp", "uraian")
    list_per_page = 50

    # Rows another record owns (a session, a coaching session in karier, ...) follow that
    # record; an edit here would be overwritten, so only hand-entered rows are editable.
    def has_change_permission(self, request: HttpRequest, obj: CatatanJP | None = None) -> bool:
        if obj is not None and obj.sumber not in ("", SUMBER_MANUAL):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: CatatanJP | None = None) -> bool:
        if obj is not None and obj.sumber not in ("", SUMBER_MANUAL):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: CatatanJP, form: Any, change: bool) -> None:
        catatan = services.jp_akui(
            pegawai=obj.pegawai,
            tanggal=obj.tanggal,
            jenis=obj.jenis,
            uraian=obj.uraian,
            jp=obj.jp,
            sumber=obj.sumber or SUMBER_MANUAL,
            sumber_id=obj.sumber_id or (str(obj.pk) if obj.pk else ""),
            oleh=request.user,
        )
        obj.pk = catatan.pk


# The JP bounds per status are the rule row `jp.batas_tahunan` (aturan app, effective-dated,
# with history); the old TargetJP table is no longer read and no longer offered here.


@admin.register(KebutuhanPelatihan)
class KebutuhanPelatihanAdmin(AdminBerlingkup, ScopedPegawaiMixin, admin.ModelAdmin):
    list_display = ("pegawai", "kompetensi", "sumber", "tahun", "status")
    list_select_related = ("pegawai", "kompetensi")
    list_filter = ("sumber", "status", "tahun")
    search_fields = ("pegawai__nip", "pegawai__nama", "kompetensi__nama")
    autocomplete_fields = ("pegawai", "kompetensi")
    raw_id_fields = ("peserta",)
    list_per_page = 50


# --- Surveys --------------------------------------------------------------------------------


class PertanyaanInline(admin.TabularInline):
    model = PertanyaanSurvei
    extra = 1
    fields = ("urutan", "teks", "tipe", "wajib", "ukur_penerapan", "kompetensi")
    autocomplete_fields = ("kompetensi",)


@admin.register(TemplateSurvei)
class TemplateSurveiAdmin(AdminBerlingkup, admin.ModelAdmin):
    list_display = ("nama", "jenis", "bawaan")
    list_filter = ("jenis",)
    search_fields = ("nama",)
    inlines = (PertanyaanInline,)


@admin.register(UndanganSurvei)
class UndanganSurveiAdmin(AdminBerlingkup, ScopedPegawaiMixin, admin.ModelAdmin):
    pegawai_lookup = "peserta__pegawai"
    list_display = ("peserta", "jenis", "responden", "responden_pegawai", "tanggal_jatuh",
                    "email_terkirim", "pengingat_terkirim", "dijawab")  # fmt: skip
    list_select_related = ("peserta__sesi__pelatihan", "peserta__pegawai", "responden_pegawai")
    list_filter = ("jenis", "responden", "tanggal_jatuh")
    search_fields = ("peserta__pegawai__nip", "peserta__pegawai__nama", "peserta__sesi__kode")
    readonly_fields = [f.name for f in UndanganSurvei._meta.fields if f.name != "kunci"]
    exclude = ("kunci",)
    list_per_page = 50

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
