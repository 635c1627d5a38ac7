"""Journeys of e-kinerja as people use it every day (issue 14), on a phone (390x844):

- a report returned from an earlier week is found from the home page and corrected;
- a supervisor previews the predikat, saves the appraisal, then corrects it with a reason;
- progress counts only the reports of the measuring indicator (never mixed units);
- the kinerja pages have no horizontal scroll at 390 px.

Dates are relative to today and chosen so each test passes on any weekday.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kinerja.models import IndikatorKinerja
from kinerja.selectors import awal_minggu
from tests.e2e.test_kinerja import masuk
from tests.kinerja.factories import buat_org, lapor, skp_disetujui

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _jam_sekarang_malam(monkeypatch):
    """Reports for today may not end after now: the journey files at fixed hours, so the
    live server (same process) sees "now" as the end of the day."""
    from datetime import time

    from kinerja.services import laporan

    monkeypatch.setattr(laporan, "jam_sekarang", lambda: time(23, 59))

TANPA_GULIR = "document.documentElement.scrollWidth <= 390"


def test_laporan_dikembalikan_minggu_lalu_ditemukan_dari_beranda(phone_page: Page):
    org = buat_org()
    hari_ini = timezone.localdate()
    # Saturday of last week: always an earlier week, whatever today is.
    sabtu_lalu = awal_minggu(hari_ini) - timedelta(days=2)
    rhk = org.rhk1
    if sabtu_lalu.year != hari_ini.year:  # the first days of January
        rhk = skp_disetujui(org.staf1, tahun=sabtu_lalu.year, rhk_atasan=None).rhk.get()
    lama = lapor(org.staf1, rhk, sabtu_lalu, status="DIKEMBALIKAN")
    lama.uraian = "Rekap kasus DBD pekan lalu"
    lama.catatan_atasan = "Lampirkan jumlah kasus per puskesmas"
    lama.save()

    asn = phone_page
    masuk(asn, org.staf1.nip)
    tugas = asn.get_by_role("link", name="1 laporan dikembalikan atasan, perlu diperbaiki")
    expect(tugas).to_be_visible()
    assert asn.evaluate(TANPA_GULIR)
    tugas.click()
    bagian = asn.locator("section", has=asn.get_by_role("heading", name="Dikembalikan atasan"))
    expect(bagian.get_by_text("Lampirkan jumlah kasus per puskesmas")).to_be_visible()
    bagian.get_by_role("link", name="Perbaiki").click()
    asn.get_by_label("Uraian kegiatan").fill("Rekap kasus DBD per puskesmas pekan lalu")
    asn.get_by_role("button", name="Ajukan Ulang").click()
    expect(asn.get_by_text("Laporan diperbaiki dan diajukan ulang.")).to_be_visible()
    expect(asn.get_by_role("heading", name="Dikembalikan atasan")).to_have_count(0)
    asn.goto("/kinerja/laporan/")
    item = asn.locator(".laporan-item").filter(has_text="per puskesmas pekan lalu")
    expect(item.get_by_text("Diajukan")).to_be_visible()
    assert asn.evaluate(TANPA_GULIR)


def test_atasan_pratinjau_simpan_dan_koreksi_penilaian(phone_page: Page):
    org = buat_org()
    atasan = phone_page
    masuk(atasan, org.kabid.nip)
    atasan.get_by_role("link", name="Bawahan", exact=True).click()
    atasan.get_by_role("link", name=f"Nilai {org.staf1.nama}").click()
    pratinjau = atasan.locator("#predikat-pratinjau")
    atasan.get_by_label("Rating hasil kerja").select_option("DI_ATAS")
    atasan.get_by_label("Rating perilaku kerja").select_option("DI_ATAS")
    expect(pratinjau).to_have_text("Sangat Baik")  # live, before saving
    atasan.get_by_label("Umpan balik").fill("Target terlampaui.")
    atasan.get_by_role("button", name="Simpan Penilaian").click()
    expect(atasan.locator(".predikat")).to_contain_text("Sangat Baik")
    assert atasan.evaluate(TANPA_GULIR)

    atasan.get_by_role("link", name="Ubah Penilaian").click()
    atasan.get_by_label("Rating perilaku kerja").select_option("SESUAI")
    expect(pratinjau).to_have_text("Baik")
    atasan.get_by_label("Alasan perubahan", exact=True).fill("Catatan disiplin belum saya baca.")
    atasan.get_by_role("button", name="Simpan Perubahan").click()
    expect(atasan.get_by_text(f"Penilaian {org.staf1.nama} diperbarui.")).to_be_visible()
    expect(atasan.locator(".predikat")).to_contain_text("Baik")
    riwayat = atasan.locator("section", has=atasan.get_by_role("heading", name="Riwayat"))
    expect(riwayat).to_contain_text("Catatan disiplin belum saya baca.")
    expect(riwayat).to_contain_text("SANGAT_BAIK")
    assert atasan.evaluate(TANPA_GULIR)


def test_progres_hanya_menjumlah_satuan_yang_sama(phone_page: Page, page: Page):
    org = buat_org()
    IndikatorKinerja.objects.create(
        rhk=org.rhk1, aspek="KUANTITAS", uraian="Rapat koordinasi", target=12, satuan="kegiatan"
    )
    hari_ini = timezone.localdate()
    lapor(org.staf1, org.rhk1, hari_ini, "01:00", "02:00", status="DISETUJUI", kuantitas=5)

    # The ASN files a meeting: the unit comes from the indicator chosen, never typed.
    asn = phone_page
    masuk(asn, org.staf1.nip)
    asn.goto("/kinerja/")
    asn.get_by_label("Indikator (satuan)").select_option(label="Rapat koordinasi (kegiatan)")
    asn.get_by_label("Uraian kegiatan").fill("Rapat koordinasi lintas program")
    # 00:00-00:30 today has always passed, whatever the hour.
    asn.get_by_label("Jam mulai").fill("00:00")
    asn.get_by_label("Jam selesai").fill("00:30")
    asn.get_by_label("Kuantitas output").fill("12")
    asn.get_by_role("button", name="Kirim Laporan").click()
    expect(asn.get_by_text("Laporan tersimpan dan diajukan ke atasan.")).to_be_visible()
    expect(asn.locator(".laporan-item").filter(has_text="lintas program")).to_contain_text(
        "12 kegiatan"
    )

    masuk(page, org.kabid.nip)
    page.goto("/kinerja/antrian/")
    page.get_by_label("Pilih semua").check()
    page.get_by_role("button", name="Setujui yang dipilih").click()
    page.goto("/kinerja/bawahan/")
    # 5 documents of 100; the 12 meetings are not added to documents.
    expect(page.get_by_text("5 / 100 dokumen (5%)")).to_be_visible()
    expect(page.get_by_text("17 / 100")).to_have_count(0)


@pytest.mark.parametrize("siapa", ["staf1", "kabid"])
def test_halaman_kinerja_tanpa_gulir_samping_di_390px(phone_page: Page, siapa):
    org = buat_org()
    hari_ini = timezone.localdate()
    lapor(org.staf1, org.rhk1, hari_ini, "01:00", "02:00")
    lapor(org.staf2, org.rhk2, hari_ini, "01:00", "02:00", status="DIKEMBALIKAN")
    lapor(org.staf1, org.rhk1, hari_ini - timedelta(days=8), status="DISETUJUI")
    halaman = ["/", "/kinerja/", "/kinerja/laporan/", "/kinerja/skp/", "/kinerja/penilaian/"]
    if siapa == "kabid":
        halaman += [
            "/kinerja/antrian/",
            "/kinerja/bawahan/",
            f"/kinerja/penilaian/baru/{org.staf1.nip}/",
            f"/kinerja/skp/{org.rhk1.skp_id}/",
        ]
    pegawai = getattr(org, siapa)
    masuk(phone_page, pegawai.nip)
    lebar = {}
    for url in halaman:
        phone_page.goto(url)
        lebar[url] = phone_page.evaluate("document.documentElement.scrollWidth")
    assert {u: w for u, w in lebar.items() if w > 390} == {}
