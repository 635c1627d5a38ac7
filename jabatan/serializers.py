"""Serializers of the jabatan API: parse and shape only; rules live in rules/services."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from pegawai import akses
from pegawai.models import Pegawai, UnitKerja
from pegawai.serializers import (
    NipRelatedField,
    PegawaiRingkasSerializer,
    UnitKerjaRingkasSerializer,
)

from .models import JENIS_PENEMPATAN_MANUAL, Formasi, Jabatan, Penempatan, StandarKompetensi


class JabatanRingkasSerializer(serializers.ModelSerializer):
    class Meta:
        model = Jabatan
        fields = ["id", "kode", "nama", "kelas_jabatan"]


class StandarSerializer(serializers.ModelSerializer):
    kode = serializers.CharField(source="kompetensi.kode", read_only=True)
    nama = serializers.CharField(source="kompetensi.nama", read_only=True)
    jenis = serializers.CharField(source="kompetensi.jenis", read_only=True)

    class Meta:
        model = StandarKompetensi
        fields = ["kode", "nama", "jenis", "level"]


class JabatanSerializer(serializers.ModelSerializer):
    # Plain strings in the schema: the same choice sets are already named by the pegawai
    # and write serializers (drf-spectacular warns on one set under two names).
    jenis = serializers.CharField(
        read_only=True,
        help_text="JPT_UTAMA, JPT_MADYA, JPT_PRATAMA, ADMINISTRATOR, PENGAWAS, "
        "PELAKSANA atau FUNGSIONAL.",
    )
    pendidikan_minimal = serializers.CharField(read_only=True)
    golongan_minimal = serializers.CharField(read_only=True)
    jenis_label = serializers.CharField(source="get_jenis_display", read_only=True)
    jurusan = serializers.ListField(
        source="daftar_jurusan", child=serializers.CharField(), read_only=True
    )
    standar_kompetensi = StandarSerializer(many=True, read_only=True)

    class Meta:
        model = Jabatan
        fields = [
            "id",
            "kode",
            "nama",
            "jenis",
            "jenis_label",
            "kelompok_pelaksana",
            "rumpun",
            "jenjang",
            "kelas_jabatan",
            "eselon",
            "pendidikan_minimal",
            "jurusan",
            "golongan_minimal",
            "jenis_unit",
            "standar_kompetensi",
        ]


class FormasiSerializer(serializers.ModelSerializer):
    unit_kerja = UnitKerjaRingkasSerializer(read_only=True)
    jabatan = JabatanRingkasSerializer(read_only=True)
    terisi = serializers.IntegerField(read_only=True)
    kekurangan = serializers.IntegerField(
        read_only=True, help_text="Kebutuhan − terisi; negatif berarti kelebihan."
    )

    class Meta:
        model = Formasi
        fields = ["id", "unit_kerja", "jabatan", "kebutuhan", "terisi", "kekurangan"]


class PenempatanSerializer(serializers.ModelSerializer):
    pegawai = PegawaiRingkasSerializer(read_only=True)
    jabatan = JabatanRingkasSerializer(read_only=True)
    unit_kerja = UnitKerjaRingkasSerializer(read_only=True)
    atasan = PegawaiRingkasSerializer(read_only=True, allow_null=True)
    jenis = serializers.CharField(
        read_only=True, help_text="PENGANGKATAN, MUTASI, ROTASI, PROMOSI, atau IMPOR (data awal)."
    )
    jenis_label = serializers.CharField(source="get_jenis_display", read_only=True)
    peringatan = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Penempatan
        fields = [
            "id",
            "pegawai",
            "jabatan",
            "unit_kerja",
            "jenis",
            "jenis_label",
            "nomor_sk",
            "tanggal_sk",
            "tmt",
            "tmt_selesai",
            "aktif",
            "atasan",
            "alasan",
            "peringatan",
        ]


# Write shape. Expects context["request"]: the pegawai and the unit are looked up in the
# caller's scope, so one they do not manage is "not found" (400 on that field).
class PenempatanTulisSerializer(serializers.Serializer):
    pegawai = NipRelatedField(
        queryset=Pegawai.objects.none(),
        help_text="NIP pegawai yang ditempatkan.",
        error_messages={
            "does_not_exist": "Pegawai dengan NIP {value} tidak ditemukan atau di luar "
            "kewenangan Anda.",
            "invalid": "NIP tidak valid.",
        },
    )
    jabatan = serializers.PrimaryKeyRelatedField(
        queryset=Jabatan.objects.all(),
        error_messages={
            "does_not_exist": "Jabatan {pk_value} tidak ditemukan.",
            "incorrect_type": "Jabatan harus berupa id (angka).",
        },
    )
    unit_kerja = serializers.PrimaryKeyRelatedField(
        queryset=UnitKerja.objects.none(),
        error_messages={
            "does_not_exist": "Unit kerja {pk_value} tidak ditemukan atau di luar kewenangan Anda.",
            "incorrect_type": "Unit kerja harus berupa id (angka).",
        },
    )
    # A string checked here rather than a ChoiceField: "jenis" enums of several apps collide
    # in the OpenAPI schema (see the report); the allowed values are in the help text.
    jenis = serializers.CharField(
        max_length=20, help_text="PENGANGKATAN, MUTASI, ROTASI atau PROMOSI."
    )
    nomor_sk = serializers.CharField(max_length=100)
    tanggal_sk = serializers.DateField(required=False, allow_null=True)
    tmt = serializers.DateField()
    atasan = NipRelatedField(
        queryset=Pegawai.objects.none(),
        required=False,
        allow_null=True,
        help_text="NIP atasan langsung; kosong = pemegang jabatan struktural unit tersebut.",
    )
    alasan = serializers.CharField(
        required=False, allow_blank=True, help_text="Wajib bila formasi terlampaui."
    )

    def validate_jenis(self, value: str) -> str:
        value = value.strip().upper()
        if value not in {c.value for c in JENIS_PENEMPATAN_MANUAL}:
            raise serializers.ValidationError(
                f"Jenis {value!r} tidak dikenal; gunakan PENGANGKATAN, MUTASI, ROTASI atau PROMOSI."
            )
        return value

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        fields["pegawai"].queryset = akses.pegawai_dikelola(user)
        fields["unit_kerja"].queryset = akses.unit_dikelola(user)
        fields["atasan"].queryset = akses.pegawai_terlihat(user)
        return fields


class BagianSerializer(serializers.Serializer):
    kode = serializers.CharField()
    label = serializers.CharField()
    nilai = serializers.IntegerField(
        source="persen", allow_null=True, help_text="0–100; null bila tidak dihitung."
    )
    bobot = serializers.IntegerField()
    alasan = serializers.CharField()


class KandidatSerializer(serializers.Serializer):
    nip = serializers.CharField()
    nama = serializers.CharField()
    nama_lengkap = serializers.CharField()
    golongan = serializers.CharField()
    pendidikan = serializers.CharField()
    unit_kerja = serializers.CharField()
    jabatan_sekarang = serializers.CharField()
    skor = serializers.IntegerField(help_text="0–100")
    memenuhi_syarat = serializers.BooleanField(help_text="Golongan memenuhi syarat minimal.")
    alasan = serializers.ListField(child=serializers.CharField())
    bagian = BagianSerializer(many=True)
    peringatan = serializers.ListField(child=serializers.CharField())


class JabatanCocokSerializer(serializers.Serializer):
    jabatan = JabatanRingkasSerializer()
    skor = serializers.IntegerField()
    memenuhi_syarat = serializers.BooleanField()
    alasan = serializers.ListField(child=serializers.CharField())
    bagian = BagianSerializer(many=True)


def unit_dari_query(request: Any, nama: str = "unit_kerja") -> UnitKerja | None:
    """A unit id from the query string, within the units the caller may open; a bad or
    foreign id is a 400 on that parameter."""
    from .selectors import unit_terlihat

    nilai = request.query_params.get(nama, "").strip()
    if not nilai:
        return None
    if not nilai.isdigit():
        raise serializers.ValidationError({nama: ["Unit kerja harus berupa id (angka)."]})
    unit = unit_terlihat(request.user).filter(pk=int(nilai)).first()
    if unit is None:
        raise serializers.ValidationError(
            {nama: [f"Unit kerja {nilai} tidak ditemukan atau di luar kewenangan Anda."]}
        )
    return unit
