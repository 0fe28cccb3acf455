"""Printed amounts → exact Decimal yuan."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

FEN = Decimal("0.01")
UNIT_FACTORS: dict[str, Decimal] = {"元": Decimal(1), "万元": Decimal(10000)}

# Thousands separators must be well formed ("1,234,567.89"), or absent ("1234567.89").
NUMBER_RE = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
# Cells that mean "nothing here" in some editions.
BLANK_MARKERS = frozenset({"-", "—", "－", "--", "无"})


def is_number_token(token: str) -> bool:
    return bool(NUMBER_RE.match(token))


def parse_amount(printed: str, unit: str) -> Decimal:
    """Convert a printed cell in ``unit`` to yuan, exact to the fen."""
    if printed in BLANK_MARKERS:
        return Decimal("0.00")
    if not is_number_token(printed):
        raise ValueError(f"not an amount: {printed!r}")
    try:
        value = Decimal(printed.replace(",", "")) * UNIT_FACTORS[unit]
    except (InvalidOperation, KeyError) as exc:
        raise ValueError(f"not an amount in {unit}: {printed!r}") from exc
    quantised = value.quantize(FEN)
    if quantised != value:
        raise ValueError(f"amount {printed!r} {unit} is finer than one fen")
    return quantised


def format_yuan(amount: Decimal) -> str:
    return str(amount.quantize(FEN))
