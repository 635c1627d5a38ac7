"""Forms of the public pages and the staff triage page. Parsing only: rules live in services."""

from __future__ import annotations

from django import forms

from pegawai.models import UnitKerja
from pegawai.pemilih_unit import PemilihUnitField

from . import models as m
from . import pengaturan, rules
from .models import Jenis, Status

URL_CARI_PUBLIK = "pengaduan:unit-cari"  # the public pages' unit suggestions (every unit)
PESAN_HONEYPOT = "Formulir tidak dapat diproses. Muat ulang halaman lalu kirim kembali."


class FormPengaduan(forms.Form):
    jenis = forms.ChoiceField(
        label="Jenis laporan",
        choices=Jenis.choices,
        initial=Jenis.PENGADUAN,
        widget=forms.RadioSelect,
        help_text="Aspirasi: saran atau usulan. Pengaduan: keluhan atas layanan atau petugas. "
        "Permintaan informasi: pertanyaan tentang layanan.",
    )
    unit_kerja = PemilihUnitField(
        label="Layanan atau unit kerja yang dituju",
        queryset=UnitKerja.objects.all(),
        url=URL_CARI_PUBLIK,
        required=False,
        help_text="Ketik nama unit, mis. “RSUD” atau “Samsat”. Kosongkan bila tidak tahu: "
        "petugas yang menentukan.",
    )
    judul = forms.CharField(label="Judul", max_length=m.MAKS_JUDUL)
    isi = forms.CharField(
        label="Isi laporan",
        max_length=m.MAKS_ISI,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"Ceritakan apa, kapan, dan di mana. Paling banyak {m.MAKS_ISI} karakter.",
    )
    pegawai_disebut = forms.CharField(
        label="Pegawai yang dimaksud (nama atau NIP, bila ada)",
        max_length=m.MAKS_PEGAWAI_DISEBUT,
        required=False,
    )
    lampiran = forms.FileField(
        label="Lampiran (bila ada)",
        required=False,
        help_text="Foto JPEG/PNG atau dokumen PDF, paling besar 5 MB.",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"}
        ),
    )
    nama = forms.CharField(label="Nama", max_length=m.MAKS_NAMA, required=False)
    email = forms.EmailField(
        label="Email",
        required=False,
        help_text="Bila diisi, kode pelacakan juga kami kirim ke email ini.",
    )
    telepon = forms.CharField(
        label="Nomor telepon/WhatsApp", max_length=m.MAKS_TELEPON, required=False
    )
    anonim = forms.BooleanField(
        label="Kirim sebagai anonim",
        required=False,
        help_text="Nama, email, dan telepon Anda tidak disimpan sama sekali, sehingga tidak "
        "diketahui siapa pun, termasuk petugas. Petugas tidak dapat menghubungi Anda dan tidak "
        "ada email konfirmasi: ikuti perkembangan laporan hanya dengan kode pelacakan.",
    )
    rahasia = forms.BooleanField(
        label="Rahasiakan identitas saya",
        required=False,
        help_text="Nama Anda hanya diketahui petugas yang menangani; tidak pernah tampil di "
        "halaman umum dan tidak diperlihatkan kepada atasan pegawai yang Anda laporkan. Email "
        "dan telepon selalu hanya untuk petugas yang menangani.",
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled by naive bots.
    situs_web = forms.CharField(
        label="Jangan diisi",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        maks = pengaturan.lampiran_maks()
        # Read by static/pengaduan/ajukan.js to refuse a file before it is uploaded.
        self.fields["lampiran"].widget.attrs["data-maks-byte"] = str(maks)
        self.fields["lampiran"].help_text = (
            f"Foto JPEG/PNG atau dokumen PDF, paling besar {maks // (1024 * 1024)} MB."
        )

    def clean(self):
        data = super().clean()
        if data.get("situs_web"):
            raise forms.ValidationError(PESAN_HONEYPOT, code="honeypot")
        if data.get("anonim"):
            # Anonymous: whatever was typed into the contact fields is dropped, not stored.
            data.update(nama="", email="", telepon="")
        return data


class FormLacak(forms.Form):
    kode = forms.CharField(
        label="Kode pelacakan",
        max_length=32,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
    )


class FormNilai(forms.Form):
    nilai = forms.TypedChoiceField(
        label="Penilaian Anda atas penanganan",
        choices=[
            (i, f"{i} – {t}")
            for i, t in enumerate(
                ["Sangat tidak puas", "Tidak puas", "Cukup", "Puas", "Sangat puas"], start=1
            )
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )


class FormBukaUlang(forms.Form):
    alasan = forms.CharField(
        label="Alasan membuka kembali",
        max_length=m.MAKS_ALASAN,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


NILAI_SURVEI = [(4, "Sangat baik"), (3, "Baik"), (2, "Kurang baik"), (1, "Tidak baik")]
PERTANYAAN_SURVEI = {
    "u1": "Bagaimana kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
    "u2": "Bagaimana kemudahan prosedur pelayanan di unit ini?",
    "u3": "Bagaimana kecepatan waktu dalam memberikan pelayanan?",
    "u4": "Bagaimana kewajaran biaya/tarif dalam pelayanan?",
    "u5": "Bagaimana kesesuaian produk pelayanan dengan yang tercantum dalam standar pelayanan?",
    "u6": "Bagaimana kompetensi/kemampuan petugas dalam pelayanan?",
    "u7": "Bagaimana perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
    "u8": "Bagaimana kualitas penanganan pengaduan, saran dan masukan?",
    "u9": "Bagaimana kualitas sarana dan prasarana pelayanan?",
}


class FormSurvei(forms.Form):
    unit_kerja = PemilihUnitField(
        label="Unit kerja yang melayani Anda",
        queryset=UnitKerja.objects.all(),
        url=URL_CARI_PUBLIK,
        help_text="Ketik nama unit lalu pilih dari saran.",
    )
    layanan = forms.CharField(
        label="Jenis layanan (bila ada)", max_length=m.MAKS_LAYANAN, required=False
    )
    saran = forms.CharField(
        label="Saran dan masukan (bila ada)",
        max_length=m.MAKS_SARAN,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    situs_web = forms.CharField(
        label="Jangan diisi",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for kode, nama in rules.UNSUR:
            self.fields[kode] = forms.TypedChoiceField(
                label=f"{kode.upper()}. {PERTANYAAN_SURVEI[kode]}",
                help_text=nama,
                choices=NILAI_SURVEI,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": f"Pilih penilaian untuk {nama}."},
            )

    def clean(self):
        data = super().clean()
        if data.get("situs_web"):
            raise forms.ValidationError(PESAN_HONEYPOT, code="honeypot")
        return data

    def unsur_fields(self):
        return [self[kode] for kode in rules.KODE_UNSUR]


class FormTanggapan(forms.Form):
    """The staff action on one complaint; which statuses are offered depends on its state."""

    isi = forms.CharField(
        label="Isi tanggapan", max_length=m.MAKS_ISI, widget=forms.Textarea(attrs={"rows": 4})
    )
    publik = forms.BooleanField(
        label="Tampilkan kepada pelapor",
        required=False,
        initial=True,
        help_text="Tanpa centang, tanggapan menjadi catatan internal yang hanya dibaca petugas.",
    )
    status = forms.ChoiceField(label="Ubah status menjadi", required=False)
    unit_kerja = PemilihUnitField(
        label="Unit kerja tujuan (disposisi)",
        required=False,
        help_text="Kosongkan bila tidak berubah.",
    )
    nip_pegawai = forms.CharField(
        label="NIP pegawai yang diadukan (bila ada)", max_length=40, required=False
    )
    bukan_wewenang = forms.BooleanField(
        label="Ditolak karena bukan wewenang Pemerintah Provinsi", required=False
    )

    def __init__(self, *args, pengaduan: m.Pengaduan, unit_pilihan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        label = dict(Status.choices)
        berikut = sorted(rules.TRANSISI.get(pengaduan.status, ()), key=Status.values.index)
        self.fields["status"].choices = [("", "Tidak berubah")] + [(s, label[s]) for s in berikut]
        self.fields["unit_kerja"].queryset = unit_pilihan
