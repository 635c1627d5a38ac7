"""`{% siasn_ringkasan %}`: the small SIASN block of the HR home page (HR roles only)."""

from __future__ import annotations

from django import template

from siasn import pengaturan, selectors

register = template.Library()


@register.inclusion_tag("siasn/_ringkasan_beranda.html", takes_context=True)
def siasn_ringkasan(context) -> dict:
    user = context.get("user")
    if user is None or not selectors.boleh_melihat(user):
        return {"tampil": False}
    aktif = pengaturan.aktif()
    return {
        "tampil": True,
        "aktif": aktif,
        "jumlah": selectors.jumlah(user) if aktif else None,
    }
