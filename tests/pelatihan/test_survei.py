"""Post-training surveys: the daily job's schedule and idempotence, the emailed one-time
link, answering on the page and through the API, and the follow-up training need."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from pelatihan import selectors, services
from pelatihan.models import (
    KebutuhanPelatihan,
    KompetensiPelatihan,
    PertanyaanSurvei,
    Responden,
    StatusSesi,
    UndanganSurvei,
)
from pelatihan.tasks import kirim_survei_pelatihan

from .factories import KompetensiFactory, PesertaFactory, SesiFactory

SELESAI = date(2026, 3, 4)


@pytest.fixture
def sesi(org):
    sesi = SesiFactory(
        tanggal_mulai=date(2026, 3, 2), tanggal_selesai=SELESAI, status=StatusSesi.SELESAI,
        pelatihan__nama="Surveilans Epidemiologi Dasar",
    )  # fmt: skip
    PesertaFactory(sesi=sesi, pegawai=org.siti, hadir=True)
    PesertaFactory(sesi=sesi, pegawai=org.andi)  # attendance not recorded: still asked
    PesertaFactory(sesi=sesi, pegawai=org.rizki, hadir=False)  # absent: not asked
    return sesi


def undangan(**filter):
    return list(UndanganSurvei.objects.filter(**filter).values_list(
        "peserta__pegawai__nama", "jenis", "responden", "responden_pegawai__nama"
    ).order_by("peserta__pegawai__nama", "jenis", "responden"))  # fmt: skip


def test_belum_ada_undangan_sebelum_sesi_berakhir(sesi):
    assert services.undangan_survei_buat(pada=SELESAI - timedelta(days=1)) == 0


def test_survei_reaksi_pada_hari_terakhir_untuk_peserta_yang_hadir(sesi, mailoutbox):
    hasil = services.survei_harian_jalankan(pada=SELESAI)
    assert hasil.undangan_baru == 2
    assert undangan() == [
        ("Andi Pratama", "REAKSI", "PESERTA", "Andi Pratama"),
        ("Siti Rahmawati", "REAKSI", "PESERTA", "Siti Rahmawati"),
    ]
    assert sorted(m.to[0] for m in mailoutbox) == ["andi@example.go.id", "siti@example.go.id"]
    assert "Surveilans Epidemiologi Dasar" in mailoutbox[0].subject


def test_survei_penerapan_90_hari_kemudian_juga_ke_atasan(sesi):
    services.undangan_survei_buat(pada=SELESAI)
    assert services.undangan_survei_buat(pada=SELESAI + timedelta(days=89)) == 0
    assert services.undangan_survei_buat(pada=SELESAI + timedelta(days=90)) == 4
    assert undangan(jenis="APLIKASI") == [
        ("Andi Pratama", "APLIKASI", "ATASAN", "Budi Santoso"),
        ("Andi Pratama", "APLIKASI", "PESERTA", "Andi Pratama"),
        ("Siti Rahmawati", "APLIKASI", "ATASAN", "Budi Santoso"),
        ("Siti Rahmawati", "APLIKASI", "PESERTA", "Siti Rahmawati"),
    ]


def test_jarak_survei_penerapan_dapat_diatur_per_pelatihan(sesi):
    sesi.pelatihan.hari_survei_aplikasi = 30
    sesi.pelatihan.save()
    services.undangan_survei_buat(pada=SELESAI)
    assert services.undangan_survei_buat(pada=SELESAI + timedelta(days=30)) == 4


def test_job_yang_terlewat_menyusul_dalam_masa_tenggang(sesi):
    assert services.undangan_survei_buat(pada=SELESAI + timedelta(days=10)) == 2
    assert services.undangan_survei_buat(pada=SELESAI + timedelta(days=10)) == 0


def test_sesi_batal_tanpa_survei(sesi):
    sesi.status = StatusSesi.DIBATALKAN
    sesi.save()
    assert services.undangan_survei_buat(pada=SELESAI) == 0


def test_job_dua_kali_satu_undangan_dan_satu_email_masing_masing(sesi, mailoutbox):
    kirim_survei_pelatihan.apply(args=[SELESAI.isoformat()]).get()
    kirim_survei_pelatihan.apply(args=[SELESAI.isoformat()]).get()
    call_command("kirim_survei_pelatihan", "--tanggal", SELESAI.isoformat())
    assert UndanganSurvei.objects.count() == 2
    assert len(mailoutbox) == 2


def test_perintah_menolak_tanggal_salah(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="bukan tanggal yang sah"):
        call_command("kirim_survei_pelatihan", "--tanggal", "2026-13-01")


def test_jadwal_beat_ada_sekali(db):
    assert PeriodicTask.objects.filter(task="pelatihan.tasks.kirim_survei_pelatihan").count() == 1
    assert PeriodicTask.objects.filter(task="pelatihan.tasks.ingatkan_sertifikat").count() == 1


def test_pengingat_sekali_setelah_tujuh_hari(sesi, mailoutbox):
    services.survei_harian_jalankan(pada=SELESAI)
    UndanganSurvei.objects.update(email_terkirim=timezone.now() - timedelta(days=8))
    dijawab = UndanganSurvei.objects.get(peserta__pegawai__nama="Andi Pratama")
    dijawab.dijawab = timezone.now()
    dijawab.save()
    mailoutbox.clear()
    assert services.undangan_pengingat_kirim(pada=SELESAI + timedelta(days=8)) == 1
    assert services.undangan_pengingat_kirim(pada=SELESAI + timedelta(days=9)) == 0
    assert [m.to for m in mailoutbox] == [["siti@example.go.id"]]
    assert mailoutbox[0].subject.startswith("Pengingat: ")


def tautan_dari(email) -> str:
    return re.search(r"https?://\S+(/pelatihan/survei/t/\S+/)", email.body).group(1)


def isi_reaksi(undangan, nilai=5) -> dict:
    data = {}
    for p in selectors.pertanyaan_template(undangan.template_id):
        data[f"pertanyaan_{p.pk}"] = str(nilai) if p.tipe == "SKALA" else "Materi bagus."
    return data


def test_menjawab_lewat_tautan_email_tanpa_login_sekali_saja(client, sesi, mailoutbox):
    services.survei_harian_jalankan(pada=SELESAI)
    email = next(m for m in mailoutbox if m.to == ["siti@example.go.id"])
    url = tautan_dari(email)
    halaman = client.get(url)
    assert halaman.status_code == 200
    assert "Surveilans Epidemiologi Dasar" in halaman.content.decode()
    u = UndanganSurvei.objects.get(
        responden_pegawai=sesi.peserta.get(pegawai__nama__startswith="Siti").pegawai
    )
    resp = client.post(url, isi_reaksi(u))
    assert resp.status_code == 200
    assert "Jawaban survei" in resp.content.decode()
    u.refresh_from_db()
    assert u.dijawab is not None
    assert u.jawaban.count() == 5
    ulang = client.get(url)
    assert ulang.status_code == 404
    assert "sudah dipakai" in ulang.content.decode()
    assert client.post(url, isi_reaksi(u)).status_code == 404


@pytest.mark.parametrize("token", ["bukan-token", "eyJ1IjoxLCJrIjoiYSJ9:abc:def"])
def test_tautan_palsu_ditolak(client, db, token):
    assert client.get(f"/pelatihan/survei/t/{token}/").status_code == 404


def test_jawaban_wajib_dan_skala_divalidasi_dengan_pesan_per_pertanyaan(client, org, sesi):
    services.undangan_survei_buat(pada=SELESAI)
    u = UndanganSurvei.objects.get(responden_pegawai=org.siti)
    pertama = selectors.pertanyaan_template(u.template_id)[0]
    client.force_login(org.siti.user)
    data = isi_reaksi(u)
    data[f"pertanyaan_{pertama.pk}"] = ""
    resp = client.post(f"/pelatihan/survei/{u.pk}/", data)
    assert resp.status_code == 400
    assert f"Pertanyaan 1 (“{pertama.teks}”) wajib dijawab." in resp.content.decode()
    u.refresh_from_db()
    assert u.dijawab is None


def test_halaman_survei_milik_orang_lain_404(client, org, sesi):
    services.undangan_survei_buat(pada=SELESAI)
    u = UndanganSurvei.objects.get(responden_pegawai=org.siti)
    client.force_login(org.andi.user)
    assert client.get(f"/pelatihan/survei/{u.pk}/").status_code == 404


class TestApiSurvei:
    def test_daftar_survei_terbuka_milik_pemanggil(self, client, org, sesi):
        services.undangan_survei_buat(pada=SELESAI)
        client.force_login(org.siti.user)
        data = client.get("/api/v1/pelatihan/survei/").json()
        assert data["count"] == 1
        r = data["results"][0]
        assert r["jenis"] == "REAKSI"
        assert r["sesi"]["pelatihan"] == "Surveilans Epidemiologi Dasar"
        assert len(r["pertanyaan"]) == 5
        client.force_login(org.rizki.user)
        assert client.get("/api/v1/pelatihan/survei/").json()["count"] == 0

    def test_menjawab_lewat_api(self, client, org, sesi):
        services.undangan_survei_buat(pada=SELESAI)
        u = UndanganSurvei.objects.get(responden_pegawai=org.siti)
        pertanyaan = selectors.pertanyaan_template(u.template_id)
        jawaban = [
            {"pertanyaan": p.pk, "nilai": 4}
            if p.tipe == "SKALA"
            else {"pertanyaan": p.pk, "teks": "ok"}
            for p in pertanyaan
        ]
        client.force_login(org.siti.user)
        url = f"/api/v1/pelatihan/survei/{u.pk}/jawab/"
        resp = client.post(url, {"jawaban": jawaban}, content_type="application/json")
        assert resp.status_code == 200, resp.content
        assert resp.json()["id"] == u.pk
        ulang = client.post(url, {"jawaban": jawaban}, content_type="application/json")
        assert ulang.status_code == 400
        assert "sudah dijawab" in ulang.json()["non_field_errors"][0]
        assert client.get("/api/v1/pelatihan/survei/").json()["count"] == 0

    @pytest.mark.parametrize(
        "badan",
        [{}, {"jawaban": "x"}, {"jawaban": [{"pertanyaan": "a"}]}, {"jawaban": [{"nilai": 3}]}],
    )
    def test_masukan_rusak_400(self, client, org, sesi, badan):
        services.undangan_survei_buat(pada=SELESAI)
        u = UndanganSurvei.objects.get(responden_pegawai=org.siti)
        client.force_login(org.siti.user)
        resp = client.post(
            f"/api/v1/pelatihan/survei/{u.pk}/jawab/", badan, content_type="application/json"
        )
        assert resp.status_code == 400

    def test_nilai_di_luar_skala_400_pada_pertanyaannya(self, client, org, sesi):
        services.undangan_survei_buat(pada=SELESAI)
        u = UndanganSurvei.objects.get(responden_pegawai=org.siti)
        p = selectors.pertanyaan_template(u.template_id)[0]
        client.force_login(org.siti.user)
        resp = client.post(
            f"/api/v1/pelatihan/survei/{u.pk}/jawab/",
            {"jawaban": [{"pertanyaan": p.pk, "nilai": 7}]},
            content_type="application/json",
        )
        assert resp.status_code == 400
        assert resp.json()[f"pertanyaan_{p.pk}"] == [
            f"Pertanyaan 1 (“{p.teks}”) harus diisi angka 1 sampai 5."
        ]

    def test_undangan_orang_lain_404(self, client, org, sesi):
        services.undangan_survei_buat(pada=SELESAI)
        u = UndanganSurvei.objects.get(responden_pegawai=org.siti)
        client.force_login(org.kabid.user)  # her supervisor: still not his invitation
        assert client.get(f"/api/v1/pelatihan/survei/{u.pk}/").status_code == 404
        resp = client.post(
            f"/api/v1/pelatihan/survei/{u.pk}/jawab/", {"jawaban": []},
            content_type="application/json",
        )  # fmt: skip
        assert resp.status_code == 404


def jawab_penerapan(undangan, nilai: int):
    jawaban = {}
    for p in selectors.pertanyaan_template(undangan.template_id):
        if p.tipe == "SKALA":
            jawaban[p.pk] = nilai
    return services.survei_jawab(undangan=undangan, jawaban=jawaban)


class TestTindakLanjut:
    @pytest.fixture
    def kompetensi(self, sesi):
        k = KompetensiFactory(nama="Surveilans Epidemiologi Uji")
        KompetensiPelatihan.objects.create(pelatihan=sesi.pelatihan, kompetensi=k, level_target=3)
        return k

    def test_nilai_penerapan_di_bawah_ambang_memunculkan_kebutuhan(self, org, sesi, kompetensi):
        services.undangan_survei_buat(pada=SELESAI + timedelta(days=90))
        u = UndanganSurvei.objects.get(responden_pegawai=org.kabid, peserta__pegawai=org.siti)
        jawab_penerapan(u, 2)
        kebutuhan = KebutuhanPelatihan.objects.get()
        assert (kebutuhan.pegawai, kebutuhan.kompetensi) == (org.siti, kompetensi)
        assert "nilai 2 dari atasan peserta" in kebutuhan.keterangan
        akpk = selectors.akpk_pegawai(org.siti, tahun=2026)
        assert [t.kompetensi for t in akpk.tindak_lanjut] == [kompetensi]

    def test_peserta_dan_atasan_sama_sama_rendah_satu_kebutuhan(self, org, sesi, kompetensi):
        services.undangan_survei_buat(pada=SELESAI + timedelta(days=90))
        for u in UndanganSurvei.objects.filter(peserta__pegawai=org.siti, jenis="APLIKASI"):
            jawab_penerapan(u, 1)
        assert KebutuhanPelatihan.objects.count() == 1

    @pytest.mark.parametrize("nilai", [3, 5])
    def test_nilai_pada_atau_di_atas_ambang_tanpa_kebutuhan(self, org, sesi, kompetensi, nilai):
        services.undangan_survei_buat(pada=SELESAI + timedelta(days=90))
        u = UndanganSurvei.objects.get(responden=Responden.PESERTA, peserta__pegawai=org.siti,
                                       jenis="APLIKASI")  # fmt: skip
        jawab_penerapan(u, nilai)
        assert not KebutuhanPelatihan.objects.exists()

    def test_ambang_dapat_diatur(self, org, sesi, kompetensi, settings):
        settings.PELATIHAN_AMBANG_PENERAPAN = 4
        services.undangan_survei_buat(pada=SELESAI + timedelta(days=90))
        u = UndanganSurvei.objects.filter(peserta__pegawai=org.siti, jenis="APLIKASI").first()
        jawab_penerapan(u, 3)
        assert KebutuhanPelatihan.objects.count() == 1

    def test_survei_reaksi_rendah_tidak_memunculkan_kebutuhan(self, org, sesi, kompetensi):
        services.undangan_survei_buat(pada=SELESAI)
        u = UndanganSurvei.objects.get(responden_pegawai=org.siti)
        PertanyaanSurvei.objects.filter(template=u.template).update(wajib=False)
        jawab_penerapan(u, 1)
        assert not KebutuhanPelatihan.objects.exists()


def test_halaman_hasil_survei_untuk_hr_saja(client, org, sesi):
    services.undangan_survei_buat(pada=SELESAI)
    for u in UndanganSurvei.objects.all():
        nilai = 5 if u.responden_pegawai == org.siti else 3
        services.survei_jawab(
            undangan=u,
            jawaban={p.pk: (nilai if p.tipe == "SKALA" else f"Saran {nilai}")
                     for p in selectors.pertanyaan_template(u.template_id)},
        )  # fmt: skip
    url = f"/pelatihan/sesi/{sesi.pk}/hasil-survei/"
    client.force_login(org.hr)
    html = client.get(url).content.decode()
    assert "2 dari 2 responden menjawab (100%)" in html
    assert ">4,00</strong>" in html  # Indonesian decimal comma
    assert "Saran 5" in html and "Saran 3" in html
    assert "Siti" not in html  # answers are shown without names
    client.force_login(org.siti.user)
    assert client.get(url).status_code == 404
    client.force_login(org.operator_diskes)
    assert client.get(f"/pelatihan/program/{sesi.pelatihan.pk}/hasil-survei/").status_code == 200
