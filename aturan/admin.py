"""Admin BKD edits the rule rows (a new regulation is a new row); history is kept."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Aturan


@admin.register(Aturan)
class AturanAdmin(SimpleHistoryAdmin):
    list_display = ("kode", "berlaku_mulai", "regulasi", "perlu_verifikasi", "diubah")
    list_filter = ("kode", "perlu_verifikasi")
    search_fields = ("regulasi", "keterangan")
    ordering = ("kode", "-berlaku_mulai")
    history_list_display = ("berlaku_mulai", "regulasi")
    fields = ("kode", "berlaku_mulai", "regulasi", "nilai", "perlu_verifikasi", "keterangan")
