"""The load harness: form parsing, and a short run on the real stack that counts every row."""

from __future__ import annotations

from proof.load import CEILING, CITIZEN_SCENARIOS, SCENARIOS, hidden_fields, load_run
from tests.proof.conftest import stack_test


def test_hidden_fields_reads_csrf_and_form_tokens_unescaped() -> None:
    html = (
        '<form><input type="hidden" name="csrfmiddlewaretoken" value="abc">'
        '<input type="text" name="story" value="typed">'
        '<input name="form_token" type="hidden" value="1:x&amp;y"></form>'
    )

    assert hidden_fields(html) == {"csrfmiddlewaretoken": "abc", "form_token": "1:x&y"}


def test_every_scenario_names_a_table_and_accepted_statuses() -> None:
    for scenario in [CEILING, *SCENARIOS.values()]:
        assert scenario.table
        assert scenario.accepted


@stack_test
def test_load_run_stores_every_accepted_submission() -> None:
    figures = load_run(duration=3, users=8, workers=2, names=[*CITIZEN_SCENARIOS, "login"])

    assert figures["ceiling"]["accepted"] > 0
    assert figures["ceiling"]["rows_stored"] == figures["ceiling"]["accepted"]
    assert figures["server_errors"] == 0
    assert figures["lost"] == 0
    assert figures["ratio_to_ceiling"] is not None
    for name, row in figures["scenarios"].items():
        assert row["accepted"] > 0, f"{name}: nothing accepted ({row['statuses']})"
