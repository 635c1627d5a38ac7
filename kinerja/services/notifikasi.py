"""Mails of e-kinerja: the daily digest of returned reports and the notice of an appraisal.

Both are queued after the transaction commits (`*_antrekan`) and sent by a thin Celery task
that calls `*_kirim` here. The digest is at most one a day per employee: the task claims the
(pegawai, day) row and sends in the same transaction, so a failed send is retried and a
re-delivered task sends nothing twice.
"""

from __future__ import annotations

import logging
from datetime import date

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from inti import waktu
from pegawai.models import Pegawai

from .. import pengaturan
from ..models import JenisSurel, LaporanHarian, Penilaian, StatusLaporan, SurelTerkirim

logger = logging.getLogger(__name__)


def _alamat(pegawai: Pegawai) -> str:
    if pegawai.email:
        return pegawai.email
    user = pegawai.user
    return user.email if user is not None else ""


def _antrekan(kirim_tugas) -> None:
    def kirim() -> None:
        try:
            kirim_tugas()
        except Exception:  # noqa: BLE001 - the web request must not fail with the broker
            logger.exception("surel kinerja tidak dapat diantrekan")

    transaction.on_commit(kirim)


def surel_laporan_dikembalikan_antrekan(*, pegawai: Pegawai) -> None:
    """Queue today's digest for `pegawai`, sent after a delay so the rest of the hour's
    returns go in the same mail."""
    from ..tasks import kirim_ringkasan_laporan_dikembalikan

    hari = waktu.hari_ini().isoformat()
    _antrekan(
        lambda: kirim_ringkasan_laporan_dikembalikan.apply_async(
            (pegawai.pk, hari), countdown=pengaturan.surel_ringkasan_tunda_detik()
        )
    )


def surel_penilaian_antrekan(*, penilaian: Penilaian) -> None:
    from ..tasks import kirim_surel_penilaian

    _antrekan(lambda: kirim_surel_penilaian.delay(penilaian.pk))


@transaction.atomic
def surel_laporan_dikembalikan_kirim(*, pegawai_id: int, tanggal: date) -> bool:
    """Send the day's digest of returned reports (still returned at send time); False when
    already sent that day, nothing is returned any more, or there is no address."""
    pegawai = Pegawai.objects.select_related("user").filter(pk=pegawai_id).first()
    if pegawai is None or not _alamat(pegawai):
        return False
    laporan = list(
        LaporanHarian.objects.filter(pegawai=pegawai, status=StatusLaporan.DIKEMBALIKAN)
        .select_related("rhk")
        .order_by("tanggal", "jam_mulai", "pk")
    )
    if not laporan:
        return False
    try:
        with transaction.atomic():
            SurelTerkirim.objects.create(
                pegawai=pegawai, jenis=JenisSurel.LAPORAN_DIKEMBALIKAN, tanggal=tanggal
            )
    except IntegrityError:
        return False
    baris = "\n".join(
        f"- {x.tanggal:%d-%m-%Y} {x.jam_mulai:%H:%M}–{x.jam_selesai:%H:%M}: "
        f"{x.uraian[:80]}\n  Catatan atasan: {x.catatan_atasan}"
        for x in laporan
    )
    tautan = pengaturan.situs_url() + reverse("kinerja:hari-saya")
    send_mail(
        f"{len(laporan)} laporan harian dikembalikan atasan",
        f"Yth. {pegawai.nama},\n\nLaporan harian berikut dikembalikan oleh atasan Anda dan "
        f"perlu diperbaiki:\n\n{baris}\n\nPerbaiki di: {tautan}\n",
        None,
        [_alamat(pegawai)],
    )
    return True


def surel_penilaian_kirim(*, penilaian_id: int) -> bool:
    """Tell the employee an appraisal was given (or corrected)."""
    penilaian = (
        Penilaian.objects.select_related("pegawai__user", "penilai").filter(pk=penilaian_id).first()
    )
    if penilaian is None or not _alamat(penilaian.pegawai):
        return False
    tautan = pengaturan.situs_url() + reverse("kinerja:penilaian-detail", args=[penilaian.pk])
    send_mail(
        f"Penilaian kinerja {penilaian.nama_periode}",
        f"Yth. {penilaian.pegawai.nama},\n\n{penilaian.penilai.nama} telah memberikan penilaian "
        f"kinerja periode {penilaian.nama_periode} dengan predikat "
        f"{penilaian.get_predikat_display()}.\n\nLihat dan tanggapi di: {tautan}\n",
        None,
        [_alamat(penilaian.pegawai)],
    )
    return True
