"""What the explanation tells, as types: a `Step` of "Så räknade vi" and its `Part`s (a sum
of rows' as `RowParts`), and a `Notice` (a warning). `steps`, `warnings` and the day's words
(`explain_day`) make them.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .engine import RowResult
from .i18n import gettext_noop

# What a person reads as the source of a step: the law, FK's guidance or a ruling; never the
# ids of rules.md, which are for the code.
SOURCES_BY_RULE = {
    "R1": gettext_noop("LSS 9 a §"),
    "R2": gettext_noop("LSS 9 a §"),
    "R3": gettext_noop("HFD 2009 ref. 57"),
    "R4": gettext_noop("Försäkringskassans vägledning 2003:6; RÅ 2010 ref. 53"),
    "R5": gettext_noop("socialförsäkringsbalken 51 kap. 3 §"),
    "R6": gettext_noop("LSS 9 a § fjärde stycket"),
    "R7": gettext_noop("socialförsäkringsbalken 51 kap. 6 §; förordningen (1993:1091) 4 a §"),
    "R8": gettext_noop("socialförsäkringsbalken 51 kap. 11 §"),
    "R9": gettext_noop("HFD 2018 ref. 13"),
    "R10": gettext_noop("socialförsäkringsbalken 51 kap. 3 och 9 §§"),
    "R11": gettext_noop("LSS 9 a § fjärde stycket; Kammarrätten i Göteborg mål 2580-18"),
    "R12": gettext_noop("beslutet, räknat med samma regler som din beräkning"),
    "R13": gettext_noop(
        "LSS 9 a §; förordningen (1993:1091) 3 §; Kammarrätten i Göteborg mål 2580-18"
    ),
}


@dataclass(frozen=True)
class Part:
    """One addend of a figure: a row, a deduction or a limit, in signed minutes per week."""

    label: str
    minutes: Fraction
    row: int | None = None  # 0-based position of the row it came from


class RowParts(Sequence):
    """The parts of a sum of rows, one a row, made when they are first read.

    The page and the printout show a sum of rows per need (`Step.need_parts`); a label and a
    Fraction for each of 150 rows on every calculation would cost more than the figures. The
    words are taken when the result is explained (`steps.row_labeller`), in its language.
    """

    def __init__(
        self,
        rows: tuple[RowResult, ...],
        label: Callable[[RowResult], str],
        *,
        basic: bool,
        after: tuple[Part, ...] = (),
    ):
        self._rows = rows  # the result's rows: those with minutes of this kind are parts
        self._label = label
        self._basic = basic
        self._after = after  # parts after the rows'
        self._parts: tuple[Part, ...] | None = None

    def _made(self) -> tuple[Part, ...]:
        if self._parts is None:
            if self._basic:
                rows = [(r, r.basic_minutes) for r in self._rows if r.basic_share]
            else:
                rows = [(r, r.other_minutes) for r in self._rows if r.basic_share < 1]
            parts = tuple(Part(self._label(r), minutes, r.index) for r, minutes in rows)
            self._parts = parts + self._after
        return self._parts

    def __getitem__(self, index):
        return self._made()[index]

    def __iter__(self):
        return iter(self._made())

    def __len__(self) -> int:
        return len(self._made())

    def __eq__(self, other) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return self._made() == tuple(other)

    def __hash__(self) -> int:
        return hash(self._made())

    def __repr__(self) -> str:
        return repr(self._made())


@dataclass(frozen=True)
class Step:
    """How one figure was reached. The parts add up to `minutes`; `need_parts` are the same sum
    per need, for a printout that lists the rows elsewhere."""

    figure: str
    title: str
    minutes: Fraction
    value: str  # the figure as it is shown: "22,17 h/vecka", "1,5 h över gränsen"
    text: str
    rules: tuple[str, ...]  # rules.md ids, for the code and its tests
    parts: Sequence[Part] = ()  # a tuple, or the rows' `RowParts`
    need_parts: tuple[Part, ...] = ()

    @property
    def hours(self) -> float:
        return float(self.minutes / 60)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(str(SOURCES_BY_RULE[rule]) for rule in self.rules))


@dataclass(frozen=True)
class Notice:
    """Something the person must know about the result, with a stable code."""

    code: str
    message: str
    prominent: bool = False  # to be shown before the rest (rules.md R14)

    @property
    def printed(self) -> bool:
        from .warnings import PRINTED  # the codes, gathered from every module that warns

        return self.code in PRINTED
