from decimal import Decimal

from ingest.parse.solver import Identity, RowVariable, TreeSolver, candidate_placements

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
