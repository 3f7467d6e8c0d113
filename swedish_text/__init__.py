"""Swedish text analysis for Servicepuls: redaction of personal data and tagging.

A pure package: it imports neither Django nor the Servicepuls apps, and runs offline.
"""

from swedish_text.analysis import Analyzer, Tag, TextAnalysis, analyze
from swedish_text.redaction import PiiSpan, RedactionResult, redact

__all__ = ["Analyzer", "PiiSpan", "RedactionResult", "Tag", "TextAnalysis", "analyze", "redact"]
