"""Spreadsheet safety for files written for people to open (CSV for Excel, workbooks).

A text cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab / carriage return before one) is run
as a formula by Excel and LibreOffice when the file is opened. Text printed in a document can begin that
way (a row label "=合计", a note "-详见附件"), so every such cell in an export gets a leading apostrophe,
which spreadsheets show as text and do not display.

The raw CSVs under RAW_DIR are NOT for people: dbt reads them, and the warehouse keeps the text exactly as
printed, so they are written unchanged (docs/RAW_FORMAT.md says so). Amounts and other numbers are not
text and are never changed: pass them as Decimal or int, not as str.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """``value`` unchanged unless it is text a spreadsheet would run as a formula; then ``'`` + text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv_for_people(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write a CSV for spreadsheets: UTF-8 with a BOM (Excel's cue for UTF-8), text cells neutralised.

    Returns the number of data rows written. Raises OSError when ``path`` cannot be written.
    """
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow([neutralise(name) for name in header])
        for row in rows:
            writer.writerow([neutralise(value) for value in row])
            count += 1
    return count
