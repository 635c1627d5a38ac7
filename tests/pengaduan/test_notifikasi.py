"""The reporter hears about a public response by email, once; internal notes stay internal."""

import pytest
from django.core import mail

from pengaduan.services import pengaduan_tanggapi, tanggapan_kirim_notifikasi

from .factories import PengaduanFactory

pytestmark = pytest.mark.django_db


def test_tanggapan_publik_mengirim_email_ke_pelapor_sekali(org, django_capture_on_commit_callbacks):
    p = PengaduanFactory(unit_kerja=org.diskes, email="warga@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        t = pengaduan_tanggapi(
            pengaduan=p,
            oleh=org.op_diskes,
            isi="Loket ditambah mulai Senin.",
            status_baru="DIVERIFIKASI",
        )
    assert [m.to for m in mail.outbox] == [["warga@example.com"]]
    pesan = mail.outbox[0]
    assert p.kode in pesan.subject
    assert f"/pengaduan/lacak/{p.kode}/" in pesan.body
    assert "Loket ditambah" not in pesan.body  # the response is read on the tracking page
    assert tanggapan_kirim_notifikasi(tanggapan_id=t.pk) is False  # a re-delivered task
    assert len(mail.outbox) == 1


def test_catatan_internal_dan_pelapor_tanpa_email_tidak_mengirim_apa_pun(
    org, django_capture_on_commit_callbacks
):
    dengan_email = PengaduanFactory(unit_kerja=org.diskes, email="warga@example.com")
    tanpa_email = PengaduanFactory(unit_kerja=org.diskes, email="")
    with django_capture_on_commit_callbacks(execute=True):
        pengaduan_tanggapi(
            pengaduan=dengan_email, oleh=org.op_diskes, isi="Catatan internal.", publik=False
        )
        pengaduan_tanggapi(pengaduan=tanpa_email, oleh=org.op_diskes, isi="Ditindaklanjuti.")
    assert mail.outbox == []
