"""Serializers of the pengaduan API: parse and shape only (rules live in services/rules)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from pegawai.models import UnitKerja
from pegawai.serializers import PegawaiRingkasSerializer, UnitKerjaRingkasSerializer

from . import models as m
from . import rules
from .forms import PESAN_HONEYPOT
from .models import Jenis, Pengaduan, Status, Tanggapan

# --- Public ---------------------------------------------------------------------------------


class PengaduanBaruSerializer(serializers.Serializer):
    jenis = serializers.ChoiceField(choices=Jenis.choices)
    judul = serializers.CharField(max_length=m.MAKS_JUDUL)
    isi = serializers.CharField(max_length=m.MAKS_ISI, trim_whitespace=False)
    unit_kerja = serializers.PrimaryKeyRelatedField(
        queryset=UnitKerja.objects.all(),
        required=False,
        allow_null=True,
        error_messages={
            "does_not_exist": "Unit kerja {pk_value} tidak ditemukan.",
            "incorrect_type": "Unit kerja harus berupa id (angka).",
        },
    )
    nama = serializers.CharField(max_length=m.MAKS_NAMA, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    telepon = serializers.CharField(max_length=m.MAKS_TELEPON, required=False, allow_blank=True)
    anonim = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Anonim: nama, email, dan telepon tidak disimpan; lacak dengan kode saja.",
    )
    rahasia = serializers.BooleanField(required=False, default=False)
    pegawai_disebut = serializers.CharField(
        max_length=m.MAKS_PEGAWAI_DISEBUT,
        required=False,
        allow_blank=True,
        help_text="Nama atau NIP pegawai yang dimaksud.",
    )
    lampiran = serializers.FileField(
        required=False, allow_null=True, help_text="JPEG, PNG atau PDF (multipart), maks. 5 MB."
    )
    situs_web = serializers.CharField(
        required=False, allow_blank=True, write_only=True, help_text="Jangan diisi (honeypot)."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.pop("situs_web", ""):
            raise serializers.ValidationError(PESAN_HONEYPOT)
        return attrs


class PengaduanDibuatSerializer(serializers.Serializer):
    kode = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)


class TanggapanPublikSerializer(serializers.ModelSerializer):
    oleh = serializers.CharField(
        source="penulis_publik", help_text="Petugas, Pelapor, atau Sistem (penutupan otomatis)."
    )
    status = serializers.CharField(source="status_sesudah")

    class Meta:
        model = Tanggapan
        fields = ["isi", "oleh", "status", "dibuat"]


# The tracking view: never the reporter's name when anonymous/confidential, never contacts.
class PengaduanLacakSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    pelapor = serializers.CharField(source="nama_publik")
    unit_kerja = serializers.SerializerMethodField()
    tanggapan = TanggapanPublikSerializer(source="tanggapan_publik", many=True)

    class Meta:
        model = Pengaduan
        fields = [
            "kode",
            "status",
            "status_label",
            "jenis",
            "judul",
            "isi",
            "pelapor",
            "unit_kerja",
            "dibuat",
            "diverifikasi_pada",
            "ditindaklanjuti_pada",
            "ditutup_pada",
            "batas_waktu",
            "penilaian",
            "bisa_dinilai",
            "bisa_dibuka_ulang",
            "tanggapan",
        ]

    def get_unit_kerja(self, obj: Pengaduan) -> str | None:
        if obj.status == Status.DITERIMA or obj.unit_kerja is None:
            return None
        return obj.unit_kerja.nama


class NilaiSerializer(serializers.Serializer):
    nilai = serializers.IntegerField(min_value=1, max_value=5)


class BukaUlangSerializer(serializers.Serializer):
    alasan = serializers.CharField(max_length=m.MAKS_ALASAN)


# --- Staff ----------------------------------------------------------------------------------


class PengaduanStafSerializer(serializers.ModelSerializer):
    unit_kerja = UnitKerjaRingkasSerializer(read_only=True, allow_null=True)
    pegawai = PegawaiRingkasSerializer(source="pegawai_terkait", read_only=True, allow_null=True)
    nama = serializers.SerializerMethodField()
    terlambat = serializers.BooleanField(read_only=True)

    class Meta:
        model = Pengaduan
        fields = [
            "kode",
            "jenis",
            "status",
            "judul",
            "isi",
            "unit_kerja",
            "pegawai_disebut",
            "pegawai",
            "nama",
            "email",
            "telepon",
            "anonim",
            "rahasia",
            "dibuat",
            "batas_waktu",
            "terlambat",
            "penilaian",
            "dibuka_ulang",
        ]

    def get_nama(self, obj: Pengaduan) -> str:
        return "Anonim" if obj.anonim else obj.nama


# The statuses staff may move a complaint to (it never goes back to DITERIMA by hand).
STATUS_TINDAK_LANJUT = [s for s in Status.choices if s[0] != rules.DITERIMA]


class TanggapanStafSerializer(serializers.Serializer):
    isi = serializers.CharField(max_length=m.MAKS_ISI, trim_whitespace=False)
    publik = serializers.BooleanField(required=False, default=True)
    status = serializers.ChoiceField(
        choices=STATUS_TINDAK_LANJUT,
        required=False,
        allow_null=True,
    )
    unit_kerja = serializers.PrimaryKeyRelatedField(
        queryset=UnitKerja.objects.all(),
        required=False,
        allow_null=True,
        help_text="Unit tujuan disposisi (saat status DIVERIFIKASI).",
        error_messages={
            "does_not_exist": "Unit kerja {pk_value} tidak ditemukan.",
            "incorrect_type": "Unit kerja harus berupa id (angka).",
        },
    )
    pegawai = serializers.CharField(
        max_length=40, required=False, allow_blank=True, help_text="NIP pegawai yang diadukan."
    )
    bukan_wewenang = serializers.BooleanField(required=False, default=False)


class TanggapanSerializer(serializers.ModelSerializer):
    status_sebelum = serializers.CharField(help_text="Status sebelum tanggapan ini (bila berubah).")
    status_sesudah = serializers.CharField(help_text="Status setelah tanggapan ini (bila berubah).")

    class Meta:
        model = Tanggapan
        fields = ["id", "isi", "publik", "status_sebelum", "status_sesudah", "dibuat"]


# --- Survey ---------------------------------------------------------------------------------


class SurveiSerializer(serializers.Serializer):
    unit_kerja = serializers.PrimaryKeyRelatedField(
        queryset=UnitKerja.objects.all(),
        error_messages={
            "does_not_exist": "Unit kerja {pk_value} tidak ditemukan.",
            "incorrect_type": "Unit kerja harus berupa id (angka).",
        },
    )
    layanan = serializers.CharField(max_length=m.MAKS_LAYANAN, required=False, allow_blank=True)
    saran = serializers.CharField(max_length=m.MAKS_SARAN, required=False, allow_blank=True)
    situs_web = serializers.CharField(required=False, allow_blank=True, write_only=True)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for kode, nama in rules.UNSUR:
            fields[kode] = serializers.IntegerField(
                min_value=rules.NILAI_MIN,
                max_value=rules.NILAI_MAKS,
                help_text=f"{nama}: 1 (tidak baik) sampai 4 (sangat baik).",
                error_messages={
                    "min_value": f"Nilai {nama} harus 1 sampai 4.",
                    "max_value": f"Nilai {nama} harus 1 sampai 4.",
                },
            )
        return fields

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.pop("situs_web", ""):
            raise serializers.ValidationError(PESAN_HONEYPOT)
        return attrs


class SurveiDibuatSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    unit_kerja = serializers.IntegerField()


class IkmQuerySerializer(serializers.Serializer):
    unit_kerja = serializers.PrimaryKeyRelatedField(
        queryset=UnitKerja.objects.all(),
        error_messages={
            "does_not_exist": "Unit kerja {pk_value} tidak ditemukan.",
            "incorrect_type": "Unit kerja harus berupa id (angka).",
        },
    )
    tahun = serializers.IntegerField(min_value=2000, max_value=2100, required=False)


class IkmSerializer(serializers.Serializer):
    unit_kerja = serializers.IntegerField()
    tahun = serializers.IntegerField()
    responden = serializers.IntegerField()
    nrr = serializers.ListField(
        child=serializers.DecimalField(max_digits=5, decimal_places=3, coerce_to_string=False),
        help_text="NRR unsur 1–9 (tiga desimal, hanya untuk tampilan).",
    )
    ikm = serializers.DecimalField(
        max_digits=5, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    mutu = serializers.CharField(allow_null=True)
    kinerja = serializers.CharField(allow_null=True)
