"""Pages: peta jabatan per unit, the vacancy report, candidates for a position and the
placement form. HR staff (Admin BKD, operator OPD) place; unit members see their own unit's
peta jabatan. Everything comes through the access scope; a unit outside it answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from inti.formulir import galat_ke_form
from pegawai.akses import akses_untuk, pegawai_dikelola

from . import pencocokan, rules, selectors
from .ekspor import laporan_xlsx
from .forms import FormPenempatan, FormSaringUnit
from .models import Formasi, Jabatan, Penempatan
from .services import PenempatanMasukan, penempatan_buat

JUMLAH_KANDIDAT = 20


def _wajib_hr(request: HttpRequest) -> None:
    if not akses_untuk(request.user).staf_hr:
        raise PermissionDenied("Halaman ini untuk Admin BKD dan operator OPD.")


def _unit_dari(request: HttpRequest, nilai: str | None):
    if not nilai:
        return None
    if not str(nilai).isdigit():
        raise Http404("Unit kerja tidak ditemukan.")
    return get_object_or_404(selectors.unit_terlihat(request.user), pk=int(nilai))


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    """The units the user may open, one level of the tree at a time (the top of the scope,
    or the sub-units of `?induk=`), and the unit picker to go straight to a unit's peta."""
    saya = akses_untuk(request.user).pegawai
    if not akses_untuk(request.user).staf_hr and saya is not None:
        return redirect("jabatan:peta", kode=saya.unit_kerja.kode)
    terlihat = selectors.unit_terlihat(request.user)
    form = FormSaringUnit(
        {"unit": request.GET.get("unit", "")} if "unit" in request.GET else None,
        units=terlihat,
    )
    form.fields["unit"].help_text = "Ketik nama atau kode unit, lalu buka peta jabatannya."
    if form.is_bound and form.is_valid() and form.cleaned_data["unit"] is not None:
        return redirect("jabatan:peta", kode=form.cleaned_data["unit"].kode)
    induk = _unit_dari(request, request.GET.get("induk"))
    units, jejak = selectors.unit_satu_tingkat(request.user, induk=induk)
    return render(
        request,
        "jabatan/beranda.html",
        {"units": units, "induk": induk, "jejak": jejak, "form": form},
    )


@login_required
def peta(request: HttpRequest, kode: str) -> HttpResponse:
    unit = get_object_or_404(selectors.unit_terlihat(request.user), kode=kode)
    return render(
        request,
        "jabatan/peta.html",
        {
            "unit": unit,
            "peta": selectors.peta_jabatan(request.user, unit),
            "staf_hr": akses_untuk(request.user).staf_hr,
        },
    )


PER_HALAMAN_LOWONGAN = 50


@login_required
def lowongan(request: HttpRequest) -> HttpResponse:
    """Vacancies and over-filled positions of the units the HR user manages."""
    _wajib_hr(request)
    pilihan = request.GET.get("unit", "").strip()
    form = FormSaringUnit({"unit": pilihan}, units=selectors.unit_terlihat(request.user))
    unit = form.cleaned_data["unit"] if form.is_valid() else None
    if pilihan.isdigit() and unit is None:
        raise Http404("Unit kerja tidak ditemukan.")  # a link to a unit outside the scope
    hanya_lowong = request.GET.get("lowong") == "1"
    if request.GET.get("format") == "xlsx":
        return laporan_xlsx(request.user, unit=unit, hanya_lowong=hanya_lowong)
    laporan = selectors.LaporanFormasi(request.user, unit=unit, hanya_lowong=hanya_lowong)
    halaman = Paginator(laporan, PER_HALAMAN_LOWONGAN).get_page(request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    return render(
        request,
        "jabatan/lowongan.html",
        {
            "baris": halaman.object_list,
            "halaman": halaman,
            "query_tanpa_halaman": query.urlencode(),
            "unit": unit,
            "form": form,
            "hanya_lowong": hanya_lowong,
            "lowong": laporan.lowong,
            "lebih": laporan.lebih,
        },
    )


@login_required
def kandidat(request: HttpRequest, pk: int) -> HttpResponse:
    _wajib_hr(request)
    jabatan = get_object_or_404(Jabatan.objects.with_standar(), pk=pk)
    unit = _unit_dari(request, request.GET.get("unit_kerja"))
    semua = pencocokan.kandidat_untuk(request.user, jabatan, unit_kerja=unit)
    formasi = (
        Formasi.objects.with_hitungan().filter(unit_kerja=unit, jabatan=jabatan).first()
        if unit
        else None
    )
    return render(
        request,
        "jabatan/kandidat.html",
        {
            "jabatan": jabatan,
            "unit": unit,
            "kandidat": semua[:JUMLAH_KANDIDAT],
            "jumlah": len(semua),
            "formasi": formasi,
        },
    )


@login_required
def penempatan_baru(request: HttpRequest) -> HttpResponse:
    _wajib_hr(request)
    awal = {k: request.GET[k] for k in ("pegawai", "jabatan", "unit_kerja") if k in request.GET}
    awal.setdefault("jenis", "MUTASI")
    form = FormPenempatan(request.POST or None, user=request.user, initial=awal)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            penempatan = penempatan_buat(
                masukan=PenempatanMasukan.dari_data(data), oleh=request.user
            )
        except ValidationError as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(
                request,
                f"{penempatan.pegawai.nama_lengkap} ditempatkan sebagai {penempatan.jabatan.nama}"
                f" di {penempatan.unit_kerja.nama}.",
            )
            for pesan in penempatan.peringatan:
                messages.warning(request, f"Peringatan: {pesan}")
            return redirect(reverse("jabatan:peta", kwargs={"kode": penempatan.unit_kerja.kode}))
    # Show the education warnings before HR submits.
    pegawai = jabatan = None
    nip = (form.data.get("pegawai") if form.is_bound else awal.get("pegawai")) or ""
    id_jabatan = (form.data.get("jabatan") if form.is_bound else awal.get("jabatan")) or ""
    if nip:
        pegawai = pegawai_dikelola(request.user).filter(nip=nip.replace(" ", "")).first()
    if str(id_jabatan).isdigit():
        jabatan = Jabatan.objects.filter(pk=int(id_jabatan)).first()
    peringatan = []
    if pegawai and jabatan:
        peringatan = rules.cek_pendidikan(
            minimal=jabatan.pendidikan_minimal,
            diterima=jabatan.daftar_jurusan,
            jenjang=pegawai.pendidikan_jenjang,
            jurusan=pegawai.pendidikan_jurusan,
        )
    sekarang = (
        Penempatan.objects.aktif()
        .filter(pegawai=pegawai)
        .select_related("jabatan", "unit_kerja")
        .first()
        if pegawai
        else None
    )
    return render(
        request,
        "jabatan/penempatan_form.html",
        {
            "form": form,
            "pegawai": pegawai,
            "jabatan": jabatan,
            "peringatan": peringatan,
            "sekarang": sekarang,
        },
    )
