"""The canonical answer-set CSV of ``DESIGN.md`` §6: header rules, a validating reader.

The format (UTF-8, comma-separated, one header row)::

    answer_id, organisation, area, year, closed_on, respondent, outcome,
    information_1 … information_k, tillganglighet_1 …, bemotande_1 …, kompetens_1 …,
    rattssakerhet_1 …, effektivitet_1 …, nki_satisfied, nki_expectations, nki_ideal, comment

Every fixed column must be present, each factor has one or more item columns
``<factor>_<n>`` (``n`` = 1, 2, …), and any other column is an error. Columns may come in any
order (writers should use :func:`canonical_header`, which gives the order above). Item answers
are whole numbers on the questionnaire's scale, or empty for "not answered".

:func:`read_canonical_csv` reads such a file into an :class:`AnswerTable` of numpy columns.
Anything wrong raises :class:`CanonicalCsvError`, whose message is one line naming the file,
the line and the column, so a person can open the file and fix it.

See ``docs/statistics/indices.md`` for how the answers become indices.
"""

from survey_stats.canonical.format import (
    COMMENT_COLUMN,
    FIXED_COLUMNS,
    KEY_COLUMNS,
    OUTCOMES,
    RESPONDENTS,
    YEAR_RANGE,
    AnswerTable,
    CanonicalCsvError,
    canonical_header,
    item_column,
    parse_item_column,
)
from survey_stats.canonical.reader import read_canonical_csv

__all__ = [
    "COMMENT_COLUMN",
    "FIXED_COLUMNS",
    "KEY_COLUMNS",
    "OUTCOMES",
    "RESPONDENTS",
    "YEAR_RANGE",
    "AnswerTable",
    "CanonicalCsvError",
    "canonical_header",
    "item_column",
    "parse_item_column",
    "read_canonical_csv",
]
