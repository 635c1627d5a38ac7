"""kinerja API (API.md): SKP, laporan harian, penilaian, rekap, distribusi.

Thin views: every queryset starts from the access scope (`kinerja.selectors`), so a record
outside it answers 404; every write goes through `kinerja.services`.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, parsers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from inti.api import Paginasi, PaginasiKursor
from pegawai.akses import akses_untuk, pegawai_bawahan
from pegawai.models import Pegawai

from . import selectors, services
from .filters import DistribusiForm, LaporanFilter, PenilaianFilter, RekapForm, SkpFilter
from .models import IndikatorKinerja, PerjanjianKinerja, Rhk, Skp
from .serializers import (
    PELAPOR_BELUM_DIBACA,
    CatatanSerializer,
    CatatanWajibSerializer,
    IndikatorTulisSerializer,
    JumlahSerializer,
    KeberatanSerializer,
    LaporanHarianSerializer,
    LaporanTulisSerializer,
    LaporanUbahSerializer,
    PenilaianRingkasSerializer,
    PenilaianSerializer,
    PenilaianTulisSerializer,
    RekapSerializer,
    RhkTulisSerializer,
    RhkUbahSerializer,
    SetujuiMassalSerializer,
    SetujuiSkpSerializer,
    SkpBuatSerializer,
    SkpSalinSerializer,
    SkpSerializer,
    skp_daftar_data,
)

PESAN_TANPA_PEGAWAI = "Akun ini tidak terhubung dengan data pegawai."
# The caller's own active employee record (filing, when the RHK field did not read it): raw,
# the ORM's query building costs more than the read on this hot path.
PEGAWAI_PELAPOR = f"SELECT * FROM {Pegawai._meta.db_table} WHERE user_id = %s AND aktif"


def pegawai_pemanggil(request: Request) -> Pegawai:
    pegawai = akses_untuk(request.user).pegawai
    if pegawai is None:
        raise exceptions.PermissionDenied(PESAN_TANPA_PEGAWAI)
    return pegawai


# --- SKP ---------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(tags=["kinerja"], description="SKP sendiri (atasan: juga SKP bawahan)."),
    retrieve=extend_schema(tags=["kinerja"]),
    create=extend_schema(
        tags=["kinerja"],
        description="Buat SKP sendiri (draf); pejabat penilai = atasan langsung saat ini.",
        request=SkpBuatSerializer,
        responses={201: SkpSerializer},
    ),
)
class SkpViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = SkpSerializer
    filterset_class = SkpFilter
    lookup_value_regex = r"\d+"
    pagination_class = PaginasiKursor
    # Columns of the SKP table only: (tahun, id) is one index, whoever asks.
    urutan_kursor = ("-tahun", "-pk")

    def get_queryset(self):
        return selectors.skp_daftar(self.request.user)

    def list(self, request: Request) -> Response:
        # The page's RHK, indicators and expectations are read as values, not prefetched
        # as model instances (`skp_daftar_data`, same shape as SkpSerializer).
        qs = self.filter_queryset(self.get_queryset()).prefetch_related(None)
        qs = qs.select_related(None).select_related("pegawai", "penilai")
        halaman = self.paginate_queryset(qs)
        return self.get_paginated_response(skp_daftar_data(halaman))

    def create(self, request: Request) -> Response:
        masukan = SkpBuatSerializer(data=request.data)
        masukan.is_valid(raise_exception=True)
        skp = services.skp_buat(pegawai=pegawai_pemanggil(request), **masukan.validated_data)
        return Response(self._baca(skp.pk), status=status.HTTP_201_CREATED)

    def _baca(self, pk: int) -> dict[str, Any]:
        return SkpSerializer(self.get_queryset().get(pk=pk)).data

    @extend_schema(
        tags=["kinerja"],
        request=RhkTulisSerializer,
        responses={201: SkpSerializer},
        description="Tambah RHK (dengan indikatornya) ke SKP sendiri yang masih draf.",
    )
    @action(detail=True, methods=["post"])
    def rhk(self, request: Request, pk: str) -> Response:
        skp = self.get_object()
        masukan = RhkTulisSerializer(data=request.data)
        masukan.is_valid(raise_exception=True)
        data = dict(masukan.validated_data)
        perjanjian = _perjanjian(skp, data.pop("perjanjian_kinerja", None))
        services.rhk_tambah(
            skp=skp,
            oleh=request.user,
            perjanjian_kinerja=perjanjian,
            indikator=[dict(i) for i in data.pop("indikator")],
            **data,
        )
        return Response(self._baca(skp.pk), status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=["kinerja"],
        request=SkpSalinSerializer,
        responses={201: SkpSerializer},
        description="Buat draf SKP `tahun` (tahun ini atau tahun depan) dari SKP sendiri tahun "
        "sebelumnya: RHK dan indikator disalin; persetujuan, ekspektasi, realisasi, dan laporan "
        "tidak. Intervensi ikut bila RHK pejabat penilai tahun itu berisi uraian yang sama "
        "(atau perjanjian kinerja unit dengan sasaran yang sama); bila tidak, RHK utama itu "
        "tanpa intervensi dan SKP belum dapat diajukan.",
    )
    @action(detail=False, methods=["post"])
    def salin(self, request: Request) -> Response:
        masukan = SkpSalinSerializer(data=request.data)
        masukan.is_valid(raise_exception=True)
        pegawai_pemanggil(request)
        skp = services.skp_salin(oleh=request.user, tahun=masukan.validated_data["tahun"])
        return Response(self._baca(skp.pk), status=status.HTTP_201_CREATED)

    def _rhk(self, rhk_id: str) -> Rhk:
        """An RHK of this SKP (the SKP itself through the scope: 404 outside it)."""
        skp = self.get_object()
        rhk = Rhk.objects.filter(skp=skp, pk=rhk_id).select_related("skp").first()
        if rhk is None:
            raise exceptions.NotFound("RHK tidak ditemukan pada SKP ini.")
        return rhk

    @extend_schema(
        tags=["kinerja"],
        methods=["PATCH"],
        request=RhkUbahSerializer,
        responses=SkpSerializer,
        description="Ubah RHK SKP sendiri yang masih draf atau dikembalikan (hanya field yang "
        "dikirim).",
    )
    @extend_schema(
        tags=["kinerja"],
        methods=["DELETE"],
        request=None,
        responses={204: None},
        description="Hapus RHK (dengan indikatornya) dari SKP sendiri yang masih draf atau "
        "dikembalikan; ditolak (400) bila RHK dipakai laporan harian, realisasi penilaian, "
        "atau diintervensi RHK bawahan.",
    )
    @action(
        detail=True,
        methods=["patch", "delete"],
        url_path=r"rhk/(?P<rhk_id>[0-9]+)",
        url_name="rhk-satu",
    )
    def rhk_satu(self, request: Request, pk: str, rhk_id: str) -> Response:
        rhk = self._rhk(rhk_id)
        if request.method == "DELETE":
            services.rhk_hapus(rhk=rhk, oleh=request.user)
            return Response(status=status.HTTP_204_NO_CONTENT)
        masukan = RhkUbahSerializer(data=request.data, partial=True)
        masukan.is_valid(raise_exception=True)
        data = dict(masukan.validated_data)
        if "perjanjian_kinerja" in data:
            data["perjanjian_kinerja"] = _perjanjian(rhk.skp, data["perjanjian_kinerja"])
        services.rhk_ubah(rhk=rhk, oleh=request.user, data=data)
        return Response(self._baca(rhk.skp_id))

    @extend_schema(
        tags=["kinerja"],
        request=IndikatorTulisSerializer,
        responses={201: SkpSerializer},
        description="Tambah indikator ke RHK SKP sendiri yang masih draf atau dikembalikan.",
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"rhk/(?P<rhk_id>[0-9]+)/indikator",
        url_name="rhk-indikator",
    )
    def rhk_indikator(self, request: Request, pk: str, rhk_id: str) -> Response:
        rhk = self._rhk(rhk_id)
        masukan = IndikatorTulisSerializer(data=request.data)
        masukan.is_valid(raise_exception=True)
        services.indikator_tambah(rhk=rhk, oleh=request.user, **masukan.validated_data)
        return Response(self._baca(rhk.skp_id), status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=["kinerja"],
        methods=["PATCH"],
        request=IndikatorTulisSerializer(partial=True),
        responses=SkpSerializer,
        description="Ubah indikator (hanya field yang dikirim); satuan tidak dapat diubah "
        "selama indikator dipakai laporan harian.",
    )
    @extend_schema(
        tags=["kinerja"],
        methods=["DELETE"],
        request=None,
        responses={204: None},
        description="Hapus indikator; ditolak (400) untuk indikator terakhir RHK dan indikator "
        "yang dipakai laporan harian.",
    )
    @action(
        detail=True,
        methods=["patch", "delete"],
        url_path=r"rhk/(?P<rhk_id>[0-9]+)/indikator/(?P<ik_id>[0-9]+)",
        url_name="rhk-indikator-satu",
    )
    def rhk_indikator_satu(self, request: Request, pk: str, rhk_id: str, ik_id: str) -> Response:
        rhk = self._rhk(rhk_id)
        ik = IndikatorKinerja.objects.filter(rhk=rhk, pk=ik_id).select_related("rhk").first()
        if ik is None:
            raise exceptions.NotFound("Indikator tidak ditemukan pada RHK ini.")
        if request.method == "DELETE":
            services.indikator_hapus(indikator=ik, oleh=request.user)
            return Response(status=status.HTTP_204_NO_CONTENT)
        masukan = IndikatorTulisSerializer(data=request.data, partial=True)
        masukan.is_valid(raise_exception=True)
        services.indikator_ubah(indikator=ik, oleh=request.user, data=masukan.validated_data)
        return Response(self._baca(rhk.skp_id))

    @extend_schema(
        tags=["kinerja"],
        request=None,
        responses=SkpSerializer,
        description="Ajukan SKP sendiri kepada pejabat penilai.",
    )
    @action(detail=True, methods=["post"])
    def ajukan(self, request: Request, pk: str) -> Response:
        skp = services.skp_ajukan(skp=self.get_object(), oleh=request.user)
        return Response(self._baca(skp.pk))

    @extend_schema(
        tags=["kinerja"],
        request=SetujuiSkpSerializer,
        responses=SkpSerializer,
        description="Pejabat penilai menyetujui SKP dan ekspektasi perilakunya.",
    )
    @action(detail=True, methods=["post"])
    def setujui(self, request: Request, pk: str) -> Response:
        masukan = SetujuiSkpSerializer(data=request.data)
        masukan.is_valid(raise_exception=True)
        skp = services.skp_setujui(
            skp=self.get_object(),
            oleh=request.user,
            ekspektasi=masukan.validated_data.get("ekspektasi"),
        )
        return Response(self._baca(skp.pk))

    @extend_schema(
        tags=["kinerja"],
        request=CatatanWajibSerializer,
        responses=SkpSerializer,
        description="Pejabat penilai mengembalikan SKP dengan catatan.",
    )
    @action(detail=True, methods=["post"])
    def kembalikan(self, request: Request, pk: str) -> Response:
        masukan = CatatanWajibSerializer(data=request.data)
        masukan.is_valid(raise_exception=True)
        skp = services.skp_kembalikan(
            skp=self.get_object(),
            oleh=request.user,
            catatan=masukan.validated_data["catatan"],
        )
        return Response(self._baca(skp.pk))


def _perjanjian(skp: Skp, pk_id: int | None) -> PerjanjianKinerja | None:
    """A perjanjian kinerja this SKP's unit may cascade from (its unit and the units above)."""
    if not pk_id:
        return None
    perjanjian = selectors.perjanjian_pilihan(skp).filter(pk=pk_id).first()
    if perjanjian is None:
        raise exceptions.ValidationError(
            {"perjanjian_kinerja": [f"Perjanjian kinerja {pk_id} tidak ditemukan."]}
        )
    return perjanjian


# --- Laporan harian ----------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        tags=["kinerja"], description="Laporan harian sendiri (atasan: juga laporan bawahan)."
    ),
    retrieve=extend_schema(tags=["kinerja"]),
    create=extend_schema(
        tags=["kinerja"],
        description="Isi laporan harian (JSON atau multipart dengan berkas `bukti`).",
        request={
            "application/json": LaporanTulisSerializer,
            "multipart/form-data": LaporanTulisSerializer,
        },
        responses={201: LaporanHarianSerializer},
    ),
    partial_update=extend_schema(
        tags=["kinerja"],
        description="Perbaiki laporan sendiri yang belum disetujui; diajukan ulang.",
        request={
            "application/json": LaporanUbahSerializer,
            "multipart/form-data": LaporanUbahSerializer,
        },
        responses={200: LaporanHarianSerializer},
    ),
)
class LaporanHarianViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = LaporanHarianSerializer
    filterset_class = LaporanFilter
    lookup_value_regex = r"\d+"
    pagination_class = PaginasiKursor
    urutan_kursor = ("-tanggal", "-jam_mulai", "-pk")  # index laporan_urutan
    http_method_names = ["get", "post", "patch", "head", "options"]
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]

    def get_queryset(self):
        return selectors.laporan_daftar(self.request.user)

    def create(self, request: Request) -> Response:
        # Only the caller's own active employee record is needed to file, not every role of
        # the user (`akses_untuk`: ~10 ms of query building per POST); the RHK field reads it
        # in the same statement as the RHK.
        masukan = LaporanTulisSerializer(
            data=request.data, context={"pelapor_user": request.user.pk}
        )
        masukan.is_valid(raise_exception=True)
        pegawai = masukan.pelapor
        if pegawai is PELAPOR_BELUM_DIBACA:
            pegawai = next(iter(Pegawai.objects.raw(PEGAWAI_PELAPOR, [request.user.pk])), None)
        if pegawai is None:
            raise exceptions.PermissionDenied(PESAN_TANPA_PEGAWAI)
        laporan = services.laporan_ajukan(pegawai=pegawai, **masukan.validated_data)
        return Response(self.get_serializer(laporan).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str) -> Response:
        laporan = self.get_object()
        masukan = LaporanUbahSerializer(data=request.data)
        masukan.is_valid(raise_exception=True)
        data = dict(masukan.validated_data)
        bukti = data.pop("bukti", None)
        laporan = services.laporan_koreksi(
            laporan=laporan, oleh=request.user, data=data, bukti=bukti
        )
        return Response(self.get_serializer(laporan).data)

    @extend_schema(
        tags=["kinerja"],
        request=CatatanSerializer,
        responses=LaporanHarianSerializer,
        description="Atasan langsung menyetujui laporan (laporan lalu terkunci).",
    )
    @action(detail=True, methods=["post"])
    def setujui(self, request: Request, pk: str) -> Response:
        masukan = CatatanSerializer(data=request.data)
        masukan.is_valid(raise_exception=True)
        laporan = services.laporan_setujui(
            laporan=self.get_object(),
            oleh=request.user,
            catatan=masukan.validated_data.get("catatan", ""),
        )
        return Response(self.get_serializer(laporan).data)

    @extend_schema(
        tags=["kinerja"],
        request=CatatanWajibSerializer,
        responses=LaporanHarianSerializer,
        description="Atasan langsung mengembalikan laporan dengan catatan.",
    )
    @action(detail=True, methods=["post"])
    def kembalikan(self, request: Request, pk: str) -> Response:
        masukan = CatatanWajibSerializer(data=request.data)
        masukan.is_valid(raise_exception=True)
        laporan = services.laporan_kembalikan(
            laporan=self.get_object(),
            oleh=request.user,
            catatan=masukan.validated_data["catatan"],
        )
        return Response(self.get_serializer(laporan).data)

    @extend_schema(
        tags=["kinerja"],
        request=SetujuiMassalSerializer,
        responses=JumlahSerializer,
        description="Setujui banyak laporan bawahan langsung sekaligus; id lain diabaikan.",
    )
    @action(detail=False, methods=["post"], url_path="setujui-massal")
    def setujui_massal(self, request: Request) -> Response:
        masukan = SetujuiMassalSerializer(data=request.data)
        masukan.is_valid(raise_exception=True)
        n = services.laporan_setujui_banyak(oleh=request.user, ids=masukan.validated_data["ids"])
        return Response({"disetujui": n})

    @extend_schema(
        tags=["kinerja"],
        responses=LaporanHarianSerializer(many=True),
        description="Antrian atasan: laporan bawahan langsung yang menunggu keputusan.",
    )
    # A supervisor's queue is short (direct subordinates): page numbers and a count.
    @action(detail=False, methods=["get"], pagination_class=Paginasi)
    def antrian(self, request: Request) -> Response:
        halaman = self.paginate_queryset(selectors.antrian_atasan(request.user))
        return self.get_paginated_response(self.get_serializer(halaman, many=True).data)


# --- Penilaian --------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(tags=["kinerja"], description="Penilaian yang boleh dilihat pengguna."),
    retrieve=extend_schema(tags=["kinerja"]),
    create=extend_schema(
        tags=["kinerja"],
        description="Atasan langsung menilai satu periode; `predikat` dihitung dari matriks.",
        request=PenilaianTulisSerializer,
        responses={201: PenilaianSerializer},
    ),
)
class PenilaianViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filterset_class = PenilaianFilter
    lookup_value_regex = r"\d+"
    pagination_class = PaginasiKursor
    urutan_kursor = ("-tanggal_akhir", "-pk")  # index penilaian_urutan

    def get_serializer_class(self):
        return PenilaianRingkasSerializer if self.action == "list" else PenilaianSerializer

    def get_queryset(self):
        qs = selectors.penilaian_daftar(self.request.user)
        if self.action != "list":
            qs = qs.prefetch_related("realisasi__rhk")
        return qs

    def create(self, request: Request) -> Response:
        masukan = PenilaianTulisSerializer(
            data=request.data, pegawai_qs=pegawai_bawahan(request.user)
        )
        masukan.is_valid(raise_exception=True)
        data = dict(masukan.validated_data)
        realisasi = {
            r["rhk"]: (r["realisasi"], r.get("alasan", "")) for r in data.pop("realisasi", [])
        }
        penilaian = services.penilaian_buat(
            penilai=pegawai_pemanggil(request), realisasi=realisasi, **data
        )
        return Response(
            PenilaianSerializer(self.get_queryset().get(pk=penilaian.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        tags=["kinerja"],
        request=None,
        responses=PenilaianSerializer,
        description="Pegawai menerima (mengetahui) penilaiannya.",
    )
    @action(detail=True, methods=["post"])
    def terima(self, request: Request, pk: str) -> Response:
        p = services.penilaian_terima(penilaian=self.get_object(), oleh=request.user)
        return Response(PenilaianSerializer(self.get_queryset().get(pk=p.pk)).data)

    @extend_schema(
        tags=["kinerja"],
        request=KeberatanSerializer,
        responses=PenilaianSerializer,
        description="Pegawai mengajukan keberatan atas penilaiannya, dengan alasan.",
    )
    @action(detail=True, methods=["post"])
    def keberatan(self, request: Request, pk: str) -> Response:
        masukan = KeberatanSerializer(data=request.data)
        masukan.is_valid(raise_exception=True)
        p = services.penilaian_sanggah(
            penilaian=self.get_object(),
            oleh=request.user,
            alasan=masukan.validated_data["alasan_keberatan"],
        )
        return Response(PenilaianSerializer(self.get_queryset().get(pk=p.pk)).data)


# --- Rekap and distribusi ----------------------------------------------------------------------


def _form_400(form) -> exceptions.ValidationError:
    return exceptions.ValidationError({k: list(v) for k, v in form.errors.items()})


class RekapView(APIView):
    @extend_schema(
        tags=["kinerja"],
        description="Rekap bulanan per pegawai (dihitung tiap malam atau `rekap_kinerja`).",
        parameters=[
            OpenApiParameter("bulan", str, required=True, description="YYYY-MM"),
            OpenApiParameter("unit_kerja", int, description="id unit (termasuk sub-unit)"),
        ],
        responses=RekapSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        form = RekapForm(request.query_params)
        if not form.is_valid():
            raise _form_400(form)
        qs = selectors.rekap_daftar(
            request.user,
            bulan=form.cleaned_data["bulan"],
            unit_kerja=form.cleaned_data["unit_kerja"],
        )
        paginator = Paginasi()
        halaman = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(RekapSerializer(halaman, many=True).data)


class DistribusiView(APIView):
    @extend_schema(
        tags=["kinerja"],
        description="Sebaran predikat tahunan unit dibandingkan kurva distribusinya (HR).",
        parameters=[
            OpenApiParameter("unit_kerja", int, required=True),
            OpenApiParameter("tahun", int, required=True),
        ],
        responses=dict,
    )
    def get(self, request: Request) -> Response:
        form = DistribusiForm(request.query_params)
        form.fields["unit_kerja"].queryset = selectors.unit_pilihan_hr(request.user)
        if not form.is_valid():
            raise _form_400(form)
        d = selectors.distribusi_unit(
            request.user, unit=form.cleaned_data["unit_kerja"], tahun=form.cleaned_data["tahun"]
        )
        return Response(
            {
                "unit_kerja": d.unit.pk,
                "tahun": d.tahun,
                "hasil_organisasi": d.hasil_organisasi,
                "jumlah": d.jumlah,
                "sesuai": d.sesuai,
                "pelanggaran": [p.pesan for p in d.pelanggaran],
                "dasar_aturan": d.dasar_aturan,
            }
        )
