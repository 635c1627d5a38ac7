"""The background employee import (issue 16 item 7, issue 17 goal 2): services.

A file too big for the admin's preview (more than `IMPOR_MAKS_BARIS` rows or
`IMPOR_MAKS_BYTE`) is uploaded on its own page, stored, and imported by a Celery worker:

- `impor_latar_ajukan` checks the hard caps (`IMPOR_LATAR_MAKS_*`) before anything parses the
  file, records an `ImporPegawai` and queues the task through `inti.antrean` (a broker that
  is away leaves the task in the outbox; the page says it will run).
- `impor_latar_jalankan` (the task's body) streams the rows (`inti.xlsx` / csv), runs
  the very same `pegawai.impor.pegawai_import` as the admin — same validation, same scope of
  the uploader, same all-or-nothing write in one transaction — and records progress every
  `IMPOR_LATAR_POTONG` rows read. With bad rows (and without "lewati baris yang salah")
  nothing is written; the refused rows with an "Alasan" column are kept as an xlsx for the
  uploader.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from inti import antrean, batas, ekspor
from inti.tugas import TRANSIEN_DB

from .akses import akses_untuk
from .impor import KOLOM, KOLOM_OPSIONAL, HasilImpor, Kesalahan, baris_berkas, pegawai_import
from .models import ImporPegawai, StatusImpor

logger = logging.getLogger(__name__)

MAKS_KESALAHAN_DISIMPAN = 50
SARAN_LATAR = "Bagi berkas menjadi beberapa bagian, atau minta BKD memakai `import_pegawai`."
TAHAP = {
    "memeriksa": "Memeriksa baris",
    "menyimpan": "Menyimpan ke basis data",
}


def periksa_berkas_latar(berkas: Any) -> int:
    """The hard caps of the background import, checked before parsing; the claimed rows."""
    return batas.periksa_berkas_impor(
        berkas,
        maks_byte=settings.IMPOR_LATAR_MAKS_BYTE,
        maks_baris=settings.IMPOR_LATAR_MAKS_BARIS,
        maks_xml=settings.IMPOR_LATAR_MAKS_XML_BYTE,
        saran=SARAN_LATAR,
    )


def impor_latar_ajukan(*, berkas: Any, lewati_baris_salah: bool, oleh: User) -> ImporPegawai:
    """Store the file, record the job and queue it (after commit; never raises for the
    broker). Admin BKD and Operator OPD only; the scope is the uploader's when it runs."""
    akses = akses_untuk(oleh)
    if not akses.staf_hr:
        raise PermissionDenied("Hanya Admin BKD dan Operator OPD yang dapat mengimpor pegawai.")
    baris = periksa_berkas_latar(berkas)
    impor = ImporPegawai(
        nama_berkas=(getattr(berkas, "name", "") or "berkas")[:255],
        oleh=oleh,
        unit_kerja=None if akses.admin_bkd else akses.unit_operator,
        lewati_baris_salah=lewati_baris_salah,
        baris_total=baris,
    )
    impor.berkas.save(_nama_aman(impor.nama_berkas), berkas, save=False)
    impor.save()
    pk = impor.pk

    def kirim() -> None:
        from .tasks import impor_pegawai_jalankan

        try:
            terkirim = antrean.kirim(impor_pegawai_jalankan.name, [pk])
        except Exception:  # noqa: BLE001 - not even the outbox: the page tells the user
            logger.exception("Impor pegawai %s tidak dapat diantrekan", pk)
            terkirim = False
        if not terkirim:
            ImporPegawai.objects.filter(pk=pk, status=StatusImpor.MENUNGGU).update(
                tertunda=True
            )

    transaction.on_commit(kirim)
    return impor


def _nama_aman(nama: str) -> str:
    akhiran = ".csv" if nama.lower().endswith(".csv") else ".xlsx"
    return f"impor-pegawai{akhiran}"


def impor_latar_jalankan(*, impor_id: int) -> str:
    """Run one background import (the Celery task's body). Idempotent: a finished job is
    left alone; a job found "berjalan" (its worker was killed mid-way; the write is one
    transaction, so nothing of it is in the database) starts again from the top."""
    impor = ImporPegawai.objects.select_related("oleh").filter(pk=impor_id).first()
    if impor is None or impor.berakhir:
        return "dilewati"
    impor.status, impor.mulai, impor.tertunda = StatusImpor.BERJALAN, timezone.now(), False
    impor.baris_diproses, impor.tahap = 0, TAHAP["memeriksa"]
    impor.save(update_fields=["status", "mulai", "tertunda", "baris_diproses", "tahap"])

    def progres(tahap: str, baris: int) -> None:
        ImporPegawai.objects.filter(pk=impor.pk).update(
            baris_diproses=baris, tahap=TAHAP.get(tahap, tahap)
        )

    try:
        with impor.berkas.open("rb") as berkas:
            kesalahan_awal, rows = baris_berkas(
                berkas, impor.berkas.name, maks_xml=settings.IMPOR_LATAR_MAKS_XML_BYTE,
                maks_baris=settings.IMPOR_LATAR_MAKS_BARIS,
            )  # fmt: skip
            dibaca = _Hitung(rows)
            hasil = pegawai_import(
                dibaca,
                oleh=impor.oleh,
                lewati_baris_salah=impor.lewati_baris_salah,
                kesalahan_awal=kesalahan_awal,
                progres=progres,
                potong=settings.IMPOR_LATAR_POTONG,
                rinci=False,  # counts only: nothing kept per row (flat memory)
            )
    except TRANSIEN_DB:
        # The task is retried (inti.tugas): back to waiting, nothing of it was written.
        ImporPegawai.objects.filter(pk=impor.pk).update(
            status=StatusImpor.MENUNGGU, tahap="Menunggu dicoba lagi"
        )
        raise
    except Exception:
        logger.exception("Impor pegawai %s berhenti", impor.pk)
        ImporPegawai.objects.filter(pk=impor.pk).update(
            status=StatusImpor.GAGAL, selesai=timezone.now(), tahap="",
            ringkasan="Impor berhenti karena galat sistem; tidak ada yang disimpan. "
                      "Coba unggah ulang, atau hubungi admin aplikasi bila berulang.",
        )  # fmt: skip
        return "gagal"
    _catat_hasil(impor, hasil, dibaca.jumlah)
    return impor.ringkasan


class _Hitung:
    """Counts the rows an iterator hands out (the real number of data rows read)."""

    def __init__(self, rows: Any) -> None:
        self.rows = rows
        self.jumlah = 0

    def __iter__(self):
        for row in self.rows:
            self.jumlah += 1
            yield row


def _catat_hasil(impor: ImporPegawai, hasil: HasilImpor, dibaca: int) -> None:
    header_salah = any(k.baris == 1 for k in hasil.kesalahan)
    ditulis = not header_salah and (hasil.berhasil or impor.lewati_baris_salah)
    ditolak = len([b for b in hasil.kesalahan_per_baris() if b > 1])
    impor.baris_diproses = impor.baris_total = dibaca
    impor.ditolak_jumlah = ditolak
    impor.kesalahan_awal = [str(k) for k in hasil.kesalahan[:MAKS_KESALAHAN_DISIMPAN]]
    if ditulis:
        impor.status = StatusImpor.SELESAI
        impor.dibuat_jumlah = hasil.jumlah_dibuat
        impor.diubah_jumlah = hasil.jumlah_diubah
        impor.tidak_berubah_jumlah = hasil.jumlah_tidak_berubah
        impor.akun_dibuat = hasil.akun_dibuat
        impor.ringkasan = hasil.ringkasan()
    else:
        impor.status = StatusImpor.GAGAL
        impor.ringkasan = (
            f"Tidak ada yang diimpor: {len(hasil.kesalahan)} kesalahan di {ditolak} baris. "
            "Perbaiki baris yang salah (lihat berkas alasan) lalu unggah ulang, atau unggah "
            "dengan centang \"Lewati baris yang salah\"."
        )
    if hasil.kesalahan:
        isi = ContentFile(_alasan_xlsx(impor, hasil))
        impor.berkas_alasan.save("impor-pegawai-alasan.xlsx", isi, save=False)
    impor.tahap = ""
    impor.selesai = timezone.now()
    impor.save()


KOLOM_BARIS = "Baris"
KOLOM_ALASAN = "Alasan"


def _alasan_xlsx(impor: ImporPegawai, hasil: HasilImpor) -> bytes:
    """The refused rows as uploaded, with their spreadsheet row number and "Alasan".

    Only refused rows (a 200,000-row file with three bad rows gives a three-row file): the
    file is read again, row by row, so the import never kept the raw rows."""
    from .resources import NAMA_SHEET, _sel

    per_baris = hasil.kesalahan_per_baris()
    kolom = [*KOLOM, *KOLOM_OPSIONAL]
    baris_data: list[list[Any]] = []
    umum = per_baris.get(1, [])  # whole-file errors (header)
    if umum:
        baris_data.append([1, *([""] * len(kolom)), _teks_alasan(umum)])
    with impor.berkas.open("rb") as berkas:
        _, rows = baris_berkas(berkas, impor.berkas.name)
        for i, raw in enumerate(rows):
            nomor = i + 2
            if nomor in per_baris:
                baris_data.append(
                    [nomor, *(_sel(raw.get(k), k) for k in kolom), _teks_alasan(per_baris[nomor])]
                )
    data = ekspor.dataset([KOLOM_BARIS, *kolom, KOLOM_ALASAN], baris_data, judul=NAMA_SHEET)
    return ekspor.xlsx_bita(data)


def _teks_alasan(kesalahan: list[Kesalahan]) -> str:
    return "; ".join(f"{k.kolom}: {k.pesan}" if k.kolom else k.pesan for k in kesalahan)
