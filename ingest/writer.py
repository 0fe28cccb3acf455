"""Raw CSV writers: one folder per document, combined files rebuilt from all of them.

Every file is written to a temporary name and renamed into place, so a reader (or a killed run) never
sees half a file.
"""

from __future__ import annotations

import csv
import ctypes
import ctypes.util
import hashlib
import io
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path

from .ids import project_id
from .model import NarrativeFact, ParsedDocument
from .numbers import format_yuan

SEED_FILES: dict[str, tuple[str, ...]] = {
    "raw_documents": (
        "document_id", "source_file", "source_sha256", "region", "department_name", "scope",
        "fiscal_year", "kind", "amount_unit", "title", "template", "source_files",
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
    """The raw store: $BUDGET_RAW_DIR, else raw/ (relative to the working directory)."""
    return Path(os.environ.get("BUDGET_RAW_DIR", "raw"))


def _blank(value: object) -> str:
    return "" if value is None else str(value)


def _money(amount: Decimal | None) -> str:
    return "" if amount is None else format_yuan(amount)


def narrative_row(doc_id: str, fact_no: int, fact: NarrativeFact) -> tuple[object, ...]:
    """One row of raw_narrative_facts for a fact (columns in the file's order): amounts in yuan as printed by
    format_yuan, None and empty values as ''.
    """
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
         meta.fiscal_year, meta.kind, meta.amount_unit, meta.title, doc.template, doc.source_file)
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
    """A CSV file's text: the header, then the rows (\n line ends, csv-module quoting)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_atomic(path: Path, content: str) -> None:
    """Write ``path`` under a temporary name, flush it to disk, rename it into place."""
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
    """Where the combined file `name` (e.g. 'raw_documents') lives: raw_dir/amounts/raw_amounts.csv for the
    amounts, raw_dir/seeds/<name>.csv for the others.
    """
    return raw_dir / ("amounts" if name == "raw_amounts" else "seeds") / f"{name}.csv"


def stage_document(raw_dir: Path, doc: ParsedDocument) -> tuple[Path, dict[str, int]]:
    """Write one document's files into a new hidden folder of RAW_DIR/docs; returns it and the data rows
    written per raw file. Nothing is visible to a reader until ``commit_document`` renames the folder.

    The files are not flushed one by one: ``rebuild_combined`` flushes the whole file system once before
    the manifest names the document, and checks each file is whole when it combines it. Raises OSError.
    """
    docs_dir = raw_dir / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{doc.document_id}.", dir=docs_dir))
    counts: dict[str, int] = {}
    try:
        for name, rows in document_rows(doc).items():
            # Written as bytes: the same UTF-8 as a text stream (no newline translation) without making
            # a text stream and its encoder for each of the ten files of every document.
            with open(staging / f"{name}.csv", "wb") as stream:
                stream.write(render_csv(ALL_FILES[name], rows).encode("utf-8"))
            counts[name] = len(rows)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging, counts


def commit_document(raw_dir: Path, staging: Path, document_id: str) -> Path:
    """Put a staged document folder in place as RAW_DIR/docs/<document_id>, replacing an earlier copy.

    The earlier copy is first renamed aside (``.<id>.old``), so a run killed in between leaves something
    ``recover_store`` puts back. Raises OSError (the staged folder is then removed).
    """
    docs_dir = raw_dir / "docs"
    target = docs_dir / document_id
    try:
        if target.exists():
            retired = docs_dir / f".{document_id}.old"
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


def store_document(raw_dir: Path, doc: ParsedDocument) -> Path:
    """Write one document's files into its own folder, replacing any earlier copy in one rename."""
    staging, _ = stage_document(raw_dir, doc)
    return commit_document(raw_dir, staging, doc.document_id)


# A document read from two files (a narrative whose tables are 附后, and the table file) keeps each file's
# own rows under parts/<role>/ in its folder; the folder's top-level files are their union, rebuilt by
# ``merge_parts`` whenever one of the two is stored again. Only these raw files get rows from a narrative.
PARTS = "parts"
PRIMARY_PART = "primary"
NARRATIVE_PART = "narrative"
PART_FILES = ("raw_documents", "raw_narrative_facts", "raw_parse_issues")
# Separates the names in raw_documents.source_files (a character file names do not carry in practice).
SOURCE_FILES_SEPARATOR = "|"


def _data_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))[1:]


def merge_parts(folder: Path) -> dict[str, int]:
    """Rewrite a document folder's top-level raw_documents / raw_narrative_facts / raw_parse_issues from
    its parts: the table file's rows (parts/primary), then the narrative file's with the table file's
    document_id and fact numbers following the table file's. Returns the data rows of every raw file."""
    primary, narrative = folder / PARTS / PRIMARY_PART, folder / PARTS / NARRATIVE_PART
    documents = _data_rows(primary / "raw_documents.csv")
    document_id = documents[0][0]
    columns = SEED_FILES["raw_documents"]
    names = {documents[0][columns.index("source_file")]}
    if narrative.is_dir():
        names |= {row[columns.index("source_file")] for row in _data_rows(narrative / "raw_documents.csv")}
    documents[0][columns.index("source_files")] = SOURCE_FILES_SEPARATOR.join(sorted(names))
    merged: dict[str, list[list[str]]] = {"raw_documents": documents}
    for name in PART_FILES[1:]:
        rows = _data_rows(primary / f"{name}.csv")
        extra = _data_rows(narrative / f"{name}.csv") if narrative.is_dir() else []
        for number, row in enumerate(extra, start=len(rows) + 1):
            row[0] = document_id
            if name == "raw_narrative_facts":
                row[1] = str(number)
        merged[name] = rows + extra
    for name, rows in merged.items():
        (folder / f"{name}.csv").write_text(render_csv(ALL_FILES[name], rows), encoding="utf-8")
    return {name: _row_count(folder / f"{name}.csv") for name in ALL_FILES}


def _new_staging(raw_dir: Path, document_id: str) -> Path:
    docs_dir = raw_dir / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{document_id}.", dir=docs_dir))


def _keep_as_primary(folder: Path) -> None:
    """Save a folder's own top-level part files as parts/primary (once: later merges start from them)."""
    primary = folder / PARTS / PRIMARY_PART
    if primary.is_dir():
        return
    primary.mkdir(parents=True)
    for name in PART_FILES:
        shutil.copyfile(folder / f"{name}.csv", primary / f"{name}.csv")


def attach_narrative(raw_dir: Path, document_id: str, part: Path) -> dict[str, int]:
    """Join a staged narrative part (a folder written by ``stage_document`` for a file whose tables are
    published apart) to the stored document ``document_id``, replacing a narrative joined before.

    The document is rewritten in a new staging folder and put in place by ``commit_document``, so a
    killed run leaves either the old or the new folder. Returns the document's data rows per raw file.
    Raises OSError (both staging folders are then removed)."""
    current = raw_dir / "docs" / document_id
    staging = _new_staging(raw_dir, document_id)
    try:
        for path in (*current.glob("*.csv"), *current.glob(EDITION_FILE)):
            shutil.copyfile(path, staging / path.name)
        if (current / PARTS / PRIMARY_PART).is_dir():
            shutil.copytree(current / PARTS / PRIMARY_PART, staging / PARTS / PRIMARY_PART)
        _keep_as_primary(staging)
        (staging / PARTS / NARRATIVE_PART).mkdir(parents=True)
        for name in PART_FILES:
            shutil.copyfile(part / f"{name}.csv", staging / PARTS / NARRATIVE_PART / f"{name}.csv")
        if (part / EDITION_FILE).exists():
            shutil.copyfile(part / EDITION_FILE, staging / PARTS / NARRATIVE_PART / EDITION_FILE)
        counts = merge_parts(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(part, ignore_errors=True)
    commit_document(raw_dir, staging, document_id)
    return counts


def carry_narrative(raw_dir: Path, staged: Path, document_id: str) -> dict[str, int] | None:
    """Before a new edition of a table file replaces ``document_id``'s folder: bring the narrative part
    joined to the stored edition into the staged folder (a narrative file ingested in an earlier run stays
    joined). Returns the staged document's data rows per raw file, or None when there is nothing to carry."""
    joined = raw_dir / "docs" / document_id / PARTS / NARRATIVE_PART
    if not joined.is_dir():
        return None
    _keep_as_primary(staged)
    shutil.copytree(joined, staged / PARTS / NARRATIVE_PART)
    return merge_parts(staged)


def stored_documents(raw_dir: Path) -> Iterator[dict[str, str]]:
    """The raw_documents row of every stored document (a dict by column)."""
    for folder in stored_document_dirs(raw_dir):
        path = folder / "raw_documents.csv"
        if path.exists():
            with path.open(encoding="utf-8", newline="") as stream:
                yield from csv.DictReader(stream)


# Columns added to a raw file after documents were stored: column → how an older row gets its value (from
# the row as a dict). A stored file whose header lacks only these trailing columns is brought up to date.
ADDED_COLUMNS: dict[str, dict[str, Callable[[dict[str, str]], str]]] = {
    "raw_documents": {"source_files": lambda row: row["source_file"]},
}


def upgrade_stored_files(raw_dir: Path) -> int:
    """Rewrite every stored document file written before a column of ``ADDED_COLUMNS`` existed (else the
    combining would take it for a torn file and drop the document). Returns the files rewritten."""
    rewritten = 0
    for folder in stored_document_dirs(raw_dir):
        for name, added in ADDED_COLUMNS.items():
            for path in (folder / f"{name}.csv", *folder.glob(f"{PARTS}/*/{name}.csv")):
                columns = ALL_FILES[name]
                # Only the header line is read from an up-to-date file (every ingest passes here).
                try:
                    with path.open(encoding="utf-8", newline="") as stream:
                        if stream.readline().rstrip("\r\n") == ",".join(columns):
                            continue
                except FileNotFoundError:
                    continue
                with path.open(encoding="utf-8", newline="") as stream:
                    reader = csv.DictReader(stream)
                    header = tuple(reader.fieldnames or ())
                    rows = list(reader)
                missing = columns[len(header):]
                if header != columns[: len(header)] or not set(missing) <= set(added):
                    continue
                values = [[*(row[c] for c in header), *(added[c](row) for c in missing)] for row in rows]
                write_atomic(path, render_csv(columns, values))
                rewritten += 1
    return rewritten


def recover_store(raw_dir: Path) -> None:
    """Undo what a killed run left half-done: a document moved aside but not yet replaced is put back,
    and abandoned staging folders and temporary files are removed; files stored before a raw column was
    added get it (``upgrade_stored_files``). The caller holds the raw store's lock
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
    upgrade_stored_files(raw_dir)


def stored_document_dirs(raw_dir: Path) -> list[Path]:
    """The folders of the documents in the raw store (raw_dir/docs/<document_id>), sorted; hidden
    (staging, moved-aside) folders left out; [] when there is no store yet.
    """
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


# Beside a stored file's rows (a document folder, or its parts/narrative): which file they were read from and
# how old that file was, so that a later run can tell an older edition from a newer one. Not a raw CSV: dbt
# never reads it, and it is not part of a document's digest.
EDITION_FILE = "edition.json"


@dataclass(frozen=True)
class Edition:
    """The source file of stored rows: its name (as in raw_documents.source_file), sha256, and its
    modification time in ns since the epoch, the age of its edition (the oldest copy's, when copies of one
    edition were given); ``modified_ns`` is None for rows stored before editions were recorded."""

    source_file: str
    source_sha256: str
    modified_ns: int | None


def write_edition(folder: Path, edition: Edition) -> None:
    """Record ``edition`` as the source of the rows in ``folder`` (renamed into place; not flushed on its
    own: the run's one flush in ``rebuild_combined`` covers it). Raises OSError."""
    temporary = folder / f".{EDITION_FILE}.tmp"
    temporary.write_text(json.dumps(asdict(edition), ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporary, folder / EDITION_FILE)


def stored_edition(raw_dir: Path, document_id: str, part: str | None = None) -> Edition | None:
    """The edition stored for ``document_id`` (its table file's, or with ``part`` = NARRATIVE_PART the joined
    narrative file's); None when nothing is stored, ``modified_ns`` None when it was stored without a record
    of its age (an older ingest)."""
    folder = raw_dir / "docs" / document_id
    if part is not None:
        folder = folder / PARTS / part
    try:
        data = json.loads((folder / EDITION_FILE).read_text(encoding="utf-8"))
        return Edition(str(data["source_file"]), str(data["source_sha256"]), int(data["modified_ns"]))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    path = folder / "raw_documents.csv"
    if not path.exists():
        return None
    with path.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            return Edition(row["source_file"], row["source_sha256"], None)
    return None


MANIFEST = "combined.json"
# Bytes read at a time when concatenating a document's file into a combined file.
_CHUNK = 1 << 20


def sync_file_system(path: Path) -> None:
    """Flush every written file of the file system holding ``path`` to disk: one call per run instead of
    one fsync per file (which cost a quarter of a 12-PDF ingest). Linux syncfs; elsewhere os.sync."""
    libc_syncfs = _libc_syncfs()
    if libc_syncfs is None:
        os.sync()
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        if libc_syncfs(fd) != 0:
            error = ctypes.get_errno()
            raise OSError(error, os.strerror(error), str(path))
    finally:
        os.close(fd)


def _libc_syncfs() -> Callable[[int], int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.syncfs
    except (OSError, AttributeError):
        return None


def sync_directory(path: Path) -> None:
    """Make the renames inside ``path`` durable (its entries, not the files' data)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temporary_copy(path: Path, content: str | Iterable[bytes]) -> Path:
    """Write ``content`` (text, or chunks of UTF-8 bytes) to a new temporary file beside ``path``.

    Not flushed here: the caller syncs the file system once before renaming. Raises OSError (the
    temporary file is then removed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            if isinstance(content, str):
                stream.write(content.encode("utf-8"))
            else:
                for chunk in content:
                    stream.write(chunk)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return Path(temp_name)


class TornDocument(Exception):
    """A stored document's file is not whole (a power loss before the run that wrote it was flushed)."""


def _data_chunks(path: Path, header: bytes) -> Iterator[bytes]:
    """The data rows of one stored file (without its header), read in chunks; raises TornDocument when
    the file does not start with its header or does not end with a newline."""
    with path.open("rb") as stream:
        first = stream.read(len(header))
        if first != header:
            raise TornDocument(str(path))
        last = b"\n"
        while chunk := stream.read(_CHUNK):
            last = chunk[-1:]
            yield chunk
        if last != b"\n":
            raise TornDocument(str(path))


def _row_count(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as stream:
        return sum(1 for _ in csv.reader(stream)) - 1


def _counts_still_valid(raw_dir: Path, dirs: list[Path]) -> dict[str, dict[str, int]]:
    """Row counts of the last complete ingest's manifest, for the documents whose folder has not been
    replaced since it was written (a killed run may have stored a new edition without combining)."""
    path = raw_dir / MANIFEST
    try:
        written_at = path.stat().st_mtime_ns
        rows = json.loads(path.read_text(encoding="utf-8")).get("rows", {})
    except (OSError, ValueError):
        return {}
    unchanged = {d.name for d in dirs if d.stat().st_ctime_ns < written_at}
    return {name: {doc: int(n) for doc, n in per_doc.items() if doc in unchanged} for name, per_doc in rows.items()}


def combined_file_stamp(path: Path) -> dict[str, int]:
    """{"size": bytes, "mtime_ns": ...} of a combined file, as RAW_DIR/combined.json records it ("files")."""
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def rebuild_combined(raw_dir: Path, written: dict[str, dict[str, int]] | None = None) -> dict[str, int]:
    """Concatenate every stored document's files into the files dbt reads; returns row counts per file.

    The manifest also holds each document's digest (sha256 of its stored rows, file by file): a build
    compares them with the warehouse's to refresh only the documents that changed.
    ``written`` maps document_id -> rows per raw file for the documents stored by this run; the others'
    counts come from the previous manifest (or are counted when it does not list them). The combined files
    are streamed (memory does not grow with the number of documents). A document whose file is not whole
    is left out and its folder removed (it was never in a manifest; ingesting the file again restores it).

    Every combined file and the manifest RAW_DIR/combined.json (document ids and row counts per file, which
    the expectations compare with the files) are first written in full under temporary names, the file
    system is flushed once, and only then are they renamed into place (the manifest last), so a full disk
    or a crash leaves all of them from the previous set of documents. Raises OSError.
    """
    written = written or {}
    dirs = stored_document_dirs(raw_dir)
    known = _counts_still_valid(raw_dir, dirs)
    torn: set[str] = set()
    digests = {d.name: hashlib.sha256() for d in dirs}
    counts: dict[str, int] = {}
    per_document: dict[str, dict[str, int]] = {name: {} for name in ALL_FILES}
    temporaries: dict[Path, Path] = {}

    def chunks(name: str, header: bytes) -> Iterator[bytes]:
        yield header
        for doc_dir in dirs:
            document_id = doc_dir.name
            path = doc_dir / f"{name}.csv"
            if document_id in torn or not path.exists():
                continue
            try:
                body = b"".join(_data_chunks(path, header))
            except TornDocument:
                torn.add(document_id)
                continue
            if document_id in written:
                rows = written[document_id][name]
            elif document_id in known.get(name, {}):
                rows = int(known[name][document_id])
            else:
                rows = _row_count(path)
            per_document[name][document_id] = rows
            digests[document_id].update(f"{name}\n{len(body)}\n".encode())
            digests[document_id].update(body)
            yield body

    try:
        for name, columns in ALL_FILES.items():
            header = (",".join(columns) + "\n").encode("utf-8")
            temporaries[combined_path(raw_dir, name)] = _temporary_copy(combined_path(raw_dir, name),
                                                                        chunks(name, header))
        if torn:
            # A document torn in a file combined earlier is dropped from every file: combine again.
            for temporary in temporaries.values():
                temporary.unlink(missing_ok=True)
            for document_id in torn:
                shutil.rmtree(raw_dir / "docs" / document_id, ignore_errors=True)
            return rebuild_combined(raw_dir, written)
        kept = [d.name for d in dirs]
        for name in ALL_FILES:
            counts[name] = sum(per_document[name].values())
        # Size and modification time of each combined file as written here (a rename keeps both): a build
        # compares them to notice a combined file edited by hand since (the digests cover only docs/<id>/).
        files = {str(path.relative_to(raw_dir)): combined_file_stamp(temporary)
                 for path, temporary in temporaries.items()}
        manifest = json.dumps({"documents": kept, "rows": per_document,
                               "digests": {d: digests[d].hexdigest() for d in kept}, "files": files},
                              ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        temporaries[raw_dir / MANIFEST] = _temporary_copy(raw_dir / MANIFEST, manifest)
        sync_file_system(raw_dir)
    except BaseException:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)
        raise
    # The manifest goes last: a run killed among these renames leaves files the manifest disagrees with.
    for path, temporary in temporaries.items():
        os.replace(temporary, path)
    for folder in {raw_dir, raw_dir / "docs", *(path.parent for path in temporaries)}:
        if folder.is_dir():
            sync_directory(folder)
    return counts
