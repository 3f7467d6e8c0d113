"""Load: simulated citizens submitting through the public forms, on gunicorn + PostgreSQL + Redis.

    python -m proof.load [--duration 60] [--users 200] [--workers 4] [--scenarios story,survey]

Phases on one stack, one after the other, each ``--duration`` seconds with ``--users``
concurrent users (asyncio + httpx; one connection, cookie jar and loopback address per user;
no think time):

1. **ceiling**: every user POSTs to ``/proof/ceiling/``, a bare view that inserts one row;
2. **ceiling-form**: the same insert behind a form, ``/proof/ceiling/form/``: GET the page
   (CSRF cookie and token), POST it, answered by a redirect — a public form's round trip
   with none of the product's work;
3. one phase per product scenario, each a real citizen's round trip: GET the form (CSRF
   cookie and hidden fields), POST it, count the answer; the survey scenario walks every
   page of a survey from its invitation link.

Every submission comes from a new citizen: a fresh cookie jar and a loopback address of its
own (127.1.0.1, 127.1.0.2, …), as the product limits public submissions per address.

Afterwards the rows each scenario should have written are counted in the database: a
submission the server confirmed but did not store is *lost*; any 5xx answer is an error.
Printed: submissions per second, p50/p99 latency of the submitting POST, errors, lost rows,
and three ratios: submissions per second over the bare ceiling's inserts per second; HTTP
requests per second over the bare ceiling's; and forms posted per second (a story is one
form, a survey answer nine pages) over the ceiling form's. The load generator shares the
machine and can be what limits the cheap ceilings, so each phase also measures the CPU the
server side spent (the machine's busy time less the generator's own) per submission and per
form posted, and how it divides between the web workers, PostgreSQL, Redis and the rest;
its ratios to the ceilings' are the capacity ratios, independent of the generator.

A scenario is one line in ``SCENARIOS``: its name, the form's path (or a function of the
submission number), a function returning the fields a citizen types, and the table that
must gain one row per accepted submission; a multi-page one (the survey) has a ``walk``.
Scenarios whose feature is not installed are skipped (``available`` checks the URL).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import re
import resource
import statistics
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import asdict, dataclass, field
from html import unescape
from typing import Any

import httpx

from proof.fixtures import LOAD_PASSWORD, LOAD_USERNAME, ORGANISATION_CODE
from proof.stack import Stack, stack_start

Fields = Callable[[int, "Stack"], dict[str, str]]
Walk = Callable[[httpx.AsyncClient, int, "Stack", "Tally"], Awaitable[httpx.Response | None]]

_HIDDEN = re.compile(r"<input[^>]*type=\"hidden\"[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"(name|value)=\"([^\"]*)\"")


def hidden_fields(html: str) -> dict[str, str]:
    """The hidden inputs of a page's forms (CSRF token, signed form tokens)."""
    fields = {}
    for tag in _HIDDEN.findall(html):
        attributes = dict(_ATTRIBUTE.findall(tag))
        if "name" in attributes:
            fields[attributes["name"]] = unescape(attributes.get("value", ""))
    return fields


@dataclass(frozen=True)
class Scenario:
    """One kind of submission; see the module docstring."""

    name: str
    path: str | Callable[[int, Stack], str]
    fields: Fields
    table: str
    accepted: frozenset[int] = frozenset({302})
    form: bool = True  # GET the form first (False: POST straight away, like the ceiling)
    prepare: Callable[[Stack, int], None] | None = None  # data the scenario consumes
    # A submission of several pages: does it all and returns the last POST's answer.
    walk: Walk | None = None
    # SQL counting rows that only part of a submission wrote (must stay 0 under faults)
    partial_sql: str | None = None

    def url(self, number: int, stack: Stack) -> str:
        return self.path if isinstance(self.path, str) else self.path(number, stack)


def _login_fields(number: int, stack: Stack) -> dict[str, str]:
    return {"username": LOAD_USERNAME, "password": LOAD_PASSWORD}


def _ceiling_fields(number: int, stack: Stack) -> dict[str, str]:
    return {"payload": f"ceiling {number}"}


def _story_fields(number: int, stack: Stack) -> dict[str, str]:
    """A citizen's story; every other one leaves contact details (stored apart)."""
    fields = {
        "submitter": "business" if number % 3 else "private",
        "treatment": f"Handläggaren var vänlig men beslutet dröjde i {number % 9 + 2} veckor.",
        "do_differently": "Svara snabbare och förklara vad som saknas i ansökan.",
        "contact_choice": "anonymous",
        "notice_read": "on",
        "website": "",
    }
    if number % 2:
        fields.update(
            contact_choice="contact",
            email=f"medborgare{number}@example.se",
            treatment=fields["treatment"] + " Jag lämnar kontaktuppgifter.",
        )
    return fields


# A story stored without its creation event, or without the contact details it was sent with.
_STORY_PARTIAL = """
SELECT count(*) FROM stories_story s
WHERE NOT EXISTS (SELECT 1 FROM stories_storyevent e WHERE e.story_id = s.id)
   OR (s.raw_text LIKE '%Jag lämnar kontaktuppgifter.%'
       AND NOT EXISTS (SELECT 1 FROM stories_storycontact c WHERE c.story_id = s.id))
"""

# --- The survey: every page from the invitation link to "Send my answers" -----------------

_SURVEY_TOKENS: dict[str, Iterator[str]] = {}  # base URL of a stack: its unused link tokens
_INPUT = re.compile(r"<input[^>]*>", re.IGNORECASE)
_TYPE = re.compile(r"type=\"([^\"]*)\"")
_SELECT = re.compile(r"<select[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", re.S | re.I)
_OPTION = re.compile(r"<option[^>]*value=\"([^\"]+)\"")
_TEXTAREA = re.compile(r"<textarea[^>]*name=\"([^\"]+)\"")


def _survey_prepare(stack: Stack, count: int) -> None:
    """Invitations for ``count`` survey submissions, made by the product in the stack."""
    path = stack.data_dir / "survey-tokens.txt"
    stack.manage(
        "shell",
        "-c",
        "from proof.fixtures import survey_invitations_prepare; "
        f"survey_invitations_prepare({count}, {str(path)!r})",
        timeout=900,
    )
    _SURVEY_TOKENS[stack.base_url] = iter(path.read_text(encoding="utf-8").split())


def survey_answers(html: str, number: int) -> dict[str, str]:
    """What a respondent enters on one survey page: a value for every question shown."""
    choices: dict[str, list[str]] = {}
    for tag in _INPUT.findall(html):
        kind = _TYPE.search(tag)
        attributes = dict(_ATTRIBUTE.findall(tag))
        if kind and kind.group(1) == "radio" and "name" in attributes:
            choices.setdefault(attributes["name"], []).append(unescape(attributes["value"]))
    for name, options in _SELECT.findall(html):
        choices[name] = [unescape(value) for value in _OPTION.findall(options)]
    answers = {
        name: options[(number + index) % len(options)]
        for index, (name, options) in enumerate(sorted(choices.items()))
        if options
    }
    for name in _TEXTAREA.findall(html):
        answers[name] = "Snabb och tydlig handläggning." if number % 4 == 0 else ""
    return answers


async def _survey_walk(
    client: httpx.AsyncClient, number: int, stack: Stack, tally: Tally
) -> httpx.Response | None:
    """Open the invitation link, then fill in and send every page; the last POST's answer."""
    token = next(_SURVEY_TOKENS[stack.base_url], None)
    if token is None:
        return None
    start = await client.get(f"/enkat/{token}/")
    if start.status_code != 200:
        return start
    url = f"/enkat/{token}/sida/1/"
    while True:
        page = await client.get(url)
        if page.status_code != 200:
            return page
        last = 'value="submit"' in page.text
        data = {
            **hidden_fields(page.text),
            **survey_answers(page.text, number),
            "action": "submit" if last else "next",
        }
        started = time.monotonic()
        answer = await client.post(url, data=data, headers={"Referer": stack.base_url + url})
        if last:
            tally.latencies.append(time.monotonic() - started)
            return answer
        if answer.status_code != 302:
            return answer
        url = answer.headers["location"]


# An invitation marked answered without its answer set, or an answer set without its mark.
_SURVEY_PARTIAL = """
SELECT count(*) FROM surveys_invitation i
LEFT JOIN surveys_surveyanswer a ON a.invitation_id = i.id
WHERE (i.answered_at IS NULL) <> (a.id IS NULL)
"""

CEILING = Scenario(
    "ceiling", "/proof/ceiling/", _ceiling_fields, "ceiling_ceilingrow", frozenset({201}), False
)
CEILING_FORM = Scenario(
    "ceiling-form", "/proof/ceiling/form/", _ceiling_fields, "ceiling_ceilingrow"
)
SCENARIOS: dict[str, Scenario] = {
    "story": Scenario(
        "story",
        f"/dela-din-erfarenhet/{ORGANISATION_CODE}/",
        _story_fields,
        "stories_story",
        partial_sql=_STORY_PARTIAL,
    ),
    "survey": Scenario(
        "survey",
        lambda number, stack: "/enkat/tack/",
        lambda number, stack: {},
        "surveys_surveyanswer",
        prepare=_survey_prepare,
        walk=_survey_walk,
        partial_sql=_SURVEY_PARTIAL,
    ),
    "login": Scenario("login", "/logga-in/", _login_fields, "django_session"),
}


# What the default product phase sends: citizens' submissions. ``login`` (Argon2 hashing by
# design, ~1 s of CPU per attempt on the reference machine) is there to exercise the
# harness before the public forms existed; ask for it by name.
CITIZEN_SCENARIOS = [name for name in SCENARIOS if name != "login"]


@dataclass
class Tally:
    """What one scenario saw during a phase."""

    submissions: int = 0
    accepted: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    transport_errors: int = 0
    requests: int = 0  # every HTTP request the phase's citizens made (forms, pages, posts)
    posts: int = 0  # of which filled-in forms posted (a survey answer posts one per page)
    latencies: list[float] = field(default_factory=list)  # of the submitting POST, seconds
    rows_before: int = 0
    rows_after: int = 0
    seconds: float = 0.0  # from the first request to the last answer of the phase
    # CPU the machine spent on everything but the load generator during the phase (the web
    # workers, PostgreSQL, Redis); None when several scenarios shared the phase.
    server_cpu_s: float | None = None
    # The same CPU by kind of process (web, postgres, redis, other), in seconds.
    server_cpu_parts: dict[str, float] = field(default_factory=dict)

    @property
    def server_errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if status >= 500)

    def summary(self, seconds: float) -> dict[str, Any]:
        latencies = sorted(self.latencies)
        stored = self.rows_after - self.rows_before
        return {
            "submissions": self.submissions,
            "accepted": self.accepted,
            "per_second": round(self.accepted / seconds, 1),
            "requests_per_second": round(self.requests / seconds, 1),
            "posts_per_second": round(self.posts / seconds, 1),
            "p50_ms": round(_percentile(latencies, 50) * 1000, 1),
            "p99_ms": round(_percentile(latencies, 99) * 1000, 1),
            "statuses": dict(sorted(self.statuses.items())),
            "server_errors": self.server_errors,
            "transport_errors": self.transport_errors,
            "rows_stored": stored,
            "lost": max(self.accepted - stored, 0),
            "unconfirmed": max(stored - self.accepted, 0),
            "server_cpu_ms_per_submission": _per(self.server_cpu_s, self.accepted),
            "server_cpu_ms_per_post": _per(self.server_cpu_s, self.posts),
            "server_cpu_ms_per_post_by_process": {
                part: _per(seconds, self.posts) for part, seconds in self.server_cpu_parts.items()
            },
        }


def _per(cpu_seconds: float | None, count: int) -> float | None:
    return None if cpu_seconds is None or not count else round(cpu_seconds * 1000 / count, 2)


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds the whole machine has been busy, and those this process has used.

    Their difference over a phase is what the server side (web workers, PostgreSQL, Redis)
    spent: a measure of cost that does not depend on whether the load generator, which
    shares the machine, kept up.
    """
    with open("/proc/stat", encoding="ascii") as stat:
        # cpu  user nice system idle iowait irq softirq steal guest guest_nice (clock ticks)
        ticks = [int(value) for value in stat.readline().split()[1:9]]
    busy = sum(ticks) - ticks[3] - ticks[4]
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return busy / os.sysconf("SC_CLK_TCK"), usage.ru_utime + usage.ru_stime


# Which server process a command line belongs to; anything else (the kernel's own work,
# short-lived processes, this machine's other services) is "other".
_PROCESS_KINDS = (("web", "gunicorn"), ("postgres", "postgres"), ("redis", "redis-server"))


def cpu_seconds_by_process() -> dict[int, tuple[str, float]]:
    """Each living server process (web, postgres, redis): its kind and CPU seconds so far.

    Read from ``/proc/<pid>/stat``. ``cpu_parts`` turns two readings into a breakdown.
    """
    ticks_per_second = os.sysconf("SC_CLK_TCK")
    processes: dict[int, tuple[str, float]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry.name}/cmdline", "rb") as cmdline:
                command = cmdline.read(300).decode(errors="replace")
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stat:
                # Fields after the command's closing parenthesis; utime and stime are 14, 15.
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        for kind, marker in _PROCESS_KINDS:
            if marker in command:
                seconds = (int(fields[11]) + int(fields[12])) / ticks_per_second
                processes[int(entry.name)] = (kind, seconds)
                break
    return processes


def cpu_parts(
    before: dict[int, tuple[str, float]], after: dict[int, tuple[str, float]], server_cpu: float
) -> dict[str, float]:
    """The server CPU of a phase by kind of process, from readings at its start and end.

    A process started during the phase counts from zero; one that ended (a database
    connection closed, say) took its share with it, which falls to "other": the rest of
    the machine's busy time (the kernel's own work, short-lived processes, other services).
    """
    parts = dict.fromkeys((kind for kind, _ in _PROCESS_KINDS), 0.0)
    for pid, (kind, seconds) in after.items():
        earlier = before.get(pid)
        parts[kind] += seconds - (earlier[1] if earlier and earlier[0] == kind else 0.0)
    parts["other"] = server_cpu - sum(parts.values())
    return parts


def _percentile(values: list[float], percent: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(percent) - 1]


def user_address(number: int) -> str:
    """Submission ``number``'s citizen connects from its own loopback address (127.1.0.1, …).

    The product limits public submissions per client address; citizens share no address.
    """
    number %= 250 * 250 * 250
    return f"127.{number // 62500 + 1}.{number // 250 % 250}.{number % 250 + 1}"


async def _submit(
    scenario: Scenario, number: int, stack: Stack, tally: Tally
) -> httpx.Response | None:
    """One citizen's submission, from a fresh cookie jar and loopback address of its own."""
    transport = httpx.AsyncHTTPTransport(
        local_address=user_address(number),
        verify=False,  # plain HTTP on loopback; skips building a TLS context per citizen
        limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
    )

    async def counted(response: httpx.Response) -> None:
        tally.requests += 1
        tally.posts += response.request.method == "POST"

    async with httpx.AsyncClient(
        base_url=stack.base_url,
        timeout=60,
        transport=transport,
        event_hooks={"response": [counted]},
    ) as client:
        if scenario.walk is not None:
            return await scenario.walk(client, number, stack, tally)
        url = scenario.url(number, stack)
        data = scenario.fields(number, stack)
        if scenario.form:
            page = await client.get(url)
            if page.status_code >= 500:
                return page
            data = {**hidden_fields(page.text), **data}
        started = time.monotonic()
        answer = await client.post(url, data=data, headers={"Referer": stack.base_url + url})
        tally.latencies.append(time.monotonic() - started)
        return answer


async def _user(
    stack: Stack,
    scenarios: list[Scenario],
    numbers: Iterator[int],
    deadline: float,
    tallies: dict[str, Tally],
) -> None:
    cycle = itertools.cycle(scenarios)
    while time.monotonic() < deadline:
        scenario = next(cycle)
        tally = tallies[scenario.name]
        try:
            answer = await _submit(scenario, next(numbers), stack, tally)
        except httpx.HTTPError:
            tally.transport_errors += 1
            continue
        if answer is None:  # the scenario's prepared data is used up
            return
        tally.submissions += 1
        tally.statuses[answer.status_code] = tally.statuses.get(answer.status_code, 0) + 1
        if answer.status_code in scenario.accepted:
            tally.accepted += 1


async def _warm_up(stack: Stack, scenarios: list[Scenario]) -> None:
    """Let every worker import, connect and compile its templates before the clock runs."""
    async with httpx.AsyncClient(base_url=stack.base_url, timeout=120) as client:
        for _ in range(3 * stack.workers):
            for scenario in scenarios:
                try:
                    await client.get(scenario.url(0, stack) if scenario.form else "/healthz/")
                except httpx.HTTPError:  # a fault scenario may already be killing workers
                    continue


async def phase_run(
    stack: Stack, scenarios: list[Scenario], users: int, duration: float
) -> dict[str, Tally]:
    """Run ``users`` concurrent users over ``scenarios`` for ``duration`` seconds."""
    await _warm_up(stack, scenarios)
    tallies = {scenario.name: Tally() for scenario in scenarios}
    for scenario in scenarios:
        tallies[scenario.name].rows_before = stack.count(scenario.table)
    numbers = itertools.count()
    parts_before = cpu_seconds_by_process()
    busy_before, own_before = cpu_seconds()
    started = time.monotonic()
    deadline = started + duration
    await asyncio.gather(
        *(_user(stack, scenarios, numbers, deadline, tallies) for _ in range(users))
    )
    elapsed = time.monotonic() - started
    busy_after, own_after = cpu_seconds()
    parts_after = cpu_seconds_by_process()
    server_cpu = (busy_after - busy_before) - (own_after - own_before)
    parts = cpu_parts(parts_before, parts_after, server_cpu)
    for scenario in scenarios:
        tallies[scenario.name].rows_after = stack.count(scenario.table)
        tallies[scenario.name].seconds = elapsed
        if len(scenarios) == 1:
            tallies[scenario.name].server_cpu_s = max(server_cpu, 0.0)
            tallies[scenario.name].server_cpu_parts = parts
    return tallies


def available(stack: Stack, scenario: Scenario) -> bool:
    """Whether the scenario's feature is installed (its form answers something but 404)."""
    return httpx.get(stack.base_url + scenario.url(0, stack), timeout=30).status_code != 404


def scenarios_prepare(stack: Stack, scenarios: list[Scenario], duration: float) -> None:
    """Make the data the scenarios consume: more than the stack can take in ``duration``."""
    for scenario in scenarios:
        if scenario.prepare is not None:
            scenario.prepare(stack, int(max(duration, 5) * 150))


def load_run(
    *, duration: float, users: int, workers: int, names: list[str] | None = None
) -> dict[str, Any]:
    """Start the stack, run the two ceilings and then each scenario alone; return the figures.

    Each scenario's ``ratio_to_ceiling`` is its accepted submissions per second over the bare
    ceiling's; ``request_ratio`` compares the HTTP requests served per second (a survey
    answer takes a page view and a POST per questionnaire page, a story one of each); and
    ``form_ratio`` the forms posted per second over the ceiling form's, the same round trip
    (page, CSRF-checked POST, redirect) with only one insert behind it.
    """
    stack = stack_start(workers=workers)
    try:
        wanted = [SCENARIOS[name] for name in (names or CITIZEN_SCENARIOS)]
        scenarios = [scenario for scenario in wanted if available(stack, scenario)]
        skipped = sorted({s.name for s in wanted} - {s.name for s in scenarios})
        scenarios_prepare(stack, scenarios, duration)
        ceiling = asyncio.run(phase_run(stack, [CEILING], users, duration))["ceiling"]
        ceiling_form = asyncio.run(phase_run(stack, [CEILING_FORM], users, duration))[
            CEILING_FORM.name
        ]
        product = {
            scenario.name: asyncio.run(phase_run(stack, [scenario], users, duration))[scenario.name]
            for scenario in scenarios
        }
        partial = {
            scenario.name: int(stack.query(scenario.partial_sql)[0][0])
            for scenario in scenarios
            if scenario.partial_sql
        }
    finally:
        stack.stop()
    ceiling_figures = ceiling.summary(ceiling.seconds)
    form_figures = _with_ceiling_ratios(ceiling_form.summary(ceiling_form.seconds), ceiling_figures)
    figures: dict[str, Any] = {}
    for name, tally in product.items():
        row = _with_ceiling_ratios(tally.summary(tally.seconds), ceiling_figures)
        row["form_ratio"] = _ratio(row["posts_per_second"], form_figures["posts_per_second"])
        # Capacity ratios: the ceiling's server CPU per insert (per form posted) over the
        # scenario's per submission (per form posted) — what the throughput ratios would be
        # on a server saturated by a load generator of its own.
        row["cpu_ratio"] = _ratio(
            ceiling_figures["server_cpu_ms_per_submission"] or 0.0,
            row["server_cpu_ms_per_submission"] or 0.0,
        )
        row["cpu_form_ratio"] = _ratio(
            form_figures["server_cpu_ms_per_post"] or 0.0, row["server_cpu_ms_per_post"] or 0.0
        )
        row["partial"] = partial.get(name, 0)
        figures[name] = row
    tallies = [ceiling, ceiling_form, *product.values()]
    return {
        "users": users,
        "duration_s": duration,
        "gunicorn_workers": workers,
        "ceiling": ceiling_figures,
        "ceiling_form": form_figures,
        "scenarios": figures,
        "skipped": skipped,
        "server_errors": sum(tally.server_errors for tally in tallies),
        "lost": sum(tally.summary(1)["lost"] for tally in tallies),
        "partial": sum(partial.values()),
    }


def _with_ceiling_ratios(row: dict[str, Any], ceiling: dict[str, Any]) -> dict[str, Any]:
    """``row`` with its submissions and requests per second over the bare ceiling's."""
    row["ratio_to_ceiling"] = _ratio(row["per_second"], ceiling["per_second"])
    row["request_ratio"] = _ratio(row["requests_per_second"], ceiling["requests_per_second"])
    return row


def _ratio(value: float, ceiling: float) -> float | None:
    return round(value / ceiling, 2) if ceiling and value else None


def report_print(figures: dict[str, Any]) -> None:
    print(
        f"load: {figures['users']} users × {figures['duration_s']:g} s per phase, "
        f"{figures['gunicorn_workers']} gunicorn workers"
    )
    rows = [
        ("ceiling", figures["ceiling"]),
        ("ceiling-form", figures["ceiling_form"]),
        *figures["scenarios"].items(),
    ]
    for name, row in rows:
        ratios = (
            f"  = {row['ratio_to_ceiling']} × ceiling ({row['request_ratio']} per request)"
            if "ratio_to_ceiling" in row
            else ""
        )
        if "form_ratio" in row:
            ratios += f"; {row['form_ratio']} × ceiling form per form posted"
        print(
            f"  {name:<12} {row['per_second']:>7.1f}/s ({row['requests_per_second']:.0f} req/s)"
            f"  accepted {row['accepted']:>6}  p50 {row['p50_ms']:>7.1f} ms  "
            f"p99 {row['p99_ms']:>7.1f} ms  5xx {row['server_errors']}  lost {row['lost']}  "
            f"partial {row.get('partial', 0)}  statuses {row['statuses']}{ratios}"
        )
        cpu = (
            f"{'':14}server CPU {row['server_cpu_ms_per_submission']} ms per submission, "
            f"{row['server_cpu_ms_per_post']} ms per form posted"
        )
        if "cpu_ratio" in row:
            cpu += (
                f"  = capacity {row['cpu_ratio']} × ceiling; "
                f"{row['cpu_form_ratio']} × ceiling form per form posted"
            )
        print(cpu)
        if parts := row.get("server_cpu_ms_per_post_by_process"):
            print(
                f"{'':14}per form posted: "
                + ", ".join(f"{kind} {ms} ms" for kind, ms in parts.items())
            )
    if figures["skipped"]:
        print(f"  skipped (feature not installed): {', '.join(figures['skipped'])}")
    print(f"  5xx {figures['server_errors']}; lost {figures['lost']}; partial {figures['partial']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--scenarios", default="", help="comma-separated; default: all")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    arguments = parser.parse_args(argv)
    figures = load_run(
        duration=arguments.duration,
        users=arguments.users,
        workers=arguments.workers,
        names=[name for name in arguments.scenarios.split(",") if name] or None,
    )
    if arguments.json:
        print(json.dumps(figures, indent=2))
    else:
        report_print(figures)
    return 1 if figures["server_errors"] or figures["lost"] or figures["partial"] else 0


if __name__ == "__main__":
    raise SystemExit(main())

__all__ = ["SCENARIOS", "Scenario", "asdict", "hidden_fields", "load_run", "phase_run"]
