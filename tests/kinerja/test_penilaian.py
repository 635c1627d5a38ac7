"""Appraisal: predikat from the matrix, realisation prefilled from approved reports, rights,
acknowledgement and objection; SKP lifecycle and the RHK cascade."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kinerja import rules
from kinerja.models import Penilaian
from tests.kinerja.factories import lapor, skp_disetujui
from tests.kinerja.test_laporan import klien

pytestmark = pytest.mark.django_db

URL = "/api/v1/kinerja/penilaian/"


def periode_ini() -> str:
    return rules.periode_berjalan(timezone.localdate(), rules.TRIWULANAN)


def isian(org, **ubah):
    data = {
        "pegawai": org.staf1.nip,
        "periode": periode_ini(),
        "rating_hasil_kerja": "DI_ATAS",
        "rating_perilaku": "DI_ATAS",
        "umpan_balik": "Pertahankan ketelitian laporan surveilans.",
    }
    data.update(ubah)
    return data


def test_atasan_menilai_predikat_dari_matriks_dan_realisasi_dari_laporan(org):
    hari = timezone.localdate()
    lapor(org.staf1, org.rhk1, hari, "08:00", "09:00", status="DISETUJUI", kuantitas=2)
    lapor(org.staf1, org.rhk1, hari, "09:00", "10:00", status="DISETUJUI", kuantitas=3)
    lapor(org.staf1, org.rhk1, hari, "10:00", "11:00", status="DIAJUKAN", kuantitas=7)

    resp = klien(org.kabid.user).post(
        URL,
        isian(org, catatan_perilaku={"AKUNTABEL": "Selalu tepat waktu"}),
        format="json",
    )

    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["predikat"] == "SANGAT_BAIK"
    assert body["catatan_perilaku"] == {"AKUNTABEL": "Selalu tepat waktu"}
    [r] = body["realisasi"]
    assert (r["rhk"], r["dari_laporan"], r["realisasi"]) == (org.rhk1.pk, "5.00", "5.00")


def test_realisasi_diubah_wajib_alasan(org):
    client = klien(org.kabid.user)
    ubah = [{"rhk": org.rhk1.pk, "realisasi": "4"}]
    resp = client.post(URL, isian(org, realisasi=ubah), format="json")
    assert resp.status_code == 400
    assert resp.json()["realisasi"] == [
        "Realisasi RHK \u201cLaporan surveilans\u201d diubah dari 0 menjadi 4: isi alasannya."
    ]
    ubah[0]["alasan"] = "Laporan luring belum diinput"
    resp = client.post(URL, isian(org, realisasi=ubah), format="json")
    assert resp.status_code == 201, resp.content
    assert resp.json()["realisasi"][0]["realisasi"] == "4.00"


@pytest.mark.parametrize(("hasil", "perilaku", "predikat"), list(
    (h, p, v) for (h, p), v in rules.MATRIKS_PREDIKAT.items()))  # fmt: skip
def test_predikat_lewat_api(org, hasil, perilaku, predikat):
    resp = klien(org.kabid.user).post(
        URL, isian(org, rating_hasil_kerja=hasil, rating_perilaku=perilaku), format="json"
    )
    assert resp.json()["predikat"] == predikat


@pytest.mark.parametrize(
    ("ubah", "field", "pesan"),
    [
        ({"periode": "2026-13"}, "periode", "Bulan 13 tidak ada: gunakan 01 sampai 12."),
        ({"periode": "Q1-2026"}, "periode", "Periode harus berbentuk YYYY-MM, YYYY-Qn atau YYYY"),
        ({"periode": "2026-03"}, "periode", "Penilaian berkala di instansi ini triwulanan"),
        ({"periode": "2099-Q1"}, "periode", "Periode 2099-Q1 belum dimulai."),
        ({"rating_perilaku": "BAGUS"}, "rating_perilaku", "tidak ada dalam daftar pilihan"),
        ({"umpan_balik": ""}, "umpan_balik", ""),
        (
            {"periode": "2020"},
            "pegawai",
            "Pegawai belum memiliki SKP yang disetujui untuk tahun 2020.",
        ),
    ],
)
def test_penilaian_salah(org, ubah, field, pesan):
    resp = klien(org.kabid.user).post(URL, isian(org, **ubah), format="json")
    assert resp.status_code == 400, resp.content
    assert pesan in resp.json()[field][0]


def test_jenis_periode_adalah_pengaturan(org, settings):
    settings.KINERJA_PERIODE_PENILAIAN = "BULANAN"
    bulan = f"{timezone.localdate():%Y-%m}"
    resp = klien(org.kabid.user).post(URL, isian(org, periode=bulan), format="json")
    assert resp.status_code == 201, resp.content
    assert resp.json()["jenis_periode"] == "BULANAN"


def test_penilaian_ganda_ditolak(org):
    client = klien(org.kabid.user)
    assert client.post(URL, isian(org), format="json").status_code == 201
    resp = client.post(URL, isian(org), format="json")
    assert resp.status_code == 400
    assert resp.json()["periode"] == [
        f"Penilaian periode {periode_ini()} untuk pegawai ini sudah ada."
    ]


@pytest.mark.parametrize("siapa", ["staf2", "kabid2", "op_diskes", "admin", "staf1"])
def test_hanya_atasan_langsung_yang_menilai(org, siapa):
    user = getattr(org, siapa)
    resp = klien(getattr(user, "user", user)).post(URL, isian(org), format="json")
    # Outside the caller's subordinates the employee does not exist for them (no leak).
    assert resp.status_code == 400
    [pesan] = resp.json()["pegawai"]
    assert pesan.startswith("Pegawai dengan NIP ") and pesan.endswith(" tidak ditemukan.")
    assert not Penilaian.objects.exists()


def test_pegawai_melihat_predikat_lalu_menerima(org):
    pk = klien(org.kabid.user).post(URL, isian(org), format="json").json()["id"]
    staf = klien(org.staf1.user)

    body = staf.get(f"{URL}{pk}/").json()
    assert body["predikat"] == "SANGAT_BAIK"
    assert staf.post(f"{URL}{pk}/terima/").json()["tanggapan"] == "DITERIMA"
    resp = staf.post(f"{URL}{pk}/keberatan/", {"alasan_keberatan": "Berubah pikiran sekali"})
    assert resp.json()["tanggapan"] == ["Penilaian ini sudah Anda tanggapi."]


def test_keberatan_dengan_alasan_terlihat_oleh_hr(org):
    pk = (
        klien(org.kabid.user)
        .post(URL, isian(org, rating_hasil_kerja="DI_BAWAH"), format="json")
        .json()["id"]
    )
    staf = klien(org.staf1.user)
    resp = staf.post(f"{URL}{pk}/keberatan/", {"alasan_keberatan": "singkat"})
    assert resp.json()["alasan_keberatan"] == [
        "Tuliskan alasan keberatan (paling sedikit 10 karakter)."
    ]
    resp = staf.post(
        f"{URL}{pk}/keberatan/", {"alasan_keberatan": "Target RHK berubah di tengah triwulan."}
    )
    assert resp.json()["tanggapan"] == "KEBERATAN"
    # The supervisor cannot answer for the employee.
    assert klien(org.kabid.user).post(f"{URL}{pk}/terima/").status_code == 403
    hr = klien(org.op_diskes).get(URL).json()["results"]
    assert [(r["id"], r["tanggapan"]) for r in hr] == [(pk, "KEBERATAN")]


def test_cakupan_penilaian(org):
    pk = klien(org.kabid.user).post(URL, isian(org), format="json").json()["id"]
    for siapa, terlihat in [
        (org.staf1.user, True),
        (org.kabid.user, True),
        (org.op_diskes, True),
        (org.admin, True),
        (org.staf2.user, False),
        (org.kabid2.user, False),
        (org.op_disdik, False),
    ]:
        client = klien(siapa)
        assert (client.get(f"{URL}{pk}/").status_code == 200) is terlihat
        assert [r["id"] for r in client.get(URL).json()["results"]] == ([pk] if terlihat else [])


# --- SKP ------------------------------------------------------------------------------------

SKP = "/api/v1/kinerja/skp/"


def test_daftar_skp_dengan_rhk_berjenjang(org):
    body = klien(org.staf1.user).get(SKP, {"tahun": timezone.localdate().year}).json()
    [skp] = body["results"]
    assert skp["status"] == "DISETUJUI"
    [rhk] = skp["rhk"]
    assert rhk["rhk_atasan"] == org.rhk_kabid.pk
    assert rhk["indikator"][0]["satuan"] == "dokumen"
    kabid = klien(org.kabid.user).get(SKP).json()["results"]
    assert {s["pegawai"]["nip"] for s in kabid} == {org.kabid.nip, org.staf1.nip, org.staf2.nip}
    assert klien(org.staf2.user).get(f"{SKP}{skp['id']}/").status_code == 404


def test_siklus_skp(org):
    tahun = timezone.localdate().year + 1
    staf = klien(org.staf1.user)
    skp = staf.post(SKP, {"tahun": tahun}, format="json").json()
    assert (skp["status"], skp["penilai"]["nip"]) == ("DRAFT", org.staf1.atasan.nip)

    rhk = {
        "uraian": "Laporan tahun depan",
        "rhk_atasan": org.rhk_kabid.pk,  # a RHK of this year's SKP: not allowed
        "indikator": [
            {"aspek": "KUANTITAS", "uraian": "Jumlah", "target": "12", "satuan": "laporan"}
        ],
    }
    resp = staf.post(f"{SKP}{skp['id']}/rhk/", rhk, format="json")
    assert resp.status_code == 400
    assert resp.json()["rhk_atasan"] == [
        f"RHK yang diintervensi harus dari SKP atasan langsung (pejabat penilai) tahun {tahun}."
    ]
    resp = staf.post(f"{SKP}{skp['id']}/ajukan/")
    assert resp.json()["rhk"] == ["SKP memerlukan paling sedikit satu RHK utama."]

    rhk.pop("rhk_atasan")
    rhk["jenis"] = "UTAMA"
    resp = staf.post(f"{SKP}{skp['id']}/rhk/", rhk, format="json")
    assert "RHK utama harus mengintervensi" in resp.json()["rhk_atasan"][0]
    rhk["jenis"] = "TAMBAHAN"
    assert staf.post(f"{SKP}{skp['id']}/rhk/", rhk, format="json").status_code == 201
    # Still no main RHK.
    assert staf.post(f"{SKP}{skp['id']}/ajukan/").status_code == 400


def test_ajukan_kembalikan_ajukan_ulang_setujui_skp(org):
    tahun = timezone.localdate().year + 1
    rhk_atas = skp_disetujui(org.kabid, tahun=tahun, uraian="Target tahun depan").rhk.get()
    staf, kabid = klien(org.staf1.user), klien(org.kabid.user)
    skp = staf.post(SKP, {"tahun": tahun}, format="json").json()
    rhk = {
        "uraian": "Laporan surveilans tahun depan",
        "rhk_atasan": rhk_atas.pk,
        "indikator": [
            {"aspek": "KUANTITAS", "uraian": "Jumlah", "target": "12", "satuan": "laporan"}
        ],
    }
    assert staf.post(f"{SKP}{skp['id']}/rhk/", rhk, format="json").status_code == 201
    assert staf.post(f"{SKP}{skp['id']}/ajukan/").json()["status"] == "DIAJUKAN"
    # Not editable while submitted; only the pejabat penilai decides.
    assert staf.post(f"{SKP}{skp['id']}/rhk/", rhk, format="json").status_code == 400
    assert staf.post(f"{SKP}{skp['id']}/setujui/", {}, format="json").status_code == 403
    assert klien(org.staf2.user).post(f"{SKP}{skp['id']}/setujui/", {}).status_code == 404

    resp = kabid.post(f"{SKP}{skp['id']}/kembalikan/", {"catatan": "Tambah indikator kualitas"})
    assert (resp.json()["status"], resp.json()["catatan"]) == (
        "DIKEMBALIKAN",
        "Tambah indikator kualitas",
    )
    assert staf.post(f"{SKP}{skp['id']}/ajukan/").json()["status"] == "DIAJUKAN"
    resp = kabid.post(
        f"{SKP}{skp['id']}/setujui/",
        {"ekspektasi": {"AKUNTABEL": "Laporan tepat waktu setiap bulan"}},
        format="json",
    )
    assert resp.json()["status"] == "DISETUJUI"
    ekspektasi = {e["nilai"]: e["ekspektasi"] for e in resp.json()["ekspektasi"]}
    assert len(ekspektasi) == 7
    assert ekspektasi["AKUNTABEL"] == "Laporan tepat waktu setiap bulan"
