"""Faults: the product loses nothing and writes nothing by halves when processes die.

    python -m proof.faults [--scenario NAME ...] [--duration 10] [--users 30]

``web-worker-kill``: citizens submit under load while gunicorn workers are killed with
SIGKILL mid-request (the master starts new ones). Every submission the server confirmed
must be in the database, no submission may be stored by halves (each scenario's
``partial_sql``), and no request may get a 5xx: a killed request is a dropped connection,
which the citizen's browser reports and lets them send again.

``postgres-restart-import``, ``postgres-restart-invitations`` and
``task-worker-kill-report`` strike background work instead (``proof.task_faults``):
PostgreSQL restarted during a case import and during invitation sending (on a private
server, ``proof.postgres.PrivateCluster``, so that nothing else on the machine is
disturbed), and the task worker killed while a steering-group report is generated.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import time
from collections.abc import Callable
from typing import Any

from proof.load import (
    CEILING,
    CITIZEN_SCENARIOS,
    SCENARIOS,
    Scenario,
    available,
    phase_run,
    scenarios_prepare,
)
from proof.stack import Stack, stack_start
from proof.task_faults import (
    postgres_restart_import,
    postgres_restart_invitations,
    task_worker_kill_report,
)


async def _workers_kill(stack: Stack, kills: int, duration: float, killed: list[int]) -> None:
    rng = random.Random(9)
    for _ in range(kills):
        await asyncio.sleep(duration / (kills + 1))
        pids = stack.worker_pids()
        if pids:
            pid = rng.choice(pids)
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)


def _partial_rows(stack: Stack, scenarios: list[Scenario]) -> int:
    return sum(
        int(stack.query(scenario.partial_sql)[0][0])
        for scenario in scenarios
        if scenario.partial_sql
    )


def web_worker_kill(*, duration: float = 10, users: int = 30, kills: int = 3) -> dict[str, Any]:
    """Submit under load while killing gunicorn workers; see the module docstring."""
    stack = stack_start(workers=3)
    try:
        scenarios = [SCENARIOS[name] for name in CITIZEN_SCENARIOS]
        scenarios = [scenario for scenario in scenarios if available(stack, scenario)]
        scenarios = scenarios or [CEILING]
        scenarios_prepare(stack, scenarios, duration)
        killed: list[int] = []

        async def run() -> dict[str, Any]:
            killer = asyncio.create_task(_workers_kill(stack, kills, duration, killed))
            tallies = await phase_run(stack, scenarios, users, duration)
            await killer
            return tallies

        tallies = asyncio.run(run())
        stack.wait_healthy()
        partial = _partial_rows(stack, scenarios)
    finally:
        stack.stop()
    rows = {name: tally.summary(duration) for name, tally in tallies.items()}
    return {
        "fault": "web-worker-kill",
        "workers_killed": len(killed),
        "scenarios": rows,
        "accepted": sum(row["accepted"] for row in rows.values()),
        "dropped_connections": sum(row["transport_errors"] for row in rows.values()),
        "server_errors": sum(row["server_errors"] for row in rows.values()),
        "lost": sum(row["lost"] for row in rows.values()),
        "unconfirmed_but_stored": sum(row["unconfirmed"] for row in rows.values()),
        "partial_rows": partial,
        "ok": all(row["lost"] == 0 and row["server_errors"] == 0 for row in rows.values())
        and partial == 0,
    }


FAULTS: dict[str, Callable[..., dict[str, Any]]] = {
    "web-worker-kill": web_worker_kill,
    "postgres-restart-import": postgres_restart_import,
    "postgres-restart-invitations": postgres_restart_invitations,
    "task-worker-kill-report": task_worker_kill_report,
}


def report_print(figures: dict[str, Any]) -> None:
    print(
        f"fault {figures['fault']}: {'OK' if figures['ok'] else 'FAILED'} — "
        + ", ".join(
            f"{key} {value}"
            for key, value in figures.items()
            if key not in {"fault", "ok", "scenarios"}
        )
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", choices=sorted(FAULTS), action="append")
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args(argv)
    failed = False
    for name in arguments.scenario or sorted(FAULTS):
        started = time.monotonic()
        figures = FAULTS[name](duration=arguments.duration, users=arguments.users)
        figures["seconds"] = round(time.monotonic() - started, 1)
        print(json.dumps(figures, indent=2)) if arguments.json else report_print(figures)
        failed = failed or not figures["ok"]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
