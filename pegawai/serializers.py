"""Serializers of the pegawai API: parse and shape only; rules live in models/rules/services."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from . import akses, rules
from .models import Pegawai, UnitKerja

# --- Auth -----------------------------------------------------------------------------------


class TokenLoginSerializer(serializers.Serializer):
    username = serializers.CharField(
        max_length=150, help_text="NIP (boleh berspasi) atau username."
    )
    password = serializers.CharField(
        max_length=128, trim_whitespace=False, style={"input_type": "password"}
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField(read_only=True)


# --- Small nested shapes ----------------------------------------------------------------------


class UnitKerjaRingkasSerializer(serializers.ModelSerializer):
    class Meta:
        model = UnitKerja
        fields = ["id", "kode", "nama"]


class UnitKerjaNamaSerializer(serializers.ModelSerializer):
    class Meta:
        model = UnitKerja
        fields = ["id", "nama"]


class PegawaiRingkasSerializer(serializers.ModelSerializer):
    class Meta:
        model = Pegawai
        fields = ["nip", "nama"]


# --- Me -------------------------------------------------------------------------------------


# Serialises the dict built by `MeView` (pegawai/api.py).
class MeSerializer(serializers.Serializer):
    nip = serializers.CharField(allow_null=True)
    nama = serializers.CharField(allow_null=True)
    nama_lengkap = serializers.CharField(allow_null=True)
    unit_kerja = UnitKerjaNamaSerializer(allow_null=True)
    jabatan = serializers.CharField(allow_null=True)
    atasan = PegawaiRingkasSerializer(allow_null=True)
    unit_operator = UnitKerjaNamaSerializer(
        allow_null=True, help_text="Unit yang dikelola bila pengguna adalah operator OPD."
    )
    roles = serializers.ListField(
        child=serializers.ChoiceField(
            choices=[
                akses.PERAN_ADMIN_BKD,
                akses.PERAN_OPERATOR_OPD,
                akses.PERAN_ATASAN,
                akses.PERAN_PEGAWAI,
            ]
        )
    )


# --- Unit kerja -----------------------------------------------------------------------------


class UnitKerjaSerializer(serializers.ModelSerializer):
    class Meta:
        model = UnitKerja
        fields = ["id", "kode", "nama", "singkatan", "parent"]


# --- Pegawai --------------------------------------------------------------------------------

PEGAWAI_FIELDS = [
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "nama_lengkap",
    "jenis_kelamin",
    "tempat_lahir",
    "tanggal_lahir",
    "agama",
    "status_kepegawaian",
    "golongan",
    "pangkat",
    "tmt_golongan",
    "pendidikan_jenjang",
    "pendidikan_jurusan",
    "unit_kerja",
    "jabatan",
    "jenis_jabatan",
    "atasan",
    "email",
    "no_hp",
    "aktif",
    "nik",
]


# Read shape. The NIK is masked unless the caller may see it whole (`boleh_lihat_nik`).
class PegawaiSerializer(serializers.ModelSerializer):
    nama_lengkap = serializers.CharField(read_only=True)
    pangkat = serializers.CharField(read_only=True)
    jabatan = serializers.CharField(source="nama_jabatan", read_only=True)
    unit_kerja = UnitKerjaRingkasSerializer(read_only=True)
    atasan = PegawaiRingkasSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Pegawai
        fields = PEGAWAI_FIELDS
        read_only_fields = PEGAWAI_FIELDS

    def to_representation(self, instance: Pegawai) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if not akses.boleh_lihat_nik(user, instance):
            data["nik"] = rules.samarkan_nik(instance.nik)
        return data


# A pegawai addressed by NIP; spaces typed inside the NIP are dropped.
class NipRelatedField(serializers.SlugRelatedField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("slug_field", "nip")
        kwargs.setdefault(
            "error_messages",
            {
                "does_not_exist": "Pegawai dengan NIP {value} tidak ditemukan.",
                "invalid": "NIP tidak valid.",
            },
        )
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Pegawai:
        if not isinstance(data, str | int):
            self.fail("invalid")
        return super().to_internal_value(rules.normalisasi_nip(data))


# Write shape (POST/PATCH). The domain checks run in `pegawai_simpan` (`full_clean`).
# Expects `context["request"]`: the unit kerja and the atasan are looked up within the
# caller's scope, so a unit they do not manage is "not found" (400 on `unit_kerja`).
class PegawaiTulisSerializer(serializers.ModelSerializer):
    # Wider than the model's 18 so a NIP typed with spaces reaches normalisation.
    nip = serializers.CharField(max_length=40)
    nik = serializers.CharField(max_length=40, required=False, allow_blank=True)
    jabatan = serializers.CharField(
        source="nama_jabatan", max_length=200, required=False, allow_blank=True
    )
    unit_kerja = serializers.PrimaryKeyRelatedField(
        queryset=UnitKerja.objects.none(),
        error_messages={
            "does_not_exist": "Unit kerja {pk_value} tidak ditemukan atau di luar kewenangan Anda.",
            "incorrect_type": "Unit kerja harus berupa id (angka).",
        },
    )
    atasan = NipRelatedField(
        queryset=Pegawai.objects.none(), required=False, allow_null=True, help_text="NIP atasan."
    )

    class Meta:
        model = Pegawai
        fields = [f for f in PEGAWAI_FIELDS if f not in {"nama_lengkap", "pangkat"}]

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        fields["unit_kerja"].queryset = akses.unit_dikelola(user)
        fields["atasan"].queryset = akses.pegawai_terlihat(user)
        return fields

    def validate_nip(self, value: str) -> str:
        nip = rules.normalisasi_nip(value)
        if self.instance is not None:
            return nip  # whether it may change is decided by `pegawai_simpan`
        if Pegawai.objects.filter(nip=nip).exists():
            raise serializers.ValidationError("NIP sudah terdaftar.")
        return nip

    def validate_nik(self, value: str) -> str:
        nik = rules.normalisasi_nip(value)
        lain = Pegawai.objects.filter(nik=nik)
        if self.instance is not None:
            lain = lain.exclude(pk=self.instance.pk)
        if nik and lain.exists():
            raise serializers.ValidationError("NIK sudah terdaftar.")
        return nik
