"""Candidate ranking at its boundaries, as an HR user sees it through
`GET /api/v1/jabatan/{id}/kandidat/` (issue 17: the latest assessment is now picked per
employee inside the pool's query): which assessment counts, an employee never assessed,
the order across page boundaries, the access scope, and the path for a position with more
competencies than one packed code holds."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jabatan import pencocokan
from tests.factories import PegawaiFactory, UnitKerjaFactory, admin_bkd, operator

from .factories import AsesmenFactory, JabatanFactory, KompetensiFactory, StandarFactory
from .test_api import klien
from .test_pencocokan_oracle import _baru, _oracle

pytestmark = pytest.mark.django_db

LAMA, BARU = date(2024, 3, 1), date(2025, 6, 1)


@pytest.fixture
def lowongan():
    diskes = UnitKerjaFactory(kode="DISKES", nama="Dinas Kesehatan")
    p2p = UnitKerjaFactory(kode="DISKES-P2P", nama="Bidang P2P", parent=diskes)
    disdik = UnitKerjaFactory(kode="DISDIK", nama="Dinas Pendidikan")
    jabatan = JabatanFactory(
        nama="Epidemiolog Kesehatan Ahli Pertama",
        pendidikan_minimal="S1",
        jurusan="Kesehatan Masyarakat",
        golongan_minimal="III/a",
    )
    surveilans = KompetensiFactory(nama="Surveilans Lapangan")
    analisis = KompetensiFactory(nama="Analisis Data")
    StandarFactory(jabatan=jabatan, kompetensi=surveilans, level=3)
    StandarFactory(jabatan=jabatan, kompetensi=analisis, level=3)
    return {
        "diskes": diskes,
        "p2p": p2p,
        "disdik": disdik,
        "jabatan": jabatan,
        "surveilans": surveilans,
        "analisis": analisis,
    }


def orang(nama: str, unit, **kw):
    data = {
        "pendidikan_jenjang": "S1",
        "pendidikan_jurusan": "Kesehatan Masyarakat",
        "golongan": "III/b",
    }
    data.update(kw)
    return PegawaiFactory(nama=nama, unit_kerja=unit, **data)


def daftar(user, jabatan, **params) -> list[dict]:
    resp = klien(user).get(f"/api/v1/jabatan/{jabatan.pk}/kandidat/", params)
    assert resp.status_code == 200
    return resp.json()["results"]


def per_nip(rows: list[dict]) -> dict[str, dict]:
    return {r["nip"]: r for r in rows}


def test_asesmen_bertanggal_terbaru_yang_dihitung_bukan_yang_terakhir_dicatat(lowongan):
    s, a = lowongan["surveilans"], lowongan["analisis"]
    naik = orang("Ani Naik", lowongan["diskes"])
    AsesmenFactory(pegawai=naik, kompetensi=s, level=1, tanggal=LAMA)
    AsesmenFactory(pegawai=naik, kompetensi=s, level=3, tanggal=BARU)
    AsesmenFactory(pegawai=naik, kompetensi=a, level=3, tanggal=BARU)
    # recorded last, but dated earlier: the newer date still counts
    turun = orang("Budi Turun", lowongan["diskes"])
    AsesmenFactory(pegawai=turun, kompetensi=s, level=1, tanggal=BARU)
    AsesmenFactory(pegawai=turun, kompetensi=s, level=5, tanggal=LAMA)
    AsesmenFactory(pegawai=turun, kompetensi=a, level=3, tanggal=BARU)

    hasil = per_nip(daftar(admin_bkd(), lowongan["jabatan"]))
    assert hasil[naik.nip]["alasan"][0] == "Kompetensi 100/100: 2 dari 2 standar terpenuhi."
    assert hasil[turun.nip]["alasan"][0] == (
        "Kompetensi 67/100: 1 dari 2 standar terpenuhi; kurang: Surveilans Lapangan level 1 "
        "dari 3."
    )
    assert hasil[naik.nip]["skor"] > hasil[turun.nip]["skor"]


def test_dua_asesmen_di_tanggal_sama_yang_dicatat_belakangan_menang(lowongan):
    s, a = lowongan["surveilans"], lowongan["analisis"]
    membaik = orang("Citra Membaik", lowongan["diskes"])
    AsesmenFactory(pegawai=membaik, kompetensi=s, level=2, tanggal=BARU)
    AsesmenFactory(pegawai=membaik, kompetensi=s, level=4, tanggal=BARU)
    memburuk = orang("Dodi Memburuk", lowongan["diskes"])
    AsesmenFactory(pegawai=memburuk, kompetensi=s, level=4, tanggal=BARU)
    AsesmenFactory(pegawai=memburuk, kompetensi=s, level=2, tanggal=BARU)
    for p in (membaik, memburuk):
        AsesmenFactory(pegawai=p, kompetensi=a, level=3, tanggal=LAMA)

    hasil = per_nip(daftar(admin_bkd(), lowongan["jabatan"]))
    assert hasil[membaik.nip]["alasan"][0] == "Kompetensi 100/100: 2 dari 2 standar terpenuhi."
    assert hasil[memburuk.nip]["alasan"][0] == (
        "Kompetensi 83/100: 1 dari 2 standar terpenuhi; kurang: Surveilans Lapangan level 2 "
        "dari 3."
    )


def test_pegawai_tanpa_asesmen_tetap_diperingkat_di_bawah_yang_diases(lowongan):
    s = lowongan["surveilans"]
    diases = orang("Eka Diases", lowongan["diskes"])
    AsesmenFactory(pegawai=diases, kompetensi=s, level=3, tanggal=BARU)
    belum = orang("Fajar Belum", lowongan["diskes"])
    # assessed only in a competency outside the standard: still "not assessed" here
    lain = orang("Gita Lain", lowongan["diskes"])
    AsesmenFactory(pegawai=lain, kompetensi=KompetensiFactory(nama="Lain"), level=5)

    rows = daftar(admin_bkd(), lowongan["jabatan"])
    assert [r["nip"] for r in rows] == [diases.nip, belum.nip, lain.nip]
    for r in rows[1:]:
        assert r["alasan"][0] == (
            "Kompetensi 0/100: 0 dari 2 standar terpenuhi; belum diases: Analisis Data, "
            "Surveilans Lapangan."
        )
        assert r["skor"] == rows[1]["skor"] < rows[0]["skor"]


def test_urutan_skor_nama_nip_sama_di_setiap_batas_halaman(lowongan):
    s = lowongan["surveilans"]
    semua = []
    for i in range(23):
        # three names and three levels: ties in score, and in score and name (then NIP)
        p = orang(["Ani", "Budi", "Citra"][i % 3], lowongan["diskes"])
        AsesmenFactory(pegawai=p, kompetensi=s, level=1 + (i // 2) % 3, tanggal=BARU)
        semua.append(p)
    admin = admin_bkd()
    utuh = daftar(admin, lowongan["jabatan"])
    kunci = [(-r["skor"], r["nama"], r["nip"]) for r in utuh]
    assert kunci == sorted(kunci) and len(utuh) == 23
    assert len({r["skor"] for r in utuh}) == 3
    for ukuran in (1, 4, 7, 22):
        halaman = []
        for nomor in range(1, -(-23 // ukuran) + 1):
            halaman += daftar(admin, lowongan["jabatan"], page_size=ukuran, page=nomor)
        assert halaman == utuh
    # read from the end first, or one by one: the same order
    jadi = pencocokan.kandidat_untuk(admin, lowongan["jabatan"])
    assert [jadi[-1].nip, jadi[0].nip, jadi[11].nip] == [utuh[i]["nip"] for i in (-1, 0, 11)]
    assert [k.nip for k in jadi] == [r["nip"] for r in utuh]


def test_halaman_kandidat_satu_kueri_tampilan_berapa_pun_pegawainya(lowongan):
    user = operator(lowongan["diskes"])
    url = f"/api/v1/jabatan/{lowongan['jabatan'].pk}/kandidat/"

    def kueri() -> int:
        client = klien(user)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    orang("Ani Satu", lowongan["diskes"])
    satu = kueri()
    for i in range(60):
        p = orang(f"Pegawai {i:02d}", lowongan["p2p"])
        AsesmenFactory(pegawai=p, kompetensi=lowongan["surveilans"], level=1 + i % 5)
    assert kueri() == satu


def test_operator_unit_lain_tidak_melihat_kandidat_unit_ini(lowongan):
    di_diskes = orang("Hana Diskes", lowongan["diskes"])
    di_p2p = orang("Iwan P2P", lowongan["p2p"])
    di_disdik = orang("Joko Disdik", lowongan["disdik"])
    for p in (di_diskes, di_p2p, di_disdik):
        AsesmenFactory(pegawai=p, kompetensi=lowongan["surveilans"], level=3)
    jabatan = lowongan["jabatan"]

    assert [r["nip"] for r in daftar(operator(lowongan["disdik"]), jabatan)] == [di_disdik.nip]
    assert {r["nip"] for r in daftar(operator(lowongan["diskes"]), jabatan)} == {
        di_diskes.nip,
        di_p2p.nip,
    }
    # a sub-unit's operator does not see the parent unit
    assert [r["nip"] for r in daftar(operator(lowongan["p2p"]), jabatan)] == [di_p2p.nip]
    # another unit's filter is refused, an unknown position is not found
    op_disdik = klien(operator(lowongan["disdik"], username="op.disdik.2"))
    resp = op_disdik.get(
        f"/api/v1/jabatan/{jabatan.pk}/kandidat/", {"unit_kerja": lowongan["diskes"].pk}
    )
    assert resp.status_code == 400
    assert op_disdik.get(f"/api/v1/jabatan/{jabatan.pk + 999}/kandidat/").status_code == 404


def test_kandidat_tanpa_login_401(client, lowongan):
    orang("Kiki Rahasia", lowongan["diskes"])
    resp = client.get(f"/api/v1/jabatan/{lowongan['jabatan'].pk}/kandidat/")
    assert resp.status_code == 401
    assert "Kiki" not in resp.content.decode()


def test_jabatan_dengan_lebih_dari_20_kompetensi_sama_dengan_oracle(lowongan):
    """More competencies than one 64-bit code packs (3 bits each): the other path."""
    jabatan = JabatanFactory(nama="Jabatan Berkompetensi Banyak", golongan_minimal="III/a")
    kompetensi = [KompetensiFactory(nama=f"Kompetensi Banyak {i:02d}") for i in range(21)]
    for i, k in enumerate(kompetensi):
        StandarFactory(jabatan=jabatan, kompetensi=k, level=1 + i % 5)
    for n in range(6):
        p = orang(f"Orang {n}", lowongan["diskes"], golongan=["II/d", "III/b"][n % 2])
        for i, k in enumerate(kompetensi[n:]):
            AsesmenFactory(pegawai=p, kompetensi=k, level=1 + (i + n) % 5, tanggal=BARU)
            AsesmenFactory(pegawai=p, kompetensi=k, level=1 + (i * n) % 5, tanggal=BARU)
    admin = admin_bkd()
    assert len(_baru(admin, jabatan)) == 6
    assert _baru(admin, jabatan) == _oracle(admin, jabatan)
    assert _baru(admin, lowongan["jabatan"]) == _oracle(admin, lowongan["jabatan"])
