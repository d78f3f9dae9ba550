"""The last day to ask for omprövning of a decision, or to appeal it (rules.md R14).

Dates, not hours: shown next to a decision, never part of the calculation.
- Försäkringskassan's decision: a request for omprövning must have arrived within two months
  from the day the person received the decision (socialförsäkringsbalken 113 kap. 19 §).
- The kommun's decision: an appeal must have arrived at the kommun within three weeks from that
  day (förvaltningslagen 44 §).
- Lag (1930:173) om beräkning av lagstadgad tid: two months end on the same date in the second
  month after, or on that month's last day when it has no such date; three weeks end on the same
  weekday three weeks later; a last day that is a Saturday, Sunday, public holiday,
  midsommarafton, julafton or nyårsafton moves to the next weekday (`holidays.day_off`).
- Counted from `decision.received`; when only the decision's date is known, from that date,
  with the rules.md sentence that the real deadline may be later (never a later day than the
  law gives). Without either date there is no deadline.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .assessment import Decision
from .formatting import format_list
from .holidays import DayOff, day_off
from .i18n import _, ngettext
from .needs import DecisionMaker

FK_MONTHS = 2  # socialförsäkringsbalken 113 kap. 19 §
KOMMUN_WEEKS = 3  # förvaltningslagen (2017:900) 44 §


class DeadlineKind(StrEnum):
    OMPROVNING = "omprovning"  # a request for omprövning, to Försäkringskassan
    OVERKLAGANDE = "overklagande"  # an appeal, sent to the kommun


class CountedFrom(StrEnum):
    RECEIVED = "received"  # the day the person received the decision
    DATE = "date"  # the decision's date: the real deadline may be later


def add_months(day: date, months: int) -> date:
    """Lag (1930:173) 1 §: the same date `months` months later, or that month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    counted_from: CountedFrom
    start: date  # the day counted from: received, else the decision's date
    unmoved: date  # the day the time runs out, before lag (1930:173) 2 § moves it
    last_day: date  # the last day the request or appeal may arrive
    skipped: tuple[tuple[date, DayOff], ...]  # the days it moved past, each with why

    @property
    def moved(self) -> bool:
        return self.last_day != self.unmoved

    @property
    def headline(self) -> str:
        """ "Sista dagen för en begäran om omprövning är 2026-12-21." """
        if self.kind == DeadlineKind.OMPROVNING:
            text = _("Sista dagen för en begäran om omprövning är {day}.")
        else:
            text = _("Sista dagen för ett överklagande är {day}.")
        return text.format(day=self.last_day.isoformat())

    @property
    def explanation(self) -> str:
        """The rule, how the day was counted, and why it moved: whole Swedish sentences."""
        if self.kind == DeadlineKind.OMPROVNING:
            rule = _(
                "En begäran om omprövning måste ha kommit fram till Försäkringskassan inom två "
                "månader från den dag du fick del av beslutet (socialförsäkringsbalken 113 kap. "
                "19 §)."
            )
        else:
            rule = _(
                "Ett överklagande måste ha kommit fram till kommunen inom tre veckor från den dag "
                "du fick del av beslutet (förvaltningslagen 44 §). Står det något annat i "
                "beslutet, gör som det står där."
            )
        match (self.counted_from, self.kind):
            case (CountedFrom.RECEIVED, DeadlineKind.OMPROVNING):
                counted = _("Du fick beslutet {start}; två månader senare är {unmoved}.")
            case (CountedFrom.RECEIVED, _kind):
                counted = _("Du fick beslutet {start}; tre veckor senare är {unmoved}.")
            case (_counted, DeadlineKind.OMPROVNING):
                counted = _("Beslutet är daterat {start}; två månader senare är {unmoved}.")
            case _:
                counted = _("Beslutet är daterat {start}; tre veckor senare är {unmoved}.")
        sentences = [
            rule,
            counted.format(start=self.start.isoformat(), unmoved=self.unmoved.isoformat()),
        ]
        if self.moved:
            (_first, why), *others = self.skipped
            if others:
                reason = ngettext(
                    "{day}, och inte heller {others} är en vardag",
                    "{day}, och inte heller {others} är vardagar",
                    len(others),
                ).format(
                    day=why.label,
                    others=format_list(
                        [
                            _("{date} ({day})").format(date=day.isoformat(), day=off.label)
                            for day, off in others
                        ]
                    ),
                )
            else:
                reason = str(why.label)
            sentences.append(
                _(
                    "Den dagen är {reason}, så sista dagen flyttas till nästa vardag, {last} "
                    "(lagen (1930:173) om beräkning av lagstadgad tid)."
                ).format(reason=reason, last=self.last_day.isoformat())
            )
        if self.counted_from == CountedFrom.DATE:
            # rules.md R14, word for word.
            sentences.append(
                _(
                    "Räknat från beslutsdatum. Fristen räknas från dagen du fick beslutet och kan "
                    "därför vara senare."
                )
            )
        return " ".join(sentences)


def next_weekday(day: date) -> tuple[date, tuple[tuple[date, DayOff], ...]]:
    """Lag (1930:173) 2 §: the day itself when it is a weekday, else the next weekday that is
    not a holiday or an eve the law names, with the days passed over and why."""
    skipped = []
    while (why := day_off(day)) is not None:
        skipped.append((day, why))
        day += timedelta(days=1)
    return day, tuple(skipped)


def deadline(decision: Decision | None) -> Deadline | None:
    """rules.md R14: the last day for the decision, or None without a decision or a date."""
    if decision is None:
        return None
    if decision.received is not None:
        start, counted_from = decision.received, CountedFrom.RECEIVED
    elif decision.date is not None:
        start, counted_from = decision.date, CountedFrom.DATE
    else:
        return None
    if decision.by == DecisionMaker.FK:
        kind, unmoved = DeadlineKind.OMPROVNING, add_months(start, FK_MONTHS)
    else:
        kind, unmoved = DeadlineKind.OVERKLAGANDE, start + timedelta(weeks=KOMMUN_WEEKS)
    last_day, skipped = next_weekday(unmoved)
    return Deadline(kind, counted_from, start, unmoved, last_day, skipped)
