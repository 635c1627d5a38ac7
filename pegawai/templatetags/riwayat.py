"""Filters for the admin history pages (django-simple-history) in HR's words.

Column headers come from the model's verbose names ("unit kerja", not "UNIT_KERJA"); empty
values show "–" and booleans "Ya"/"Tidak" instead of "None"/"True"/"False".
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.text import capfirst

register = template.Library()


@register.filter
def label_kolom(opts: Any, nama: str) -> str:
    """The verbose name of a model field (or of an admin column) for a table header."""
    try:
        return capfirst(opts.get_field(nama).verbose_name)
    except (FieldDoesNotExist, AttributeError):
        return capfirst(str(nama).replace("_", " "))


@register.filter
def nilai_riwayat(nilai: Any) -> str:
    """A value as HR reads it: "–" for nothing, Ya/Tidak, dates as DD-MM-YYYY."""
    if nilai is None or nilai == "" or str(nilai) == "None":
        return "–"
    if nilai is True:
        return "Ya"
    if nilai is False:
        return "Tidak"
    if isinstance(nilai, datetime):
        return (
            timezone.localtime(nilai).strftime("%d-%m-%Y %H:%M")
            if timezone.is_aware(nilai)
            else nilai.strftime("%d-%m-%Y %H:%M")
        )
    if isinstance(nilai, date):
        return nilai.strftime("%d-%m-%Y")
    return str(nilai)
