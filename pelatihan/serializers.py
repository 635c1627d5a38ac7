"""Serializers of the pelatihan API: parse and shape only; rules live in rules/services."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from . import rules
from .models import KompetensiPelatihan, Pelatihan, PertanyaanSurvei, Sesi, UndanganSurvei
from .rules import JENIS_KLASIKAL, JENIS_NONKLASIKAL


class KompetensiPelatihanSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="kompetensi.id", read_only=True)
    kode = serializers.CharField(source="kompetensi.kode", read_only=True)
    nama = serializers.CharField(source="kompetensi.nama", read_only=True)
    jenis = serializers.CharField(source="kompetensi.jenis", read_only=True)

    class Meta:
        model = KompetensiPelatihan
        fields = ["id", "kode", "nama", "jenis", "level_target"]


class PelatihanSerializer(serializers.ModelSerializer):
    kompetensi = KompetensiPelatihanSerializer(
        source="kompetensi_dikembangkan", many=True, read_only=True
    )
    bentuk = serializers.CharField(read_only=True, help_text="KLASIKAL atau NONKLASIKAL.")
    # Plain strings (values listed in the help) keep the schema's enum names unambiguous
    # next to the other apps' `jenis`/`status` fields.
    jenis = serializers.CharField(
        read_only=True, help_text="Kode jenis: " + ", ".join([*JENIS_KLASIKAL, *JENIS_NONKLASIKAL])
    )
    penyelenggara = serializers.CharField(
        read_only=True, help_text="BPSDM, LAN, INSTANSI, EKSTERNAL."
    )
    jp = serializers.DecimalField(max_digits=6, decimal_places=2, coerce_to_string=False)

    class Meta:
        model = Pelatihan
        fields = [
            "id", "kode", "nama", "jenis", "bentuk", "jp", "penyelenggara", "nama_penyelenggara",
            "bersertifikat", "masa_berlaku_bulan", "kompetensi",
        ]  # fmt: skip


class PelatihanRingkasSerializer(serializers.ModelSerializer):
    jenis = serializers.CharField(read_only=True)

    class Meta:
        model = Pelatihan
        fields = ["id", "kode", "nama", "jenis"]


class SesiSerializer(serializers.ModelSerializer):
    pelatihan = PelatihanRingkasSerializer(read_only=True)
    terisi = serializers.IntegerField(read_only=True, help_text="Kursi terisi (terdaftar).")
    sisa_kuota = serializers.SerializerMethodField()
    status = serializers.CharField(
        read_only=True, help_text="DIRENCANAKAN, PENDAFTARAN, BERLANGSUNG, SELESAI, DIBATALKAN."
    )

    class Meta:
        model = Sesi
        fields = [
            "id", "kode", "pelatihan", "tanggal_mulai", "tanggal_selesai", "kuota", "terisi",
            "sisa_kuota", "status", "daring", "tempat",
        ]  # fmt: skip

    def get_sisa_kuota(self, obj: Sesi) -> int:
        return max(obj.kuota - obj.terisi, 0)


class RekapJPSerializer(serializers.Serializer):
    nip = serializers.CharField()
    nama = serializers.CharField()
    unit_kerja = serializers.CharField(source="unit_kerja.nama")
    status_kepegawaian = serializers.CharField()
    jp = serializers.DecimalField(max_digits=8, decimal_places=2, coerce_to_string=False)
    target = serializers.DecimalField(
        max_digits=8, decimal_places=2, coerce_to_string=False, allow_null=True,
        help_text="JP minimal status ini (PNS 20); null bila tidak ada target (PPPK).",
    )  # fmt: skip
    batas_maksimal = serializers.DecimalField(
        source="maksimal", max_digits=8, decimal_places=2, coerce_to_string=False,
        allow_null=True, help_text="JP paling lama (PPPK 24); null bila tidak ada batas.",
    )  # fmt: skip
    memenuhi = serializers.BooleanField()
    melebihi_batas = serializers.BooleanField(source="melebihi")
    kekurangan = serializers.SerializerMethodField()

    def get_kekurangan(self, obj: Any) -> float:
        return float(rules.kekurangan_jp(jp=obj.jp, target=obj.target))


class PertanyaanSerializer(serializers.ModelSerializer):
    tipe = serializers.CharField(read_only=True, help_text="SKALA (1–5) atau TEKS.")

    class Meta:
        model = PertanyaanSurvei
        fields = ["id", "urutan", "teks", "tipe", "wajib"]


class UndanganSerializer(serializers.ModelSerializer):
    sesi = serializers.SerializerMethodField()
    peserta = serializers.SerializerMethodField()
    pertanyaan = serializers.SerializerMethodField()
    jenis = serializers.CharField(read_only=True, help_text="REAKSI atau APLIKASI (penerapan).")
    responden = serializers.CharField(read_only=True, help_text="PESERTA atau ATASAN.")

    class Meta:
        model = UndanganSurvei
        fields = ["id", "jenis", "responden", "tanggal_jatuh", "dijawab", "sesi", "peserta",
                  "pertanyaan"]  # fmt: skip

    def get_sesi(self, obj: UndanganSurvei) -> dict[str, Any]:
        sesi = obj.peserta.sesi
        return {
            "id": sesi.pk,
            "kode": sesi.kode,
            "pelatihan": sesi.pelatihan.nama,
            "tanggal_mulai": sesi.tanggal_mulai.isoformat(),
            "tanggal_selesai": sesi.tanggal_selesai.isoformat(),
        }

    def get_peserta(self, obj: UndanganSurvei) -> dict[str, str]:
        return {"nip": obj.peserta.pegawai.nip, "nama": obj.peserta.pegawai.nama}

    def get_pertanyaan(self, obj: UndanganSurvei) -> list[dict[str, Any]]:
        daftar = self.context.get("pertanyaan", {}).get(obj.template_id, [])
        return PertanyaanSerializer(daftar, many=True).data


class JawabanSatuSerializer(serializers.Serializer):
    pertanyaan = serializers.IntegerField(min_value=1)
    nilai = serializers.IntegerField(required=False, allow_null=True)
    teks = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class JawabSerializer(serializers.Serializer):
    jawaban = JawabanSatuSerializer(
        many=True,
        allow_empty=True,
        help_text="Satu butir per pertanyaan: `nilai` 1–5 untuk skala, `teks` untuk isian.",
    )

    def validate_jawaban(self, value: list[dict[str, Any]]) -> dict[int, Any]:
        hasil: dict[int, Any] = {}
        for item in value:
            pid = item["pertanyaan"]
            if pid in hasil:
                raise serializers.ValidationError(f"Pertanyaan {pid} dijawab lebih dari sekali.")
            hasil[pid] = item.get("nilai") if item.get("nilai") is not None else item.get("teks")
        return hasil


class JawabHasilSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    dijawab = serializers.DateTimeField()
