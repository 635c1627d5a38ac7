"""Streaming an uploaded file from a view that has already checked the access scope."""

from __future__ import annotations

import os

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def respons_berkas(berkas: FieldFile) -> FileResponse:
    """The file as a private, uncached response; 404 when there is none or it is gone."""
    if not berkas:
        raise Http404
    try:
        isi = berkas.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    resp = FileResponse(isi, filename=os.path.basename(berkas.name))
    resp["Cache-Control"] = "private, no-store"
    return resp
