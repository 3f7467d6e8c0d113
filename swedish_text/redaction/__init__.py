"""Redaction of personal data in Swedish (and English) text.

>>> redact("Mitt personnummer är 850612-1234.").text
'Mitt personnummer är [personnummer].'
"""

from .core import redact
from .spans import PII_TYPES, PLACEHOLDERS, PiiSpan, RedactionResult

__all__ = ["PII_TYPES", "PLACEHOLDERS", "PiiSpan", "RedactionResult", "redact"]
