"""Entry golongan by education (Kepka BKN 12/2002, DOMAIN.md §2): every row of the table, and
an imported CPNS whose golongan does not match is a warning in the preview, not a refusal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse
from tablib import Dataset

from aturan.data_awal import PENDIDIKAN
from pegawai.impor import KOLOM, pegawai_import
from pegawai.models import JenjangPendidikan, Pegawai
from pegawai.rules import GOLONGAN_PNS, golongan_awal, masalah_golongan_awal
from tests.factories import admin_bkd
from tests.pegawai.test_impor import staf

# DOMAIN.md §2, row by row: ijazah, entry golongan, highest by regular promotion.
TABEL = [
    ("SD", "I/a", "II/a"),
    ("SMP", "I/c", "II/c"),
    ("SMPK", "I/c", "II/d"),
    ("SLTA", "II/a", "III/b"),
    ("D1", "II/a", "III/b"),
    ("D2", "II/b", "III/b"),
    ("SGPL", "II/b", "III/c"),
    ("SM", "II/c", "III/c"),
    ("D3", "II/c", "III/c"),
    ("S1", "III/a", "III/d"),
    ("D4", "III/a", "III/d"),
    ("S2", "III/b", "IV/a"),
    ("PROF", "III/b", "IV/a"),
    ("S3", "III/c", "IV/b"),
]


def test_tabel_bawaan_persis_domain_dan_mencakup_setiap_ijazah():
    assert {k: (v["awal"], v["plafon"]) for k, v in PENDIDIKAN.items()} == {
        k: (a, p) for k, a, p in TABEL
    }
    assert set(PENDIDIKAN) == set(JenjangPendidikan.values)


@pytest.mark.parametrize(("pendidikan", "awal", "_plafon"), TABEL)
def test_golongan_awal_pada_baris_satu_di_bawah_dan_satu_di_atas(pendidikan, awal, _plafon):
    assert golongan_awal(pendidikan, PENDIDIKAN) == awal

    def masalah(gol):
        return masalah_golongan_awal(
            status_kepegawaian="CPNS", golongan=gol, pendidikan=pendidikan, tabel=PENDIDIKAN
        )

    assert masalah(awal) is None
    i = GOLONGAN_PNS.index(awal)
    for lain in (GOLONGAN_PNS[i - 1] if i else None, GOLONGAN_PNS[i + 1]):
        if lain:
            assert masalah(lain) == (
                f"Golongan {lain} tidak sesuai golongan awal CPNS berijazah {pendidikan} "
                f"({awal}); periksa kembali golongan atau pendidikan."
            )


@pytest.mark.parametrize(
    ("status", "golongan", "pendidikan"),
    [("PNS", "IV/a", "SD"), ("PPPK", "IX", "S1"), ("CPNS", "III/a", ""), ("CPNS", "", "S1"),
     ("CPNS", "III/a", "X")],
)  # fmt: skip
def test_tidak_ada_catatan_di_luar_cpns_atau_tanpa_data(status, golongan, pendidikan):
    assert masalah_golongan_awal(
        status_kepegawaian=status, golongan=golongan, pendidikan=pendidikan, tabel=PENDIDIKAN
    ) is None


@pytest.mark.usefixtures("unit_lampung")
def test_impor_memperingatkan_tetapi_mengimpor_cpns():
    rows = [staf(**{"Status Kepegawaian": "CPNS", "Golongan": "III/b", "Pendidikan Terakhir":
                    "S1", "NIP Atasan": ""})]  # fmt: skip
    hasil = pegawai_import(rows, oleh=None)
    assert hasil.kesalahan == []
    assert [str(k) for k in hasil.peringatan] == [
        "Baris 2, kolom Golongan: Golongan III/b tidak sesuai golongan awal CPNS berijazah S1 "
        "(III/a); periksa kembali golongan atau pendidikan."
    ]
    assert Pegawai.objects.get(nip=rows[0]["NIP"]).golongan == "III/b"


@pytest.mark.usefixtures("unit_lampung")
@pytest.mark.parametrize(
    ("teks", "kode"),
    [("SLTP Kejuruan", "SMPK"), ("SGPLB", "SGPL"), ("Sarjana Muda", "SM"), ("Dokter", "PROF"),
     ("SLTA Kejuruan", "SLTA")],
)  # fmt: skip
def test_impor_membaca_nama_ijazah_baru(teks, kode):
    rows = [staf(**{"Pendidikan Terakhir": teks, "NIP Atasan": ""})]
    hasil = pegawai_import(rows, oleh=None)
    assert hasil.kesalahan == []
    assert Pegawai.objects.get(nip=rows[0]["NIP"]).pendidikan_jenjang == kode


@pytest.mark.usefixtures("unit_lampung")
def test_pratinjau_admin_memperingatkan_dan_tetap_menawarkan_konfirmasi(client, tmp_path: Path):
    client.force_login(admin_bkd())
    row = staf(**{"Status Kepegawaian": "CPNS", "Golongan": "II/c", "Pendidikan Terakhir": "S1",
                  "NIP Atasan": ""})  # fmt: skip
    path = tmp_path / "cpns.csv"
    path.write_text(Dataset([row[k] for k in KOLOM], headers=list(KOLOM)).export("csv"))
    url = reverse("admin:pegawai_pegawai_import")


    pilihan = re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>',
                         client.get(url).content.decode())  # fmt: skip
    indeks = next(v for v, label in pilihan if label.strip().lower() == "csv")
    with path.open("rb") as f:
        preview = client.post(url, {"import_file": f, "format": indeks})
    html = preview.content.decode()
    assert "1 peringatan (baris tetap dapat diimpor)" in html
    assert "Golongan II/c tidak sesuai golongan awal CPNS berijazah S1 (III/a)" in html
    assert preview.context["confirm_form"] is not None
