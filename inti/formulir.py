"""A service's `ValidationError` shown on the form that fed it."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def galat_ke_form(form: forms.BaseForm, exc: ValidationError) -> None:
    """Messages for a field the form has go on that field; the rest go on top of the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, pesan in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, pesan)
