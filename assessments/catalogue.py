"""The behovslista: common activities per need that a person can pick instead of typing.

The content lives in `content/catalogue.toml`, where a domain reviewer edits it; this module
reads it once, checks every item by the row rules (`rules.parse_activity`, the same check as a
row of an imported file) and groups the items by need in the law's order. An item that breaks a
rule stops the app at start, with the item's key and the rule. Pure Python, no Django import.

The English texts of each item (its description and help) are in `content/catalogue.en.toml`,
by the item's key, beside the Swedish file; everything else about an item is the Swedish
file's. An item shows the texts of the language being shown (`rules.i18n.language`), and the
Swedish ones where English is missing; `translation_problems` lists what is missing or extra,
and a test fails on any.

Each item also says why it sits under its need: `source` (the law, case or FK guidance that
places it there, from `SOURCES`), `basis` (why its default kind is what it is, `Basis`) and
`unsure` (the placement is a judgement no source settles; its help then says so). Its
`synonyms` (per language) are the words people use for it; `matches` finds items by the
beginnings of those words, case- and accent-insensitively (issue 23 item 2), and app.js
mirrors it over the words the page puts on each item (`terms`).
"""

import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache
from pathlib import Path

from assessments import rules
from assessments.rules.i18n import language
from assessments.rules.needs import NEEDS, Need

SOURCE = Path(__file__).parent / "content" / "catalogue.toml"
TRANSLATED = ("description", "help")  # the texts of an item that a translation gives
LISTED = ("synonyms",)  # and the lists of words, also required in every translation

# The sources an item's placement may cite: each is named in shared/domain/rules.md, under the
# rule given here, or is FK's own guidance. A short name, as a reader looks it up.
SOURCES: dict[str, str] = {
    "LSS 9 a §": "R1: the seven basic needs, and (4th para.) the direct measures, R3",
    "RÅ 2009 ref. 57": "R3: only the integrity-near parts of needs 2-5 are basic",
    "prop. 2018/19:145": "R13.3: help with breathing, practical help and watching over it",
    "prop. 2021/22:244": "R13.3: needs 6 and 7 from 2023",
    "HFD 2020 ref. 7": "R1: kvalificerade aktiverings- och motiveringsinsatser",
    "SFB 51 kap. 6 §": "R7: what a parent normally does is deducted for a child",
    "SFB 51 kap. 5 §": "R2: sjukvårdande insatser give no assistance",
    "SFB 106 kap. 24 §": "R9: time at another insats needs särskilda skäl",
    "FK Vägledning 2003:6": "R6, R10: FK's guidance on assistansersättning",
}


class Basis(StrEnum):
    """Why an item's default kind is what it is (rules.md R2, R3, R6)."""

    INTEGRITY_NEAR = "integrity_near"  # R3: an integrity-near part of needs 2-5: basic
    FULL_COUNT = "full_count"  # R3 exceptions: andning, needs 6-7, sondmatning
    MOTIVATION = "motivation"  # R1, R3: kvalificerade aktiverings- och motiveringsinsatser
    NOT_INTEGRITY_NEAR = "not_integrity_near"  # R3: the rest of the help with needs 2-5: other
    DIRECT_MEASURE = "direct_measure"  # R3: directly necessary for needs 1, 7, sondmatning
    OTHER_NEED = "other_need"  # R2: an other personal need
    NIGHT = "night"  # R6: väntetid or beredskap during the night rest


BASIC_BASES = frozenset({Basis.INTEGRITY_NEAR, Basis.FULL_COUNT, Basis.MOTIVATION})
# Needs 2-5, the needs with integrity-near parts (rules.md R3).
SPLIT_NEEDS = frozenset({Need.PERSONAL_HYGIENE, Need.MEALS, Need.DRESSING, Need.COMMUNICATION})
OPENS = ("", "night")  # the parts an item may fill instead of adding a row


def translation_path(source: Path, code: str) -> Path:
    """`catalogue.toml` -> `catalogue.en.toml`."""
    return source.with_suffix(f".{code}.toml")


@dataclass(frozen=True)
class CatalogueItem:
    key: str  # stable ASCII slug, unique across the catalogue
    swedish_row: rules.Activity  # the row it suggests: a default kind (R3) and modest values
    swedish_help: str  # plain Swedish: why this kind, what to include
    # The same row and help per other language ("en"), with that language's description.
    rows: Mapping[str, rules.Activity] = field(default_factory=dict, compare=False)
    helps: Mapping[str, str] = field(default_factory=dict, compare=False)
    source: tuple[str, ...] = ()  # keys of SOURCES: where the placement under its need is from
    basis: Basis = Basis.OTHER_NEED
    unsure: bool = False  # no source settles the placement; the help says "Osäker placering"
    # The words people use for it, by language ("sv" and each translation's code).
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

    @property
    def terms(self) -> str:
        """The words the search matches in the language shown, normalised, as one string."""
        return item_terms(self, language())

    # A part of the draft the item fills instead of adding a row: "night" for the night's
    # waiting time, which the Natten part counts (rules.md R11), so that it is never counted
    # by a row as well (issue 20).
    opens: str = ""

    @property
    def row(self) -> rules.Activity:
        """The row, its description in the language being shown."""
        return self.rows.get(language(), self.swedish_row)

    @property
    def help(self) -> str:
        return self.helps.get(language(), self.swedish_help)

    @property
    def need(self) -> Need:
        return self.swedish_row.need


@dataclass(frozen=True)
class CatalogueGroup:
    need: Need
    items: tuple[CatalogueItem, ...]


class CatalogueError(ValueError):
    """The catalogue file breaks a rule; the message names the item."""


def _read(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _translations(source: Path) -> dict[str, dict]:
    """Each translation file beside the source, by language code: its [shared] and [items]."""
    found = {}
    for code in ("en",):
        path = translation_path(source, code)
        if path.exists():
            found[code] = _read(path)
    return found


def load(source: Path = SOURCE) -> tuple[CatalogueGroup, ...]:
    data = _read(source)
    shared = data.get("shared", {})
    translations = _translations(source)
    items: list[CatalogueItem] = []
    for entry in data.get("item", []):
        values = dict(entry)
        key = values.pop("key", None)
        help_text = values.pop("help", "")
        placed = {name: values.pop(name) for name in PLACEMENT if name in values}
        opens = values.pop("opens", "")
        if opens not in OPENS:
            raise CatalogueError(f"catalogue item {key!r}: opens must be one of {OPENS}")
        if not key or any(item.key == key for item in items):
            raise CatalogueError(f"catalogue item {key!r}: a key is missing or used twice")
        row, problems = rules.parse_activity(values)
        if row is None:
            listed = "; ".join(f"{name}: {message}" for name, message in problems)
            raise CatalogueError(f"catalogue item {key!r}: {listed}")
        placement = _placement(key, placed)
        rows, helps = {}, {}
        synonyms = {"sv": placement.pop("synonyms")}
        for code, translation in translations.items():
            texts = translation.get("items", {}).get(key)
            synonyms[code] = tuple((texts or {}).get("synonyms", ()))
            if not texts or not all(texts.get(name) for name in TRANSLATED):
                continue  # Swedish instead; translation_problems names it
            try:
                helps[code] = texts["help"].format(**translation.get("shared", {}))
            except (KeyError, IndexError, ValueError) as error:
                raise CatalogueError(
                    f"catalogue item {key!r} ({code}): the help names an unknown shared "
                    f"sentence or has a stray brace: {error}"
                ) from None
            rows[code] = replace(row, description=texts["description"])
        _check_basis(key, row, placement["basis"])
        item = CatalogueItem(
            key,
            row,
            help_text.format(**shared),
            rows,
            helps,
            synonyms=synonyms,
            opens=opens,
            **placement,
        )
        items.append(item)
    return tuple(
        CatalogueGroup(info.need, tuple(item for item in items if item.need == info.need))
        for info in NEEDS
        if any(item.need == info.need for item in items)
    )


PLACEMENT = ("source", "basis", "unsure", "synonyms")  # an item's fields that are not its row


def _placement(key, values: dict) -> dict:
    """Take the item's source, basis, unsure flag and synonyms out of its values (the rest is
    the row), refusing a source not in SOURCES or a basis not in Basis."""
    source = values.pop("source", [])
    basis = values.pop("basis", None)
    unsure = values.pop("unsure", False)
    synonyms = values.pop("synonyms", [])
    if not source or not all(name in SOURCES for name in source):
        raise CatalogueError(f"catalogue item {key!r}: source {source!r} names no known source")
    if basis not in set(Basis):
        raise CatalogueError(f"catalogue item {key!r}: basis {basis!r} is not one of {list(Basis)}")
    if not isinstance(synonyms, list) or not all(isinstance(word, str) for word in synonyms):
        raise CatalogueError(f"catalogue item {key!r}: synonyms must be a list of words")
    return {
        "source": tuple(source),
        "basis": Basis(basis),
        "unsure": bool(unsure),
        "synonyms": tuple(synonyms),
    }


def _check_basis(key, row: rules.Activity, basis: Basis) -> None:
    """The basis agrees with the row (rules.md R2, R3, R6): basic exactly for the bases that
    are basic; an integrity-near part only of needs 2-5; a night basis only for väntetid or
    beredskap; an other need only outside the seven; in full only needs 1, 6, 7 and
    sondmatning."""
    basic_need = rules.is_basic_need(row.need)
    split = (Basis.INTEGRITY_NEAR, Basis.NOT_INTEGRITY_NEAR, Basis.MOTIVATION)
    in_full = row.tube_feeding or (basic_need and row.need not in SPLIT_NEEDS)
    wrong = (
        (basis in BASIC_BASES) != (row.kind == rules.Kind.BASIC)
        or (basis in split and row.need not in SPLIT_NEEDS)
        or (basis is Basis.FULL_COUNT and not in_full)
        or (basis is Basis.DIRECT_MEASURE and not basic_need)
        or (basis is Basis.OTHER_NEED and basic_need)
        or ((basis is Basis.NIGHT) != (row.time_type != rules.TimeType.ACTIVE))
    )
    if wrong:
        raise CatalogueError(f"catalogue item {key!r}: basis {basis} does not fit the row")


def words(text: str) -> list[str]:
    """Lower case, accents and dots taken away, split into words of a-z and 0-9: "Vändning,
    natt" -> ["vandning", "natt"]. app.js (`words`) does exactly this, to mirror `matches`."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return re.findall(r"[0-9a-z]+", re.sub("[\u0300-\u036f]", "", decomposed))


# Small words a query may hold that say nothing about the item ("hjälp med att duscha"),
# written as `words` gives them (no accents).
IGNORED = frozenset(
    {"att", "av", "och", "med", "i", "pa", "vid", "for", "till", "en", "ett", "om", "hjalp"}
    | {"help", "with", "and", "the", "to", "a", "an", "of", "at", "in", "on", "for"}
)


def query_words(query: str) -> list[str]:
    return [word for word in words(query) if word not in IGNORED]


@cache
def item_terms(item: "CatalogueItem", code: str) -> str:
    """The words an item is found by when the page is in `code`: its description, need and
    synonyms in that language and, on a page in another language, the Swedish ones too (people
    in Sweden use the Swedish words: kanyl, LSS). Space first and between: a word begins after
    a space, so that " " + prefix is found in it exactly when a word begins with the prefix."""
    texts = [item.rows.get(code, item.swedish_row).description, *item.synonyms.get(code, ())]
    texts += [rules.need_label(item.need)]
    if code != "sv":
        texts += [item.swedish_row.description, *item.synonyms.get("sv", ())]
    unique = dict.fromkeys(word for text in texts for word in words(text))
    return " " + " ".join(unique)


def matches(item: "CatalogueItem", query: str) -> bool:
    """Every word of the query begins a word of the item's terms (issue 23 item 2)."""
    terms = item.terms
    return all(f" {word}" in terms for word in query_words(query))


def search(query: str) -> tuple[CatalogueGroup, ...]:
    """The groups and items the query finds; all of them for an empty query."""
    if not query_words(query):
        return CATALOGUE
    found = (
        CatalogueGroup(group.need, tuple(item for item in group.items if matches(item, query)))
        for group in CATALOGUE
    )
    return tuple(group for group in found if group.items)


def translation_problems(source: Path = SOURCE, code: str = "en") -> list[str]:
    """What a translation lacks or has too many of, against the Swedish file: every item needs
    its description and help (and no other field), and no key may be one Swedish lacks."""
    path = translation_path(source, code)
    if not path.exists():
        return [f"{path.name} is missing"]
    swedish = _read(source)
    translation = _read(path)
    keys = [entry.get("key") for entry in swedish.get("item", [])]
    entries = translation.get("items", {})
    problems = [f"{key}: no {code} text" for key in keys if key not in entries]
    problems += [f"{key}: not in {source.name}" for key in entries if key not in keys]
    for key, texts in entries.items():
        problems += [f"{key}: no {name}" for name in TRANSLATED if not texts.get(name)]
        problems += [f"{key}: no {name}" for name in LISTED if key in keys and not texts.get(name)]
        problems += [
            f"{key}: {name} is not translated" for name in texts if name not in TRANSLATED + LISTED
        ]
    shared, own = set(swedish.get("shared", {})), set(translation.get("shared", {}))
    problems += [f"[shared] {name}: no {code} text" for name in sorted(shared - own)]
    problems += [f"[shared] {name}: not in {source.name}" for name in sorted(own - shared)]
    unknown = set(translation) - {"shared", "items"}
    problems += [f"[{name}]: unknown table" for name in sorted(unknown)]
    return problems


CATALOGUE: tuple[CatalogueGroup, ...] = load()
ITEMS_BY_KEY: dict[str, CatalogueItem] = {
    item.key: item for group in CATALOGUE for item in group.items
}


def find_item(key: str) -> CatalogueItem | None:
    return ITEMS_BY_KEY.get(key)
