"""Build the warehouse with dbt into a temporary file, then swap it in.

A BI tool holding the old warehouse open keeps reading the old file until it reconnects; it never sees
a half-built one, and its open handle cannot make the build fail. The swap happens only when every seed
and model built; data tests that fail (published figures that disagree) do not stop the swap, they are
reported, and the exit status says whether any finding is new (not in seeds/acknowledged_findings.csv).
Unit tests (SQL logic on crafted rows) are left to `make test`.

Usage: python scripts/build_warehouse.py [--target PATH] [-- extra dbt args]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def dbt_executable() -> str:
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def models_all_built(run_results: Path) -> tuple[bool, list[str]]:
    results = json.loads(run_results.read_text(encoding="utf-8"))["results"]
    broken = [
        f"{r['unique_id']}: {r['status']}"
        for r in results
        if r["unique_id"].split(".")[0] in ("model", "seed") and r["status"] not in ("success",)
    ]
    return not broken, broken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target", type=Path, default=Path(os.environ.get("BUDGET_WAREHOUSE", ROOT / "warehouse.duckdb")))
    parser.add_argument("--docs", action="store_true", help="also write the dbt docs as one HTML file (target/static_index.html)")
    parser.add_argument("dbt_args", nargs="*", help="extra arguments for dbt build")
    args = parser.parse_args(argv)
    target: Path = args.target.resolve()
    temporary = target.with_name(f".{target.name}.building")
    for stale in (temporary, temporary.with_name(temporary.name + ".wal")):
        stale.unlink(missing_ok=True)
    env = {**os.environ, "BUDGET_WAREHOUSE": str(temporary), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    # Unit tests check the SQL of the models (and of the check catalogue) on crafted rows, not the documents:
    # they run in `make test` (plain `dbt build`); loading a folder skips them.
    command = [dbt_executable(), "build", "--exclude-resource-type", "unit_test", "--profiles-dir", str(ROOT),
               "--project-dir", str(ROOT), *args.dbt_args]
    print("building warehouse:", " ".join(command), flush=True)
    completed = subprocess.run(command, cwd=ROOT, env=env)
    built, broken = models_all_built(Path(os.environ.get("DBT_TARGET_PATH", ROOT / "target")) / "run_results.json")
    if not built:
        temporary.unlink(missing_ok=True)
        print("warehouse NOT replaced; these seeds/models failed:\n  " + "\n  ".join(broken), file=sys.stderr)
        return 2
    os.replace(temporary, target)
    print(f"warehouse ready: {target}")
    if args.docs:
        docs = subprocess.run(
            [dbt_executable(), "docs", "generate", "--static", "--profiles-dir", str(ROOT), "--project-dir", str(ROOT)],
            cwd=ROOT,
            env={**env, "BUDGET_WAREHOUSE": str(target)},
            capture_output=True,
            text=True,
        )
        if docs.returncode == 0:
            print(f"lineage and column docs: {Path(os.environ.get('DBT_TARGET_PATH', ROOT / 'target')) / 'static_index.html'}")
        else:
            print("dbt docs generate failed:\n" + docs.stdout[-2000:], file=sys.stderr)
    report = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "report_findings.py")], cwd=ROOT, env={**os.environ, "BUDGET_WAREHOUSE": str(target)}
    )
    if completed.returncode != 0:
        print("dbt build reported test failures: new findings are listed above as NOT acknowledged", file=sys.stderr)
        return 1
    return report.returncode


if __name__ == "__main__":
    sys.exit(main())
