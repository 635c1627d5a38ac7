"""Pages: the public complaint form, tracking, the satisfaction survey and IKM (no login), and
the staff triage pages (login; scoped by `pengaduan.selectors`, 404 outside the scope)."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inti.formulir import galat_ke_form
from inti.grafik import Data, grafik_batang
from pegawai.akses import akses_untuk, unit_dikelola
from pegawai.filters import UnitKerjaParamFilter
from pegawai.models import UnitKerja
from pegawai.selectors import unit_cari as unit_cari_saran

from . import laju, rules, selectors, services, unggahan
from .forms import FormBukaUlang, FormLacak, FormNilai, FormPengaduan, FormSurvei, FormTanggapan
from .models import Pengaduan, Status

logger = logging.getLogger(__name__)

PER_HALAMAN = 25


def _unit_awal(request: HttpRequest) -> UnitKerja | None:
    """The unit pre-selected by `?unit=<id>` (the link on a unit's IKM page), parsed by the
    same FilterSet as the APIs' `unit_kerja`. A bad or unknown id is ignored, as the filter
    forms of the other apps' pages ignore it: the public form opens with no unit chosen."""
    saring = UnitKerjaParamFilter(data={"unit_kerja": request.GET.get("unit", "")})
    return saring.form.cleaned_data.get("unit_kerja") if saring.is_valid() else None


def _terlalu_banyak(request: HttpRequest, detik: int = 0) -> HttpResponse:
    resp = render(request, "pengaduan/terlalu_banyak.html", {"pesan": laju.PESAN_429}, status=429)
    if detik:
        resp["Retry-After"] = str(detik)
    return resp


def _form_ditahan(
    request: HttpRequest, template: str, konteks: dict[str, Any], detik: int
) -> HttpResponse:
    """429 with the form re-rendered as typed and the wait in minutes (nothing is lost)."""
    konteks["ditahan_menit"] = laju.menit_tunggu(detik)
    resp = render(request, template, konteks, status=429)
    resp["Retry-After"] = str(detik)
    return resp


# --- Public ---------------------------------------------------------------------------------


@require_GET
def unit_cari(request: HttpRequest) -> JsonResponse:
    """The public forms' unit picker: every unit may receive a complaint or a survey, and the
    tree of units (names and codes) is public, as the select it replaces was."""
    return JsonResponse(
        {"hasil": unit_cari_saran(UnitKerja.objects.all(), request.GET.get("q", ""))}
    )


@require_GET
def beranda(request: HttpRequest) -> HttpResponse:
    return render(request, "pengaduan/beranda.html", {"form_lacak": FormLacak()})


@never_cache
@require_http_methods(["GET", "POST"])
@csrf_exempt  # only to put the attachment guard in place first: CSRF is checked just below
def ajukan(request: HttpRequest) -> HttpResponse:
    penjaga = unggahan.pasang_penjaga(request) if request.method == "POST" else None
    return _ajukan(request, penjaga)


@csrf_protect
def _ajukan(request: HttpRequest, penjaga: unggahan.PenjagaLampiran | None) -> HttpResponse:
    if request.method == "POST":
        alamat = laju.alamat_klien(request)
        form = FormPengaduan(request.POST, request.FILES)
        if detik := laju.kiriman_ditahan("pengaduan", alamat):
            return _form_ditahan(request, "pengaduan/ajukan.html", {"form": form}, detik)
        valid = form.is_valid()
        if penjaga is not None and penjaga.galat:
            # The file was refused while arriving: never file the complaint without it.
            form.add_error("lampiran", penjaga.galat)
            valid = False
        if valid:
            data = {k: v for k, v in form.cleaned_data.items() if k != "situs_web"}
            try:
                pengaduan = services.pengaduan_ajukan(**data)
            except ValidationError as exc:
                galat_ke_form(form, exc)
            else:
                laju.kiriman_diterima("pengaduan", alamat)
                pesan = (
                    f"Laporan Anda telah kami terima. Simpan kode pelacakan {pengaduan.kode} "
                    "untuk melihat perkembangannya."
                )
                if pengaduan.anonim:
                    pesan += (
                        " Laporan anonim tidak menyimpan nama maupun kontak: kode ini satu-"
                        "satunya cara mengikuti laporan Anda."
                    )
                messages.success(request, pesan)
                return redirect("pengaduan:lacak", kode=pengaduan.kode)
    else:
        form = FormPengaduan(initial={"unit_kerja": _unit_awal(request)})
    return render(request, "pengaduan/ajukan.html", {"form": form})


@require_GET
def lacak_cari(request: HttpRequest) -> HttpResponse:
    form = FormLacak(request.GET or None)
    if form.is_valid():
        return redirect("pengaduan:lacak", kode=rules.normalisasi_kode(form.cleaned_data["kode"]))
    return render(request, "pengaduan/beranda.html", {"form_lacak": form})


@never_cache
@require_GET
def lacak(request: HttpRequest, kode: str) -> HttpResponse:
    pengaduan = _pengaduan_publik(request, kode)
    if isinstance(pengaduan, HttpResponse):
        return pengaduan
    return _halaman_lacak(request, pengaduan)


def _pengaduan_publik(request: HttpRequest, kode: str) -> Pengaduan | HttpResponse:
    """The complaint behind a code; too many unknown codes from one address answer 429."""
    alamat = laju.alamat_klien(request)
    if laju.sudah_habis("lacak-gagal", alamat):
        return _terlalu_banyak(request, laju.sisa_detik("lacak-gagal", alamat))
    try:
        return selectors.pengaduan_lacak(kode)
    except Pengaduan.DoesNotExist:
        laju.catat("lacak-gagal", alamat)
        raise Http404("Kode pelacakan tidak ditemukan.") from None


def _halaman_lacak(
    request: HttpRequest,
    pengaduan: Pengaduan,
    *,
    form_nilai: FormNilai | None = None,
    form_buka: FormBukaUlang | None = None,
    status: int = 200,
) -> HttpResponse:
    konteks = {
        "p": pengaduan,
        "form_nilai": form_nilai or FormNilai(initial={"nilai": pengaduan.penilaian}),
        "form_buka": form_buka or FormBukaUlang(),
    }
    return render(request, "pengaduan/lacak.html", konteks, status=status)


@never_cache
@require_POST
def lacak_nilai(request: HttpRequest, kode: str) -> HttpResponse:
    if not laju.catat("lacak", alamat := laju.alamat_klien(request)):
        return _terlalu_banyak(request, laju.sisa_detik("lacak", alamat))
    pengaduan = _pengaduan_publik(request, kode)
    if isinstance(pengaduan, HttpResponse):
        return pengaduan
    form = FormNilai(request.POST)
    if form.is_valid():
        try:
            services.pengaduan_nilai(pengaduan=pengaduan, nilai=form.cleaned_data["nilai"])
        except ValidationError as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, "Terima kasih atas penilaian Anda.")
            return redirect("pengaduan:lacak", kode=pengaduan.kode)
    return _halaman_lacak(request, pengaduan, form_nilai=form, status=400)


@never_cache
@require_POST
def lacak_buka_ulang(request: HttpRequest, kode: str) -> HttpResponse:
    if not laju.catat("lacak", alamat := laju.alamat_klien(request)):
        return _terlalu_banyak(request, laju.sisa_detik("lacak", alamat))
    pengaduan = _pengaduan_publik(request, kode)
    if isinstance(pengaduan, HttpResponse):
        return pengaduan
    form = FormBukaUlang(request.POST)
    if form.is_valid():
        try:
            services.pengaduan_buka_ulang(pengaduan=pengaduan, alasan=form.cleaned_data["alasan"])
        except ValidationError as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, "Pengaduan dibuka kembali dan akan ditangani lagi.")
            return redirect("pengaduan:lacak", kode=pengaduan.kode)
    return _halaman_lacak(request, pengaduan, form_buka=form, status=400)


@require_http_methods(["GET", "POST"])
def survei(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        alamat = laju.alamat_klien(request)
        form = FormSurvei(request.POST)
        if detik := laju.kiriman_ditahan("survei", alamat):
            return _form_ditahan(request, "pengaduan/survei.html", {"form": form}, detik)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.survei_isi(
                    unit_kerja=data["unit_kerja"],
                    jawaban={k: data[k] for k in rules.KODE_UNSUR},
                    layanan=data["layanan"],
                    saran=data["saran"],
                )
            except ValidationError as exc:
                galat_ke_form(form, exc)
            else:
                laju.kiriman_diterima("survei", alamat)
                return redirect("pengaduan:survei-terima-kasih")
    else:
        form = FormSurvei(initial={"unit_kerja": _unit_awal(request)})
    return render(request, "pengaduan/survei.html", {"form": form})


@require_GET
def survei_terima_kasih(request: HttpRequest) -> HttpResponse:
    return render(request, "pengaduan/survei_terima_kasih.html")


def _tahun(request: HttpRequest) -> int:
    try:
        tahun = int(request.GET.get("tahun", ""))
    except ValueError:
        return timezone.localdate().year
    return tahun if 2000 <= tahun <= 2100 else timezone.localdate().year


@require_GET
def ikm(request: HttpRequest) -> HttpResponse:
    tahun = _tahun(request)
    peringkat = selectors.ikm_peringkat(tahun)
    grafik = grafik_batang(
        f"IKM perangkat daerah tahun {tahun} (skala 0–100)",
        [
            Data(
                b.unit.nama,
                float(b.hasil.ikm),
                f"{_koma(b.hasil.ikm)} ({b.hasil.mutu})",
                kelas="kurang" if b.hasil.mutu in {"C", "D"} else "",
            )
            for b in peringkat
        ],
        maks=100,
        langkah=25,
    )
    return render(
        request,
        "pengaduan/ikm.html",
        {"tahun": tahun, "peringkat": peringkat, "grafik": grafik},
    )


def _koma(nilai: Any) -> str:
    return str(nilai).replace(".", ",")


@require_GET
def ikm_unit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(UnitKerja, pk=pk)
    tahun = _tahun(request)
    hasil = selectors.ikm_unit(unit, tahun)
    unsur = []
    if hasil is not None:
        unsur = [
            {"kode": kode.upper(), "nama": nama, "nrr": nrr, "persen": nrr / 4 * 100}
            for (kode, nama), nrr in zip(rules.UNSUR, hasil.nrr)
        ]
    tren = selectors.ikm_unit_per_tahun(unit, tahun)
    tahun_tren = sorted(tren)
    grafik_tren = grafik_batang(
        f"IKM {unit.nama} per tahun (skala 0–100)",
        [
            Data(str(th), float(tren[th].ikm), f"{_koma(tren[th].ikm)} ({tren[th].mutu})")
            for th in tahun_tren
        ],
        maks=100,
        langkah=25,
    )
    grafik_unsur = grafik_batang(
        f"Nilai rata-rata per unsur {unit.nama} tahun {tahun} (skala 1–4)",
        [Data(f"{u['kode']} {u['nama']}", float(u["nrr"]), _koma(u["nrr"])) for u in unsur],
        maks=4,
        langkah=1,
    )
    unsur_tren = [
        {"kode": kode.upper(), "nama": nama, "nilai": [tren[th].nrr[i] for th in tahun_tren]}
        for i, (kode, nama) in enumerate(rules.UNSUR)
    ]
    return render(
        request,
        "pengaduan/ikm_unit.html",
        {
            "unit": unit,
            "tahun": tahun,
            "hasil": hasil,
            "unsur": unsur,
            "tren": [(th, tren[th]) for th in tahun_tren],
            "tahun_tren": tahun_tren,
            "unsur_tren": unsur_tren,
            "grafik_tren": grafik_tren,
            "grafik_unsur": grafik_unsur,
        },
    )


# --- Staff ----------------------------------------------------------------------------------


@login_required
@require_GET
def staf_daftar(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    terlambat = request.GET.get("terlambat") == "1"
    q = request.GET.get("q", "").strip()[:100]
    qs = selectors.pengaduan_daftar(request.user, status=status, terlambat=terlambat, q=q)
    halaman = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    return render(
        request,
        "pengaduan/staf_daftar.html",
        {
            "halaman": halaman,
            "status_pilihan": Status.choices,
            "status": status,
            "terlambat": terlambat,
            "q": q,
            "query_tanpa_halaman": query.urlencode(),
            "akses_staf": akses_untuk(request.user).staf_hr,
        },
    )


def _rincian_atau_404(request: HttpRequest, kode: str) -> Pengaduan:
    try:
        return selectors.pengaduan_rincian(request.user, kode)
    except Pengaduan.DoesNotExist:
        raise Http404("Pengaduan tidak ditemukan.") from None


@login_required
@require_http_methods(["GET", "POST"])
def staf_detail(request: HttpRequest, kode: str) -> HttpResponse:
    pengaduan = _rincian_atau_404(request, kode)
    menangani = selectors.boleh_tangani(request.user, pengaduan)
    if request.method == "POST" and not menangani:
        raise Http404("Pengaduan tidak ditemukan.")
    form: FormTanggapan | None = None
    if menangani:
        kwargs: dict[str, Any] = {
            "pengaduan": pengaduan,
            "unit_pilihan": unit_dikelola(request.user).order_by("path"),
        }
        if request.method == "POST":
            form = FormTanggapan(request.POST, **kwargs)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    services.pengaduan_tanggapi(
                        pengaduan=pengaduan,
                        oleh=request.user,
                        isi=data["isi"],
                        publik=data["publik"],
                        status_baru=data["status"] or None,
                        unit_kerja=data["unit_kerja"],
                        nip_pegawai=data["nip_pegawai"] or None,
                        bukan_wewenang=data["bukan_wewenang"],
                    )
                except ValidationError as exc:
                    galat_ke_form(form, exc)
                else:
                    messages.success(request, "Tanggapan tersimpan.")
                    return redirect("pengaduan:staf-detail", kode=pengaduan.kode)
        else:
            form = FormTanggapan(**kwargs)
        # Contact details are personal data: keep a trace of who opened them.
        logger.info("pengaduan %s dibuka oleh pengguna %s", pengaduan.kode, request.user.pk)
    return render(
        request,
        "pengaduan/staf_detail.html",
        {"p": pengaduan, "menangani": menangani, "form": form},
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_GET
def staf_lampiran(request: HttpRequest, kode: str) -> FileResponse:
    """The attachment, for handling staff only, always as a download of the sniffed type."""
    pengaduan = _rincian_atau_404(request, kode)
    if not selectors.boleh_tangani(request.user, pengaduan) or not pengaduan.lampiran:
        raise Http404("Lampiran tidak ditemukan.")
    jenis = pengaduan.lampiran_jenis
    return FileResponse(
        pengaduan.lampiran.open("rb"),
        as_attachment=True,
        filename=f"{pengaduan.kode}.{jenis}",
        content_type=rules.JENIS_MIME.get(jenis, "application/octet-stream"),
    )
