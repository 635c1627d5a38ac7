"""Journey: a new ASN drafts an SKP on a phone (an RHK intervening the supervisor's, with a
quantity indicator) and submits it; the supervisor approves it from the queue with a
BerAKHLAK expectation; the ASN sees it approved and downloads the SKP as a PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kinerja.models import Skp
from tests.e2e.test_kinerja import masuk
from tests.factories import PegawaiFactory
from tests.kinerja.factories import buat_org
from tests.kinerja.pdfteks import teks_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_susun_ajukan_setujui_unduh_skp(phone_page: Page, page: Page, live_server):
    org = buat_org()
    baru = PegawaiFactory(unit_kerja=org.diskes, atasan=org.kabid, nama="Dewi Lestari")
    tahun = timezone.localdate().year
    asn, atasan = phone_page, page

    # 1. The ASN drafts the SKP on a phone and adds an RHK intervening the supervisor's.
    masuk(asn, baru.nip)
    asn.goto("/kinerja/skp/")
    expect(asn.get_by_text(f"Belum ada SKP untuk tahun {tahun}.")).to_be_visible()
    asn.get_by_role("button", name=f"Buat SKP {tahun}").click()
    expect(asn.get_by_text(f"Draf SKP {tahun} dibuat.")).to_be_visible()
    asn.get_by_role("link", name="Tambah RHK").click()
    asn.get_by_label("Rencana hasil kerja").fill("Tersusunnya laporan cakupan imunisasi")
    asn.get_by_label("RHK atasan yang diintervensi").select_option(
        label="Utama: Menurunnya angka penyakit menular"
    )
    asn.get_by_label("Indikator kuantitas").fill("Jumlah laporan cakupan imunisasi")
    asn.get_by_label("Target kuantitas").fill("12")
    asn.get_by_label("Satuan kuantitas").fill("laporan")
    asn.get_by_role("button", name="Simpan RHK").click()
    expect(asn.get_by_text("RHK ditambahkan ke SKP Anda.")).to_be_visible()
    expect(
        asn.get_by_text("Kuantitas: Jumlah laporan cakupan imunisasi (12 laporan)")
    ).to_be_visible()
    assert asn.evaluate("document.documentElement.scrollWidth") <= 390
    asn.get_by_role("button", name="Ajukan ke Pejabat Penilai").click()
    expect(
        asn.get_by_text(f"SKP diajukan kepada {org.kabid.nama} untuk disetujui.")
    ).to_be_visible()

    # 2. The supervisor finds it in the queue and approves it with an expectation.
    masuk(atasan, org.kabid.nip)
    atasan.goto("/kinerja/antrian/")
    atasan.get_by_role("link", name=f"Periksa SKP {tahun} Dewi Lestari").click()
    expect(atasan.get_by_text("Tersusunnya laporan cakupan imunisasi")).to_be_visible()
    atasan.get_by_label("Ekspektasi khusus: Akuntabel").fill(
        "Laporan imunisasi lengkap sebelum tanggal 5 setiap bulan"
    )
    atasan.get_by_role("button", name="Setujui SKP").click()
    expect(atasan.get_by_text("SKP Dewi Lestari disetujui.")).to_be_visible()
    expect(atasan.get_by_role("link", name="Periksa SKP")).to_have_count(0)

    # 3. The ASN sees it approved and downloads the official document.
    asn.goto("/kinerja/skp/")
    expect(asn.locator(".badge", has_text="Disetujui")).to_be_visible()
    expect(
        asn.get_by_text("Laporan imunisasi lengkap sebelum tanggal 5 setiap bulan")
    ).to_be_visible()
    with asn.expect_download() as unduhan:
        asn.get_by_role("link", name="Unduh PDF").click()
    berkas = unduhan.value
    assert berkas.suggested_filename.endswith(".pdf")
    assert berkas.suggested_filename == f"SKP-{tahun}-{baru.nip}.pdf"
    isi = Path(berkas.path()).read_bytes()
    teks = teks_pdf(isi)
    assert "SASARAN KINERJA PEGAWAI" in teks and "Dewi Lestari" in teks
    assert "Laporan imunisasi lengkap sebelum tanggal 5 setiap bulan" in teks
    assert Skp.objects.get(pegawai=baru).status == "DISETUJUI"
