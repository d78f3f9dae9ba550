"""The day plan's objects (rules.md R13.1): a `DayPlan` of a week type, its presence spans
(`Span`) and its active help at a clock time (`Item`), and the clock arithmetic of the circular
dygn they share. Their tables, their rules and their declaration as parts are `dayplan.py`; the
minute arithmetic of a whole day is `day.py`.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time
from fractions import Fraction

from .fields import to_number
from .needs import Kind, Need, Presence

DAY_MINUTES = 24 * 60


def minute_of(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def clock(moment: time) -> str:
    """ "07:30" (strftime takes ten times as long, for every item of every plan)."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


@dataclass(frozen=True, kw_only=True)
class Span:
    """People present from `start` to `end` for a need (rules.md R13.1). An end before the
    start runs past midnight into the same typical dygn's early hours."""

    start: time
    end: time
    need: Need
    presence: Presence
    assistants: int = 1
    kind: Kind | None = None  # None: as R13.3 says on the first day calculated
    description: str = ""
    note: str = ""

    def __post_init__(self):
        object.__setattr__(self, "need", Need(self.need))
        object.__setattr__(self, "presence", Presence(self.presence))
        if self.kind is not None:
            object.__setattr__(self, "kind", Kind(self.kind))

    @property
    def first_minute(self) -> int:
        return minute_of(self.start)

    @property
    def minutes(self) -> int:
        """Its length on the clock, 1–1439 minutes."""
        return (minute_of(self.end) - minute_of(self.start)) % DAY_MINUTES

    @property
    def times_text(self) -> str:
        return f"{clock(self.start)}–{clock(self.end)}"


@dataclass(frozen=True, kw_only=True)
class Item:
    """Active help at a clock time (rules.md R13.1): `minutes` from `at`, by `assistants`
    people, or by two for its first `two_minutes`."""

    at: time
    minutes: Fraction
    need: Need
    kind: Kind
    assistants: int = 1
    two_minutes: Fraction | None = None
    tube_feeding: bool = False
    during_supervision: bool = False  # R13.2: not counted where supervision covers it
    description: str
    note: str = ""

    def __post_init__(self):
        object.__setattr__(self, "need", Need(self.need))
        object.__setattr__(self, "kind", Kind(self.kind))
        object.__setattr__(self, "minutes", to_number(self.minutes))
        if self.two_minutes is not None:
            object.__setattr__(self, "two_minutes", to_number(self.two_minutes))

    @property
    def first_minute(self) -> int:
        return minute_of(self.at)

    def parts(self) -> tuple[tuple[Fraction, Fraction, int], ...]:
        """(offset from `at`, minutes, people): the first `two_minutes` with two."""
        if self.two_minutes is None:
            return ((Fraction(0), self.minutes, self.assistants),)
        rest = self.minutes - self.two_minutes
        two = (Fraction(0), self.two_minutes, 2)
        return (two, (self.two_minutes, rest, 1)) if rest else (two,)

    @property
    def needs_two(self) -> bool:
        return self.assistants == 2 or self.two_minutes is not None


@dataclass(frozen=True, kw_only=True)
class DayPlan:
    """One typical dygn (00:00–24:00, repeating) of a week type (rules.md R13.1)."""

    key: str
    name: str
    week_type: str
    days: int
    spans: tuple[Span, ...] = ()
    items: tuple[Item, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "spans", tuple(self.spans))
        object.__setattr__(self, "items", tuple(self.items))


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Do two clock intervals (first minute, length) of the circular dygn overlap?"""
    (a0, al), (b0, bl) = a, b
    return (b0 - a0) % DAY_MINUTES < al or (a0 - b0) % DAY_MINUTES < bl


def people_steps(items: Sequence[Item]) -> list[tuple[Fraction, int]]:
    """(minute, change of people) of the items on the circular dygn, unsorted: each part from
    its start to its end, split at midnight."""
    steps: list[tuple[Fraction, int]] = []
    for item in items:
        for offset, minutes, people in item.parts():
            start = (item.first_minute + offset) % DAY_MINUTES
            end = start + minutes
            if end <= DAY_MINUTES:
                steps += [(start, people), (end, -people)]
            else:
                steps += [(start, people), (Fraction(DAY_MINUTES), -people)]
                steps += [(Fraction(0), people), (end - DAY_MINUTES, -people)]
    return steps
