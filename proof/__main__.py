"""``make proof``: load, faults and hostile input, one after the other, with their figures.

    python -m proof            (PROOF_DURATION=60 for the full load profile; default 10 s)

Environment: ``PROOF_DURATION`` (seconds per load phase), ``PROOF_USERS`` (default 200),
``PROOF_WORKERS`` (gunicorn workers, default 4), ``PROOF_FUZZ_EXAMPLES`` (schemathesis
examples per API operation and identity, default 200). Exit status 1 when any scenario
fails its promise (a 5xx, a lost or half-stored submission, a fuzz finding).
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime

from proof import faults, load
from proof.stack import REPO


def _machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):  # noqa: SIM115
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.node()}: {os.cpu_count()} × {cpu}, Python {platform.python_version()}"


def main() -> int:
    duration = float(os.environ.get("PROOF_DURATION", "10"))
    users = int(os.environ.get("PROOF_USERS", "200"))
    workers = int(os.environ.get("PROOF_WORKERS", "4"))
    print(f"== proof {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {_machine()}")
    print(f"   load average before: {os.getloadavg()}")
    failed = False

    print("== load")
    figures = load.load_run(duration=duration, users=users, workers=workers)
    load.report_print(figures)
    failed |= bool(figures["server_errors"] or figures["lost"] or figures["partial"])

    print("== faults")
    for fault in faults.FAULTS.values():
        started = time.monotonic()
        result = fault(duration=max(duration / 2, 5), users=min(users, 30))
        result["seconds"] = round(time.monotonic() - started, 1)
        faults.report_print(result)
        failed |= not result["ok"]

    print("== hostile input (corpora on every public form, schemathesis on the API)")
    environment = {
        **os.environ,
        "PROOF_FUZZ_EXAMPLES": os.environ.get("PROOF_FUZZ_EXAMPLES", "200"),
    }
    environment.pop("DATABASE_URL", None)
    started = time.monotonic()
    fuzz = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "tests/security"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    summary = (fuzz.stdout.strip().splitlines() or ["no output"])[-1]
    print(f"   {summary} ({time.monotonic() - started:.0f} s)")
    if fuzz.returncode != 0:
        print(fuzz.stdout[-4000:])
        failed = True

    print("== proof " + ("FAILED" if failed else "passed"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
