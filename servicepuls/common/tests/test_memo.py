"""The process memo: the very object back, within its time, and a bounded size."""

from __future__ import annotations

import pytest

from servicepuls.common import memo as memo_module
from servicepuls.common.memo import ProcessMemo, memos_clear


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(memo_module.time, "monotonic", clock)
    return clock


def test_the_same_object_comes_back_until_its_time_is_up(clock: Clock) -> None:
    memo: ProcessMemo[list[int]] = ProcessMemo(timeout=60)
    made: list[list[int]] = []

    def make() -> list[int]:
        made.append([len(made)])
        return made[-1]

    first = memo.get("a", make)
    clock.now += 59
    again = memo.get("a", make)
    clock.now += 2
    later = memo.get("a", make)

    assert again is first
    assert later is not first
    assert made == [[0], [1]]


def test_a_full_memo_drops_expired_values_first_then_everything(clock: Clock) -> None:
    memo: ProcessMemo[str] = ProcessMemo(timeout=10, max_entries=3)
    memo.get("old", lambda: "old")
    clock.now += 5
    memo.get("b", lambda: "b")
    memo.get("c", lambda: "c")
    clock.now += 6  # "old" has expired, "b" and "c" have not

    memo.get("d", lambda: "d")

    assert memo.get("b", lambda: "new b") == "b"
    assert memo.get("c", lambda: "new c") == "c"
    memo.get("e", lambda: "e")  # full of living values: all go
    assert memo.get("b", lambda: "new b") == "new b"


def test_memos_clear_forgets_every_memo() -> None:
    first: ProcessMemo[int] = ProcessMemo(timeout=60)
    second: ProcessMemo[int] = ProcessMemo(timeout=60)
    first.get("k", lambda: 1)
    second.get("k", lambda: 2)

    memos_clear()

    assert first.get("k", lambda: 10) == 10
    assert second.get("k", lambda: 20) == 20
