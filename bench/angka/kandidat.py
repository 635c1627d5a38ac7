"""Figure 5: ranking candidates for one jabatan over many employees, against reading the
same rows in SQL."""

from __future__ import annotations

from datetime import date

from django.core.management.base import CommandError
from django.db import connection, transaction

from bench.alat import (
    Tulis,
    get_api,
    klien_api,
    median_waktu,
    operator_uji,
    token_untuk,
    unit_uji,
)
from inti.bulk import kolom_model, sisip_massal
from pegawai.models import Pegawai


def jalankan(tulis: Tulis, n: int, ulang: int) -> None:
    try:
        teks = _kandidat(n, ulang)
    except Exception as exc:  # noqa: BLE001 - jabatan is still being built
        teks = f"belum tersedia ({type(exc).__name__}: {str(exc)[:200]})"
    tulis(f"5 kandidat /api/v1/jabatan/{{id}}/kandidat/ atas {n:,} pegawai: {teks}")


def _kandidat(n: int, ulang: int) -> str:
    from jabatan.models import AsesmenKompetensi, Jabatan, Kompetensi, StandarKompetensi

    with transaction.atomic():
        kompetensi = list(Kompetensi.objects.order_by("pk")[:5])
        if not kompetensi:
            raise CommandError("kamus kompetensi kosong")
        jabatan = Jabatan.objects.create(
            kode="BENCH-JAB", nama="Analis Uji Benchmark", jenis="PELAKSANA",
            kelompok_pelaksana="OPERATOR", kelas_jabatan=7, pendidikan_minimal="S1",
            golongan_minimal="III/a",
        )  # fmt: skip
        StandarKompetensi.objects.bulk_create(
            [StandarKompetensi(jabatan=jabatan, kompetensi=k, level=3) for k in kompetensi]
        )
        ids = list(
            Pegawai.objects.filter(aktif=True).order_by("pk").values_list("pk", flat=True)[:n]
        )
        if len(ids) < n:
            raise CommandError(f"hanya {len(ids)} pegawai; perlu --pegawai >= {n}")
        unit = unit_uji("BENCH-KANDIDAT")
        Pegawai.objects.filter(pk__in=ids).update(unit_kerja=unit)
        kolom = kolom_model(AsesmenKompetensi)
        nilai = {"metode": "UJI_KOMPETENSI", "asesor": "", "catatan": "",
                 "tanggal": date(2025, 6, 1), "dibuat": None}  # fmt: skip
        from django.utils import timezone

        nilai["dibuat"] = timezone.now()
        sisip_massal(AsesmenKompetensi, kolom, [
            tuple({**nilai, "pegawai_id": p, "kompetensi_id": k.pk,
                   "level": 1 + (p + k.pk) % 5}[c] for c in kolom)
            for p in ids for k in kompetensi
        ])  # fmt: skip
        with connection.cursor() as c:
            # Statistics for the rows just written, as autovacuum would have by now.
            c.execute("ANALYZE pegawai_pegawai, jabatan_asesmenkompetensi")
        user = operator_uji("bench-kandidat", unit)
        token = token_untuk(user.pk)
        klien = klien_api()
        url = f"/api/v1/jabatan/{jabatan.pk}/kandidat/"
        data, kueri = get_api(klien, url, token)
        if data.get("count") != n:
            raise CommandError(f"kandidat {data.get('count')} != {n}")
        api = median_waktu(lambda: get_api(klien, url, token), ulang)

        def baca_sql() -> None:
            with connection.cursor() as c:
                c.execute(
                    "SELECT id, nip, nama, golongan, pendidikan_jenjang, pendidikan_jurusan "
                    "FROM pegawai_pegawai WHERE aktif AND unit_kerja_id = %s",
                    [unit.pk],
                )
                c.fetchall()
                c.execute(
                    "SELECT pegawai_id, kompetensi_id, level, tanggal, id "
                    "FROM jabatan_asesmenkompetensi WHERE kompetensi_id = ANY(%s) AND "
                    "pegawai_id IN (SELECT id FROM pegawai_pegawai WHERE unit_kerja_id = %s)",
                    [[k.pk for k in kompetensi], unit.pk],
                )
                c.fetchall()

        sql = median_waktu(baca_sql, ulang)
        transaction.set_rollback(True)
    return (
        f"{api * 1000:.0f} ms per permintaan (halaman 1, {kueri} kueri) | membaca baris yang "
        f"sama dengan SQL {sql * 1000:.0f} ms -> {api / sql:.1f}x"
    )
