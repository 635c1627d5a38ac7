"""Figure 3: importing employees from xlsx, against the honest limit (issue 17 goal 2).

- Import: the path of the background job (`pegawai.impor_latar`): the xlsx streamed by the
  fast reader `inti.xlsx` (`pegawai.impor.baris_berkas`) into `pegawai_import` — validation
  into a staging table, the checks between rows and against the database, accounts,
  employees, simple-history rows, rank and education history, and the `pegawai_diimpor`
  signal (jabatan's placements) — in one transaction, rolled back.
- Limit: reading the same xlsx with the same reader (`inti.xlsx.baris_xlsx`) and writing the
  same rows into the same tables (accounts, employees, their history rows, rank and education
  history and theirs, placements), ids drawn from the sequences, no validation, no lookups of
  existing rows; the faster of two ways: `COPY` into each table (`_batas`), or one `COPY`
  into a temporary table and `INSERT ... SELECT` into each (`_batas_staging`). Rolled back.
- Memory: tracemalloc's peak of one import (untimed run) per size in `BENCH_IMPOR_MEMORI`
  (comma separated; default the figure's size), divided by the rows.

The runs of the three alternate (import, limit by COPY, limit by staging), so that a change
of load on the shared machine falls on all of them alike.
"""

from __future__ import annotations

import io
import os
import secrets
import statistics
import tracemalloc
from datetime import date, datetime
from typing import Any

import tablib
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import User
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from bench.alat import Tulis, median_waktu, ya
from bench.sintetis import baris_sintetis
from inti.bulk import kolom_model, sisip_massal, sisip_tabel
from inti.xlsx import baris_xlsx
from jabatan.models import Jabatan, JenisPenempatan, Penempatan
from pegawai.impor import ALASAN_IMPOR, KOLOM, baris_berkas, pegawai_import
from pegawai.models import Pegawai, RiwayatPangkat, RiwayatPendidikan, UnitKerja

TARGET_PER_DETIK = 5000
TARGET_RASIO = 0.8


def _xlsx(n: int, kode_unit: list[str]) -> bytes:
    data = tablib.Dataset(headers=list(KOLOM))
    for r in baris_sintetis(n, kode_unit):
        data.append([r[k] for k in KOLOM])
    return data.export("xlsx")


def _impor(xlsx: bytes, n: int) -> None:
    """The background job's import of the file, rolled back."""
    with transaction.atomic():
        kesalahan, rows = baris_berkas(io.BytesIO(xlsx), "bench.xlsx")
        hasil = pegawai_import(rows, oleh=None, kesalahan_awal=kesalahan, rinci=False)
        if hasil.kesalahan or hasil.jumlah_dibuat != n:
            raise CommandError(f"impor gagal: {hasil.kesalahan[:3]}")
        transaction.set_rollback(True)


def jalankan(tulis: Tulis, n: int, ulang: int) -> None:
    kode_unit = list(UnitKerja.objects.filter(parent__isnull=True).values_list("kode", flat=True))
    xlsx = _xlsx(n, kode_unit)

    def batas(cara: Any) -> Any:
        def jalan() -> None:
            with transaction.atomic():
                cara(xlsx)
                transaction.set_rollback(True)

        return jalan

    def baca() -> None:
        for _ in baris_xlsx(io.BytesIO(xlsx)):
            pass

    waktu: dict[str, list[float]] = {"impor": [], "copy": [], "staging": [], "baca": []}
    langkah = {"impor": lambda: _impor(xlsx, n), "copy": batas(_batas),
               "staging": batas(_batas_staging), "baca": baca}  # fmt: skip
    for _ in range(ulang):
        for nama, fn in langkah.items():
            waktu[nama].append(median_waktu(fn, 1))
    impor, copy, staging = (statistics.median(waktu[k]) for k in ("impor", "copy", "staging"))
    limit = min(copy, staging)
    per_detik, per_detik_batas = n / impor, n / limit
    rasio = limit / impor
    tulis(
        f"3 impor {n:,} pegawai dari xlsx (baca berurutan + pegawai_import): "
        f"{per_detik:,.0f} baris/s ({impor:.2f} s; target >= {TARGET_PER_DETIK:,}: "
        f"{ya(per_detik >= TARGET_PER_DETIK)}) | batas: baca xlsx yang sama "
        f"({statistics.median(waktu['baca']):.2f} s) + tulis baris yang sama ke tabel yang sama "
        f"{per_detik_batas:,.0f} baris/s ({limit:.2f} s; COPY per tabel {copy:.2f} s, lewat "
        f"tabel sementara {staging:.2f} s) -> {rasio:.2f}x "
        f"(target >= {TARGET_RASIO}: {ya(rasio >= TARGET_RASIO)})"
    )
    ukuran = [int(u) for u in os.environ.get("BENCH_IMPOR_MEMORI", str(n)).split(",") if u]
    for m in ukuran:
        isi = xlsx if m == n else _xlsx(m, kode_unit)
        tracemalloc.start()
        _impor(isi, m)
        _, puncak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        tulis(
            f"3 memori impor {m:,} baris: puncak {puncak / 2**20:,.0f} MB "
            f"({puncak / m / 1024:.2f} KB/baris, tracemalloc, tanpa berkas xlsx itu sendiri)"
        )


def _id(model: type[Any], n: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, n],
        )
        return [r[0] for r in cursor.fetchall()]


def _tgl(s: Any) -> date | None:
    if not s:
        return None
    if isinstance(s, datetime):
        return s.date()
    return date(int(s[6:]), int(s[3:5]), int(s[:2]))


def _batas(xlsx: bytes) -> None:
    """Read the xlsx (`inti.xlsx`) and COPY the same rows into each of the same tables."""
    if connection.vendor != "postgresql":
        raise CommandError("batas impor memakai COPY: hanya PostgreSQL")
    it = baris_xlsx(io.BytesIO(xlsx))
    kepala = [str(h) for h in next(it)]
    rows = [dict(zip(kepala, r, strict=False)) for r in it]
    n = len(rows)
    now = timezone.now()
    unit = dict(UnitKerja.objects.values_list("kode", "pk"))
    jabatan = Jabatan.objects.values_list("pk", flat=True).first()
    id_user, id_pegawai = _id(User, n), _id(Pegawai, n)
    nip_ke_id = {r["NIP"]: i for r, i in zip(rows, id_pegawai, strict=True)}
    jejak = {"history_date": now, "history_change_reason": ALASAN_IMPOR,
             "history_user_id": None, "history_type": "+"}  # fmt: skip

    kolom_user = ["id", *kolom_model(User)]
    sisip_massal(User, kolom_user, (
        (i, UNUSABLE_PASSWORD_PREFIX + secrets.token_hex(20), None, False, r["NIP"],
         r["Nama"][:150], "", r["Email"], False, True, now)
        for r, i in zip(rows, id_user, strict=True)
    ))  # fmt: skip
    pegawai = []
    for r, i, u in zip(rows, id_pegawai, id_user, strict=True):
        pegawai.append({
            "id": i, "nip": r["NIP"], "nik": r["NIK"], "nama": r["Nama"],
            "gelar_depan": r["Gelar Depan"] or "", "gelar_belakang": r["Gelar Belakang"] or "",
            "tempat_lahir": r["Tempat Lahir"], "tanggal_lahir": _tgl(r["Tanggal Lahir"]),
            "jenis_kelamin": r["Jenis Kelamin"], "agama": r["Agama"],
            "status_kepegawaian": r["Status Kepegawaian"], "golongan": r["Golongan"],
            "tmt_golongan": _tgl(r["TMT Golongan"]),
            "pendidikan_jenjang": r["Pendidikan Terakhir"], "pendidikan_jurusan": r["Jurusan"],
            "unit_kerja_id": unit[r["Kode Unit Kerja"]], "nama_jabatan": r["Jabatan"],
            "jenis_jabatan": r["Jenis Jabatan"],
            "atasan_id": nip_ke_id.get(r["NIP Atasan"]) if r["NIP Atasan"] else None,
            "email": r["Email"], "no_hp": r["No HP"], "aktif": True, "user_id": u,
            "dibuat": now, "diubah": now,
        })  # fmt: skip
    kolom = ["id", *kolom_model(Pegawai)]
    # Heads first (their staff point at them; the FK is checked per statement).
    urut = sorted(pegawai, key=lambda p: p["atasan_id"] is not None)
    sisip_massal(Pegawai, kolom, (tuple(p[k] for k in kolom) for p in urut))
    _jejak(Pegawai, pegawai, jejak)

    pangkat = [{"id": i, "pegawai_id": p["id"], "golongan": p["golongan"],
                "tmt": p["tmt_golongan"], "nomor_sk": "", "tanggal_sk": None}
               for p, i in zip(pegawai, _id(RiwayatPangkat, n), strict=True)]  # fmt: skip
    pendidikan = [{"id": i, "pegawai_id": p["id"], "jenjang": p["pendidikan_jenjang"],
                   "jurusan": p["pendidikan_jurusan"], "institusi": "", "tahun_lulus": None}
                  for p, i in zip(pegawai, _id(RiwayatPendidikan, n), strict=True)]  # fmt: skip
    for model, data in ((RiwayatPangkat, pangkat), (RiwayatPendidikan, pendidikan)):
        kolom = ["id", *kolom_model(model)]
        sisip_massal(model, kolom, (tuple(d[k] for k in kolom) for d in data))
        _jejak(model, data, jejak)

    if jabatan is not None:
        tetap = {"jabatan_id": jabatan, "jenis": JenisPenempatan.IMPOR, "nomor_sk": "",
                 "tanggal_sk": None, "tmt": None, "tmt_selesai": None, "aktif": True,
                 "alasan": "", "peringatan": "[]", "dibuat_oleh_id": None}  # fmt: skip
        kolom = kolom_model(Penempatan)
        sisip_massal(Penempatan, kolom, (
            tuple({**tetap, "pegawai_id": p["id"], "unit_kerja_id": p["unit_kerja_id"],
                   "atasan_id": p["atasan_id"]}.get(k, now) for k in kolom)
            for p in pegawai
        ))  # fmt: skip


def _sql(sql: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _batas_staging(xlsx: bytes) -> None:
    """Read the xlsx (`inti.xlsx`), COPY its rows as they are into one temporary table, and
    write the same rows into the same tables from there with INSERT ... SELECT: ids from the
    sequences (drawn once per row in a materialized CTE), atasan and unit by join, dates
    parsed by the server; no validation, no lookups of existing rows."""
    if connection.vendor != "postgresql":
        raise CommandError("batas impor memakai COPY: hanya PostgreSQL")
    it = baris_xlsx(io.BytesIO(xlsx))
    kolom = [KOLOM[str(h)] for h in next(it)]
    _sql("SET LOCAL jit = off")

    def seq(model: type[Any]) -> str:
        return f"nextval(pg_get_serial_sequence('{model._meta.db_table}', 'id'))"

    # The ids are the staging table's defaults: COPY draws them as it writes each row.
    _sql("DROP TABLE IF EXISTS batas_impor")
    _sql(f"CREATE TEMPORARY TABLE batas_impor ({', '.join(k + ' text' for k in kolom)}, "
         f"pid bigint DEFAULT {seq(Pegawai)}, uid integer DEFAULT {seq(User)}, "
         f"rp bigint DEFAULT {seq(RiwayatPangkat)}, rd bigint DEFAULT {seq(RiwayatPendidikan)})")
    sisip_tabel("batas_impor", kolom, it)
    _sql("DROP TABLE IF EXISTS batas_tulis")
    _sql(
        "CREATE TEMPORARY TABLE batas_tulis AS SELECT d.*, a.pid AS atasan_id, "
        "u.id AS unit_id, to_date(d.tanggal_lahir, 'DD-MM-YYYY') AS lahir, "
        "to_date(d.tmt_golongan, 'DD-MM-YYYY') AS tmt FROM batas_impor d LEFT JOIN batas_impor "
        "a ON a.nip = d.atasan JOIN pegawai_unitkerja u ON u.kode = d.unit_kerja"
    )
    now = timezone.now()
    jabatan = Jabatan.objects.values_list("pk", flat=True).first()
    pegawai = {"id": "pid", "user_id": "uid", "nip": "nip", "nik": "nik", "nama": "nama",
               "gelar_depan": "COALESCE(gelar_depan, '')",
               "gelar_belakang": "COALESCE(gelar_belakang, '')", "tempat_lahir": "tempat_lahir",
               "tanggal_lahir": "lahir", "jenis_kelamin": "jenis_kelamin", "agama": "agama",
               "status_kepegawaian": "status_kepegawaian", "golongan": "golongan",
               "tmt_golongan": "tmt", "pendidikan_jenjang": "pendidikan_jenjang",
               "pendidikan_jurusan": "pendidikan_jurusan", "unit_kerja_id": "unit_id",
               "nama_jabatan": "nama_jabatan", "jenis_jabatan": "jenis_jabatan",
               "atasan_id": "atasan_id", "email": "email", "no_hp": "no_hp", "aktif": "TRUE",
               "dibuat": "%(now)s", "diubah": "%(now)s"}  # fmt: skip
    pangkat = {"id": "rp", "pegawai_id": "pid", "golongan": "golongan", "tmt": "tmt",
               "nomor_sk": "''", "tanggal_sk": "NULL"}  # fmt: skip
    pendidikan = {"id": "rd", "pegawai_id": "pid", "jenjang": "pendidikan_jenjang",
                  "jurusan": "pendidikan_jurusan", "institusi": "''", "tahun_lulus": "NULL"}
    jejak = {"history_date": "%(now)s", "history_change_reason": "%(alasan)s",
             "history_user_id": "NULL", "history_type": "'+'"}  # fmt: skip
    user = {"id": "uid", "password": "'!' || substr(replace(gen_random_uuid()::text || "
            "gen_random_uuid()::text, '-', ''), 1, 40)", "last_login": "NULL",
            "is_superuser": "FALSE", "username": "nip", "first_name": "substr(nama, 1, 150)",
            "last_name": "''", "email": "email", "is_staff": "FALSE", "is_active": "TRUE",
            "date_joined": "%(now)s"}  # fmt: skip
    params = {"now": now, "alasan": ALASAN_IMPOR}
    for model, nilai, riwayat in ((User, user, False), (Pegawai, pegawai, True),
                                  (RiwayatPangkat, pangkat, True),
                                  (RiwayatPendidikan, pendidikan, True)):  # fmt: skip
        _sql(f"INSERT INTO {model._meta.db_table} ({', '.join(nilai)}) SELECT "
             f"{', '.join(nilai.values())} FROM batas_tulis", params)  # fmt: skip
        if riwayat:
            hist = model.history.model
            kolom_hist = kolom_model(hist, tanpa=["history_id"])
            _sql(f"INSERT INTO {hist._meta.db_table} ({', '.join(kolom_hist)}) SELECT "
                 f"{', '.join(jejak.get(k) or nilai[k] for k in kolom_hist)} FROM batas_tulis",
                 params)  # fmt: skip
    if jabatan is not None:
        tempat = {"pegawai_id": "pid", "jabatan_id": str(int(jabatan)), "unit_kerja_id": "unit_id",
                  "jenis": f"'{JenisPenempatan.IMPOR}'", "nomor_sk": "''", "tanggal_sk": "NULL",
                  "tmt": "NULL", "tmt_selesai": "NULL", "atasan_id": "atasan_id",
                  "aktif": "TRUE", "alasan": "''", "peringatan": "'[]'",
                  "dibuat_oleh_id": "NULL", "dibuat": "%(now)s"}  # fmt: skip
        _sql(f"INSERT INTO {Penempatan._meta.db_table} ({', '.join(tempat)}) SELECT "
             f"{', '.join(tempat.values())} FROM batas_tulis", params)  # fmt: skip
    _sql("DROP TABLE batas_tulis")
    _sql("DROP TABLE batas_impor")


def _jejak(model: type[Any], baris: list[dict[str, Any]], jejak: dict[str, Any]) -> None:
    hist = model.history.model
    kolom = kolom_model(hist, tanpa=["history_id"])
    sisip_massal(hist, kolom, (tuple(jejak[k] if k in jejak else r[k] for k in kolom)
                               for r in baris))  # fmt: skip
