"""Realisasi per indicator and unit: a report counts toward one indicator of its RHK and takes
its satuan; progress and the appraisal prefill add only the measuring indicator's reports;
the API keeps `satuan` and accepts an optional `indikator`; the migration's mapping."""

from __future__ import annotations

from datetime import time
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from kinerja import rules, selectors, services
from kinerja.models import IndikatorKinerja, LaporanHarian
from tests.kinerja.factories import lapor
from tests.kinerja.test_laporan import klien

pytestmark = pytest.mark.django_db

URL = "/api/v1/kinerja/laporan-harian/"


@pytest.fixture
def dua_satuan(org):
    """staf1's RHK measures "dokumen" (target 100) and also counts "kegiatan" (meetings)."""
    dokumen = org.rhk1.indikator.get()
    rapat = IndikatorKinerja.objects.create(
        rhk=org.rhk1, aspek="KUANTITAS", uraian="Rapat koordinasi", target=12, satuan="kegiatan"
    )
    return dokumen, rapat


def masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_progres_tidak_menjumlah_satuan_berbeda(org, dua_satuan):
    dokumen, rapat = dua_satuan
    hari = timezone.localdate()
    lapor(org.staf1, org.rhk1, hari, "08:00", "09:00", status="DISETUJUI", kuantitas=5)
    lapor(org.staf1, org.rhk1, hari, "09:00", "10:00", status="DISETUJUI", kuantitas=12,
          satuan="kegiatan")  # fmt: skip
    lapor(org.staf1, org.rhk1, hari, "10:00", "11:00", status="DISETUJUI", kuantitas=7,
          satuan="rapat", indikator=None)  # fmt: skip
    [p] = [p for p in selectors.progres_rhk_bawahan(org.kabid.user, tahun=hari.year, akhir=hari)
           if p.rhk == org.rhk1]  # fmt: skip
    assert (p.realisasi, p.target, p.satuan) == (5, 100, "dokumen")
    skp = org.rhk1.skp
    periode = rules.parse_periode(str(hari.year))
    assert selectors.realisasi_dari_laporan(skp, periode) == {org.rhk1.pk: 5}


def _ajukan(org, **ubah):
    # 00:00-00:01 today has always passed, whatever the hour the test runs.
    data = {
        "pegawai": org.staf1,
        "tanggal": timezone.localdate(),
        "rhk": org.rhk1,
        "uraian": "Menyusun laporan",
        "kuantitas": 1,
        "jam_mulai": time(0, 0),
        "jam_selesai": time(0, 1),
    }
    data.update(ubah)
    return services.laporan_ajukan(**data)


def test_satuan_mengikuti_indikator(org, dua_satuan):
    _, rapat = dua_satuan
    laporan = _ajukan(org, indikator=rapat)
    assert (laporan.indikator, laporan.satuan) == (rapat, "kegiatan")


def test_indikator_rhk_lain_ditolak(org, dua_satuan):
    lain = org.rhk2.indikator.get()
    with pytest.raises(ValidationError) as exc:
        _ajukan(org, indikator=lain)
    assert exc.value.message_dict["indikator"] == ["Indikator bukan milik RHK yang dipilih."]


def test_satuan_yang_tidak_sama_dengan_indikator_ditolak(org, dua_satuan):
    dokumen, _ = dua_satuan
    with pytest.raises(ValidationError) as exc:
        _ajukan(org, indikator=dokumen, satuan="kegiatan")
    assert "dokumen" in exc.value.message_dict["satuan"][0]
    assert not LaporanHarian.objects.exists()


def test_tanpa_indikator_dua_pilihan_wajib_memilih(org, dua_satuan):
    with pytest.raises(ValidationError) as exc:
        _ajukan(org)
    assert "indikator" in exc.value.message_dict


def test_satu_indikator_dipilih_otomatis(org):
    laporan = _ajukan(org)
    assert laporan.indikator == org.rhk1.indikator.get() and laporan.satuan == "dokumen"


def test_api_tetap_menerima_satuan_dan_indikator_opsional(org, dua_satuan):
    dokumen, rapat = dua_satuan
    client = klien(org.staf1.user)
    dasar = {
        "tanggal": timezone.localdate().isoformat(),
        "rhk": org.rhk1.pk,
        "uraian": "Rapat",
        "kuantitas": "1",
    }
    resp = client.post(URL, {**dasar, "satuan": "kegiatan", "jam_mulai": "00:00",
                             "jam_selesai": "00:01"}, format="json")  # fmt: skip
    assert resp.status_code == 201, resp.content
    assert (resp.json()["satuan"], resp.json()["indikator"]) == ("kegiatan", rapat.pk)
    resp = client.post(URL, {**dasar, "indikator": dokumen.pk, "jam_mulai": "00:01",
                             "jam_selesai": "00:02"}, format="json")  # fmt: skip
    assert resp.status_code == 201, resp.content
    assert resp.json()["satuan"] == "dokumen"
    salah = {"indikator": dokumen.pk, "satuan": "kegiatan"}
    resp = client.post(URL, {**dasar, **salah, "jam_mulai": "00:02", "jam_selesai": "00:03"},
                       format="json")  # fmt: skip
    assert resp.status_code == 400 and "satuan" in resp.json()
    resp = client.post(URL, {**dasar, "jam_mulai": "00:03", "jam_selesai": "00:04"}, format="json")
    assert resp.json() == {"satuan": ["Satuan wajib diisi bila indikator tidak dipilih."]}


def test_formulir_menampilkan_indikator_dengan_satuan(org, dua_satuan):
    html = masuk(org.staf1.user).get("/kinerja/").content.decode()
    assert "Rapat koordinasi (kegiatan)" in html
    assert 'name="satuan"' not in html


def test_migrasi_memetakan_yang_cocok_dan_menyisakan_tanpa_indikator(org, dua_satuan):
    dokumen, rapat = dua_satuan
    hari = timezone.localdate()
    a = lapor(org.staf1, org.rhk1, hari, "08:00", "09:00", satuan="Dokumen ", indikator=None)
    b = lapor(org.staf1, org.rhk1, hari, "09:00", "10:00", satuan="kegiatan", indikator=None)
    c = lapor(org.staf1, org.rhk1, hari, "10:00", "11:00", satuan="jam", indikator=None)
    migrasi = import_module("kinerja.migrations.0007_laporan_indikator")
    migrasi.petakan_indikator(apps, None)
    for x in (a, b, c):
        x.refresh_from_db()
    assert (a.indikator, b.indikator, c.indikator) == (dokumen, rapat, None)
    html = masuk(org.staf1.user).get("/kinerja/").content.decode()
    assert "tanpa indikator" in html
