from __future__ import annotations

from servicepuls.insights.quotes import key_phrases, representative_indices

TEXTS = [
    "Handläggningstiden för bygglovet var alldeles för lång, vi väntade i månader.",
    "Lång handläggningstid, bygglovet tog flera månader och ingen hörde av sig.",
    "Väntade månader på beslut om bygglov, handläggningstiden är för lång.",
    "Handläggaren [namn] var trevlig och förklarade reglerna tydligt.",
    "Mycket trevligt bemötande och tydlig information på telefon.",
    "Avgiften var hög och fakturan kom innan beslutet.",
    "Handläggningstiden för bygglov var lång men beslutet var rätt.",
]


def test_representative_indices_are_typical_first_then_diverse():
    chosen = representative_indices(TEXTS, k=3)

    assert len(chosen) == len(set(chosen)) == 3
    # The first pick is one of the many texts about long handling times (the typical theme).
    assert "handläggningstid" in TEXTS[chosen[0]].lower()
    # Diversity: not all three picks repeat the same theme.
    assert any("handläggningstid" not in TEXTS[i].lower() for i in chosen)


def test_representative_indices_are_deterministic_and_handle_small_sets():
    assert representative_indices(TEXTS, k=4) == representative_indices(TEXTS, k=4)
    assert representative_indices(TEXTS[:2], k=5) == [0, 1]
    assert representative_indices(["och", "att", "det", "som"], k=2) == [0, 1]


def test_key_phrases_skip_stop_words_and_placeholders():
    phrases = key_phrases(TEXTS, limit=5)

    assert "bygglovet" in phrases or "bygglov" in phrases
    assert all(word not in phrases for word in ("och", "var", "namn"))
    assert key_phrases([]) == []
