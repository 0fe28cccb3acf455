"""How long the ingest takes on PDFs, against pdfplumber merely extracting words from the same files.

    .venv/bin/python bench/bench_ingest.py [PDF or folder ...] [--repeat N] [--profile]

Without paths it reads the development corpus (../shared/corpus, or $BUDGET_CORPUS_DIR). Each document
is parsed N times (read + parse, nothing written); the figures are medians. pdfplumber is not a project
dependency: if it is not installed that part is skipped (``pip install pdfplumber`` to get it).
``--profile`` adds a cProfile of one full pass, split into reading and parsing. It prints; it asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402

from ingest.parse.document import parse_document  # noqa: E402
from ingest.readers.pdf import read_pdf_document  # noqa: E402

TARGET_MS_PER_DOCUMENT = 100.0


@dataclass
class Timing:
    name: str
    pages: int
    read_ms: float
    parse_ms: float
    plumber_ms: float | None

    @property
    def total_ms(self) -> float:
        return self.read_ms + self.parse_ms


def corpus_dir() -> Path:
    override = os.environ.get("BUDGET_CORPUS_DIR")
    return Path(override) if override else (ROOT.parent / "shared" / "corpus").resolve()


def find_pdfs(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths or [corpus_dir()]:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() == ".pdf")
        elif path.is_file():
            found.append(path)
    return found


def median_ms(action: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def plumber_words(path: Path) -> Callable[[], object] | None:
    try:
        import pdfplumber
    except ImportError:
        return None

    def extract() -> int:
        with pdfplumber.open(path) as pdf:
            return sum(len(page.extract_words()) for page in pdf.pages)

    return extract


def time_document(path: Path, repeat: int) -> Timing:
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    with pdfium.PdfDocument(data) as document:
        pages = len(document)
    lines = read_pdf_document(path, data)
    read_ms = median_ms(lambda: read_pdf_document(path, data), repeat)
    parse_ms = median_ms(lambda: parse_document(lines, path.name, digest, str(path)), repeat)
    plumber = plumber_words(path)
    plumber_ms = median_ms(plumber, repeat) if plumber else None
    return Timing(path.stem, pages, read_ms, parse_ms, plumber_ms)


def report(timings: list[Timing]) -> None:
    header = f"{'document':32} {'pages':>5} {'read':>8} {'parse':>8} {'total':>8} {'ms/page':>8} {'plumber':>8} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    for t in timings:
        plumber = f"{t.plumber_ms:8.1f}" if t.plumber_ms is not None else f"{'-':>8}"
        ratio = f"{t.total_ms / t.plumber_ms:6.2f}" if t.plumber_ms else f"{'-':>6}"
        print(f"{t.name:32} {t.pages:5d} {t.read_ms:8.1f} {t.parse_ms:8.1f} {t.total_ms:8.1f} {t.total_ms / t.pages:8.2f} {plumber} {ratio}")
    totals = [t.total_ms for t in timings]
    per_page = [t.total_ms / t.pages for t in timings]
    print(
        f"\nour whole parse (read + parse): median {statistics.median(totals):.1f} ms per document, "
        f"{statistics.median(per_page):.2f} ms per page; target ≤ {TARGET_MS_PER_DOCUMENT:.0f} ms per 20–35 page document: "
        f"{sum(1 for t in totals if t <= TARGET_MS_PER_DOCUMENT)} of {len(totals)} documents within it"
    )
    plumber_ms = [t.plumber_ms for t in timings if t.plumber_ms]
    if plumber_ms:
        ratios = [t.total_ms / t.plumber_ms for t in timings if t.plumber_ms]
        print(
            f"pdfplumber extract_words alone: median {statistics.median(plumber_ms):.1f} ms per document "
            f"(ours / pdfplumber = {statistics.median(ratios):.2f}, median of the per-document ratios)"
        )
    else:
        print("pdfplumber is not installed: comparison skipped (pip install pdfplumber)")


def profile(paths: list[Path]) -> None:
    """Where the time goes in one pass over every document, reading and parsing profiled apart."""
    inputs = [(path, path.read_bytes()) for path in paths]
    reader, parser = cProfile.Profile(), cProfile.Profile()
    for path, data in inputs:
        lines = reader.runcall(read_pdf_document, path, data)
        parser.runcall(parse_document, lines, path.name, "", str(path))
    for title, profiler in (("reading (pdfium + line assembly)", reader), ("parsing (parse_document)", parser)):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(12)
        print(f"\n=== profile: {title}, by own time ===")
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:6000])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, help="PDFs or folders (default: the development corpus)")
    parser.add_argument("--repeat", "-n", type=int, default=5, help="runs per document (median taken)")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of one pass")
    args = parser.parse_args(argv)
    paths = find_pdfs(args.paths)
    if not paths:
        print(f"no PDFs found (looked in {', '.join(map(str, args.paths)) or corpus_dir()})", file=sys.stderr)
        return 2
    timings = [time_document(path, max(args.repeat, 1)) for path in paths]
    report(timings)
    if args.profile:
        profile(paths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
