"""The command line on good and bad input: one clear line per bad file, the others still load."""

from __future__ import annotations

import csv
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import corpus_dir
from ingest.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "example_culture_2025_dept.txt"


def run_cli(*args: str, raw_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ingest", "--jobs", "1", *args, "--raw-dir", str(raw_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )


def read_rows(raw_dir: Path, name: str) -> list[dict[str, str]]:
    folder = "amounts" if name == "raw_amounts" else "seeds"
    with (raw_dir / folder / f"{name}.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture()
def example(tmp_path: Path) -> Path:
    if not EXAMPLE.exists():
        pytest.skip("bundled example not generated")
    return EXAMPLE


def test_bad_files_are_named_with_a_reason_and_the_good_one_still_loads(tmp_path: Path, example: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(range(256)) * 4)
    prose = tmp_path / "prose.txt"
    prose.write_text("这是一份会议纪要，没有任何预算表。\n" * 20, encoding="utf-8")
    raw = tmp_path / "raw"
    result = run_cli(str(empty), str(noise), str(prose), str(example), raw_dir=raw)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for bad, reason in ((empty, "empty file"), (noise, "binary"), (prose, "not a budget disclosure")):
        assert any(str(bad) in line and reason in line for line in result.stderr.splitlines()), (bad, result.stderr)
    documents = read_rows(raw, "raw_documents")
    assert [row["source_file"] for row in documents] == [example.name]
    assert result.stdout.splitlines()[-1].startswith("1 document, 9 tables, ")
    assert ", 3 failures, " in result.stdout


@pytest.mark.parametrize("nothing", ["missing.txt", "folder_of_other_files", "empty_folder"])
def test_a_path_with_nothing_to_load_is_a_usage_error_and_nothing_loads(tmp_path: Path, example: Path,
                                                                         nothing: str) -> None:
    """Like a mistyped option: exit 2 with one line naming the path, and the good path is not loaded either
    (a typo must not look like a partial load)."""
    path = tmp_path / nothing
    if nothing == "folder_of_other_files":
        path.mkdir()
        (path / "budget.docx").write_bytes(b"PK\x03\x04")
        (path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    elif nothing == "empty_folder":
        path.mkdir()
    raw = tmp_path / "raw"
    result = run_cli(str(example), str(path), raw_dir=raw)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.splitlines() == [line for line in result.stderr.splitlines() if str(path) in line]
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert ("2 other files" in result.stderr) == (nothing == "folder_of_other_files")
    assert not raw.exists()


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_whole_number(tmp_path: Path, example: Path, jobs: str) -> None:
    result = subprocess.run([sys.executable, "-m", "ingest", f"--jobs={jobs}", str(example), "--raw-dir",
                             str(tmp_path / "raw")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "--jobs" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "raw").exists()


def test_counts_are_said_in_singular_and_plural(tmp_path: Path, example: Path) -> None:
    result = run_cli(str(example), raw_dir=tmp_path / "raw")
    assert result.returncode == 0, result.stderr
    summary = result.stdout.splitlines()[-1]
    assert summary.startswith("1 document, 9 tables, ") and ", 0 unplaced rows, 0 incomplete or missing tables, 0 failures, " in summary
    assert "(s)" not in result.stdout


def test_two_editions_in_one_run_load_the_newer_file_whatever_the_order(tmp_path: Path, example: Path) -> None:
    older, newer = tmp_path / "a_older" / example.name, tmp_path / "b_newer" / example.name
    for path in (older, newer):
        path.parent.mkdir()
    older.write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    newer.write_text(example.read_text(encoding="utf-8") + "\n附：修订版。\n", encoding="utf-8")
    os.utime(older, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    os.utime(newer, ns=(1_700_000_100_000_000_000, 1_700_000_100_000_000_000))
    digest = hashlib.sha256(newer.read_bytes()).hexdigest()
    for order, name in (((older, newer), "forward"), ((newer, older), "backward")):
        raw = tmp_path / f"raw_{name}"
        result = run_cli(*map(str, order), raw_dir=raw)
        assert result.returncode == 0, result.stderr
        assert [row["source_sha256"] for row in read_rows(raw, "raw_documents")] == [digest], name
        assert f"note: {newer} replaces {older}: two editions of " in result.stderr, result.stderr
        assert "the newer file is loaded" in result.stderr and "loaded once" not in result.stderr


def test_a_pdf_and_its_text_twin_are_one_edition_stored_from_the_pdf(tmp_path: Path) -> None:
    """The text extracted from a PDF is not a newer edition of it, however new the file: the PDF is stored."""
    stem = "jiangsu_court_2018_dept"
    pdf, text = tmp_path / f"{stem}.pdf", tmp_path / f"{stem}.txt"
    pdf.write_bytes((corpus_dir() / "jiangsu" / pdf.name).read_bytes())
    text.write_bytes((corpus_dir() / "jiangsu" / text.name).read_bytes())
    os.utime(pdf, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    for order, name in (((pdf, text), "forward"), ((text, pdf), "backward")):
        raw = tmp_path / f"raw_{name}"
        result = run_cli(*map(str, order), raw_dir=raw)
        assert result.returncode == 0, result.stderr
        assert [row["source_file"] for row in read_rows(raw, "raw_documents")] == [pdf.name], name
        assert f"note: {text}: same document as {pdf}" in result.stderr, result.stderr
        assert "replaces" not in result.stderr


def test_the_same_document_under_two_names_is_loaded_once(tmp_path: Path, example: Path) -> None:
    copy = tmp_path / "copy_of_example.txt"
    copy.write_bytes(example.read_bytes())
    raw = tmp_path / "raw"
    result = run_cli(str(example), str(copy), raw_dir=raw)
    assert result.returncode == 0, result.stderr
    assert "loaded once" in result.stderr
    assert len(read_rows(raw, "raw_documents")) == 1


def test_reingesting_replaces_rows_and_a_new_edition_says_so(tmp_path: Path, example: Path) -> None:
    raw = tmp_path / "raw"
    assert main(["--jobs", "1", "--quiet", str(example), "--raw-dir", str(raw)]) == 0
    first = read_rows(raw, "raw_amounts")
    assert main(["--jobs", "1", "--quiet", str(example), "--raw-dir", str(raw)]) == 0
    assert read_rows(raw, "raw_amounts") == first

    edited = tmp_path / example.name
    edited.write_text(example.read_text(encoding="utf-8") + "\n附：修订版。\n", encoding="utf-8")
    result = run_cli(str(edited), raw_dir=raw)
    assert result.returncode == 0, result.stderr
    assert "replaces the earlier edition" in result.stderr
    assert len(read_rows(raw, "raw_documents")) == 1
    assert len(read_rows(raw, "raw_amounts")) == len(first)


def test_help_explains_paths_jobs_and_exit_status() -> None:
    result = subprocess.run([sys.executable, "-m", "ingest", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0
    for word in ("PATH", "--jobs", "--quiet", "--raw-dir", "exit status"):
        assert word in result.stdout


def test_a_document_cut_off_mid_table_loads_nothing(tmp_path: Path, example: Path) -> None:
    lines = example.read_text(encoding="utf-8").splitlines()
    # the table itself, not its 目录 entry: the last line carrying the title
    cut_at = max(i for i, line in enumerate(lines) if line.endswith("一般公共预算支出功能分类预算表")) + 12
    cut = tmp_path / "cut.txt"
    cut.write_text("\n".join(lines[:cut_at]) + "\n", encoding="utf-8")
    raw = tmp_path / "raw"
    result = run_cli(str(cut), raw_dir=raw)
    assert result.returncode == 1
    assert f"{cut}: the text ends inside the table" in result.stderr
    assert read_rows(raw, "raw_amounts") == []


def test_a_final_account_without_the_final_account_tables_is_refused(tmp_path: Path, example: Path) -> None:
    """Budget tables retitled 决算 are not the 决算 template: refused as an unsupported layout, nothing loaded
    (final accounts of the national template are read: tests_py/test_final_account.py)."""
    final = tmp_path / "final.txt"
    final.write_text(example.read_text(encoding="utf-8").replace("预算", "决算"), encoding="utf-8")
    result = run_cli(str(final), raw_dir=tmp_path / "raw")
    assert result.returncode == 1
    assert "决算" in result.stderr and "unsupported layout" in result.stderr
    assert "Traceback" not in result.stderr
    assert read_rows(tmp_path / "raw", "raw_amounts") == []


def test_the_progress_bar_of_a_quiet_run_is_erased_at_the_end(capsys: pytest.CaptureFixture[str]) -> None:
    from ingest.cli import progress_bar

    erased = progress_bar(True, keep=False)
    erased(1, 2)
    erased(2, 2)
    drawn = capsys.readouterr().err
    assert "parsing 1/2" in drawn and drawn.endswith("parsing 2/2\r\x1b[K") and "\n" not in drawn
    progress_bar(True)(2, 2)
    assert capsys.readouterr().err.endswith("parsing 2/2\n")


def test_a_file_name_that_is_not_utf8_loads_and_is_shown_with_its_bytes(tmp_path: Path, example: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    odd = Path(os.fsdecode(bytes(folder) + b"/\xe9t\xe9_budget.txt"))  # Latin-1 bytes, not UTF-8
    odd.write_bytes(example.read_bytes())
    raw = tmp_path / "raw"
    result = subprocess.run([sys.executable, "-m", "ingest", "--jobs", "1", str(folder), "--raw-dir", str(raw)],
                            cwd=ROOT, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr
    assert "\\xe9t\\xe9_budget.txt" in result.stdout.decode("utf-8")
    assert [row["source_file"] for row in read_rows(raw, "raw_documents")] == ["\\xe9t\\xe9_budget.txt"]


def test_a_folder_linking_to_itself_is_read_once(tmp_path: Path, example: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / example.name).write_bytes(example.read_bytes())
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    result = run_cli(str(folder), raw_dir=tmp_path / "raw")
    # the dangling link is named, as an unreadable file is (exit 1); the loop costs nothing
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [f"error: {folder / 'dangling.txt'}: a broken link to {tmp_path / 'nowhere.txt'} "
                                          "(its target does not exist); nothing loaded from it"]
    assert result.stdout.splitlines()[-1].startswith("1 document, ") and "Traceback" not in result.stderr


def test_a_file_gone_before_it_is_read_is_named(tmp_path: Path) -> None:
    from ingest.pipeline import parse_outcome

    gone = tmp_path / "removed_meanwhile.pdf"
    outcome = parse_outcome(gone)
    assert outcome.error == f"{gone}: gone before it could be read (removed or renamed during the run)"
