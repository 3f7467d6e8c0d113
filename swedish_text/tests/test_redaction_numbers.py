"""Identity numbers, organisation numbers, phone numbers and e-mail addresses."""

import pytest

from swedish_text import redact
from swedish_text.redaction.numbers import luhn_valid


def found(text: str) -> list[tuple[str, str]]:
    return [(span.type, text[span.start : span.end]) for span in redact(text).spans]


@pytest.mark.parametrize(
    "number",
    [
        "19900101-2384",  # century and dash, valid check digit
        "900101-2384",  # dash
        "9001012384",  # no separator
        "199001012384",  # century, no separator
        "900101-2385",  # invalid check digit: still shaped like one
        "121212+1212",  # plus: older than 100 years
        "900161-2381",  # samordningsnummer (day + 60)
        "20150228-9876",
    ],
)
def test_personnummer_forms_are_redacted(number: str) -> None:
    text = f"Mitt personnummer är {number} om ni behöver det."

    assert found(text) == [("personnummer", number)]
    assert redact(text).text == "Mitt personnummer är [personnummer] om ni behöver det."


@pytest.mark.parametrize("number", ["212000-0142", "556036-0793", "5560360793", "16556036-0793"])
def test_organisation_numbers_have_a_month_of_twenty_or_more(number: str) -> None:
    text = f"Bolaget (org.nr {number}) sökte tillståndet."

    assert found(text) == [("orgnr", number)]


@pytest.mark.parametrize(
    "number",
    [
        "070-123 45 67",
        "070 123 45 67",
        "0701234567",
        "070-1234567",
        "+46 70 123 45 67",
        "+46701234567",
        "+46 (0)70-123 45 67",
        "0046 70 123 45 67",
        "08-123 456 78",
        "08-12 34 56",
        "(08) 123 45 67",
        "031-12 34 56",
        "0171-123 45",
        "0771-22 33 44",
        "08/123 45 67",
        "+47 22 33 44 55",
    ],
)
def test_phone_number_forms_are_redacted(number: str) -> None:
    text = f"Ring mig på {number}, helst efter lunch."

    assert found(text) == [("telefon", number)]


def test_phone_number_does_not_swallow_a_following_count() -> None:
    text = "Jag ringde 070-987 65 43 2 gånger."

    assert found(text) == [("telefon", "070-987 65 43")]


@pytest.mark.parametrize(
    "text",
    [
        "Öppet 08.00-16.00 varje vardag.",
        "Beslutet kom 2024-03-15 och kostade 12 400 kr.",
        "Ärendet har dnr BN 2023-000412.",
        "Fakturanummer 4455667788 stämde inte.",
        "Vi väntade 3 veckor och 2 dagar.",
    ],
)
def test_dates_amounts_and_case_numbers_are_kept(text: str) -> None:
    assert redact(text).text == text


@pytest.mark.parametrize(
    "address",
    [
        "kalle.ek@kommun.se",
        "info@bygg-och-fasad.nu",
        "Asa.Oberg+ansokan@mail.example.com",
        "ek(at)firma.se",
    ],
)
def test_email_addresses_are_redacted(address: str) -> None:
    text = f"Skriv till {address}."

    assert found(text) == [("e-post", address)]
    assert redact(text).text == "Skriv till [e-post]."


def test_luhn_check_digit() -> None:
    assert luhn_valid("5560360793")
    assert not luhn_valid("5560360794")


def test_spans_point_into_the_original_text() -> None:
    text = "Tel 08-12 34 56 och pnr 850101-1234."
    result = redact(text)

    assert result.text == "Tel [telefon] och pnr [personnummer]."
    assert [s.to_json() for s in result.spans] == [
        {"type": "telefon", "start": 4, "end": 15},
        {"type": "personnummer", "start": 24, "end": 35},
    ]
