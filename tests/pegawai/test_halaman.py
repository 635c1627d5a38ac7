"""HTML pages: each role's dashboard shows what it should and nothing more; profile, list
and detail go through the access scope; NIK masking; a flat query count on the list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pegawai.models import RiwayatPangkat, RiwayatPendidikan
from tests.factories import PegawaiFactory, UnitKerjaFactory, admin_bkd, operator

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def kantor():
    """Two units of one OPD plus another OPD, with a small hierarchy of people.

    DISKES: Kepala (atasan of Budi and Citra); YANKES (sub-unit): Dewi (PPPK), Eko (inactive).
    DISHUB (another OPD): Fajar.
    """
    diskes = UnitKerjaFactory(kode="DISKES", nama="Dinas Kesehatan")
    yankes = UnitKerjaFactory(
        kode="DISKES-YANKES", nama="Bidang Pelayanan Kesehatan", parent=diskes
    )
    dishub = UnitKerjaFactory(kode="DISHUB", nama="Dinas Perhubungan")
    kepala = PegawaiFactory(
        nama="Hendra Kurniawan",
        gelar_depan="dr.",
        gelar_belakang="M.Kes",
        unit_kerja=diskes,
        nama_jabatan="Kepala Dinas",
        golongan="IV/c",
    )
    budi = PegawaiFactory(
        nama="Budi Santoso", unit_kerja=diskes, atasan=kepala, nama_jabatan="Analis Kepegawaian"
    )
    citra = PegawaiFactory(nama="Citra Lestari", unit_kerja=diskes, atasan=kepala)
    dewi = PegawaiFactory(nama="Dewi Anggraini", unit_kerja=yankes, pppk=True)
    eko = PegawaiFactory(nama="Eko Prasetyo", unit_kerja=yankes, aktif=False)
    fajar = PegawaiFactory(nama="Fajar Nugroho", unit_kerja=dishub)
    return {
        "diskes": diskes,
        "yankes": yankes,
        "dishub": dishub,
        "kepala": kepala,
        "budi": budi,
        "citra": citra,
        "dewi": dewi,
        "eko": eko,
        "fajar": fajar,
    }


# --- Anonymous ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/profil/", "/pegawai/", "/pegawai/198001012005011001/"])
def test_anonim_dialihkan_ke_halaman_masuk(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/masuk/?next={url}"


# --- Dashboards -----------------------------------------------------------------------------


def test_beranda_pegawai_hanya_data_sendiri(client, kantor):
    budi = kantor["budi"]
    client.force_login(budi.user)
    html = _html(client.get("/"))
    assert "Budi Santoso" in html
    assert budi.nip in html
    assert "Dinas Kesehatan" in html
    assert "Analis Kepegawaian" in html
    assert "III/b" in html and "Penata Muda Tingkat I" in html
    assert "dr. Hendra Kurniawan, M.Kes" in html  # the atasan, with gelar
    # Not more: no coworker, no subordinate table, no unit or province counts.
    for lain in ("citra", "dewi", "fajar"):
        assert kantor[lain].nama not in html
        assert kantor[lain].nip not in html
    assert "Bawahan langsung" not in html
    assert "Total pegawai aktif" not in html
    # Navigation for a plain employee.
    assert "Profil Saya" in html
    assert "Pegawai Unit" not in html
    assert 'href="/admin/"' not in html


def test_beranda_atasan_menampilkan_bawahan_langsung(client, kantor):
    kepala = kantor["kepala"]
    client.force_login(kepala.user)
    html = _html(client.get("/"))
    assert "dr. Hendra Kurniawan, M.Kes" in html
    assert "Bawahan langsung" in html
    assert '<span class="badge badge--count">2</span>' in html
    assert "Budi Santoso" in html and "Citra Lestari" in html
    # Same unit tree but not a subordinate, and another OPD: not shown.
    assert "Dewi Anggraini" not in html
    assert "Fajar Nugroho" not in html
    assert ">Bawahan<" in html  # navigation entry


def test_beranda_operator_menghitung_unit_dan_sub_unit(client, kantor):
    client.force_login(operator(kantor["diskes"]))
    response = client.get("/")
    html = _html(response)
    ringkasan = response.context["ringkasan_unit"]
    # Active pegawai: kepala, budi, citra (PNS, DISKES) + dewi (PPPK, YANKES); eko is inactive.
    assert (ringkasan.jumlah.total, ringkasan.jumlah.pns, ringkasan.jumlah.pppk) == (4, 3, 1)
    assert ringkasan.jumlah.cpns == 0
    per_unit = {b.unit.kode: (b.kedalaman, b.jumlah.total) for b in ringkasan.sub_unit}
    assert per_unit == {"DISKES": (0, 3), "DISKES-YANKES": (1, 1)}
    assert "Dinas Kesehatan" in html and "Bidang Pelayanan Kesehatan" in html
    assert "Dinas Perhubungan" not in html
    assert "Fajar Nugroho" not in html
    assert "Pegawai Unit" in html
    assert 'href="/admin/"' in html  # operators are staff
    # The admin changelist, through its own unit filter (unit and sub-units).
    changelist = reverse("admin:pegawai_pegawai_changelist")
    assert f'href="{changelist}?unit={kantor["diskes"].pk}"' in html


def test_operator_unit_lain_tidak_melihat_pegawai_unit_ini(client, kantor):
    client.force_login(operator(kantor["dishub"]))
    response = client.get("/")
    html = _html(response)
    assert response.context["ringkasan_unit"].jumlah.total == 1  # Fajar only
    for nama in ("Hendra Kurniawan", "Budi Santoso", "Citra Lestari", "Dewi Anggraini"):
        assert nama not in html
    assert "Dinas Kesehatan" not in html

    html = _html(client.get("/pegawai/"))
    assert "Fajar Nugroho" in html
    for nama in ("Hendra Kurniawan", "Budi Santoso", "Citra Lestari", "Dewi Anggraini"):
        assert nama not in html
    # Asking for the other unit through the filter gives nothing either.
    response = client.get("/pegawai/", {"unit": kantor["diskes"].pk})
    assert "Budi Santoso" not in _html(response)
    assert client.get(f"/pegawai/{kantor['budi'].nip}/").status_code == 404


def test_beranda_admin_bkd_total_provinsi(client, kantor):
    client.force_login(admin_bkd())
    response = client.get("/")
    html = _html(response)
    provinsi = response.context["ringkasan_provinsi"]
    assert (provinsi.jumlah.total, provinsi.jumlah.pns, provinsi.jumlah.pppk) == (5, 4, 1)
    assert provinsi.jumlah_unit == 2  # top-level OPD: DISKES, DISHUB
    assert [(u.kode, u.jumlah) for u in provinsi.unit_teratas] == [("DISKES", 4), ("DISHUB", 1)]
    assert "Provinsi Lampung" in html
    assert "Dinas Kesehatan" in html and "Dinas Perhubungan" in html
    assert 'href="/admin/"' in html
    assert 'href="/api/docs/"' in html
    assert f'href="{reverse("admin:pegawai_pegawai_import")}"' in html
    assert "Pegawai Unit" in html
    # The dashboard is counts: nobody's name is listed.
    assert "Budi Santoso" not in html


def test_beranda_akun_tanpa_data_pegawai(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="tamu"))
    html = _html(client.get("/"))
    assert "belum terhubung" in html
    assert "Profil Saya" not in html


def test_beranda_query_tidak_bertambah_dengan_jumlah_bawahan(client, kantor):
    """The atasan's table and the operator's counts are single queries, not one per row."""
    kepala = kantor["kepala"]
    client.force_login(kepala.user)
    with CaptureQueriesContext(connection) as sedikit:
        _html(client.get("/"))
    PegawaiFactory.create_batch(10, unit_kerja=kantor["yankes"], atasan=kepala)
    with CaptureQueriesContext(connection) as banyak:
        _html(client.get("/"))
    assert len(banyak) == len(sedikit)


# --- Profile and detail ---------------------------------------------------------------------


def test_profil_menampilkan_data_lengkap_dengan_nik_disamarkan(client, kantor):
    budi = kantor["budi"]
    RiwayatPangkat.objects.create(pegawai=budi, golongan="III/a", tmt="2010-04-01", nomor_sk="SK-1")
    RiwayatPangkat.objects.create(pegawai=budi, golongan="III/b", tmt="2014-04-01", nomor_sk="SK-2")
    RiwayatPendidikan.objects.create(
        pegawai=budi, jenjang="S1", jurusan="Kesehatan Masyarakat", institusi="Universitas Lampung"
    )
    client.force_login(budi.user)
    html = _html(client.get("/profil/"))
    assert "Budi Santoso" in html
    assert budi.nik_samaran in html
    assert budi.nik not in html  # the owner too sees it masked: whole NIK is for HR only
    assert "SK-1" in html and "SK-2" in html
    assert html.index("SK-2") < html.index("SK-1")  # newest rank first
    assert "Universitas Lampung" in html
    assert "Citra Lestari" not in html


def test_detail_bawahan_untuk_atasan_nik_disamarkan(client, kantor):
    budi = kantor["budi"]
    client.force_login(kantor["kepala"].user)
    html = _html(client.get(f"/pegawai/{budi.nip}/"))
    assert "Budi Santoso" in html
    assert budi.nik_samaran in html
    assert budi.nik not in html


def test_detail_nik_utuh_untuk_admin_dan_operator_unitnya(client, kantor):
    dewi = kantor["dewi"]
    client.force_login(admin_bkd())
    assert dewi.nik in _html(client.get(f"/pegawai/{dewi.nip}/"))
    client.force_login(operator(kantor["diskes"]))  # operator of the parent unit
    assert dewi.nik in _html(client.get(f"/pegawai/{dewi.nip}/"))


def test_detail_nip_berspasi_diterima(client, kantor):
    budi = kantor["budi"]
    client.force_login(budi.user)
    nip = budi.nip
    response = client.get(f"/pegawai/{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}/")
    assert "Budi Santoso" in _html(response)


@pytest.mark.parametrize(
    ("peminta", "target"),
    [
        ("budi", "citra"),  # a coworker
        ("budi", "kepala"),  # one's own supervisor
        ("kepala", "dewi"),  # same OPD, not a subordinate
        ("dewi", "fajar"),  # another OPD
    ],
)
def test_detail_di_luar_lingkup_404(client, kantor, peminta, target):
    client.force_login(kantor[peminta].user)
    assert client.get(f"/pegawai/{kantor[target].nip}/").status_code == 404


def test_detail_nip_tidak_ada_404(client, kantor):
    client.force_login(admin_bkd())
    assert client.get("/pegawai/198001012005011999/").status_code == 404


# --- List -----------------------------------------------------------------------------------


def test_daftar_pegawai_biasa_hanya_dirinya(client, kantor):
    client.force_login(kantor["budi"].user)
    response = client.get("/pegawai/")
    html = _html(response)
    assert [p.nip for p in response.context["halaman"].object_list] == [kantor["budi"].nip]
    assert "Citra Lestari" not in html


def test_daftar_bawahan(client, kantor):
    client.force_login(kantor["kepala"].user)
    response = client.get("/pegawai/", {"lingkup": "bawahan"})
    _html(response)
    nama = [p.nama for p in response.context["halaman"].object_list]
    assert nama == ["Budi Santoso", "Citra Lestari"]


def test_daftar_cari_nama_nip_dan_filter_unit(client, kantor):
    client.force_login(operator(kantor["diskes"]))

    def nama(**params):
        response = client.get("/pegawai/", params)
        _html(response)
        return sorted(p.nama for p in response.context["halaman"].object_list)

    assert nama() == [
        "Budi Santoso",
        "Citra Lestari",
        "Dewi Anggraini",
        "Eko Prasetyo",
        "Hendra Kurniawan",
    ]
    assert nama(q="citra") == ["Citra Lestari"]
    nip = kantor["dewi"].nip
    assert nama(q=f"{nip[:8]} {nip[8:14]}") == ["Dewi Anggraini"]
    assert nama(unit=kantor["yankes"].pk) == ["Dewi Anggraini", "Eko Prasetyo"]
    assert nama(q="budi", unit=kantor["yankes"].pk) == []
    # A unit outside the scope is not a valid choice: the form says so, the list stays scoped.
    assert nama(q="citra", unit=kantor["dishub"].pk) == ["Citra Lestari"]
    html = _html(client.get("/pegawai/", {"unit": kantor["dishub"].pk}))
    assert "tidak ditemukan" in html and "Unit kerja:" in html
    assert "Fajar Nugroho" not in html


def test_daftar_berhalaman_25(client, kantor):
    unit = UnitKerjaFactory(kode="BPBD", nama="Badan Penanggulangan Bencana Daerah")
    PegawaiFactory.create_batch(30, unit_kerja=unit)
    client.force_login(operator(unit))
    response = client.get("/pegawai/")
    _html(response)
    halaman = response.context["halaman"]
    assert halaman.paginator.count == 30
    assert len(halaman.object_list) == 25
    html = _html(client.get("/pegawai/", {"halaman": 2}))
    assert "Halaman 2 dari 2" in html


def _query_daftar(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/pegawai/")
    _html(response)
    return len(ctx)


def test_daftar_query_datar_1_vs_30_baris(client):
    """Queries for /pegawai/ as an operator, whatever the number of rows:

    1. the session
    2. the user
    3. akses_untuk, one query: the Admin BKD group, the OperatorOpd row with its unit, the
       user's own pegawai record (none for this operator), subordinates
    4. COUNT(*) of the scoped, filtered list (paginator)
    5. the page of pegawai joined with unit kerja, atasan and user (select_related)

    The unit filter is a picker (a text input): no query for its choices.
    """
    unit = UnitKerjaFactory(kode="BPBD", nama="Badan Penanggulangan Bencana Daerah")
    atasan = PegawaiFactory(unit_kerja=unit, gelar_depan="Ir.")
    client.force_login(operator(unit))
    satu = _query_daftar(client)

    PegawaiFactory.create_batch(29, unit_kerja=unit, atasan=atasan)
    tiga_puluh = _query_daftar(client)
    assert tiga_puluh == satu
    assert satu == 5


def test_beranda_operator_satu_tingkat_sub_unit_dengan_isinya(client, kantor):
    """The largest OPD has thousands of units: the home page shows the operator's own staff
    and each direct sub-unit summed with everything below it, not a row per unit."""
    seksi = UnitKerjaFactory(kode="YANKES-RUJ", nama="Seksi Rujukan", parent=kantor["yankes"])
    PegawaiFactory.create_batch(2, unit_kerja=seksi)
    client.force_login(operator(kantor["diskes"]))
    response = client.get("/")
    ringkasan = response.context["ringkasan_unit"]
    per_unit = {b.unit.kode: (b.kedalaman, b.jumlah.total) for b in ringkasan.sub_unit}
    assert per_unit == {"DISKES": (0, 3), "DISKES-YANKES": (1, 3)}
    assert sum(t for _k, t in per_unit.values()) == ringkasan.jumlah.total
    assert "Seksi Rujukan" not in _html(response)
