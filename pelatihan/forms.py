"""Forms of the pelatihan pages: answering a survey, nominating a subordinate, filters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from pegawai.models import Pegawai
from pegawai.pemilih_unit import PemilihUnitField

from .models import PertanyaanSurvei, TipePertanyaan

LABEL_SKALA = {
    1: "1 – sangat kurang",
    2: "2 – kurang",
    3: "3 – cukup",
    4: "4 – baik",
    5: "5 – sangat baik",
}


class FormSurvei(forms.Form):
    """One field per question, named `pertanyaan_<id>` like the service's error keys."""

    def __init__(self, *args: Any, pertanyaan: Sequence[PertanyaanSurvei], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.pertanyaan = list(pertanyaan)
        for nomor, p in enumerate(self.pertanyaan, start=1):
            label = f"{nomor}. {p.teks}"
            if p.tipe == TipePertanyaan.SKALA:
                field: forms.Field = forms.TypedChoiceField(
                    label=label,
                    choices=list(LABEL_SKALA.items()),
                    coerce=int,
                    widget=forms.RadioSelect,
                    required=False,
                )
            else:
                field = forms.CharField(
                    label=label,
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            field.wajib = p.wajib
            self.fields[f"pertanyaan_{p.pk}"] = field

    def jawaban(self) -> dict[int, Any]:
        return {p.pk: self.cleaned_data.get(f"pertanyaan_{p.pk}") for p in self.pertanyaan}


class FormUsulan(forms.Form):
    pegawai = forms.ModelChoiceField(
        label="Bawahan yang diusulkan",
        queryset=Pegawai.objects.none(),
        error_messages={"invalid_choice": "Pilih salah satu bawahan langsung Anda."},
    )
    alasan = forms.CharField(
        label="Alasan usulan",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Mis. kompetensi yang perlu dikembangkan.",
    )

    def __init__(self, *args: Any, bawahan: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pegawai"].queryset = bawahan
        self.fields["pegawai"].label_from_instance = lambda p: f"{p.nama} ({p.nip})"


class FormFilterUnit(forms.Form):
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100, required=False)
    unit = PemilihUnitField(
        label="Unit kerja",
        required=False,
        help_text="Kosongkan untuk semua unit dalam kewenangan Anda.",
    )

    def __init__(self, *args: Any, unit_pilihan: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_pilihan
