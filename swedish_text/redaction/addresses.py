"""Street addresses: a Swedish or English street name followed by a house number.

A Swedish street name is usually one compound word ending in a street word
(``Storgatan``, ``Ringvägen``, ``Granstigen``) or a few words ending in one
(``Västra vägen``, ``Gustav Adolfs torg``). The span covers the street, the number, an
entrance letter and an apartment number (``Ringvägen 5 B, lgh 1102``); a street name
without a number is not personal data and stays, and so do the postcode and the town.
"""

from __future__ import annotations

import re
from typing import Final

from .numbers import Candidate

__all__ = ["PRIORITY_ADDRESS", "find_addresses", "looks_like_street"]

PRIORITY_ADDRESS: Final = 20

# Street words that end a compound street name; spellings without å/ä/ö included.
_SUFFIXES: Final = [
    "gatan",
    "gata",
    "vägen",
    "vagen",
    "väg",
    "vag",
    "gränden",
    "granden",
    "gränd",
    "grand",
    "backen",
    "backe",
    "backarna",
    "stigen",
    "stig",
    "torget",
    "torg",
    "allén",
    "allen",
    "allé",
    "alle",
    "planen",
    "plan",
    "leden",
    "led",
    "slingan",
    "slinga",
    "gången",
    "gangen",
    "platsen",
    "plats",
    "kajen",
    "kaj",
    "stråket",
    "straket",
    "promenaden",
    "esplanaden",
    "ringen",
    "svängen",
    "svangen",
    "kroken",
    "höjden",
    "hojden",
    "liden",
    "bryggan",
    "parken",
    "kullen",
    "ängen",
    "angen",
    "hagen",
    "udden",
    "vången",
    "vangen",
    "gårdsväg",
]
# Suffixes distinctive enough to accept a street written in lower case ("storgatan 3").
_STRONG_SUFFIXES: Final = [
    "gatan",
    "vägen",
    "vagen",
    "gränd",
    "grand",
    "stigen",
    "torget",
    "backen",
    "slingan",
    "allén",
]
# Words separate from the name that end a multi-word street ("Västra vägen").
_STREET_WORDS: Final = [
    "väg",
    "vägen",
    "vag",
    "vagen",
    "gata",
    "gatan",
    "torg",
    "torget",
    "gränd",
    "allé",
    "alle",
    "backe",
    "backen",
    "stig",
    "plan",
    "plats",
    "park",
    "kaj",
    "led",
    "stråk",
    "strand",
]
# Capitalised words that commonly precede a compound street name.
_DIRECTIONS: Final = [
    "Norra",
    "Södra",
    "Sodra",
    "Östra",
    "Ostra",
    "Västra",
    "Vastra",
    "Stora",
    "Lilla",
    "Nya",
    "Gamla",
    "Sankt",
    "S:t",
    "Övre",
    "Ovre",
    "Nedre",
    "Yttre",
    "Inre",
    "Bortre",
]
# Ordinary nouns that end like a street name but are not one.
_NOT_STREETS: Final = frozenset(
    [
        "kontrollplan",
        "detaljplan",
        "översiktsplan",
        "oversiktsplan",
        "handlingsplan",
        "tidsplan",
        "situationsplan",
        "arbetsplats",
        "parkeringsplats",
        "serveringsplats",
        "byggplats",
        "arbetsplan",
        "bottenplan",
        "markplan",
        "våningsplan",
        "entréplan",
        "entreplan",
        "ritningsplan",
        "planen",
        "avfallsplan",
        "verksamhetsplan",
        "åtgärdsplan",
        "atgardsplan",
        "egenkontrollplan",
        "kontrollplanen",
        "detaljplanen",
        "tillfartsvägen",
        "vägen",
        "gatan",
        "torget",
    ]
)

# Capitalised words that may open a sentence before a multi-word street name.
_LEADING_WORDS: Final = frozenset(
    [
        "från",
        "fran",
        "på",
        "pa",
        "i",
        "vid",
        "till",
        "och",
        "men",
        "vi",
        "jag",
        "han",
        "hon",
        "de",
        "det",
        "den",
        "om",
        "efter",
        "mot",
        "hos",
        "med",
        "utanför",
        "utanfor",
        "nära",
        "nara",
        "bakom",
        "se",
        "besök",
        "besok",
        "adress",
        "adressen",
        "adressen:",
        "är",
        "ar",
        "in",
        "at",
        "on",
        "from",
        "to",
        "near",
        "the",
        "our",
        "my",
        "we",
        "on",
        "at",
        "by",
    ]
)

_LETTER: Final = r"[A-ZÅÄÖÉa-zåäöéüæøß]"
_LOWER: Final = r"[a-zåäöéüæøß]"
_UPPER: Final = r"[A-ZÅÄÖÉÜÆØ]"


def _alternatives(words: list[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_NUMBER: Final = (
    r"[ \t\u00a0]\d{1,4}"
    r"(?:[a-zA-Z](?!\w)|[ \t\u00a0][A-H](?![\w:.]))?"
    r"(?:[ \t\u00a0]?[-\u2013][ \t\u00a0]?\d{1,4}(?!\d))?"
    r"(?!\d)(?![.,:]\d)"
    r"(?![ \t\u00a0]?(?:kr|kronor|sek|%|procent|år|ar|st|dagar|veckor|månader|manader|"
    r"timmar|minuter|gånger|ganger|m|meter|km|kvm|m2|personer|anställda|dygn)\b)"
    r"(?:,?[ \t\u00a0](?:lgh|lägenhet|lagenhet|lägenhetsnummer|apt|apartment)\.?"
    r"[ \t\u00a0]?\d{1,5}(?!\d))?"
)
_SWEDISH_RE: Final = re.compile(
    rf"(?<!{_LETTER})(?P<street>"
    rf"(?:(?:{_alternatives(_DIRECTIONS)})[ \t\u00a0])?"
    rf"{_UPPER}{_LOWER}*(?:-{_LETTER}{_LOWER}*)?(?:{_alternatives(_SUFFIXES)})"
    rf"|{_LOWER}{{2,}}(?:{_alternatives(_STRONG_SUFFIXES)})"
    rf"|(?:{_UPPER}[\w:'\-]*[ \t\u00a0]){{1,3}}(?i:{_alternatives(_STREET_WORDS)})"
    rf")(?!{_LETTER})(?P<number>{_NUMBER})"
)
_ENGLISH_KINDS: Final = (
    r"(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Dr\.?|Way|Court|Ct\.?|Place|"
    r"Boulevard|Blvd\.?|Close|Crescent|Terrace|Square|Gardens|Row|Hill|Parade|Mews)"
)
_ENGLISH_RE: Final = re.compile(
    rf"(?<![\w,])\d{{1,5}}[A-Za-z]?,?[ \t\u00a0](?:{_UPPER}{_LOWER}+[ \t\u00a0]){{1,3}}"
    rf"{_ENGLISH_KINDS}(?!{_LETTER})"
)


_SUFFIX_TUPLE: Final = tuple(_SUFFIXES)


def looks_like_street(word: str) -> bool:
    """Whether a lower-case word is shaped like a Swedish street name (``storgatan``).

    >>> looks_like_street("ringvägen"), looks_like_street("lindqvist")
    (True, False)
    """
    return word.endswith(_SUFFIX_TUPLE) and word not in _NOT_STREETS and word not in _SUFFIXES


# A letter, a space and a digit: where a Swedish street name can meet its number.
_HOUSE_NUMBER_RE: Final = re.compile(r"[^\W\d_][ \t\u00a0]\d")
_WINDOW_BEFORE: Final = 90
_WINDOW_AFTER: Final = 40


def _swedish_matches(text: str) -> list[re.Match[str]]:
    """The Swedish street matches, searched only near a place where a number follows a word.

    Scanning the whole text with the street pattern costs far more than finding the
    few spots where a word is followed by a number and matching around them.
    """
    matches: dict[int, re.Match[str]] = {}
    searched_to = 0
    for hit in _HOUSE_NUMBER_RE.finditer(text):
        if hit.start() < searched_to - _WINDOW_AFTER:
            continue  # covered by the previous window
        begin = max(searched_to - _WINDOW_AFTER, hit.start() - _WINDOW_BEFORE, 0)
        searched_to = min(len(text), hit.end() + _WINDOW_AFTER)
        for match in _SWEDISH_RE.finditer(text, begin, searched_to):
            previous = matches.get(match.start())
            if previous is None or previous.end() < match.end():
                matches[match.start()] = match
    return [matches[start] for start in sorted(matches)]


def find_addresses(text: str) -> list[Candidate]:
    """Return the street addresses (street and number) in ``text``.

    >>> text = "Vi bor på Storgatan 12 B, 136 40 Haninge, nära 10 Downing Street."
    >>> [text[c.start:c.end] for c in find_addresses(text)]
    ['Storgatan 12 B', '10 Downing Street']
    """
    found = []
    for match in _swedish_matches(text):
        words = match["street"].split()
        if len(words) == 1 and words[0].lower() in _NOT_STREETS:
            continue
        start = match.start()
        while len(words) > 1 and words[0].lower() in _LEADING_WORDS:
            start = text.index(words[1], start + len(words[0]))
            words.pop(0)
        found.append(Candidate("adress", start, match.end(), PRIORITY_ADDRESS))
    found.extend(
        Candidate("adress", m.start(), m.end(), PRIORITY_ADDRESS)
        for m in _ENGLISH_RE.finditer(text)
    )
    return found
