"""The behovslista: common activities per need that a person can pick instead of typing.

The content lives in `content/catalogue.toml`, where a domain reviewer edits it; this module
reads it once, checks every item by the row rules (`rules.parse_activity`, the same check as a
row of an imported file) and groups the items by need in the law's order. An item that breaks a
rule stops the app at start, with the item's key and the rule. Pure Python, no Django import.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from assessments import rules
from assessments.rules.needs import NEEDS, Need

SOURCE = Path(__file__).parent / "content" / "catalogue.toml"


@dataclass(frozen=True)
class CatalogueItem:
    key: str  # stable ASCII slug, unique across the catalogue
    row: rules.Activity  # the row it suggests: a default kind (rules.md R3) and modest values
    help: str  # plain Swedish: why this kind, what to include

    @property
    def need(self) -> Need:
        return self.row.need


@dataclass(frozen=True)
class CatalogueGroup:
    need: Need
    items: tuple[CatalogueItem, ...]


class CatalogueError(ValueError):
    """The catalogue file breaks a rule; the message names the item."""


def load(source: Path = SOURCE) -> tuple[CatalogueGroup, ...]:
    with source.open("rb") as handle:
        data = tomllib.load(handle)
    shared = data.get("shared", {})
    items: list[CatalogueItem] = []
    for entry in data.get("item", []):
        values = dict(entry)
        key = values.pop("key", None)
        help_text = values.pop("help", "")
        if not key or any(item.key == key for item in items):
            raise CatalogueError(f"catalogue item {key!r}: a key is missing or used twice")
        row, problems = rules.parse_activity(values)
        if row is None:
            listed = "; ".join(f"{name}: {message}" for name, message in problems)
            raise CatalogueError(f"catalogue item {key!r}: {listed}")
        items.append(CatalogueItem(key, row, help_text.format(**shared)))
    return tuple(
        CatalogueGroup(info.need, tuple(item for item in items if item.need == info.need))
        for info in NEEDS
        if any(item.need == info.need for item in items)
    )


CATALOGUE: tuple[CatalogueGroup, ...] = load()
ITEMS_BY_KEY: dict[str, CatalogueItem] = {
    item.key: item for group in CATALOGUE for item in group.items
}


def find_item(key: str) -> CatalogueItem | None:
    return ITEMS_BY_KEY.get(key)
