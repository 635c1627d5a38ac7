"""The background employee import (issue 16 item 7, issue 17 goal 2): upload, the job end to
end through the Celery task, all-or-nothing across chunks, progress, scope of the job pages,
the broker away, the admin's threshold and the hard cap before parsing, and deactivation by
import revoking API tokens."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from rest_framework.authtoken.models import Token

from pegawai import impor_latar
from pegawai.impor import KOLOM, pegawai_import
from pegawai.models import ImporPegawai, Pegawai, StatusImpor, UnitKerja
from pegawai.services import DATA_DIR
from tests.factories import PegawaiFactory, UserFactory, admin_bkd, operator

pytestmark = pytest.mark.usefixtures("unit_lampung")


@pytest.fixture(autouse=True)
def _celery_langsung(settings, tmp_path):
    """Tasks run in-process (also with REDIS_URL set); uploads go to a temporary media root."""
    from asn_hr.celery import app

    settings.MEDIA_ROOT = tmp_path
    sebelum = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = sebelum


def contoh(n: int | None = None) -> list[dict]:
    with (DATA_DIR / "pegawai_contoh.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return rows[:n] if n is not None else rows


def xlsx(rows: list[dict], kolom: list[str] | None = None) -> bytes:
    kolom = kolom or list(KOLOM)
    buku = Workbook()
    lembar = buku.active
    lembar.append(kolom)
    for r in rows:
        lembar.append([r.get(k, "") for k in kolom])
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


@pytest.fixture
def unggah(client, django_capture_on_commit_callbacks):
    """Upload through the page; the task is queued on commit (run here, eagerly)."""

    def kirim(isi: bytes, nama: str = "pegawai.xlsx", **data):
        berkas = SimpleUploadedFile(nama, isi)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("impor-latar"), {"berkas": berkas, **data})

    return kirim


def diskes_saja(n: int) -> list[dict]:
    """Rows of the sample inside DISKES (its heads included, so atasan resolve)."""
    rows = [r for r in contoh() if r["Kode Unit Kerja"].startswith("DISKES")]
    return rows[:n]


# --- end to end -------------------------------------------------------------------------------


def test_impor_latar_ujung_ke_ujung_menulis_semua_dan_mencatat_kemajuan(
    client, settings, unggah
):
    settings.IMPOR_LATAR_POTONG = 50
    client.force_login(admin_bkd())
    rows = contoh()
    resp = unggah(xlsx(rows))
    impor = ImporPegawai.objects.get()
    assert resp.status_code == 302
    assert resp["Location"] == reverse("impor-latar-detail", args=[impor.pk])
    assert impor.status == StatusImpor.SELESAI
    assert (impor.baris_total, impor.baris_diproses) == (len(rows), len(rows))
    assert impor.dibuat_jumlah == len(rows) == Pegawai.objects.count()
    assert impor.akun_dibuat == len(rows)
    assert not impor.berkas_alasan
    html = client.get(resp["Location"]).content.decode()
    assert "Selesai" in html and f"Ditambahkan: {len(rows)}" in html
    status = client.get(reverse("impor-latar-status", args=[impor.pk])).json()
    assert status["berakhir"] is True and status["persen"] == 100


def test_kemajuan_dilaporkan_setiap_potongan_lalu_sebelum_menyimpan():
    panggilan = []
    hasil = pegawai_import(
        iter(contoh(7)), oleh=None, progres=lambda t, n: panggilan.append((t, n)), potong=3
    )
    assert hasil.berhasil
    assert panggilan == [("memeriksa", 3), ("memeriksa", 6), ("menyimpan", 7)]


def test_satu_baris_salah_di_potongan_terakhir_tidak_menulis_apa_pun(
    client, settings, unggah
):
    settings.IMPOR_LATAR_POTONG = 10
    client.force_login(admin_bkd())
    rows = contoh(40)
    rows[-1] = {**rows[-1], "Jenis Kelamin": "X"}
    unggah(xlsx(rows))
    impor = ImporPegawai.objects.get()
    assert impor.status == StatusImpor.GAGAL
    assert Pegawai.objects.count() == 0
    assert impor.ditolak_jumlah == 1 and impor.baris_diproses == 40
    assert impor.kesalahan_awal == [
        "Baris 41, kolom Jenis Kelamin: 'X' tidak dikenal; gunakan L atau P."
    ]
    html = client.get(reverse("impor-latar-detail", args=[impor.pk])).content.decode()
    assert "Tidak ada yang diimpor" in html
    resp = client.get(reverse("impor-latar-alasan", args=[impor.pk]))
    assert resp.status_code == 200
    lembar = load_workbook(io.BytesIO(b"".join(resp.streaming_content))).active
    baris = list(lembar.iter_rows(values_only=True))
    assert baris[0][0] == "Baris" and baris[0][-1] == "Alasan"
    assert len(baris) == 2  # only the refused row
    assert baris[1][0] == 41 and "Jenis Kelamin" in baris[1][-1]


def test_lewati_baris_salah_menulis_baris_yang_benar(client, unggah):
    client.force_login(admin_bkd())
    rows = contoh(30)
    rows[29] = {**rows[29], "Tanggal Lahir": "31-02-1980"}
    unggah(xlsx(rows), lewati_baris_salah="on")
    impor = ImporPegawai.objects.get()
    assert impor.status == StatusImpor.SELESAI
    assert impor.ditolak_jumlah == 1 and Pegawai.objects.count() == 29
    assert impor.berkas_alasan


def test_csv_juga_dibaca_berurutan(client, unggah):
    client.force_login(admin_bkd())
    isi = (DATA_DIR / "pegawai_contoh.csv").read_bytes()
    unggah(isi, nama="pegawai.csv")
    assert ImporPegawai.objects.get().status == StatusImpor.SELESAI
    assert Pegawai.objects.count() == len(contoh())


def test_operator_hanya_mengimpor_unitnya_dengan_aturan_yang_sama(client, unggah):
    diskes = UnitKerja.objects.get(kode="DISKES")
    client.force_login(operator(diskes))
    rows = diskes_saja(5) + [r for r in contoh() if r["Kode Unit Kerja"] == "BKD"][:1]
    unggah(xlsx(rows))
    impor = ImporPegawai.objects.get()
    assert impor.status == StatusImpor.GAGAL and impor.unit_kerja == diskes
    assert any("di luar wewenang Anda" in k for k in impor.kesalahan_awal)
    assert Pegawai.objects.count() == 0


# --- scope ------------------------------------------------------------------------------------


def _halaman(impor: ImporPegawai) -> list[str]:
    return [
        reverse(n, args=[impor.pk])
        for n in ("impor-latar-detail", "impor-latar-status", "impor-latar-alasan")
    ]


def test_halaman_impor_404_bagi_selain_pemilik_dan_admin_bkd(client, unggah):
    diskes = UnitKerja.objects.get(kode="DISKES")
    pemilik = operator(diskes)
    client.force_login(pemilik)
    rows = diskes_saja(3)
    rows[-1] = {**rows[-1], "Jenis Kelamin": "X"}  # so that there is a reasons file too
    unggah(xlsx(rows))
    impor = ImporPegawai.objects.get()
    for url in _halaman(impor):
        assert client.get(url).status_code == 200, url
    orang_lain = [
        operator(UnitKerja.objects.get(kode="DISDIKBUD")),
        operator(UnitKerja.objects.get(kode="DISKES-P2P"), username="operator.sub"),
        PegawaiFactory(unit_kerja=diskes).user,
        UserFactory(username="biasa"),
    ]
    for user in orang_lain:
        client.force_login(user)
        for url in _halaman(impor):
            assert client.get(url).status_code == 404, (user, url)
    client.logout()
    for url in _halaman(impor):
        assert client.get(url).status_code == 404, url
    client.force_login(admin_bkd())
    for url in _halaman(impor):
        assert client.get(url).status_code == 200, url


def test_halaman_unggah_hanya_untuk_staf_hr(client):
    assert client.get(reverse("impor-latar")).status_code == 302  # anonymous: to login
    client.force_login(PegawaiFactory().user)
    assert client.get(reverse("impor-latar")).status_code == 404
    client.force_login(admin_bkd())
    assert client.get(reverse("impor-latar")).status_code == 200


# --- broker away ------------------------------------------------------------------------------


def test_broker_mati_impor_dicatat_dan_pengguna_diberi_tahu(client, monkeypatch, unggah):
    from asn_hr.celery import app
    from inti import pemutus
    from inti.models import TugasTertunda
    from pegawai import tasks

    def mati(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.impor_pegawai_jalankan, "apply_async", mati)
    client.force_login(admin_bkd())
    app.conf.task_always_eager = False
    try:
        resp = unggah(xlsx(contoh(5)))
    finally:
        pemutus.broker.tutup()
    assert resp.status_code == 302
    impor = ImporPegawai.objects.get()
    assert impor.status == StatusImpor.MENUNGGU and impor.tertunda
    assert TugasTertunda.objects.get().argumen == [impor.pk]
    html = client.get(resp["Location"]).content.decode()
    assert "akan berjalan otomatis begitu antrean kembali" in html
    assert "Muat ulang untuk melihat kemajuan" in html
    assert "impor_progres.js" in html
    # Once the outbox is sent, the job runs.
    monkeypatch.undo()
    app.conf.task_always_eager = True
    impor_latar.impor_latar_jalankan(impor_id=impor.pk)
    impor.refresh_from_db()
    assert impor.status == StatusImpor.SELESAI and not impor.tertunda
    assert impor.mulai is not None and impor.selesai >= impor.mulai


# --- thresholds -------------------------------------------------------------------------------


def _impor_admin(client, isi: bytes) -> str:
    url = reverse("admin:pegawai_pegawai_import")
    berkas = SimpleUploadedFile("pegawai.xlsx", isi)
    halaman = client.get(url).content.decode()
    assert reverse("impor-latar") in halaman  # the big-file path is offered on the form
    import re

    pilihan = re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', halaman)
    indeks = next(v for v, label in pilihan if label.strip().lower() == "xlsx")
    return client.post(url, {"import_file": berkas, "format": indeks}).content.decode()


@pytest.mark.parametrize("baris, ditolak", [(2, False), (3, False), (4, True)])
def test_ambang_impor_admin_menunjuk_impor_latar(client, settings, baris, ditolak):
    settings.IMPOR_MAKS_BARIS = 3
    client.force_login(admin_bkd())
    html = _impor_admin(client, xlsx(contoh(baris)))
    assert ("paling banyak 3 baris per impor" in html) is ditolak
    if ditolak:
        assert "gunakan halaman Impor pegawai (berkas besar) (/impor-pegawai/)" in html


@pytest.mark.parametrize("baris, ditolak", [(3, False), (4, True)])
def test_batas_keras_impor_latar_sebelum_diurai(
    client, settings, monkeypatch, baris, ditolak, unggah
):
    settings.IMPOR_LATAR_MAKS_BARIS = 3
    isi = xlsx(contoh(baris))

    def jangan(*args, **kwargs):
        raise AssertionError("the file was parsed")

    if ditolak:
        monkeypatch.setattr(impor_latar, "baris_berkas", jangan)
    client.force_login(admin_bkd())
    resp = unggah(isi)
    if ditolak:
        assert resp.status_code == 200
        assert "Berkas berisi 4 baris; paling banyak 3 baris per impor" in resp.content.decode()
        assert not ImporPegawai.objects.exists()
    else:
        assert ImporPegawai.objects.get().status == StatusImpor.SELESAI


def test_batas_ukuran_impor_latar(client, settings, unggah):
    settings.IMPOR_LATAR_MAKS_BYTE = 1000
    client.force_login(admin_bkd())
    resp = unggah(xlsx(contoh(20)))
    assert "Berkas impor terlalu besar" in resp.content.decode()
    assert not ImporPegawai.objects.exists()


def test_halaman_unggah_punya_batas_permintaan_sendiri(settings):
    from inti.batas import batas_untuk

    assert batas_untuk("/impor-pegawai/") > settings.BATAS_UKURAN_PERMINTAAN
    assert batas_untuk("/pengaduan/") == settings.BATAS_UKURAN_PERMINTAAN


# --- deactivation by import -------------------------------------------------------------------


def test_nonaktif_lewat_impor_mencabut_token_api():
    rows = contoh(3)
    assert pegawai_import(rows, oleh=None).berhasil
    p1, p2, p3 = (Pegawai.objects.get(nip=r["NIP"]) for r in rows)
    t1 = Token.objects.create(user=p1.user)
    t2 = Token.objects.create(user=p2.user)
    t3 = Token.objects.create(user=p3.user)
    ubah = [{**rows[0], "Aktif": "Tidak"}, {**rows[1], "Aktif": "Ya"}, {**rows[2]}]
    hasil = pegawai_import(ubah, oleh=None)
    assert hasil.berhasil, hasil.kesalahan
    p1.refresh_from_db()
    assert not p1.aktif
    assert not Token.objects.filter(pk=t1.pk).exists()
    assert Token.objects.filter(pk__in=[t2.pk, t3.pk]).count() == 2
    # Reactivating by the same file (no "Aktif" column) issues nothing and revokes nothing.
    assert pegawai_import(rows, oleh=None).berhasil
    p1.refresh_from_db()
    assert p1.aktif and Token.objects.count() == 2


def test_kolom_aktif_yang_tidak_dikenal_ditolak_dengan_nama_kolom():
    hasil = pegawai_import([{**contoh(1)[0], "Aktif": "mungkin"}], oleh=None)
    assert [str(k) for k in hasil.kesalahan] == [
        "Baris 2, kolom Aktif: 'mungkin' tidak dikenal; isi Ya atau Tidak (kosong berarti Ya)."
    ]


def test_nonaktif_lewat_impor_latar_mencabut_token(client, unggah):
    rows = contoh(2)
    assert pegawai_import(rows, oleh=None).berhasil
    pensiun = Pegawai.objects.get(nip=rows[0]["NIP"])
    Token.objects.create(user=pensiun.user)
    client.force_login(admin_bkd())
    kolom = [*KOLOM, "Aktif"]
    unggah(xlsx([{**rows[0], "Aktif": "Tidak"}, rows[1]], kolom))
    assert ImporPegawai.objects.get().status == StatusImpor.SELESAI
    pensiun.refresh_from_db()
    assert not pensiun.aktif and not Token.objects.filter(user=pensiun.user).exists()
