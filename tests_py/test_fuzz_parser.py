"""Fuzzing the text parser: mutated documents (lines dropped, duplicated, numbers altered) either parse or
are refused with an IngestError; never another exception, and never a loaded cell that was not printed."""

from __future__ import annotations

import os
import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES_DIR, corpus_dir
from ingest.model import IngestError, ParsedDocument
from ingest.numbers import parse_amount
from ingest.parse.document import parse_document
from ingest.readers.text import text_to_lines

SOURCES = [EXAMPLES_DIR / "example_culture_2025_dept.txt", corpus_dir() / "songjiang_hrss_2024_dept.txt"]
DOCUMENTS = {path.name: path.read_text(encoding="utf-8").splitlines() for path in SOURCES if path.exists()}
NUMBER_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")

mutation = st.one_of(
    st.tuples(st.just("drop"), st.integers(min_value=0)),
    st.tuples(st.just("duplicate"), st.integers(min_value=0)),
    st.tuples(st.just("alter"), st.integers(min_value=0), st.integers(min_value=0, max_value=9)),
)


def mutate(lines: list[str], operations: list[tuple]) -> list[str]:
    lines = list(lines)
    for operation in operations:
        if not lines:
            break
        index = operation[1] % len(lines)
        if operation[0] == "drop":
            del lines[index]
        elif operation[0] == "duplicate":
            lines.insert(index, lines[index])
        else:
            digit = str(operation[2])
            lines[index] = NUMBER_RE.sub(lambda m, digit=digit: m.group(0)[:-1] + digit, lines[index], count=1)
    return lines


def assert_every_cell_was_printed(doc: ParsedDocument) -> None:
    keys = Counter()
    for cell in doc.amounts:
        assert cell.printed_amount in cell.row_text.split() or cell.printed_amount in cell.row_text, cell
        assert parse_amount(cell.printed_amount, cell.printed_unit) == cell.amount, cell
        keys[(cell.table_key, cell.side, cell.row_kind, cell.code, cell.row_label, cell.measure)] += 1
    duplicated = [key for key, count in keys.items() if count > 1]
    assert not duplicated, f"one cell loaded twice: {duplicated[:3]}"


@pytest.mark.skipif(not DOCUMENTS, reason="no source documents to mutate")
@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "80")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(DOCUMENTS)), operations=st.lists(mutation, min_size=1, max_size=12))
def test_mutated_documents_parse_or_are_refused_cleanly(name: str, operations: list[tuple]) -> None:
    text = "\n".join(mutate(DOCUMENTS[name], operations))
    try:
        doc = parse_document(text_to_lines(text), name, "0" * 64)
    except IngestError as exc:
        assert name in str(exc)
        return
    assert_every_cell_was_printed(doc)


@pytest.mark.skipif(not DOCUMENTS, reason="no source documents to mutate")
def test_an_altered_leaf_is_loaded_as_printed_or_reported_never_silently_moved() -> None:
    lines = DOCUMENTS[sorted(DOCUMENTS)[0]]
    target = next(i for i, line in enumerate(lines) if re.match(r"^\d{3} \d{2} \d{2} \S+ [\d,.]+ [\d,.]+$", line))
    altered = list(lines)
    altered[target] = NUMBER_RE.sub(lambda m: m.group(0).replace("0", "7", 1) if "0" in m.group(0) else m.group(0) + "7",
                                    lines[target].split(" ", 3)[3], count=1)
    altered[target] = " ".join(lines[target].split(" ", 3)[:3]) + " " + altered[target]
    doc = parse_document(text_to_lines("\n".join(altered)), "altered.txt", "0" * 64)
    assert_every_cell_was_printed(doc)
