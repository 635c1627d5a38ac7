"""The project's URLs plus two reference endpoints of the API figure:

- `/bench/ping`: through every middleware like any page, no query, no DRF: the ceiling of the
  server itself (the limit the figure is measured against);
- `/bench/tulis-minimal`: DRF with token authentication and one INSERT of the same daily report,
  no rule checked: the floor of any authenticated write in this stack.
"""

from datetime import time

from django.http import HttpRequest, JsonResponse
from django.urls import path
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from asn_hr.urls import urlpatterns as proyek
from kinerja.models import LaporanHarian


def ping(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


class TulisMinimal(APIView):
    def post(self, request: Request) -> Response:
        d = request.data
        mulai, selesai = (time.fromisoformat(d[k]) for k in ("jam_mulai", "jam_selesai"))
        menit = (selesai.hour - mulai.hour) * 60 + selesai.minute - mulai.minute
        laporan = LaporanHarian.objects.create(
            pegawai=request.user.pegawai, rhk_id=d["rhk"], tanggal=d["tanggal"],
            uraian=d["uraian"], kuantitas=d["kuantitas"], satuan=d["satuan"], jam_mulai=mulai,
            jam_selesai=selesai, menit=menit,
        )  # fmt: skip
        return Response({"id": laporan.pk}, status=201)


urlpatterns = [
    path("bench/ping", ping),
    path("bench/tulis-minimal", TulisMinimal.as_view()),
    *proyek,
]
