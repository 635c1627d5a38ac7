"""Figure 3: importing employees from xlsx through `PegawaiResource` against `bulk_create`
of the same rows."""

from __future__ import annotations

import statistics
import time
from datetime import date
from typing import Any

import tablib
from django.core.management.base import CommandError
from django.db import transaction
from import_export.formats import base_formats

from bench.alat import (
    Tulis,
    median_waktu,
    ya,
)
from bench.sintetis import baris_sintetis
from pegawai.impor import KOLOM
from pegawai.models import Pegawai, UnitKerja
from pegawai.resources import PegawaiResource


def jalankan(tulis: Tulis, n: int, ulang: int) -> None:
    kode_unit = list(
        UnitKerja.objects.filter(parent__isnull=True).values_list("kode", flat=True)
    )
    rows = baris_sintetis(n, kode_unit)
    data = tablib.Dataset(headers=list(KOLOM))
    for r in rows:
        data.append([r[k] for k in KOLOM])
    xlsx = data.export("xlsx")

    def impor_xlsx() -> float:
        # In a transaction that is rolled back: the database is left as it was.
        with transaction.atomic():
            t = time.perf_counter()
            # As the admin's import page reads the uploaded file.
            dataset = base_formats.XLSX().create_dataset(xlsx)
            baca = time.perf_counter() - t
            resource = PegawaiResource()
            resource.import_data(dataset, dry_run=False)
            hasil = resource.hasil_impor
            if hasil is None or hasil.kesalahan or len(hasil.dibuat) != n:
                raise CommandError(f"impor gagal: {hasil.kesalahan[:3] if hasil else '?'}")
            transaction.set_rollback(True)
        return baca

    def bulk_create() -> None:
        with transaction.atomic():
            _bulk_create(rows)
            transaction.set_rollback(True)

    waktu_baca: list[float] = []
    impor = median_waktu(lambda: waktu_baca.append(impor_xlsx()), ulang)
    baca = statistics.median(waktu_baca)
    bulk = median_waktu(bulk_create, ulang)
    per_detik = n / impor
    tulis(
        f"3 impor {n:,} pegawai dari xlsx lewat PegawaiResource: {per_detik:,.0f} baris/s "
        f"({impor:.2f} s, baca xlsx {baca:.2f} s; target >= 2,000 baris/s: "
        f"{ya(per_detik >= 2000)}) | bulk_create baris yang sama {n / bulk:,.0f} baris/s "
        f"({bulk:.2f} s) -> {bulk / impor:.2f}x"
    )


def _bulk_create(rows: list[dict[str, Any]]) -> None:
    """The same employees by `bulk_create` only: heads first, then their staff."""
    from datetime import datetime

    unit = dict(UnitKerja.objects.values_list("kode", "pk"))

    def tgl(s: str) -> date:
        return datetime.strptime(s, "%d-%m-%Y").date()

    def buat(r: dict[str, Any], atasan: int | None) -> Pegawai:
        return Pegawai(
            nip=r["NIP"], nik=r["NIK"], nama=r["Nama"], gelar_belakang=r["Gelar Belakang"],
            tempat_lahir=r["Tempat Lahir"], tanggal_lahir=tgl(r["Tanggal Lahir"]),
            jenis_kelamin=r["Jenis Kelamin"], agama=r["Agama"],
            status_kepegawaian=r["Status Kepegawaian"], golongan=r["Golongan"],
            tmt_golongan=tgl(r["TMT Golongan"]), pendidikan_jenjang=r["Pendidikan Terakhir"],
            pendidikan_jurusan=r["Jurusan"], unit_kerja_id=unit[r["Kode Unit Kerja"]],
            nama_jabatan=r["Jabatan"], jenis_jabatan=r["Jenis Jabatan"], atasan_id=atasan,
            email=r["Email"], no_hp=r["No HP"],
        )  # fmt: skip

    kepala = Pegawai.objects.bulk_create(
        [buat(r, None) for r in rows if not r["NIP Atasan"]], batch_size=1000
    )
    id_kepala = {p.nip: p.pk for p in kepala}
    Pegawai.objects.bulk_create(
        [buat(r, id_kepala[r["NIP Atasan"]]) for r in rows if r["NIP Atasan"]], batch_size=1000
    )
