"""Taking documents out of the raw store: ``python -m ingest.remove`` and a document folder deleted by hand.

A build after either takes the document out of the warehouse: test_incremental_build builds both ways and
compares the refreshed warehouse with a full build.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT, corpus_dir
from ingest import remove, writer
from test_interrupted import EXAMPLE, many_documents
from test_publish import build_module

REMOVE = [sys.executable, "-m", "ingest.remove"]


def combined_ids(raw: Path) -> list[str]:
    with writer.combined_path(raw, "raw_documents").open(encoding="utf-8", newline="") as stream:
        return [row["document_id"] for row in csv.DictReader(stream)]


def store_state(raw: Path) -> tuple:
    """What a removal may change: the document folders, the combined files and the manifest."""
    combined = tuple(writer.combined_path(raw, name).read_bytes() for name in writer.ALL_FILES)
    return tuple(d.name for d in writer.stored_document_dirs(raw)), combined, (raw / writer.MANIFEST).read_bytes()


@pytest.fixture
def store(tmp_path: Path) -> tuple[Path, list[Path]]:
    """A raw store of three documents: the example and two variants under other department names."""
    if not EXAMPLE.exists():
        pytest.skip("bundled example not generated")
    raw = tmp_path / "raw"
    variants = many_documents(tmp_path / "in", 2)
    subprocess.run([sys.executable, "-m", "ingest", "-q", "--jobs", "1", "--raw-dir", str(raw), str(EXAMPLE), *map(str, variants)],
                   cwd=PROJECT_ROOT, check=True, capture_output=True)
    return raw, variants


def run_remove(raw: Path, *names: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*REMOVE, "--raw-dir", str(raw), *names], cwd=PROJECT_ROOT, capture_output=True, text=True)


def test_a_document_is_removed_by_id_or_by_its_file_name(store: tuple[Path, list[Path]]) -> None:
    raw, variants = store
    ids = combined_ids(raw)
    assert len(ids) == 3
    by_file = next(d for d in remove.stored(raw) if variants[0].name in d.source_files)
    by_id = next(d for d in remove.stored(raw) if d.document_id not in (by_file.document_id,)
                 and EXAMPLE.name not in d.source_files)
    done = run_remove(raw, by_id.document_id, str(variants[0]))
    assert done.returncode == 0, done.stderr
    assert f"removed {by_id.document_id} ({by_id.department_name} " in done.stdout
    assert f"removed {by_file.document_id} (" in done.stdout and f"from {variants[0].name})" in done.stdout
    assert "2 documents removed, 1 document left" in done.stdout
    left = [d for d in ids if d not in (by_id.document_id, by_file.document_id)]
    assert combined_ids(raw) == left
    assert [d.name for d in writer.stored_document_dirs(raw)] == left
    assert json.loads((raw / writer.MANIFEST).read_text(encoding="utf-8"))["documents"] == left
    assert not [p for p in (raw / "docs").iterdir() if p.name.startswith(".")]


def test_a_name_that_matches_nothing_removes_nothing(store: tuple[Path, list[Path]]) -> None:
    raw, _ = store
    before = store_state(raw)
    done = run_remove(raw, combined_ids(raw)[0], "no_such_file.pdf")
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and "'no_such_file.pdf'" in done.stderr and "nothing removed" in done.stderr
    assert store_state(raw) == before


def test_a_store_that_cannot_be_written_is_left_as_it_was(store: tuple[Path, list[Path]],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    raw, _ = store
    before = store_state(raw)

    def disk_full(raw_dir: Path, written: object = None) -> dict[str, int]:
        raise OSError(28, "No space left on device", str(raw_dir / "seeds"))

    monkeypatch.setattr(remove, "rebuild_combined", disk_full)
    assert remove.main(["--raw-dir", str(raw), combined_ids(raw)[0]]) == remove.EXIT_STORE_FAILED
    assert store_state(raw) == before


def test_a_removal_killed_part_way_is_undone_by_the_next_build(store: tuple[Path, list[Path]]) -> None:
    """The folder moved aside and the combined files not yet rebuilt: the build puts the folder back."""
    raw, _ = store
    before = store_state(raw)
    document_id = combined_ids(raw)[0]
    (raw / "docs" / document_id).rename(raw / "docs" / f".{document_id}.old")
    assert build_module().reconcile_store(raw) == ""
    assert store_state(raw) == before


def test_a_folder_deleted_by_hand_leaves_the_combined_files_at_the_next_build(store: tuple[Path, list[Path]]) -> None:
    raw, _ = store
    gone = combined_ids(raw)[1]
    shutil.rmtree(raw / "docs" / gone)
    note = build_module().reconcile_store(raw)
    assert note == f"raw store: 1 document folder removed from {raw / 'docs'} ({gone}): combined files rebuilt"
    assert gone not in combined_ids(raw) and len(combined_ids(raw)) == 2
    assert build_module().reconcile_store(raw) == ""


def test_naming_either_file_of_a_two_file_disclosure_removes_the_whole_document(tmp_path: Path) -> None:
    """The narrative file and the table file are one document (source_files lists both): either name removes it."""
    jiangsu = corpus_dir() / "jiangsu"
    files = [jiangsu / "jiangsu_partyoffice_2017_dept.txt", jiangsu / "jiangsu_partyoffice_2017_tables.txt"]
    if not all(path.exists() for path in files):
        pytest.skip(f"no Jiangsu corpus at {jiangsu}")
    for named in files:
        raw = tmp_path / named.stem / "raw"
        raw.parent.mkdir()
        subprocess.run([sys.executable, "-m", "ingest", "-q", "--jobs", "1", "--raw-dir", str(raw), *map(str, files)],
                       cwd=PROJECT_ROOT, check=True, capture_output=True)
        (document,) = remove.stored(raw)
        assert sorted(document.source_files) == sorted(path.name for path in files)
        done = run_remove(raw, named.name)
        assert done.returncode == 0, done.stderr
        assert f"removed {document.document_id} (" in done.stdout and combined_ids(raw) == []
