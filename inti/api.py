"""API plumbing of every app: pagination (page numbers by default, settings.REST_FRAMEWORK;
keyset cursors for the big lists) and the exception handler."""

from __future__ import annotations

import base64
import json
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, serializers
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import exception_handler as drf_exception_handler

from .kursor import kolom_urutan, setelah_posisi


class Paginasi(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus Django `ValidationError` from services answered as a 400."""
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail: Any = exc.message_dict
        else:
            detail = {"non_field_errors": exc.messages}
        exc = serializers.ValidationError(detail)
    return drf_exception_handler(exc, context)


# --- Cursor (keyset) pagination -------------------------------------------------------------

PESAN_KURSOR = "Kursor tidak sah: ikuti tautan next/previous dari respons sebelumnya."
PESAN_HALAMAN = (
    "Halaman {maks} ke atas tidak tersedia pada daftar ini: ikuti tautan next (parameter "
    "cursor) dari respons sebelumnya."
)
PANJANG_KURSOR_MAKS = 1000


class KursorTidakSah(exceptions.ValidationError):
    def __init__(self) -> None:
        super().__init__({"cursor": [PESAN_KURSOR]})


def _field_urutan(model, jalur: str):
    """The model field at the end of an ordering path (`tanggal`, `pk`, `pegawai__nama`)."""
    field = None
    for bagian in jalur.split("__"):
        field = model._meta.pk if bagian == "pk" else model._meta.get_field(bagian)
        if field.is_relation:
            model = field.related_model
    if field is not None and field.is_relation:  # a foreign key orders by its target's pk
        field = field.target_field
    return field


def _nilai_baris(obj, jalur: str):
    for bagian in jalur.split("__"):
        obj = getattr(obj, bagian)
    return obj


def _ke_json(nilai):
    if isinstance(nilai, date | time | datetime):
        return nilai.isoformat()
    if isinstance(nilai, Decimal):
        return str(nilai)
    return nilai


class PaginasiKursor(BasePagination):
    """Keyset ("cursor") pagination over a composite ordering, for the lists that grow with
    the province (daily reports, appraisals, SKP, talent map, JP): the page after a cursor is
    `WHERE (k1, k2, ..., pk) < (v1, v2, ..., id) ORDER BY k1, k2, ..., pk LIMIT n`, one index
    range scan however deep, and no `COUNT(*)` (API.md: "cursor lists may omit count").

    - The ordering is the view's `urutan_kursor` (columns of the list's own table, so one
      index serves it), completed with `pk` when its last key is not unique: rows that tie on
      every other key keep a stable order and are never skipped nor repeated.
    - The cursor is opaque to clients (base64 of the last row's ordering values and the
      direction). It is a position, not a permission: the page is always taken from the
      view's scoped and filtered queryset, so a cursor crafted from a row outside the scope
      only says where to start; a malformed one answers 400 on `cursor`.
    - `previous` walks backward from the first row of the page.
    - `page=` (the page-number parameter of the other lists) still works for the first
      `halaman_maks` pages (a small OFFSET); deeper pages answer 400 telling to follow `next`.
    - `page_size` as elsewhere: default 50, at most 200."""

    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"
    cursor_query_param = "cursor"
    page_query_param = "page"
    halaman_maks = 20

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.ukuran = self._ukuran(request)
        self.kolom = self._urutan(queryset, view)
        self.fields = [_field_urutan(queryset.model, j) for j, _ in self.kolom]
        maju = [f"-{j}" if turun else j for j, turun in self.kolom]
        mundur_urut = [j if turun else f"-{j}" for j, turun in self.kolom]
        queryset = queryset.order_by(*maju)
        mentah = request.query_params.get(self.cursor_query_param)
        halaman = request.query_params.get(self.page_query_param)
        self.ada_berikut = self.ada_sebelum = False
        if mentah:
            nilai, mundur = self._baca(mentah)
            if mundur:
                baris = list(
                    queryset.filter(self._lewat(nilai, mundur=True))
                    .order_by(*mundur_urut)[: self.ukuran + 1]
                )
                self.ada_sebelum = len(baris) > self.ukuran
                baris = baris[: self.ukuran][::-1]
                self.ada_berikut = True
            else:
                baris = list(queryset.filter(self._lewat(nilai))[: self.ukuran + 1])
                self.ada_berikut = len(baris) > self.ukuran
                baris = baris[: self.ukuran]
                self.ada_sebelum = True
            self.posisi = nilai
        else:
            nomor = self._nomor_halaman(halaman)
            awal = (nomor - 1) * self.ukuran
            baris = list(queryset[awal : awal + self.ukuran + 1])
            self.ada_berikut = len(baris) > self.ukuran
            baris = baris[: self.ukuran]
            self.ada_sebelum = nomor > 1
            self.posisi = None
        self.baris = baris
        return baris

    # --- links --------------------------------------------------------------------------

    def get_paginated_response(self, data):
        return Response(
            {"next": self.get_next_link(), "previous": self.get_previous_link(), "results": data}
        )

    def get_paginated_response_schema(self, schema):
        tautan = {"type": "string", "nullable": True, "format": "uri"}
        return {
            "type": "object",
            "required": ["results"],
            "properties": {"next": tautan, "previous": tautan, "results": schema},
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Posisi halaman: salin dari tautan next/previous.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Baris per halaman (bawaan {self.page_size}, maksimal "
                f"{self.max_page_size}).",
                "schema": {"type": "integer"},
            },
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": f"Nomor halaman, hanya 1–{self.halaman_maks - 1} (kompatibilitas); "
                "selebihnya ikuti tautan next.",
                "schema": {"type": "integer"},
            },
        ]

    def get_next_link(self) -> str | None:
        if not self.ada_berikut:
            return None
        nilai = self._nilai(self.baris[-1]) if self.baris else self.posisi
        return self._tautan(nilai, mundur=False)

    def get_previous_link(self) -> str | None:
        if not self.ada_sebelum:
            return None
        nilai = self._nilai(self.baris[0]) if self.baris else self.posisi
        return self._tautan(nilai, mundur=True)

    def _tautan(self, nilai: list | None, *, mundur: bool) -> str | None:
        if nilai is None:
            return None
        url = self.request.build_absolute_uri()
        url = remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.cursor_query_param, self.tulis_kursor(nilai, mundur))

    # --- the cursor ---------------------------------------------------------------------

    @staticmethod
    def tulis_kursor(nilai: list, mundur: bool = False) -> str:
        """The opaque cursor of a position (the ordering values of one row)."""
        isi = {"v": [_ke_json(v) for v in nilai]}
        if mundur:
            isi["m"] = 1
        teks = json.dumps(isi, separators=(",", ":"), ensure_ascii=False)
        return base64.urlsafe_b64encode(teks.encode()).decode().rstrip("=")

    def _baca(self, mentah: str) -> tuple[list, bool]:
        if len(mentah) > PANJANG_KURSOR_MAKS:
            raise KursorTidakSah()
        try:
            teks = base64.urlsafe_b64decode(mentah + "=" * (-len(mentah) % 4)).decode()
            isi = json.loads(teks)
        except (ValueError, UnicodeDecodeError):
            raise KursorTidakSah() from None
        if not isinstance(isi, dict) or set(isi) - {"v", "m"}:
            raise KursorTidakSah()
        mentah_nilai = isi.get("v")
        if not isinstance(mentah_nilai, list) or len(mentah_nilai) != len(self.fields):
            raise KursorTidakSah()
        nilai = []
        for field, v in zip(self.fields, mentah_nilai, strict=True):
            if isinstance(v, bool) or not isinstance(v, str | int):
                raise KursorTidakSah()
            try:
                v = field.to_python(v)
                if v is None:
                    raise KursorTidakSah()
                field.run_validators(v)
            except (DjangoValidationError, ValueError, TypeError, OverflowError):
                raise KursorTidakSah() from None
            nilai.append(v)
        return nilai, isi.get("m") == 1

    def _nilai(self, obj) -> list:
        return [_nilai_baris(obj, j) for j, _ in self.kolom]

    def _lewat(self, nilai: list, *, mundur: bool = False):
        """The condition "after this position in list order" (or before, `mundur`)."""
        return setelah_posisi(self.kolom, nilai, mundur=mundur)

    # --- parameters ---------------------------------------------------------------------

    def _urutan(self, queryset, view) -> list[tuple[str, bool]]:
        urutan = list(getattr(view, "urutan_kursor", None) or queryset.query.order_by)
        if not urutan:
            raise ImproperlyConfigured("PaginasiKursor memerlukan urutan_kursor pada view.")
        kolom = kolom_urutan(urutan)
        terakhir = _field_urutan(queryset.model, kolom[-1][0])
        if not (terakhir.primary_key or terakhir.unique) or "__" in kolom[-1][0]:
            kolom.append(("pk", kolom[-1][1]))
        return kolom

    def _ukuran(self, request) -> int:
        try:
            n = int(request.query_params[self.page_size_query_param])
        except (KeyError, ValueError):
            return self.page_size
        return min(n, self.max_page_size) if n > 0 else self.page_size

    def _nomor_halaman(self, mentah: str | None) -> int:
        if not mentah:
            return 1
        if not mentah.isdigit() or int(mentah) < 1:
            raise exceptions.ValidationError(
                {self.page_query_param: ["Nomor halaman harus bilangan bulat mulai 1."]}
            )
        if int(mentah) >= self.halaman_maks:
            raise exceptions.ValidationError(
                {self.page_query_param: [PESAN_HALAMAN.format(maks=self.halaman_maks)]}
            )
        return int(mentah)
