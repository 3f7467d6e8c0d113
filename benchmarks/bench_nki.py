"""Benchmark: the national NKI table, survey_stats against a pandas groupby-apply.

300 organisations × 7 areas × 10 years, 1 000 000 generated answer sets (seeded), written
to a canonical CSV and loaded with ``survey_stats.canonical`` (timed as *loading*). Then,
timed as *compute*: per-answer-set NKI and factor indices from the raw answers; every
group's n, NKI, 95 % interval, band, suppression and six factor indices; the change against
the previous year (Welch); rankings per area and year with rank intervals. The same numbers
are computed by a straightforward pandas ``groupby(...).apply(...)`` implementation, and the
two are checked for equality.

Rank intervals: survey_stats resamples the group means from their sampling distribution
(``RankMethod.SAMPLING``, see ``survey_stats/ranking.py``); both implementations consume
the same standard-normal draws, so their intervals must agree exactly. The per-answer
nonparametric bootstrap is timed separately.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_nki.py [--rows N]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from survey_stats.bands import BANDS
from survey_stats.canonical import AnswerTable, canonical_header, read_canonical_csv
from survey_stats.change import ChangeDirection
from survey_stats.drivers import FACTORS
from survey_stats.groups import Key
from survey_stats.indices import NKI_ITEMS
from survey_stats.national import DIRECTIONS, NationalResults, national_results
from survey_stats.ranking import RankMethod

ORGANISATIONS, AREAS, YEARS = 300, 7, 10
AREA_SLUGS = (
    "bygglov",
    "miljo_halsoskydd",
    "livsmedel",
    "serveringstillstand",
    "brandtillsyn",
    "markupplatelse",
    "upphandling",
)
ITEMS_PER_FACTOR = 2
SEED = 20261204
RESAMPLES = 1000


def generate(rows: int, seed: int = SEED) -> pd.DataFrame:
    """Seeded answer sets with organisation, area and year effects and 8 % missing answers."""
    rng = np.random.default_rng(seed)
    groups = ORGANISATIONS * AREAS * YEARS
    weights = rng.lognormal(0.0, 1.0, groups)
    sizes = rng.multinomial(rows, weights / weights.sum())
    group = np.repeat(np.arange(groups), sizes)
    organisation, rest = np.divmod(group, AREAS * YEARS)
    area, year = np.divmod(rest, YEARS)
    effect = (
        rng.normal(0, 0.6, ORGANISATIONS)[organisation]
        + np.linspace(-0.8, 0.6, AREAS)[area]
        + 0.05 * year
    )
    latent = 7.0 + effect + rng.normal(0, 1.6, rows)
    width = len(FACTORS) * ITEMS_PER_FACTOR + len(NKI_ITEMS)
    answers = np.clip(np.rint(latent[:, None] + rng.normal(0, 1.3, (rows, width))), 1, 10)
    answers[rng.random((rows, width)) < 0.08] = np.nan
    header = canonical_header(ITEMS_PER_FACTOR)
    frame = pd.DataFrame(answers, columns=list(header[7:-1])).astype("Int64")
    frame.insert(0, "answer_id", np.char.add("s", np.arange(rows).astype(str)))
    frame.insert(1, "organisation", np.char.zfill(organisation.astype(str), 4))
    frame.insert(2, "area", np.array(AREA_SLUGS)[area])
    frame.insert(3, "year", 2016 + year)
    frame.insert(4, "closed_on", "")
    frame.insert(5, "respondent", np.where(rng.random(rows) < 0.7, "business", "private"))
    frame.insert(
        6, "outcome", np.array(["approved", "rejected", "other", ""])[rng.integers(0, 4, rows)]
    )
    frame["comment"] = ""
    return frame


def compute(
    table: AnswerTable, seed: int, method: RankMethod = RankMethod.SAMPLING
) -> NationalResults:
    """The survey_stats way (timed)."""
    return national_results(
        Key("organisation", table.organisation, table.organisations),
        Key("area", table.area, table.areas),
        Key("year", *table.key_labels("year")),
        table.nki(),
        table.factor_index_table(),
        np.random.default_rng(seed),
        method=method,
        n_resamples=RESAMPLES,
    )


def _band(value: float) -> str | None:
    if np.isnan(value):
        return None
    rounded = np.floor(np.round(value, 9) + 0.5)
    return [b.slug for b in BANDS if rounded >= b.lowest][-1]


def pandas_reference(table: AnswerTable, draws: np.ndarray) -> pd.DataFrame:
    """A straightforward pandas implementation of the same numbers (groupby-apply)."""
    scale = table.scale
    items = {f: pd.DataFrame(table.factor_items[f]) for f in FACTORS}
    nki_items = (pd.DataFrame(table.nki_items) - scale.low) / (scale.high - scale.low) * 100
    frame = pd.DataFrame(
        {
            "organisation": np.array(table.organisations)[table.organisation],
            "area": np.array(table.areas)[table.area],
            "year": table.year,
            "nki": nki_items.mean(axis=1).where(nki_items.count(axis=1) >= 2),
        }
    )
    for factor, answers in items.items():
        frame[factor] = ((answers - scale.low) / (scale.high - scale.low) * 100).mean(axis=1)

    def summary(group: pd.DataFrame) -> pd.Series:
        values = group["nki"].dropna()
        n = len(values)
        mean = values.mean() if n else np.nan
        se = values.std(ddof=1) / np.sqrt(n) if n >= 2 else np.nan
        t = stats.t.ppf(0.975, n - 1) if n >= 2 else np.nan
        suppressed = n < 7
        out = {
            "n": n,
            "mean": mean,
            "se": se,
            "total": values.sum(),
            "sum_of_squares": (values**2).sum(),
            "nki": np.nan if suppressed else mean,
            "ci_low": np.nan if suppressed else np.clip(mean - t * se, 0, 100),
            "ci_high": np.nan if suppressed else np.clip(mean + t * se, 0, 100),
            "band": None if suppressed else _band(mean),
            "suppressed": suppressed,
        }
        for factor in FACTORS:
            column = group[factor].dropna()
            out[factor] = np.nan if suppressed or len(column) < 7 else column.mean()
        return pd.Series(out)

    groups = (
        frame.groupby(["organisation", "area", "year"])[["nki", *FACTORS]]
        .apply(summary)
        .reset_index()
    )
    groups["year"] = groups["year"].astype(int)
    earlier = groups[["organisation", "area", "year", "n", "mean", "se"]].copy()
    earlier["year"] += 1
    groups = groups.merge(
        earlier, on=["organisation", "area", "year"], how="left", suffixes=("", "_prev")
    )

    def change(row: pd.Series) -> pd.Series:
        if np.isnan(row["n_prev"]) or row["n"] < 7 or row["n_prev"] < 7:
            return pd.Series({"difference": np.nan, "p": np.nan, "direction": "not_comparable"})
        sd1, sd2 = row["se_prev"] * np.sqrt(row["n_prev"]), row["se"] * np.sqrt(row["n"])
        result = stats.ttest_ind_from_stats(
            row["mean"], sd2, row["n"], row["mean_prev"], sd1, row["n_prev"], equal_var=False
        )
        p = result.pvalue
        difference = row["mean"] - row["mean_prev"]
        direction = "no_significant_change"
        if p < 0.05:
            direction = "rise" if difference > 0 else "fall"
        return pd.Series({"difference": difference, "p": p, "direction": direction})

    groups = pd.concat([groups, groups.apply(change, axis=1)], axis=1)
    groups["eligible"] = groups["n"] >= 10
    groups["draw_column"] = np.cumsum(groups["eligible"]) - 1

    def rank(group: pd.DataFrame) -> pd.DataFrame:
        eligible = group[group["eligible"]]
        out = pd.DataFrame(0, index=group.index, columns=["rank", "rank_low", "rank_high"])
        if eligible.empty:
            return out
        point = eligible["mean"].round(9).rank(method="min", ascending=False).astype(int)
        replicates = (
            eligible["mean"].to_numpy()
            + eligible["se"].to_numpy() * draws[:, eligible["draw_column"].to_numpy()]
        )
        ranks = stats.rankdata(-replicates, method="min", axis=1)
        ordered = np.sort(ranks, axis=0)
        b = ranks.shape[0]
        low = ordered[max(1, int(np.ceil(round(0.025 * b, 9)))) - 1]
        high = ordered[max(1, int(np.ceil(round(0.975 * b, 9)))) - 1]
        out.loc[eligible.index, "rank"] = point.to_numpy()
        out.loc[eligible.index, "rank_low"] = np.minimum(low, point.to_numpy())
        out.loc[eligible.index, "rank_high"] = np.maximum(high, point.to_numpy())
        return out

    ranks = groups.groupby(["area", "year"], group_keys=False)[
        ["mean", "se", "eligible", "draw_column"]
    ].apply(rank)
    return pd.concat([groups, ranks.loc[groups.index]], axis=1)


def _require(condition: bool, what: str) -> None:
    if not condition:
        raise SystemExit(f"survey_stats and pandas disagree: {what}")


def check_equal(ours: NationalResults, theirs: pd.DataFrame) -> None:
    """Every number the two implementations produce must agree."""
    groups = ours.groups
    _require(len(groups) == len(theirs), "number of groups")
    labels = [groups.labels(g) for g in range(len(groups))]
    keys = theirs[["organisation", "area", "year"]].itertuples(index=False)
    _require([(o, a, str(y)) for o, a, y in keys] == labels, "group keys")

    def close(a: np.ndarray, b: pd.Series, name: str) -> None:
        b_values = b.to_numpy(dtype=np.float64)
        ok = np.allclose(a, b_values, rtol=1e-9, atol=1e-9, equal_nan=True)
        _require(ok, name)

    _require(np.array_equal(groups.n, theirs["n"].to_numpy(dtype=np.int64)), "n")
    _require(
        np.array_equal(groups.suppressed, theirs["suppressed"].to_numpy(dtype=bool)), "suppressed"
    )
    close(groups.nki, theirs["nki"], "nki")
    close(groups.ci_low, theirs["ci_low"], "ci_low")
    close(groups.ci_high, theirs["ci_high"], "ci_high")
    bands = [None if b < 0 else BANDS[b].slug for b in groups.band]
    _require(bands == [b if isinstance(b, str) else None for b in theirs["band"]], "band")
    for k, factor in enumerate(FACTORS):
        close(groups.factors[:, k], theirs[factor], factor)
    close(ours.change_difference, theirs["difference"], "change")
    close(ours.change_p, theirs["p"], "p")
    directions = [DIRECTIONS[d].value for d in ours.change_direction]
    _require(directions == theirs["direction"].tolist(), "change direction")
    for name in ("rank", "rank_low", "rank_high"):
        _require(np.array_equal(getattr(ours, name), theirs[name].to_numpy(dtype=np.int64)), name)


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    """(wall, CPU) seconds since ``start``; CPU time is what counts on a shared, busy machine."""
    wall, cpu = _clock()
    return wall - start[0], cpu - start[1]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()

    started = _clock()
    frame = generate(arguments.rows)
    print(f"generated {len(frame):,} answer sets in {_since(started)[1]:.1f} s CPU")
    with tempfile.TemporaryDirectory(prefix="bench-nki-") as directory:
        path = Path(directory) / "answers.csv"
        frame.to_csv(path, index=False)
        del frame
        size = path.stat().st_size / 1e6
        started = _clock()
        table = read_canonical_csv(path)
        wall, cpu = _since(started)
    print(
        f"loading: {cpu:.2f} s CPU ({wall:.2f} s wall) for {size:.0f} MB ({len(table):,} rows), "
        f"peak RSS {_peak_rss_mb():.0f} MB"
    )

    timings = []
    for _ in range(arguments.repeat):
        started = _clock()
        ours = compute(table, SEED)
        timings.append(_since(started))
    best = min(cpu for _, cpu in timings)
    groups = ours.groups
    significant = ours.change_direction < DIRECTIONS.index(ChangeDirection.NO_SIGNIFICANT_CHANGE)
    print(
        f"compute (survey_stats, sampling rank intervals, {RESAMPLES} resamples): best {best:.2f} s "
        f"CPU of {arguments.repeat} (CPU/wall: {', '.join(f'{c:.2f}/{w:.2f}' for w, c in timings)}); "
        f"{len(groups):,} groups, {int(groups.suppressed.sum()):,} suppressed, "
        f"{int((ours.rank > 0).sum()):,} ranked, {int(significant.sum()):,} significant changes"
    )
    tracemalloc.start()
    compute(table, SEED)
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"compute peak traced memory {traced / 1e6:.0f} MB; peak RSS so far {_peak_rss_mb():.0f} MB"
    )

    eligible = int((ours.groups.n >= 10).sum())
    draws = np.random.default_rng(SEED).standard_normal((RESAMPLES, eligible))
    started = _clock()
    theirs = pandas_reference(table, draws)
    wall, reference = _since(started)
    check_equal(ours, theirs)
    print(
        f"pandas groupby-apply: {reference:.2f} s CPU ({wall:.2f} s wall); results equal; "
        f"speed-up {reference / best:.0f}× (CPU)"
    )

    started = _clock()
    compute(table, SEED, RankMethod.BOOTSTRAP)
    wall, cpu = _since(started)
    print(
        f"compute with the per-answer nonparametric bootstrap ({RESAMPLES} resamples): "
        f"{cpu:.2f} s CPU ({wall:.2f} s wall)"
    )
    print(f"load average at the end: {', '.join(f'{v:.1f}' for v in os.getloadavg())}")
    print(
        f"machine: {platform.processor() or platform.machine()}, Python "
        f"{platform.python_version()}, numpy {np.__version__}"
    )


if __name__ == "__main__":
    main()
