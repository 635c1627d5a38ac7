"""Pages: peta jabatan, the vacancy report, candidates and the placement form."""

from __future__ import annotations

import re
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from jabatan.models import Penempatan
from tests.factories import PegawaiFactory

from .conftest import tempatkan
from .factories import FormasiFactory, JabatanFactory


def teks(resp) -> str:
    assert resp.status_code == 200, resp.status_code
    return re.sub(r"\s+", " ", resp.content.decode())


def test_peta_jabatan_menampilkan_pemegang_dan_lowongan(client, kantor):
    client.force_login(kantor.op_diskes)
    html = teks(client.get("/jabatan/peta/DISKES/"))
    assert "Peta Jabatan Dinas Kesehatan" in html
    assert "Kepala Bidang P2P" in html and kantor.kepala_bidang.nip in html
    assert "Lowong 2" in html  # epidemiolog 2 of 2 open
    assert "Cari kandidat" in html


def test_anggota_unit_melihat_petanya_tanpa_nama_di_luar_lingkupnya(client, kantor):
    client.force_login(kantor.kepala_dinas.user)  # sees self and direct subordinates
    lain = PegawaiFactory(
        nama="Staf Jauh",
        unit_kerja=kantor.p2p,
        atasan=kantor.kepala_bidang,
        tanggal_lahir=date(1988, 1, 1),
    )
    tempatkan(lain, kantor.epid, kantor.p2p)
    html = teks(client.get("/jabatan/peta/DISKES/"))
    assert kantor.kepala_bidang.nama in html  # direct subordinate
    assert "Staf Jauh" not in html and "Terisi" in html
    assert "Cari kandidat" not in html
    assert client.get("/jabatan/peta/DISDIK/").status_code == 404
    assert client.get("/jabatan/lowongan/").status_code == 403
    assert client.get(f"/jabatan/{kantor.epid.pk}/kandidat/").status_code == 403


def test_lowongan_dan_unduhan_excel(client, kantor):
    client.force_login(kantor.admin)
    html = teks(client.get("/jabatan/lowongan/", {"unit": kantor.diskes.pk}))
    assert "Epidemiolog Kesehatan Ahli Pertama" in html and "Guru" not in html
    resp = client.get("/jabatan/lowongan/", {"unit": kantor.diskes.pk, "format": "xlsx"})
    assert resp["Content-Disposition"].startswith('attachment; filename="laporan-formasi-diskes')


def test_lowongan_lebih_dulu_dan_saring_hanya_lowongan(client, kantor):
    FormasiFactory(unit_kerja=kantor.diskes, jabatan=JabatanFactory(nama="Jabatan Lebih"))
    lebih = PegawaiFactory(unit_kerja=kantor.diskes, tanggal_lahir=date(1990, 1, 1))
    tempatkan(lebih, JabatanFactory(nama="Analis Kelebihan"), kantor.diskes, alasan="Uji")
    client.force_login(kantor.admin)
    html = teks(client.get("/jabatan/lowongan/", {"unit": kantor.diskes.pk}))
    assert html.index("Epidemiolog Kesehatan") < html.index("Analis Kelebihan")
    html = teks(client.get("/jabatan/lowongan/", {"unit": kantor.diskes.pk, "lowong": "1"}))
    assert "Epidemiolog Kesehatan" in html and "Analis Kelebihan" not in html
    assert 'name="lowong" value="1" id="id_lowong" checked' in html
    assert "lowong=1&amp;format=xlsx" in html


def test_halaman_kandidat_tidak_lagi_menjanjikan_modul_nanti(client, kantor):
    client.force_login(kantor.admin)
    html = teks(client.get(f"/jabatan/{kantor.epid.pk}/kandidat/", {"unit_kerja": kantor.p2p.pk}))
    assert "setelah modulnya tersedia" not in html
    assert "predikat kinerja" in html


def test_kandidat_dan_formulir_penempatan(client, kantor):
    client.force_login(kantor.admin)
    html = teks(client.get(f"/jabatan/{kantor.epid.pk}/kandidat/", {"unit_kerja": kantor.p2p.pk}))
    assert "Siti Rahmawati" in html and "Pendidikan 100/100" in html
    assert "Golongan belum memenuhi" in html  # Andi, II/c
    url = f"/jabatan/penempatan/baru/?pegawai={kantor.andi.nip}&jabatan={kantor.epid.pk}"
    html = teks(client.get(url))
    assert "Pendidikan D3 di bawah syarat minimal S1." in html  # shown before submitting
    data = {
        "pegawai": kantor.andi.nip,
        "jabatan": kantor.epid.pk,
        "unit_kerja": kantor.p2p.pk,
        "jenis": "MUTASI",
        "nomor_sk": "5/2024",
        "tmt": "2024-03-01",
    }
    html = teks(client.post("/jabatan/penempatan/baru/", data))
    assert "Golongan II/c di bawah syarat minimal III/a" in html
    data["pegawai"] = kantor.siti.nip
    resp = client.post("/jabatan/penempatan/baru/", data, follow=True)
    assert resp.redirect_chain[-1][0] == "/jabatan/peta/DISKES-P2P/"
    assert "ditempatkan sebagai Epidemiolog Kesehatan Ahli Pertama" in teks(resp)
    assert Penempatan.objects.get(pegawai=kantor.siti, aktif=True).jabatan == kantor.epid


def test_operator_tidak_bisa_menempatkan_pegawai_unit_lain(client, kantor):
    client.force_login(kantor.op_diskes)
    data = {
        "pegawai": kantor.siti.nip,
        "jabatan": kantor.epid.pk,
        "unit_kerja": kantor.p2p.pk,
        "jenis": "MUTASI",
        "nomor_sk": "5/2024",
        "tmt": "2024-03-01",
    }
    html = teks(client.post("/jabatan/penempatan/baru/", data))
    assert f"Pegawai dengan NIP {kantor.siti.nip} tidak ditemukan atau di luar kewenangan" in html


def test_peta_query_tetap_1_dan_50(client, kantor):
    client.force_login(kantor.admin)

    def jumlah() -> int:
        with CaptureQueriesContext(connection) as ctx:
            teks(client.get("/jabatan/peta/DISKES/"))
        return len(ctx)

    satu = jumlah()
    for i in range(49):
        j = JabatanFactory()
        FormasiFactory(unit_kerja=kantor.p2p, jabatan=j, kebutuhan=2)
        tempatkan(
            PegawaiFactory(unit_kerja=kantor.p2p, tanggal_lahir=date(1980, 1, 1 + i % 28)),
            j,
            kantor.p2p,
        )
    # session, user, scope (groups, operator, pegawai), unit, subtree, formasi, placements,
    # visible pegawai ids.
    assert jumlah() == satu


def test_lowongan_berhalaman_sama_dengan_laporan_lengkap(client, kantor):
    """The page reads the report 50 rows at a time in SQL; the pages joined give exactly the
    whole report (`laporan_formasi`, the oracle: same rows, same order, same totals), with
    and without "only vacancies", for Admin BKD and for an operator (scope)."""
    import random

    from jabatan import selectors
    from pegawai.models import UnitKerja

    acak = random.Random(5)
    unit = [kantor.diskes, kantor.p2p, kantor.disdik]
    unit += [UnitKerja.objects.create(kode=f"DISKES-U{i}", nama=f"Seksi U{i}",
                                      parent=kantor.diskes) for i in range(3)]  # fmt: skip
    jabatan = [JabatanFactory(nama=f"Jabatan {c}", kelas_jabatan=acak.randint(5, 9))
               for c in "bAaCz_"]  # fmt: skip
    for u in unit:
        for j in acak.sample(jabatan, 3):
            FormasiFactory(unit_kerja=u, jabatan=j, kebutuhan=acak.randint(0, 3))
    for _i in range(40):
        p = PegawaiFactory(unit_kerja=acak.choice(unit), tanggal_lahir=date(1990, 1, 1))
        tempatkan(p, acak.choice(jabatan), p.unit_kerja, alasan="Uji")

    def halaman(user, **kw):
        semua, n = [], 1
        while True:
            resp = client.get("/jabatan/lowongan/", {"halaman": n, **kw})
            semua += resp.context["baris"]
            if not resp.context["halaman"].has_next():
                return semua, resp.context
            n += 1

    from jabatan import views

    lama = views.PER_HALAMAN_LOWONGAN
    views.PER_HALAMAN_LOWONGAN = 7
    try:
        for user in (kantor.admin, kantor.op_diskes):
            client.force_login(user)
            oracle = selectors.laporan_formasi(user)
            assert len(oracle) > 14
            baris, ctx = halaman(user)
            assert baris == oracle
            assert ctx["lowong"] == sum(b.kekurangan for b in oracle if b.kekurangan > 0)
            assert ctx["lebih"] == -sum(b.kekurangan for b in oracle if b.kekurangan < 0)
            akhir = ctx["halaman"]
            for nomor in ("999999", "0"):
                resp = client.get("/jabatan/lowongan/", {"halaman": nomor})
                assert resp.context["halaman"].number == akhir.number
                assert resp.context["baris"] == list(akhir.object_list)
            baris, _ = halaman(user, lowong="1")
            assert baris == [b for b in oracle if b.kekurangan > 0]
            baris, _ = halaman(user, unit=kantor.p2p.pk)
            assert baris == selectors.laporan_formasi(user, unit=kantor.p2p)
        assert not any(b.unit_id == kantor.disdik.pk for b in halaman(kantor.op_diskes)[0])
    finally:
        views.PER_HALAMAN_LOWONGAN = lama
