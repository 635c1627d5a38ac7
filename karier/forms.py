"""Forms of the karier pages: coaching sessions, the development plan, filters."""

from __future__ import annotations

from typing import Any

from django import forms

from jabatan.models import Kompetensi
from pegawai.models import Pegawai
from pegawai.pemilih_unit import PemilihUnitField

from .models import JenisKegiatan, JenisPembinaan, StatusUsulanKp

TANGGAL = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class FormSesi(forms.Form):
    pegawai = forms.ModelChoiceField(
        label="Pegawai yang dibina",
        queryset=Pegawai.objects.none(),
        error_messages={"invalid_choice": "Pilih bawahan langsung atau pegawai binaan Anda."},
    )
    jenis = forms.ChoiceField(label="Jenis sesi", choices=JenisPembinaan.choices)
    tanggal = forms.DateField(label="Tanggal sesi", **TANGGAL)
    durasi_menit = forms.IntegerField(
        label="Durasi (menit)",
        min_value=15,
        max_value=480,
        help_text="45 menit = 1 JP, dicatat sebagai JP nonklasikal pegawai.",
    )
    topik = forms.CharField(label="Topik", max_length=200)
    catatan = forms.CharField(
        label="Catatan sesi", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    kesepakatan = forms.CharField(
        label="Tindakan yang disepakati", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    tindak_lanjut_tanggal = forms.DateField(
        label="Tanggal tindak lanjut", required=False, **TANGGAL
    )
    tindak_lanjut = forms.CharField(
        label="Hasil tindak lanjut", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, binaan: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pegawai"].queryset = binaan
        self.fields["pegawai"].label_from_instance = lambda p: f"{p.nama} ({p.nip})"

    def data_sesi(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "pegawai"}


class FormRencana(forms.Form):
    tujuan = forms.CharField(
        label="Tujuan pengembangan",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Apa yang ingin dicapai tahun ini: jabatan yang dituju, kompetensi.",
    )
    kompetensi = forms.ModelMultipleChoiceField(
        label="Kompetensi yang dikembangkan",
        queryset=Kompetensi.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Kesenjangan dari analisis kebutuhan (AKPK) tercentang lebih dulu.",
    )

    def __init__(self, *args: Any, kompetensi: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kompetensi"].queryset = kompetensi


class FormKegiatan(forms.Form):
    jenis = forms.ChoiceField(label="Jenis kegiatan", choices=JenisKegiatan.choices)
    uraian = forms.CharField(label="Uraian kegiatan", max_length=300)
    target_tanggal = forms.DateField(label="Target selesai", required=False, **TANGGAL)


class FormFilterTalenta(forms.Form):
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100, required=False)
    unit = PemilihUnitField(
        label="Unit kerja", required=False, help_text="Kosongkan untuk semua dalam kewenangan Anda."
    )

    def __init__(self, *args: Any, unit_pilihan: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_pilihan


class FormFilterKp(forms.Form):
    periode = forms.CharField(
        label="Periode",
        max_length=7,
        help_text="YYYY-MM, mis. 2026-04 (bulan periode menurut aturan yang berlaku).",
    )
    unit = PemilihUnitField(
        label="Unit kerja", required=False, help_text="Kosongkan untuk semua dalam kewenangan Anda."
    )
    semua = forms.BooleanField(label="Tampilkan juga yang belum memenuhi syarat", required=False)

    def __init__(self, *args: Any, unit_pilihan: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_pilihan


class FormUsulanKp(forms.Form):
    status = forms.ChoiceField(label="Status usulan", choices=StatusUsulanKp.choices)
    catatan = forms.CharField(label="Catatan", required=False, max_length=1000)
