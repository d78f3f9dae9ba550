"""Swedish public holidays and the days the law on deadlines treats like them (rules.md R14).

Lag (1989:253) om allmänna helgdagar names the public holidays: nyårsdagen, trettondedag jul,
långfredagen, påskdagen, annandag påsk, Kristi himmelsfärdsdag, första maj, pingstdagen,
nationaldagen, midsommardagen, alla helgons dag, juldagen and annandag jul (the list in force
since 2005, when nationaldagen took the place of annandag pingst; the tool counts deadlines of
decisions from its first year, 2011, on). Lag (1930:173) om beräkning av lagstadgad tid 2 §
moves a deadline that ends on a Saturday, a Sunday, another public holiday, midsommarafton,
julafton or nyårsafton to the next weekday.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from .i18n import Lazy, gettext_noop


@dataclass(frozen=True)
class DayOff:
    """Why a day is not a weekday for a deadline: its key and its name."""

    key: str
    label: Lazy  # "julafton", "söndag": after "2026-12-24 är ..."


SATURDAY = DayOff("saturday", gettext_noop("lördag"))
SUNDAY = DayOff("sunday", gettext_noop("söndag"))
NYARSDAGEN = DayOff("nyarsdagen", gettext_noop("nyårsdagen"))
TRETTONDEDAG_JUL = DayOff("trettondedag_jul", gettext_noop("trettondedag jul"))
LANGFREDAGEN = DayOff("langfredagen", gettext_noop("långfredagen"))
PASKDAGEN = DayOff("paskdagen", gettext_noop("påskdagen"))
ANNANDAG_PASK = DayOff("annandag_pask", gettext_noop("annandag påsk"))
KRISTI_HIMMELSFARDSDAG = DayOff("kristi_himmelsfardsdag", gettext_noop("Kristi himmelsfärdsdag"))
FORSTA_MAJ = DayOff("forsta_maj", gettext_noop("första maj"))
PINGSTDAGEN = DayOff("pingstdagen", gettext_noop("pingstdagen"))
NATIONALDAGEN = DayOff("nationaldagen", gettext_noop("Sveriges nationaldag"))
MIDSOMMARDAGEN = DayOff("midsommardagen", gettext_noop("midsommardagen"))
ALLA_HELGONS_DAG = DayOff("alla_helgons_dag", gettext_noop("alla helgons dag"))
JULDAGEN = DayOff("juldagen", gettext_noop("juldagen"))
ANNANDAG_JUL = DayOff("annandag_jul", gettext_noop("annandag jul"))
# Not public holidays, but lag (1930:173) 2 § treats them like one.
MIDSOMMARAFTON = DayOff("midsommarafton", gettext_noop("midsommarafton"))
JULAFTON = DayOff("julafton", gettext_noop("julafton"))
NYARSAFTON = DayOff("nyarsafton", gettext_noop("nyårsafton"))


def easter(year: int) -> date:
    """Easter Sunday by the Gregorian computus (the anonymous algorithm of Meeus, Jones and
    Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _saturday_between(first: date) -> date:
    """The Saturday in the seven days from `first`."""
    return first + timedelta(days=(5 - first.weekday()) % 7)


def public_holidays(year: int) -> dict[date, DayOff]:
    """Lag (1989:253): the public holidays of a year, with midsommarafton, julafton and
    nyårsafton, which lag (1930:173) 2 § adds."""
    sunday = easter(year)
    midsommar = _saturday_between(date(year, 6, 20))  # a Saturday 20–26 June
    return {
        date(year, 1, 1): NYARSDAGEN,
        date(year, 1, 6): TRETTONDEDAG_JUL,
        sunday - timedelta(days=2): LANGFREDAGEN,
        sunday: PASKDAGEN,
        sunday + timedelta(days=1): ANNANDAG_PASK,
        sunday + timedelta(days=39): KRISTI_HIMMELSFARDSDAG,
        date(year, 5, 1): FORSTA_MAJ,
        sunday + timedelta(days=49): PINGSTDAGEN,
        date(year, 6, 6): NATIONALDAGEN,
        midsommar - timedelta(days=1): MIDSOMMARAFTON,
        midsommar: MIDSOMMARDAGEN,
        _saturday_between(date(year, 10, 31)): ALLA_HELGONS_DAG,  # a Saturday 31 Oct–6 Nov
        date(year, 12, 24): JULAFTON,
        date(year, 12, 25): JULDAGEN,
        date(year, 12, 26): ANNANDAG_JUL,
        date(year, 12, 31): NYARSAFTON,
    }


def day_off(day: date) -> DayOff | None:
    """Why a deadline cannot end on this day (lag 1930:173 2 §), or None for a weekday. A
    holiday is named before the weekday it falls on (påskdagen, not söndag)."""
    named = public_holidays(day.year).get(day)
    if named is not None:
        return named
    match day.weekday():
        case 5:
            return SATURDAY
        case 6:
            return SUNDAY
    return None
