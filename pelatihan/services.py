"""Writes of the pelatihan app: registration, nomination and approval (quota and date
clashes), attendance and results with the JP ledger, certificates and their reminders,
survey invitations, answers and the follow-up training need.

Keyword-only, `@transaction.atomic`, `full_clean()` before save; refusals are Django
`ValidationError`s keyed by field, in Indonesian. Email goes out only for rows this run has
claimed, so a job that runs twice sends nothing twice.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Max, Q, Sum
from django.db.models.functions import ExtractYear
from django.template.loader import render_to_string
from django.utils import timezone

from inti import waktu
from pegawai.akses import AnyUser, pegawai_bawahan, pegawai_dikelola
from pegawai.models import Pegawai

from . import pengaturan, rules, signals
from .models import (
    STATUS_PESERTA_AKTIF,
    STATUS_PESERTA_KURSI,
    STATUS_SESI_TERBUKA,
    SUMBER_SESI,
    CatatanJP,
    JawabanSurvei,
    JenisSurvei,
    JpTahunan,
    KebutuhanPelatihan,
    PertanyaanSurvei,
    Peserta,
    Responden,
    Sertifikat,
    Sesi,
    StatusKebutuhan,
    StatusPeserta,
    StatusSesi,
    SumberKebutuhan,
    TemplateSurvei,
    TipePertanyaan,
    UndanganSurvei,
    kunci_baru,
)

logger = logging.getLogger(__name__)

# --- Registration ---------------------------------------------------------------------------


def _sesi_terkunci(sesi: Sesi) -> Sesi:
    """Lock the session row: concurrent registrations then count seats one after another."""
    return Sesi.objects.select_for_update().select_related("pelatihan").get(pk=sesi.pk)


def peserta_masalah(
    *, sesi: Sesi, pegawai: Pegawai, kecuali: Peserta | None = None, cek_kuota: bool = True
) -> dict[str, list[str]]:
    """Why `pegawai` cannot take a seat in `sesi` (empty when they can).

    Used by the services (under the session lock) and by the admin's forms to show the
    reason next to the field before saving.
    """
    errors: dict[str, list[str]] = {}
    if sesi.status not in STATUS_SESI_TERBUKA:
        errors.setdefault("sesi", []).append(
            f"Sesi {sesi.kode} berstatus {sesi.get_status_display().lower()}; "
            "pendaftaran sudah ditutup."
        )
    lain = Peserta.objects.filter(pegawai=pegawai, status__in=STATUS_PESERTA_AKTIF).exclude(
        sesi__status=StatusSesi.DIBATALKAN
    )
    if kecuali is not None and kecuali.pk:
        lain = lain.exclude(pk=kecuali.pk)
    if lain.filter(sesi=sesi).exists():
        errors.setdefault("pegawai", []).append(
            f"{pegawai.nama} sudah terdaftar atau diusulkan pada sesi ini."
        )
    else:
        bentrok = rules.cek_bentrok(
            sesi=sesi.ringkas(),
            sesi_lain=[
                p.sesi.ringkas()
                for p in lain.filter(
                    sesi__tanggal_mulai__lte=sesi.tanggal_selesai,
                    sesi__tanggal_selesai__gte=sesi.tanggal_mulai,
                ).select_related("sesi__pelatihan")
            ],
            nama=pegawai.nama,
        )
        if bentrok:
            errors.setdefault("pegawai", []).append(bentrok)
    if cek_kuota:
        terisi = Peserta.objects.filter(sesi=sesi, status__in=STATUS_PESERTA_KURSI)
        if kecuali is not None and kecuali.pk:
            terisi = terisi.exclude(pk=kecuali.pk)
        penuh = rules.cek_kuota(kuota=sesi.kuota, terisi=terisi.count())
        if penuh:
            errors.setdefault("sesi", []).append(penuh)
    return errors


def _tolak_bila_ada(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _pastikan_dikelola(oleh: AnyUser, pegawai: Pegawai) -> None:
    if not pegawai_dikelola(oleh).filter(pk=pegawai.pk).exists():
        raise ValidationError({"pegawai": f"{pegawai.nama} berada di luar unit yang Anda kelola."})


@transaction.atomic
def peserta_daftarkan(*, sesi: Sesi, pegawai: Pegawai, oleh: AnyUser) -> Peserta:
    """HR registers an employee (or confirms an earlier nomination)."""
    _pastikan_dikelola(oleh, pegawai)
    sesi = _sesi_terkunci(sesi)
    peserta = Peserta.objects.filter(sesi=sesi, pegawai=pegawai).first()
    if peserta is not None and peserta.status == StatusPeserta.TERDAFTAR:
        raise ValidationError({"pegawai": f"{pegawai.nama} sudah terdaftar pada sesi ini."})
    _tolak_bila_ada(peserta_masalah(sesi=sesi, pegawai=pegawai, kecuali=peserta))
    peserta = peserta or Peserta(sesi=sesi, pegawai=pegawai)
    peserta.status = StatusPeserta.TERDAFTAR
    peserta.diputuskan_oleh = oleh if isinstance(oleh, User) else None
    peserta.full_clean()
    peserta.save()
    return peserta


@transaction.atomic
def peserta_usulkan(*, sesi: Sesi, pegawai: Pegawai, oleh: AnyUser, alasan: str = "") -> Peserta:
    """A supervisor nominates a direct subordinate; HR approves it later."""
    if not pegawai_bawahan(oleh).filter(pk=pegawai.pk).exists():
        raise ValidationError({"pegawai": f"{pegawai.nama} bukan bawahan langsung Anda."})
    sesi = _sesi_terkunci(sesi)
    peserta = Peserta.objects.filter(sesi=sesi, pegawai=pegawai).first()
    _tolak_bila_ada(peserta_masalah(sesi=sesi, pegawai=pegawai, kecuali=peserta))
    if peserta is not None and peserta.status in STATUS_PESERTA_AKTIF:
        raise ValidationError({"pegawai": f"{pegawai.nama} sudah diusulkan pada sesi ini."})
    peserta = peserta or Peserta(sesi=sesi, pegawai=pegawai)
    peserta.status = StatusPeserta.DIUSULKAN
    peserta.diusulkan_oleh = oleh if isinstance(oleh, User) else None
    peserta.alasan_usulan = alasan.strip()
    peserta.full_clean()
    peserta.save()
    return peserta


@transaction.atomic
def peserta_setujui(*, peserta: Peserta, oleh: AnyUser) -> Peserta:
    """HR approves a nomination: it takes a seat, so quota and clashes are checked now."""
    _pastikan_dikelola(oleh, peserta.pegawai)
    sesi = _sesi_terkunci(peserta.sesi)
    peserta = Peserta.objects.select_for_update().get(pk=peserta.pk)
    if peserta.status != StatusPeserta.DIUSULKAN:
        status = peserta.get_status_display().lower()
        raise ValidationError({"status": f"Hanya usulan yang dapat disetujui (status: {status})."})
    _tolak_bila_ada(peserta_masalah(sesi=sesi, pegawai=peserta.pegawai, kecuali=peserta))
    peserta.status = StatusPeserta.TERDAFTAR
    peserta.diputuskan_oleh = oleh if isinstance(oleh, User) else None
    peserta.full_clean()
    peserta.save()
    return peserta


@transaction.atomic
def peserta_tolak(*, peserta: Peserta, oleh: AnyUser) -> Peserta:
    _pastikan_dikelola(oleh, peserta.pegawai)
    if peserta.status != StatusPeserta.DIUSULKAN:
        raise ValidationError({"status": "Hanya usulan yang dapat ditolak."})
    peserta.status = StatusPeserta.DITOLAK
    peserta.diputuskan_oleh = oleh if isinstance(oleh, User) else None
    peserta.save(update_fields=["status", "diputuskan_oleh", "diubah"])
    return peserta


@transaction.atomic
def peserta_hasil_catat(
    *,
    peserta: Peserta,
    hadir: bool | None,
    hasil: str = "",
    nilai_pre_test: Decimal | None = None,
    nilai_post_test: Decimal | None = None,
) -> Peserta:
    """Record attendance, test scores and result; the JP ledger follows."""
    peserta = (
        Peserta.objects.select_for_update().select_related("sesi__pelatihan").get(pk=peserta.pk)
    )
    peserta.hadir = hadir
    peserta.hasil = hasil or ""
    peserta.nilai_pre_test = nilai_pre_test
    peserta.nilai_post_test = nilai_post_test
    peserta.full_clean()
    peserta.save()
    _jp_peserta_sinkron(peserta)
    return peserta


@transaction.atomic
def peserta_hapus(*, peserta: Peserta, oleh: AnyUser) -> None:
    """Remove a participant from a session (HR), with the JP the session booked for them:
    the ledger never keeps a row whose source is gone."""
    _pastikan_dikelola(oleh, peserta.pegawai)
    CatatanJP.objects.filter(sumber=SUMBER_SESI, sumber_id=str(peserta.pk)).delete()
    peserta.delete()


def _jp_peserta_sinkron(peserta: Peserta) -> None:
    """Keep the participant's ledger row in line with their result. JP are booked when the
    session is completed (status Selesai), on its last day."""
    sesi = peserta.sesi
    jp = rules.jp_diakui(jp_program=sesi.pelatihan.jp, hadir=peserta.hadir, hasil=peserta.hasil)
    if peserta.status != StatusPeserta.TERDAFTAR or sesi.status != StatusSesi.SELESAI:
        jp = Decimal(0)
    if peserta.jp_diakui != jp:
        peserta.jp_diakui = jp
        Peserta.objects.filter(pk=peserta.pk).update(jp_diakui=jp)
    if jp <= 0:
        if CatatanJP.objects.filter(sumber=SUMBER_SESI, sumber_id=str(peserta.pk)).delete()[0]:
            signals.pelatihan_diakui.send(sender=Peserta, peserta=peserta, catatan=None)
        return
    catatan, _ = CatatanJP.objects.update_or_create(
        sumber=SUMBER_SESI,
        sumber_id=str(peserta.pk),
        defaults={
            "pegawai_id": peserta.pegawai_id,
            "peserta": peserta,
            "tanggal": rules.tanggal_jp(
                tanggal_mulai=sesi.tanggal_mulai, tanggal_selesai=sesi.tanggal_selesai
            ),
            "jp": jp,
            "jenis": sesi.pelatihan.jenis,
            "uraian": f"{sesi.pelatihan.nama} ({sesi.kode})"[:300],
        },
    )
    signals.pelatihan_diakui.send(sender=Peserta, peserta=peserta, catatan=catatan)


@transaction.atomic
def sesi_jp_sinkron(*, sesi: Sesi) -> int:
    """Re-derive the ledger rows of every participant of a session (after its status or dates
    change, e.g. HR marks it Selesai). Returns the number of participants processed."""
    peserta = list(Peserta.objects.filter(sesi=sesi).select_related("sesi__pelatihan"))
    for p in peserta:
        _jp_peserta_sinkron(p)
    return len(peserta)


@transaction.atomic
def sesi_simpan(*, sesi: Sesi) -> Sesi:
    """Create or change a session; its participants' JP follow its status and dates."""
    sesi.full_clean()
    sesi.save()
    sesi_jp_sinkron(sesi=sesi)
    return sesi


@transaction.atomic
def jp_akui(
    *,
    pegawai: Pegawai,
    tanggal: date,
    jenis: str,
    uraian: str,
    sumber: str,
    sumber_id: str,
    jp: Decimal | int | None = None,
    menit: int | None = None,
    oleh: AnyUser = None,
) -> CatatanJP:
    """Recognise JP for an activity outside the sessions (coaching, mentoring, self-study…).

    Idempotent per (sumber, sumber_id): the career app calls this for each coaching session
    with `sumber="karier.coaching"` and its id, and a repeat call updates the same row.
    Give either `jp` or `menit` (45 minutes = 1 JP).
    """
    if (jp is None) == (menit is None):
        raise ValidationError({"jp": "Isi JP atau durasi dalam menit (salah satu)."})
    nilai = Decimal(jp) if jp is not None else rules.jp_dari_menit(menit or 0)
    if sumber == SUMBER_SESI:
        raise ValidationError({"sumber": "Sumber ini khusus untuk sesi pelatihan."})
    catatan = CatatanJP.objects.filter(sumber=sumber, sumber_id=sumber_id).first() or CatatanJP(
        sumber=sumber, sumber_id=sumber_id
    )
    catatan.pegawai = pegawai
    catatan.tanggal = tanggal
    catatan.jp = nilai
    catatan.jenis = jenis
    catatan.uraian = uraian[:300]
    catatan.dicatat_oleh = oleh if isinstance(oleh, User) else None
    catatan.full_clean(validate_unique=False)
    catatan.save()
    return catatan


@transaction.atomic
def jp_batalkan(*, sumber: str, sumber_id: str) -> int:
    """Withdraw a recognised activity (e.g. a cancelled coaching session)."""
    return CatatanJP.objects.filter(sumber=sumber, sumber_id=sumber_id).delete()[0]


# --- Certificates ---------------------------------------------------------------------------


@transaction.atomic
def sertifikat_terbitkan(
    *, peserta: Peserta, nomor: str, tanggal_terbit: date, berkas: Any = None
) -> Sertifikat:
    """Issue the certificate of a participant who completed a certifying programme; its
    expiry follows the programme's validity period."""
    peserta = Peserta.objects.select_related("sesi__pelatihan", "pegawai").get(pk=peserta.pk)
    pelatihan = peserta.sesi.pelatihan
    if not pelatihan.bersertifikat:
        raise ValidationError({"peserta": f"{pelatihan.nama} tidak menerbitkan sertifikat."})
    if rules.jp_diakui(jp_program=1, hadir=peserta.hadir, hasil=peserta.hasil) <= 0:
        raise ValidationError(
            {"peserta": f"{peserta.pegawai.nama} belum dinyatakan hadir dan lulus."}
        )
    if Sertifikat.objects.filter(peserta=peserta).exists():
        raise ValidationError({"peserta": "Sertifikat untuk peserta ini sudah diterbitkan."})
    sertifikat = Sertifikat(
        pegawai=peserta.pegawai,
        peserta=peserta,
        pelatihan=pelatihan,
        nama=pelatihan.nama,
        nomor=nomor.strip(),
        penerbit=pelatihan.nama_penyelenggara or pelatihan.get_penyelenggara_display(),
        tanggal_terbit=tanggal_terbit,
        tanggal_kedaluwarsa=rules.tanggal_kedaluwarsa(
            terbit=tanggal_terbit, masa_berlaku_bulan=pelatihan.masa_berlaku_bulan
        ),
    )
    if berkas is not None:
        sertifikat.berkas = berkas
    sertifikat.full_clean()
    sertifikat.save()
    return sertifikat


def _email_pegawai(pegawai: Pegawai) -> str:
    return pegawai.email or (pegawai.user.email if pegawai.user_id else "")


def sertifikat_pengingat_kirim(*, pada: date) -> int:
    """Email owners whose certificate reaches a reminder point (90/30/7 days before expiry
    by default). Each (certificate, point) is claimed before sending: running twice on the
    same day sends nothing twice. Returns how many reminders went out."""
    tahap = pengaturan.pengingat_sertifikat_hari()
    kandidat = (
        Sertifikat.objects.filter(
            tanggal_kedaluwarsa__gte=pada,
            tanggal_kedaluwarsa__lte=pada + timedelta(days=max(tahap)),
        )
        .exclude(pegawai__email="")
        .select_related("pegawai")
    )
    terkirim = 0
    for s in kandidat:
        titik = rules.tahap_pengingat(
            kedaluwarsa=s.tanggal_kedaluwarsa, pada=pada, tahap=tahap, sudah=s.pengingat_hari
        )
        if titik is None:
            continue
        klaim = Sertifikat.objects.filter(pk=s.pk).filter(
            Q(pengingat_hari__isnull=True) | Q(pengingat_hari__gt=titik)
        )
        if not klaim.update(pengingat_hari=titik):
            continue  # another run got there first
        sisa = (s.tanggal_kedaluwarsa - pada).days
        try:
            send_mail(
                subject=f"Sertifikat {s.nama} berakhir dalam {sisa} hari",
                message=render_to_string(
                    "pelatihan/email_pengingat_sertifikat.txt",
                    {"sertifikat": s, "sisa": sisa, "situs": pengaturan.url_situs()},
                ),
                from_email=None,
                recipient_list=[s.pegawai.email],
            )
        except Exception:
            Sertifikat.objects.filter(pk=s.pk).update(pengingat_hari=s.pengingat_hari)
            raise
        terkirim += 1
    return terkirim


# --- Surveys --------------------------------------------------------------------------------


@dataclass
class HasilJobSurvei:
    tanggal: str
    undangan_baru: int
    email_undangan: int
    email_pengingat: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _template_bawaan() -> dict[str, int]:
    return dict(TemplateSurvei.objects.filter(bawaan=True).values_list("jenis", "id"))


@transaction.atomic
def undangan_survei_buat(*, pada: date) -> int:
    """Create the invitations due on `pada`: a reaction survey to every participant of a
    session that has ended, and an application survey to the participant and their
    supervisor N days later. Absent participants and cancelled sessions get none.

    Idempotent: the unique (peserta, jenis, responden) constraint with
    `bulk_create(ignore_conflicts=True)` keeps one invitation each, however often this runs
    or whichever runs race. Returns how many invitations are new.
    """
    tenggang = pengaturan.tenggang_survei_hari()
    hari_maks = Sesi.objects.aggregate(m=Max("pelatihan__hari_survei_aplikasi"))["m"] or 0
    sesi_kandidat = (
        Sesi.objects.filter(
            tanggal_selesai__lte=pada,
            tanggal_selesai__gte=pada - timedelta(days=hari_maks + tenggang),
        )
        .exclude(status=StatusSesi.DIBATALKAN)
        .select_related("pelatihan")
    )
    jatuh: dict[int, list[str]] = {}
    for sesi in sesi_kandidat:
        jenis = rules.survei_jatuh_tempo(
            tanggal_selesai=sesi.tanggal_selesai,
            hari_aplikasi=sesi.pelatihan.hari_survei_aplikasi,
            pada=pada,
            tenggang_hari=tenggang,
        )
        if jenis:
            jatuh[sesi.pk] = jenis
    if not jatuh:
        return 0
    bawaan = _template_bawaan()
    peserta = (
        Peserta.objects.filter(sesi_id__in=jatuh, status=StatusPeserta.TERDAFTAR)
        .exclude(hadir=False)
        .select_related("sesi__pelatihan", "pegawai")
    )
    baru: list[UndanganSurvei] = []
    for p in peserta:
        pelatihan = p.sesi.pelatihan
        jadwal = rules.jadwal_survei(
            tanggal_selesai=p.sesi.tanggal_selesai, hari_aplikasi=pelatihan.hari_survei_aplikasi
        )
        for jenis in jatuh[p.sesi_id]:
            if jenis == rules.SURVEI_REAKSI:
                template_id = pelatihan.template_reaksi_id or bawaan.get(jenis)
                responden = [(Responden.PESERTA, p.pegawai_id)]
            else:
                template_id = pelatihan.template_aplikasi_id or bawaan.get(jenis)
                responden = [(Responden.PESERTA, p.pegawai_id)]
                if p.pegawai.atasan_id:
                    responden.append((Responden.ATASAN, p.pegawai.atasan_id))
            if template_id is None:
                logger.warning("tidak ada template survei %s untuk %s", jenis, pelatihan.kode)
                continue
            baru.extend(
                UndanganSurvei(
                    peserta=p,
                    jenis=jenis,
                    responden=r,
                    responden_pegawai_id=pegawai_id,
                    template_id=template_id,
                    tanggal_jatuh=jadwal[jenis],
                    kunci=kunci_baru(),
                )
                for r, pegawai_id in responden
            )
    sebelum = UndanganSurvei.objects.count()
    UndanganSurvei.objects.bulk_create(baru, ignore_conflicts=True, batch_size=500)
    return UndanganSurvei.objects.count() - sebelum


def _kirim_email_undangan(undangan: UndanganSurvei, *, pengingat: bool) -> None:
    from .tautan import url_undangan

    pegawai = undangan.responden_pegawai
    nama_pelatihan = undangan.peserta.sesi.pelatihan.nama
    awalan = "Pengingat: " if pengingat else ""
    send_mail(
        subject=f"{awalan}Survei {undangan.get_jenis_display().split(' (')[0].lower()} "
        f"pelatihan {nama_pelatihan}",
        message=render_to_string(
            "pelatihan/email_undangan_survei.txt",
            {"undangan": undangan, "url": url_undangan(undangan), "pengingat": pengingat},
        ),
        from_email=None,
        recipient_list=[_email_pegawai(pegawai)],
    )


def _kirim_terklaim(qs, *, kolom: str, pengingat: bool, sekarang) -> int:
    """Send one email per row this run manages to claim (`kolom` from NULL to now)."""
    terkirim = 0
    for undangan in qs.with_relasi().select_related("responden_pegawai__user"):
        if not _email_pegawai(undangan.responden_pegawai):
            continue
        if not UndanganSurvei.objects.filter(pk=undangan.pk, **{f"{kolom}__isnull": True}).update(
            **{kolom: sekarang}
        ):
            continue
        try:
            _kirim_email_undangan(undangan, pengingat=pengingat)
        except Exception:
            UndanganSurvei.objects.filter(pk=undangan.pk).update(**{kolom: None})
            raise
        terkirim += 1
    return terkirim


def undangan_email_kirim(*, pada: date) -> int:
    """Email the invitations created but not yet sent (one-time link inside)."""
    qs = UndanganSurvei.objects.filter(
        email_terkirim__isnull=True, dijawab__isnull=True, tanggal_jatuh__lte=pada
    )
    return _kirim_terklaim(qs, kolom="email_terkirim", pengingat=False, sekarang=timezone.now())


def undangan_pengingat_kirim(*, pada: date) -> int:
    """One reminder for invitations still unanswered N days after the email."""
    sekarang = timezone.now()
    batas = sekarang - timedelta(days=pengaturan.pengingat_survei_hari())
    qs = UndanganSurvei.objects.filter(
        email_terkirim__lte=batas, pengingat_terkirim__isnull=True, dijawab__isnull=True
    )
    return _kirim_terklaim(qs, kolom="pengingat_terkirim", pengingat=True, sekarang=sekarang)


def survei_harian_jalankan(*, pada: date) -> HasilJobSurvei:
    """The daily survey job (beat and `kirim_survei_pelatihan`): create what is due, then
    send the new invitations and the reminders. Safe to run twice."""
    baru = undangan_survei_buat(pada=pada)
    return HasilJobSurvei(
        tanggal=pada.isoformat(),
        undangan_baru=baru,
        email_undangan=undangan_email_kirim(pada=pada),
        email_pengingat=undangan_pengingat_kirim(pada=pada),
    )


def _skala(nilai: Any) -> int | None:
    """A 1–5 score from JSON or a form (int or digit string); None when it is not one."""
    if isinstance(nilai, bool):
        return None
    if isinstance(nilai, str) and nilai.strip().isdigit():
        nilai = int(nilai.strip())
    if isinstance(nilai, int) and 1 <= nilai <= 5:
        return nilai
    return None


def _kunci_pertanyaan(pertanyaan: PertanyaanSurvei) -> str:
    return f"pertanyaan_{pertanyaan.pk}"


@transaction.atomic
def survei_jawab(*, undangan: UndanganSurvei, jawaban: Mapping[int, Any]) -> UndanganSurvei:
    """Answer an invitation once. `jawaban` maps question id → score (1–5) or text.

    Errors are keyed `pertanyaan_<id>` and name the question. An application survey scoring
    a competency under the threshold raises a follow-up training need (AKPK).
    """
    undangan = UndanganSurvei.objects.select_for_update().get(pk=undangan.pk)
    if undangan.dijawab is not None:
        raise ValidationError("Survei ini sudah dijawab. Setiap undangan hanya dapat diisi sekali.")
    pertanyaan = list(PertanyaanSurvei.objects.filter(template_id=undangan.template_id))
    dikenal = {p.pk for p in pertanyaan}
    errors: dict[str, list[str]] = {}
    asing = [str(k) for k in jawaban if k not in dikenal]
    if asing:
        errors["jawaban"] = [f"Pertanyaan {', '.join(asing)} bukan bagian dari survei ini."]
    baris: list[JawabanSurvei] = []
    for nomor, p in enumerate(pertanyaan, start=1):
        nilai = jawaban.get(p.pk)
        label = f"Pertanyaan {nomor} (“{p.teks}”)"
        if nilai in (None, ""):
            if p.wajib:
                errors[_kunci_pertanyaan(p)] = [f"{label} wajib dijawab."]
            continue
        if p.tipe == TipePertanyaan.SKALA:
            angka = _skala(nilai)
            if angka is None:
                errors[_kunci_pertanyaan(p)] = [f"{label} harus diisi angka 1 sampai 5."]
                continue
            baris.append(JawabanSurvei(undangan=undangan, pertanyaan=p, nilai=angka))
        else:
            teks = str(nilai).strip()
            if len(teks) > 2000:
                errors[_kunci_pertanyaan(p)] = [f"{label} paling banyak 2000 karakter."]
                continue
            if teks:
                baris.append(JawabanSurvei(undangan=undangan, pertanyaan=p, teks=teks))
    if errors:
        raise ValidationError(errors)
    JawabanSurvei.objects.bulk_create(baris)
    undangan.dijawab = timezone.now()
    undangan.kunci = kunci_baru()  # the emailed link stops working
    undangan.save(update_fields=["dijawab", "kunci"])
    if undangan.jenis == JenisSurvei.APLIKASI:
        _tindak_lanjut_naikkan(undangan, pertanyaan, baris)
    return undangan


def _tindak_lanjut_naikkan(
    undangan: UndanganSurvei, pertanyaan: list[PertanyaanSurvei], baris: list[JawabanSurvei]
) -> int:
    ambang = pengaturan.ambang_penerapan()
    peserta = Peserta.objects.select_related("sesi__pelatihan").get(pk=undangan.peserta_id)
    kompetensi_program = list(
        peserta.sesi.pelatihan.kompetensi_dikembangkan.values_list("kompetensi_id", flat=True)
    )
    rendah: dict[int, int] = {}
    for j in baris:
        p = j.pertanyaan
        if p.ukur_penerapan and j.nilai is not None and rules.tidak_diterapkan(j.nilai, ambang):
            for k in [p.kompetensi_id] if p.kompetensi_id else kompetensi_program:
                rendah[k] = min(j.nilai, rendah.get(k, 5))
    if not rendah:
        return 0
    oleh = undangan.get_responden_display().lower()
    hari_ini = waktu.hari_ini()
    KebutuhanPelatihan.objects.bulk_create(
        [
            KebutuhanPelatihan(
                pegawai_id=peserta.pegawai_id,
                kompetensi_id=k,
                sumber=SumberKebutuhan.SURVEI_PENERAPAN,
                peserta=peserta,
                tahun=hari_ini.year,
                status=StatusKebutuhan.TERBUKA,
                keterangan=(
                    f"Survei penerapan {peserta.sesi.pelatihan.nama} ({peserta.sesi.kode}): "
                    f"nilai {nilai} dari {oleh}, di bawah ambang {ambang}."
                ),
            )
            for k, nilai in rendah.items()
        ],
        ignore_conflicts=True,
    )
    return len(rendah)


# --- AKPK: the precomputed gap counts ---------------------------------------------------------


@transaction.atomic
def rekap_akpk_hitung() -> int:
    """Recompute `RekapAkpkUnit` (the gap counts per unit kerja and competency over every
    active employee) and stamp the time: the nightly beat job and `hitung_rekap_akpk`. One
    statement over the province (seconds at 100,000 employees), replaced in one transaction
    so the page reads either the old table or the new one. Returns the rows written."""
    from .models import RekapAkpkUnit, StempelRekapAkpk
    from .selectors import kesenjangan_per_unit_kompetensi

    mulai = timezone.now()
    baris = [
        RekapAkpkUnit(
            unit_kerja_id=u, kompetensi_id=k, pegawai_kesenjangan=g, belum_diases=b,
            jumlah_selisih=s,
        )  # fmt: skip
        for u, k, g, b, s in kesenjangan_per_unit_kompetensi()
    ]
    RekapAkpkUnit.objects.all().delete()
    RekapAkpkUnit.objects.bulk_create(baris, batch_size=5000)
    StempelRekapAkpk.objects.all().delete()
    StempelRekapAkpk.objects.create(
        dihitung=mulai, durasi_detik=(timezone.now() - mulai).total_seconds()
    )
    return len(baris)


# --- JP per year: the totals the database keeps -----------------------------------------------


@transaction.atomic
def jp_tahunan_hitung_ulang() -> int:
    """Rebuild `JpTahunan` from the ledger in one grouped pass. The ledger's triggers keep
    it on every write; this is for what triggers do not see (a TRUNCATE, a restore of one
    table). Writers of the ledger wait while it runs (SHARE lock on PostgreSQL), so no
    write falls between the read and the replace. Returns the rows written."""
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute(f"LOCK TABLE {CatatanJP._meta.db_table} IN SHARE MODE")
    baris = [
        JpTahunan(pegawai_id=r["pegawai_id"], tahun=r["tahun"], jp=r["s"])
        for r in CatatanJP.objects.annotate(tahun=ExtractYear("tanggal"))
        .order_by()
        .values("pegawai_id", "tahun")
        .annotate(s=Sum("jp"))
    ]
    JpTahunan.objects.all().delete()
    JpTahunan.objects.bulk_create(baris, batch_size=5000)
    return len(baris)
