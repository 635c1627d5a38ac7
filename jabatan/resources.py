"""django-import-export resources: the catalogue (with its standards) and the formasi.

Headers are Indonesian; rows are validated with the models' `full_clean()`, and an import
is all-or-nothing (IMPORT_EXPORT_USE_TRANSACTIONS)."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from pegawai.models import UnitKerja

from .models import Formasi, Jabatan, Kompetensi, StandarKompetensi


class JabatanResource(resources.ModelResource):
    kode = fields.Field(attribute="kode", column_name="Kode")
    nama = fields.Field(attribute="nama", column_name="Nama Jabatan")
    jenis = fields.Field(attribute="jenis", column_name="Jenis")
    kelompok_pelaksana = fields.Field(attribute="kelompok_pelaksana", column_name="Kelompok")
    rumpun = fields.Field(attribute="rumpun", column_name="Kategori Fungsional")
    jenjang = fields.Field(attribute="jenjang", column_name="Jenjang")
    kelas_jabatan = fields.Field(attribute="kelas_jabatan", column_name="Kelas Jabatan")
    eselon = fields.Field(attribute="eselon", column_name="Eselon")
    pendidikan_minimal = fields.Field(
        attribute="pendidikan_minimal", column_name="Pendidikan Minimal"
    )
    jurusan = fields.Field(attribute="jurusan", column_name="Jurusan")
    golongan_minimal = fields.Field(attribute="golongan_minimal", column_name="Golongan Minimal")
    jenis_unit = fields.Field(attribute="jenis_unit", column_name="Jenis Unit")
    standar = fields.Field(column_name="Standar Kompetensi")

    class Meta:
        model = Jabatan
        import_id_fields = ("kode",)
        fields = (
            "kode",
            "nama",
            "jenis",
            "kelompok_pelaksana",
            "rumpun",
            "jenjang",
            "kelas_jabatan",
            "eselon",
            "pendidikan_minimal",
            "jurusan",
            "golongan_minimal",
            "jenis_unit",
            "standar",
        )
        export_order = fields
        clean_model_instances = True
        skip_unchanged = False

    def get_queryset(self):
        return Jabatan.objects.with_standar()

    def dehydrate_standar(self, jabatan: Jabatan) -> str:
        """`M-INT:3; T-EPI:2` — kompetensi kode and the required level."""
        return "; ".join(f"{s.kompetensi.kode}:{s.level}" for s in jabatan.standar_kompetensi.all())

    def before_import(self, dataset, **kwargs: Any) -> None:
        self._kamus = {k.kode.upper(): k for k in Kompetensi.objects.all()}

    def import_instance(self, instance: Jabatan, row: dict[str, Any], **kwargs: Any) -> None:
        super().import_instance(instance, row, **kwargs)
        for attr in (
            "kelompok_pelaksana",
            "rumpun",
            "jenjang",
            "eselon",
            "pendidikan_minimal",
            "jurusan",
            "golongan_minimal",
            "jenis_unit",
        ):
            if getattr(instance, attr) is None:
                setattr(instance, attr, "")
        instance.perlu_ditinjau = False
        instance._standar = self._baca_standar(row.get("Standar Kompetensi"))

    def _baca_standar(self, teks: Any) -> list[tuple[Kompetensi, int]]:
        hasil = []
        for bagian in [b.strip() for b in re.split(r"[;\n]", str(teks or "")) if b.strip()]:
            kode, _, level = bagian.partition(":")
            kompetensi = self._kamus.get(kode.strip().upper())
            if kompetensi is None:
                raise ValidationError(
                    {"standar": f"Kompetensi {kode.strip()!r} tidak ada di kamus kompetensi."}
                )
            if not level.strip().isdigit() or not 1 <= int(level) <= 5:
                raise ValidationError(
                    {"standar": f"Level {kode.strip()} harus 1–5 (ditulis {bagian!r})."}
                )
            hasil.append((kompetensi, int(level)))
        return hasil

    def after_save_instance(self, instance: Jabatan, row: Any, **kwargs: Any) -> None:
        if kwargs.get("dry_run") or not getattr(instance, "_standar", None):
            return
        for kompetensi, level in instance._standar:
            StandarKompetensi.objects.update_or_create(
                jabatan=instance, kompetensi=kompetensi, defaults={"level": level}
            )


class FormasiResource(resources.ModelResource):
    unit_kerja = fields.Field(
        attribute="unit_kerja",
        column_name="Kode Unit Kerja",
        widget=ForeignKeyWidget(UnitKerja, "kode"),
    )
    unit_nama = fields.Field(attribute="unit_kerja__nama", column_name="Unit Kerja", readonly=True)
    jabatan = fields.Field(
        attribute="jabatan", column_name="Kode Jabatan", widget=ForeignKeyWidget(Jabatan, "kode")
    )
    jabatan_nama = fields.Field(attribute="jabatan__nama", column_name="Jabatan", readonly=True)
    kebutuhan = fields.Field(attribute="kebutuhan", column_name="Kebutuhan")
    terisi = fields.Field(attribute="terisi", column_name="Terisi", readonly=True)
    kekurangan = fields.Field(attribute="kekurangan", column_name="Kekurangan", readonly=True)

    class Meta:
        model = Formasi
        import_id_fields = ("unit_kerja", "jabatan")
        fields = (
            "unit_kerja",
            "unit_nama",
            "jabatan",
            "jabatan_nama",
            "kebutuhan",
            "terisi",
            "kekurangan",
        )
        export_order = fields
        clean_model_instances = True

    def get_queryset(self):
        return Formasi.objects.with_hitungan()

    def before_import(self, dataset, **kwargs: Any) -> None:
        self._unit = set(UnitKerja.objects.values_list("kode", flat=True))
        self._jabatan = set(Jabatan.objects.values_list("kode", flat=True))

    def before_import_row(self, row: dict[str, Any], **kwargs: Any) -> None:
        # Checked before the row's instance is looked up by (unit, jabatan): an unknown code
        # is a message for HR, not a traceback.
        errors = {}
        for kolom, attr, ada, pesan in (
            ("Kode Unit Kerja", "unit_kerja", self._unit, "Kode unit kerja {!r} tidak dikenal."),
            ("Kode Jabatan", "jabatan", self._jabatan, "Kode jabatan {!r} tidak ada di katalog."),
        ):
            nilai = str(row.get(kolom) or "").strip()
            row[kolom] = nilai
            if nilai not in ada:
                errors[attr] = pesan.format(nilai) if nilai else f"Kolom {kolom} wajib diisi."
        if errors:
            raise ValidationError(errors)
