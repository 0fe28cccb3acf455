"""Raw CSV writers: one folder per document, combined files rebuilt from all of them.

Every file is written to a temporary name and renamed into place, so a reader (or a killed run) never
sees half a file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from .ids import project_id
from .model import NarrativeFact, ParsedDocument
from .numbers import format_yuan

SEED_FILES: dict[str, tuple[str, ...]] = {
    "raw_documents": (
        "document_id", "source_file", "source_sha256", "region", "department_name", "scope",
        "fiscal_year", "kind", "amount_unit", "title",
    ),
    "raw_tables": ("document_id", "table_key", "title", "amount_unit", "status", "note", "line_start", "line_end"),
    "raw_function_codes": ("document_id", "code", "level", "printed_name", "parent_code", "table_key", "line_no"),
    "raw_economic_codes": ("document_id", "code", "level", "printed_name", "parent_code", "table_key", "line_no"),
    "raw_projects": (
        "project_id", "document_id", "project_name", "implementing_unit", "implementation_period", "basis",
        "amount", "amount_source", "is_complete", "flag", "line_no", "printed_amount",
    ),
    "raw_project_items": ("project_id", "document_id", "item_no", "item_name", "amount", "line_no"),
    "raw_parse_issues": ("document_id", "source_file", "table_key", "line_no", "severity", "issue", "row_text"),
    "raw_narrative_facts": (
        "document_id", "fact_no", "section", "topic", "item_no", "label", "class_name", "kuan_name", "xiang_name",
        "amount", "printed_amount", "quantity", "restated_year", "restated_amount", "prior_year", "prior_kind",
        "prior_amount", "change_direction", "change_amount", "change_percent", "reason", "line_no", "source_text",
    ),
}
AMOUNT_COLUMNS: tuple[str, ...] = (
    "document_id", "table_key", "side", "row_kind", "code", "row_label", "measure", "amount", "printed_amount",
    "printed_unit", "line_no", "page_no", "row_text", "column_source",
)
ALL_FILES: dict[str, tuple[str, ...]] = {**SEED_FILES, "raw_amounts": AMOUNT_COLUMNS}


def default_raw_dir() -> Path:
    return Path(os.environ.get("BUDGET_RAW_DIR", "raw"))


def _blank(value: object) -> str:
    return "" if value is None else str(value)


def _money(amount: Decimal | None) -> str:
    return "" if amount is None else format_yuan(amount)


def narrative_row(doc_id: str, fact_no: int, fact: NarrativeFact) -> tuple[object, ...]:
    return (
        doc_id, fact_no, fact.section, fact.topic, _blank(fact.item_no), fact.label, fact.class_name, fact.kuan_name,
        fact.xiang_name, _money(fact.amount), fact.printed_amount, _blank(fact.quantity), _blank(fact.restated_year),
        _money(fact.restated_amount), _blank(fact.prior_year), fact.prior_kind, _money(fact.prior_amount),
        fact.change_direction, _money(fact.change_amount), _blank(fact.change_percent), fact.reason, fact.line_no,
        fact.text,
    )


def document_rows(doc: ParsedDocument) -> dict[str, list[Sequence[object]]]:
    """Every raw file's rows for one document."""
    doc_id = doc.document_id
    meta = doc.meta
    rows: dict[str, list[Sequence[object]]] = {name: [] for name in ALL_FILES}
    rows["raw_documents"].append(
        (doc_id, doc.source_file, doc.source_sha256, meta.region, meta.department_name, meta.scope,
         meta.fiscal_year, meta.kind, meta.amount_unit, meta.title)
    )
    for table in doc.tables:
        rows["raw_tables"].append(
            (doc_id, table.table_key, table.title, table.amount_unit, table.status, table.note,
             _blank(table.line_start), _blank(table.line_end))
        )
    for code in doc.codes:
        target = "raw_function_codes" if code.classification == "function" else "raw_economic_codes"
        rows[target].append(
            (doc_id, code.code, code.level, code.printed_name, code.parent_code, code.table_key, code.line_no)
        )
    for ordinal, project in enumerate(doc.projects, start=1):
        pid = project_id(doc_id, project.implementing_unit, project.project_name, ordinal)
        rows["raw_projects"].append(
            (pid, doc_id, project.project_name, project.implementing_unit, project.implementation_period,
             project.basis, "" if project.amount is None else format_yuan(project.amount), project.amount_source,
             "true" if project.is_complete else "false", project.flag, project.line_no, project.printed_amount)
        )
        for item_no, item in enumerate(project.items, start=1):
            rows["raw_project_items"].append((pid, doc_id, item_no, item.item_name, format_yuan(item.amount), item.line_no))
    for issue in doc.issues:
        rows["raw_parse_issues"].append(
            (doc_id, doc.source_file, issue.table_key, _blank(issue.line_no), issue.severity, issue.issue, issue.row_text)
        )
    for fact_no, fact in enumerate(doc.narrative, start=1):
        rows["raw_narrative_facts"].append(narrative_row(doc_id, fact_no, fact))
    for cell in doc.amounts:
        rows["raw_amounts"].append(
            (doc_id, cell.table_key, cell.side, cell.row_kind, cell.code, cell.row_label, cell.measure,
             format_yuan(cell.amount), cell.printed_amount, cell.printed_unit, cell.line_no, _blank(cell.page_no),
             cell.row_text, cell.column_source)
        )
    return rows


def render_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_atomic(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def combined_path(raw_dir: Path, name: str) -> Path:
    return raw_dir / ("amounts" if name == "raw_amounts" else "seeds") / f"{name}.csv"


def store_document(raw_dir: Path, doc: ParsedDocument) -> Path:
    """Write one document's files into its own folder, replacing any earlier copy in one rename."""
    docs_dir = raw_dir / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    target = docs_dir / doc.document_id
    staging = Path(tempfile.mkdtemp(prefix=f".{doc.document_id}.", dir=docs_dir))
    try:
        for name, rows in document_rows(doc).items():
            write_atomic(staging / f"{name}.csv", render_csv(ALL_FILES[name], rows))
        if target.exists():
            retired = docs_dir / f".{doc.document_id}.old"
            shutil.rmtree(retired, ignore_errors=True)
            os.replace(target, retired)
            os.replace(staging, target)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def recover_store(raw_dir: Path) -> None:
    """Undo what a killed run left half-done: a document moved aside but not yet replaced is put back,
    and abandoned staging folders and temporary files are removed. The caller holds the raw store's lock
    (ingest.lock), so whatever staging it finds belongs to a run that is dead."""
    docs_dir = raw_dir / "docs"
    if not docs_dir.is_dir():
        return
    for path in docs_dir.iterdir():
        if not path.name.startswith("."):
            continue
        if path.name.endswith(".old") and path.is_dir():
            original = docs_dir / path.name[1:-4]
            if not original.exists():
                os.replace(path, original)
                continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    for folder in (raw_dir, raw_dir / "seeds", raw_dir / "amounts"):
        if folder.is_dir():
            for stale in folder.glob(".*.tmp"):
                stale.unlink(missing_ok=True)


def stored_document_dirs(raw_dir: Path) -> list[Path]:
    docs_dir = raw_dir / "docs"
    if not docs_dir.is_dir():
        return []
    return sorted(p for p in docs_dir.iterdir() if p.is_dir() and not p.name.startswith("."))


def stored_source(raw_dir: Path, document_id: str) -> tuple[str, str] | None:
    """(source_file, source_sha256) of a document already in the store."""
    path = raw_dir / "docs" / document_id / "raw_documents.csv"
    if not path.exists():
        return None
    with path.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            return row["source_file"], row["source_sha256"]
    return None


MANIFEST = "combined.json"


def _temporary_copy(path: Path, content: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return Path(temp_name)


def rebuild_combined(raw_dir: Path) -> dict[str, int]:
    """Concatenate every stored document's files into the files dbt reads; returns row counts per file.

    Every combined file and the manifest RAW_DIR/combined.json (document ids and row counts per file, which
    the expectations compare with the files) are first written in full under temporary names and only then
    renamed into place, so a full disk leaves all of them from the previous set of documents.
    Raises OSError when the folder cannot be written.
    """
    counts: dict[str, int] = {}
    per_document: dict[str, dict[str, int]] = {}
    dirs = stored_document_dirs(raw_dir)
    contents: dict[Path, str] = {}
    for name, header in ALL_FILES.items():
        parts: list[str] = []
        total = 0
        per_document[name] = {}
        for doc_dir in dirs:
            path = doc_dir / f"{name}.csv"
            if not path.exists():
                continue
            with path.open(encoding="utf-8", newline="") as stream:
                rows = sum(1 for _ in csv.reader(stream)) - 1
            body = path.read_text(encoding="utf-8").split("\n", 1)
            if len(body) == 2 and body[1]:
                parts.append(body[1] if body[1].endswith("\n") else body[1] + "\n")
                total += rows
            per_document[name][doc_dir.name] = max(rows, 0)
        contents[combined_path(raw_dir, name)] = ",".join(header) + "\n" + "".join(parts)
        counts[name] = total
    contents[raw_dir / MANIFEST] = json.dumps(
        {"documents": [d.name for d in dirs], "rows": per_document}, ensure_ascii=False, indent=1, sort_keys=True
    ) + "\n"
    written: dict[Path, Path] = {}
    try:
        for path, content in contents.items():
            written[path] = _temporary_copy(path, content)
    except BaseException:
        for temporary in written.values():
            temporary.unlink(missing_ok=True)
        raise
    # The manifest goes last: a run killed among these renames leaves files the manifest disagrees with.
    for path, temporary in written.items():
        os.replace(temporary, path)
    return counts
