import json
import socket
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from swedish_text.analysis import Analyzer
from swedish_text.batch import evaluate_classification
from swedish_text.training import (
    MODEL_DIR,
    CorpusError,
    LabelledText,
    Model,
    ModelFormatError,
    TrainOptions,
    corpus_examples,
    corpus_sha256,
    factor_choice,
    read_labelled_jsonl,
    train,
)


@pytest.fixture(scope="module")
def corpus() -> list[LabelledText]:
    return corpus_examples()


@pytest.fixture(scope="module")
def held_out_split(corpus: list[LabelledText]) -> tuple[Model, list[LabelledText]]:
    """Train on four fifths of the project corpus; keep every fifth story for measuring."""
    training = [example for i, example in enumerate(corpus) if i % 5 != 0]
    held_out = [example for i, example in enumerate(corpus) if i % 5 == 0]
    return train(training), held_out


def test_labelled_text_rejects_unknown_labels() -> None:
    with pytest.raises(ValueError, match="unknown area"):
        LabelledText("Text", "parkering", ("information",), "negative")
    with pytest.raises(ValueError, match="at least one factor"):
        LabelledText("Text", "bygglov", (), "negative")
    with pytest.raises(ValueError, match="unknown sentiment"):
        LabelledText("Text", "bygglov", ("information",), "arg")


def test_read_labelled_jsonl_names_the_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    good = {
        "text": "Bra service.",
        "area": "ovrigt",
        "factors": ["bemotande"],
        "sentiment": "positive",
    }
    path.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")

    with pytest.raises(CorpusError) as raised:
        read_labelled_jsonl(path)

    assert raised.value.line == 2
    assert str(raised.value).startswith(f"{path}:2: ")


def test_corpus_has_every_label(corpus: list[LabelledText]) -> None:
    assert {example.area for example in corpus} >= {
        "bygglov",
        "miljo_halsoskydd",
        "livsmedel",
        "brandtillsyn",
        "serveringstillstand",
        "markupplatelse",
        "ovrigt",
    }
    assert {factor for example in corpus for factor in example.factors} == {
        "information",
        "tillganglighet",
        "bemotande",
        "kompetens",
        "rattssakerhet",
        "effektivitet",
    }
    assert {example.sentiment for example in corpus} == {"positive", "negative", "mixed", "neutral"}


def test_shipped_model_was_trained_on_the_shipped_corpus(corpus: list[LabelledText]) -> None:
    model = Model.load(MODEL_DIR)

    assert model.corpus_sha256 == corpus_sha256(corpus)
    assert model.n_examples == len(corpus)


def test_corpus_hash_ignores_order_but_not_labels(corpus: list[LabelledText]) -> None:
    changed = [
        LabelledText(
            corpus[0].text,
            "ovrigt" if corpus[0].area != "ovrigt" else "bygglov",
            corpus[0].factors,
            corpus[0].sentiment,
        ),
        *corpus[1:],
    ]

    assert corpus_sha256(list(reversed(corpus))) == corpus_sha256(corpus)
    assert corpus_sha256(changed) != corpus_sha256(corpus)


def test_training_is_deterministic_and_needs_no_network(
    corpus: list[LabelledText], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("training tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    sample = corpus[::8]

    first, second = train(sample), train(list(reversed(sample)))

    assert first.vocabulary == second.vocabulary
    assert first.lemma_tables == second.lemma_tables
    for name in ("area_coef", "factor_coef", "sentiment_coef", "factor_thresholds"):
        np.testing.assert_array_equal(getattr(first, name), getattr(second, name))


def test_saved_model_loads_with_the_same_predictions(
    held_out_split: tuple[Model, list[LabelledText]], tmp_path: Path
) -> None:
    model, held_out = held_out_split
    model.save(tmp_path)

    loaded = Model.load(tmp_path)

    assert loaded.version == model.version
    fresh, stored = Analyzer(model), Analyzer(loaded)
    for example in held_out[:20]:
        a, b = fresh.analyze(example.text), stored.analyze(example.text)
        assert (a.area.label, a.sentiment.label) == (b.area.label, b.sentiment.label)
        assert [t.label for t in a.factors] == [t.label for t in b.factors]
        assert a.area.confidence == pytest.approx(b.area.confidence, abs=1e-4)


def test_model_files_hold_no_pickles(
    tmp_path: Path, held_out_split: tuple[Model, list[LabelledText]]
) -> None:
    held_out_split[0].save(tmp_path)

    with np.load(tmp_path / "model.npz", allow_pickle=False) as stored:
        assert all(stored[name].dtype == np.float32 for name in stored.files)
    json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))


def test_damaged_model_is_reported(tmp_path: Path) -> None:
    (tmp_path / "model.json").write_text("{}", encoding="utf-8")

    with pytest.raises(ModelFormatError, match="cannot read the model"):
        Model.load(tmp_path)


def test_held_out_split_of_the_corpus_is_classified_well(
    held_out_split: tuple[Model, list[LabelledText]],
) -> None:
    model, held_out = held_out_split

    report = evaluate_classification(held_out, Analyzer(model))

    assert (report.area_accuracy or 0) >= 0.75
    assert (report.factor_micro_f1 or 0) >= 0.55
    assert (report.sentiment_accuracy or 0) >= 0.65


def test_factor_choice_drops_factors_far_below_the_most_likely_one() -> None:
    thresholds = np.array([0.5, 0.5, 0.5, 0.4])
    probabilities = np.array([0.95, 0.55, 0.3, 0.62])
    # Without the relative rule every factor above its threshold is kept, likeliest first.
    assert factor_choice(probabilities, thresholds, 0.0) == [0, 3, 1]
    # 0.62 >= 0.6 * 0.95 = 0.57 stays; 0.55 does not, although it passes its threshold.
    assert factor_choice(probabilities, thresholds, 0.6) == [0, 3]
    assert factor_choice(probabilities, thresholds, 1.0) == [0]


def test_factor_choice_always_gives_one_factor() -> None:
    thresholds = np.array([0.5, 0.3, 0.6])
    probabilities = np.array([0.4, 0.25, 0.2])
    # Nothing reaches its threshold: the one closest to it (0.25 is 0.05 short) is taken.
    assert factor_choice(probabilities, thresholds, 0.6) == [1]


def test_idf_weighs_common_words_less_and_is_stored(
    held_out_split: tuple[Model, list[LabelledText]], tmp_path: Path
) -> None:
    model, _ = held_out_split
    assert model.options.features.idf
    assert model.feature_idf is not None
    idf = dict(zip(model.vocabulary, model.feature_idf.tolist(), strict=True))
    # Cue groups and text marks are not weighed; a word in many stories counts less than
    # a word in few.
    assert idf["m:question"] == 1.0
    assert idf["w:handlaggare"] < idf["w:brandvarnare"]
    model.save(tmp_path)
    loaded = Model.load(tmp_path)
    assert loaded.feature_idf is not None
    np.testing.assert_array_equal(loaded.feature_idf, model.feature_idf)


def test_a_model_without_its_idf_is_reported(
    held_out_split: tuple[Model, list[LabelledText]], tmp_path: Path
) -> None:
    held_out_split[0].save(tmp_path)
    with np.load(tmp_path / "model.npz", allow_pickle=False) as stored:
        arrays = {name: stored[name] for name in stored.files if name != "feature_idf"}
    np.savez_compressed(tmp_path / "model.npz", allow_pickle=False, **arrays)

    with pytest.raises(ModelFormatError, match="feature_idf"):
        Model.load(tmp_path)


def test_models_without_idf_keep_unweighted_features() -> None:
    stored = TrainOptions().to_json()
    del stored["features"]["idf"]
    assert not TrainOptions.from_json(stored).features.idf


def test_models_without_a_factor_ratio_keep_the_old_rule() -> None:
    stored = TrainOptions().to_json()
    assert stored["factor_ratio"] == TrainOptions().factor_ratio
    del stored["factor_ratio"]
    assert TrainOptions.from_json(stored).factor_ratio == 0.0
