"""Fast multi-row INSERT for bulk paths (imports, data generation).

Django's `bulk_create` builds a model instance and prepares every value field by field; for
tens of thousands of rows that costs more than the database work. Here the caller hands over
plain tuples in column order; dates and datetimes are adapted once per column kind, the rest
goes to the driver as it is. PostgreSQL gets one
(`COPY ... FROM STDIN`); SQLite gets `executemany` inside the caller's transaction.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models


def kolom_model(model: type[models.Model], *, tanpa: Iterable[str] = ()) -> list[str]:
    """The attnames of a model's concrete columns, without the auto primary key."""
    skip = set(tanpa)
    return [
        f.attname
        for f in model._meta.concrete_fields
        if not (f.primary_key and isinstance(f, models.AutoField)) and f.attname not in skip
    ]


def _adaptor(field: models.Field) -> Callable[[Any], Any] | None:
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    if isinstance(field, models.BooleanField) and connection.vendor == "sqlite":
        return lambda v: None if v is None else int(v)
    return None


def sisip_massal(
    model: type[models.Model],
    kolom: Sequence[str],
    baris: Iterable[Sequence[Any]],
    *,
    halaman: int = 2000,
) -> None:
    """INSERT `baris` (tuples in `kolom` order) into the model's table, `halaman` rows per
    statement: the CSV buffer of a COPY never holds more than one page (flat memory)."""
    opts = model._meta
    fields = [opts.get_field(_nama_field(opts, k)) for k in kolom]
    adaptors = [(i, a) for i, f in enumerate(fields) if (a := _adaptor(f)) is not None]
    sisip_tabel(opts.db_table, [f.column for f in fields], baris, adaptors=adaptors,
                halaman=halaman)  # fmt: skip


def sisip_tabel(
    tabel: str,
    kolom: Sequence[str],
    baris: Iterable[Sequence[Any]],
    *,
    adaptors: Sequence[tuple[int, Callable[[Any], Any]]] = (),
    halaman: int = 2000,
) -> None:
    """`sisip_massal` for a table without a model (a temporary staging table): `kolom` are
    column names, `adaptors` (position, function) turn a value into what the driver takes."""
    cache: dict[tuple[int, Any], Any] = {}
    qn = connection.ops.quote_name
    cols = ", ".join(qn(k) for k in kolom)
    table = qn(tabel)
    halaman_ini: list[Sequence[Any]] = []

    def tulis() -> None:
        if not halaman_ini:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.cursor.copy_expert(
                    f"COPY {table} ({cols}) FROM STDIN WITH (FORMAT csv, NULL '\\N')",
                    _csv(halaman_ini),
                )
            else:
                marks = ", ".join(["%s"] * len(kolom))
                cursor.executemany(
                    f"INSERT INTO {table} ({cols}) VALUES ({marks})", halaman_ini
                )
        halaman_ini.clear()

    for row in baris:
        if adaptors:
            row = list(row)
            for i, adapt in adaptors:
                key = (i, row[i])
                if key not in cache:
                    cache[key] = adapt(row[i])
                row[i] = cache[key]
        halaman_ini.append(row)
        if len(halaman_ini) >= halaman:
            tulis()
    tulis()


def _csv(baris: Sequence[Sequence[Any]]) -> io.StringIO:
    """Rows as CSV for COPY: None becomes the unquoted NULL marker; booleans are written as
    True/False, which PostgreSQL's boolean input reads (no per-value type test)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([_NULL if v is None else v for v in row] for row in baris)
    buffer.seek(0)
    return buffer


_NULL = "\\N"


def _nama_field(opts: Any, attname: str) -> str:
    for f in opts.concrete_fields:
        if f.attname == attname:
            return f.name
    raise LookupError(attname)
