"""The load harness: form parsing, and a short run on the real stack that counts every row."""

from __future__ import annotations

import time

from proof.load import (
    CEILING,
    CEILING_FORM,
    CITIZEN_SCENARIOS,
    SCENARIOS,
    cpu_parts,
    cpu_seconds,
    hidden_fields,
    load_run,
    survey_answers,
    user_address,
)
from tests.proof.conftest import stack_test


def test_hidden_fields_reads_csrf_and_form_tokens_unescaped() -> None:
    html = (
        '<form><input type="hidden" name="csrfmiddlewaretoken" value="abc">'
        '<input type="text" name="story" value="typed">'
        '<input name="form_token" type="hidden" value="1:x&amp;y"></form>'
    )

    assert hidden_fields(html) == {"csrfmiddlewaretoken": "abc", "form_token": "1:x&y"}


def test_survey_answers_choose_one_value_per_question_and_fill_text() -> None:
    html = (
        '<input type="radio" name="nki_satisfied" value="1" id="a">'
        '<input type="radio" name="nki_satisfied" value="10" id="b">'
        '<input name="information_1" type="radio" value="dont_know">'
        '<select name="outcome"><option value="">–</option><option value="approved">Ja</option>'
        '<option value="refused">Nej</option></select>'
        '<textarea name="comment" rows="4"></textarea>'
    )

    answers = survey_answers(html, number=4)

    assert answers["nki_satisfied"] in {"1", "10"}
    assert answers["information_1"] == "dont_know"
    assert answers["outcome"] in {"approved", "refused"}
    assert answers["comment"]  # every fourth respondent writes a comment
    assert set(answers) == {"nki_satisfied", "information_1", "outcome", "comment"}


def test_every_submission_has_a_loopback_address_of_its_own() -> None:
    addresses = [user_address(number) for number in range(200_000)]

    assert len(set(addresses)) == len(addresses)
    for address in addresses[::9_973]:
        first, *rest = (int(part) for part in address.split("."))
        assert first == 127
        assert all(0 <= part <= 250 for part in rest)
        assert rest[-1] >= 1


def test_every_scenario_names_a_table_and_accepted_statuses() -> None:
    for scenario in [CEILING, CEILING_FORM, *SCENARIOS.values()]:
        assert scenario.table
        assert scenario.accepted


@stack_test
def test_load_run_stores_every_accepted_submission() -> None:
    figures = load_run(duration=3, users=8, workers=2, names=[*CITIZEN_SCENARIOS, "login"])

    for ceiling in ("ceiling", "ceiling_form"):
        assert figures[ceiling]["accepted"] > 0, ceiling
        assert figures[ceiling]["rows_stored"] == figures[ceiling]["accepted"], ceiling
    # The ceiling form is a round trip: a page, then its POST (the redirect is not followed).
    form = figures["ceiling_form"]
    assert form["server_cpu_ms_per_post"] > 0
    assert form["requests_per_second"] >= 2 * form["posts_per_second"] - 1
    assert figures["server_errors"] == 0
    assert figures["lost"] == 0
    assert figures["partial"] == 0
    assert set(figures["scenarios"]) == {*CITIZEN_SCENARIOS, "login"}
    for name, row in figures["scenarios"].items():
        assert row["accepted"] > 0, f"{name}: nothing accepted ({row['statuses']})"
        assert row["rows_stored"] == row["accepted"], name
        assert row["ratio_to_ceiling"] is not None
        assert row["form_ratio"] is not None
        assert row["server_cpu_ms_per_submission"] > 0, name
        assert row["server_cpu_ms_per_post_by_process"]["web"] > 0, name
        assert row["cpu_ratio"] is not None, name
        assert row["requests_per_second"] >= row["per_second"]


def test_cpu_seconds_counts_this_process_within_the_machine() -> None:
    busy_before, own_before = cpu_seconds()
    deadline = time.process_time() + 0.3
    while time.process_time() < deadline:  # burn a little CPU in this process
        pass
    busy_after, own_after = cpu_seconds()

    own = own_after - own_before
    assert own >= 0.25
    # The machine's busy time includes this process's (clock ticks: allow one tick per CPU).
    assert busy_after - busy_before >= own - 0.05


def test_cpu_parts_count_new_processes_from_zero_and_ended_ones_as_other() -> None:
    before = {10: ("web", 5.0), 11: ("postgres", 2.0), 12: ("postgres", 9.0)}
    # 12 (a closed connection) ended; 13 (a new one) started; 10 is a new process by now.
    after = {10: ("redis", 0.5), 11: ("postgres", 2.25), 13: ("postgres", 0.5)}

    parts = cpu_parts(before, after, server_cpu=2.0)

    assert parts == {"web": 0.0, "postgres": 0.75, "redis": 0.5, "other": 0.75}
