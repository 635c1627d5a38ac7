"""A clone of the repository runs on its own: nothing in it reaches for files outside it.

A user who downloads the project from a code host has no `../shared` beside it, and neither
has the Docker image. These tests read the source the way that user's machine would: every
path the code builds from `__file__`, every relative path in a string, every link in the docs
must stay inside the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIP_DIRS = {".venv", ".git", "node_modules", "staticfiles", "media", "__pycache__"}
THIS_FILE = Path(__file__).resolve()

# `Path(__file__).resolve().parent.parent...` or `.parents[N]`
PARENT_CHAIN = re.compile(
    r"Path\(__file__\)(?:\.resolve\(\))?((?:\.parent(?!s))+)(?:\.parents\[(\d+)\])?"
)
PARENTS_INDEX = re.compile(r"Path\(__file__\)(?:\.resolve\(\))?\.parents\[(\d+)\]")
# A string literal that climbs: "../x", '..\\x', or names the steering folder.
CLIMBING_STRING = re.compile(r"""["'][^"'\n]*(?:\.\./|\.\.\\|(?<![\w.])shared/data)[^"'\n]*["']""")


def _files(*suffixes: str, names: tuple[str, ...] = ()) -> list[Path]:
    found = []
    for path in ROOT.rglob("*"):
        if any(part in SKIP_DIRS for part in path.relative_to(ROOT).parts):
            continue
        if path.is_file() and (path.suffix in suffixes or path.name in names):
            found.append(path)
    return found


def _inside(path: Path, root: Path = ROOT) -> bool:
    try:
        path.resolve().relative_to(root)
    except ValueError:
        return False
    return True


def _climbing_paths(source: Path, root: Path = ROOT) -> list[str]:
    if source.resolve() == THIS_FILE:  # its probes are strings, not paths it uses
        return []
    text = source.read_text(encoding="utf-8")
    name = source.relative_to(root)
    problems = []
    for match in PARENT_CHAIN.finditer(text):
        depth = match.group(1).count(".parent")
        target = source.resolve()
        for _ in range(depth):
            target = target.parent
        if match.group(2) is not None:
            target = target.parents[int(match.group(2))]
        if not _inside(target, root):
            problems.append(f"{name}: {match.group(0)}")
    for match in PARENTS_INDEX.finditer(text):
        level = int(match.group(1))
        parents = source.resolve().parents
        if level >= len(parents) or not _inside(parents[level], root):
            problems.append(f"{name}: {match.group(0)}")
    for match in CLIMBING_STRING.finditer(text):
        problems.append(f"{name}: {match.group(0)}")
    return problems


def test_pemindai_menangkap_jalur_yang_naik_keluar(tmp_path):
    """The check itself can fail: a file written like the old DEFAULT_UNIT_CSV is caught."""
    root = tmp_path / "repo"
    probe = root / "pegawai" / "_probe_climb.py"
    probe.parent.mkdir(parents=True)
    probe.write_text(
        'X = Path(__file__).resolve().parent.parent.parent / "shared/data/unit.csv"\n'
        'Y = Path(__file__).resolve().parents[3] / "data"\n'
        'Z = "../shared/DESIGN.md"\n',
        encoding="utf-8",
    )
    problems = _climbing_paths(probe, root)
    assert len(problems) == 4, problems


@pytest.mark.parametrize("suffixes,names", [
    ((".py", ".sh", ".cfg", ".toml", ".ini", ".yml", ".yaml", ".txt"),
     ("Makefile", "Dockerfile", "run", ".dockerignore")),
])  # fmt: skip
def test_tidak_ada_kode_atau_berkas_build_yang_membaca_di_luar_repositori(suffixes, names):
    problems = []
    for source in _files(*suffixes, names=names):
        problems.extend(_climbing_paths(source))
    assert problems == []


def test_tautan_markdown_tetap_di_dalam_repositori():
    link = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
    code_path = re.compile(r"`(\.\./[^`]+)`")
    problems = []
    for doc in _files(".md"):
        text = doc.read_text(encoding="utf-8")
        for target in link.findall(text):
            if re.match(r"^[a-z]+://|^mailto:", target):
                continue
            resolved = doc.parent / target
            if not _inside(resolved) or not resolved.exists():
                problems.append(f"{doc.relative_to(ROOT)} -> {target}")
        problems.extend(f"{doc.relative_to(ROOT)} -> {p}" for p in code_path.findall(text))
    assert problems == []


def test_data_yang_dimuat_produk_ikut_dalam_repositori():
    from pegawai.services import DEFAULT_UNIT_CSV, SAMPLE_PEGAWAI_XLSX

    for path in (DEFAULT_UNIT_CSV, SAMPLE_PEGAWAI_XLSX):
        assert _inside(path), path
        assert path.is_file(), path
    # The Docker build context keeps them (the image is built from the repository alone).
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    data_dirs = {"pegawai", "pegawai/data", "data"}
    assert not any(pattern.strip("/*") in data_dirs for pattern in ignored)
