"""The pegawai import wires the Jabatan / Jenis Jabatan columns to the catalogue and
records the position held as the initial placement, in bulk."""

from __future__ import annotations

import csv

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jabatan.models import Jabatan, Penempatan
from jabatan.services import katalog_isi
from pegawai.impor import pegawai_import
from pegawai.models import Pegawai
from pegawai.services import DATA_DIR

DATA = DATA_DIR
pytestmark = pytest.mark.usefixtures("unit_lampung")


def sample_rows() -> list[dict]:
    with (DATA / "pegawai_contoh.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_impor_contoh_membuat_penempatan_awal_terhubung_katalog():
    katalog_isi()
    hasil = pegawai_import(sample_rows(), oleh=None)
    assert hasil.berhasil

    assert Penempatan.objects.filter(aktif=True).count() == 228
    desi = Penempatan.objects.select_related("jabatan", "unit_kerja").get(
        pegawai__nip="198807172010092001"
    )
    assert (desi.jabatan.nama, desi.jabatan.jenis, desi.unit_kerja.kode, desi.jenis) == (
        "Sekretaris Daerah",
        "JPT_PRATAMA",
        "SETDA",
        "IMPOR",
    )
    assert desi.tmt is None  # unknown: never blocks a real SK later
    # A name from the starter catalogue links to it, not to a new entry.
    perencana = Jabatan.objects.get(nama="Perencana Ahli Pertama")
    assert perencana.kode == "JF-PERENCANA-AP" and not perencana.perlu_ditinjau
    assert perencana.penempatan.filter(aktif=True).count() == 19
    # A name the catalogue lacks is created once, marked for HR review, typed from the file.
    kadis = Jabatan.objects.get(nama="Kepala Badan Kepegawaian Daerah")
    assert (kadis.jenis, kadis.kelas_jabatan, kadis.perlu_ditinjau) == ("JPT_PRATAMA", 14, True)
    analis = Jabatan.objects.get(nama="Analis Kebijakan Ahli Muda")
    assert (analis.jenis, analis.jenjang) == ("FUNGSIONAL", "AHLI_MUDA")
    staf = Penempatan.objects.get(pegawai__nip="197012201992051001")
    assert staf.atasan.nip == "198807172010092001"


def test_impor_ulang_tidak_mengubah_apa_pun_dan_perubahan_jabatan_menutup_yang_lama():
    rows = sample_rows()
    pegawai_import(rows, oleh=None)
    jumlah_jabatan = Jabatan.objects.count()
    pegawai_import(rows, oleh=None)
    assert Penempatan.objects.count() == 228
    assert Jabatan.objects.count() == jumlah_jabatan

    rows[1]["Jabatan"] = "Pengadministrasi Perkantoran"
    pegawai_import(rows, oleh=None)
    riwayat = Penempatan.objects.filter(pegawai__nip=rows[1]["NIP"]).order_by("-aktif")
    assert [(p.jabatan.nama, p.aktif) for p in riwayat] == [
        ("Pengadministrasi Perkantoran", True),
        ("Operator Layanan Operasional", False),
    ]


def test_baris_tanpa_jabatan_tidak_mendapat_penempatan():
    rows = sample_rows()[:3]
    rows[2]["Jabatan"] = ""
    pegawai_import(rows, oleh=None)
    assert Pegawai.objects.count() == 3
    assert Penempatan.objects.count() == 2


def test_uji_coba_tidak_menulis_penempatan():
    pegawai_import(sample_rows(), oleh=None, dry_run=True)
    assert Penempatan.objects.count() == 0
    assert Jabatan.objects.count() == 0


def test_wiring_tanpa_query_per_baris():
    rows = sample_rows()
    with CaptureQueriesContext(connection) as ctx:
        pegawai_import(rows, oleh=None)
    kueri = [q for q in ctx.captured_queries if "jabatan_" in q["sql"]]
    # catalogue, new entries and their history rows (batched), re-read of the new entries,
    # active placements, insert of the placements (batched by the driver's parameter limit):
    # a handful for 228 rows, not one per row.
    assert len(kueri) < 15
