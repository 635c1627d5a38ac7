"""The pelatihan part of jabatan's candidate score: completed training that develops the
competencies a position requires."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from jabatan.models import Jabatan, StandarKompetensi

from .models import HasilPelatihan, KompetensiPelatihan, Peserta, StatusPeserta, StatusSesi

TAHUN_BERLAKU = 5  # training older than this no longer counts for placement


def skor_pelatihan(
    jabatan: Sequence[Jabatan], pegawai_ids: Sequence[int]
) -> Mapping[tuple[int, int], tuple[float, str]]:
    """{(jabatan_id, pegawai_id): (share of the position's competencies trained, reason)}.

    Three queries whatever the pool: the positions' standards, the competencies each
    programme develops, and the passed participations of the last five years. Employees with
    no completed training are left out (not counted), so a new system penalises nobody.
    """
    standar: dict[int, dict[int, str]] = defaultdict(dict)
    for jabatan_id, kompetensi_id, nama in StandarKompetensi.objects.filter(
        jabatan__in=[j.pk for j in jabatan]
    ).values_list("jabatan_id", "kompetensi_id", "kompetensi__nama"):
        standar[jabatan_id][kompetensi_id] = nama
    dikembangkan: dict[int, set[int]] = defaultdict(set)
    for pelatihan_id, kompetensi_id in KompetensiPelatihan.objects.values_list(
        "pelatihan_id", "kompetensi_id"
    ):
        dikembangkan[pelatihan_id].add(kompetensi_id)
    batas = date(date.today().year - TAHUN_BERLAKU, 1, 1)
    lulus = Peserta.objects.filter(
        status=StatusPeserta.TERDAFTAR,
        hasil=HasilPelatihan.LULUS,
        sesi__status=StatusSesi.SELESAI,
        sesi__tanggal_selesai__gte=batas,
    ).values_list("pegawai_id", "sesi__pelatihan_id")
    if len(pegawai_ids) < 1000:
        lulus = lulus.filter(pegawai_id__in=pegawai_ids)
    dilatih: dict[int, set[int]] = defaultdict(set)  # pegawai → competencies trained
    for pegawai_id, pelatihan_id in lulus.iterator(chunk_size=5000):
        dilatih[pegawai_id].update(dikembangkan.get(pelatihan_id, ()))
    hasil: dict[tuple[int, int], tuple[float, str]] = {}
    for pegawai_id in pegawai_ids:
        if pegawai_id not in dilatih:  # never passed a training: no data, not a zero
            continue
        for j in jabatan:
            butuh = standar.get(j.pk, {})
            if not butuh:
                continue
            cocok = [nama for k, nama in butuh.items() if k in dilatih[pegawai_id]]
            alasan = f"{len(cocok)} dari {len(butuh)} kompetensi jabatan pernah dilatih"
            alasan += f" ({', '.join(sorted(cocok))})." if cocok else "."
            hasil[(j.pk, pegawai_id)] = (len(cocok) / len(butuh), alasan)
    return hasil
