"""The peta jabatan index: one level of the tree with drill-down and the unit picker, not a
row per unit (issue 17); the vacancy report's unit filter is the picker too."""

from __future__ import annotations

from tests.factories import UnitKerjaFactory


def test_beranda_satu_tingkat_dan_turun(client, kantor):
    UnitKerjaFactory(kode="P2P-SURV", nama="Seksi Surveilans", parent=kantor.p2p)
    client.force_login(kantor.admin)
    html = client.get("/jabatan/").content.decode()
    assert "Dinas Kesehatan" in html and "Dinas Pendidikan" in html
    assert "Bidang P2P" not in html
    assert f'href="?induk={kantor.diskes.pk}"' in html
    html = client.get("/jabatan/", {"induk": kantor.diskes.pk}).content.decode()
    assert "Bidang P2P" in html and "Seksi Surveilans" not in html
    assert f'href="?induk={kantor.p2p.pk}"' in html


def test_beranda_pemilih_membuka_peta(client, kantor):
    client.force_login(kantor.op_diskes)
    resp = client.get("/jabatan/", {"unit": "Bidang P2P"})
    assert resp.status_code == 302 and resp["Location"] == "/jabatan/peta/DISKES-P2P/"
    # Another OPD is outside the operator's scope: not found, named by the field.
    html = client.get("/jabatan/", {"unit": "DISDIK"}).content.decode()
    assert "Unit kerja: unit kerja “DISDIK” tidak ditemukan." in html
    assert client.get("/jabatan/", {"induk": kantor.disdik.pk}).status_code == 404


def test_lowongan_saring_unit_diketik(client, kantor):
    client.force_login(kantor.admin)
    resp = client.get("/jabatan/lowongan/", {"unit": "diskes-p2p"})
    assert resp.context["unit"] == kantor.p2p
    assert 'value="Bidang P2P [DISKES-P2P]"' in resp.content.decode()
    client.force_login(kantor.op_disdik)
    assert client.get("/jabatan/lowongan/", {"unit": kantor.diskes.pk}).status_code == 404
