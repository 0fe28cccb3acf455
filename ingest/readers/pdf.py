"""PDF documents: the text layer, laid out in lines the way the text reader sees them.

Each page's characters come from pdfium with their boxes. They are grouped into lines by height and
ordered left to right; a horizontal gap wider than a fraction of the font size is a cell boundary and
becomes one space, and a blank cell leaves no trace. That is the shape of pdfplumber's
``extract_text()``, which the parser was written against, so ``parse_document`` needs nothing else.

Only pypdfium2 is used. The layout functions are pure (characters in, text out) so they can be tested
without a PDF; ``read_pdf_document`` is the only function that talks to pdfium.
"""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..model import IngestError, Line

# A gap wider than this many ems separates two cells (an em is the height of the loose box). It is
# pdfplumber's 3 pt at 12 pt. In the development corpus glyphs of one cell touch or stay within 0.19 em
# (the loose box spans the whole advance width), and the narrowest cell boundary, a right-aligned number
# before a left-aligned label, is 0.28 em.
CELL_GAP_EM = 0.25
# Full-width punctuation that closes a phrase never starts a cell, but justified CJK text often leaves a
# gap before it that would otherwise read as a cell boundary.
CLOSING_PUNCTUATION = frozenset("，。、；：！？）》」』”’")
# Glyphs whose vertical centres are within this many ems of the previous glyph's are on one line.
LINE_TOLERANCE_EM = 0.25
# The same character drawn again within this many ems of itself is a duplicate (fake bold, hidden copy).
DUPLICATE_EM = 0.1
# Text within this of a multiple of 90° is read in that direction; text at a slant (a watermark, a stamp)
# is not read at all.
ANGLE_TOLERANCE_DEG = 10.0
# Acrobat looks for the end-of-file marker within the last 1024 bytes; a file without one was cut short.
EOF_WINDOW = 1024

# Loose boxes of consecutive characters of one run touch to within this (points).
ADJACENT = 0.01
# A font whose boxes have no height must not make every gap a cell boundary.
MIN_SIZE = 1.0
# A box narrower and lower than this (points) is empty: pdfium's own inserted characters.
EMPTY = 1e-3

Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF user space (y up)

LOAD_ERRORS: dict[int, str] = {
    pdfium_c.FPDF_ERR_PASSWORD: "encrypted PDF: it cannot be opened without its password",
    pdfium_c.FPDF_ERR_SECURITY: "encrypted PDF with an unsupported security handler",
    pdfium_c.FPDF_ERR_FORMAT: "damaged PDF or not a PDF at all (its structure cannot be read)",
    pdfium_c.FPDF_ERR_FILE: "PDF cannot be opened",
    pdfium_c.FPDF_ERR_SUCCESS: "PDF without any page",
}


class RawChar(NamedTuple):
    """A character as pdfium gives it: loose box (the full advance width) in user space, angle in degrees
    clockwise (pdfium's convention: text drawn running up the page is at 270)."""

    char: str
    left: float
    bottom: float
    right: float
    top: float
    angle: float


class Glyph(NamedTuple):
    """A character in reading space: x grows to the right, y grows downwards, both in points."""

    char: str
    left: float
    right: float
    top: float
    bottom: float
    middle: float  # vertical centre, what lines are grouped by
    size: float  # box height: the em that gaps and tolerances are measured in


# Builds a NamedTuple without its Python-level __new__: a third of the cost, and this runs once per character.
new_tuple = tuple.__new__

# ---------------------------------------------------------------------------------------------------
# Layout: pure functions from characters to lines of text


def angle_distance(a: float, b: float) -> float:
    difference = abs(a - b) % 360
    return min(difference, 360 - difference)


def quadrant(angle: float) -> int | None:
    """The multiple of 90° an angle is, within tolerance; None for slanted text (a watermark, a stamp)."""
    nearest = round(angle / 90) % 4 * 90
    return nearest if angle_distance(angle, nearest) <= ANGLE_TOLERANCE_DEG else None


def orientations(chars: list[RawChar]) -> list[int]:
    """The directions text runs in on a page, the one most characters run in first; slanted text is not read."""
    votes: Counter[int] = Counter()
    for angle, count in Counter(map(attrgetter("angle"), chars)).items():  # few distinct angles: fold them
        turned = quadrant(angle)
        if turned is not None:
            votes[turned] += count
    return [angle for angle, _ in votes.most_common()]


def glyph(char: str, left: float, right: float, top: float, bottom: float) -> Glyph:
    return Glyph(char, left, right, top, bottom, (top + bottom) / 2, max(bottom - top, MIN_SIZE))


def to_reading_space(char: RawChar, angle: int, page: Box) -> Glyph:
    """Turn the box so that text drawn at ``angle`` runs left to right, top to bottom.

    This reads pages whose content is drawn rotated (a landscape table on a portrait page) and pages
    turned with /Rotate alike: what counts is the direction the text runs, not how a viewer shows it.
    Coordinates are relative to the top-left corner of the visible box as seen by such a reader.
    Angles are pdfium's: clockwise in user space.
    """
    left, bottom, right, top = page
    if angle == 90:  # text runs down the page: reading x grows as user y falls, reading y as user x falls
        return glyph(char.char, top - char.top, top - char.bottom, right - char.right, right - char.left)
    if angle == 180:
        return glyph(char.char, right - char.right, right - char.left, char.bottom - bottom, char.top - bottom)
    if angle == 270:  # text runs up the page: reading x is user y, reading y is user x
        return glyph(char.char, char.bottom - bottom, char.top - bottom, char.left - left, char.right - left)
    return glyph(char.char, char.left - left, char.right - left, top - char.top, top - char.bottom)


def visible_chars(chars: list[RawChar], page: Box) -> list[RawChar]:
    """Characters whose centre is inside the visible box: a copy parked off the page is not printed."""
    left, bottom, right, top = page
    return [c for c in chars if left <= (c.left + c.right) / 2 <= right and bottom <= (c.bottom + c.top) / 2 <= top]


def oriented_glyphs(chars: list[RawChar], angle: int, page: Box) -> list[Glyph]:
    """The characters drawn at ``angle`` (within tolerance), in the reading space of that direction."""
    if angle == 0:  # the usual case, inlined: this runs for every character of the document
        left, top = page[0], page[3]
        return [
            new_tuple(Glyph, (char, x0 - left, x1 - left, top - y1, top - y0, top - (y0 + y1) / 2, y1 - y0 if y1 - y0 > MIN_SIZE else MIN_SIZE))
            for char, x0, y0, x1, y1, turn in chars
            if turn == 0 or angle_distance(turn, 0) <= ANGLE_TOLERANCE_DEG
        ]
    return [to_reading_space(c, angle, page) for c in chars if angle_distance(c.angle, angle) <= ANGLE_TOLERANCE_DEG]


BY_MIDDLE = attrgetter("middle")
BY_LEFT = attrgetter("left")


def group_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Lines top to bottom, each left to right.

    Glyphs sorted by vertical centre join the current line while each is within tolerance of the one
    before (chained, like pdfplumber's clustering), so a line of mixed sizes stays one line.
    """
    lines: list[list[Glyph]] = []
    previous: Glyph | None = None
    for current in sorted(glyphs, key=BY_MIDDLE):
        em = current.size if previous is None or current.size < previous.size else previous.size
        if previous is None or current.middle - previous.middle > LINE_TOLERANCE_EM * em:
            lines.append([])
        lines[-1].append(current)
        previous = current
    return [sorted(line, key=BY_LEFT) for line in lines]


def drop_duplicates(line: list[Glyph]) -> list[Glyph]:
    """Keep one of a character drawn twice on (almost) the same spot: fake bold, or an invisible copy."""
    kept: list[Glyph] = []
    for current in line:
        tolerance = DUPLICATE_EM * current.size
        duplicate = False
        for earlier in reversed(kept):  # kept is ordered by left edge: only the last few can be that close
            if current.left - earlier.left > tolerance:
                break
            if earlier.char == current.char and abs(earlier.top - current.top) <= tolerance:
                duplicate = True
                break
        if not duplicate:
            kept.append(current)
    return kept


def line_text(line: list[Glyph]) -> str:
    """The characters left to right, with one space wherever the gap shows a cell boundary or the PDF
    prints spaces (several spaces are one, as in the text reader's input; none at either end)."""
    parts: list[str] = []
    previous: Glyph | None = None
    spaced = False  # a space character printed since the previous glyph: a separator whatever the gap
    for current in line:
        if current.char == " ":
            spaced = True
            continue
        if previous is not None and current.char not in CLOSING_PUNCTUATION:
            em = previous.size if previous.size < current.size else current.size
            if spaced or current.left - previous.right > CELL_GAP_EM * em:
                parts.append(" ")
        parts.append(current.char)
        previous = current
        spaced = False
    return "".join(parts)


def page_lines(chars: list[RawChar], page: Box) -> list[str]:
    """The text lines of one page, top to bottom (a line of nothing but spaces is no line).

    Text running in another direction than most of the page's (a table printed sideways under an upright
    heading, a label along the margin) is read in its own direction, after the rest.
    """
    visible = visible_chars(chars, page)
    texts: list[str] = []
    for angle in orientations(visible):
        texts += (line_text(drop_duplicates(line)) for line in group_lines(oriented_glyphs(visible, angle, page)))
    return [text for text in texts if text]


# ---------------------------------------------------------------------------------------------------
# pdfium access


def open_document(path: Path, data: bytes) -> pdfium.PdfDocument:
    if data.startswith(b"%PDF") and b"%%EOF" not in data[-EOF_WINDOW:]:
        # pdfium repairs some cut files silently; half a document must not load as if it were whole.
        raise IngestError(f"{path}: damaged PDF: truncated (no %%EOF end marker)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = exc.err_code if exc.err_code is not None else pdfium_c.FPDF_ERR_UNKNOWN
        raise IngestError(f"{path}: {LOAD_ERRORS.get(code, f'PDF cannot be opened ({exc})')}") from exc


def visible_box(page: pdfium.PdfPage) -> Box:
    """The crop box (what a viewer shows), ordered so that left < right and bottom < top."""
    left, bottom, right, top = page.get_cropbox()
    return min(left, right), min(bottom, top), max(left, right), max(bottom, top)


def raw_chars(textpage: pdfium.PdfTextPage) -> list[RawChar]:
    """Every character of the page with its loose box and angle; any printed whitespace becomes " ".

    pdfium inserts spaces and line breaks of its own where it guesses words and lines end; those have an
    empty box and are dropped, since the spacing is decided here from the boxes.
    """
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    text = textpage.get_text_range()
    if len(text) != count:  # text beyond UCS-2 or chars pdfium leaves out: ask char by char
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, index)) for index in range(count))
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    get_angle = pdfium_c.FPDFText_GetCharAngle
    chars: list[RawChar] = []
    angle = 0.0
    last_bottom = last_right = last_top = math.nan
    for index, char in enumerate(text):
        if char == "\x00" or not get_box(raw, index, rect_ref):
            continue
        left, bottom, right, top = rect.left, rect.bottom, rect.right, rect.top
        if char.isspace():
            if right - left < EMPTY and top - bottom < EMPTY:
                continue  # generated by pdfium
            char = " "
        # A character that continues the previous one's row (same height, touching on its right) is drawn
        # at the same angle: asking pdfium only when that is not so saves most of the calls.
        if not (bottom == last_bottom and top == last_top and abs(left - last_right) < ADJACENT):
            angle = math.degrees(get_angle(raw, index))
        last_bottom, last_right, last_top = bottom, right, top
        chars.append(new_tuple(RawChar, (char, left, bottom, right, top, angle)))
    return chars


def read_page(document: pdfium.PdfDocument, index: int, path: Path) -> tuple[list[RawChar], Box]:
    try:
        page = document[index]
        textpage = page.get_textpage()
    except pdfium.PdfiumError as exc:
        raise IngestError(f"{path}: damaged PDF: page {index + 1} cannot be read ({exc})") from exc
    try:
        return raw_chars(textpage), visible_box(page)
    finally:
        textpage.close()
        page.close()


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
    try:
        for index in range(len(document)):
            chars, box = read_page(document, index, path)
            pages_with_text += bool(chars)
            for text in page_lines(chars, box):
                lines.append(Line(text, len(lines) + 1, index + 1))
    finally:
        document.close()
    if not pages_with_text:
        raise IngestError(f"{path}: no text layer (scanned?): none of its pages has any text")
    return lines
