"""The streaming ingest: documents stored as they are parsed, one flush per run, any completion order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest import pipeline, writer
from ingest.expectations import validate
from ingest.pipeline import FileOutcome, _Store, parse_outcome
from test_interrupted import EXAMPLE, combined_rows, many_documents

pytestmark = pytest.mark.skipif(not EXAMPLE.exists(), reason="bundled example not generated")


def test_one_flush_per_run_whatever_the_number_of_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"sync": 0, "fsync": 0}
    real_sync, real_fsync = writer.sync_file_system, os.fsync

    def counting_sync(path: Path) -> None:
        calls["sync"] += 1
        real_sync(path)

    def counting_fsync(fd: int) -> None:
        calls["fsync"] += 1
        real_fsync(fd)

    monkeypatch.setattr(writer, "sync_file_system", counting_sync)
    monkeypatch.setattr(os, "fsync", counting_fsync)
    run = pipeline.ingest([*many_documents(tmp_path / "in", 6)], tmp_path / "raw", jobs=1)
    assert len(run.stored) == 6
    # one file-system flush, then the four folders whose entries were renamed (raw, docs, seeds, amounts)
    assert calls == {"sync": 1, "fsync": 4}
    assert validate(tmp_path / "raw") == []


def test_the_run_keeps_no_parsed_document(tmp_path: Path) -> None:
    run = pipeline.ingest(many_documents(tmp_path / "in", 3), tmp_path / "raw", jobs=2)
    assert len(run.stored) == 3 and run.failures == 0
    assert all(o.document is None and o.staged is None for o in run.outcomes)
    assert all(o.summary.rows["raw_amounts"] == o.summary.amounts for o in run.outcomes)


def test_any_completion_order_stores_as_input_order_would(tmp_path: Path) -> None:
    """Workers finish in any order; the same inputs store the same files: identical copies are one edition
    (its first input is stored, however new the copy), of two editions the newer file's."""
    inputs = many_documents(tmp_path / "in", 2)
    copy = tmp_path / "in" / "copy_of_0.txt"
    copy.write_bytes(inputs[0].read_bytes())
    edition = tmp_path / "in" / "edition_of_1.txt"
    edition.write_text(inputs[1].read_text(encoding="utf-8").replace("行政运行", "行政 运行", 1), encoding="utf-8")
    files = [inputs[0], inputs[1], copy, edition]
    for path, seconds in zip(files, (100, 100, 300, 200), strict=True):
        os.utime(path, (seconds, seconds))
    orders = {"input": [0, 1, 2, 3], "reversed": [3, 2, 1, 0], "mixed": [2, 0, 3, 1]}
    results = {}
    for name, order in orders.items():
        raw = tmp_path / name
        outcomes = [parse_outcome(path) for path in files]
        store = _Store(raw, files)
        for index in order:
            store.add(outcomes[index])
        store.finish(outcomes)
        writer.rebuild_combined(raw, store.rows)
        results[name] = ([(o.path.name, o.duplicate_of and o.duplicate_of.name) for o in outcomes],
                         combined_rows(raw))
        assert not [p for p in (raw / "docs").iterdir() if p.name.startswith(".")]
    assert results["reversed"] == results["input"] == results["mixed"]
    stored = [name for name, duplicate in results["input"][0] if duplicate is None]
    assert stored == [inputs[0].name, edition.name]
    older = next(o for o in outcomes if o.path == inputs[1])
    assert older.duplicate_of == edition and older.older_edition


def test_a_torn_document_file_is_left_out_and_its_folder_removed(tmp_path: Path) -> None:
    """A power loss before the run's one flush can leave a stored file cut short; combining drops it."""
    raw = tmp_path / "raw"
    pipeline.ingest(many_documents(tmp_path / "in", 3), raw, jobs=1)
    victim = writer.stored_document_dirs(raw)[1]
    amounts = victim / "raw_amounts.csv"
    amounts.write_bytes(amounts.read_bytes()[:-7])
    counts = writer.rebuild_combined(raw)
    assert not victim.exists()
    assert counts["raw_documents"] == 2
    assert victim.name not in {row[0] for row in combined_rows(raw)["raw_amounts.csv"]}
    assert validate(raw) == []


def test_a_store_error_in_a_worker_is_one_store_error(tmp_path: Path) -> None:
    outcome = FileOutcome(tmp_path / "x.txt", error="x: not stored", store_error=(28, "No space left on device", "/x"))
    with pytest.raises(OSError, match="No space left"):
        _Store(tmp_path / "raw", [outcome.path]).add(outcome)


def test_a_later_copy_of_an_old_edition_does_not_make_it_the_newer(tmp_path: Path) -> None:
    """An edition is as old as its oldest copy: v1 (old), a copy of v1 made last, v2 in between → v2."""
    v1 = many_documents(tmp_path / "in", 1)[0]
    copy = tmp_path / "in" / "copy_of_v1.txt"
    copy.write_bytes(v1.read_bytes())
    v2 = tmp_path / "in" / "v2.txt"
    v2.write_text(v1.read_text(encoding="utf-8").replace("行政运行", "行政 运行", 1), encoding="utf-8")
    files = [v1, copy, v2]
    for path, seconds in zip(files, (100, 300, 200), strict=True):
        os.utime(path, (seconds, seconds))
    for order in ([0, 1, 2], [2, 1, 0], [1, 2, 0]):
        outcomes = [parse_outcome(path) for path in files]
        store = _Store(tmp_path / f"raw_{order[0]}", files)
        for index in order:
            store.add(outcomes[index])
        store.finish(outcomes)
        assert [o.duplicate_of for o in outcomes] == [v2, v2, None], order
        assert [o.older_edition for o in outcomes] == [True, True, False]
