"""Minimal data the scenarios need: one organisation that uses Servicepuls and a login user.

Feature-specific data (survey invitations, imports, reports) is made by the scenario that
needs it, through the product's own services (the functions below, run inside the stack).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

LOAD_USERNAME = "proof-analytiker"
LOAD_PASSWORD = "proof-lösenord-för-last"  # noqa: S105 - a throw-away database's user
ORGANISATION_CODE = "0136"


def fixtures_load() -> None:
    """Activate Haninge and create its load-test analyst."""
    from servicepuls.accounts.choices import Role
    from servicepuls.accounts.models import User
    from servicepuls.organisations.models import Organisation
    from servicepuls.organisations.reference_data import reference_data_ensure

    reference_data_ensure()
    organisation = Organisation.objects.get(code=ORGANISATION_CODE)
    organisation.is_active = True
    organisation.save(update_fields=["is_active"])
    User.objects.create_user(
        username=LOAD_USERNAME,
        password=LOAD_PASSWORD,
        organisation=organisation,
        role=Role.ANALYST,
    )


# --- Data of the fault scenarios (run inside the stack: ``Stack.manage("shell", ...)``) -----


def _organisation() -> Any:
    from servicepuls.organisations.models import Organisation

    return Organisation.objects.get(code=ORGANISATION_CODE)


def _previous_month_day() -> date:
    from django.utils import timezone

    return timezone.localdate().replace(day=1) - timedelta(days=1)


def case_import_queue(rows: int) -> int:
    """Upload and confirm a case file of ``rows`` closed cases; its task is queued."""
    from servicepuls.surveys.choices import ImportKind
    from servicepuls.surveys.services.imports import data_import_confirm, data_import_create

    decided = _previous_month_day().isoformat()
    lines = ["ärendenummer,område,kundtyp,beslutsdatum,e-post"]
    lines += [
        f"FAULT-{number:06d},bygglov,{'business' if number % 2 else 'private'},{decided},"
        f"sokande{number}@example.se"
        for number in range(rows)
    ]
    data_import = data_import_create(
        organisation=_organisation(),
        kind=ImportKind.CASES,
        filename="arenden.csv",
        data="\n".join(lines).encode(),
    )
    data_import_confirm(data_import=data_import)
    print(f"data_import {data_import.pk}")
    return data_import.pk


def invitations_prepare(cases: int) -> Any:
    """``cases`` closed bygglov cases of last month, each with its own e-mail, and a schedule.

    Every other case is a business's. Returns the schedule.
    """
    from servicepuls.organisations.models import AuthorityArea
    from servicepuls.surveys.services.cases import CaseInput, cases_store
    from servicepuls.surveys.services.invitations import invitation_schedule_save

    organisation = _organisation()
    area = AuthorityArea.objects.get(slug="bygglov", organisation__isnull=True)
    decided = _previous_month_day()
    cases_store(
        organisation=organisation,
        cases=[
            CaseInput(
                external_id=f"INV-{number:06d}",
                area_id=area.pk,
                respondent="business" if number % 2 else "private",
                decided_on=decided,
                email=f"kund{number}@example.se",
            )
            for number in range(cases)
        ],
        source="import",
    )
    return invitation_schedule_save(
        organisation=organisation,
        area=area,
        frequency="monthly",
        sample_size=None,
        reminder_days=[7, 14],
    )


def invitations_send_enqueue() -> None:
    """Queue the daily invitation task, as the scheduler does at 08:00."""
    from servicepuls.surveys.tasks import invitations_send_due_task

    invitations_send_due_task.enqueue()


def steering_report_prepare(answer_sets: int) -> None:
    """Answer sets in every counted area for last year and this year, so reports have pages."""
    import random

    from django.utils import timezone

    from servicepuls.organisations.models import AuthorityArea
    from servicepuls.surveys.services.answers import AnswerSetInput, survey_answers_store
    from survey_stats.drivers import FACTORS

    organisation = _organisation()
    rng = random.Random(9)
    year = timezone.localdate().year
    slugs = ["bygglov", "miljo_halsoskydd", "livsmedel", "serveringstillstand"]
    inputs = []
    for slug in slugs:
        area = AuthorityArea.objects.get(slug=slug, organisation__isnull=True)
        for answer_year in (year - 1, year):
            for number in range(answer_sets // (2 * len(slugs))):
                items: dict[str, int | None] = {
                    f"{factor}_{k}": rng.randint(3, 10) for factor in FACTORS for k in (1, 2)
                }
                items.update(
                    {name: rng.randint(3, 10) for name in ("nki_satisfied", "nki_expectations")}
                )
                items["nki_ideal"] = rng.randint(3, 10)
                inputs.append(
                    AnswerSetInput(
                        organisation_id=organisation.pk,
                        area_id=area.pk,
                        year=answer_year,
                        respondent="business" if number % 3 else "private",
                        outcome="approved" if number % 4 else "rejected",
                        source="import",
                        external_id=f"REPORT-{slug}-{answer_year}-{number}",
                        items=items,
                        submitted_at=timezone.now(),
                    )
                )
    survey_answers_store(answer_sets=inputs)


def steering_report_queue() -> int:
    """Request a steering-group report as the analyst; its task is queued."""
    from servicepuls.accounts.models import User
    from servicepuls.insights.services import steering_report_request

    report = steering_report_request(user=User.objects.get(username=LOAD_USERNAME), year=None)
    print(f"report {report.pk}")
    return report.pk


def survey_invitations_prepare(count: int, path: str) -> None:
    """``count`` survey invitations of Haninge, made through the product's services.

    The cases and schedule of ``invitations_prepare``, and the schedule's invitations; their
    link tokens are written to ``path``, one a line.
    """
    from django.utils import timezone

    from servicepuls.surveys.services.invitations import invitations_create, period_of
    from servicepuls.surveys.services.tokens import invitation_token

    schedule = invitations_prepare(count)
    invitations = invitations_create(
        schedule=schedule, period=period_of(_previous_month_day(), "monthly"), now=timezone.now()
    )
    with open(path, "w", encoding="utf-8") as tokens:
        tokens.writelines(invitation_token(nonce=item.token_nonce) + "\n" for item in invitations)
