"""HTML pages of e-kinerja (mobile-first): the ASN's day, drafting and submitting the SKP,
appraisals received; the supervisor's queue (reports and SKPs), subordinates' progress with
charts and the appraisal form; HR's dashboard per unit and distribution check; the SKP and
evaluation as PDF and the evidence files, streamed only inside the scope.

Every record comes through the access scope (`kinerja.selectors`): outside it, 404.
"""

from __future__ import annotations

import json
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from inti import waktu
from inti.berkas import respons_berkas
from inti.formulir import galat_ke_form
from inti.grafik import Data, GrafikBatang, Penanda, grafik_batang
from pegawai.akses import akses_untuk, pegawai_bawahan
from pegawai.models import Pegawai
from pegawai.pemilih_unit import label_unit
from pegawai.rules import normalisasi_nip
from pengaduan.selectors import pengaduan_tentang_pegawai

from . import grafik, pdf, pengaturan, rules, selectors, services
from .filters import FormPilihUnitHr
from .forms import (
    FormCatatan,
    FormCatatanSkp,
    FormIndikator,
    FormKeberatan,
    FormLaporan,
    FormPenilaian,
    FormRhk,
    FormRhkUbah,
    FormSetujuiSkp,
    FormSkpBaru,
)
from .models import (
    IndikatorKinerja,
    LaporanHarian,
    Penilaian,
    Rhk,
    Skp,
    StatusLaporan,
    StatusSkp,
)


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
    hari_ini = waktu.hari_ini()
    rhk_qs = selectors.rhk_pilihan(saya, hari_ini.year)
    form = FormLaporan(
        request.POST or None,
        request.FILES or None,
        rhk_qs=rhk_qs,
        initial={
            "tanggal": hari_ini,
            "jam_mulai": rules.jam_mulai_usulan(
                selectors.jam_selesai_terakhir(saya, hari_ini), pengaturan.jam_mulai_kerja()
            ),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.laporan_ajukan(pegawai=saya, **form.cleaned_data)
        except ValidationError as exc:
            galat_ke_form(form, exc)
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
            "dikembalikan": selectors.laporan_dikembalikan(saya),
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
            services.laporan_koreksi(laporan=laporan, oleh=request.user, data=data, bukti=bukti)
        except ValidationError as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, "Laporan diperbaiki dan diajukan ulang.")
            return redirect("kinerja:hari-saya")
    return render(request, "kinerja/laporan_perbaiki.html", {"form": form, "laporan": laporan})


LAPORAN_PER_HALAMAN = 30
PENILAIAN_PER_HALAMAN = 50


@login_required
@require_GET
def laporan_saya(request: HttpRequest) -> HttpResponse:
    """Every report of mine, newest first, filterable by month and status, paged by cursor
    (`?setelah=<id>`: the rows after that report in this order)."""
    saya = _saya(request)
    bulan = None
    teks_bulan = request.GET.get("bulan", "")
    if teks_bulan:
        try:
            bulan = rules.bulan_awal(teks_bulan)
        except rules.AturanError:
            bulan = None
    status = request.GET.get("status", "")
    if status not in StatusLaporan.values:
        status = ""
    qs = selectors.laporan_saya(saya, bulan=bulan, status=status)
    setelah = request.GET.get("setelah", "")
    if setelah.isdigit():
        kursor = LaporanHarian.objects.filter(pegawai=saya, pk=int(setelah)).first()
        if kursor is not None:
            qs = selectors.laporan_setelah(qs, kursor)
    baris = list(qs[: LAPORAN_PER_HALAMAN + 1])
    berikutnya = None
    if len(baris) > LAPORAN_PER_HALAMAN:
        baris = baris[:LAPORAN_PER_HALAMAN]
        query = request.GET.copy()
        query["setelah"] = str(baris[-1].pk)
        berikutnya = f"?{query.urlencode()}"
    return render(
        request,
        "kinerja/laporan_saya.html",
        {
            "laporan": baris,
            "bulan": bulan,
            "status": status,
            "status_pilihan": StatusLaporan.choices,
            "berikutnya": berikutnya,
            "halaman_lanjut": bool(setelah),
        },
    )


def _laporan_terlihat(request: HttpRequest, pk: int) -> LaporanHarian:
    try:
        return selectors.laporan_terlihat(request.user).with_relasi().get(pk=pk)
    except LaporanHarian.DoesNotExist:
        raise Http404 from None


@login_required
def skp_saya(request: HttpRequest) -> HttpResponse:
    """One's own SKP of a year: create it, add RHK, submit it; the cascade for supervisors."""
    saya = _saya(request)
    tahun = _tahun(request)
    skp = selectors.skp_daftar(request.user, tahun=tahun).filter(pegawai=saya).first()
    punya_bawahan = akses_untuk(request.user).punya_bawahan
    lalu = selectors.skp_tahun_lalu(request.user, saya, tahun)
    return _halaman_skp(
        request,
        skp,
        saya=saya,
        tahun=tahun,
        matriks=selectors.matriks_peran_hasil(saya, tahun)[1] if punya_bawahan else [],
        form_baru=FormSkpBaru() if skp is None else None,
        skp_lalu=lalu,
        boleh_salin=skp is None
        and lalu is not None
        and rules.cek_tahun_skp(tahun, waktu.tahun_ini()) is None,
    )


@login_required
def skp_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Any SKP inside the scope; its pejabat penilai approves or returns it here."""
    skp = _skp_terlihat(request, pk)
    saya = akses_untuk(request.user).pegawai
    if saya is not None and skp.pegawai_id == saya.pk:
        return redirect(f"{reverse('kinerja:skp')}?tahun={skp.tahun}")
    lalu = selectors.skp_tahun_lalu(request.user, skp.pegawai, skp.tahun)
    return _halaman_skp(request, skp, saya=saya, tahun=skp.tahun, skp_lalu=lalu)


def _halaman_skp(request, skp: Skp | None, *, saya, tahun: int, **extra) -> HttpResponse:
    pemilik = skp is not None and saya is not None and skp.pegawai_id == saya.pk
    boleh_putuskan = (
        skp is not None
        and saya is not None
        and skp.penilai_id == saya.pk
        and skp.status == StatusSkp.DIAJUKAN
    )
    ekspektasi = {e.nilai: e.ekspektasi for e in skp.ekspektasi.all()} if skp else {}
    return render(
        request,
        "kinerja/skp.html",
        {
            "skp": skp,
            "tahun": tahun,
            "pemilik": pemilik,
            "boleh_ubah": pemilik and skp.bisa_diubah,
            "boleh_putuskan": boleh_putuskan,
            "form_setujui": FormSetujuiSkp(
                initial={f"ekspektasi_{k}": v for k, v in ekspektasi.items()}
            )
            if boleh_putuskan
            else None,
            "form_kembalikan": FormCatatanSkp() if boleh_putuskan else None,
            "matriks": [],
            "skp_lalu": None,
            "boleh_salin": False,
            **extra,
        },
    )


def _skp_terlihat(request: HttpRequest, pk: int) -> Skp:
    try:
        return selectors.skp_rincian(request.user, pk)
    except Skp.DoesNotExist:
        raise Http404 from None


def _ke_skp(skp: Skp, saya: Pegawai | None) -> HttpResponse:
    if saya is not None and skp.pegawai_id == saya.pk:
        return redirect(f"{reverse('kinerja:skp')}?tahun={skp.tahun}")
    return redirect("kinerja:skp-detail", pk=skp.pk)


@login_required
@require_POST
def skp_buat(request: HttpRequest) -> HttpResponse:
    saya = _saya(request)
    tahun = _tahun(request, sumber=request.POST)
    form = FormSkpBaru(request.POST)
    if not form.is_valid():
        messages.error(request, "Pilih pendekatan hasil kerja.")
    else:
        try:
            services.skp_buat(pegawai=saya, tahun=tahun, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, f"Draf SKP {tahun} dibuat. Tambahkan rencana hasil kerja (RHK) Anda."
            )
    return redirect(f"{reverse('kinerja:skp')}?tahun={tahun}")


@login_required
def skp_rhk_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an RHK with its indicators to one's own draft (or returned) SKP."""
    saya = _saya(request)
    skp = _skp_terlihat(request, pk)
    if skp.pegawai_id != saya.pk:
        raise Http404
    if not skp.bisa_diubah:
        messages.error(request, "SKP yang sudah diajukan atau disetujui tidak dapat diubah.")
        return _ke_skp(skp, saya)
    form = FormRhk(
        request.POST or None,
        rhk_atasan_qs=selectors.rhk_atasan_pilihan(skp),
        perjanjian_qs=selectors.perjanjian_pilihan(skp),
        jpt=pdf.adalah_jpt(saya),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.rhk_tambah(skp=skp, oleh=request.user, **form.data_layanan())
        except ValidationError as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, "RHK ditambahkan ke SKP Anda.")
            return _ke_skp(skp, saya)
    lalu = selectors.skp_tahun_lalu(request.user, saya, skp.tahun)
    return render(request, "kinerja/skp_rhk.html", {"form": form, "skp": skp, "skp_lalu": lalu})


# --- Editing a draft or returned SKP: RHK and indicators; copying last year's SKP ---------


def _rhk_milik(request: HttpRequest, pk: int) -> tuple[Pegawai, Rhk]:
    """An RHK of one's own SKP (404 for anyone else's, even one the user may see)."""
    saya = _saya(request)
    try:
        rhk = selectors.rhk_rincian(request.user, pk)
    except Rhk.DoesNotExist:
        raise Http404 from None
    if rhk.skp.pegawai_id != saya.pk:
        raise Http404
    return saya, rhk


def _ke_rhk(rhk: Rhk) -> HttpResponse:
    return redirect("kinerja:skp-rhk-ubah", pk=rhk.pk)


def _form_rhk_ubah(rhk: Rhk, saya: Pegawai, data=None) -> FormRhkUbah:
    return FormRhkUbah(
        data,
        initial={
            "jenis": rhk.jenis,
            "uraian": rhk.uraian,
            "rhk_atasan": rhk.rhk_atasan_id,
            "perjanjian_kinerja": rhk.perjanjian_kinerja_id,
            "perspektif": rhk.perspektif,
        },
        rhk_atasan_qs=selectors.rhk_atasan_pilihan(rhk.skp),
        perjanjian_qs=selectors.perjanjian_pilihan(rhk.skp),
        jpt=pdf.adalah_jpt(saya),
    )


def _form_indikator(ik: IndikatorKinerja, data=None) -> FormIndikator:
    awal = {"aspek": ik.aspek, "uraian": ik.uraian, "target": ik.target, "satuan": ik.satuan}
    return FormIndikator(data, prefix=f"ik{ik.pk}", initial=awal)


def _halaman_rhk(
    request: HttpRequest,
    rhk: Rhk,
    saya: Pegawai,
    *,
    form: FormRhkUbah | None = None,
    form_ik: FormIndikator | None = None,
    ik_pk: int | None = None,
    form_baru: FormIndikator | None = None,
) -> HttpResponse:
    """The RHK edit page; a form sent back with its errors replaces its blank twin."""
    indikator = [
        (i, form_ik if i.pk == ik_pk and form_ik is not None else _form_indikator(i))
        for i in rhk.indikator.all()
    ]
    return render(
        request,
        "kinerja/skp_rhk_ubah.html",
        {
            "rhk": rhk,
            "skp": rhk.skp,
            "form": form or _form_rhk_ubah(rhk, saya),
            "indikator": indikator,
            "form_baru": form_baru or FormIndikator(prefix="baru"),
        },
    )


def _terkunci(request: HttpRequest, skp: Skp, saya: Pegawai) -> HttpResponse | None:
    if skp.bisa_diubah:
        return None
    messages.error(request, services.PESAN_TERKUNCI)
    return _ke_skp(skp, saya)


@login_required
def skp_rhk_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an RHK of one's own draft or returned SKP; its indicators are listed below,
    each with its own form, and a new one can be added."""
    saya, rhk = _rhk_milik(request, pk)
    if tolak := _terkunci(request, rhk.skp, saya):
        return tolak
    if request.method != "POST":
        return _halaman_rhk(request, rhk, saya)
    form = _form_rhk_ubah(rhk, saya, request.POST)
    if form.is_valid():
        try:
            services.rhk_ubah(rhk=rhk, oleh=request.user, data=form.data_layanan())
        except ValidationError as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, "RHK diubah.")
            return _ke_skp(rhk.skp, saya)
    return _halaman_rhk(request, rhk, saya, form=form)


@login_required
@require_POST
def skp_rhk_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    saya, rhk = _rhk_milik(request, pk)
    if tolak := _terkunci(request, rhk.skp, saya):
        return tolak
    try:
        services.rhk_hapus(rhk=rhk, oleh=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _ke_rhk(rhk)
    messages.success(request, f"RHK “{rhk.uraian}” dihapus dari SKP Anda.")
    return _ke_skp(rhk.skp, saya)


@login_required
@require_POST
def skp_indikator_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    saya, rhk = _rhk_milik(request, pk)
    if tolak := _terkunci(request, rhk.skp, saya):
        return tolak
    form = FormIndikator(request.POST, prefix="baru")
    if form.is_valid():
        try:
            services.indikator_tambah(rhk=rhk, oleh=request.user, **form.data_layanan())
        except ValidationError as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, "Indikator ditambahkan.")
            return _ke_rhk(rhk)
    return _halaman_rhk(request, rhk, saya, form_baru=form)


def _indikator_milik(request: HttpRequest, pk: int) -> tuple[Pegawai, Rhk, IndikatorKinerja]:
    try:
        ik = selectors.indikator_rincian(request.user, pk)
    except IndikatorKinerja.DoesNotExist:
        raise Http404 from None
    saya, rhk = _rhk_milik(request, ik.rhk_id)
    return saya, rhk, ik


@login_required
@require_POST
def skp_indikator_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    saya, rhk, ik = _indikator_milik(request, pk)
    if tolak := _terkunci(request, rhk.skp, saya):
        return tolak
    form = _form_indikator(ik, request.POST)
    if form.is_valid():
        try:
            services.indikator_ubah(indikator=ik, oleh=request.user, data=form.data_layanan())
        except ValidationError as exc:
            galat_ke_form(form, exc)
        else:
            messages.success(request, "Indikator diubah.")
            return _ke_rhk(rhk)
    return _halaman_rhk(request, rhk, saya, form_ik=form, ik_pk=ik.pk)


@login_required
@require_POST
def skp_indikator_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    saya, rhk, ik = _indikator_milik(request, pk)
    if tolak := _terkunci(request, rhk.skp, saya):
        return tolak
    try:
        services.indikator_hapus(indikator=ik, oleh=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Indikator “{ik.uraian}” dihapus.")
    return _ke_rhk(rhk)


@login_required
@require_POST
def skp_salin(request: HttpRequest) -> HttpResponse:
    """A draft SKP for the chosen year copied from one's SKP of the year before."""
    _saya(request)
    tahun = _tahun(request, sumber=request.POST)
    try:
        skp = services.skp_salin(oleh=request.user, tahun=tahun)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        daftar = list(skp.rhk.all())
        messages.success(
            request,
            f"Draf SKP {tahun} disalin dari SKP {tahun - 1}: {len(daftar)} RHK dengan "
            "indikatornya. Periksa dan sesuaikan sebelum mengajukan.",
        )
        lepas = sum(r.tanpa_intervensi for r in daftar)
        if lepas:
            messages.warning(
                request,
                f"{lepas} RHK utama belum mengintervensi RHK atasan tahun {tahun}: pilih "
                "lewat tombol Ubah sebelum mengajukan.",
            )
    return redirect(f"{reverse('kinerja:skp')}?tahun={tahun}")


@login_required
@require_POST
def skp_ajukan(request: HttpRequest, pk: int) -> HttpResponse:
    saya = _saya(request)
    skp = _skp_terlihat(request, pk)
    try:
        services.skp_ajukan(skp=skp, oleh=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"SKP diajukan kepada {skp.penilai.nama} untuk disetujui.")
    return _ke_skp(skp, saya)


@login_required
@require_POST
def skp_setujui(request: HttpRequest, pk: int) -> HttpResponse:
    """The pejabat penilai approves with the specific expectation per BerAKHLAK value."""
    saya = _saya(request)
    skp = _skp_terlihat(request, pk)
    form = FormSetujuiSkp(request.POST)
    if not form.is_valid():
        messages.error(request, "Ekspektasi paling banyak 2000 karakter per nilai.")
        return _ke_skp(skp, saya)
    try:
        services.skp_setujui(skp=skp, oleh=request.user, ekspektasi=form.ekspektasi())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"SKP {skp.pegawai.nama} disetujui.")
    return _ke_skp(skp, saya)


@login_required
@require_POST
def skp_kembalikan(request: HttpRequest, pk: int) -> HttpResponse:
    saya = _saya(request)
    skp = _skp_terlihat(request, pk)
    form = FormCatatanSkp(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["catatan"][0])
        return _ke_skp(skp, saya)
    try:
        services.skp_kembalikan(skp=skp, oleh=request.user, catatan=form.cleaned_data["catatan"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"SKP {skp.pegawai.nama} dikembalikan dengan catatan.")
    return _ke_skp(skp, saya)


# --- Documents and evidence files -------------------------------------------------------------


def _pdf(isi: bytes, nama: str) -> HttpResponse:
    resp = HttpResponse(isi, content_type="application/pdf")
    resp["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=nama)
    resp["Cache-Control"] = "private, no-store"  # personal data
    return resp


@login_required
@require_GET
def skp_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    skp = _skp_terlihat(request, pk)
    return _pdf(pdf.skp_pdf(skp), pdf.nama_berkas_skp(skp))


@login_required
@require_GET
def penilaian_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        penilaian = selectors.penilaian_dokumen(request.user, pk)
    except Penilaian.DoesNotExist:
        raise Http404 from None
    return _pdf(pdf.penilaian_pdf(penilaian), pdf.nama_berkas_penilaian(penilaian))


@login_required
@require_GET
def laporan_bukti(request: HttpRequest, pk: int) -> FileResponse:
    """A report's evidence file, streamed to those who may see the report (404 otherwise);
    media files are never served by URL."""
    return respons_berkas(_laporan_terlihat(request, pk).bukti)


def _tahun(request: HttpRequest, sumber=None) -> int:
    sumber = request.GET if sumber is None else sumber
    try:
        tahun = int(sumber.get("tahun") or waktu.hari_ini().year)
    except ValueError:
        return waktu.hari_ini().year
    return tahun if 2000 <= tahun <= 2100 else waktu.hari_ini().year


# --- Supervisor -------------------------------------------------------------------------------


@login_required
def antrian(request: HttpRequest) -> HttpResponse:
    """Waiting reports of direct subordinates; tick many and approve them at once."""
    _saya(request)  # an account without an employee record: 404
    if request.method == "POST":
        ids = [i for i in request.POST.getlist("laporan") if i.isdigit()]
        if not ids:
            messages.error(request, "Pilih paling sedikit satu laporan.")
        else:
            n = services.laporan_setujui_banyak(oleh=request.user, ids=ids)
            messages.success(request, f"{n} laporan disetujui.")
        return redirect("kinerja:antrian")
    return render(
        request,
        "kinerja/antrian.html",
        {
            "antrian": list(selectors.antrian_atasan(request.user)[:500]),
            "skp_menunggu": list(selectors.skp_menunggu(request.user)[:200]),
            "form_catatan": FormCatatan(),
        },
    )


@login_required
@require_POST
def laporan_kembalikan(request: HttpRequest, pk: int) -> HttpResponse:
    _saya(request)  # an account without an employee record: 404
    laporan = _laporan_terlihat(request, pk)
    form = FormCatatan(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["catatan"][0])
        return redirect("kinerja:antrian")
    try:
        services.laporan_kembalikan(
            laporan=laporan, oleh=request.user, catatan=form.cleaned_data["catatan"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Laporan {laporan.pegawai.nama} dikembalikan.")
    return redirect("kinerja:antrian")


@login_required
def bawahan(request: HttpRequest) -> HttpResponse:
    """Subordinates' reporting this month (aggregated in SQL) with a link to appraise; charts
    of reports per day over the last 30 days and of each RHK's progress this year."""
    _saya(request)
    hari_ini = waktu.hari_ini()
    mulai = hari_ini.replace(day=1)
    per_hari = selectors.laporan_per_hari_bawahan(
        request.user, mulai=hari_ini - timedelta(days=29), akhir=hari_ini
    )
    return render(
        request,
        "kinerja/bawahan.html",
        {
            "progres": selectors.progres_bawahan(request.user, mulai=mulai, akhir=hari_ini),
            "bulan": f"{rules.NAMA_BULAN[mulai.month]} {mulai.year}",
            "periode": rules.periode_berjalan(hari_ini, pengaturan.jenis_periode_berkala()),
            "grafik": grafik.grafik_harian(per_hari),
            "progres_rhk": selectors.progres_rhk_bawahan(
                request.user, tahun=hari_ini.year, akhir=hari_ini
            ),
            "hari_ini": hari_ini,
        },
    )


def _matriks_js() -> str:
    """The predikat matrix for the live preview script (data attribute, no inline script)."""
    return json.dumps(
        {f"{h}|{p}": rules.PREDIKAT[v] for (h, p), v in rules.MATRIKS_PREDIKAT.items()}
    )


def _penilaian_terbuka(penilaian: Penilaian, saya: Pegawai) -> HttpResponse:
    """An existing appraisal: its supervisor corrects it while allowed, else it is shown."""
    if penilaian.penilai_id == saya.pk and services.penilaian_bisa_dikoreksi(penilaian):
        return redirect("kinerja:penilaian-ubah", pk=penilaian.pk)
    return redirect("kinerja:penilaian-detail", pk=penilaian.pk)


@login_required
def penilaian_baru(request: HttpRequest, nip: str) -> HttpResponse:
    """The appraisal form: the period chosen from the pemda's periods, realisation prefilled
    from approved reports; a period already scored opens that appraisal. "Pratinjau" shows the
    predikat without saving (the live preview does the same with JavaScript)."""
    saya = _saya(request)
    pegawai = pegawai_bawahan(request.user).filter(nip=normalisasi_nip(nip)).first()
    if pegawai is None:
        raise Http404
    hari_ini = waktu.hari_ini()
    pilihan = rules.periode_pilihan(hari_ini, pengaturan.jenis_periode_berkala())
    kode = request.POST.get("periode") or request.GET.get("periode") or ""
    periode = next((p for p in pilihan if p.kode == kode), None)
    if periode is None:
        berjalan = rules.periode_berjalan(hari_ini, pengaturan.jenis_periode_berkala())
        periode = next(p for p in pilihan if p.kode == berjalan)
    ada = Penilaian.objects.filter(pegawai=pegawai, periode=periode.kode).first()
    if ada is not None:
        return _penilaian_terbuka(ada, saya)
    skp = selectors.skp_disetujui(pegawai, periode.tahun)
    rhk = list(skp.rhk.all()) if skp else []
    dari_laporan = selectors.realisasi_dari_laporan(skp, periode) if skp else {}
    form = FormPenilaian(
        request.POST or None,
        rhk=rhk,
        dari_laporan=dari_laporan,
        periode_pilihan=pilihan,
        initial={"periode": periode.kode},
    )
    pratinjau = ""
    if request.method == "POST" and form.is_valid():
        if request.POST.get("aksi") == "pratinjau":
            pratinjau = form.predikat_pratinjau
        else:
            try:
                p = services.penilaian_buat(penilai=saya, pegawai=pegawai, **form.data_layanan())
            except ValidationError as exc:
                galat_ke_form(form, exc)
            else:
                messages.success(request, f"Penilaian {pegawai.nama} tersimpan.")
                return redirect("kinerja:penilaian-detail", pk=p.pk)
    # Citizens' complaints naming this employee, shown beside the appraisal (issue: public
    # feedback feeds the evaluation of employees).
    pengaduan = list(pengaduan_tentang_pegawai(request.user, pegawai)[:10])
    return render(
        request,
        "kinerja/penilaian_form.html",
        {
            "form": form,
            "pegawai": pegawai,
            "periode": periode,
            "periode_pilihan": pilihan,
            "skp": skp,
            "pengaduan": pengaduan,
            "pratinjau": pratinjau,
            "matriks": _matriks_js(),
        },
    )


@login_required
def penilaian_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    """Its supervisor corrects an appraisal until the employee responds or the correction
    deadline passes; every change is kept with who, when and why."""
    saya = _saya(request)
    try:
        penilaian = selectors.penilaian_rincian(request.user, pk)
    except Penilaian.DoesNotExist:
        raise Http404 from None
    if penilaian.penilai_id != saya.pk:
        raise Http404
    if not services.penilaian_bisa_dikoreksi(penilaian):
        messages.error(
            request, "Penilaian ini tidak dapat diubah lagi (sudah ditanggapi atau lewat batas)."
        )
        return redirect("kinerja:penilaian-detail", pk=pk)
    periode = rules.parse_periode(penilaian.periode)
    rhk = list(penilaian.skp.rhk.all())
    dari_laporan = selectors.realisasi_dari_laporan(penilaian.skp, periode)
    awal = {
        "rating_hasil_kerja": penilaian.rating_hasil_kerja,
        "rating_perilaku": penilaian.rating_perilaku,
        "umpan_balik": penilaian.umpan_balik,
        **{f"catatan_{k}": v for k, v in penilaian.catatan_perilaku.items()},
    }
    for r in penilaian.realisasi.all():
        awal[f"realisasi_{r.rhk_id}"] = r.realisasi
        awal[f"alasan_{r.rhk_id}"] = r.alasan
    form = FormPenilaian(
        request.POST or None, rhk=rhk, dari_laporan=dari_laporan, ubah=True, initial=awal
    )
    pratinjau = ""
    if request.method == "POST" and form.is_valid():
        if request.POST.get("aksi") == "pratinjau":
            pratinjau = form.predikat_pratinjau
        else:
            try:
                services.penilaian_ubah(
                    penilaian=penilaian, oleh=request.user, **form.data_layanan()
                )
            except ValidationError as exc:
                galat_ke_form(form, exc)
            else:
                messages.success(request, f"Penilaian {penilaian.pegawai.nama} diperbarui.")
                return redirect("kinerja:penilaian-detail", pk=pk)
    return render(
        request,
        "kinerja/penilaian_form.html",
        {
            "form": form,
            "pegawai": penilaian.pegawai,
            "periode": periode,
            "penilaian": penilaian,
            "skp": penilaian.skp,
            "pengaduan": [],
            "pratinjau": pratinjau,
            "matriks": _matriks_js(),
        },
    )


@login_required
@require_GET
def garis(request: HttpRequest) -> HttpResponse:
    """A unit head's whole line, read-only: the month's rollup per sub-unit, drill-down to the
    employees of one sub-unit (`?unit=`). Approving and scoring stay with direct supervisors."""
    _saya(request)
    hari_ini = waktu.hari_ini()
    try:
        bulan = rules.bulan_awal(request.GET.get("bulan") or f"{hari_ini:%Y-%m}")
    except rules.AturanError:
        bulan = hari_ini.replace(day=1)
    per_unit = selectors.garis_per_unit(request.user, bulan=bulan)
    unit = None
    rincian = []
    pilihan = request.GET.get("unit", "")
    if pilihan:
        unit = next((b.unit for b in per_unit if str(b.unit.pk) == pilihan), None)
        if unit is None:
            raise Http404
        rincian = selectors.garis_unit_rincian(request.user, unit=unit, bulan=bulan)
    return render(
        request,
        "kinerja/garis.html",
        {
            "per_unit": per_unit,
            "unit": unit,
            "rincian": rincian,
            "bulan": bulan,
            "nama_bulan": f"{rules.NAMA_BULAN[bulan.month]} {bulan.year}",
        },
    )


# --- Appraisals -----------------------------------------------------------------------------


@login_required
def penilaian_daftar(request: HttpRequest) -> HttpResponse:
    """The appraisals the user may see, newest period first, paged by cursor
    (`?setelah=<id>`: the rows after that appraisal in this order; a row outside the scope
    is no position)."""
    qs = selectors.penilaian_daftar(request.user)
    setelah = request.GET.get("setelah", "")
    if setelah.isdigit():
        kursor = selectors.penilaian_terlihat(request.user).filter(pk=int(setelah)).first()
        if kursor is not None:
            qs = selectors.penilaian_setelah(qs, kursor)
    daftar = list(qs[: PENILAIAN_PER_HALAMAN + 1])
    berikutnya = None
    if len(daftar) > PENILAIAN_PER_HALAMAN:
        daftar = daftar[:PENILAIAN_PER_HALAMAN]
        berikutnya = f"?setelah={daftar[-1].pk}"
    return render(
        request,
        "kinerja/penilaian_daftar.html",
        {"daftar": daftar, "berikutnya": berikutnya, "halaman_lanjut": bool(setelah)},
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
                services.penilaian_terima(penilaian=penilaian, oleh=request.user)
                messages.success(request, "Terima kasih, penilaian telah Anda terima.")
                return redirect("kinerja:penilaian-detail", pk=pk)
            if form.is_valid():
                services.penilaian_sanggah(
                    penilaian=penilaian,
                    oleh=request.user,
                    alasan=form.cleaned_data["alasan_keberatan"],
                )
                messages.success(request, "Keberatan Anda tercatat dan diteruskan ke BKD.")
                return redirect("kinerja:penilaian-detail", pk=pk)
        except ValidationError as exc:
            galat_ke_form(form, exc)
    return render(
        request,
        "kinerja/penilaian_detail.html",
        {
            "p": penilaian,
            "form": form,
            "boleh_menanggapi": saya is not None
            and penilaian.pegawai_id == saya.pk
            and not penilaian.tanggapan,
            "boleh_ubah": saya is not None
            and penilaian.penilai_id == saya.pk
            and services.penilaian_bisa_dikoreksi(penilaian),
            "revisi": selectors.penilaian_revisi(penilaian),
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
    form = FormPilihUnitHr(
        {"unit_kerja": request.GET.get("unit_kerja", "")},
        units=units,
        help_text="Ketik nama atau kode unit; sub-unitnya ikut dihitung.",
    )
    unit = (form.cleaned_data["unit_kerja"] if form.is_valid() else None) or units.first()
    if "tahun" not in request.GET and "unit_kerja" not in request.GET:
        # A first visit opens where the data is (January to September the current year has
        # no annual appraisal yet).
        bawaan = selectors.distribusi_bawaan(request.user)
        if bawaan is not None:
            tahun, unit = bawaan
    if unit is not None and not form.data["unit_kerja"]:
        # Show the unit opened by default in the picker, as a select showed its choice.
        form = FormPilihUnitHr(
            {"unit_kerja": label_unit(unit)},
            units=units,
            help_text=form.fields["unit_kerja"].help_text,
        )
    hasil = selectors.distribusi_unit(request.user, unit=unit, tahun=tahun) if unit else None
    return render(
        request,
        "kinerja/distribusi.html",
        {
            "grafik": grafik_distribusi(hasil) if hasil and hasil.total else None,
            "form": form,
            "unit": unit,
            "tahun": tahun,
            "d": hasil,
            "penghargaan": list(selectors.penghargaan_daftar(request.user, unit=unit, tahun=tahun))
            if unit
            else [],
            "nama_hasil": rules.HASIL_ORGANISASI,
        },
    )


def grafik_distribusi(d: selectors.Distribusi) -> GrafikBatang:
    """The spread as bars against the curve: a tick at each single-predikat bound."""
    langgar = {p for pel in d.pelanggaran for p in pel.aturan.predikat}
    data = []
    for (kode, _nama), (nama, n, persen) in zip(rules.PREDIKAT.items(), d.baris, strict=True):
        penanda = [
            Penanda(float(a.nilai), a.uraian)
            for a in d.aturan
            if a.predikat == {kode} and a.jenis in (rules.MAKS_PERSEN, rules.MIN_PERSEN)
        ]
        teks = f"{n} pegawai ({str(persen).replace('.', ',')}%)"
        kelas = "kurang" if kode in langgar else ""
        data.append(Data(nama, persen, teks, penanda, kelas))
    return grafik_batang(
        f"Sebaran predikat {d.unit.nama} tahun {d.tahun} terhadap kurva distribusi",
        data,
        maks=100,
        satuan="%",
        langkah=25,
    )


# --- HR: dashboard per unit from the monthly rollups ----------------------------------------------


@login_required
def dasbor(request: HttpRequest) -> HttpResponse:
    """Compliance and predikat spread of a unit and its sub-units: operators their unit's
    subtree, Admin BKD any unit or the whole province. A unit outside the scope is a 404."""
    akses = akses_untuk(request.user)
    if not akses.staf_hr:
        raise Http404
    pilihan = request.GET.get("unit_kerja", "").strip()
    form = FormPilihUnitHr(
        {"unit_kerja": pilihan},
        units=selectors.unit_pilihan_hr(request.user),
        help_text="Kosongkan untuk seluruh provinsi; sub-unitnya ikut dihitung."
        if akses.admin_bkd
        else "Kosongkan untuk unit Anda; sub-unitnya ikut dihitung.",
    )
    unit = None if akses.admin_bkd else akses.unit_operator
    if pilihan:
        if form.is_valid():
            unit = form.cleaned_data["unit_kerja"]
        elif pilihan.isdigit():
            raise Http404  # a link to a unit outside the scope (or none at all)
    hari_ini = waktu.hari_ini()
    try:
        bulan = rules.bulan_awal(request.GET.get("bulan") or f"{hari_ini:%Y-%m}")
    except rules.AturanError:
        bulan = hari_ini.replace(day=1)
    return render(
        request,
        "kinerja/dasbor.html",
        {
            "d": selectors.dasbor_unit(request.user, unit=unit, bulan=bulan),
            "diperbarui": selectors.rekap_diperbarui(bulan),
            "hari_ini": hari_ini,
            "form": form,
            "unit": unit,
            "bulan": bulan,
            "nama_bulan": f"{rules.NAMA_BULAN[bulan.month]} {bulan.year}",
            "nama_bulan_awal": rules.NAMA_BULAN[1],
            "admin_bkd": akses.admin_bkd,
        },
    )
