"""The ingest under faults: a dying worker, a full / read-only / missing output folder, two runs at once.

Each case states its expected outcome: the files that could be stored are, the one that could not is
named, a store that cannot be written gives one line and exit 3, and the combined files always come from
one set of documents (the expectations' manifest check passes on them).
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT
from ingest import pipeline, writer
from ingest.cli import EXIT_STORE_FAILED
from ingest.cli import main as ingest_main
from ingest.expectations import validate
from ingest.pipeline import FileOutcome, parse_all, parse_outcome
from test_interrupted import EXAMPLE, combined_rows, many_documents

pytestmark = pytest.mark.skipif(not EXAMPLE.exists(), reason="bundled example not generated")


def crash_on_poison(path: Path) -> FileOutcome:
    """A parser whose process dies on one file, as a PDF library crash or the OOM killer would do it."""
    if "poison" in path.name:
        os._exit(139)
    return parse_outcome(path)


def test_a_worker_that_dies_costs_only_its_file(tmp_path: Path) -> None:
    files = many_documents(tmp_path / "in", 5)
    poison = tmp_path / "in" / "poison.txt"
    poison.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    files.insert(2, poison)
    outcomes = parse_all(files, jobs=2, parser=crash_on_poison)
    assert [o.path for o in outcomes] == files
    failed = [o for o in outcomes if not o.parsed]
    assert [o.path for o in failed] == [poison]
    assert str(poison) in failed[0].error and "process died" in failed[0].error
    assert all(o.document is not None for o in outcomes if o.path != poison)


def test_a_missing_output_folder_is_one_line_and_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "no" / "such" / "raw"
    assert ingest_main(["--jobs", "1", str(EXAMPLE), "--raw-dir", str(raw)]) == EXIT_STORE_FAILED
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(raw) in err[0] and "does not exist" in err[0]
    assert not raw.exists()


@pytest.mark.parametrize("failing_write", [1, 5, 10])
def test_disk_full_while_combining_leaves_the_previous_consistent_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], failing_write: int
) -> None:
    raw = tmp_path / "raw"
    assert ingest_main(["--jobs", "1", "--quiet", str(EXAMPLE), "--raw-dir", str(raw)]) == 0
    before = combined_rows(raw)
    real = writer._temporary_copy
    calls = {"n": 0}

    def full_disk(path: Path, content: str) -> Path:
        calls["n"] += 1
        if calls["n"] >= failing_write:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real(path, content)

    monkeypatch.setattr(writer, "_temporary_copy", full_disk)
    capsys.readouterr()
    inputs = many_documents(tmp_path / "in", 3)
    assert ingest_main(["--jobs", "1", "--quiet", str(inputs[0].parent), "--raw-dir", str(raw)]) == EXIT_STORE_FAILED
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "No space left on device" in err[0] and "unchanged" in err[0], err
    assert combined_rows(raw) == before
    assert not list(raw.rglob(".*.tmp"))
    monkeypatch.undo()
    assert validate(raw) == []


def test_read_only_raw_folder_is_one_line_and_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "raw"
    assert ingest_main(["--jobs", "1", "--quiet", str(EXAMPLE), "--raw-dir", str(raw)]) == 0
    before = combined_rows(raw)
    real_mkdtemp = writer.tempfile.mkdtemp

    def read_only(*args: object, **kwargs: object) -> str:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(kwargs.get("dir", raw)))

    # Running as root ignores file modes: the refusal a read-only mount gives is injected instead.
    monkeypatch.setattr(writer.tempfile, "mkdtemp", read_only)
    capsys.readouterr()
    inputs = many_documents(tmp_path / "in", 2)
    assert ingest_main(["--jobs", "1", "--quiet", str(inputs[0].parent), "--raw-dir", str(raw)]) == EXIT_STORE_FAILED
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Read-only file system" in err[0], err
    monkeypatch.setattr(writer.tempfile, "mkdtemp", real_mkdtemp)
    assert combined_rows(raw) == before


@pytest.fixture()
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs (a really full disk); the test is skipped where mounting is not allowed."""
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip()}); the injected OSError tests cover it")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_a_really_full_disk_gives_one_line_and_a_consistent_store(small_tmpfs: Path, tmp_path: Path) -> None:
    raw = small_tmpfs / "raw"
    first = subprocess.run([sys.executable, "-m", "ingest", "--jobs", "1", "-q", str(EXAMPLE), "--raw-dir", str(raw)],
                           cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    inputs = many_documents(tmp_path / "in", 40)
    full = subprocess.run([sys.executable, "-m", "ingest", "--jobs", "2", "-q", str(inputs[0].parent),
                           "--raw-dir", str(raw)], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600)
    assert full.returncode == EXIT_STORE_FAILED, full.stdout + full.stderr
    assert "Traceback" not in full.stderr
    assert len(full.stderr.strip().splitlines()) == 1 and "No space left on device" in full.stderr
    assert validate(raw) == []


def test_two_ingests_at_once_both_store_everything(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    first = many_documents(tmp_path / "a", 15)
    second_dir = tmp_path / "b"
    second_dir.mkdir()
    for index, path in enumerate(many_documents(tmp_path / "b_src", 15)):
        target = second_dir / f"other_{index:03d}.txt"
        target.write_text(path.read_text(encoding="utf-8").replace("分局", "支局"), encoding="utf-8")
    runs = [
        subprocess.Popen([sys.executable, "-m", "ingest", "--jobs", "1", "-q", str(folder), "--raw-dir", str(raw)],
                         cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for folder in (first[0].parent, second_dir)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, out + err
        assert "Traceback" not in err
    assert len(combined_rows(raw)["raw_documents.csv"]) == 30
    assert not [p for p in (raw / "docs").iterdir() if p.name.startswith(".")]
    assert validate(raw) == []


def test_the_pipeline_api_stores_each_document_once(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(EXAMPLE.read_bytes())  # a newer file, the same edition: the first input is stored
    run = pipeline.ingest([EXAMPLE, copy], tmp_path / "raw", jobs=1)
    assert [o.path for o in run.stored] == [EXAMPLE]
    assert run.outcomes[1].duplicate_of == EXAMPLE and run.failures == 0
    assert run.combined_counts["raw_documents"] == 1
