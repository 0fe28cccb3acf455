"""Column assignment by arithmetic.

In extracted text a blank cell leaves no trace: a row of a five-column table may print two numbers, and
nothing says which columns they sit in. The numbers keep their left-to-right order, so the candidates are
the ways of placing k numbers into n columns in order. The template's identities decide between them:

* row identities (合计 = 基本 + 项目, …) filter each row's candidates;
* the hierarchy (parent = Σ children, column by column; the 合计 row = Σ 类) ties rows together;
* facts from other tables ("context") narrow a row further, but only when they leave a candidate.

The hierarchy is a tree, so a dynamic programme over subtrees counts the solutions. A row is *certain*
when every solution places it the same way; otherwise it is reported as ambiguous and not loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations
from operator import add, ge, sub

ZERO = Decimal("0.00")
Vector = tuple[Decimal, ...]
Placement = tuple[int, ...]  # column index of each printed number, increasing


@dataclass(frozen=True)
class Identity:
    """``total`` column equals the sum of the ``parts`` columns."""

    total: int
    parts: tuple[int, ...]

    def holds(self, vector: Vector) -> bool:
        """Whether a row's values (one Decimal per column) meet the identity exactly: total = Σ parts."""
        return vector[self.total] == sum(map(vector.__getitem__, self.parts), ZERO)


def to_vector(numbers: Sequence[Decimal], placement: Placement, width: int) -> Vector:
    """The row's values by column (yuan): each printed number in the column its placement gives, 0 elsewhere."""
    values = [ZERO] * width
    for value, column in zip(numbers, placement):
        values[column] = value
    return tuple(values)


FenVector = tuple[int, ...]


def fen_vector(values: Sequence[int], placement: Placement, width: int) -> FenVector:
    """As to_vector, in integer fen (the solver's exact arithmetic): each value in its placed column, 0 elsewhere."""
    vector = [0] * width
    for value, column in zip(values, placement):
        vector[column] = value
    return tuple(vector)


# Amounts below this (yuan) are whole fen of at most 24 digits: multiplied by 100 and added a few at a time
# they stay exact within Decimal's 28 digits, so Decimals and integer fen agree on every sum and comparison.
MAX_EXACT_YUAN = 10**22


def whole_fen(numbers: Sequence[Decimal]) -> list[int] | None:
    """The amounts in integer fen, or None when one is not printed to the fen (more decimals, not finite)
    or is too large to be added exactly as a Decimal (then the Decimals themselves are compared)."""
    fen: list[int] = []
    for value in numbers:
        exponent = value.as_tuple().exponent
        if not isinstance(exponent, int) or exponent < -2 or not -MAX_EXACT_YUAN < value < MAX_EXACT_YUAN:
            return None
        fen.append(int(value * 100))
    return fen


def candidate_placements(
    numbers: Sequence[Decimal], width: int, identities: Sequence[Identity]
) -> tuple[list[Placement], bool]:
    """Placements of the printed numbers, and whether the row's own identities could be met.

    A fully printed row has exactly one placement, whatever its arithmetic says: a misprint is kept as
    printed and left for the tests to report. Placements giving the same vector are interchangeable.
    """
    count = len(numbers)
    if count > width:
        return [], False
    if count == width:
        return [tuple(range(width))], all(i.holds(tuple(numbers)) for i in identities)
    fen = whole_fen(numbers)
    if fen is not None:
        # The same placements from integer fen: equal vectors and met identities are the same in both.
        seen_fen: dict[FenVector, Placement] = {}
        satisfying_fen: dict[FenVector, Placement] = {}
        for placement in combinations(range(width), count):
            vector = fen_vector(fen, placement, width)
            seen_fen.setdefault(vector, placement)
            if all(vector[i.total] == sum(map(vector.__getitem__, i.parts)) for i in identities):
                satisfying_fen.setdefault(vector, placement)
        if satisfying_fen:
            return list(satisfying_fen.values()), True
        return list(seen_fen.values()), False
    seen: dict[Vector, Placement] = {}
    satisfying: dict[Vector, Placement] = {}
    for placement in combinations(range(width), count):
        vector = to_vector(numbers, placement, width)
        seen.setdefault(vector, placement)
        if all(i.holds(vector) for i in identities):
            satisfying.setdefault(vector, placement)
    if satisfying:
        return list(satisfying.values()), True
    return list(seen.values()), False


@dataclass
class RowVariable:
    """One row of a table as the solver sees it: its key in the code tree, its printed numbers (yuan), the
    placements still possible, whether its own identities could be met and whether context narrowed it.
    """

    key: Hashable
    numbers: list[Decimal]
    placements: list[Placement]
    identity_ok: bool = True
    narrowed_by_context: bool = False


@dataclass
class Solution:
    """Outcome for one table."""

    chosen: dict[Hashable, Placement] = field(default_factory=dict)
    ambiguous: dict[Hashable, list[Placement]] = field(default_factory=dict)
    conflicting_parents: set[Hashable] = field(default_factory=set)
    solution_count: int = 0
    gave_up: bool = False


class _TooManyStates(Exception):
    pass


def narrow_by_context(
    row: RowVariable, width: int, expected: dict[int, Decimal]
) -> None:
    """Keep the placements that agree with figures known from elsewhere, if any do."""
    if len(row.placements) <= 1 or not expected:
        return
    kept = [
        p
        for p in row.placements
        if all(to_vector(row.numbers, p, width)[col] == value for col, value in expected.items())
    ]
    if kept and len(kept) < len(row.placements):
        row.placements = kept
        row.narrowed_by_context = True


def narrow_by_bounds(row: RowVariable, width: int, bounds: dict[int, Decimal]) -> None:
    """Keep the placements that put no column above its upper bound (figures another table allows), if
    any do; like ``narrow_by_context`` a bound that no placement meets is evidence of a misprint, not of a
    reading, and is ignored."""
    if len(row.placements) <= 1 or not bounds:
        return
    kept = [
        p
        for p in row.placements
        if all(to_vector(row.numbers, p, width)[col] <= bound for col, bound in bounds.items())
    ]
    if kept and len(kept) < len(row.placements):
        row.placements = kept
        row.narrowed_by_context = True


def narrow_by_sums(row: RowVariable, width: int, sums: dict[tuple[int, ...], Decimal]) -> None:
    """Keep the placements whose columns add up to figures known from elsewhere (a sum of columns
    another table prints as one figure: 基本支出 = 人员经费 + 公用经费), if any do."""
    if len(row.placements) <= 1 or not sums:
        return
    kept = [
        p
        for p in row.placements
        if all(sum((to_vector(row.numbers, p, width)[col] for col in parts), ZERO) == value for parts, value in sums.items())
    ]
    if kept and len(kept) < len(row.placements):
        row.placements = kept
        row.narrowed_by_context = True


class TreeSolver:
    """Counts the column assignments consistent with parent = Σ children in a forest of rows."""

    def __init__(
        self,
        rows: dict[Hashable, RowVariable],
        children: dict[Hashable, list[Hashable]],
        width: int,
        max_states: int = 200_000,
    ) -> None:
        self.rows = rows
        self.children = children
        self.width = width
        self.max_states = max_states
        # Whole fen as ints: the subset sums below run far faster on ints than on Decimals, exactly.
        self._fen: dict[Hashable, list[int]] = {key: [int(v * 100) for v in row.numbers] for key, row in rows.items()}
        self.non_negative = all(value >= 0 for values in self._fen.values() for value in values)
        # Parents that disagree with their children whatever the reading; found by the first, lenient pass.
        self.known_conflicts: set[Hashable] = set()
        self.strict = False
        # Each subtree's readings (vector → number of ways) from the strict pass, used by the top-down pass.
        self._cache: dict[Hashable, dict[FenVector, int]] = {}

    def _vectors(self, key: Hashable, forced: dict[Hashable, Placement], conflicts: set[Hashable]) -> dict[FenVector, int]:
        result = self._compute_vectors(key, forced, conflicts)
        if not forced:
            self._cache[key] = result
        return result

    def _compute_vectors(
        self, key: Hashable, forced: dict[Hashable, Placement], conflicts: set[Hashable]
    ) -> dict[FenVector, int]:
        row = self.rows[key]
        placements = [forced[key]] if key in forced else row.placements
        own = {fen_vector(self._fen[key], p, self.width): 1 for p in placements}
        kids = self.children.get(key, [])
        if not kids:
            return own
        sums = self._sum_children(kids, forced, conflicts, list(own) if key not in self.known_conflicts else [])
        matched = {vector: sums[vector] for vector in own if vector in sums}
        if matched or (self.strict and key not in self.known_conflicts):
            return matched
        # The printed parent disagrees with every reading of its children: keep the parent as printed
        # (the tests report it) and let each child stand on its own.
        conflicts.add(key)
        total_child_ways = sum(sums.values()) if sums else 1
        return {vector: total_child_ways for vector in own}

    def _sum_children(
        self,
        kids: Iterable[Hashable],
        forced: dict[Hashable, Placement],
        conflicts: set[Hashable],
        targets: list[FenVector],
    ) -> dict[FenVector, int]:
        """Distinct column sums of the children and how many readings give each.

        Amounts are never negative in these tables, so a partial sum that already exceeds every reading
        of the parent in some column cannot lead anywhere and is dropped.
        """
        prune = bool(targets) and self.non_negative
        states: dict[FenVector, int] = {tuple([0] * self.width): 1}
        for kid in kids:
            kid_vectors = self._vectors(kid, forced, conflicts)
            merged: dict[FenVector, int] = {}
            for partial, ways in states.items():
                for vector, kid_ways in kid_vectors.items():
                    # map over operator functions: this is the solver's innermost loop.
                    total = tuple(map(add, partial, vector))
                    if prune and not any(all(map(ge, target, total)) for target in targets):
                        continue
                    merged[total] = merged.get(total, 0) + ways * kid_ways
            if len(merged) > self.max_states:
                raise _TooManyStates
            states = merged
        return states

    def count(self, roots: Sequence[Hashable], forced: dict[Hashable, Placement]) -> tuple[int, set[Hashable]]:
        """The number of column assignments of the whole forest under `roots` that meet parent = Σ children,
        with the rows in `forced` placed as given; and the parents whose children can never sum to them
        (conflicts). Raises _TooManyStates when a subtree has more than max_states readings.
        """
        conflicts: set[Hashable] = set()
        total = 1
        for root in roots:
            total *= sum(self._vectors(root, forced, conflicts).values())
        return total, conflicts

    def _dominated(self, states: dict[FenVector, int] | set[FenVector], targets: list[FenVector]) -> set[FenVector]:
        if not self.non_negative or not targets:
            return set(states)
        return {s for s in states if any(all(map(ge, target, s)) for target in targets)}

    def _sumset(self, left: set[FenVector], right: list[FenVector], targets: list[FenVector]) -> set[FenVector]:
        combined = {tuple(map(add, x, y)) for x in left for y in right}
        if len(combined) > self.max_states:
            raise _TooManyStates
        return self._dominated(combined, targets)

    def _descend(self, key: Hashable, allowed_vectors: set[FenVector], allowed: dict[Hashable, set[FenVector]]) -> None:
        """Top-down: which of each child's readings can still take part in an allowed parent reading."""
        allowed[key] = allowed_vectors
        kids = self.children.get(key, [])
        if not kids:
            return
        if key in self.known_conflicts:
            for kid in kids:
                self._descend(kid, set(self._cache[kid]), allowed)
            return
        targets = list(allowed_vectors)
        kid_sets = [list(self._cache[kid]) for kid in kids]
        zero = tuple([0] * self.width)
        prefix: list[set[FenVector]] = [{zero}]
        for vectors in kid_sets:
            prefix.append(self._sumset(prefix[-1], vectors, targets))
        suffix: list[set[FenVector]] = [{zero}]
        for vectors in reversed(kid_sets):
            suffix.append(self._sumset(suffix[-1], vectors, targets))
        suffix.reverse()
        for index, kid in enumerate(kids):
            # A reading of the kid is allowed when a parent reading minus it is a sum of the siblings
            # before it plus one of those after it. Asked reading by reading with the smaller side looped
            # over, never by forming every sum of both sides: with many equal siblings both sides are long.
            before, after = prefix[index], suffix[index + 1]
            looped, looked_up = (before, after) if len(before) <= len(after) else (after, before)
            kid_allowed: set[FenVector] = set()
            for vector in set(kid_sets[index]):
                for target in targets:
                    rest = tuple(map(sub, target, vector))
                    if any(tuple(map(sub, rest, side)) in looked_up for side in looped):
                        kid_allowed.add(vector)
                        break
            self._descend(kid, kid_allowed, allowed)

    def solve(self, roots: Sequence[Hashable]) -> Solution:
        """Solve the table: each row's placement when every solution agrees on it (chosen), else the placements
        still possible (ambiguous); with the number of solutions and the conflicting parents. When the state
        space is too large (gave_up), only rows with a single placement are chosen.
        """
        solution = Solution()
        try:
            solution.solution_count, solution.conflicting_parents = self.count(roots, {})
            if all(len(row.placements) == 1 for row in self.rows.values()):
                # Nothing to choose (most tables): every subtree has one reading, so the strict pass and
                # the top-down pass below could neither give up nor narrow anything.
                solution.chosen = {key: row.placements[0] for key, row in self.rows.items()}
                return solution
            self.known_conflicts = set(solution.conflicting_parents)
            self.strict = True
            if self.known_conflicts:
                # Without conflicts the lenient pass was already strict; with them, redo it strictly.
                self._cache.clear()
                self.count(roots, {})
            allowed: dict[Hashable, set[FenVector]] = {}
            for root in roots:
                self._descend(root, set(self._cache[root]), allowed)
            for key, row in self.rows.items():
                if len(row.placements) == 1:
                    solution.chosen[key] = row.placements[0]
                    continue
                vectors = allowed.get(key, set())
                feasible = [p for p in row.placements if fen_vector(self._fen[key], p, self.width) in vectors]
                if len(feasible) == 1:
                    solution.chosen[key] = feasible[0]
                else:
                    solution.ambiguous[key] = feasible or row.placements
        except _TooManyStates:
            solution.gave_up = True
            for key, row in self.rows.items():
                if len(row.placements) == 1:
                    solution.chosen[key] = row.placements[0]
                else:
                    solution.ambiguous[key] = row.placements
        return solution


def settle_ambiguous(
    solution: Solution,
    variables: dict[Hashable, RowVariable],
    children: dict[Hashable, list[Hashable]],
    width: int,
    roots: Sequence[Hashable],
    narrow: Callable[[Hashable, RowVariable], None],
) -> Solution:
    """The rows the arithmetic leaves ambiguous, narrowed by evidence from other tables (``narrow``
    narrows one row's placements in place) and solved again. Rows the arithmetic settled keep their
    reading and its source; when the narrowed rows together break an identity the arithmetic kept, or
    the solver gives up, the narrowing is undone and the first solution stands."""
    if not solution.ambiguous or solution.gave_up:
        return solution
    narrowed: dict[Hashable, tuple[list[Placement], bool]] = {}
    for key, options in solution.ambiguous.items():
        variable = variables[key]
        before = (variable.placements, variable.narrowed_by_context)
        variable.placements = options
        narrow(key, variable)
        if variable.placements != options:
            narrowed[key] = before
        else:
            variable.placements, variable.narrowed_by_context = before
    if not narrowed:
        return solution
    second = TreeSolver(variables, children, width).solve(roots)
    if second.gave_up or not second.conflicting_parents <= solution.conflicting_parents:
        for key, (placements, by_context) in narrowed.items():
            variables[key].placements = placements
            variables[key].narrowed_by_context = by_context
        return solution
    return second
