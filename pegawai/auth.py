"""Login with a NIP (spaces allowed, as people copy it) or a staff username."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from .rules import normalisasi_nip


def normalisasi_username(username: str | None) -> str:
    """A NIP typed with spaces (`19800101 200501 1 001`) becomes its 18 digits."""
    teks = (username or "").strip()
    padat = normalisasi_nip(teks)
    return padat if padat.isdigit() else teks


class NipAtauUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):  # type: ignore[override]
        return super().authenticate(
            request, username=normalisasi_username(username), password=password, **kwargs
        )


def axes_username(request: Any, credentials: dict[str, Any] | None) -> str:
    """Count failures per account, whichever way its NIP was typed."""
    if credentials:
        return normalisasi_username(credentials.get("username"))
    data = getattr(request, "POST", None) or {}
    return normalisasi_username(data.get("username"))
