"""Ingest and build N generated documents, then one more: time, CPU and peak memory per stage.

    .venv/bin/python bench/bench_scale.py N [--work DIR] [--jobs J] [--keep] [--expectations]

The documents are variants of the bundled fictional example (the example generator: examples/generate.py,
or ingest/example.py before it moved): each has its own department name and fiscal year, and every amount
multiplied by a whole factor, so each is a distinct document (its own document_id) whose tables and
narrative agree with each other exactly as the example's do.

Stages, each a process of its own (as a user runs them): ``ingest`` (python -m ingest, --jobs J), optionally
``expectations`` (python -m ingest.expectations), ``build`` (scripts/build_warehouse.py, a full build into a
new warehouse), then ``ingest +1`` and ``build +1``: one more document into that warehouse (the incremental
path). For each stage it prints wall time, CPU time (user + system of the whole process tree, from wait4),
peak memory (the largest single process, from wait4; and the sum over the process tree, sampled from /proc
every 0.1 s) and the per-document cost. The figures are printed beside the targets of issue #13; nothing
is asserted. The machine's load average is printed before and after, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Targets of issue #13 for 10,000 documents (printed beside the figures, never asserted).
TARGET_TOTAL_S = 600.0
TARGET_PEAK_MB = 2048.0
TARGET_ONE_MORE_S = 60.0

# Department names are the example's region + three of these + 事务局: as long as the example's own name,
# so the generated narrative wraps exactly as the example's does (the parser is tested on that layout).
NAME_CHARACTERS = "东南西北中华新兴安和平康宁泰丰盛长乐永嘉瑞祥"
NAME_SUFFIX = "事务局"
YEARS = (2021, 2022, 2023, 2024, 2025)
SCALES = (1, 2, 3, 5, 7, 11)


def generator_module() -> ModuleType:
    """The example generator, wherever this checkout keeps it."""
    for name in ("examples.generate", "ingest.example"):
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError:
            continue
    raise SystemExit("bench_scale: no example generator (examples/generate.py or ingest/example.py)")


def department_name(gen: ModuleType, index: int) -> str:
    """The index-th distinct department name (three characters in base len(NAME_CHARACTERS))."""
    base = len(NAME_CHARACTERS)
    if index >= base ** 3:
        raise SystemExit(f"bench_scale: at most {base ** 3} distinct names per year")
    chars = "".join(NAME_CHARACTERS[(index // base ** k) % base] for k in (2, 1, 0))
    return f"{gen.REGION}{chars}{NAME_SUFFIX}"


@contextmanager
def variant(gen: ModuleType, year: int, scale: int) -> Iterator[None]:
    """The generator's module data with the fiscal year set and every amount multiplied by ``scale``.

    A whole factor keeps every identity of the example (sums, 万元 figures exact to 0.01, percentages).
    """
    names = ("FISCAL_YEAR", "FUNCTION_LEAVES", "ECONOMIC_LEAVES", "OPERATION_FUND", "PRIOR_YEAR_FISCAL",
             "PROCUREMENT_WAN", "PROCUREMENT_SME_WAN", "VEHICLE_PURCHASE", "PROJECTS")
    saved = {name: getattr(gen, name) for name in names}
    k = Decimal(scale)
    try:
        gen.FISCAL_YEAR = year
        gen.FUNCTION_LEAVES = tuple(
            dataclasses.replace(leaf, basic=leaf.basic * k, project=leaf.project * k,
                                other_project=leaf.other_project * k)
            for leaf in saved["FUNCTION_LEAVES"])
        gen.ECONOMIC_LEAVES = tuple(dataclasses.replace(leaf, amount=leaf.amount * k)
                                    for leaf in saved["ECONOMIC_LEAVES"])
        for name in ("OPERATION_FUND", "PRIOR_YEAR_FISCAL", "VEHICLE_PURCHASE"):
            setattr(gen, name, saved[name] * k)
        for name in ("PROCUREMENT_WAN", "PROCUREMENT_SME_WAN"):
            setattr(gen, name, tuple(amount * k for amount in saved[name]))
        gen.PROJECTS = tuple(
            dataclasses.replace(project,
                                period=project.period.replace(str(saved["FISCAL_YEAR"]), str(year)),
                                items=tuple((name, amount * k) for name, amount in project.items))
            for project in saved["PROJECTS"])
        gen.check_consistency()
        yield
    finally:
        for name, value in saved.items():
            setattr(gen, name, value)


def generate(folder: Path, first: int, count: int) -> list[Path]:
    """Write documents ``first`` .. ``first + count - 1`` into ``folder``; returns their paths.

    One text is rendered per (year, scale) and the department's name put into it, so generating 10,000
    documents takes seconds rather than the minutes 10,000 renders would.
    """
    gen = generator_module()
    folder.mkdir(parents=True, exist_ok=True)
    rendered: dict[tuple[int, int], str] = {}
    paths = []
    for index in range(first, first + count):
        year = YEARS[index % len(YEARS)]
        scale = SCALES[(index // len(YEARS)) % len(SCALES)]
        if (year, scale) not in rendered:
            with variant(gen, year, scale):
                rendered[year, scale] = gen.render_example_document()
        text = rendered[year, scale].replace(gen.DEPARTMENT, department_name(gen, index))
        path = folder / f"generated_{index:05d}_{year}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@dataclass
class Stage:
    name: str
    documents: int
    wall_s: float
    cpu_s: float
    max_process_mb: float
    tree_peak_mb: float
    returncode: int


def tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and all its descendants (kB), from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stream:
                stat = stream.read()
            with open(f"/proc/{entry.name}/statm", encoding="ascii") as stream:
                pages = int(stream.read().split()[1])
        except (OSError, ValueError, IndexError):
            continue
        pid = int(entry.name)
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = pages * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack += children.get(pid, [])
    return total


def run_stage(name: str, documents: int, command: list[str], env: dict[str, str], log: Path) -> Stage:
    """Run one stage as a child process; its output goes to ``log``."""
    with log.open("a", encoding="utf-8") as stream:
        stream.write(f"\n$ {' '.join(command)}\n")
        stream.flush()
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=stream, stderr=subprocess.STDOUT)
        peak = [0]
        finished = threading.Event()

        def sample() -> None:
            while not finished.wait(0.1):
                peak[0] = max(peak[0], tree_rss_kb(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        finished.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
    return Stage(name, documents, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                 peak[0] / 1024, process.returncode)


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def print_stage(stage: Stage) -> None:
    per_doc = f"{1000 * stage.wall_s / stage.documents:8.1f} {1000 * stage.cpu_s / stage.documents:8.1f}"
    print(f"{stage.name:<14} {stage.documents:>6} {stage.wall_s:9.1f} {stage.cpu_s:9.1f} {per_doc} "
          f"{stage.max_process_mb:9.0f} {stage.tree_peak_mb:9.0f}  exit {stage.returncode}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="number of generated documents")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench_scale"),
                        help="scratch folder (emptied first; default /tmp/bench_scale)")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, help="ingest worker processes")
    parser.add_argument("--expectations", action="store_true", help="also time the GX expectations stage")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder afterwards (always kept when a stage fails)")
    args = parser.parse_args(argv)
    work: Path = args.work.resolve()
    shutil.rmtree(work, ignore_errors=True)
    docs, extra, raw = work / "docs", work / "one_more", work / "raw"
    warehouse, log = work / "warehouse.duckdb", work / "bench.log"
    work.mkdir(parents=True)
    started = time.perf_counter()
    generate(docs, 0, args.n)
    generate(extra, args.n, 1)
    print(f"bench_scale: {args.n} documents generated in {time.perf_counter() - started:.1f} s into {docs}")
    print(f"machine: {os.cpu_count()} cores, {os.uname().machine}, Python {sys.version.split()[0]}; "
          f"load average before: {load_average()}", flush=True)
    env = {**os.environ, "BUDGET_RAW_DIR": str(raw), "BUDGET_WAREHOUSE": str(warehouse),
           "DBT_TARGET_PATH": str(work / "target"), "DBT_LOG_PATH": str(work / "logs"),
           "GX_ANALYTICS_ENABLED": "false", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    python = sys.executable
    plan = [("ingest", args.n, [python, "-m", "ingest", str(docs), "--raw-dir", str(raw), "--jobs", str(args.jobs),
                                "--quiet"])]
    if args.expectations:
        plan.append(("expectations", args.n, [python, "-m", "ingest.expectations"]))
    plan += [
        ("build", args.n, [python, "scripts/build_warehouse.py", "--target", str(warehouse)]),
        ("ingest +1", 1, [python, "-m", "ingest", str(extra), "--raw-dir", str(raw), "--quiet"]),
        ("build +1", 1, [python, "scripts/build_warehouse.py", "--target", str(warehouse)]),
    ]
    print(f"{'stage':<14} {'docs':>6} {'wall s':>9} {'cpu s':>9} {'ms/doc':>8} {'cpu ms/d':>8} "
          f"{'max MB':>9} {'tree MB':>9}")
    stages = []
    for name, documents, command in plan:
        stage = run_stage(name, documents, command, env, log)
        stages.append(stage)
        print_stage(stage)
        if stage.returncode not in (0, 1):
            print(f"bench_scale: {name} failed (exit {stage.returncode}); see {log}", file=sys.stderr)
            break
    full = sum(s.wall_s for s in stages if not s.name.endswith("+1"))
    one_more = sum(s.wall_s for s in stages if s.name.endswith("+1"))
    peak = max((s.tree_peak_mb for s in stages), default=0.0)
    print(f"ingest + build of {args.n}: {full:.1f} s ({1000 * full / max(args.n, 1):.1f} ms per document; "
          f"target for 10,000: {TARGET_TOTAL_S:.0f} s); one more document: {one_more:.1f} s "
          f"(target {TARGET_ONE_MORE_S:.0f} s); peak memory of a stage: {peak:.0f} MB (target {TARGET_PEAK_MB:.0f} MB)")
    failed = any(s.returncode not in (0, 1) for s in stages)
    print(f"load average after: {load_average()}; log: {log}")
    # A failed stage keeps the folder: the log named above is what says why.
    if not args.keep and not failed:
        shutil.rmtree(work, ignore_errors=True)
    elif failed:
        print(f"bench_scale: kept {work} (a stage failed)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
