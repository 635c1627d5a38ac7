"""Shared by the kinerja services: the domain error of acting outside one's role, and who the
appraising supervisor is."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from pegawai.models import Pegawai


class TidakBerwenang(PermissionDenied):
    """The user may see the record but not take this action on it."""


PESAN_BUKAN_ATASAN = "Hanya atasan langsung pegawai ini yang dapat melakukannya."


def atasan_penilai(pegawai: Pegawai) -> Pegawai | None:
    """The pejabat penilai of a pegawai today: their direct supervisor.

    Hook: once the jabatan app's placements exist, the supervisor follows from the
    position tree; swap the body here (kinerja must not import jabatan before then).
    """
    return pegawai.atasan if pegawai.atasan_id else None


def atasan_pastikan(oleh: Pegawai, pegawai: Pegawai) -> None:
    if pegawai.atasan_id is None or pegawai.atasan_id != oleh.pk:
        raise TidakBerwenang(PESAN_BUKAN_ATASAN)
