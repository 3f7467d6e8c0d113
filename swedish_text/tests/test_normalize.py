from swedish_text.normalize import MAX_ANALYSIS_CHARS, detect_language, fold, normalize, tokenize


def test_fold_maps_swedish_letters_to_plain_ones() -> None:
    assert fold("Ärendet på Miljöförvaltningen") == "arendet pa miljoforvaltningen"


def test_tokenize_lowercases_and_keeps_sentence_punctuation() -> None:
    tokens = tokenize("Bygglovet dröjde. Varför?")

    assert [token.text for token in tokens] == ["bygglovet", "dröjde", ".", "varför", "?"]
    assert [token.folded for token in tokens if token.is_word] == ["bygglovet", "drojde", "varfor"]


def test_tokenize_skips_digits_and_overlong_tokens() -> None:
    tokens = tokenize("Avgift 4500 kr " + "x" * 100)

    assert [token.text for token in tokens] == ["avgift", "kr"]


def test_normalize_composes_decomposed_letters_and_drops_control_characters() -> None:
    assert normalize("Ma\u0308rta\x00!") == "märta !"


def test_normalize_cuts_long_texts() -> None:
    assert len(normalize("a" * (MAX_ANALYSIS_CHARS + 10))) == MAX_ANALYSIS_CHARS


def test_detect_language_tells_swedish_english_and_nothing_apart() -> None:
    assert detect_language(tokenize("Vi har inte fått något svar på vår ansökan.")) == "sv"
    assert detect_language(tokenize("We have not received any answer to our application.")) == "en"
    assert detect_language(tokenize("1234 !!! 😀")) == "und"


def test_detect_language_handles_swedish_typed_without_special_letters() -> None:
    assert detect_language(tokenize("Vi har inte fatt nagot svar pa var ansokan")) == "sv"
