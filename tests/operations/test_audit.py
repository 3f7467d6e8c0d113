"""scripts/audit.py: vulnerable packages fail, what could not be looked up is named, not passed off."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from packaging.utils import canonicalize_name

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit_script", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


CLEAN = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}]}
VULNERABLE = {
    "dependencies": [
        {
            "name": "django",
            "version": "5.2.0",
            "vulns": [{"id": "PYSEC-2099-1", "fix_versions": ["5.2.1"]}],
        }
    ]
}
UNREACHABLE = {
    "dependencies": [{"name": "django", "version": "5.2.19", "skip_reason": "not found on PyPI"}]
}
PARTLY = {
    "dependencies": [
        {"name": "django", "version": "5.2.19", "vulns": []},
        {"name": "private-lib", "version": "1.0", "skip_reason": "not found on PyPI"},
    ]
}


@pytest.mark.parametrize(
    ("reports", "strict", "status", "message"),
    [
        ({"pypi": CLEAN}, "", 0, "1 packages audited, 0 skipped, 0 with known"),
        ({"pypi": VULNERABLE}, "", 1, "PYSEC-2099-1 (fixed in 5.2.1)"),
        ({"pypi": UNREACHABLE, "osv": VULNERABLE}, "", 1, "pip-audit (osv)"),
        ({"pypi": PARTLY}, "", 0, "NOT AUDITED: private-lib 1.0: not found on PyPI"),
        ({"pypi": PARTLY}, "1", 3, "1 packages audited, 1 skipped"),
        ({"pypi": UNREACHABLE, "osv": None}, "", 0, "DEPENDENCY AUDIT NOT PERFORMED"),
        ({"pypi": UNREACHABLE, "osv": None}, "1", 3, "DEPENDENCY AUDIT NOT PERFORMED"),
    ],
)
def test_audit_reports_each_pip_audit_outcome(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    reports: dict[str, object],
    strict: str,
    status: int,
    message: str,
) -> None:
    audit = _load()
    monkeypatch.setattr(audit, "run_pip_audit", lambda service: reports.get(service))
    monkeypatch.setenv("AUDIT_STRICT", strict)

    # The fallback's project pages do not answer either: only pip-audit's report counts.
    assert audit.main(fetch=lambda name: None) == status
    assert message in capsys.readouterr().out


def _page(newest: str, *vulnerabilities: dict[str, object]) -> dict[str, object]:
    return {
        "info": {"version": newest, "requires_python": ">=3.12"},
        "vulnerabilities": list(vulnerabilities),
    }


INSTALLED = [("Django", "5.2.19"), ("requests", "2.32.5"), ("six", "1.17")]
ADVISORY = {"id": "GHSA-0000-1111", "fixed_in": ["2.32.6"], "withdrawn": None}
WITHDRAWN = {"id": "GHSA-2222-3333", "fixed_in": [], "withdrawn": "2026-01-02T00:00:00Z"}


@pytest.mark.parametrize(
    ("pages", "strict", "status", "messages"),
    [
        (
            {"Django": _page("6.1.3"), "requests": _page("2.32.5"), "six": _page("1.17.0")},
            "",
            0,
            [
                "2 packages audited at their newest release, 0 with known vulnerabilities; "
                "1 not audited",
                "NOT AUDITED: Django 5.2.19: not the newest release (6.1.3, for Python >=3.12)",
            ],
        ),
        (
            {"Django": _page("6.1.3"), "requests": _page("2.32.5"), "six": _page("1.17.0")},
            "1",
            3,
            ["NOT AUDITED: Django 5.2.19"],
        ),
        (
            {"Django": _page("5.2.19"), "requests": _page("2.32.5", ADVISORY), "six": None},
            "",
            1,
            [
                "requests 2.32.5: GHSA-0000-1111 (fixed in 2.32.6)",
                "NOT AUDITED: six 1.17: PyPI's project page did not answer",
            ],
        ),
        (
            {
                "Django": _page("5.2.19"),
                "requests": _page("2.32.5", WITHDRAWN),
                "six": _page("1.17"),
            },
            "1",
            0,
            ["3 packages audited at their newest release, 0 with known vulnerabilities"],
        ),
    ],
)
def test_audit_falls_back_to_project_pages(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    pages: dict[str, dict[str, object] | None],
    strict: str,
    status: int,
    messages: list[str],
) -> None:
    audit = _load()
    monkeypatch.setattr(audit, "run_pip_audit", lambda service: UNREACHABLE)
    monkeypatch.setattr(audit, "installed_packages", lambda: INSTALLED)
    monkeypatch.setenv("AUDIT_STRICT", strict)

    assert audit.main(fetch=pages.get) == status
    out = capsys.readouterr().out
    for message in messages:
        assert message in out


def test_installed_packages_are_this_environments_without_the_project() -> None:
    audit = _load()
    names = {canonicalize_name(name) for name, _version in audit.installed_packages()}

    assert {"django", "pip-audit", "numpy"} <= names
    assert "servicepuls" not in names
