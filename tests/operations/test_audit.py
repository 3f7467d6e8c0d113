"""scripts/audit.py: vulnerable packages fail, an unreachable database is reported, not passed off."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit_script", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
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


@pytest.mark.parametrize(
    ("reports", "strict", "status", "message"),
    [
        ({"pypi": CLEAN}, "", 0, "1 packages audited, 0 skipped, 0 with known"),
        ({"pypi": VULNERABLE}, "", 1, "PYSEC-2099-1 (fixed in 5.2.1)"),
        ({"pypi": UNREACHABLE, "osv": VULNERABLE}, "", 1, "pip-audit (osv)"),
        ({"pypi": UNREACHABLE, "osv": None}, "", 0, "DEPENDENCY AUDIT NOT PERFORMED"),
        ({"pypi": UNREACHABLE, "osv": None}, "1", 3, "DEPENDENCY AUDIT NOT PERFORMED"),
    ],
)
def test_audit_reports_each_outcome(
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

    assert audit.main() == status
    assert message in capsys.readouterr().out
