"""One line of a JSON Lines file, read so that no line can stop a batch.

:func:`json_line` raises ``ValueError`` for every line it cannot use — also for JSON nested
so deeply that the decoder runs out of recursion, which ``json.loads`` reports as a
``RecursionError`` — and replaces each lone surrogate (a ``\\ud800`` escape without its
pair, which no UTF-8 output can hold) by U+FFFD. The replacement is one character for one,
so offsets into a text stay offsets into the text as read.

>>> json_line('{"text": "a\\\\ud800b"}')
{'text': 'a\ufffdb'}
>>> json_line("[" * 100_000)
Traceback (most recent call last):
...
ValueError: the JSON is nested too deeply
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["json_line"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_surrogates(key): _without_surrogates(item) for key, item in value.items()}
    return value


def json_line(line: str) -> Any:
    """The JSON value of ``line``; ``ValueError`` (``JSONDecodeError`` or ours) if there is none."""
    try:
        return _without_surrogates(json.loads(line))
    except RecursionError:
        raise ValueError("the JSON is nested too deeply") from None
