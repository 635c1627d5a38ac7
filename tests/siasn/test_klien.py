"""The SIASN client: BKN's two tokens, cached and renewed, and how answers are sorted."""

from __future__ import annotations

import pytest

from siasn import pengaturan
from siasn.klien import KlienSiasn, SiasnDitolak, SiasnSementara


class Jam:
    """A clock the test moves by hand (no sleeping)."""

    def __init__(self) -> None:
        self.t = 1_000_000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def jam():
    return Jam()


@pytest.fixture
def klien(siasn, jam):
    siasn.tanam_pns("199002022015022001", id="pns-1", golRuangAkhir="III/c")
    return KlienSiasn(pengaturan.konfigurasi(), jam=jam)


def test_dua_token_dikirim_di_header_yang_benar(klien, siasn):
    assert klien.data_utama("199002022015022001")["golRuangAkhir"] == "III/c"
    [p] = siasn.permintaan("GET")
    assert p.path == "pns/data-utama/199002022015022001"
    assert p.headers["Authorization"].startswith("Bearer ")
    assert p.headers["Auth"].startswith("bearer ")
    assert p.headers["Authorization"][7:] != p.headers["Auth"][7:]


def test_token_disimpan_di_cache_dan_dipakai_ulang(klien, siasn, jam):
    for _ in range(5):
        klien.data_utama("199002022015022001")
    assert (siasn.k.terbit_gateway, siasn.k.terbit_sso) == (1, 1)
    # Another client (another worker) shares the cached tokens.
    KlienSiasn(pengaturan.konfigurasi(), jam=jam).data_utama("199002022015022001")
    assert (siasn.k.terbit_gateway, siasn.k.terbit_sso) == (1, 1)


def test_token_diperbarui_semenit_sebelum_kedaluwarsa(klien, siasn, jam):
    klien.data_utama("199002022015022001")
    jam.t += 3600 - 61  # 61 s before expiry: still used
    klien.data_utama("199002022015022001")
    assert siasn.k.terbit_gateway == 1
    jam.t += 2  # 59 s before expiry: renewed before BKN refuses it
    klien.data_utama("199002022015022001")
    assert (siasn.k.terbit_gateway, siasn.k.terbit_sso) == (2, 2)


def test_token_kedaluwarsa_di_tengah_jalan_diperbarui_sekali(klien, siasn):
    klien.data_utama("199002022015022001")
    siasn.kedaluwarsakan_token()  # BKN drops them early, mid-run
    assert klien.data_utama("199002022015022001")["id"] == "pns-1"
    assert (siasn.k.terbit_gateway, siasn.k.terbit_sso) == (2, 2)
    assert [p.path for p in siasn.permintaan("GET")] == ["pns/data-utama/199002022015022001"] * 3


def test_kredensial_salah_adalah_masalah_pengaturan_bukan_data(siasn, settings):
    settings.SIASN_SSO_PASSWORD = "salah"
    klien = KlienSiasn(pengaturan.konfigurasi())
    with pytest.raises(SiasnSementara, match="Token SSO ditolak: Invalid user credentials"):
        klien.data_utama("199002022015022001")


def test_data_tidak_ditemukan_adalah_none(klien):
    assert klien.data_utama("198001012005011001") is None


def test_riwayat_kosong_adalah_daftar_kosong(klien):
    assert klien.riwayat("golongan", "199002022015022001") == []


def test_5xx_adalah_sementara(klien, siasn):
    siasn.k.gagal_5xx = 1
    with pytest.raises(SiasnSementara, match="HTTP 502"):
        klien.data_utama("199002022015022001")


def test_server_tidak_ada_adalah_sementara(settings, siasn):
    settings.SIASN_API_URL = "http://127.0.0.1:9/apisiasn/1.0"
    klien = KlienSiasn(pengaturan.konfigurasi())
    with pytest.raises(SiasnSementara, match="tidak dapat dihubungi"):
        klien.data_utama("199002022015022001")


def test_timeout_adalah_sementara(klien, siasn, settings):
    settings.SIASN_TIMEOUT = 0.2
    klien = KlienSiasn(pengaturan.konfigurasi())
    klien.data_utama("199002022015022001")  # tokens first
    siasn.k.gantung = True
    with pytest.raises(SiasnSementara, match="tidak menjawab dalam 0.2 detik"):
        klien.data_utama("199002022015022001")


def test_penolakan_simpan_membawa_pesan_bkn(klien, siasn):
    with pytest.raises(SiasnDitolak, match="tahun, hasilKinerjaNilai") as info:
        klien.simpan("skp22/save", {"pnsDinilaiOrang": "pns-1"})
    assert info.value.status == 400


def test_jawaban_200_dengan_code_0_adalah_penolakan(klien):
    with pytest.raises(SiasnDitolak, match="PNS tidak ditemukan"):
        klien.simpan(
            "kursus/save",
            {
                "namaKursus": "x",
                "jenisDiklatId": "2",
                "jumlahJam": 1,
                "tanggalKursus": "01-01-2026",
                "pnsOrangId": "tidak-ada",
            },
        )


def test_hapus_yang_sudah_tidak_ada_dianggap_terhapus(klien):
    assert klien.hapus("kursus/delete/tidak-ada")["message"] == "Data tidak ditemukan"


def test_pengaturan_menyebut_yang_belum_diisi(settings):
    for nama in pengaturan.WAJIB:
        setattr(settings, nama, "")
    assert pengaturan.aktif() is False
    assert pengaturan.belum_diisi() == list(pengaturan.WAJIB)
    assert pengaturan.konfigurasi() is None
