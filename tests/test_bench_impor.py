"""Figure 3's limit (bench/angka/impor.py) must write what the import writes, or the ratio
means nothing: the same employees with the same values and atasan, their accounts, history
rows, rank and education history, placements, by either of its two ways (COPY into each
table, or one COPY into a staging table and INSERT ... SELECT). Speed is never asserted."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import pytest
from django.db import connection, transaction

from jabatan.models import Penempatan
from pegawai.impor import FIELD_SALIN, baris_berkas, pegawai_import
from pegawai.models import Pegawai, RiwayatPangkat, RiwayatPendidikan, UnitKerja
from tests.jabatan.factories import JabatanFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY PostgreSQL"),
]


def _tertulis() -> dict[str, Any]:
    """What a run left in the tables, without ids, timestamps and passwords."""
    pegawai = {
        p.nip: (
            tuple(getattr(p, f) for f in FIELD_SALIN), p.unit_kerja_id,
            p.atasan.nip if p.atasan else None, p.aktif, p.user.username, p.user.first_name,
            p.user.email, p.user.has_usable_password(), p.user.is_active,
        )
        for p in Pegawai.objects.select_related("user", "atasan")
    }  # fmt: skip
    return {
        "pegawai": pegawai,
        "jejak": Counter(
            Pegawai.history.values_list("nip", "history_type", "history_change_reason")
        ),
        "pangkat": Counter(RiwayatPangkat.objects.values_list("pegawai__nip", "golongan", "tmt")),
        "pangkat_jejak": RiwayatPangkat.history.count(),
        "pendidikan": Counter(
            RiwayatPendidikan.objects.values_list("pegawai__nip", "jenjang", "jurusan")
        ),
        "pendidikan_jejak": RiwayatPendidikan.history.count(),
        # The limit puts everyone in one catalogue position; the import finds or makes one per
        # name (jabatan's receiver): the placement is compared without it.
        "penempatan": Counter(
            Penempatan.objects.values_list("pegawai__nip", "unit_kerja_id", "atasan__nip",
                                           "jenis", "aktif")  # fmt: skip
        ),
    }


def _jalan(fn) -> dict[str, Any]:
    with transaction.atomic():
        fn()
        hasil = _tertulis()
        transaction.set_rollback(True)
    return hasil


def test_batas_impor_menulis_yang_sama_dengan_impor(unit_lampung):
    from bench.angka import impor as angka

    JabatanFactory(nama="Analis")
    kode = list(UnitKerja.objects.filter(parent__isnull=True).values_list("kode", flat=True))
    xlsx = angka._xlsx(45, kode)

    def impor() -> None:
        kesalahan, rows = baris_berkas(io.BytesIO(xlsx), "bench.xlsx")
        hasil = pegawai_import(rows, oleh=None, kesalahan_awal=kesalahan, rinci=False)
        assert hasil.berhasil and hasil.jumlah_dibuat == 45, hasil.kesalahan[:3]

    produk = _jalan(impor)
    assert len(produk["pegawai"]) == 45 and sum(produk["penempatan"].values()) == 45
    assert sum(1 for p in produk["pegawai"].values() if p[2]) == 45 - 3  # every 20th heads
    assert _jalan(lambda: angka._batas_staging(xlsx)) == produk
    assert _jalan(lambda: angka._batas(xlsx)) == produk
