"""factory_boy factories. NIPs and NIKs are built to be valid and consistent."""

from __future__ import annotations

import itertools
from datetime import date

import factory
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User

from pegawai.models import GRUP_ADMIN_BKD, Pegawai, UnitKerja
from pegawai.services import grup_peran_siapkan, operator_opd_atur

PASSWORD = "rahasia-Uji-2026"
_urutan = itertools.count(1)


def buat_nip(lahir: date, kelamin: str, *, pppk: bool = False, urutan: int | None = None) -> str:
    n = urutan if urutan is not None else next(_urutan) % 999 + 1
    g = "1" if kelamin == "L" else "2"
    if pppk:
        return f"{lahir:%Y%m%d}{lahir.year + 25}21{g}{n:03d}"
    return f"{lahir:%Y%m%d}{lahir.year + 24}03{g}{n:03d}"


def buat_nik(lahir: date, kelamin: str, urutan: int | None = None) -> str:
    n = urutan if urutan is not None else next(_urutan) % 9999 + 1
    hari = lahir.day + (40 if kelamin == "P" else 0)
    return f"187101{hari:02d}{lahir:%m%y}{n:04d}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"pengguna{n}")
    password = factory.LazyFunction(lambda: make_password(PASSWORD))


class UnitKerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitKerja
        django_get_or_create = ("kode",)

    kode = factory.Sequence(lambda n: f"UNIT{n}")
    nama = factory.LazyAttribute(lambda o: f"Unit {o.kode}")


class PegawaiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pegawai

    class Params:
        pppk = False

    nama = factory.Faker("name", locale="id_ID")
    tanggal_lahir = factory.Sequence(lambda n: date(1970 + n % 30, n % 12 + 1, n % 28 + 1))
    jenis_kelamin = factory.Sequence(lambda n: "L" if n % 2 else "P")
    status_kepegawaian = factory.LazyAttribute(lambda o: "PPPK" if o.pppk else "PNS")
    golongan = factory.LazyAttribute(lambda o: "IX" if o.pppk else "III/b")
    nip = factory.LazyAttribute(lambda o: buat_nip(o.tanggal_lahir, o.jenis_kelamin, pppk=o.pppk))
    nik = factory.LazyAttribute(lambda o: buat_nik(o.tanggal_lahir, o.jenis_kelamin))
    unit_kerja = factory.SubFactory(UnitKerjaFactory)
    pendidikan_jenjang = "S1"
    user = factory.LazyAttribute(lambda o: UserFactory(username=o.nip))


def admin_bkd(username: str = "admin.bkd") -> User:
    user = UserFactory(username=username, is_staff=True)
    grup_peran_siapkan()
    user.groups.add(Group.objects.get(name=GRUP_ADMIN_BKD))
    return user


def operator(unit: UnitKerja, username: str | None = None) -> User:
    user = UserFactory(username=username or f"operator.{unit.kode.lower()}", is_staff=True)
    operator_opd_atur(user=user, unit_kerja=unit)
    return user
