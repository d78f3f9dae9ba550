"""The words of the figures: hours, durations, months and spans, the age bracket, the verdict
and its margin, a row's frequency and formula, a value's confidence, the age and money texts.

Each is the one wording of what it says, shared by the explanation, the page, the PDF and the
command; every sentence is built from the parameters it talks about, so that a changed value
can never leave an old number in the prose.
"""

import calendar
from datetime import date
from fractions import Fraction

from assessments.rules import parameters as p
from assessments.rules.activity import Activity
from assessments.rules.assessment import Assessment
from assessments.rules.i18n import _, gettext_noop, ngettext
from assessments.rules.needs import (
    PERIOD_LABELS,
    Period,
    TimeType,
)

from . import explain_dates
from .engine import (
    Result,
    RowResult,
)
from .formatting import (
    format_hours,
    format_kronor,
    format_number,
    fraction_text,
    share_text,
)

CONFIDENCE_LABELS = {
    p.HIGH: gettext_noop("hög"),
    p.MEDIUM: gettext_noop("medel"),
    p.LOW: gettext_noop("låg"),
    p.DERIVED: gettext_noop("härledd"),
}
MONTHS = [
    gettext_noop("januari"),
    gettext_noop("februari"),
    gettext_noop("mars"),
    gettext_noop("april"),
    gettext_noop("maj"),
    gettext_noop("juni"),
    gettext_noop("juli"),
    gettext_noop("augusti"),
    gettext_noop("september"),
    gettext_noop("oktober"),
    gettext_noop("november"),
    gettext_noop("december"),
]


def hours_text(minutes: Fraction) -> str:
    return _("{hours} h/vecka").format(hours=format_hours(minutes))


def duration_text(minutes: Fraction) -> str:
    """ "57 h 10 min", to the nearest minute."""
    whole = round(minutes)
    hours, rest = divmod(abs(whole), 60)
    sign = "−" if whole < 0 else ""
    if hours and rest:
        return f"{sign}{hours} h {rest} min"
    if hours:
        return f"{sign}{hours} h"
    return f"{sign}{rest} min"


def month_name(month: int) -> str:
    return str(MONTHS[month - 1])


def month_text(day: date) -> str:
    return _("{month} {year}").format(month=month_name(day.month), year=day.year)


def span_text(start: date, end: date) -> str:
    """ "januari–februari 2027" for whole months, else the dates."""
    whole = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if not whole:
        return start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}"
    if (start.year, start.month) == (end.year, end.month):
        return month_text(start)
    if start.year == end.year:
        return _("{first}–{last} {year}").format(
            first=month_name(start.month), last=month_name(end.month), year=end.year
        )
    return f"{month_text(start)} – {month_text(end)}"


def bracket_text(age: int | None) -> str:
    """The deduction bracket an age falls in: "7–11 år" (rules.md R7)."""
    if age is None:
        return ""
    adult = p.ADULT_AGE.value
    if age >= adult:
        return _("{age} år och äldre").format(age=adult)
    lows = [low for low, _basic, _other in p.PARENTAL_DEDUCTION[-1].value.brackets]
    low = max(x for x in lows if x <= age)
    highs = [x - 1 for x in lows if x > low] + [adult - 1]
    high = min(highs)
    if low == high:
        return ngettext("{age} år", "{age} år", low).format(age=low)
    return _("{low}–{high} år").format(low=low, high=high)


def hours_word(amount: str) -> str:
    """ "timme" or "timmar" after a number as it is shown ("1", "1,5")."""
    return ngettext("timme", "timmar", 1 if amount == "1" else 2)


def margin_text(result: Result, *, unit: str | None = None, line: str = "") -> str:
    """Where the basic needs stand against the threshold: "1,5 timmar över gränsen".

    The one wording of the margin, for the verdict, the explanation, the PDF and the chart;
    `unit` is "timmar" (or "timme") unless given ("h"); `line` names the threshold after
    "gränsen" where the reader needs it (" på 20 h", in the language shown).
    """
    margin = abs(result.margin_minutes)
    amount = format_hours(margin)
    if unit is None:
        unit = hours_word(amount)
    if amount == "0" and margin:
        amount = _("mindre än {amount}").format(amount=format_number(Fraction(1, 100)))
    if result.meets_threshold:
        return _("{amount} {unit} över gränsen{line}").format(amount=amount, unit=unit, line=line)
    if margin == 0:
        return _("exakt på gränsen{line}, som måste överskridas").format(line=line)
    return _("{amount} {unit} under gränsen{line}").format(amount=amount, unit=unit, line=line)


def verdict_sentence(result: Result, *, according: str = "") -> str:
    """The threshold verdict in one sentence, with the margin (rules.md R5). `according` opens
    it with whose figures they are ("Enligt beslutet", translated by the caller)."""
    values = {"according": according, "basic": format_hours(result.basic_minutes)}
    values["margin"] = margin_text(result)
    average = result.several_weeks or result.several_segments
    if according and average:
        opening = _(
            "{according} {basic} timmar grundläggande behov i veckan i genomsnitt – {margin}."
        )
    elif according:
        opening = _("{according} {basic} timmar grundläggande behov i veckan – {margin}.")
    elif average:
        opening = _("Grundläggande behov: {basic} timmar i veckan i genomsnitt – {margin}.")
    else:
        opening = _("Grundläggande behov: {basic} timmar i veckan – {margin}.")
    opening = opening.format(**values)
    if result.meets_threshold:
        then = _("Det talar för statlig assistansersättning från Försäkringskassan.")
    elif result.margin_minutes == 0:
        then = _("Då ansvarar kommunen.")
    else:
        then = _(
            "Då ansvarar kommunen, som kan bevilja personlig assistans utan någon nedre gräns."
        )
    return f"{opening} {then}"


def threshold_text() -> str:
    return _("{hours} timmar").format(hours=p.THRESHOLD_HOURS.value)


def frequency_text(activity: Activity) -> str:
    """ "3 ggr per dag, 7 dagar/vecka", "1 gång per månad" (rules.md R4)."""
    text = ngettext(
        "{times} gång {per}", "{times} ggr {per}", 1 if activity.times == 1 else 2
    ).format(times=format_number(activity.times), per=PERIOD_LABELS[activity.per])
    if activity.per == Period.DAY:
        text = _("{frequency}, {days} dagar/vecka").format(
            frequency=text, days=activity.days_per_week
        )
    return text


def time_type_note(activity: Activity) -> str:
    """rules.md R6: väntetid and beredskap count a share of their time."""
    match activity.time_type:
        case TimeType.WAITING:
            return _("väntetid, räknas {share}").format(share=fraction_text(p.WAITING_FACTOR.value))
        case TimeType.ON_CALL:
            return _("beredskap, räknas {share}").format(
                share=fraction_text(p.ON_CALL_FACTOR.value)
            )
    return ""


def row_formula(row: RowResult) -> str:
    """The arithmetic of one row, in the order rules.md R4 gives it."""
    activity = row.activity
    weeks = p.WEEKS_PER_YEAR.value
    pieces = [
        _("{minutes} min").format(minutes=format_number(activity.minutes)),
        ngettext("{times} ggr {per}", "{times} ggr {per}", 1 if activity.times == 1 else 2).format(
            times=format_number(activity.times), per=PERIOD_LABELS[activity.per]
        ),
    ]
    match activity.per:
        case Period.DAY:
            pieces.append(_("{days} dagar i veckan").format(days=activity.days_per_week))
        case Period.MONTH:
            pieces.append(_("12/{weeks} (månad till vecka)").format(weeks=weeks))
        case Period.YEAR:
            pieces.append(_("1/{weeks} (år till vecka)").format(weeks=weeks))
    if activity.assistants == 2:
        pieces.append(_("2 assistenter"))
    match activity.time_type:
        case TimeType.WAITING:
            pieces.append(
                _("{share} (väntetid)").format(share=fraction_text(p.WAITING_FACTOR.value))
            )
        case TimeType.ON_CALL:
            pieces.append(
                _("{share} (beredskap)").format(share=fraction_text(p.ON_CALL_FACTOR.value))
            )
    return _("{formula} = {minutes} min i veckan").format(
        formula=" × ".join(pieces), minutes=format_number(row.weekly_minutes)
    )


def parameter_value_text(parameter: p.Parameter) -> str:
    """A parameter's value as the list of sources prints it."""
    value = parameter.value
    match parameter.key:
        case "hourly_amount":
            return format_kronor(value, places=2)
        case "parental_deduction":
            return _("tabellen från {date}").format(date=parameter.effective.isoformat())
        case "waiting_factor" | "on_call_factor":
            return share_text(value)
        case "higher_amount_max":
            return f"{format_number(value * 100)} % {parameter.unit}"
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return f"{format_number(value)} {parameter.unit}".strip()


def age_text(assessment: Assessment, result: Result) -> str:
    """Which deduction bracket was used and why (rules.md R7), for a child."""
    age = result.age
    if age is None:
        return ""
    on = result.rules_as_of
    bracket = bracket_text(age)
    if assessment.birth_month is not None:
        born = assessment.birth_month
        if on.month == born.month and age > 0:
            text = _(
                "Barnet räknas som {age} år hela {month}, månaden då hen fyller {age}."
            ).format(age=age, month=month_name(on.month))
        else:
            text = _("Barnet är {age} år (född {born}).").format(age=age, born=month_text(born))
    else:
        text = _(
            "Barnet är {age} år enligt åldern du angett. Fyller barnet år senare samma månad "
            "räknas hela månaden till den nya åldern: ange då födelsemånaden."
        ).format(age=age)
    if age >= p.ADULT_AGE.value:
        then = _("Inget föräldraavdrag görs från {age} år.").format(age=p.ADULT_AGE.value)
    else:
        then = _("Föräldraavdraget räknas för åldersgruppen {bracket}.").format(bracket=bracket)
    return f"{text} {then}"


def amount_text(result: Result) -> str:
    """The hourly amount used and where it comes from (rules.md R8)."""
    year = result.rules_as_of.year
    if result.own_hourly_amount:
        return _(
            "Ditt eget timbelopp {amount}, från ditt beslut (inte årets schablonbelopp)."
        ).format(amount=format_kronor(result.hourly_amount, 2))
    if result.several_amounts:
        return explain_dates.amounts_text(result)
    if result.schablon_amount is not None:
        return _("Schablonbeloppet för {year}: {amount} i timmen ({source}).").format(
            year=year,
            amount=format_kronor(result.hourly_amount, 2),
            source=result.schablon_amount.source.title,
        )
    return _("Timbeloppet för {year} är inte känt än; det beslutas av regeringen.").format(
        year=year
    )
