"""The unit picker (issue 17): a scoped suggestion endpoint and a text field resolved on the
server, used instead of a `<select>` of every unit."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pegawai.models import UnitKerja
from pegawai.pemilih_unit import PemilihUnitField
from tests.factories import PegawaiFactory, UnitKerjaFactory, admin_bkd, operator

URL = "/unit-kerja/cari/"


@pytest.fixture
def pohon(db):
    diskes = UnitKerjaFactory(kode="DISKES", nama="Dinas Kesehatan", singkatan="Dinkes")
    yankes = UnitKerjaFactory(kode="DISKES-YANKES", nama="Bidang Pelayanan Kesehatan",
                              parent=diskes)  # fmt: skip
    rujukan = UnitKerjaFactory(kode="YANKES-RUJ", nama="Seksi Pelayanan Rujukan", parent=yankes)
    dishub = UnitKerjaFactory(kode="DISHUB", nama="Dinas Perhubungan")
    terminal = UnitKerjaFactory(kode="DISHUB-TRM", nama="UPTD Terminal Kesehatan Jalan",
                                parent=dishub)  # fmt: skip
    return {"diskes": diskes, "yankes": yankes, "rujukan": rujukan, "dishub": dishub,
            "terminal": terminal}  # fmt: skip


def _kode(client, q: str) -> list[str]:
    resp = client.get(URL, {"q": q})
    assert resp.status_code == 200
    return [u["kode"] for u in resp.json()["hasil"]]


def test_cari_admin_bkd_melihat_semua_unit(client, pohon):
    client.force_login(admin_bkd())
    assert set(_kode(client, "kesehatan")) == {"DISKES", "DISKES-YANKES", "DISHUB-TRM"}
    hasil = client.get(URL, {"q": "rujukan"}).json()["hasil"]
    assert hasil == [
        {
            "id": pohon["rujukan"].pk,
            "kode": "YANKES-RUJ",
            "nama": "Seksi Pelayanan Rujukan",
            "label": "Seksi Pelayanan Rujukan [YANKES-RUJ]",
            "induk": "Dinas Kesehatan › Bidang Pelayanan Kesehatan",
        }
    ]
    # An exact code comes first; the code and the abbreviation are searched too.
    assert _kode(client, "dishub")[0] == "DISHUB"
    assert _kode(client, "dinkes") == ["DISKES"]


def test_cari_operator_hanya_unitnya(client, pohon):
    client.force_login(operator(pohon["yankes"]))
    assert set(_kode(client, "kesehatan")) == {"DISKES-YANKES"}
    assert _kode(client, "rujukan") == ["YANKES-RUJ"]
    # Another unit's operator never gets the units outside their scope.
    assert _kode(client, "dinas") == []
    assert _kode(client, "DISHUB") == []
    client.force_login(operator(pohon["dishub"], username="op.dishub"))
    assert _kode(client, "kesehatan") == ["DISHUB-TRM"]
    assert _kode(client, "rujukan") == []


def test_cari_pegawai_hanya_unit_orang_yang_dilihatnya(client, pohon):
    pegawai = PegawaiFactory(unit_kerja=pohon["rujukan"])
    client.force_login(pegawai.user)
    assert _kode(client, "e") == ["YANKES-RUJ"]


def test_cari_anonim_diarahkan_ke_masuk(client, pohon):
    resp = client.get(URL, {"q": "dinas"})
    assert resp.status_code == 302
    assert "/masuk/" in resp["Location"]


def test_cari_batas_dua_puluh_dan_kueri_tetap(client, pohon):
    client.force_login(admin_bkd())
    client.get(URL, {"q": "seksi"})
    with CaptureQueriesContext(connection) as sedikit:
        client.get(URL, {"q": "seksi"})
    for i in range(40):
        UnitKerjaFactory(kode=f"SEKSI-{i}", nama=f"Seksi {i}", parent=pohon["yankes"])
    with CaptureQueriesContext(connection) as banyak:
        hasil = client.get(URL, {"q": "seksi"}).json()["hasil"]
    assert len(hasil) == 20
    assert len(banyak) == len(sedikit)
    assert client.get(URL, {"q": "  "}).json() == {"hasil": []}


# --- the field without JavaScript ------------------------------------------------------------


def _field(qs=None) -> PemilihUnitField:
    return PemilihUnitField(
        queryset=qs if qs is not None else UnitKerja.objects.all(), required=False
    )


def test_field_kode_nama_dan_label(pohon):
    f = _field()
    assert f.clean("diskes-yankes") == pohon["yankes"]
    assert f.clean("Dinas Perhubungan") == pohon["dishub"]
    assert f.clean("  dinas   kesehatan ") == pohon["diskes"]
    assert f.clean("Bidang Pelayanan Kesehatan [DISKES-YANKES]") == pohon["yankes"]
    assert f.clean("Dinkes") == pohon["diskes"]  # abbreviation
    assert f.clean("terminal") == pohon["terminal"]  # one unit's name contains it
    assert f.clean(str(pohon["dishub"].pk)) == pohon["dishub"]  # old links: the id
    assert f.clean("") is None


def test_field_ganda_dan_tidak_ditemukan_menyebut_field(pohon):
    f = _field()
    with pytest.raises(ValidationError) as ganda:
        f.clean("pelayanan")
    pesan = ganda.value.messages[0]
    assert pesan.startswith("Unit kerja: “pelayanan” cocok dengan lebih dari satu unit kerja")
    assert "Bidang Pelayanan Kesehatan [DISKES-YANKES]" in pesan
    assert "Seksi Pelayanan Rujukan [YANKES-RUJ]" in pesan
    with pytest.raises(ValidationError) as tidak:
        f.clean("Badan Entah")
    assert tidak.value.messages == [
        "Unit kerja: unit kerja “Badan Entah” tidak ditemukan. Ketik nama atau kode unit lalu "
        "pilih dari saran."
    ]
    wajib = PemilihUnitField(queryset=UnitKerja.objects.all(), required=True, label="Unit tujuan")
    with pytest.raises(ValidationError) as kosong:
        wajib.clean("")
    assert kosong.value.messages == ["Unit tujuan wajib diisi."]


def test_field_di_luar_cakupan_tidak_ditemukan(pohon):
    f = _field(UnitKerja.objects.subtree(pohon["diskes"]))
    with pytest.raises(ValidationError) as exc:
        f.clean("DISHUB")
    assert "tidak ditemukan" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        f.clean(str(pohon["dishub"].pk))
    # Terminal (Dishub) matches no name in the scope of Diskes.
    with pytest.raises(ValidationError) as exc:
        f.clean("terminal")
    assert "tidak ditemukan" in exc.value.messages[0]


# --- the pegawai list page -------------------------------------------------------------------


def test_daftar_pegawai_tanpa_js_dan_nilai_tetap(client, pohon):
    PegawaiFactory(nama="Rina Rujukan", unit_kerja=pohon["rujukan"])
    PegawaiFactory(nama="Hadi Diskes", unit_kerja=pohon["diskes"])
    PegawaiFactory.create_batch(26, unit_kerja=pohon["yankes"])
    client.force_login(admin_bkd())
    resp = client.get("/pegawai/", {"unit": "diskes-yankes"})
    html = resp.content.decode()
    assert resp.context["halaman"].paginator.count == 27  # Yankes and its section
    assert 'value="Bidang Pelayanan Kesehatan [DISKES-YANKES]"' in html
    assert 'class="pemilih-unit" data-url="/unit-kerja/cari/"' in html
    assert "<option" not in html.split('id="id_unit"')[1].split("</div>")[0]
    # The next page keeps the filter.
    assert "unit=diskes-yankes" in html
    resp = client.get("/pegawai/", {"unit": "diskes-yankes", "halaman": 2})
    assert len(resp.context["halaman"].object_list) == 2
    assert 'value="Bidang Pelayanan Kesehatan [DISKES-YANKES]"' in resp.content.decode()
    # Ambiguous: the message names the field and the list is not narrowed.
    html = client.get("/pegawai/", {"unit": "pelayanan"}).content.decode()
    assert "Unit kerja: “pelayanan” cocok dengan lebih dari satu unit kerja" in html
    assert 'value="pelayanan"' in html


def _kueri_halaman(client, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/pegawai/", params).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("params", [{}, {"unit": "DISKES"}])
def test_daftar_pegawai_kueri_tidak_tumbuh_dengan_jumlah_unit(db, client, params):
    diskes = UnitKerjaFactory(kode="DISKES", nama="Dinas Kesehatan")
    PegawaiFactory(unit_kerja=diskes)
    client.force_login(admin_bkd())
    satu = _kueri_halaman(client, params)
    panjang_satu = len(client.get("/pegawai/", params).content)
    for i in range(199):
        UnitKerjaFactory(kode=f"U{i:03d}", nama=f"Unit Kerja Nomor {i}", parent=diskes)
    assert _kueri_halaman(client, params) == satu
    # Nor does the page: 199 more units add no option to it.
    assert len(client.get("/pegawai/", params).content) < panjang_satu + 100


# Every HR page with a unit filter: the picker, never a select of every unit; the value typed
# by an operator is resolved inside the operator's scope only.
HALAMAN_BERUNIT = [
    "/pegawai/",
    "/pelatihan/jp/",
    "/pelatihan/akpk/unit/",
    "/karier/kenaikan-pangkat/",
    "/karier/talenta/",
    "/kinerja/dasbor/",
    "/siasn/",
]


@pytest.mark.parametrize("url", HALAMAN_BERUNIT)
def test_setiap_halaman_hr_berunit_memakai_pemilih(client, pohon, url):
    client.force_login(admin_bkd())
    resp = client.get(url)
    assert resp.status_code == 200, url
    html = resp.content.decode()
    assert 'class="pemilih-unit"' in html, url
    assert "Dinas Perhubungan</option>" not in html, url
    # An operator of Diskes typing Dishub's code is told it is not found (no leak, no list).
    client.force_login(operator(pohon["diskes"]))
    param = "unit_kerja" if url == "/kinerja/dasbor/" else "unit"
    resp = client.get(url, {param: "DISHUB"})
    if resp.status_code == 404:  # a page that answers an out-of-scope unit with 404
        return
    html = resp.content.decode()
    assert "tidak ditemukan" in html, url
    assert "Dinas Perhubungan" not in html, url
