import pytest

from servicepuls.surveys.scoring import answer_scores, item_column_parse


def test_item_column_parse_accepts_factor_items_only():
    assert item_column_parse("information_2") == ("information", 2)
    assert item_column_parse("effektivitet_10") == ("effektivitet", 10)
    assert item_column_parse("information_0") is None
    assert item_column_parse("nki_satisfied") is None
    assert item_column_parse("weather_1") is None


def test_answer_scores_follow_design_section_4():
    scores = answer_scores(
        {
            "information_1": 10,
            "information_2": 1,
            "bemotande_1": None,
            "nki_satisfied": 10,
            "nki_expectations": 7,
            "nki_ideal": None,
        },
        low=1,
        high=10,
    )
    assert scores.factors["information"] == pytest.approx(50.0)
    assert scores.factors["bemotande"] is None
    assert scores.factors["kompetens"] is None
    assert scores.nki == pytest.approx((100.0 + 600 / 9) / 2)


def test_answer_scores_nki_needs_two_of_three_items():
    scores = answer_scores({"nki_satisfied": 5, "nki_expectations": None}, low=1, high=5)
    assert scores.nki is None


def test_answer_scores_use_the_questionnaire_scale():
    scores = answer_scores({"nki_satisfied": 6, "nki_ideal": 1}, low=1, high=6)
    assert scores.nki == pytest.approx(50.0)


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ({"foo_1": 3}, "unknown item column"),
        ({"information_1": 11}, "not an integer from 1 to 10"),
        ({"information_1": True}, "not an integer"),
        ({"information_1": 2.5}, "not an integer"),
    ],
)
def test_answer_scores_reject_bad_items(items, message):
    with pytest.raises(ValueError, match=message):
        answer_scores(items, low=1, high=10)
