"""Admin for HR staff (Admin BKD and Operator OPD), scoped by `pegawai.akses`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from import_export.admin import ImportExportMixin
from import_export.forms import ConfirmImportForm, ImportForm, SelectableFieldsExportForm
from simple_history.admin import SimpleHistoryAdmin

from .admin_lingkup import AdminBerlingkup
from .akses import akses_untuk, pegawai_dikelola, unit_dikelola
from .models import OperatorOpd, Pegawai, RiwayatPangkat, RiwayatPendidikan, UnitKerja
from .resources import PegawaiResource, UnitKerjaResource, ambil_berkas_alasan
from .services import nip_tetap_periksa, pegawai_simpan

SARAN_LATAR = "Untuk berkas sebesar ini gunakan halaman Impor pegawai (berkas besar)"

LABEL_LEWATI = "Lewati baris yang salah (impor baris yang benar saja)"


class ImporPegawaiForm(ImportForm):
    lewati_baris_salah = forms.BooleanField(
        label=LABEL_LEWATI,
        required=False,
        help_text="Tanpa centang ini, berkas hanya diimpor bila semua barisnya benar.",
    )


class KonfirmasiImporPegawaiForm(ConfirmImportForm):
    lewati_baris_salah = forms.BooleanField(required=False, widget=forms.HiddenInput)


class FormEksporIndonesia(SelectableFieldsExportForm):
    """Column checkboxes labelled with the file's own headers ("NIP", "TMT Golongan"), not
    the attribute names import-export derives ("Nip (NIP)", "Tmt Golongan")."""

    def _get_field_label(self, resource: Any, field_name: str) -> str:
        field = resource.fields.get(field_name)
        return field.column_name if field and field.column_name else field_name


class UnitKerjaScopeFilter(admin.SimpleListFilter):
    """Unit filter listing only the units the staff member manages."""

    title = "unit kerja"
    parameter_name = "unit"
    lookup_path = "unit_kerja__path"  # the path of the row's unit (subclasses change it)

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        # Not every managed unit (5,837 links for Admin BKD): the top of the user's scope
        # (the OPDs, or the operator's own unit and its direct sub-units) and, once a unit is
        # chosen, its direct sub-units: a drill-down. The filter itself takes the subtree.
        akses = akses_untuk(request.user)
        if akses.admin_bkd:
            kondisi = Q(parent__isnull=True)
        elif akses.unit_operator is not None:
            kondisi = Q(pk=akses.unit_operator.pk) | Q(parent=akses.unit_operator)
        else:
            return []
        if self.value() and str(self.value()).isdigit():
            kondisi |= Q(pk=self.value()) | Q(parent_id=self.value())
        units = unit_dikelola(request.user).filter(kondisi).only("pk", "nama", "path")
        return [(str(u.pk), u.nama) for u in units.order_by("path")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if not self.value():
            return queryset
        unit = UnitKerja.objects.filter(pk=self.value()).first()
        if unit is None:
            return queryset.none()
        return queryset.filter(**{f"{self.lookup_path}__startswith": unit.path})


class UnitIndukFilter(UnitKerjaScopeFilter):
    """The unit tree's own changelist: the units under a chosen unit (drill-down), not a
    link per parent unit."""

    title = "di bawah unit"
    parameter_name = "di_bawah"
    lookup_path = "path"


class InlineBerlabel(admin.TabularInline):
    """A tabular inline whose inputs carry their column's name for screen readers: the
    header cell above them is not a <label>, so each input gets an aria-label."""

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            formfield.widget.attrs.setdefault("aria-label", capfirst(db_field.verbose_name))
        return formfield


class RiwayatPangkatInline(InlineBerlabel):
    model = RiwayatPangkat
    extra = 0


class RiwayatPendidikanInline(InlineBerlabel):
    model = RiwayatPendidikan
    extra = 0


class PegawaiAdminForm(forms.ModelForm):
    def clean_nip(self) -> str:
        nip = self.cleaned_data["nip"]
        try:
            nip_tetap_periksa(pegawai=self.instance, nip=nip)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["nip"]) from None
        return nip


@admin.register(Pegawai)
class PegawaiAdmin(AdminBerlingkup, ImportExportMixin, SimpleHistoryAdmin):
    form = PegawaiAdminForm
    resource_classes = [PegawaiResource]
    import_form_class = ImporPegawaiForm
    confirm_form_class = KonfirmasiImporPegawaiForm
    export_form_class = FormEksporIndonesia
    import_template_name = "admin/pegawai/pegawai/impor.html"
    list_display = (
        "nip",
        "nama_lengkap",
        "unit_kerja",
        "status_kepegawaian",
        "golongan",
        "nama_jabatan",
        "atasan_nama",
        "aktif",
    )
    list_select_related = ("unit_kerja", "atasan")
    search_fields = ("=nip", "nama", "^nip")
    list_filter = (UnitKerjaScopeFilter, "status_kepegawaian", "golongan", "aktif", "jenis_kelamin")
    list_per_page = 50
    # No COUNT(*) over every employee for "(N total)" on each page at 100,000 rows.
    show_full_result_count = False
    # The unit is an autocomplete (scoped by UnitKerjaAdmin.get_search_results), not a select
    # of 5,837 units.
    autocomplete_fields = ("atasan", "unit_kerja")
    raw_id_fields = ("user",)
    inlines = (RiwayatPangkatInline, RiwayatPendidikanInline)
    history_list_display = ("unit_kerja", "golongan", "atasan")
    fieldsets = (
        (
            "Identitas",
            {
                "fields": (
                    ("nip", "nik"),
                    ("gelar_depan", "nama", "gelar_belakang"),
                    ("tempat_lahir", "tanggal_lahir"),
                    ("jenis_kelamin", "agama"),
                )
            },
        ),
        (
            "Kepegawaian",
            {
                "fields": (
                    ("status_kepegawaian", "golongan", "tmt_golongan"),
                    ("pendidikan_jenjang", "pendidikan_jurusan"),
                    "unit_kerja",
                    ("nama_jabatan", "jenis_jabatan"),
                    "atasan",
                    "aktif",
                )
            },
        ),
        ("Kontak dan akun", {"fields": (("email", "no_hp"), "user")}),
    )

    @admin.display(description="nama lengkap", ordering="nama")
    def nama_lengkap(self, obj: Pegawai) -> str:
        return obj.nama_lengkap

    @admin.display(description="atasan", ordering="atasan__nama")
    def atasan_nama(self, obj: Pegawai) -> str:
        return obj.atasan.nama if obj.atasan_id else "–"

    def save_model(self, request: HttpRequest, obj: Pegawai, form: Any, change: bool) -> None:
        # Through the service, like the API: the login account is created and its email
        # follows the record; the history entry names the HR officer.
        pegawai_simpan(pegawai=obj, data={}, oleh=request.user)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return pegawai_dikelola(request.user).select_related("unit_kerja", "atasan")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "unit_kerja":
            kwargs["queryset"] = unit_dikelola(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        # The atasan autocomplete may offer anyone the staff member can see as a supervisor.
        return super().get_search_results(request, queryset, search_term.replace(" ", ""))

    def has_import_permission(self, request: HttpRequest) -> bool:
        return akses_untuk(request.user).staf_hr and super().has_import_permission(request)

    def has_export_permission(self, request: HttpRequest) -> bool:
        return akses_untuk(request.user).staf_hr and super().has_export_permission(request)

    def get_import_resource_kwargs(self, request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
        return {"user": request.user, "request": request}

    def get_export_resource_kwargs(self, request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
        return {"user": request.user}

    def get_import_data_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        form = kwargs.get("form")
        data = super().get_import_data_kwargs(**kwargs)
        if form is not None and getattr(form, "cleaned_data", {}).get("lewati_baris_salah"):
            data["lewati_baris_salah"] = True
        return data

    def get_import_form_class(self, request: HttpRequest) -> type:
        from inti.batas import form_impor_dibatasi

        # Too big for the preview: point to the background import instead of the command.
        return form_impor_dibatasi(
            ImporPegawaiForm, saran=f"{SARAN_LATAR} ({reverse('impor-latar')})."
        )

    def get_import_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_import_context_data(**kwargs),
            "impor_ambang_baris": settings.IMPOR_MAKS_BARIS,
            "impor_ambang_mb": f"{settings.IMPOR_MAKS_BYTE / (1024 * 1024):g}",
        }

    def import_action(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        response = super().import_action(request, **kwargs)
        kunci = getattr(request, "impor_alasan_kunci", None)
        if kunci and isinstance(response, TemplateResponse):
            response.context_data["url_berkas_alasan"] = reverse(
                "admin:pegawai_pegawai_impor_alasan", args=[kunci]
            )
        return response

    def get_urls(self) -> list[Any]:
        return [
            path(
                "impor/alasan/<str:kunci>/",
                self.admin_site.admin_view(self.unduh_berkas_alasan),
                name="pegawai_pegawai_impor_alasan",
            ),
            *super().get_urls(),
        ]

    def unduh_berkas_alasan(self, request: HttpRequest, kunci: str) -> HttpResponse:
        """The uploaded rows plus "Alasan" (kept an hour, only for the user who uploaded)."""
        if not self.has_import_permission(request):
            raise Http404
        isi = ambil_berkas_alasan(request.user, kunci)
        if isi is None:
            raise Http404("Berkas alasan sudah kedaluwarsa; unggah ulang berkas impor.")
        response = HttpResponse(
            isi, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = 'attachment; filename="impor-pegawai-alasan.xlsx"'
        return response

    def get_confirm_form_initial(self, request: HttpRequest, import_form: Any) -> dict[str, Any]:
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["lewati_baris_salah"] = import_form.cleaned_data.get("lewati_baris_salah")
        return initial


@admin.register(UnitKerja)
class UnitKerjaAdmin(AdminBerlingkup, ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [UnitKerjaResource]
    export_form_class = FormEksporIndonesia
    list_display = ("kode", "nama", "singkatan", "parent")
    list_select_related = ("parent",)
    search_fields = ("kode", "nama", "singkatan")
    list_filter = (UnitIndukFilter,)
    autocomplete_fields = ("parent",)
    ordering = ("path",)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Every HR user may read the tree (to pick atasan/units); writes need permissions.
        return super().get_queryset(request).select_related("parent")

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        """The unit autocomplete of every admin form offers only the units the user manages
        (an operator their unit's subtree): the choices the form would accept anyway."""
        hasil, duplikat = super().get_search_results(request, queryset, search_term)
        cocok = getattr(request, "resolver_match", None)
        if cocok is not None and cocok.url_name == "autocomplete":
            hasil = hasil.filter(pk__in=unit_dikelola(request.user).values("pk"))
        return hasil, duplikat

    def has_import_permission(self, request: HttpRequest) -> bool:
        return akses_untuk(request.user).admin_bkd


@admin.register(OperatorOpd)
class OperatorOpdAdmin(AdminBerlingkup, admin.ModelAdmin):
    list_display = ("user", "unit_kerja")
    list_select_related = ("user", "unit_kerja")
    autocomplete_fields = ("unit_kerja",)
    raw_id_fields = ("user",)
