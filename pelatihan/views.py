"""Pages of the pelatihan app: the ASN's own trainings, JP progress, certificates and open
surveys; answering a survey (signed in, or from the emailed one-time link); nominations by
supervisors; for HR the JP compliance report, the needs analysis and the survey results.

Every record shown comes through the access scope; outside it a page answers 404.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from inti import waktu
from inti.berkas import respons_berkas
from inti.ekspor import csv_respons
from inti.formulir import galat_ke_form
from inti.grafik import Data, grafik_batang
from pegawai.akses import akses_untuk, boleh_ekspor, pegawai_bawahan, pegawai_terlihat
from pegawai.selectors import unit_pilihan

from . import rules, selectors, services
from .forms import FormFilterUnit, FormSurvei, FormUsulan
from .models import Pelatihan, Sertifikat, Sesi, UndanganSurvei
from .tautan import TautanTidakSah, undangan_dari_token

logger = logging.getLogger(__name__)

PER_HALAMAN = 50


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    """My trainings, my JP this year, my certificates, my open surveys."""
    akses = akses_untuk(request.user)
    saya = akses.pegawai
    tahun = waktu.tahun_ini()
    konteks = {
        "saya": saya,
        "tahun": tahun,
        "staf_hr": akses.staf_hr,
        "atasan": akses.punya_bawahan,
        "undangan": list(selectors.undangan_terbuka(request.user)),
    }
    if saya is not None:
        konteks.update(
            jp=selectors.jp_pegawai(saya, tahun=tahun),
            pelatihan=list(selectors.peserta_milik(saya)[:50]),
            sertifikat=list(selectors.sertifikat_milik(saya)),
            hari_ini=waktu.hari_ini(),
        )
    if akses.punya_bawahan:
        konteks["usulan"] = list(selectors.usulan_bawahan(request.user)[:20])
    return render(request, "pelatihan/beranda.html", konteks)


@login_required
def sertifikat_berkas(request: HttpRequest, pk: int) -> FileResponse:
    """A certificate file, streamed to whoever may see its owner (404 otherwise)."""
    sertifikat = get_object_or_404(
        Sertifikat.objects.filter(pegawai__in=pegawai_terlihat(request.user)), pk=pk
    )
    return respons_berkas(sertifikat.berkas)


@login_required
def sesi_daftar(request: HttpRequest) -> HttpResponse:
    """Upcoming sessions still open; supervisors nominate subordinates from here."""
    akses = akses_untuk(request.user)
    sesi = list(selectors.sesi_daftar(terbuka=True)[:100])
    form = FormUsulan(bawahan=pegawai_bawahan(request.user)) if akses.punya_bawahan else None
    return render(request, "pelatihan/sesi_daftar.html", {"sesi": sesi, "form": form})


@login_required
@require_POST
def sesi_usulkan(request: HttpRequest, pk: int) -> HttpResponse:
    sesi = get_object_or_404(Sesi.objects.with_relasi(), pk=pk)
    form = FormUsulan(request.POST, bawahan=pegawai_bawahan(request.user))
    if form.is_valid():
        try:
            services.peserta_usulkan(
                sesi=sesi,
                pegawai=form.cleaned_data["pegawai"],
                oleh=request.user,
                alasan=form.cleaned_data["alasan"],
            )
        except ValidationError as exc:
            for pesan in exc.messages:
                messages.error(request, pesan)
        else:
            messages.success(
                request,
                f"{form.cleaned_data['pegawai'].nama} diusulkan untuk {sesi.nama}. "
                "Usulan menunggu persetujuan pengelola kepegawaian.",
            )
    else:
        for errors in form.errors.values():
            for pesan in errors:
                messages.error(request, pesan)
    return redirect("pelatihan:sesi")


# --- Surveys --------------------------------------------------------------------------------


def _isi_survei(request: HttpRequest, undangan: UndanganSurvei, *, aksi: str) -> HttpResponse:
    pertanyaan = selectors.pertanyaan_template(undangan.template_id)
    form = FormSurvei(request.POST or None, pertanyaan=pertanyaan)
    if request.method == "POST" and form.is_valid():
        try:
            services.survei_jawab(undangan=undangan, jawaban=form.jawaban())
        except ValidationError as exc:
            galat_ke_form(form, exc)
        else:
            return render(request, "pelatihan/survei_terima_kasih.html", {"undangan": undangan})
    return render(
        request,
        "pelatihan/survei_isi.html",
        {"undangan": undangan, "form": form, "aksi": aksi, "template": undangan.template},
        status=400 if form.errors else 200,
    )


@login_required
def survei_isi(request: HttpRequest, pk: int) -> HttpResponse:
    undangan = selectors.undangan_milik(request.user).filter(pk=pk).first()
    if undangan is None:
        raise Http404("Survei tidak ditemukan.")
    if undangan.dijawab is not None:
        return render(request, "pelatihan/survei_terima_kasih.html", {"undangan": undangan})
    return _isi_survei(request, undangan, aksi=request.path)


def survei_tautan(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed one-time link: no login needed; the signed token is the key."""
    try:
        undangan = undangan_dari_token(token)
    except TautanTidakSah as exc:
        return render(
            request, "pelatihan/survei_tautan_salah.html", {"pesan": str(exc)}, status=404
        )
    return _isi_survei(request, undangan, aksi=request.path)


def _hasil(request: HttpRequest, *, sesi: Sesi | None = None, pelatihan: Pelatihan | None = None):
    if not selectors.boleh_lihat_hasil_survei(request.user):
        raise Http404("Halaman tidak ditemukan.")
    hasil = selectors.hasil_survei(request.user, sesi=sesi, pelatihan=pelatihan)
    return render(
        request,
        "pelatihan/hasil_survei.html",
        {"sesi": sesi, "pelatihan": pelatihan or sesi.pelatihan, "hasil": hasil},
    )


@login_required
def hasil_sesi(request: HttpRequest, pk: int) -> HttpResponse:
    return _hasil(request, sesi=get_object_or_404(Sesi.objects.with_relasi(), pk=pk))


@login_required
def hasil_pelatihan(request: HttpRequest, pk: int) -> HttpResponse:
    return _hasil(request, pelatihan=get_object_or_404(Pelatihan, pk=pk))


# --- JP compliance and AKPK -----------------------------------------------------------------


def _filter(request: HttpRequest) -> tuple[FormFilterUnit, int, object]:
    form = FormFilterUnit(request.GET or None, unit_pilihan=unit_pilihan(request.user))
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    return form, data.get("tahun") or waktu.tahun_ini(), data.get("unit")


@login_required
def kepatuhan_jp(request: HttpRequest) -> HttpResponse:
    """Who is below the JP target, by how much, with suggested sessions; CSV for HR."""
    form, tahun, unit = _filter(request)
    kurang = request.GET.get("kurang") == "1"
    melebihi = request.GET.get("melebihi") == "1"
    filter_jp = {"tahun": tahun, "unit": unit, "hanya_kurang": kurang, "hanya_melebihi": melebihi}
    if request.GET.get("format") == "csv":
        if not boleh_ekspor(request.user):
            raise Http404("Halaman tidak ditemukan.")
        return _csv_jp(selectors.rekap_jp(request.user, **filter_jp), tahun)
    # Page on the employees' ids (a narrow sort, counted in the same pass), then read the JP
    # of that page only.
    halaman = selectors.rekap_jp_halaman(
        request.user, request.GET.get("halaman"), PER_HALAMAN, **filter_jp
    )
    saran = selectors.sesi_saran()
    per_id = {s.pk: s for s in saran}
    baris = []
    for p in selectors.rekap_jp_baris(list(halaman.object_list), tahun=tahun):
        kekurangan = rules.kekurangan_jp(jp=p.jp, target=p.target)
        ids = rules.saran_sesi(kekurangan=kekurangan, sesi=[(s.pk, s.pelatihan.jp) for s in saran])
        baris.append(
            {
                "pegawai": p,
                "kekurangan": kekurangan,
                "persen": rules.persen_jp(jp=p.jp, target=p.target),
                "saran": [per_id[i] for i in ids],
            }
        )
    query = request.GET.copy()
    query.pop("halaman", None)
    rincian = selectors.kepatuhan_jp_rincian(request.user, tahun=tahun, unit=unit)
    dasar = selectors.unit_dasar_jp(request.user, unit)
    grafik_unit = grafik_batang(
        f"Persentase pegawai yang memenuhi 20 JP per unit kerja, tahun {tahun}",
        [
            Data(
                f"{r.unit.nama} (langsung)" if r.sendiri else r.unit.nama,
                r.persen,
                f"{r.memenuhi}/{r.target} ({angka_id(r.persen)}%)",
                kelas="" if r.persen >= 100 else "kurang",
            )
            for r in rincian
        ],
        maks=100,
        satuan="%",
        langkah=25,
    )
    return render(
        request,
        "pelatihan/kepatuhan_jp.html",
        {
            "form": form,
            "rincian": rincian,
            "grafik_unit": grafik_unit,
            "dasar": dasar,
            "jejak": _jejak(request.user, dasar),
            "admin_bkd": akses_untuk(request.user).admin_bkd,
            "tahun": tahun,
            "baris": baris,
            "halaman": halaman,
            "kurang": kurang,
            "melebihi": melebihi,
            "query_tanpa_halaman": query.urlencode(),
            "boleh_ekspor": boleh_ekspor(request.user),
        },
    )


def _jejak(user, unit) -> list:
    """The unit's ancestors the user may open, top first (the way back up the chart)."""
    if unit is None:
        return []
    kode = unit.path.strip("/").split("/")[:-1]
    if not kode:
        return []
    return list(unit_pilihan(user).filter(kode__in=kode).only("pk", "nama", "path"))


def angka_id(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _angka(nilai) -> str:
    """12.50 → "12.5", 20.00 → "20": the same text on SQLite and PostgreSQL."""
    teks = format(Decimal(nilai).normalize(), "f")
    return teks


def _csv_jp(qs, tahun: int) -> HttpResponse:
    return csv_respons(
        ["NIP", "Nama", "Unit Kerja", "Status", "JP", "Target minimal", "Kekurangan",
         "Memenuhi", "Batas maksimal", "Melebihi batas"],
        (
            [p.nip, p.nama, p.unit_kerja.nama, p.status_kepegawaian, _angka(p.jp),
             _angka(p.target) if p.target is not None else "",
             _angka(rules.kekurangan_jp(jp=p.jp, target=p.target)),
             "ya" if p.memenuhi else "tidak",
             _angka(p.maksimal) if p.maksimal is not None else "",
             "ya" if p.melebihi else "tidak"]
            for p in qs.iterator(chunk_size=2000)
        ),
        f"kepatuhan-jp-{tahun}.csv",
    )  # fmt: skip


@login_required
def akpk_saya(request: HttpRequest) -> HttpResponse:
    saya = akses_untuk(request.user).pegawai
    if saya is None:
        raise Http404("Akun ini tidak terhubung dengan data pegawai.")
    return akpk_pegawai(request, saya.nip)


@login_required
def akpk_pegawai(request: HttpRequest, nip: str) -> HttpResponse:
    pegawai = pegawai_terlihat(request.user).select_related("unit_kerja").filter(nip=nip).first()
    if pegawai is None:
        raise Http404("Pegawai tidak ditemukan.")
    tahun = waktu.tahun_ini()
    return render(
        request,
        "pelatihan/akpk_pegawai.html",
        {"akpk": selectors.akpk_pegawai(pegawai, tahun=tahun)},
    )


@login_required
def akpk_unit(request: HttpRequest) -> HttpResponse:
    """Aggregated needs of a unit (or the province for Admin BKD): the training plan basis."""
    if not akses_untuk(request.user).staf_hr:
        raise Http404("Halaman tidak ditemukan.")
    form, tahun, unit = _filter(request)
    kesegaran = selectors.kesegaran_rekap_akpk()
    baris = selectors.akpk_unit(request.user, tahun=tahun, unit=unit)
    return render(
        request,
        "pelatihan/akpk_unit.html",
        {"form": form, "tahun": tahun, "unit": unit, "baris": baris, "kesegaran": kesegaran},
    )
