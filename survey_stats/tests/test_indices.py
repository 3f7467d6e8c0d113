"""Tests of survey_stats.indices: item, NKI and factor indices of single answer sets."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from survey_stats.drivers import FACTORS
from survey_stats.indices import (
    DEFAULT_SCALE,
    NKI_ITEMS,
    Scale,
    answer_set_factor_index,
    answer_set_nki,
    factor_indices,
    item_index,
    item_indices,
    nki_indices,
)

SCALES = [Scale(1, 10), Scale(1, 6), Scale(1, 5), Scale(0, 10)]


@st.composite
def scale_and_answers(draw: st.DrawFn, size: int | None = None) -> tuple[Scale, list[int | None]]:
    scale = draw(st.sampled_from(SCALES))
    answer = st.one_of(st.none(), st.integers(scale.low, scale.high))
    length = size if size is not None else draw(st.integers(1, 8))
    return scale, draw(st.lists(answer, min_size=length, max_size=length))


def test_constants_follow_the_design() -> None:
    assert NKI_ITEMS == ("nki_satisfied", "nki_expectations", "nki_ideal")
    assert len(FACTORS) == 6
    assert DEFAULT_SCALE == Scale(1, 10) == Scale()


def test_item_index_hand_worked_values() -> None:
    assert item_index(1) == 0.0
    assert item_index(10) == 100.0
    assert item_index(8) == pytest.approx(700 / 9, abs=1e-12)
    assert item_index(1, Scale(1, 6)) == 0.0
    assert item_index(4, Scale(1, 6)) == 60.0
    assert item_index(3, Scale(1, 5)) == 50.0
    assert item_index(5, Scale(1, 5)) == 100.0


@pytest.mark.parametrize("value", [0, 11, 10.5, math.nan, math.inf])
def test_item_index_rejects_answers_outside_the_scale(value: float) -> None:
    with pytest.raises(ValueError, match="outside the scale 1-10"):
        item_index(value)


def test_answer_set_nki_hand_worked_values() -> None:
    # (100 + 66.67 + 77.78) / 3 on the 1–10 scale.
    assert answer_set_nki([10, 7, 8]) == pytest.approx((900 + 600 + 700) / 27, abs=1e-12)
    assert answer_set_nki([10, None, 1]) == 50.0
    assert answer_set_nki([None, 4, 6], Scale(1, 6)) == pytest.approx(80.0, abs=1e-12)
    assert answer_set_nki([5, 5, 5], Scale(1, 5)) == 100.0


def test_answer_set_nki_needs_two_of_three_items() -> None:
    assert answer_set_nki([10, None, None]) is None
    assert answer_set_nki([None, None, None]) is None
    assert answer_set_nki([None, math.nan, 3]) is None
    assert answer_set_nki([None, 1, 1]) == 0.0


def test_missing_answer_is_never_zero() -> None:
    # A missing item leaves the mean of the others; a zero would pull it down.
    assert answer_set_nki([10, 10, None]) == 100.0
    assert answer_set_factor_index([10, None, None, None]) == 100.0


def test_answer_set_nki_rejects_wrong_item_count_and_out_of_scale_answers() -> None:
    with pytest.raises(ValueError, match="3 answers, got 2"):
        answer_set_nki([5, 5])
    with pytest.raises(ValueError, match="answer 7 is outside the scale 1-6"):
        answer_set_nki([5, 7, 5], Scale(1, 6))


def test_answer_set_factor_index_hand_worked_values() -> None:
    assert answer_set_factor_index([4, 5, None], Scale(1, 5)) == 87.5
    assert answer_set_factor_index([1]) == 0.0
    assert answer_set_factor_index([None, None]) is None
    assert answer_set_factor_index([]) is None


def test_scale_parse_and_contains() -> None:
    assert Scale.parse("1-10") == Scale(1, 10)
    assert Scale.parse(" 1 - 5 ") == Scale(1, 5)
    assert str(Scale.parse("0-6")) == "0-6"
    assert Scale(1, 5).contains(1)
    assert Scale(1, 5).contains(5.0)
    assert not Scale(1, 5).contains(0)
    assert not Scale(1, 5).contains(2.5)
    assert not Scale(1, 5).contains(math.nan)
    assert not Scale(1, 5).contains(True)


@pytest.mark.parametrize("text", ["", "10", "1-", "a-b", "1..10", "5-1", "3-3", "1-10-2"])
def test_scale_parse_rejects_malformed_text(text: str) -> None:
    with pytest.raises(ValueError, match="scale"):
        Scale.parse(text)


def test_scale_rejects_non_integer_bounds() -> None:
    with pytest.raises(TypeError, match="integers"):
        Scale(1, 5.5)  # type: ignore[arg-type]


def test_vectorised_forms_hand_worked_table() -> None:
    nki = nki_indices([[10.0, 7.0, np.nan], [10.0, np.nan, np.nan], [1.0, 1.0, 1.0]])
    assert nki[0] == pytest.approx(250 / 3, abs=1e-12)
    assert math.isnan(nki[1])
    assert nki[2] == 0.0
    factor = factor_indices([[4.0, 5.0, np.nan], [np.nan] * 3, [3.0, 3.0, 3.0]], Scale(1, 5))
    assert factor[0] == 87.5
    assert math.isnan(factor[1])
    assert factor[2] == 50.0


def test_vectorised_forms_reject_answers_outside_the_scale_and_bad_shapes() -> None:
    with pytest.raises(ValueError, match=r"answer 11 at position \(1, 2\) is outside the scale"):
        item_indices([[1, 2, 3], [4, 5, 11]])
    with pytest.raises(ValueError, match="shape"):
        nki_indices([[1, 2], [3, 4]])
    with pytest.raises(ValueError, match="shape"):
        factor_indices([1, 2, 3])


@given(scale_and_answers())
def test_factor_index_bounds_and_agreement_with_vectorised_form(
    case: tuple[Scale, list[int | None]],
) -> None:
    scale, answers = case
    value = answer_set_factor_index(answers, scale)
    row = [[np.nan if a is None else a for a in answers]]
    vectorised = factor_indices(row, scale)[0]

    if all(a is None for a in answers):
        assert value is None
        assert math.isnan(vectorised)
    else:
        assert value is not None
        assert 0.0 <= value <= 100.0
        assert value == vectorised
        answered = [item_index(a, scale) for a in answers if a is not None]
        assert min(answered) <= value <= max(answered)


@given(scale_and_answers(size=3), st.permutations(range(3)))
def test_nki_is_order_invariant_and_matches_vectorised_form(
    case: tuple[Scale, list[int | None]], order: list[int]
) -> None:
    scale, answers = case
    value = answer_set_nki(answers, scale)
    permuted = answer_set_nki([answers[i] for i in order], scale)
    vectorised = nki_indices([[np.nan if a is None else a for a in answers]], scale)[0]

    answered = sum(a is not None for a in answers)
    if answered < 2:
        assert value is None
        assert permuted is None
        assert math.isnan(vectorised)
    else:
        assert value is not None
        assert permuted == pytest.approx(value, abs=1e-12)
        assert value == vectorised
        assert 0.0 <= value <= 100.0


@given(st.sampled_from(SCALES), st.data())
def test_item_index_is_linear_and_monotone(scale: Scale, data: st.DataObject) -> None:
    a = data.draw(st.integers(scale.low, scale.high))
    b = data.draw(st.integers(scale.low, scale.high))
    step = 100.0 / (scale.high - scale.low)

    assert item_index(b, scale) - item_index(a, scale) == pytest.approx((b - a) * step)
    assert (a <= b) == (item_index(a, scale) <= item_index(b, scale))
