"""Text documents: the PDF's text as extracted (pdfplumber ``extract_text`` style)."""

from __future__ import annotations

from pathlib import Path

from ..model import IngestError, Line


def decode_text(data: bytes, path: Path) -> str:
    """The text of a document file: UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030.

    Raises IngestError naming the file when it is empty, binary or in none of these encodings.
    """
    if not data.strip():
        raise IngestError(f"{path}: empty file")
    # Windows tools save "Unicode" text as UTF-16 with a byte-order mark; without one it is refused below.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise IngestError(f"{path}: UTF-16 text with a broken character at byte {exc.start}") from exc
    if b"\x00" in data[:4096]:
        raise IngestError(f"{path}: binary data, not a text document")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IngestError(f"{path}: not UTF-8 or GB18030 text")


def text_to_lines(text: str) -> list[Line]:
    """Split into lines; a form feed starts a new page (page numbers are 1-based)."""
    lines: list[Line] = []
    has_pages = "\f" in text
    line_no = 0
    for page_index, page in enumerate(text.split("\f")):
        for raw in page.splitlines():
            line_no += 1
            lines.append(Line(raw.replace("\u3000", " ").rstrip(), line_no, page_index + 1 if has_pages else None))
    return lines


def read_text_document(path: Path) -> list[Line]:
    """The lines of a text document (the PDF's text as extracted), pages split at form feeds. Raises
    IngestError naming the file when it is empty, binary or in an unknown encoding (decode_text).
    """
    return text_to_lines(decode_text(path.read_bytes(), path))
