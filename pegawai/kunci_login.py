"""Login lock-out policy (django-axes) and what happens when a password changes.

Why not lock the account itself: anyone who knows a username (`admin`, a NIP printed on a
letter) could then lock its owner out of the pages, the API and the admin by typing five
wrong passwords from anywhere. So:

- the primary rule counts failures per pair (account, address): `AXES_FAILURE_LIMIT`
  (default 5) wrong passwords lock that account *from that address* only; the owner logging
  in from elsewhere is not affected;
- a second, higher limit per address (`AXES_BATAS_PER_ALAMAT`, default 30) stops one address
  guessing across many accounts;
- both last `AXES_COOLOFF_TIME`; the owner has a way in: a password reset (or change) clears
  every failure recorded for the account, and Admin BKD can delete the lock in the admin
  ("Access attempts"), which unlocks at once.

The address comes from `inti.alamat` (trusted proxy count from the environment).
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import Sum


def _jumlah(qs) -> int:
    return qs.aggregate(jumlah=Sum("failures_since_start"))["jumlah"] or 0


class PenanganKunciLogin(AxesDatabaseHandler):
    """Axes' database handler with two limits: per (username, address) and per address.

    `AXES_LOCKOUT_PARAMETERS` is `[["username", "ip_address"], ["ip_address"]]`; axes compares
    one number with one limit, so this returns the pair's failures, or at least the limit
    once the address as a whole is over its own (higher) limit.
    """

    def get_failures(self, request: Any, credentials: dict | None = None) -> int:
        pasangan_qs, alamat_qs = self.get_user_attempts(request, credentials)
        pasangan = _jumlah(pasangan_qs)
        if _jumlah(alamat_qs) >= settings.AXES_BATAS_PER_ALAMAT:
            return max(pasangan, get_failure_limit(request, credentials))
        return pasangan


# --- A changed password (reset, change, admin) or a deactivated account -----------------------


def _catat_sebelum_simpan(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """Remember whether this save changes the password or deactivates the account."""
    instance._sandi_berubah = instance._dinonaktifkan = False
    update_fields = kwargs.get("update_fields")
    if raw or instance.pk is None:
        return
    if update_fields is not None and not {"password", "is_active"} & set(update_fields):
        return  # e.g. last_login on every login: no extra query
    lama = sender.objects.filter(pk=instance.pk).values_list("password", "is_active").first()
    if lama is None:
        return
    instance._sandi_berubah = lama[0] != instance.password
    instance._dinonaktifkan = lama[1] and not instance.is_active


def _setelah_simpan(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    if getattr(instance, "_sandi_berubah", False) or getattr(instance, "_dinonaktifkan", False):
        akun_kredensial_berubah(user=instance, sandi_berubah=instance._sandi_berubah)
        instance._sandi_berubah = instance._dinonaktifkan = False


def akun_kredensial_berubah(*, user: Any, sandi_berubah: bool) -> None:
    """The owner proved themselves (a new password) or the account was switched off: every
    API token of the account is revoked, and a new password also clears the lock-out."""
    from .token_api import token_cabut_semua

    token_cabut_semua(user=user)
    if sandi_berubah:
        from axes.utils import reset

        reset(username=user.get_username())


def _pegawai_sebelum_simpan(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """An employee record switched off (left the service): their account's tokens go too."""
    instance._dinonaktifkan = False
    if raw or instance.pk is None or instance.aktif or instance.user_id is None:
        return
    instance._dinonaktifkan = sender.objects.filter(pk=instance.pk, aktif=True).exists()


def _pegawai_setelah_simpan(sender: Any, instance: Any, **kwargs: Any) -> None:
    if getattr(instance, "_dinonaktifkan", False):
        from .token_api import token_cabut_semua

        token_cabut_semua(user=instance.user)
        instance._dinonaktifkan = False


def sambungkan() -> None:
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_save, pre_save

    from .models import Pegawai

    model = get_user_model()
    pre_save.connect(_catat_sebelum_simpan, sender=model, dispatch_uid="kunci_login_pre")
    post_save.connect(_setelah_simpan, sender=model, dispatch_uid="kunci_login_post")
    pre_save.connect(_pegawai_sebelum_simpan, sender=Pegawai, dispatch_uid="kunci_pegawai_pre")
    post_save.connect(_pegawai_setelah_simpan, sender=Pegawai, dispatch_uid="kunci_pegawai_post")
