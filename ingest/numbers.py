"""Printed amounts → exact Decimal yuan, and the printed variants of numbers read as the usual form."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

FEN = Decimal("0.01")
UNIT_FACTORS: dict[str, Decimal] = {"元": Decimal(1), "万元": Decimal(10000)}

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# Thousands separators must be well formed ("1,234,567.89"), or absent ("1234567.89"). A negative is
# printed "-x" or "(x)" (final accounts); a cell may carry its unit ("1,234.00元").
# In parentheses only a number with decimals or thousands separators: "(2)" numbers a list.
_BRACKETED = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)"
NUMBER_RE = re.compile(rf"^(?:(?P<minus>-)?(?P<plain>{_DIGITS})|\((?P<bracketed>{_BRACKETED})\))(?P<unit>万?元)?$")
# Cells that mean "nothing here" in some editions.
BLANK_MARKERS = frozenset({"-", "—", "－", "--", "无"})

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# Full-width punctuation only where it is part of a number: a ． before one or two decimals (not the
# "4．2025年" of a numbered title), a ， before a group of three digits (not a comma in prose), a － that
# starts a number, parentheses around a whole amount (not the "（1）" of a list).
# Each with the full-width mark it needs: a line without that mark is not searched (most lines).
_FULL_WIDTH_IN_NUMBERS = (
    ("．", re.compile(r"(?<=\d)．(?=\d{1,2}(?!\d))"), "."),
    ("，", re.compile(r"(?<=\d)，(?=\d{3}(?!\d))"), ","),
    ("－", re.compile(r"(?:(?<=^)|(?<=\s))－(?=\d)"), "-"),
    ("（", re.compile(r"（(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d{2})）"), r"(\1)"),
)


# Any character normalise_printed_digits may change: most lines have none and are returned at once.
_PRINTED_VARIANT_RE = re.compile("[０-９" + "".join(mark for mark, _, _ in _FULL_WIDTH_IN_NUMBERS) + "]")


_ANY_DIGIT_RE = re.compile(r"\d")


def normalise_printed_digits(text: str) -> str:
    """Full-width digits (０-９) and the full-width punctuation of numbers as their ASCII form.

    Text without full-width digits or such punctuation is returned unchanged.
    """
    if not _PRINTED_VARIANT_RE.search(text) or not _ANY_DIGIT_RE.search(text):
        # Every change needs a digit (the full-width ones are digits too): prose with full-width commas and
        # parentheses but no figure (many lines) is returned as it is.
        return text
    text = text.translate(_FULL_WIDTH_DIGITS)
    for mark, pattern, replacement in _FULL_WIDTH_IN_NUMBERS:
        if mark in text and pattern.search(text):  # a search first: a template substitution costs more
            text = pattern.sub(replacement, text)
    return text


def is_number_token(token: str) -> bool:
    """A printed amount: ``1,234.56``, ``-60,000.00``, ``(60,000.00)``, ``12.00元``, ``5.5万元``."""
    return bool(NUMBER_RE.match(token))


def parse_amount(printed: str, unit: str) -> Decimal:
    """Convert a printed cell in ``unit`` (元 or 万元) to yuan, exact to the fen.

    ``(x)`` and ``-x`` are negative. A unit printed in the cell must be the table's: a 万元 cell in a
    元 table is a misprint we do not guess at. Raises ValueError naming the cell otherwise.
    """
    if printed in BLANK_MARKERS:
        return Decimal("0.00")
    match = NUMBER_RE.match(printed)
    if not match:
        raise ValueError(f"not an amount: {printed!r}")
    minus, plain, bracketed, printed_unit = match.groups()  # one call, not six: every cell passes here
    if printed_unit and printed_unit != unit:
        raise ValueError(f"amount {printed!r} printed in {printed_unit} in a table in {unit}")
    digits = plain or bracketed
    negative = bool(minus or bracketed)
    try:
        value = Decimal(digits.replace(",", "")) * UNIT_FACTORS[unit]
    except (InvalidOperation, KeyError) as exc:
        raise ValueError(f"not an amount in {unit}: {printed!r}") from exc
    quantised = value.quantize(FEN)
    if quantised != value:
        raise ValueError(f"amount {printed!r} {unit} is finer than one fen")
    return -quantised if negative else quantised


def format_yuan(amount: Decimal) -> str:
    """Two decimals, a leading ``-`` for a negative amount (the raw CSVs' form)."""
    return str(amount.quantize(FEN))
