"""What the figures mean, in words: the steps of "Så räknade vi", the warnings, the verdict.

Every sentence is built from the parameters it talks about (the shares, the threshold, the
weeks of a year), so that a changed value can never leave an old number in the prose. A `Step`
carries its display value, so that the page, the PDF and the command print it as it is; its
parts add up to its figure.
"""

import calendar
import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction

from . import explain_dates, explain_day, explain_decision
from . import parameters as p
from .activity import Activity
from .assessment import Assessment
from .engine import (
    DAY_MINUTES,
    Deduction,
    Figures,
    Result,
    RowResult,
    SegmentResult,
    as_decided,
)
from .formatting import (
    format_hours,
    format_kronor,
    format_number,
    fraction_text,
    share_text,
)
from .i18n import _, gettext_noop, ngettext
from .needs import (
    ELSEWHERE_LABELS,
    NEEDS,
    PERIOD_LABELS,
    Elsewhere,
    Need,
    NightCover,
    Period,
    TimeType,
    need_label,
)

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


@dataclass(frozen=True)
class Part:
    """One addend of a figure: a row, a deduction or a limit, in signed minutes per week."""

    label: str
    minutes: Fraction
    row: int | None = None  # 0-based position of the row it came from


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


# What supports the claim before Försäkringskassan: the rules applied, särskilda skäl to
# discuss, the whole-need principle for children. The rest are checks of what was typed and the
# tool's own caveats, for the person at the screen, not for the printout.
PRINTED = (
    frozenset(
        {
            "no_fixed_parental_deduction",
            "enter_whole_need",
            "age_limit",
            "waiting_before_2018",
            "needs_before_2023",
            "breathing_before_2020",
            "breathing_before_2019",
            "special_reasons",
            "hospital",
            "short_term_stay",
            "average_decides",
            "deadline",
            "reassessment_of_whole_right",
        }
    )
    | explain_day.PRINTED
)


@dataclass(frozen=True)
class Notice:
    """Something the person must know about the result, with a stable code."""

    code: str
    message: str
    prominent: bool = False  # to be shown before the rest (rules.md R14)

    @property
    def printed(self) -> bool:
        return self.code in PRINTED


def with_explanation(assessment: Assessment, result: Result) -> Result:
    """The result with its steps, warnings and verdict, built from the same figures."""
    decision = result.decision
    if decision is not None:
        verdict = verdict_sentence(decision, according=_("Enligt beslutet"))
        steps = explain_day.steps(decision) + _steps(as_decided(assessment), decision)
        if decision.grants_nothing:  # rules.md R12
            verdict += " " + explain_decision.grants_nothing_text(decision)
            steps += (
                Step(
                    "granted",
                    _("Beviljat enligt beslutet"),
                    decision.granted_minutes,
                    hours_text(decision.granted_minutes),
                    explain_decision.grants_nothing_text(decision),
                    ("R5", "R12"),
                ),
            )
        decision = replace(decision, steps=steps, verdict=verdict)
    return replace(
        result,
        steps=explain_day.steps(result) + _steps(assessment, result),
        warnings=_warnings(assessment, result),
        verdict=verdict_sentence(result),
        decision=decision,
    )


# --- Words for the figures -------------------------------------------------------------------


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


# --- Warnings --------------------------------------------------------------------------------


def _rows_text(rows: list[RowResult]) -> str:
    # By float: comparing 150 Fractions in a sort costs more than the rest of the warnings.
    heaviest = heapq.nlargest(3, rows, key=lambda r: float(r.clock_minutes))
    return ", ".join(
        _("rad {number} {description} ({hours} h)").format(
            number=r.index + 1,
            description=r.activity.description or need_label(r.activity.need),
            hours=format_hours(r.clock_minutes),
        )
        for r in heaviest
    )


def _special_reasons_needed(activity: Activity) -> bool:
    """rules.md R9: in barnomsorg and skola, help with andning and tube feeding and their
    direct measures needs no särskilda skäl."""
    if activity.elsewhere in (Elsewhere.SCHOOL, Elsewhere.PRESCHOOL):
        return not (activity.need == Need.BREATHING or activity.tube_feeding)
    return activity.elsewhere is not None


SPECIAL_REASONS_RULE = gettext_noop(
    "Assistansersättning lämnas inte för tid i förskola, fritidshem, skola, daglig "
    "verksamhet, på en institution som drivs av det allmänna eller i en gruppbostad, om det "
    "inte finns särskilda skäl (socialförsäkringsbalken 106 kap. 24–25 a §§)."
)


def _warnings(assessment: Assessment, result: Result) -> tuple[Notice, ...]:
    on = result.rules_as_of
    warnings: list[Notice] = []

    def warn(code: str, message: str, prominent: bool = False) -> None:
        warnings.append(Notice(code, message, prominent))

    if on < p.THRESHOLD_HOURS.effective:
        warn(
            "date_before_rules",
            _(
                "Verktygets regler gäller från {date}. För ett tidigare datum är resultatet "
                "osäkert."
            ).format(date=p.THRESHOLD_HOURS.effective.isoformat()),
        )
    explain_decision.decision_warnings(assessment, result, warn)
    _child_warnings(assessment, result, warn)
    _age_limit_warnings(result, warn)
    _day_warnings(assessment, result, warn)
    warnings += explain_day.warnings(result)
    _time_warnings(assessment, result, warn)
    _elsewhere_warnings(assessment, warn)
    if result.several_weeks:
        _average_warning(result, warn)
    _amount_warnings(result, warn)
    # A convention of this product (low) is listed with its caveat among the sources; what
    # is uncertain in the law itself is said here.
    for parameter in result.applied:
        if parameter.confidence in (p.MEDIUM, p.DERIVED):
            warn(
                "unverified_rule",
                _("Osäker regel: {caveat} (Källa: {source}.)").format(
                    caveat=parameter.caveat, source=parameter.source.title
                ),
            )
    if Need.WORK_AND_EDUCATION in result.row_kinds.needs:
        write = _("Skriv de särskilda skälen i anteckningen.")
        warn("special_reasons", f"{SPECIAL_REASONS_RULE} {write}")
    return tuple(warnings)


def _child_warnings(assessment: Assessment, result: Result, warn) -> None:
    if not assessment.is_child:
        return
    if result.deduction_basic is None:
        first_table = p.PARENTAL_DEDUCTION[0].effective.isoformat()
        warn(
            "no_fixed_parental_deduction",
            _(
                "Före {date} fanns ingen fast tabell för föräldraavdrag; normalt "
                "föräldraansvar bedömdes i varje enskilt fall. Inget avdrag har gjorts "
                "automatiskt, men Försäkringskassan kan göra ett avdrag."
            ).format(date=first_table),
        )
    else:
        warn(
            "enter_whole_need",
            _(
                "Ange barnets hela hjälpbehov, även den hjälp alla barn i samma ålder behöver. "
                "Föräldraavdraget ersätter den bedömningen och dras av här, så samma hjälp ska "
                "inte räknas bort två gånger (Kammarrätten i Sundsvall, mål 2106-23 och 15-24)."
            ),
        )
    if assessment.period is not None and assessment.birth_month is None:
        warn(
            "period_without_birth_month",
            _(
                "Barnets ålder är angiven i hela år, inte med födelsemånad, så åldern räknas "
                "som densamma under hela perioden. Fyller barnet år under perioden kan "
                "föräldraavdraget ändras: ange födelseår och månad."
            ),
        )


def _age_limit_warnings(result: Result, warn) -> None:
    limit = result.age_limit
    if limit is None or limit.status == "no":
        return
    meaning = _(
        "Efter gränsen lämnas assistansersättning bara om den beviljats före gränsen eller om "
        "ansökan kom in till Försäkringskassan senast dagen före den dag gränsen nås, och antalet "
        "timmar kan aldrig ökas (socialförsäkringsbalken 51 kap. 8 och 10 §§)."
    )
    kept_from = p.AGE_LIMIT_KEPT.effective.isoformat()
    match limit.status:
        case "reached" if limit.month:
            text = _("Personen har nått åldersgränsen {age} år i {month}.").format(
                age=limit.age, month=month_text(limit.month)
            )
        case "reached":
            text = _("Personen har nått åldersgränsen {age} år.").format(age=limit.age)
        case "in_period":
            text = _("Personen når åldersgränsen {age} år i {month}, på födelsedagen.").format(
                age=limit.age, month=month_text(limit.month)
            )
        case _:  # "maybe": an age only, in the year the limit moved
            text = _(
                "Med bara åldern {age} år går det inte att veta vilken gräns som gäller: "
                "fyllde personen {age} före {date} gäller gränsen {age} år och den är nådd; "
                "fyllde hen {age} i år gäller gränsen {limit} år. Ange födelsemånaden så "
                "räknas det ut."
            ).format(age=limit.age, date=kept_from, limit=limit.limit.value)
    if limit.age != limit.limit.value:
        text += " " + _(
            "Eftersom personen fyllde {age} år före {date} gäller gränsen {age} år "
            "(övergångsbestämmelse till SFS 2022:879)."
        ).format(age=limit.age, date=kept_from)
    warn("age_limit", f"{text} {meaning}")


def _day_warnings(assessment: Assessment, result: Result, warn) -> None:
    """rules.md R9, R11: a day has 24 hours."""
    longest = result.longest_day_row
    on_a_day = longest.activity.minutes * longest.activity.times if longest else 0
    if on_a_day > DAY_MINUTES:
        warn(
            "row_over_24h",
            _(
                "En rad ({description}) blir {hours} timmar per dag. Ett dygn har {day} "
                "timmar: kontrollera minuter och antal gånger. Behövs två assistenter "
                "samtidigt, ange 2 assistenter i stället."
            ).format(
                description=longest.activity.description,
                hours=format_hours(on_a_day),
                day=DAY_MINUTES // 60,
            ),
        )
    for week in result.week_types:
        key = week.week_type.key
        # R13.8's day_over_24h says it more plainly; the waking hours are then not repeated.
        if week.day_active_minutes > week.day_available_minutes and not week.over_capacity:
            away = week.week_type.away_hours
            match (bool(assessment.night), bool(away)):
                case (True, True):
                    hours = _(
                        "veckans vakna timmar utanför nattvilan minus {away} timmar någon "
                        "annanstans"
                    )
                case (True, False):
                    hours = _("veckans vakna timmar utanför nattvilan")
                case (False, True):
                    hours = _("veckans vakna timmar minus {away} timmar någon annanstans")
                case _:
                    hours = _("veckans vakna timmar")
            day_rows = [
                r
                for r in result.rows
                if key in r.week_types
                and r.activity.time_type == TimeType.ACTIVE
                and not r.activity.at_night
                and r.activity.from_day_plan is None
            ]
            warn(
                "day_over_waking_hours",
                _(
                    "{week}: den aktiva hjälpen på dagen är {active} timmar i veckan, men "
                    "{hours} är {available}. Mest tid tar {rows}. Kontrollera minuter och antal "
                    "gånger; två assistenter samtidigt anges som 2 assistenter, inte som två "
                    "rader."
                ).format(
                    week=week.week_type.label,
                    active=format_hours(week.day_active_minutes),
                    hours=hours.format(away=format_hours(away * 60)),
                    available=format_hours(week.day_available_minutes),
                    rows=_rows_text(day_rows),
                ),
            )
        night = week.figures.night
        if night is not None and night.active_minutes > night.night_minutes:
            night_rows = [r for r in result.rows if key in r.week_types and r.activity.at_night]
            warn(
                "night_over_night",
                _(
                    "{week}: den aktiva hjälpen på natten är {active} timmar i veckan, men "
                    "nattvilan är {night} timmar. Mest tid tar {rows}. Kontrollera raderna som "
                    "är markerade som hjälp på natten."
                ).format(
                    week=week.week_type.label,
                    active=format_hours(night.active_minutes),
                    night=format_hours(night.night_minutes),
                    rows=_rows_text(night_rows),
                ),
            )


def _time_warnings(assessment: Assessment, result: Result, warn) -> None:
    on = result.rules_as_of
    held = result.row_kinds  # the rows', day plans' too (R13.9)
    needs = held.needs
    uses_waiting = bool(held.time_types - {TimeType.ACTIVE}) or (
        assessment.night is not None and assessment.night.cover != NightCover.NONE
    )
    if uses_waiting and on < p.WAITING_ALLOWED_FROM.value:
        warn(
            "waiting_before_2018",
            _(
                "Före {date} kunde assistans i regel inte beviljas för väntetid och beredskap."
            ).format(date=p.WAITING_ALLOWED_FROM.value.isoformat()),
        )
    if held.two_assistants_waiting:
        warn(
            "two_assistants_waiting",
            _(
                "Två assistenter på väntetid eller beredskap är tillåtet men ovanligt. Beskriv i "
                "anteckningen varför två behövs."
            ),
        )
    if (
        assessment.night is not None
        and assessment.night.cover != NightCover.NONE
        and any(a.time_type != TimeType.ACTIVE for a in assessment.activities)
    ):
        warn(
            "double_night",
            _(
                "Väntetiden eller beredskapen under nattvilan räknas redan fram ur nattvilan. En "
                "egen rad med väntetid eller beredskap kan räkna samma tid två gånger: ta bort "
                "raden om den gäller natten."
            ),
        )
    split = p.SEPARATE_NEEDS_6_AND_7_FROM.value
    if on < split and (Need.INJURY_PREVENTION in needs or Need.MEDICAL_SUPPORT in needs):
        warn(
            "needs_before_2023",
            _(
                "Före {date} var behov 6 och 7 ett enda grundläggande behov: annan hjälp som "
                "förutsätter ingående kunskaper om personen."
            ).format(date=split.isoformat()),
        )
    in_full = p.BREATHING_IN_FULL_FROM.value
    if on < in_full and (Need.BREATHING in needs or held.tube_feeding):
        warn(
            "breathing_before_2020",
            _(
                "Före {date} räknades bara de integritetsnära delarna av hjälpen med andning och "
                "sondmatning som grundläggande behov."
            ).format(date=in_full.isoformat()),
        )
    explain_dates.breathing_warning(assessment, result, warn)


def _elsewhere_warnings(assessment: Assessment, warn) -> None:
    rows = [
        (index, a)
        for index, a in enumerate(assessment.activities, start=1)
        if a.elsewhere is not None and _special_reasons_needed(a)
    ]
    if rows:
        named = ", ".join(
            _("rad {number} ({place})").format(
                number=index, place=ELSEWHERE_LABELS[a.elsewhere].lower()
            )
            for index, a in rows
        )
        rest = _(
            "Det gäller {rows}. I förskola, fritidshem och skola behövs inga särskilda skäl för "
            "hjälp med andning och sondmatning. Skriv skälen i anteckningen."
        ).format(rows=named)
        warn("special_reasons", f"{SPECIAL_REASONS_RULE} {rest}")
    places = {a.elsewhere for _, a in rows}
    if Elsewhere.HOSPITAL in places:
        warn(
            "hospital",
            _(
                "Under sjukhusvistelse lämnas assistansersättning bara under en kortare tid. "
                "Fyraveckorsgränsen som ofta nämns är ett äldre allmänt råd, inte lag."
            ),
        )
    if Elsewhere.SHORT_TERM_STAY in places:
        warn(
            "short_term_stay",
            _(
                "Försäkringskassan räknar inte med tid i korttidsvistelse när behoven "
                "tillgodoses där (Kammarrätten i Göteborg, mål 1312-07)."
            ),
        )


def _average_warning(result: Result, warn) -> None:
    """rules.md R5, R10: the average over the period decides, not single weeks."""
    threshold = result.threshold_minutes
    above = [w for w in result.week_types if w.figures.basic > threshold]
    below = [w for w in result.week_types if w.figures.basic <= threshold]
    average = format_hours(result.basic_minutes)

    def names(weeks) -> str:
        return ", ".join(
            _("{week} ({hours} timmar)").format(
                week=w.week_type.label.lower(), hours=format_hours(w.figures.basic)
            )
            for w in weeks
        )

    if above and not result.meets_threshold:
        warn(
            "average_decides",
            _(
                "Några veckor är över gränsen: {weeks}. Men Försäkringskassan prövar inte "
                "enskilda veckor utan genomsnittet för hela perioden, och det är {average} "
                "timmar, inte mer än {threshold}. Därför räcker det inte."
            ).format(weeks=names(above), average=average, threshold=threshold_text()),
        )
    elif below and result.meets_threshold:
        warn(
            "average_decides",
            _(
                "Genomsnittet för hela perioden är {average} timmar, över gränsen. Då räknas "
                "alla veckor, även de som ensamma inte är över gränsen: {weeks}."
            ).format(average=average, weeks=names(below)),
        )


def _amount_warnings(result: Result, warn) -> None:
    year = result.rules_as_of.year
    schablon = result.schablon_amount
    if result.own_hourly_amount and schablon is not None:
        highest = Fraction(schablon.value) * (1 + p.HIGHER_AMOUNT_MAX.value)
        if result.hourly_amount > highest:
            warn(
                "own_amount_above_max",
                _(
                    "Ditt timbelopp {amount} är mer än {percent} % över schablonbeloppet för "
                    "{year} ({schablon}), som är det högsta ett förhöjt timbelopp kan vara "
                    "({highest}). Kontrollera beloppet i beslutet."
                ).format(
                    amount=format_kronor(result.hourly_amount, 2),
                    percent=format_number(p.HIGHER_AMOUNT_MAX.value * 100),
                    year=year,
                    schablon=format_kronor(schablon.value, 2),
                    highest=format_kronor(highest, 2),
                ),
            )
    if result.own_hourly_amount and schablon is None:
        warn(
            "hourly_amount_unknown",
            _(
                "Schablonbeloppet för {year} är inte känt än, så ditt timbelopp kan inte "
                "jämföras med det."
            ).format(year=year),
        )
    if result.meets_threshold and result.unknown_amount_year is not None:
        warn(
            "hourly_amount_unknown",
            _(
                "Timbeloppet för {year} är inte känt än, så ingen summa i kronor beräknas. Har "
                "du ett beslut med ett timbelopp kan du skriva in det."
            ).format(year=result.unknown_amount_year),
        )


# --- The steps of "Så räknade vi" ------------------------------------------------------------


class RowParts(Sequence):
    """The parts of a sum of rows, one a row, made when they are first read.

    The page and the printout show a sum of rows per need (`Step.need_parts`); a label and a
    Fraction for each of 150 rows on every calculation would cost more than the figures. The
    words are taken when the result is explained (`_row_labeller`), in its language.
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


def _row_labeller(result: Result) -> Callable[[RowResult], str]:
    """The label of a row's part ("Rad 3: Dusch (skolvecka)", or a day plan's row's), with
    its words taken now, in the language the result is explained in."""
    # One translation for all the rows: a lookup per row costs a millisecond at 150 rows.
    template = _("Rad {number}: {description}")
    needs = {info.need: need_label(info.need) for info in NEEDS}
    plan_label = explain_day.row_labeller(result)
    several = len(result.week_types) if result.several_weeks else 0
    names = {w.week_type.key: w.week_type.label.lower() for w in result.week_types}

    def label(r: RowResult) -> str:
        text = plan_label(r)
        if text is not None:
            return text
        activity = r.activity
        text = template.format(
            number=r.index + 1, description=activity.description or needs[activity.need]
        )
        if len(r.week_types) < several:
            text += f" ({', '.join(names[key] for key in r.week_types)})"
        return text

    return label


def _need_parts(result: Result, *, basic: bool) -> tuple[Part, ...]:
    parts = []
    for total in result.by_need:
        minutes = total.basic_minutes if basic else total.other_minutes
        if minutes:
            parts.append(Part(total.label, minutes))
    return tuple(parts)


def _weights(result: Result) -> list[tuple[Fraction, str, SegmentResult, int]]:
    """Each (segment, week type) pair with its share of the period."""
    days = sum(s.days for s in result.segments)
    weeks = sum(w.week_type.weeks for w in result.week_types)
    pairs = []
    for segment in result.segments:
        for index, (week_type, _figures) in enumerate(segment.week_types):
            label = []
            if result.several_weeks:
                label.append(week_type.label)
            if result.several_segments:
                label.append(span_text(segment.start, segment.end))
            weight = Fraction(segment.days, days) * week_type.weeks / weeks
            pairs.append((weight, ", ".join(label), segment, index))
    return pairs


def _steps(assessment: Assessment, result: Result) -> tuple[Step, ...]:
    label = _row_labeller(result)
    waiting = share_text(p.WAITING_FACTOR.value)
    on_call = share_text(p.ON_CALL_FACTOR.value)
    averaged = ""
    if result.several_weeks:
        averaged = " " + _(
            "I genomsnitt över veckotyperna: en rad som bara gäller vissa veckor räknas med sin "
            "andel av veckorna."
        )
    night_parts = ()
    if result.night is not None and result.night.counted_minutes:
        night_parts = (
            Part(
                _("Nattvilan, {cover}").format(cover=_cover_word(result)),
                result.night.counted_minutes,
            ),
        )
    steps = [
        Step(
            "before_deduction.basic",
            _("Grundläggande behov före avdrag"),
            result.before_deduction_basic,
            hours_text(result.before_deduction_basic),
            _(
                "Summan av raderna som räknas som grundläggande behov: de integritetsnära "
                "delarna av hjälpen och den hjälp som räknas i sin helhet, som andning, "
                "sondmatning och behov 6 och 7. Varje rad räknas som minuter × antal gånger, "
                "omräknat till en vecka, × antal assistenter. Väntetid och beredskap räknas "
                "aldrig hit."
            )
            + averaged,
            ("R1", "R3", "R4"),
            RowParts(result.rows, label, basic=True),
            _need_parts(result, basic=True),
        ),
        Step(
            "before_deduction.other",
            _("Andra personliga behov före avdrag"),
            result.before_deduction_other,
            hours_text(result.before_deduction_other),
            _(
                "Summan av raderna som är andra personliga behov, på samma sätt. Väntetid "
                "räknas med {waiting} och beredskap med {on_call} av tiden."
            ).format(waiting=waiting, on_call=on_call)
            + averaged,
            ("R2", "R4", "R6"),
            RowParts(result.rows, label, basic=False, after=night_parts),
            _need_parts(result, basic=False),
        ),
    ]
    if result.night is not None:
        steps.append(_night_step(result))
    pairs = _weights(result) if result.deduction_basic or result.deduction_other else []
    for deduction, figure, before in (
        (result.deduction_basic, "basic", result.before_deduction_basic),
        (result.deduction_other, "other", result.before_deduction_other),
    ):
        after = result.basic_minutes if figure == "basic" else result.other_minutes
        if deduction is not None:
            steps.append(_deduction_step(assessment, result, deduction, figure, pairs))
            parts = (
                Part(_("Före avdrag"), before),
                Part(_("Föräldraavdrag"), -deduction.applied_minutes),
            )
        else:
            parts = (Part(_("Före avdrag"), before),)
        steps.append(
            Step(
                f"weekly_hours.{figure}",
                _("Grundläggande behov efter avdrag")
                if figure == "basic"
                else _("Andra personliga behov efter avdrag"),
                after,
                hours_text(after),
                _("Timmarna före avdrag minus föräldraavdraget.")
                if deduction is not None
                else _("Inget föräldraavdrag görs, så timmarna är desamma som före avdrag."),
                ("R7",) if deduction is not None else ("R4",),
                parts,
            )
        )
    if result.several_weeks:
        steps.append(_week_types_step(result))
    if result.several_segments:
        steps.append(_segments_step(result))
    steps.append(
        Step(
            "weekly_hours.total",
            _("Totalt"),
            result.total_minutes,
            hours_text(result.total_minutes),
            _(
                "Grundläggande behov plus andra personliga behov, efter avdrag. Andra personliga "
                "behov ger timmar först när de grundläggande behoven är mer än {threshold} i "
                "veckan."
            ).format(threshold=threshold_text()),
            ("R2", "R5"),
            (
                Part(_("Grundläggande behov"), result.basic_minutes),
                Part(_("Andra personliga behov"), result.other_minutes),
            ),
        )
    )
    margin = margin_text(result, unit="h")
    threshold = p.THRESHOLD_HOURS.value
    steps.append(
        Step(
            "margin",
            _("Jämfört med {hours}-timmarsgränsen").format(hours=threshold),
            result.margin_minutes,
            margin[0].upper() + margin[1:],
            _(
                "Statlig assistansersättning kräver grundläggande behov på mer än {threshold} i "
                "veckan i genomsnitt över perioden; exakt {threshold} räcker inte. "
                "Försäkringskassan prövar inte enskilda veckor. Jämförelsen görs med oavrundade "
                "tal. Annars ansvarar kommunen, som inte har någon nedre gräns."
            ).format(threshold=threshold_text()),
            ("R5", "R10", "R9") if result.several_weeks else ("R5", "R9"),
            (
                Part(_("Grundläggande behov"), result.basic_minutes),
                Part(
                    _("Minus {hours}-timmarsgränsen").format(hours=threshold),
                    -result.threshold_minutes,
                ),
            ),
        )
    )
    sek = result.estimated_sek_per_year
    if sek is not None:
        year = result.rules_as_of.year
        values = {
            "hours": format_hours(result.total_minutes),
            "weeks": p.WEEKS_PER_YEAR.value,
            "amount": format_kronor(result.hourly_amount, 2),
            "year": year,
            "sum": format_kronor(sek),
            "higher": format_number(p.HIGHER_AMOUNT_MAX.value * 100),
        }
        if result.own_hourly_amount:
            text = _(
                "{hours} timmar i veckan × {weeks} veckor × {amount} (ditt eget timbelopp "
                "{year}) ≈ {sum}. Det är en uppskattning; ett högre belopp, högst {higher} % "
                "mer, kan beviljas av särskilda skäl."
            )
        else:
            text = _(
                "{hours} timmar i veckan × {weeks} veckor × {amount} (timbeloppet {year}) ≈ "
                "{sum}. Det är en uppskattning; ett högre belopp, högst {higher} % mer, kan "
                "beviljas av särskilda skäl."
            )
        text = text.format(**values)
        if result.several_amounts:  # rules.md R8: each year's part at its own amount
            text = explain_dates.money_text(result)
        steps.append(
            Step(
                "estimated_sek_per_year",
                _("Uppskattat belopp per år"),
                result.total_minutes,
                _("Cirka {sum} per år").format(sum=format_kronor(sek)),
                text,
                ("R8",),
                (Part(_("Totalt"), result.total_minutes),),
            )
        )
    return tuple(steps)


def _cover_word(result: Result) -> str:
    return _("väntetid") if result.night.night.cover == NightCover.WAITING else _("beredskap")


def _night_step(result: Result) -> Step:
    """rules.md R11: the night rest minus the active help, converted (R6)."""
    cover = result.night.night.cover
    share = {
        NightCover.WAITING: p.WAITING_FACTOR.value,
        NightCover.ON_CALL: p.ON_CALL_FACTOR.value,
        NightCover.NONE: Fraction(0),
    }[cover]
    night_hours = format_number(Fraction(result.night.night.minutes, 60))
    sentences = []
    parts = []
    total_weeks = sum(w.week_type.weeks for w in result.week_types)
    for week in result.week_types:
        night = week.figures.night
        values = {
            "night": night_hours,
            "nights": week.week_type.assistance_days,
            "help": duration_text(night.active_minutes),
            "free": duration_text(night.free_minutes),
            "share": fraction_text(share),
            "counted": duration_text(night.counted_minutes),
        }
        if cover == NightCover.NONE:
            sentence = _(
                "{night} h natt × {nights} − {help} hjälp; ingen assistent väntar eller har "
                "beredskap, så ingen tid räknas."
            )
        elif cover == NightCover.WAITING:
            sentence = _(
                "{night} h natt × {nights} − {help} hjälp = {free} väntetid, räknas {share} = "
                "{counted}."
            )
        else:
            sentence = _(
                "{night} h natt × {nights} − {help} hjälp = {free} beredskap, räknas {share} = "
                "{counted}."
            )
        sentence = explain_day.night_sentence(night, values) or sentence.format(**values)
        if result.several_weeks:
            sentence = f"{week.week_type.label}: {sentence}"
        sentences.append(sentence)
        weight = week.week_type.weeks / total_weeks
        parts.append(
            Part(
                week.week_type.label if result.several_weeks else _("Nattvilan"),
                night.counted_minutes * weight,
            )
        )
    return Step(
        "night",
        _("Nattvilan"),
        result.night.counted_minutes,
        hours_text(result.night.counted_minutes),
        " ".join(sentences)
        + " "
        + _(
            "Tiden under nattvilan som inte är aktiv hjälp är väntetid eller beredskap och ett "
            "annat personligt behov; den aktiva hjälpen räknas på sina rader. Två assistenter "
            "som hjälper samtidigt tar samma minuter en gång."
        ),
        ("R11", "R6"),
        tuple(parts),
    )


def _deduction_sentence(figure: str, values: dict) -> str:
    """How the table gives one part's deduction: "tabellen från 2025-01-01 drar av ..."."""
    one = values["per_day"] == "1"
    if figure == "basic":
        sentence = ngettext(
            "tabellen från {date} drar av {per_day} timme per dygn med assistans för "
            "grundläggande behov, × {days} dygn = {hours} timmar i veckan.",
            "tabellen från {date} drar av {per_day} timmar per dygn med assistans för "
            "grundläggande behov, × {days} dygn = {hours} timmar i veckan.",
            1 if one else 2,
        )
    else:
        sentence = ngettext(
            "tabellen från {date} drar av {per_day} timme per dygn med assistans för andra "
            "personliga behov, × {days} dygn = {hours} timmar i veckan.",
            "tabellen från {date} drar av {per_day} timmar per dygn med assistans för andra "
            "personliga behov, × {days} dygn = {hours} timmar i veckan.",
            1 if one else 2,
        )
    return sentence.format(**values)


def _deduction_step(
    assessment: Assessment, result: Result, deduction: Deduction, figure: str, pairs: list
) -> Step:
    """`pairs` are `_weights(result)`."""
    kind = "basic" if figure == "basic" else "other"
    parts: list[Part] = []
    sentences = []
    simple = len(pairs) == 1
    for weight, name, segment, index in pairs:
        figures: Figures = segment.week_types[index][1]
        week_type = segment.week_types[index][0]
        part: Deduction | None = getattr(figures, f"deduction_{kind}")
        prefix = f"{name}: " if name else ""
        if part is None:
            sentences.append(prefix + _("inget avdrag (barnet räknas som vuxet)."))
            continue
        if result.several_segments:
            prefix = _("{name} ({age} år)").format(name=name, age=segment.age) + ": "
        sentence = prefix + _deduction_sentence(
            figure,
            {
                "date": segment.table.effective.isoformat(),
                "per_day": format_number(part.table_minutes, per=60 * week_type.assistance_days),
                "days": week_type.assistance_days,
                "hours": format_hours(part.table_minutes),
            },
        )
        if part.applied_minutes < part.table_minutes:
            sentence += " " + _(
                "Det finns bara {hours} timmar att dra av, så avdraget blir inte större än så "
                "och resten flyttas inte över."
            ).format(hours=format_hours(part.deductible_minutes))
        sentences.append(sentence)
        if simple:
            parts.append(Part(_("Enligt tabellen"), part.table_minutes))
            if part.applied_minutes < part.table_minutes:
                parts.append(
                    Part(
                        _("Mer än det finns att dra av"),
                        part.applied_minutes - part.table_minutes,
                    )
                )
        else:
            parts.append(Part(name, part.applied_minutes * weight))
    text = " ".join(s[0].upper() + s[1:] for s in sentences)
    if deduction.exempt_minutes:
        text += " " + _(
            "{hours} timmar för andning, löpande stöd vid medicinskt tillstånd och sondmatning, "
            "med det som direkt behövs för dem, dras aldrig av."
        ).format(hours=format_hours(deduction.exempt_minutes))
    if not simple:
        text += " " + _("Avdraget vägs sedan efter veckor och dagar som resten av beräkningen.")
    return Step(
        f"parental_deduction.{figure}",
        _("Föräldraavdrag, grundläggande behov")
        if figure == "basic"
        else _("Föräldraavdrag, andra personliga behov"),
        deduction.applied_minutes,
        hours_text(deduction.applied_minutes),
        f"{age_text(assessment, result)} {text}" if figure == "basic" else text,
        ("R7",),
        tuple(parts),
    )


def _week_types_step(result: Result) -> Step:
    """rules.md R10: each kind of week on its own, averaged by its weeks."""
    weeks = sum(w.week_type.weeks for w in result.week_types)
    parts = []
    sentences = []
    for week in result.week_types:
        figures = week.figures
        share = week.week_type.weeks / weeks
        parts.append(
            Part(f"{week.week_type.label} × {format_number(share, 3)}", figures.basic * share)
        )
        sentences.append(
            _(
                "{week} ({weeks} veckor): grundläggande behov {basic} timmar, andra personliga "
                "behov {other} timmar efter avdrag."
            ).format(
                week=week.week_type.label,
                weeks=format_number(week.week_type.weeks),
                basic=format_hours(figures.basic),
                other=format_hours(figures.other),
            )
        )
    return Step(
        "average.week_types",
        _("Genomsnitt över veckotyperna"),
        result.basic_minutes,
        hours_text(result.basic_minutes),
        " ".join(sentences)
        + " "
        + _(
            "Varje sorts vecka räknas för sig, med sitt eget föräldraavdrag, och vägs efter "
            "antalet veckor ({weeks} i allt). Gränsen prövas på genomsnittet."
        ).format(weeks=format_number(weeks)),
        ("R10", "R5"),
        tuple(parts),
    )


def _segments_step(result: Result) -> Step:
    """rules.md R10: the parts of the period, each with its own rules, weighted by days."""
    days = sum(s.days for s in result.segments)
    parts = []
    sentences = []
    for segment in result.segments:
        share = Fraction(segment.days, days)
        name = span_text(segment.start, segment.end)
        parts.append(
            Part(
                _("{name} × {days}/{total} dagar").format(name=name, days=segment.days, total=days),
                segment.figures.basic * share,
            )
        )
        values = {
            "name": name,
            "days": segment.days,
            "basic": format_hours(segment.figures.basic),
        }
        if segment.age is not None:
            sentence = _(
                "{name} ({days} dagar, {bracket}): grundläggande behov {basic} timmar i veckan."
            ).format(bracket=bracket_text(segment.age), **values)
        else:
            sentence = _("{name} ({days} dagar): grundläggande behov {basic} timmar i veckan.")
            sentence = sentence.format(**values)
        sentences.append(sentence)
    return Step(
        "average.segments",
        _("Genomsnitt över periodens delar"),
        result.basic_minutes,
        hours_text(result.basic_minutes),
        " ".join(sentences)
        + " "
        + _(
            "Perioden delas där reglerna eller barnets åldersgrupp ändras; varje del räknas med "
            "reglerna som gäller då och vägs efter antalet dagar."
        ),
        ("R10", "R7"),
        tuple(parts),
    )
