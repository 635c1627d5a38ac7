"""One-time links for emailed survey invitations.

The token is signed (Django's signing with SECRET_KEY) and carries the invitation id and its
random `kunci`. Answering the survey replaces `kunci`, so a link works exactly once; links
also expire after `PELATIHAN_MASA_BERLAKU_TAUTAN_HARI` days.
"""

from __future__ import annotations

import hmac

from django.core import signing
from django.urls import reverse

from . import pengaturan
from .models import UndanganSurvei

SALT = "pelatihan.survei.undangan"
PESAN_TAUTAN_SALAH = (
    "Tautan survei tidak sah, sudah dipakai, atau sudah kedaluwarsa. Masuk ke aplikasi untuk "
    "melihat survei Anda yang masih terbuka."
)


class TautanTidakSah(Exception):
    pass


def token_undangan(undangan: UndanganSurvei) -> str:
    return signing.dumps({"u": undangan.pk, "k": undangan.kunci}, salt=SALT, compress=True)


def url_undangan(undangan: UndanganSurvei) -> str:
    path = reverse("pelatihan:survei-tautan", args=[token_undangan(undangan)])
    return f"{pengaturan.url_situs()}{path}"


def undangan_dari_token(token: str) -> UndanganSurvei:
    """The open invitation a token points to; `TautanTidakSah` otherwise."""
    max_age = pengaturan.masa_berlaku_tautan_hari() * 24 * 60 * 60
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
        undangan = UndanganSurvei.objects.with_relasi().get(pk=int(data["u"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError, UndanganSurvei.DoesNotExist):
        raise TautanTidakSah(PESAN_TAUTAN_SALAH) from None
    if not hmac.compare_digest(str(data.get("k", "")), undangan.kunci):
        raise TautanTidakSah(PESAN_TAUTAN_SALAH)
    if undangan.dijawab is not None:
        raise TautanTidakSah(PESAN_TAUTAN_SALAH)
    return undangan
