"""PDF documents: the text layer, laid out in lines the way the text reader sees them.

The characters and their boxes come from pdf_chars.py (pdf_oxide, the PDF's own fonts); the lines from
layout.py (runs of touching characters grouped by height, cell gaps as single spaces).
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from ..model import IngestError, Line
from .layout import run_page_lines_x
from .pdf_chars import open_document, page_chars, visible_box


def new_line(text: str, line_no: int, page_no: int, token_x: tuple[float, ...]) -> Line:
    """``Line(text, line_no, page_no, token_x)``, made without the frozen dataclass's __init__ (which sets
    each field through object.__setattr__, a quarter of the cost of laying a line out); Line's own
    constructor wherever Line is more than its four fields in its __dict__."""
    line = _new_object(Line)
    values = line.__dict__
    values["text"] = text
    values["line_no"] = line_no
    values["page_no"] = page_no
    values["token_x"] = token_x
    return line


_new_object = object.__new__
if hasattr(Line, "__slots__") or hasattr(Line, "__post_init__") or [f.name for f in fields(Line)] != ["text", "line_no", "page_no", "token_x"]:
    new_line = Line  # the shortcut would skip what its constructor does


def read_pdf_document(path: Path, data: bytes | None = None) -> list[Line]:
    """The text lines of every page: page numbers from 1, line numbers running through the document.

    ``data`` is the file's content when the caller has read it already (so what is parsed is what was
    hashed). Every failure is an IngestError naming the file and the reason.
    """
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise IngestError(f"{path}: cannot be read ({exc.strerror})") from exc
    if not data.strip():
        raise IngestError(f"{path}: empty file")
    document = open_document(path, data)
    lines: list[Line] = []
    pages_with_text = 0
    for index in range(int(document.page_count)):
        chars = page_chars(document, index, path)
        pages_with_text += bool(chars.starts)
        for text, token_x in run_page_lines_x(chars, visible_box(document, index)):
            lines.append(new_line(text, len(lines) + 1, index + 1, token_x))
    if not pages_with_text:
        raise IngestError(f"{path}: no text layer (scanned?): none of its pages has any text")
    return lines
