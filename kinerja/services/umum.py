"""Shared by the kinerja services: the domain error of acting outside one's role, who acts
(the employee record of `oleh`), and who the appraising supervisor is."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from pegawai.akses import akses_untuk
from pegawai.models import Pegawai


class TidakBerwenang(PermissionDenied):
    """The user may see the record but not take this action on it."""


PESAN_BUKAN_ATASAN = "Hanya atasan langsung pegawai ini yang dapat melakukannya."
PESAN_TANPA_PEGAWAI = "Akun ini tidak terhubung dengan data pegawai."


def pegawai_pelaku(oleh: User) -> Pegawai:
    """The employee record of the acting user (`oleh`): in kinerja people act as employees
    and supervisors, so an account without one may not act (403)."""
    pegawai = akses_untuk(oleh).pegawai
    if pegawai is None:
        raise TidakBerwenang(PESAN_TANPA_PEGAWAI)
    return pegawai


def atasan_penilai(pegawai: Pegawai) -> Pegawai | None:
    """The pejabat penilai of a pegawai today: their direct supervisor.

    Hook: once the jabatan app's placements exist, the supervisor follows from the
    position tree; swap the body here (kinerja must not import jabatan before then).
    """
    return pegawai.atasan if pegawai.atasan_id else None


def atasan_pastikan(saya: Pegawai, pegawai: Pegawai) -> None:
    if pegawai.atasan_id is None or pegawai.atasan_id != saya.pk:
        raise TidakBerwenang(PESAN_BUKAN_ATASAN)
