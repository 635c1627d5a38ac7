"""Export-only resources. Rows come from the admin's scoped queryset; contact details are left
out of every export (data minimisation).

Citizen text can hold spreadsheet formulas. IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT only
strips a leading "=", so every text cell starting with = + - @ or a tab/CR is prefixed with
an apostrophe here (OWASP "CSV injection"), in every format."""

from __future__ import annotations

from typing import Any

from import_export import fields, resources

from . import rules
from .models import Pengaduan, SurveiKepuasan

AWALAN_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def netralkan_formula(nilai: Any) -> Any:
    if isinstance(nilai, str) and nilai.startswith(AWALAN_FORMULA):
        return "'" + nilai
    return nilai


class _TanpaFormula(resources.ModelResource):
    def export_field(self, field: fields.Field, instance: Any, **kwargs: Any) -> Any:
        return netralkan_formula(super().export_field(field, instance, **kwargs))


class PengaduanResource(_TanpaFormula):
    unit_kerja = fields.Field(attribute="unit_kerja__nama", column_name="Unit kerja")
    jenis = fields.Field(attribute="get_jenis_display", column_name="Jenis")
    status = fields.Field(attribute="get_status_display", column_name="Status")
    kode = fields.Field(attribute="kode", column_name="Kode")
    judul = fields.Field(attribute="judul", column_name="Judul")
    isi = fields.Field(attribute="isi", column_name="Isi")
    pegawai_disebut = fields.Field(attribute="pegawai_disebut", column_name="Pegawai disebut")
    dibuat = fields.Field(attribute="dibuat", column_name="Diterima")
    batas_waktu = fields.Field(attribute="batas_waktu", column_name="Batas waktu")
    penilaian = fields.Field(attribute="penilaian", column_name="Penilaian")

    class Meta:
        model = Pengaduan
        fields = (
            "kode",
            "jenis",
            "status",
            "judul",
            "isi",
            "unit_kerja",
            "pegawai_disebut",
            "dibuat",
            "batas_waktu",
            "penilaian",
        )
        export_order = fields


class SurveiKepuasanResource(_TanpaFormula):
    unit_kerja = fields.Field(attribute="unit_kerja__nama", column_name="Unit kerja")

    class Meta:
        model = SurveiKepuasan
        fields = ("dibuat", "unit_kerja", "layanan", *rules.KODE_UNSUR, "saran")
        export_order = fields
