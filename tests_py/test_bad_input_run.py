"""One run over the development corpus plus one broken file of each kind: every good document loads
exactly as in a clean run, each broken file is named with its reason, the run exits non-zero, and no
traceback is printed."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES_DIR, PROJECT_ROOT, corpus_dir
from test_pdf_reader import ASCII_RUNS, make_pdf, table_page, text_run

EXAMPLE = EXAMPLES_DIR / "example_culture_2025_dept.txt"


def broken_files(folder: Path) -> dict[Path, str]:
    """Each broken file and a word its error line must contain."""
    folder.mkdir()
    example = EXAMPLE.read_text(encoding="utf-8")
    lines = example.splitlines()
    corpus_pdf = sorted(corpus_dir().glob("*.pdf"))[0].read_bytes()
    cut_at = max(i for i, line in enumerate(lines) if line.endswith("一般公共预算支出功能分类预算表")) + 12
    files: dict[str, tuple[bytes, str]] = {
        "empty.txt": (b"", "empty file"),
        "random.txt": (bytes((i * 7919 + 13) % 256 for i in range(4096)), "binary"),
        "random.pdf": (bytes((i * 104729 + 7) % 256 for i in range(4096)), "not a PDF"),
        "truncated.pdf": (corpus_pdf[: len(corpus_pdf) // 2], "damaged"),
        "encrypted.pdf": (make_pdf([table_page(ASCII_RUNS)], user_password="secret"), "password"),
        "scanned.pdf": (make_pdf(["q 500 0 0 700 40 60 cm /Im1 Do Q\n"]), "no text layer"),
        "letter.pdf": (make_pdf([text_run(60, 500, "Dear reader")]), "not a budget disclosure"),
        "minutes.txt": ("会议纪要：讨论了年度工作安排。\n".encode() * 30, "not a budget disclosure"),
        "cut_off.txt": ("\n".join(lines[:cut_at]).encode(), "cut off"),
        "final_account.txt": (example.replace("预算", "决算").encode(), "决算"),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {folder / name: reason for name, (_, reason) in files.items()}


def run_ingest(raw_dir: Path, *paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ingest", *map(str, paths), "--raw-dir", str(raw_dir)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
    )


def raw_tables(raw_dir: Path) -> dict[str, list[list[str]]]:
    tables = {}
    for path in sorted([*raw_dir.glob("seeds/*.csv"), *raw_dir.glob("amounts/*.csv")]):
        with path.open(encoding="utf-8", newline="") as stream:
            tables[path.name] = sorted(csv.reader(stream))
    return tables


@pytest.mark.skipif(not sorted(corpus_dir().glob("*.pdf")), reason=f"no corpus PDFs in {corpus_dir()}")
def test_corpus_plus_one_broken_file_of_each_kind(tmp_path: Path) -> None:
    broken = broken_files(tmp_path / "broken")
    duplicate = tmp_path / "broken" / "same_as_corpus.txt"
    duplicate.write_bytes(sorted(corpus_dir().glob("*.txt"))[0].read_bytes())

    # The corpus's top level (the Shanghai template): its subfolders hold other templates, tested on their own.
    corpus = sorted([*corpus_dir().glob("*.pdf"), *corpus_dir().glob("*.txt")])
    clean = run_ingest(tmp_path / "clean", *corpus)
    assert clean.returncode == 0, clean.stderr
    mixed = run_ingest(tmp_path / "mixed", *corpus, tmp_path / "broken")

    assert mixed.returncode == 1
    assert "Traceback" not in mixed.stderr + mixed.stdout
    errors = [line for line in mixed.stderr.splitlines() if line.startswith("error: ")]
    for path, reason in broken.items():
        named = [line for line in errors if f"{path}:" in line]
        assert len(named) == 1, (path, mixed.stderr)
        assert reason in named[0], named[0]
    assert len(errors) == len(broken)
    assert any(f"{duplicate}" in line and "loaded once" in line for line in mixed.stderr.splitlines())
    assert raw_tables(tmp_path / "mixed") == raw_tables(tmp_path / "clean")
