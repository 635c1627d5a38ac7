"""The project's URLs plus two reference endpoints of the API figure:

- `/bench/ping`: through every middleware like any page, no query, no DRF: the ceiling of the
  server itself (the limit the figure is measured against);
- `/bench/tulis-minimal`: DRF with token authentication and one INSERT of the same daily report,
  no rule checked: the floor of any authenticated write in this stack;
- `/bench/lapor-minimal`: the minimal CORRECT filing, the limit the figure's goal is set
  against: DRF with token authentication, the employee row locked (its filings serialised;
  the service on PostgreSQL leaves that to the exclusion constraint of kinerja's migration
  0009 instead), then ONE guarded INSERT that enforces the two rules of the hot path
  in SQL: the RHK belongs to the employee's approved SKP of the report's year, and the slot
  overlaps none of the employee's reports that day. 400 when a rule fails.
"""

from datetime import time

from django.db import connection, transaction
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


LAPOR_MINIMAL = """
INSERT INTO kinerja_laporanharian
    (pegawai_id, rhk_id, tanggal, uraian, kuantitas, satuan, jam_mulai, jam_selesai, menit,
     bukti, status, catatan_atasan, dibuat, diubah)
SELECT %(pegawai)s, %(rhk)s, %(tanggal)s, %(uraian)s, %(kuantitas)s, %(satuan)s, %(mulai)s,
       %(selesai)s, %(menit)s, '', 'DIAJUKAN', '', now(), now()
WHERE EXISTS (SELECT FROM kinerja_rhk r JOIN kinerja_skp s ON s.id = r.skp_id
              WHERE r.id = %(rhk)s AND s.pegawai_id = %(pegawai)s AND s.status = 'DISETUJUI'
                AND s.tahun = extract(year FROM %(tanggal)s::date))
  AND NOT EXISTS (SELECT FROM kinerja_laporanharian l
                  WHERE l.pegawai_id = %(pegawai)s AND l.tanggal = %(tanggal)s
                    AND l.jam_mulai < %(selesai)s AND l.jam_selesai > %(mulai)s)
RETURNING id
"""


class LaporMinimal(APIView):
    def post(self, request: Request) -> Response:
        d = request.data
        mulai, selesai = (time.fromisoformat(d[k]) for k in ("jam_mulai", "jam_selesai"))
        menit = (selesai.hour - mulai.hour) * 60 + selesai.minute - mulai.minute
        with transaction.atomic(), connection.cursor() as c:
            c.execute(
                "SELECT id FROM pegawai_pegawai WHERE user_id = %s AND aktif FOR UPDATE",
                [request.user.pk],
            )
            baris = c.fetchone()
            if baris is None:
                return Response({"detail": "Bukan pegawai aktif."}, status=403)
            c.execute(
                LAPOR_MINIMAL,
                {"pegawai": baris[0], "rhk": int(d["rhk"]), "tanggal": d["tanggal"],
                 "uraian": d["uraian"], "kuantitas": d["kuantitas"], "satuan": d["satuan"],
                 "mulai": mulai, "selesai": selesai, "menit": menit},
            )  # fmt: skip
            baris = c.fetchone()
        if baris is None:
            return Response({"rhk": ["RHK bukan milik SKP disetujui, atau waktu bentrok."]},
                            status=400)  # fmt: skip
        return Response({"id": baris[0]}, status=201)


urlpatterns = [
    path("bench/ping", ping),
    path("bench/tulis-minimal", TulisMinimal.as_view()),
    path("bench/lapor-minimal", LaporMinimal.as_view()),
    *proyek,
]
