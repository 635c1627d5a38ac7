"""Reconciliation: planted differences are found, kept for HR, and only a decision changes
the employee (through pegawai_simpan, with history)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.http import Http404

from pegawai.models import Pegawai, RiwayatPangkat
from siasn import services
from siasn.models import Selisih, StatusSelisih
from tests.kinerja.factories import buat_org

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(db):
    return buat_org()


def tanam_sama(siasn, p: Pegawai, **beda):
    """SIASN agrees with us on everything but `beda`."""
    data = {
        "golRuangAkhir": p.golongan,
        "jabatanNama": p.nama_jabatan,
        "unorNama": p.unit_kerja.nama,
        "tkPendidikanTerakhir": "S-1/Sarjana",
        **beda,
    }
    return siasn.tanam_pns(p.nip, nama=p.nama, **data)


@pytest.fixture
def tertanam(siasn, org):
    tanam_sama(siasn, org.kabid)
    tanam_sama(siasn, org.staf1, golRuangAkhir="III/c", tmtGolAkhir="01-04-2026")
    tanam_sama(siasn, org.staf2, jabatanNama="Epidemiolog Kesehatan Ahli Pertama",
               tkPendidikanTerakhir="S-2")  # fmt: skip
    tanam_sama(siasn, org.kabid2)
    tanam_sama(siasn, org.guru, unorNama="Dinas Kesehatan")
    return siasn


def test_selisih_yang_ditanam_ditemukan_dan_tidak_ada_yang_ditimpa(tertanam, org):
    h = services.cocokkan()
    assert h.diperiksa == 5 and h.gagal == []
    temuan = {(s.pegawai.nip, s.unsur, s.nilai_lokal, s.nilai_siasn) for s in h.selisih_baru}
    assert temuan == {
        (org.staf1.nip, "GOLONGAN", "III/b", "III/c"),
        (org.staf2.nip, "JABATAN", "", "Epidemiolog Kesehatan Ahli Pertama"),
        (org.staf2.nip, "PENDIDIKAN", "S1", "S2"),
        (org.guru.nip, "UNIT", "Dinas Pendidikan", "Dinas Kesehatan"),
    }
    org.staf1.refresh_from_db()
    assert org.staf1.golongan == "III/b"  # nothing overwritten silently


def test_pencocokan_ulang_tidak_menggandakan_selisih(tertanam, org):
    services.cocokkan()
    h = services.cocokkan()
    assert h.selisih_baru == [] and h.selisih_tetap == 4
    assert Selisih.objects.count() == 4


def test_pencocokan_per_unit_hanya_unit_itu(tertanam, org):
    h = services.cocokkan(unit=org.disdik)
    assert h.diperiksa == 2
    assert {s.pegawai_id for s in h.selisih_baru} == {org.guru.pk}


def test_pegawai_yang_tidak_ada_di_siasn_dilaporkan(siasn, org):
    tanam_sama(siasn, org.kabid)
    h = services.cocokkan(unit=org.diskes)
    assert h.diperiksa == 3
    assert f"{org.staf1.nip}: tidak ditemukan di SIASN." in h.gagal


def test_siasn_mati_pencocokan_berhenti_tanpa_mengubah_apa_pun(tertanam, org):
    tertanam.k.mati = True
    h = services.cocokkan()
    assert Selisih.objects.count() == 0
    assert h.gagal[-1].startswith("Pencocokan dihentikan")


def test_selisih_yang_sudah_sama_ditutup_sendiri(tertanam, org):
    services.cocokkan()
    tertanam.k.pns[org.staf1.nip]["golRuangAkhir"] = "III/b"  # fixed at BKN
    h = services.cocokkan()
    assert h.selesai == 1
    s = Selisih.objects.get(pegawai=org.staf1)
    assert s.status == StatusSelisih.SELESAI


def test_terima_golongan_memperbarui_pegawai_dengan_riwayat(tertanam, org):
    services.cocokkan()
    s = Selisih.objects.get(pegawai=org.staf1, unsur="GOLONGAN")
    services.selisih_terima(selisih=s, oleh=org.op_diskes)
    staf1 = Pegawai.objects.get(pk=org.staf1.pk)
    assert (staf1.golongan, staf1.tmt_golongan) == ("III/c", date(2026, 4, 1))
    jejak = staf1.history.first()
    assert jejak.history_change_reason == "Diselaraskan dengan SIASN BKN (golongan)"
    assert jejak.history_user == org.op_diskes
    assert staf1.history.filter(golongan="III/b").exists()  # the old value stays in history
    assert RiwayatPangkat.objects.get(pegawai=staf1, golongan="III/c").tmt == date(2026, 4, 1)
    s.refresh_from_db()
    assert (s.status, s.diputuskan_oleh) == (StatusSelisih.DITERIMA, org.op_diskes)
    assert services.cocokkan(unit=org.diskes).selisih_baru == []


def test_terima_unit_mencari_unit_lokal_bernama_sama(tertanam, org):
    services.cocokkan()
    s = Selisih.objects.get(pegawai=org.guru, unsur="UNIT")
    services.selisih_terima(selisih=s, oleh=org.admin)
    org.guru.refresh_from_db()
    assert org.guru.unit_kerja == org.diskes


def test_terima_unit_yang_tidak_dikenal_ditolak_dengan_pesan(tertanam, org):
    tertanam.k.pns[org.guru.nip]["unorNama"] = "Badan Antah Berantah"
    services.cocokkan()
    s = Selisih.objects.get(pegawai=org.guru, unsur="UNIT")
    with pytest.raises(ValidationError) as info:
        services.selisih_terima(selisih=s, oleh=org.admin)
    assert "Badan Antah Berantah" in info.value.message_dict["unit_kerja"][0]
    org.guru.refresh_from_db()
    assert org.guru.unit_kerja == org.disdik
    s.refresh_from_db()
    assert s.status == StatusSelisih.TERBUKA


def test_perbaiki_di_bkn_mempertahankan_data_lokal(tertanam, org):
    services.cocokkan()
    s = Selisih.objects.get(pegawai=org.staf2, unsur="PENDIDIKAN")
    services.selisih_perbaiki_bkn(selisih=s, oleh=org.op_diskes)
    org.staf2.refresh_from_db()
    assert org.staf2.pendidikan_jenjang == "S1"
    services.cocokkan()
    s.refresh_from_db()
    assert s.status == StatusSelisih.PERBAIKI_BKN  # still different, not asked again
    assert Selisih.objects.filter(pegawai=org.staf2, unsur="PENDIDIKAN").count() == 1


def test_operator_unit_lain_tidak_dapat_memutuskan(tertanam, org):
    services.cocokkan()
    s = Selisih.objects.get(pegawai=org.staf1, unsur="GOLONGAN")
    with pytest.raises(Http404):
        services.selisih_terima(selisih=s, oleh=org.op_disdik)
    with pytest.raises(Http404):
        services.selisih_perbaiki_bkn(selisih=s, oleh=org.op_disdik)


def test_perintah_siasn_cocokkan_mencetak_selisih(tertanam, org, capsys):
    call_command("siasn_cocokkan", "--unit", "DISKES")
    keluar = capsys.readouterr().out
    assert f"{org.staf1.nip} {org.staf1.nama}: Golongan di sistem III/b, di SIASN III/c" in keluar
    assert "Diperiksa: 3, selisih baru: 3" in keluar


def test_perintah_siasn_cocokkan_unit_tidak_ada(tertanam):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="XYZ"):
        call_command("siasn_cocokkan", "--unit", "XYZ")
