"""Pelatihan API (API.md): the catalogue and sessions, the JP recap, the caller's survey
invitations and answering them. Personal rows start from the access scope; anything outside
it answers 404."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from inti import waktu
from inti.api import PaginasiKursor
from pegawai.filters import unit_kerja_dari_param
from pegawai.models import Pegawai

from . import selectors, services
from .serializers import (
    JawabHasilSerializer,
    JawabSerializer,
    PelatihanSerializer,
    RekapJPSerializer,
    SesiSerializer,
    UndanganSerializer,
)

TAG = ["pelatihan"]


def _tahun(request: Request) -> int:
    try:
        return selectors.parse_tahun(request.query_params.get("tahun")) or waktu.tahun_ini()
    except ValueError as exc:
        raise serializers.ValidationError({"tahun": [str(exc)]}) from None


@extend_schema(tags=TAG, description="Katalog pelatihan (program) yang aktif.")
class PelatihanList(generics.ListAPIView):
    serializer_class = PelatihanSerializer

    def get_queryset(self):
        return selectors.pelatihan_daftar()


@extend_schema(tags=TAG, description="Satu program pelatihan.")
class PelatihanDetail(generics.RetrieveAPIView):
    serializer_class = PelatihanSerializer

    def get_queryset(self):
        return selectors.pelatihan_daftar()


@extend_schema(
    tags=TAG,
    description="Sesi pelatihan. `terbuka=1`: hanya yang masih menerima pendaftaran.",
    parameters=[
        OpenApiParameter("pelatihan", int, description="id program"),
        OpenApiParameter("tahun", int),
        OpenApiParameter("terbuka", bool),
    ],
)
class SesiList(generics.ListAPIView):
    serializer_class = SesiSerializer

    def get_queryset(self):
        params = self.request.query_params
        pelatihan = None
        if params.get("pelatihan"):
            if not params["pelatihan"].isdigit():
                raise serializers.ValidationError({"pelatihan": ["Harus berupa id (angka)."]})
            pelatihan = selectors.pelatihan_daftar().filter(pk=params["pelatihan"]).first()
            if pelatihan is None:
                raise serializers.ValidationError({"pelatihan": ["Pelatihan tidak ditemukan."]})
        tahun = selectors.parse_tahun(params.get("tahun")) if params.get("tahun") else None
        return selectors.sesi_daftar(
            terbuka=params.get("terbuka") in {"1", "true", "ya"}, pelatihan=pelatihan, tahun=tahun
        )

    def list(self, request, *args, **kwargs):
        try:
            return super().list(request, *args, **kwargs)
        except ValueError as exc:
            raise serializers.ValidationError({"tahun": [str(exc)]}) from None


@extend_schema(
    tags=TAG,
    description="Rekap JP per pegawai yang boleh dilihat pemanggil: `jp` dalam tahun itu, "
    "`target` menurut status kepegawaian, `memenuhi`.",
    parameters=[
        OpenApiParameter("tahun", int, description="Bawaan: tahun ini."),
        OpenApiParameter("unit_kerja", int, description="id unit (beserta sub-unitnya)."),
        OpenApiParameter("kurang", bool, description="Hanya yang belum memenuhi target."),
    ],
)
class RekapJPList(generics.ListAPIView):
    serializer_class = RekapJPSerializer
    pagination_class = PaginasiKursor
    urutan_kursor = ("nama", "nip")  # index pegawai_nama_nip; nip is unique

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: the bounds of a
            return Pegawai.objects.none()  # year are read from the database
        params = self.request.query_params
        unit = unit_kerja_dari_param(params)
        return selectors.rekap_jp(
            self.request.user,
            tahun=_tahun(self.request),
            unit=unit,
            hanya_kurang=params.get("kurang") in {"1", "true", "ya"},
            hanya_melebihi=params.get("melebihi") in {"1", "true", "ya"},
        )


def _konteks_pertanyaan(undangan) -> dict:
    """The questions of every template on the page, in one query."""
    return selectors.pertanyaan_per_template({u.template_id for u in undangan})


@extend_schema(tags=TAG, description="Undangan survei pemanggil yang masih terbuka.")
class SurveiList(generics.ListAPIView):
    serializer_class = UndanganSerializer

    def get_queryset(self):
        return selectors.undangan_terbuka(self.request.user)

    def get_serializer(self, *args, **kwargs):
        if args:
            kwargs.setdefault("context", self.get_serializer_context())
            kwargs["context"]["pertanyaan"] = _konteks_pertanyaan(args[0])
        return super().get_serializer(*args, **kwargs)


@extend_schema(tags=TAG, description="Satu undangan survei milik pemanggil.")
class SurveiDetail(APIView):
    serializer_class = UndanganSerializer

    def get(self, request: Request, pk: int) -> Response:
        undangan = selectors.undangan_milik(request.user).filter(pk=pk).first()
        if undangan is None:
            raise Http404
        konteks = {"pertanyaan": _konteks_pertanyaan([undangan]), "request": request}
        return Response(UndanganSerializer(undangan, context=konteks).data)


@extend_schema(
    tags=TAG,
    description="Menjawab satu undangan survei (sekali saja). Kesalahan per pertanyaan "
    "berkunci `pertanyaan_<id>`.",
    request=JawabSerializer,
    responses={200: JawabHasilSerializer},
)
class SurveiJawab(APIView):
    def post(self, request: Request, pk: int) -> Response:
        undangan = selectors.undangan_milik(request.user).filter(pk=pk).first()
        if undangan is None:
            raise Http404
        masukan = JawabSerializer(data=request.data)
        masukan.is_valid(raise_exception=True)
        undangan = services.survei_jawab(
            undangan=undangan, jawaban=masukan.validated_data["jawaban"]
        )
        return Response({"id": undangan.pk, "dijawab": undangan.dijawab})
