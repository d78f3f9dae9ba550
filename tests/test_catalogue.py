"""The activity catalogue (behovslista): complete, ordered, and valid as rows of the file."""

import ast
import re
from pathlib import Path

import pytest

from assessments import catalogue, rules
from assessments.catalogue import CATALOGUE, ITEMS_BY_KEY, CatalogueItem, find_item
from assessments.rules.needs import NEEDS, Kind, Need, TimeType

ALL_ITEMS = [item for group in CATALOGUE for item in group.items]
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SWEDISH_LETTERS = re.compile(r"[a-zåäöA-ZÅÄÖ]")


def test_every_need_has_a_group_with_at_least_two_items():
    groups = {group.need: group for group in CATALOGUE}
    assert set(groups) == set(Need)
    for need, group in groups.items():
        assert len(group.items) >= 2, need


def test_groups_follow_the_order_of_needs():
    assert [group.need for group in CATALOGUE] == [info.need for info in NEEDS]


def test_items_belong_to_their_group_need():
    for group in CATALOGUE:
        for item in group.items:
            assert item.need is group.need, item.key


def test_keys_are_unique_slugs():
    keys = [item.key for item in ALL_ITEMS]
    assert len(keys) == len(set(keys))
    assert len(ITEMS_BY_KEY) == len(keys)
    for key in keys:
        assert key.isascii() and SLUG.fullmatch(key), key


@pytest.mark.parametrize("item", ALL_ITEMS, ids=lambda item: item.key)
def test_item_is_a_valid_row_of_the_assessment_file(item: CatalogueItem):
    # Every item is checked by the row rules as it loads; written as a file row, it reads back.
    row, problems = rules.parse_activity(item.row.plain())
    assert problems == []
    assert row == item.row
    for value in (item.row.minutes, item.row.times):
        assert value.denominator == 1  # suggestions are whole numbers
        assert 0 < value <= 1440
    assert 0 < len(item.row.description) <= 200
    assert item.row.note == ""


def write_catalogue(tmp_path, item: str) -> Path:
    path = tmp_path / "catalogue.toml"
    path.write_text(f'[shared]\nx = "y"\n\n[[item]]\n{item}\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("item", "fragment"),
    [
        # rules.md R3: basic only with a basic need.
        (
            'key = "bad"\nneed = "household"\ndescription = "Städa"\nkind = "basic"\n'
            'minutes = 10\ntimes = 1\nper = "day"\nhelp = "?"',
            "kind",
        ),
        ('key = "bad"\nneed = "meals"\ndescription = "Äta"\nkind = "basic"\nhelp = "?"', "minutes"),
        (
            'key = "bad"\nneed = "meals"\ndescription = "Äta"\nkind = "basic"\nminutes = 0\n'
            'times = 1\nper = "day"\nhelp = "?"',
            "minutes",
        ),
        (
            'need = "meals"\ndescription = "Äta"\nkind = "basic"\nminutes = 5\ntimes = 1\n'
            'per = "day"\nhelp = "?"',
            "key",
        ),
    ],
)
def test_an_item_that_breaks_a_row_rule_stops_the_load(tmp_path, item, fragment):
    with pytest.raises(catalogue.CatalogueError, match=fragment):
        catalogue.load(write_catalogue(tmp_path, item))


def test_shared_sentences_are_filled_in(tmp_path):
    path = write_catalogue(
        tmp_path,
        'key = "ok"\nneed = "meals"\ndescription = "Äta"\nkind = "basic"\nminutes = 5\n'
        'times = 1\nper = "day"\nsource = ["LSS 9 a §"]\nbasis = "integrity_near"\n'
        'help = "Se {x}."',
    )
    (group,) = catalogue.load(path)
    assert group.items[0].help == "Se y."


def test_the_catalogue_is_a_data_file():
    assert catalogue.SOURCE.suffix == ".toml"
    assert len(ALL_ITEMS) >= 50


@pytest.mark.parametrize("item", ALL_ITEMS, ids=lambda item: item.key)
def test_item_has_swedish_text(item: CatalogueItem):
    for text in (item.row.description, item.help):
        assert text == text.strip() and SWEDISH_LETTERS.search(text)
        assert "  " not in text
    assert item.help.endswith(".")
    assert "behov" in item.help  # every help says which kind of need it is, and why


@pytest.mark.parametrize(
    ("key", "need", "kind", "time_type", "tube_feeding"),
    [
        ("hygiene-toilet", Need.PERSONAL_HYGIENE, Kind.BASIC, TimeType.ACTIVE, False),
        ("hygiene-shower", Need.PERSONAL_HYGIENE, Kind.BASIC, TimeType.ACTIVE, False),
        ("hygiene-teeth", Need.PERSONAL_HYGIENE, Kind.BASIC, TimeType.ACTIVE, False),
        ("hygiene-hair", Need.PERSONAL_HYGIENE, Kind.BASIC, TimeType.ACTIVE, False),
        ("hygiene-shave-makeup", Need.PERSONAL_HYGIENE, Kind.BASIC, TimeType.ACTIVE, False),
        ("hygiene-menstruation", Need.PERSONAL_HYGIENE, Kind.BASIC, TimeType.ACTIVE, False),
        ("hygiene-nails", Need.PERSONAL_HYGIENE, Kind.BASIC, TimeType.ACTIVE, False),
        ("meals-eating", Need.MEALS, Kind.BASIC, TimeType.ACTIVE, False),
        ("meals-drinking", Need.MEALS, Kind.BASIC, TimeType.ACTIVE, False),
        ("meals-tube-feeding", Need.MEALS, Kind.BASIC, TimeType.ACTIVE, True),
        # rules.md Corrections (R3): preparation and after-work of tube feeding is an other need.
        ("meals-tube-feeding-preparation", Need.MEALS, Kind.OTHER, TimeType.ACTIVE, True),
        ("meals-cooking", Need.MEALS, Kind.OTHER, TimeType.ACTIVE, False),
        ("meals-table", Need.MEALS, Kind.OTHER, TimeType.ACTIVE, False),
        ("breathing-suction", Need.BREATHING, Kind.BASIC, TimeType.ACTIVE, False),
        # rules.md Corrections (R3): so is preparing and cleaning breathing equipment.
        ("breathing-equipment", Need.BREATHING, Kind.OTHER, TimeType.ACTIVE, False),
        ("dressing-dress", Need.DRESSING, Kind.BASIC, TimeType.ACTIVE, False),
        ("dressing-buy-clothes", Need.DRESSING, Kind.OTHER, TimeType.ACTIVE, False),
        ("supervision-waiting", Need.SUPERVISION, Kind.OTHER, TimeType.WAITING, False),
        ("supervision-on-call", Need.SUPERVISION, Kind.OTHER, TimeType.ON_CALL, False),
    ],
)
def test_required_activity_has_the_right_defaults(key, need, kind, time_type, tube_feeding):
    item = find_item(key)
    assert item is not None, key
    assert (item.need, item.row.kind, item.row.time_type, item.row.tube_feeding) == (
        need,
        kind,
        time_type,
        tube_feeding,
    )


def test_waiting_and_on_call_help_state_their_weight():
    # rules.md R6: väntetid counts a quarter, only during the night rest; beredskap a seventh.
    waiting = find_item("supervision-waiting").help
    assert "kvarts timme" in waiting and "nattvilan" in waiting
    assert "sjundedels timme" in find_item("supervision-on-call").help


def test_medical_support_help_states_the_condition():
    # rules.md R1, need 7: ongoing most of the day, for a life-threatening condition.
    (group,) = [group for group in CATALOGUE if group.need == Need.MEDICAL_SUPPORT]
    for item in group.items:
        assert "större delen av dygnet" in item.help and "fara för livet" in item.help


def test_work_and_education_help_mentions_special_reasons():
    # rules.md R9: time at school or daglig verksamhet counts only with särskilda skäl.
    for key in ("work-studies", "work-daily-activity"):
        assert "särskilda skäl" in find_item(key).help


def test_find_item():
    assert find_item("hygiene-toilet") is ITEMS_BY_KEY["hygiene-toilet"]
    assert find_item("hygiene-toilet").row.description == "Toalettbesök"
    assert find_item("no-such-activity") is None
    assert find_item("") is None


def test_items_are_frozen():
    item = find_item("hygiene-toilet")
    with pytest.raises(AttributeError):
        item.help = "x"  # type: ignore[misc]


def test_catalogue_does_not_import_django():
    tree = ast.parse(Path(catalogue.__file__).read_text(encoding="utf-8"))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    assert not any(module.split(".")[0] == "django" for module in modules)


@pytest.mark.parametrize(
    ("key", "need", "kind"),
    [
        # rules.md R3: the direct measures for andning and need 7 are other needs.
        ("breathing-equipment", Need.BREATHING, Kind.OTHER),
        ("medical-equipment", Need.MEDICAL_SUPPORT, Kind.OTHER),
        # rules.md R1, R3: qualified activation and motivation within needs 2–5 count in full.
        ("hygiene-motivation", Need.PERSONAL_HYGIENE, Kind.BASIC),
        ("meals-motivation", Need.MEALS, Kind.BASIC),
        ("dressing-motivation", Need.DRESSING, Kind.BASIC),
        ("communication-motivation", Need.COMMUNICATION, Kind.BASIC),
    ],
)
def test_the_exemptions_and_full_count_needs_have_rows(key, need, kind):
    item = find_item(key)
    assert (item.need, item.row.kind) == (need, kind)


def test_the_direct_measures_say_why_they_are_not_deducted():
    for key in ("breathing-equipment", "medical-equipment"):
        assert "föräldraavdrag" in find_item(key).help
    for key in ("meals-motivation", "dressing-motivation", "communication-motivation"):
        assert "kvalificerade" in find_item(key).help and "i sin helhet" in find_item(key).help


# --- Issue 23 item 1: every placement carries a source, a basis and the words people use --------


@pytest.mark.parametrize("item", ALL_ITEMS, ids=lambda item: item.key)
def test_every_placement_carries_a_known_source_and_a_basis_that_fits(item: CatalogueItem):
    assert item.source and all(name in catalogue.SOURCES for name in item.source)
    assert "LSS 9 a §" in item.source  # the law that names the needs places every item
    # rules.md R3: basic exactly for an integrity-near part or a need counted in full.
    assert (item.basis in catalogue.BASIC_BASES) == (item.row.kind == Kind.BASIC)


@pytest.mark.parametrize("item", ALL_ITEMS, ids=lambda item: item.key)
def test_every_item_has_synonyms_in_swedish_and_english(item: CatalogueItem):
    assert len(item.synonyms["sv"]) >= 3 and len(item.synonyms["en"]) >= 3
    for word in (*item.synonyms["sv"], *item.synonyms["en"]):
        assert word == word.strip() and word and catalogue.words(word), word


@pytest.mark.parametrize("item", ALL_ITEMS, ids=lambda item: item.key)
def test_an_unsure_placement_says_so_in_its_help(item: CatalogueItem):
    swedish = item.swedish_help.lower()
    english = item.helps["en"].lower()
    assert item.unsure == ("osäker placering" in swedish) == ("osäker placering" in english)


@pytest.mark.parametrize(
    ("key", "need", "kind"),
    [
        # The list, placed as the law and FK's guidance put it (rules.md R1, R3).
        ("hygiene-transfer", Need.PERSONAL_HYGIENE, Kind.BASIC),
        ("dressing-transfer", Need.DRESSING, Kind.BASIC),
        ("other-transfer", Need.OTHER, Kind.OTHER),
        ("health-repositioning", Need.HEALTH_AND_CARE, Kind.OTHER),
        ("breathing-tracheostomy", Need.BREATHING, Kind.BASIC),
        ("breathing-suction", Need.BREATHING, Kind.BASIC),
        ("breathing-cough-assist", Need.BREATHING, Kind.BASIC),
        ("breathing-ventilator", Need.BREATHING, Kind.BASIC),
        ("breathing-supervision", Need.BREATHING, Kind.BASIC),
        ("hygiene-catheter", Need.PERSONAL_HYGIENE, Kind.BASIC),
        ("hygiene-stoma", Need.PERSONAL_HYGIENE, Kind.BASIC),
        ("health-pressure-sores", Need.HEALTH_AND_CARE, Kind.OTHER),
        ("communication-aids", Need.COMMUNICATION, Kind.BASIC),
        ("injury-running-away", Need.INJURY_PREVENTION, Kind.BASIC),
        ("supervision-child-night", Need.SUPERVISION, Kind.OTHER),
        ("leisure-play", Need.LEISURE_AND_COMMUNITY, Kind.OTHER),
    ],
)
def test_the_needs_of_a_physical_disability_and_of_children_have_items(key, need, kind):
    item = find_item(key)
    assert item is not None, key
    assert (item.need, item.row.kind) == (need, kind)


def test_transfers_say_when_they_are_a_basic_need():
    for key in ("hygiene-transfer", "dressing-transfer", "other-transfer"):
        assert "grundläggande behov" in find_item(key).help


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        ('source = ["Min granne"]\nbasis = "integrity_near"', "source"),
        ('basis = "integrity_near"', "source"),
        ('source = ["LSS 9 a §"]\nbasis = "vibes"', "basis"),
        ('source = ["LSS 9 a §"]\nbasis = "other_need"', "basis"),  # basic row, other basis
        ('source = ["LSS 9 a §"]\nbasis = "full_count"', "basis"),  # meals: not in full
        ('source = ["LSS 9 a §"]\nbasis = "integrity_near"\nsynonyms = "äta"', "synonyms"),
    ],
)
def test_a_placement_without_a_known_source_or_a_fitting_basis_stops_the_load(
    tmp_path, extra, fragment
):
    item = (
        'key = "bad"\nneed = "meals"\ndescription = "Äta"\nkind = "basic"\nminutes = 5\n'
        f'times = 1\nper = "day"\n{extra}\nhelp = "?"'
    )
    with pytest.raises(catalogue.CatalogueError, match=fragment):
        catalogue.load(write_catalogue(tmp_path, item))


def test_an_english_item_without_synonyms_is_a_translation_problem(tmp_path):
    source = write_catalogue(
        tmp_path,
        'key = "ok"\nneed = "meals"\ndescription = "Äta"\nkind = "basic"\nminutes = 5\n'
        'times = 1\nper = "day"\nsource = ["LSS 9 a §"]\nbasis = "integrity_near"\n'
        'synonyms = ["mat"]\nhelp = "Se."',
    )
    english = catalogue.translation_path(source, "en")
    english.write_text(
        '[shared]\nx = "z"\n[items.ok]\ndescription = "Eat"\nhelp = "See."\n', encoding="utf-8"
    )
    assert catalogue.translation_problems(source) == ["ok: no synonyms"]
    english.write_text(
        '[shared]\nx = "z"\n[items.ok]\ndescription = "Eat"\nhelp = "See."\nsynonyms = ["food"]\n',
        encoding="utf-8",
    )
    assert catalogue.translation_problems(source) == []
    (group,) = catalogue.load(source)
    assert group.items[0].synonyms == {"sv": ("mat",), "en": ("food",)}
