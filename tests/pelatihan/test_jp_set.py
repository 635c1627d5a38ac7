"""The JP compliance read set-based (issue 17): the filters are semi-joins on the yearly
totals the database keeps, the page reads the JP of its own rows, the CSV joins the totals
and streams. Each gives what a sum per employee in Python gives, at the bounds (PNS floor
20, PPPK ceiling 24, records on 31 December and 1 January), for Admin BKD and inside an
operator's scope."""

from __future__ import annotations

import csv
import io
import random
from collections import defaultdict
from datetime import date
from decimal import Decimal

from pelatihan import selectors
from pelatihan.models import CatatanJP
from tests.factories import PegawaiFactory

JP = ["0", "19.5", "20", "20.5", "24", "24.5", "8", "40"]


def _data(org, n: int = 40, seed: int = 7):
    acak = random.Random(seed)
    harapan: dict[int, Decimal] = defaultdict(Decimal)
    pegawai = []
    for i in range(n):
        unit = acak.choice([org.diskes, org.disdik])
        p = PegawaiFactory(pppk=acak.random() < 0.3, unit_kerja=unit)
        total = Decimal(acak.choice(JP))
        bagian = [total / 2, total - total / 2] if acak.random() < 0.5 else [total]
        for j, jp in enumerate(bagian):
            if jp:
                tanggal = acak.choice([date(2026, 1, 1), date(2026, 12, 31), date(2026, 6, 1)])
                CatatanJP.objects.create(
                    pegawai=p, tanggal=tanggal, jenis="E_LEARNING", uraian="Uji",
                    sumber="uji", sumber_id=f"{i}-{j}", jp=jp,
                )  # fmt: skip
                harapan[p.pk] += jp
        # Outside the year: never counted.
        for j, tanggal in enumerate((date(2025, 12, 31), date(2027, 1, 1))):
            CatatanJP.objects.create(
                pegawai=p, tanggal=tanggal, jenis="E_LEARNING", uraian="Uji", sumber="uji",
                sumber_id=f"{i}-luar-{j}", jp=Decimal(30),
            )  # fmt: skip
        pegawai.append(p)
    return pegawai, harapan


def _menurut_python(pegawai, harapan):
    hasil = {}
    for p in pegawai:
        jp = harapan.get(p.pk, Decimal(0))
        pppk = p.status_kepegawaian == "PPPK"
        hasil[p.pk] = (jp, True if pppk else jp >= 20, pppk and jp > 24)
    return hasil


def test_rekap_dan_filter_sama_dengan_jumlah_per_pegawai(org):
    pegawai, harapan = _data(org)
    oracle = _menurut_python(pegawai, harapan)
    rows = {
        p.pk: (p.jp, p.memenuhi, p.melebihi)
        for p in selectors.rekap_jp(org.hr, tahun=2026)
        if p.pk in oracle
    }
    assert rows == oracle
    kurang = {p.pk for p in selectors.rekap_jp(org.hr, tahun=2026, hanya_kurang=True)}
    assert kurang & set(oracle) == {k for k, v in oracle.items() if not v[1]}
    lebih = {p.pk for p in selectors.rekap_jp(org.hr, tahun=2026, hanya_melebihi=True)}
    assert lebih & set(oracle) == {k for k, v in oracle.items() if v[2]}
    # The page path: the ids of the filtered list, then their JP.
    ids = list(selectors.rekap_jp_dasar(org.hr, tahun=2026).values_list("pk", flat=True))
    assert ids == [p.pk for p in selectors.rekap_jp(org.hr, tahun=2026)]
    halaman = selectors.rekap_jp_baris(ids[5:15], tahun=2026)
    assert [p.pk for p in halaman] == ids[5:15]
    assert all((p.jp, p.memenuhi, p.melebihi) == oracle[p.pk] for p in halaman if p.pk in oracle)


def test_kepatuhan_per_unit_dan_cakupan_operator(org):
    pegawai, harapan = _data(org, seed=9)
    oracle = _menurut_python(pegawai, harapan)
    semua = [p for p in pegawai if p.status_kepegawaian != "PPPK"] + [org.kabid, org.siti,
                                                                       org.andi]  # fmt: skip
    per_unit = {u.unit: (u.target, u.memenuhi) for u in selectors.kepatuhan_jp_per_unit(
        org.operator_diskes, tahun=2026)}  # fmt: skip
    diskes = [p for p in semua if p.unit_kerja_id == org.diskes.pk]
    ok = sum(1 for p in diskes if oracle.get(p.pk, (0, False))[1])
    assert per_unit == {"Dinas Kesehatan": (len(diskes), ok)}
    rows = {p.pk for p in selectors.rekap_jp(org.operator_diskes, tahun=2026)}
    assert not rows & {p.pk for p in pegawai if p.unit_kerja_id == org.disdik.pk}


def test_halaman_terakhir_dan_csv_mengalir(client, org):
    pegawai, harapan = _data(org, n=60, seed=13)
    oracle = _menurut_python(pegawai, harapan)
    client.force_login(org.hr)
    resp = client.get("/pelatihan/jp/", {"tahun": 2026, "halaman": "999"})
    halaman = resp.context["halaman"]
    assert halaman.number == halaman.paginator.num_pages == 2
    urut = list(selectors.rekap_jp_dasar(org.hr, tahun=2026).values_list("pk", flat=True))
    assert [b["pegawai"].pk for b in resp.context["baris"]] == urut[50:]
    resp = client.get("/pelatihan/jp/", {"tahun": 2026, "format": "csv"})
    assert resp.streaming
    rows = list(csv.DictReader(io.StringIO(resp.getvalue().decode("utf-8-sig"))))
    nip = {p.nip: p.pk for p in pegawai}
    assert [r["NIP"] for r in rows] == list(
        selectors.rekap_jp_dasar(org.hr, tahun=2026).values_list("nip", flat=True)
    )
    for r in rows:
        if r["NIP"] in nip:
            jp, memenuhi, melebihi = oracle[nip[r["NIP"]]]
            assert Decimal(r["JP"]) == jp
            assert r["Memenuhi"] == ("ya" if memenuhi else "tidak")
            assert r["Melebihi batas"] == ("ya" if melebihi else "tidak")


def test_grafik_per_tingkat_sama_dengan_jumlah_per_unit(client, org):
    """The chart by level sums, per direct sub-unit, exactly the per-unit counts (the
    previous chart, `kepatuhan_jp_per_unit`) of that sub-unit's subtree; drilling down
    shows the chosen unit's own employees and its sub-units; an operator starts at their
    unit and cannot open another one."""
    from tests.factories import UnitKerjaFactory

    yan = UnitKerjaFactory(kode="DISKES-YAN", nama="Bidang Pelayanan", parent=org.diskes)
    sub = UnitKerjaFactory(kode="DISKES-YAN-RS", nama="Seksi Rujukan", parent=yan)
    pegawai, _harapan = _data(org, seed=21)
    for i, p in enumerate(pegawai):
        if i % 3 == 1:
            p.unit_kerja = yan if i % 2 else sub
            p.save()
    lama = {u.unit: (u.target, u.memenuhi) for u in selectors.kepatuhan_jp_per_unit(
        org.hr, tahun=2026)}  # fmt: skip

    def jumlah(*nama):
        return tuple(sum(lama.get(n, (0, 0))[i] for n in nama) for i in (0, 1))

    def rincian(user, unit=None):
        return {(r.unit.nama, r.sendiri): (r.target, r.memenuhi) for r in
                selectors.kepatuhan_jp_rincian(user, tahun=2026, unit=unit)}  # fmt: skip

    semua_diskes = jumlah("Dinas Kesehatan", "Bidang Pelayanan", "Seksi Rujukan")
    assert rincian(org.hr) == {
        ("Dinas Kesehatan", False): semua_diskes,
        ("Dinas Pendidikan dan Kebudayaan", False): jumlah("Dinas Pendidikan dan Kebudayaan"),
    }
    assert rincian(org.hr, org.diskes) == rincian(org.operator_diskes) == {
        ("Dinas Kesehatan", True): jumlah("Dinas Kesehatan"),
        ("Bidang Pelayanan", False): jumlah("Bidang Pelayanan", "Seksi Rujukan"),
    }
    assert rincian(org.operator_diskes, yan) == {
        ("Bidang Pelayanan", True): jumlah("Bidang Pelayanan"),
        ("Seksi Rujukan", False): jumlah("Seksi Rujukan"),
    }
    client.force_login(org.operator_diskes)
    html = client.get("/pelatihan/jp/", {"tahun": 2026}).content.decode()
    assert f'href="?unit={yan.pk}&amp;tahun=2026"' in html  # drill-down link
    assert "Dinas Pendidikan" not in html
    assert client.get("/pelatihan/jp/", {"unit": org.disdik.pk}).context["rincian"] == (
        client.get("/pelatihan/jp/").context["rincian"]
    )  # a unit outside the scope is refused by the picker: the operator's own chart


def test_halaman_jp_sama_dengan_paginator_dari_kedua_ujung(org):
    """Every page of the JP list (read from the nearer end without a filter; in one window
    pass with "short") equals `Paginator.get_page` over the filtered ids, past-the-end and
    malformed page numbers included."""
    from django.core.paginator import Paginator

    _data(org, n=60, seed=31)
    for kurang in (False, True):
        dasar = selectors.rekap_jp_dasar(org.hr, tahun=2026, hanya_kurang=kurang)
        ids = dasar.values_list("pk", flat=True)
        per = max(1, ids.count() // 5)
        akhir = Paginator(ids, per).num_pages
        assert akhir > 3
        for nomor in ["1", "2", str(akhir - 1), str(akhir), "999999", "x", "0", None]:
            lama = Paginator(ids, per).get_page(nomor)
            baru = selectors.rekap_jp_halaman(org.hr, nomor, per, tahun=2026, hanya_kurang=kurang)
            assert list(baru.object_list) == list(lama.object_list), (kurang, nomor)
            assert baru.number == lama.number and baru.paginator.count == lama.paginator.count
