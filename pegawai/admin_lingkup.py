"""One guard for every admin view: an object outside the user's scope answers 404.

The scope of an admin is its `get_queryset(request)` (built from `pegawai.akses`). Django's
own change/delete/history views look objects up through it, but views added by packages do
not always: django-simple-history's history list falls back to the historical rows of an
object it cannot find, and its revert page (`<id>/history/<history_id>/`) reads the
historical table directly. An operator could open, and re-post, another unit's employee.

`AdminBerlingkup` closes that in one place, for every URL an admin registers (its own, the
packages' and any object tool added later):

- every URL pattern with an object id is wrapped: when the id is not in
  `get_queryset(request)` the answer is 404 before the view runs (the record's existence does
  not leak). The history of a deleted object (no longer in any queryset) stays readable for
  Admin BKD only.
- every write through the admin ends in `log_addition` / `log_change` (the change form, the
  add form and simple-history's revert all log); there the saved object must still be in the
  scope, otherwise the write is refused (403) and rolled back — a form field that forgot to
  limit its choices cannot move a record out of the scope. POSTs through the wrapped URLs run
  in one transaction so that the revert page rolls back too.

A model the role has no permission on at all answers 403 on its changelist/add/import/export
pages (Django's default: the model's existence is no secret). A test asserts that every
ModelAdmin of the project's apps uses this mixin.
"""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.admin.options import TO_FIELD_VAR
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import Http404, HttpRequest
from django.urls import URLPattern

from .akses import akses_untuk

PESAN_DI_LUAR_LINGKUP = "Data ini di luar wewenang Anda."


class AdminBerlingkup:
    """Mixin for every project ModelAdmin (first in the bases). See the module docstring."""

    def get_urls(self) -> list[Any]:
        return [self._bungkus_url(pola) for pola in super().get_urls()]  # type: ignore[misc]

    # --- reads ------------------------------------------------------------------------------

    def _bungkus_url(self, pola: Any) -> Any:
        if not isinstance(pola, URLPattern) or not pola.pattern.regex.groups:
            return pola
        view = pola.callback
        riwayat = "history" in str(pola.pattern)

        @functools.wraps(view)
        def berlingkup(request: HttpRequest, *args: Any, **kwargs: Any):
            object_id = kwargs.get("object_id", args[0] if args else None)
            # Anonymous / non-staff requests go on to the admin's own login redirect.
            if object_id is not None and self.admin_site.has_permission(request):  # type: ignore[attr-defined]
                self.pastikan_dalam_lingkup(request, unquote(object_id), riwayat=riwayat)
            if request.method in ("GET", "HEAD", "OPTIONS"):
                return view(request, *args, **kwargs)
            with transaction.atomic(using=router.db_for_write(self.model)):  # type: ignore[attr-defined]
                return view(request, *args, **kwargs)

        return URLPattern(pola.pattern, berlingkup, pola.default_args, pola.name)

    def pastikan_dalam_lingkup(
        self, request: HttpRequest, object_id: str, *, riwayat: bool = False
    ) -> None:
        """404 unless the object is in this admin's queryset for the user."""
        to_field = request.POST.get(TO_FIELD_VAR, request.GET.get(TO_FIELD_VAR))
        if to_field and not self.to_field_allowed(request, to_field):  # type: ignore[attr-defined]
            to_field = None
        field = self.model._meta.get_field(to_field) if to_field else self.model._meta.pk  # type: ignore[attr-defined]
        try:
            nilai = field.to_python(object_id)
        except ValidationError:
            raise Http404 from None
        qs = self.get_queryset(request)  # type: ignore[attr-defined]
        if qs.filter(**{field.attname: nilai}).exists():
            return
        if riwayat and akses_untuk(request.user).admin_bkd:
            # The history of a deleted record: Admin BKD sees everything anyway.
            if not self.model._default_manager.filter(**{field.attname: nilai}).exists():  # type: ignore[attr-defined]
                return
        raise Http404(PESAN_DI_LUAR_LINGKUP)

    # --- import files: size and row limits before parsing (inti/batas.py) -----------------

    def get_import_form_class(self, request: HttpRequest) -> type:
        from inti.batas import form_impor_dibatasi

        return form_impor_dibatasi(super().get_import_form_class(request))  # type: ignore[misc]

    # --- writes -----------------------------------------------------------------------------

    def history_form_view(self, request: HttpRequest, object_id: str, version_id: str, *a, **kw):
        """simple-history's revert page saves on POST with only *view* permission (it merely
        hides the button): a revert is a change and needs the change permission."""
        if request.method == "POST":
            from simple_history.utils import get_history_model_for_model

            versi = get_history_model_for_model(self.model)._default_manager  # type: ignore[attr-defined]
            pk = self.model._meta.pk.attname  # type: ignore[attr-defined]
            if not versi.filter(**{pk: unquote(object_id), "history_id": version_id}).exists():
                raise Http404(PESAN_DI_LUAR_LINGKUP)  # a version of another record
            obj = self.get_object(request, unquote(object_id))  # type: ignore[attr-defined]
            if not self.has_change_permission(request, obj):  # type: ignore[attr-defined]
                raise PermissionDenied(PESAN_DI_LUAR_LINGKUP)
        return super().history_form_view(request, object_id, version_id, *a, **kw)  # type: ignore[misc]

    def _pastikan_tersimpan_dalam_lingkup(self, request: HttpRequest, obj: Any) -> None:
        if obj is None or getattr(obj, "pk", None) is None:
            return
        if not self.get_queryset(request).filter(pk=obj.pk).exists():  # type: ignore[attr-defined]
            raise PermissionDenied(PESAN_DI_LUAR_LINGKUP)

    def log_addition(self, request: HttpRequest, obj: Any, message: Any):
        self._pastikan_tersimpan_dalam_lingkup(request, obj)
        return super().log_addition(request, obj, message)  # type: ignore[misc]

    def log_change(self, request: HttpRequest, obj: Any, message: Any):
        self._pastikan_tersimpan_dalam_lingkup(request, obj)
        return super().log_change(request, obj, message)  # type: ignore[misc]
