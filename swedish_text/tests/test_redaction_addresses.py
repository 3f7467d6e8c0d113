"""Street addresses."""

import pytest

from swedish_text import redact


def addresses(text: str) -> list[str]:
    return [text[s.start : s.end] for s in redact(text).spans if s.type == "adress"]


@pytest.mark.parametrize(
    "address",
    [
        "Storgatan 12",
        "Storgatan 12 B",
        "Ringvägen 5, lgh 1102",
        "Björkvägen 7a",
        "Lindgränd 2",
        "Kyrkbacken 14",
        "Ekstigen 3",
        "Stortorget 1",
        "Sjöallén 22",
        "Strandplan 4",
        "Hamnleden 9",
        "Ekslingan 31",
        "Nya Tingsvägen 6-8",
        "Västra vägen 11",
        "Östra Långgatan 19",
        "Olof Palmes gata 3",
        "S:t Persgatan 8",
        "Bjorkvagen 7",  # written without å/ä/ö
        "kvarngatan 5",  # lower case
        "10 Downing Street",
        "221B Baker Street",
        "4 Kings Road",
    ],
)
def test_street_addresses_are_redacted(address: str) -> None:
    text = f"Vi har vår verksamhet på {address}, 136 40 Haninge, sedan länge."

    assert addresses(text) == [address]
    assert "[adress], 136 40 Haninge" in redact(text).text


@pytest.mark.parametrize(
    "text",
    [
        "Butiken ligger på Storgatan, mitt i stan.",
        "Kontrollplan 2 skickades in i tid.",
        "Vi väntade på Hamngatan i 3 veckor.",
        "Detaljplanen 4 år gammal och tidsplan 2 saknades.",
        "Gatan 5 meter bred räckte inte.",
    ],
)
def test_street_names_without_a_house_number_and_look_alikes_stay(text: str) -> None:
    assert addresses(text) == []


def test_a_sentence_opening_word_is_not_part_of_the_street() -> None:
    text = "Från Drottning Kristinas väg 8 till kontoret."

    assert addresses(text) == ["Drottning Kristinas väg 8"]
