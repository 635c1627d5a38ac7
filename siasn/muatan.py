"""What each kind of record looks like at BKN: the write and delete paths, where the PNS id
goes, and the payload built from the local record.

Field names follow BKN's SIASN web service as used by the public clients listed in
docs/SIASN.md (skp22/save, kinerjaperiodik/save, diklat/save, kursus/save,
angkakredit/save). The payload stored in the outbox is complete except for BKN's own PNS id,
which the delivery looks up (`pns/data-utama/{nip}` -> `id`) and adds under `kolom_pns`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from kinerja.models import Penilaian
from kinerja.rules import TAHUNAN, parse_periode
from pelatihan.models import CatatanJP, Peserta

from . import rules
from .models import JenisKiriman


@dataclass(frozen=True)
class Spesifikasi:
    simpan: str  # POST path
    hapus: str | None  # DELETE path prefix ("…/delete/{id}"); None: BKN has no delete
    riwayat: str  # GET pns/rw-<riwayat>/{nip}
    kolom_pns: str  # where BKN's PNS id goes in the payload
    # Fields that identify "the same record" in BKN's history (used after a crash or a
    # timeout, to see whether BKN already has what we were sending).
    pengenal: tuple[str, ...]


SPESIFIKASI: dict[str, Spesifikasi] = {
    JenisKiriman.SKP22: Spesifikasi(
        simpan="skp22/save", hapus=None, riwayat="skp22",
        kolom_pns="pnsDinilaiOrang", pengenal=("tahun",),
    ),
    JenisKiriman.KINERJA_PERIODIK: Spesifikasi(
        simpan="kinerjaperiodik/save", hapus="kinerjaperiodik/delete", riwayat="kinerjaperiodik",
        kolom_pns="pnsDinilaiId",
        pengenal=("tahunMulaiPenilaian", "bulanMulaiPenilaian", "bulanSelesaiPenilaian"),
    ),
    JenisKiriman.DIKLAT: Spesifikasi(
        simpan="diklat/save", hapus="diklat/delete", riwayat="diklat",
        kolom_pns="pnsOrangId", pengenal=("latihanStrukturalId", "tanggal", "tanggalSelesai"),
    ),
    JenisKiriman.KURSUS: Spesifikasi(
        simpan="kursus/save", hapus="kursus/delete", riwayat="kursus",
        kolom_pns="pnsOrangId", pengenal=("namaKursus", "tanggalKursus", "tanggalSelesaiKursus"),
    ),
    JenisKiriman.ANGKA_KREDIT: Spesifikasi(
        simpan="angkakredit/save", hapus="angkakredit/delete", riwayat="angkakredit",
        kolom_pns="pnsId", pengenal=("nomorSk",),
    ),
}  # fmt: skip


def lengkapi(jenis: str, muatan: dict, *, pns_id: str, bkn_id_lama: str = "") -> dict:
    """The payload as sent: BKN's PNS id added; for SKP (no delete service at BKN) the id of
    the record a correction replaces, so BKN updates it in place."""
    hasil = {**muatan, SPESIFIKASI[jenis].kolom_pns: pns_id}
    if jenis == JenisKiriman.SKP22:
        hasil["id"] = bkn_id_lama or None
    return hasil


def sama_dengan(jenis: str, muatan: dict, entri: dict) -> bool:
    """Whether an entry of BKN's history is the record `muatan` describes: every identifying
    field equal, and every other field BKN shows equal too."""
    spes = SPESIFIKASI[jenis]
    for kunci in spes.pengenal:
        if str(entri.get(kunci, "")) != str(muatan.get(kunci, "")):
            return False
    for kunci, nilai in muatan.items():
        if kunci in ("id", "path", spes.kolom_pns) or kunci not in entri:
            continue
        if str(entri[kunci]) != str(nilai):
            return False
    return True


# --- Appraisal -------------------------------------------------------------------------------


def _penilai(p: Penilaian) -> dict[str, Any]:
    penilai = p.penilai
    return {
        "penilaiNipNrp": penilai.nip,
        "penilaiNama": penilai.nama_lengkap,
        "penilaiGolongan": rules.golongan_id(penilai.golongan),
        "penilaiUnorNama": penilai.unit_kerja.nama,
        "statusPenilai": "ASN",
    }


def jenis_penilaian(p: Penilaian) -> str:
    return JenisKiriman.SKP22 if p.jenis_periode == TAHUNAN else JenisKiriman.KINERJA_PERIODIK


def sumber_penilaian(p: Penilaian) -> str:
    return f"kinerja.penilaian:{p.pk}"


def penilaian(p: Penilaian) -> dict[str, Any]:
    """skp22/save for the annual appraisal, kinerjaperiodik/save for a periodic one."""
    nilai = {
        "hasilKinerjaNilai": rules.NILAI_RATING[p.rating_hasil_kerja],
        "perilakuKerjaNilai": rules.NILAI_RATING[p.rating_perilaku],
        "kuadranKinerjaNilai": rules.KUADRAN_PREDIKAT[p.predikat],
    }
    if p.jenis_periode == TAHUNAN:
        return {
            "tahun": p.tahun,
            **nilai,
            **_penilai(p),
            "penilaiJabatan": p.penilai.nama_jabatan,
        }
    per = parse_periode(p.periode)
    return {
        "tahun": p.tahun,
        "periodikId": rules.PERIODIK_ID[p.jenis_periode],
        "bulanMulaiPenilaian": per.mulai.month,
        "bulanSelesaiPenilaian": per.akhir.month,
        "tahunMulaiPenilaian": per.mulai.year,
        "tahunSelesaiPenilaian": per.akhir.year,
        **nilai,
        "koefisienId": "",
        **_penilai(p),
        "penilaiJabatanNama": p.penilai.nama_jabatan,
    }


# --- Training ---------------------------------------------------------------------------------


def sumber_peserta(peserta: Peserta) -> str:
    return f"pelatihan.peserta:{peserta.pk}"


def jenis_pelatihan(peserta: Peserta) -> str:
    jenis = rules.jenis_riwayat_pelatihan(peserta.sesi.pelatihan.jenis)
    return JenisKiriman.DIKLAT if jenis == "DIKLAT" else JenisKiriman.KURSUS


def pelatihan(peserta: Peserta, catatan: CatatanJP) -> dict[str, Any]:
    """diklat/save for leadership trainings (PKP/PKA/PKN), kursus/save for the rest; JP as
    `jumlahJam`, the session's dates, the certificate number when one was issued."""
    sesi = peserta.sesi
    program = sesi.pelatihan
    sertifikat = getattr(peserta, "sertifikat", None)
    nomor = sertifikat.nomor if sertifikat is not None else ""
    penyelenggara = program.nama_penyelenggara or program.get_penyelenggara_display()
    if rules.jenis_riwayat_pelatihan(program.jenis) == "DIKLAT":
        return {
            "latihanStrukturalId": rules.LATIHAN_STRUKTURAL_ID[program.jenis],
            "nomor": nomor,
            "tanggal": rules.tanggal_bkn(sesi.tanggal_mulai),
            "tanggalSelesai": rules.tanggal_bkn(sesi.tanggal_selesai),
            "tahun": sesi.tanggal_selesai.year,
            "jumlahJam": rules.jam_pelajaran(catatan.jp),
            "institusiPenyelenggara": penyelenggara,
            "bobot": 0,
            "jenisKompetensi": "",
        }
    return {
        "namaKursus": program.nama,
        "jenisKursus": "",
        "jenisDiklatId": rules.JENIS_DIKLAT_ID.get(program.jenis, rules.JENIS_DIKLAT_LAIN),
        "jenisKursusSertipikat": "",
        "institusiPenyelenggara": penyelenggara,
        "jumlahJam": rules.jam_pelajaran(catatan.jp),
        "tahunKursus": sesi.tanggal_selesai.year,
        "tanggalKursus": rules.tanggal_bkn(sesi.tanggal_mulai),
        "tanggalSelesaiKursus": rules.tanggal_bkn(sesi.tanggal_selesai),
        "nomorSertipikat": nomor,
        "instansiId": "",
        "lokasiId": "",
    }


# --- Angka kredit -----------------------------------------------------------------------------


def angka_kredit(
    *,
    nomor_sk: str,
    tanggal_sk: date,
    mulai: date,
    selesai: date,
    kredit_utama: Decimal,
    kredit_penunjang: Decimal = Decimal(0),
    pertama: bool = False,
    konversi: bool = False,
    rw_jabatan_id: str = "",
) -> dict[str, Any]:
    """angkakredit/save. BKN's field names keep their spelling ("Penailan") and take the
    numbers as strings. `konversi` marks the annual conversion of a predikat (PermenPANRB
    1/2023); an HR adjustment is not one."""
    total = Decimal(kredit_utama) + Decimal(kredit_penunjang)
    return {
        "nomorSk": nomor_sk.strip(),
        "tanggalSk": rules.tanggal_bkn(tanggal_sk),
        "bulanMulaiPenailan": str(mulai.month),
        "tahunMulaiPenailan": str(mulai.year),
        "bulanSelesaiPenailan": str(selesai.month),
        "tahunSelesaiPenailan": str(selesai.year),
        "kreditUtamaBaru": str(Decimal(kredit_utama)),
        "kreditPenunjangBaru": str(Decimal(kredit_penunjang)),
        "kreditBaruTotal": str(total),
        "isAngkaKreditPertama": "1" if pertama else "0",
        "isIntegrasi": "0",
        "isKonversi": "1" if konversi else "0",
        "rwJabatanId": rw_jabatan_id,
    }
