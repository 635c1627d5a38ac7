"""Admin of the roof: Admin BKD sees the outbox of tasks waiting for the broker (read-only; the
beat job sends them, deleting a row drops the task), and the raw django-celery-beat admin (cron
fields, English) is for superusers only; HR changes schedules on the Indonesian page /jadwal/
(asn_hr.jadwal)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from inti.models import TugasTertunda
from pegawai.admin_lingkup import AdminBerlingkup


@admin.register(TugasTertunda)
class TugasTertundaAdmin(AdminBerlingkup, admin.ModelAdmin):
    list_display = ("nama", "argumen", "dibuat", "percobaan", "galat_terakhir")
    readonly_fields = ("nama", "argumen", "dibuat", "percobaan", "galat_terakhir")
    list_per_page = 50

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


def _hanya_superuser(request: HttpRequest, *args: Any, **kwargs: Any) -> bool:
    return bool(request.user.is_active and request.user.is_superuser)


for _model, _model_admin in list(admin.site._registry.items()):
    if _model._meta.app_label == "django_celery_beat":
        for _izin in (
            "has_module_permission",
            "has_view_permission",
            "has_add_permission",
            "has_change_permission",
            "has_delete_permission",
        ):
            setattr(_model_admin, _izin, _hanya_superuser)
