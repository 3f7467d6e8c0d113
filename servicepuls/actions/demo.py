"""Demo of the steering group's loop for Haninge: a meeting, actions in every state,
competence efforts and the public page. Runs after the survey and story demos, so that
baselines and evidence come from their data."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from servicepuls.accounts.models import User
from servicepuls.actions.models import (
    ActionKind,
    ActionStatus,
    Audience,
    EffortKind,
    EvidenceKind,
)
from servicepuls.actions.services import (
    EvidenceInput,
    action_create,
    action_transition,
    competence_effort_create,
    meeting_create,
    meeting_update,
)
from servicepuls.common.demo import DemoContext
from servicepuls.organisations.models import AuthorityArea, Department, Organisation
from servicepuls.stories.choices import StoryStatus
from servicepuls.stories.models import Story

# (title, kind, department short name, area slug, factor, target status, due offset in days,
#  public summary)
DEMO_ACTIONS = (
    (
        "Klarspråk i bygglovsbesluten",
        ActionKind.KOMMUNIKATION,
        "SBF",
        "bygglov",
        "information",
        ActionStatus.IN_PROGRESS,
        60,
        "Vi skriver om våra beslutsmallar för bygglov så att det framgår vad beslutet betyder "
        "och hur man överklagar.",
    ),
    (
        "En väg in för företagare: företagslots med svar inom två arbetsdagar",
        ActionKind.PROCESS,
        "KLF",
        None,
        "tillganglighet",
        ActionStatus.DECIDED,
        -20,
        "Företagare får en kontaktperson som samordnar kommunens myndighetsärenden.",
    ),
    (
        "Förbesked om komplett ansökan inom en vecka",
        ActionKind.PROCESS,
        "SBF",
        "bygglov",
        "effektivitet",
        ActionStatus.DONE,
        -90,
        "Du får besked inom en vecka om din ansökan är komplett eller vad som saknas.",
    ),
    (
        "Bemötandeutbildning för inspektörer",
        ActionKind.FORHALLNINGSSATT,
        "MF",
        "livsmedel",
        "bemotande",
        ActionStatus.EVALUATED,
        -200,
        "Alla livsmedelsinspektörer har gått en utbildning i bemötande och service.",
    ),
    (
        "Checklista inför serveringstillstånd på webben",
        ActionKind.KOMMUNIKATION,
        "SOF",
        "serveringstillstand",
        "information",
        ActionStatus.PROPOSED,
        120,
        "",
    ),
)

WORKFLOW = (
    ActionStatus.DECIDED,
    ActionStatus.IN_PROGRESS,
    ActionStatus.DONE,
    ActionStatus.EVALUATED,
)


def seed_demo(context: DemoContext) -> None:
    organisation: Organisation = context.objects["org:0136"]
    chair: User = context.objects["user:demo-styrgrupp"]
    today = timezone.localdate()  # demo dates are relative to the day it is loaded
    departments = {d.short_name: d for d in Department.objects.filter(organisation=organisation)}
    areas = {a.slug: a for a in AuthorityArea.objects.filter(organisation__isnull=True)}

    efforts = (
        (
            "Föreläsning: Så fungerar ett litet företag",
            EffortKind.LECTURE,
            Audience.POLITICIANS,
            31,
            ("bemotande",),
            (),
        ),
        (
            "Film: En dag med en restaurangägare",
            EffortKind.FILM,
            Audience.OFFICIALS,
            64,
            ("bemotande", "kompetens"),
            ("MF", "SOF"),
        ),
        (
            "Dialogmöte med byggföretagare",
            EffortKind.DIALOGUE_MEETING,
            Audience.BOTH,
            22,
            ("information", "effektivitet"),
            ("SBF",),
        ),
        (
            "Utbildning i klarspråk",
            EffortKind.TRAINING,
            Audience.OFFICIALS,
            18,
            ("information",),
            ("SBF", "MF"),
        ),
    )
    for offset, (
        effort_title,
        effort_kind,
        audience,
        participants,
        factors,
        short_names,
    ) in enumerate(efforts):
        competence_effort_create(
            actor=chair,
            kind=effort_kind,
            title=effort_title,
            held_on=today - dt.timedelta(days=40 + 35 * offset),
            audience=audience,
            participants=participants,
            factors=factors,
            departments=[departments[s] for s in short_names if s in departments],
            description="Demo.",
        )

    meeting = meeting_create(
        actor=chair,
        held_on=today - dt.timedelta(days=14),
        title="Styrgruppen för näringslivsfrågor",
        departments=list(departments.values()),
    )
    meeting_update(
        actor=chair,
        meeting=meeting,
        minutes="Styrgruppen gick igenom årets resultat och berättelserna från våren (demo).",
        decisions="Beslut om åtgärder för bygglov och en väg in för företagare (demo).",
    )

    shared_stories = list(
        Story.objects.filter(
            organisation=organisation,
            status__in=[StoryStatus.REVIEWED, StoryStatus.SHARED],
        ).values_list("pk", "area__slug")
    )
    for title, kind, short_name, area_slug, factor, status, due, summary in DEMO_ACTIONS:
        area = areas.get(area_slug) if area_slug else None
        evidence = [
            EvidenceInput(kind=EvidenceKind.FACTOR, area=area, factor=factor, year=today.year - 1)
        ]
        evidence += [
            EvidenceInput(kind=EvidenceKind.STORY, story_id=pk)
            for pk, slug in shared_stories
            if slug == area_slug
        ][:3]
        action = action_create(
            actor=chair,
            kind=kind,
            title=title,
            description=summary or title,
            public_summary=summary,
            owner_department=departments[short_name],
            due_on=today + dt.timedelta(days=due),
            target_area=area,
            target_factor=factor,
            evidence=evidence,
        )
        for step in WORKFLOW:
            if list(ActionStatus).index(step) > list(ActionStatus).index(status):
                break
            action = action_transition(
                actor=chair,
                action=action,
                to_status=step,
                meeting=meeting if step == ActionStatus.DECIDED else None,
                comment="Demo.",
            )
        context.objects[f"action:{title}"] = action
