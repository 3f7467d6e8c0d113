"""Person names: the lists, the context cues and the things that must stay."""

import pytest

from swedish_text import redact
from swedish_text.redaction.names import NameLexicon, name_key


def names(text: str) -> list[str]:
    return [text[s.start : s.end] for s in redact(text).spans if s.type == "namn"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Roles and titles before a name, also names the lists do not know.
        ("Bygglovshandläggaren Zorana återkom aldrig.", ["Zorana"]),
        ("Jag pratade med miljöinspektören Mats Öhrn igår.", ["Mats Öhrn"]),
        ("Stadsarkitekten Per-Erik Lindahl hade fel.", ["Per-Erik Lindahl"]),
        ("Min granne Sirpa Laaksonen klagade.", ["Sirpa Laaksonen"]),
        ("Jag heter Kalle och driver en pizzeria.", ["Kalle"]),
        # A first name alone, when it refers to a person.
        ("Lisa på bygget var jättehjälpsam.", ["Lisa"]),
        ("Per på bygglov sa att det var klart.", ["Per"]),
        ("Handläggaren sa att Mohammed skulle ringa tillbaka.", ["Mohammed"]),
        ("Tack till Olle och Stig på räddningstjänsten.", ["Olle", "Stig"]),
        ("Klara besked från Klara på livsmedel!", ["Klara"]),
        # Greetings and signatures.
        ("Hej Kent, tack för sist.", ["Kent"]),
        ("Tack Malin!", ["Malin"]),
        ("Det var inte rätt. /Nils", ["Nils"]),
        ("Inget svar på tre veckor.\n/Sven-Ake", ["Sven-Ake"]),
        ("Hälsningar Ahmed", ["Ahmed"]),
        ("Mvh\nSiri Johansson\nVd, Johanssons Måleri AB", ["Siri Johansson"]),
        ("Best regards,\nJohn O'Brien", ["John O'Brien"]),
        # Full names of every origin, initials and particles.
        ("Mehmet Yılmaz och Dilan Aydın driver kebabstället.", ["Mehmet Yılmaz", "Dilan Aydın"]),
        ("Abdirahman Warsame och Hodan Ali kom till mötet.", ["Abdirahman Warsame", "Hodan Ali"]),
        (
            "Handläggaren Dragana Kovačević och inspektören Juha Virtanen var bäst.",
            ["Dragana Kovačević", "Juha Virtanen"],
        ),
        ("Kontakta Erik S. eller Anna K på enheten.", ["Erik S.", "Anna K"]),
        (
            "Vi träffade Ingrid van der Berg och Omar al Khatib.",
            ["Ingrid van der Berg", "Omar al Khatib"],
        ),
        ("Det tog tre veckor innan Anna-Lena Ström svarade.", ["Anna-Lena Ström"]),
        ("Hodžić sa att ärendet låg hos Svensson.", ["Hodžić", "Svensson"]),
        ("Dear Ms Johnson, we were told by Peter that the fee is fixed.", ["Johnson", "Peter"]),
        ("The inspector, Will Harris, said we can open in June.", ["Will Harris"]),
        # Written without å, ä and ö.
        ("Handlaggaren Goran Bjorklund svarade aldrig.", ["Goran Bjorklund"]),
    ],
)
def test_person_names_are_found(text: str, expected: list[str]) -> None:
    assert names(text) == expected
    assert "[namn]" in redact(text).text


@pytest.mark.parametrize(
    "text",
    [
        # Words that are also names, used as words.
        "Hans handläggare var otrevlig och hans chef likaså.",
        "Bo här i kommunen är dyrt.",
        "Vi fick mycket ros för vår ansökan och stig in sa hon.",
        "Max 3 dagar tar det, sa de.",
        "Det var en saga om en byråkrati.",
        # Companies that carry a person's name.
        "Anderssons Bygg AB fick avslag, liksom Karins Café AB.",
        "Lindqvist Bygg & Fasad har byggt huset.",
        "Vi åt på Bistro Lönn och sedan på Café Linden.",
        "Pettersson Bygg & Fasad AB anlitades.",
        # Places.
        "Vi bor i Lund och handlar i Mora.",
        "Vi åkte till Karlstad och sedan Nora kommun.",
        "Gustav Adolfs torg är fint.",
        "Kommunen borde lyssna mer. Politikerna också.",
        "Svenska Byggnadsarbetareförbundet och Skatteverket var med.",
        "Enligt kommunen är allt i sin ordning.",
    ],
)
def test_ordinary_words_companies_and_places_stay(text: str) -> None:
    assert names(text) == []
    assert redact(text).text == text


def test_a_sole_traders_name_with_a_person_stays_a_person() -> None:
    text = "Mvh Oskar Wiberg, Wibergs Fasad"

    assert names(text) == ["Oskar Wiberg"]


def test_name_keys_fold_case_and_diacritics() -> None:
    assert name_key("Åsa") == name_key("ASA") == "asa"
    assert name_key("Đorđević") == "djordjevic" or name_key("Đorđević") == "dordevic"


def test_the_shipped_lists_are_large_and_cover_many_origins() -> None:
    lexicon = NameLexicon.default()

    assert len(lexicon.first_names) > 2000
    assert len(lexicon.surnames) > 1500
    for first in [
        "karin",
        "mohammed",
        "reza",
        "hodan",
        "jelena",
        "mikko",
        "agnieszka",
        "mehmet",
        "sarah",
    ]:
        assert lexicon.is_first_name(first), first
    for surname in ["andersson", "hodzic", "virtanen", "hosseini", "warsame", "kowalski", "yilmaz"]:
        assert lexicon.is_surname(surname), surname


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hälsningar,\nHelena\nHelenas Blommor", ["Helena"]),
        ("Tack för hjälpen!\n\nJohanna Eklund\nEklunds Hantverk", ["Johanna Eklund"]),
        ("Mvh Yiannis Xenos", ["Yiannis Xenos"]),
        ("Vi har pratat med Emma, Oscar och Liam.", ["Emma", "Oscar", "Liam"]),
        ("Kunden (Mirsad Hadžiahmetović) ringde om sitt slutbesked.", ["Mirsad Hadžiahmetović"]),
    ],
)
def test_possessive_firm_names_stay_but_people_do_not(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ring mig om ni vill förklara. /Dragomir", ["Dragomir"]),
        ("Ingen har svarat.\n/Sanna", ["Sanna"]),
        ("Avgiften är för hög. /Kiosken vid stranden", []),
        ("Mvh Erik Holm, Holms Mark & Schakt AB", ["Erik Holm"]),
        ("Mvh Nermin Aydın, Aydın Street Food", ["Nermin Aydın"]),
        ("Mötet om avlopp i Osmo samlade många.", []),
        ("Vid tillsynen på Strandviks Marina var alla nöjda.", []),
        ("Vid mötet med en krögare från Polen kom frågan upp.", []),
        ("Bygg/Miljö svarade inte.", []),
        ("Svensson Karin ringde.", ["Svensson", "Karin"]),
        # A signature without a greeting: the first name in one of its common spellings.
        ("Vi begär omprövning.\nAnette Karlgren, Karlgrens Åkeri AB", ["Anette Karlgren"]),
        ("Vi begär omprövning.\nPetter Lindmark, Lindmarks Bygg AB", ["Petter Lindmark"]),
        ("Vi begär omprövning.\nAnna Lindmark, Lindmarks VVS", ["Anna Lindmark"]),
    ],
)
def test_signatures_firms_and_places_seen_in_practice(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Igår kom svaret och sedan Zorana ringde igen.", ["Zorana"]),
        ("Tack till Zlatana Brkić!", ["Zlatana Brkić"]),
        ("Boverket svarade inte och Ingen ringde.", []),
        ("Företagare ringde och ville ha besked.", []),
        ("Vid mötet med ägarna till Ekeby Gård berättade de om planerna.", []),
    ],
)
def test_unknown_names_before_a_verb_of_speech(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Best,\nAmira El-Sayed\nOwner, Sunrise Café AB", ["Amira El-Sayed"]),
        ("Regards\nJ. Smith", ["J. Smith"]),
        ("Hi, my name is Jennifer Walsh and I run a bakery.", ["Jennifer Walsh"]),
        ("I spoke to someone named Chris. Chris said it would take a week.", ["Chris", "Chris"]),
        (
            "The fire inspector Mikael Berg came on Monday. Thank you Mikael!",
            ["Mikael Berg", "Mikael"],
        ),
        ("We applied in April and heard nothing until May.", []),
    ],
)
def test_english_stories(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_double_names_with_an_unlisted_second_part() -> None:
    assert names("Tack till Ann-Sofi och Lill-Britt!") == ["Ann-Sofi", "Lill-Britt"]
    assert names("Det var Anna-Lenas Bageri.") == []
