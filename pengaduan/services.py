"""Writes of public feedback. Keyword-only, atomic, `full_clean()` before save; problems are
raised as Django `ValidationError` keyed by the field the user has to fix.

Text is stored exactly as given; templates and the API escape it on output.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from inti import antrean
from pegawai.akses import pegawai_terlihat, unit_dikelola
from pegawai.models import GRUP_ADMIN_BKD, Pegawai, UnitKerja
from pegawai.rules import normalisasi_nip

from . import pengaturan, rules
from .models import Pengaduan, Status, SurveiKepuasan, Tanggapan
from .selectors import batas_hari_kerja, boleh_tangani, libur_antara

logger = logging.getLogger(__name__)

def lampiran_maks() -> int:
    return pengaturan.lampiran_maks()


def _antrekan(tugas: Callable[..., Any], *args: Any) -> None:
    """Queue a Celery task once the transaction commits; a broker outage records it for
    later (`inti.antrean`), never fails the request."""
    antrean.antrekan(tugas, *args)


def _periksa_lampiran(berkas: UploadedFile) -> str:
    """The sniffed type ('jpg', 'png', 'pdf') of an upload, or a ValidationError."""
    maks = lampiran_maks()
    if berkas.size is not None and berkas.size > maks:
        raise ValidationError(
            {"lampiran": f"Lampiran terlalu besar: paling besar {maks // (1024 * 1024)} MB."}
        )
    berkas.seek(0)
    kepala = berkas.read(16)
    berkas.seek(0)
    jenis = rules.jenis_berkas(kepala)
    if jenis is None:
        raise ValidationError(
            {"lampiran": "Lampiran harus berupa gambar JPEG/PNG atau dokumen PDF."}
        )
    return jenis


def _cocokkan_pegawai(disebut: str) -> Pegawai | None:
    """An 18-digit NIP among what the citizen typed names an active employee directly."""
    nip = normalisasi_nip(disebut)
    if len(nip) != 18 or not nip.isdigit():
        return None
    return Pegawai.objects.filter(nip=nip, aktif=True).first()


@transaction.atomic
def pengaduan_ajukan(
    *,
    jenis: str,
    judul: str,
    isi: str,
    unit_kerja: UnitKerja | None = None,
    nama: str = "",
    email: str = "",
    telepon: str = "",
    anonim: bool = False,
    rahasia: bool = False,
    pegawai_disebut: str = "",
    lampiran: UploadedFile | None = None,
    kode: str | None = None,
) -> Pengaduan:
    """A citizen files a complaint; it gets a tracking code and a 3-working-day deadline."""
    pengaduan = Pengaduan(
        jenis=jenis,
        judul=judul,
        isi=isi,
        unit_kerja=unit_kerja,
        # Anonymous: no name and no contact is stored at all (DOMAIN.md §6: hidden from
        # everyone, staff included); the citizen follows the complaint by its code only.
        nama="" if anonim else nama.strip(),
        email="" if anonim else email.strip(),
        telepon="" if anonim else telepon.strip(),
        anonim=anonim,
        rahasia=rahasia,
        pegawai_disebut=pegawai_disebut.strip(),
        pegawai_terkait=_cocokkan_pegawai(pegawai_disebut) if pegawai_disebut else None,
        kode=kode or rules.buat_kode(),
        status=Status.DITERIMA,
    )
    pengaduan.dibuat = timezone.now()
    pengaduan.batas_waktu = batas_hari_kerja(
        timezone.localdate(pengaduan.dibuat), rules.HARI_VERIFIKASI
    )
    if lampiran is not None:
        pengaduan.lampiran_jenis = _periksa_lampiran(lampiran)
        lampiran.name = f"lampiran.{pengaduan.lampiran_jenis}"
    pengaduan.full_clean(exclude=["lampiran", "kode"])
    for _percobaan in range(5):
        # ~49 random bits: a collision is near impossible, but a retry costs nothing.
        if not Pengaduan.objects.filter(kode=pengaduan.kode).exists():
            break
        pengaduan.kode = rules.buat_kode()
    if lampiran is not None:
        pengaduan.lampiran.save(lampiran.name, lampiran, save=False)
    pengaduan.save()
    if pengaduan.email:
        from .tasks import kirim_konfirmasi_pengaduan

        _antrekan(kirim_konfirmasi_pengaduan, pengaduan.pk)
    return pengaduan


@transaction.atomic
def pengaduan_tanggapi(
    *,
    pengaduan: Pengaduan,
    oleh: User,
    isi: str,
    publik: bool = True,
    status_baru: str | None = None,
    unit_kerja: UnitKerja | None = None,
    nip_pegawai: str | None = None,
    bukan_wewenang: bool = False,
) -> Tanggapan:
    """Staff respond to a complaint, optionally moving it along the flow.

    DITERIMA → DIVERIFIKASI (routed to a unit; follow-up due in 5 working days) →
    DITINDAKLANJUTI (a public follow-up) → SELESAI; DITERIMA/DIVERIFIKASI → DITOLAK with a
    public reason. A response without a status change (public or an internal note) is always
    allowed.
    """
    pengaduan = Pengaduan.objects.select_for_update().get(pk=pengaduan.pk)
    if not boleh_tangani(oleh, pengaduan):
        raise ValidationError("Anda tidak berwenang menangani pengaduan ini.")
    errors: dict[str, list[str]] = {}
    if not isi or not isi.strip():
        errors.setdefault("isi", []).append("Isi tanggapan wajib diisi.")
    sebelum = pengaduan.status
    sekarang = timezone.now()
    if status_baru and status_baru != sebelum:
        if status_baru not in Status.values or not rules.boleh_pindah(sebelum, status_baru):
            label = dict(Status.choices)
            errors.setdefault("status", []).append(
                f"Status tidak dapat diubah dari {label[sebelum]} menjadi "
                f"{label.get(status_baru, status_baru)}."
            )
        elif status_baru in (Status.DITINDAKLANJUTI, Status.DITOLAK, Status.SELESAI) and not publik:
            errors.setdefault("publik", []).append(
                "Tindak lanjut, penyelesaian dan alasan penolakan harus dapat dibaca pelapor: "
                "centang 'Tampilkan kepada pelapor'."
            )
    else:
        status_baru = None
    if status_baru == Status.DIVERIFIKASI:
        tujuan = unit_kerja or pengaduan.unit_kerja
        if tujuan is None:
            errors.setdefault("unit_kerja", []).append(
                "Pilih unit kerja tujuan disposisi sebelum memverifikasi."
            )
        elif not unit_dikelola(oleh).filter(pk=tujuan.pk).exists():
            errors.setdefault("unit_kerja", []).append("Unit kerja tujuan di luar kewenangan Anda.")
        else:
            pengaduan.unit_kerja = tujuan
    elif unit_kerja is not None and unit_kerja != pengaduan.unit_kerja:
        errors.setdefault("unit_kerja", []).append(
            "Unit kerja hanya dapat diubah saat verifikasi (disposisi)."
        )
    if nip_pegawai:
        pegawai = pegawai_terlihat(oleh).filter(nip=normalisasi_nip(nip_pegawai)).first()
        if pegawai is None:
            errors.setdefault("pegawai", []).append(
                f"Pegawai dengan NIP {nip_pegawai} tidak ditemukan atau di luar kewenangan Anda."
            )
        else:
            pengaduan.pegawai_terkait = pegawai
    if errors:
        raise ValidationError(errors)

    if status_baru == Status.DIVERIFIKASI:
        pengaduan.diverifikasi_pada = sekarang
        pengaduan.batas_waktu = batas_hari_kerja(
            timezone.localdate(sekarang), rules.HARI_TINDAK_LANJUT
        )
    elif status_baru == Status.DITINDAKLANJUTI:
        pengaduan.ditindaklanjuti_pada = sekarang
        pengaduan.batas_waktu = None
    elif status_baru in (Status.SELESAI, Status.DITOLAK):
        pengaduan.ditutup_pada = sekarang
        pengaduan.batas_waktu = None
        pengaduan.bukan_wewenang = status_baru == Status.DITOLAK and bukan_wewenang
    if status_baru:
        pengaduan.status = status_baru
    pengaduan.full_clean()
    pengaduan.save()
    tanggapan = Tanggapan(
        pengaduan=pengaduan,
        isi=isi,
        publik=publik,
        oleh=oleh,
        status_sebelum=sebelum if status_baru else "",
        status_sesudah=status_baru or "",
        dibuat=sekarang,
    )
    tanggapan.full_clean()
    tanggapan.save()
    if publik and pengaduan.email:
        from .tasks import kirim_notifikasi_tanggapan

        _antrekan(kirim_notifikasi_tanggapan, tanggapan.pk)
    return tanggapan


@transaction.atomic
def pengaduan_nilai(*, pengaduan: Pengaduan, nilai: int) -> Pengaduan:
    """The citizen rates the handling (1–5) once the complaint is closed as SELESAI."""
    pengaduan = Pengaduan.objects.select_for_update().get(pk=pengaduan.pk)
    if not pengaduan.bisa_dinilai:
        raise ValidationError({"nilai": "Penilaian hanya dapat diberikan setelah selesai."})
    if not isinstance(nilai, int) or not 1 <= nilai <= 5:
        raise ValidationError({"nilai": "Penilaian harus 1 sampai 5."})
    pengaduan.penilaian = nilai
    pengaduan.full_clean()
    pengaduan.save(update_fields=["penilaian", "diubah"])
    return pengaduan


@transaction.atomic
def pengaduan_buka_ulang(*, pengaduan: Pengaduan, alasan: str) -> Pengaduan:
    """The citizen reopens a closed complaint once, with a reason; the clock starts again."""
    pengaduan = Pengaduan.objects.select_for_update().get(pk=pengaduan.pk)
    if not alasan or not alasan.strip():
        raise ValidationError({"alasan": "Tuliskan alasan membuka kembali pengaduan."})
    if pengaduan.dibuka_ulang:
        raise ValidationError({"alasan": "Pengaduan ini sudah pernah dibuka kembali."})
    if pengaduan.status not in rules.BUKA_ULANG_KE:
        raise ValidationError(
            {"alasan": "Hanya pengaduan yang sudah ditutup dapat dibuka kembali."}
        )
    sebelum = pengaduan.status
    ke, hari = rules.BUKA_ULANG_KE[sebelum]
    sekarang = timezone.now()
    pengaduan.status = ke
    pengaduan.dibuka_ulang = True
    pengaduan.penilaian = None
    pengaduan.ditutup_pada = None
    pengaduan.bukan_wewenang = False
    pengaduan.batas_waktu = batas_hari_kerja(timezone.localdate(sekarang), hari)
    pengaduan.full_clean()
    pengaduan.save()
    tanggapan = Tanggapan(
        pengaduan=pengaduan,
        isi=alasan,
        publik=True,
        dari_pelapor=True,
        status_sebelum=sebelum,
        status_sesudah=ke,
        dibuat=sekarang,
    )
    try:
        tanggapan.full_clean()
    except ValidationError as exc:
        raise ValidationError({"alasan": exc.message_dict.get("isi", exc.messages)}) from None
    tanggapan.save()
    return pengaduan


@transaction.atomic
def survei_isi(
    *,
    unit_kerja: UnitKerja,
    jawaban: dict[str, int],
    layanan: str = "",
    saran: str = "",
) -> SurveiKepuasan:
    """One respondent's satisfaction survey (nine unsur, each 1–4)."""
    kurang = [kode for kode in rules.KODE_UNSUR if jawaban.get(kode) is None]
    if kurang:
        raise ValidationError(dict.fromkeys(kurang, "Pilih salah satu nilai 1 sampai 4."))
    survei = SurveiKepuasan(
        unit_kerja=unit_kerja,
        layanan=layanan.strip(),
        saran=saran,
        **{kode: jawaban[kode] for kode in rules.KODE_UNSUR},
    )
    survei.full_clean()
    survei.save()
    return survei


# --- Background jobs (called by Celery tasks and management commands) ----------------------


def pengaduan_kirim_konfirmasi(*, pengaduan_id: int) -> bool:
    """Email the tracking code to the reporter, once (a re-delivered task sends nothing)."""
    with transaction.atomic():
        diklaim = Pengaduan.objects.filter(
            pk=pengaduan_id, konfirmasi_terkirim__isnull=True
        ).update(konfirmasi_terkirim=timezone.now())
        if not diklaim:
            return False
        pengaduan = Pengaduan.objects.get(pk=pengaduan_id)
        if not pengaduan.email:
            return False
        konteks = {"pengaduan": pengaduan}
        # Sent inside the transaction: if the mail server fails, the claim rolls back and
        # the task's retry tries again.
        send_mail(
            subject=f"Pengaduan Anda diterima – kode {pengaduan.kode}",
            message=render_to_string("pengaduan/email_konfirmasi.txt", konteks),
            from_email=None,
            recipient_list=[pengaduan.email],
        )
    return True


def tanggapan_kirim_notifikasi(*, tanggapan_id: int) -> bool:
    """Tell the reporter a public response was posted, once (only the code and a link: the
    response itself is read on the tracking page, not in a mailbox)."""
    with transaction.atomic():
        diklaim = Tanggapan.objects.filter(
            pk=tanggapan_id, publik=True, notifikasi_terkirim__isnull=True
        ).update(notifikasi_terkirim=timezone.now())
        if not diklaim:
            return False
        tanggapan = Tanggapan.objects.select_related("pengaduan").get(pk=tanggapan_id)
        pengaduan = tanggapan.pengaduan
        if not pengaduan.email:
            return False
        send_mail(
            subject=f"Tanggapan baru untuk pengaduan {pengaduan.kode}",
            message=render_to_string(
                "pengaduan/email_tanggapan.txt",
                {
                    "pengaduan": pengaduan,
                    "tanggapan": tanggapan,
                    "url_lacak": _url_lacak(pengaduan),
                },
            ),  # fmt: skip
            from_email=None,
            recipient_list=[pengaduan.email],
        )
    return True


def _url_lacak(pengaduan: Pengaduan) -> str:
    base = pengaturan.url_situs()
    return base + reverse("pengaduan:lacak", args=[pengaduan.kode])


def penerima_eskalasi() -> list[str]:
    """Admin BKD accounts with an email address, plus settings.PENGADUAN_EMAIL_ESKALASI."""
    alamat = (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=GRUP_ADMIN_BKD))
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    return sorted(set(alamat) | set(pengaturan.email_eskalasi()))


def pengaduan_eskalasi_terlambat(*, hari_ini: date | None = None) -> int:
    """Email Admin BKD the complaints past their deadline; each missed deadline once.

    Idempotent: the rows are claimed (`dieskalasi_untuk` = the missed deadline) in the same
    transaction as the email, so a re-run or a re-delivered task sends nothing new.
    """
    hari_ini = hari_ini or timezone.localdate()
    with transaction.atomic():
        terlambat = list(
            Pengaduan.objects.terlambat(hari_ini)
            .filter(Q(dieskalasi_untuk__isnull=True) | ~Q(dieskalasi_untuk=F("batas_waktu")))
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("batas_waktu", "pk")
        )
        if not terlambat:
            return 0
        Pengaduan.objects.filter(pk__in=[p.pk for p in terlambat]).update(
            dieskalasi_untuk=F("batas_waktu")
        )
        penerima = penerima_eskalasi()
        unit = {
            u.pk: u.nama
            for u in UnitKerja.objects.filter(pk__in={p.unit_kerja_id for p in terlambat})
        }
        if penerima:
            send_mail(
                subject=f"[ASN HR Lampung] {len(terlambat)} pengaduan melewati batas waktu",
                message=render_to_string(
                    "pengaduan/email_eskalasi.txt",
                    {
                        "daftar": [(p, unit.get(p.unit_kerja_id, "")) for p in terlambat],
                        "hari_ini": hari_ini,
                    },
                ),
                from_email=None,
                recipient_list=penerima,
            )
        else:
            logger.warning("eskalasi pengaduan: tidak ada alamat email Admin BKD")
    return len(terlambat)


def pengaduan_tutup_otomatis(*, hari_ini: date | None = None) -> int:
    """Close the followed-up complaints whose reporter did not answer within 10 working days
    (DOMAIN.md §6). Each gets a public timeline entry saying why; the reporter can still rate
    (and reopen) it. Idempotent: a closed complaint is no longer a candidate, and rows are
    claimed under `select_for_update(skip_locked)` so two runs never close one twice."""
    hari_ini = hari_ini or timezone.localdate()
    # The first closing day is at least 13 calendar days after the follow-up (posted on a
    # Sunday: Monday is working day 1, the Friday after next day 10): older ones only.
    paling_baru = hari_ini - timedelta(days=13)
    balasan = Tanggapan.objects.filter(
        pengaduan=OuterRef("pk"), dari_pelapor=True, dibuat__gt=OuterRef("ditindaklanjuti_pada")
    )
    with transaction.atomic():
        calon = list(
            Pengaduan.objects.filter(
                status=Status.DITINDAKLANJUTI,
                ditindaklanjuti_pada__isnull=False,
                ditindaklanjuti_pada__date__lte=paling_baru,
            )
            .exclude(Exists(balasan))
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("ditindaklanjuti_pada", "pk")
        )
        if not calon:
            return 0
        awal = min(timezone.localdate(p.ditindaklanjuti_pada) for p in calon)
        libur = libur_antara(awal, hari_ini)
        sekarang = timezone.now()
        ditutup = 0
        for p in calon:
            tindak = timezone.localdate(p.ditindaklanjuti_pada)
            if not rules.tutup_otomatis(
                status=p.status, ditindaklanjuti=tindak, ada_balasan=False, hari_ini=hari_ini,
                libur=libur,
            ):  # fmt: skip
                continue
            batas = rules.batas_tanggapan_pelapor(tindak, libur)
            p.status = Status.SELESAI
            p.ditutup_pada = sekarang
            p.batas_waktu = None
            p.save(update_fields=["status", "ditutup_pada", "batas_waktu", "diubah"])
            tanggapan = Tanggapan.objects.create(
                pengaduan=p,
                isi=(
                    f"Pengaduan ditutup otomatis: tindak lanjut disampaikan pada "
                    f"{tindak:%d-%m-%Y} dan pelapor tidak menanggapi dalam "
                    f"{rules.HARI_TANGGAPAN_PELAPOR} hari kerja (sampai {batas:%d-%m-%Y}). "
                    "Pelapor tetap dapat memberi penilaian atau membuka kembali pengaduan."
                ),
                publik=True,
                otomatis=True,
                status_sebelum=Status.DITINDAKLANJUTI,
                status_sesudah=Status.SELESAI,
                dibuat=sekarang,
            )
            if p.email:
                from .tasks import kirim_notifikasi_tanggapan

                _antrekan(kirim_notifikasi_tanggapan, tanggapan.pk)
            ditutup += 1
    return ditutup
