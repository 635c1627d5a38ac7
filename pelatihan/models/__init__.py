"""Competency development: the training catalogue, sessions and participants, the JP ledger,
certificates, training needs (AKPK) and post-training surveys (Kirkpatrick).

One module per concept (`program`, `sesi`, `jp`, `kebutuhan`, `survei`); this package is
what the rest of the project imports (`from pelatihan.models import Sesi`) and what the
migrations name (`pelatihan.models.kunci_baru`, `pelatihan.models._unggah_sertifikat`).
Workflows that span models live in `services.py`; pure rules in `rules.py`.
"""

from .jp import (
    SUMBER_MANUAL,
    SUMBER_SESI,
    CatatanJP,
    CatatanJPQuerySet,
    JpTahunan,
    Sertifikat,
    SertifikatQuerySet,
    TargetJP,
    _unggah_sertifikat,
)
from .kebutuhan import (
    KebutuhanPelatihan,
    StatusKebutuhan,
    SumberKebutuhan,
)
from .program import (
    JENIS_CHOICES,
    LEVEL_VALIDATORS,
    JenisNarasumber,
    KompetensiPelatihan,
    Narasumber,
    Pelatihan,
    PelatihanQuerySet,
    Penyelenggara,
)
from .rekap import RekapAkpkUnit, StempelRekapAkpk
from .sesi import (
    NILAI_VALIDATORS,
    STATUS_PESERTA_AKTIF,
    STATUS_PESERTA_KURSI,
    STATUS_SESI_TERBUKA,
    HasilPelatihan,
    Peserta,
    PesertaQuerySet,
    Sesi,
    SesiQuerySet,
    StatusPeserta,
    StatusSesi,
)
from .survei import (
    JawabanSurvei,
    JenisSurvei,
    PertanyaanSurvei,
    Responden,
    TemplateSurvei,
    TipePertanyaan,
    UndanganQuerySet,
    UndanganSurvei,
    kunci_baru,
)

__all__ = [
    "JENIS_CHOICES",
    "LEVEL_VALIDATORS",
    "Penyelenggara",
    "PelatihanQuerySet",
    "Pelatihan",
    "KompetensiPelatihan",
    "JenisNarasumber",
    "Narasumber",
    "StatusSesi",
    "STATUS_SESI_TERBUKA",
    "StatusPeserta",
    "STATUS_PESERTA_KURSI",
    "STATUS_PESERTA_AKTIF",
    "SesiQuerySet",
    "Sesi",
    "HasilPelatihan",
    "PesertaQuerySet",
    "NILAI_VALIDATORS",
    "Peserta",
    "TargetJP",
    "CatatanJPQuerySet",
    "SUMBER_SESI",
    "SUMBER_MANUAL",
    "CatatanJP",
    "JpTahunan",
    "SertifikatQuerySet",
    "_unggah_sertifikat",
    "Sertifikat",
    "SumberKebutuhan",
    "StatusKebutuhan",
    "KebutuhanPelatihan",
    "RekapAkpkUnit",
    "StempelRekapAkpk",
    "JenisSurvei",
    "TemplateSurvei",
    "TipePertanyaan",
    "PertanyaanSurvei",
    "Responden",
    "UndanganQuerySet",
    "kunci_baru",
    "UndanganSurvei",
    "JawabanSurvei",
]
