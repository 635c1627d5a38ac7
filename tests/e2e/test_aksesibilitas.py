"""axe-core (vendored in tests/e2e/vendor/axe.min.js, MPL-2.0) over the main pages of every
role, in Chromium: no violation of serious or critical impact (WCAG 2.1 A/AA rules).

The script is injected into each page after it loads (`add_script_tag(path=...)`, the browser
context bypasses the page's Content-Security-Policy for that injection only). No rule is
excluded.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from kinerja.models import Skp
from pengaduan.models import Pengaduan
from tests.e2e.conftest import PONSEL, TIMEOUT_MS
from tests.factories import PASSWORD
from tests.kinerja.factories import buat_org, tambah_rhk
from tests.pengaduan.factories import PengaduanFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
TAG_WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pelanggaran(page: Page) -> list[str]:
    """Serious/critical axe violations of the page, one line per rule and element."""
    page.add_script_tag(path=str(AXE))
    hasil = page.evaluate(
        "async (tag) => (await axe.run(document, "
        "{runOnly: {type: 'tag', values: tag}, resultTypes: ['violations']})).violations",
        TAG_WCAG,
    )
    return [
        f"{page.url} [{v['impact']}] {v['id']}: {v['help']} — {n['target']}"
        for v in hasil
        if v["impact"] in {"serious", "critical"}
        for n in v["nodes"]
    ]


def konteks(browser: Browser, live_server, *, ponsel: bool = False) -> Page:
    extra = PONSEL if ponsel else {}
    ctx = browser.new_context(base_url=live_server.url, locale="id-ID", bypass_csp=True, **extra)
    ctx.set_default_timeout(TIMEOUT_MS)
    return ctx.new_page()


def masuk(page: Page, username: str) -> None:
    page.goto("/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Beranda")).to_be_visible()


def periksa(page: Page, urls: list[str]) -> list[str]:
    temuan: list[str] = []
    for url in urls:
        resp = page.goto(url)
        assert resp is not None and resp.status == 200, f"{url}: {resp and resp.status}"
        temuan += pelanggaran(page)
    return temuan


def test_halaman_warga_di_ponsel(browser: Browser, live_server):
    org = buat_org()
    p = PengaduanFactory(unit_kerja=org.diskes)
    page = konteks(browser, live_server, ponsel=True)
    urls = [
        "/pengaduan/",
        "/pengaduan/ajukan/",
        "/pengaduan/survei/",
        "/pengaduan/ikm/",
        f"/pengaduan/ikm/{org.diskes.pk}/",
        f"/pengaduan/lacak/{p.kode}/",
        "/masuk/",
    ]
    assert periksa(page, urls) == []
    assert Pengaduan.objects.count() == 1


def test_halaman_pegawai_dan_atasan(browser: Browser, live_server):
    org = buat_org()
    asn = konteks(browser, live_server, ponsel=True)
    masuk(asn, org.staf1.nip)
    temuan = periksa(
        asn, ["/", "/profil/", "/kinerja/", "/kinerja/skp/", "/karier/", "/pelatihan/"]
    )
    atasan = konteks(browser, live_server)
    masuk(atasan, org.kabid.nip)
    temuan += periksa(
        atasan, ["/kinerja/antrian/", "/pegawai/?lingkup=bawahan", "/kinerja/penilaian/"]
    )
    assert temuan == []


def test_halaman_operator_dan_admin_bkd(browser: Browser, live_server):
    org = buat_org()
    op = konteks(browser, live_server)
    masuk(op, org.op_diskes.username)
    temuan = periksa(
        op,
        [
            "/pegawai/",
            "/jabatan/lowongan/",
            "/pelatihan/jp/",
            "/kinerja/distribusi/",
            "/kinerja/dasbor/",
            "/pengaduan/staf/",
            "/admin/",
            "/admin/pegawai/pegawai/",
            f"/admin/pegawai/pegawai/{org.staf1.pk}/change/",
            f"/admin/pegawai/pegawai/{org.staf1.pk}/history/",
            "/admin/pegawai/pegawai/import/",
        ],
    )
    admin = konteks(browser, live_server)
    masuk(admin, org.admin.username)
    temuan += periksa(admin, ["/", "/jabatan/", "/karier/talenta/", "/admin/pegawai/pegawai/"])
    assert temuan == []


def test_halaman_ubah_skp_di_ponsel(browser: Browser, live_server):
    """The SKP editing pages (issue 14): a draft with last year's SKP beside it, the RHK page
    with its indicator forms, and the copy offer."""
    org = buat_org()
    depan = timezone.localdate().year + 1
    skp = Skp.objects.create(
        pegawai=org.staf1, tahun=depan, penilai=org.kabid, unit_kerja=org.diskes
    )
    rhk = tambah_rhk(skp, uraian="Laporan surveilans mingguan")
    asn = konteks(browser, live_server, ponsel=True)
    masuk(asn, org.staf1.nip)
    temuan = periksa(asn, [f"/kinerja/skp/?tahun={depan}", f"/kinerja/skp/rhk/{rhk.pk}/"])
    staf2 = konteks(browser, live_server, ponsel=True)
    masuk(staf2, org.staf2.nip)
    temuan += periksa(staf2, [f"/kinerja/skp/?tahun={depan}"])  # the copy offer
    assert temuan == []
