"""Counted nouns in console output: "1 document", "2 documents" (never "document(s)")."""

from __future__ import annotations


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``count`` and the noun in the form that count takes: plural(1, "row") → "1 row", plural(0, "row")
    → "0 rows". A noun phrase ("unplaced row") is inflected on its last word by the regular English rules
    (-s, -es, consonant + y → -ies); ``plural_form`` gives an irregular plural ("analyses")."""
    if count == 1:
        return f"{count} {singular}"
    if plural_form is None:
        head, _, last = singular.rpartition(" ")
        if last.endswith("y") and last[-2:-1] not in ("a", "e", "i", "o", "u"):
            last = last[:-1] + "ies"
        else:
            last += "es" if last.endswith(("s", "x", "ch", "sh")) else "s"
        plural_form = f"{head} {last}" if head else last
    return f"{count} {plural_form}"


def shown(path: object) -> str:
    """A path as text that can be printed and written to a UTF-8 file: bytes of a file name that are not
    UTF-8 (kept by Python as lone surrogates) are shown as ``\\xNN``."""
    text = str(path)
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
