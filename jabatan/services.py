"""Writes of the jabatan app: placements (with their rules), assessments, formasi, the
catalogue seed and the pegawai-import wiring. Keyword-only, atomic, `full_clean()` before
save; refusals are Django `ValidationError`s keyed by field, in Indonesian."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from inti import waktu
from inti.bulk import sisip_massal
from pegawai.akses import pegawai_dikelola, unit_dikelola
from pegawai.models import Pegawai, UnitKerja
from pegawai.rules import AturanError, parse_nip
from pegawai.services import pegawai_simpan

from . import data_awal, rules
from .models import (
    JENIS_PENEMPATAN_MANUAL,
    JENIS_STRUKTURAL,
    AsesmenKompetensi,
    Formasi,
    Jabatan,
    JenisJabatan,
    JenisPenempatan,
    JenjangFungsional,
    KelompokPelaksana,
    Kompetensi,
    Penempatan,
    RumpunFungsional,
    StandarKompetensi,
)

# --- Placement ------------------------------------------------------------------------------


def _mulai_dinas(pegawai: Pegawai) -> date | None:
    """Start of service from the NIP (TMT CPNS month, or the PPPK year)."""
    try:
        info = parse_nip(pegawai.nip)
    except AturanError:
        return None
    return date(info.tahun_tmt, info.bulan_tmt or 1, 1)




@dataclass(frozen=True)
class PenempatanMasukan:
    """One placement (SK) as HR enters it: what `penempatan_periksa` checks and
    `penempatan_buat` records. The API, the admin, the HR page and the demo build it the same
    way (`dari_data` from a form's or serializer's cleaned data)."""

    pegawai: Pegawai
    jabatan: Jabatan
    unit_kerja: UnitKerja
    jenis: str
    nomor_sk: str
    tmt: date | None
    tanggal_sk: date | None = None
    atasan: Pegawai | None = None
    alasan: str = ""

    @classmethod
    def dari_data(cls, data: Mapping[str, Any]) -> PenempatanMasukan:
        return cls(
            pegawai=data["pegawai"],
            jabatan=data["jabatan"],
            unit_kerja=data["unit_kerja"],
            jenis=data["jenis"],
            nomor_sk=data["nomor_sk"],
            tmt=data.get("tmt"),
            tanggal_sk=data.get("tanggal_sk"),
            atasan=data.get("atasan"),
            alasan=data.get("alasan") or "",
        )

def penempatan_periksa(
    *,
    masukan: PenempatanMasukan,
    oleh: User | None,
) -> list[str]:
    """Check a placement without writing it. Raises ValidationError (every broken rule,
    keyed by field); returns the warnings HR must see (education mismatch)."""
    pegawai, jabatan, unit_kerja = masukan.pegawai, masukan.jabatan, masukan.unit_kerja
    jenis, nomor_sk, tanggal_sk, tmt = (
        masukan.jenis, masukan.nomor_sk, masukan.tanggal_sk, masukan.tmt
    )
    atasan, alasan = masukan.atasan, masukan.alasan
    errors: dict[str, list[str]] = {}

    def salah(field: str, pesan: str | None) -> None:
        if pesan:
            errors.setdefault(field, []).append(pesan)

    if oleh is not None:
        if not pegawai_dikelola(oleh).filter(pk=pegawai.pk).exists():
            salah("pegawai", f"Pegawai {pegawai.nip} di luar kewenangan Anda.")
        if not unit_dikelola(oleh).filter(pk=unit_kerja.pk).exists():
            salah("unit_kerja", f"Unit kerja {unit_kerja.nama} di luar kewenangan Anda.")
    if not pegawai.aktif:
        salah("pegawai", f"Pegawai {pegawai.nip} tidak aktif dan tidak dapat ditempatkan.")
    if jenis not in JENIS_PENEMPATAN_MANUAL:
        salah("jenis", "Jenis penempatan harus pengangkatan, mutasi, rotasi atau promosi.")
    if not (nomor_sk or "").strip():
        salah("nomor_sk", "Nomor SK wajib diisi.")
    if tmt is None:
        salah("tmt", "TMT wajib diisi.")
    if atasan is not None and atasan.pk == pegawai.pk:
        salah("atasan", "Pegawai tidak dapat menjadi atasannya sendiri.")
    salah("tanggal_sk", rules.cek_tanggal_sk(tanggal_sk=tanggal_sk, hari_ini=waktu.hari_ini()))

    riwayat = list(
        Penempatan.objects.filter(pegawai=pegawai).select_related("jabatan", "unit_kerja")
    )
    aktif = next((p for p in riwayat if p.aktif), None)
    if aktif and aktif.jabatan_id == jabatan.pk and aktif.unit_kerja_id == unit_kerja.pk:
        salah("jabatan", f"Pegawai sudah menduduki jabatan {jabatan.nama} di {unit_kerja.nama}.")
    salah(
        "jabatan",
        rules.cek_golongan(
            minimal=jabatan.golongan_minimal, golongan=pegawai.golongan, nama_jabatan=jabatan.nama
        ),
    )
    if tmt is not None:
        terakhir = max((p for p in riwayat if p.tmt), key=lambda p: p.tmt, default=None)
        salah(
            "tmt",
            rules.cek_tmt(
                tmt=tmt,
                mulai_dinas=_mulai_dinas(pegawai),
                tmt_terakhir=terakhir.tmt if terakhir else None,
                jabatan_terakhir=terakhir.jabatan.nama if terakhir else "",
            ),
        )
    if jenis == JenisPenempatan.PROMOSI and aktif is not None:
        salah(
            "jenis",
            rules.cek_promosi(
                kelas_baru=jabatan.kelas_jabatan,
                kelas_lama=aktif.jabatan.kelas_jabatan,
                jabatan_lama=aktif.jabatan.nama,
            ),
        )
    kebutuhan = (
        Formasi.objects.filter(unit_kerja=unit_kerja, jabatan=jabatan)
        .values_list("kebutuhan", flat=True)
        .first()
    )
    terisi = (
        Penempatan.objects.aktif()
        .filter(unit_kerja=unit_kerja, jabatan=jabatan)
        .exclude(pegawai=pegawai)
        .count()
    )
    salah(
        "alasan",
        rules.cek_formasi(
            kebutuhan=kebutuhan,
            terisi=terisi,
            alasan=alasan or "",
            nama_jabatan=jabatan.nama,
            nama_unit=unit_kerja.nama,
        ),
    )
    if errors:
        raise ValidationError(errors)
    return rules.cek_pendidikan(
        minimal=jabatan.pendidikan_minimal,
        diterima=jabatan.daftar_jurusan,
        jenjang=pegawai.pendidikan_jenjang,
        jurusan=pegawai.pendidikan_jurusan,
    )


def atasan_di_unit(*, unit_kerja: UnitKerja, jabatan: Jabatan, pegawai: Pegawai) -> Pegawai | None:
    """The direct supervisor a placement implies: the holder of a structural position of a
    higher kelas in the nearest unit up the tree (the unit itself first)."""
    bagian = [b for b in unit_kerja.path.split("/") if b]
    leluhur = ["/" + "/".join(bagian[: i + 1]) + "/" for i in range(len(bagian))]
    calon = (
        Penempatan.objects.aktif()
        .filter(
            unit_kerja__path__in=leluhur,
            jabatan__jenis__in=JENIS_STRUKTURAL,
            jabatan__kelas_jabatan__gt=jabatan.kelas_jabatan,
            pegawai__aktif=True,
        )
        .exclude(pegawai=pegawai)
        .select_related("pegawai", "unit_kerja", "jabatan")
    )
    terbaik = max(
        calon,
        key=lambda p: (len(p.unit_kerja.path), p.jabatan.kelas_jabatan),
        default=None,
    )
    return terbaik.pegawai if terbaik else None


@transaction.atomic
def penempatan_buat(
    *,
    masukan: PenempatanMasukan,
    oleh: User | None,
) -> Penempatan:
    """Place a pegawai (the SK): end the active placement, record the new one, and bring
    the employee's unit, jabatan and atasan in line. `oleh` None = a system action."""
    pegawai, jabatan, unit_kerja = masukan.pegawai, masukan.jabatan, masukan.unit_kerja
    jenis, nomor_sk, tanggal_sk, tmt = (
        masukan.jenis, masukan.nomor_sk, masukan.tanggal_sk, masukan.tmt
    )
    atasan, alasan = masukan.atasan, masukan.alasan
    # Serialise placements of one pegawai and fills of one formasi.
    pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
    list(Formasi.objects.select_for_update().filter(unit_kerja=unit_kerja, jabatan=jabatan))
    peringatan = penempatan_periksa(
        masukan=dataclasses.replace(masukan, pegawai=pegawai), oleh=oleh
    )
    if atasan is None:
        atasan = atasan_di_unit(unit_kerja=unit_kerja, jabatan=jabatan, pegawai=pegawai)
    Penempatan.objects.filter(pegawai=pegawai, aktif=True).update(aktif=False, tmt_selesai=tmt)
    penempatan = Penempatan(
        pegawai=pegawai,
        jabatan=jabatan,
        unit_kerja=unit_kerja,
        jenis=jenis,
        nomor_sk=nomor_sk.strip(),
        tanggal_sk=tanggal_sk,
        tmt=tmt,
        atasan=atasan,
        alasan=alasan.strip(),
        peringatan=peringatan,
        dibuat_oleh=oleh if oleh is not None and oleh.is_authenticated else None,
    )
    penempatan.full_clean()
    penempatan.save()
    pegawai._change_reason = f"Penempatan ({penempatan.get_jenis_display()}) SK {nomor_sk}"
    pegawai_simpan(
        pegawai=pegawai,
        data={
            "unit_kerja": unit_kerja,
            "nama_jabatan": jabatan.nama,
            "jenis_jabatan": jabatan.get_jenis_display(),
            "atasan": atasan,
        },
    )
    return penempatan


# --- Assessments and formasi ----------------------------------------------------------------


@transaction.atomic
def asesmen_catat(
    *,
    pegawai: Pegawai,
    kompetensi: Kompetensi,
    level: int,
    tanggal: date,
    metode: str,
    asesor: str = "",
    catatan: str = "",
) -> AsesmenKompetensi:
    asesmen = AsesmenKompetensi(
        pegawai=pegawai,
        kompetensi=kompetensi,
        level=level,
        tanggal=tanggal,
        metode=metode,
        asesor=asesor,
        catatan=catatan,
    )
    asesmen.full_clean()
    asesmen.save()
    return asesmen


@transaction.atomic
def formasi_atur(*, unit_kerja: UnitKerja, jabatan: Jabatan, kebutuhan: int) -> Formasi:
    formasi = Formasi.objects.filter(unit_kerja=unit_kerja, jabatan=jabatan).first()
    formasi = formasi or Formasi(unit_kerja=unit_kerja, jabatan=jabatan)
    formasi.kebutuhan = kebutuhan
    formasi.full_clean()
    formasi.save()
    return formasi


@transaction.atomic
def standar_atur(*, jabatan: Jabatan, standar: Iterable[tuple[Kompetensi, int]]) -> None:
    """Set the required level per competency (adds or updates; others stay)."""
    for kompetensi, level in standar:
        obj = StandarKompetensi.objects.filter(jabatan=jabatan, kompetensi=kompetensi).first()
        obj = obj or StandarKompetensi(jabatan=jabatan, kompetensi=kompetensi)
        obj.level = level
        obj.full_clean()
        obj.save()


# --- Seed -----------------------------------------------------------------------------------


@transaction.atomic
def kompetensi_isi() -> int:
    return data_awal.isi_kompetensi(Kompetensi)


@transaction.atomic
def katalog_isi() -> int:
    """The starter catalogue (idempotent, by name): each with its manajerial, Perekat Bangsa
    and teknis standards. Entries the pegawai import created are completed, not duplicated."""
    kompetensi_isi()
    kamus = {k.kode: k for k in Kompetensi.objects.all()}
    ada = {_kunci(j.nama): j for j in Jabatan.objects.all()}
    dibuat = 0
    for (
        kode,
        nama,
        jenis,
        sub,
        kelas,
        eselon,
        pendidikan,
        jurusan,
        golongan,
        jenis_unit,
        teknis,
    ) in data_awal.KATALOG:
        jabatan = ada.get(_kunci(nama)) or Jabatan()
        dibuat += jabatan.pk is None
        jabatan.kode, jabatan.nama, jabatan.jenis = kode, nama, jenis
        jabatan.kelompok_pelaksana = sub if jenis == JenisJabatan.PELAKSANA else ""
        jabatan.jenjang = sub if jenis == JenisJabatan.FUNGSIONAL else ""
        jabatan.rumpun = _rumpun(jabatan.jenjang)
        jabatan.kelas_jabatan, jabatan.eselon = kelas, eselon
        jabatan.pendidikan_minimal, jabatan.jurusan = pendidikan, jurusan
        jabatan.golongan_minimal, jabatan.jenis_unit = golongan, jenis_unit
        jabatan.perlu_ditinjau = False
        jabatan.full_clean()
        jabatan.save()
        level = data_awal.LEVEL_MANAJERIAL[sub if jenis == JenisJabatan.FUNGSIONAL else jenis]
        standar = [(k, level) for k in kamus.values() if k.jenis != "TEKNIS"]
        standar += [(kamus[kt], lv) for kt, lv in teknis]
        standar_atur(jabatan=jabatan, standar=standar)
    return dibuat


# --- The pegawai import wiring ----------------------------------------------------------------


def _kunci(nama: str) -> str:
    return re.sub(r"\s+", " ", (nama or "").casefold()).strip()


def _rumpun(jenjang: str) -> str:
    if not jenjang:
        return ""
    return (
        RumpunFungsional.KEAHLIAN if jenjang.startswith("AHLI_") else RumpunFungsional.KETERAMPILAN
    )


_JENIS_DARI_TEKS = {_kunci(label): value for value, label in JenisJabatan.choices} | {
    "jpt": JenisJabatan.JPT_PRATAMA,
    "struktural": JenisJabatan.ADMINISTRATOR,
    "fungsional tertentu": JenisJabatan.FUNGSIONAL,
    "fungsional umum": JenisJabatan.PELAKSANA,
}
# Default kelas for a position the import creates (verify; HR reviews `perlu_ditinjau`).
KELAS_BAWAAN = {
    JenisJabatan.JPT_UTAMA: 17,
    JenisJabatan.JPT_MADYA: 15,
    JenisJabatan.JPT_PRATAMA: 14,
    JenisJabatan.ADMINISTRATOR: 12,
    JenisJabatan.PENGAWAS: 9,
    JenisJabatan.PELAKSANA: 6,
    JenjangFungsional.AHLI_UTAMA: 15,
    JenjangFungsional.AHLI_MADYA: 12,
    JenjangFungsional.AHLI_MUDA: 10,
    JenjangFungsional.AHLI_PERTAMA: 8,
    JenjangFungsional.PENYELIA: 8,
    JenjangFungsional.MAHIR: 7,
    JenjangFungsional.TERAMPIL: 6,
    JenjangFungsional.PEMULA: 5,
}


def jabatan_dari_teks(nama: str, jenis_teks: str) -> Jabatan:
    """An unsaved catalogue entry for a position name the import met for the first time."""
    nama = re.sub(r"\s+", " ", nama).strip()
    kunci = _kunci(nama)
    jenjang = next(
        (v for v, label in JenjangFungsional.choices if kunci.endswith(_kunci(label))), ""
    )
    jenis = _JENIS_DARI_TEKS.get(_kunci(jenis_teks)) or (
        JenisJabatan.FUNGSIONAL if jenjang else JenisJabatan.PELAKSANA
    )
    if jenis == JenisJabatan.FUNGSIONAL and not jenjang:
        jenjang = JenjangFungsional.AHLI_PERTAMA
    if jenis != JenisJabatan.FUNGSIONAL:
        jenjang = ""
    kelompok = ""
    if jenis == JenisJabatan.PELAKSANA:
        kelompok = (
            KelompokPelaksana.OPERATOR
            if "operator" in kunci or "pengolah" in kunci
            else KelompokPelaksana.TEKNISI
            if "teknisi" in kunci or "teknologi" in kunci
            else KelompokPelaksana.KLEREK
        )
    return Jabatan(
        kode="IMP-" + hashlib.sha1(kunci.encode()).hexdigest()[:8].upper(),
        nama=nama[:200],
        jenis=jenis,
        kelompok_pelaksana=kelompok,
        rumpun=_rumpun(jenjang),
        jenjang=jenjang,
        kelas_jabatan=KELAS_BAWAAN[jenjang or jenis],
        perlu_ditinjau=True,
    )


def _chunks(items: Sequence[Any], size: int = 900) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


KOLOM_PENEMPATAN_IMPOR = ("pegawai_id", "jabatan_id", "unit_kerja_id", "jenis", "nomor_sk",
                          "atasan_id", "aktif", "alasan", "peringatan", "dibuat_oleh_id",
                          "dibuat")  # fmt: skip


def penempatan_impor(*, baris: Sequence[dict[str, Any]], oleh: User | None = None) -> int:
    """Link imported rows to the catalogue and record the position they hold as the initial
    placement (jenis IMPOR, TMT unknown). Rows whose active placement already matches are
    left alone (re-import changes nothing). A bounded number of queries, none per row.
    Returns the number of placements created."""
    rows = [b for b in baris if (b.get("nama_jabatan") or "").strip()]
    if not rows:
        return 0
    katalog = {_kunci(j.nama): j for j in Jabatan.objects.all()}
    baru: dict[str, Jabatan] = {}
    for b in rows:
        kunci = _kunci(b["nama_jabatan"])
        if kunci not in katalog and kunci not in baru:
            baru[kunci] = jabatan_dari_teks(b["nama_jabatan"], b.get("jenis_jabatan") or "")
    if baru:
        bulk_create_with_history(list(baru.values()), Jabatan, default_user=oleh)
        katalog.update(
            {
                _kunci(j.nama): j
                for j in Jabatan.objects.filter(kode__in=[j.kode for j in baru.values()])
            }
        )
    aktif: dict[int, Penempatan] = {}
    for bagian in _chunks([b["pegawai_id"] for b in rows]):
        aktif.update(
            (p.pegawai_id, p) for p in Penempatan.objects.filter(aktif=True, pegawai_id__in=bagian)
        )
    hari_ini = waktu.hari_ini()
    sekarang = timezone.now()
    tutup: list[Penempatan] = []
    buat: list[tuple] = []  # plain rows for COPY: no model instance per imported row
    for b in rows:
        jabatan = katalog[_kunci(b["nama_jabatan"])]
        lama = aktif.get(b["pegawai_id"])
        if lama and (lama.jabatan_id, lama.unit_kerja_id) == (jabatan.pk, b["unit_kerja_id"]):
            continue
        if lama:
            lama.aktif, lama.tmt_selesai = False, hari_ini
            tutup.append(lama)
        buat.append((b["pegawai_id"], jabatan.pk, b["unit_kerja_id"], JenisPenempatan.IMPOR,
                     "", b.get("atasan_id"), True, "", "[]", oleh.pk if oleh else None,
                     sekarang))  # fmt: skip
    Penempatan.objects.bulk_update(tutup, ["aktif", "tmt_selesai"], batch_size=500)
    sisip_massal(Penempatan, KOLOM_PENEMPATAN_IMPOR, buat)
    return len(buat)


def pegawai_diimpor_diterima(
    sender: Any, *, baris: Sequence[dict[str, Any]], oleh: User | None = None, **kwargs: Any
) -> None:
    """Receiver of `pegawai.signals.pegawai_diimpor` (connected in `JabatanConfig.ready`)."""
    penempatan_impor(baris=baris, oleh=oleh)
