"""Great Expectations suite over the raw CSVs: the ingest boundary, checked before dbt reads anything.

Run ``python -m ingest.expectations`` (after ``python -m ingest``). It validates every raw file through
pandas (GX's SQLAlchemy path does not work on DuckDB), prints one line per failed expectation naming the
file, the column and a few offending values, optionally builds GX data docs, and exits 1 on any failure.
Everything is read as text first so that formats (two decimals, codes with leading zeros) are checked as
printed in the CSV, not after a lossy conversion.
"""

from __future__ import annotations

import argparse
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
from .model import TABLE_KEYS
from .writer import ALL_FILES, MANIFEST, combined_path, default_raw_dir

MEASURES: dict[str, tuple[str, ...]] = {
    "income": ("total", "fiscal_appropriation", "business", "operating", "other"),
    "expenditure": ("total", "basic", "project"),
    "general_public": ("total", "basic", "project"),
    "government_fund": ("total", "basic", "project"),
    "state_capital": ("total", "basic", "project"),
    "basic_economic": ("total", "personnel", "public"),
    "three_public": ("total", "abroad", "reception", "vehicle_total", "vehicle_purchase", "vehicle_operation", "operation_fund"),
    "financial_summary": (
        "total", "fiscal_appropriation", "general_public", "government_fund", "state_capital", "business",
        "operating", "other", "basic", "personnel", "public", "project",
    ),
    "fiscal_summary": ("total", "general_public", "government_fund", "state_capital"),
}
TABLE_MEASURES = sorted(f"{table}|{measure}" for table, measures in MEASURES.items() for measure in measures)
# Final accounts print negative amounts (e.g. a 结转 or a refund); the ingest stores them as "-x.xx".
AMOUNT_REGEX = r"^-?\d+\.\d{2}$"
OPTIONAL_AMOUNT_REGEX = r"^(?:-?\d+\.\d{2})?$"
FUNCTION_CODE_REGEX = r"^2\d{2}(?:\d{2}){0,2}$"
ECONOMIC_CODE_REGEX = r"^[3-9]\d{2}(?:\d{2})?$"
LEVEL_BY_LENGTH = {3: "类", 5: "款", 7: "项"}


@dataclass
class Failure:
    file: str
    expectation: str
    column: str
    examples: list[object]

    def line(self) -> str:
        shown = ", ".join(repr(v) for v in self.examples[:5])
        return f"{self.file}: {self.expectation} on {self.column or '(table)'} failed; e.g. {shown}"


def load(raw_dir: Path) -> dict[str, pd.DataFrame]:
    """Every combined raw CSV as text columns, plus ``combined_rows``: per file and document, the rows the
    manifest (RAW_DIR/combined.json) says the ingest combined and the rows the file holds."""
    frames: dict[str, pd.DataFrame] = {}
    for name in ALL_FILES:
        path = combined_path(raw_dir, name)
        if not path.exists():
            raise FileNotFoundError(f"{path}: missing; run `python -m ingest PATH...` first")
        frames[name] = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    manifest_path = raw_dir / MANIFEST
    if not manifest_path.exists():
        raise FileNotFoundError(f"{manifest_path}: missing; run `python -m ingest PATH...` again")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
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
    is_economic = amounts["table_key"] == "basic_economic"
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
    tables["absence_explained"] = (tables["status"] == "present") | ((tables["status"] == "empty") & (tables["note"] != ""))
    frames["raw_tables"] = tables
    per_document = tables.groupby("document_id")["table_key"].nunique().rename("table_count").reset_index()
    frames["table_counts"] = per_document
    return frames


def suites() -> dict[str, list[gx.expectations.Expectation]]:
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
        ],
        "raw_tables": [
            E.ExpectColumnValuesToBeInSet(column="table_key", value_set=list(TABLE_KEYS)),
            E.ExpectColumnValuesToBeInSet(column="amount_unit", value_set=["元", "万元", ""]),
            E.ExpectCompoundColumnsToBeUnique(column_list=["document_id", "table_key"]),
            E.ExpectColumnValuesToBeInSet(column="absence_explained", value_set=[True]),
        ],
        "table_counts": [E.ExpectColumnValuesToBeInSet(column="table_count", value_set=[len(TABLE_KEYS)])],
        # Every combined file from the same set of documents (a full disk or a kill between renames).
        "combined_rows": [E.ExpectColumnValuesToBeInSet(column="disagreement", value_set=[""])],
        "raw_amounts": [
            E.ExpectColumnValuesToMatchRegex(column="amount", regex=AMOUNT_REGEX),
            E.ExpectColumnValuesToBeInSet(column="printed_unit", value_set=["元", "万元"]),
            E.ExpectColumnValuesToBeInSet(column="table_measure", value_set=TABLE_MEASURES),
            E.ExpectColumnValuesToBeInSet(column="row_kind", value_set=["code", "total", "item"]),
            E.ExpectColumnValuesToBeInSet(column="side", value_set=["", "income", "expenditure"]),
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
            E.ExpectColumnValuesToBeInSet(column="section", value_set=["explanation", "other", "performance_form", "organisation"]),
            E.ExpectColumnValuesToMatchRegex(column="amount", regex=OPTIONAL_AMOUNT_REGEX),
            E.ExpectColumnValuesToMatchRegex(column="change_amount", regex=OPTIONAL_AMOUNT_REGEX),
            E.ExpectColumnValuesToBeInSet(column="prior_kind", value_set=["", "budget", "execution"]),
            E.ExpectColumnValuesToBeInSet(column="change_direction", value_set=["", "increase", "decrease", "flat"]),
            E.ExpectColumnValuesToNotBeNull(column="line_no"),
        ],
    }


def validate(raw_dir: Path, docs_dir: Path | None = None) -> list[Failure]:
    frames = derive(load(raw_dir))
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    if docs_dir is not None:
        docs_dir.mkdir(parents=True, exist_ok=True)
        context = gx.get_context(mode="file", project_root_dir=str(docs_dir))
    else:
        context = gx.get_context(mode="ephemeral")
    # Progress bars would drown the one-line-per-failure report.
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    source = context.data_sources.add_or_update_pandas("raw_csv")
    failures: list[Failure] = []
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
            if not outcome.success:
                config = outcome.expectation_config
                column = config.kwargs.get("column") or ",".join(config.kwargs.get("column_list", []))
                examples = outcome.result.get("partial_unexpected_list") or [outcome.result.get("observed_value")]
                failures.append(Failure(f"{name}.csv", config.type, column, list(examples)))
    if docs_dir is not None:
        context.build_data_docs()
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.expectations", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raw-dir", type=Path, default=None, help="default: $BUDGET_RAW_DIR, else ./raw")
    parser.add_argument("--data-docs", type=Path, default=None, help="also build GX data docs under this folder")
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
    for failure in failures:
        print(f"expectation failed: {failure.line()}", file=sys.stderr)
    print(f"raw CSV expectations: {len(failures)} failed ({raw_dir})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
