import random
from datetime import date, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import OperationalError

from servicepuls.surveys.errors import InvitationTokenError, ScheduleInvalidError
from servicepuls.surveys.models import Invitation, SurveyOptOut
from servicepuls.surveys.services import invitations
from servicepuls.surveys.services.cases import CaseInput, cases_store
from servicepuls.surveys.services.invitations import (
    invitation_get_by_token,
    invitation_reminders_send,
    invitation_schedule_save,
    invitations_create,
    invitations_pending_send,
    invitations_send_due,
    invitations_send_for_period,
    period_bounds,
    period_of,
    period_previous,
)
from servicepuls.surveys.services.tokens import person_key
from servicepuls.surveys.tests.helpers import NOW, bygglov, cases_with_invitations


def _cases(organisation, emails, decided_on=date(2026, 11, 10)):
    cases_store(
        organisation=organisation,
        cases=[
            CaseInput(
                external_id=f"C-{number}",
                area_id=bygglov().pk,
                respondent="private",
                decided_on=decided_on,
                email=email,
            )
            for number, email in enumerate(emails)
        ],
        source="import",
        today=date(2026, 12, 1),
    )


def _schedule(organisation, **kwargs):
    defaults = {"frequency": "monthly", "sample_size": None, "reminder_days": [7, 14]}
    return invitation_schedule_save(
        organisation=organisation, area=bygglov(), **{**defaults, **kwargs}
    )


def test_periods_are_months_or_quarters():
    assert period_of(date(2026, 11, 30), "monthly") == "2026-11"
    assert period_of(date(2026, 11, 30), "quarterly") == "2026-Q4"
    assert period_bounds("2026-Q1") == (date(2026, 1, 1), date(2026, 3, 31))
    assert period_bounds("2026-12") == (date(2026, 12, 1), date(2026, 12, 31))
    assert period_previous(date(2026, 1, 15), "monthly") == "2025-12"
    assert period_previous(date(2026, 4, 1), "quarterly") == "2026-Q1"


def test_a_sample_of_the_stated_size_is_invited(municipality_a):
    _cases(municipality_a, [f"p{n}@example.se" for n in range(10)])
    schedule = _schedule(municipality_a, sample_size=4)

    result = invitations_send_for_period(
        schedule=schedule, period="2026-11", now=NOW, rng=random.Random(1)
    )

    assert (result.invited, result.sent) == (4, 4)
    assert len(mail.outbox) == 4


def test_never_two_invitations_for_one_case(municipality_a):
    _cases(municipality_a, ["a@example.se", "b@example.se"])
    schedule = _schedule(municipality_a, person_interval_days=0)
    invitations_send_for_period(schedule=schedule, period="2026-11", now=NOW)

    again = invitations_send_for_period(schedule=schedule, period="2026-11", now=NOW)

    assert again.invited == 0
    assert Invitation.objects.count() == 2


def test_a_person_is_invited_at_most_once_per_interval(municipality_a):
    _cases(municipality_a, ["same@example.se", "SAME@example.se ", "other@example.se"])
    schedule = _schedule(municipality_a, person_interval_days=90)
    invitations_send_for_period(schedule=schedule, period="2026-11", now=NOW)
    cases_store(
        organisation=municipality_a,
        cases=[
            CaseInput(
                external_id="LATER",
                area_id=bygglov().pk,
                respondent="private",
                decided_on=date(2026, 12, 5),
                email="same@example.se",
            )
        ],
        source="import",
        today=date(2026, 12, 6),
    )

    december = invitations_send_for_period(
        schedule=schedule, period="2026-12", now=NOW + timedelta(days=31)
    )

    assert sorted(m.to[0] for m in mail.outbox) == ["other@example.se", "same@example.se"]
    assert december.invited == 0


def test_people_who_opted_out_are_not_invited(municipality_a):
    _cases(municipality_a, ["no@example.se", "yes@example.se"])
    SurveyOptOut.objects.create(
        organisation=municipality_a,
        person_key=person_key(organisation_id=municipality_a.pk, email="no@example.se"),
    )

    invitations_send_for_period(schedule=_schedule(municipality_a), period="2026-11", now=NOW)

    assert [m.to[0] for m in mail.outbox] == ["yes@example.se"]


def test_delivery_failures_are_recorded(municipality_a):
    _cases(municipality_a, ["a@example.se"])
    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("connection refused")
    ):
        result = invitations_send_for_period(
            schedule=_schedule(municipality_a), period="2026-11", now=NOW
        )

    invitation = Invitation.objects.get()
    assert (result.sent, result.failed) == (0, 1)
    assert invitation.delivery_status == "failed"
    assert "connection refused" in invitation.failure_reason


def test_reminders_follow_the_schedule_and_stop_after_an_answer(municipality_a):
    _cases(municipality_a, ["a@example.se", "b@example.se"])
    invitations_send_for_period(schedule=_schedule(municipality_a), period="2026-11", now=NOW)
    Invitation.objects.filter(case__external_id="C-1").update(answered_at=NOW)
    mail.outbox.clear()

    assert invitation_reminders_send(now=NOW + timedelta(days=6)) == 0
    assert invitation_reminders_send(now=NOW + timedelta(days=7)) == 1
    assert invitation_reminders_send(now=NOW + timedelta(days=8)) == 0
    assert invitation_reminders_send(now=NOW + timedelta(days=14)) == 1
    assert invitation_reminders_send(now=NOW + timedelta(days=40)) == 0  # only two configured

    assert [m.to[0] for m in mail.outbox] == ["a@example.se", "a@example.se"]
    assert mail.outbox[0].subject.startswith("Påminnelse:")
    assert Invitation.objects.get(case__external_id="C-0").reminders_sent == 2


def test_invitations_send_due_invites_the_last_complete_period_once(municipality_a):
    _cases(municipality_a, ["a@example.se"])
    _schedule(municipality_a)

    first = invitations_send_due(now=NOW)
    second = invitations_send_due(now=NOW + timedelta(days=1))

    assert [(r.period, r.sent) for r in first] == [("2026-11", 1)]
    assert second == []


@pytest.mark.parametrize(
    ("reminder_days", "message"),
    [([1, 2, 3, 4], "three"), ([7, 7], "different"), ([0], "between"), ([90], "between")],
)
def test_schedule_reminder_days_are_checked(municipality_a, reminder_days, message):
    with pytest.raises(ScheduleInvalidError, match=message):
        _schedule(municipality_a, reminder_days=reminder_days)


def test_drafts_of_expired_links_are_erased(municipality_a):
    from servicepuls.surveys.services.invitations import invitation_drafts_erase_expired

    _cases(municipality_a, ["a@example.se", "b@example.se"])
    invitations_send_for_period(schedule=_schedule(municipality_a), period="2026-11", now=NOW)
    Invitation.objects.update(draft={"comment": "Ring Karin på 070-1234567"})
    Invitation.objects.filter(case__external_id="C-0").update(expires_at=NOW)

    assert invitation_drafts_erase_expired(now=NOW + timedelta(seconds=1)) == 1
    assert Invitation.objects.get(case__external_id="C-0").draft == {}
    assert Invitation.objects.get(case__external_id="C-1").draft != {}


def test_invitations_left_unsent_by_an_interrupted_run_are_sent_by_the_next_run(municipality_a):
    _cases(municipality_a, [f"p{n}@example.se" for n in range(3)])
    _schedule(municipality_a)
    real_send = invitations.invitation_send
    calls = []

    def lost_on_the_second(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise OperationalError("server closed the connection unexpectedly")
        return real_send(**kwargs)

    with (
        mock.patch.object(invitations, "invitation_send", lost_on_the_second),
        pytest.raises(OperationalError),
    ):
        invitations_send_due(now=NOW)
    assert Invitation.objects.filter(delivery_status="pending").count() == 2

    resumed = invitations_send_due(now=NOW)

    assert [(r.invited, r.sent) for r in resumed] == [(0, 2)]
    assert sorted(m.to[0] for m in mail.outbox) == [f"p{n}@example.se" for n in range(3)]
    assert Invitation.objects.filter(delivery_status="sent").count() == 3


def test_an_invitation_left_sending_by_a_dead_run_is_never_sent_again(municipality_a):
    _cases(municipality_a, ["a@example.se"])
    schedule = _schedule(municipality_a)
    invitation = invitations_create(schedule=schedule, period="2026-11", now=NOW)[0]
    Invitation.objects.filter(pk=invitation.pk).update(delivery_status="sending", updated_at=NOW)

    assert invitations_pending_send(now=NOW + timedelta(minutes=1)) == (0, 0)
    assert Invitation.objects.get().delivery_status == "sending"
    invitations_pending_send(now=NOW + timedelta(minutes=20))

    invitation = Invitation.objects.get()
    assert invitation.delivery_status == "sent"
    assert "unconfirmed" in invitation.failure_reason
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_email_sent_before_the_database_went_away_is_recorded_not_sent_again(
    municipality_a, monkeypatch
):
    monkeypatch.setattr("servicepuls.common.db.RETRY_DELAYS", (0, 0))
    _cases(municipality_a, ["a@example.se"])
    schedule = _schedule(municipality_a)
    real_save = Invitation.save
    lost = []

    def save_lost_once(self, *args, **kwargs):
        if kwargs.get("update_fields") and "sent_at" in kwargs["update_fields"] and not lost:
            lost.append(1)
            raise OperationalError("server closed the connection unexpectedly")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Invitation, "save", save_lost_once)

    result = invitations_send_for_period(schedule=schedule, period="2026-11", now=NOW)

    assert (result.sent, lost) == (1, [1])
    assert [m.to[0] for m in mail.outbox] == ["a@example.se"]
    assert Invitation.objects.get().delivery_status == "sent"
    assert invitations_send_due(now=NOW) == []
    assert len(mail.outbox) == 1


def test_a_link_finds_its_invitation_as_the_orm_would_with_its_case_at_hand(
    municipality_a, django_assert_num_queries
):
    link = cases_with_invitations(municipality_a, count=1, respondent="private")[0]
    token = link.split("/")[2]
    expected = Invitation.objects.select_related("case").get()
    invitation_get_by_token(token=token, now=NOW)  # the questionnaire version is now cached

    with django_assert_num_queries(1):
        found = invitation_get_by_token(token=token, now=NOW)
        respondent = found.case.respondent
        area_id = found.case.area_id

    assert respondent == "private"
    assert area_id == expected.case.area_id
    for field in Invitation._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(expected, field.attname), field.name
    # The case's other fields load together, once, when the submission needs them.
    with django_assert_num_queries(1):
        found.case.refresh_from_db(fields=found.case.get_deferred_fields())
    assert found.case.decided_on == expected.case.decided_on
    assert found.case.outcome == expected.case.outcome


def test_an_unknown_link_is_refused_without_a_match(municipality_a):
    cases_with_invitations(municipality_a, count=1)

    with pytest.raises(InvitationTokenError) as refused:
        invitation_get_by_token(token="x" * 43, now=NOW)

    assert refused.value.reason == "unknown"
