"""Admin BKD sees the outbox of tasks waiting for the broker (read-only; the beat job sends
them, deleting a row drops the task)."""

from __future__ import annotations

from django.contrib import admin

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
