"""Daily reports (laporan harian): file, correct, approve, return, approve many."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, time
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone

from inti import waktu
from pegawai.models import Pegawai

from .. import pengaturan, rules, selectors
from ..models import (
    IndikatorKinerja,
    LaporanHarian,
    Rhk,
    StatusLaporan,
    StatusSkp,
)
from .notifikasi import surel_laporan_dikembalikan_antrekan
from .umum import TidakBerwenang, atasan_pastikan, pegawai_pelaku

EKSTENSI_BUKTI = (".pdf", ".jpg", ".jpeg", ".png")


def _cek_bukti(bukti: UploadedFile) -> list[str]:
    masalah = []
    maks = pengaturan.bukti_maks_mb()
    if bukti.size > maks * 1024 * 1024:
        ukuran = f"{bukti.size / 1024 / 1024:.1f}".replace(".", ",")
        masalah.append(f"Ukuran bukti dukung paling besar {maks} MB (berkas ini {ukuran} MB).")
    bukti.seek(0)
    awal = bukti.read(8)
    bukti.seek(0)
    if not bukti.name.lower().endswith(EKSTENSI_BUKTI) or rules.jenis_berkas(awal) is None:
        masalah.append("Bukti dukung harus berkas PDF, JPEG atau PNG.")
    return masalah


def jam_sekarang() -> time:
    """The local time now (Asia/Jakarta): a report for today may not end after it."""
    return timezone.localtime().time().replace(second=0, microsecond=0)


def _sama(a: str, b: str) -> bool:
    return " ".join((a or "").split()).lower() == " ".join((b or "").split()).lower()


def _indikator_tentukan(laporan: LaporanHarian, errors: dict[str, list[str]]) -> None:
    """The report counts toward one indicator of its RHK and takes that indicator's satuan.

    Given an indicator: it must be the RHK's, and a satuan sent along (API) must be its
    satuan. None given: the RHK's one indicator whose satuan matches the satuan sent, or,
    with no satuan, the RHK's only indicator. A satuan matching no indicator (API clients of
    before) is kept, and the report stays "tanpa indikator": it counts toward no progress.
    """
    # The API's serializer reads the RHK through its indicators (one query for both) and
    # leaves them on the RHK: `Rhk.indikator_terbaca`, in primary-key order.
    daftar = None
    if LaporanHarian.rhk.is_cached(laporan):
        daftar = getattr(laporan.rhk, "indikator_terbaca", None)
    if daftar is None:
        daftar = list(IndikatorKinerja.objects.filter(rhk_id=laporan.rhk_id).order_by("pk"))
    if laporan.indikator_id:
        indikator = next((i for i in daftar if i.pk == laporan.indikator_id), None)
        if indikator is None:
            errors.setdefault("indikator", []).append("Indikator bukan milik RHK yang dipilih.")
            return
        if laporan.satuan and not _sama(laporan.satuan, indikator.satuan):
            errors.setdefault("satuan", []).append(
                f"Satuan harus sama dengan satuan indikator: \u201c{indikator.satuan}\u201d."
            )
            return
        laporan.satuan = indikator.satuan
        return
    if laporan.satuan:
        cocok = [i for i in daftar if _sama(i.satuan, laporan.satuan)]
        if len(cocok) == 1:
            laporan.indikator = cocok[0]
            laporan.satuan = cocok[0].satuan
        return
    if len(daftar) == 1:
        laporan.indikator = daftar[0]
        laporan.satuan = daftar[0].satuan
        return
    errors.setdefault("indikator", []).append(
        "Pilih indikator RHK yang dicapai laporan ini (satuan mengikuti indikator)."
    )


def _validasi_laporan(
    laporan: LaporanHarian,
    *,
    cek_jendela: bool,
    bukti: UploadedFile | None,
    cek_bentrok: bool = True,
) -> None:
    """Every rule of a daily report (API.md), all reported at once, keyed by field.

    `cek_bentrok=False`: the overlap is left to the exclusion constraint (PostgreSQL) unless
    another rule fails already."""
    errors: dict[str, list[str]] = {}
    indikator_galat: dict[str, list[str]] = {}
    if laporan.rhk_id:
        # First: the satuan comes from the indicator, before the field checks run.
        _indikator_tentukan(laporan, indikator_galat)
    try:
        # The FKs are checked here (RHK of the approved SKP, indicator of the RHK) and the
        # check constraints are the same rules as clean(): skip their extra queries.
        # The indicator's existence is proven by `_indikator_tentukan` (one of the RHK's).
        laporan.full_clean(
            exclude=["bukti", "pegawai", "rhk", "indikator"], validate_constraints=False
        )
    except ValidationError as exc:
        errors = exc.message_dict
    if not laporan.rhk_id:
        errors.setdefault("rhk", []).append("RHK wajib dipilih.")
    for kunci, pesan in indikator_galat.items():
        if kunci == "satuan":
            errors[kunci] = pesan  # instead of "may not be empty"
        else:
            errors.setdefault(kunci, []).extend(pesan)
    if "indikator" in errors:
        errors.pop("satuan", None)  # the satuan follows the indicator still to be chosen
    hari_ini = waktu.hari_ini() if laporan.tanggal else None
    if laporan.tanggal:
        if laporan.tanggal > hari_ini or cek_jendela:
            pesan = rules.cek_tanggal_laporan(
                laporan.tanggal, hari_ini, pengaturan.jendela_lapor_hari()
            )
            if pesan:
                errors.setdefault("tanggal", []).append(pesan)
        if laporan.rhk_id and not _rhk_boleh(laporan):
            errors.setdefault("rhk", []).append(
                f"RHK tidak termasuk SKP Anda yang disetujui untuk tahun {laporan.tanggal.year}."
            )
    if (
        laporan.tanggal
        and laporan.jam_selesai
        and "jam_selesai" not in errors
        and laporan.tanggal == hari_ini
        and laporan.jam_selesai > (sekarang := jam_sekarang())
    ):
        errors.setdefault("jam_selesai", []).append(
            f"Jam selesai tidak boleh melewati waktu sekarang ({sekarang:%H:%M}) "
            "untuk laporan hari ini."
        )
    if (
        (cek_bentrok or errors)
        and laporan.tanggal
        and "jam_selesai" not in errors
        and laporan.jam_mulai
        and laporan.jam_selesai
    ):
        # Skipped only when the database's exclusion constraint decides it at the INSERT and
        # nothing else is wrong: with other errors it is reported with them, all at once.
        bentrok = _bentrok(laporan)
        if bentrok is not None:
            errors.setdefault("jam_mulai", []).append(_pesan_bentrok(laporan, bentrok))
    if bukti is not None:
        masalah = _cek_bukti(bukti)
        if masalah:
            errors.setdefault("bukti", []).extend(masalah)
    if errors:
        raise ValidationError(errors)


def _bentrok(laporan: LaporanHarian) -> LaporanHarian | None:
    """The employee's first report that day overlapping this one's time (touching is fine)."""
    return (
        LaporanHarian.objects.filter(
            pegawai_id=laporan.pegawai_id,
            tanggal=laporan.tanggal,
            jam_mulai__lt=laporan.jam_selesai,
            jam_selesai__gt=laporan.jam_mulai,
        )
        .exclude(pk=laporan.pk)
        .order_by("jam_mulai")
        .only("jam_mulai", "jam_selesai")
        .first()
    )


def _pesan_bentrok(laporan: LaporanHarian, bentrok: LaporanHarian) -> str:
    return (
        f"Waktu {laporan.jam_mulai:%H:%M}–{laporan.jam_selesai:%H:%M} bertumpang tindih "
        f"dengan laporan lain pada tanggal yang sama "
        f"({bentrok.jam_mulai:%H:%M}–{bentrok.jam_selesai:%H:%M})."
    )


# The exclusion constraint of migration 0009 (PostgreSQL only).
BATASAN_BENTROK = "laporan_tanpa_tumpang_tindih"


def _dengan_batasan() -> bool:
    """Does the database itself refuse overlapping reports (the exclusion constraint)?"""
    return connection.vendor == "postgresql"


def _melanggar_batasan(exc: IntegrityError) -> bool:
    diag = getattr(exc.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None) == BATASAN_BENTROK


def _buntu(exc: OperationalError) -> bool:
    """A deadlock between simultaneous filings: each INSERT waits for the other's
    uncommitted row while checking the exclusion constraint, and PostgreSQL aborts one. By
    the time it is retried the other has committed or rolled back, so the retry gets a
    clean answer (the slot is free, or the overlap message)."""
    return getattr(exc.__cause__, "pgcode", None) == "40P01"


def _galat_bentrok(laporan: LaporanHarian) -> ValidationError | None:
    """After the constraint refused `laporan`: the same field message as the check's, naming
    the report that took the slot (None if it is gone again: the caller may retry)."""
    bentrok = _bentrok(laporan)
    if bentrok is None:
        return None
    return ValidationError({"jam_mulai": [_pesan_bentrok(laporan, bentrok)]})


def _rhk_boleh(laporan: LaporanHarian) -> bool:
    """Is the report's RHK one of the employee's approved SKP for the report's year? When the
    caller already read the RHK with its SKP (the API's serializer does), decide on those rows
    instead of reading them again; otherwise ask the database (`selectors.rhk_pilihan`).
    Either way the SKP row is not locked: an SKP sent back at the same instant races alike."""
    if LaporanHarian.rhk.is_cached(laporan) and Rhk.skp.is_cached(laporan.rhk):
        skp = laporan.rhk.skp
        return (
            skp.pegawai_id == laporan.pegawai_id
            and skp.tahun == laporan.tanggal.year
            and skp.status == StatusSkp.DISETUJUI
        )
    return (
        selectors.rhk_pilihan(laporan.pegawai, laporan.tanggal.year)
        .filter(pk=laporan.rhk_id)
        .exists()
    )


def _kunci_pegawai(pegawai: Pegawai) -> None:
    # Serialise one employee's filings so two at once cannot both pass the overlap check.
    list(Pegawai.objects.select_for_update().filter(pk=pegawai.pk).order_by().values_list("pk"))


def laporan_ajukan(
    *,
    pegawai: Pegawai,
    tanggal: date,
    rhk: Rhk,
    uraian: str,
    kuantitas: Decimal,
    jam_mulai: time,
    jam_selesai: time,
    satuan: str = "",
    indikator: IndikatorKinerja | None = None,
    bukti: UploadedFile | None = None,
) -> LaporanHarian:
    """File one daily report (status DIAJUKAN).

    On PostgreSQL the exclusion constraint decides the overlap at the INSERT: no lock, no
    overlap SELECT, and of simultaneous filings of one slot exactly one wins; the others get
    the check's message. A report with a file is still checked first (so that a refused
    overlap leaves no stored file behind). On SQLite: the employee lock, then the check."""
    laporan = LaporanHarian(
        pegawai=pegawai,
        tanggal=tanggal,
        rhk=rhk,
        indikator=indikator,
        uraian=(uraian or "").strip(),
        kuantitas=kuantitas,
        satuan=(satuan or "").strip(),
        jam_mulai=jam_mulai,
        jam_selesai=jam_selesai,
        status=StatusLaporan.DIAJUKAN,
    )
    if not _dengan_batasan():
        with transaction.atomic():
            return _ajukan(laporan, bukti=bukti, kunci=True, cek_bentrok=True)
    for _ in range(3):
        try:
            if connection.in_atomic_block:
                # inside the caller's transaction: a savepoint keeps it usable after a refusal
                with transaction.atomic():
                    return _ajukan(laporan, bukti=bukti, kunci=False, cek_bentrok=bukti is not None)
            # One write and no lock: the INSERT commits on its own (autocommit), no BEGIN/COMMIT.
            return _ajukan(laporan, bukti=bukti, kunci=False, cek_bentrok=bukti is not None)
        except OperationalError as exc:
            if not _buntu(exc):
                raise
            laporan.pk = None
            laporan._state.adding = True
        except IntegrityError as exc:
            if not _melanggar_batasan(exc):
                raise
            laporan.pk = None
            laporan._state.adding = True
            galat = _galat_bentrok(laporan)
            if galat is not None:
                raise galat from None
    raise ValidationError({"jam_mulai": ["Waktu laporan sedang dipakai laporan lain; coba lagi."]})


def _ajukan(
    laporan: LaporanHarian, *, bukti: UploadedFile | None, kunci: bool, cek_bentrok: bool
) -> LaporanHarian:
    if kunci:
        _kunci_pegawai(laporan.pegawai)
    _validasi_laporan(laporan, cek_jendela=True, bukti=bukti, cek_bentrok=cek_bentrok)
    if bukti is not None:
        laporan.bukti = bukti
    laporan.save()
    return laporan


BISA_DIUBAH = (
    "tanggal",
    "rhk",
    "indikator",
    "uraian",
    "kuantitas",
    "satuan",
    "jam_mulai",
    "jam_selesai",
)


def laporan_koreksi(
    *,
    laporan: LaporanHarian,
    oleh: User,
    data: Mapping[str, Any],
    bukti: UploadedFile | None = None,
) -> LaporanHarian:
    """The employee corrects a report that is still waiting or was returned; it is resubmitted."""
    saya = pegawai_pelaku(oleh)
    if laporan.pegawai_id != saya.pk:
        raise TidakBerwenang("Hanya pemilik laporan yang dapat memperbaikinya.")
    try:
        return _koreksi(laporan.pk, data, bukti)
    except IntegrityError as exc:
        # A filing took the slot between the check and the UPDATE (PostgreSQL).
        if not _melanggar_batasan(exc):
            raise
        baru = LaporanHarian.objects.get(pk=laporan.pk)
        for key in ("tanggal", "jam_mulai", "jam_selesai"):
            if key in data:
                setattr(baru, key, data[key])
        raise _galat_bentrok(baru) or ValidationError(
            {"jam_mulai": ["Waktu laporan sedang dipakai laporan lain; coba lagi."]}
        ) from None


@transaction.atomic
def _koreksi(pk: int, data: Mapping[str, Any], bukti: UploadedFile | None) -> LaporanHarian:
    laporan = LaporanHarian.objects.select_for_update().select_related("pegawai").get(pk=pk)
    if laporan.status == StatusLaporan.DISETUJUI:
        raise ValidationError({"status": "Laporan yang sudah disetujui tidak dapat diubah."})
    tanggal_lama = laporan.tanggal
    if "rhk" in data or "indikator" in data or "satuan" in data:
        # A new choice of RHK, indicator or satuan is resolved afresh (satuan from indicator).
        laporan.indikator = None
        if "satuan" not in data and "indikator" in data:
            laporan.satuan = ""
    for key in BISA_DIUBAH:
        if key in data:
            setattr(laporan, key, data[key])
    laporan.uraian = (laporan.uraian or "").strip()
    _validasi_laporan(laporan, cek_jendela=laporan.tanggal != tanggal_lama, bukti=bukti)
    if bukti is not None:
        laporan.bukti = bukti
    laporan.status = StatusLaporan.DIAJUKAN
    laporan.save()
    return laporan


def _keputusan(laporan: LaporanHarian, saya: Pegawai) -> LaporanHarian:
    laporan = LaporanHarian.objects.select_for_update().select_related("pegawai").get(pk=laporan.pk)
    atasan_pastikan(saya, laporan.pegawai)
    if laporan.status == StatusLaporan.DISETUJUI:
        raise ValidationError({"status": "Laporan ini sudah disetujui dan terkunci."})
    if laporan.status == StatusLaporan.DIKEMBALIKAN:
        raise ValidationError(
            {"status": "Laporan ini sudah dikembalikan; tunggu perbaikan dari pegawai."}
        )
    return laporan


@transaction.atomic
def laporan_setujui(*, laporan: LaporanHarian, oleh: User, catatan: str = "") -> LaporanHarian:
    saya = pegawai_pelaku(oleh)
    laporan = _keputusan(laporan, saya)
    laporan.status = StatusLaporan.DISETUJUI
    laporan.catatan_atasan = (catatan or "").strip()
    laporan.diputuskan_oleh = saya
    laporan.diputuskan_pada = timezone.now()
    laporan.save(
        update_fields=["status", "catatan_atasan", "diputuskan_oleh", "diputuskan_pada", "diubah"]
    )
    return laporan


@transaction.atomic
def laporan_kembalikan(*, laporan: LaporanHarian, oleh: User, catatan: str) -> LaporanHarian:
    saya = pegawai_pelaku(oleh)
    laporan = _keputusan(laporan, saya)
    if not (catatan or "").strip():
        raise ValidationError({"catatan": "Catatan wajib diisi saat mengembalikan laporan."})
    laporan.status = StatusLaporan.DIKEMBALIKAN
    laporan.catatan_atasan = catatan.strip()
    laporan.diputuskan_oleh = saya
    laporan.diputuskan_pada = timezone.now()
    laporan.save(
        update_fields=["status", "catatan_atasan", "diputuskan_oleh", "diputuskan_pada", "diubah"]
    )
    surel_laporan_dikembalikan_antrekan(pegawai=laporan.pegawai)
    return laporan


@transaction.atomic
def laporan_setujui_banyak(*, oleh: User, ids: Iterable[int]) -> int:
    """Approve many waiting reports of one's direct subordinates in one UPDATE.

    Ids outside that set (other people's, already decided) are left alone; returns how many
    were approved.
    """
    saya = pegawai_pelaku(oleh)
    ids = [int(i) for i in ids]
    if not ids:
        raise ValidationError({"ids": "Pilih paling sedikit satu laporan."})
    return LaporanHarian.objects.filter(
        pk__in=ids, pegawai__atasan=saya, pegawai__aktif=True, status=StatusLaporan.DIAJUKAN
    ).update(
        status=StatusLaporan.DISETUJUI,
        diputuskan_oleh=saya,
        diputuskan_pada=timezone.now(),
        diubah=timezone.now(),
    )
