"""Signals higher apps listen to, so that kinerja never imports them."""

from django.dispatch import Signal

# Sent inside the transaction that saves an appraisal, once it is final (the supervisor's
# decision; the employee's acknowledgement or objection does not change it).
# kwargs: `penilaian` — the saved kinerja.models.Penilaian.
penilaian_final = Signal()

# Sent inside the transaction that saves an angka kredit row whose PAK (nomor and tanggal) is
# recorded: when HR records the PAK, and when a conversion is recomputed after a correction.
# kwargs: `baris` — the saved kinerja.models.AngkaKredit.
angka_kredit_ditetapkan = Signal()
