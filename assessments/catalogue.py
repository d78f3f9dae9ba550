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
"""

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from assessments import rules
from assessments.rules.i18n import language
from assessments.rules.needs import NEEDS, Need

SOURCE = Path(__file__).parent / "content" / "catalogue.toml"
TRANSLATED = ("description", "help")  # the texts of an item that a translation gives
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
        opens = values.pop("opens", "")
        if opens not in OPENS:
            raise CatalogueError(f"catalogue item {key!r}: opens must be one of {OPENS}")
        if not key or any(item.key == key for item in items):
            raise CatalogueError(f"catalogue item {key!r}: a key is missing or used twice")
        row, problems = rules.parse_activity(values)
        if row is None:
            listed = "; ".join(f"{name}: {message}" for name, message in problems)
            raise CatalogueError(f"catalogue item {key!r}: {listed}")
        rows, helps = {}, {}
        for code, translation in translations.items():
            texts = translation.get("items", {}).get(key)
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
        items.append(CatalogueItem(key, row, help_text.format(**shared), rows, helps, opens))
    return tuple(
        CatalogueGroup(info.need, tuple(item for item in items if item.need == info.need))
        for info in NEEDS
        if any(item.need == info.need for item in items)
    )


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
        problems += [f"{key}: {name} is not translated" for name in texts if name not in TRANSLATED]
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
