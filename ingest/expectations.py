"""Great Expectations suite over the raw CSVs: the ingest boundary, checked before dbt reads anything.

Run ``python -m ingest.expectations`` (after ``python -m ingest``). It validates every raw file through
pandas (GX's SQLAlchemy path does not work on DuckDB), prints one line per failed expectation naming the
file, the column and a few offending values, optionally writes a summary page of every expectation
(``--data-docs DIR`` → DIR/index.html: one self-contained file that reads offline, unlike GX's own data docs,
which load their styling from the internet), and exits 1 on any failure.
Everything is read as text first so that formats (two decimals, codes with leading zeros) are checked as
printed in the CSV, not after a lossy conversion.
"""

from __future__ import annotations

import argparse
import html
import json
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

import great_expectations as gx
import pandas as pd
from great_expectations.data_context.types.base import ProgressBarsConfig

from .lock import LockError, raw_store_lock
from .templates import FAMILIES, economic_tables, table_measures, table_names
from .writer import ALL_FILES, MANIFEST, combined_path, default_raw_dir

# Which measures each table may carry, from the template registry (every family).
MEASURES: dict[str, tuple[str, ...]] = table_measures()
TABLE_MEASURES = sorted(f"{table}|{measure}" for table, measures in MEASURES.items() for measure in measures)
# Final accounts print negative amounts (e.g. a 结转 or a refund); the ingest stores them as "-x.xx".
AMOUNT_REGEX = r"^-?\d+\.\d{2}$"
OPTIONAL_AMOUNT_REGEX = r"^(?:-?\d+\.\d{2})?$"
FUNCTION_CODE_REGEX = r"^2\d{2}(?:\d{2}){0,2}$"
ECONOMIC_CODE_REGEX = r"^[3-9]\d{2}(?:\d{2})?$"
LEVEL_BY_LENGTH = {3: "类", 5: "款", 7: "项"}


@dataclass
class Failure:
    """One expectation that failed on a raw CSV (or a frame derived from it): the file, the expectation's
    name, the column ('' for a table-level one) and a few offending values.
    """

    file: str
    expectation: str
    column: str
    examples: list[object]

    def line(self) -> str:
        """The failure in one line for stderr: file, expectation, column and up to five offending values."""
        shown = ", ".join(repr(v) for v in self.examples[:5])
        return f"{self.file}: {self.expectation} on {self.column or '(table)'} failed; e.g. {shown}"


@dataclass
class Outcome:
    """One expectation's result over one raw file, for the summary page."""
    file: str
    expectation: str
    column: str
    success: bool
    checked: int | None
    unexpected: int | None
    examples: list[object]


class DamagedRawFile(Exception):
    """A raw file that cannot be checked at all (empty, not CSV, not UTF-8, other columns than the ingest
    writes, or an unreadable manifest); the message is one line naming the file."""


def read_raw_csv(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    """One combined raw CSV as text columns; raises DamagedRawFile when it is not the file the ingest writes
    (a file emptied to zero bytes has not even its header)."""
    again = "run `python -m ingest PATH...` again to rewrite it"
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except pd.errors.EmptyDataError:
        raise DamagedRawFile(f"{path}: empty file (not even its header row); {again}") from None
    except UnicodeDecodeError as exc:
        raise DamagedRawFile(f"{path}: not UTF-8 text (byte {exc.start}); {again}") from None
    except pd.errors.ParserError as exc:
        raise DamagedRawFile(f"{path}: not a readable CSV ({' '.join(str(exc).split())}); {again}") from None
    except OSError as exc:
        raise DamagedRawFile(f"{path}: cannot be read ({exc.strerror})") from None
    if tuple(frame.columns) != columns:
        missing = [column for column in columns if column not in frame.columns]
        detail = f"lacks {', '.join(missing[:5])}" if missing else "has its columns in another order or extra ones"
        raise DamagedRawFile(f"{path}: not the ingest's header ({detail}); {again}")
    return frame


def load(raw_dir: Path) -> dict[str, pd.DataFrame]:
    """Every combined raw CSV as text columns, plus ``combined_rows``: per file and document, the rows the
    manifest (RAW_DIR/combined.json) says the ingest combined and the rows the file holds.
    Raises FileNotFoundError for a missing file, DamagedRawFile for one that cannot be read as written."""
    frames: dict[str, pd.DataFrame] = {}
    for name, columns in ALL_FILES.items():
        path = combined_path(raw_dir, name)
        if not path.exists():
            raise FileNotFoundError(f"{path}: missing; run `python -m ingest PATH...` first")
        frames[name] = read_raw_csv(path, columns)
    manifest_path = raw_dir / MANIFEST
    if not manifest_path.exists():
        raise FileNotFoundError(f"{manifest_path}: missing; run `python -m ingest PATH...` again")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except ValueError:
        manifest = None
    if not (isinstance(manifest, dict) and isinstance(manifest.get("rows"), dict)
            and isinstance(manifest.get("documents"), list)):
        raise DamagedRawFile(f"{manifest_path}: not the ingest's manifest (documents and rows per file); run "
                             "`python -m ingest PATH...` again")
    rows = []
    for name, frame in frames.items():
        held = frame["document_id"].value_counts().to_dict() if len(frame) else {}
        expected = manifest["rows"].get(name, {})
        for document_id in sorted(set(held) | set(expected) | set(manifest["documents"])):
            actual, listed = int(held.get(document_id, 0)), int(expected.get(document_id, -1))
            rows.append({"disagreement": "" if actual == listed else (
                f"{name}.csv: document {document_id} has {actual} rows, the manifest "
                + (f"{listed}" if listed >= 0 else "does not list it"))})
    frames["combined_rows"] = pd.DataFrame(rows, columns=["disagreement"])
    return frames


def derive(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Columns that turn cross-row rules (parent printed, nine tables) into per-row facts GX can check."""
    amounts = frames["raw_amounts"].copy()
    amounts["table_measure"] = amounts["table_key"] + "|" + amounts["measure"]
    is_coded = amounts["row_kind"] == "code"
    is_economic = amounts["table_key"].isin(sorted(economic_tables()))
    amounts["code_format_ok"] = ~is_coded | (
        (~is_economic & amounts["code"].str.match(FUNCTION_CODE_REGEX)) | (is_economic & amounts["code"].str.match(ECONOMIC_CODE_REGEX))
    )
    frames["raw_amounts"] = amounts
    for name in ("raw_function_codes", "raw_economic_codes"):
        codes = frames[name].copy()
        printed = set(zip(codes["document_id"], codes["code"], strict=True))
        codes["parent_printed"] = [
            parent == "" or (doc, parent) in printed for doc, parent in zip(codes["document_id"], codes["parent_code"], strict=True)
        ]
        codes["level_matches_length"] = [LEVEL_BY_LENGTH.get(len(code)) == level for code, level in zip(codes["code"], codes["level"], strict=True)]
        frames[name] = codes
    tables = frames["raw_tables"].copy()
    noted = {family.key for family in FAMILIES if family.empty_tables_noted}
    template_of = dict(zip(frames["raw_documents"]["document_id"], frames["raw_documents"]["template"], strict=True))
    needs_note = tables["document_id"].map(lambda doc: template_of.get(doc, "") in noted)
    # An empty table needs a note only in a template that always prints one.
    tables["absence_explained"] = (tables["status"] == "present") | (
        (tables["status"] == "empty") & ((tables["note"] != "") | ~needs_note)
    )
    frames["raw_tables"] = tables
    per_document = tables.groupby("document_id")["table_key"].nunique().rename("table_count").reset_index()
    sizes = {family.key: len(family.tables) for family in FAMILIES}
    templates = dict(zip(frames["raw_documents"]["document_id"], frames["raw_documents"]["template"], strict=True))
    # Every table of the document's family has a row (present, empty or missing).
    per_document["count_matches_template"] = [
        sizes.get(templates.get(doc, ""), -1) == count for doc, count in zip(per_document["document_id"], per_document["table_count"], strict=True)
    ]
    frames["table_counts"] = per_document
    return frames


def suites() -> dict[str, list[gx.expectations.Expectation]]:
    """The Great Expectations suite of every raw CSV (and of the frames `derive` adds: table_counts,
    combined_rows), by file name: ids, vocabularies (from the template registry), amount and code
    formats (amounts as '-?d.dd' yuan), uniqueness and cross-file agreement.
    """
    E = gx.expectations
    return {
        "raw_documents": [
            E.ExpectColumnValuesToBeUnique(column="document_id"),
            E.ExpectColumnValuesToMatchRegex(column="document_id", regex=r"^[0-9a-f]{16}$"),
            E.ExpectColumnValuesToBeInSet(column="scope", value_set=["department", "unit"]),
            E.ExpectColumnValuesToBeInSet(column="kind", value_set=["budget", "final_account"]),
            E.ExpectColumnValuesToBeInSet(column="amount_unit", value_set=["元", "万元"]),
            E.ExpectColumnValuesToMatchRegex(column="fiscal_year", regex=r"^20\d{2}$"),
            E.ExpectColumnValuesToNotBeNull(column="department_name"),
            E.ExpectColumnValuesToBeInSet(column="template", value_set=[family.key for family in FAMILIES]),
        ],
        "raw_tables": [
            E.ExpectColumnValuesToBeInSet(column="table_key", value_set=list(table_names())),
            E.ExpectColumnValuesToBeInSet(column="amount_unit", value_set=["元", "万元", ""]),
            E.ExpectCompoundColumnsToBeUnique(column_list=["document_id", "table_key"]),
            E.ExpectColumnValuesToBeInSet(column="absence_explained", value_set=[True]),
        ],
        "table_counts": [E.ExpectColumnValuesToBeInSet(column="count_matches_template", value_set=[True])],
        # Every combined file from the same set of documents (a full disk or a kill between renames).
        "combined_rows": [E.ExpectColumnValuesToBeInSet(column="disagreement", value_set=[""])],
        "raw_amounts": [
            E.ExpectColumnValuesToMatchRegex(column="amount", regex=AMOUNT_REGEX),
            E.ExpectColumnValuesToBeInSet(column="printed_unit", value_set=["元", "万元"]),
            E.ExpectColumnValuesToBeInSet(column="table_measure", value_set=TABLE_MEASURES),
            # balance / grand_total rows and the budget / final stages of the 三公 table: final accounts
            E.ExpectColumnValuesToBeInSet(column="row_kind", value_set=["code", "total", "item", "balance", "grand_total"]),
            E.ExpectColumnValuesToBeInSet(column="side", value_set=["", "income", "expenditure", "budget", "final"]),
            E.ExpectColumnValuesToBeInSet(column="column_source", value_set=["position", "arithmetic", "context"]),
            E.ExpectColumnValuesToBeInSet(column="code_format_ok", value_set=[True]),
            E.ExpectCompoundColumnsToBeUnique(
                column_list=["document_id", "table_key", "side", "row_kind", "code", "row_label", "measure"]
            ),
        ],
        "raw_function_codes": [
            E.ExpectColumnValuesToMatchRegex(column="code", regex=FUNCTION_CODE_REGEX),
            E.ExpectColumnValuesToBeInSet(column="parent_printed", value_set=[True]),
            E.ExpectColumnValuesToBeInSet(column="level_matches_length", value_set=[True]),
            E.ExpectColumnValuesToNotBeNull(column="printed_name"),
        ],
        "raw_economic_codes": [
            E.ExpectColumnValuesToMatchRegex(column="code", regex=ECONOMIC_CODE_REGEX),
            E.ExpectColumnValuesToBeInSet(column="parent_printed", value_set=[True]),
            E.ExpectColumnValuesToBeInSet(column="level_matches_length", value_set=[True]),
        ],
        "raw_projects": [
            E.ExpectColumnValuesToBeUnique(column="project_id"),
            E.ExpectColumnValuesToMatchRegex(column="amount", regex=OPTIONAL_AMOUNT_REGEX),
            E.ExpectColumnValuesToBeInSet(column="amount_source", value_set=["stated", "items_sum", "quarterly_sum", "unreadable"]),
            E.ExpectColumnValuesToBeInSet(column="is_complete", value_set=["true", "false"]),
        ],
        "raw_project_items": [E.ExpectColumnValuesToMatchRegex(column="amount", regex=AMOUNT_REGEX)],
        "raw_parse_issues": [E.ExpectColumnValuesToBeInSet(column="severity", value_set=["error", "warning"])],
        "raw_narrative_facts": [
            E.ExpectCompoundColumnsToBeUnique(column_list=["document_id", "fact_no"]),
            E.ExpectColumnValuesToBeInSet(column="section", value_set=["explanation", "other", "performance_form", "organisation", "execution", "final_explanation", "share"]),
            E.ExpectColumnValuesToMatchRegex(column="amount", regex=OPTIONAL_AMOUNT_REGEX),
            E.ExpectColumnValuesToMatchRegex(column="change_amount", regex=OPTIONAL_AMOUNT_REGEX),
            E.ExpectColumnValuesToBeInSet(column="prior_kind", value_set=["", "budget", "execution"]),
            E.ExpectColumnValuesToBeInSet(column="change_direction", value_set=["", "increase", "decrease", "flat"]),
            E.ExpectColumnValuesToNotBeNull(column="line_no"),
        ],
    }


def validate(raw_dir: Path, docs_dir: Path | None = None) -> list[Failure]:
    """Run every suite over the raw CSVs of raw_dir; returns the failed expectations (empty: all hold).
    With docs_dir, also writes docs_dir/index.html, the offline summary of every expectation's result.
    Raises FileNotFoundError when a raw CSV is missing (no ingest has run into raw_dir), DamagedRawFile
    when one cannot be read as the ingest writes it (emptied, another header, not UTF-8)."""
    frames = derive(load(raw_dir))
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    context = gx.get_context(mode="ephemeral")
    # Progress bars would drown the one-line-per-failure report.
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    source = context.data_sources.add_or_update_pandas("raw_csv")
    outcomes: list[Outcome] = []
    for name, expectations in suites().items():
        frame = frames[name]
        if frame.empty:
            continue
        asset = source.add_dataframe_asset(name)
        batch_definition = asset.add_batch_definition_whole_dataframe(f"{name}_all")
        suite = context.suites.add_or_update(gx.ExpectationSuite(name=f"{name}_suite", expectations=expectations))
        definition = context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=f"{name}_validation", data=batch_definition, suite=suite)
        )
        result = definition.run(batch_parameters={"dataframe": frame}, result_format="SUMMARY")
        for outcome in result.results:
            config = outcome.expectation_config
            column = config.kwargs.get("column") or ",".join(config.kwargs.get("column_list", []))
            examples = outcome.result.get("partial_unexpected_list") or [outcome.result.get("observed_value")]
            outcomes.append(Outcome(f"{name}.csv", config.type, column, bool(outcome.success),
                                    outcome.result.get("element_count"), outcome.result.get("unexpected_count"),
                                    [] if outcome.success else list(examples)))
    if docs_dir is not None:
        docs_dir.mkdir(parents=True, exist_ok=True)
        (docs_dir / "index.html").write_text(summary_page(raw_dir, outcomes), encoding="utf-8")
    return [Failure(o.file, o.expectation, o.column, o.examples) for o in outcomes if not o.success]


def summary_page(raw_dir: Path, outcomes: list[Outcome]) -> str:
    """The expectations' results as one HTML page with its styling inline (no network needed to read it)."""
    failed = sum(1 for o in outcomes if not o.success)
    rows = []
    for o in outcomes:
        status = "ok" if o.success else "FAILED"
        examples = ", ".join(repr(v) for v in o.examples[:5])
        rows.append(
            f"<tr class='{'ok' if o.success else 'bad'}'><td>{html.escape(o.file)}</td><td>{html.escape(o.expectation)}</td>"
            f"<td>{html.escape(o.column or '(table)')}</td><td>{status}</td>"
            f"<td class='n'>{'' if o.checked is None else o.checked}</td>"
            f"<td class='n'>{'' if o.unexpected is None else o.unexpected}</td><td>{html.escape(examples)}</td></tr>"
        )
    return f"""<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>Raw CSV expectations</title>
<style>
body {{ font-family: sans-serif; margin: 2em; }}
table {{ border-collapse: collapse; }}
td, th {{ border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; }}
td.n {{ text-align: right; }}
tr.bad {{ background: #fdd; }}
</style></head><body>
<h1>Raw CSV expectations (Great Expectations)</h1>
<p>{html.escape(str(raw_dir))}: {len(outcomes)} expectations checked, {failed} failed. The raw CSVs are checked here,
at the ingest boundary, before dbt reads them (python -m ingest.expectations).</p>
<table><thead><tr><th>file</th><th>expectation</th><th>column</th><th>result</th><th>values checked</th>
<th>unexpected</th><th>examples of unexpected values</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table></body></html>
"""


def main(argv: list[str] | None = None) -> int:
    """The `python -m ingest.expectations` command: validate the raw CSVs of --raw-dir (default
    $BUDGET_RAW_DIR, else raw/) under the raw store's lock, print each failure. Returns 0 when every
    expectation holds, 1 when any fails, 2 when a raw CSV is missing or the store is locked.
    """
    parser = argparse.ArgumentParser(prog="python -m ingest.expectations", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raw-dir", type=Path, default=None, help="default: $BUDGET_RAW_DIR, else ./raw")
    parser.add_argument("--data-docs", type=Path, default=None, metavar="FOLDER", help="also write a summary page of every expectation, FOLDER/index.html")
    args = parser.parse_args(argv)
    raw_dir = args.raw_dir or default_raw_dir()
    try:
        if raw_dir.is_dir():
            with raw_store_lock(raw_dir, "expectations"):
                failures = validate(raw_dir, args.data_docs)
        else:
            failures = validate(raw_dir, args.data_docs)
    except (FileNotFoundError, LockError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except DamagedRawFile as exc:
        print(f"expectation failed: {exc}", file=sys.stderr)
        print(f"raw CSV expectations: not checked, a raw file is damaged ({raw_dir})")
        return 1
    for failure in failures:
        print(f"expectation failed: {failure.line()}", file=sys.stderr)
    where = f"; summary {args.data_docs / 'index.html'}" if args.data_docs is not None else ""
    print(f"raw CSV expectations: {len(failures)} failed ({raw_dir}){where}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
