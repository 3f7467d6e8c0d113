"""Person names: name lists the project owns, plus the context around a word.

A word is taken for (part of) a person's name when

- it is a known first name, capitalised (``Karin``), and is not a word that is also an
  ordinary word (``Bo``, ``Per``, ``Hans``, ``Stig``...) unless the context supports it:
  a surname after it (``Bo Fransson``), a role before it (``handläggaren Per``), a
  greeting or signature (``Hej Dag,``, ``/Stig``), a verb of speech after it (``Per
  ringde``) or a capital letter in the middle of a sentence;
- it follows a role, a title, a greeting or a signature (``bygglovshandläggaren
  Zorana``, ``Mvh\\nAnna Svensson``), even when it is a name the lists do not know;
- it is a surname on its own that cannot be anything else (``Svensson``, ``Hodžić``,
  ``Hosseinzadeh``);

and each such start is extended over the capitalised words, particles (``von``,
``al``) and initials (``Erik S.``) that follow it on the same line.

Company names stay: a name followed by a company form (``AB``, ``HB``, ``&``) or a
surname followed by another capitalised word or an abbreviation (``Lindqvists Bygg``,
``Berg Fasad``, ``Lindmarks VVS``) is a firm, and so is a name after a business word
(``Bistro Lönn``). Place names stay when the context says place (``i Lund``, ``Mora
kommun``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final, NamedTuple

from .addresses import looks_like_street
from .numbers import Candidate
from .spans import PII_TYPES

__all__ = ["PRIORITY_NAME", "NameLexicon", "find_names", "name_key"]

PRIORITY_NAME: Final = 10

_WORD_RE: Final = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_SENTENCE_END_RE: Final = re.compile(r"[.!?;\n]")

# Words before a name that say a person follows (lower case, exact).
_ROLE_WORDS: Final = frozenset(
    [
        "handläggare",
        "handläggaren",
        "handlaggare",
        "handlaggaren",
        "inspektör",
        "inspektören",
        "inspektor",
        "inspektoren",
        "tjänsteman",
        "tjänstemannen",
        "tjansteman",
        "tjanstemannen",
        "tjänsteperson",
        "tjänstepersonen",
        "chef",
        "chefen",
        "kollega",
        "kollegan",
        "kollegor",
        "grannen",
        "granne",
        "herr",
        "fru",
        "fröken",
        "hr",
        "frk",
        "registratorn",
        "receptionisten",
        "lotsen",
        "företagslotsen",
        "handläggarna",
        "politikern",
        "ordförande",
        "ordföranden",
        "kommunalrådet",
        "kommunalråd",
        "sekreteraren",
        "samordnaren",
        "rådgivaren",
        "konsulten",
        "arkitekten",
        "ingenjören",
        "juristen",
        "advokaten",
        "sotaren",
        "skorstensfejaren",
        "kontaktperson",
        "kontaktpersonen",
        "ägaren",
        "ägare",
        "delägaren",
        "delägare",
        "vd",
        "kunden",
        "kund",
        "sökande",
        "sökanden",
        "sokande",
        "klagande",
        "anmälaren",
        "anmälare",
        "fastighetsägare",
        "fastighetsägaren",
        "fastighetsagare",
        "företagaren",
        "foretagaren",
        "byggherren",
        "mannen",
        "kvinnan",
        "hustrun",
        "maken",
        "makan",
        "sambon",
        "sambo",
        "dottern",
        "sonen",
        "pappa",
        "mamma",
        "kontakt",
        "tel",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "officer",
        "inspector",
        "manager",
        "colleague",
        "caseworker",
        "advisor",
        "adviser",
        "clerk",
        "chairman",
        "councillor",
        "contact",
        "owner",
        "neighbour",
        "neighbor",
        "applicant",
        "mrs.",
        "mr.",
        "ms.",
        "dr.",
        "heter",
        "hette",
        "kallas",
        "named",
        "called",
        "kontaktade",
        "träffade",
        "ringde",
        "tackade",
        "till",
        "med",
        "av",
        "hos",
    ]
)
# The same roles as the end of a compound: "bygglovshandläggaren", "miljöinspektören".
_ROLE_SUFFIXES: Final = (
    "handläggaren",
    "handläggare",
    "handlaggaren",
    "handlaggare",
    "inspektören",
    "inspektör",
    "inspektoren",
    "inspektor",
    "chefen",
    "chef",
    "arkitekten",
    "ingenjören",
    "sekreteraren",
    "ansvarige",
    "ansvarig",
    "samordnaren",
    "lotsen",
    "rådgivaren",
    "utvecklaren",
    "konsulten",
    "juristen",
    "ägaren",
    "ägare",
    "agaren",
    "agare",
    "handlaren",
    "företagaren",
    "foretagaren",
    "tekniker",
    "teknikern",
    "mottagare",
    "mottagaren",
    "ledaren",
    "ledare",
    "förvaltare",
)
# Words in that list that are too common to lend support on their own: they support
# only a name the lists know ("med Karin", "till Stig") and never an unknown word.
_WEAK_ROLE_WORDS: Final = frozenset(
    ["till", "med", "av", "hos", "kontaktade", "träffade", "ringde", "tackade"]
)
# Greetings and signatures: the capitalised words right after them are a name.
_GREETINGS: Final = frozenset(
    ["hej", "hejsan", "hallå", "halla", "hi", "hello", "dear", "kära", "bäste", "bästa"]
)
_SIGNATURES: Final = frozenset(
    [
        "mvh",
        "hälsningar",
        "halsningar",
        "hälsning",
        "halsning",
        "vänligen",
        "vanligen",
        "regards",
        "cheers",
        "best",
        "sincerely",
        "thanks",
        "noterat",
        "antecknat",
        "signerat",
    ]
)
# Verbs after a name that make an ambiguous first name a person ("Per ringde").
_PERSON_VERBS: Final = frozenset(
    [
        "ringde",
        "sa",
        "sade",
        "svarade",
        "skrev",
        "mejlade",
        "mailade",
        "hjälpte",
        "hjalpte",
        "förklarade",
        "forklarade",
        "menade",
        "lovade",
        "tyckte",
        "visade",
        "kom",
        "gav",
        "tog",
        "var",
        "är",
        "ar",
        "har",
        "hade",
        "kunde",
        "skulle",
        "ville",
        "fick",
        "berättade",
        "berattade",
        "återkom",
        "aterkom",
        "tackade",
        "beslutade",
        "bedömde",
        "informerade",
        "påpekade",
        "said",
        "told",
        "called",
        "wrote",
        "replied",
        "helped",
        "explained",
        "was",
        "is",
        "has",
        "had",
        "came",
        "promised",
    ]
)
# Capitalised words that are never a name, whatever comes before them.
_NOT_NAMES: Final = frozenset(
    [
        "och",
        "men",
        "jag",
        "vi",
        "han",
        "hon",
        "de",
        "den",
        "det",
        "du",
        "ni",
        "er",
        "dig",
        "mig",
        "oss",
        "sir",
        "madam",
        "team",
        "all",
        "alla",
        "kommun",
        "kommunen",
        "the",
        "a",
        "an",
        "i",
        "it",
        "we",
        "he",
        "she",
        "they",
        "you",
        "hej",
        "tack",
        "mvh",
        "hälsningar",
        "regards",
        "best",
        "kind",
        "thanks",
        "cheers",
        "sincerely",
        "vänliga",
        "vänligen",
        "bästa",
        "med",
        "från",
        "till",
        "på",
        "kontakt",
        "tel",
        "telefon",
        "mobil",
        "mejl",
        "mail",
        "adress",
        "vd",
        "ägare",
        "sökande",
        "kund",
        "kunden",
        "enheten",
        "nämnden",
        "förvaltningen",
        "staden",
        "länsstyrelsen",
        "bygglov",
        "miljö",
        "kontaktcenter",
        "företagslotsen",
        "om",
        "när",
        "efter",
        "sedan",
        "nu",
        "ja",
        "nej",
        "ok",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "herr",
        "fru",
        "fröken",
        "enligt",
        "även",
        "dessutom",
        "okej",
        "hello",
        "hi",
        "dear",
        "hey",
        "god",
        "goda",
        "trevlig",
        "helg",
        "måndag",
        "tisdag",
        "onsdag",
        "torsdag",
        "fredag",
        "lördag",
        "söndag",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
# Company forms after a name, and business words before one.
_COMPANY_MARKERS: Final = frozenset(
    [
        "ab",
        "hb",
        "kb",
        "aktiebolag",
        "handelsbolag",
        "ltd",
        "limited",
        "inc",
        "llc",
        "oy",
        "as",
        "gmbh",
        "plc",
        "co",
        "&",
        "och",
    ]
)
_BUSINESS_WORDS: Final = frozenset(
    [
        "café",
        "cafe",
        "cafét",
        "kafé",
        "bistro",
        "restaurang",
        "restaurant",
        "pizzeria",
        "taverna",
        "trattoria",
        "salong",
        "salongen",
        "hotell",
        "hotel",
        "krog",
        "krogen",
        "bar",
        "pub",
        "butik",
        "kiosk",
        "bageri",
        "bageriet",
        "konditori",
        "studio",
        "villa",
        "camping",
        "gården",
        "gård",
        "galleri",
        "firma",
        "bryggeri",
        "sushi",
        "grill",
        "kebab",
        "frisör",
        "frisörsalong",
        "food",
        "foods",
        "street",
        "market",
        "deli",
        "livs",
        "bygg",
        "byggnads",
        "byggservice",
        "fastigheter",
        "fastighet",
        "schakt",
        "trading",
        "consulting",
        "konsult",
        "konsulter",
        "service",
        "vvs",
        "rör",
        "ror",
        "måleri",
        "maleri",
        "snickeri",
        "åkeri",
        "akeri",
        "transport",
        "logistik",
        "bilservice",
        "hantverk",
        "städ",
        "entreprenad",
        "fasad",
        "plåt",
        "tak",
        "trädgård",
        "blommor",
        "hudvård",
        "skönhet",
        "träning",
        "design",
        "media",
        "events",
        "event",
        "catering",
        "kök",
        "pizza",
        "thai",
        "invest",
        "holding",
        "group",
        "gruppen",
        "partner",
        "partners",
        "juridik",
        "redovisning",
        "ekonomi",
        "revision",
        "installation",
        "ventilation",
        "golv",
        "lack",
        "bilverkstad",
        "verkstad",
        "motor",
        "import",
        "export",
        "handel",
        "kitchen",
        "shop",
        "store",
        "company",
        "consult",
    ]
)
_PLACE_PREPOSITIONS: Final = frozenset(
    ["i", "från", "fran", "till", "mot", "vid", "utanför", "nära", "in", "from", "to", "at", "near"]
)
# Prepositions after which a capitalised word is a place, never a person.
_IN_PLACE: Final = frozenset(["i", "utanför", "nära", "in", "near"])
_PLACE_NOUNS: Final = frozenset(
    ["kommun", "kommuns", "stad", "stads", "län", "läns", "församling", "hamn", "municipality"]
)
_PARTICLES: Final = frozenset(
    [
        "von",
        "van",
        "der",
        "den",
        "de",
        "af",
        "al",
        "el",
        "bin",
        "ibn",
        "abu",
        "da",
        "di",
        "du",
        "la",
        "le",
    ]
)
_STREET_WORDS: Final = frozenset(
    [
        "väg",
        "vägen",
        "gata",
        "gatan",
        "torg",
        "torget",
        "gränd",
        "allé",
        "plan",
        "backe",
        "stig",
        "plats",
        "park",
        "skola",
        "kyrka",
    ]
)
# Surname endings that make a capitalised word a surname on its own.
_SURNAME_SUFFIX_RE: Final = re.compile(
    r"(?:[^s]sson|ović|ovic|ević|evic|zadeh|poulos|opoulou|akis|idis|ssen|ström|strom|"
    r"qvist|kvist|gren|blom|dahl|berg|holm|lund|ski|ska|nen)$"
)
_STRONG_SURNAME_SUFFIX_RE: Final = re.compile(
    r"(?:[^s]sson|ović|ovic|ević|evic|zadeh|poulos|opoulou|ainen|äinen)s?$"
)

_FOLD: Final = str.maketrans(
    {"ı": "i", "ł": "l", "đ": "d", "ø": "o", "æ": "ae", "ß": "ss", "’": "'"}
)


@cache
def name_key(word: str) -> str:
    """The form a word is looked up by: lower case, without diacritics.

    >>> name_key("Björk"), name_key("Hodžić"), name_key("ÅSA")
    ('bjork', 'hodzic', 'asa')
    """
    decomposed = unicodedata.normalize("NFKD", word.lower().translate(_FOLD))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _read_list(name: str) -> frozenset[str]:
    path = resources.files("swedish_text") / "data" / "names" / name
    text = path.read_text(encoding="utf-8")
    return frozenset(
        name_key(line.strip())
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


@dataclass(frozen=True)
class NameLexicon:
    """The name lists, keyed by :func:`name_key`."""

    first_names: frozenset[str]
    surnames: frozenset[str]
    ambiguous_first_names: frozenset[str]
    ambiguous_surnames: frozenset[str]
    places: frozenset[str]

    @classmethod
    @cache
    def default(cls) -> NameLexicon:
        """The lists shipped in ``swedish_text/data/names/``."""
        return cls(
            first_names=_read_list("first_names.txt"),
            surnames=_read_list("surnames.txt"),
            ambiguous_first_names=_read_list("ambiguous_first_names.txt"),
            ambiguous_surnames=_read_list("ambiguous_surnames.txt"),
            places=_read_list("place_names.txt"),
        )

    def is_first_name(self, key: str) -> bool:
        """A known first name, a double name of two (``anna-karin``) or a possessive."""
        if key in self.first_names:
            return True
        if "-" in key:
            # "Anna-Karin", and "Ann-Sofi" whose second part the lists need not know
            parts = key.split("-")
            return parts[0] in self.first_names and (
                len(parts) == 2 or all(part in self.first_names for part in parts)
            )
        return len(key) > 3 and key.endswith("s") and key[:-1] in self.first_names

    def is_ambiguous_first_name(self, key: str) -> bool:
        base = key[:-1] if key.endswith("s") and key not in self.first_names else key
        return base in self.ambiguous_first_names

    def is_surname(self, key: str) -> bool:
        base = key[:-1] if key.endswith("s") and key not in self.surnames else key
        return base in self.surnames or _SURNAME_SUFFIX_RE.search(key) is not None

    def is_unambiguous_surname(self, key: str) -> bool:
        """A surname that, alone and capitalised, can only be a person."""
        base = key[:-1] if key.endswith("s") and key not in self.surnames else key
        if base in self.ambiguous_surnames:
            return False
        if _STRONG_SURNAME_SUFFIX_RE.search(key):
            return True
        return (
            base in self.surnames
            and len(base) > 4
            and base not in self.ambiguous_surnames
            and base not in self.first_names
            and base not in self.places
        )


def _is_acronym(word: str) -> bool:
    """An upper-case abbreviation such as a trade after a firm's name (``VVS``, ``EL``)."""
    return len(word) > 1 and word.isupper()


# A small number right after a word ("Max 3 dagar", "May 5"): the word is not a name.
_QUANTITY_AFTER_RE: Final = re.compile(r"[ \t\u00a0]?[1-9]\d{0,3}(?!\d)")
# Definite-form endings of Swedish nouns ("Kiosken", "Bageriet", "Styrelsen").
_DEFINITE_NOUN_RE: Final = re.compile(r"(?:en|et|arna|erna|orna)$")
# Verbs of speech that make an unknown capitalised word before them a person.
_SPEECH_VERBS: Final = frozenset(
    [
        "ringde",
        "sa",
        "sade",
        "svarade",
        "skrev",
        "mejlade",
        "mailade",
        "berättade",
        "berattade",
        "förklarade",
        "forklarade",
        "lovade",
        "tyckte",
        "menade",
        "hjälpte",
        "hjalpte",
        "said",
        "told",
        "called",
        "wrote",
        "replied",
        "explained",
        "promised",
    ]
)
# Subjects that speak but are no person.
_COMMON_SUBJECTS: Final = frozenset(
    [
        "man",
        "ingen",
        "någon",
        "nagon",
        "alla",
        "flera",
        "många",
        "manga",
        "somliga",
        "vissa",
        "andra",
        "båda",
        "bada",
        "samtliga",
        "vem",
        "folk",
        "staff",
        "council",
        "nobody",
        "someone",
        "somebody",
        "everyone",
        "everybody",
        "management",
        "reception",
        "support",
        "they",
    ]
)
_PLACEHOLDER_WORDS: Final = frozenset(PII_TYPES)
_WORDLIKE_PLACEHOLDERS: Final = frozenset(["namn", "adress"])


class _Token(NamedTuple):
    text: str
    start: int
    end: int
    capitalised: bool
    gap: str  # the text between the previous token and this one

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def key(self) -> str:
        return name_key(self.text)

    @property
    def adjacent(self) -> bool:
        """Whether this token follows the previous one on the same line, no punctuation."""
        return not self.gap.strip(" \t\u00a0")


# Splitting on words (kept by the group) gives gaps and words in turn, in one C call.
_WORD_SPLIT_RE: Final = re.compile(r"([^\W\d_]+(?:['’\-][^\W\d_]+)*)")


def _tokens(text: str) -> list[_Token]:
    if "[" in text:
        return _tokens_around_placeholders(text)
    tokens = []
    position = 0
    parts = _WORD_SPLIT_RE.split(text)
    for gap, word in zip(parts[0:-1:2], parts[1::2], strict=True):
        start = position + len(gap)
        position = start + len(word)
        capitalised = word[0].isupper() and (len(word) == 1 or not word.isupper())
        tokens.append(_Token(word, start, position, capitalised, gap))
    return tokens


def _tokens_around_placeholders(text: str) -> list[_Token]:
    """The tokens of a text that contains placeholders of an earlier redaction."""
    tokens = []
    previous_end = 0
    for match in _WORD_RE.finditer(text):
        word = match.group()
        start, end = match.span()
        if (
            word in _PLACEHOLDER_WORDS
            and text[start - 1 : start] == "["
            and text[end : end + 1] == "]"
        ):
            # An earlier redaction. A name or an address stands in for capitalised words;
            # a number is no word at all, as in the text before it was redacted.
            if word in _WORDLIKE_PLACEHOLDERS:
                label = f"[{word}]"
                gap = text[previous_end : start - 1]
                tokens.append(_Token(label, start - 1, end + 1, True, gap))
                previous_end = end + 1
            continue
        capitalised = word[0].isupper() and (len(word) == 1 or not word.isupper())
        tokens.append(_Token(word, start, end, capitalised, text[previous_end:start]))
        previous_end = end
    return tokens


def _is_initial(token: _Token) -> bool:
    return len(token.text) == 1 and token.text.isupper() and token.text not in "IAÖÅ"


class _NameFinder:
    """One pass over the tokens of one text."""

    def __init__(self, text: str, lexicon: NameLexicon) -> None:
        self.text = text
        self.lexicon = lexicon
        self.tokens = _tokens(text)

    # -- the context of token i ---------------------------------------------------------
    def _sentence_initial(self, i: int) -> bool:
        return (
            i == 0
            or _SENTENCE_END_RE.search(self.tokens[i].gap) is not None
            or "•" in self.tokens[i].gap
        )

    def _cue_before(self, i: int) -> str | None:
        """``"role"``, ``"weak"``, ``"greeting"`` or ``"signature"`` when the words before say so."""
        token = self.tokens[i]
        gap = token.gap
        stripped = gap.strip(" \t\u00a0")
        if stripped.endswith("/"):
            before = gap[: gap.find("/")]
            if before.endswith((" ", "\n", "\t")) or (i == 0 and not before.strip()):
                return "signature"
        if i == 0:
            return None
        previous = self.tokens[i - 1]
        word = previous.text.lower()
        if stripped in ("", ":", ",") and (word in _ROLE_WORDS or word.endswith(_ROLE_SUFFIXES)):
            return "weak" if word in _WEAK_ROLE_WORDS else "role"
        if stripped in ("", ",", ":") and "\n" not in gap and word in _GREETINGS:
            return "greeting"
        if gap.strip() in ("", ",", ":", "!") and gap.count("\n") <= 2 and word in _SIGNATURES:
            return "signature"
        if word in ("hälsning", "hälsningar", "regards", "wishes") and gap.count("\n") <= 2:
            return "signature"
        return None

    def _next(self, i: int) -> _Token | None:
        return self.tokens[i + 1] if i + 1 < len(self.tokens) else None

    def _nameish(self, token: _Token) -> bool:
        return token.capitalised and token.lower not in _NOT_NAMES

    def _after_is_place(self, end_index: int) -> bool:
        following = self._next(end_index)
        return following is not None and following.adjacent and following.lower in _PLACE_NOUNS

    def _is_company(self, first: int, last: int, standalone: bool) -> bool:
        """Whether tokens ``first..last`` belong to a company name."""
        following = self._next(last)
        head = self.tokens[first].key
        if (
            last > first
            and head.endswith("s")
            and head not in self.lexicon.first_names
            and (head[:-1] in self.lexicon.first_names or head[:-1] in self.lexicon.surnames)
        ):
            return True  # "Helenas Blommor", "Anderssons Bygg": a possessive names a firm
        trailing = self.text[self.tokens[last].end : self.tokens[last].end + 3].lstrip(" ")
        if trailing.startswith("&"):
            after = self._next(last + 1) if following is None or following.adjacent else following
            partner = (
                following
                if following is not None
                and self.text[self.tokens[last].end : following.start].strip() == "&"
                else after
            )
            return partner is None or not self.lexicon.is_first_name(partner.key)
        for offset in range(1, 4):
            index = last + offset
            if index >= len(self.tokens) or not self.tokens[index].adjacent:
                break
            token = self.tokens[index]
            if token.lower in _COMPANY_MARKERS and (
                token.text.isupper() or token.lower in ("och", "co")
            ):
                if token.key != "och":
                    return True  # "Svensson AB", "Berg & Co"
                partner = self._next(index)
                if (
                    offset == 1
                    and standalone
                    and partner is not None
                    and partner.capitalised
                    and not self.lexicon.is_first_name(partner.key)
                    and not self.lexicon.is_surname(partner.key)
                ):
                    return True  # "Berg och Söner"
                break
            if not token.capitalised and not token.text.isupper():
                break
        if (
            first > 0
            and self.tokens[first].adjacent
            and self.tokens[first - 1].lower in _BUSINESS_WORDS
        ):
            return True
        if any(self.tokens[index].lower in _BUSINESS_WORDS for index in range(first + 1, last + 1)):
            return True
        if (
            standalone
            and following is not None
            and following.adjacent
            and (following.capitalised or _is_acronym(following.text))
        ):
            if head.endswith("s") and head[:-1] in self.lexicon.surnames:
                return True  # "Johanssons Mark & Schakt", "Lindmarks VVS"
            person_after = self.lexicon.is_first_name(
                following.key
            ) and not self.lexicon.is_ambiguous_first_name(following.key)
            return not person_after  # "Svensson Karin" is a person, "Lindkvist Bygg" a firm
        return following is not None and following.adjacent and following.lower in _STREET_WORDS

    # -- deciding where names start --------------------------------------------------
    def _starts_name(self, i: int) -> tuple[bool, bool]:
        """Whether token ``i`` starts a name, and whether it stands alone as a surname."""
        token = self.tokens[i]
        lexicon = self.lexicon
        key = token.key
        if token.lower in _NOT_NAMES or len(key) < 2:
            return False, False
        cue = self._cue_before(i)
        known_first = lexicon.is_first_name(key)
        ambiguous = known_first and lexicon.is_ambiguous_first_name(key)
        following = self._next(i)
        followed_by_surname = (
            following is not None
            and following.adjacent
            and following.capitalised
            and (
                lexicon.is_surname(following.key)
                or lexicon.is_first_name(following.key)
                or following.text.endswith(("ić", "ič"))
            )
            and following.lower not in _NOT_NAMES
        )
        if cue in ("role", "greeting", "signature"):
            known = known_first or lexicon.is_surname(key)
            if (
                (":" in token.gap or cue == "signature")
                and not known
                and _DEFINITE_NOUN_RE.search(token.lower)
            ):
                pass  # "/Kiosken vid Badviken", "Kunden: Föreningen": a definite noun
            elif ":" in token.gap and not known:
                pass
            elif token.capitalised or (known_first and not ambiguous):
                return True, False
        if cue == "weak" and known_first and token.capitalised and not ambiguous:
            return True, False
        if not token.capitalised:
            return False, False
        previous_word = self.tokens[i - 1].lower if i > 0 else ""
        if previous_word in _PLACE_PREPOSITIONS and key in lexicon.places:
            return False, False
        if previous_word in _IN_PLACE and self.tokens[i].adjacent:
            return False, False  # "i Ösmo", "near Gloucester": a place, not a person
        if known_first:
            if not ambiguous:
                return True, False
            if followed_by_surname or cue == "weak":
                return True, False
            if i > 0 and token.adjacent and self.tokens[i - 1].capitalised:
                return False, False  # part of a longer proper name: "Sjöviks Marina"
            if following is not None and following.lower in _PERSON_VERBS and following.adjacent:
                return True, False
            if (
                following is not None
                and following.adjacent
                and following.lower in ("på", "från")
                and self._next(i + 1) is not None
                and not self.tokens[i + 2].capitalised
            ):
                return True, False
            previous = self.tokens[i - 1] if i > 0 else None
            return (
                not self._sentence_initial(i)
                and previous is not None
                and previous.lower not in _PLACE_PREPOSITIONS
                and not (previous.capitalised and token.adjacent)
                and _QUANTITY_AFTER_RE.match(self.text, token.end) is None
            ), False
        if lexicon.is_unambiguous_surname(key) or token.text.endswith(("ić", "ič")):
            return True, True
        if (
            followed_by_surname
            and following is not None
            and (
                lexicon.is_unambiguous_surname(following.key)
                or following.text.endswith(("ić", "ič"))
            )
            and token.lower not in _BUSINESS_WORDS
        ):
            return not self._sentence_initial(i), False
        in_phrase = i > 0 and token.adjacent and self.tokens[i - 1].capitalised
        return (
            not self._sentence_initial(i)
            and not in_phrase
            and self._unknown_name_speaking(token, following)
        ), False

    def _unknown_name_speaking(self, token: _Token, following: _Token | None) -> bool:
        """An unknown capitalised word followed by a verb of speech: "och Zorana ringde".

        Authorities and groups speak too ("Boverket svarade", "Ingen ringde"), so the
        word must not be a definite noun or a pronoun-like subject; and the caller asks
        only in the middle of a sentence, where a capital letter means a proper noun
        ("Företagare ringde" opens a staff note).
        """
        return (
            following is not None
            and following.adjacent
            and following.lower in _SPEECH_VERBS
            and len(token.text) >= 3
            and token.lower not in _COMMON_SUBJECTS
            and token.lower not in _BUSINESS_WORDS
            and _DEFINITE_NOUN_RE.search(token.lower) is None
        )

    def _extend(self, i: int) -> int:
        """The index of the last token of the name that starts at token ``i``."""
        last = i
        while last + 1 < len(self.tokens) and last - i < 3:
            following = self.tokens[last + 1]
            if not following.adjacent or following.text[0] == "[":
                break
            if following.lower in _PARTICLES:
                after_index = last + 2
                while (
                    after_index < len(self.tokens)
                    and self.tokens[after_index].lower in _PARTICLES
                    and self.tokens[after_index].adjacent
                ):
                    after_index += 1
                if after_index < len(self.tokens):
                    after = self.tokens[after_index]
                    if after.adjacent and after.capitalised:
                        last = after_index
                        continue
                break
            if (
                following.capitalised
                and following.lower not in _NOT_NAMES
                and following.lower not in _COMPANY_MARKERS
                and not looks_like_street(following.lower)
            ):
                last += 1
                continue
            if len(following.text) == 1 and following.text.isupper():
                last += 1  # an initial: "Erik S"
                continue
            break
        return last

    def find(self) -> list[Candidate]:
        found: list[Candidate] = []
        i = 0
        tokens, first_names = self.tokens, self.lexicon.first_names
        while i < len(tokens):
            token = tokens[i]
            if token.text[0] == "[" or (
                not token.capitalised and name_key(token.text) not in first_names
            ):
                i += 1  # the common case: an ordinary lower-case word
                continue
            starts, standalone = self._starts_name(i)
            if not starts:
                i += 1
                continue
            last = i if standalone else self._extend(i)
            if self._is_company(i, last, standalone) or self._after_is_place(last):
                i = last + 1
                continue
            end = self.tokens[last].end
            if len(self.tokens[last].text) == 1 and self.text[end : end + 1] == ".":
                end += 1
            start = self.tokens[i].start
            if (
                i > 0
                and self.tokens[i].gap in (". ", " ")
                and _is_initial(self.tokens[i - 1])
                and (not found or found[-1].end <= self.tokens[i - 1].start)
            ):
                start = self.tokens[i - 1].start  # "J. Smith", "A Svensson"
            found.append(Candidate("namn", start, end, PRIORITY_NAME))
            i = last + 1
        return found


def find_names(text: str, lexicon: NameLexicon | None = None) -> list[Candidate]:
    """Return the person names in ``text``.

    >>> text = "Handläggaren Karin Lindqvist ringde. Tack till Anderssons Bygg AB! /Nils"
    >>> [text[c.start:c.end] for c in find_names(text)]
    ['Karin Lindqvist', 'Nils']
    """
    return _NameFinder(text, lexicon or NameLexicon.default()).find()
