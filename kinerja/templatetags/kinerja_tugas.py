"""`{% tugas_beranda %}`: what waits for the user, on the home page of every role.

The home page belongs to `pegawai`, which may not import `kinerja`; the template loads this
tag instead (like `{% siasn_ringkasan %}`). Counts: returned reports and appraisals to
acknowledge (own), reports and SKPs waiting for the direct supervisor, and overdue complaints
for the staff who handle them (read through `pengaduan.selectors`, the one declared path).
"""

from __future__ import annotations

from django import template

from inti import waktu
from pengaduan.selectors import pengaduan_ditangani

from .. import selectors

register = template.Library()


@register.inclusion_tag("kinerja/_tugas_beranda.html", takes_context=True)
def tugas_beranda(context) -> dict:
    user = context.get("user")
    akses = context.get("akses")
    if user is None or akses is None:
        return {"tampil": False}
    tugas = selectors.tugas_kinerja(user)
    terlambat = (
        pengaduan_ditangani(user).terlambat(waktu.hari_ini()).count() if akses.staf_hr else 0
    )
    return {
        "tampil": akses.pegawai is not None or akses.staf_hr,
        "t": tugas,
        "akses": akses,
        "pengaduan_terlambat": terlambat,
    }
