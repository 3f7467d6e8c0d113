from __future__ import annotations

import json
import logging
import sys

from servicepuls.common.logging import JsonFormatter


def test_json_formatter_writes_one_object_per_line_with_extra_fields():
    record = logging.makeLogRecord(
        {
            "name": "servicepuls.surveys",
            "levelname": "INFO",
            "levelno": 20,
            "msg": "sent %d",
            "args": (3,),
        }
    )
    record.organisation = "0136"

    line = JsonFormatter().format(record)

    payload = json.loads(line)
    assert "\n" not in line
    assert payload["message"] == "sent 3"
    assert payload["level"] == "INFO"
    assert payload["logger"] == "servicepuls.surveys"
    assert payload["organisation"] == "0136"
    assert payload["time"].endswith("+00:00")


def test_json_formatter_includes_the_exception():
    try:
        raise ValueError("broken åäö")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())

    payload = json.loads(JsonFormatter().format(record))

    assert "ValueError: broken åäö" in payload["exception"]
