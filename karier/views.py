"""Pages of the karier app: the ASN's career page, the development plan, coaching and
mentoring sessions (recorded by the supervisor or appointed mentor), the nine-box talent map,
succession for key positions and the kenaikan pangkat worklist for HR.

Every record shown comes through the access scope; outside it a page answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from inti import waktu
from inti.ekspor import xlsx_aliran
from inti.formulir import galat_ke_form
from jabatan.models import Kompetensi
from pegawai.akses import akses_untuk, boleh_ekspor, pegawai_dikelola, pegawai_terlihat
from pegawai.models import Pegawai
from pegawai.selectors import unit_pilihan
from pelatihan.selectors import akpk_pegawai

from . import rules, selectors, services
from .forms import (
    FormFilterKp,
    FormFilterTalenta,
    FormKegiatan,
    FormRencana,
    FormSesi,
    FormUsulanKp,
)
from .models import RencanaPengembangan, StatusUsulanKp

PER_HALAMAN = 50


def _pegawai_terlihat(request: HttpRequest, nip: str) -> Pegawai:
    pegawai = (
        pegawai_terlihat(request.user)
        .select_related("unit_kerja", "atasan")
        .filter(nip=nip)
        .first()
    )
    if pegawai is None:
        raise Http404("Pegawai tidak ditemukan.")
    return pegawai


# --- Career page -----------------------------------------------------------------------------


@login_required
def saya(request: HttpRequest) -> HttpResponse:
    pegawai = akses_untuk(request.user).pegawai
    if pegawai is None:
        raise Http404("Akun ini tidak terhubung dengan data pegawai.")
    return _halaman(request, pegawai)


@login_required
def pegawai_karier(request: HttpRequest, nip: str) -> HttpResponse:
    return _halaman(request, _pegawai_terlihat(request, nip))


def _halaman(request: HttpRequest, pegawai: Pegawai) -> HttpResponse:
    akses = akses_untuk(request.user)
    data = selectors.halaman_karier(pegawai, tahun=waktu.tahun_ini())
    sendiri = akses.pegawai is not None and akses.pegawai.pk == pegawai.pk
    pembina = not sendiri and selectors.binaan(request.user).filter(pk=pegawai.pk).exists()
    return render(
        request,
        "karier/karier.html",
        {
            "k": data,
            "sendiri": sendiri,
            "boleh_membina": pembina,
            "boleh_ubah_rencana": sendiri or pegawai.atasan_id == getattr(akses.pegawai, "pk", 0),
            "cocok": [(c, selectors.kekurangan(c)) for c in data.jabatan_cocok],
            "akses": akses,
            "hr": akses.staf_hr,
            "atasan": akses.punya_bawahan,
        },
    )


# --- Development plan ------------------------------------------------------------------------


def _pegawai_rencana(request: HttpRequest, nip: str) -> Pegawai:
    """The employee themselves or their direct supervisor edit the plan."""
    pegawai = _pegawai_terlihat(request, nip)
    saya_ = akses_untuk(request.user).pegawai
    if saya_ is None or saya_.pk not in {pegawai.pk, pegawai.atasan_id}:
        raise Http404("Halaman tidak ditemukan.")
    return pegawai


@login_required
def rencana(request: HttpRequest, nip: str) -> HttpResponse:
    pegawai = _pegawai_rencana(request, nip)
    tahun = waktu.tahun_ini()
    akpk = akpk_pegawai(pegawai, tahun=tahun)
    gap = [b.kompetensi for b in akpk.kesenjangan + akpk.belum_diases]
    rencana_ = (
        RencanaPengembangan.objects.filter(pegawai=pegawai, tahun=tahun)
        .with_progres()
        .prefetch_related("kompetensi", "kegiatan__kompetensi")
        .first()
    )
    pilihan_ids = {k.pk for k in gap} | (
        {k.pk for k in rencana_.kompetensi.all()} if rencana_ else set()
    )
    pilihan = Kompetensi.objects.filter(pk__in=pilihan_ids).order_by("jenis", "nama")
    awal = {
        "tujuan": rencana_.tujuan if rencana_ else "",
        "kompetensi": [k.pk for k in rencana_.kompetensi.all()]
        if rencana_
        else [k.pk for k in gap],
    }
    form = FormRencana(request.POST or None, initial=awal, kompetensi=pilihan)
    if request.method == "POST" and form.is_valid():
        try:
            services.rencana_simpan(
                pegawai=pegawai,
                tahun=tahun,
                tujuan=form.cleaned_data["tujuan"],
                kompetensi=form.cleaned_data["kompetensi"],
                oleh=request.user,
            )
        except ValidationError as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, "Rencana pengembangan disimpan.")
            return redirect("karier:rencana", nip=pegawai.nip)
    saya_ = akses_untuk(request.user).pegawai
    return render(
        request,
        "karier/rencana.html",
        {
            "pegawai": pegawai,
            "tahun": tahun,
            "rencana": rencana_,
            "form": form,
            "form_kegiatan": FormKegiatan(),
            "akpk": akpk,
            "atasan": saya_.pk == pegawai.atasan_id,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def kegiatan_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    rencana_ = get_object_or_404(selectors.rencana_dikelola(request.user), pk=pk)
    pegawai = rencana_.pegawai
    form = FormKegiatan(request.POST)
    if form.is_valid():
        try:
            services.kegiatan_tambah(rencana=rencana_, oleh=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Kegiatan ditambahkan.")
    else:
        for errors in form.errors.values():
            for pesan in errors:
                messages.error(request, pesan)
    return redirect("karier:rencana", nip=pegawai.nip)


@login_required
@require_POST
def kegiatan_selesai(request: HttpRequest, pk: int) -> HttpResponse:
    kegiatan = get_object_or_404(selectors.kegiatan_dikelola(request.user), pk=pk)
    pegawai = kegiatan.rencana.pegawai
    try:
        services.kegiatan_selesaikan(kegiatan=kegiatan, oleh=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Kegiatan “{kegiatan.uraian}” selesai.")
    return redirect("karier:rencana", nip=pegawai.nip)


@login_required
@require_POST
def rencana_setujui(request: HttpRequest, pk: int) -> HttpResponse:
    rencana_ = get_object_or_404(selectors.rencana_dikelola(request.user), pk=pk)
    pegawai = rencana_.pegawai
    try:
        services.rencana_setujui(rencana=rencana_, oleh=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Rencana pengembangan {pegawai.nama} disepakati.")
    return redirect("karier:rencana", nip=pegawai.nip)


# --- Coaching and mentoring ------------------------------------------------------------------


@login_required
def sesi_baru(request: HttpRequest) -> HttpResponse:
    binaan = selectors.binaan(request.user)
    akses = akses_untuk(request.user)
    if akses.pegawai is None or not binaan.exists():
        raise Http404("Anda tidak memiliki bawahan atau pegawai binaan.")
    awal = {"jenis": "COACHING", "durasi_menit": 60}
    if request.GET.get("pegawai"):
        awal["pegawai"] = binaan.filter(nip=request.GET["pegawai"]).first()
    form = FormSesi(request.POST or None, binaan=binaan, initial=awal)
    if request.method == "POST" and form.is_valid():
        try:
            sesi = services.sesi_pembinaan_catat(
                pembina=akses.pegawai,
                pegawai=form.cleaned_data["pegawai"],
                oleh=request.user,
                data=form.data_sesi(),
            )
        except ValidationError as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(
                request,
                f"Sesi {sesi.get_jenis_display().lower()} dengan {sesi.pegawai.nama} dicatat "
                f"({sesi.durasi_menit} menit masuk JP nonklasikal).",
            )
            return redirect("karier:pegawai", nip=sesi.pegawai.nip)
    return render(
        request,
        "karier/sesi_form.html",
        {"form": form, "sesi": None},
        status=400 if form.errors else 200,
    )


def _sesi_boleh_diubah(request: HttpRequest, pk: int):
    sesi = selectors.sesi_terlihat(request.user).filter(pk=pk).first()
    akses = akses_untuk(request.user)
    if sesi is None:
        raise Http404("Sesi tidak ditemukan.")
    pembina = akses.pegawai is not None and akses.pegawai.pk == sesi.pembina_id
    if not pembina and not pegawai_dikelola(request.user).filter(pk=sesi.pegawai_id).exists():
        raise Http404("Sesi tidak ditemukan.")
    return sesi


@login_required
def sesi_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    sesi = _sesi_boleh_diubah(request, pk)
    binaan = Pegawai.objects.filter(pk=sesi.pegawai_id)
    awal = {
        k: getattr(sesi, k)
        for k in (
            "jenis", "tanggal", "durasi_menit", "topik", "catatan", "kesepakatan",
            "tindak_lanjut_tanggal", "tindak_lanjut",
        )
    }  # fmt: skip
    awal["pegawai"] = sesi.pegawai
    form = FormSesi(request.POST or None, binaan=binaan, initial=awal)
    form.fields["pegawai"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.sesi_pembinaan_ubah(sesi=sesi, oleh=request.user, data=form.data_sesi())
        except ValidationError as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, "Sesi diperbarui.")
            return redirect("karier:pegawai", nip=sesi.pegawai.nip)
    return render(
        request,
        "karier/sesi_form.html",
        {"form": form, "sesi": sesi},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def sesi_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    sesi = _sesi_boleh_diubah(request, pk)
    nip = sesi.pegawai.nip
    services.sesi_pembinaan_hapus(sesi=sesi, oleh=request.user)
    messages.success(request, "Sesi dihapus; JP-nya ditarik dari buku JP.")
    return redirect("karier:pegawai", nip=nip)


# --- Talent map and succession ---------------------------------------------------------------


@login_required
def talenta(request: HttpRequest) -> HttpResponse:
    """The nine-box chart (counts per box) and the people of the chosen box."""
    if not selectors.boleh_lihat_talenta(request.user):
        raise Http404("Halaman tidak ditemukan.")
    form = FormFilterTalenta(request.GET or None, unit_pilihan=unit_pilihan(request.user))
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    tahun = data.get("tahun") or selectors.talenta_tahun_bawaan(request.user)
    unit = data.get("unit")
    kotak = request.GET.get("kotak")
    kotak = int(kotak) if kotak and kotak.isdigit() and 1 <= int(kotak) <= 9 else None
    sel = selectors.sembilan_kotak(request.user, tahun=tahun, unit=unit)
    halaman = None
    if kotak is not None:
        qs = selectors.talenta_terlihat(request.user, tahun=tahun, unit=unit, kotak=kotak)
        halaman = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("kotak", None)
    query.pop("halaman", None)
    tanpa_halaman = request.GET.copy()
    tanpa_halaman.pop("halaman", None)
    return render(
        request,
        "karier/talenta.html",
        {
            "form": form,
            "tahun": tahun,
            "unit": unit,
            "sel": sel,
            "total": sum(s.jumlah for s in sel),
            "kotak": kotak,
            "rekomendasi": rules.REKOMENDASI.get(kotak or 0, ()),
            "halaman": halaman,
            "query_filter": query.urlencode(),
            "query_tanpa_halaman": tanpa_halaman.urlencode(),
            "hr": akses_untuk(request.user).staf_hr,
        },
    )


@login_required
def suksesi(request: HttpRequest) -> HttpResponse:
    if not akses_untuk(request.user).staf_hr:
        raise Http404("Halaman tidak ditemukan.")
    return render(request, "karier/suksesi.html", {"kunci": list(selectors.jabatan_kunci())})


@login_required
def suksesi_jabatan(request: HttpRequest, pk: int) -> HttpResponse:
    if not akses_untuk(request.user).staf_hr:
        raise Http404("Halaman tidak ditemukan.")
    kunci = get_object_or_404(selectors.jabatan_kunci(), pk=pk)
    teks = request.GET.get("tahun", "")
    tahun = int(teks) if teks.isdigit() and 2000 <= int(teks) <= 2100 else waktu.tahun_ini()
    return render(
        request,
        "karier/suksesi_jabatan.html",
        {
            "kunci": kunci,
            "tahun": tahun,
            "kandidat": selectors.suksesi(request.user, kunci, tahun=tahun),
        },
    )


# --- Kenaikan pangkat ------------------------------------------------------------------------


@login_required
def kenaikan_pangkat(request: HttpRequest) -> HttpResponse:
    """HR's worklist for a period: who is eligible, export to xlsx, mark progress. The list
    and the export read the kept eligible set of the period while it is fresh (the page says
    when it was computed), else the rule live (`selectors.DaftarKp`)."""
    if not akses_untuk(request.user).staf_hr:
        raise Http404("Halaman tidak ditemukan.")
    bawaan = selectors.pengaturan.periode_kp_berikut(waktu.hari_ini()).kode
    data = request.GET.copy()
    data.setdefault("periode", bawaan)
    form = FormFilterKp(data, unit_pilihan=unit_pilihan(request.user))
    periode = None
    baris = []
    if form.is_valid():
        try:
            periode = selectors.pengaturan.periode_kp(form.cleaned_data["periode"])
        except rules.AturanError as exc:
            form.add_error("periode", str(exc))
    if periode is not None:
        baris = selectors.kenaikan_pangkat(
            request.user,
            periode=periode,
            unit=form.cleaned_data.get("unit"),
            semua=form.cleaned_data.get("semua", False),
        )
        if request.GET.get("format") == "xlsx":
            if not boleh_ekspor(request.user):
                raise Http404("Halaman tidak ditemukan.")
            label = dict(StatusUsulanKp.choices)
            return xlsx_aliran(
                selectors.KEPALA_KP,
                (selectors.baris_kp_ekspor(b, label) for b in baris),
                f"kenaikan-pangkat-{periode.kode}.xlsx",
                judul=f"KP {periode.kode}",
            )
    if periode is not None:
        halaman = baris.halaman(request.GET.get("halaman"), PER_HALAMAN)
    else:
        halaman = Paginator(baris, PER_HALAMAN).get_page(1)
    query = request.GET.copy()
    query.pop("halaman", None)
    query.pop("format", None)
    return render(
        request,
        "karier/kenaikan_pangkat.html",
        {
            "form": form,
            "periode": periode,
            "dasar_aturan": selectors.pengaturan.dasar_aturan_kp(periode) if periode else [],
            "halaman": halaman,
            "jumlah_layak": baris.jumlah_layak if periode is not None else 0,
            "kandidat_dihitung": baris.dihitung if periode is not None else None,
            "query_tanpa_halaman": query.urlencode(),
            "status_pilihan": StatusUsulanKp.choices,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def kenaikan_pangkat_tandai(request: HttpRequest, nip: str) -> HttpResponse:
    pegawai = pegawai_dikelola(request.user).filter(nip=nip).first()
    if pegawai is None:
        raise Http404("Pegawai tidak ditemukan.")
    try:
        periode = selectors.pengaturan.periode_kp(request.POST.get("periode", ""))
    except rules.AturanError as exc:
        messages.error(request, str(exc))
        return redirect("karier:kenaikan-pangkat")
    form = FormUsulanKp(request.POST)
    if form.is_valid():
        try:
            services.usulan_kp_tandai(
                pegawai=pegawai,
                periode=periode.kode,
                golongan_baru=rules.golongan_berikut(pegawai.golongan) or pegawai.golongan,
                status=form.cleaned_data["status"],
                catatan=form.cleaned_data["catatan"],
                oleh=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Status usulan {pegawai.nama} disimpan.")
    else:
        messages.error(request, "Pilih status usulan yang benar.")
    kembali = request.POST.get("kembali", "")
    if not kembali.startswith("?"):
        kembali = f"?periode={periode.kode}"
    return redirect(reverse("karier:kenaikan-pangkat") + kembali)
