"""Lines of text from characters with boxes: the layout half of the PDF reader, pure and PDF-free.

Characters are grouped into lines by height and ordered left to right; a horizontal gap wider than a
fraction of the font size is a cell boundary and becomes one space, and a blank cell leaves no trace.
That is the shape of pdfplumber's ``extract_text()``, which the parser was written against, so
``parse_document`` needs nothing else. Where the characters come from is ingest/readers/pdf_chars.py.

``page_lines`` says what the lines are, one character at a time. The reader itself computes the same
lines with ``run_page_lines``, one run of touching characters (usually a whole cell) at a time, which
is several times faster in Python; where the shortcut cannot be shown to give the same lines it hands
the line or the page to the per-character functions.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from itertools import count, repeat
from operator import add, attrgetter, itemgetter, mul, sub
from typing import NamedTuple

# A gap wider than this many ems separates two cells (an em is the height of the em box). It is
# pdfplumber's 3 pt at 12 pt. In the development corpus glyphs of one cell touch or stay within 0.19 em
# (the em box spans the whole advance width), and the narrowest cell boundary, a right-aligned number
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
# A font whose boxes have no height must not make every gap a cell boundary.
MIN_SIZE = 1.0
# Boxes of consecutive characters of one run touch to within this (points). It stays below the
# narrowest gap that can be a cell boundary (CELL_GAP_EM of MIN_SIZE), so no boundary falls inside a
# run; character spacing of a tenth or a fifth of a point, as titles and numbers are often set with,
# leaves a cell one run instead of one run a character.
ADJACENT = 0.24
Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF user space (y up)


class RawChar(NamedTuple):
    """A character as the PDF places it: its em box (the full advance width, an em high) in user space,
    angle in degrees clockwise (text drawn running up the page is at 270)."""

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
    """The smaller angle between two directions in degrees (0-180), across the 0/360 wrap."""
    difference = abs(a - b) % 360
    return min(difference, 360 - difference)


def quadrant(angle: float) -> int | None:
    """The multiple of 90° an angle is, within tolerance; None for slanted text (a watermark, a stamp)."""
    nearest = round(angle / 90) % 4 * 90
    return nearest if angle_distance(angle, nearest) <= ANGLE_TOLERANCE_DEG else None


def orientations(chars: list[RawChar]) -> list[int]:
    """The directions text runs in on a page, the one most characters run in first; slanted text is not read."""
    votes: Counter[int] = Counter()
    for angle, angle_count in Counter(map(attrgetter("angle"), chars)).items():  # few distinct angles: fold them
        turned = quadrant(angle)
        if turned is not None:
            votes[turned] += angle_count
    return [angle for angle, _ in votes.most_common()]


def glyph(char: str, left: float, right: float, top: float, bottom: float) -> Glyph:
    """A Glyph from a character's box in reading space (points): middle is the box's vertical centre,
    size its height, at least MIN_SIZE (a zero-height box still has an em to measure gaps by).
    """
    return Glyph(char, left, right, top, bottom, (top + bottom) / 2, max(bottom - top, MIN_SIZE))


def to_reading_space(char: RawChar, angle: int, page: Box) -> Glyph:
    """Turn the box so that text drawn at ``angle`` runs left to right, top to bottom.

    This reads pages whose content is drawn rotated (a landscape table on a portrait page) and pages
    turned with /Rotate alike: what counts is the direction the text runs, not how a viewer shows it.
    Coordinates are relative to the top-left corner of the visible box as seen by such a reader.
    Angles are clockwise in user space.
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
    return line_text_x(line)[0]


def line_text_x(line: list[Glyph]) -> tuple[str, tuple[float, ...]]:
    """``line_text`` and the horizontal centre of each of its space-separated tokens (reading space)."""
    parts: list[str] = []
    token_lefts: list[float] = []
    token_rights: list[float] = []
    previous: Glyph | None = None
    spaced = False  # a space character printed since the previous glyph: a separator whatever the gap
    for current in line:
        if current.char == " ":
            spaced = True
            continue
        new_token = previous is None
        if previous is not None and current.char not in CLOSING_PUNCTUATION:
            em = previous.size if previous.size < current.size else current.size
            if spaced or current.left - previous.right > CELL_GAP_EM * em:
                parts.append(" ")
                new_token = True
        if new_token:
            token_lefts.append(current.left)
            token_rights.append(current.right)
        else:
            token_rights[-1] = current.right
        parts.append(current.char)
        previous = current
        spaced = False
    return "".join(parts), tuple((left + right) / 2 for left, right in zip(token_lefts, token_rights))


def page_lines(chars: list[RawChar], page: Box) -> list[str]:
    """The text lines of one page, top to bottom (a line of nothing but spaces is no line).

    Text running in another direction than most of the page's (a table printed sideways under an upright
    heading, a label along the margin) is read in its own direction, after the rest.
    """
    return [text for text, _ in page_lines_x(chars, page)]


def page_lines_x(chars: list[RawChar], page: Box) -> list[tuple[str, tuple[float, ...]]]:
    """``page_lines`` with the horizontal centre of each token of each line (in the line's reading space)."""
    visible = visible_chars(chars, page)
    lines: list[tuple[str, tuple[float, ...]]] = []
    for angle in orientations(visible):
        lines += (line_text_x(drop_duplicates(line)) for line in group_lines(oriented_glyphs(visible, angle, page)))
    return [line for line in lines if line[0]]


# ---------------------------------------------------------------------------------------------------
# Layout by runs: the lines of page_lines, without handling every character in Python
#
# A run is a stretch of consecutive characters (in the order the reader gives them) each of which continues the one before:
# same bottom and top, starting where it ends. All characters of a run share a vertical centre and a
# size, so they fall on one line together; and when (as checked below) its characters advance by more
# than the duplicate tolerance and it keeps clear of the run before it on its line, the left-to-right
# order, the duplicates and the cell gaps of its line come out the same computed per run as per
# character. A line where that does not hold is laid out per character; a page with text at an angle or
# with a run partly outside the visible box goes through page_lines whole. Either way the lines are
# page_lines's, to the character.


class PageChars(NamedTuple):
    """One page's characters in columns, indexed as the reader gives them (em boxes in user space), and
    its runs: the characters read are those of the runs, in order, each at its run's angle.

    Within a run every character continues the one before it (the run's bottom and top, left within
    ADJACENT of its right); runs need not be the longest such. So bottoms and tops are the runs', not
    the characters': the reader works them out once a run, not once a character. Characters outside
    every run are not read (their entries only decide whether a shortcut is taken).
    """

    text: str  # printed whitespace is " "
    lefts: Sequence[float]  # each character's
    bottoms: Sequence[float]  # each run's
    rights: Sequence[float]  # each character's
    tops: Sequence[float]  # each run's
    starts: Sequence[int]  # each run is text[start:end]
    ends: Sequence[int]
    angles: Sequence[float]  # each run's angle in degrees, clockwise (as RawChar.angle)
    # The least advance width of any character, when every right is its left plus an advance (the
    # reader's own arithmetic): spares the layout a pass over every character. None: not known.
    least_advance: float | None = None


# A run as laid out: middle, size, first and end index, then in reading space the left of its first
# character, the left and the right of its last, its text, and its bottom and top in user space.
Run = tuple[float, float, int, int, float, float, float, str, float, float]
RUN_MIDDLE = itemgetter(0)
RUN_SIZE = itemgetter(1)
RUN_LEFT = itemgetter(4)
BY_MIDDLE_THEN_ORDER = itemgetter(0, 2)
# Characters whose em box is narrower than the duplicate tolerance plus this (points) may advance too
# little for their run to be one unit of layout; they are tested exactly, in reading space. It is above
# the rounding error of the translation into reading space by orders of magnitude.
ROUNDING_MARGIN = 1e-6
# Coordinates beyond this (points) are absurd: such a page is laid out per character, so that the margin
# above stays far above the rounding error.
FAR = 1e6


def page_raw_chars(chars: PageChars) -> list[RawChar]:
    """The characters one by one, each at its run's angle: what page_lines reads."""
    text, lefts, bottoms, rights, tops, starts, ends, angles = chars[:8]
    return [
        new_tuple(RawChar, (text[index], lefts[index], bottom, rights[index], top, angle))
        for start, end, angle, bottom, top in zip(starts, ends, angles, bottoms, tops)
        for index in range(start, end)
    ]


def run_page_lines(chars: PageChars, page: Box) -> list[str]:
    """``page_lines(page_raw_chars(chars), page)``, computed run by run wherever that gives the same lines."""
    return [text for text, _ in run_page_lines_x(chars, page)]


def run_page_lines_x(chars: PageChars, page: Box) -> list[tuple[str, tuple[float, ...]]]:
    """``page_lines_x(page_raw_chars(chars), page)``: the lines of ``run_page_lines`` with their tokens' centres."""
    text, lefts, bottoms, rights, tops, starts, ends, angles, least_advance = chars
    if not starts:
        return []
    page_left, page_bottom, page_right, page_top = map(float, page)
    if angles.count(0.0) != len(angles) and not all(angle_distance(angle, 0) <= ANGLE_TOLERANCE_DEG for angle in angles):
        return page_lines_x(page_raw_chars(chars), page)  # text in another direction than upright
    if not math.isfinite(sum(lefts) + sum(rights) + sum(bottoms) + sum(tops)):
        return page_lines_x(page_raw_chars(chars), page)
    # A right is its left plus an advance: with no negative advance no right is left of its left (float
    # addition is monotonic), whatever the rounding.
    narrowest = least_advance if least_advance is not None and least_advance >= 0 else min(map(sub, rights, lefts))
    if narrowest >= 0:  # no character ends left of where it starts: the extremes are two passes, not four
        least, most = min(lefts), max(rights)
    else:
        least, most = min(min(lefts), min(rights)), max(max(lefts), max(rights))
    if not (-FAR < least and most < FAR and -FAR < page_left and page_right < FAR):
        return page_lines_x(page_raw_chars(chars), page)

    # The visible runs (a run is wholly in or wholly out, or the page is laid out per character), with
    # their middle and size as oriented_glyphs computes them.
    runs: list[Run] = []
    for start, end, bottom, top in zip(starts, ends, bottoms, tops):
        centre = (bottom + top) / 2
        if page_bottom <= centre <= page_top:
            last = end - 1
            runs.append(
                (
                    page_top - centre,
                    top - bottom if top - bottom > MIN_SIZE else MIN_SIZE,
                    start,
                    end,
                    lefts[start] - page_left,
                    lefts[last] - page_left,
                    rights[last] - page_left,
                    text[start:end],
                    bottom,
                    top,
                )
            )
    if not (page_left <= least and most <= page_right):
        inside = bytes([page_left <= (left + right) / 2 <= page_right for left, right in zip(lefts, rights)])
        if any(any(inside[run[2] : run[3]]) and not all(inside[run[2] : run[3]]) for run in runs):
            return page_lines_x(page_raw_chars(chars), page)
        runs = [run for run in runs if inside[run[2]]]
    if not runs:
        return []

    # Runs in which a character advances no more than the duplicate tolerance (which drop_duplicates
    # compares with): their lines are laid out per character. As each character of a run starts where
    # the one before it ends, only one after a narrow character can.
    tight: set[int] = set()
    limit = DUPLICATE_EM * max(map(RUN_SIZE, runs)) + ROUNDING_MARGIN + ADJACENT
    # ``narrowest`` may be the least advance rather than the least right - left, which differs by rounding
    # far below ROUNDING_MARGIN (coordinates are within FAR): the exact test is made character by character.
    if narrowest <= limit + ROUNDING_MARGIN:
        for index in [index + 1 for index, left, right in zip(count(), lefts, rights) if right - left <= limit]:
            run = bisect_right(starts, index) - 1
            if run >= 0 and starts[run] < index < ends[run]:
                height = tops[run] - bottoms[run]
                size = height if height > MIN_SIZE else MIN_SIZE
                if not (lefts[index] - page_left) - (lefts[index - 1] - page_left) > DUPLICATE_EM * size:
                    tight.add(starts[run])

    # Lines, as group_lines makes them: by middle (ties in the reader's order), chained within tolerance.
    runs.sort(key=RUN_MIDDLE)
    lines: list[list[Run]] = []
    line: list[Run] = []
    previous_middle = previous_size = 0.0
    for run in runs:
        middle, size = run[0], run[1]
        if not line or middle - previous_middle > LINE_TOLERANCE_EM * (size if size < previous_size else previous_size):
            line = [run]
            lines.append(line)
        else:
            line.append(run)
        previous_middle, previous_size = middle, size
    laid_out = (run_line_text(sorted(line, key=RUN_LEFT), chars, page_left, page_top, tight) for line in lines)
    return [line for line in laid_out if line[0]]


def run_line_text(
    line: list[Run], chars: PageChars, page_left: float, page_top: float, tight: set[int]
) -> tuple[str, tuple[float, ...]]:
    """``line_text_x(drop_duplicates(...))`` of one line of runs, given left to right."""
    parts: list[str] = []
    token_lefts: list[float] = []  # of each space-separated token of the text, in reading space
    token_rights: list[float] = []
    spaced = False  # as in line_text: a space printed since the last character written
    previous_last_left = -math.inf
    previous_right = previous_size = 0.0  # of the run before
    for _, size, start, _, left, last_left, right, piece, _, _ in line:
        # The run must keep clear of the one before and its characters of one another, or the order and
        # the duplicates are to be worked out character by character.
        if not left - previous_last_left > DUPLICATE_EM * size or start in tight:
            return glyph_line_text(line, chars, page_left, page_top)
        if " " not in piece:
            if not parts:
                token_lefts.append(left)
                token_rights.append(right)
            elif piece[0] not in CLOSING_PUNCTUATION and (
                spaced or left - previous_right > CELL_GAP_EM * (previous_size if previous_size < size else size)
            ):
                parts.append(" ")
                token_lefts.append(left)
                token_rights.append(right)
            else:
                token_rights[-1] = right
            parts.append(piece)
            spaced = False
        else:
            lefts, rights = chars[1], chars[3]
            offset = start
            for position, word in enumerate(piece.split(" ")):
                if position:
                    spaced = True
                if word:
                    # A word after a space is spaced anyway: the gap is that of the run's first character.
                    em = previous_size if previous_size < size else size
                    word_left, word_right = lefts[offset] - page_left, rights[offset + len(word) - 1] - page_left
                    if not parts:
                        token_lefts.append(word_left)
                        token_rights.append(word_right)
                    elif word[0] not in CLOSING_PUNCTUATION and (spaced or left - previous_right > CELL_GAP_EM * em):
                        parts.append(" ")
                        token_lefts.append(word_left)
                        token_rights.append(word_right)
                    else:
                        token_rights[-1] = word_right
                    parts.append(word)
                    spaced = False
                offset += len(word) + 1
        previous_last_left, previous_right, previous_size = last_left, right, size
    return "".join(parts), tuple(map(mul, map(add, token_lefts, token_rights), repeat(0.5)))


def glyph_line_text(line: list[Run], chars: PageChars, page_left: float, page_top: float) -> tuple[str, tuple[float, ...]]:
    """One line of runs laid out character by character, exactly as page_lines does."""
    text, lefts, _, rights = chars[:4]
    glyphs = [
        new_tuple(Glyph, (text[index], lefts[index] - page_left, rights[index] - page_left, page_top - top, page_top - bottom, middle, size))
        for middle, size, start, end, _, _, _, _, bottom, top in sorted(line, key=BY_MIDDLE_THEN_ORDER)  # the order group_lines leaves them in
        for index in range(start, end)
    ]
    return line_text_x(drop_duplicates(sorted(glyphs, key=BY_LEFT)))
