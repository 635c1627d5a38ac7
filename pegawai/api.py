"""Pegawai API: token login, the caller's profile, the unit kerja tree and employee records.

Thin views: every queryset starts from the access scope (`pegawai.akses`), every write goes
through `pegawai.services.pegawai_simpan`.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import authenticate, user_logged_in
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from inti.api import PaginasiKursor

from . import akses
from .auth import normalisasi_username
from .filters import PegawaiFilter, UnitKerjaFilter
from .models import Pegawai, PegawaiQuerySet, UnitKerja
from .serializers import (
    DetailSerializer,
    MeSerializer,
    PegawaiSerializer,
    PegawaiTulisSerializer,
    TokenLoginSerializer,
    TokenSerializer,
    UnitKerjaSerializer,
)
from .services import pegawai_simpan
from .token_api import token_terbitkan

PESAN_TERKUNCI = "Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti."
PESAN_LOGIN_SALAH = "NIP/username atau kata sandi salah."


# Exchange a NIP or username and password for an API token; django-axes guards it.
class TokenView(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        operation_id="auth_token",
        description="Tukar NIP/username dan kata sandi dengan token API "
        "(header `Authorization: Token <token>`).",
        request=TokenLoginSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(description="NIP/username atau kata sandi salah."),
            429: OpenApiResponse(DetailSerializer, description="Terkunci: terlalu banyak gagal."),
        },
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        masukan = TokenLoginSerializer(data=request.data)
        masukan.is_valid(raise_exception=True)
        username = normalisasi_username(masukan.validated_data["username"])
        http_request = request._request
        if AxesProxyHandler.is_locked(http_request, credentials={"username": username}):
            return self._terkunci(http_request)
        user = authenticate(
            request=http_request, username=username, password=masukan.validated_data["password"]
        )
        if user is None:
            # This failure may be the one that reaches the limit; axes flags the request.
            if getattr(http_request, "axes_locked_out", False):
                return self._terkunci(http_request)
            raise serializers.ValidationError(
                {api_settings.NON_FIELD_ERRORS_KEY: [PESAN_LOGIN_SALAH]}
            )
        # Lets axes reset the failure count (AXES_RESET_ON_SUCCESS) and records last_login.
        user_logged_in.send(sender=user.__class__, request=http_request, user=user)
        token = token_terbitkan(user=user)
        return Response({"token": token.key})

    @staticmethod
    def _terkunci(http_request: Any) -> Response:
        # We answer the lockout ourselves in JSON; without this AxesMiddleware would replace
        # the response with its HTML lockout page.
        http_request.axes_locked_out = False
        return Response({"detail": PESAN_TERKUNCI}, status=status.HTTP_429_TOO_MANY_REQUESTS)


class MeView(APIView):
    @extend_schema(
        operation_id="me",
        description="Profil dan peran pengguna yang sedang masuk.",
        responses=MeSerializer,
        tags=["pegawai"],
    )
    def get(self, request: Request) -> Response:
        hak = akses.akses_untuk(request.user)
        pegawai = hak.pegawai
        if pegawai is not None:
            data: dict[str, Any] = {
                "nip": pegawai.nip,
                "nama": pegawai.nama,
                "nama_lengkap": pegawai.nama_lengkap,
                "unit_kerja": pegawai.unit_kerja,
                "jabatan": pegawai.nama_jabatan,
                "atasan": pegawai.atasan,
            }
        else:
            # A staff account without an employee record (Admin BKD, operator).
            nama = request.user.get_full_name() or request.user.get_username()
            data = dict.fromkeys(["nip", "unit_kerja", "jabatan", "atasan"])
            data.update(nama=nama, nama_lengkap=nama)
        data.update(unit_operator=hak.unit_operator, roles=hak.peran)
        return Response(MeSerializer(data).data)


# The unit kerja tree, readable by every signed-in user.
@extend_schema_view(
    list=extend_schema(tags=["pegawai"], description="Pohon unit kerja (`parent` = id induk)."),
    retrieve=extend_schema(tags=["pegawai"]),
)
class UnitKerjaViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = UnitKerja.objects.order_by("path")
    serializer_class = UnitKerjaSerializer
    filterset_class = UnitKerjaFilter
    lookup_value_regex = r"\d+"


class BolehKelolaPegawai(permissions.BasePermission):
    """Writes are for Admin BKD and operators, and only on records they manage.

    Reads are scoped by the queryset (outside the scope → 404, before this object check).
    """

    message = "Anda tidak berwenang mengubah data pegawai."

    def has_permission(self, request: Request, view: Any) -> bool:
        if view.action == "create":
            return akses.akses_untuk(request.user).staf_hr
        return True

    def has_object_permission(self, request: Request, view: Any, obj: Pegawai) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return akses.pegawai_dikelola(request.user).filter(pk=obj.pk).exists()


# Employee records within the caller's scope, addressed by NIP. A cursor list (issue 17):
# OFFSET at page 2,000 of 100,000 employees cost 1.8 s.
@extend_schema_view(
    list=extend_schema(
        tags=["pegawai"],
        description="Pegawai yang boleh dilihat pengguna (sesuai kewenangan), urut `nama` lalu "
        "`nip`; daftar berkursor (ikuti tautan `next`/`previous`).",
    ),
    retrieve=extend_schema(tags=["pegawai"], description="Satu pegawai menurut NIP."),
    create=extend_schema(
        tags=["pegawai"],
        description="Tambah pegawai (Admin BKD dan operator unit).",
        request=PegawaiTulisSerializer,
        responses={201: PegawaiSerializer},
    ),
    partial_update=extend_schema(
        tags=["pegawai"],
        description="Ubah data pegawai (Admin BKD dan operator unit); NIP tidak dapat diubah.",
        request=PegawaiTulisSerializer,
        responses={200: PegawaiSerializer},
    ),
)
class PegawaiViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = PegawaiSerializer
    permission_classes = [permissions.IsAuthenticated, BolehKelolaPegawai]
    pagination_class = PaginasiKursor
    urutan_kursor = ("nama", "nip")  # index pegawai_nama_nip; nip is unique
    filterset_class = PegawaiFilter
    lookup_field = "nip"
    lookup_value_regex = r"\d{18}"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> PegawaiQuerySet:
        return akses.pegawai_terlihat(self.request.user).with_relasi().order_by("nama", "nip")

    def create(self, request: Request) -> Response:
        masukan = PegawaiTulisSerializer(data=request.data, context=self.get_serializer_context())
        masukan.is_valid(raise_exception=True)
        pegawai = pegawai_simpan(pegawai=Pegawai(), data=masukan.validated_data)
        return Response(self.get_serializer(pegawai).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, nip: str) -> Response:
        pegawai = self.get_object()
        masukan = PegawaiTulisSerializer(
            pegawai, data=request.data, partial=True, context=self.get_serializer_context()
        )
        masukan.is_valid(raise_exception=True)
        pegawai = pegawai_simpan(pegawai=pegawai, data=masukan.validated_data)
        return Response(self.get_serializer(pegawai).data)
