"""Tests of survey_stats.ranking: eligibility, competition ranks, rank intervals."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from survey_stats.ranking import (
    Ineligibility,
    RankMethod,
    bootstrap_rank_intervals,
    competition_ranks,
    competition_ranks_rows,
    rank_groups,
    sampling_rank_intervals,
    total_eligibility,
)


def _groups(
    rng: np.random.Generator, means: list[float], sizes: list[int]
) -> tuple[np.ndarray, np.ndarray]:
    values = np.concatenate(
        [np.clip(rng.normal(m, 15, s), 0, 100) for m, s in zip(means, sizes, strict=True)]
    )
    group = np.repeat(np.arange(len(sizes)), sizes)
    return values, group


def test_competition_ranks_hand_worked() -> None:
    assert competition_ranks([70.0, 80.0, 70.0, 65.0]).tolist() == [2, 1, 2, 4]
    assert competition_ranks([50.0, 50.0, 50.0]).tolist() == [1, 1, 1]
    assert competition_ranks_rows([[1.0, 2.0, 2.0], [3.0, 2.0, 1.0]]).tolist() == [
        [3, 1, 1],
        [1, 2, 3],
    ]


@given(st.lists(st.integers(0, 20).map(float), min_size=1, max_size=40))
def test_competition_ranks_definition(values: list[float]) -> None:
    ranks = competition_ranks(values)
    for value, rank in zip(values, ranks.tolist(), strict=True):
        assert rank == 1 + sum(other > value for other in values)


def test_eligibility_rules_for_areas_and_totals() -> None:
    eligible, why = total_eligibility(
        [25, 25, 25, 19, 30],
        [
            {"bygglov": 0.5, "livsmedel": 0.3},
            {"bygglov": 0.9, "livsmedel": 0.29},
            None,
            {"bygglov": 0.9},
            {"bygglov": 0.35, "livsmedel": 0.4},
        ],
    )
    assert eligible.tolist() == [True, False, False, False, False]
    assert why == (
        None,
        Ineligibility.LOW_RESPONSE_RATE,
        Ineligibility.MISSING_RESPONSE_RATE,
        Ineligibility.TOO_FEW_ANSWERS,
        Ineligibility.LOW_RESPONSE_RATE,  # average 37.5 % < 40 %
    )
    with pytest.raises(ValueError, match="one set of response rates per total"):
        total_eligibility([25], [])


def test_area_ranking_excludes_groups_below_ten_answers() -> None:
    rng = np.random.default_rng(2)
    values, group = _groups(rng, [95.0, 70.0, 60.0], [9, 40, 40])

    ranking = rank_groups(["a", "b", "c"], values, group, np.random.default_rng(1), n_resamples=300)

    a, b, c = ranking.groups
    assert (a.rank, a.ineligible) == (None, Ineligibility.TOO_FEW_ANSWERS)
    assert (b.rank, c.rank) == (1, 2)
    assert [g.label for g in ranking.ranked()] == ["b", "c"]
    assert ranking.method is RankMethod.BOOTSTRAP


def test_rank_intervals_are_reproducible_with_a_seed() -> None:
    values, group = _groups(np.random.default_rng(5), [70.0, 71.0, 72.0, 60.0], [15, 200, 15, 50])

    first = bootstrap_rank_intervals(values, group, np.random.default_rng(9), n_resamples=400)
    second = bootstrap_rank_intervals(values, group, np.random.default_rng(9), n_resamples=400)

    for a, b in zip(first, second, strict=True):
        assert a.tolist() == b.tolist()


def test_few_answers_give_wide_rank_intervals() -> None:
    # Equal true means; the small groups' ranks wander far more than the large group's.
    values, group = _groups(np.random.default_rng(8), [70.0] * 6, [12, 12, 12, 400, 400, 400])

    _, low, high = bootstrap_rank_intervals(
        values, group, np.random.default_rng(3), n_resamples=500
    )

    width = high - low
    assert width[:3].min() >= width[3:].max()
    assert width[:3].max() >= 3


def test_sampling_and_bootstrap_methods_agree_for_eligible_groups() -> None:
    values, group = _groups(np.random.default_rng(4), [60.0, 65, 70, 75, 80], [30, 60, 30, 60, 30])
    boot = rank_groups(list("abcde"), values, group, np.random.default_rng(1), n_resamples=2000)
    sampled = rank_groups(
        list("abcde"),
        values,
        group,
        np.random.default_rng(1),
        n_resamples=2000,
        method=RankMethod.SAMPLING,
    )

    for b, s in zip(boot.groups, sampled.groups, strict=True):
        assert b.rank == s.rank
        assert abs((b.rank_low or 0) - (s.rank_low or 0)) <= 1
        assert abs((b.rank_high or 0) - (s.rank_high or 0)) <= 1
    assert sampled.method is RankMethod.SAMPLING


def test_sampling_rank_intervals_rank_within_each_ranking() -> None:
    rank, low, high = sampling_rank_intervals(
        [80.0, 70.0, 90.0, 10.0], [0.0, 0.0, 0.0, 0.0], [1, 1, 2, 2], np.zeros((100, 4))
    )
    assert rank.tolist() == [1, 2, 1, 2]
    assert low.tolist() == rank.tolist() == high.tolist()
    with pytest.raises(ValueError, match="draws must have shape"):
        sampling_rank_intervals([1.0], [1.0], [0], np.zeros((10, 2)))


def test_bad_input_to_the_bootstrap() -> None:
    rng = np.random.default_rng(1)
    with pytest.raises(ValueError, match="NaN"):
        bootstrap_rank_intervals([1.0, np.nan], [0, 0], rng)
    with pytest.raises(ValueError, match="at least one value"):
        bootstrap_rank_intervals([1.0, 2.0], [0, 2], rng)


@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 10).map(lambda v: v * 10.0)),
        min_size=1,
        max_size=60,
    ),
    st.integers(0, 2**32 - 1),
)
def test_point_rank_lies_inside_its_interval(rows: list[tuple[int, float]], seed: int) -> None:
    group = np.array([r[0] for r in rows])
    _, group = np.unique(group, return_inverse=True)
    values = np.array([r[1] for r in rows])

    rank, low, high = bootstrap_rank_intervals(
        values, group, np.random.default_rng(seed), n_resamples=100
    )

    assert (low <= rank).all()
    assert (rank <= high).all()
    assert (low >= 1).all()
    assert (high <= group.max() + 1).all()
