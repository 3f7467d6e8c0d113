from swedish_text.lemmas import Lemmatizer

TABLE = {
    "avgiften": "avgift",
    "avgift": "avgift",
    "handläggaren": "handlaggare",
    "handlaggaren": "handlaggare",
    "kontoret": "kontor",
    "bygglov": "bygglov",
}
PARTS = {"bygglov", "avgift", "handlaggare", "kontor", "gata", "miljo"}


def test_known_forms_are_looked_up_and_folded() -> None:
    lemmatizer = Lemmatizer(TABLE, PARTS)

    assert lemmatizer.analyse("handläggaren") == ("handlaggare", ())
    assert lemmatizer.analyse("handlaggaren") == ("handlaggare", ())


def test_compound_is_split_at_the_linking_s() -> None:
    lemmatizer = Lemmatizer(TABLE, PARTS)

    lemma, parts = lemmatizer.analyse("bygglovshandläggaren")

    assert parts == ("bygglov", "handlaggare")
    assert lemma == "bygglovshandlaggare"


def test_compound_head_may_stand_for_a_word_ending_in_a_vowel() -> None:
    lemmatizer = Lemmatizer(TABLE, PARTS)

    assert lemmatizer.analyse("gatukontoret")[1] == ("gata", "kontor")


def test_compound_of_three_parts() -> None:
    lemmatizer = Lemmatizer(TABLE, PARTS)

    assert lemmatizer.analyse("miljöbygglovsavgiften")[1] == ("miljo", "bygglov", "avgift")


def test_unknown_word_is_stripped_of_a_common_ending() -> None:
    lemmatizer = Lemmatizer(TABLE, PARTS)

    assert lemmatizer.analyse("trädgårdarna") == ("tradgard", ())
