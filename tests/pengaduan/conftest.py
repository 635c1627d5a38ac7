from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from pegawai.models import Pegawai, UnitKerja
from tests.factories import PegawaiFactory, UnitKerjaFactory, admin_bkd, operator

WIB = ZoneInfo("Asia/Jakarta")


@dataclass
class Org:
    diskes: UnitKerja
    yankes: UnitKerja
    disdik: UnitKerja
    admin: User
    op_diskes: User
    op_yankes: User
    op_disdik: User
    kabid: Pegawai
    staf: Pegawai
    guru: Pegawai
    kepsek: Pegawai


@pytest.fixture
def org(db) -> Org:
    diskes = UnitKerjaFactory(kode="DISKES", nama="Dinas Kesehatan")
    yankes = UnitKerjaFactory(kode="DISKES-YANKES", nama="Bidang Pelayanan", parent=diskes)
    disdik = UnitKerjaFactory(kode="DISDIK", nama="Dinas Pendidikan")
    kabid = PegawaiFactory(unit_kerja=yankes, nama="Budi Kabid")
    kepsek = PegawaiFactory(unit_kerja=disdik, nama="Kepala Sekolah")
    return Org(
        diskes=diskes,
        yankes=yankes,
        disdik=disdik,
        admin=admin_bkd(),
        op_diskes=operator(diskes),
        op_yankes=operator(yankes),
        op_disdik=operator(disdik),
        kabid=kabid,
        staf=PegawaiFactory(unit_kerja=yankes, atasan=kabid, nama="Andi Staf"),
        guru=PegawaiFactory(unit_kerja=disdik, atasan=kepsek, nama="Guru Lain"),
        kepsek=kepsek,
    )


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def jam(monkeypatch):
    """Set the clock: `jam(2026, 1, 9, 10)` is 9 Jan 2026 10:00 WIB from then on."""

    def atur(*waktu: int) -> datetime:
        saat = datetime(*waktu, tzinfo=WIB)
        monkeypatch.setattr(timezone, "now", lambda: saat)
        return saat

    return atur


@pytest.fixture(autouse=True)
def _celery_langsung():
    """Tasks run in-process here (also with REDIS_URL set): these tests are about what the
    tasks do, not about the broker."""
    from asn_hr.celery import app

    sebelum = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = sebelum
