"""Model permissions of the HR groups for the pelatihan app (the groups belong to pegawai;
which rows they reach is decided by the access scope)."""

from __future__ import annotations

from inti.izin import izin_grup_pasang
from pegawai.models import GRUP_ADMIN_BKD
from pegawai.services import GRUP_OPERATOR_OPD

IZIN: dict[str, list[str]] = {
    GRUP_ADMIN_BKD: ["pelatihan.*"],
    GRUP_OPERATOR_OPD: [
        "pelatihan.view_pelatihan",
        "pelatihan.view_kompetensipelatihan",
        "pelatihan.view_narasumber",
        "pelatihan.view_sesi",
        "pelatihan.view_peserta",
        "pelatihan.add_peserta",
        "pelatihan.change_peserta",
        "pelatihan.view_sertifikat",
        "pelatihan.add_sertifikat",
        "pelatihan.change_sertifikat",
        "pelatihan.view_catatanjp",
        "pelatihan.add_catatanjp",
        "pelatihan.change_catatanjp",
        "pelatihan.view_kebutuhanpelatihan",
        "pelatihan.add_kebutuhanpelatihan",
        "pelatihan.change_kebutuhanpelatihan",
        "pelatihan.view_undangansurvei",
        "pelatihan.view_targetjp",
    ],
}


def izin_grup_siapkan(**_: object) -> None:
    """Give the HR groups their pelatihan permissions (idempotent; runs after migrate)."""
    izin_grup_pasang(IZIN)
