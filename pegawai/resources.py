"""django-import-export resources for the admin (and the `import_pegawai` command).

`PegawaiResource` exports in the column layout of `pegawai_contoh.xlsx` and imports through
`pegawai.impor.pegawai_import`, the bulk, all-or-nothing importer: the admin's preview and
confirm steps show its per-row results and errors.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from datetime import date, datetime
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from import_export import fields, resources
from import_export.results import Result, RowResult
from import_export.widgets import DateWidget
from tablib import Dataset

from inti import ekspor

from .impor import KOLOM, HasilImpor, Kesalahan, NilaiSalah, baca_baris, pegawai_import, tanggal
from .models import Pegawai, UnitKerja
from .rules import samarkan_nik

FORMAT_TGL = "%d-%m-%Y"


class UnitKerjaResource(resources.ModelResource):
    kode = fields.Field(attribute="kode", column_name="kode")
    nama = fields.Field(attribute="nama", column_name="nama")
    singkatan = fields.Field(attribute="singkatan", column_name="singkatan")
    induk = fields.Field(column_name="induk")

    class Meta:
        model = UnitKerja
        import_id_fields = ("kode",)
        fields = ("kode", "nama", "singkatan", "induk")
        export_order = ("kode", "nama", "singkatan", "induk")
        skip_unchanged = True
        report_skipped = True

    def export(self, queryset=None, **kwargs: Any) -> Dataset:
        data = super().export(queryset, **kwargs)
        data.title = "Unit Kerja"
        return data

    def dehydrate_induk(self, unit: UnitKerja) -> str:
        return unit.parent.kode if unit.parent_id else ""

    def get_queryset(self):
        return UnitKerja.objects.select_related("parent")

    def before_import(self, dataset: Dataset, **kwargs: Any) -> None:
        # Parents may come after their children in a file: order rows top-down first.
        if "induk" not in (dataset.headers or []):
            return
        rows = list(dataset.dict)
        kode = {str(r.get("kode") or "").strip() for r in rows}
        urut: list[dict[str, Any]] = []
        sisa = rows
        while sisa:
            siap = [
                r
                for r in sisa
                if not (r.get("induk") or "").strip()
                or (r.get("induk") or "").strip() in {u["kode"] for u in urut}
                or (r.get("induk") or "").strip() not in kode
            ]
            if not siap:
                urut.extend(sisa)  # a cycle: let row validation report it
                break
            urut.extend(siap)
            sisa = [r for r in sisa if r not in siap]
        dataset.dict = urut

    def import_instance(self, instance: UnitKerja, row: dict[str, Any], **kwargs: Any) -> None:
        super().import_instance(instance, row, **kwargs)
        induk = str(row.get("induk") or "").strip()
        if not induk:
            instance.parent = None
            return
        parent = UnitKerja.objects.filter(kode=induk).first()
        if parent is None:
            raise ValidationError({"induk": f"Unit induk {induk!r} tidak dikenal."})
        instance.parent = parent


class PegawaiResource(resources.ModelResource):
    """Columns exactly as `pegawai_contoh.xlsx` (Indonesian headers)."""

    nip = fields.Field(attribute="nip", column_name="NIP")
    nik = fields.Field(attribute="nik", column_name="NIK")
    nama = fields.Field(attribute="nama", column_name="Nama")
    gelar_depan = fields.Field(attribute="gelar_depan", column_name="Gelar Depan")
    gelar_belakang = fields.Field(attribute="gelar_belakang", column_name="Gelar Belakang")
    tempat_lahir = fields.Field(attribute="tempat_lahir", column_name="Tempat Lahir")
    tanggal_lahir = fields.Field(
        attribute="tanggal_lahir", column_name="Tanggal Lahir", widget=DateWidget(FORMAT_TGL)
    )
    jenis_kelamin = fields.Field(attribute="jenis_kelamin", column_name="Jenis Kelamin")
    agama = fields.Field(attribute="agama", column_name="Agama")
    status_kepegawaian = fields.Field(
        attribute="status_kepegawaian", column_name="Status Kepegawaian"
    )
    golongan = fields.Field(attribute="golongan", column_name="Golongan")
    tmt_golongan = fields.Field(
        attribute="tmt_golongan", column_name="TMT Golongan", widget=DateWidget(FORMAT_TGL)
    )
    pendidikan_jenjang = fields.Field(
        attribute="pendidikan_jenjang", column_name="Pendidikan Terakhir"
    )
    pendidikan_jurusan = fields.Field(attribute="pendidikan_jurusan", column_name="Jurusan")
    unit_kerja = fields.Field(attribute="unit_kerja__kode", column_name="Kode Unit Kerja")
    nama_jabatan = fields.Field(attribute="nama_jabatan", column_name="Jabatan")
    jenis_jabatan = fields.Field(attribute="jenis_jabatan", column_name="Jenis Jabatan")
    atasan = fields.Field(attribute="atasan__nip", column_name="NIP Atasan")
    email = fields.Field(attribute="email", column_name="Email")
    no_hp = fields.Field(attribute="no_hp", column_name="No HP")

    class Meta:
        model = Pegawai
        fields = tuple(KOLOM.values())
        export_order = tuple(KOLOM.values())
        import_id_fields = ("nip",)

    def __init__(
        self, *, user: Any = None, lihat_nik: bool = True, request: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.user = user
        self.request = request  # the admin's preview shows the warnings as messages
        self.lihat_nik = lihat_nik
        self.hasil_impor: HasilImpor | None = None

    def get_queryset(self):
        return Pegawai.objects.with_relasi().order_by("unit_kerja__path", "nama")

    def export(self, queryset=None, **kwargs: Any) -> Dataset:
        data = super().export(queryset, **kwargs)
        data.title = NAMA_SHEET  # the sheet's name in Excel (tablib's default is English)
        return data

    def dehydrate_nik(self, pegawai: Pegawai) -> str:
        return pegawai.nik if self.lihat_nik else samarkan_nik(pegawai.nik)

    def get_diff_headers(self) -> list[str]:
        return list(KOLOM)

    # --- import -------------------------------------------------------------------------
    def import_data(  # type: ignore[override]
        self,
        dataset: Dataset,
        dry_run: bool = False,
        raise_errors: bool = False,
        use_transactions: bool | None = None,
        collect_failed_rows: bool = False,
        rollback_on_validation_errors: bool = False,
        **kwargs: Any,
    ) -> Result:
        user = kwargs.get("user") or self.user
        rows, kesalahan_header = baca_baris(dataset.headers or [], dataset)
        hasil = pegawai_import(
            rows,
            oleh=user,
            dry_run=dry_run,
            lewati_baris_salah=bool(kwargs.get("lewati_baris_salah")),
            kesalahan_awal=kesalahan_header,
        )
        self.hasil_impor = hasil
        if dry_run and self.request is not None and hasil.peringatan:
            messages.warning(self.request, ringkasan_peringatan(hasil.peringatan))
        if dry_run and self.request is not None and hasil.kesalahan and rows:
            # The uploaded rows plus "Alasan", for HR to fix the file (admin: impor/alasan/).
            self.request.impor_alasan_kunci = simpan_berkas_alasan(
                self.request.user, dataset_alasan(rows, hasil)
            )
        return self._result(rows, hasil)

    def _result(self, rows: list[dict[str, Any]], hasil: HasilImpor) -> Result:
        result = Result()
        result.diff_headers = list(KOLOM)
        result.total_rows = len(rows)
        per_baris = hasil.kesalahan_per_baris()
        dilewati = set(hasil.baris_dilewati)
        for baris, kesalahan in per_baris.items():
            raw = rows[baris - 2] if 0 <= baris - 2 < len(rows) else {}
            if baris in dilewati:
                continue
            raw = OrderedDict((k, _sel(raw.get(k), k)) for k in KOLOM)
            result.append_invalid_row(baris, raw, _validation_error(kesalahan))
            result.totals[RowResult.IMPORT_TYPE_INVALID] += 1
        for nip, (baris, jenis) in sorted(hasil.status_baris.items(), key=lambda x: x[1][0]):
            row_result = RowResult()
            row_result.import_type = jenis
            row_result.object_repr = nip
            raw = rows[baris - 2]
            row_result.row_values = OrderedDict(raw)
            row_result.diff = [_sel(raw.get(k), k) for k in KOLOM]
            result.append_row_result(row_result)
            result.increment_row_result_total(row_result)
        for baris in sorted(dilewati):
            row_result = RowResult()
            row_result.import_type = RowResult.IMPORT_TYPE_SKIP
            raw = rows[baris - 2] if 0 <= baris - 2 < len(rows) else {}
            # Refused (with its reasons, shown under the row), not "unchanged".
            row_result.ditolak = True
            row_result.alasan = [k.pesan for k in per_baris.get(baris, [])] or [
                "Baris kembar dari baris lain, dilewati."
            ]
            row_result.diff = [_sel(raw.get(k), k) for k in KOLOM]
            result.append_row_result(row_result)
            result.increment_row_result_total(row_result)
        return result


MAKS_PERINGATAN_DITAMPILKAN = 20


def ringkasan_peringatan(peringatan: list[Kesalahan]) -> str:
    """One message for the preview: the warnings do not stop the import."""
    teks = "; ".join(str(k) for k in peringatan[:MAKS_PERINGATAN_DITAMPILKAN])
    lebih = len(peringatan) - MAKS_PERINGATAN_DITAMPILKAN
    if lebih > 0:
        teks += f"; dan {lebih} peringatan lain"
    return f"{len(peringatan)} peringatan (baris tetap dapat diimpor): {teks}."


KOLOM_TANGGAL = {"Tanggal Lahir", "TMT Golongan"}


def _sel(value: Any, kolom: str = "") -> str:
    """One cell as HR typed it: dates as DD-MM-YYYY, never "None", "nan" or "0.00".

    The admin template escapes every cell; escaping here would show "&amp;" to HR.
    """
    if value is None:
        return ""
    if kolom in KOLOM_TANGGAL:
        try:
            tgl = tanggal(value)
        except NilaiSalah:
            teks = str(value).strip()
            return "" if teks in {"0", "0.0", "0.00"} else teks
        return tgl.strftime(FORMAT_TGL) if tgl else ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime(FORMAT_TGL)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    teks = str(value)
    return "" if teks.strip() in {"None", "nan", "NaN", "NaT"} else teks


NAMA_SHEET = "Pegawai"
KOLOM_ALASAN = "Alasan"
UMUR_BERKAS_ALASAN = 60 * 60


def dataset_alasan(rows: list[dict[str, Any]], hasil: HasilImpor) -> Dataset:
    """Every uploaded row in the template's columns plus "Alasan" (empty for a good row)."""
    per_baris = hasil.kesalahan_per_baris()
    data = Dataset(headers=[*KOLOM, KOLOM_ALASAN], title=NAMA_SHEET)
    for i, raw in enumerate(rows):
        alasan = "; ".join(
            f"{k.kolom}: {k.pesan}" if k.kolom else k.pesan for k in per_baris.get(i + 2, [])
        )
        data.append([_sel(raw.get(k), k) for k in KOLOM] + [alasan])
    return data


def _kunci_berkas_alasan(user: Any, kunci: str) -> str:
    return f"pegawai:impor-alasan:{user.pk}:{kunci}"


def simpan_berkas_alasan(user: Any, data: Dataset) -> str:
    """Keep the xlsx for an hour, readable only by the user who uploaded the file."""
    kunci = secrets.token_urlsafe(16)
    # The uploaded cells go back to HR's spreadsheet: disarmed like every export.
    cache.set(_kunci_berkas_alasan(user, kunci), ekspor.xlsx_bita(data), UMUR_BERKAS_ALASAN)
    return kunci


def ambil_berkas_alasan(user: Any, kunci: str) -> bytes | None:
    return cache.get(_kunci_berkas_alasan(user, kunci))


def _validation_error(kesalahan: list[Kesalahan]) -> ValidationError:
    per_kolom: dict[str, list[str]] = {}
    for k in kesalahan:
        per_kolom.setdefault(k.kolom or "__all__", []).append(f"Baris {k.baris}: {k.pesan}")
    return ValidationError(per_kolom)
