"""Evidence files (bukti dukung) are streamed by a view to those who may see the report and
answer 404 to everyone else; pages link to that view, never to MEDIA_URL."""

from __future__ import annotations

from datetime import time
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from kinerja import services
from kinerja.models import LaporanHarian
from tests.kinerja.factories import lapor

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% bukti kegiatan\n"


@pytest.fixture(autouse=True)
def _media_sementara(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _laporan_dengan_bukti(org) -> LaporanHarian:
    return services.laporan_ajukan(
        pegawai=org.staf1,
        tanggal=timezone.localdate(),
        rhk=org.rhk1,
        uraian="Rapat koordinasi surveilans",
        kuantitas=Decimal(1),
        satuan="kegiatan",
        jam_mulai=time(8),
        jam_selesai=time(9),
        bukti=SimpleUploadedFile("notulen.pdf", PDF, content_type="application/pdf"),
    )


@pytest.mark.parametrize("siapa", ["staf1", "kabid", "op_diskes", "admin"])
def test_bukti_diunduh_oleh_yang_boleh_melihat_laporan(org, siapa):
    laporan = _laporan_dengan_bukti(org)
    user = getattr(org, siapa)
    resp = masuk(getattr(user, "user", user)).get(f"/kinerja/laporan/{laporan.pk}/bukti/")
    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/pdf"
    assert 'filename="notulen.pdf"' in resp["Content-Disposition"]
    assert resp["Cache-Control"] == "private, no-store"
    assert b"".join(resp.streaming_content) == PDF


@pytest.mark.parametrize("siapa", ["staf2", "kabid2", "guru", "op_disdik"])
def test_bukti_404_bagi_yang_lain(org, siapa):
    laporan = _laporan_dengan_bukti(org)
    user = getattr(org, siapa)
    resp = masuk(getattr(user, "user", user)).get(f"/kinerja/laporan/{laporan.pk}/bukti/")
    assert resp.status_code == 404


def test_bukti_perlu_masuk(org):
    laporan = _laporan_dengan_bukti(org)
    resp = Client().get(f"/kinerja/laporan/{laporan.pk}/bukti/")
    assert resp.status_code == 302 and "/masuk/" in resp["Location"]


def test_laporan_tanpa_bukti_atau_berkas_hilang_404(org, tmp_path):
    tanpa = lapor(org.staf1, org.rhk1, timezone.localdate(), "10:00", "11:00")
    client = masuk(org.staf1.user)
    assert client.get(f"/kinerja/laporan/{tanpa.pk}/bukti/").status_code == 404
    laporan = _laporan_dengan_bukti(org)
    (tmp_path / laporan.bukti.name).unlink()
    assert client.get(f"/kinerja/laporan/{laporan.pk}/bukti/").status_code == 404


def test_halaman_menautkan_ke_unduhan_terlindungi(org, settings):
    laporan = _laporan_dengan_bukti(org)
    tautan = f'href="/kinerja/laporan/{laporan.pk}/bukti/"'
    antrian = masuk(org.kabid.user).get("/kinerja/antrian/").content.decode()
    hari = masuk(org.staf1.user).get("/kinerja/").content.decode()
    for html in (antrian, hari):
        assert tautan in html
        assert f"/{settings.MEDIA_URL.strip('/')}/" not in html


def test_api_menautkan_unduhan_terlindungi_bukan_media(org):
    laporan = _laporan_dengan_bukti(org)
    c = masuk(org.staf1.user)
    data = c.get("/api/v1/kinerja/laporan-harian/").json()["results"]
    url = next(r["bukti"] for r in data if r["id"] == laporan.pk)
    assert url.endswith(f"/kinerja/laporan/{laporan.pk}/bukti/")
    assert "/media/" not in url
    assert c.get(url).status_code == 200
