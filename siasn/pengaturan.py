"""The SIASN configuration, read from settings (which read the environment).

With any credential missing the integration is off: the HR page says "belum dikonfigurasi",
nothing is queued and nothing is sent. `make run` works offline as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

# Setting name -> what BKN calls it; every one must be set for the integration to run.
WAJIB = {
    "SIASN_API_URL": "alamat web service SIASN",
    "SIASN_TOKEN_URL": "alamat token gateway (OAuth2)",
    "SIASN_SSO_URL": "alamat token SSO BKN",
    "SIASN_CONSUMER_KEY": "consumer key",
    "SIASN_CONSUMER_SECRET": "consumer secret",
    "SIASN_SSO_CLIENT_ID": "client id SSO",
    "SIASN_SSO_USERNAME": "username SSO instansi",
    "SIASN_SSO_PASSWORD": "password SSO instansi",
}


@dataclass(frozen=True)
class Konfigurasi:
    api_url: str
    token_url: str
    sso_url: str
    consumer_key: str
    consumer_secret: str
    sso_client_id: str
    sso_username: str
    sso_password: str
    timeout: float


def belum_diisi() -> list[str]:
    """The settings still empty (names only, never values)."""
    return [nama for nama in WAJIB if not (getattr(settings, nama, "") or "").strip()]


def aktif() -> bool:
    return not belum_diisi()


def konfigurasi() -> Konfigurasi | None:
    if not aktif():
        return None
    return Konfigurasi(
        api_url=settings.SIASN_API_URL.rstrip("/"),
        token_url=settings.SIASN_TOKEN_URL,
        sso_url=settings.SIASN_SSO_URL,
        consumer_key=settings.SIASN_CONSUMER_KEY,
        consumer_secret=settings.SIASN_CONSUMER_SECRET,
        sso_client_id=settings.SIASN_SSO_CLIENT_ID,
        sso_username=settings.SIASN_SSO_USERNAME,
        sso_password=settings.SIASN_SSO_PASSWORD,
        timeout=float(getattr(settings, "SIASN_TIMEOUT", 10)),
    )
