"""Tests of survey_stats.groups and survey_stats.bands."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from survey_stats.bands import BANDS, band_codes, grade_band, round_half_up
from survey_stats.drivers import FACTORS
from survey_stats.groups import (
    MIN_GROUP_SIZE,
    Key,
    group_results,
    group_table,
    summarise,
    summarise_from_stats,
)
from survey_stats.intervals import SufficientStatistics, mean_estimate


@pytest.mark.parametrize(
    ("value", "slug"),
    [
        (0.0, "mycket_lagt"),
        (49.49, "mycket_lagt"),
        (49.5, "lagt"),
        (61.49, "lagt"),
        (61.5, "godkant"),
        (69.5, "hogt"),
        (79.49, "hogt"),
        (79.5, "mycket_hogt"),
        (100.0, "mycket_hogt"),
        (61.49999999999999, "godkant"),  # floating-point noise of a mean that is 61.5
    ],
)
def test_grade_band_boundaries_round_half_up(value: float, slug: str) -> None:
    assert grade_band(value).slug == slug
    assert BANDS[int(band_codes([value])[0])].slug == slug


def test_band_labels_and_rounding() -> None:
    assert [b.label for b in BANDS] == ["Mycket lågt", "Lågt", "Godkänt", "Högt", "Mycket högt"]
    assert round_half_up(0.5) == 1
    assert round_half_up(2.5) == 3  # not banker's rounding
    with pytest.raises(ValueError, match="no grade band"):
        grade_band(math.nan)


def test_group_table_hand_worked_example() -> None:
    area = Key.from_values("area", ["bygglov"] * 8 + ["livsmedel"] * 3)
    year = Key.from_values("year", [2024] * 11)
    nki = [50.0, 60, 70, 80, 90, 100, 50, math.nan, 90, 95, 100]
    factors = np.full((11, 6), np.nan)
    factors[:7, 0] = 80.0
    factors[:6, 1] = 60.0  # only six answered: withheld on its own

    table = group_table([area, year], nki, factors)

    bygglov, livsmedel = table.results()
    assert bygglov.keys == ("bygglov", "2024")
    assert bygglov.n == 7
    assert table.rows.tolist() == [8, 3]
    expected = mean_estimate([50.0, 60, 70, 80, 90, 100, 50])
    assert bygglov.nki == pytest.approx(expected.mean, abs=1e-12)
    assert bygglov.nki_ci is not None
    assert expected.ci is not None
    assert bygglov.nki_ci.low == pytest.approx(expected.ci.low, abs=1e-10)
    assert bygglov.band is not None
    assert bygglov.band.slug == "hogt"
    assert bygglov.factor("information") == 80.0
    assert bygglov.factor("tillganglighet") is None
    assert bygglov.factor_n[:2] == (7, 6)
    assert livsmedel.suppressed
    assert (livsmedel.nki, livsmedel.nki_ci, livsmedel.band) == (None, None, None)
    assert livsmedel.factors == (None,) * 6


def test_every_combination_that_occurs_is_a_group_in_key_order() -> None:
    org = Key("organisation", np.array([1, 0, 1, 0]), ("0136", "0192"))
    year = Key("year", np.array([0, 1, 1, 1]), ("2023", "2024"))

    table = group_table([org, year], [1.0, 2.0, 3.0, 4.0])

    assert [table.labels(g) for g in range(len(table))] == [
        ("0136", "2024"),
        ("0192", "2023"),
        ("0192", "2024"),
    ]
    assert table.total.tolist() == [6.0, 1.0, 3.0]
    assert table.group_of_row.tolist() == [1, 0, 2, 0]


def test_sparse_keys_use_the_unique_path() -> None:
    labels = tuple(str(i) for i in range(2000))
    first = Key("first", np.array([1999, 0, 1999]), labels)
    second = Key("second", np.array([5, 7, 5]), labels)

    table = group_table([first, second], [10.0, 20.0, 30.0])

    assert table.n.tolist() == [1, 2]
    assert table.total.tolist() == [20.0, 40.0]
    assert table.labels(1) == ("1999", "5")


def test_group_results_and_key_validation() -> None:
    results = group_results([Key.from_values("y", [1] * 7)], [70.0] * 7)
    assert results[0].nki == 70.0
    with pytest.raises(ValueError, match="has 2 rows, expected 3"):
        group_table([Key("y", np.array([0, 0]), ("a",))], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="factors must have shape"):
        group_table([], [1.0], np.zeros((1, 5)))


def test_summarise_empty_and_from_stats() -> None:
    empty = summarise([])
    assert (empty.n, empty.suppressed, empty.nki) == (0, True, None)

    values = np.array([55.5, 66.6, 77.7, 88.8, 99.9, 44.4, 33.3, 100.0])
    factor = np.array([60.0] * 8)
    direct = summarise(values, np.column_stack([factor] * 6))
    aggregate = summarise_from_stats(
        SufficientStatistics(8, float(values.sum()), float((values**2).sum())),
        dict.fromkeys(FACTORS, SufficientStatistics(8, 480.0, 28800.0)),
    )

    assert aggregate.nki == pytest.approx(direct.nki, abs=1e-12)
    assert aggregate.nki_ci is not None
    assert direct.nki_ci is not None
    assert aggregate.nki_ci.low == pytest.approx(direct.nki_ci.low, abs=1e-10)
    assert aggregate.band == direct.band
    assert aggregate.factors == direct.factors == (60.0,) * 6
    assert summarise_from_stats(SufficientStatistics(6, 600.0, 60000.0)).suppressed


group_rows = st.lists(
    st.tuples(
        st.integers(0, 3),
        st.one_of(st.just(math.nan), st.floats(0, 100, allow_nan=False, allow_subnormal=False)),
    ),
    max_size=80,
)


@given(group_rows, st.randoms(use_true_random=False))
def test_group_properties(rows: list[tuple[int, float]], random: object) -> None:
    codes = np.array([r[0] for r in rows], dtype=np.int64)
    values = np.array([r[1] for r in rows], dtype=np.float64)
    key = Key("g", codes, ("a", "b", "c", "d"))
    table = group_table([key], values)
    order = list(range(len(rows)))
    random.shuffle(order)  # type: ignore[attr-defined]
    shuffled = group_table([Key("g", codes[order], key.labels)], values[order])

    assert table.rows.sum() == len(rows)
    assert table.n.sum() == np.count_nonzero(~np.isnan(values))
    assert np.array_equal(table.suppressed, table.n < MIN_GROUP_SIZE)
    assert np.array_equal(table.n, shuffled.n)
    shown = ~table.suppressed
    assert np.isnan(table.nki[table.suppressed]).all()
    assert (table.band[table.suppressed] == -1).all()
    assert np.allclose(table.nki[shown], shuffled.nki[shown], rtol=0, atol=1e-9)
    assert (table.ci_low[shown] <= table.nki[shown] + 1e-9).all()
    assert (table.nki[shown] <= table.ci_high[shown] + 1e-9).all()
    assert (table.ci_low[shown] >= 0).all()
    assert (table.ci_high[shown] <= 100).all()
    for group in np.flatnonzero(shown):
        members = values[codes == table.group_codes[0][group]]
        assert table.nki[group] == pytest.approx(np.nanmean(members), abs=1e-9)
