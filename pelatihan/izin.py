"""Model permissions of the HR groups for the pelatihan app (the groups belong to pegawai;
which rows they reach is decided by the access scope)."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from pegawai.models import GRUP_ADMIN_BKD
from pegawai.services import GRUP_OPERATOR_OPD

IZIN: dict[str, list[str]] = {
    GRUP_ADMIN_BKD: ["*"],
    GRUP_OPERATOR_OPD: [
        "view_pelatihan",
        "view_kompetensipelatihan",
        "view_narasumber",
        "view_sesi",
        "view_peserta",
        "add_peserta",
        "change_peserta",
        "view_sertifikat",
        "add_sertifikat",
        "change_sertifikat",
        "view_catatanjp",
        "add_catatanjp",
        "change_catatanjp",
        "view_kebutuhanpelatihan",
        "add_kebutuhanpelatihan",
        "change_kebutuhanpelatihan",
        "view_undangansurvei",
        "view_targetjp",
    ],
}


def izin_grup_siapkan(**_: object) -> None:
    """Give the HR groups their pelatihan permissions (idempotent; runs after migrate)."""
    semua = Permission.objects.filter(content_type__app_label="pelatihan")
    if not semua.exists():
        return
    for nama, kode in IZIN.items():
        grup, _created = Group.objects.get_or_create(name=nama)
        grup.permissions.add(*(semua if kode == ["*"] else semua.filter(codename__in=kode)))
