"""Setups shared by the SIASN tests."""

from __future__ import annotations

from django.utils import timezone

from kinerja import services as kinerja_services
from kinerja.models import Penilaian
from pelatihan import services as pelatihan_services
from pelatihan.models import Peserta, StatusSesi
from tests.pelatihan.factories import PelatihanFactory, PesertaFactory, SesiFactory


def nilai(org, pegawai=None, *, periode: str | None = None, hasil="DI_ATAS", perilaku="SESUAI"):
    """The supervisor appraises one period (the annual one by default) through the service."""
    pegawai = pegawai or org.staf1
    return kinerja_services.penilaian_buat(
        penilai=pegawai.atasan,
        pegawai=pegawai,
        periode=periode or str(timezone.localdate().year),
        rating_hasil_kerja=hasil,
        rating_perilaku=perilaku,
        umpan_balik="Kerja baik, pertahankan.",
    )


def lulus(pegawai, *, jenis="TEKNIS", nama="Pelatihan Surveilans Epidemiologi", jp=24) -> Peserta:
    """A participant of a completed session, recorded present and passed (JP recognised)."""
    program = PelatihanFactory(jenis=jenis, nama=nama, jp=jp, nama_penyelenggara="BPSDM Lampung")
    sesi = SesiFactory(pelatihan=program, status=StatusSesi.SELESAI)
    peserta = PesertaFactory(sesi=sesi, pegawai=pegawai)
    return pelatihan_services.peserta_hasil_catat(peserta=peserta, hadir=True, hasil="LULUS")


def periode_triwulan_lalu() -> str:
    hari = timezone.localdate()
    q = (hari.month - 1) // 3 + 1
    return f"{hari.year}-Q{q - 1}" if q > 1 else f"{hari.year - 1}-Q4"


__all__ = ["Penilaian", "lulus", "nilai", "periode_triwulan_lalu"]
