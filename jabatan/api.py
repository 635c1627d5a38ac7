"""Jabatan API: the catalogue, formasi with counts, placements, candidate ranking.

Thin views: querysets start from the access scope (`jabatan.selectors`), writes go through
`jabatan.services.penempatan_buat`, ranking through `jabatan.pencocokan`.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from inti.api import PaginasiKursor
from pegawai import akses
from pegawai.rules import normalisasi_nip

from . import pencocokan, selectors
from .models import Jabatan, JenisJabatan, Penempatan
from .serializers import (
    FormasiSerializer,
    JabatanCocokSerializer,
    JabatanSerializer,
    KandidatSerializer,
    PenempatanSerializer,
    PenempatanTulisSerializer,
    unit_dari_query,
)
from .services import PenempatanMasukan, penempatan_buat

PARAM_UNIT = OpenApiParameter(
    "unit_kerja", OpenApiTypes.INT, description="Id unit kerja (termasuk sub-unitnya)."
)


class StafHR(permissions.BasePermission):
    message = "Hanya Admin BKD dan operator OPD yang dapat melakukan ini."

    def has_permission(self, request: Request, view: Any) -> bool:
        return akses.akses_untuk(request.user).staf_hr


class JabatanFilter(django_filters.FilterSet):
    jenis = django_filters.ChoiceFilter(choices=JenisJabatan.choices)
    q = django_filters.CharFilter(method="filter_q", label="Cari kode atau nama")

    class Meta:
        model = Jabatan
        fields = ["jenis", "q"]

    def filter_q(self, queryset, name: str, value: str):
        value = value.strip()
        return queryset.filter(Q(nama__icontains=value) | Q(kode__icontains=value))


@extend_schema_view(
    list=extend_schema(tags=["jabatan"], description="Katalog jabatan dengan standar kompetensi."),
    retrieve=extend_schema(tags=["jabatan"]),
)
class JabatanViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = JabatanSerializer
    filterset_class = JabatanFilter
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.jabatan_daftar()

    @extend_schema(
        tags=["jabatan"],
        description="Kandidat untuk jabatan ini, diurutkan menurut `skor` (0–100) dengan "
        "`alasan` per bagian skor. Hanya Admin BKD dan operator OPD (pegawai di unitnya).",
        parameters=[PARAM_UNIT],
        responses=KandidatSerializer(many=True),
    )
    @action(
        detail=True,
        methods=["get"],
        permission_classes=[permissions.IsAuthenticated, StafHR],
        filterset_class=None,
    )
    def kandidat(self, request: Request, pk: str) -> Response:
        jabatan = self.get_object()
        unit = unit_dari_query(request)
        daftar = pencocokan.kandidat_untuk(request.user, jabatan, unit_kerja=unit)
        halaman = self.paginate_queryset(daftar)
        return self.get_paginated_response(KandidatSerializer(halaman, many=True).data)

    @extend_schema(
        tags=["jabatan"],
        description="Jabatan yang paling cocok untuk seorang pegawai (default: diri sendiri).",
        parameters=[OpenApiParameter("pegawai", OpenApiTypes.STR, description="NIP")],
        responses=JabatanCocokSerializer(many=True),
    )
    @action(detail=False, methods=["get"], filterset_class=None)
    def cocok(self, request: Request) -> Response:
        nip = normalisasi_nip(request.query_params.get("pegawai", ""))
        if nip:
            pegawai = akses.pegawai_terlihat(request.user).filter(nip=nip).first()
        else:
            pegawai = akses.akses_untuk(request.user).pegawai
        if pegawai is None:
            raise Http404("Pegawai tidak ditemukan.")
        daftar = pencocokan.jabatan_cocok_untuk(pegawai)
        halaman = self.paginate_queryset(daftar)
        return self.get_paginated_response(JabatanCocokSerializer(halaman, many=True).data)


@extend_schema_view(
    list=extend_schema(
        tags=["jabatan"],
        description="Formasi per unit kerja × jabatan dengan `terisi` dan `kekurangan` "
        "(negatif = kelebihan).",
        parameters=[PARAM_UNIT],
    ),
    retrieve=extend_schema(tags=["jabatan"]),
)
class FormasiViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = FormasiSerializer
    filter_backends: list = []
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        unit = unit_dari_query(self.request) if self.action == "list" else None
        return selectors.formasi_daftar(self.request.user, unit=unit)


class PenempatanFilter(django_filters.FilterSet):
    pegawai = django_filters.CharFilter(method="filter_pegawai", label="NIP pegawai")
    aktif = django_filters.BooleanFilter()

    class Meta:
        model = Penempatan
        fields = ["pegawai", "aktif", "unit_kerja", "jabatan"]

    def filter_pegawai(self, queryset, name: str, value: str):
        return queryset.filter(pegawai__nip=normalisasi_nip(value))


class BolehMenempatkan(permissions.BasePermission):
    message = "Hanya Admin BKD dan operator OPD yang dapat menempatkan pegawai."

    def has_permission(self, request: Request, view: Any) -> bool:
        if view.action == "create":
            return akses.akses_untuk(request.user).staf_hr
        return True


@extend_schema_view(
    list=extend_schema(
        tags=["jabatan"],
        description="Riwayat penempatan yang boleh dilihat (pegawai: riwayatnya sendiri).",
    ),
    retrieve=extend_schema(tags=["jabatan"]),
    create=extend_schema(
        tags=["jabatan"],
        description="Tempatkan pegawai (SK). Hanya Admin BKD dan operator OPD di unitnya. "
        "Melebihi formasi tanpa `alasan` → 400; penempatan sebelumnya berakhir.",
        request=PenempatanTulisSerializer,
        responses={201: PenempatanSerializer},
    ),
)
class PenempatanViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = PenempatanSerializer
    permission_classes = [permissions.IsAuthenticated, BolehMenempatkan]
    filterset_class = PenempatanFilter
    lookup_value_regex = r"\d+"
    # A cursor list (issue 17): newest placement first, on the primary key, at any depth.
    pagination_class = PaginasiKursor
    urutan_kursor = ("-pk",)

    def get_queryset(self):
        return selectors.penempatan_terlihat(self.request.user).order_by("-id")

    def create(self, request: Request) -> Response:
        masukan = PenempatanTulisSerializer(data=request.data, context={"request": request})
        masukan.is_valid(raise_exception=True)
        data = masukan.validated_data
        penempatan = penempatan_buat(
            masukan=PenempatanMasukan.dari_data(data), oleh=request.user
        )
        penempatan = selectors.penempatan_terlihat(request.user).get(pk=penempatan.pk)
        return Response(PenempatanSerializer(penempatan).data, status=status.HTTP_201_CREATED)
