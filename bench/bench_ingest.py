"""How long the ingest takes on PDFs, against pdfplumber merely extracting words from the same files.

    .venv/bin/python bench/bench_ingest.py [PDF or folder ...] [--repeat N] [--profile] [--plumber-python PY]

Without paths it reads the development corpus (../shared/corpus, or $BUDGET_CORPUS_DIR). Each document
is parsed N times (read + parse, nothing written); the figures are medians. pdfplumber is not a project
dependency. It is timed in this interpreter if it imports here, else in another one that has it:
``--plumber-python``, $PDFPLUMBER_PYTHON, or the first of PLUMBER_VENVS that exists (make one with
``python -m venv /tmp/plumbervenv && /tmp/plumbervenv/bin/pip install pdfplumber``); without any, that
part is skipped. The words are extracted N times per document there too, in the same run, and only the
extraction is timed (not the interpreter's start). ``--profile`` adds a cProfile of one full pass, split
into reading and parsing. It prints; it asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pdf_oxide  # noqa: E402

from ingest.parse.document import parse_document  # noqa: E402
from ingest.readers.pdf import read_pdf_document  # noqa: E402

TARGET_MS_PER_DOCUMENT = 100.0
TARGET_SPEEDUP = 30.0  # times faster than pdfplumber's extract_words() on the same files
# Interpreters with pdfplumber, tried in this order when it does not import here.
PLUMBER_VENVS = [ROOT / ".plumbervenv" / "bin" / "python", Path("/tmp/plumbervenv/bin/python")]

# Run by the other interpreter: median ms of extract_words() over all pages, per document, as JSON.
PLUMBER_SCRIPT = """
import json, statistics, sys, time
import pdfplumber
repeat, paths = int(sys.argv[1]), sys.argv[2:]
def extract(path):
    with pdfplumber.open(path) as pdf:
        return sum(len(page.extract_words()) for page in pdf.pages)
result = {}
for path in paths:
    extract(path)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        extract(path)
        samples.append((time.perf_counter() - started) * 1000)
    result[path] = statistics.median(samples)
print(json.dumps(result))
"""


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


def plumber_python(option: str | None) -> str | None:
    """Another interpreter to time pdfplumber in, when it does not import in this one."""
    if option:
        return option
    if os.environ.get("PDFPLUMBER_PYTHON"):
        return os.environ["PDFPLUMBER_PYTHON"]
    return next((str(python) for python in PLUMBER_VENVS if python.exists()), None)


def plumber_elsewhere(python: str, paths: list[Path], repeat: int) -> dict[Path, float]:
    """Median ms of pdfplumber's extract_words() per document, timed by ``python``; {} if it cannot."""
    try:
        done = subprocess.run(
            [python, "-c", PLUMBER_SCRIPT, str(repeat), *map(str, paths)], capture_output=True, text=True, check=True
        )
        return {Path(path): ms for path, ms in json.loads(done.stdout).items()}
    except (OSError, subprocess.CalledProcessError, ValueError) as exc:
        detail = exc.stderr.strip().splitlines()[-1] if isinstance(exc, subprocess.CalledProcessError) and exc.stderr.strip() else exc
        print(f"pdfplumber could not be timed with {python}: {detail}", file=sys.stderr)
        return {}


def time_document(path: Path, repeat: int, plumber_ms: float | None = None) -> Timing:
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    pages = int(pdf_oxide.PdfDocument.from_bytes(data).page_count)
    lines = read_pdf_document(path, data)
    read_ms = median_ms(lambda: read_pdf_document(path, data), repeat)
    parse_ms = median_ms(lambda: parse_document(lines, path.name, digest, str(path)), repeat)
    if plumber_ms is None:
        plumber = plumber_words(path)
        plumber_ms = median_ms(plumber, repeat) if plumber else None
    return Timing(path.stem, pages, read_ms, parse_ms, plumber_ms)


def report(timings: list[Timing]) -> None:
    header = (
        f"{'document':32} {'pages':>5} {'read':>8} {'parse':>8} {'total':>8} {'ms/page':>8} "
        f"{'plumber':>8} {'pl/page':>8} {'ratio':>6} {'faster':>7}"
    )
    print(header)
    print("-" * len(header))
    for t in timings:
        if t.plumber_ms:
            plumber = f"{t.plumber_ms:8.1f} {t.plumber_ms / t.pages:8.2f} {t.total_ms / t.plumber_ms:6.3f} {t.plumber_ms / t.total_ms:6.1f}×"
        else:
            plumber = f"{'-':>8} {'-':>8} {'-':>6} {'-':>7}"
        print(f"{t.name:32} {t.pages:5d} {t.read_ms:8.1f} {t.parse_ms:8.1f} {t.total_ms:8.1f} {t.total_ms / t.pages:8.2f} {plumber}")
    totals = [t.total_ms for t in timings]
    per_page = [t.total_ms / t.pages for t in timings]
    print(
        f"\nour whole parse (read + parse): median {statistics.median(totals):.1f} ms per document "
        f"(reading {statistics.median(t.read_ms for t in timings):.1f}, parsing {statistics.median(t.parse_ms for t in timings):.1f}), "
        f"{statistics.median(per_page):.2f} ms per page; target ≤ {TARGET_MS_PER_DOCUMENT:.0f} ms per 20–35 page document: "
        f"{sum(1 for t in totals if t <= TARGET_MS_PER_DOCUMENT)} of {len(totals)} documents within it"
    )
    plumber_ms = [t.plumber_ms for t in timings if t.plumber_ms]
    if plumber_ms:
        ratios = [t.total_ms / t.plumber_ms for t in timings if t.plumber_ms]
        print(
            f"pdfplumber extract_words alone: median {statistics.median(plumber_ms):.1f} ms per document, "
            f"{statistics.median(t.plumber_ms / t.pages for t in timings if t.plumber_ms):.2f} ms per page "
            f"(ours / pdfplumber = {statistics.median(ratios):.3f}, i.e. {1 / statistics.median(ratios):.1f}× faster, "
            f"median of the per-document ratios; target ≥ {TARGET_SPEEDUP:.0f}×)"
        )
    else:
        print(
            "pdfplumber is not installed: comparison skipped (pip install pdfplumber, or give an interpreter "
            "that has it with --plumber-python or $PDFPLUMBER_PYTHON)"
        )


def profile(paths: list[Path]) -> None:
    """Where the time goes in one pass over every document, reading and parsing profiled apart."""
    inputs = [(path, path.read_bytes()) for path in paths]
    reader, parser = cProfile.Profile(), cProfile.Profile()
    for path, data in inputs:
        lines = reader.runcall(read_pdf_document, path, data)
        parser.runcall(parse_document, lines, path.name, "", str(path))
    for title, profiler in (("reading (pdf_oxide characters + line layout)", reader), ("parsing (parse_document)", parser)):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(12)
        print(f"\n=== profile: {title}, by own time ===")
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:6000])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, help="PDFs or folders (default: the development corpus)")
    parser.add_argument("--repeat", "-n", type=int, default=5, help="runs per document (median taken)")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of one pass")
    parser.add_argument("--plumber-python", help="an interpreter with pdfplumber, if it does not import in this one")
    args = parser.parse_args(argv)
    paths = find_pdfs(args.paths)
    if not paths:
        print(f"no PDFs found (looked in {', '.join(map(str, args.paths)) or corpus_dir()})", file=sys.stderr)
        return 2
    repeat = max(args.repeat, 1)
    plumber: dict[Path, float] = {}
    python = plumber_python(args.plumber_python)
    if python and (args.plumber_python or plumber_words(paths[0]) is None):
        plumber = plumber_elsewhere(python, paths, repeat)
    timings = [time_document(path, repeat, plumber.get(path)) for path in paths]
    report(timings)
    if args.profile:
        profile(paths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
