"""The last lines of `make example` / `make load`: where the warehouse, the docs and the findings are, and
what to try next.

Usage: python scripts/next_steps.py --warehouse FILE --checks FOLDER [--example]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ingest.words import plural  # noqa: E402


def shown(path: Path) -> str:
    """A path as the user can type it from the project folder."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def lines(warehouse: Path, checks: Path, example: bool) -> list[str]:
    """The closing lines; counts documents and findings in the warehouse (opened read-only)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        documents = con.execute("select count(*) from dim_document").fetchone()[0]
        errors = con.execute("select count(*) from fct_finding where severity = 'error'").fetchone()[0]
        new_errors = con.execute(
            "select count(*) from fct_finding where severity = 'error' and not acknowledged").fetchone()[0]
    finally:
        con.close()
    docs = Path(os.environ.get("DBT_TARGET_PATH", ROOT / "target")) / "static_index.html"
    # make shell / make export open warehouse.duckdb when it exists, else example.duckdb (see the Makefile).
    default = ROOT / ("warehouse.duckdb" if (ROOT / "warehouse.duckdb").exists() else "example.duckdb")
    selector = "" if warehouse.resolve() == default.resolve() else f" WAREHOUSE={shown(warehouse)}"
    report = "python scripts/report_findings.py" + (
        "" if shown(warehouse) == "warehouse.duckdb" else f" --warehouse {shown(warehouse)}")
    result = [
        f"warehouse  {shown(warehouse)}: {plural(documents, 'document')}"
        + (" (the fictional example; your own documents go to warehouse.duckdb)" if example else ""),
        f"docs       {shown(docs)} (tables, columns, lineage: open in a browser)" if docs.exists() else
        "docs       (not built)",
        f"checks     {shown(checks / 'index.html')} (raw CSVs); findings: {plural(errors, 'error')}, {new_errors} new:"
        f" .venv/bin/{report}",
        f"next       make shell{selector}   (SQL, read-only)   ·   make export{selector}   (Excel workbook + CSV)",
    ]
    if example:
        result.append("           make load DOCS=/path/to/your/folder   (your PDFs; each later load adds to them)")
    return result


def main(argv: list[str] | None = None) -> int:
    """Print the closing lines (where the warehouse, docs, checks and findings are; what to try next).
    Returns 0, or 1 when there is no warehouse at --warehouse (the build did not finish).
    """
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--checks", type=Path, required=True, help="folder of the raw CSV expectations page")
    parser.add_argument("--example", action="store_true", help="the run loaded the bundled example")
    args = parser.parse_args(argv)
    if not args.warehouse.is_file():
        print(f"no warehouse at {args.warehouse}: the build did not finish", file=sys.stderr)
        return 1
    print("\n".join(lines(args.warehouse, args.checks, args.example)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
