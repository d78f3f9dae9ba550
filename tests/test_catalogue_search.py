"""Search in the behovslista (issue 23 item 2): the words people type find the items, case- and
accent-insensitively, on word beginnings and on each item's synonyms, in Swedish and English."""

import pytest
from django.utils import translation

from assessments import catalogue

# Each word of the issue, then ten of our own from what people say, with an item it must find.
SWEDISH = [
    ("nagl", "hygiene-nails"),
    ("naglar", "hygiene-nails"),
    ("handla", "household-shopping"),
    ("lyft", "hygiene-transfer"),
    ("lyft", "other-transfer"),
    ("förflyttning", "hygiene-transfer"),
    ("förflyttning", "dressing-transfer"),
    ("trakeostomi", "breathing-tracheostomy"),
    ("kanyl", "breathing-tracheostomy"),
    ("kateter", "hygiene-catheter"),
    ("vändning", "health-repositioning"),
    # Ten more.
    ("blöja", "hygiene-incontinence"),
    ("duscha", "hygiene-shower"),
    ("tänder", "hygiene-teeth"),
    ("medicin", "health-medication"),
    ("städa", "household-cleaning"),
    ("peg", "meals-tube-feeding"),
    ("hostmaskin", "breathing-cough-assist"),
    ("stomi", "hygiene-stoma"),
    ("trycksår", "health-pressure-sores"),
    ("rymmer", "injury-running-away"),
    ("respirator", "breathing-ventilator"),
    ("syrgas", "breathing-oxygen"),
]
ENGLISH = [
    ("nail", "hygiene-nails"),
    ("nails", "hygiene-nails"),
    ("shopping", "household-shopping"),
    ("lift", "hygiene-transfer"),
    ("hoist", "other-transfer"),
    ("transfer", "dressing-transfer"),
    ("tracheostomy", "breathing-tracheostomy"),
    ("cannula", "breathing-tracheostomy"),
    ("catheter", "hygiene-catheter"),
    ("turning", "health-repositioning"),
    ("nappy", "hygiene-incontinence"),
    ("diaper", "hygiene-incontinence"),
    ("shower", "hygiene-shower"),
    ("teeth", "hygiene-teeth"),
    ("medicine", "health-medication"),
    ("cleaning", "household-cleaning"),
    ("peg", "meals-tube-feeding"),
    ("cough", "breathing-cough-assist"),
    ("stoma", "hygiene-stoma"),
    ("pressure sore", "health-pressure-sores"),
    ("run away", "injury-running-away"),
    ("ventilator", "breathing-ventilator"),
    ("oxygen", "breathing-oxygen"),
]


def found(query: str) -> list[str]:
    return [item.key for group in catalogue.search(query) for item in group.items]


@pytest.mark.parametrize(("query", "key"), SWEDISH)
def test_a_swedish_word_finds_its_item(query, key):
    with translation.override("sv"):
        assert key in found(query)
        assert key in found(query.upper())  # case does not matter
        assert key in found(f"  {query}. ")  # nor spaces and stops


@pytest.mark.parametrize(("query", "key"), ENGLISH)
def test_an_english_word_finds_its_item(query, key):
    with translation.override("en"):
        assert key in found(query)
        assert key in found(query.title())


def test_accents_do_not_matter():
    for query in ("vandning", "VÄNDNING", "förflyttning", "forflyttning", "trycksar"):
        assert found(query), query
    assert found("vandning") == found("vändning")


def test_word_beginnings_only_not_the_middle_of_a_word():
    # "yft" is inside "lyft" but begins no word; "ning" ends many words and begins none.
    assert found("yft") == []
    assert "hygiene-transfer" not in found("lyttning")


def test_every_word_must_match_and_small_words_are_ignored():
    both = found("lyft dusch")
    assert "hygiene-transfer" in both  # "duschstol" is one of its words
    assert "other-transfer" not in both
    assert "hygiene-shower" in found("hjälp med att duscha")
    assert found("lyft xyzzy") == []


def test_the_need_name_finds_its_items():
    with translation.override("sv"):
        breathing = found("andning")
    assert {"breathing-suction", "breathing-tracheostomy"} <= set(breathing)


def test_an_empty_query_finds_everything_and_nonsense_nothing():
    assert catalogue.search("") == catalogue.CATALOGUE
    assert catalogue.search(" , ") == catalogue.CATALOGUE
    assert catalogue.search("qqqzz") == ()


def test_results_keep_the_law_order_of_needs_and_items():
    groups = catalogue.search("lyft")
    order = [group.need for group in catalogue.CATALOGUE]
    assert [group.need for group in groups] == sorted(
        (group.need for group in groups), key=order.index
    )


def test_words_normalises_as_app_js_does():
    # app.js `words` lower-cases, takes the accents away and splits on anything but a-z, 0-9.
    assert catalogue.words("Vändning, NATT-tillsyn 2x") == ["vandning", "natt", "tillsyn", "2x"]
    assert catalogue.words("Ögon-styrning é") == ["ogon", "styrning", "e"]
    assert catalogue.words("") == []


def test_terms_are_the_words_the_page_matches():
    item = catalogue.find_item("hygiene-nails")
    assert item is not None
    terms = catalogue.item_terms(item, "sv")
    assert terms.startswith(" ") and " naglar " in f"{terms} " and " nagelvard" in terms
    english = catalogue.item_terms(item, "en")
    assert " nails" in english and " naglar" in english  # Swedish words also on an English page
    assert " nails" not in terms
