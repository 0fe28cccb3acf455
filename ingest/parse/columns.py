"""Column evidence from x-positions (PDF input only).

Extracted text loses where a number sits across the page; a PDF keeps it. A table's column header line(s)
give each column's horizontal centre (a header cell wrapped over two lines, 事业单位 / 经营收入, gives it
on both); a number is in the column whose centre is nearest, i.e. between the midpoints of its
neighbours. That placement is evidence only: it is checked against the arithmetic (see
``apply_position_evidence``) and never overrides it. Lines without positions (text input) give none,
and every caller then behaves as without this module.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from ..model import Line, ParseIssue
from ..numbers import is_number_token
from ..templates import measure_header_words
from .rows import is_header_line, normalise_row_text, read_code_prefix, split_trailing_numbers
from .solver import Placement, RowVariable, Solution, TreeSolver, to_vector

# Header cell texts (whole tokens) naming each measure, over every registered family (ingest/templates);
# one measure may be printed in several ways.
HEADER_WORDS: dict[str, tuple[str, ...]] = measure_header_words()
# A header cell printed at places further apart than this share of the narrowest column spacing is
# not one column (two tables on a page, a stray word): no positions for that page.
MAX_SPREAD = 0.25
# A number this close (share of the spacing of the two columns) to the midpoint between two header
# centres is no evidence either way.
MIN_MARGIN = 0.1
# A grid carried over to a page is checked by (at most) this many rows printed in full on it.
FULL_ROWS_CHECKED = 3


@dataclass(frozen=True)
class ColumnGrid:
    """The centres of a table's columns on one page, left to right in the order of the table's columns."""

    centres: tuple[float, ...]
    # False for a grid carried over to a page without its own header and without a full row to check it
    # by: its placements confirm the arithmetic, or are reported against it, but never decide a row.
    decisive: bool = True

    def placement(self, xs: Sequence[float]) -> Placement | None:
        """The column of each number by nearest header centre, or None when any is unclear or the
        columns do not run left to right as the numbers do."""
        centres = self.centres
        result: list[int] = []
        for x in xs:
            ranked = sorted(range(len(centres)), key=lambda index: abs(centres[index] - x))
            best = ranked[0]
            if len(ranked) > 1:
                second = ranked[1]
                spacing = abs(centres[best] - centres[second])
                if abs(centres[second] - x) - abs(centres[best] - x) < MIN_MARGIN * spacing:
                    return None
                # Beyond the outer columns by more than a column's spacing: not in this table's grid.
                if (best == 0 and x < centres[0] - spacing) or (best == len(centres) - 1 and x > centres[-1] + spacing):
                    return None
            if result and best <= result[-1]:
                return None
            result.append(best)
        return tuple(result)


def header_grids(
    body: Sequence[Line], columns: Sequence[str], header_words: dict[str, tuple[str, ...]] | None = None
) -> dict[int | None, ColumnGrid]:
    """Each page's column grid, from the header lines printed on that page.

    A page's header must name every column, each at one place. A page without a header of its own (a
    table continued from the page before) takes the grid of the last page that had one, if the rows
    printed in full on it (every column filled) sit in that grid's columns; with no such row to check
    it by, it takes it as not decisive. Lines without positions (text input) give no grid at all.
    """
    known = HEADER_WORDS if header_words is None else header_words
    words = {word: index for index, measure in enumerate(columns) for word in known.get(measure, ())}
    found: dict[int | None, dict[int, list[float]]] = {}
    pages: dict[int | None, list[Line]] = {}
    for line in body:
        xs = line.token_x
        if xs is None:
            continue
        pages.setdefault(line.page_no, []).append(line)
        tokens = line.text.split()
        if len(tokens) != len(xs) or not any(token in words for token in tokens) or not is_header_line(line.text):
            continue
        page = found.setdefault(line.page_no, {})
        for token, x in zip(tokens, xs):
            if token in words:
                page.setdefault(words[token], []).append(x)
    grids: dict[int | None, ColumnGrid] = {}
    for page_no, seen in found.items():
        if len(seen) != len(columns):
            continue
        centres = tuple(sum(seen[index]) / len(seen[index]) for index in range(len(columns)))
        gaps = [b - a for a, b in zip(centres, centres[1:])]
        if not gaps or min(gaps) <= 0:
            continue
        if any(max(seen[index]) - min(seen[index]) > MAX_SPREAD * min(gaps) for index in seen):
            continue
        grids[page_no] = ColumnGrid(centres)
    last: ColumnGrid | None = None
    for page_no, lines in pages.items():  # in the order of the body
        if page_no in found:
            last = grids.get(page_no)
        elif last is not None:
            checked = full_rows_fit(last, lines)
            if checked is not None:
                grids[page_no] = last if checked else ColumnGrid(last.centres, decisive=False)
    return grids


def full_rows_fit(grid: ColumnGrid, lines: Sequence[Line]) -> bool | None:
    """None if a row printed in full on the page (of the first few) is not in the grid's columns, True
    if there are such rows and they are, False if there are none."""
    width = len(grid.centres)
    full = 0
    for line in lines:
        tail = line.text.split()[-width:]
        if len(tail) < width or not all(map(is_number_token, tail)):
            continue  # (the cheap test first: most rows are not printed in full)
        text = normalise_row_text(line.text)
        prefix = read_code_prefix(text, 7)  # (a code's parts are numbers too)
        numbers = split_trailing_numbers(prefix.rest if prefix else text)[1]
        if len(numbers) != width:
            continue
        xs = number_positions(line, numbers)
        if xs is None or grid.placement(xs) != tuple(range(width)):
            return None
        full += 1
        if full == FULL_ROWS_CHECKED:
            break
    return full > 0


def number_positions(line: Line, numbers: Sequence[str]) -> tuple[float, ...] | None:
    """The x-centres of a row's printed numbers: the last tokens of the line they were read from."""
    xs = line.token_x
    if xs is None or not numbers:
        return None
    tokens = line.text.split()
    count = len(numbers)
    if len(tokens) != len(xs) or tokens[-count:] != list(numbers):
        return None
    return xs[-count:]


@dataclass
class PositionEvidence:
    """What the x-positions did to a table's solution."""

    solution: Solution
    confirmed: set[Hashable]  # rows placed as their positions say (confirmed or decided by them)
    issues: list[ParseIssue]


def apply_position_evidence(
    solution: Solution,
    variables: dict[Hashable, RowVariable],
    evidence: dict[Hashable, Placement],
    width: int,
    tentative: set[Hashable],
    solve: Callable[[], Solution],
    conflict_issue: Callable[[Hashable, Placement, list[Placement]], ParseIssue],
) -> PositionEvidence:
    """Check each row's x-placement against the arithmetic solution.

    * the arithmetic places the row as x does: confirmed;
    * the arithmetic leaves the row ambiguous and x's placement is one of its readings: the row is
      narrowed to it (unless its evidence is ``tentative``), and the table solved again; if together the
      narrowed rows break an identity the arithmetic kept, the narrowing is undone and reported;
    * x says one thing and the arithmetic another: the arithmetic's result stands, with a warning.
    """
    confirmed: set[Hashable] = set()
    issues: list[ParseIssue] = []
    narrowed: dict[Hashable, list[Placement]] = {}

    def same(row: RowVariable, a: Placement, b: Placement) -> bool:
        return a == b or to_vector(row.numbers, a, width) == to_vector(row.numbers, b, width)

    for key, placement in evidence.items():
        row = variables[key]
        if key in solution.chosen:
            chosen = solution.chosen[key]
            if same(row, chosen, placement):
                confirmed.add(key)
            else:
                issues.append(conflict_issue(key, placement, [chosen]))
        elif key in solution.ambiguous and not solution.gave_up:
            options = solution.ambiguous[key]
            match = next((option for option in options if same(row, option, placement)), None)
            if match is None:
                issues.append(conflict_issue(key, placement, options))
            elif key not in tentative:
                narrowed[key] = row.placements
                row.placements = [match]
    if not narrowed:
        return PositionEvidence(solution, confirmed, issues)
    second = solve()
    if second.gave_up or not second.conflicting_parents <= solution.conflicting_parents:
        for key, placements in narrowed.items():
            variables[key].placements = placements
            issues.append(conflict_issue(key, evidence[key], solution.ambiguous[key]))
        return PositionEvidence(solution, confirmed, issues)
    return PositionEvidence(second, confirmed | set(narrowed), issues)


def tree_solve(variables: dict[Hashable, RowVariable], children: dict[Hashable, list[Hashable]], width: int, roots: list[Hashable]) -> Callable[[], Solution]:
    """The table's code forest solved again on call (TreeSolver over `variables` as they are then, parent ->
    children, `width` columns, from `roots`): apply_position_evidence calls it after narrowing rows to
    the columns their x-positions show.
    """
    return lambda: TreeSolver(variables, children, width).solve(roots)
