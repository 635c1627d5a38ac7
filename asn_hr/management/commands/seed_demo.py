"""Demo data for `make run`: sample units and employees, the demo accounts (API.md), and each
app's own demo data. Lives in the project package because it spans every app."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from jabatan.demo import isi_demo as demo_jabatan
from jabatan.services import katalog_isi
from karier.demo import isi_demo as demo_karier
from kinerja.demo import isi_demo as demo_kinerja
from pegawai.impor import baca_baris, pegawai_import
from pegawai.management.commands.import_pegawai import baca_dataset
from pegawai.models import Pegawai, UnitKerja
from pegawai.services import (
    DEFAULT_UNIT_CSV,
    SAMPLE_PEGAWAI_XLSX,
    operator_opd_atur,
    pegawai_simpan,
    unit_csv_baca,
    unit_kerja_muat,
)
from pelatihan.demo import isi_demo as demo_pelatihan
from pengaduan.demo import isi_demo as demo_pengaduan

PASSWORD_DEMO = "demo-Lampung-2026"
# Demo data of the other apps, in dependency order; each function is idempotent.
DEMO_APLIKASI = [demo_jabatan, demo_kinerja, demo_pelatihan, demo_karier, demo_pengaduan]
SAMPLE_PEGAWAI = SAMPLE_PEGAWAI_XLSX

# (nip, nik, nama, gelar belakang, unit, jabatan, jenis jabatan, golongan, NIP atasan)
PEGAWAI_DEMO = [
    ("198001012005011001", "1871010101800001", "Budi Santoso", "S.K.M., M.Kes.", "DISKES-P2P",
     "Kepala Bidang Pencegahan dan Pengendalian Penyakit", "Administrator", "IV/a",
     "199503272017052001"),
    ("199002022015022001", "1871014202900002", "Siti Rahmawati", "S.Kep.", "DISKES-P2P",
     "Epidemiolog Kesehatan Ahli Pertama", "Fungsional", "III/b", "198001012005011001"),
    ("199103032016031002", "1871010303910003", "Andi Pratama", "S.KM.", "DISKES-P2P",
     "Pengelola Data Kesehatan", "Pelaksana", "III/a", "198001012005011001"),
    ("197507072000031004", "1871010707750004", "Hendra Gunawan", "S.Pd., M.Pd.", "DISDIKBUD",
     "Kepala Bidang Kebudayaan", "Administrator", "IV/b", "196802101990072001"),
    ("198505052010011003", "1871010505850005", "Rizki Firmansyah", "S.Sn.", "DISDIKBUD",
     "Pamong Budaya Ahli Muda", "Fungsional", "III/c", "197507072000031004"),
]  # fmt: skip
# TMT of the current golongan (1 April / 1 October): the staff in DISKES-P2P are due for the
# next kenaikan pangkat reguler, so the worklist has names on first start.
TMT_GOLONGAN_DEMO = {
    "198001012005011001": date(2019, 4, 1),
    "199002022015022001": date(2021, 10, 1),
    "199103032016031002": date(2020, 4, 1),
    "197507072000031004": date(2018, 10, 1),
    "198505052010011003": date(2021, 4, 1),
}


class Command(BaseCommand):
    help = "Mengisi data demo: unit kerja, pegawai contoh, dan akun demo (idempoten)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Izinkan walau DEBUG mati.")
        parser.add_argument("--tanpa-contoh", action="store_true", help="Tanpa 228 pegawai contoh.")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo menolak berjalan saat DEBUG mati (data demo memakai kata sandi "
                "yang diketahui umum). Gunakan --force bila memang disengaja."
            )
        with transaction.atomic():
            unit_kerja_muat(rows=unit_csv_baca(DEFAULT_UNIT_CSV))
            katalog_isi()  # the sample's Jabatan column then links to the starter catalogue
            if not options["tanpa_contoh"]:
                dataset = baca_dataset(SAMPLE_PEGAWAI)
                rows, salah = baca_baris(dataset.headers, dataset)
                hasil = pegawai_import(rows, oleh=None, kesalahan_awal=salah)
                if not hasil.berhasil:
                    raise CommandError("; ".join(str(k) for k in hasil.kesalahan[:5]))
                self.stdout.write(f"Pegawai contoh: {hasil.ringkasan()}")
            self._akun_demo()
            for isi_demo in DEMO_APLIKASI:
                isi_demo()
        self.stdout.write(self.style.SUCCESS(
            f"Data demo siap. Semua akun demo memakai kata sandi {PASSWORD_DEMO}."))  # fmt: skip

    def _akun_demo(self) -> None:
        admin, _ = User.objects.get_or_create(username="admin")
        admin.is_staff = admin.is_superuser = True
        admin.email = admin.email or "admin@bkd.lampungprov.go.id"
        admin.set_password(PASSWORD_DEMO)
        admin.save()

        operator, _ = User.objects.get_or_create(username="operator.diskes")
        operator.first_name = "Operator Dinas Kesehatan"
        operator.set_password(PASSWORD_DEMO)
        operator.save()
        operator_opd_atur(user=operator, unit_kerja=UnitKerja.objects.get(kode="DISKES"))

        units = {u.kode: u for u in UnitKerja.objects.all()}
        # Supervisors first so their staff can point at them.
        for nip, nik, nama, gelar, unit, jabatan, jenis, golongan, nip_atasan in PEGAWAI_DEMO:
            pegawai = Pegawai.objects.filter(nip=nip).first() or Pegawai(nip=nip)
            lahir = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
            pegawai_simpan(
                pegawai=pegawai,
                data={
                    "nik": nik,
                    "nama": nama,
                    "gelar_belakang": gelar,
                    "tempat_lahir": "Bandar Lampung",
                    "tanggal_lahir": lahir,
                    "jenis_kelamin": "L" if nip[14] == "1" else "P",
                    "agama": "Islam",
                    "status_kepegawaian": "PNS",
                    "golongan": golongan,
                    "tmt_golongan": TMT_GOLONGAN_DEMO[nip],
                    "pendidikan_jenjang": "S2" if "M." in gelar else "S1",
                    "unit_kerja": units[unit],
                    "nama_jabatan": jabatan,
                    "jenis_jabatan": jenis,
                    "atasan": Pegawai.objects.filter(nip=nip_atasan).first(),
                    "email": f"{nama.split()[0].lower()}.{nip[-3:]}@lampungprov.go.id",
                },
            )
            user = pegawai.user
            user.set_password(PASSWORD_DEMO)
            user.first_name = nama[:150]
            user.save()
