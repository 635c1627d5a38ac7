from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods
from django_celery_beat.models import PeriodicTask

from inti.formulir import galat_ke_form

from . import jadwal


def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 otherwise (no auth, no session)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "tidak tersedia"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


# --- HR's schedule page (asn_hr.jadwal) ---------------------------------------------------


def _wajib_admin_bkd(request: HttpRequest) -> None:
    from django.core.exceptions import PermissionDenied

    from pegawai.akses import akses_untuk

    if not (request.user.is_superuser or akses_untuk(request.user).admin_bkd):
        raise PermissionDenied


@login_required
@require_GET
def jadwal_daftar(request: HttpRequest) -> HttpResponse:
    _wajib_admin_bkd(request)
    return render(request, "jadwal/daftar.html", {"baris": jadwal.jadwal_daftar()})


@login_required
@require_http_methods(["GET", "POST"])
def jadwal_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    _wajib_admin_bkd(request)
    tugas = get_object_or_404(PeriodicTask.objects.select_related("crontab"), pk=pk)
    if request.method == "POST":
        form = jadwal.FormJadwal(request.POST)
        if form.is_valid():
            try:
                jadwal.jadwal_ubah(tugas=tugas, data=form.cleaned_data, oleh=request.user)
            except ValidationError as exc:
                galat_ke_form(form, exc)
            else:
                messages.success(
                    request, f"Jadwal {tugas.name} sekarang {jadwal.jadwal_kata(tugas)}."
                )
                return redirect("jadwal-daftar")
    else:
        form = jadwal.FormJadwal.dari_tugas(tugas)
    return render(request, "jadwal/ubah.html", {"tugas": tugas, "form": form})
