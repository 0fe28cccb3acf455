"""Issue #10, "zero false errors" measured on the development corpus: the error-level findings of the session
warehouse (every corpus text, the corpus final account and the bundled examples) are exactly the ones a
review found to be the documents' own contradictions (seeds/acknowledged_findings.csv, each with its reason):
no error is unreviewed, and no reviewed error has gone missing.
"""

from __future__ import annotations

import csv

import duckdb

from conftest import PROJECT_ROOT

KEY = ("check_id", "document_id", "table_name", "code", "measure", "expected", "actual")


def acknowledgements(document_ids: set[str]) -> list[dict[str, str]]:
    with (PROJECT_ROOT / "seeds" / "acknowledged_findings.csv").open(encoding="utf-8") as stream:
        return [row for row in csv.DictReader(stream) if row["document_id"] in document_ids]


def covers(acknowledgement: dict[str, str], finding: dict[str, str | None]) -> bool:
    """As fct_finding judges it: each key column equal, or empty in the acknowledgement (any)."""
    return all(acknowledgement[column] in ("", finding[column]) for column in KEY)


def test_the_corpus_errors_are_exactly_the_reviewed_ones(warehouse: duckdb.DuckDBPyConnection) -> None:
    documents = {row[0] for row in warehouse.execute("select document_id from dim_document").fetchall()}
    rows = warehouse.execute(f"select {', '.join(KEY)}, finding_kind, message, severity from fct_finding").fetchall()
    findings = [dict(zip((*KEY, "finding_kind", "message", "severity"), row, strict=True)) for row in rows]
    errors = [finding for finding in findings if finding["severity"] == "error"]
    reviewed = acknowledgements(documents)
    assert reviewed, "no reviewed finding for the loaded documents: the test would prove nothing"
    unreviewed = [error["message"] for error in errors if not any(covers(ack, error) for ack in reviewed)]
    assert not unreviewed, "error findings no review explains (a false error, or a new true one to review):\n" + \
        "\n".join(unreviewed)
    # A review may also acknowledge a warning (a suspicious figure checked and explained): lost means it
    # matches no finding at all any more.
    lost = [ack for ack in reviewed if not any(covers(ack, finding) for finding in findings)]
    assert not lost, f"reviewed findings of the corpus no longer reported: {lost}"
    assert {error["finding_kind"] for error in errors} == {"document_error"}
