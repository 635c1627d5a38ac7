"""Signals higher apps listen to, so that pelatihan never imports them."""

from django.dispatch import Signal

# Sent inside the transaction that books (or withdraws) a participant's recognised JP in the
# ledger, i.e. when a completed session's training counts for the employee.
# kwargs: `peserta` — pelatihan.models.Peserta; `catatan` — the CatatanJP row, or None when
# the recognition was withdrawn (result changed, session reopened).
pelatihan_diakui = Signal()
