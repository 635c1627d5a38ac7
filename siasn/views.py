"""The HR page of the SIASN integration: per unit what waits, was sent or was refused (with
BKN's message), the drift list, and the re-send / accept / fix-at-BKN actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pegawai.pemilih_unit import FormSaringUnit

from . import pengaturan, rules, selectors, services
from .models import StatusKiriman


def _pastikan_hr(request: HttpRequest) -> None:
    if not selectors.boleh_melihat(request.user):
        raise Http404


def _kembali(request: HttpRequest) -> HttpResponse:
    unit = request.POST.get("unit") or ""
    url = reverse("siasn:beranda")
    return redirect(f"{url}?unit={unit}" if unit.isdigit() else url)


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    _pastikan_hr(request)
    user = request.user
    teks = (request.GET.get("unit") or "").strip()
    form = FormSaringUnit({"unit": teks}, units=selectors.unit_pilihan(user))
    unit = form.cleaned_data["unit"] if form.is_valid() else None
    if teks.isdigit() and unit is None:
        raise Http404  # a link to a unit outside the scope
    konteks = {
        "form": form,
        "aktif": pengaturan.aktif(),
        "belum_diisi": pengaturan.belum_diisi(),
        "unit": unit,
        "jumlah": selectors.jumlah(user, unit),
        "per_unit": selectors.per_unit(user) if unit is None else [],
        "ditolak": selectors.kiriman_daftar(user, status=[StatusKiriman.DITOLAK], unit=unit)[:100],
        "menunggu": selectors.kiriman_daftar(
            user, status=[StatusKiriman.MENUNGGU, StatusKiriman.DIKIRIM], unit=unit
        )[:100],
        "terkirim": selectors.kiriman_daftar(user, status=[StatusKiriman.TERKIRIM], unit=unit)[:50],
        "selisih": selectors.selisih_daftar(user, unit=unit)[:200],
        "unsur": rules.UNSUR,
    }
    return render(request, "siasn/beranda.html", konteks)


@login_required
@require_POST
def kirim_ulang(request: HttpRequest, pk: int) -> HttpResponse:
    _pastikan_hr(request)
    kiriman = get_object_or_404(services.kiriman_dalam_lingkup(request.user), pk=pk)
    try:
        services.kiriman_kirim_ulang(kiriman=kiriman, oleh=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"{kiriman.uraian} ({kiriman.nip}) diantrekan untuk dikirim ulang."
        )
    return _kembali(request)


def _putuskan(request: HttpRequest, pk: int, aksi, pesan: str) -> HttpResponse:
    _pastikan_hr(request)
    s = get_object_or_404(services.selisih_dalam_lingkup(request.user), pk=pk)
    try:
        aksi(selisih=s, oleh=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, pesan.format(unsur=rules.UNSUR[s.unsur].lower(), nama=s.pegawai.nama)
        )
    return _kembali(request)


@login_required
@require_POST
def selisih_terima(request: HttpRequest, pk: int) -> HttpResponse:
    return _putuskan(
        request, pk, services.selisih_terima, "Data {unsur} {nama} diperbarui mengikuti SIASN."
    )


@login_required
@require_POST
def selisih_perbaiki_bkn(request: HttpRequest, pk: int) -> HttpResponse:
    return _putuskan(
        request,
        pk,
        services.selisih_perbaiki_bkn,
        "Data {unsur} {nama} ditandai untuk diperbaiki di BKN.",
    )
