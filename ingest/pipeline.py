"""Ingest files into the raw store: read → parse → store, then rebuild the combined files dbt reads.

``ingest(paths, raw_dir)`` is the whole job without printing: it holds the raw store's lock, recovers what
a killed run left, parses every file (in worker processes; a worker that dies costs only its file),
stores each document once (the same document under two names is loaded once; of two editions in one run
the newer file wins, whatever the order of the arguments; a newer edition replaces the stored one, an
older one keeps it: ``writer.Edition`` records each stored edition's age), and
rebuilds the combined CSVs. The command line (``ingest.cli``) only parses arguments and
prints the returned ``IngestRun``.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from .lock import LockError, raw_store_lock
from .model import TABLE_NAMES_ZH, IngestError, ParsedDocument, ParseIssue
from .numbers import normalise_printed_digits
from .parse.document import parse_document
from .readers.pdf import read_pdf_document
from .readers.text import read_text_document
from .templates import family
from .words import plural, shown
from .writer import (
    NARRATIVE_PART,
    Edition,
    attach_narrative,
    carry_narrative,
    commit_document,
    rebuild_combined,
    recover_store,
    stage_document,
    stored_documents,
    stored_edition,
    write_edition,
)

TEXT_SUFFIXES = {".txt", ".text"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES

Progress = Callable[[int, int], None]


class StoreError(Exception):
    """The raw store cannot be written (missing, read-only or full folder). The message is one line; the
    combined files are left as they were (every one from the same set of documents)."""


def collect_inputs(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Files to ingest (folders searched recursively, sorted), and one message per path that does not exist
    or is a folder without any .pdf or .txt file (both usage errors: nothing is ingested)."""
    files: list[Path] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            found, others = documents_in(path)
            if not found:
                what = f"only {plural(others, 'other file')}" if others else "no file at all"
                problems.append(f"{shown(path)}: no .pdf or .txt document in this folder ({what})")
            files += found
        elif path.is_file():
            files.append(path)
        elif path.is_symlink():
            problems.append(f"{shown(path)}: a broken link to {shown(os.readlink(path))}: no such file or folder")
        else:
            problems.append(f"{shown(path)}: no such file or folder")
    unique: list[Path] = []
    seen: set[Path] = set()
    for file in files:
        try:
            resolved = file.resolve()
        except (OSError, RuntimeError):  # a link loop: never the same file as another input
            resolved = file.absolute()
        if resolved not in seen:
            seen.add(resolved)
            unique.append(file)
    return unique, problems


def documents_in(folder: Path) -> tuple[list[Path], int]:
    """The .pdf and .txt files under ``folder`` (recursively, sorted; a folder reached twice through a link
    is read once, a link loop ends), and the number of other files seen. A broken link named as a document
    is among the files (reading it fails, naming the link), not skipped unsaid."""
    found: list[Path] = []
    others = 0
    seen: set[tuple[int, int]] = set()
    for top, dirs, names in os.walk(folder, followlinks=True):
        root = Path(top)
        try:
            info = root.stat()
        except OSError:
            dirs.clear()
            continue
        if (info.st_dev, info.st_ino) in seen:
            dirs.clear()
            continue
        seen.add((info.st_dev, info.st_ino))
        for name in names:
            path = root / name
            if not path.is_file() and not path.is_symlink():
                continue  # a file gone since the folder was listed
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(path)
            else:
                others += 1
    return sorted(found), others


def parse_file(path: Path) -> ParsedDocument:
    """Parse one file; every failure is an IngestError naming the file and the reason.

    A document in which no table amount could be read is a failure, not an empty load.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{shown(path)}: cannot be read ({exc.strerror})") from exc
    digest = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES or data.startswith(b"%PDF"):
        lines = read_pdf_document(path, data)
    elif suffix not in TEXT_SUFFIXES and suffix:
        raise IngestError(f"{shown(path)}: unsupported file type {suffix!r} (expected .txt or .pdf)")
    else:
        lines = read_text_document(path)
    # Full-width digits and the punctuation of negatives are read as their usual form; the count and
    # order of tokens do not change, so PDF token positions stay valid.
    # A line is copied only when its text changes (few do): copying a frozen dataclass is not cheap.
    normalised = [normalise_printed_digits(line.text) for line in lines]
    lines = [line if text == line.text else replace(line, text=text) for line, text in zip(lines, normalised, strict=True)]
    # A file name that is not UTF-8 is kept with its odd bytes as \xNN: the CSVs are UTF-8.
    document = parse_document(lines, shown(path.name), digest, shown(path))
    if not document.amounts and not document.tables_elsewhere:
        unplaced = sum(1 for issue in document.issues if issue.severity == "error")
        raise IngestError(f"{shown(path)}: no table amount could be read ({unplaced} unplaced rows); nothing loaded")
    return document


def content_digest(doc: ParsedDocument) -> str:
    """A SHA-256 of what a document says, whatever its file form: its metadata, each table's status, every
    amount (table, side, row kind, code, measure, yuan), printed code, project (name, unit, yuan, items)
    and narrative fact (section, topic, label, item number, amounts and stated change). Line and page
    numbers, printed row text, a fact's free text and whitespace are left out: a PDF and the text extracted
    from it number, space and cut their lines differently but say the same, and they share this digest;
    an edited amount, code or count changes it (an edit of free prose alone does not).
    """
    def words(text: str) -> str:
        return "".join(text.split())

    parts: list[str] = [repr((doc.meta.region, words(doc.meta.department_name), doc.meta.scope, doc.meta.fiscal_year,
                              doc.meta.kind, doc.template, doc.tables_elsewhere))]
    parts += sorted(repr((t.table_key, t.status)) for t in doc.tables)
    parts += sorted(repr((a.table_key, a.side, a.row_kind, a.code, words(a.row_label), a.measure, str(a.amount)))
                    for a in doc.amounts)
    parts += sorted(repr((c.classification, c.code, c.level, words(c.printed_name), c.table_key)) for c in doc.codes)
    parts += sorted(repr((words(p.project_name), words(p.implementing_unit), str(p.amount), p.amount_source,
                          tuple((words(i.item_name), str(i.amount)) for i in p.items))) for p in doc.projects)
    parts += sorted(repr((f.section, f.topic, words(f.label), f.item_no, str(f.amount), f.quantity,
                          f.restated_year, str(f.restated_amount), f.prior_year, f.prior_kind, str(f.prior_amount),
                          f.change_direction, str(f.change_amount), str(f.change_percent)))
                    for f in doc.narrative)
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def missing_table_names(doc: ParsedDocument) -> tuple[str, ...]:
    """The Chinese names (as the document's template family names them) of its template tables not found.

    Empty for the narrative part of a two-file disclosure: its tables are in the other file by design.
    """
    if doc.tables_elsewhere:
        return ()
    try:
        names = {table.key: table.name_zh for table in family(doc.template).tables}
    except KeyError:
        names = {}
    return tuple(names.get(t.table_key) or TABLE_NAMES_ZH.get(t.table_key, t.table_key)
                 for t in doc.tables if t.status == "missing")


@dataclass(frozen=True)
class DocumentSummary:
    """What the command line reports about one parsed document, without its rows (a ParsedDocument is
    ~0.9 MB; a run keeps only these, so its memory does not grow with the number of documents).

    ``unplaced`` holds the error-severity issues (rows the parser could not place, tables cut off by a
    missing page); ``missing_tables`` the Chinese names of the template's tables not found in the document;
    ``rows`` the data rows per raw file once stored (empty before).
    """

    document_id: str
    source_sha256: str
    department_name: str
    fiscal_year: int | None
    scope: str
    kind: str
    tables_read: int
    amounts: int
    projects: int
    unplaced: tuple[ParseIssue, ...]
    missing_tables: tuple[str, ...] = ()
    rows: dict[str, int] = field(default_factory=dict)
    region: str = ""
    template: str = ""
    tables_elsewhere: bool = False
    content_sha256: str = ""

    @classmethod
    def of(cls, doc: ParsedDocument) -> DocumentSummary:
        """The summary of a parsed document: its id and identity, tables read (not missing), amount and project
        counts and its error-severity issues (no rows kept).
        """
        return cls(doc.document_id, doc.source_sha256, doc.meta.department_name, doc.meta.fiscal_year,
                   doc.meta.scope, doc.meta.kind, sum(1 for t in doc.tables if t.status != "missing"), len(doc.amounts),
                   len(doc.projects), tuple(i for i in doc.issues if i.severity == "error"),
                   missing_table_names(doc), region=doc.meta.region, template=doc.template,
                   tables_elsewhere=doc.tables_elsewhere, content_sha256=content_digest(doc))


@dataclass
class FileOutcome:
    """What became of one input file.

    ``summary`` is set when it parsed; ``error`` (one line naming the file) when it did not. ``document``
    is the parsed document itself, only while it is on its way to the store (``parse_all`` keeps it;
    ``ingest`` never holds it in the main process). ``staged`` is the hidden folder a worker wrote it to.
    ``modified_ns`` is the file's modification time when it was read: of two editions of one document
    in a run, the newer file is stored. After storing, ``duplicate_of`` names the input that was stored
    instead of this one (the same document: an identical copy, or an older edition when
    ``older_edition``) and ``replaced`` the source file of the stored edition this one replaced.
    ``replaced_edition`` is that stored edition itself (its file name, digest and age). ``kept`` is the
    edition stored by an earlier run that was kept instead of this input: an older edition of the same file
    form (or the same age and content), or the text of a stored PDF. ``joined_with`` is the table file of the
    document a narrative file joined. ``store_error`` is a worker's failure to write the raw store (errno,
    message, file), raised again by the main process.
    """

    path: Path
    document: ParsedDocument | None = None
    error: str = ""
    notes: list[str] = field(default_factory=list)
    duplicate_of: Path | None = None
    replaced: str | None = None
    summary: DocumentSummary | None = None
    staged: Path | None = None
    store_error: tuple[int, str, str] | None = None
    joined_to: str | None = None
    modified_ns: int = 0
    older_edition: bool = False
    replaced_edition: Edition | None = None
    kept: Edition | None = None
    joined_with: str | None = None
    # an older edition as old as the one loaded (same modification time): the first input's was loaded
    same_age: bool = False
    # (old, new) recorded age in ns of the stored edition of the same content this input re-dated, and the
    # narrative this input would join being the very one joined before (nothing changed)
    redated: tuple[int, int] | None = None
    unchanged: bool = False

    def __post_init__(self) -> None:
        if self.document is not None and self.summary is None:
            self.summary = DocumentSummary.of(self.document)

    @property
    def parsed(self) -> bool:
        """True when the file parsed into a document (stored or a duplicate), False when it failed."""
        return self.summary is not None

    @property
    def stored(self) -> bool:
        """A document of its own was stored from this file (not a duplicate, not a part joined to another,
        not an older edition than the stored one)."""
        return (self.summary is not None and self.duplicate_of is None and self.joined_to is None
                and self.kept is None)


def parse_outcome(path: Path) -> FileOutcome:
    """Parse one file into a FileOutcome; never raises for a problem of the file."""
    try:
        modified = path.stat().st_mtime_ns
        return FileOutcome(path, parse_file(path), modified_ns=modified)
    except OSError as exc:
        if path.is_symlink():
            return FileOutcome(path, error=broken_link_message(path, exc))
        if isinstance(exc, FileNotFoundError):
            return FileOutcome(path, error=f"{shown(path)}: gone before it could be read (removed or renamed during "
                                           "the run)")
        return FileOutcome(path, error=f"{shown(path)}: cannot be read ({exc.strerror or exc})")
    except IngestError as exc:
        return FileOutcome(path, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the other files
        return FileOutcome(path, error=f"{shown(path)}: internal parser error ({type(exc).__name__}: {exc}); "
                                       "please report it")


def broken_link_message(path: Path, exc: OSError) -> str:
    """Why a link given as a document (or found in a folder) could not be read: its target is missing, or
    the link leads to itself."""
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    why = "a link loop" if exc.errno == errno.ELOOP else "its target does not exist"
    return f"{shown(path)}: a broken link to {shown(target)} ({why}); nothing loaded from it"


def stage_outcome(path: Path, raw_dir: Path) -> FileOutcome:
    """Parse one file and write it to a hidden staging folder of the raw store (in the worker, so both
    cores also share the CSV writing, and only a small summary travels back to the main process)."""
    outcome = parse_outcome(path)
    doc = outcome.document
    if doc is None:
        return outcome
    try:
        staged, rows = stage_document(raw_dir, doc)
    except OSError as exc:
        return FileOutcome(path, error=f"{shown(path)}: not stored", store_error=(
            exc.errno or errno.EIO, exc.strerror or str(exc), str(exc.filename or raw_dir)))
    except Exception as exc:  # noqa: BLE001 - a writer bug on one document must not stop the other files
        return FileOutcome(path, error=f"{shown(path)}: internal error writing its rows ({type(exc).__name__}: "
                                       f"{exc}); please report it")
    return FileOutcome(path, summary=replace(outcome.summary, rows=rows), staged=staged,
                       modified_ns=outcome.modified_ns)


def _died(path: Path) -> FileOutcome:
    return FileOutcome(path, error=f"{path}: the parser process died (crash in the PDF library, or out of memory); "
                                   "nothing loaded from this file")


Parser = Callable[[Path], FileOutcome]
# Files handed to the worker processes ahead of the one being finished: enough to keep every core busy
# while the main process stores a result, few enough that pending results stay small.
IN_FLIGHT_PER_JOB = 2


def _parse_isolated(path: Path, parser: Parser) -> FileOutcome:
    """Parse in a process of its own, so that if it dies the culprit is known."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(parser, path).result()
        except BrokenProcessPool:
            return _died(path)


def iter_outcomes(files: list[Path], jobs: int, parser: Parser = parse_outcome) -> Iterator[tuple[int, FileOutcome]]:
    """Yield (index in ``files``, outcome) as each file is done, ``jobs`` worker processes at once
    (in-process, in order, when 1), at most IN_FLIGHT_PER_JOB files per worker handed out ahead.

    A worker that dies breaks the whole pool; the files it had in hand are then parsed again one per
    process, so only the file that kills its process fails, and a new pool takes the remaining files.
    ``parser`` must be a module-level function (or a partial of one), as worker processes need.
    """
    if jobs <= 1 or len(files) <= 1:
        for index, path in enumerate(files):
            yield index, parser(path)
        return
    waiting = deque(enumerate(files))
    while waiting:
        lost: list[int] = []
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            in_flight: dict[Future[FileOutcome], int] = {}
            while True:
                while waiting and not lost and len(in_flight) < IN_FLIGHT_PER_JOB * jobs:
                    index, path = waiting.popleft()
                    try:
                        in_flight[pool.submit(parser, path)] = index
                    except BrokenProcessPool:
                        waiting.appendleft((index, path))
                        break
                if not in_flight:
                    break
                finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in finished:
                    index = in_flight.pop(future)
                    try:
                        outcome = future.result()
                    except BrokenProcessPool:
                        lost.append(index)
                        continue
                    yield index, outcome
        for index in sorted(lost):
            yield index, _parse_isolated(files[index], parser)


def parse_all(files: list[Path], jobs: int, progress: Progress | None = None,
              parser: Parser = parse_outcome) -> list[FileOutcome]:
    """Parse ``files`` with ``jobs`` worker processes (see ``iter_outcomes``); outcomes in input order,
    each holding its ParsedDocument (for callers that want the documents themselves, not the store)."""
    outcomes: dict[int, FileOutcome] = {}
    for index, outcome in iter_outcomes(files, jobs, parser):
        outcomes[index] = outcome
        if progress:
            progress(len(outcomes), len(files))
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
        """The outcomes whose document went into the store, in input order."""
        return [outcome for outcome in self.outcomes if outcome.stored]

    @property
    def failures(self) -> int:
        """How many inputs failed: those that do not exist plus those that did not parse."""
        return len(self.missing) + sum(1 for outcome in self.outcomes if not outcome.parsed)


class _Store:
    """Stores outcomes as they arrive, in any order, with the same result whatever that order.

    Of the inputs holding one document (same document id) one is stored: inputs that say the same
    (``content_digest``: identical copies, a PDF and its text twin) are one edition, stored from its first
    PDF, else its first input; of two editions (inputs that say different things, whatever their form) the
    newer is stored, an edition's age being its oldest copy's modification time (a later copy of an old
    edition does not make it new), the first input's edition when they are as old. The edition
    stored by an earlier run takes part in that choice with the age recorded when it was stored
    (``writer.Edition``): an input older than it is not stored, one as old or newer replaces it (on equal
    ages the later load wins: a re-ingest replaces), and a stored PDF is kept against its text twin. The
    narrative file of a two-file disclosure is kept aside and joined to its table file's stored document
    once every table file is stored (``join_parts``), by the same rule against the narrative joined before.
    The first input of a document to arrive is stored at once when no edition of known age is stored; the
    others wait in their staging folders and ``finish`` stores the one the rule picks. The stored one
    replaces an edition stored by an earlier run (``replaced`` names that source file)."""

    def __init__(self, raw_dir: Path, files: list[Path]) -> None:
        self.raw_dir = raw_dir
        self.order = {path: index for index, path in enumerate(files)}
        self.winner: dict[str, FileOutcome] = {}
        self.candidates: dict[str, list[FileOutcome]] = {}
        self.before_run: dict[str, Edition | None] = {}
        self.rows: dict[str, dict[str, int]] = {}
        self.parts: list[FileOutcome] = []

    def add(self, outcome: FileOutcome) -> None:
        """Store one outcome (written to a staging folder by a worker, or still a ParsedDocument), or keep it
        for ``finish`` when another input of its document is stored already or an edition of known age is
        in the store. Raises OSError when the store cannot be written."""
        if outcome.store_error is not None:
            code, message, filename = outcome.store_error
            raise OSError(code, message, filename)
        if outcome.summary is None:
            return
        summary = outcome.summary
        if summary.tables_elsewhere:
            # Joined once every table file of the run is stored (``join_parts``): its partner may come later.
            if outcome.staged is None and outcome.document is not None:
                outcome.staged, rows = stage_document(self.raw_dir, outcome.document)
                outcome.summary = replace(summary, rows=rows)
                outcome.document = None
            self.parts.append(outcome)
            return
        document_id = summary.document_id
        self.candidates.setdefault(document_id, []).append(outcome)
        if document_id not in self.before_run:
            self.before_run[document_id] = stored_edition(self.raw_dir, document_id)
        if document_id not in self.winner and self.weighed(document_id) is None:
            self.commit(outcome)

    def weighed(self, document_id: str) -> Edition | None:
        """The edition stored before this run that the run's inputs are weighed against: one whose age is
        recorded (an edition stored by an older ingest, without it, is replaced as before)."""
        stored = self.before_run.get(document_id)
        return stored if stored is not None and stored.modified_ns is not None else None

    def commit(self, outcome: FileOutcome, age: int | None = None) -> None:
        """Rename the outcome's staged folder into place (staging it first when it is a ParsedDocument),
        recording its edition (``age``: the edition's modification time, by default the file's own)."""
        summary = outcome.summary
        document_id = summary.document_id
        if outcome.staged is None and outcome.document is not None:
            outcome.staged, rows = stage_document(self.raw_dir, outcome.document)
            outcome.summary = summary = replace(summary, rows=rows)
        write_edition(outcome.staged, edition_of(outcome, age))
        carried = carry_narrative(self.raw_dir, outcome.staged, document_id)
        if carried is not None:
            outcome.summary = summary = replace(summary, rows=carried)
        commit_document(self.raw_dir, outcome.staged, document_id)
        outcome.staged = outcome.document = None
        self.rows[document_id] = summary.rows
        self.winner[document_id] = outcome
        previous = self.before_run[document_id]
        new_age = outcome.modified_ns if age is None else age
        if (previous is not None and previous.modified_ns is not None and previous.modified_ns != new_age
                and same_edition(previous, edition_of(outcome))):
            outcome.redated = (previous.modified_ns, new_age)
        outcome.replaced_edition = previous if previous and previous.source_sha256 != summary.source_sha256 else None
        outcome.replaced = outcome.replaced_edition.source_file if outcome.replaced_edition else None

    def chosen(self, candidates: list[FileOutcome], stored: Edition | None = None) -> tuple[FileOutcome | None, int]:
        """The input stored of those holding one document (the rule in the class doc), None when the edition
        ``stored`` by an earlier run is kept; and the age of the edition that stays. Identical copies are one
        edition; so are a PDF and a text file that say the same (equal ``content_digest``: the text extracted
        from the PDF), stored from the PDF (a stored PDF is kept against its text twin). Files of one form
        that differ, and a PDF and a text file that say different things, are editions: the newer wins."""
        editions: dict[str, list[FileOutcome]] = {}
        for outcome in sorted(candidates, key=lambda o: self.order[o.path]):
            editions.setdefault(self.edition_of_input(candidates, stored, outcome), []).append(outcome)
        ages = {key: min(o.modified_ns for o in same) for key, same in editions.items()}
        # of editions as old, the first input's; the stored one only when no input is as new
        rank = {key: -self.order[same[0].path] for key, same in editions.items()}
        stored_key = None
        if stored is not None and stored.modified_ns is not None:
            # a stored text saying what an input PDF says is that PDF's edition (its text twin)
            stored_key = next((o.summary.source_sha256 for o in sorted(candidates, key=lambda o: self.order[o.path])
                               if not is_pdf(stored.source_file) and is_pdf(o.path.name) and stored.content_sha256
                               and o.summary.content_sha256 == stored.content_sha256), stored.source_sha256)
            ages[stored_key] = min(ages.get(stored_key, stored.modified_ns), stored.modified_ns)
            rank.setdefault(stored_key, -len(self.order) - 1)
        newest = max(ages, key=lambda key: (ages[key], rank[key]))
        same = editions.get(newest, [])
        pdfs = [outcome for outcome in same if is_pdf(outcome.path.name)]
        if pdfs:
            return pdfs[0], ages[newest]
        if stored is not None and newest == stored_key and is_pdf(stored.source_file):
            return None, ages[newest]
        return (same[0] if same else None), ages[newest]

    def edition_of_input(self, candidates: list[FileOutcome], stored: Edition | None, outcome: FileOutcome) -> str:
        """The key of the edition an input belongs to among ``candidates`` and the ``stored`` edition: its
        bytes' digest, or for a text file saying what a PDF says (its text twin), that PDF's (the first
        given, else the stored PDF)."""
        summary = outcome.summary
        if is_pdf(outcome.path.name) or not summary.content_sha256:
            return summary.source_sha256
        for other in sorted(candidates, key=lambda o: self.order[o.path]):
            if is_pdf(other.path.name) and other.summary.content_sha256 == summary.content_sha256:
                return other.summary.source_sha256
        if stored is not None and is_pdf(stored.source_file) and stored.content_sha256 == summary.content_sha256:
            return stored.source_sha256
        return summary.source_sha256

    @staticmethod
    def edition_age(candidates: list[FileOutcome], outcome: FileOutcome) -> int:
        """The age of the edition ``outcome`` holds among ``candidates``: its oldest copy's modification time."""
        return min(o.modified_ns for o in candidates if same_edition(edition_of(o), edition_of(outcome)))

    def discard(self, outcome: FileOutcome) -> None:
        """Remove an input's staged folder: another input (or the stored edition) holds its document."""
        if outcome.staged is not None:
            shutil.rmtree(outcome.staged, ignore_errors=True)
        outcome.staged = outcome.document = None

    def join_parts(self) -> None:
        """Join each narrative file whose tables are published apart to its table file's document (stored
        in this run or an earlier one; see ``partner_of``); of the narratives of one document the edition
        the rule picks (the class doc) is joined, the one joined before included. A narrative without its
        table file is a failure of that file, and nothing of it is stored."""
        by_partner: dict[str, list[FileOutcome]] = {}
        for outcome in sorted(self.parts, key=lambda part: self.order[part.path]):
            summary = outcome.summary
            assert summary is not None and outcome.staged is not None
            partner = partner_of(summary, stored_documents(self.raw_dir))
            if partner is None:
                shutil.rmtree(outcome.staged, ignore_errors=True)
                outcome.error = tables_elsewhere_message(outcome.path, summary)
                outcome.summary = outcome.staged = outcome.document = None
                continue
            by_partner.setdefault(partner, []).append(outcome)
        for partner, parts in by_partner.items():
            joined_before = stored_edition(self.raw_dir, partner, NARRATIVE_PART)
            known = joined_before if joined_before is not None and joined_before.modified_ns is not None else None
            chosen, age = self.chosen(parts, known)
            for outcome in parts:
                if outcome is chosen:
                    continue
                self.discard(outcome)
                if chosen is None:
                    outcome.kept = joined_before
                else:
                    outcome.duplicate_of = chosen.path
                    outcome.older_edition = not same_edition(edition_of(outcome), edition_of(chosen))
                    outcome.same_age = outcome.older_edition and self.edition_age(parts, outcome) == age
            if chosen is None:
                continue
            if joined_before is not None and same_edition(joined_before, edition_of(chosen)):
                chosen.unchanged = joined_before.source_sha256 == chosen.summary.source_sha256 and \
                    joined_before.modified_ns == age
                if joined_before.modified_ns is not None and joined_before.modified_ns != age:
                    chosen.redated = (joined_before.modified_ns, age)
            write_edition(chosen.staged, edition_of(chosen, age))
            self.rows[partner] = attach_narrative(self.raw_dir, partner, chosen.staged)
            chosen.staged = chosen.document = None
            chosen.joined_to = partner
            table_file = stored_edition(self.raw_dir, partner)
            chosen.joined_with = table_file.source_file if table_file else None
            if joined_before is not None and joined_before.source_sha256 != chosen.summary.source_sha256:
                chosen.replaced_edition, chosen.replaced = joined_before, joined_before.source_file
        self.parts.clear()

    def finish(self, outcomes: list[FileOutcome]) -> None:
        """Store the chosen input of every document given more than once or stored before with its age,
        and point the others at it, saying whether each was an older edition (or keep the stored edition);
        then join the narrative parts to their table files' documents. Raises OSError when the store cannot
        be written."""
        for document_id, candidates in self.candidates.items():
            stored = self.weighed(document_id)
            if len(candidates) == 1 and stored is None:
                continue
            chosen, age = self.chosen(candidates, stored)
            if chosen is None:
                for outcome in candidates:
                    self.discard(outcome)
                    outcome.kept = stored
                continue
            if chosen is not self.winner.get(document_id):
                self.commit(chosen, age)
            elif age != chosen.modified_ns:
                write_edition(self.raw_dir / "docs" / document_id, edition_of(chosen, age))
            for outcome in candidates:
                if outcome is chosen:
                    continue
                self.discard(outcome)
                outcome.duplicate_of, outcome.replaced = chosen.path, None
                outcome.older_edition = not same_edition(edition_of(outcome), edition_of(chosen))
                outcome.same_age = outcome.older_edition and self.edition_age(candidates, outcome) == age
        self.join_parts()


def same_edition(one: Edition, other: Edition) -> bool:
    """Two files of one document are one edition: the same bytes, or a PDF and a text file saying the same
    (equal ``content_digest``: the text extracted from the PDF). Files of one form that differ are editions."""
    if one.source_sha256 == other.source_sha256:
        return True
    return (is_pdf(one.source_file) != is_pdf(other.source_file) and bool(one.content_sha256)
            and one.content_sha256 == other.content_sha256)


def is_pdf(name: str) -> bool:
    """A file name of the PDF form (the other form being the text extracted from it)."""
    return Path(name).suffix.lower() in PDF_SUFFIXES


def edition_of(outcome: FileOutcome, age: int | None = None) -> Edition:
    """The edition an input holds: its file name as raw_documents.source_file gives it, its digest and its
    age (``age``, the oldest copy's modification time, else the file's own)."""
    return Edition(shown(outcome.path.name), outcome.summary.source_sha256,
                   outcome.modified_ns if age is None else age, outcome.summary.content_sha256)


def body_key(name: str) -> str:
    """A body's name as its short and full forms share it: 中国共产党江苏省委员会办公厅 and 江苏省委办公厅 are
    the same body (中国共产党…委员会 is …委; …人民政府 is …政府)."""
    key = name.replace(" ", "").replace("　", "")
    key = key.removeprefix("中国共产党")
    return key.replace("委员会", "委").replace("人民政府", "政府")


def partner_of(part: DocumentSummary, stored: Iterator[dict[str, str]]) -> str | None:
    """The stored document whose tables a narrative file's are: same region, fiscal year, scope, kind and
    template, and the same body (``body_key``). None when there is none, or more than one."""
    found = {
        row["document_id"]
        for row in stored
        if row["region"] == part.region and row["fiscal_year"] == str(part.fiscal_year) and row["scope"] == part.scope
        and row["kind"] == part.kind and row.get("template") == part.template
        and body_key(row["department_name"]) == body_key(part.department_name)
    }
    return found.pop() if len(found) == 1 else None


def tables_elsewhere_message(path: Path, part: DocumentSummary) -> str:
    """Why a narrative file whose tables are published apart was not loaded."""
    return (
        f"{shown(path)}: the narrative of {part.department_name} {part.fiscal_year} (template {part.template}), whose "
        "tables it says are attached (附后) in another file: no table file of that disclosure was given in this "
        "run or is in the raw store; nothing was loaded from this file (ingest it with its table file)"
    )


def store_outcomes(raw_dir: Path, outcomes: list[FileOutcome]) -> dict[str, dict[str, int]]:
    """Store every parsed document once (see _Store); marks duplicates and replaced editions.
    Returns the rows written per document and raw file. Raises OSError when the store cannot be written."""
    store = _Store(raw_dir, [outcome.path for outcome in outcomes])
    for outcome in outcomes:
        store.add(outcome)
    store.finish(outcomes)
    return store.rows


def check_output_folder(raw_dir: Path) -> None:
    """The raw folder may be created, but not a whole tree: a missing parent is most likely a typo."""
    if not raw_dir.exists() and not raw_dir.parent.is_dir():
        raise StoreError(f"{raw_dir}: cannot create the raw folder, {raw_dir.parent} does not exist")
    if raw_dir.exists() and not raw_dir.is_dir():
        raise StoreError(f"{raw_dir}: is not a folder")


def ingest(paths: list[Path], raw_dir: Path, jobs: int, progress: Progress | None = None,
           quiet_wait: bool = False) -> IngestRun:
    """Parse ``paths`` and store them in ``raw_dir`` (see the module doc); raises StoreError, never for a
    problem of one input file (those are in the returned outcomes).

    Each document is stored as soon as it is parsed (workers write it to a staging folder, this process
    renames it into place), so memory stays flat in the number of documents; the combined files are
    rebuilt once at the end, after one flush of the file system.
    """
    check_output_folder(raw_dir)
    files, missing = collect_inputs(paths)
    outcomes: list[FileOutcome | None] = [None] * len(files)
    try:
        with raw_store_lock(raw_dir, "ingest", quiet_wait):
            recover_store(raw_dir)
            store = _Store(raw_dir, files)
            worker = partial(stage_outcome, raw_dir=raw_dir)
            results = iter_outcomes(files, jobs, worker)
            try:
                for done, (index, outcome) in enumerate(results, start=1):
                    outcomes[index] = outcome
                    store.add(outcome)
                    if progress:
                        progress(done, len(files))
            finally:
                results.close()
            complete = [outcome for outcome in outcomes if outcome is not None]
            store.finish(complete)
            stored_any = any(outcome.stored or outcome.joined_to for outcome in complete)
            counts = rebuild_combined(raw_dir, store.rows) if stored_any or not any(raw_dir.glob("docs/*")) else {}
    except LockError as exc:
        raise StoreError(str(exc)) from exc
    except OSError as exc:
        where = exc.filename or raw_dir
        raise StoreError(f"{where}: cannot write the raw store ({exc.strerror}); the combined files are unchanged") from exc
    return IngestRun(raw_dir, complete, missing, counts)
