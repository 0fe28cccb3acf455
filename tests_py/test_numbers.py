from decimal import Decimal

import pytest

from ingest.numbers import format_yuan, is_number_token, parse_amount


@pytest.mark.parametrize(
    ("printed", "unit", "yuan"),
    [
        ("3,296,600", "元", "3296600.00"),
        ("3296600", "元", "3296600.00"),
        ("476,628,242.44", "元", "476628242.44"),
        ("37.91", "万元", "379100.00"),
        ("0", "万元", "0.00"),
        ("294.4044", "万元", "2944044.00"),
        ("-", "元", "0.00"),
    ],
)
def test_printed_amounts_convert_exactly_to_yuan(printed: str, unit: str, yuan: str) -> None:
    assert format_yuan(parse_amount(printed, unit)) == yuan


@pytest.mark.parametrize("printed", ["294.4044.00", "1,23,456", "12a", "", "1,234,56"])
def test_malformed_amounts_are_refused(printed: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(printed, "元")


def test_an_amount_finer_than_a_fen_is_refused() -> None:
    with pytest.raises(ValueError, match="finer than one fen"):
        parse_amount("1.005", "元")


def test_money_is_decimal_never_float() -> None:
    assert isinstance(parse_amount("0.10", "元"), Decimal)
    assert parse_amount("0.10", "元") + parse_amount("0.20", "元") == Decimal("0.30")


def test_ordinals_are_not_numbers() -> None:
    assert not is_number_token("1.")
    assert is_number_token("1.00")
