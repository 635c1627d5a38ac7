"""`inti.kursor.halaman_dari_ujung` (a late page read from the far end of an index-ordered
list, issue 17) serves what `Paginator.get_page` serves for every page number: the same rows
in the same order, the same page number for a page that is not a number, below 1 or past the
end; and `/pegawai/` shows its last page that way (many employees sharing a name)."""

from __future__ import annotations

import pytest
from django.core.paginator import Paginator

from inti.kursor import halaman_dari_ujung
from pegawai.models import Pegawai
from tests.factories import PegawaiFactory, UnitKerjaFactory, operator

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    unit = UnitKerjaFactory(kode="BPBD", nama="Badan Penanggulangan Bencana Daerah")
    for i in range(23):  # names tie often: the order is decided by the NIP
        PegawaiFactory(unit_kerja=unit, nama=["Budi", "Ani", "Citra", "Budi"][i % 4])
    return unit


@pytest.mark.parametrize("per", [5, 7, 23, 30])
def test_setiap_nomor_halaman_sama_dengan_get_page(unit, per):
    qs = Pegawai.objects.order_by("nama", "nip")
    for nomor in [None, "", "abc", "-1", "0", 1, 2, 3, 4, 5, 6, "99"]:
        harapan = Paginator(qs, per).get_page(nomor)
        halaman = halaman_dari_ujung(qs, nomor, per)
        assert halaman.number == harapan.number, (per, nomor)
        assert [p.nip for p in halaman.object_list] == [p.nip for p in harapan.object_list]
        assert halaman.paginator.count == 23


def test_daftar_kosong_satu_halaman_kosong(db):
    halaman = halaman_dari_ujung(Pegawai.objects.order_by("nama", "nip"), "3", 25)
    assert halaman.number == 1 and list(halaman.object_list) == []


def test_halaman_terakhir_daftar_pegawai_dari_ujung(client, unit):
    """The last page of /pegawai/ is the tail of the list by name and NIP (read backwards)."""
    PegawaiFactory.create_batch(40, unit_kerja=unit)  # 63 rows: pages of 25, 25, 13
    client.force_login(operator(unit))
    semua = list(Pegawai.objects.order_by("nama", "nip").values_list("nip", flat=True))
    for nomor, potong in [("1", semua[:25]), ("2", semua[25:50]), ("3", semua[50:]),
                          ("9", semua[50:]), ("x", semua[:25])]:  # fmt: skip
        response = client.get("/pegawai/", {"halaman": nomor})
        assert response.status_code == 200
        assert [p.nip for p in response.context["halaman"].object_list] == potong, nomor
    assert "Halaman 3 dari 3" in client.get("/pegawai/", {"halaman": 3}).content.decode()
