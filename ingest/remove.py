"""Take documents out of the raw store: ``python -m ingest.remove DOCUMENT... [--raw-dir DIR]`` (``make remove``).

DOCUMENT is a document id (the folder name under RAW_DIR/docs/, ``dim_document.document_id``) or the name of
a file stored as a document or as part of one (``source_file`` / ``source_files``: a two-file disclosure is
one document, and naming either file removes it whole). Every DOCUMENT must match before anything is
removed: a name that matches no stored document is an error and nothing is touched (exit 2).

The removal holds the raw store's lock (a concurrent ingest or build waits), moves each document's folder
aside, rebuilds the combined files once and then deletes the folders; if the combined files cannot be
written the folders are put back and the store is as before (exit 3); a removal killed part-way is undone
by the next ingest, removal or build. The next build
(``scripts/build_warehouse.py`` or ``make build``) takes the documents out of the warehouse; until then the
published warehouse still holds them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from .lock import LockError, raw_store_lock
from .words import plural, shown
from .writer import (
    SOURCE_FILES_SEPARATOR,
    default_raw_dir,
    rebuild_combined,
    recover_store,
    stored_document_dirs,
    stored_documents,
)

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_STORE_FAILED = 3


class RemoveError(Exception):
    """A removal that cannot be done; its text is the one line the command prints."""


@dataclass(frozen=True)
class StoredDocument:
    """What the store says of one document (its raw_documents row): id, identity and source file(s)."""

    document_id: str
    department_name: str
    fiscal_year: str
    kind: str
    scope: str
    source_files: tuple[str, ...]

    @property
    def label(self) -> str:
        """``某局 2025 budget (department), from a.pdf + b.pdf``: how the command names the document."""
        return (f"{self.department_name} {self.fiscal_year} {self.kind} ({self.scope}), "
                f"from {' + '.join(self.source_files)}")


def stored(raw_dir: Path) -> list[StoredDocument]:
    """Every document in the store, from its own raw_documents.csv."""
    documents = []
    for row in stored_documents(raw_dir):
        files = tuple(name for name in (row.get("source_files") or "").split(SOURCE_FILES_SEPARATOR) if name)
        documents.append(StoredDocument(row["document_id"], row["department_name"], row["fiscal_year"], row["kind"],
                                        row["scope"], files or (row["source_file"],)))
    return documents


def matching(documents: list[StoredDocument], names: list[str]) -> list[StoredDocument]:
    """The documents ``names`` designate (by id, or by a stored file's name: a path is matched by its last
    part), each once, in store order. Raises RemoveError naming every name that matches none."""
    unmatched = []
    chosen: set[str] = set()
    for name in names:
        file_name = Path(name).name
        found = [doc for doc in documents if name == doc.document_id or file_name in doc.source_files]
        if not found:
            unmatched.append(name)
        chosen.update(doc.document_id for doc in found)
    if unmatched:
        raise RemoveError(f"no stored document is {' or '.join(map(repr, unmatched))} (give a document id from "
                          "dim_document.document_id or RAW_DIR/docs/, or the name of a loaded file); nothing removed")
    return [doc for doc in documents if doc.document_id in chosen]


def remove_documents(raw_dir: Path, names: list[str]) -> list[StoredDocument]:
    """Remove the documents ``names`` designate from the raw store at ``raw_dir`` and rebuild its combined
    files; returns what was removed. Raises RemoveError (no such document, no store) or OSError (the store
    cannot be written: every folder is put back first)."""
    if not (raw_dir / "docs").is_dir():
        raise RemoveError(f"{shown(raw_dir)}: no raw store there (no document was ever loaded into it)")
    with raw_store_lock(raw_dir, "remove"):
        recover_store(raw_dir)
        removed = matching(stored(raw_dir), names)
        moved: list[tuple[Path, Path]] = []
        try:
            for doc in removed:
                folder = raw_dir / "docs" / doc.document_id
                # Named as the ingest names a folder it replaces: a removal killed before the end is undone by
                # the next run's recover_store (the folder is put back), never half done.
                aside = folder.with_name(f".{doc.document_id}.old")
                os.replace(folder, aside)
                moved.append((folder, aside))
            rebuild_combined(raw_dir)
        except BaseException:
            for folder, aside in reversed(moved):
                os.replace(aside, folder)
            raise
        for _, aside in moved:
            shutil.rmtree(aside, ignore_errors=True)
    return removed


def main(argv: list[str] | None = None) -> int:
    """The command line: removes the DOCUMENTs, prints one line per document removed and a summary; exit 0,
    2 (no such document: nothing removed) or 3 (the raw store cannot be written: nothing removed)."""
    parser = argparse.ArgumentParser(prog="python -m ingest.remove", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("documents", nargs="+", metavar="DOCUMENT", help="a document id or a loaded file's name")
    parser.add_argument("--raw-dir", type=Path, default=None,
                        help="the raw store (default: $BUDGET_RAW_DIR, else ./raw)")
    args = parser.parse_args(argv)
    raw_dir: Path = args.raw_dir or default_raw_dir()
    try:
        removed = remove_documents(raw_dir, args.documents)
    except RemoveError as exc:
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (LockError, OSError) as exc:
        reason = str(exc) if isinstance(exc, LockError) else f"{exc.filename or raw_dir}: {exc.strerror}"
        print(f"error: {reason}; nothing removed", file=sys.stderr)
        return EXIT_STORE_FAILED
    for doc in removed:
        print(f"removed {doc.document_id} ({doc.label})")
    left = len(stored_document_dirs(raw_dir))
    print(f"{plural(len(removed), 'document')} removed, {plural(left, 'document')} left in {shown(raw_dir)}; "
          "build to take them out of the warehouse (make build)")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
