"""Ingest files into the raw store: read → parse → store, then rebuild the combined files dbt reads.

``ingest(paths, raw_dir)`` is the whole job without printing: it holds the raw store's lock, recovers what
a killed run left, parses every file (in worker processes; a worker that dies costs only its file),
stores each document once (the same document under two names is loaded once; a new edition replaces the
stored one), and rebuilds the combined CSVs. The command line (``ingest.cli``) only parses arguments and
prints the returned ``IngestRun``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from .lock import LockError, raw_store_lock
from .model import IngestError, ParsedDocument
from .numbers import normalise_printed_digits
from .parse.document import parse_document
from .readers.pdf import read_pdf_document
from .readers.text import read_text_document
from .writer import rebuild_combined, recover_store, store_document, stored_source

TEXT_SUFFIXES = {".txt", ".text"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES

Progress = Callable[[int, int], None]


class StoreError(Exception):
    """The raw store cannot be written (missing, read-only or full folder). The message is one line; the
    combined files are left as they were (every one from the same set of documents)."""


def collect_inputs(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Files to ingest (folders searched recursively, sorted), and one message per path that does not exist."""
    files: list[Path] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    unique: list[Path] = []
    seen: set[Path] = set()
    for file in files:
        resolved = file.resolve()
        if resolved not in seen:
            seen.add(resolved)
            unique.append(file)
    return unique, problems


def parse_file(path: Path) -> ParsedDocument:
    """Parse one file; every failure is an IngestError naming the file and the reason.

    A document in which no table amount could be read is a failure, not an empty load.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{path}: cannot be read ({exc.strerror})") from exc
    digest = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES or data.startswith(b"%PDF"):
        lines = read_pdf_document(path, data)
    elif suffix not in TEXT_SUFFIXES and suffix:
        raise IngestError(f"{path}: unsupported file type {suffix!r} (expected .txt or .pdf)")
    else:
        lines = read_text_document(path)
    # Full-width digits and the punctuation of negatives are read as their usual form; the count and
    # order of tokens do not change, so PDF token positions stay valid.
    # A line is copied only when its text changes (few do): copying a frozen dataclass is not cheap.
    normalised = [normalise_printed_digits(line.text) for line in lines]
    lines = [line if text == line.text else replace(line, text=text) for line, text in zip(lines, normalised, strict=True)]
    document = parse_document(lines, path.name, digest, str(path))
    if not document.amounts:
        unplaced = sum(1 for issue in document.issues if issue.severity == "error")
        raise IngestError(f"{path}: no table amount could be read ({unplaced} unplaced rows); nothing loaded")
    return document


@dataclass
class FileOutcome:
    """What became of one input file.

    ``document`` is set when it parsed; ``error`` (one line naming the file) when it did not. After
    storing, ``duplicate_of`` names the earlier input holding the same document (this one was not stored)
    and ``replaced`` the source file of the stored edition this one replaced.
    """

    path: Path
    document: ParsedDocument | None = None
    error: str = ""
    notes: list[str] = field(default_factory=list)
    duplicate_of: Path | None = None
    replaced: str | None = None

    @property
    def stored(self) -> bool:
        return self.document is not None and self.duplicate_of is None


def parse_outcome(path: Path) -> FileOutcome:
    """Parse one file into a FileOutcome; never raises for a problem of the file."""
    try:
        return FileOutcome(path, parse_file(path))
    except IngestError as exc:
        return FileOutcome(path, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the other files
        return FileOutcome(path, error=f"{path}: internal parser error ({type(exc).__name__}: {exc}); please report it")


def _died(path: Path) -> FileOutcome:
    return FileOutcome(path, error=f"{path}: the parser process died (crash in the PDF library, or out of memory); "
                                   "nothing loaded from this file")


Parser = Callable[[Path], FileOutcome]


def _parse_isolated(path: Path, parser: Parser) -> FileOutcome:
    """Parse in a process of its own, so that if it dies the culprit is known."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(parser, path).result()
        except BrokenProcessPool:
            return _died(path)


def parse_all(files: list[Path], jobs: int, progress: Progress | None = None,
              parser: Parser = parse_outcome) -> list[FileOutcome]:
    """Parse ``files`` with ``jobs`` worker processes (in-process when 1), outcomes in input order.

    A worker that dies breaks the whole pool; the files whose result was lost are then parsed again one
    per process, so only the file that kills its process fails. ``parser`` (a module-level function, as
    worker processes need) is replaceable for tests.
    """
    outcomes: dict[int, FileOutcome] = {}

    def done(index: int, outcome: FileOutcome) -> None:
        outcomes[index] = outcome
        if progress:
            progress(len(outcomes), len(files))

    if jobs <= 1 or len(files) <= 1:
        for index, path in enumerate(files):
            done(index, parser(path))
        return [outcomes[i] for i in range(len(files))]
    lost: list[int] = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures: list[Future[FileOutcome]] = [pool.submit(parser, path) for path in files]
        for index, future in enumerate(futures):
            try:
                done(index, future.result())
            except BrokenProcessPool:
                lost.append(index)
    for index in lost:
        done(index, _parse_isolated(files[index], parser))
    return [outcomes[i] for i in range(len(files))]


@dataclass
class IngestRun:
    """Result of one ingest: every input's outcome, the inputs that do not exist, combined row counts."""

    raw_dir: Path
    outcomes: list[FileOutcome]
    missing: list[str]
    combined_counts: dict[str, int]

    @property
    def stored(self) -> list[FileOutcome]:
        return [outcome for outcome in self.outcomes if outcome.stored]

    @property
    def failures(self) -> int:
        return len(self.missing) + sum(1 for outcome in self.outcomes if outcome.document is None)


def store_outcomes(raw_dir: Path, outcomes: list[FileOutcome]) -> None:
    """Store every parsed document once, in input order; marks duplicates and replaced editions.

    Raises OSError when the store cannot be written (the document being written is left out whole).
    """
    first: dict[str, FileOutcome] = {}
    for outcome in outcomes:
        doc = outcome.document
        if doc is None:
            continue
        if doc.document_id in first:
            outcome.duplicate_of = first[doc.document_id].path
            continue
        previous = stored_source(raw_dir, doc.document_id)
        store_document(raw_dir, doc)
        first[doc.document_id] = outcome
        if previous and previous[1] != doc.source_sha256:
            outcome.replaced = previous[0]


def check_output_folder(raw_dir: Path) -> None:
    """The raw folder may be created, but not a whole tree: a missing parent is most likely a typo."""
    if not raw_dir.exists() and not raw_dir.parent.is_dir():
        raise StoreError(f"{raw_dir}: cannot create the raw folder, {raw_dir.parent} does not exist")
    if raw_dir.exists() and not raw_dir.is_dir():
        raise StoreError(f"{raw_dir}: is not a folder")


def ingest(paths: list[Path], raw_dir: Path, jobs: int, progress: Progress | None = None,
           quiet_wait: bool = False) -> IngestRun:
    """Parse ``paths`` and store them in ``raw_dir`` (see the module doc); raises StoreError, never for a
    problem of one input file (those are in the returned outcomes)."""
    check_output_folder(raw_dir)
    files, missing = collect_inputs(paths)
    try:
        with raw_store_lock(raw_dir, "ingest", quiet_wait):
            recover_store(raw_dir)
            outcomes = parse_all(files, jobs, progress)
            store_outcomes(raw_dir, outcomes)
            counts = rebuild_combined(raw_dir) if any(o.stored for o in outcomes) or not any(raw_dir.glob("docs/*")) else {}
    except LockError as exc:
        raise StoreError(str(exc)) from exc
    except OSError as exc:
        where = exc.filename or raw_dir
        raise StoreError(f"{where}: cannot write the raw store ({exc.strerror}); the combined files are unchanged") from exc
    return IngestRun(raw_dir, outcomes, missing, counts)
