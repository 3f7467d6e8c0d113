"""The shipped model on test sentences written for these tests, and on hostile input."""

import pytest

import swedish_text
from swedish_text.analysis import MAX_ANALYSIS_CHARS, Analyzer, default_analyzer


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return default_analyzer()


CLEAR_CASES = [
    (
        "Vi väntade i fem månader på beslut om bygglov för vår carport. Helt orimligt!",
        "bygglov",
        "effektivitet",
        "negative",
    ),
    (
        "Livsmedelsinspektören var trevlig och förklarade reglerna om märkning av allergener tydligt. Tack!",
        "livsmedel",
        "bemotande",
        "positive",
    ),
    (
        "Räddningstjänsten gjorde tillsyn av brandskyddet i vår lagerlokal. Inspektören var kunnig och gav bra råd om utrymningsvägar.",
        "brandtillsyn",
        "kompetens",
        "positive",
    ),
    (
        "Vi har sökt serveringstillstånd för vår restaurang men ingen på alkoholenheten svarar i telefon eller på mejl.",
        "serveringstillstand",
        "tillganglighet",
        "negative",
    ),
    (
        "We applied for a building permit in March and still have no decision. Nobody answers our emails.",
        "bygglov",
        "tillganglighet",
        "negative",
    ),
]


@pytest.mark.parametrize(("text", "area", "factor", "sentiment"), CLEAR_CASES)
def test_clear_texts_get_the_expected_tags(
    analyzer: Analyzer, text: str, area: str, factor: str, sentiment: str
) -> None:
    result = analyzer.analyze(text)

    assert result.area.label == area
    assert factor in [tag.label for tag in result.factors]
    assert result.sentiment.label == sentiment


def test_text_without_swedish_letters_gets_the_same_area(analyzer: Analyzer) -> None:
    written = analyzer.analyze(
        "Handläggningen av vår ansökan om bygglov för tillbyggnaden tar för lång tid."
    )
    plain = analyzer.analyze(
        "Handlaggningen av var ansokan om bygglov for tillbyggnaden tar for lang tid."
    )

    assert written.area.label == plain.area.label == "bygglov"


def test_tags_have_confidences_and_reasons_from_the_redacted_text(analyzer: Analyzer) -> None:
    text = "Handläggaren Karin Holm på miljöförvaltningen var otrevlig. Ring mig på 070-123 45 67."

    result = analyzer.analyze(text)

    for tag in (result.area, result.sentiment, *result.factors):
        assert 0.0 <= tag.confidence <= 1.0
        assert tag.reasons
        for word in tag.reasons:
            assert word in result.redacted_text.lower()
    assert "070-123 45 67" not in result.redacted_text


def test_every_text_gets_at_least_one_factor(analyzer: Analyzer) -> None:
    for text in ("", "Hej.", "😀😀😀", "Kommunen."):
        assert len(analyzer.analyze(text).factors) >= 1


def test_analysis_is_deterministic(analyzer: Analyzer) -> None:
    text = "Beskedet från bygglovsenheten var otydligt och vi fick vänta länge, men handläggaren var vänlig."

    first = analyzer.analyze(text).to_json()

    assert Analyzer.load().analyze(text).to_json() == first
    assert analyzer.analyze(text).to_json() == first


def test_to_json_has_the_design_shape(analyzer: Analyzer) -> None:
    data = analyzer.analyze("Trevligt bemötande på kontaktcenter.").to_json()

    assert {"area", "factors", "sentiment", "redacted_text", "pii"} <= data.keys()
    assert set(data["area"]) == {"label", "confidence", "reasons"}
    assert all(set(tag) == {"label", "confidence", "reasons"} for tag in data["factors"])


def test_module_function_uses_the_shipped_model() -> None:
    assert swedish_text.analyze("Bra service från näringslivskontoret.").model_version


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "\x00\x01\x02\ufffd\ufffd binärt skräp \x7f\x1b[31m",
        "😀🔥👍 bra 👎😡",
        "Смешанный текст mixed 混合文字 blandad text عربي",
        "a" * 5000,
        "ö" * 300 + " " + "xyz" * 2000,
    ],
)
def test_hostile_input_does_not_crash(analyzer: Analyzer, text: str) -> None:
    result = analyzer.analyze(text)

    assert result.area.label
    assert result.sentiment.label
    assert result.language in {"sv", "en", "und"}


def test_megabyte_text_is_cut_to_the_analysed_length(analyzer: Analyzer) -> None:
    text = "Handläggaren svarade aldrig på mina frågor om bygglovet. " * 20_000

    result = analyzer.analyze(text)

    assert len(text) > 1_000_000
    assert len(result.redacted_text) <= MAX_ANALYSIS_CHARS
    assert result.area.label == "bygglov"
