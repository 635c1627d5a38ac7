"""Signals higher apps listen to, so that kinerja never imports them."""

from django.dispatch import Signal

# Sent inside the transaction that saves an appraisal, once it is final (the supervisor's
# decision; the employee's acknowledgement or objection does not change it).
# kwargs: `penilaian` — the saved kinerja.models.Penilaian.
penilaian_final = Signal()
