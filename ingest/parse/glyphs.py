"""Glyphs that a PDF's text layer puts on a line of their own.

Some documents draw 一 and full-width punctuation (，：；、) in a second font whose boxes sit lower than
the text around them, so the reader lays them out as a separate line just below the line they belong to
("般公共预算财政拨款收入" / "一"). Names then lose their first character and sentences their commas.
This module puts them back, from the horizontal positions the reader gives (PDF input only: extracted
text has no positions and is returned unchanged).

It belongs in the reader (a glyph should join the line whose band contains it); until the reader does
that, the final-account parser runs this repair first. A reader that keeps these glyphs on their line
makes it a no-op: no line then consists of detached glyphs only.
"""

from __future__ import annotations

from ..model import Line

DETACHED_CHARS = frozenset("一，：；、。,")
PUNCTUATION = DETACHED_CHARS - {"一"}
# A detached 一 starts the token to its right when that token's centre is as far away as half the
# token plus half a character, for a plausible character width (points) of body text and table cells.
MIN_CHAR_WIDTH = 7.0
MAX_CHAR_WIDTH = 14.5
# Two token centres this close (points) are the same place.
SAME_CENTRE = 2.0


def is_detached_line(line: Line) -> bool:
    """True for a line made only of glyphs this module re-attaches, with positions to do it."""
    first = line.text[:1]
    if first not in DETACHED_CHARS and first != " ":  # most lines: their first character says it
        return False
    text = line.text.replace(" ", "")
    return bool(text) and line.token_x is not None and set(text) <= DETACHED_CHARS


def _starts_token(x: float, token: str, centre: float) -> bool:
    if centre <= x or not token or token[0].isascii():
        return False
    width = (centre - x) / (len(token) / 2 + 0.5)
    return MIN_CHAR_WIDTH <= width <= MAX_CHAR_WIDTH


def _attach(target: Line, glyph_tokens: list[tuple[str, float]]) -> Line:
    tokens = target.text.split()
    xs = list(target.token_x or ())
    if len(tokens) != len(xs):
        return target
    for glyph, x in glyph_tokens:
        if len(glyph) > 1 and glyph[0] == "一":
            # 一 and punctuation run together: the run spans one whole token of the line, from its first
            # character (the 一) to the punctuation after its last, so their centres coincide.
            same = [i for i, centre in enumerate(xs) if abs(centre - x) <= SAME_CENTRE]
            if same:
                tokens[same[0]] = "一" + tokens[same[0]] + "".join(ch for ch in glyph[1:] if ch in PUNCTUATION)
            continue
        if glyph == "一":
            candidates = [i for i, (token, centre) in enumerate(zip(tokens, xs)) if _starts_token(x, token, centre)]
            if candidates:
                index = min(candidates, key=lambda i: xs[i] - x)
                tokens[index] = "一" + tokens[index]
            # an unattached 一 is an ordinal (一、) of a row label: nothing reads it
            continue
        chars = "".join(ch for ch in glyph if ch in PUNCTUATION)
        if not chars:
            continue
        # punctuation sits in the gap between the two tokens around it
        before = [i for i, centre in enumerate(xs) if centre < x]
        if before and before[-1] < len(tokens) - 1:
            tokens[before[-1]] += chars
        elif before:
            tokens[-1] += chars
    return Line(" ".join(tokens), target.line_no, target.page_no, tuple(xs))


def rejoin_detached_glyphs(lines: list[Line]) -> list[Line]:
    """``lines`` with each line of detached glyphs merged into the line above it on the same page.

    A single-glyph 一 token is prefixed to the token it starts; punctuation is appended to the token
    before its position; a run starting with 一 wraps the token whose centre it shares. Other runs of
    several glyphs give only their punctuation.
    Returns new Line objects; line numbers of the kept lines are unchanged.
    """
    result: list[Line] = []
    for line in lines:
        if is_detached_line(line) and result and result[-1].page_no == line.page_no:
            glyphs: list[tuple[str, float]] = []
            for token, x in zip(line.text.split(), line.token_x or ()):
                glyphs.append((token if token.startswith("一") else token.replace("一", ""), x))
            result[-1] = _attach(result[-1], glyphs)
            continue
        result.append(line)
    return result
