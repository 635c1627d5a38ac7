"""Admin at province scale (issue 17): no unit field is a `<select>` of every unit (5,837 at
100,000 employees) and no changelist filter lists every unit; the unit autocomplete answers
only the units the user manages."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, ForeignKeyRawIdWidget
from django.db import models
from django.test import RequestFactory
from django.urls import reverse

from pegawai.models import UnitKerja
from tests.factories import UnitKerjaFactory, admin_bkd, operator


def _admin_dengan_unit():
    for model, ma in admin.site._registry.items():
        for f in model._meta.get_fields():
            if isinstance(f, models.ForeignKey) and f.related_model is UnitKerja:
                yield model, ma, f.name


def test_setiap_field_unit_di_admin_bukan_select_semua_unit(db):
    user = admin_bkd()
    request = RequestFactory().get("/admin/")
    request.user = user
    select = []
    for model, ma, nama in _admin_dengan_unit():
        if not ma.has_add_permission(request) and not ma.has_change_permission(request):
            continue  # the form is only ever shown read-only
        field = ma.get_form(request, None).base_fields.get(nama)
        if field is None:  # read-only or not on the form
            continue
        widget = getattr(field.widget, "widget", field.widget)
        if not isinstance(widget, (AutocompleteSelect, ForeignKeyRawIdWidget)):
            select.append(f"{model.__name__}.{nama}: {type(widget).__name__}")
    assert select == []


@pytest.fixture
def banyak_unit(db):
    opd = UnitKerjaFactory(kode="OPD", nama="Dinas Induk")
    for i in range(60):
        UnitKerjaFactory(kode=f"SUB-{i:02d}", nama=f"Sub Unit Nomor {i:02d}", parent=opd)
    return opd


def test_filter_changelist_tidak_mendaftar_setiap_unit(client, banyak_unit):
    client.force_login(admin_bkd())
    terlalu_banyak = []
    for model, _ma, _nama in _admin_dengan_unit():
        app, nm = model._meta.app_label, model._meta.model_name
        resp = client.get(reverse(f"admin:{app}_{nm}_changelist"))
        if resp.status_code != 200:
            continue
        html = resp.content.decode()
        filter_ = html.split('id="changelist-filter"', 1)[1] if "changelist-filter" in html else ""
        n = len(re.findall(r"Sub Unit Nomor", filter_))
        if n > 1:
            terlalu_banyak.append(f"{model.__name__}: {n}")
    assert terlalu_banyak == []


def test_autocomplete_unit_operator_hanya_unitnya(client, banyak_unit):
    lain = UnitKerjaFactory(kode="LAIN", nama="Dinas Lain")
    sub = UnitKerja.objects.get(kode="SUB-01")
    client.force_login(operator(sub))
    resp = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "pegawai", "model_name": "pegawai", "field_name": "unit_kerja",
         "term": "dinas"},
    )  # fmt: skip
    assert resp.status_code == 200
    assert resp.json()["results"] == []
    resp = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "pegawai", "model_name": "pegawai", "field_name": "unit_kerja",
         "term": "sub unit"},
    )  # fmt: skip
    assert [r["text"] for r in resp.json()["results"]] == ["Sub Unit Nomor 01"]
    client.force_login(admin_bkd())
    resp = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "pegawai", "model_name": "pegawai", "field_name": "unit_kerja",
         "term": "dinas"},
    )  # fmt: skip
    assert {r["text"] for r in resp.json()["results"]} == {"Dinas Induk", lain.nama}
