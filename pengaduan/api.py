"""Pengaduan API (API.md "pengaduan"): public filing, tracking, rating, reopening and the
satisfaction survey without login; the staff list, detail and responses within the scope.

Every public POST is rate limited per address (`pengaduan.laju`, shared through Redis) and
answers 429 past the limit.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from pegawai.filters import unit_kerja_dari_param
from pegawai.serializers import DetailSerializer

from . import laju, rules, selectors, services, unggahan
from .models import Pengaduan, Status
from .serializers import (
    BukaUlangSerializer,
    IkmQuerySerializer,
    IkmSerializer,
    NilaiSerializer,
    PengaduanBaruSerializer,
    PengaduanDibuatSerializer,
    PengaduanLacakSerializer,
    PengaduanStafSerializer,
    SurveiDibuatSerializer,
    SurveiSerializer,
    TanggapanSerializer,
    TanggapanStafSerializer,
)

RESPON_429 = OpenApiResponse(DetailSerializer, description=laju.PESAN_429)


def _terlalu_banyak(detik: int = 0) -> Response:
    if not detik:
        return Response({"detail": laju.PESAN_429}, status=status.HTTP_429_TOO_MANY_REQUESTS)
    pesan = (
        "Terlalu banyak kiriman dari alamat Anda. "
        f"Silakan coba lagi dalam {laju.menit_tunggu(detik)} menit."
    )
    return Response(
        {"detail": pesan},
        status=status.HTTP_429_TOO_MANY_REQUESTS,
        headers={"Retry-After": str(detik)},
    )


def _pengaduan_publik(request: Request, kode: str) -> Pengaduan | Response:
    """By tracking code; an address guessing too many unknown codes gets 429."""
    alamat = laju.alamat_klien(request._request)
    if laju.sudah_habis("lacak-gagal", alamat):
        return _terlalu_banyak(laju.sisa_detik("lacak-gagal", alamat))
    try:
        return selectors.pengaduan_lacak(kode)
    except Pengaduan.DoesNotExist:
        laju.catat("lacak-gagal", alamat)
        raise Http404 from None


class PengaduanView(generics.ListAPIView):
    """GET: the staff list (Admin BKD all, operators their unit); POST: anyone files one."""

    serializer_class = PengaduanStafSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_permissions(self) -> list[permissions.BasePermission]:
        if self.request.method == "POST":
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    def get_queryset(self) -> QuerySet[Pengaduan]:
        qs = selectors.pengaduan_ditangani(self.request.user).with_relasi()
        params = self.request.query_params
        if params.get("status") in Status.values:
            qs = qs.filter(status=params["status"])
        if params.get("terlambat") in {"1", "true"}:
            qs = qs.terlambat(timezone.localdate())
        unit = unit_kerja_dari_param(params)
        if unit is not None:
            qs = qs.filter(unit_kerja=unit)
        return qs.order_by("-dibuat", "-pk")

    @extend_schema(
        tags=["pengaduan"],
        description="Daftar pengaduan untuk petugas: Admin BKD semua, operator OPD yang "
        "didisposisikan ke unitnya. Saring dengan `status`, `terlambat=1`, `unit_kerja`.",
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=Status.values),
            OpenApiParameter("terlambat", OpenApiTypes.BOOL),
            OpenApiParameter(
                "unit_kerja",
                OpenApiTypes.INT,
                description="id unit tujuan (persis, tanpa sub-unit); id yang tidak dikenal "
                "dijawab 400.",
            ),
        ],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["pengaduan"],
        description="Kirim aspirasi/pengaduan/permintaan informasi tanpa login. Jawaban berisi "
        "kode pelacakan. Lampiran (JPEG/PNG/PDF) lewat multipart.",
        request=PengaduanBaruSerializer,
        responses={201: PengaduanDibuatSerializer, 400: OpenApiResponse(), 429: RESPON_429},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        alamat = laju.alamat_klien(request._request)
        if detik := laju.kiriman_ditahan("pengaduan", alamat):
            return _terlalu_banyak(detik)
        penjaga = unggahan.pasang_penjaga(request._request)
        masukan = PengaduanBaruSerializer(data=request.data)
        if penjaga is not None and penjaga.galat:
            return Response({"lampiran": [penjaga.galat]}, status=status.HTTP_400_BAD_REQUEST)
        masukan.is_valid(raise_exception=True)
        pengaduan = services.pengaduan_ajukan(**masukan.validated_data)
        laju.kiriman_diterima("pengaduan", alamat)
        return Response(
            {"kode": pengaduan.kode, "status": pengaduan.status}, status=status.HTTP_201_CREATED
        )


class PengaduanDetailView(generics.RetrieveAPIView):
    serializer_class = PengaduanStafSerializer
    lookup_field = "kode"

    def get_queryset(self) -> QuerySet[Pengaduan]:
        return selectors.pengaduan_ditangani(self.request.user).with_relasi()

    @extend_schema(tags=["pengaduan"], description="Satu pengaduan untuk petugas yang menangani.")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class PengaduanLacakView(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        tags=["pengaduan"],
        description="Lacak pengaduan dengan kode: status, tanggal dan tanggapan publik. "
        "Tidak pernah berisi kontak pelapor atau nama pelapor anonim/rahasia.",
        responses={200: PengaduanLacakSerializer, 404: OpenApiResponse(), 429: RESPON_429},
        auth=[],
    )
    def get(self, request: Request, kode: str) -> Response:
        pengaduan = _pengaduan_publik(request, kode)
        if isinstance(pengaduan, Response):
            return pengaduan
        return Response(PengaduanLacakSerializer(pengaduan).data)


class PengaduanNilaiView(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        tags=["pengaduan"],
        description="Pelapor menilai penanganan (1–5) setelah pengaduan SELESAI.",
        request=NilaiSerializer,
        responses={200: PengaduanLacakSerializer, 400: OpenApiResponse(), 429: RESPON_429},
        auth=[],
    )
    def post(self, request: Request, kode: str) -> Response:
        if not laju.catat("lacak", alamat := laju.alamat_klien(request._request)):
            return _terlalu_banyak(laju.sisa_detik("lacak", alamat))
        pengaduan = _pengaduan_publik(request, kode)
        if isinstance(pengaduan, Response):
            return pengaduan
        masukan = NilaiSerializer(data=request.data)
        masukan.is_valid(raise_exception=True)
        services.pengaduan_nilai(pengaduan=pengaduan, nilai=masukan.validated_data["nilai"])
        return Response(PengaduanLacakSerializer(selectors.pengaduan_lacak(kode)).data)


class PengaduanBukaUlangView(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        tags=["pengaduan"],
        description="Pelapor membuka kembali pengaduan yang ditutup, satu kali, dengan alasan.",
        request=BukaUlangSerializer,
        responses={200: PengaduanLacakSerializer, 400: OpenApiResponse(), 429: RESPON_429},
        auth=[],
    )
    def post(self, request: Request, kode: str) -> Response:
        if not laju.catat("lacak", alamat := laju.alamat_klien(request._request)):
            return _terlalu_banyak(laju.sisa_detik("lacak", alamat))
        pengaduan = _pengaduan_publik(request, kode)
        if isinstance(pengaduan, Response):
            return pengaduan
        masukan = BukaUlangSerializer(data=request.data)
        masukan.is_valid(raise_exception=True)
        services.pengaduan_buka_ulang(pengaduan=pengaduan, alasan=masukan.validated_data["alasan"])
        return Response(PengaduanLacakSerializer(selectors.pengaduan_lacak(kode)).data)


class TanggapanView(APIView):
    @extend_schema(
        tags=["pengaduan"],
        description="Petugas menanggapi dan/atau memindahkan status: DITERIMA → DIVERIFIKASI "
        "(dengan `unit_kerja`) → DITINDAKLANJUTI → SELESAI, atau DITOLAK. `publik=false` "
        "menjadikannya catatan internal.",
        request=TanggapanStafSerializer,
        responses={201: TanggapanSerializer, 400: OpenApiResponse(), 404: OpenApiResponse()},
    )
    def post(self, request: Request, kode: str) -> Response:
        pengaduan = (
            selectors.pengaduan_ditangani(request.user)
            .filter(kode=rules.normalisasi_kode(kode))
            .first()
        )
        if pengaduan is None:
            raise Http404
        masukan = TanggapanStafSerializer(data=request.data)
        masukan.is_valid(raise_exception=True)
        data = masukan.validated_data
        tanggapan = services.pengaduan_tanggapi(
            pengaduan=pengaduan,
            oleh=request.user,
            isi=data["isi"],
            publik=data["publik"],
            status_baru=data.get("status") or None,
            unit_kerja=data.get("unit_kerja"),
            nip_pegawai=data.get("pegawai") or None,
            bukan_wewenang=data["bukan_wewenang"],
        )
        return Response(TanggapanSerializer(tanggapan).data, status=status.HTTP_201_CREATED)


class SurveiView(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        tags=["survei-kepuasan"],
        description="Isi survei kepuasan masyarakat: sembilan unsur `u1`…`u9`, masing-masing 1–4.",
        request=SurveiSerializer,
        responses={201: SurveiDibuatSerializer, 400: OpenApiResponse(), 429: RESPON_429},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        alamat = laju.alamat_klien(request._request)
        if detik := laju.kiriman_ditahan("survei", alamat):
            return _terlalu_banyak(detik)
        masukan = SurveiSerializer(data=request.data)
        masukan.is_valid(raise_exception=True)
        data = masukan.validated_data
        survei = services.survei_isi(
            unit_kerja=data["unit_kerja"],
            jawaban={k: data[k] for k in rules.KODE_UNSUR},
            layanan=data.get("layanan", ""),
            saran=data.get("saran", ""),
        )
        laju.kiriman_diterima("survei", alamat)
        return Response(
            {"id": survei.pk, "unit_kerja": survei.unit_kerja_id}, status=status.HTTP_201_CREATED
        )


class IkmView(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        tags=["survei-kepuasan"],
        description="IKM satu unit kerja (termasuk sub-unit) per tahun (bawaan: tahun ini): "
        "NRR per unsur, IKM = Σ NRR × 1/9 × 25 dibulatkan dua desimal, mutu A–D.",
        parameters=[IkmQuerySerializer],
        responses={200: IkmSerializer, 400: OpenApiResponse()},
        auth=[],
    )
    def get(self, request: Request) -> Response:
        query = IkmQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        unit = query.validated_data["unit_kerja"]
        tahun = query.validated_data.get("tahun") or timezone.localdate().year
        hasil = selectors.ikm_unit(unit, tahun)
        data: dict[str, Any] = {"unit_kerja": unit.pk, "tahun": tahun}
        if hasil is None:
            data.update(responden=0, nrr=[], ikm=None, mutu=None, kinerja=None)
        else:
            data.update(
                responden=hasil.responden,
                nrr=list(hasil.nrr),
                ikm=hasil.ikm,
                mutu=hasil.mutu,
                kinerja=hasil.kinerja,
            )
        return Response(IkmSerializer(data).data)
