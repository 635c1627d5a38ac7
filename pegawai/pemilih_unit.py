"""The unit picker: one form field for every page where a unit kerja is chosen.

At 5,837 units a `<select>` of every unit costs ~320 ms to render on each page (issue 17).
`PemilihUnitField` is a text input instead:

- with JavaScript (static/pegawai/pemilih_unit.js) it is an accessible combobox that asks a
  scoped JSON endpoint (`pegawai:unit-kerja-cari`, or another URL name given to the field,
  e.g. the public one of the complaint pages) for the 20 best matches, each with its parent
  path, and fills in "Nama unit [KODE]";
- without JavaScript it is a plain text field: a code, "Nama [KODE]", an exact name or
  abbreviation, or a fragment of the name matching one unit is resolved on the server; none or
  several answer a clear message naming the field.

Only units of `queryset` (the user's scope, set per request like a ModelChoiceField) are ever
resolved: a unit outside it is "not found". A numeric value that is not a code is taken as
the unit's id, so links written with `?unit_kerja=<id>` keep working.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.html import format_html

from .models import UnitKerja

URL_CARI = "unit-kerja-cari"
_KODE_DALAM_KURUNG = re.compile(r"\[([^\[\]]+)\]\s*$")
CONTOH_GANDA = 5  # candidates named in the "ambiguous" message


def label_unit(unit: UnitKerja) -> str:
    """What the picker shows and submits for a chosen unit."""
    return f"{unit.nama} [{unit.kode}]"


class PemilihUnitWidget(forms.TextInput):
    """A text input inside a `.pemilih-unit` box; the script turns it into a combobox."""

    def __init__(self, attrs: dict[str, Any] | None = None, url: str = URL_CARI) -> None:
        bawaan = {
            "autocomplete": "off",
            "spellcheck": "false",
            "placeholder": "Ketik nama atau kode unit",
            "class": "pemilih-unit__masukan",
        }
        super().__init__({**bawaan, **(attrs or {})})
        self.url = url

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer=None):
        masukan = super().render(name, value, attrs, renderer)
        id_ = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        return format_html(
            '<div class="pemilih-unit" data-url="{}" data-untuk="{}">{}</div>',
            reverse(self.url),
            id_,
            masukan,
        )


class PemilihUnitField(forms.Field):
    """A unit kerja typed or picked (see the module docstring); cleans to a `UnitKerja`.

    Drop-in for `forms.ModelChoiceField(queryset=UnitKerja...)`: set `queryset` in the form's
    `__init__` (the user's scope) and read `cleaned_data[name]` as a unit or None.
    """

    widget = PemilihUnitWidget
    default_error_messages = {
        "required": "{label} wajib diisi.",
        "tidak_ditemukan": "{label}: unit kerja “{nilai}” tidak ditemukan. Ketik nama atau "
        "kode unit lalu pilih dari saran.",
        "ganda": "{label}: “{nilai}” cocok dengan lebih dari satu unit kerja ({contoh}). "
        "Ketik kodenya, mis. “{kode}”.",
    }

    def __init__(
        self,
        *,
        queryset: QuerySet[UnitKerja] | None = None,
        url: str = URL_CARI,
        label: str = "Unit kerja",
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("widget", PemilihUnitWidget(url=url))
        super().__init__(label=label, **kwargs)
        self.queryset = queryset if queryset is not None else UnitKerja.objects.none()
        self._terurai: dict[str, list[UnitKerja]] = {}

    def __deepcopy__(self, memo: dict) -> PemilihUnitField:
        hasil = super().__deepcopy__(memo)
        hasil.queryset = self.queryset.all()
        hasil._terurai = {}
        return hasil

    @property
    def queryset(self) -> QuerySet[UnitKerja]:
        return self._queryset

    @queryset.setter
    def queryset(self, qs: QuerySet[UnitKerja]) -> None:
        self._queryset = qs
        self._terurai = {}

    # --- resolution -------------------------------------------------------------------------

    def urai(self, teks: str) -> list[UnitKerja]:
        """The units of the scope that `teks` names: one, several (ambiguous) or none."""
        teks = " ".join(str(teks).split())
        if teks in self._terurai:
            return self._terurai[teks]
        hasil = self._urai(teks) if teks else []
        self._terurai[teks] = hasil
        return hasil

    def _urai(self, teks: str) -> list[UnitKerja]:
        qs = self.queryset.order_by("path")
        kurung = _KODE_DALAM_KURUNG.search(teks)
        if kurung:
            return list(qs.filter(kode__iexact=kurung.group(1).strip())[:1])
        unit = qs.filter(kode__iexact=teks).first()
        if unit is not None:
            return [unit]
        if teks.isdigit():
            unit = qs.filter(pk=int(teks)).first()
            if unit is not None:
                return [unit]
        batas = CONTOH_GANDA + 1
        sama = list(qs.filter(Q(nama__iexact=teks) | Q(singkatan__iexact=teks))[:batas])
        if sama:
            return sama
        return list(qs.filter(Q(nama__icontains=teks) | Q(singkatan__icontains=teks))[:batas])

    def to_python(self, value: Any) -> UnitKerja | None:
        if isinstance(value, UnitKerja):
            return value
        if value in self.empty_values or not str(value).strip():
            return None
        nilai = " ".join(str(value).split())
        hasil = self.urai(nilai)
        if len(hasil) == 1:
            return hasil[0]
        label = self.label or "Unit kerja"
        if not hasil:
            raise forms.ValidationError(
                self.error_messages["tidak_ditemukan"].format(label=label, nilai=nilai[:100]),
                code="tidak_ditemukan",
            )
        contoh = "; ".join(label_unit(u) for u in hasil[:CONTOH_GANDA])
        if len(hasil) > CONTOH_GANDA:
            contoh += "; …"
        raise forms.ValidationError(
            self.error_messages["ganda"].format(
                label=label, nilai=nilai[:100], contoh=contoh, kode=hasil[0].kode
            ),
            code="ganda",
        )

    def validate(self, value: Any) -> None:
        if value is None and self.required:
            label = self.label or "Unit kerja"
            raise forms.ValidationError(
                self.error_messages["required"].format(label=label), code="required"
            )

    # --- display ----------------------------------------------------------------------------

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, UnitKerja):
            return label_unit(value)
        if isinstance(value, int) or (isinstance(value, str) and value.strip()):
            # An initial id or code (e.g. `?unit_kerja=12` pre-filling a form).
            hasil = self.urai(str(value))
            return label_unit(hasil[0]) if len(hasil) == 1 else value
        return value

    def bound_data(self, data: Any, initial: Any) -> Any:
        """A submitted value that names one unit is shown as "Nama [KODE]" (kept across
        submits and pages); anything else is shown as typed, next to its error."""
        if self.disabled or data in self.empty_values:
            return super().bound_data(data, initial)
        hasil = self.urai(str(data))
        return hasil[0] if len(hasil) == 1 else data

    def has_changed(self, initial: Any, data: Any) -> bool:
        awal = initial.pk if isinstance(initial, UnitKerja) else initial
        try:
            baru = self.to_python(data)
        except forms.ValidationError:
            return True
        return (baru.pk if baru else None) != (awal or None)


class FormSaringUnit(forms.Form):
    """A page filter with one optional unit picker named `unit` (`?unit=`), over `units`
    (the user's scope for that page)."""

    unit = PemilihUnitField(
        label="Unit kerja", required=False, help_text="Kosongkan untuk semua unit Anda."
    )

    def __init__(self, *args: Any, units: QuerySet[UnitKerja], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
