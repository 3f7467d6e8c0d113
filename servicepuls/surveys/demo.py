"""Demo data: closed cases, sent invitations and answers 2019–2026 for Haninge and Nynäshamn.

Levels follow the published national figures of DESIGN §9 (total NKI rising from about 72 to
75, bygglov the weakest area, Haninge's bygglov rising from 64 to 71 in one year). A seeded
random source makes the data set the same on every run. Answers are stored through
``survey_answers_store``, so ``answers_stored`` is sent for them like for any other answers.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from servicepuls.common.demo import DemoContext
from servicepuls.organisations.models import AuthorityArea, Department, Organisation
from servicepuls.surveys.choices import AnswerSource, CaseSource, DeliveryStatus
from servicepuls.surveys.models import Case, CaseContact, Invitation
from servicepuls.surveys.services.answers import AnswerSetInput, survey_answers_store
from servicepuls.surveys.services.invitations import invitation_schedule_save, period_of
from servicepuls.surveys.services.questionnaires import questionnaire_default_ensure
from servicepuls.surveys.services.tokens import invitation_token, person_key, token_hash
from survey_stats.drivers import FACTORS

ORGANISATIONS = ("0136", "0192")
YEARS = range(2019, 2027)
AREAS = (
    "bygglov",
    "miljo_halsoskydd",
    "livsmedel",
    "serveringstillstand",
    "brandtillsyn",
    "markupplatelse",
)
# National level per year (DESIGN §9), and each area's distance from it.
NATIONAL = {2019: 72, 2020: 73, 2021: 74, 2022: 75, 2023: 75, 2024: 75, 2025: 76, 2026: 76}
AREA_OFFSET = {
    "bygglov": -9,
    "miljo_halsoskydd": -1,
    "livsmedel": 2,
    "serveringstillstand": 5,
    "brandtillsyn": 3,
    "markupplatelse": 4,
}
ORGANISATION_OFFSET = {"0136": 1.5, "0192": -1.0}
# Haninge's bygglov rose from 64 to 71 in one year (DESIGN §9).
SPECIAL = {("0136", "bygglov", 2022): 64, ("0136", "bygglov", 2023): 71}
FACTOR_OFFSET = {
    "information": -3,
    "tillganglighet": -1,
    "bemotande": 6,
    "kompetens": 3,
    "rattssakerhet": 0,
    "effektivitet": -6,
}
ITEMS_PER_FACTOR = {
    "information": 4,
    "tillganglighet": 3,
    "bemotande": 3,
    "kompetens": 3,
    "rattssakerhet": 3,
    "effektivitet": 4,
}
COMMENTS = (
    "Handläggaren var tydlig och hjälpsam genom hela ärendet.",
    "Det tog alldeles för lång tid innan vi fick besked.",
    "Svårt att förstå vilka handlingar som behövdes.",
    "Bra bemötande men beslutet var dåligt motiverat.",
    "Snabbt och smidigt, tack!",
    "Vi fick olika besked av olika handläggare.",
    "Avgiften kändes hög i förhållande till insatsen.",
    "Lätt att nå rätt person på telefon.",
)
CASES_PER_YEAR = 60
RESPONSE_RATE = 0.48


def _level(code: str, area: str, year: int) -> float:
    if (code, area, year) in SPECIAL:
        return SPECIAL[(code, area, year)]
    if code == "0136" and area == "bygglov" and year < 2022:
        return 63.0 + (year - 2019) * 0.5
    return NATIONAL[year] + AREA_OFFSET[area] + ORGANISATION_OFFSET[code]


def _to_scale(index: float, rng: random.Random) -> int | None:
    if rng.random() < 0.04:
        return None  # "vet ej"
    value = round(1 + 9 * min(100.0, max(0.0, index)) / 100)
    return int(min(10, max(1, value)))


def _items(level: float, outcome: str, rng: random.Random) -> dict[str, int | None]:
    person = rng.gauss(level + 1 - (7 if outcome == "rejected" else 0), 13)
    items: dict[str, int | None] = {}
    for factor in FACTORS:
        factor_level = person + FACTOR_OFFSET[factor] + rng.gauss(0, 6)
        for k in range(1, ITEMS_PER_FACTOR[factor] + 1):
            items[f"{factor}_{k}"] = _to_scale(factor_level + rng.gauss(0, 7), rng)
    for name in ("nki_satisfied", "nki_expectations", "nki_ideal"):
        items[name] = _to_scale(person + rng.gauss(0, 6), rng)
    return items


def _decided_on(year: int, rng: random.Random, today: date) -> date:
    last = min(date(year, 12, 31), today - timedelta(days=35))
    span = (last - date(year, 1, 1)).days
    return date(year, 1, 1) + timedelta(days=rng.randrange(max(span, 1)))


def seed_demo(context: DemoContext) -> None:
    """Create the surveys part of the demo data set (fast: bulk inserts only)."""
    rng = random.Random(context.seed + 6)  # noqa: S311 - reproducible demo data, not secrets
    today = timezone.localdate()
    questionnaire = questionnaire_default_ensure()
    version = questionnaire.current_version()
    assert version is not None  # noqa: S101 - ensured just above
    areas = {
        area.slug: area
        for area in AuthorityArea.objects.filter(organisation__isnull=True, slug__in=AREAS)
    }
    answer_sets: list[AnswerSetInput] = []
    for code in ORGANISATIONS:
        organisation = Organisation.objects.get(code=code)
        departments = {
            area.pk: Department.objects.filter(organisation=organisation, areas=area).first()
            for area in areas.values()
        }
        for slug, area in areas.items():
            invitation_schedule_save(
                organisation=organisation,
                area=area,
                frequency="monthly",
                sample_size=None,
                reminder_days=[7, 14],
                questionnaire=questionnaire,
            )
            answer_sets += _seed_area(
                organisation, area, departments.get(area.pk), version, rng, today, slug
            )
    survey_answers_store(answer_sets=answer_sets)
    context.objects["surveys:answers"] = len(answer_sets)


def _seed_area(
    organisation: Organisation,
    area: AuthorityArea,
    department: Department | None,
    version: Any,
    rng: random.Random,
    today: date,
    slug: str,
) -> list[AnswerSetInput]:
    cases = []
    for year in YEARS:
        for number in range(CASES_PER_YEAR):
            decided = _decided_on(year, rng, today)
            received = decided - timedelta(days=rng.randint(10, 120))
            respondent = "business" if rng.random() < 0.7 else "private"
            outcome = rng.choices(["approved", "rejected", "other"], weights=[80, 12, 8])[0]
            cases.append(
                Case(
                    organisation=organisation,
                    external_id=f"DEMO-{slug[:4].upper()}-{year}-{number:03d}",
                    area=area,
                    department=department,
                    respondent=respondent,
                    organisation_number="556036-0793" if respondent == "business" else "",
                    received_on=received,
                    completed_on=received + timedelta(days=rng.randint(0, 9)),
                    decided_on=decided,
                    outcome=outcome,
                    fee=None,
                    source=CaseSource.DEMO,
                )
            )
    for case in cases:
        assert case.completed_on is not None  # noqa: S101 - set above
        case.handling_days = (case.decided_on - case.completed_on).days
    Case.objects.bulk_create(cases, batch_size=1000)
    retention = timedelta(days=organisation.retention_days)
    CaseContact.objects.bulk_create(
        [
            CaseContact(
                case=case,
                email=f"demo-{case.external_id.lower()}@example.invalid",
                erase_after=case.decided_on + retention,
            )
            for case in cases
            if case.decided_on + retention >= today
        ],
        batch_size=1000,
    )
    invitations = []
    for case in cases:
        nonce = f"demo-{organisation.code}-{case.external_id}"
        sent_at = timezone.make_aware(
            datetime.combine(case.decided_on + timedelta(days=3), time(8))
        )
        invitations.append(
            Invitation(
                organisation=organisation,
                case=case,
                questionnaire_version=version,
                period=period_of(case.decided_on, "monthly"),
                token_nonce=nonce,
                token_hash=token_hash(invitation_token(nonce=nonce)),
                person_key=person_key(organisation_id=organisation.pk, email=case.external_id),
                delivery_status=DeliveryStatus.SENT,
                sent_at=sent_at,
                expires_at=sent_at + timedelta(days=60),
                reminders_sent=rng.randint(0, 2),
            )
        )
    Invitation.objects.bulk_create(invitations, batch_size=1000)
    answer_sets = []
    answered = []
    for case, invitation in zip(cases, invitations, strict=True):
        if rng.random() >= RESPONSE_RATE:
            continue
        sent_at = timezone.make_aware(
            datetime.combine(case.decided_on + timedelta(days=3), time(8))
        )
        submitted = sent_at + timedelta(days=rng.randint(0, 20))
        invitation.answered_at = submitted
        answered.append(invitation)
        answer_sets.append(
            AnswerSetInput(
                organisation_id=organisation.pk,
                area_id=area.pk,
                year=case.decided_on.year,
                closed_on=case.decided_on,
                respondent=case.respondent,
                outcome=case.outcome,
                source=AnswerSource.DEMO,
                external_id=f"demo-{case.external_id}",
                items=_items(
                    _level(organisation.code, slug, case.decided_on.year), case.outcome, rng
                ),
                comment=rng.choice(COMMENTS) if rng.random() < 0.15 else "",
                submitted_at=submitted,
                case_id=case.pk,
                invitation_id=invitation.pk,
                questionnaire_version_id=version.pk,
            )
        )
    Invitation.objects.bulk_update(answered, ["answered_at"], batch_size=1000)
    return answer_sets
