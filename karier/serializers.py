"""Serializers of the karier API (API.md "karier"): read-only shapes."""

from __future__ import annotations

from rest_framework import serializers

from . import rules
from .models import ProfilTalenta, StatusUsulanKp


class TalentaSerializer(serializers.ModelSerializer):
    nip = serializers.CharField(source="pegawai.nip")
    nama = serializers.CharField(source="pegawai.nama")
    unit_kerja = serializers.SerializerMethodField()
    rekomendasi = serializers.ListField(child=serializers.CharField(), read_only=True)
    talent_pool = serializers.SerializerMethodField()

    class Meta:
        model = ProfilTalenta
        fields = [
            "nip", "nama", "unit_kerja", "tahun", "predikat", "kinerja", "skor_potensi",
            "potensi", "kotak", "rekomendasi", "talent_pool",
        ]  # fmt: skip

    def get_unit_kerja(self, obj: ProfilTalenta) -> dict:
        return {"id": obj.unit_kerja_id, "nama": obj.unit_kerja.nama}

    def get_talent_pool(self, obj: ProfilTalenta) -> bool:
        return obj.kotak in rules.KOTAK_TALENT_POOL


class KenaikanPangkatSerializer(serializers.Serializer):
    nip = serializers.CharField()
    nama = serializers.CharField()
    unit_kerja = serializers.CharField()
    jabatan = serializers.CharField()
    pendidikan = serializers.CharField()
    golongan = serializers.CharField()
    tmt_golongan = serializers.DateField(allow_null=True)
    golongan_baru = serializers.CharField(source="hasil.golongan_baru")
    pangkat_baru = serializers.CharField()
    layak = serializers.BooleanField(source="hasil.layak")
    alasan = serializers.ListField(child=serializers.CharField(), source="hasil.alasan")
    status_usulan = serializers.SerializerMethodField()
    dasar_aturan = serializers.CharField()

    def get_status_usulan(self, obj) -> str:
        return obj.status_usulan or StatusUsulanKp.BELUM
