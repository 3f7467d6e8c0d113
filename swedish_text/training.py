"""Training the area, factor and sentiment classifiers, and storing them safely.

The model is three linear classifiers over one feature space (:mod:`swedish_text.features`):
a softmax (multinomial logistic regression) over the areas, one logistic regression per
service factor with a threshold chosen by cross-validation, and a softmax over the four
sentiments. Training is deterministic: the same examples give the same model.

The stored model is a directory with ``model.npz`` (weights, read with
``allow_pickle=False``) and ``model.json`` (vocabulary, labels, lemma tables, options and
the SHA-256 of the training corpus). Nothing is ever unpickled.

scikit-learn is used only here, at training time; :mod:`swedish_text.analysis` needs numpy
alone.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from swedish_text.features import FeatureOptions, Featurizer, fixed_feature_names
from swedish_text.jsonl import json_line
from swedish_text.lemmas import Lemmatizer, build_lemma_table
from swedish_text.lexicon import CUES, STOPWORDS
from swedish_text.normalize import MAX_ANALYSIS_CHARS, detect_language, tokenize

__all__ = [
    "AREAS",
    "CORPUS_DIR",
    "FACTORS",
    "MODEL_DIR",
    "SENTIMENTS",
    "CorpusError",
    "LabelledText",
    "Model",
    "ModelFormatError",
    "TrainOptions",
    "classification_text",
    "classification_text_from_redacted",
    "corpus_examples",
    "corpus_sha256",
    "factor_choice",
    "read_labelled_jsonl",
    "sort_key",
    "train",
]

AREAS = (
    "bygglov",
    "miljo_halsoskydd",
    "livsmedel",
    "brandtillsyn",
    "serveringstillstand",
    "markupplatelse",
    "ovrigt",
)
FACTORS = (
    "information",
    "tillganglighet",
    "bemotande",
    "kompetens",
    "rattssakerhet",
    "effektivitet",
)
SENTIMENTS = ("positive", "negative", "mixed", "neutral")

_DATA_DIR = Path(__file__).resolve().parent / "data"
#: The project's own labelled corpus (never the shared development set).
CORPUS_DIR = _DATA_DIR / "corpus"
#: The default model shipped with the package.
MODEL_DIR = _DATA_DIR / "model"
MODEL_FORMAT = 1


class CorpusError(ValueError):
    """A labelled JSON Lines file has a bad line; ``str()`` names the file and line."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file = file
        self.line = line
        self.message = message


class ModelFormatError(ValueError):
    """A stored model is missing, damaged or of another format version."""


@dataclass(frozen=True)
class LabelledText:
    """One training or evaluation text with its labels."""

    text: str
    area: str
    factors: tuple[str, ...]
    sentiment: str
    id: str = ""

    def __post_init__(self) -> None:
        # Accept any iterable of factors (e.g. a list from JSON); store a sorted tuple.
        object.__setattr__(self, "factors", tuple(sorted(set(self.factors))))
        if self.area not in AREAS:
            raise ValueError(f"unknown area {self.area!r}")
        if not self.factors:
            raise ValueError("at least one factor is needed")
        unknown = [factor for factor in self.factors if factor not in FACTORS]
        if unknown:
            raise ValueError(f"unknown factor {unknown[0]!r}")
        if self.sentiment not in SENTIMENTS:
            raise ValueError(f"unknown sentiment {self.sentiment!r}")


def _example_from_json(data: object) -> LabelledText:
    if not isinstance(data, dict):
        raise ValueError("a line must be a JSON object")
    text, factors = data.get("text"), data.get("factors")
    if not isinstance(text, str):
        raise ValueError('"text" must be a string')
    if not isinstance(factors, list) or not all(isinstance(f, str) for f in factors):
        raise ValueError('"factors" must be a list of strings')
    area, sentiment = data.get("area"), data.get("sentiment")
    if not isinstance(area, str) or not isinstance(sentiment, str):
        raise ValueError('"area" and "sentiment" must be strings')
    return LabelledText(
        text=text,
        area=area,
        factors=tuple(sorted(set(factors))),
        sentiment=sentiment,
        id=str(data.get("id", "")),
    )


def read_labelled_jsonl(path: Path) -> list[LabelledText]:
    """Read labelled texts in the format of the development set.

    Raises
    ------
    CorpusError
        On the first line that is not valid JSON or lacks valid labels.
    """
    examples = []
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                examples.append(_example_from_json(json_line(line)))
            except ValueError as error:  # json.JSONDecodeError is a ValueError
                raise CorpusError(str(path), number, str(error)) from error
    return examples


def corpus_examples(directory: Path | None = None) -> list[LabelledText]:
    """The shipped training corpus: every ``*.jsonl`` in ``swedish_text/data/corpus``."""
    directory = CORPUS_DIR if directory is None else directory
    examples: list[LabelledText] = []
    for path in sorted(directory.glob("*.jsonl")):
        examples.extend(read_labelled_jsonl(path))
    return examples


def sort_key(example: LabelledText) -> tuple[str, str, tuple[str, ...], str, str]:
    """The order training puts examples in (by content, so input order never matters)."""
    return (example.text, example.area, example.factors, example.sentiment, example.id)


def corpus_sha256(examples: Iterable[LabelledText]) -> str:
    """A fingerprint of the texts and labels (in any order), stored with the model."""
    digest = hashlib.sha256()
    ordered = sorted(examples, key=sort_key)
    for example in ordered:
        record = [example.text, example.area, list(example.factors), example.sentiment]
        digest.update(json.dumps(record, ensure_ascii=False).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def classification_text(text: str) -> str:
    """The text the classifiers read: personal data replaced, placeholders dropped.

    Training and analysis both classify redacted text, so names and numbers never become
    features or reasons.
    """
    from swedish_text.redaction import redact

    return classification_text_from_redacted(redact(text[:MAX_ANALYSIS_CHARS]).text)


def classification_text_from_redacted(redacted_text: str) -> str:
    """Drop the bracketed placeholders of an already redacted text."""
    return _PLACEHOLDER_RE.sub(" ", redacted_text)


_PLACEHOLDER_RE = re.compile(r"\[(?:namn|personnummer|telefon|e-post|adress|orgnr)\]")


@dataclass(frozen=True)
class TrainOptions:
    """Regularisation of the three classifiers and the threshold search."""

    area_c: float = 4.0
    factor_c: float = 8.0
    sentiment_c: float = 2.0
    folds: int = 5
    threshold_window: int = 2
    #: A factor above its threshold is kept only if its probability is at least this
    #: fraction of the most likely factor's (0 keeps every factor above its threshold).
    factor_ratio: float = 0.575
    features: FeatureOptions = field(default_factory=FeatureOptions)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON form (stored with the model)."""
        return {
            "area_c": self.area_c,
            "factor_c": self.factor_c,
            "sentiment_c": self.sentiment_c,
            "folds": self.folds,
            "threshold_window": self.threshold_window,
            "factor_ratio": self.factor_ratio,
            "features": self.features.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TrainOptions:
        """Inverse of :meth:`to_json`."""
        return cls(
            area_c=float(data["area_c"]),
            factor_c=float(data["factor_c"]),
            sentiment_c=float(data["sentiment_c"]),
            folds=int(data["folds"]),
            threshold_window=int(data.get("threshold_window", 0)),
            factor_ratio=float(data.get("factor_ratio", 0.0)),
            features=FeatureOptions.from_json(data["features"]),
        )


FloatArray = npt.NDArray[np.float64]


@dataclass
class Model:
    """A trained model: vocabulary, lemma tables and the three classifiers' weights.

    Weight matrices have one row per feature and one column per label.
    """

    options: TrainOptions
    vocabulary: tuple[str, ...]
    lemma_tables: dict[str, dict[str, str]]
    parts: tuple[str, ...]
    area_coef: FloatArray
    area_intercept: FloatArray
    factor_coef: FloatArray
    factor_intercept: FloatArray
    factor_thresholds: FloatArray
    sentiment_coef: FloatArray
    sentiment_intercept: FloatArray
    corpus_sha256: str
    n_examples: int
    areas: tuple[str, ...] = AREAS
    factors: tuple[str, ...] = FACTORS
    sentiments: tuple[str, ...] = SENTIMENTS
    #: Inverse document frequency of each feature (only with ``options.features.idf``).
    feature_idf: FloatArray | None = None

    @property
    def version(self) -> str:
        """Identifies the model by its format, training corpus and options (``1-3f2a9c0d1e2b``)."""
        options = json.dumps(self.options.to_json(), sort_keys=True)
        digest = hashlib.sha256(f"{self.corpus_sha256}\n{options}".encode()).hexdigest()
        return f"{MODEL_FORMAT}-{digest[:12]}"

    def featurizer(self) -> Featurizer:
        """The feature extractor this model was trained with."""
        lemmatizers = {
            language: Lemmatizer(table, self.parts if language == "sv" else ())
            for language, table in self.lemma_tables.items()
        }
        return Featurizer(lemmatizers, self.options.features, self.vocabulary, self.feature_idf)

    _ARRAYS = (
        "area_coef",
        "area_intercept",
        "factor_coef",
        "factor_intercept",
        "factor_thresholds",
        "sentiment_coef",
        "sentiment_intercept",
    )

    def save(self, directory: Path) -> None:
        """Write ``model.npz`` and ``model.json`` into ``directory`` (created if missing)."""
        directory.mkdir(parents=True, exist_ok=True)
        arrays = {name: np.asarray(getattr(self, name), dtype=np.float32) for name in self._ARRAYS}
        if self.feature_idf is not None:
            arrays["feature_idf"] = np.asarray(self.feature_idf, dtype=np.float32)
        np.savez_compressed(directory / "model.npz", allow_pickle=False, **arrays)
        meta = {
            "format": MODEL_FORMAT,
            "version": self.version,
            "corpus_sha256": self.corpus_sha256,
            "n_examples": self.n_examples,
            "options": self.options.to_json(),
            "areas": list(self.areas),
            "factors": list(self.factors),
            "sentiments": list(self.sentiments),
            "vocabulary": list(self.vocabulary),
            "parts": list(self.parts),
            "lemma_tables": self.lemma_tables,
        }
        text = json.dumps(meta, ensure_ascii=False, separators=(",", ":"))
        (directory / "model.json").write_text(text + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> Model:
        """Read a model written by :meth:`save`; never unpickles anything.

        Raises
        ------
        ModelFormatError
            When a file is missing, damaged, or of another format version.
        """
        try:
            meta = json.loads((directory / "model.json").read_text(encoding="utf-8"))
            with np.load(directory / "model.npz", allow_pickle=False) as stored:
                arrays = {name: stored[name].astype(np.float64) for name in cls._ARRAYS}
                idf = stored["feature_idf"].astype(np.float64) if "feature_idf" in stored else None
        except (OSError, ValueError, KeyError) as error:
            raise ModelFormatError(f"{directory}: cannot read the model ({error})") from error
        if not isinstance(meta, dict) or meta.get("format") != MODEL_FORMAT:
            raise ModelFormatError(f"{directory}: not a format-{MODEL_FORMAT} model")
        model = cls(
            options=TrainOptions.from_json(meta["options"]),
            vocabulary=tuple(meta["vocabulary"]),
            lemma_tables=meta["lemma_tables"],
            parts=tuple(meta["parts"]),
            corpus_sha256=meta["corpus_sha256"],
            n_examples=int(meta["n_examples"]),
            areas=tuple(meta["areas"]),
            factors=tuple(meta["factors"]),
            sentiments=tuple(meta["sentiments"]),
            feature_idf=idf,
            **arrays,
        )
        size = len(model.vocabulary)
        shapes = {
            "area_coef": (size, len(model.areas)),
            "factor_coef": (size, len(model.factors)),
            "sentiment_coef": (size, len(model.sentiments)),
        }
        for name, shape in shapes.items():
            if getattr(model, name).shape != shape:
                raise ModelFormatError(f"{directory}: {name} has the wrong shape")
        if model.options.features.idf and (idf is None or idf.shape != (size,)):
            raise ModelFormatError(f"{directory}: feature_idf is missing or has the wrong shape")
        return model


def _lemma_tables(texts: Sequence[str]) -> tuple[dict[str, dict[str, str]], tuple[str, ...]]:
    words: dict[str, set[str]] = {"sv": set(), "en": set()}
    for text in texts:
        tokens = tokenize(text)
        language = "en" if detect_language(tokens) == "en" else "sv"
        words[language].update(token.text for token in tokens if token.is_word)
    cue_lemmas = {entry for entries in CUES.values() for entry in entries if "*" not in entry}
    tables = build_lemma_table({k: sorted(v) for k, v in words.items()}, sorted(cue_lemmas))
    parts = sorted(
        {lemma for lemma in tables["sv"].values() if len(lemma) >= 4 and lemma not in STOPWORDS}
    )
    return tables, tuple(parts)


def _sparse_matrix(featurizer: Featurizer, features: Sequence[Any]) -> Any:
    from scipy.sparse import csr_matrix

    rows, cols, values = [], [], []
    for row, item in enumerate(features):
        vector = featurizer.weigh(item)
        rows.extend([row] * len(vector.indices))
        cols.extend(vector.indices.tolist())
        values.extend(vector.values.tolist())
    shape = (len(features), len(featurizer.names))
    return csr_matrix((values, (rows, cols)), shape=shape, dtype=np.float64)


def _softmax_fit(x: Any, labels: Sequence[str], classes: Sequence[str], c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    present = sorted(set(labels), key=classes.index)
    classifier = LogisticRegression(
        C=c, class_weight="balanced", solver="newton-cg", max_iter=1000, tol=1e-6
    )
    classifier.fit(x, [present.index(label) for label in labels])
    coef = np.zeros((x.shape[1], len(classes)))
    intercept = np.full(len(classes), -30.0)  # a label missing from training never wins
    for column, label in enumerate(present):
        index = classes.index(label)
        if len(present) == 2:  # binary: sklearn keeps one row for the second class
            sign = 1.0 if column == 1 else -1.0
            coef[:, index] = sign * classifier.coef_[0] / 2
            intercept[index] = sign * classifier.intercept_[0] / 2
        else:
            coef[:, index] = classifier.coef_[column]
            intercept[index] = classifier.intercept_[column]
    return coef, intercept


def _binary_fit(x: Any, targets: npt.NDArray[np.int64], c: float) -> tuple[FloatArray, float]:
    from sklearn.linear_model import LogisticRegression

    if targets.min() == targets.max():  # never (or always) seen: a constant
        return np.zeros(x.shape[1]), (30.0 if targets[0] else -30.0)
    classifier = LogisticRegression(
        C=c,
        class_weight="balanced",
        solver="liblinear",
        dual=True,
        tol=1e-6,
        max_iter=2000,
        random_state=0,
    )
    classifier.fit(x, targets)
    return classifier.coef_[0].astype(np.float64), float(classifier.intercept_[0])


def _factor_targets(examples: Sequence[LabelledText]) -> npt.NDArray[np.int64]:
    return np.array(
        [[int(factor in example.factors) for factor in FACTORS] for example in examples],
        dtype=np.int64,
    )


def _fit_factors(x: Any, targets: npt.NDArray[np.int64], c: float) -> tuple[FloatArray, FloatArray]:
    coef = np.zeros((x.shape[1], len(FACTORS)))
    intercept = np.zeros(len(FACTORS))
    for column in range(len(FACTORS)):
        coef[:, column], intercept[column] = _binary_fit(x, targets[:, column], c)
    return coef, intercept


def factor_choice(probabilities: FloatArray, thresholds: FloatArray, ratio: float) -> list[int]:
    """The factors a text is tagged with, most likely first (ties: lower index first).

    A factor is kept when its probability reaches its own threshold *and* at least ``ratio``
    times the probability of the most likely factor, so that a text clearly about one
    factor does not also get the borderline ones. A text always gets at least one factor:
    the one furthest above (or closest to) its threshold.
    """
    top = float(probabilities.max())
    kept = (probabilities >= thresholds) & (probabilities >= ratio * top)
    chosen: list[int] = np.flatnonzero(kept).tolist()
    if not chosen:
        chosen = [int(np.argmax(probabilities - thresholds))]
    chosen.sort(key=lambda i: (-float(probabilities[i]), i))
    return chosen


def _sigmoid(values: FloatArray) -> FloatArray:
    return np.asarray(1.0 / (1.0 + np.exp(-values)), dtype=np.float64)


def _best_thresholds(
    probabilities: FloatArray, targets: npt.NDArray[np.int64], window: int = 0
) -> FloatArray:
    """Per factor, the threshold with the best out-of-fold F1 (ties: closest to 0.5).

    With ``window`` > 0 the F1 curve is first averaged over ``window`` grid steps on each
    side, so that one lucky threshold in a small corpus does not decide.
    """
    grid = np.round(np.arange(0.20, 0.801, 0.025), 3)
    best = np.full(len(FACTORS), 0.5)
    for column in range(len(FACTORS)):
        truth = targets[:, column] == 1
        f1 = np.zeros(len(grid))
        for k, threshold in enumerate(grid):
            chosen = probabilities[:, column] >= threshold
            tp = int(np.sum(chosen & truth))
            denominator = int(np.sum(chosen)) + int(np.sum(truth))
            f1[k] = 2 * tp / denominator if denominator else 0.0
        if window:
            padded = np.pad(f1, window, mode="edge")
            f1 = np.convolve(padded, np.ones(2 * window + 1) / (2 * window + 1), mode="valid")
        scores = [(round(float(f1[k]), 9), -abs(t - 0.5), t) for k, t in enumerate(grid)]
        best[column] = max(scores)[2]
    return best


def train(examples: Sequence[LabelledText], options: TrainOptions | None = None) -> Model:
    """Train a model on ``examples`` (deterministic: same examples, same model).

    Parameters
    ----------
    examples
        Labelled texts; the order does not matter (they are sorted by content first).
    options
        Regularisation and feature options; the defaults are the shipped model's.
    """
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    # One BLAS thread: faster for these small problems on a busy machine, and the same
    # floating-point summation order on every run.
    with threadpool_limits(limits=1):
        return _train(examples, options or TrainOptions())


def _design(
    texts: Sequence[str], lemmatizers: dict[str, Lemmatizer], options: FeatureOptions
) -> tuple[Featurizer, Any]:
    """The vocabulary (features in at least ``min_df`` texts), its idf and the design matrix.

    The idf of a learned feature is ``ln((n + 1) / (df + 1)) + 1`` over the ``n`` training
    texts (smoothed as in scikit-learn); cue groups and text marks keep 1.
    """
    builder = Featurizer(lemmatizers, options)
    counted = [builder.features(text) for text in texts]
    document_frequency: Counter[int] = Counter()
    for item in counted:
        document_frequency.update(item.counts.keys())
    learned = sorted(
        builder.names[feature]
        for feature, frequency in document_frequency.items()
        if frequency >= options.min_df and builder.names[feature][0] in "wnbc"
    )
    fixed = fixed_feature_names()
    vocabulary = tuple(fixed + learned)
    mapping = {builder.index[name]: i for i, name in enumerate(vocabulary)}
    idf = None
    if options.idf:
        frequency = np.ones(len(vocabulary))
        for feature, count in document_frequency.items():
            if feature in mapping and mapping[feature] >= len(fixed):
                frequency[mapping[feature]] = count
        idf = np.log((len(texts) + 1) / (frequency + 1)) + 1.0
        idf[: len(fixed)] = 1.0
        idf = idf.astype(np.float32).astype(np.float64)  # as stored, so training = analysis
    featurizer = Featurizer(lemmatizers, options, vocabulary, idf)
    return featurizer, _sparse_matrix(featurizer, [item.remap(mapping) for item in counted])


def _fit(x: Any, examples: Sequence[LabelledText], options: TrainOptions) -> dict[str, FloatArray]:
    """The weights of the three classifiers and the factor thresholds."""
    targets = _factor_targets(examples)
    out_of_fold = np.zeros(targets.shape, dtype=np.float64)
    folds = np.arange(len(examples)) % options.folds
    for fold in range(options.folds):
        train_rows, test_rows = folds != fold, folds == fold
        coef, intercept = _fit_factors(x[train_rows], targets[train_rows], options.factor_c)
        out_of_fold[test_rows] = _sigmoid(x[test_rows] @ coef + intercept)
    thresholds = _best_thresholds(out_of_fold, targets, options.threshold_window)
    arrays: dict[str, FloatArray] = {"factor_thresholds": thresholds}
    arrays["area_coef"], arrays["area_intercept"] = _softmax_fit(
        x, [e.area for e in examples], AREAS, options.area_c
    )
    arrays["factor_coef"], arrays["factor_intercept"] = _fit_factors(x, targets, options.factor_c)
    arrays["sentiment_coef"], arrays["sentiment_intercept"] = _softmax_fit(
        x, [e.sentiment for e in examples], SENTIMENTS, options.sentiment_c
    )
    return arrays


def _train(examples: Sequence[LabelledText], options: TrainOptions) -> Model:
    if len(examples) < 2 * options.folds:
        raise ValueError(f"at least {2 * options.folds} examples are needed to train")
    examples = sorted(examples, key=sort_key)
    texts = [classification_text(example.text) for example in examples]
    tables, parts = _lemma_tables(texts)
    lemmatizers = {
        language: Lemmatizer(table, parts if language == "sv" else ())
        for language, table in tables.items()
    }
    featurizer, x = _design(texts, lemmatizers, options.features)
    arrays = _fit(x, examples, options)
    return Model(
        options=options,
        vocabulary=tuple(featurizer.names),
        lemma_tables=tables,
        parts=parts,
        area_coef=arrays["area_coef"],
        area_intercept=arrays["area_intercept"],
        factor_coef=arrays["factor_coef"],
        factor_intercept=arrays["factor_intercept"],
        factor_thresholds=arrays["factor_thresholds"],
        sentiment_coef=arrays["sentiment_coef"],
        sentiment_intercept=arrays["sentiment_intercept"],
        corpus_sha256=corpus_sha256(examples),
        n_examples=len(examples),
        feature_idf=featurizer.idf,
    )
