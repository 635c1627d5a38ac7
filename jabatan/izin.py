"""Model permissions of the HR groups for the jabatan app (the groups belong to pegawai;
which rows they reach is decided by the access scope)."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from pegawai.models import GRUP_ADMIN_BKD
from pegawai.services import GRUP_OPERATOR_OPD

IZIN: dict[str, list[str]] = {
    GRUP_ADMIN_BKD: ["*"],
    GRUP_OPERATOR_OPD: [
        "view_jabatan",
        "view_kompetensi",
        "view_standarkompetensi",
        "view_formasi",
        "view_penempatan",
        "add_penempatan",
        "view_asesmenkompetensi",
        "add_asesmenkompetensi",
        "change_asesmenkompetensi",
    ],
}


def izin_grup_siapkan(**_: object) -> None:
    """Give the HR groups their jabatan permissions (idempotent; runs after migrate)."""
    semua = Permission.objects.filter(content_type__app_label="jabatan")
    if not semua.exists():
        return
    for nama, kode in IZIN.items():
        grup, _created = Group.objects.get_or_create(name=nama)
        grup.permissions.add(*(semua if kode == ["*"] else semua.filter(codename__in=kode)))
