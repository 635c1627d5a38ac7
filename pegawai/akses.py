"""The access scope: the one place that answers "which pegawai may this user see / act on".

Roles (DESIGN.md "Access"):
- Admin BKD: superuser or member of the "Admin BKD" group; sees and manages everyone.
- Operator OPD: HR officer of one unit kerja; sees and manages that unit and its sub-units.
- Atasan: anyone with direct subordinates; sees them and acts on them for kinerja.
- Pegawai: sees their own record.
- Anonymous: nothing.

The admin's `get_queryset`, the API, pages and exports all start from these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import GRUP_ADMIN_BKD, ImporPegawai, Pegawai, PegawaiQuerySet, UnitKerja

PERAN_ADMIN_BKD = "admin_bkd"
PERAN_OPERATOR_OPD = "operator_opd"
PERAN_ATASAN = "atasan"
PERAN_PEGAWAI = "pegawai"

AnyUser = User | AnonymousUser | Any


@dataclass(frozen=True)
class Akses:
    """What one user is, resolved once per request (see `akses_untuk`)."""

    admin_bkd: bool
    unit_operator: UnitKerja | None
    pegawai: Pegawai | None
    punya_bawahan: bool

    @property
    def peran(self) -> list[str]:
        hasil = []
        if self.admin_bkd:
            hasil.append(PERAN_ADMIN_BKD)
        if self.unit_operator is not None:
            hasil.append(PERAN_OPERATOR_OPD)
        if self.punya_bawahan:
            hasil.append(PERAN_ATASAN)
        if self.pegawai is not None:
            hasil.append(PERAN_PEGAWAI)
        return hasil

    @property
    def staf_hr(self) -> bool:
        return self.admin_bkd or self.unit_operator is not None


_TANPA_AKSES = Akses(admin_bkd=False, unit_operator=None, pegawai=None, punya_bawahan=False)


def akses_untuk(user: AnyUser) -> Akses:
    """Resolve a user's roles (cached on the user object for the rest of the request)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return _TANPA_AKSES
    cached = getattr(user, "_akses_cache", None)
    if cached is not None:
        return cached
    baris = _peran_baris(user)
    pegawai = getattr(baris, "pegawai", None) if baris is not None else None
    if pegawai is not None and not pegawai.aktif:
        pegawai = None
    operator = getattr(baris, "operator_opd", None) if baris is not None else None
    akses = Akses(
        admin_bkd=user.is_superuser or bool(baris is not None and baris.admin_bkd_),
        unit_operator=operator.unit_kerja if operator else None,
        pegawai=pegawai,
        punya_bawahan=pegawai is not None and baris.punya_bawahan_,
    )
    user._akses_cache = akses
    return akses


def _peran_baris(user: AnyUser) -> Any:
    """Every role of one user in ONE query (the filing path pays it on each request): the
    account row with its employee record (unit and atasan) and its operator unit joined
    through the reverse one-to-ones, and two EXISTS for the Admin BKD group and for active
    direct subordinates. An inactive employee record counts as none (checked by the caller)."""
    admin = User.groups.through.objects.filter(user_id=OuterRef("pk"), group__name=GRUP_ADMIN_BKD)
    bawahan = Pegawai.objects.filter(atasan__user_id=OuterRef("pk"), aktif=True)
    return (
        User.objects.filter(pk=user.pk)
        .select_related("pegawai__unit_kerja", "pegawai__atasan", "operator_opd__unit_kerja")
        .annotate(admin_bkd_=Exists(admin), punya_bawahan_=Exists(bawahan))
        .first()
    )


def pegawai_terlihat(user: AnyUser) -> PegawaiQuerySet:
    """Every pegawai this user may see: self, direct subordinates, their unit as operator."""
    akses = akses_untuk(user)
    if akses.admin_bkd:
        return Pegawai.objects.all()
    kondisi = Q(pk__in=[])
    if akses.unit_operator is not None:
        kondisi |= Q(unit_kerja__path__startswith=akses.unit_operator.path)
    if akses.pegawai is not None:
        kondisi |= Q(pk=akses.pegawai.pk) | Q(atasan=akses.pegawai)
    if akses.unit_operator is None and akses.pegawai is None:
        return Pegawai.objects.none()
    return Pegawai.objects.filter(kondisi)


def pegawai_bawahan(user: AnyUser) -> PegawaiQuerySet:
    """The pegawai this user acts on as direct supervisor (atasan langsung)."""
    akses = akses_untuk(user)
    if akses.pegawai is None:
        return Pegawai.objects.none()
    return Pegawai.objects.filter(atasan=akses.pegawai, aktif=True)


KEDALAMAN_GARIS_MAKS = 12  # levels of the supervisor chain followed (a cycle stops too)


def pegawai_garis(user: AnyUser) -> PegawaiQuerySet:
    """Everyone below this user in the supervisor chain (direct and indirect subordinates,
    active): what a unit head sees **read-only** of their whole line (progress, monthly
    rollups). Approving and scoring stay with the direct supervisor (`pegawai_bawahan`).

    One query per level of the chain (a head of an OPD is 3-5 levels above the staff)."""
    akses = akses_untuk(user)
    if akses.pegawai is None or not akses.punya_bawahan:
        return Pegawai.objects.none()
    semua: set[int] = set()
    lapis = {akses.pegawai.pk}
    for _ in range(KEDALAMAN_GARIS_MAKS):
        lapis = (
            set(
                Pegawai.objects.filter(atasan_id__in=lapis, aktif=True).values_list("pk", flat=True)
            )
            - semua
            - {akses.pegawai.pk}
        )
        if not lapis:
            break
        semua |= lapis
    return Pegawai.objects.filter(pk__in=semua)


def pegawai_dikelola(user: AnyUser) -> PegawaiQuerySet:
    """The pegawai whose master data this user may change: Admin BKD all, operators their unit."""
    akses = akses_untuk(user)
    if akses.admin_bkd:
        return Pegawai.objects.all()
    if akses.unit_operator is not None:
        return Pegawai.objects.filter(unit_kerja__path__startswith=akses.unit_operator.path)
    return Pegawai.objects.none()


def unit_dikelola(user: AnyUser):
    """Unit kerja this user manages (to create or move pegawai into)."""
    akses = akses_untuk(user)
    if akses.admin_bkd:
        return UnitKerja.objects.all()
    if akses.unit_operator is not None:
        return UnitKerja.objects.subtree(akses.unit_operator)
    return UnitKerja.objects.none()


def boleh_lihat_nik(user: AnyUser, pegawai: Pegawai) -> bool:
    """The whole NIK is for HR only: Admin BKD, or the operator of the pegawai's unit."""
    akses = akses_untuk(user)
    if akses.admin_bkd:
        return True
    if akses.unit_operator is not None:
        path = pegawai.unit_kerja.path
        return path.startswith(akses.unit_operator.path)
    return False


def boleh_ekspor(user: AnyUser) -> bool:
    """Exports of personal data are limited to HR roles (DOMAIN.md §7)."""
    return akses_untuk(user).staf_hr


def impor_terlihat(user: AnyUser) -> QuerySet[ImporPegawai]:
    """Background import jobs a user may see: Admin BKD every job; an HR officer only the
    jobs they uploaded themselves; anyone else none (their pages answer 404)."""
    akses = akses_untuk(user)
    if akses.admin_bkd:
        return ImporPegawai.objects.all()
    if not akses.staf_hr:
        return ImporPegawai.objects.none()
    return ImporPegawai.objects.filter(oleh=user)
