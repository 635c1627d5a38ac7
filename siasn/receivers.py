"""Listeners of the lower apps' signals: each queues an outbox row inside the transaction
that saved the local record (so both exist, or neither)."""

from __future__ import annotations

from datetime import date

from kinerja.models import AngkaKredit, JenisAngkaKredit, Penilaian
from kinerja.signals import angka_kredit_ditetapkan, penilaian_final
from pelatihan.models import Peserta
from pelatihan.signals import pelatihan_diakui

from . import muatan, pengaturan, services
from .models import Operasi


def pada_penilaian_final(sender, *, penilaian: Penilaian, **_: object) -> None:
    if not pengaturan.aktif():
        return
    p = Penilaian.objects.select_related("pegawai", "penilai", "penilai__unit_kerja").get(
        pk=penilaian.pk
    )
    services.kiriman_antre(
        jenis=muatan.jenis_penilaian(p),
        sumber=muatan.sumber_penilaian(p),
        pegawai=p.pegawai,
        uraian=f"Penilaian kinerja {p.periode}: {p.get_predikat_display()}",
        muatan=muatan.penilaian(p),
    )


def pada_pelatihan_diakui(sender, *, peserta: Peserta, catatan=None, **_: object) -> None:
    if not pengaturan.aktif():
        return
    peserta = Peserta.objects.select_related("sesi__pelatihan", "pegawai").get(pk=peserta.pk)
    uraian = f"{peserta.sesi.pelatihan.nama} ({peserta.sesi.kode})"
    if catatan is None:
        services.kiriman_antre(
            jenis=muatan.jenis_pelatihan(peserta),
            sumber=muatan.sumber_peserta(peserta),
            pegawai=peserta.pegawai,
            uraian=f"Tarik: {uraian}",
            operasi=Operasi.HAPUS,
        )
        return
    services.kiriman_antre(
        jenis=muatan.jenis_pelatihan(peserta),
        sumber=muatan.sumber_peserta(peserta),
        pegawai=peserta.pegawai,
        uraian=f"{uraian}, {catatan.jp} JP",
        muatan=muatan.pelatihan(peserta, catatan),
    )


def pada_angka_kredit_ditetapkan(sender, *, baris: AngkaKredit, **_: object) -> None:
    if not pengaturan.aktif() or not baris.ditetapkan:
        return
    baris = AngkaKredit.objects.select_related("pegawai").get(pk=baris.pk)
    services.angka_kredit_antre(
        pegawai=baris.pegawai,
        sumber=f"kinerja.angkakredit:{baris.pk}",
        uraian=f"Angka kredit {baris.tahun} ({baris.get_jenis_display()}), PAK {baris.nomor_pak}",
        nomor_sk=baris.nomor_pak,
        tanggal_sk=baris.tanggal_pak,
        mulai=date(baris.tahun, 1, 1),
        selesai=date(baris.tahun, 12, 31),
        kredit_utama=baris.nilai,
        konversi=baris.jenis == JenisAngkaKredit.KONVERSI,
    )


def sambungkan() -> None:
    penilaian_final.connect(pada_penilaian_final, dispatch_uid="siasn_penilaian_final")
    pelatihan_diakui.connect(pada_pelatihan_diakui, dispatch_uid="siasn_pelatihan_diakui")
    angka_kredit_ditetapkan.connect(
        pada_angka_kredit_ditetapkan, dispatch_uid="siasn_angka_kredit_ditetapkan"
    )
