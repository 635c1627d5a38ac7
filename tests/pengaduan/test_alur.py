"""The complaint workflow through the services: deadlines, the status flow with who may move
it, reopening once, rating, and confirmation email."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from pengaduan.models import HariLibur, Jenis, Pengaduan, Status
from pengaduan.services import (
    pengaduan_ajukan,
    pengaduan_buka_ulang,
    pengaduan_nilai,
    pengaduan_tanggapi,
)
from tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db


def ajukan(**kwargs) -> Pengaduan:
    data = {"jenis": Jenis.PENGADUAN, "judul": "Loket tutup", "isi": "Loket tutup jam 10."}
    return pengaduan_ajukan(**{**data, **kwargs})


def pesan(exc: pytest.ExceptionInfo, field: str) -> str:
    return " ".join(exc.value.message_dict[field])


def test_alur_lengkap_dengan_hari_kerja_dan_libur(org, jam):
    HariLibur.objects.create(tanggal=date(2026, 1, 12), keterangan="Libur uji")
    jam(2026, 1, 9, 10)  # Friday
    p = ajukan(unit_kerja=org.diskes)
    # Fri -> Mon 12 is a holiday -> Tue 13, Wed 14, Thu 15.
    assert (p.status, p.batas_waktu) == (Status.DITERIMA, date(2026, 1, 15))

    jam(2026, 1, 14, 9)
    pengaduan_tanggapi(
        pengaduan=p,
        oleh=org.op_diskes,
        isi="Diteruskan ke Bidang Pelayanan.",
        status_baru=Status.DIVERIFIKASI,
        unit_kerja=org.yankes,
    )
    p.refresh_from_db()
    # Wed 14 + 5 working days: 15, (Fri 16 Isra Mikraj, a shipped holiday), 19, 20, 21, 22.
    assert (p.status, p.unit_kerja, p.batas_waktu) == (
        Status.DIVERIFIKASI,
        org.yankes,
        date(2026, 1, 22),
    )
    assert p.diverifikasi_pada is not None

    pengaduan_tanggapi(
        pengaduan=p,
        oleh=org.op_yankes,
        isi="Loket kini buka sampai jam 15.",
        status_baru=Status.DITINDAKLANJUTI,
    )
    pengaduan_tanggapi(pengaduan=p, oleh=org.op_yankes, isi="Cek CCTV.", publik=False)
    pengaduan_tanggapi(pengaduan=p, oleh=org.op_yankes, isi="Selesai.", status_baru=Status.SELESAI)
    p.refresh_from_db()
    assert p.status == Status.SELESAI and p.batas_waktu is None and p.ditutup_pada
    assert list(p.tanggapan.values_list("publik", "status_sesudah")) == [
        (True, Status.DIVERIFIKASI),
        (True, Status.DITINDAKLANJUTI),
        (False, ""),
        (True, Status.SELESAI),
    ]


@pytest.mark.parametrize(
    ("dari", "ke"),
    [
        (Status.DITERIMA, Status.SELESAI),
        (Status.DITERIMA, Status.DITINDAKLANJUTI),
        (Status.DIVERIFIKASI, Status.SELESAI),
        (Status.SELESAI, Status.DITINDAKLANJUTI),
        (Status.DITOLAK, Status.DIVERIFIKASI),
    ],
)
def test_status_tidak_boleh_melompat(org, dari, ke):
    p = ajukan(unit_kerja=org.diskes)
    Pengaduan.objects.filter(pk=p.pk).update(status=dari)
    with pytest.raises(ValidationError) as exc:
        pengaduan_tanggapi(pengaduan=p, oleh=org.admin, isi="x", status_baru=ke)
    assert "Status tidak dapat diubah dari" in pesan(exc, "status")
    p.refresh_from_db()
    assert p.status == dari


def test_verifikasi_perlu_unit_dan_operator_hanya_ke_unitnya(org):
    p = ajukan()  # no unit chosen by the citizen: only Admin BKD sees it
    with pytest.raises(ValidationError) as exc:
        pengaduan_tanggapi(pengaduan=p, oleh=org.admin, isi="ok", status_baru=Status.DIVERIFIKASI)
    assert "Pilih unit kerja tujuan" in pesan(exc, "unit_kerja")

    q = ajukan(unit_kerja=org.diskes)
    with pytest.raises(ValidationError) as exc:
        pengaduan_tanggapi(
            pengaduan=q,
            oleh=org.op_diskes,
            isi="ok",
            status_baru=Status.DIVERIFIKASI,
            unit_kerja=org.disdik,
        )
    assert "di luar kewenangan" in pesan(exc, "unit_kerja")
    # Admin BKD routes anywhere.
    pengaduan_tanggapi(
        pengaduan=p,
        oleh=org.admin,
        isi="ok",
        status_baru=Status.DIVERIFIKASI,
        unit_kerja=org.disdik,
    )
    p.refresh_from_db()
    assert p.unit_kerja == org.disdik


@pytest.mark.parametrize("siapa", ["op_disdik", "op_yankes"])
def test_petugas_di_luar_unit_tidak_dapat_menanggapi(org, siapa):
    # Routed to Dinas Kesehatan (the parent): the sub-unit's operator does not handle it.
    p = ajukan(unit_kerja=org.diskes)
    with pytest.raises(ValidationError, match="tidak berwenang"):
        pengaduan_tanggapi(pengaduan=p, oleh=getattr(org, siapa), isi="x")
    assert not p.tanggapan.exists()


def test_pegawai_biasa_dan_atasan_tidak_dapat_menanggapi(org):
    p = ajukan(unit_kerja=org.yankes, pegawai_disebut=org.staf.nip)
    for user in (org.staf.user, org.kabid.user):
        with pytest.raises(ValidationError, match="tidak berwenang"):
            pengaduan_tanggapi(pengaduan=p, oleh=user, isi="x")


def test_tolak_dengan_alasan_publik_dan_bukan_wewenang(org):
    p = ajukan(unit_kerja=org.diskes)
    with pytest.raises(ValidationError) as exc:
        pengaduan_tanggapi(
            pengaduan=p, oleh=org.op_diskes, isi="x", publik=False, status_baru=Status.DITOLAK
        )
    assert "harus dapat dibaca pelapor" in pesan(exc, "publik")
    with pytest.raises(ValidationError) as exc:
        pengaduan_tanggapi(pengaduan=p, oleh=org.op_diskes, isi="  ", status_baru=Status.DITOLAK)
    assert "wajib diisi" in pesan(exc, "isi")

    pengaduan_tanggapi(
        pengaduan=p,
        oleh=org.op_diskes,
        isi="Jalan kabupaten: wewenang Pemkab.",
        status_baru=Status.DITOLAK,
        bukan_wewenang=True,
    )
    p.refresh_from_db()
    assert (p.status, p.bukan_wewenang, p.batas_waktu) == (Status.DITOLAK, True, None)


def test_nama_anonim_tidak_disimpan_dan_nip_dikenali(org):
    p = ajukan(nama="Rahasia Sekali", anonim=True, pegawai_disebut=f" {org.staf.nip} ")
    p.refresh_from_db()
    assert p.nama == "" and p.anonim
    assert p.pegawai_terkait == org.staf
    assert ajukan(pegawai_disebut="Pak Andi di loket").pegawai_terkait is None


@pytest.mark.parametrize(
    ("field", "nilai", "pesan_bagian"),
    [
        ("judul", "x" * 151, "150"),
        ("isi", "x" * 4001, "4000"),
        ("nama", "x" * 101, "100"),
        ("telepon", "08abc", "Nomor telepon"),
        ("email", "bukan-email", "email"),
        ("jenis", "LAINNYA", "LAINNYA"),
        ("judul", "", "kosong"),
    ],
)
def test_batas_panjang_dan_format_ditolak_dengan_nama_field(org, field, nilai, pesan_bagian):
    with pytest.raises(ValidationError) as exc:
        ajukan(**{field: nilai})
    assert pesan_bagian.lower() in pesan(exc, field).lower()
    assert not Pengaduan.objects.exists()


def test_nilai_dan_buka_ulang_sekali(org, jam):
    jam(2026, 1, 5, 9)
    p = ajukan(unit_kerja=org.diskes)
    with pytest.raises(ValidationError) as exc:
        pengaduan_nilai(pengaduan=p, nilai=5)
    assert "setelah selesai" in pesan(exc, "nilai")
    with pytest.raises(ValidationError) as exc:
        pengaduan_buka_ulang(pengaduan=p, alasan="belum")
    assert "sudah ditutup" in pesan(exc, "alasan")

    for status in (Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.SELESAI):
        pengaduan_tanggapi(pengaduan=p, oleh=org.admin, isi="langkah", status_baru=status)
    pengaduan_nilai(pengaduan=p, nilai=2)
    with pytest.raises(ValidationError):
        pengaduan_nilai(pengaduan=p, nilai=6)

    jam(2026, 1, 9, 9)  # Friday
    with pytest.raises(ValidationError) as exc:
        pengaduan_buka_ulang(pengaduan=p, alasan="  ")
    assert "alasan" in pesan(exc, "alasan")
    pengaduan_buka_ulang(pengaduan=p, alasan="Loket masih tutup.")
    p.refresh_from_db()
    # Back to waiting for a follow-up, due 5 working days later: Fri 16 January 2026 is Isra
    # Mikraj (a shipped holiday), so Monday 19.
    assert (p.status, p.penilaian, p.batas_waktu) == (
        Status.DIVERIFIKASI,
        None,
        date(2026, 1, 19),
    )
    assert p.tanggapan.filter(dari_pelapor=True, isi="Loket masih tutup.").exists()

    for status in (Status.DITINDAKLANJUTI, Status.SELESAI):
        pengaduan_tanggapi(pengaduan=p, oleh=org.admin, isi="lagi", status_baru=status)
    with pytest.raises(ValidationError) as exc:
        pengaduan_buka_ulang(pengaduan=p, alasan="Masih tutup.")
    assert "sudah pernah dibuka kembali" in pesan(exc, "alasan")


def test_konfirmasi_email_sekali_setelah_commit(org, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        p = ajukan(email="warga@example.com")
    assert len(mail.outbox) == 1
    assert p.kode in mail.outbox[0].body and mail.outbox[0].to == ["warga@example.com"]
    # A re-delivered task sends nothing more.
    from pengaduan.tasks import kirim_konfirmasi_pengaduan

    assert kirim_konfirmasi_pengaduan(p.pk) is False
    assert len(mail.outbox) == 1

    with django_capture_on_commit_callbacks(execute=True):
        ajukan()
    assert len(mail.outbox) == 1  # no email given, none sent


def test_antrean_mati_tidak_menggagalkan_pengaduan(
    org, monkeypatch, django_capture_on_commit_callbacks
):
    from asn_hr.celery import app
    from inti import pemutus
    from inti.models import TugasTertunda
    from pengaduan import tasks

    def mati(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.kirim_konfirmasi_pengaduan, "apply_async", mati)
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with django_capture_on_commit_callbacks(execute=True):
            p = ajukan(email="warga@example.com")
    finally:
        app.conf.task_always_eager = eager
        pemutus.broker.tutup()
    assert Pengaduan.objects.filter(pk=p.pk).exists()
    # The confirmation is recorded and sent by the beat job once the broker is back.
    assert TugasTertunda.objects.get().argumen == [p.pk]


def test_pegawai_yang_tidak_aktif_tidak_dicocokkan(org):
    pensiun = PegawaiFactory(unit_kerja=org.diskes, aktif=False)
    assert ajukan(pegawai_disebut=pensiun.nip).pegawai_terkait is None
