"""Forms of the kinerja pages: parse input; the rules run in `kinerja.services`."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from . import pengaturan, rules
from .models import (
    Aspek,
    Berakhlak,
    IndikatorKinerja,
    JenisRhk,
    Pendekatan,
    PerjanjianKinerja,
    Perspektif,
    Rhk,
)
from .perilaku import INDIKATOR_BERAKHLAK

RATING_PILIHAN = [(k, v) for k, v in rules.RATING.items()]


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
    # The satuan is not typed: it is the chosen indicator's (shown in each option).
    indikator = forms.ModelChoiceField(
        label="Indikator (satuan)",
        queryset=IndikatorKinerja.objects.none(),
        required=False,
        empty_label="— pilih indikator —",
        error_messages={"invalid_choice": "Pilih indikator dari RHK SKP Anda."},
    )
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
        # The limit is stated and checked in the browser before upload (static/kinerja/
        # bukti.js); the service checks it again.
        maks = pengaturan.bukti_maks_mb()
        bukti = self.fields["bukti"]
        bukti.help_text = f"PDF, JPEG atau PNG, paling besar {maks} MB."
        bukti.widget.attrs["data-maks-byte"] = str(maks * 1024 * 1024)
        bukti.widget.attrs["data-pesan-maks"] = (
            f"Ukuran bukti dukung paling besar {maks} MB. Pilih berkas yang lebih kecil."
        )
        if rhk_qs is not None:
            self.fields["rhk"].queryset = rhk_qs
            pilihan = IndikatorKinerja.objects.filter(rhk__in=rhk_qs).order_by("rhk", "pk")
            lapangan = self.fields["indikator"]
            lapangan.queryset = pilihan
            lapangan.label_from_instance = _label_indikator
            ada = list(pilihan.select_related("rhk"))
            if len(ada) == 1 and not self.is_bound:
                self.initial.setdefault("indikator", ada[0].pk)
            # Grouped by RHK so the unit of each indicator is read beside its RHK.
            kelompok: dict[str, list] = {}
            for i in ada:
                kelompok.setdefault(i.rhk.uraian, []).append((i.pk, _label_indikator(i)))
            lapangan.choices = [("", "— pilih indikator —"), *kelompok.items()]


def _label_indikator(i: IndikatorKinerja) -> str:
    return f"{i.uraian} ({i.satuan})"


class FormCatatan(forms.Form):
    catatan = forms.CharField(
        label="Catatan untuk pegawai",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Catatan wajib diisi saat mengembalikan laporan."},
    )


class FormPenilaian(forms.Form):
    """A new appraisal (the period chosen from the list, never typed) or, with `ubah=True`, a
    correction of an existing one (period fixed, reason required)."""

    periode = forms.ChoiceField(label="Periode", choices=())
    rating_hasil_kerja = forms.ChoiceField(
        label="Rating hasil kerja", choices=[("", "— pilih —"), *RATING_PILIHAN]
    )
    rating_perilaku = forms.ChoiceField(
        label="Rating perilaku kerja", choices=[("", "— pilih —"), *RATING_PILIHAN]
    )
    umpan_balik = forms.CharField(
        label="Umpan balik", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args,
        rhk: list[Rhk],
        dari_laporan: dict[int, Decimal],
        periode_pilihan: list[rules.Periode] | None = None,
        ubah: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rhk = rhk
        self.ubah = ubah
        if ubah:
            del self.fields["periode"]
            self.fields["alasan"] = forms.CharField(
                label="Alasan perubahan",
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"required": "Tuliskan alasan perubahan penilaian."},
            )
        else:
            self.fields["periode"].choices = [(p.kode, p.nama) for p in periode_pilihan or []]
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

    @property
    def predikat_pratinjau(self) -> str:
        """The predikat of the two chosen ratings (the no-JavaScript preview step)."""
        d = getattr(self, "cleaned_data", {})
        try:
            kode = rules.predikat_kinerja(d.get("rating_hasil_kerja"), d.get("rating_perilaku"))
        except rules.AturanError:
            return ""
        return rules.PREDIKAT[kode]

    def data_layanan(self) -> dict:
        d = self.cleaned_data
        awal = {"alasan": d["alasan"]} if self.ubah else {"periode": d["periode"]}
        return {
            **awal,
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


# --- SKP authoring and approval ------------------------------------------------------------------


class FormSkpBaru(forms.Form):
    pendekatan = forms.ChoiceField(
        label="Pendekatan hasil kerja",
        choices=Pendekatan.choices,
        initial=Pendekatan.KUANTITATIF,
        help_text="Kuantitatif bila hasil kerja dapat diukur dengan angka.",
    )


class _PilihanRhk(forms.ModelChoiceField):
    def label_from_instance(self, obj: Rhk) -> str:
        return f"{obj.get_jenis_display()}: {obj.uraian}"


class _PilihanPerjanjian(forms.ModelChoiceField):
    def label_from_instance(self, obj: PerjanjianKinerja) -> str:
        return f"{obj.unit_kerja.nama}: {obj.sasaran}"


# One indicator row per aspect; a row counts when its indicator text is filled.
ASPEK_FORM = [(a.value, a.label.lower()) for a in Aspek]


class FormRhkUbah(forms.Form):
    """The RHK itself (what it is and what it intervenes), without its indicators: the edit
    form; `FormRhk` adds the indicator rows for a new RHK."""

    jenis = forms.ChoiceField(label="Jenis RHK", choices=JenisRhk.choices, initial=JenisRhk.UTAMA)
    uraian = forms.CharField(
        label="Rencana hasil kerja", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    rhk_atasan = _PilihanRhk(
        label="RHK atasan yang diintervensi",
        queryset=Rhk.objects.none(),
        required=False,
        empty_label="— pilih RHK atasan —",
        error_messages={"invalid_choice": "Pilih RHK dari SKP pejabat penilai Anda."},
    )
    perjanjian_kinerja = _PilihanPerjanjian(
        label="Perjanjian kinerja unit (bagi pimpinan unit)",
        queryset=PerjanjianKinerja.objects.none(),
        required=False,
        empty_label="— tidak —",
        error_messages={"invalid_choice": "Pilih perjanjian kinerja unit Anda."},
    )
    perspektif = forms.ChoiceField(
        label="Perspektif (JPT)",
        choices=[("", "— tidak ada —"), *Perspektif.choices],
        required=False,
    )

    def __init__(
        self, *args, rhk_atasan_qs=None, perjanjian_qs=None, jpt: bool = False, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rhk_atasan"].queryset = (
            rhk_atasan_qs if rhk_atasan_qs is not None else Rhk.objects.none()
        )
        if perjanjian_qs is not None and perjanjian_qs.exists():
            self.fields["perjanjian_kinerja"].queryset = perjanjian_qs
        else:
            del self.fields["perjanjian_kinerja"]
        if not jpt:
            del self.fields["perspektif"]

    def clean(self):
        data = super().clean()
        if data.get("rhk_atasan") and data.get("perjanjian_kinerja"):
            self.add_error(
                "rhk_atasan", "Pilih salah satu: RHK atasan atau perjanjian kinerja unit."
            )
        return data

    def data_layanan(self) -> dict:
        d = self.cleaned_data
        data = {
            "jenis": d["jenis"],
            "uraian": d["uraian"].strip(),
            "rhk_atasan": d.get("rhk_atasan"),
            "perjanjian_kinerja": d.get("perjanjian_kinerja"),
        }
        if "perspektif" in self.fields:
            data["perspektif"] = d.get("perspektif") or ""
        return data


class FormRhk(FormRhkUbah):
    """A new RHK with up to one indicator per aspect (kuantitas, kualitas, waktu)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for aspek, nama in ASPEK_FORM:
            self.fields[f"indikator_{aspek}"] = forms.CharField(
                label=f"Indikator {nama}",
                max_length=500,
                required=False,
            )
            self.fields[f"target_{aspek}"] = forms.DecimalField(
                label=f"Target {nama}",
                max_digits=12,
                decimal_places=2,
                min_value=0,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
            )
            self.fields[f"satuan_{aspek}"] = forms.CharField(
                label=f"Satuan {nama}", max_length=50, required=False
            )

    @property
    def baris_indikator(self):
        return [
            (nama, self[f"indikator_{a}"], self[f"target_{a}"], self[f"satuan_{a}"])
            for a, nama in ASPEK_FORM
        ]

    def clean(self):
        data = super().clean()
        indikator = []
        for aspek, nama in ASPEK_FORM:
            uraian = (data.get(f"indikator_{aspek}") or "").strip()
            target = data.get(f"target_{aspek}")
            satuan = (data.get(f"satuan_{aspek}") or "").strip()
            if not uraian:
                if target is not None or satuan:
                    self.add_error(f"indikator_{aspek}", f"Isi uraian indikator {nama}.")
                continue
            if target is None:
                self.add_error(f"target_{aspek}", f"Isi target indikator {nama}.")
            if not satuan:
                self.add_error(f"satuan_{aspek}", f"Isi satuan indikator {nama}.")
            indikator.append({"aspek": aspek, "uraian": uraian, "target": target, "satuan": satuan})
        if not indikator and not any(k.startswith("indikator_") for k in self.errors):
            self.add_error(
                f"indikator_{Aspek.KUANTITAS}",
                "Setiap RHK memerlukan paling sedikit satu indikator.",
            )
        data["indikator"] = indikator
        return data

    def data_layanan(self) -> dict:
        return {
            "perspektif": "",
            **super().data_layanan(),
            "indikator": self.cleaned_data["indikator"],
        }


class FormIndikator(forms.Form):
    """One indicator of an RHK: added to, or changed on, a draft or returned SKP."""

    aspek = forms.ChoiceField(label="Aspek", choices=Aspek.choices, initial=Aspek.KUANTITAS)
    uraian = forms.CharField(label="Indikator", max_length=500)
    target = forms.DecimalField(
        label="Target",
        max_digits=12,
        decimal_places=2,
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
        error_messages={"required": "Isi target indikator."},
    )
    satuan = forms.CharField(
        label="Satuan", max_length=50, error_messages={"required": "Isi satuan indikator."}
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["uraian"].error_messages["required"] = "Isi uraian indikator."

    def data_layanan(self) -> dict:
        d = self.cleaned_data
        return {
            "aspek": d["aspek"],
            "uraian": d["uraian"].strip(),
            "target": d["target"],
            "satuan": d["satuan"].strip(),
        }


class FormSetujuiSkp(forms.Form):
    """The pejabat penilai's specific expectation per BerAKHLAK value."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for nilai, label in Berakhlak.choices:
            self.fields[f"ekspektasi_{nilai}"] = forms.CharField(
                label=f"Ekspektasi khusus: {label}",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="; ".join(INDIKATOR_BERAKHLAK.get(nilai, ())),
            )

    @property
    def field_ekspektasi(self):
        return [self[f"ekspektasi_{n}"] for n in Berakhlak.values]

    def ekspektasi(self) -> dict[str, str]:
        return {
            n: (self.cleaned_data.get(f"ekspektasi_{n}") or "").strip() for n in Berakhlak.values
        }


class FormCatatanSkp(forms.Form):
    catatan = forms.CharField(
        label="Catatan untuk pegawai",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Catatan wajib diisi saat mengembalikan SKP."},
    )
