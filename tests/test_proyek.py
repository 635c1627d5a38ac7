"""Project plumbing: health check, production settings, schema, Celery wiring."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_healthz_menjawab_saat_basis_data_menjawab(client):
    resp = client.get("/healthz")
    assert resp.status_code == 200
    assert resp.json() == {"status": "ok", "database": "ok"}


def test_healthz_melaporkan_basis_data_mati(client, monkeypatch):
    from django.db import connection

    def mati(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", mati)
    assert client.get("/healthz").status_code == 503


def test_check_deploy_bersih_dengan_nilai_produksi():
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "hr.lampungprov.go.id",
    }
    # tests/e2e sets this for Playwright's event loop; it is not a production value.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues (0 silenced)" in out.stdout


def test_locale_dan_zona_waktu():
    assert settings.LANGUAGE_CODE == "id"
    assert settings.TIME_ZONE == "Asia/Jakarta"


def test_celery_membaca_pengaturan_django():
    from asn_hr.celery import app

    assert app.conf.task_acks_late is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.beat_scheduler == "django_celery_beat.schedulers:DatabaseScheduler"


# Test names are Indonesian, like the domain they describe. These common English words, as whole
# words between underscores, mark a name written in English; technical loanwords (api, csv,
# admin, token, endpoint, commit, worker, ...) and HTTP verbs (get, put) are not on the list.
KATA_INGGRIS = frozenset(
    """
    a an the and or but not no nothing is are be been has have does can cannot when while
    with without of to from into in on by for that this its it their them who what which
    once twice only every each another same new old bad before after still already never
    answers returns shows gets sees reads writes refuses refused
    rejects accepts becomes keeps lets takes moves names says lists adds creates follows
    uses imports loses invalid malformed employee period ceiling cross equal
    """.split()
)


def _kata_inggris(nama: str) -> set[str]:
    return set(nama.lower().split("_")) & KATA_INGGRIS


def test_nama_fungsi_dan_kelas_uji_berbahasa_indonesia():
    import ast

    assert _kata_inggris("test_healthz_answers_when_database_answers") == {"answers", "when"}
    assert not _kata_inggris("test_healthz_menjawab_saat_basis_data_menjawab")
    salah = []
    for berkas in sorted((ROOT / "tests").rglob("*.py")):
        for simpul in ast.walk(ast.parse(berkas.read_text(encoding="utf-8"))):
            if isinstance(simpul, ast.FunctionDef | ast.AsyncFunctionDef):
                nama = simpul.name if simpul.name.startswith("test_") else ""
            elif isinstance(simpul, ast.ClassDef) and simpul.name.startswith("Test"):
                # CamelCase to words: TestDaftarAdmin -> test_daftar_admin
                nama = "_".join(re.findall(r"[A-Z][a-z0-9]*", simpul.name))
            else:
                continue
            if kata := _kata_inggris(nama):
                letak = berkas.relative_to(ROOT)
                salah.append(f"{letak}: {simpul.name} ({', '.join(sorted(kata))})")
    assert salah == [], "Nama uji berbahasa Inggris:\n" + "\n".join(salah)


def test_komentar_templat_multibaris_memakai_tag_comment():
    """Django's `{# #}` comment is one line only: over several lines its text is printed on
    the page (it once put a developer note inside the supervisor menu)."""
    templat = ROOT / "templates"
    salah = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in templat.rglob("*.html")
        for n, baris in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if "{#" in baris and "#}" not in baris.split("{#", 1)[1]
    ]
    assert salah == []
