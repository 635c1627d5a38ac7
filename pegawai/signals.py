"""Signals other apps listen to, so that pegawai never imports a higher app."""

from django.dispatch import Signal

# Sent inside the import transaction after the rows are written (not on a dry run).
# kwargs: `baris` — list of dicts with pegawai_id, nip, nama_jabatan, jenis_jabatan,
# unit_kerja_id, atasan_id (one per valid row); `oleh` — the importing user or None.
pegawai_diimpor = Signal()
