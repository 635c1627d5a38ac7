"""Model permissions of the HR groups for the jabatan app (the groups belong to pegawai;
which rows they reach is decided by the access scope)."""

from __future__ import annotations

from inti.izin import izin_grup_pasang
from pegawai.models import GRUP_ADMIN_BKD
from pegawai.services import GRUP_OPERATOR_OPD

IZIN: dict[str, list[str]] = {
    GRUP_ADMIN_BKD: ["jabatan.*"],
    GRUP_OPERATOR_OPD: [
        "jabatan.view_jabatan",
        "jabatan.view_kompetensi",
        "jabatan.view_standarkompetensi",
        "jabatan.view_formasi",
        "jabatan.view_penempatan",
        "jabatan.add_penempatan",
        "jabatan.view_asesmenkompetensi",
        "jabatan.add_asesmenkompetensi",
        "jabatan.change_asesmenkompetensi",
    ],
}


def izin_grup_siapkan(**_: object) -> None:
    """Give the HR groups their jabatan permissions (idempotent; runs after migrate)."""
    izin_grup_pasang(IZIN)
