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

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations

ZERO = Decimal("0.00")
Vector = tuple[Decimal, ...]
Placement = tuple[int, ...]  # column index of each printed number, increasing


@dataclass(frozen=True)
class Identity:
    """``total`` column equals the sum of the ``parts`` columns."""

    total: int
    parts: tuple[int, ...]

    def holds(self, vector: Vector) -> bool:
        return vector[self.total] == sum((vector[i] for i in self.parts), ZERO)


def to_vector(numbers: Sequence[Decimal], placement: Placement, width: int) -> Vector:
    values = [ZERO] * width
    for value, column in zip(numbers, placement):
        values[column] = value
    return tuple(values)


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
        self.non_negative = all(value >= ZERO for row in rows.values() for value in row.numbers)
        # Parents that disagree with their children whatever the reading; found by the first, lenient pass.
        self.known_conflicts: set[Hashable] = set()
        self.strict = False
        # Subtree results of the strict unforced pass; a forced recount only redoes the forced row's ancestors.
        self._cache: dict[Hashable, dict[Vector, int]] = {}
        self._forced_path: set[Hashable] = set()
        self._parent: dict[Hashable, Hashable] = {kid: parent for parent, kids in children.items() for kid in kids}

    def _vectors(self, key: Hashable, forced: dict[Hashable, Placement], conflicts: set[Hashable]) -> dict[Vector, int]:
        if forced and key not in self._forced_path and key in self._cache:
            return self._cache[key]
        result = self._compute_vectors(key, forced, conflicts)
        if not forced and self.strict:
            self._cache[key] = result
        return result

    def _compute_vectors(
        self, key: Hashable, forced: dict[Hashable, Placement], conflicts: set[Hashable]
    ) -> dict[Vector, int]:
        row = self.rows[key]
        placements = [forced[key]] if key in forced else row.placements
        own = {to_vector(row.numbers, p, self.width): 1 for p in placements}
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
        targets: list[Vector],
    ) -> dict[Vector, int]:
        """Distinct column sums of the children and how many readings give each.

        Amounts are never negative in these tables, so a partial sum that already exceeds every reading
        of the parent in some column cannot lead anywhere and is dropped.
        """
        prune = bool(targets) and self.non_negative
        states: dict[Vector, int] = {tuple([ZERO] * self.width): 1}
        for kid in kids:
            kid_vectors = self._vectors(kid, forced, conflicts)
            merged: dict[Vector, int] = {}
            for partial, ways in states.items():
                for vector, kid_ways in kid_vectors.items():
                    total = tuple(a + b for a, b in zip(partial, vector))
                    if prune and not any(all(t >= s for t, s in zip(target, total)) for target in targets):
                        continue
                    merged[total] = merged.get(total, 0) + ways * kid_ways
            if len(merged) > self.max_states:
                raise _TooManyStates
            states = merged
        return states

    def count(self, roots: Sequence[Hashable], forced: dict[Hashable, Placement]) -> tuple[int, set[Hashable]]:
        conflicts: set[Hashable] = set()
        total = 1
        for root in roots:
            total *= sum(self._vectors(root, forced, conflicts).values())
        return total, conflicts

    def _ancestors(self, key: Hashable) -> set[Hashable]:
        path = {key}
        while key in self._parent:
            key = self._parent[key]
            path.add(key)
        return path

    def solve(self, roots: Sequence[Hashable]) -> Solution:
        solution = Solution()
        try:
            solution.solution_count, solution.conflicting_parents = self.count(roots, {})
            self.known_conflicts = set(solution.conflicting_parents)
            self.strict = True
            self._cache.clear()
            self.count(roots, {})
            for key, row in self.rows.items():
                if len(row.placements) == 1:
                    solution.chosen[key] = row.placements[0]
                    continue
                self._forced_path = self._ancestors(key)
                feasible = [p for p in row.placements if self.count(roots, {key: p})[0] > 0]
                self._forced_path = set()
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
