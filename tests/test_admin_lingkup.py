"""The admin's scope, walked from the URL configuration (issue 16, item 1).

For every model registered in the admin and every URL its ModelAdmin registers (Django's,
django-simple-history's, django-import-export's and the project's own object tools), an
Operator OPD requests the page with ids of objects OUTSIDE its scope (and ids of their
historical rows): every answer is 404, for GET and for POST (a re-posted revert must not write).
The positive control: inside the scope the change, history and revert pages answer 200.
Pages without an object id (changelist, add, import, export, reports) answer 200 or 403 — 403
when the role has no permission on the model at all — and never link an out-of-scope object.

Data: the demo seed (every app's demo rows, in DISKES and DISDIKBUD), walked by the demo
operator of DISKES and by an operator of DISDIKBUD, so each sees the other's rows as outside.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from simple_history.admin import SimpleHistoryAdmin

from pegawai.admin_lingkup import AdminBerlingkup
from pegawai.models import Pegawai, UnitKerja
from tests.factories import operator

# `aturan` is left out on purpose: its rows are regulations, the same for every unit (no
# personal data, nothing to scope), and operators may only view them.
APLIKASI_PROYEK = {"asn_hr", "inti", "pegawai", "jabatan", "kinerja", "pelatihan", "karier",
                   "pengaduan", "siasn"}  # fmt: skip
ID_PER_MODEL = 2  # out-of-scope objects tried per model (and as many history rows)

pytestmark = pytest.mark.django_db


def _model_proyek():
    return [
        (model, ma)
        for model, ma in admin.site._registry.items()
        if model._meta.app_label in APLIKASI_PROYEK
    ]


def test_setiap_admin_model_proyek_memakai_mixin_cakupan():
    tanpa = [type(ma).__name__ for _m, ma in _model_proyek() if not isinstance(ma, AdminBerlingkup)]
    assert tanpa == []


def _qs_untuk(ma, user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return ma.get_queryset(request)


def _riwayat(model, pks):
    manager = getattr(model, "history", None)
    if manager is None or not hasattr(manager, "model"):
        return []
    pk = model._meta.pk.attname
    return list(
        manager.model.objects.filter(**{f"{pk}__in": pks}).values_list(pk, "history_id")[
            :ID_PER_MODEL
        ]
    )


def _pola(ma):
    for p in ma.get_urls():
        if getattr(p, "name", None):
            yield p, p.pattern.regex.groups


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    # History rows of both units' employees and formasi (the reported leak): one change each.
    for pegawai in Pegawai.objects.filter(unit_kerja__kode__in=["DISKES-P2P", "DISDIKBUD"]):
        pegawai.save()
    from django.contrib.auth.models import User

    return [
        User.objects.get(username="operator.diskes"),
        operator(UnitKerja.objects.get(kode="DISDIKBUD"), username="operator.disdikbud"),
    ]


def test_operator_mendapat_404_di_setiap_url_admin_di_luar_cakupan(client, demo):
    sel = Counter()
    bocor: list[str] = []
    positif: list[str] = []
    for user in demo:
        client.force_login(user)
        for model, ma in _model_proyek():
            semua = model._default_manager.all()
            dalam = _qs_untuk(ma, user)
            dalam_pk = set(dalam.values_list("pk", flat=True))
            luar = list(semua.exclude(pk__in=dalam_pk).values_list("pk", flat=True)[:ID_PER_MODEL])
            luar_riwayat = _riwayat(model, semua.exclude(pk__in=dalam_pk).values("pk"))
            dalam_satu = next(iter(sorted(dalam_pk)), None)
            for pola, grup in _pola(ma):
                nama = f"admin:{pola.name}"
                if grup == 0:
                    resp = client.get(reverse(nama))
                    sel["tanpa_id"] += 1
                    if resp.status_code not in (200, 302, 403, 405):
                        bocor.append(f"{user} {nama} -> {resp.status_code}")
                    elif resp.status_code == 200 and luar and "changelist" in pola.name:
                        html = resp.content.decode()
                        for pk in luar:
                            url = reverse(
                                f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                                args=[pk],
                            )
                            if f'href="{url}"' in html:
                                bocor.append(f"{user} {nama} links {url}")
                    continue
                if grup == 1:
                    kasus = [(pk,) for pk in luar]
                else:  # simple-history's revert page: (object id, history id)
                    kasus = list(luar_riwayat)
                    if dalam_satu is not None and luar_riwayat:
                        kasus.append((dalam_satu, luar_riwayat[0][1]))  # mixed pair
                for args in kasus:
                    try:
                        url = reverse(nama, args=args)
                    except NoReverseMatch:
                        continue
                    for metode in ("get", "post"):
                        resp = getattr(client, metode)(url)
                        sel[metode] += 1
                        if resp.status_code != 404:
                            bocor.append(f"{user} {metode.upper()} {url} -> {resp.status_code}")
            # Autocomplete answers only objects of the target admin's scope.
            for nama_field in ma.autocomplete_fields:
                target = model._meta.get_field(nama_field).remote_field.model
                target_pk = set(
                    _qs_untuk(admin.site._registry[target], user).values_list("pk", flat=True)
                )
                resp = client.get(
                    reverse("admin:autocomplete"),
                    {"app_label": model._meta.app_label, "model_name": model._meta.model_name,
                     "field_name": nama_field, "term": ""},
                )  # fmt: skip
                sel["autocomplete"] += 1
                if resp.status_code == 200:
                    ids = {int(r["id"]) for r in resp.json()["results"]}
                    if ids - target_pk:
                        bocor.append(f"{user} autocomplete {model.__name__}.{nama_field}")
                elif resp.status_code != 403:
                    bocor.append(f"{user} autocomplete {nama_field} -> {resp.status_code}")
            # Positive control: inside the scope the object pages work.
            if dalam_satu is not None and ma.has_view_permission(_req(user)):
                app, nm = model._meta.app_label, model._meta.model_name
                urls = [reverse(f"admin:{app}_{nm}_change", args=[dalam_satu])]
                if isinstance(ma, SimpleHistoryAdmin):
                    urls.append(reverse(f"admin:{app}_{nm}_history", args=[dalam_satu]))
                    for pk, hid in _riwayat(model, [dalam_satu])[:1]:
                        urls.append(reverse(f"admin:{app}_{nm}_simple_history", args=[pk, hid]))
                for url in urls:
                    resp = client.get(url)
                    sel["positif"] += 1
                    if resp.status_code != 200:
                        positif.append(f"{user} {url} -> {resp.status_code}")
    print("\nsel jalan admin:", json.dumps(sel), "bocor:", len(bocor))
    assert bocor == []
    assert positif == []
    assert sel["get"] > 100 and sel["positif"] > 20


def _req(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


@pytest.fixture
def dua_unit(db):
    """Two units, an employee in each, the operator of the first."""
    from tests.factories import PegawaiFactory, UnitKerjaFactory

    sendiri, lain = UnitKerjaFactory(kode="SENDIRI"), UnitKerjaFactory(kode="LAIN")
    return operator(sendiri), PegawaiFactory(unit_kerja=sendiri), PegawaiFactory(unit_kerja=lain)


def test_revert_pegawai_unit_lain_tidak_menulis_apa_pun(client, dua_unit):
    operator_sendiri, _milik, korban = dua_unit
    korban.save()
    hid = korban.history.latest().history_id
    client.force_login(operator_sendiri)
    url = reverse("admin:pegawai_pegawai_simple_history", args=[korban.pk, hid])
    sendiri = UnitKerja.objects.get(kode="SENDIRI")
    assert client.get(url).status_code == 404
    resp = client.post(url, {"nip": korban.nip, "nama": "Diambil alih", "unit_kerja": sendiri.pk})
    assert resp.status_code == 404
    korban.refresh_from_db()
    assert korban.unit_kerja.kode == "LAIN"
    assert korban.nama != "Diambil alih"
    assert client.get(reverse("admin:pegawai_pegawai_history", args=[korban.pk])).status_code == 404


def test_revert_di_dalam_cakupan_tetap_berfungsi(client, dua_unit):
    operator_sendiri, milik, _korban = dua_unit
    nama_lama = milik.nama
    milik.nama = "Nama Baru"
    milik.save()
    versi = milik.history.order_by("history_date").first()
    client.force_login(operator_sendiri)
    url = reverse("admin:pegawai_pegawai_simple_history", args=[milik.pk, versi.history_id])
    assert client.get(url).status_code == 200
    assert nama_lama in client.get(url).content.decode()


def test_penulisan_yang_jatuh_di_luar_cakupan_dibatalkan(client, dua_unit):
    """AsesmenKompetensi's pegawai field is an autocomplete that does not limit the POSTed id:
    the guard after saving refuses (403) and rolls the row back."""
    from jabatan.models import AsesmenKompetensi, Kompetensi

    operator_sendiri, milik, luar = dua_unit
    kompetensi = Kompetensi.objects.create(kode="K1", nama="Kompetensi uji", jenis="TEKNIS")
    client.force_login(operator_sendiri)
    data = {
        "kompetensi": kompetensi.pk,
        "level": 3,
        "tanggal": "2026-01-05",
        "metode": "UJI_KOMPETENSI",
    }
    resp = client.post(reverse("admin:jabatan_asesmenkompetensi_add"), {**data, "pegawai": luar.pk})
    assert resp.status_code == 403
    assert not AsesmenKompetensi.objects.filter(pegawai=luar).exists()
    resp = client.post(
        reverse("admin:jabatan_asesmenkompetensi_add"), {**data, "pegawai": milik.pk}
    )
    assert resp.status_code == 302
    assert AsesmenKompetensi.objects.filter(pegawai=milik).count() == 1


def test_revert_memerlukan_izin_ubah(client, dua_unit):
    """An operator may view the job catalogue but not change it, revert included."""
    from tests.jabatan.factories import JabatanFactory

    operator_sendiri, _milik, _luar = dua_unit
    jabatan = JabatanFactory(kode="J1", nama="Analis Lama")
    jabatan.nama = "Analis"
    jabatan.save()
    versi = jabatan.history.order_by("history_date").first()
    client.force_login(operator_sendiri)
    url = reverse("admin:jabatan_jabatan_simple_history", args=[jabatan.pk, versi.history_id])
    assert client.get(url).status_code == 200  # viewing the old version is allowed
    data = {
        "kode": "J1",
        "nama": "Dibalik operator",
        "jenis": "FUNGSIONAL",
        "kelas_jabatan": 8,
        "rumpun": "KEAHLIAN",
        "jenjang": "AHLI_PERTAMA",
    }
    resp = client.post(url, data)
    assert resp.status_code == 403
    jabatan.refresh_from_db()
    assert jabatan.nama == "Analis"
