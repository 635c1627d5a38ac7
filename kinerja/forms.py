"""Forms of the kinerja pages: parse input; the rules run in `kinerja.services`."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from . import rules
from .models import Berakhlak, Rhk

RATING_PILIHAN = [(k, v) for k, v in rules.RATING.items()]


def pasang_error(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: known fields on the field, the rest on top."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class FormLaporan(forms.Form):
    tanggal = forms.DateField(
        label="Tanggal", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    rhk = forms.ModelChoiceField(
        label="RHK",
        queryset=Rhk.objects.none(),
        empty_label="— pilih RHK —",
        error_messages={"invalid_choice": "Pilih RHK dari SKP Anda yang disetujui."},
    )
    uraian = forms.CharField(
        label="Uraian kegiatan", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    kuantitas = forms.DecimalField(
        label="Kuantitas output",
        max_digits=10,
        decimal_places=2,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any", "min": "0"}),
    )
    satuan = forms.CharField(label="Satuan output", max_length=50, initial="kegiatan")
    jam_mulai = forms.TimeField(
        label="Jam mulai", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    jam_selesai = forms.TimeField(
        label="Jam selesai", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    bukti = forms.FileField(
        label="Bukti dukung (opsional)",
        required=False,
        help_text="PDF, JPEG atau PNG.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, rhk_qs=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if rhk_qs is not None:
            self.fields["rhk"].queryset = rhk_qs


class FormCatatan(forms.Form):
    catatan = forms.CharField(
        label="Catatan untuk pegawai",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Catatan wajib diisi saat mengembalikan laporan."},
    )


class FormPenilaian(forms.Form):
    periode = forms.CharField(label="Periode", max_length=10, help_text="mis. 2026-Q1 atau 2026")
    rating_hasil_kerja = forms.ChoiceField(
        label="Rating hasil kerja", choices=[("", "— pilih —"), *RATING_PILIHAN]
    )
    rating_perilaku = forms.ChoiceField(
        label="Rating perilaku kerja", choices=[("", "— pilih —"), *RATING_PILIHAN]
    )
    umpan_balik = forms.CharField(
        label="Umpan balik", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, rhk: list[Rhk], dari_laporan: dict[int, Decimal], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rhk = rhk
        for nilai, label in Berakhlak.choices:
            self.fields[f"catatan_{nilai}"] = forms.CharField(
                label=f"Catatan {label}", required=False, max_length=2000
            )
        for r in rhk:
            self.fields[f"realisasi_{r.pk}"] = forms.DecimalField(
                label=f"Realisasi: {r.uraian}",
                max_digits=12,
                decimal_places=2,
                min_value=0,
                initial=dari_laporan.get(r.pk, Decimal(0)),
                help_text="Dari laporan disetujui: "
                f"{rules.angka(dari_laporan.get(r.pk, Decimal(0)))}",
            )
            self.fields[f"alasan_{r.pk}"] = forms.CharField(
                label=f"Alasan perubahan realisasi: {r.uraian}", required=False, max_length=2000
            )

    @property
    def field_perilaku(self):
        return [self[f"catatan_{n}"] for n in Berakhlak.values]

    @property
    def field_realisasi(self):
        return [(self[f"realisasi_{r.pk}"], self[f"alasan_{r.pk}"]) for r in self.rhk]

    def data_layanan(self) -> dict:
        d = self.cleaned_data
        return {
            "periode": d["periode"],
            "rating_hasil_kerja": d["rating_hasil_kerja"],
            "rating_perilaku": d["rating_perilaku"],
            "umpan_balik": d["umpan_balik"],
            "catatan_perilaku": {n: d.get(f"catatan_{n}", "") for n in Berakhlak.values},
            "realisasi": {
                r.pk: (d[f"realisasi_{r.pk}"], d.get(f"alasan_{r.pk}", "")) for r in self.rhk
            },
        }


class FormKeberatan(forms.Form):
    alasan_keberatan = forms.CharField(
        label="Alasan keberatan", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
