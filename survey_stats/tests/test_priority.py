"""Tests of survey_stats.priority: quadrants, splits and tie handling."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey_stats.drivers import FACTORS
from survey_stats.priority import Quadrant, priority_matrix

DOCS = Path(__file__).parents[2] / "docs" / "statistics"

# The worked example of docs/statistics/priority-matrix.md.
EXAMPLE_INDEX = [68.0, 70.0, 81.0, 77.0, 72.0, 64.0]
EXAMPLE_IMPORTANCE = [0.22, 0.08, 0.12, 0.20, 0.10, 0.28]
EXAMPLE_QUADRANTS = {
    "information": Quadrant.PRIORITERA,
    "tillganglighet": Quadrant.FORBATTRA_OM_MOJLIGT,
    "bemotande": Quadrant.LAGRE_PRIORITET,
    "kompetens": Quadrant.BEVARA,
    "rattssakerhet": Quadrant.LAGRE_PRIORITET,
    "effektivitet": Quadrant.PRIORITERA,
}


def _expected(high_importance: bool, high_index: bool) -> Quadrant:
    return {
        (True, False): Quadrant.PRIORITERA,
        (True, True): Quadrant.BEVARA,
        (False, False): Quadrant.FORBATTRA_OM_MOJLIGT,
        (False, True): Quadrant.LAGRE_PRIORITET,
    }[(high_importance, high_index)]


def test_priority_matrix_places_worked_example_in_all_four_quadrants() -> None:
    matrix = priority_matrix(EXAMPLE_INDEX, EXAMPLE_IMPORTANCE, factor_names=FACTORS)

    assert matrix.index_split == 72.0
    assert matrix.importance_split == pytest.approx(1 / 6, abs=1e-15)
    assert {p.factor: p.quadrant for p in matrix.points} == EXAMPLE_QUADRANTS
    assert matrix.factors_in(Quadrant.PRIORITERA) == ("information", "effektivitet")
    assert matrix.quadrant("kompetens") is Quadrant.BEVARA
    point = matrix.points[0]
    assert (point.index, point.importance) == (68.0, 0.22)


def test_value_on_the_mean_counts_as_high() -> None:
    # rattssakerhet's index 72 equals the mean of the six indices.
    matrix = priority_matrix(EXAMPLE_INDEX, EXAMPLE_IMPORTANCE, factor_names=FACTORS)

    assert matrix.points[4].high_index
    assert not matrix.points[4].high_importance


def test_ties_survive_floating_point_rounding_of_the_mean() -> None:
    # The mean of 0.1, 0.2, 0.3 is not exactly 0.2 in floating point.
    matrix = priority_matrix([50.0, 60.0, 70.0], [0.1, 0.2, 0.3], factor_names=["a", "b", "c"])
    equal = priority_matrix([0.1] * 6, [0.7] * 6, factor_names=FACTORS)

    assert [p.high_importance for p in matrix.points] == [False, True, True]
    assert [p.high_index for p in matrix.points] == [False, True, True]
    assert all(p.quadrant is Quadrant.BEVARA for p in equal.points)


@settings(max_examples=100, deadline=None)
@given(
    index=st.lists(st.floats(0, 100), min_size=6, max_size=6),
    # Exact zeros or normal magnitudes: rescaling a subnormal float rounds it to another
    # value (5e-324 * 0.5 == 0.0), so no method could keep quadrants scale-invariant there.
    importance=st.lists(st.one_of(st.just(0.0), st.floats(1e-12, 1)), min_size=6, max_size=6),
    scale=st.floats(0.01, 100),
    seed=st.integers(0, 1000),
)
def test_priority_matrix_properties(
    index: list[float], importance: list[float], scale: float, seed: int
) -> None:
    matrix = priority_matrix(index, importance, factor_names=FACTORS)

    for point in matrix.points:
        # On or above the split is high; clearly below it is low.
        if point.index >= matrix.index_split:
            assert point.high_index
        if point.index < matrix.index_split - 1e-9:
            assert not point.high_index
        if point.importance >= matrix.importance_split:
            assert point.high_importance
        if point.importance < matrix.importance_split - 1e-9:
            assert not point.high_importance
        assert point.quadrant is _expected(point.high_importance, point.high_index)
    assert any(p.high_index for p in matrix.points)
    assert any(p.high_importance for p in matrix.points)
    # Raw or rescaled weights (a positive multiple) give the same quadrants.
    scaled = priority_matrix(index, np.array(importance) * scale, factor_names=FACTORS)
    assert [p.quadrant for p in scaled.points] == [p.quadrant for p in matrix.points]
    # Input order does not matter.
    order = np.random.default_rng(seed).permutation(6)
    shuffled = priority_matrix(
        np.array(index)[order],
        np.array(importance)[order],
        factor_names=[FACTORS[i] for i in order],
    )
    assert {p.factor: p.quadrant for p in shuffled.points} == {
        p.factor: p.quadrant for p in matrix.points
    }


@pytest.mark.parametrize(
    ("index", "importance", "names", "argument"),
    [
        ([70.0, float("nan")], [0.1, 0.2], ["a", "b"], "index"),
        ([70.0, 80.0], [0.1, float("inf")], ["a", "b"], "importance"),
        ([70.0, 80.0, 90.0], [0.1, 0.2], ["a", "b"], "index"),
        ([70.0, 80.0], [0.1, 0.2, 0.3], ["a", "b"], "importance"),
        ([70.0, 80.0], [0.1, 0.2], ["a", "a"], "factor_names"),
        ([70.0], [0.1], ["a"], "factor_names"),
    ],
)
def test_priority_matrix_rejects_bad_input(
    index: list[float], importance: list[float], names: list[str], argument: str
) -> None:
    with pytest.raises(ValueError, match=argument):
        priority_matrix(index, importance, factor_names=names)


def test_unknown_factor_lookup_raises() -> None:
    matrix = priority_matrix(EXAMPLE_INDEX, EXAMPLE_IMPORTANCE, factor_names=FACTORS)

    with pytest.raises(ValueError, match="factor"):
        matrix.quadrant("parkering")


def test_priority_matrix_page_worked_example_matches_computation() -> None:
    page = (DOCS / "priority-matrix.md").read_text(encoding="utf-8")
    matrix = priority_matrix(EXAMPLE_INDEX, EXAMPLE_IMPORTANCE, factor_names=FACTORS)

    assert f"{matrix.index_split:.2f}" in page
    assert f"{matrix.importance_split:.4f}" in page
    for point in matrix.points:
        row = f"| `{point.factor}` | {point.index:.1f} | {point.importance:.2f} |"
        assert row in page
        line = next(line for line in page.splitlines() if line.startswith(row))
        assert f"`{point.quadrant}`" in line
