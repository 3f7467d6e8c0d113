"""The examples in docs/statistics/*.md run as doctests, so the documented numbers are true."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

DOCS = Path(__file__).parents[2] / "docs" / "statistics"
PAGES_WITH_EXAMPLES = [
    "index.md",
    "indices.md",
    "intervals.md",
    "groups.md",
    "bands.md",
    "total.md",
    "change.md",
    "ranking.md",
]


@pytest.mark.parametrize("page", PAGES_WITH_EXAMPLES)
def test_documented_examples_hold(page: str) -> None:
    result = doctest.testfile(
        str(DOCS / page), module_relative=False, optionflags=doctest.NORMALIZE_WHITESPACE
    )

    assert result.attempted > 0
    assert result.failed == 0


def test_index_lists_every_page() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    pages = sorted(p.name for p in DOCS.glob("*.md") if p.name != "index.md")

    assert [p for p in pages if f"]({p})" not in index] == []
