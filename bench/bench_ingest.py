"""How long the ingest takes on PDFs, against pdfplumber merely extracting words from the same files.

    .venv/bin/python bench/bench_ingest.py [PDF or folder ...] [--repeat N] [--profile] [--plumber-python PY]

Without paths it reads the development corpus's PDFs (../shared/corpus and its folders, or $BUDGET_CORPUS_DIR).
Each document is read and parsed N times (nothing written); then the whole ingest (``python -m ingest
--jobs 1``: read, parse, write the raw CSVs) runs N times over every document that parses, in this process.
Figures are medians of CPU time (the machine is shared; wall time of the whole ingest is printed too). A
document the parser rejects is named and left out of the ratios. pdfplumber is not a project
dependency. It is timed in this interpreter if it imports here, else in another one that has it:
``--plumber-python``, $PDFPLUMBER_PYTHON, or the first of PLUMBER_VENVS that exists (make one with
``python -m venv /tmp/plumbervenv && /tmp/plumbervenv/bin/pip install pdfplumber``); without any, that
part is skipped. The words are extracted N times per document there too, in the same run, and only the
extraction is timed (not the interpreter's start). ``--profile`` adds a cProfile of one full pass, split
into reading and parsing. It prints; it asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import hashlib
import io
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pdf_oxide  # noqa: E402

from ingest.cli import main as ingest_main  # noqa: E402
from ingest.model import IngestError  # noqa: E402
from ingest.parse.document import parse_document  # noqa: E402
from ingest.readers.pdf import read_pdf_document  # noqa: E402

TARGET_MS_PER_DOCUMENT = 100.0
TARGET_SPEEDUP = 30.0  # times faster than pdfplumber's extract_words() on the same files (issue #13)
STRETCH_SPEEDUP = 40.0
# Interpreters with pdfplumber, tried in this order when it does not import here.
PLUMBER_VENVS = [ROOT / ".plumbervenv" / "bin" / "python", Path("/tmp/plumbervenv/bin/python"), Path("/tmp/plumber-venv/bin/python")]

# Run by the other interpreter: median CPU ms of extract_words() over all pages, per document, as JSON.
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
        started = time.process_time()
        extract(path)
        samples.append((time.process_time() - started) * 1000)
    result[path] = statistics.median(samples)
print(json.dumps(result))
"""


@dataclass
class Timing:
    name: str
    pages: int
    read_ms: float
    parse_ms: float | None  # None: the parser rejects the document
    plumber_ms: float | None
    rejected: str = ""
    oxide_ms: float = 0.0  # pdf_oxide alone: open the document, extract every page's characters

    @property
    def total_ms(self) -> float:
        return self.read_ms + (self.parse_ms or 0.0)


@dataclass
class WholeIngest:
    documents: int
    cpu_ms: float  # median over the runs, all documents together
    wall_ms: float


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
    """Median CPU time of ``action`` in ms."""
    samples = []
    for _ in range(repeat):
        started = time.process_time()
        action()
        samples.append((time.process_time() - started) * 1000)
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
    """Median CPU ms of pdfplumber's extract_words() per document, timed by ``python``; {} if it cannot."""
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
    oxide_ms = median_ms(lambda: oxide_alone(data), repeat)
    if plumber_ms is None:
        plumber = plumber_words(path)
        plumber_ms = median_ms(plumber, repeat) if plumber else None
    try:
        parse_document(lines, path.name, digest, str(path))
    except IngestError as exc:
        return Timing(path.stem, pages, read_ms, None, plumber_ms, str(exc).removeprefix(f"{path}: "), oxide_ms)
    parse_ms = median_ms(lambda: parse_document(lines, path.name, digest, str(path)), repeat)
    return Timing(path.stem, pages, read_ms, parse_ms, plumber_ms, oxide_ms=oxide_ms)


def oxide_alone(data: bytes) -> int:
    """What the library does for the reader, without any of the project's own work: open the document and
    extract every page's characters (a new document each time: its fonts are loaded again, as in an ingest)."""
    document = pdf_oxide.PdfDocument.from_bytes(data)
    return sum(len(document.extract_chars(index)) for index in range(int(document.page_count)))


def time_whole_ingest(paths: list[Path], repeat: int) -> WholeIngest:
    """The ingest command itself on ``paths``, one process (--jobs 1), into a fresh raw folder each run."""
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="bench-ingest-") as scratch:
            argv = ["--raw-dir", str(Path(scratch) / "raw"), "--jobs", "1", "--quiet", *map(str, paths)]
            started_cpu, started_wall = time.process_time(), time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):
                status = ingest_main(argv)
            cpu.append((time.process_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started_wall) * 1000)
        if status != 0:
            raise SystemExit(f"the ingest failed (exit {status}) on {len(paths)} documents that parse alone")
    return WholeIngest(len(paths), statistics.median(cpu), statistics.median(wall))


def report(timings: list[Timing], whole: WholeIngest | None) -> None:
    header = (
        f"{'document':32} {'pages':>5} {'read':>8} {'parse':>8} {'total':>8} {'ms/page':>8} "
        f"{'plumber':>8} {'pl/page':>8} {'faster':>7}"
    )
    print("CPU ms, medians")
    print(header)
    print("-" * len(header))
    for t in timings:
        plumber = f"{t.plumber_ms:8.1f} {t.plumber_ms / t.pages:8.2f}" if t.plumber_ms else f"{'-':>8} {'-':>8}"
        faster = f"{t.plumber_ms / t.total_ms:6.1f}×" if t.plumber_ms and t.parse_ms is not None else f"{'-':>7}"
        parse = f"{t.parse_ms:8.1f}" if t.parse_ms is not None else f"{'rejected':>8}"
        print(f"{t.name:32} {t.pages:5d} {t.read_ms:8.1f} {parse} {t.total_ms:8.1f} {t.total_ms / t.pages:8.2f} {plumber} {faster}")
    for t in timings:
        if t.parse_ms is None:
            print(f"  {t.name}: not parsed ({t.rejected}); left out of the figures below")
    parsed = [t for t in timings if t.parse_ms is not None]
    if not parsed:
        return
    totals = [t.total_ms for t in parsed]
    worst = max(parsed, key=lambda t: t.total_ms)
    print(
        f"\nread + parse: median {statistics.median(totals):.1f} ms per document "
        f"(reading {statistics.median(t.read_ms for t in parsed):.1f}, parsing {statistics.median(t.parse_ms or 0.0 for t in parsed):.1f}), "
        f"{statistics.median(t.total_ms / t.pages for t in parsed):.2f} ms per page; "
        f"{sum(1 for ms in totals if ms <= TARGET_MS_PER_DOCUMENT)} of {len(totals)} documents within {TARGET_MS_PER_DOCUMENT:.0f} ms; "
        f"worst document {worst.name} {worst.total_ms / statistics.median(totals):.1f}× the median"
    )
    if whole:
        print(
            f"whole ingest (python -m ingest --jobs 1, CSVs written): {whole.cpu_ms / whole.documents:.1f} ms CPU per document "
            f"({whole.wall_ms / whole.documents:.1f} ms wall), {whole.documents} documents"
        )
    plumbed = [t for t in parsed if t.plumber_ms]
    if not plumbed or len(plumbed) != len(parsed):
        print(
            "pdfplumber is not installed: comparison skipped (pip install pdfplumber, or give an interpreter "
            "that has it with --plumber-python or $PDFPLUMBER_PYTHON)"
        )
        return
    plumber_total = sum(t.plumber_ms or 0.0 for t in plumbed)
    print(
        f"pdfplumber extract_words alone, same documents, same run: {plumber_total / len(plumbed):.1f} ms CPU per document; "
        f"read + parse is {plumber_total / sum(totals):.1f}× faster"
    )
    if whole:
        ratio = plumber_total / whole.cpu_ms
        verdict = "met" if ratio >= TARGET_SPEEDUP else "NOT met"
        print(
            f"whole ingest is {ratio:.1f}× faster than pdfplumber's extract_words (CPU; "
            f"{plumber_total / whole.wall_ms:.1f}× by wall time): target ≥ {TARGET_SPEEDUP:.0f}× {verdict}, "
            f"stretch {STRETCH_SPEEDUP:.0f}×"
        )
        # The floor no Python work can go below: what pdf_oxide itself takes, and what the target leaves for
        # everything else (layout, parsing, writing).
        documents = len(plumbed)
        oxide = sum(t.oxide_ms for t in plumbed) / documents
        allowed = plumber_total / documents / TARGET_SPEEDUP
        print(
            f"pdf_oxide alone (open + extract_chars of every page): {oxide:.1f} ms CPU per document = "
            f"{plumber_total / documents / oxide:.1f}× pdfplumber; {TARGET_SPEEDUP:.0f}× allows {allowed:.1f} ms per "
            f"document in all, leaving {allowed - oxide:.1f} ms for the project's own work "
            f"(now {whole.cpu_ms / whole.documents - oxide:.1f} ms)"
        )


def profile(paths: list[Path]) -> None:
    """Where the time goes in one pass over every document, reading and parsing profiled apart."""
    inputs = [(path, path.read_bytes()) for path in paths]
    # CPU time, not wall time: on a shared machine waiting for a core is not cost.
    reader, parser = cProfile.Profile(time.process_time), cProfile.Profile(time.process_time)
    for path, data in inputs:
        lines = reader.runcall(read_pdf_document, path, data)
        with contextlib.suppress(IngestError):  # a rejected document is profiled up to its rejection
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
    parsed = [path for path, timing in zip(paths, timings, strict=True) if timing.parse_ms is not None]
    whole = time_whole_ingest(parsed, repeat) if parsed else None
    report(timings, whole)
    if args.profile:
        profile(paths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
