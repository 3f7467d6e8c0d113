""" "Vad ligger bakom": one area × factor – score, trend, effect, and the words behind them.

Stories come from the stories app (``stories_for_evidence``: redacted, moderated) and survey
comments from the surveys app (stored redacted), both tagged with the factor. Nothing here
sees raw text or contact details.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.http import Http404

from servicepuls.accounts.models import User
from servicepuls.accounts.selectors import area_list_for_staff, staff_scope_get
from servicepuls.insights.quotes import key_phrases, representative_indices
from servicepuls.insights.selectors.analysis import drivers_get
from servicepuls.insights.selectors.results import organisation_rows_get
from servicepuls.insights.statistics import Estimate
from servicepuls.organisations.models import AuthorityArea
from servicepuls.stories.selectors import stories_for_evidence
from servicepuls.stories.text_analysis import text_analyse
from servicepuls.surveys.models import SurveyAnswer
from survey_stats import FactorDriver
from survey_stats.drivers import FACTORS

SENTIMENTS = ("negative", "mixed", "neutral", "positive")
QUOTES = 5
CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    kind: str  # "story" or "comment"
    text: str
    sentiment: str
    received: date | None
    reference: str = ""


@dataclass(frozen=True, slots=True)
class FactorYear:
    year: int
    value: Estimate


@dataclass(frozen=True, slots=True)
class EvidenceData:
    area: AuthorityArea
    factor: str
    year: int | None
    score: Estimate | None
    trend: list[FactorYear]
    driver: FactorDriver | None
    pooled: bool
    items: list[EvidenceItem]
    quotes: list[EvidenceItem]
    sentiments: list[tuple[str, int]]
    phrases: list[str]


def _comment_tags(answer_id: int, text: str) -> tuple[tuple[str, ...], str]:
    """Factors and sentiment of one (redacted) survey comment, cached by answer."""
    # Keyed by the answer and a digest of its text: an edited comment is analysed again.
    key = f"insights:comment-tags:{answer_id}:{hashlib.sha256(text.encode()).hexdigest()[:16]}"
    tags = cache.get(key)
    if tags is None:
        result = text_analyse(text)
        sentiment = result.sentiment.label if result.sentiment else ""
        tags = (tuple(tag.label for tag in result.factors), sentiment)
        cache.set(key, tags, CACHE_SECONDS)
    return tags  # type: ignore[no-any-return]


def _comments(
    organisation_id: int, area: AuthorityArea, factor: str, year: int
) -> list[EvidenceItem]:
    answers = (
        SurveyAnswer.objects.filter(organisation_id=organisation_id, area=area, year=year)
        .exclude(comment="")
        .values_list("id", "comment", "closed_on")
        .order_by("-submitted_at", "-id")
    )
    items = []
    for answer_id, comment, closed_on in answers:
        factors, sentiment = _comment_tags(answer_id, comment)
        if factor in factors:
            items.append(EvidenceItem("comment", comment, sentiment, closed_on))
    return items


def _stories(
    organisation_id: int, area: AuthorityArea, factor: str, year: int
) -> list[EvidenceItem]:
    stories = stories_for_evidence(
        organisation_id, area_slug=area.slug, factor=factor, years=[year]
    )
    return [
        EvidenceItem(
            "story", story.redacted_text, story.sentiment, story.received_at.date(), story.reference
        )
        for story in stories
    ]


def evidence_get_for_staff(
    *, user: User, area_slug: str, factor: str, year: int | None = None
) -> EvidenceData:
    """The evidence page of one area × factor; ``Http404`` for areas outside the user's scope."""
    scope = staff_scope_get(user=user)
    area = next((a for a in area_list_for_staff(user=user) if a.slug == area_slug), None)
    if area is None or factor not in FACTORS or not scope.sees_individual_data:
        raise Http404
    data = organisation_rows_get(organisation_id=scope.organisation_id, areas=[area])
    per_year = data.area_per_year(area.pk)
    years = sorted(per_year)
    if year not in years:
        year = years[-1] if years else None
    trend = [FactorYear(y, per_year[y].factor(factor)) for y in years]
    driver, pooled = None, False
    if year is not None:
        drivers = drivers_get(
            organisation_id=scope.organisation_id,
            area_id=area.pk,
            year=year,
            respondent=None,
            stamp=data.stamp,
        )
        if drivers.analysis is not None:
            driver, pooled = drivers.analysis.driver(factor), drivers.analysis.pooled
    items: list[EvidenceItem] = []
    if year is not None:
        items = _stories(scope.organisation_id, area, factor, year) + _comments(
            scope.organisation_id, area, factor, year
        )
    texts = [item.text for item in items]
    counts = Counter(item.sentiment for item in items)
    return EvidenceData(
        area=area,
        factor=factor,
        year=year,
        score=per_year[year].factor(factor) if year is not None else None,
        trend=trend,
        driver=driver,
        pooled=pooled,
        items=items,
        quotes=[items[i] for i in representative_indices(texts, k=QUOTES)],
        sentiments=[(s, counts.get(s, 0)) for s in SENTIMENTS],
        phrases=key_phrases(texts),
    )
