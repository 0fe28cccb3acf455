"""Ingest files into the raw store: read → parse → write, one document at a time."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .model import IngestError, ParsedDocument
from .parse.document import parse_document
from .readers.pdf import read_pdf_document
from .readers.text import read_text_document

TEXT_SUFFIXES = {".txt", ".text"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES


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
    """Parse one file; every failure is an IngestError naming the file and the reason."""
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
    return parse_document(lines, path.name, digest, str(path))


@dataclass
class FileOutcome:
    path: Path
    document: ParsedDocument | None = None
    error: str = ""
    notes: list[str] = field(default_factory=list)


def parse_outcome(path: Path) -> FileOutcome:
    try:
        return FileOutcome(path, parse_file(path))
    except IngestError as exc:
        return FileOutcome(path, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the other files
        return FileOutcome(path, error=f"{path}: internal parser error ({type(exc).__name__}: {exc}); please report it")
