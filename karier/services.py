"""Writes of the karier app: development plans and their activities, coaching and mentoring
sessions (with their JP in the pelatihan ledger), the yearly talent map, HR's potensi
scores and the kenaikan pangkat worklist.

Keyword-only, `@transaction.atomic`, `full_clean()` before save; refusals are Django
`ValidationError`s keyed by field, in Indonesian.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from inti import waktu
from jabatan.models import AsesmenKompetensi, Kompetensi
from kinerja.models import Penilaian
from kinerja.rules import TAHUNAN
from pegawai.akses import AnyUser, akses_untuk, pegawai_dikelola
from pegawai.models import Pegawai
from pelatihan import services as pelatihan_services

from . import pengaturan, rules, selectors
from .models import (
    JenisKegiatan,
    JenisPembinaan,
    KandidatKp,
    KegiatanPengembangan,
    PenilaianPotensi,
    PenunjukanMentor,
    ProfilTalenta,
    RencanaPengembangan,
    SesiPembinaan,
    StatusKegiatan,
    StatusRencana,
    StatusUsulanKp,
    StempelKandidatKp,
    UsulanKenaikanPangkat,
)

# The JP ledger source of coaching/mentoring sessions (pelatihan.models.CatatanJP.sumber).
SUMBER_JP = "karier.coaching"


def _user(oleh: AnyUser) -> User | None:
    return oleh if isinstance(oleh, User) else None


def _tolak(field: str, pesan: str) -> None:
    raise ValidationError({field: pesan})


# --- Who may coach whom ----------------------------------------------------------------------


def mentor_aktif(*, pegawai: Pegawai, pembina: Pegawai, pada: date) -> bool:
    return (
        PenunjukanMentor.objects.filter(pegawai=pegawai, mentor=pembina, mulai__lte=pada)
        .filter(Q(selesai__isnull=True) | Q(selesai__gte=pada))
        .exists()
    )


def boleh_membina(*, pembina: Pegawai, pegawai: Pegawai, pada: date) -> bool:
    """The direct supervisor, or a mentor HR appointed for that date."""
    return pegawai.atasan_id == pembina.pk or mentor_aktif(
        pegawai=pegawai, pembina=pembina, pada=pada
    )


def _boleh_mencatat(oleh: AnyUser, sesi: SesiPembinaan) -> bool:
    """The coach/mentor themselves, or HR managing the coachee."""
    akses = akses_untuk(oleh)
    if akses.pegawai is not None and akses.pegawai.pk == sesi.pembina_id:
        return True
    return pegawai_dikelola(oleh).filter(pk=sesi.pegawai_id).exists()


# --- Coaching and mentoring ------------------------------------------------------------------


def _jp_sinkron(sesi: SesiPembinaan, oleh: AnyUser) -> None:
    label = JenisPembinaan(sesi.jenis).label
    pelatihan_services.jp_akui(
        pegawai=sesi.pegawai,
        tanggal=sesi.tanggal,
        jenis=sesi.jenis,  # COACHING / MENTORING are nonklasikal kinds of the ledger
        uraian=f"{label}: {sesi.topik} (oleh {sesi.pembina.nama})",
        sumber=SUMBER_JP,
        sumber_id=str(sesi.pk),
        menit=sesi.durasi_menit,
        oleh=oleh,
    )


def _kegiatan_selesai(kegiatan: KegiatanPengembangan | None, tanggal: date) -> None:
    if kegiatan is not None and kegiatan.status == StatusKegiatan.RENCANA:
        kegiatan.status = StatusKegiatan.SELESAI
        kegiatan.tanggal_selesai = tanggal
        kegiatan.full_clean()
        kegiatan.save()


_KOLOM_SESI = (
    "jenis",
    "tanggal",
    "durasi_menit",
    "topik",
    "catatan",
    "kesepakatan",
    "tindak_lanjut_tanggal",
    "tindak_lanjut",
    "kegiatan",
)


def sesi_pembinaan_periksa(sesi: SesiPembinaan) -> None:
    """The rules beyond the model's own: no future date; the coach may coach this person."""
    errors: dict[str, list[str]] = {}
    if sesi.tanggal and sesi.tanggal > waktu.hari_ini():
        errors.setdefault("tanggal", []).append("Sesi yang dicatat tidak boleh di masa depan.")
    if sesi.tanggal and not boleh_membina(
        pembina=sesi.pembina, pegawai=sesi.pegawai, pada=sesi.tanggal
    ):
        errors.setdefault("pegawai", []).append(
            f"{sesi.pembina.nama} bukan atasan langsung atau mentor yang ditunjuk bagi "
            f"{sesi.pegawai.nama} pada tanggal itu."
        )
    if sesi.kegiatan_id and sesi.kegiatan.rencana.pegawai_id != sesi.pegawai_id:
        errors.setdefault("kegiatan", []).append("Kegiatan itu bukan bagian dari IDP pegawai ini.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def sesi_pembinaan_catat(
    *, pembina: Pegawai, pegawai: Pegawai, oleh: AnyUser, data: dict[str, Any]
) -> SesiPembinaan:
    """Record a coaching or mentoring session; its duration goes to the JP ledger, and a
    linked IDP activity is marked done."""
    sesi = SesiPembinaan(pembina=pembina, pegawai=pegawai, dicatat_oleh=_user(oleh))
    for kolom in _KOLOM_SESI:
        if kolom in data:
            setattr(sesi, kolom, data[kolom])
    if not _boleh_mencatat(oleh, sesi):
        _tolak("pembina", "Anda hanya dapat mencatat sesi yang Anda bina sendiri.")
    sesi.full_clean()
    sesi_pembinaan_periksa(sesi)
    sesi.save()
    _jp_sinkron(sesi, oleh)
    _kegiatan_selesai(sesi.kegiatan, sesi.tanggal)
    return sesi


@transaction.atomic
def sesi_pembinaan_ubah(
    *, sesi: SesiPembinaan, oleh: AnyUser, data: dict[str, Any]
) -> SesiPembinaan:
    """Change a session (e.g. add the follow-up); its ledger row follows."""
    sesi = SesiPembinaan.objects.select_for_update().with_relasi().get(pk=sesi.pk)
    if not _boleh_mencatat(oleh, sesi):
        _tolak("pembina", "Anda hanya dapat mengubah sesi yang Anda bina sendiri.")
    for kolom in _KOLOM_SESI:
        if kolom in data:
            setattr(sesi, kolom, data[kolom])
    sesi.full_clean()
    sesi_pembinaan_periksa(sesi)
    sesi.save()
    _jp_sinkron(sesi, oleh)
    _kegiatan_selesai(sesi.kegiatan, sesi.tanggal)
    return sesi


@transaction.atomic
def sesi_pembinaan_hapus(*, sesi: SesiPembinaan, oleh: AnyUser) -> None:
    """Remove a session and withdraw its JP from the ledger."""
    if not _boleh_mencatat(oleh, sesi):
        _tolak("pembina", "Anda hanya dapat menghapus sesi yang Anda bina sendiri.")
    pelatihan_services.jp_batalkan(sumber=SUMBER_JP, sumber_id=str(sesi.pk))
    sesi.delete()


# --- Development plan ------------------------------------------------------------------------


@transaction.atomic
def rencana_simpan(
    *,
    pegawai: Pegawai,
    tahun: int,
    tujuan: str,
    kompetensi: Iterable[Kompetensi] = (),
    oleh: AnyUser,
) -> RencanaPengembangan:
    """Create or change an employee's IDP for a year (by the employee or their supervisor).
    A change after agreement sends it back to draft."""
    akses = akses_untuk(oleh)
    saya = akses.pegawai
    if not (
        (saya is not None and (saya.pk == pegawai.pk or pegawai.atasan_id == saya.pk))
        or pegawai_dikelola(oleh).filter(pk=pegawai.pk).exists()
    ):
        _tolak("pegawai", "Anda tidak dapat menyusun rencana pengembangan pegawai ini.")
    rencana = RencanaPengembangan.objects.select_for_update().filter(
        pegawai=pegawai, tahun=tahun
    ).first() or RencanaPengembangan(pegawai=pegawai, tahun=tahun)
    rencana.tujuan = (tujuan or "").strip()
    if rencana.pk and rencana.status == StatusRencana.DISETUJUI:
        rencana.status = StatusRencana.DRAF
        rencana.disetujui_oleh = None
        rencana.disetujui_pada = None
    rencana.full_clean()
    rencana.save()
    rencana.kompetensi.set(list(kompetensi))
    return rencana


def _pastikan_pemilik_atau_atasan(rencana: RencanaPengembangan, oleh: AnyUser) -> None:
    saya = akses_untuk(oleh).pegawai
    if saya is None or saya.pk not in {rencana.pegawai_id, rencana.pegawai.atasan_id}:
        _tolak("rencana", "Hanya pegawai dan atasan langsungnya yang dapat mengubah rencana ini.")


@transaction.atomic
def kegiatan_tambah(
    *,
    rencana: RencanaPengembangan,
    jenis: str,
    uraian: str,
    oleh: AnyUser,
    kompetensi: Kompetensi | None = None,
    target_tanggal: date | None = None,
) -> KegiatanPengembangan:
    _pastikan_pemilik_atau_atasan(rencana, oleh)
    kegiatan = KegiatanPengembangan(
        rencana=rencana,
        jenis=jenis,
        uraian=(uraian or "").strip(),
        kompetensi=kompetensi,
        target_tanggal=target_tanggal,
    )
    kegiatan.full_clean()
    kegiatan.save()
    return kegiatan


@transaction.atomic
def kegiatan_selesaikan(
    *, kegiatan: KegiatanPengembangan, oleh: AnyUser, tanggal: date | None = None
) -> KegiatanPengembangan:
    _pastikan_pemilik_atau_atasan(kegiatan.rencana, oleh)
    kegiatan.status = StatusKegiatan.SELESAI
    kegiatan.tanggal_selesai = tanggal or waktu.hari_ini()
    kegiatan.full_clean()
    kegiatan.save()
    return kegiatan


@transaction.atomic
def rencana_setujui(*, rencana: RencanaPengembangan, oleh: AnyUser) -> RencanaPengembangan:
    """The direct supervisor agrees the plan."""
    saya = akses_untuk(oleh).pegawai
    if saya is None or rencana.pegawai.atasan_id != saya.pk:
        _tolak("rencana", "Hanya atasan langsung yang dapat menyepakati rencana pengembangan.")
    if not rencana.kegiatan.exists():
        _tolak("rencana", "Tambahkan paling sedikit satu kegiatan sebelum disepakati.")
    rencana.status = StatusRencana.DISETUJUI
    rencana.disetujui_oleh = saya
    rencana.disetujui_pada = timezone.now()
    rencana.full_clean()
    rencana.save()
    return rencana


# --- Talent map ------------------------------------------------------------------------------


@transaction.atomic
def potensi_catat(
    *, pegawai: Pegawai, tahun: int, nilai: Decimal, metode: str, oleh: AnyUser, catatan: str = ""
) -> PenilaianPotensi:
    if not pegawai_dikelola(oleh).filter(pk=pegawai.pk).exists():
        _tolak("pegawai", "Pegawai ini di luar unit yang Anda kelola.")
    baris = PenilaianPotensi.objects.filter(pegawai=pegawai, tahun=tahun).first() or (
        PenilaianPotensi(pegawai=pegawai, tahun=tahun)
    )
    baris.nilai = nilai
    baris.metode = metode
    baris.catatan = catatan
    baris.dicatat_oleh = _user(oleh)
    baris.full_clean()
    baris.save()
    return baris


def _asesmen_per_pegawai(pegawai_ids: Sequence[int] | None, sampai: date) -> dict[int, list[int]]:
    """{pegawai_id: [latest level of each competency assessed up to `sampai`]} in one query."""
    qs = AsesmenKompetensi.objects.filter(tanggal__lte=sampai)
    if pegawai_ids is not None:
        qs = qs.filter(pegawai_id__in=pegawai_ids)
    terbaru: dict[tuple[int, int], tuple[date, int, int]] = {}
    for pegawai_id, kompetensi_id, level, tanggal, pk in (
        qs.order_by()
        .values_list("pegawai_id", "kompetensi_id", "level", "tanggal", "id")
        .iterator(chunk_size=5000)
    ):
        kunci = (pegawai_id, kompetensi_id)
        lama = terbaru.get(kunci)
        if lama is None or (tanggal, pk) > lama[:2]:
            terbaru[kunci] = (tanggal, pk, level)
    hasil: dict[int, list[int]] = {}
    for (pegawai_id, _k), (_t, _pk, level) in terbaru.items():
        hasil.setdefault(pegawai_id, []).append(level)
    return hasil


@transaction.atomic
def talenta_petakan(*, tahun: int, pegawai_ids: Sequence[int] | None = None) -> int:
    """Recompute the talent map of a year from its sources and upsert it: the annual predikat
    (→ kinerja), the latest competency levels and HR's potensi score (→ potensi). Employees
    without an annual predikat or any potensi input are left off the map (their old row is
    removed). Idempotent; returns the number of employees placed."""
    pegawai = Pegawai.objects.filter(aktif=True)
    if pegawai_ids is not None:
        pegawai = pegawai.filter(pk__in=list(pegawai_ids))
    predikat = dict(
        Penilaian.objects.filter(jenis_periode=TAHUNAN, tahun=tahun, pegawai__in=pegawai)
        .order_by()
        .values_list("pegawai_id", "predikat")
    )
    unit = dict(pegawai.filter(pk__in=list(predikat)).values_list("pk", "unit_kerja_id"))
    asesmen = _asesmen_per_pegawai(list(predikat), date(tahun, 12, 31))
    nilai_hr = dict(
        PenilaianPotensi.objects.filter(tahun=tahun, pegawai_id__in=list(predikat)).values_list(
            "pegawai_id", "nilai"
        )
    )
    tabel = pengaturan.kinerja_dari_predikat()
    ambang = pengaturan.ambang_potensi()
    bobot_hr = pengaturan.bobot_potensi_hr()
    baris = []
    for pegawai_id, pred in predikat.items():
        if pegawai_id not in unit:
            continue
        skor = rules.skor_potensi(
            level_asesmen=asesmen.get(pegawai_id, []),
            nilai_hr=nilai_hr.get(pegawai_id),
            bobot_hr=bobot_hr,
        )
        if skor is None:
            continue
        kinerja = rules.level_kinerja(pred, tabel)
        potensi = rules.level_potensi(skor, ambang)
        baris.append(
            ProfilTalenta(
                pegawai_id=pegawai_id,
                tahun=tahun,
                unit_kerja_id=unit[pegawai_id],
                predikat=pred,
                kinerja=kinerja,
                skor_potensi=Decimal(str(skor)),
                potensi=potensi,
                kotak=rules.kotak_talenta(kinerja, potensi).kotak,
                dihitung=timezone.now(),
            )
        )
    lama = ProfilTalenta.objects.filter(tahun=tahun)
    if pegawai_ids is not None:
        lama = lama.filter(pegawai_id__in=list(pegawai_ids))
    lama.exclude(pegawai_id__in=[b.pegawai_id for b in baris]).delete()
    ProfilTalenta.objects.bulk_create(
        baris,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["pegawai", "tahun"],
        update_fields=[
            "unit_kerja", "predikat", "kinerja", "skor_potensi", "potensi", "kotak", "dihitung",
        ],
    )  # fmt: skip
    if pegawai_ids is None and connection.vendor == "postgresql":
        # A whole year's map was just rewritten (up to 100,000 rows): fresh statistics, so
        # the 9-box pages do not plan on those of an empty table until autovacuum comes by.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {ProfilTalenta._meta.db_table}")
    return len(baris)


# --- Kenaikan pangkat worklist ---------------------------------------------------------------


@transaction.atomic
def usulan_kp_tandai(
    *, pegawai: Pegawai, periode: str, golongan_baru: str, status: str, oleh: AnyUser,
    catatan: str = "",
) -> UsulanKenaikanPangkat:  # fmt: skip
    """HR records how far an eligible employee's promotion has got for a period."""
    if not pegawai_dikelola(oleh).filter(pk=pegawai.pk).exists():
        _tolak("pegawai", "Pegawai ini di luar unit yang Anda kelola.")
    if status not in StatusUsulanKp.values:
        _tolak("status", "Status tidak dikenal.")
    usulan = UsulanKenaikanPangkat.objects.filter(pegawai=pegawai, periode=periode).first() or (
        UsulanKenaikanPangkat(pegawai=pegawai, periode=periode)
    )
    usulan.golongan_baru = golongan_baru
    usulan.status = status
    usulan.catatan = catatan
    usulan.diubah_oleh = _user(oleh)
    usulan.full_clean()
    usulan.save()
    return usulan


__all__ = [
    "JenisKegiatan",
    "SUMBER_JP",
    "boleh_membina",
    "kegiatan_selesaikan",
    "kegiatan_tambah",
    "potensi_catat",
    "rencana_setujui",
    "rencana_simpan",
    "sesi_pembinaan_catat",
    "sesi_pembinaan_hapus",
    "sesi_pembinaan_ubah",
    "talenta_petakan",
    "usulan_kp_tandai",
]


# --- The kept eligible set of kenaikan pangkat -------------------------------------------------


def kandidat_kp_hitung(*, periode: rules.PeriodeKp | None = None) -> dict[str, int]:
    """Recompute the kept eligible set (`KandidatKp`) of `periode`, or of the next two periods
    (`pengaturan.periode_kp_kandidat`; the beat job every 10 minutes and the command
    `hitung_kandidat_kp`), each in its own transaction with its stamp. Without `periode` the
    sets of periods no longer kept are dropped. Returns the eligible count per period."""
    daftar = [periode] if periode is not None else pengaturan.periode_kp_kandidat(waktu.hari_ini())
    hasil = {p.kode: _kandidat_kp_periode(p) for p in daftar}
    if periode is None:
        KandidatKp.objects.exclude(periode__in=list(hasil)).delete()
        StempelKandidatKp.objects.exclude(periode__in=list(hasil)).delete()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Tens of thousands of rows replaced: fresh statistics for the page's plans.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {KandidatKp._meta.db_table}")
    return hasil


@transaction.atomic
def _kandidat_kp_periode(periode: rules.PeriodeKp) -> int:
    """The period's rows replaced by ONE `INSERT ... SELECT` of the rule in SQL over every
    active PNS (`selectors.kandidat_kp_sumber`), under the lock of its stamp row (two runs of
    a period wait for each other). The stamp is the moment the computation started."""
    mulai, detik = timezone.now(), time.perf_counter()
    StempelKandidatKp.objects.get_or_create(periode=periode.kode)
    stempel = StempelKandidatKp.objects.select_for_update().get(periode=periode.kode)
    sumber, sidik = selectors.kandidat_kp_sumber(periode)
    sql, params = sumber.query.sql_with_params()
    KandidatKp.objects.filter(periode=periode.kode).delete()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {KandidatKp._meta.db_table} (periode, pegawai_id) "
            f"SELECT %s, t.* FROM ({sql}) t",  # its one column: the id
            [periode.kode, *params],
        )
        jumlah = cursor.rowcount
    stempel.dihitung, stempel.sidik, stempel.jumlah = mulai, sidik, jumlah
    stempel.durasi_detik = time.perf_counter() - detik
    stempel.save()
    return jumlah
