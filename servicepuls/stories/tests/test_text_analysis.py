"""The adapter to swedish_text: suggestions on stories, and retraining on confirmed tags."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from servicepuls.organisations.models import AuthorityArea
from servicepuls.stories import text_analysis
from servicepuls.stories.choices import AnalysisState
from servicepuls.stories.retraining import text_model_retrain
from servicepuls.stories.services import story_analyse, story_tags_confirm
from swedish_text.training import corpus_examples

BYGGLOV_TEXT = (
    "Handläggaren på bygglov svarade aldrig på mina mejl om bygglovet för garaget. "
    "Det tog fyra månader innan jag fick ett beslut. Mycket dåligt."
)


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.SERVICEPULS_DATA_DIR = tmp_path
    settings.SERVICEPULS_TEXT_MODEL_DIR = None
    return tmp_path


@pytest.fixture
def small_corpus(monkeypatch):
    """Every tenth shipped example: enough to train a real model quickly."""
    subset = corpus_examples()[::10]
    monkeypatch.setattr(text_analysis, "corpus_examples", lambda: list(subset))
    monkeypatch.setattr(
        "servicepuls.stories.management.commands.text.corpus_examples", lambda: list(subset)
    )
    return subset


def test_text_analyse_suggests_area_factors_and_sentiment_with_reasons(data_dir):
    first = text_analysis.text_analyse(BYGGLOV_TEXT)
    second = text_analysis.text_analyse(BYGGLOV_TEXT)

    assert first == second  # deterministic
    assert first.area.label == "bygglov"
    assert first.sentiment.label == "negative"
    assert 0.0 <= first.area.confidence <= 1.0
    assert first.area.reasons
    assert first.factors
    assert first.model_version


def test_unconfirmed_story_takes_the_suggested_tags(make_story, data_dir):
    story = make_story(raw_text=BYGGLOV_TEXT)

    assert story.analysis_state == AnalysisState.DONE
    assert story.area.slug == "bygglov"
    assert story.sentiment == "negative"
    assert set(story.factors) == {tag["label"] for tag in story.suggestions["factors"]}
    assert story.suggestions["area"]["label"] == "bygglov"
    assert not story.tags_confirmed


def test_area_chosen_by_the_submitter_wins_over_the_suggestion(make_story, data_dir):
    livsmedel = AuthorityArea.objects.get(slug="livsmedel", organisation__isnull=True)

    story = make_story(raw_text=BYGGLOV_TEXT, submitted_area=livsmedel)

    assert story.area == livsmedel
    assert story.suggestions["area"]["label"] == "bygglov"


def test_reanalysis_never_overwrites_confirmed_tags(make_story, staff_user, data_dir):
    story = make_story(raw_text=BYGGLOV_TEXT)
    story_tags_confirm(
        story=story, actor=staff_user, area=None, factors=["kompetens"], sentiment="positive"
    )

    story_analyse(story=story)

    story.refresh_from_db()
    assert story.factors == ["kompetens"]
    assert story.sentiment == "positive"
    assert story.area is None


def test_retraining_on_confirmed_stories_writes_a_model_the_adapter_loads(
    make_story, staff_user, data_dir, small_corpus
):
    bygglov = AuthorityArea.objects.get(slug="bygglov", organisation__isnull=True)
    for _ in range(3):
        story = make_story(raw_text=BYGGLOV_TEXT)
        story_tags_confirm(
            story=story,
            actor=staff_user,
            area=bygglov,
            factors=["effektivitet"],
            sentiment="negative",
        )
    shipped_version = text_analysis.text_analyse(BYGGLOV_TEXT).model_version

    summary = text_model_retrain()

    assert summary.confirmed_examples == 3
    assert summary.corpus_examples == len(small_corpus)
    assert (data_dir / "text-model" / "model.json").exists()
    assert text_analysis.text_model_dir() == data_dir / "text-model"
    assert text_analysis.text_analyse(BYGGLOV_TEXT).model_version == summary.model_version
    assert summary.model_version != shipped_version


def test_damaged_retrained_model_falls_back_to_the_shipped_one(data_dir):
    (data_dir / "text-model").mkdir()
    (data_dir / "text-model" / "model.json").write_text("{broken", encoding="utf-8")

    analysis = text_analysis.text_analyse(BYGGLOV_TEXT)

    assert analysis.area.label == "bygglov"


def test_training_examples_skip_stories_without_factors_and_map_own_areas():
    examples = text_analysis.text_training_examples(
        [
            ("Bra bemötande.", "receptfria", ("bemotande",), "positive"),
            ("Ingen faktor.", "bygglov", (), "negative"),
            ("Okänd känsla.", "bygglov", ("information",), "arg"),
        ]
    )

    assert [(e.area, e.factors, e.sentiment) for e in examples] == [
        ("ovrigt", ("bemotande",), "positive")
    ]


def test_text_train_from_confirmed_stores_the_model_in_the_data_folder(
    make_story, staff_user, data_dir, small_corpus, capsys
):
    story = make_story(raw_text=BYGGLOV_TEXT)
    story_tags_confirm(
        story=story, actor=staff_user, area=None, factors=["information"], sentiment="negative"
    )

    call_command("text", "train", "--from-confirmed")

    output = capsys.readouterr().out
    assert "Added 1 staff-confirmed stories." in output
    assert (data_dir / "text-model" / "model.npz").exists()
