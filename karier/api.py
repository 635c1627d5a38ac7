"""Karier API (API.md): the talent map of a year and the kenaikan pangkat list of a period.
Rows start from the access scope: outside it an employee simply is not listed."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from inti import waktu
from inti.api import PaginasiKursor
from pegawai.filters import unit_kerja_dari_param
from pegawai.models import Pegawai

from . import pengaturan, rules, selectors
from .serializers import KenaikanPangkatSerializer, TalentaSerializer

TAG = ["karier"]


@extend_schema(
    tags=TAG,
    description="Peta talenta (9 kotak) satu tahun: `kinerja` dari predikat tahunan, "
    "`potensi` dari asesmen kompetensi dan penilaian potensi HR, `kotak` 1–9 dan "
    "`rekomendasi` (PermenPANRB 3/2020). Hanya pegawai dalam lingkup pemanggil.",
    parameters=[
        OpenApiParameter("tahun", int, description="Bawaan: tahun ini."),
        OpenApiParameter("unit_kerja", int, description="id unit (beserta sub-unitnya)."),
        OpenApiParameter("kotak", int, description="1–9."),
    ],
)
class TalentaList(generics.ListAPIView):
    serializer_class = TalentaSerializer
    pagination_class = PaginasiKursor
    urutan_kursor = ("-kotak", "-pk")  # of one year: index talenta_urutan (tahun, kotak, id)

    def get_queryset(self):
        params = self.request.query_params
        try:
            tahun = selectors.parse_tahun(params.get("tahun")) or waktu.tahun_ini()
        except ValueError as exc:
            raise serializers.ValidationError({"tahun": [str(exc)]}) from None
        kotak = params.get("kotak")
        if kotak and (not kotak.isdigit() or not 1 <= int(kotak) <= 9):
            raise serializers.ValidationError({"kotak": ["Kotak harus angka 1–9."]})
        return selectors.talenta_terlihat(
            self.request.user,
            tahun=tahun,
            unit=unit_kerja_dari_param(params),
            kotak=int(kotak) if kotak else None,
        )


@extend_schema(
    tags=TAG,
    description="Pegawai yang memenuhi syarat kenaikan pangkat reguler pada periode `YYYY-MM` "
    "(bulan periode menurut aturan yang berlaku pada tanggal itu: April/Oktober sebelum 2024, "
    "bulan genap sejak 1 Januari 2024, setiap bulan sejak 1 Oktober 2025): masa dalam "
    "golongan, predikat tahunan minimal Baik dua tahun terakhir, belum mencapai batas "
    "pendidikan/jabatan, dan angka kredit kumulatif bagi pejabat fungsional. `semua=1` juga "
    "menampilkan yang belum memenuhi beserta `alasan`; `dasar_aturan` menyebut regulasi "
    "yang diterapkan.",
    parameters=[
        OpenApiParameter("periode", str, required=True, description="YYYY-MM (mis. 2026-04)."),
        OpenApiParameter("unit_kerja", int, description="id unit (beserta sub-unitnya)."),
        OpenApiParameter("semua", bool),
    ],
)
class KenaikanPangkatList(generics.ListAPIView):
    serializer_class = KenaikanPangkatSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no query string
            return Pegawai.objects.none()
        params = self.request.query_params
        try:
            periode = pengaturan.periode_kp(params.get("periode", ""))
        except rules.AturanError as exc:
            raise serializers.ValidationError({"periode": [str(exc)]}) from None
        return selectors.kenaikan_pangkat(
            self.request.user,
            periode=periode,
            unit=unit_kerja_dari_param(params),
            semua=params.get("semua") in {"1", "true", "ya"},
        )
