"""Forms of the jabatan pages. Rules are the service's: the form only parses input."""

from __future__ import annotations

from typing import Any

from django import forms

from pegawai.akses import pegawai_dikelola, unit_dikelola
from pegawai.pemilih_unit import FormSaringUnit, PemilihUnitField
from pegawai.rules import normalisasi_nip

from .models import JENIS_PENEMPATAN_MANUAL, Jabatan

__all__ = ["FormPenempatan", "FormSaringUnit"]


class TanggalInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class FormPenempatan(forms.Form):
    pegawai = forms.CharField(label="NIP pegawai", max_length=40)
    jabatan = forms.ModelChoiceField(
        label="Jabatan", queryset=Jabatan.objects.all(), empty_label="– pilih jabatan –"
    )
    unit_kerja = PemilihUnitField(label="Unit kerja")
    jenis = forms.ChoiceField(
        label="Jenis penempatan", choices=[(c.value, c.label) for c in JENIS_PENEMPATAN_MANUAL]
    )
    nomor_sk = forms.CharField(label="Nomor SK", max_length=100)
    tanggal_sk = forms.DateField(label="Tanggal SK", required=False, widget=TanggalInput())
    tmt = forms.DateField(
        label="TMT", widget=TanggalInput(), help_text="Terhitung mulai tanggal jabatan baru."
    )
    alasan = forms.CharField(
        label="Alasan (bila melebihi formasi)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Wajib diisi bila formasi jabatan di unit tujuan sudah penuh.",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit_kerja"].queryset = unit_dikelola(user).order_by("path")

    def clean_pegawai(self):
        nip = normalisasi_nip(self.cleaned_data["pegawai"])
        pegawai = pegawai_dikelola(self.user).filter(nip=nip).first()
        if pegawai is None:
            raise forms.ValidationError(
                f"Pegawai dengan NIP {nip} tidak ditemukan atau di luar kewenangan Anda."
            )
        return pegawai

