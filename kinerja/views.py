"""HTML pages of e-kinerja (mobile-first): the ASN's day, SKP, appraisals received; the
supervisor's queue, subordinates' progress and the appraisal form; HR's distribution check.

Every record comes through the access scope (`kinerja.selectors`): outside it, 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pegawai.akses import akses_untuk, pegawai_bawahan
from pegawai.models import Pegawai
from pegawai.rules import normalisasi_nip

from . import pengaturan, rules, selectors, services
from .forms import FormCatatan, FormKeberatan, FormLaporan, FormPenilaian, pasang_error
from .models import LaporanHarian, Penilaian, StatusLaporan


def _saya(request: HttpRequest) -> Pegawai:
    pegawai = akses_untuk(request.user).pegawai
    if pegawai is None:
        raise Http404("Akun ini tidak terhubung dengan data pegawai.")
    return pegawai


# --- The ASN's day ---------------------------------------------------------------------------


@login_required
def hari_saya(request: HttpRequest) -> HttpResponse:
    """File a report in a few taps; this week's reports with their status below."""
    saya = _saya(request)
    hari_ini = pengaturan.hari_ini()
    rhk_qs = selectors.rhk_pilihan(saya, hari_ini.year)
    form = FormLaporan(
        request.POST or None,
        request.FILES or None,
        rhk_qs=rhk_qs,
        initial={"tanggal": hari_ini},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.laporan_submit(pegawai=saya, **form.cleaned_data)
        except ValidationError as exc:
            pasang_error(form, exc)
        else:
            messages.success(request, "Laporan tersimpan dan diajukan ke atasan.")
            return redirect("kinerja:hari-saya")
    rhk_list = list(rhk_qs)
    if len(rhk_list) == 1 and not form.is_bound:
        form.initial["rhk"] = rhk_list[0].pk
    return render(
        request,
        "kinerja/hari_saya.html",
        {
            "form": form,
            "punya_skp": bool(rhk_list),
            "laporan": selectors.laporan_minggu_ini(saya, hari_ini),
            "hari_ini": hari_ini,
        },
    )


@login_required
def laporan_perbaiki(request: HttpRequest, pk: int) -> HttpResponse:
    saya = _saya(request)
    laporan = _laporan_terlihat(request, pk)
    if laporan.pegawai_id != saya.pk or laporan.status == StatusLaporan.DISETUJUI:
        raise Http404
    awal = {f: getattr(laporan, f) for f in services.BISA_DIUBAH}
    form = FormLaporan(
        request.POST or None,
        request.FILES or None,
        rhk_qs=selectors.rhk_pilihan(saya, laporan.tanggal.year),
        initial=awal,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        bukti = data.pop("bukti", None) or None
        try:
            services.laporan_correct(laporan=laporan, oleh=saya, data=data, bukti=bukti)
        except ValidationError as exc:
            pasang_error(form, exc)
        else:
            messages.success(request, "Laporan diperbaiki dan diajukan ulang.")
            return redirect("kinerja:hari-saya")
    return render(request, "kinerja/laporan_perbaiki.html", {"form": form, "laporan": laporan})


def _laporan_terlihat(request: HttpRequest, pk: int) -> LaporanHarian:
    try:
        return selectors.laporan_terlihat(request.user).with_relasi().get(pk=pk)
    except LaporanHarian.DoesNotExist:
        raise Http404 from None


@login_required
def skp_saya(request: HttpRequest) -> HttpResponse:
    saya = _saya(request)
    tahun = _tahun(request)
    skp, matriks = selectors.matriks_peran_hasil(saya, tahun)
    return render(
        request,
        "kinerja/skp.html",
        {
            "skp": selectors.skp_daftar(request.user, tahun=tahun).filter(pegawai=saya).first(),
            "matriks": matriks if akses_untuk(request.user).punya_bawahan else [],
            "tahun": tahun,
        },
    )


def _tahun(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("tahun") or pengaturan.hari_ini().year)
    except ValueError:
        return pengaturan.hari_ini().year


# --- Supervisor -------------------------------------------------------------------------------


@login_required
def antrian(request: HttpRequest) -> HttpResponse:
    """Waiting reports of direct subordinates; tick many and approve them at once."""
    saya = _saya(request)
    if request.method == "POST":
        ids = [i for i in request.POST.getlist("laporan") if i.isdigit()]
        if not ids:
            messages.error(request, "Pilih paling sedikit satu laporan.")
        else:
            n = services.laporan_approve_many(oleh=saya, ids=ids)
            messages.success(request, f"{n} laporan disetujui.")
        return redirect("kinerja:antrian")
    return render(
        request,
        "kinerja/antrian.html",
        {
            "antrian": list(selectors.antrian_atasan(request.user)[:500]),
            "form_catatan": FormCatatan(),
        },
    )


@login_required
@require_POST
def laporan_kembalikan(request: HttpRequest, pk: int) -> HttpResponse:
    saya = _saya(request)
    laporan = _laporan_terlihat(request, pk)
    form = FormCatatan(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["catatan"][0])
        return redirect("kinerja:antrian")
    try:
        services.laporan_return(laporan=laporan, oleh=saya, catatan=form.cleaned_data["catatan"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Laporan {laporan.pegawai.nama} dikembalikan.")
    return redirect("kinerja:antrian")


@login_required
def bawahan(request: HttpRequest) -> HttpResponse:
    """Subordinates' reporting this month (aggregated in SQL) with a link to appraise."""
    _saya(request)
    hari_ini = pengaturan.hari_ini()
    mulai = hari_ini.replace(day=1)
    return render(
        request,
        "kinerja/bawahan.html",
        {
            "progres": selectors.progres_bawahan(request.user, mulai=mulai, akhir=hari_ini),
            "bulan": f"{rules.NAMA_BULAN[mulai.month]} {mulai.year}",
            "periode": rules.periode_berjalan(hari_ini, pengaturan.jenis_periode_berkala()),
        },
    )


@login_required
def penilaian_baru(request: HttpRequest, nip: str) -> HttpResponse:
    """The appraisal form: realisation prefilled from approved reports of the period."""
    saya = _saya(request)
    pegawai = pegawai_bawahan(request.user).filter(nip=normalisasi_nip(nip)).first()
    if pegawai is None:
        raise Http404
    kode = (
        request.POST.get("periode")
        or request.GET.get("periode")
        or rules.periode_berjalan(pengaturan.hari_ini(), pengaturan.jenis_periode_berkala())
    )
    try:
        periode = rules.parse_periode(kode)
    except rules.AturanError:
        periode = rules.parse_periode(str(pengaturan.hari_ini().year))
    skp = selectors.skp_disetujui(pegawai, periode.tahun)
    rhk = list(skp.rhk.all()) if skp else []
    dari_laporan = selectors.realisasi_dari_laporan(skp, periode) if skp else {}
    form = FormPenilaian(
        request.POST or None,
        rhk=rhk,
        dari_laporan=dari_laporan,
        initial={"periode": periode.kode},
    )
    if request.method == "POST" and form.is_valid():
        try:
            p = services.penilaian_create(penilai=saya, pegawai=pegawai, **form.data_layanan())
        except ValidationError as exc:
            pasang_error(form, exc)
        else:
            messages.success(request, f"Penilaian {pegawai.nama} tersimpan.")
            return redirect("kinerja:penilaian-detail", pk=p.pk)
    return render(
        request,
        "kinerja/penilaian_form.html",
        {"form": form, "pegawai": pegawai, "periode": periode, "skp": skp},
    )


# --- Appraisals -----------------------------------------------------------------------------


@login_required
def penilaian_daftar(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "kinerja/penilaian_daftar.html",
        {"daftar": list(selectors.penilaian_daftar(request.user)[:200])},
    )


@login_required
def penilaian_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        penilaian = selectors.penilaian_rincian(request.user, pk)
    except Penilaian.DoesNotExist:
        raise Http404 from None
    saya = akses_untuk(request.user).pegawai
    form = FormKeberatan(request.POST or None)
    if request.method == "POST":
        if saya is None:
            raise Http404
        try:
            if request.POST.get("aksi") == "terima":
                services.penilaian_acknowledge(penilaian=penilaian, oleh=saya)
                messages.success(request, "Terima kasih, penilaian telah Anda terima.")
                return redirect("kinerja:penilaian-detail", pk=pk)
            if form.is_valid():
                services.penilaian_object(
                    penilaian=penilaian, oleh=saya, alasan=form.cleaned_data["alasan_keberatan"]
                )
                messages.success(request, "Keberatan Anda tercatat dan diteruskan ke BKD.")
                return redirect("kinerja:penilaian-detail", pk=pk)
        except ValidationError as exc:
            pasang_error(form, exc)
    return render(
        request,
        "kinerja/penilaian_detail.html",
        {
            "p": penilaian,
            "form": form,
            "boleh_menanggapi": saya is not None
            and penilaian.pegawai_id == saya.pk
            and not penilaian.tanggapan,
            "perilaku": [
                (label, penilaian.catatan_perilaku.get(kode, "")) for kode, label in _berakhlak()
            ],
        },
    )


def _berakhlak():
    from .models import Berakhlak

    return Berakhlak.choices


# --- HR: distribution and recognition ------------------------------------------------------


@login_required
def distribusi(request: HttpRequest) -> HttpResponse:
    units = selectors.unit_pilihan_hr(request.user)
    if not akses_untuk(request.user).staf_hr:
        raise Http404
    tahun = _tahun(request)
    unit = units.filter(pk=request.GET.get("unit_kerja") or 0).first() or units.first()
    hasil = selectors.distribusi_unit(request.user, unit=unit, tahun=tahun) if unit else None
    return render(
        request,
        "kinerja/distribusi.html",
        {
            "units": units,
            "unit": unit,
            "tahun": tahun,
            "d": hasil,
            "penghargaan": list(selectors.penghargaan_daftar(request.user, unit=unit, tahun=tahun))
            if unit
            else [],
            "nama_hasil": rules.HASIL_ORGANISASI,
        },
    )
