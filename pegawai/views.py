"""HTML pages for ASN: login and account, dashboard, own profile, pegawai list and detail.

Every record shown comes through the access scope (`pegawai.akses`, via `pegawai.selectors`);
a pegawai outside it answers 404 so that its existence does not leak.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.views.decorators.http import require_POST

from inti import laju
from inti.ekspor import XLSX
from inti.kursor import halaman_dari_ujung

from . import selectors
from .akses import akses_untuk, boleh_lihat_nik, impor_terlihat
from .api_token import token_saya
from .forms import (
    FormAturKataSandi,
    FormCariPegawai,
    FormGantiKataSandi,
    FormImporLatar,
    FormLupaKataSandi,
    FormMasuk,
)
from .impor_latar import impor_latar_ajukan
from .models import ImporPegawai, Pegawai
from .token_api import token_cabut_semua

logger = logging.getLogger(__name__)

PER_HALAMAN = 25


def _url_admin(*nama: str, query: str = "") -> str | None:
    """The first admin URL that exists (the admin registers its models separately)."""
    for n in nama:
        try:
            url = reverse(n)
        except NoReverseMatch:
            continue
        return f"{url}?{query}" if query else url
    return None


# --- Login and account ----------------------------------------------------------------------


class MasukView(auth_views.LoginView):
    form_class = FormMasuk
    template_name = "registration/masuk.html"
    redirect_authenticated_user = True


class KeluarView(auth_views.LogoutView):
    """POST only (Django's LogoutView); then back to the login page with a note."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, "Anda telah keluar. Sampai jumpa.")
        return response


class GantiKataSandiView(auth_views.PasswordChangeView):
    form_class = FormGantiKataSandi
    template_name = "registration/ganti_kata_sandi.html"
    success_url = reverse_lazy("password_change_done")


class GantiKataSandiSelesaiView(auth_views.PasswordChangeDoneView):
    template_name = "registration/ganti_kata_sandi_selesai.html"


class LupaKataSandiView(auth_views.PasswordResetView):
    form_class = FormLupaKataSandi
    template_name = "registration/lupa_kata_sandi.html"
    email_template_name = "registration/email_atur_ulang.txt"
    subject_template_name = "registration/email_atur_ulang_subjek.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form: FormLupaKataSandi) -> HttpResponse:
        # Each request mails someone: cap them per address so the form cannot flood inboxes.
        if not laju.catat(
            "lupa-kata-sandi", laju.alamat_klien(self.request), jumlah=5, jendela=60 * 60
        ):
            form.add_error(None, laju.PESAN_429)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class LupaKataSandiTerkirimView(auth_views.PasswordResetDoneView):
    template_name = "registration/lupa_kata_sandi_terkirim.html"


class AturKataSandiView(auth_views.PasswordResetConfirmView):
    form_class = FormAturKataSandi
    template_name = "registration/atur_kata_sandi.html"
    success_url = reverse_lazy("password_reset_complete")


class AturKataSandiSelesaiView(auth_views.PasswordResetCompleteView):
    template_name = "registration/atur_kata_sandi_selesai.html"


# --- Pages ----------------------------------------------------------------------------------


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    """One dashboard; each section appears for the role that may see it."""
    user = request.user
    akses = akses_untuk(user)
    unit = selectors.ringkasan_unit(user)
    provinsi = selectors.ringkasan_provinsi(user)
    konteks = {
        "saya": selectors.pegawai_saya(user),
        "bawahan": selectors.bawahan_langsung(user) if akses.punya_bawahan else None,
        "ringkasan_unit": unit,
        "ringkasan_provinsi": provinsi,
        "url_admin_pegawai_unit": unit
        and _url_admin("admin:pegawai_pegawai_changelist", query=f"unit={unit.unit.pk}"),
        "url_admin_pegawai": provinsi and _url_admin("admin:pegawai_pegawai_changelist"),
        "url_admin_impor": provinsi
        and _url_admin("admin:pegawai_pegawai_import", "admin:pegawai_pegawai_changelist"),
        "url_admin_unit": provinsi and _url_admin("admin:pegawai_unitkerja_changelist"),
    }
    return render(request, "pegawai/beranda.html", konteks)


@login_required
def profil(request: HttpRequest) -> HttpResponse:
    saya = selectors.pegawai_saya(request.user)
    pegawai = selectors.pegawai_rincian(request.user, saya.nip) if saya else None
    return render(
        request,
        "pegawai/profil.html",
        {
            "pegawai": pegawai,
            "nik_tampil": _nik_tampil(request, pegawai),
            "token_api": token_saya(request.user),
        },
    )


@login_required
@require_POST
def token_cabut(request: HttpRequest) -> HttpResponse:
    """Revoke the user's own API tokens (e.g. after losing a phone)."""
    jumlah = token_cabut_semua(user=request.user)
    messages.success(request, "Token API dicabut." if jumlah else "Tidak ada token API aktif.")
    return redirect("profil")


@login_required
def pegawai_daftar(request: HttpRequest) -> HttpResponse:
    user = request.user
    akses = akses_untuk(user)
    lingkup = request.GET.get("lingkup", "")
    form = FormCariPegawai(request.GET or None, unit_pilihan=selectors.unit_pilihan(user))
    form.is_valid()  # an invalid unit is reported on the form; a valid search still applies
    data = getattr(form, "cleaned_data", {})
    qs = selectors.pegawai_daftar(user, q=data.get("q", ""), unit=data.get("unit"), lingkup=lingkup)
    # Read from the nearer end: the last of 100,000 rows by name skips a few, not all.
    halaman = halaman_dari_ujung(qs, request.GET.get("halaman"), PER_HALAMAN)
    query = request.GET.copy()
    query.pop("halaman", None)
    if lingkup == selectors.LINGKUP_BAWAHAN:
        judul = "Bawahan"
    elif akses.staf_hr:
        judul = "Pegawai Unit"
    else:
        judul = "Daftar Pegawai"
    return render(
        request,
        "pegawai/daftar.html",
        {
            "form": form,
            "halaman": halaman,
            "judul": judul,
            "lingkup": lingkup,
            "query_tanpa_halaman": query.urlencode(),
            "dicari": bool(data.get("q") or data.get("unit")),
        },
    )


@login_required
def unit_kerja_cari(request: HttpRequest) -> JsonResponse:
    """The unit picker's suggestions (`pegawai.pemilih_unit`): only units in the user's
    scope (Admin BKD all, an operator their unit's subtree, anyone else the units of the
    people they see)."""
    hasil = selectors.unit_cari(selectors.unit_pilihan(request.user), request.GET.get("q", ""))
    return JsonResponse({"hasil": hasil})


@login_required
def pegawai_detail(request: HttpRequest, nip: str) -> HttpResponse:
    try:
        pegawai = selectors.pegawai_rincian(request.user, nip)
    except Pegawai.DoesNotExist:
        raise Http404("Pegawai tidak ditemukan.") from None
    # Personal data (UU PDP): keep a trace of who opened whose record.
    logger.info("rincian pegawai %s dibuka oleh pengguna %s", pegawai.nip, request.user.pk)
    return render(
        request,
        "pegawai/detail.html",
        {"pegawai": pegawai, "nik_tampil": _nik_tampil(request, pegawai)},
    )


def _nik_tampil(request: HttpRequest, pegawai: Pegawai | None) -> str:
    """The whole NIK for HR administrators only; everyone else, the owner too, sees it masked."""
    if pegawai is None or not pegawai.nik:
        return ""
    return pegawai.nik if boleh_lihat_nik(request.user, pegawai) else pegawai.nik_samaran


# --- Background employee import (big files) --------------------------------------------------


def _impor_atau_404(request: HttpRequest, pk: int) -> ImporPegawai:
    """A job inside the caller's scope (Admin BKD: all; HR officer: their own), else 404 —
    for anonymous callers too: that a job exists is nobody else's business."""
    impor = impor_terlihat(request.user).filter(pk=pk).select_related("oleh").first()
    if impor is None:
        raise Http404("Impor tidak ditemukan.")
    return impor


def impor_latar_unggah(request: HttpRequest) -> HttpResponse:
    """Upload page of the background import, with the caller's recent jobs."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not akses_untuk(request.user).staf_hr:
        raise Http404
    form = FormImporLatar(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        impor = impor_latar_ajukan(
            berkas=form.cleaned_data["berkas"],
            lewati_baris_salah=form.cleaned_data["lewati_baris_salah"],
            oleh=request.user,
        )
        messages.success(request, "Berkas diterima. Impor berjalan di latar belakang.")
        return redirect("impor-latar-detail", pk=impor.pk)
    return render(
        request,
        "pegawai/impor_latar_unggah.html",
        {
            "form": form,
            "daftar": impor_terlihat(request.user).select_related("oleh")[:20],
            "maks_baris": settings.IMPOR_LATAR_MAKS_BARIS,
            "maks_mb": settings.IMPOR_LATAR_MAKS_BYTE // (1024 * 1024),
            "ambang": settings.IMPOR_MAKS_BARIS,
        },
    )


def impor_latar_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(
        request, "pegawai/impor_latar_detail.html", {"impor": _impor_atau_404(request, pk)}
    )


def impor_latar_status(request: HttpRequest, pk: int) -> JsonResponse:
    """Small JSON for the progress page's poll (static/pegawai/impor_progres.js)."""
    impor = _impor_atau_404(request, pk)
    return JsonResponse(
        {
            "status": impor.status,
            "status_teks": impor.get_status_display(),
            "tahap": impor.tahap,
            "baris_total": impor.baris_total,
            "baris_diproses": impor.baris_diproses,
            "persen": impor.persen,
            "berakhir": impor.berakhir,
            "tertunda": impor.tertunda,
        }
    )


def impor_latar_alasan(request: HttpRequest, pk: int) -> FileResponse:
    """The refused rows with "Alasan" (the uploader and Admin BKD only)."""
    impor = _impor_atau_404(request, pk)
    if not impor.berkas_alasan:
        raise Http404("Tidak ada berkas alasan untuk impor ini.")
    return FileResponse(
        impor.berkas_alasan.open("rb"),
        as_attachment=True,
        filename=f"impor-pegawai-{impor.pk}-alasan.xlsx",
        content_type=XLSX,
    )
