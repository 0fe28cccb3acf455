"""PDF access: every character of a page with its box, from pdf_oxide; the only module that opens PDFs.

Positions come from the PDF alone: x from the glyph origins and the advance widths of the document's own
fonts, y from the baseline and the font size. No system font is ever consulted, so a machine with CJK
fonts installed reads the same positions as one without (pdfium's loose boxes took their heights from a
substituted system font whenever the PDF's font was not embedded).

A character's box is its em box: the advance width along the baseline, one font size high, of which
``EM_DESCENT`` lies below the baseline (the ideographic em box of CJK fonts, which these documents are set
in). It plays the part pdfium's loose box played: the layout in layout.py reads lines by the box's
vertical centre and measures gaps against its height.
"""

from __future__ import annotations

import math
import re
from itertools import count, repeat
from operator import add, attrgetter, mul, sub
from pathlib import Path

import pdf_oxide

from ..model import IngestError
from .layout import ADJACENT, Box, PageChars

# pdf_oxide logs what it repairs or refuses to stderr; every failure that matters here is an IngestError.
pdf_oxide.disable_logging()

# Acrobat looks for the end-of-file marker within the last 1024 bytes; a file without one was cut short.
EOF_WINDOW = 1024
# The last cross-reference section's offset, just before the final %%EOF: a file cut short and given a new
# end marker (a download tool "finishing" a file) lacks it, or it points past the end or at no xref.
STARTXREF = re.compile(rb"startxref\s+(\d+)\s*$")
XREF_START = re.compile(rb"\s*(?:xref|\d+\s+\d+\s+obj)")
# The part of the em below the baseline: 120 of 1000 units in the Adobe CJK fonts' ideographic em box.
EM_DESCENT = 0.12
# A page without a crop box or media box is US Letter, as in every viewer.
LETTER: Box = (0.0, 0.0, 612.0, 792.0)
# pdf_oxide's error text for a document it cannot decrypt.
ENCRYPTED_MARKERS = ("encrypt", "password", "decrypt")
CHAR = attrgetter("char")
ROTATION = attrgetter("rotation_degrees")
BBOX = attrgetter("bbox")
# An upright character's box is (origin x, baseline, advance, font size): read field by field, four
# floats cost less than building and unpacking a tuple for every character.
ORIGIN_X = attrgetter("origin_x")
ORIGIN_Y = attrgetter("origin_y")
ADVANCE = attrgetter("advance_width")
FONT_SIZE = attrgetter("font_size")
# Characters a sideways run is matched with by origin are within this (points) of where it puts them.
ORIGIN_TOLERANCE = 0.05


def open_document(path: Path, data: bytes) -> pdf_oxide.PdfDocument:
    """The document, ready to read; an IngestError naming ``path`` and the reason when it is not a
    readable PDF (cut short, damaged, encrypted, no page)."""
    if data.startswith(b"%PDF") and b"%%EOF" not in data[-EOF_WINDOW:]:
        # Readers repair some cut files silently; half a document must not load as if it were whole.
        raise IngestError(f"{path}: damaged PDF: truncated (no %%EOF end marker)")
    if data.startswith(b"%PDF") and (problem := trailer_problem(data)):
        raise IngestError(f"{path}: damaged PDF: truncated or cut and patched ({problem})")
    try:
        document = pdf_oxide.PdfDocument.from_bytes(data)
        pages = int(document.page_count)
    except Exception as exc:  # pdf_oxide raises plain exceptions whose text says what went wrong
        raise IngestError(f"{path}: {load_error(exc)}") from exc
    if document.permissions() is not None and not document.authenticate(""):
        # Encrypted with a user password (one opened by the empty password reads like any other).
        raise IngestError(f"{path}: encrypted PDF: it cannot be opened without its password")
    if pages <= 0:
        raise IngestError(f"{path}: PDF without any page")
    return document


def trailer_problem(data: bytes) -> str:
    """Why the end of a PDF that has its %%EOF marker is not a whole file's end, or "" when it is.

    The last ``startxref`` must come right before the final %%EOF and point inside the file at a
    cross-reference table or stream. Readers rebuild a missing cross-reference by scanning the objects,
    which reads the pages that survived a cut as if they were the whole document.
    """
    end = data.rfind(b"%%EOF")
    found = STARTXREF.search(data[max(0, end - EOF_WINDOW):end])
    if found is None:
        return "no startxref before the final %%EOF"
    offset = int(found.group(1))
    if offset >= len(data):
        return f"its cross-reference offset {offset} is past the end of the {len(data)}-byte file"
    if not XREF_START.match(data, offset):
        return f"no cross-reference at offset {offset}"
    return ""


def load_error(exc: Exception) -> str:
    """Why pdfium could not open a file, in words for the IngestError the caller raises: an encrypted PDF
    (needs its password) or a damaged file / not a PDF, with pdfium's own detail.
    """
    detail = " ".join(str(exc).split()) or type(exc).__name__
    if any(marker in detail.lower() for marker in ENCRYPTED_MARKERS):
        return f"encrypted PDF: it cannot be opened without its password ({detail})"
    return f"damaged PDF or not a PDF at all (its structure cannot be read: {detail})"


def visible_box(document: pdf_oxide.PdfDocument, index: int) -> Box:
    """The crop box of page ``index`` (what a viewer shows), else its media box, else US Letter, ordered so
    that left < right and bottom < top."""
    box = document.page_crop_box(index) or document.page_media_box(index)
    if not box:
        return LETTER
    x0, y0, x1, y1 = map(float, box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def page_chars(document: pdf_oxide.PdfDocument, index: int, path: Path) -> PageChars:
    """Every character of page ``index`` with its em box (user space), in runs with their angles (degrees
    clockwise); printed whitespace is " ". A run is a stretch of characters, in pdf_oxide's order, each
    continuing the one before (same baseline and font size, or at an angle same bottom and top, starting
    within ADJACENT of where it ends); each run's bottom and top are given once.

    Raises IngestError naming the file and page when pdf_oxide cannot read the page.
    """
    try:
        chars = document.extract_chars(index)
    except Exception as exc:
        raise IngestError(f"{path}: damaged PDF: page {index + 1} cannot be read ({' '.join(str(exc).split())})") from exc
    if not chars:
        return PageChars("", [], [], [], [], [], [], [])
    text = "".join(map(CHAR, chars))
    if len(text) != len(chars) or "\x00" in text or any(map(ROTATION, chars)):
        return unusual_page_chars(document, index, chars)
    # The usual page: upright, one character per glyph. This runs for every character of the document,
    # so columns are made by map, and a run's bottom and top are worked out once a run: a run keeps its
    # baseline and font size.
    lefts = list(map(ORIGIN_X, chars))
    baselines = list(map(ORIGIN_Y, chars))
    sizes = list(map(FONT_SIZE, chars))
    advances = list(map(ADVANCE, chars))
    rights = list(map(add, lefts, advances))
    breaks = [
        position
        for position, left, right, baseline0, baseline1, size0, size1 in zip(
            count(1), lefts[1:], rights, baselines, baselines[1:], sizes, sizes[1:]
        )
        if not (baseline1 == baseline0 and size1 == size0 and -ADJACENT < left - right < ADJACENT)
    ]
    if not text.isprintable():  # some whitespace other than " " (all of it is non-printable): read as " "
        text = "".join(" " if letter.isspace() else letter for letter in text)
    starts = [0, *breaks]
    run_baselines = [baselines[start] for start in starts]
    run_sizes = [sizes[start] for start in starts]
    bottoms = list(map(sub, run_baselines, map(mul, run_sizes, repeat(EM_DESCENT))))
    tops = list(map(add, run_baselines, map(mul, run_sizes, repeat(1 - EM_DESCENT))))
    return PageChars(text, lefts, bottoms, rights, tops, starts, [*breaks, len(text)], [0.0] * len(starts), min(advances))


def unusual_page_chars(document: pdf_oxide.PdfDocument, index: int, chars: list) -> PageChars:
    """``page_chars`` of a page with text at an angle, a glyph read as several characters or as none, or
    a NUL character (dropped)."""
    letters = list(map(CHAR, chars))
    if "\x00" in letters:
        chars = [c for c, letter in zip(chars, letters) if letter != "\x00"]
        letters = [letter for letter in letters if letter != "\x00"]
    if not chars:
        return PageChars("", [], [], [], [], [], [], [])
    rotations = list(map(ROTATION, chars))
    if rotations.count(0.0) == len(rotations):
        xs, ys, advances, sizes = zip(*map(BBOX, chars))
        lefts = list(xs)
        rights = list(map(add, xs, advances))
        bottoms = list(map(sub, ys, map(mul, sizes, repeat(EM_DESCENT))))
        tops = list(map(add, ys, map(mul, sizes, repeat(1 - EM_DESCENT))))
        angles_each = None
    else:
        lefts, bottoms, rights, tops, angles_each = turned_boxes(document, index, chars)
    text = "".join(letters)
    if len(text) != len(letters):  # a glyph read as several characters (a ligature) or as none
        letters, lefts, bottoms, rights, tops, angles_each = one_per_character(letters, lefts, bottoms, rights, tops, angles_each)
        text = "".join(letters)
    if not text.isprintable():
        text = "".join(" " if letter.isspace() else letter for letter in letters)
    total = len(text)
    if angles_each is None:
        breaks = [
            position
            for position, left, right, bottom0, bottom1, top0, top1 in zip(
                count(1), lefts[1:], rights, bottoms, bottoms[1:], tops, tops[1:]
            )
            if not (bottom1 == bottom0 and top1 == top0 and -ADJACENT < left - right < ADJACENT)
        ]
    else:
        breaks = [
            position
            for position, left, right, bottom0, bottom1, top0, top1, angle0, angle1 in zip(
                count(1), lefts[1:], rights, bottoms, bottoms[1:], tops, tops[1:], angles_each, angles_each[1:]
            )
            if not (bottom1 == bottom0 and top1 == top0 and angle0 == angle1 and -ADJACENT < left - right < ADJACENT)
        ]
    if not total:
        return PageChars("", [], [], [], [], [], [], [])
    starts = [0, *breaks]
    ends = [*breaks, total]
    angles = [0.0] * len(starts) if angles_each is None else [angles_each[start] for start in starts]
    return PageChars(text, lefts, [bottoms[start] for start in starts], rights, [tops[start] for start in starts], starts, ends, angles)


def one_per_character(
    letters: list[str],
    lefts: list[float],
    bottoms: list[float],
    rights: list[float],
    tops: list[float],
    angles: list[float] | None,
) -> tuple[list[str], list[float], list[float], list[float], list[float], list[float] | None]:
    """The columns with one entry per character of text: a glyph read as several characters (``ﬁ`` as
    ``fi``) shares its box out evenly along the baseline; a glyph read as nothing is left out."""
    out: tuple[list, ...] = ([], [], [], [], [], [])
    for position, letter in enumerate(letters):
        if not letter:
            continue
        left, bottom, right, top = lefts[position], bottoms[position], rights[position], tops[position]
        step = (right - left) / len(letter)
        for offset, char in enumerate(letter):
            out[0].append(char)
            out[1].append(left + offset * step)
            out[2].append(bottom)
            out[3].append(left + (offset + 1) * step)
            out[4].append(top)
            out[5].append(angles[position] if angles is not None else 0.0)
    return out[0], out[1], out[2], out[3], out[4], (out[5] if angles is not None else None)


def turned_boxes(
    document: pdf_oxide.PdfDocument, index: int, chars: list
) -> tuple[list[float], list[float], list[float], list[float], list[float]]:
    """Em boxes (left, bottom, right, top columns) and clockwise angles of a page with text at an angle.

    pdf_oxide's boxes are upright only for upright text, and its per-character advance is the horizontal
    part of the advance; the advance along the baseline comes from its spans, whose first character's
    origin is the span's origin and whose character widths are the font's own. A character no span
    accounts for advances by its horizontal part over the cosine, or by one em when the text runs
    straight up or down.
    """
    advances: dict[int, float] = {}
    by_char: dict[str, list[int]] = {}
    for position, c in enumerate(chars):
        by_char.setdefault(c.char, []).append(position)
    for span in document.extract_spans(index):
        text, widths = span.text, span.char_widths
        if not text or len(widths) != len(text):
            continue
        x, y = float(span.bbox[0]), float(span.bbox[1])
        first = find_char(chars, by_char, text[0], x, y)
        if first is None:
            continue
        theta = math.radians(chars[first].rotation_degrees)
        dx, dy = math.cos(theta), math.sin(theta)
        for char, width in zip(text, widths):
            found = find_char(chars, by_char, char, x, y)
            if found is not None:
                advances.setdefault(found, float(width))
            x, y = x + width * dx, y + width * dy
    lefts: list[float] = []
    bottoms: list[float] = []
    rights: list[float] = []
    tops: list[float] = []
    angles: list[float] = []
    for position, c in enumerate(chars):
        theta = math.radians(c.rotation_degrees)
        dx, dy = math.cos(theta), math.sin(theta)
        advance = advances.get(position)
        if advance is None:
            advance = abs(c.advance_width / dx) if abs(dx) > 0.5 else float(c.font_size)
        size = float(c.font_size)
        ox, oy = float(c.origin_x), float(c.origin_y)
        # The em box's corners: along the baseline by the advance, across it from below to above.
        below, above = -EM_DESCENT * size, (1 - EM_DESCENT) * size
        xs = [ox + along * dx - across * dy for along in (0.0, advance) for across in (below, above)]
        ys = [oy + along * dy + across * dx for along in (0.0, advance) for across in (below, above)]
        lefts.append(min(xs))
        rights.append(max(xs))
        bottoms.append(min(ys))
        tops.append(max(ys))
        angles.append(-c.rotation_degrees % 360.0)
    return lefts, bottoms, rights, tops, angles


def find_char(chars: list, by_char: dict[str, list[int]], char: str, x: float, y: float) -> int | None:
    """Index in `chars` (pdfium characters of one page, indexed by character in `by_char`) of the character
    `char` whose origin is within ORIGIN_TOLERANCE points of (x, y); None when there is none.
    """
    for position in by_char.get(char, ()):
        c = chars[position]
        if abs(c.origin_x - x) <= ORIGIN_TOLERANCE and abs(c.origin_y - y) <= ORIGIN_TOLERANCE:
            return position
    return None
