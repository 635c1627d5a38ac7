"""The SKP API list is built from values, not nested serializers (issue 17): it must answer
exactly what `SkpSerializer` answers for each SKP (the detail endpoint), with a flat query
count."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from kinerja.models import EkspektasiPerilaku, IndikatorKinerja, Rhk, Skp, StatusSkp
from tests.factories import PegawaiFactory
from tests.kinerja.factories import skp_disetujui, tambah_rhk

URL = "/api/v1/kinerja/skp/"


def klien(user) -> APIClient:
    c = APIClient()
    c.force_authenticate(user)
    return c


def _ragam(org) -> None:
    """SKP of every shape: several RHK of both kinds with a perspective, indicators of every
    aspect with fractional targets, expectations, a draft without a penilai, no RHK at all."""
    skp = Skp.objects.get(pegawai=org.staf1)
    rhk = tambah_rhk(skp, uraian="Rapat koordinasi", rhk_atasan=org.rhk_kabid)
    Rhk.objects.filter(pk=rhk.pk).update(jenis="TAMBAHAN", perspektif="PENERIMA_LAYANAN")
    for aspek, target in (("WAKTU", Decimal("12.50")), ("KUALITAS", Decimal("0.75"))):
        IndikatorKinerja.objects.create(rhk=rhk, aspek=aspek, uraian=f"Indikator {aspek}",
                                        target=target, satuan="bulan")  # fmt: skip
    EkspektasiPerilaku.objects.create(skp=skp, nilai="BERORIENTASI_PELAYANAN", ekspektasi="Ramah")
    EkspektasiPerilaku.objects.create(skp=skp, nilai="AKUNTABEL", ekspektasi="")
    Skp.objects.create(pegawai=org.staf2, tahun=skp.tahun + 1, unit_kerja=org.diskes,
                       status=StatusSkp.DRAFT, catatan="Perbaiki indikator")  # fmt: skip
    tanpa_atasan = PegawaiFactory(unit_kerja=org.diskes, nama="Tanpa Atasan")
    skp_disetujui(tanpa_atasan, uraian="Arsip")


def test_daftar_skp_sama_dengan_rinciannya(org):
    _ragam(org)
    c = klien(org.admin)
    halaman = c.get(URL, {"page_size": 200}).json()["results"]
    assert len(halaman) == Skp.objects.count() == 7
    for baris in halaman:
        assert baris == c.get(f"{URL}{baris['id']}/").json()
    assert {b["status"] for b in halaman} == {"DRAFT", "DISETUJUI"}
    assert any(b["penilai"] is None for b in halaman)
    assert any(len(r["indikator"]) == 3 for b in halaman for r in b["rhk"])


def test_daftar_skp_lingkup_dan_filter_tetap(org):
    _ragam(org)
    ids = [b["id"] for b in klien(org.staf1.user).get(URL).json()["results"]]
    assert ids == [Skp.objects.get(pegawai=org.staf1).pk]
    op = [b["id"] for b in klien(org.op_disdik).get(URL, {"page_size": 200}).json()["results"]]
    assert set(op) == set(Skp.objects.filter(unit_kerja=org.disdik).values_list("pk", flat=True))
    tahun = Skp.objects.get(pegawai=org.staf1).tahun + 1
    assert [b["tahun"] for b in klien(org.admin).get(URL, {"tahun": tahun}).json()["results"]] == [
        tahun
    ]


def test_daftar_skp_jumlah_kueri_tetap(org):
    _ragam(org)
    c = klien(org.admin)
    with CaptureQueriesContext(connection) as sedikit:
        assert len(c.get(URL, {"page_size": 1}).json()["results"]) == 1
    for i in range(12):
        skp_disetujui(PegawaiFactory(unit_kerja=org.disdik), uraian=f"Tugas {i}")
    c = klien(org.admin)
    with CaptureQueriesContext(connection) as banyak:
        assert len(c.get(URL, {"page_size": 200}).json()["results"]) == 19
    # the page, its RHK, indicators and expectations (plus the roles, read once per user)
    assert len(sedikit) == len(banyak) <= 5
