"""Writes on employee master data. Every function is keyword-only and atomic."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from inti.izin import izin_grup_cabut, izin_grup_pasang

from .models import GRUP_ADMIN_BKD, OperatorOpd, Pegawai, UnitKerja

# The reference data ships inside the package, so a bare clone and the Docker image have it.
DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_UNIT_CSV = DATA_DIR / "unit_kerja_lampung.csv"
SAMPLE_PEGAWAI_XLSX = DATA_DIR / "pegawai_contoh.xlsx"


def unit_csv_baca(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as f:
        return [{k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


@transaction.atomic
def unit_kerja_muat(*, rows: Iterable[dict[str, str]]) -> tuple[int, int]:
    """Create or update units by `kode`; `induk` names the parent's kode (any row order).

    Returns (created, updated). Raises ValidationError naming the row on bad input.
    """
    rows = list(rows)
    kode_di_berkas = {r.get("kode", "") for r in rows}
    for i, r in enumerate(rows, start=2):
        if not r.get("kode") or not r.get("nama"):
            raise ValidationError(f"Baris {i}: kolom kode dan nama wajib diisi.")
        induk = r.get("induk", "")
        if (
            induk
            and induk not in kode_di_berkas
            and not UnitKerja.objects.filter(kode=induk).exists()
        ):
            raise ValidationError(f"Baris {i}: unit induk {induk!r} tidak dikenal.")
    dibuat = diubah = 0
    selesai: set[str] = set()
    sisa = rows
    while sisa:
        siap = [
            r
            for r in sisa
            if not r.get("induk") or r["induk"] in selesai or r["induk"] not in kode_di_berkas
        ]
        if not siap:
            raise ValidationError(
                "Unit induk membentuk lingkaran: " + ", ".join(r["kode"] for r in sisa)
            )
        for r in siap:
            parent = UnitKerja.objects.get(kode=r["induk"]) if r.get("induk") else None
            unit, created = UnitKerja.objects.get_or_create(
                kode=r["kode"],
                defaults={"nama": r["nama"], "singkatan": r.get("singkatan", ""), "parent": parent},
            )
            if created:
                dibuat += 1
            elif (unit.nama, unit.singkatan, unit.parent_id) != (
                r["nama"],
                r.get("singkatan", ""),
                parent.pk if parent else None,
            ):
                unit.nama, unit.singkatan, unit.parent = r["nama"], r.get("singkatan", ""), parent
                unit.full_clean()
                unit.save()
                diubah += 1
            selesai.add(r["kode"])
        sisa = [r for r in sisa if r["kode"] not in selesai]
    return dibuat, diubah


PESAN_NIP_TETAP = "NIP tidak dapat diubah."


def nip_tetap_periksa(*, pegawai: Pegawai, nip: str) -> None:
    """The NIP never changes once saved: it is the login name and the key other systems use.

    Compared with the stored row, not the instance (the admin's form has already written the
    new values onto it). Forms call this too, to show the message on the field.
    """
    if pegawai.pk is None:
        return
    tersimpan = Pegawai.objects.filter(pk=pegawai.pk).values_list("nip", flat=True).first()
    if tersimpan is not None and tersimpan != nip:
        raise ValidationError({"nip": PESAN_NIP_TETAP})


@transaction.atomic
def pegawai_simpan(
    *, pegawai: Pegawai, data: dict[str, Any], oleh: User | None = None
) -> Pegawai:
    """Create or update one pegawai from validated data, with its login account.

    Every door that writes one pegawai comes here (API, admin, demo data); the NIP never
    changes once saved (`nip_tetap_periksa`).
    The account's username is the NIP and its email follows the record (password reset mails
    go there). A concurrent insert of the same NIP/NIK is a validation error, not a crash.
    `oleh` is recorded as the author of the history entry.
    """
    for key, value in data.items():
        setattr(pegawai, key, value)
    nip_tetap_periksa(pegawai=pegawai, nip=pegawai.nip)
    if oleh is not None:
        pegawai._history_user = oleh
    pegawai.full_clean()
    if pegawai.user_id is None:
        user, created = User.objects.get_or_create(
            username=pegawai.nip,
            defaults={"email": pegawai.email, "first_name": pegawai.nama[:150]},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        pegawai.user = user
    elif pegawai.user.email != pegawai.email:
        pegawai.user.email = pegawai.email
        pegawai.user.save(update_fields=["email"])
    try:
        with transaction.atomic():
            pegawai.save()
    except IntegrityError as exc:
        field = "nik" if "nik" in str(exc).lower() else "nip"
        raise ValidationError({field: f"{field.upper()} sudah terdaftar."}) from exc
    return pegawai


@transaction.atomic
def operator_opd_atur(*, user: User, unit_kerja: UnitKerja) -> OperatorOpd:
    operator, _ = OperatorOpd.objects.update_or_create(
        user=user, defaults={"unit_kerja": unit_kerja}
    )
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    grup_peran_siapkan()
    user.groups.add(Group.objects.get(name=GRUP_OPERATOR_OPD))
    return operator


GRUP_OPERATOR_OPD = "Operator OPD"
# Model permissions per HR group; which rows they reach is decided by the access scope.
IZIN_GRUP: dict[str, list[str]] = {
    GRUP_ADMIN_BKD: [
        "pegawai.*",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "inti.view_tugastertunda",
        "inti.delete_tugastertunda",
    ],
    GRUP_OPERATOR_OPD: [
        "pegawai.view_pegawai",
        "pegawai.add_pegawai",
        "pegawai.change_pegawai",
        "pegawai.view_unitkerja",
        "pegawai.view_riwayatpangkat",
        "pegawai.add_riwayatpangkat",
        "pegawai.change_riwayatpangkat",
        "pegawai.view_riwayatpendidikan",
        "pegawai.add_riwayatpendidikan",
        "pegawai.change_riwayatpendidikan",
    ],
}


# Permissions a group had once and must not keep: the raw django-celery-beat admin is for
# superusers only (issue 15); Admin BKD runs the periodic jobs on /jadwal/.
IZIN_DICABUT: dict[str, list[str]] = {GRUP_ADMIN_BKD: ["django_celery_beat.*"]}


def grup_peran_siapkan(**_: object) -> None:
    """Create the HR groups with their model permissions (idempotent; runs after migrate)."""
    izin_grup_pasang(IZIN_GRUP)
    izin_grup_cabut(IZIN_DICABUT)
