import random
from decimal import Decimal
from itertools import combinations

import pytest

from ingest.parse.solver import Identity, RowVariable, TreeSolver, candidate_placements, to_vector

D = Decimal
BASIC_PROJECT = (Identity(0, (1, 2)),)


def variable(key: str, *numbers: str) -> RowVariable:
    values = [D(n) for n in numbers]
    placements, ok = candidate_placements(values, 3, BASIC_PROJECT)
    return RowVariable(key, values, placements, ok)


def test_a_fully_printed_row_keeps_its_printed_order_even_when_its_arithmetic_is_wrong() -> None:
    placements, ok = candidate_placements([D(10), D(3), D(3)], 3, BASIC_PROJECT)
    assert placements == [(0, 1, 2)]
    assert ok is False


def test_two_numbers_in_three_columns_can_be_basic_or_project() -> None:
    placements, ok = candidate_placements([D(10), D(10)], 3, BASIC_PROJECT)
    assert sorted(placements) == [(0, 1), (0, 2)]
    assert ok


def test_children_decide_the_column_of_the_parent_and_each_other() -> None:
    rows = {
        "合计": variable("合计", "30", "10", "20"),
        "201": variable("201", "10", "10"),
        "205": variable("205", "20", "20"),
    }
    solution = TreeSolver(rows, {"合计": ["201", "205"]}, 3).solve(["合计"])
    assert solution.chosen == {"合计": (0, 1, 2), "201": (0, 1), "205": (0, 2)}
    assert not solution.ambiguous


def test_equal_siblings_that_arithmetic_cannot_separate_are_reported_not_guessed() -> None:
    rows = {
        "合计": variable("合计", "20", "10", "10"),
        "201": variable("201", "10", "10"),
        "205": variable("205", "10", "10"),
    }
    solution = TreeSolver(rows, {"合计": ["201", "205"]}, 3).solve(["合计"])
    assert set(solution.ambiguous) == {"201", "205"}
    assert "201" not in solution.chosen


def test_a_parent_off_by_one_yuan_is_kept_as_printed_and_marked_as_a_conflict() -> None:
    rows = {
        "212": variable("212", "101", "100", "1"),
        "21201": variable("21201", "100", "100", "0"),
        "2120101": variable("2120101", "99", "99", "0"),
    }
    solution = TreeSolver(rows, {"212": ["21201"], "21201": ["2120101"]}, 3).solve(["212"])
    assert "21201" in solution.conflicting_parents or "212" in solution.conflicting_parents
    assert solution.chosen["21201"] == (0, 1, 2)


def test_grandchildren_resolve_through_a_two_number_parent() -> None:
    rows = {
        "合计": variable("合计", "60", "25", "35"),
        "208": variable("208", "25", "25"),
        "20801": variable("20801", "25", "25"),
        "2080101": variable("2080101", "25", "25"),
        "210": variable("210", "35", "35"),
    }
    children = {"合计": ["208", "210"], "208": ["20801"], "20801": ["2080101"]}
    solution = TreeSolver(rows, children, 3).solve(["合计"])
    assert solution.chosen["2080101"] == (0, 1)
    assert solution.chosen["210"] == (0, 2)


class PairwiseSolver(TreeSolver):
    """The top-down pass as first written: every sum of the siblings before and after a child, formed."""

    def _descend(self, key, allowed_vectors, allowed):  # type: ignore[no-untyped-def]
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
        prefix = [{zero}]
        for vectors in kid_sets:
            prefix.append(self._sumset(prefix[-1], vectors, targets))
        suffix = [{zero}]
        for vectors in reversed(kid_sets):
            suffix.append(self._sumset(suffix[-1], vectors, targets))
        suffix.reverse()
        for index, kid in enumerate(kids):
            others = self._sumset(prefix[index], list(suffix[index + 1]), targets)
            own = set(kid_sets[index])
            kid_allowed = {d for t in targets for o in others if (d := tuple(a - b for a, b in zip(t, o, strict=True))) in own}
            self._descend(kid, kid_allowed, allowed)


def random_table(rng: random.Random) -> tuple[dict[str, RowVariable], dict[str, list[str]]]:
    """A 合计 over 类 over 款 with basic/project amounts from a few values, each row printing only its nonzero
    figures (so equal siblings and blank cells abound), and now and then a misprinted parent."""
    rows: dict[str, RowVariable] = {}
    children: dict[str, list[str]] = {"合计": []}
    totals = [0, 0]

    def add(key: str, basic: int, project: int) -> None:
        if rng.random() < 0.1:
            basic += 1  # a misprint: the parent disagrees with its children
        printed = [str(basic + project)] + [str(v) for v in (basic, project) if v]
        rows[key] = variable(key, *printed)

    for category in range(rng.randint(1, 4)):
        key = f"2{category:02d}"
        children["合计"].append(key)
        children[key] = []
        sums = [0, 0]
        for item in range(rng.randint(1, 6)):
            basic, project = rng.choice([(10, 0), (0, 10), (10, 10), (25, 0), (0, 25), (5, 20)])
            child = f"{key}{item:02d}"
            children[key].append(child)
            add(child, basic, project)
            sums = [sums[0] + basic, sums[1] + project]
        add(key, *sums)
        totals = [totals[0] + sums[0], totals[1] + sums[1]]
    add("合计", *totals)
    return rows, children


@pytest.mark.parametrize("seed", range(6))
def test_the_top_down_pass_allows_what_forming_every_sibling_sum_allows(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(60):
        rows, children = random_table(rng)
        fast = TreeSolver(rows, children, 3).solve(["合计"])
        reference = PairwiseSolver(rows, children, 3).solve(["合计"])
        assert (fast.chosen, fast.ambiguous, fast.conflicting_parents, fast.solution_count, fast.gave_up) == (
            reference.chosen,
            reference.ambiguous,
            reference.conflicting_parents,
            reference.solution_count,
            reference.gave_up,
        )


def test_many_equal_siblings_keep_the_state_count_small() -> None:
    # 80 children of 100 each, basic or project: 81 distinct column sums, not 2**80.
    rows = {"合计": variable("合计", "8000", "4000", "4000")}
    for index in range(80):
        rows[f"k{index}"] = variable(f"k{index}", "100", "100")
    solution = TreeSolver(rows, {"合计": [f"k{index}" for index in range(80)]}, 3, max_states=200).solve(["合计"])
    assert not solution.gave_up
    assert len(solution.ambiguous) == 80  # which 40 are basic the arithmetic cannot say


def decimal_placements(numbers: list[Decimal], width: int, identities: list[Identity]) -> tuple[list[tuple[int, ...]], bool]:
    """candidate_placements as the Decimals themselves give it (the definition the fen shortcut must meet)."""
    if len(numbers) > width:
        return [], False
    if len(numbers) == width:
        return [tuple(range(width))], all(i.holds(tuple(numbers)) for i in identities)
    seen: dict = {}
    satisfying: dict = {}
    for placement in combinations(range(width), len(numbers)):
        vector = to_vector(numbers, placement, width)
        seen.setdefault(vector, placement)
        if all(i.holds(vector) for i in identities):
            satisfying.setdefault(vector, placement)
    return (list(satisfying.values()), True) if satisfying else (list(seen.values()), False)


@pytest.mark.parametrize("seed", range(4))
def test_placements_worked_out_in_fen_are_those_of_the_decimals(seed: int) -> None:
    rng = random.Random(seed)
    identities = [Identity(0, (1, 2)), Identity(2, (3, 4))]
    pool = [Decimal("0.00"), Decimal("1.50"), Decimal("1.5"), Decimal("3.00"), Decimal("4.50"), Decimal("-1.50"),
            Decimal("0.005"), Decimal("1E+25"), Decimal("2E+25"), Decimal("3E+25"), Decimal("12"), Decimal("10.50")]
    for _ in range(3000):
        width = rng.randint(1, 5)
        numbers = [rng.choice(pool) for _ in range(rng.randint(0, width))]
        chosen = [i for i in identities if max(i.total, *i.parts) < width]
        assert candidate_placements(numbers, width, chosen) == decimal_placements(numbers, width, chosen), numbers
