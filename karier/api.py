"""Karier API (API.md): the talent map of a year and the kenaikan pangkat list of a period.
Rows start from the access scope: outside it an employee simply is not listed."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from inti import waktu
from pegawai.filters import unit_kerja_dari_param
from pegawai.models import Pegawai

from . import rules, selectors
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
    description="Pegawai yang memenuhi syarat kenaikan pangkat reguler pada periode April "
    "(`YYYY-04`) atau Oktober (`YYYY-10`): masa dalam golongan, predikat tahunan minimal Baik "
    "dua tahun terakhir, dan belum mencapai batas pendidikan/jabatan. `semua=1` juga "
    "menampilkan yang belum memenuhi beserta `alasan`.",
    parameters=[
        OpenApiParameter("periode", str, required=True, description="YYYY-04 atau YYYY-10."),
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
            periode = rules.parse_periode_kp(params.get("periode", ""))
        except rules.AturanError as exc:
            raise serializers.ValidationError({"periode": [str(exc)]}) from None
        return selectors.kenaikan_pangkat(
            self.request.user,
            periode=periode,
            unit=unit_kerja_dari_param(params),
            semua=params.get("semua") in {"1", "true", "ya"},
        )
