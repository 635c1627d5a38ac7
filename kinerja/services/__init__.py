"""Writes of e-kinerja: keyword-only, atomic, `full_clean()` before save.

Rule violations raise Django's `ValidationError` keyed by field (the API answers 400 with
the same keys); acting on someone one may see but not act on raises `TidakBerwenang` (403).

One module per concept; this package lists what the rest of the project calls:

- `skp`: SKP and RHK (create, submit, approve, return; edit and remove RHK and indicators
  of a draft; copy last year's SKP), expected behaviour;
- `laporan`: daily reports (file, correct, approve, return, approve many);
- `penilaian`: periodic and annual appraisal, the unit's organisational result;
- `rekap`: the monthly rollups and the monthly partitions: all the rollup/partition SQL;
- `umum`: the domain error and who the appraising supervisor is.
"""

from .laporan import (
    BISA_DIUBAH,
    EKSTENSI_BUKTI,
    laporan_ajukan,
    laporan_kembalikan,
    laporan_koreksi,
    laporan_setujui,
    laporan_setujui_banyak,
)
from .notifikasi import (
    surel_laporan_dikembalikan_antrekan,
    surel_laporan_dikembalikan_kirim,
    surel_penilaian_antrekan,
    surel_penilaian_kirim,
)
from .penilaian import (
    hasil_organisasi_atur,
    penilaian_bisa_dikoreksi,
    penilaian_buat,
    penilaian_sanggah,
    penilaian_terima,
    penilaian_ubah,
)
from .rekap import (
    KOLOM_PREDIKAT,
    KOLOM_UNIT,
    WORK_MEM_REKAP,
    HasilRekap,
    bulan_rekap_malam,
    indikator_terhapus_tandai,
    laporan_terhapus_tandai,
    partisi_bulanan_buat,
    partisi_laporan_siapkan,
    rekap_bulan_hitung,
    rekap_bulan_segarkan,
    rekap_jadwalkan,
    rekap_pegawai_hitung,
    rekap_rhk_hitung,
    rekap_tertunda_tandai,
    rekap_unit_hitung,
)
from .skp import (
    PESAN_TERKUNCI,
    ekspektasi_simpan,
    indikator_hapus,
    indikator_tambah,
    indikator_ubah,
    rhk_hapus,
    rhk_tambah,
    rhk_ubah,
    skp_ajukan,
    skp_buat,
    skp_kembalikan,
    skp_salin,
    skp_setujui,
)
from .umum import (
    PESAN_BUKAN_ATASAN,
    PESAN_TANPA_PEGAWAI,
    TidakBerwenang,
    atasan_pastikan,
    atasan_penilai,
    pegawai_pelaku,
)

__all__ = [
    "atasan_pastikan",
    "atasan_penilai",
    "BISA_DIUBAH",
    "bulan_rekap_malam",
    "ekspektasi_simpan",
    "EKSTENSI_BUKTI",
    "hasil_organisasi_atur",
    "HasilRekap",
    "KOLOM_PREDIKAT",
    "KOLOM_UNIT",
    "laporan_setujui",
    "laporan_setujui_banyak",
    "laporan_koreksi",
    "laporan_kembalikan",
    "laporan_ajukan",
    "partisi_bulanan_buat",
    "partisi_laporan_siapkan",
    "penilaian_terima",
    "penilaian_bisa_dikoreksi",
    "penilaian_buat",
    "penilaian_ubah",
    "penilaian_sanggah",
    "PESAN_BUKAN_ATASAN",
    "PESAN_TANPA_PEGAWAI",
    "pegawai_pelaku",
    "indikator_terhapus_tandai",
    "laporan_terhapus_tandai",
    "rekap_bulan_hitung",
    "rekap_bulan_segarkan",
    "rekap_tertunda_tandai",
    "rekap_jadwalkan",
    "rekap_pegawai_hitung",
    "rekap_rhk_hitung",
    "rekap_unit_hitung",
    "indikator_hapus",
    "indikator_tambah",
    "indikator_ubah",
    "PESAN_TERKUNCI",
    "rhk_hapus",
    "rhk_tambah",
    "rhk_ubah",
    "skp_salin",
    "skp_setujui",
    "skp_buat",
    "skp_kembalikan",
    "skp_ajukan",
    "surel_laporan_dikembalikan_antrekan",
    "surel_laporan_dikembalikan_kirim",
    "surel_penilaian_antrekan",
    "surel_penilaian_kirim",
    "TidakBerwenang",
    "WORK_MEM_REKAP",
]
