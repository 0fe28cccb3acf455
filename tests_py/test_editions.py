"""Editions across runs (the stored edition's age is kept: an older file never replaces a newer stored one),
what a run that only joins a narrative says, broken links in a folder, and what --quiet prints."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from conftest import corpus_dir
from ingest.cli import main
from ingest.writer import EDITION_FILE

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "example_culture_2025_dept.txt"
SECOND = 1_000_000_000
BASE = 1_700_000_000 * SECOND

pytestmark = pytest.mark.skipif(not EXAMPLE.exists(), reason="bundled example not generated")


def edition(folder: Path, name: str, extra: str, seconds: int) -> Path:
    """A copy of the example in ``folder`` (``extra`` appended: another edition when not empty) dated
    ``seconds`` after BASE."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(EXAMPLE.read_text(encoding="utf-8") + extra, encoding="utf-8")
    os.utime(path, ns=(BASE + seconds * SECOND, BASE + seconds * SECOND))
    return path


def run(capsys: pytest.CaptureFixture[str], raw: Path, *paths: Path, quiet: bool = False) -> tuple[int, str, str]:
    status = main(["--jobs", "1", *(["--quiet"] if quiet else []), *map(str, paths), "--raw-dir", str(raw)])
    out, err = capsys.readouterr()
    return status, out, err


def stored(raw: Path) -> list[dict[str, str]]:
    with (raw / "seeds" / "raw_documents.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def digest_of(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_older_file_in_a_later_run_keeps_the_newer_stored_edition(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    new = edition(tmp_path / "new", "budget_v2.txt", "\n附：修订版。\n", 200)
    old = edition(tmp_path / "old", "budget_v1.txt", "", 100)
    assert run(capsys, raw, new)[0] == 0
    status, out, err = run(capsys, raw, old)
    assert status == 0, err
    assert [row["source_sha256"] for row in stored(raw)] == [digest_of(new)]
    (note,) = [line for line in err.splitlines() if line.startswith("note:")]
    assert str(old) in note and "budget_v2.txt" in note and "older than the stored edition" in note, note
    assert "the stored edition is kept" in note
    assert out.splitlines()[-1].startswith("1 file not loaded (the stored edition is kept), 0 tables, "), out
    (folder,) = [d for d in (raw / "docs").iterdir() if not d.name.startswith(".")]
    recorded = json.loads((folder / EDITION_FILE).read_text(encoding="utf-8"))
    assert len(recorded.pop("content_sha256")) == 64
    assert recorded == {"source_file": "budget_v2.txt", "source_sha256": digest_of(new), "modified_ns": BASE + 200 * SECOND}


def test_a_newer_file_in_a_later_run_replaces_the_stored_edition(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    old = edition(tmp_path / "old", "budget_v1.txt", "", 100)
    new = edition(tmp_path / "new", "budget_v2.txt", "\n附：修订版。\n", 200)
    run(capsys, raw, old)
    status, out, err = run(capsys, raw, new)
    assert status == 0
    assert [row["source_sha256"] for row in stored(raw)] == [digest_of(new)]
    assert f"note: {new}: replaces the earlier edition from budget_v1.txt, dated " in err, err
    assert out.splitlines()[-1].startswith("1 document, 9 tables, ")


def test_as_old_as_the_stored_edition_the_later_load_wins_and_says_so(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    first = edition(tmp_path / "a", "budget.txt", "", 100)
    second = edition(tmp_path / "b", "budget.txt", "\n附：修订版。\n", 100)
    run(capsys, raw, first)
    _, _, err = run(capsys, raw, second)
    assert [row["source_sha256"] for row in stored(raw)] == [digest_of(second)]
    assert "both files have the same modification time, the later load wins" in err, err


def test_a_later_copy_of_the_stored_edition_does_not_make_it_newer(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """The stored edition is as old as its oldest copy: v1 (100), a copy of v1 re-ingested at 500, then v2
    (300): v2 is the newer edition and replaces it; the copy's re-ingest still reloads its rows."""
    raw = tmp_path / "raw"
    v1 = edition(tmp_path / "a", "budget.txt", "", 100)
    copy = edition(tmp_path / "b", "budget.txt", "", 500)
    v2 = edition(tmp_path / "c", "budget.txt", "\n附：修订版。\n", 300)
    run(capsys, raw, v1)
    status, out, _ = run(capsys, raw, copy)
    assert status == 0 and out.splitlines()[-1].startswith("1 document, ")
    run(capsys, raw, v2)
    assert [row["source_sha256"] for row in stored(raw)] == [digest_of(v2)]


def test_a_store_without_edition_records_is_replaced_as_before(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """Documents stored by an ingest that did not record ages: any later file replaces them."""
    raw = tmp_path / "raw"
    new = edition(tmp_path / "new", "budget_v2.txt", "\n附：修订版。\n", 200)
    old = edition(tmp_path / "old", "budget_v1.txt", "", 100)
    run(capsys, raw, new)
    for record in (raw / "docs").glob(f"*/{EDITION_FILE}"):
        record.unlink()
    run(capsys, raw, old)
    assert [row["source_sha256"] for row in stored(raw)] == [digest_of(old)]


def test_the_text_of_a_stored_pdf_keeps_the_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A PDF and its text twin are one edition across runs as in one: the text, however new, keeps the PDF."""
    source = corpus_dir() / "jiangsu" / "jiangsu_court_2018_dept.pdf"
    if not source.exists():
        pytest.skip("no Jiangsu corpus")
    pdf, text = tmp_path / source.name, tmp_path / "jiangsu_court_2018_dept.txt"
    pdf.write_bytes(source.read_bytes())
    text.write_bytes(source.with_suffix(".txt").read_bytes())
    os.utime(pdf, ns=(BASE, BASE))
    raw = tmp_path / "raw"
    run(capsys, raw, pdf)
    status, _, err = run(capsys, raw, text)
    assert status == 0
    assert [row["source_file"] for row in stored(raw)] == [pdf.name]
    assert f"note: {text}: same document as the stored {pdf.name}" in err, err


# --------------------------------------------------------------------------- two-file disclosures

NARRATIVE = "jiangsu_partyoffice_2017_dept.txt"
TABLES = "jiangsu_partyoffice_2017_tables.txt"


def jiangsu(name: str) -> Path:
    path = corpus_dir() / "jiangsu" / name
    if not path.exists():
        pytest.skip("no Jiangsu corpus")
    return path


def test_a_run_that_only_joins_a_narrative_says_which_document_it_updated(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    run(capsys, raw, jiangsu(TABLES))
    (document,) = stored(raw)
    status, out, err = run(capsys, raw, jiangsu(NARRATIVE))
    assert status == 0, err
    lines = out.splitlines()
    assert lines[-1].startswith("1 document updated (narrative joined), 0 tables, "), out
    assert not lines[-1].startswith("0 documents")
    assert f"updated {document['document_id']} (table file {TABLES}): narrative {jiangsu(NARRATIVE)} joined" in out


def test_an_older_narrative_keeps_the_narrative_joined_before(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    newer = tmp_path / "new" / NARRATIVE
    older = tmp_path / "old" / NARRATIVE
    for path, extra, seconds in ((newer, "\n（修订）\n", 200), (older, "", 100)):
        path.parent.mkdir()
        path.write_text(jiangsu(NARRATIVE).read_text(encoding="utf-8") + extra, encoding="utf-8")
        os.utime(path, ns=(BASE + seconds * SECOND, BASE + seconds * SECOND))
    run(capsys, raw, jiangsu(TABLES), newer)
    status, _, err = run(capsys, raw, older)
    assert status == 0
    (folder,) = [d for d in (raw / "docs").iterdir() if not d.name.startswith(".")]
    joined = json.loads((folder / "parts" / "narrative" / EDITION_FILE).read_text(encoding="utf-8"))
    assert joined["source_sha256"] == digest_of(newer)
    assert "older than the stored edition" in err and "the stored edition is kept" in err, err


# --------------------------------------------------------------------------- broken links, --quiet


def test_a_broken_link_in_a_folder_is_named_and_fails_like_an_unreadable_file(tmp_path: Path,
                                                                              capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    good = edition(folder, "budget.txt", "", 100)
    (folder / "gone.pdf").symlink_to(tmp_path / "nowhere.pdf")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "notes.csv").symlink_to(tmp_path / "nowhere.csv")  # not a document name: not read, as any .csv
    status, out, err = run(capsys, tmp_path / "raw", folder)
    assert status == 1
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 2, err
    assert any(f"{folder / 'gone.pdf'}: a broken link to {tmp_path / 'nowhere.pdf'}" in line for line in errors)
    assert any(f"{folder / 'loop.txt'}: a broken link" in line and "link loop" in line for line in errors)
    assert [row["source_file"] for row in stored(tmp_path / "raw")] == [good.name]
    assert ", 2 failures, " in out.splitlines()[-1]


def test_quiet_prints_only_problems_and_the_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    old = edition(tmp_path / "a", "budget.txt", "", 100)
    new = edition(tmp_path / "b", "budget.txt", "\n附：修订版。\n", 200)
    copy = edition(tmp_path / "c", "copy.txt", "\n附：修订版。\n", 300)
    run(capsys, raw, old)
    status, out, err = run(capsys, raw, new, copy, old, quiet=True)
    assert status == 0
    assert err == "", err
    assert len(out.splitlines()) == 1 and out.startswith("1 document, ")
    status, out, err = run(capsys, raw, old, quiet=True)  # an older edition: said in the summary only
    assert err == "" and out.startswith("1 file not loaded (the stored edition is kept), "), out
    status, out, err = run(capsys, raw, new, copy, old)
    assert err.count("note:") == 2, err


# --------------------------------------------------------------------------- a PDF and a text file that differ

def edited_text(folder: Path, source: Path, old: str, new: str, seconds: int) -> Path:
    """The text twin of ``source`` (a corpus PDF with its .txt beside it) with one printed amount edited, dated
    ``seconds`` after BASE: another edition of the document, not the PDF's text."""
    text = source.with_suffix(".txt").read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = folder / source.with_suffix(".txt").name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(BASE + seconds * SECOND, BASE + seconds * SECOND))
    return path


def dated_copy(folder: Path, source: Path, seconds: int) -> Path:
    if not source.exists():
        pytest.skip(f"no corpus file {source.name}")
    path = folder / source.name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(source.read_bytes())
    os.utime(path, ns=(BASE + seconds * SECOND, BASE + seconds * SECOND))
    return path


COMMERCE = corpus_dir() / "putuo_commerce_2025_unit.pdf"


def test_an_edited_text_newer_than_the_stored_pdf_is_not_its_twin(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Stored first, the newer edited text is kept against the older PDF given in a later run."""
    pdf = dated_copy(tmp_path / "pdf", COMMERCE, 100)
    text = edited_text(tmp_path / "txt", COMMERCE, "1,720.00万元", "1,721.00万元", 200)
    raw = tmp_path / "raw"
    assert run(capsys, raw, text)[0] == 0
    status, _, err = run(capsys, raw, pdf)
    assert status == 0, err
    assert [row["source_file"] for row in stored(raw)] == [text.name]
    assert f"note: {pdf} ({'2023-11-14 22:15:00 UTC'}) is older than the stored edition from {text.name}" in err, err
    assert "one edition in two forms" not in err and "replaces the earlier" not in err


def test_a_pdf_and_an_edited_text_in_one_run_are_two_editions(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """In one run, whatever the order, the newer of a PDF and a text saying something else is stored."""
    pdf = dated_copy(tmp_path / "pdf", COMMERCE, 100)
    for seconds, winner in ((200, "txt"), (50, "pdf")):
        text = edited_text(tmp_path / f"txt{seconds}", COMMERCE, "1,720.00万元", "1,721.00万元", seconds)
        newer, older = (text, pdf) if winner == "txt" else (pdf, text)
        for order in ((pdf, text), (text, pdf)):
            raw = tmp_path / f"raw_{seconds}_{order[0].suffix}"
            status, _, err = run(capsys, raw, *order)
            assert status == 0, err
            assert [row["source_file"] for row in stored(raw)] == [newer.name], (seconds, order)
            assert f"note: {newer} replaces {older}: two editions of " in err, err
            assert "the newer file is loaded" in err and "same document" not in err, err


def test_the_unchanged_text_of_a_pdf_stays_its_twin(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The text extracted from the PDF (other line numbers, same rows) is still one edition with it."""
    pdf = dated_copy(tmp_path / "pdf", COMMERCE, 100)
    text = dated_copy(tmp_path / "txt", COMMERCE.with_suffix(".txt"), 200)
    raw = tmp_path / "raw"
    status, _, err = run(capsys, raw, text, pdf)
    assert status == 0, err
    assert [row["source_file"] for row in stored(raw)] == [pdf.name]
    assert f"note: {text}: same document as {pdf}" in err, err


def test_an_edited_narrative_text_newer_than_its_pdf_is_joined(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """The narrative file of a two-file disclosure: a PDF and an edited text are two editions, the newer joins."""
    pdf = dated_copy(tmp_path / "pdf", jiangsu(NARRATIVE).with_suffix(".pdf"), 100)
    text = edited_text(tmp_path / "txt", jiangsu(NARRATIVE).with_suffix(".pdf"), "基本支出预算数为 9964.07 万元",
                       "基本支出预算数为 9964.08 万元", 200)
    raw = tmp_path / "raw"
    status, _, err = run(capsys, raw, jiangsu(TABLES), pdf, text)
    assert status == 0, err
    (folder,) = [d for d in (raw / "docs").iterdir() if not d.name.startswith(".")]
    joined = json.loads((folder / "parts" / "narrative" / EDITION_FILE).read_text(encoding="utf-8"))
    assert joined["source_file"] == text.name, err
    assert f"note: {text} replaces {pdf}: two editions of " in err, err


# --------------------------------------------------------------------------- what the notes say

def test_two_editions_as_old_say_the_first_given_is_loaded(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    first = edition(tmp_path / "a", "budget.txt", "\n附：修订版。\n", 100)
    second = edition(tmp_path / "b", "budget.txt", "", 100)
    status, _, err = run(capsys, tmp_path / "raw", first, second)
    assert status == 0, err
    assert [row["source_sha256"] for row in stored(tmp_path / "raw")] == [digest_of(first)]
    assert f"note: {first} replaces {second}: two editions of " in err, err
    assert "neither is newer: the first given is loaded" in err and "the newer file is loaded" not in err, err


def test_an_identical_narrative_ingested_again_is_unchanged(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    narrative = dated_copy(tmp_path / "n", jiangsu(NARRATIVE), 100)
    run(capsys, raw, jiangsu(TABLES), narrative)
    status, out, err = run(capsys, raw, narrative)
    assert status == 0, err
    assert "updated" not in out, out
    assert f"narrative {narrative} is the one joined before" in out, out
    assert out.splitlines()[-1].startswith("1 document unchanged (its narrative joined before), "), out


def test_a_redated_copy_says_the_stored_date_moves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    new = edition(tmp_path / "new", "budget.txt", "", 200)
    run(capsys, raw, new)
    older_copy = edition(tmp_path / "old", "budget.txt", "", 100)
    status, out, err = run(capsys, raw, older_copy)
    assert status == 0, err
    assert ("same content as the stored edition, whose date moves from 2023-11-14 22:16:40 UTC to "
            "2023-11-14 22:15:00 UTC") in out, out
