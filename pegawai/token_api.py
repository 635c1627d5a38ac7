"""API tokens: revoked when the password changes or the account is switched off, and
expiring after `TOKEN_API_UMUR_JAM` hours (setting; DRF's own tokens never expire).

One token per account (DRF's `authtoken`): logging in again returns the same token while it is
valid, a new one once it has expired or was revoked. The owner sees it (created, expires) on the
profile page and in `GET /api/v1/auth/token/saya/`, and revokes it there
(`DELETE /api/v1/auth/token/saya/`) — e.g. after losing a phone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token

PESAN_KEDALUWARSA = "Token sudah kedaluwarsa. Silakan masuk lagi untuk mendapat token baru."


def umur_token() -> timedelta:
    return timedelta(hours=settings.TOKEN_API_UMUR_JAM)


def token_kedaluwarsa_pada(token: Token) -> datetime:
    return token.created + umur_token()


def token_kedaluwarsa(token: Token, *, sekarang: datetime | None = None) -> bool:
    return (sekarang or timezone.now()) >= token_kedaluwarsa_pada(token)


def token_terbitkan(*, user: Any) -> Token:
    """The account's valid token, or a new one when there is none or it has expired."""
    token = Token.objects.filter(user=user).first()
    if token is not None and token_kedaluwarsa(token):
        token.delete()
        token = None
    if token is None:
        token = Token.objects.create(user=user)
    return token


def token_cabut_semua(*, user: Any) -> int:
    """Revoke every API token of the account; returns how many there were."""
    jumlah, _ = Token.objects.filter(user=user).delete()
    return jumlah


def token_cabut_akun(*, user_ids: Iterable[int]) -> int:
    """Revoke the API tokens of many accounts at once (bulk deactivation by import)."""
    ids = sorted(set(user_ids))
    jumlah = 0
    for i in range(0, len(ids), 900):
        hapus, _ = Token.objects.filter(user_id__in=ids[i : i + 900]).delete()
        jumlah += hapus
    return jumlah


class TokenBerumurAuthentication(TokenAuthentication):
    """`Authorization: Token <key>` that refuses (401) an expired token and deletes it."""

    def authenticate_credentials(self, key: str):
        user, token = super().authenticate_credentials(key)
        if token_kedaluwarsa(token):
            token.delete()
            raise exceptions.AuthenticationFailed(PESAN_KEDALUWARSA)
        return user, token
