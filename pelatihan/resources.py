"""Import/export of participant lists in the admin (django-import-export).

Columns (Indonesian headers): Kode Sesi, NIP, Nama, Status, Hadir, Nilai Pre-test,
Nilai Post-test, Hasil, JP Diakui. Import creates or updates by (Kode Sesi, NIP) and goes
through the same services as the API and the forms: quota, date clashes and the unit scope
are checked for each row, and a refused row is listed with its reason.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from pegawai.akses import pegawai_dikelola
from pegawai.rules import normalisasi_nip

from . import services
from .models import HasilPelatihan, Peserta, Sesi, StatusPeserta


class NipWidget(widgets.ForeignKeyWidget):
    def __init__(self, user: Any = None) -> None:
        super().__init__(model=None, field="nip")
        self.user = user

    def get_queryset(self, value: Any, row: Any, *args: Any, **kwargs: Any):
        return pegawai_dikelola(self.user)

    def clean(self, value: Any, row: Any = None, **kwargs: Any):
        nip = normalisasi_nip(str(value or ""))
        if not nip:
            raise ValueError("NIP wajib diisi.")
        try:
            return self.get_queryset(value, row).get(nip=nip)
        except Exception:
            raise ValueError(
                f"Pegawai dengan NIP {nip} tidak ditemukan atau di luar unit yang Anda kelola."
            ) from None


class SesiWidget(widgets.ForeignKeyWidget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any):
        kode = str(value or "").strip()
        if not kode:
            raise ValueError("Kode sesi wajib diisi.")
        try:
            return Sesi.objects.select_related("pelatihan").get(kode=kode)
        except Sesi.DoesNotExist:
            raise ValueError(f"Sesi dengan kode {kode!r} tidak dikenal.") from None


class HadirWidget(widgets.Widget):
    YA = {"ya", "y", "hadir", "1", "true"}
    TIDAK = {"tidak", "t", "tidak hadir", "0", "false"}

    def clean(self, value: Any, row: Any = None, **kwargs: Any):
        teks = str(value if value is not None else "").strip().lower()
        if teks == "":
            return None
        if teks in self.YA:
            return True
        if teks in self.TIDAK:
            return False
        raise ValueError(f"Isi kolom Hadir dengan 'ya' atau 'tidak', bukan {value!r}.")

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "" if value is None else ("ya" if value else "tidak")


class HasilWidget(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any):
        teks = str(value or "").strip().upper().replace(" ", "_")
        if teks == "":
            return ""
        if teks not in HasilPelatihan.values:
            raise ValueError(f"Isi kolom Hasil dengan 'lulus' atau 'tidak lulus', bukan {value!r}.")
        return teks

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return HasilPelatihan(value).label.lower() if value else ""


class PesertaResource(resources.ModelResource):
    sesi = fields.Field(attribute="sesi", column_name="Kode Sesi", widget=SesiWidget(Sesi, "kode"))
    pegawai = fields.Field(attribute="pegawai", column_name="NIP")
    nama = fields.Field(attribute="pegawai__nama", column_name="Nama", readonly=True)
    status = fields.Field(attribute="status", column_name="Status", readonly=True)
    hadir = fields.Field(attribute="hadir", column_name="Hadir", widget=HadirWidget())
    nilai_pre_test = fields.Field(
        attribute="nilai_pre_test", column_name="Nilai Pre-test", widget=widgets.DecimalWidget()
    )
    nilai_post_test = fields.Field(
        attribute="nilai_post_test", column_name="Nilai Post-test", widget=widgets.DecimalWidget()
    )
    hasil = fields.Field(attribute="hasil", column_name="Hasil", widget=HasilWidget())
    jp_diakui = fields.Field(attribute="jp_diakui", column_name="JP Diakui", readonly=True)

    class Meta:
        model = Peserta
        import_id_fields = ("sesi", "pegawai")
        fields = (
            "sesi", "pegawai", "nama", "status", "hadir", "nilai_pre_test", "nilai_post_test",
            "hasil", "jp_diakui",
        )  # fmt: skip
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def __init__(self, *, user: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.user = user
        self.fields["pegawai"].widget = NipWidget(user)

    def get_queryset(self):
        return Peserta.objects.filter(pegawai__in=pegawai_dikelola(self.user)).select_related(
            "sesi", "pegawai"
        )

    def get_or_init_instance(self, instance_loader, row):
        # An unknown session or NIP must be a row validation error (listed with the others),
        # not an import error: look-up failures fall through to `import_instance`.
        try:
            return super().get_or_init_instance(instance_loader, row)
        except ValueError:
            return self.init_instance(row), True

    def dehydrate_status(self, peserta: Peserta) -> str:
        return peserta.get_status_display()

    def dehydrate_sesi(self, peserta: Peserta) -> str:
        return peserta.sesi.kode

    def dehydrate_pegawai(self, peserta: Peserta) -> str:
        return peserta.pegawai.nip

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.pk is None and instance.sesi_id and instance.pegawai_id:
            for kunci, pesan in services.peserta_masalah(
                sesi=instance.sesi, pegawai=instance.pegawai
            ).items():
                errors.setdefault(kunci, []).extend(pesan)
        if errors:
            raise ValidationError(errors)
        # New rows are registered first; their status becomes Terdaftar in the service.
        if instance.pk is None:
            instance.status = StatusPeserta.TERDAFTAR
        super().validate_instance(instance, None, validate_unique=False)

    def do_instance_save(self, instance: Peserta, is_create: bool) -> None:
        if is_create:
            baru = services.peserta_daftarkan(
                sesi=instance.sesi, pegawai=instance.pegawai, oleh=self.user
            )
            instance.pk = baru.pk
        if instance.hadir is not None or instance.hasil or not is_create:
            services.peserta_hasil_catat(
                peserta=instance,
                hadir=instance.hadir,
                hasil=instance.hasil,
                nilai_pre_test=instance.nilai_pre_test,
                nilai_post_test=instance.nilai_post_test,
            )
