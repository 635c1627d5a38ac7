"""The yearly JP totals (`JpTahunan`, issue 17) are kept by database triggers on the ledger:
after every kind of write - the services, an edit moving a row across New Year or to another
employee, bulk inserts, queryset updates and deletes, cascades from a deleted employee - they
equal the ledger summed per employee and calendar year; concurrent writers for one employee
lose nothing; the rebuild gives the same table; the SQLite triggers (`make run`) do the same
on SQLite."""

from __future__ import annotations

import importlib
import io
import random
import sqlite3
import threading
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.db.models import Sum
from django.db.models.functions import ExtractYear

from pelatihan import selectors, services
from pelatihan.models import CatatanJP, JpTahunan
from tests.factories import PegawaiFactory

POSTGRES = connection.vendor == "postgresql"
MIGRASI = importlib.import_module("pelatihan.migrations.0004_jp_tahunan")


def _sama_dengan_buku() -> None:
    harapan = {
        (r["pegawai_id"], r["tahun"]): r["s"]
        for r in CatatanJP.objects.annotate(tahun=ExtractYear("tanggal"))
        .order_by()
        .values("pegawai_id", "tahun")
        .annotate(s=Sum("jp"))
    }
    tersimpan = {(r.pegawai_id, r.tahun): r.jp for r in JpTahunan.objects.exclude(jp=0)}
    assert tersimpan == {k: v for k, v in harapan.items() if v}
    assert not JpTahunan.objects.filter(jp__lt=0).exists()


def _catat(pegawai, tanggal: date, jp, sumber_id: str) -> CatatanJP:
    return services.jp_akui(
        pegawai=pegawai, tanggal=tanggal, jenis="E_LEARNING", uraian="Uji", sumber="uji",
        sumber_id=sumber_id, jp=Decimal(jp),
    )  # fmt: skip


def test_setiap_jenis_tulis_buku_jp_menjaga_total_tahunan(org):
    acak = random.Random(17)
    pegawai = [org.siti, org.andi, org.rizki]
    tanggal = [date(2025, 12, 31), date(2026, 1, 1), date(2026, 6, 15), date(2026, 12, 31)]
    for _ in range(30):  # the service: new rows, and repeats that update a row in place
        _catat(acak.choice(pegawai), acak.choice(tanggal), acak.choice(["0", "2.5", "8", "12"]),
               f"s{acak.randrange(12)}")  # fmt: skip
        _sama_dengan_buku()
    # An edit moves a row across New Year, to another employee, and changes its JP.
    c = CatatanJP.objects.filter(tanggal=date(2026, 1, 1)).first() or _catat(
        org.siti, date(2026, 1, 1), 5, "tahun-baru"
    )
    c.tanggal, c.pegawai, c.jp = date(2025, 12, 31), org.kabid, Decimal("7.25")
    c.save()
    _sama_dengan_buku()
    # Bulk writes that send no signal.
    CatatanJP.objects.bulk_create(
        [CatatanJP(pegawai=org.andi, tanggal=date(2026, 3, 1), jp=Decimal(4), jenis="E_LEARNING",
                   uraian="Massal", sumber="massal", sumber_id=str(i)) for i in range(5)]
    )  # fmt: skip
    _sama_dengan_buku()
    CatatanJP.objects.filter(sumber="massal").update(jp=Decimal("1.5"))
    _sama_dengan_buku()
    CatatanJP.objects.filter(sumber="massal", sumber_id__in=["0", "1"]).delete()
    _sama_dengan_buku()
    assert services.jp_batalkan(sumber="uji", sumber_id="s3") in (0, 1)
    _sama_dengan_buku()
    # A deleted employee takes their ledger and their totals with them.
    org.andi.delete()
    _sama_dengan_buku()
    assert not JpTahunan.objects.filter(pegawai_id=org.andi.pk).exists()


def test_batas_tahun_dan_laporan_jp_membaca_total(org):
    """19.5 JP dated 31 December 2026 and 0.5 dated 1 January 2027: 2026 is short by half a
    JP; one more half on 31 December 2026 and it is met (floor 20, on the bound)."""
    _catat(org.siti, date(2026, 12, 31), "19.5", "a")
    _catat(org.siti, date(2027, 1, 1), "0.5", "b")
    kurang = {p.pk for p in selectors.rekap_jp(org.hr, tahun=2026, hanya_kurang=True)}
    assert org.siti.pk in kurang
    assert selectors.rekap_jp(org.hr, tahun=2026).get(pk=org.siti.pk).jp == Decimal("19.5")
    _catat(org.siti, date(2026, 12, 31), "0.5", "c")
    kurang = {p.pk for p in selectors.rekap_jp(org.hr, tahun=2026, hanya_kurang=True)}
    assert org.siti.pk not in kurang
    assert selectors.rekap_jp(org.hr, tahun=2026).get(pk=org.siti.pk).jp == Decimal(20)
    assert selectors.rekap_jp(org.hr, tahun=2027).get(pk=org.siti.pk).jp == Decimal("0.5")


def test_hitung_ulang_sama_dengan_yang_dijaga_pemicu(org):
    baris = [(org.siti, date(2026, 2, 1), 3), (org.siti, date(2026, 3, 1), 4),
             (org.rizki, date(2025, 5, 5), 6)]  # fmt: skip
    for i, (p, t, jp) in enumerate(baris):
        _catat(p, t, jp, f"r{i}")
    dijaga = set(JpTahunan.objects.values_list("pegawai_id", "tahun", "jp"))
    JpTahunan.objects.all().delete()  # what a TRUNCATE or a partial restore leaves
    assert services.jp_tahunan_hitung_ulang() == 2
    assert set(JpTahunan.objects.values_list("pegawai_id", "tahun", "jp")) == dijaga
    _sama_dengan_buku()
    JpTahunan.objects.all().delete()
    keluar = io.StringIO()
    call_command("hitung_jp_tahunan", stdout=keluar)
    assert "2 baris" in keluar.getvalue()
    assert set(JpTahunan.objects.values_list("pegawai_id", "tahun", "jp")) == dijaga


@pytest.mark.skipif(not POSTGRES, reason="penulisan serentak memerlukan PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_sepuluh_penulis_serentak_satu_pegawai_tidak_ada_yang_hilang():
    pegawai = PegawaiFactory()
    mulai = threading.Barrier(10)

    def tulis(i: int) -> None:
        try:
            mulai.wait(timeout=30)
            _catat(pegawai, date(2026, 4, 1 + i), "1.25", f"serentak-{i}")
        finally:
            connections.close_all()

    utas = [threading.Thread(target=tulis, args=(i,)) for i in range(10)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(timeout=60)
    assert JpTahunan.objects.get(pegawai=pegawai, tahun=2026).jp == Decimal("12.50")


def test_pemicu_sqlite_menjaga_total_yang_sama():
    """The SQLite triggers of the migration (the `make run` database), on their own tables."""
    db = sqlite3.connect(":memory:")
    db.executescript(
        "CREATE TABLE pelatihan_catatanjp (id INTEGER PRIMARY KEY, pegawai_id INTEGER, "
        "tanggal DATE, jp DECIMAL);"
        "CREATE TABLE pelatihan_jptahunan (id INTEGER PRIMARY KEY, pegawai_id INTEGER, "
        "tahun INTEGER, jp DECIMAL, UNIQUE (pegawai_id, tahun));"
    )
    for sql in MIGRASI.SQLITE_BUAT:
        db.execute(sql)

    def total() -> dict:
        sql = "SELECT pegawai_id, tahun, jp FROM pelatihan_jptahunan WHERE jp != 0"
        return {(p, t): jp for p, t, jp in db.execute(sql)}

    db.execute("INSERT INTO pelatihan_catatanjp VALUES (1, 7, '2026-12-31', 19.5)")
    db.execute("INSERT INTO pelatihan_catatanjp VALUES (2, 7, '2026-12-31', 0.5)")
    db.execute("INSERT INTO pelatihan_catatanjp VALUES (3, 7, '2027-01-01', 4)")
    assert total() == {(7, 2026): 20, (7, 2027): 4}
    db.execute("UPDATE pelatihan_catatanjp SET tanggal = '2027-01-02', pegawai_id = 8 WHERE id = 2")
    assert total() == {(7, 2026): 19.5, (7, 2027): 4, (8, 2027): 0.5}
    db.execute("DELETE FROM pelatihan_catatanjp WHERE id = 3")
    assert total() == {(7, 2026): 19.5, (8, 2027): 0.5}
