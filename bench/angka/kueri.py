"""Figure 4: the supervisor queue and the employee list at 1 and at many rows: query
counts equal; then every list (each API list and each admin changelist, enumerated from the
URL configuration and the admin registry by `bench.daftar`) with one row on the page and with
a full page: query counts equal, the lists that grow printed."""

from __future__ import annotations

from datetime import date, timedelta
from datetime import time as time_

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count
from django.test.utils import override_settings

from bench import daftar
from bench.alat import (
    Tulis,
    get_api,
    klien_api,
    operator_uji,
    token_untuk,
    unit_uji,
    ya,
)
from kinerja.models import LaporanHarian, Rhk, StatusLaporan
from pegawai.models import GRUP_ADMIN_BKD, Pegawai


def jalankan(tulis: Tulis, banyak: int) -> None:
    klien = klien_api()
    with transaction.atomic():
        # The supervisor queue: one kepala seksi, first 1 then `banyak` waiting reports.
        atasan = (
            Pegawai.objects.filter(aktif=True, user__isnull=False, bawahan__aktif=True)
            .annotate(n=Count("bawahan")).filter(n__gte=5).order_by("pk").first()
        )  # fmt: skip
        if atasan is None:
            raise CommandError("Tidak ada atasan dengan >= 5 bawahan; jalankan seed_scale.")
        bawahan = list(
            Pegawai.objects.filter(atasan=atasan, aktif=True).values_list("pk", flat=True)
        )
        LaporanHarian.objects.filter(
            pegawai_id__in=bawahan, status=StatusLaporan.DIAJUKAN
        ).update(status=StatusLaporan.DISETUJUI)
        rhk = dict(
            Rhk.objects.filter(skp__pegawai_id__in=bawahan).values_list("skp__pegawai_id", "pk")
        )
        token = token_untuk(atasan.user_id)
        url = "/api/v1/kinerja/laporan-harian/antrian/"
        get_api(klien, url, token)  # warm-up: first-request caches

        def tambah(dari: int, sampai: int) -> None:
            baru = []
            for j in range(dari, sampai):
                pid = bawahan[j % len(bawahan)]
                baru.append(
                    LaporanHarian(
                        pegawai_id=pid, rhk_id=rhk[pid], uraian="Antrian uji",
                        tanggal=date(2020, 1, 1) + timedelta(days=j // len(bawahan)),
                        kuantitas=1, satuan="dokumen", jam_mulai=time_(8),
                        jam_selesai=time_(9), menit=60,
                    )
                )  # fmt: skip
            LaporanHarian.objects.bulk_create(baru, batch_size=1000)

        tambah(0, 1)
        satu, q_satu = get_api(klien, url, token, page_size=200)
        tambah(1, banyak)
        seribu, q_seribu = get_api(klien, url, token, page_size=200)
        baris = (satu["count"], seribu["count"])
        tulis(
            f"4 antrian atasan /api/v1/kinerja/laporan-harian/antrian/: {baris[0]:,} baris "
            f"{q_satu} kueri, {baris[1]:,} baris {q_seribu} kueri -> "
            f"{ya(q_satu == q_seribu and baris == (1, banyak))}"
        )

        # The employee list: an operator of a unit with 1 employee, another with `banyak`.
        staf = list(
            Pegawai.objects.filter(aktif=True, bawahan__isnull=True).order_by("pk")
            .values_list("pk", flat=True)[: banyak + 1]
        )  # fmt: skip
        hitung = []
        for kode, ids in (("BENCH-SATU", staf[:1]), ("BENCH-BANYAK", staf[1:])):
            unit = unit_uji(kode)
            Pegawai.objects.filter(pk__in=ids).update(unit_kerja=unit)
            user = operator_uji(kode.lower(), unit)
            klien_op = klien_api()
            get_api(klien_op, "/api/v1/pegawai/", token_untuk(user.pk))
            hitung.append(
                get_api(klien_op, "/api/v1/pegawai/", token_untuk(user.pk), page_size=200)
            )
        (a, q_a), (b, q_b) = hitung
        # A cursor list (no count): the rows of the first page of 200.
        n_a, n_b = len(a["results"]), len(b["results"])
        tulis(
            f"4 daftar pegawai /api/v1/pegawai/ (operator OPD): {n_a:,} baris {q_a} "
            f"kueri, {n_b:,} baris {q_b} kueri -> "
            f"{ya(q_a == q_b and (n_a, n_b) == (1, min(banyak, 200)))}"
        )
        setiap_daftar(tulis)
        transaction.set_rollback(True)


def setiap_daftar(tulis: Tulis) -> None:
    """Every list page as Admin BKD (a superuser in the group: every changelist opens)."""
    from pegawai.services import grup_peran_siapkan

    grup_peran_siapkan()
    admin = User.objects.create(username="bench.kueri.admin", is_staff=True, is_superuser=True)
    admin.groups.add(Group.objects.get(name=GRUP_ADMIN_BKD))
    klien = klien_api()
    klien.force_login(admin)
    # Pages render static URLs; the bench does not collectstatic (no manifest): plain storage.
    storages = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # fmt: skip
    with override_settings(STORAGES=storages):
        _setiap_daftar(tulis, klien, admin)


def _setiap_daftar(tulis: Tulis, klien, admin: User) -> None:
    auth = {"HTTP_AUTHORIZATION": f"Token {token_untuk(admin.pk)}", "secure": True}
    hasil = [h for url in daftar.url_daftar_api()
             if (h := daftar.kueri_daftar_api(klien, url, **auth)) is not None]  # fmt: skip
    n_api = len(hasil)
    for url, model in sorted(daftar.model_changelist().items()):
        hasil.append(daftar.kueri_changelist(klien, url, model, secure=True))
    teruji = [h for h in hasil if h.teruji]
    tumbuh = [h for h in teruji if h.tumbuh]
    lain = [h for h in hasil if not h.teruji]
    rinci_tumbuh = "; ".join(
        f"{h.url} {h.baris_satu}->{h.baris_banyak} baris: {h.kueri_satu}->{h.kueri_banyak} kueri"
        for h in tumbuh
    )
    rinci_lain = ", ".join(f"{h.url} ({h.catatan or f'{h.baris_banyak} baris'})" for h in lain)
    tulis(
        f"4 setiap daftar ({n_api} daftar API + {len(hasil) - n_api} changelist admin, "
        f"{len(teruji)} teruji 1 baris vs halaman penuh): kueri sama -> {ya(not tumbuh)}"
        + (f" | TUMBUH: {rinci_tumbuh}" if tumbuh else "")
        + (f" | tidak teruji (kurang dari 2 baris atau bukan 200): {rinci_lain}" if lain else "")
    )
