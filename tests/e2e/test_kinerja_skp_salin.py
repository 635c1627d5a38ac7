"""Journey on a phone (390x844): an ASN looks at last year's SKP, copies it as next year's
draft, chooses the intervention the copy could not carry over, changes and adds indicators
on the RHK page, and submits; the RHK table reads as stacked cards."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kinerja.models import Skp
from tests.e2e.test_kinerja import masuk
from tests.kinerja.factories import buat_org, skp_disetujui

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_salin_skp_tahun_lalu_ubah_rhk_lalu_ajukan(phone_page: Page, live_server):
    org = buat_org()
    ini = timezone.localdate().year
    depan = ini + 1
    skp_disetujui(org.kabid, tahun=depan, uraian="Terkendalinya penyakit menular")
    asn = phone_page

    masuk(asn, org.staf1.nip)
    asn.goto(f"/kinerja/skp/?tahun={depan}")
    expect(asn.get_by_text(f"Belum ada SKP untuk tahun {depan}.")).to_be_visible()
    # Last year's SKP is open beside the offer, read-only.
    expect(asn.get_by_role("heading", name=f"SKP tahun lalu ({ini})")).to_be_visible()
    expect(asn.locator(".skp-lalu").get_by_text("Laporan surveilans", exact=True)).to_be_visible()
    asn.get_by_role("button", name=f"Salin SKP {ini}").click()
    expect(asn.get_by_text(f"Draf SKP {depan} disalin dari SKP {ini}: 1 RHK")).to_be_visible()
    expect(asn.get_by_text("1 RHK utama belum mengintervensi RHK atasan")).to_be_visible()
    # Stacked cards on a phone: each cell a block with its label, nothing scrolls sideways.
    sel = asn.locator('.table--kartu td[data-label="Indikator"]').first
    assert sel.evaluate("e => getComputedStyle(e).display") == "block"
    assert asn.evaluate("document.documentElement.scrollWidth") <= 390

    asn.get_by_role("link", name="Ubah RHK Laporan surveilans").click()
    expect(asn.get_by_text("RHK utama ini belum mengintervensi RHK atasan.")).to_be_visible()
    asn.get_by_label("Rencana hasil kerja").fill("Laporan surveilans mingguan")
    asn.get_by_label("RHK atasan yang diintervensi").select_option(
        label="Utama: Terkendalinya penyakit menular"
    )
    asn.get_by_role("button", name="Simpan RHK").click()
    expect(asn.get_by_text("RHK diubah.")).to_be_visible()

    asn.get_by_role("link", name="Ubah RHK Laporan surveilans mingguan").click()
    asn.get_by_label("Target", exact=True).first.fill("52")
    asn.get_by_role("button", name="Simpan indikator 1").click()
    expect(asn.get_by_text("Indikator diubah.")).to_be_visible()
    tambah = asn.get_by_role("form", name="Tambah indikator")
    tambah.get_by_label("Aspek").select_option(label="Waktu")
    tambah.get_by_label("Indikator", exact=True).fill("Terkirim setiap Senin")
    tambah.get_by_label("Target").fill("52")
    tambah.get_by_label("Satuan").fill("minggu")
    tambah.get_by_role("button", name="Tambah indikator").click()
    expect(asn.get_by_text("Indikator ditambahkan.")).to_be_visible()
    assert asn.evaluate("document.documentElement.scrollWidth") <= 390

    asn.get_by_role("link", name="Kembali ke SKP").click()
    expect(asn.get_by_text("Waktu: Terkirim setiap Senin (52 minggu)")).to_be_visible()
    expect(asn.get_by_text("Kuantitas: Jumlah laporan surveilans (52 dokumen)")).to_be_visible()
    asn.get_by_role("button", name="Ajukan ke Pejabat Penilai").click()
    expect(
        asn.get_by_text(f"SKP diajukan kepada {org.kabid.nama} untuk disetujui.")
    ).to_be_visible()
    assert Skp.objects.get(pegawai=org.staf1, tahun=depan).status == "DIAJUKAN"
