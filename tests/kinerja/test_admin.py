"""The kinerja admin for HR: every changelist keeps the same number of queries from 1 to 50
rows (for Admin BKD and for an operator, whose rows are scoped), and the evidence file is
linked through the protected download."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kinerja import services
from kinerja.models import (
    HasilOrganisasi,
    Penilaian,
    RekapPegawaiBulanan,
    RekapUnitBulanan,
)
from tests.factories import PegawaiFactory, UnitKerjaFactory
from tests.kinerja.factories import PerjanjianKinerjaFactory, lapor, skp_disetujui

pytestmark = pytest.mark.django_db

BULAN = date(2026, 3, 1)


def _pegawai(org):
    """A staff member of a new sub-unit of Diskes under the kabid, with an approved SKP."""
    p = PegawaiFactory(unit_kerja=UnitKerjaFactory(parent=org.diskes), atasan=org.kabid)
    return p, skp_disetujui(p, rhk_atasan=org.rhk_kabid)


def _perjanjian(org):
    PerjanjianKinerjaFactory(unit_kerja=UnitKerjaFactory(parent=org.diskes), tahun=2026)


def _hasil(org):
    HasilOrganisasi.objects.create(
        unit_kerja=UnitKerjaFactory(parent=org.diskes), tahun=2025, hasil="BAIK"
    )


def _rhk(org):
    _pegawai(org)


def _skp(org):
    _pegawai(org)


def _laporan(org):
    p, skp = _pegawai(org)
    lapor(p, skp.rhk.get(), timezone.localdate(), status="DISETUJUI")


def _penilaian(org):
    p, skp = _pegawai(org)
    Penilaian.objects.create(
        pegawai=p, skp=skp, penilai=org.kabid, unit_kerja=p.unit_kerja, periode="2026-Q1",
        jenis_periode="TRIWULANAN", tahun=2026, tanggal_akhir=date(2026, 3, 31),
        rating_hasil_kerja="SESUAI", rating_perilaku="DI_ATAS", predikat="BAIK", umpan_balik="-",
        tanggapan="KEBERATAN", alasan_keberatan="Realisasi belum dihitung",
    )  # fmt: skip


def _rekap_unit(org):
    RekapUnitBulanan.objects.create(
        unit_kerja=UnitKerjaFactory(parent=org.diskes), bulan=BULAN, jumlah_pegawai=4,
        pegawai_melapor=3, jumlah_laporan=40, laporan_disetujui=35, baik=2,
    )  # fmt: skip


def _rekap_pegawai(org):
    p, _ = _pegawai(org)
    RekapPegawaiBulanan.objects.create(pegawai=p, bulan=BULAN, jumlah_laporan=20, hari_lapor=18)


CHANGELIST = {
    "perjanjiankinerja": _perjanjian,
    "hasilorganisasi": _hasil,
    "rhk": _rhk,
    "skp": _skp,
    "laporanharian": _laporan,
    "penilaian": _penilaian,
    "rekapunitbulanan": _rekap_unit,
    "rekappegawaibulanan": _rekap_pegawai,
}


def _kueri(user: User, url: str) -> tuple[int, str]:
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url)
    assert resp.status_code == 200
    return len(ctx), resp.content.decode()


@pytest.mark.parametrize("siapa", ["admin", "op_diskes"])
@pytest.mark.parametrize("model", list(CHANGELIST))
def test_changelist_jumlah_kueri_tetap_1_dan_50_baris(org, model, siapa):
    # Per changelist: session, user, the access scope (groups, operator, pegawai), the
    # permission checks, the count(s), the page of rows with their foreign keys joined
    # (list_select_related), the filter choices and, for reports, the date hierarchy:
    # none of them per row.
    user = getattr(org, siapa)
    url = reverse(f"admin:kinerja_{model}_changelist")
    buat = CHANGELIST[model]
    buat(org)
    satu, _ = _kueri(user, url)
    for _ in range(49):
        buat(org)
    lima_puluh, html = _kueri(user, url)
    assert lima_puluh == satu
    assert html.count('<th class="field-') >= 50  # the rows are really listed


def test_changelist_operator_hanya_unitnya(org):
    lapor(org.staf1, org.rhk1, timezone.localdate(), status="DISETUJUI")
    lapor(org.guru, org.rhk_guru, timezone.localdate(), status="DISETUJUI")
    _, html = _kueri(org.op_diskes, reverse("admin:kinerja_laporanharian_changelist"))
    assert org.staf1.nama in html and org.guru.nama not in html


def test_admin_laporan_menautkan_bukti_ke_unduhan_terlindungi(org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    laporan = services.laporan_ajukan(
        pegawai=org.staf1, tanggal=timezone.localdate(), rhk=org.rhk1, uraian="Rapat",
        kuantitas=Decimal(1), satuan="kegiatan", jam_mulai=time(8), jam_selesai=time(9),
        bukti=SimpleUploadedFile("notulen.pdf", b"%PDF-1.4\n"),
    )  # fmt: skip
    client = Client()
    client.force_login(org.admin)
    html = client.get(
        reverse("admin:kinerja_laporanharian_change", args=[laporan.pk])
    ).content.decode()
    assert f'<a href="/kinerja/laporan/{laporan.pk}/bukti/">notulen.pdf</a>' in html
    assert "/media/" not in html
