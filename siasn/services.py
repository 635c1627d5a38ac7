"""Writes of the SIASN integration: queue (outbox), deliver, reconcile, decide.

- `kiriman_antre` is called inside the transaction that saves the local record (through the
  signal receivers), so the outbox row exists exactly when the record does. It never calls
  BKN: SIASN being down never blocks a user's save.
- `kiriman_kirim` delivers one row: it claims the row with one conditional UPDATE (only one
  worker wins a key), sends, and records BKN's id and answer. A row claimed before and not
  recorded (a crash, a timeout) first looks in BKN's history for the record, so a key is
  never sent twice.
- `cocokkan` compares golongan, jabatan, unit and education with SIASN and keeps the
  differences for HR; `selisih_terima` updates the employee through `pegawai_simpan` (with
  history), `selisih_perbaiki_bkn` keeps ours. Nothing is overwritten without a decision.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone

from pegawai.akses import AnyUser, pegawai_dikelola
from pegawai.models import Pegawai, RiwayatPangkat, UnitKerja
from pegawai.services import pegawai_simpan

from . import muatan as muatan_mod
from . import pengaturan, rules
from .klien import KlienSiasn, SiasnDitolak, SiasnError, SiasnSementara
from .models import (
    STATUS_SELISIH_AKTIF,
    JenisKiriman,
    Kiriman,
    Operasi,
    Selisih,
    StatusKiriman,
    StatusSelisih,
)

logger = logging.getLogger(__name__)

PESAN_BELUM_DIKONFIGURASI = "Sinkronisasi SIASN belum dikonfigurasi."


def klien_baru() -> KlienSiasn:
    konf = pengaturan.konfigurasi()
    if konf is None:
        raise SiasnSementara(PESAN_BELUM_DIKONFIGURASI)
    return KlienSiasn(konf)


# --- Outbox ---------------------------------------------------------------------------------


def _jadwalkan(kiriman_id: int) -> None:
    """Deliver after the current transaction commits; a broker outage is logged, never
    raised into the user's request (the periodic sweep delivers it later)."""
    from .tasks import siasn_kirim_kiriman

    def kirim() -> None:
        try:
            siasn_kirim_kiriman.delay(kiriman_id)
        except Exception:  # noqa: BLE001 - broker down; the periodic sweep catches up
            logger.exception("Gagal mengantrikan kiriman SIASN %s", kiriman_id)

    transaction.on_commit(kirim)


@transaction.atomic
def kiriman_antre(
    *,
    jenis: str,
    sumber: str,
    pegawai: Pegawai,
    uraian: str,
    muatan: dict[str, Any] | None = None,
    operasi: str = Operasi.SIMPAN,
) -> Kiriman | None:
    """Queue one version of a local record for SIASN (or its withdrawal, `operasi=HAPUS`).

    The same content announced again adds nothing; changed content is a new version whose
    key is `<sumber>:v<versi>`. A version not sent yet is superseded (never sent). With
    SIASN not configured nothing is queued.
    """
    if not pengaturan.aktif():
        return None
    muatan = muatan or {}
    riwayat = list(Kiriman.objects.select_for_update().filter(sumber=sumber).order_by("-versi"))
    terakhir = riwayat[0] if riwayat else None
    if operasi == Operasi.HAPUS:
        if terakhir is None or terakhir.operasi == Operasi.HAPUS:
            return terakhir  # never queued, or already withdrawn
        jenis = terakhir.jenis
    elif (
        terakhir is not None
        and terakhir.operasi == operasi
        and terakhir.jenis == jenis
        and terakhir.muatan == muatan
    ):
        return terakhir
    Kiriman.objects.filter(sumber=sumber, status=StatusKiriman.MENUNGGU).update(
        status=StatusKiriman.DIGANTI, pesan="Diganti versi yang lebih baru sebelum terkirim."
    )
    versi = (terakhir.versi if terakhir else 0) + 1
    kiriman = Kiriman(
        kunci=f"{sumber}:v{versi}",
        jenis=jenis,
        operasi=operasi,
        sumber=sumber,
        versi=versi,
        pegawai=pegawai,
        nip=pegawai.nip,
        uraian=uraian[:300],
        muatan=muatan,
    )
    kiriman.full_clean()
    kiriman.save()
    _jadwalkan(kiriman.pk)
    return kiriman


def angka_kredit_antre(*, pegawai: Pegawai, sumber: str, uraian: str, **nilai: Any):
    """For the angka kredit app: queue an angka kredit once it is set (call it inside the
    transaction that saves it; `nilai` as `muatan.angka_kredit` takes them)."""
    return kiriman_antre(
        jenis=JenisKiriman.ANGKA_KREDIT,
        sumber=sumber,
        pegawai=pegawai,
        uraian=uraian,
        muatan=muatan_mod.angka_kredit(**nilai),
    )


@dataclass
class HasilKirim:
    status: str  # the row's status afterwards, or "LEWAT" when it was not ours to send
    pesan: str = ""
    jeda: int = 0  # seconds before the next attempt, when it waits


def _klaim(kiriman_id: int, sekarang: datetime, *, abaikan_jadwal: bool) -> bool:
    """One conditional UPDATE: the row is ours only if it is due and nobody holds it (or
    whoever held it has been silent too long). Two workers can never both win."""
    basi = sekarang - timedelta(seconds=rules.KLAIM_BASI_DETIK)
    siap = Q(status=StatusKiriman.MENUNGGU)
    if not abaikan_jadwal:
        siap &= Q(kirim_setelah__lte=sekarang)
    siap |= Q(status=StatusKiriman.DIKIRIM, diklaim_pada__lt=basi)
    return bool(
        Kiriman.objects.filter(pk=kiriman_id)
        .filter(siap)
        .update(status=StatusKiriman.DIKIRIM, diklaim_pada=sekarang, percobaan=F("percobaan") + 1)
    )


def _pns_id(klien: KlienSiasn, nip: str) -> str:
    data = klien.data_utama(nip)
    pns_id = str((data or {}).get("id") or "")
    if not pns_id:
        raise SiasnDitolak(f"NIP {nip} tidak ditemukan di SIASN.")
    return pns_id


def _terkirim_sebelumnya(kiriman: Kiriman) -> Kiriman | None:
    """The latest older version BKN holds (delivered, not withdrawn since)."""
    return (
        Kiriman.objects.filter(
            sumber=kiriman.sumber,
            versi__lt=kiriman.versi,
            status=StatusKiriman.TERKIRIM,
            operasi=Operasi.SIMPAN,
            bkn_dihapus_pada__isnull=True,
        )
        .exclude(bkn_id="")
        .order_by("-versi")
        .first()
    )


def _tarik(klien: KlienSiasn, lama: Kiriman) -> Any:
    spes = muatan_mod.SPESIFIKASI[lama.jenis]
    if spes.hapus is None:
        return None
    jawaban = klien.hapus(f"{spes.hapus}/{lama.bkn_id}")
    # Recorded at once (own statement): a later failure must not delete it twice.
    Kiriman.objects.filter(pk=lama.pk).update(bkn_dihapus_pada=timezone.now())
    return jawaban


def _kirim(klien: KlienSiasn, kiriman: Kiriman) -> tuple[str, Any]:
    """The HTTP part of one delivery; (BKN id, BKN's answer)."""
    lama = _terkirim_sebelumnya(kiriman)
    if kiriman.operasi == Operasi.HAPUS:
        if lama is None:
            return "", {"pesan": "Tidak ada data di SIASN yang perlu ditarik."}
        if muatan_mod.SPESIFIKASI[lama.jenis].hapus is None:
            raise SiasnDitolak(
                f"SIASN tidak menyediakan penghapusan {lama.get_jenis_display()}; "
                "tarik datanya lewat aplikasi SIASN."
            )
        return "", _tarik(klien, lama)
    spes = muatan_mod.SPESIFIKASI[kiriman.jenis]
    pns_id = _pns_id(klien, kiriman.nip)
    bkn_id_lama = ""
    if lama is not None:
        if muatan_mod.SPESIFIKASI[lama.jenis].hapus is not None:
            _tarik(klien, lama)  # correction: withdraw the old record, then save the new
        else:
            bkn_id_lama = lama.bkn_id  # SKP: BKN updates the record with this id in place
    dikirim = muatan_mod.lengkapi(
        kiriman.jenis, kiriman.muatan, pns_id=pns_id, bkn_id_lama=bkn_id_lama
    )
    if kiriman.percobaan > 1:
        # Claimed before without an answer recorded (crash, timeout): BKN may already have
        # it. Look before sending again.
        for entri in klien.riwayat(spes.riwayat, kiriman.nip):
            if muatan_mod.sama_dengan(kiriman.jenis, kiriman.muatan, entri):
                return str(entri.get("id") or ""), {"ditemukan_di_riwayat": entri}
    return klien.simpan(spes.simpan, dikirim)


def _catat(kiriman_id: int, **kolom: Any) -> None:
    Kiriman.objects.filter(pk=kiriman_id, status=StatusKiriman.DIKIRIM).update(**kolom)


def kiriman_kirim(
    *,
    kiriman_id: int,
    klien: KlienSiasn | None = None,
    sekarang: datetime | None = None,
    abaikan_jadwal: bool = False,
) -> HasilKirim:
    """Deliver one outbox row (see the module docstring). Never raises for BKN's trouble:
    transient errors put the row back with a growing wait, refusals are kept with BKN's
    message for HR."""
    sekarang = sekarang or timezone.now()
    if not _klaim(kiriman_id, sekarang, abaikan_jadwal=abaikan_jadwal):
        return HasilKirim("LEWAT")
    kiriman = Kiriman.objects.select_related("pegawai").get(pk=kiriman_id)
    menunggu_versi_lama = Kiriman.objects.filter(
        sumber=kiriman.sumber, versi__lt=kiriman.versi, status=StatusKiriman.DIKIRIM
    ).exists()
    if menunggu_versi_lama:
        _catat(
            kiriman_id,
            status=StatusKiriman.MENUNGGU,
            percobaan=F("percobaan") - 1,
            kirim_setelah=sekarang + timedelta(seconds=rules.JEDA_AWAL_DETIK),
        )
        return HasilKirim(StatusKiriman.MENUNGGU, "Versi sebelumnya masih dikirim.")
    try:
        klien = klien or klien_baru()
        bkn_id, jawaban = _kirim(klien, kiriman)
    except SiasnDitolak as exc:
        _catat(
            kiriman_id,
            status=StatusKiriman.DITOLAK,
            pesan=exc.pesan,
            jawaban=exc.jawaban,
            diklaim_pada=None,
        )
        return HasilKirim(StatusKiriman.DITOLAK, exc.pesan)
    except SiasnError as exc:
        jeda = rules.jeda_percobaan(kiriman.percobaan)
        _catat(
            kiriman_id,
            status=StatusKiriman.MENUNGGU,
            pesan=exc.pesan,
            kirim_setelah=timezone.now() + timedelta(seconds=jeda),
            diklaim_pada=None,
        )
        return HasilKirim(StatusKiriman.MENUNGGU, exc.pesan, jeda)
    _catat(
        kiriman_id,
        status=StatusKiriman.TERKIRIM,
        bkn_id=bkn_id or "",
        jawaban=jawaban,
        pesan="",
        terkirim_pada=timezone.now(),
        diklaim_pada=None,
    )
    return HasilKirim(StatusKiriman.TERKIRIM)


@dataclass
class HasilAntrean:
    terkirim: int = 0
    ditolak: int = 0
    menunggu: int = 0
    pesan_ditolak: list[str] = field(default_factory=list)


def kiriman_kirim_semua(
    *, abaikan_jadwal: bool = False, klien: KlienSiasn | None = None, batas: int = 500
) -> HasilAntrean:
    """Deliver every due row, oldest first (the periodic sweep and `siasn_kirim`). One
    client for the run, so tokens are fetched once. Once BKN is unreachable the rest of
    the run is skipped (the rows wait; nothing is lost)."""
    hasil = HasilAntrean()
    if not pengaturan.aktif():
        return hasil
    sekarang = timezone.now()
    basi = sekarang - timedelta(seconds=rules.KLAIM_BASI_DETIK)
    siap = Q(status=StatusKiriman.MENUNGGU)
    if not abaikan_jadwal:
        siap &= Q(kirim_setelah__lte=sekarang)
    siap |= Q(status=StatusKiriman.DIKIRIM, diklaim_pada__lt=basi)
    ids = list(Kiriman.objects.filter(siap).order_by("id").values_list("id", flat=True)[:batas])
    klien = klien or klien_baru()
    for i, kiriman_id in enumerate(ids):
        h = kiriman_kirim(kiriman_id=kiriman_id, klien=klien, abaikan_jadwal=abaikan_jadwal)
        if h.status == StatusKiriman.TERKIRIM:
            hasil.terkirim += 1
        elif h.status == StatusKiriman.DITOLAK:
            hasil.ditolak += 1
            hasil.pesan_ditolak.append(f"{kiriman_id}: {h.pesan}")
        elif h.status == StatusKiriman.MENUNGGU:
            hasil.menunggu += 1
            if h.jeda:  # BKN unreachable: the others would only wait for timeouts
                hasil.menunggu += len(ids) - i - 1
                break
    return hasil


def kiriman_dalam_lingkup(user: AnyUser):
    return Kiriman.objects.filter(pegawai__in=pegawai_dikelola(user))


@transaction.atomic
def kiriman_kirim_ulang(*, kiriman: Kiriman, oleh: AnyUser) -> Kiriman:
    """HR asks to send a refused (or waiting) row again now, e.g. after fixing the data at
    BKN. The same key: BKN stored nothing for a refused row."""
    kiriman = (
        kiriman_dalam_lingkup(oleh).select_for_update(of=("self",)).filter(pk=kiriman.pk).first()
    )
    if kiriman is None:
        raise Http404
    if kiriman.status not in (StatusKiriman.DITOLAK, StatusKiriman.MENUNGGU):
        raise ValidationError(
            {"status": "Hanya kiriman yang ditolak atau menunggu yang dapat dikirim ulang."}
        )
    kiriman.status = StatusKiriman.MENUNGGU
    kiriman.kirim_setelah = timezone.now()
    kiriman.save(update_fields=["status", "kirim_setelah", "diubah"])
    _jadwalkan(kiriman.pk)
    return kiriman


# --- Reconciliation ---------------------------------------------------------------------------


def nilai_lokal(p: Pegawai) -> dict[str, str]:
    return {
        rules.GOLONGAN: p.golongan,
        rules.JABATAN: p.nama_jabatan,
        rules.UNIT: p.unit_kerja.nama,
        rules.PENDIDIKAN: p.pendidikan_jenjang,
    }


@dataclass
class HasilCocok:
    diperiksa: int = 0
    selisih_baru: list[Selisih] = field(default_factory=list)
    selisih_tetap: int = 0
    selesai: int = 0
    gagal: list[str] = field(default_factory=list)


@transaction.atomic
def _cocokkan_satu(p: Pegawai, data: dict, hasil: HasilCocok, sekarang: datetime) -> None:
    siasn = rules.ringkas_data_utama(data)
    beda = rules.selisih(nilai_lokal(p), siasn)
    aktif = {s.unsur: s for s in Selisih.objects.select_for_update().filter(
        pegawai=p, status__in=STATUS_SELISIH_AKTIF
    )}  # fmt: skip
    for unsur, s in aktif.items():
        if unsur not in beda:
            s.status, s.dicek_pada = StatusSelisih.SELESAI, sekarang
            s.save(update_fields=["status", "dicek_pada"])
            hasil.selesai += 1
    for unsur, (lokal, dari_siasn) in beda.items():
        data_siasn = {"tmtGolAkhir": data.get("tmtGolAkhir", "")} if unsur == rules.GOLONGAN else {}
        if unsur == rules.PENDIDIKAN:
            data_siasn = {"tkPendidikanTerakhir": data.get("tkPendidikanTerakhir", "")}
        s = aktif.get(unsur)
        if s is not None and s.nilai_siasn == dari_siasn:
            s.nilai_lokal, s.dicek_pada = lokal, sekarang
            s.save(update_fields=["nilai_lokal", "dicek_pada"])
            hasil.selisih_tetap += 1
            continue
        if s is not None:  # BKN's value changed since: a new question for HR
            s.status, s.dicek_pada = StatusSelisih.SELESAI, sekarang
            s.save(update_fields=["status", "dicek_pada"])
        baru = Selisih.objects.create(
            pegawai=p,
            unsur=unsur,
            nilai_lokal=lokal,
            nilai_siasn=dari_siasn,
            data_siasn=data_siasn,
            ditemukan_pada=sekarang,
            dicek_pada=sekarang,
        )
        hasil.selisih_baru.append(baru)


def cocokkan(
    *, unit: UnitKerja | None = None, klien: KlienSiasn | None = None, nip: Iterable[str] = ()
) -> HasilCocok:
    """Compare the active employees (of `unit` and its sub-units, or all) with SIASN's
    data-utama and keep the differences. An employee BKN cannot answer for is listed in
    `gagal` and compared again next run."""
    hasil = HasilCocok()
    klien = klien or klien_baru()
    qs = Pegawai.objects.aktif().select_related("unit_kerja").order_by("nip")
    if unit is not None:
        qs = qs.filter(unit_kerja__path__startswith=unit.path)
    nip = list(nip)
    if nip:
        qs = qs.filter(nip__in=nip)
    for p in qs.iterator(chunk_size=200):
        hasil.diperiksa += 1
        try:
            data = klien.data_utama(p.nip)
        except SiasnSementara as exc:
            hasil.gagal.append(f"{p.nip}: {exc.pesan}")
            if exc.status is None or exc.status >= 500:
                # BKN unreachable: stop here rather than wait out a timeout per employee.
                hasil.gagal.append("Pencocokan dihentikan; dicoba lagi pada jadwal berikutnya.")
                break
            continue
        except SiasnDitolak as exc:
            hasil.gagal.append(f"{p.nip}: {exc.pesan}")
            continue
        if not data:
            hasil.gagal.append(f"{p.nip}: tidak ditemukan di SIASN.")
            continue
        _cocokkan_satu(p, data, hasil, timezone.now())
    return hasil


def selisih_dalam_lingkup(user: AnyUser):
    return Selisih.objects.filter(pegawai__in=pegawai_dikelola(user))


def _selisih_milik(selisih: Selisih, oleh: AnyUser) -> Selisih:
    s = (
        selisih_dalam_lingkup(oleh)
        .select_for_update(of=("self",))
        .select_related("pegawai", "pegawai__unit_kerja", "pegawai__user")
        .filter(pk=selisih.pk)
        .first()
    )
    if s is None:
        raise Http404
    if s.status not in STATUS_SELISIH_AKTIF:
        raise ValidationError({"status": "Selisih ini sudah diputuskan."})
    return s


def _data_pegawai(s: Selisih) -> dict[str, Any]:
    if s.unsur == rules.GOLONGAN:
        data: dict[str, Any] = {"golongan": s.nilai_siasn}
        tmt = rules.tanggal_dari_bkn(str(s.data_siasn.get("tmtGolAkhir", "")))
        if tmt:
            data["tmt_golongan"] = tmt
        return data
    if s.unsur == rules.JABATAN:
        return {"nama_jabatan": s.nilai_siasn}
    if s.unsur == rules.PENDIDIKAN:
        return {"pendidikan_jenjang": s.nilai_siasn}
    unit = list(UnitKerja.objects.filter(nama__iexact=s.nilai_siasn)[:2])
    if len(unit) != 1:
        raise ValidationError(
            {
                "unit_kerja": f"Unit \u201c{s.nilai_siasn}\u201d dari SIASN tidak ada (atau tidak "
                "tunggal) di daftar unit kerja. Tambahkan unitnya atau pilih Perbaiki di BKN."
            }
        )
    return {"unit_kerja": unit[0]}


@transaction.atomic
def selisih_terima(*, selisih: Selisih, oleh: AnyUser) -> Selisih:
    """Take BKN's value: the employee is updated through `pegawai_simpan` (validated, with
    history naming SIASN and the HR officer); a golongan also gets its riwayat pangkat."""
    s = _selisih_milik(selisih, oleh)
    data = _data_pegawai(s)
    pegawai = s.pegawai
    pegawai._change_reason = f"Diselaraskan dengan SIASN BKN ({rules.UNSUR[s.unsur].lower()})"
    if isinstance(oleh, User):
        pegawai._history_user = oleh
    pegawai_simpan(pegawai=pegawai, data=data)
    if s.unsur == rules.GOLONGAN and data.get("tmt_golongan"):
        riwayat = RiwayatPangkat.objects.filter(pegawai=pegawai, golongan=pegawai.golongan).first()
        riwayat = riwayat or RiwayatPangkat(pegawai=pegawai, golongan=pegawai.golongan)
        riwayat.tmt = data["tmt_golongan"]
        riwayat.full_clean()
        riwayat.save()
    s.status = StatusSelisih.DITERIMA
    s.diputuskan_oleh = oleh if isinstance(oleh, User) else None
    s.diputuskan_pada = timezone.now()
    s.save(update_fields=["status", "diputuskan_oleh", "diputuskan_pada"])
    return s


@transaction.atomic
def selisih_perbaiki_bkn(*, selisih: Selisih, oleh: AnyUser) -> Selisih:
    """Keep our value; the record is to be fixed at BKN. It leaves HR's to-do list and
    closes by itself once reconciliation finds both sides equal."""
    s = _selisih_milik(selisih, oleh)
    s.status = StatusSelisih.PERBAIKI_BKN
    s.diputuskan_oleh = oleh if isinstance(oleh, User) else None
    s.diputuskan_pada = timezone.now()
    s.save(update_fields=["status", "diputuskan_oleh", "diputuskan_pada"])
    return s
