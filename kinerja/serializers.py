"""Serializers of the kinerja API: parse and shape only; the rules live in services/rules."""

from __future__ import annotations

import functools
from typing import Any

from django.db import connections
from django.urls import reverse
from django.utils.functional import cached_property
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.utils.serializer_helpers import BindingDict

from pegawai.models import Pegawai
from pegawai.serializers import NipRelatedField, PegawaiRingkasSerializer

from . import rules
from .models import (
    Berakhlak,
    EkspektasiPerilaku,
    IndikatorKinerja,
    LaporanHarian,
    Penilaian,
    Perspektif,
    RealisasiRhk,
    RekapPegawaiBulanan,
    Rhk,
    Skp,
    StatusLaporan,
    StatusSkp,
    Tanggapan,
)


def pilihan(values: list[str], **kwargs: Any) -> serializers.ChoiceField:
    """A choice field documented with an inline enum: several fields share names like
    `status`/`jenis` with different value sets, which would collide as schema components."""

    @extend_schema_field({"type": "string", "enum": list(values)})
    class Pilihan(serializers.ChoiceField):
        pass

    return Pilihan(choices=list(values), **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class NipField(NipRelatedField):
    """A pegawai addressed by NIP (18 digits)."""


# --- SKP ------------------------------------------------------------------------------------


class IndikatorSerializer(serializers.ModelSerializer):
    aspek = pilihan(["KUANTITAS", "KUALITAS", "WAKTU"], read_only=True)

    class Meta:
        model = IndikatorKinerja
        fields = ["id", "aspek", "uraian", "target", "satuan"]


class RhkSerializer(serializers.ModelSerializer):
    indikator = IndikatorSerializer(many=True, read_only=True)
    jenis = pilihan(["UTAMA", "TAMBAHAN"], read_only=True)
    perspektif = pilihan(["", *Perspektif.values], read_only=True)

    class Meta:
        model = Rhk
        fields = [
            "id",
            "uraian",
            "jenis",
            "rhk_atasan",
            "perjanjian_kinerja",
            "perspektif",
            "indikator",
        ]


class EkspektasiSerializer(serializers.ModelSerializer):
    nilai = pilihan(Berakhlak.values, read_only=True)

    class Meta:
        model = EkspektasiPerilaku
        fields = ["nilai", "ekspektasi"]


class SkpSerializer(serializers.ModelSerializer):
    pegawai = PegawaiRingkasSerializer(read_only=True)
    penilai = PegawaiRingkasSerializer(read_only=True, allow_null=True)
    rhk = RhkSerializer(many=True, read_only=True)
    ekspektasi = EkspektasiSerializer(many=True, read_only=True)
    status = pilihan(StatusSkp.values, read_only=True)
    pendekatan = pilihan(["KUANTITATIF", "KUALITATIF"], read_only=True)

    class Meta:
        model = Skp
        fields = [
            "id",
            "tahun",
            "status",
            "pendekatan",
            "pegawai",
            "penilai",
            "unit_kerja",
            "catatan",
            "rhk",
            "ekspektasi",
        ]


def _penyaji(serializer_class: type[serializers.ModelSerializer], kecuali: tuple[str, ...] = ()):
    """[(name, source column, to_representation)] of a serializer's plain fields: what its
    `to_representation` applies to each value (a foreign key such as `rhk_atasan` is its
    `_id` column, as `PrimaryKeyRelatedField` answers the pk)."""
    hasil = []
    for nama, field in serializer_class().fields.items():
        if nama in kecuali:
            continue
        if isinstance(field, serializers.PrimaryKeyRelatedField):
            hasil.append((nama, f"{field.source}_id", None))
        else:
            hasil.append((nama, field.source, field.to_representation))
    return hasil


def _baris(penyaji, nilai: dict) -> dict[str, Any]:
    return {
        nama: nilai[kolom] if ubah is None or nilai[kolom] is None else ubah(nilai[kolom])
        for nama, kolom, ubah in penyaji
    }


@functools.cache
def _penyaji_skp():
    return (
        _penyaji(IndikatorSerializer),
        _penyaji(RhkSerializer, kecuali=("indikator",)),
        _penyaji(EkspektasiSerializer),
    )


def skp_daftar_data(skp: list[Skp]) -> list[dict[str, Any]]:
    """The API list's page of SKP exactly as `SkpSerializer(many=True)` shapes it, built from
    three `values()` reads (RHK, indicators, expectations of the page) instead of model
    instances and nested serializers: the list paid ~250 ms of Python for 50 SKP at 100,000
    employees (issue 17). The SKP rows need `pegawai` and `penilai` joined; the query count
    is flat (page, RHK, indicators, expectations). `tests/kinerja/test_skp_daftar.py` holds it
    equal to the serializer."""
    if not skp:
        return []
    p_ind, p_rhk, p_eks = _penyaji_skp()
    ids = [s.pk for s in skp]
    rhk_per_skp: dict[int, list[dict]] = {i: [] for i in ids}
    rhk_per_id: dict[int, dict] = {}
    kolom_rhk = {k for _, k, _ in p_rhk}
    for r in (
        Rhk.objects.filter(skp_id__in=ids)
        .order_by("jenis", "urutan", "pk")
        .values("skp_id", *kolom_rhk)
    ):
        d = _baris(p_rhk, r)
        d["indikator"] = []
        rhk_per_skp[r["skp_id"]].append(d)
        rhk_per_id[r["id"]] = d
    if rhk_per_id:
        kolom_ind = {k for _, k, _ in p_ind}
        for i in (
            IndikatorKinerja.objects.filter(rhk_id__in=list(rhk_per_id))
            .order_by("rhk", "aspek", "pk")
            .values("rhk_id", *kolom_ind)
        ):
            rhk_per_id[i["rhk_id"]]["indikator"].append(_baris(p_ind, i))
    eks_per_skp: dict[int, list[dict]] = {i: [] for i in ids}
    kolom_eks = {k for _, k, _ in p_eks}
    for e in (
        EkspektasiPerilaku.objects.filter(skp_id__in=ids)
        .order_by("skp", "pk")
        .values("skp_id", *kolom_eks)
    ):
        eks_per_skp[e["skp_id"]].append(_baris(p_eks, e))

    def orang(p: Pegawai | None) -> dict[str, str] | None:
        return None if p is None else {"nip": p.nip, "nama": p.nama}

    return [
        {
            "id": s.pk,
            "tahun": s.tahun,
            "status": s.status,
            "pendekatan": s.pendekatan,
            "pegawai": orang(s.pegawai),
            "penilai": orang(s.penilai),
            "unit_kerja": s.unit_kerja_id,
            "catatan": s.catatan,
            "rhk": rhk_per_skp[s.pk],
            "ekspektasi": eks_per_skp[s.pk],
        }
        for s in skp
    ]


class SkpBuatSerializer(serializers.Serializer):
    tahun = serializers.IntegerField(min_value=2000, max_value=2100)
    pendekatan = pilihan(["KUANTITATIF", "KUALITATIF"], default="KUANTITATIF")


class IndikatorTulisSerializer(serializers.Serializer):
    aspek = pilihan(["KUANTITAS", "KUALITAS", "WAKTU"])
    uraian = serializers.CharField(max_length=500)
    target = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    satuan = serializers.CharField(max_length=50)


class RhkTulisSerializer(serializers.Serializer):
    uraian = serializers.CharField(max_length=500)
    jenis = pilihan(["UTAMA", "TAMBAHAN"], default="UTAMA")
    rhk_atasan = serializers.PrimaryKeyRelatedField(
        queryset=Rhk.objects.all(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": "RHK atasan {pk_value} tidak ditemukan."},
    )
    perjanjian_kinerja = serializers.IntegerField(required=False, allow_null=True)
    indikator = IndikatorTulisSerializer(many=True)


class RhkUbahSerializer(serializers.Serializer):
    """A change of an RHK (PATCH: only the fields sent); its indicators have their own
    paths. Setting `rhk_atasan` clears `perjanjian_kinerja` and the other way round."""

    uraian = serializers.CharField(max_length=500, required=False)
    jenis = pilihan(["UTAMA", "TAMBAHAN"], required=False)
    rhk_atasan = serializers.PrimaryKeyRelatedField(
        queryset=Rhk.objects.all(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": "RHK atasan {pk_value} tidak ditemukan."},
    )
    perjanjian_kinerja = serializers.IntegerField(required=False, allow_null=True)
    perspektif = pilihan(["", *Perspektif.values], required=False)


class SkpSalinSerializer(serializers.Serializer):
    tahun = serializers.IntegerField(
        min_value=2000,
        max_value=2100,
        help_text="Tahun SKP baru (tahun ini atau tahun depan); disalin dari SKP tahun - 1.",
    )


class CatatanSerializer(serializers.Serializer):
    catatan = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class CatatanWajibSerializer(serializers.Serializer):
    catatan = serializers.CharField(
        max_length=2000,
        error_messages={"blank": "Catatan wajib diisi.", "required": "Catatan wajib diisi."},
    )


class SetujuiSkpSerializer(serializers.Serializer):
    ekspektasi = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=2000),
        required=False,
        help_text="Ekspektasi khusus pimpinan per nilai BerAKHLAK: " + ", ".join(Berakhlak.values),
    )


# --- Laporan harian -------------------------------------------------------------------------

_MEDAN_CONTOH: dict[type, BindingDict] = {}


# Serializer mixin for the filing's hot path: the fields are built and bound once per class,
# and every new serializer takes shallow copies of them pointing at itself. DRF builds them
# afresh for every serializer: a ModelSerializer introspects its model, a Serializer
# deep-copies its declared fields, then binds each (30 % of a filing's instructions before
# issue 17's session 21). What a field's `bind` sets (name, label, source) does not depend on
# the serializer; `parent` (and through it the context) is the new one. Only for flat
# serializers whose fields are not changed per instance: a nested serializer or a child field
# would stay bound to the first one, so they are refused. No docstring: drf-spectacular would
# publish it as every such serializer's description.
class MedanSekaliBangun:
    @cached_property
    def fields(self) -> BindingDict:
        contoh = _MEDAN_CONTOH.get(type(self))
        if contoh is None:
            contoh = BindingDict(type(self)())  # binds every field to that first instance
            for nama, field in self.get_fields().items():
                if isinstance(field, serializers.BaseSerializer) or any(
                    hasattr(field, a) for a in ("child", "child_relation")
                ):
                    raise TypeError(f"{type(self).__name__}.{nama}: medan bersarang")
                contoh[nama] = field
            _MEDAN_CONTOH[type(self)] = contoh
        medan = BindingDict(self)
        for nama, field in contoh.items():
            baru = object.__new__(type(field))
            isi = baru.__dict__
            isi.update(field.__dict__)
            isi["parent"] = self
            if "_validators" in isi:
                isi["_validators"] = list(isi["_validators"])
            medan.fields[nama] = baru  # bound already: not through __setitem__'s bind
        return medan


class LaporanHarianSerializer(MedanSekaliBangun, serializers.ModelSerializer):
    pegawai = serializers.CharField(source="pegawai.nip", read_only=True)
    nama_pegawai = serializers.CharField(source="pegawai.nama", read_only=True)
    rhk_uraian = serializers.CharField(source="rhk.uraian", read_only=True)
    status = pilihan(StatusLaporan.values, read_only=True)
    bukti = serializers.SerializerMethodField()

    class Meta:
        model = LaporanHarian
        fields = [
            "id",
            "pegawai",
            "nama_pegawai",
            "tanggal",
            "rhk",
            "rhk_uraian",
            "indikator",
            "uraian",
            "kuantitas",
            "satuan",
            "jam_mulai",
            "jam_selesai",
            "menit",
            "bukti",
            "status",
            "catatan_atasan",
            "diputuskan_pada",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_bukti(self, laporan: LaporanHarian) -> str | None:
        """The protected download (only for those who may see the report), never /media/."""
        if not laporan.bukti:
            return None
        url = reverse("kinerja:laporan-bukti", args=[laporan.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


# The filing's RHK read, written once: the ORM spends ~2.7 ms building this three-table
# SELECT on every POST, PostgreSQL 0.2 ms running it (issue 17, figure 2). A filing through the
# API also reads the caller's active employee record in the same statement (one round trip
# less, and no RawQuerySet).
_MODEL_RHK = ((IndikatorKinerja, "i"), (Rhk, "r"), (Skp, "s"))
_MODEL_RHK_PELAPOR = (*_MODEL_RHK, (Pegawai, "p"))
_ID_MAKS = 2**63 - 1


@functools.cache
def _sql_rhk(dengan_pelapor: bool) -> str:
    """Parameters: the RHK id, preceded by the caller's user id `dengan_pelapor`."""
    daftar = _MODEL_RHK_PELAPOR if dengan_pelapor else _MODEL_RHK
    kolom = ", ".join(
        f"{alias}.{f.column}" for model, alias in daftar for f in model._meta.concrete_fields
    )
    pelapor = (
        f"LEFT JOIN {Pegawai._meta.db_table} p ON p.user_id = %s AND p.aktif "
        if dengan_pelapor
        else ""
    )
    return (
        f"SELECT {kolom} FROM {Rhk._meta.db_table} r "
        f"JOIN {Skp._meta.db_table} s ON s.id = r.skp_id {pelapor}"
        f"LEFT JOIN {IndikatorKinerja._meta.db_table} i ON i.rhk_id = r.id "
        "WHERE r.id = %s ORDER BY i.id"
    )


_pengubah: dict[tuple[str, bool], list] = {}


def _pengubah_kolom(koneksi, dengan_pelapor: bool) -> list:
    """Per model of `_sql_rhk`, in its column order: (model, its columns' slice of the row,
    attnames, [(position, col, the database converters the ORM would apply)] for the columns
    that have any), so that the instances are what the ORM would have built (SQLite's dates
    are text)."""
    kunci = (koneksi.alias, dengan_pelapor)
    if kunci not in _pengubah:
        daftar = []
        awal = 0
        for model, _alias in _MODEL_RHK_PELAPOR if dengan_pelapor else _MODEL_RHK:
            kolom = model._meta.concrete_fields
            ubah_kolom = []
            for i, f in enumerate(kolom):
                col = f.get_col(model._meta.db_table)
                ubah = koneksi.ops.get_db_converters(col) + col.get_db_converters(koneksi)
                if ubah:
                    ubah_kolom.append((i, col, ubah))
            potong = slice(awal, awal + len(kolom))
            daftar.append((model, potong, [f.attname for f in kolom], ubah_kolom))
            awal += len(kolom)
        _pengubah[kunci] = daftar
    return _pengubah[kunci]


def _model_dari(koneksi, dengan_pelapor: bool, baris: tuple) -> list[tuple[type, list, list]]:
    hasil = []
    for model, potong, nama, ubah_kolom in _pengubah_kolom(koneksi, dengan_pelapor):
        nilai = list(baris[potong])
        for i, col, ubah in ubah_kolom:
            for fungsi in ubah:
                nilai[i] = fungsi(nilai[i], col, koneksi)
        hasil.append((model, nama, nilai))
    return hasil


class RhkDenganIndikatorField(serializers.PrimaryKeyRelatedField):
    """The RHK with its SKP and its indicators in ONE hand-written query: the service decides
    RHK-in-approved-SKP on the SKP row and picks the indicator from `rhk.indikator_terbaca`
    without reading either again. With `context={"pelapor_user": user id}` the same
    statement reads that account's active employee record, left on the serializer
    (`pelapor`). Input that is not an id, or an RHK that does not exist, takes DRF's own path
    and messages (and reads no employee)."""

    def to_internal_value(self, data: Any) -> Rhk:
        if isinstance(data, str) and data.isascii() and data.isdigit():
            data = int(data)
        if type(data) is not int or not 0 < data <= _ID_MAKS:
            return super().to_internal_value(data)
        user_id = self.context.get("pelapor_user")
        dengan_pelapor = user_id is not None
        koneksi = connections[Rhk.objects.db]
        with koneksi.cursor() as cursor:
            cursor.execute(_sql_rhk(dengan_pelapor), [user_id, data] if dengan_pelapor else [data])
            semua = cursor.fetchall()
        if not semua:
            return super().to_internal_value(data)
        rhk = pegawai = None
        daftar = []
        for baris in semua:
            bagian = _model_dari(koneksi, dengan_pelapor, baris)
            (mi, ni, vi), (mr, nr, vr), (ms, ns, vs) = bagian[:3]
            if rhk is None:
                rhk = mr.from_db(koneksi.alias, nr, vr)
                rhk.skp = ms.from_db(koneksi.alias, ns, vs)
                if dengan_pelapor:
                    mp, np_, vp = bagian[3]
                    if vp[0] is not None:  # LEFT JOIN: no active employee record, all NULL
                        pegawai = mp.from_db(koneksi.alias, np_, vp)
            if vi[0] is not None:  # LEFT JOIN: an RHK without indicators gives one empty row
                indikator = mi.from_db(koneksi.alias, ni, vi)
                indikator.rhk = rhk
                daftar.append(indikator)
        rhk.indikator_terbaca = daftar
        if dengan_pelapor:
            self.parent.pelapor = pegawai
        return rhk


# `LaporanTulisSerializer.pelapor` before the RHK field read it (DRF's own path was taken).
PELAPOR_BELUM_DIBACA = object()


class LaporanTulisSerializer(MedanSekaliBangun, serializers.Serializer):
    tanggal = serializers.DateField()
    rhk = RhkDenganIndikatorField(
        # with its SKP: the service decides RHK-in-approved-SKP on this row, no second read
        queryset=Rhk.objects.select_related("skp"),
        error_messages={
            "does_not_exist": "RHK {pk_value} tidak ditemukan.",
            "incorrect_type": "RHK harus berupa id (angka).",
        },
    )
    indikator = serializers.PrimaryKeyRelatedField(
        queryset=IndikatorKinerja.objects.all(),
        required=False,
        allow_null=True,
        help_text="Opsional: indikator RHK yang dicapai; satuan mengikuti indikator ini.",
        error_messages={
            "does_not_exist": "Indikator {pk_value} tidak ditemukan.",
            "incorrect_type": "Indikator harus berupa id (angka).",
        },
    )
    uraian = serializers.CharField(max_length=2000)
    kuantitas = serializers.DecimalField(max_digits=10, decimal_places=2)
    satuan = serializers.CharField(
        max_length=50,
        required=False,
        help_text="Wajib bila indikator tidak dikirim; bila dikirim harus sama dengan satuan "
        "indikator.",
    )
    jam_mulai = serializers.TimeField()
    jam_selesai = serializers.TimeField()
    bukti = serializers.FileField(required=False, allow_null=True)

    # With `context={"pelapor_user": user id}`, once valid: that account's active employee
    # record read with the RHK (None: it has none), or PELAPOR_BELUM_DIBACA.
    pelapor: Pegawai | None | object = PELAPOR_BELUM_DIBACA

    def validate(self, attrs: dict) -> dict:
        if not self.partial and not attrs.get("indikator") and not attrs.get("satuan"):
            raise serializers.ValidationError(
                {"satuan": ["Satuan wajib diisi bila indikator tidak dipilih."]}
            )
        return attrs


class LaporanUbahSerializer(LaporanTulisSerializer):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("partial", True)
        super().__init__(*args, **kwargs)


class SetujuiMassalSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1), allow_empty=False, max_length=500
    )


class JumlahSerializer(serializers.Serializer):
    disetujui = serializers.IntegerField()


# --- Penilaian ------------------------------------------------------------------------------


class RealisasiSerializer(serializers.ModelSerializer):
    rhk_uraian = serializers.CharField(source="rhk.uraian", read_only=True)

    class Meta:
        model = RealisasiRhk
        fields = ["rhk", "rhk_uraian", "dari_laporan", "realisasi", "alasan"]


class PenilaianSerializer(serializers.ModelSerializer):
    pegawai = serializers.CharField(source="pegawai.nip", read_only=True)
    nama_pegawai = serializers.CharField(source="pegawai.nama", read_only=True)
    penilai = PegawaiRingkasSerializer(read_only=True)
    realisasi = RealisasiSerializer(many=True, read_only=True)
    jenis_periode = pilihan(list(rules.JENIS_PERIODE), read_only=True)
    rating_hasil_kerja = pilihan(list(rules.RATING), read_only=True)
    rating_perilaku = pilihan(list(rules.RATING), read_only=True)
    predikat = pilihan(list(rules.PREDIKAT), read_only=True)
    tanggapan = pilihan(["", *Tanggapan.values], read_only=True)

    class Meta:
        model = Penilaian
        fields = [
            "id",
            "pegawai",
            "nama_pegawai",
            "penilai",
            "periode",
            "jenis_periode",
            "tahun",
            "rating_hasil_kerja",
            "rating_perilaku",
            "predikat",
            "umpan_balik",
            "catatan_perilaku",
            "tanggapan",
            "alasan_keberatan",
            "ditanggapi_pada",
            "realisasi",
        ]
        read_only_fields = fields


class PenilaianRingkasSerializer(PenilaianSerializer):
    class Meta(PenilaianSerializer.Meta):
        fields = [f for f in PenilaianSerializer.Meta.fields if f != "realisasi"]


class RealisasiTulisSerializer(serializers.Serializer):
    rhk = serializers.IntegerField()
    realisasi = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    alasan = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class PenilaianTulisSerializer(serializers.Serializer):
    pegawai = NipField(queryset=Pegawai.objects.none(), help_text="NIP pegawai yang dinilai.")
    periode = serializers.CharField(max_length=10, help_text="YYYY-MM, YYYY-Qn atau YYYY.")
    rating_hasil_kerja = pilihan(list(rules.RATING))
    rating_perilaku = pilihan(list(rules.RATING))
    umpan_balik = serializers.CharField(max_length=5000)
    catatan_perilaku = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=2000), required=False
    )
    realisasi = RealisasiTulisSerializer(many=True, required=False)

    def __init__(self, *args: Any, pegawai_qs=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pegawai"].queryset = pegawai_qs


class KeberatanSerializer(serializers.Serializer):
    alasan_keberatan = serializers.CharField(max_length=5000)


# --- Rekap ------------------------------------------------------------------------------------


class RekapSerializer(serializers.ModelSerializer):
    nip = serializers.CharField(source="pegawai.nip", read_only=True)
    nama = serializers.CharField(source="pegawai.nama", read_only=True)
    bulan = serializers.DateField(format="%Y-%m", read_only=True)

    class Meta:
        model = RekapPegawaiBulanan
        fields = [
            "nip",
            "nama",
            "bulan",
            "jumlah_laporan",
            "laporan_disetujui",
            "laporan_dikembalikan",
            "total_menit",
            "hari_lapor",
        ]
        read_only_fields = fields
