"""Dependency audit: pip-audit over the installed environment, with an honest offline report.

    .venv/bin/python scripts/audit.py          (``make audit``; CI runs it after ``make test``)

pip-audit looks every installed release up in a vulnerability database: the PyPI JSON API
per release (``/pypi/NAME/VERSION/json``) or OSV. Where neither answers (a machine whose
network reaches PyPI's project pages and files but not those endpoints, as the CI machines
here), the audit falls back to PyPI's project pages (``/pypi/NAME/json``): they carry the
known vulnerabilities of a project's *newest* release, so every installed package that is at
its newest release is audited there; the rest are listed by name as not looked up, with the
newest release and the Python it needs, never counted as clean.

Exit status: 1 when any audited package has a known vulnerability (the advisories are
printed); otherwise 0, with a loud "NOT AUDITED" list for what could not be looked up,
unless ``AUDIT_STRICT=1``, which turns any package left unaudited into exit status 3 — set
it where the network is known to be open so that a broken connection cannot pass silently.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

PIP_AUDIT = Path(sys.executable).parent / "pip-audit"
SERVICES = ("pypi", "osv")
PROJECT_PAGE = "https://pypi.org/pypi/{name}/json"
# The project itself (installed editable) is not a dependency.
OWN_DISTRIBUTIONS = frozenset({"servicepuls"})

Fetch = Callable[[str], dict[str, object] | None]


def run_pip_audit(service: str) -> dict[str, object] | None:
    """Run pip-audit against one vulnerability service; None when it could not run at all."""
    result = subprocess.run(  # noqa: S603 - fixed command
        [
            str(PIP_AUDIT),
            *("--format", "json", "--progress-spinner", "off", "--skip-editable"),
            *("--vulnerability-service", service, "--timeout", "20"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        return json.loads(result.stdout)  # type: ignore[no-any-return]
    except json.JSONDecodeError:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"pip-audit ({service}) could not run: {last}")
        return None


def exit_status(*, vulnerable: bool, unaudited: bool) -> int:
    """1 for a known vulnerability; 3 for a package left unaudited under ``AUDIT_STRICT=1``."""
    if vulnerable:
        return 1
    return 3 if unaudited and os.environ.get("AUDIT_STRICT") == "1" else 0


def pip_audit_report(service: str, report: dict[str, object]) -> int | None:
    """Print one pip-audit report; its exit status, or None when it audited nothing."""
    dependencies = report.get("dependencies")
    if not isinstance(dependencies, list):
        print(f"pip-audit ({service}) wrote an unexpected report; trying the next service.")
        return None
    audited = [entry for entry in dependencies if "skip_reason" not in entry]
    if not audited:
        print(f"pip-audit ({service}): no package could be looked up; trying the next service.")
        return None
    vulnerable = [entry for entry in audited if entry["vulns"]]
    skipped = [entry for entry in dependencies if "skip_reason" in entry]
    print(
        f"pip-audit ({service}): {len(audited)} packages audited, {len(skipped)} skipped, "
        f"{len(vulnerable)} with known vulnerabilities."
    )
    for entry in vulnerable:
        for vuln in entry["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed release"
            print(f"  {entry['name']} {entry['version']}: {vuln['id']} (fixed in {fixes})")
    for entry in skipped:
        print(f"  NOT AUDITED: {entry['name']} {entry.get('version', '')}: {entry['skip_reason']}")
    return exit_status(vulnerable=bool(vulnerable), unaudited=bool(skipped))


# --- Fallback: PyPI's project pages -------------------------------------------------------


@dataclass
class ProjectAudit:
    """What the project pages said of the installed packages."""

    audited: list[tuple[str, str]] = field(default_factory=list)
    vulnerable: list[tuple[str, str, str, str]] = field(default_factory=list)
    not_audited: list[tuple[str, str, str]] = field(default_factory=list)


def installed_packages() -> list[tuple[str, str]]:
    """(name, version) of every distribution in this environment but the project itself."""
    packages = {
        (dist.metadata["Name"], dist.version)
        for dist in metadata.distributions()
        if dist.metadata["Name"]
        and canonicalize_name(dist.metadata["Name"]) not in OWN_DISTRIBUTIONS
    }
    return sorted(packages, key=lambda package: package[0].lower())


def project_page_fetch(name: str) -> dict[str, object] | None:
    """PyPI's JSON page of one project; None when it cannot be read."""
    url = PROJECT_PAGE.format(name=name)
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - fixed https URL
            return json.load(response)  # type: ignore[no-any-return]
    except (OSError, ValueError, urllib.error.URLError):
        return None


def _active(vulnerability: dict[str, object]) -> bool:
    return not vulnerability.get("withdrawn")


def same_release(installed: str, newest: str) -> bool:
    """Whether two version strings name one release ("2.0" and "2.0.0" do)."""
    try:
        return Version(installed) == Version(newest)
    except InvalidVersion:
        return installed == newest


def project_audit(packages: Iterable[tuple[str, str]], fetch: Fetch) -> ProjectAudit:
    """Audit each package at its newest release against that release's known vulnerabilities."""
    packages = list(packages)
    with ThreadPoolExecutor(max_workers=8) as pool:
        pages = list(pool.map(lambda package: fetch(package[0]), packages))
    result = ProjectAudit()
    for (name, version), page in zip(packages, pages, strict=True):
        info = page.get("info") if isinstance(page, dict) else None
        if not isinstance(page, dict) or not isinstance(info, dict):
            result.not_audited.append((name, version, "PyPI's project page did not answer"))
            continue
        newest = str(info.get("version", ""))
        if not same_release(version, newest):
            needs = info.get("requires_python") or "any Python"
            result.not_audited.append(
                (name, version, f"not the newest release ({newest}, for Python {needs})")
            )
            continue
        vulnerabilities = page.get("vulnerabilities")
        if not isinstance(vulnerabilities, list):
            result.not_audited.append((name, version, "PyPI's project page lists no advisories"))
            continue
        result.audited.append((name, version))
        for vulnerability in filter(_active, vulnerabilities):
            fixes = ", ".join(vulnerability.get("fixed_in") or []) or "no fixed release"
            result.vulnerable.append((name, version, str(vulnerability.get("id")), fixes))
    return result


def project_audit_report(result: ProjectAudit) -> int:
    """Print the fallback's findings; its exit status."""
    if not result.audited:
        print(
            "DEPENDENCY AUDIT NOT PERFORMED: neither pip-audit's services (the PyPI JSON API "
            "per release, OSV) nor PyPI's project pages answered. Run `make audit` where "
            "pypi.org and api.osv.dev are reachable."
        )
        return exit_status(vulnerable=False, unaudited=True)
    packages = {name for name, _version, _id, _fixes in result.vulnerable}
    print(
        f"PyPI project pages: {len(result.audited)} packages audited at their newest release, "
        f"{len(packages)} with known vulnerabilities; {len(result.not_audited)} not audited."
    )
    for name, version, identifier, fixes in result.vulnerable:
        print(f"  {name} {version}: {identifier} (fixed in {fixes})")
    for name, version, reason in result.not_audited:
        print(f"  NOT AUDITED: {name} {version}: {reason}")
    if result.not_audited:
        print(
            "  (PyPI's project pages describe only a project's newest release; the packages "
            "above need pip-audit with the network open: `AUDIT_STRICT=1 make audit`.)"
        )
    return exit_status(vulnerable=bool(result.vulnerable), unaudited=bool(result.not_audited))


def main(fetch: Fetch = project_page_fetch) -> int:
    for service in SERVICES:
        report = run_pip_audit(service)
        if report is None:
            continue
        status = pip_audit_report(service, report)
        if status is not None:
            return status
    print("pip-audit could not look any package up; falling back to PyPI's project pages.")
    return project_audit_report(project_audit(installed_packages(), fetch))


if __name__ == "__main__":
    sys.exit(main())
