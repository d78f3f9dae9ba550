"""What the figures mean, in words: the steps of "Så räknade vi", the warnings, the verdict.

Every sentence is built from the parameters it talks about (the shares, the threshold, the
weeks of a year), so that a changed value can never leave an old number in the prose. A `Step`
carries its display value, so that the page, the PDF and the command print it as it is; its
parts add up to its figure.
"""

import calendar
import heapq
from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction

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
    counts_as_basic,
)
from .formatting import (
    format_hours,
    format_kronor,
    format_number,
    fraction_text,
    share_text,
)
from .needs import (
    ELSEWHERE_LABELS,
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
    "R1": "LSS 9 a §",
    "R2": "LSS 9 a §",
    "R3": "HFD 2009 ref. 57",
    "R4": "Försäkringskassans vägledning 2003:6; RÅ 2010 ref. 53",
    "R5": "socialförsäkringsbalken 51 kap. 3 §",
    "R6": "LSS 9 a § fjärde stycket",
    "R7": "socialförsäkringsbalken 51 kap. 6 §; förordningen (1993:1091) 4 a §",
    "R8": "socialförsäkringsbalken 51 kap. 11 §",
    "R9": "HFD 2018 ref. 13",
    "R10": "socialförsäkringsbalken 51 kap. 3 och 9 §§",
    "R11": "LSS 9 a § fjärde stycket; Kammarrätten i Göteborg mål 2580-18",
    "R12": "beslutet, räknat med samma regler som din beräkning",
}

CONFIDENCE_LABELS = {p.HIGH: "hög", p.MEDIUM: "medel", p.LOW: "låg", p.DERIVED: "härledd"}
MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
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
    parts: tuple[Part, ...] = ()
    need_parts: tuple[Part, ...] = ()

    @property
    def hours(self) -> float:
        return float(self.minutes / 60)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(SOURCES_BY_RULE[rule] for rule in self.rules))


# What supports the claim before Försäkringskassan: the rules applied, särskilda skäl to
# discuss, the whole-need principle for children. The rest are checks of what was typed and the
# tool's own caveats, for the person at the screen, not for the printout.
PRINTED = frozenset(
    {
        "no_fixed_parental_deduction",
        "enter_whole_need",
        "age_limit",
        "waiting_before_2018",
        "needs_before_2023",
        "breathing_before_2020",
        "special_reasons",
        "hospital",
        "short_term_stay",
        "average_decides",
    }
)


@dataclass(frozen=True)
class Notice:
    """Something the person must know about the result, with a stable code."""

    code: str
    message: str

    @property
    def printed(self) -> bool:
        return self.code in PRINTED


def with_explanation(assessment: Assessment, result: Result) -> Result:
    """The result with its steps, warnings and verdict, built from the same figures."""
    decision = result.decision
    if decision is not None:
        decision = replace(
            decision,
            steps=_steps(as_decided(assessment), decision),
            verdict=verdict_sentence(decision, according="Enligt beslutet"),
        )
    return replace(
        result,
        steps=_steps(assessment, result),
        warnings=_warnings(assessment, result),
        verdict=verdict_sentence(result),
        decision=decision,
    )


# --- Words for the figures -------------------------------------------------------------------


def hours_text(minutes: Fraction) -> str:
    return f"{format_hours(minutes)} h/vecka"


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


def month_text(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def span_text(start: date, end: date) -> str:
    """ "januari–februari 2027" for whole months, else the dates."""
    whole = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if not whole:
        return start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}"
    if (start.year, start.month) == (end.year, end.month):
        return month_text(start)
    if start.year == end.year:
        return f"{MONTHS[start.month - 1]}–{MONTHS[end.month - 1]} {end.year}"
    return f"{month_text(start)} – {month_text(end)}"


def bracket_text(age: int | None) -> str:
    """The deduction bracket an age falls in: "7–11 år" (rules.md R7)."""
    if age is None:
        return ""
    if age >= p.ADULT_AGE.value:
        return f"{p.ADULT_AGE.value} år och äldre"
    lows = [low for low, _, _ in p.PARENTAL_DEDUCTION[-1].value.brackets]
    low = max(x for x in lows if x <= age)
    highs = [x - 1 for x in lows if x > low] + [p.ADULT_AGE.value - 1]
    high = min(highs)
    return f"{low} år" if low == high else f"{low}–{high} år"


def margin_text(result: Result, *, unit: str = "timmar", line: str = "") -> str:
    """Where the basic needs stand against the threshold: "1,5 timmar över gränsen".

    The one wording of the margin, for the verdict, the explanation, the PDF and the chart;
    `line` names the threshold after "gränsen" where the reader needs it (" på 20 h").
    """
    margin = abs(result.margin_minutes)
    amount = format_hours(margin)
    if amount == "0" and margin:
        amount = "mindre än 0,01"
    if result.meets_threshold:
        return f"{amount} {unit} över gränsen{line}"
    if margin == 0:
        return f"exakt på gränsen{line}, som måste överskridas"
    return f"{amount} {unit} under gränsen{line}"


def verdict_sentence(result: Result, *, according: str = "") -> str:
    """The threshold verdict in one Swedish sentence, with the margin (rules.md R5)."""
    basic = format_hours(result.basic_minutes)
    average = " i genomsnitt" if result.several_weeks or result.several_segments else ""
    if according:
        opening = (
            f"{according} {basic} timmar grundläggande behov i veckan{average} – "
            f"{margin_text(result)}."
        )
    else:
        opening = f"Grundläggande behov: {basic} timmar i veckan{average} – {margin_text(result)}."
    if result.meets_threshold:
        return f"{opening} Det talar för statlig assistansersättning från Försäkringskassan."
    if result.margin_minutes == 0:
        return f"{opening} Då ansvarar kommunen."
    return (
        f"{opening} Då ansvarar kommunen, som kan bevilja personlig assistans utan någon "
        "nedre gräns."
    )


def threshold_text() -> str:
    return f"{p.THRESHOLD_HOURS.value} timmar"


def frequency_text(activity: Activity) -> str:
    """ "3 ggr per dag, 7 dagar/vecka", "1 gång per månad" (rules.md R4)."""
    times = format_number(activity.times)
    text = f"{times} {'gång' if activity.times == 1 else 'ggr'} {PERIOD_LABELS[activity.per]}"
    if activity.per == Period.DAY:
        text += f", {activity.days_per_week} dagar/vecka"
    return text


def time_type_note(activity: Activity) -> str:
    """rules.md R6: väntetid and beredskap count a share of their time."""
    match activity.time_type:
        case TimeType.WAITING:
            return f"väntetid, räknas {fraction_text(p.WAITING_FACTOR.value)}"
        case TimeType.ON_CALL:
            return f"beredskap, räknas {fraction_text(p.ON_CALL_FACTOR.value)}"
    return ""


def row_formula(row: RowResult) -> str:
    """The arithmetic of one row, in the order rules.md R4 gives it."""
    activity = row.activity
    weeks = p.WEEKS_PER_YEAR.value
    pieces = [f"{format_number(activity.minutes)} min", f"{format_number(activity.times)} ggr"]
    pieces[-1] += f" {PERIOD_LABELS[activity.per]}"
    match activity.per:
        case Period.DAY:
            pieces.append(f"{activity.days_per_week} dagar i veckan")
        case Period.MONTH:
            pieces.append(f"12/{weeks} (månad till vecka)")
        case Period.YEAR:
            pieces.append(f"1/{weeks} (år till vecka)")
    if activity.assistants == 2:
        pieces.append("2 assistenter")
    match activity.time_type:
        case TimeType.WAITING:
            pieces.append(f"{fraction_text(p.WAITING_FACTOR.value)} (väntetid)")
        case TimeType.ON_CALL:
            pieces.append(f"{fraction_text(p.ON_CALL_FACTOR.value)} (beredskap)")
    return f"{' × '.join(pieces)} = {format_number(row.weekly_minutes)} min i veckan"


def parameter_value_text(parameter: p.Parameter) -> str:
    """A parameter's value as the list of sources prints it."""
    value = parameter.value
    match parameter.key:
        case "hourly_amount":
            return format_kronor(value, places=2)
        case "parental_deduction":
            return f"tabellen från {parameter.effective.isoformat()}"
        case "waiting_factor" | "on_call_factor":
            return share_text(value)
        case "higher_amount_max":
            return f"{format_number(value * 100)} % {parameter.unit}"
    if isinstance(value, bool):
        return "ja" if value else "nej"
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
            text = (
                f"Barnet räknas som {age} år hela {MONTHS[on.month - 1]}, månaden då hen fyller "
                f"{age}."
            )
        else:
            text = f"Barnet är {age} år (född {month_text(born)})."
    else:
        text = (
            f"Barnet är {age} år enligt åldern du angett. Fyller barnet år senare samma månad "
            "räknas hela månaden till den nya åldern: ange då födelsemånaden."
        )
    if age >= p.ADULT_AGE.value:
        return f"{text} Inget föräldraavdrag görs från {p.ADULT_AGE.value} år."
    return f"{text} Föräldraavdraget räknas för åldersgruppen {bracket}."


def amount_text(result: Result) -> str:
    """The hourly amount used and where it comes from (rules.md R8)."""
    year = result.rules_as_of.year
    if result.own_hourly_amount:
        return (
            f"Ditt eget timbelopp {format_kronor(result.hourly_amount, 2)}, från ditt beslut "
            "(inte årets schablonbelopp)."
        )
    if result.schablon_amount is not None:
        return (
            f"Schablonbeloppet för {year}: {format_kronor(result.hourly_amount, 2)} i timmen "
            f"({result.schablon_amount.source.title})."
        )
    return f"Timbeloppet för {year} är inte känt än; det beslutas av regeringen."


# --- Warnings --------------------------------------------------------------------------------


def _rows_text(rows: list[RowResult]) -> str:
    # By float: comparing 150 Fractions in a sort costs more than the rest of the warnings.
    heaviest = heapq.nlargest(3, rows, key=lambda r: float(r.clock_minutes))
    return ", ".join(
        f"rad {r.index + 1} {r.activity.description or need_label(r.activity.need)} "
        f"({format_hours(r.clock_minutes)} h)"
        for r in heaviest
    )


def _special_reasons_needed(activity: Activity) -> bool:
    """rules.md R9: in barnomsorg and skola, help with andning and tube feeding and their
    direct measures needs no särskilda skäl."""
    if activity.elsewhere in (Elsewhere.SCHOOL, Elsewhere.PRESCHOOL):
        return not (activity.need == Need.BREATHING or activity.tube_feeding)
    return activity.elsewhere is not None


SPECIAL_REASONS_RULE = (
    "Assistansersättning lämnas inte för tid i förskola, fritidshem, skola, daglig "
    "verksamhet, på en institution som drivs av det allmänna eller i en gruppbostad, om det "
    "inte finns särskilda skäl (socialförsäkringsbalken 106 kap. 24–25 a §§)."
)


def _warnings(assessment: Assessment, result: Result) -> tuple[Notice, ...]:
    on = result.rules_as_of
    activities = assessment.activities
    warnings: list[Notice] = []

    def warn(code: str, message: str) -> None:
        warnings.append(Notice(code, message))

    if on < p.THRESHOLD_HOURS.effective:
        warn(
            "date_before_rules",
            f"Verktygets regler gäller från {p.THRESHOLD_HOURS.effective.isoformat()}. "
            "För ett tidigare datum är resultatet osäkert.",
        )
    _child_warnings(assessment, result, warn)
    _age_limit_warnings(result, warn)
    _day_warnings(assessment, result, warn)
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
                f"Osäker regel: {parameter.caveat} (Källa: {parameter.source.title}.)",
            )
    if any(a.need == Need.WORK_AND_EDUCATION for a in activities):
        warn("special_reasons", SPECIAL_REASONS_RULE + " Skriv de särskilda skälen i anteckningen.")
    return tuple(warnings)


def _child_warnings(assessment: Assessment, result: Result, warn) -> None:
    if not assessment.is_child:
        return
    if result.deduction_basic is None:
        first_table = p.PARENTAL_DEDUCTION[0].effective.isoformat()
        warn(
            "no_fixed_parental_deduction",
            f"Före {first_table} fanns ingen fast tabell för föräldraavdrag; normalt "
            "föräldraansvar bedömdes i varje enskilt fall. Inget avdrag har gjorts "
            "automatiskt, men Försäkringskassan kan göra ett avdrag.",
        )
    else:
        warn(
            "enter_whole_need",
            "Ange barnets hela hjälpbehov, även den hjälp alla barn i samma ålder behöver. "
            "Föräldraavdraget ersätter den bedömningen och dras av här, så samma hjälp ska "
            "inte räknas bort två gånger (Kammarrätten i Sundsvall, mål 2106-23 och 15-24).",
        )
    if assessment.period is not None and assessment.birth_month is None:
        warn(
            "period_without_birth_month",
            "Barnets ålder är angiven i hela år, inte med födelsemånad, så åldern räknas som "
            "densamma under hela perioden. Fyller barnet år under perioden kan "
            "föräldraavdraget ändras: ange födelseår och månad.",
        )


def _age_limit_warnings(result: Result, warn) -> None:
    limit = result.age_limit
    if limit is None or limit.status == "no":
        return
    meaning = (
        "Efter gränsen lämnas assistansersättning bara om den beviljats före gränsen eller om "
        "ansökan kom in till Försäkringskassan senast dagen före den dag gränsen nås, och antalet "
        "timmar kan aldrig ökas (socialförsäkringsbalken 51 kap. 8 och 10 §§)."
    )
    kept = ""
    if limit.age != limit.limit.value:
        kept = (
            f" Eftersom personen fyllde {limit.age} år före "
            f"{p.AGE_LIMIT_KEPT.effective.isoformat()} gäller gränsen {limit.age} år "
            "(övergångsbestämmelse till SFS 2022:879)."
        )
    match limit.status:
        case "reached":
            when = f"i {month_text(limit.month)}" if limit.month else ""
            text = f"Personen har nått åldersgränsen {limit.age} år{(' ' + when) if when else ''}."
        case "in_period":
            text = (
                f"Personen når åldersgränsen {limit.age} år i {month_text(limit.month)}, på "
                "födelsedagen."
            )
        case _:  # "maybe": an age only, in the year the limit moved
            text = (
                f"Med bara åldern {limit.age} år går det inte att veta vilken gräns som gäller: "
                f"fyllde personen {limit.age} före {p.AGE_LIMIT_KEPT.effective.isoformat()} "
                f"gäller gränsen {limit.age} år och den är nådd; fyllde hen {limit.age} i år "
                f"gäller gränsen {limit.limit.value} år. Ange födelsemånaden så räknas det ut."
            )
    warn("age_limit", f"{text}{kept} {meaning}")


def _day_warnings(assessment: Assessment, result: Result, warn) -> None:
    """rules.md R9, R11: a day has 24 hours."""
    busiest = max(
        (
            (a.minutes * a.times, a)
            for a in assessment.activities
            if a.per == Period.DAY and a.time_type == TimeType.ACTIVE
        ),
        default=(0, None),
        key=lambda pair: pair[0],
    )
    if busiest[0] > DAY_MINUTES:
        warn(
            "day_over_24h",
            f"En rad ({busiest[1].description}) blir {format_hours(busiest[0])} timmar per dag. "
            "Ett dygn har 24 timmar: kontrollera minuter och antal gånger. Behövs två "
            "assistenter samtidigt, ange 2 assistenter i stället.",
        )
    for week in result.week_types:
        rows = [r for r in result.rows if week.week_type.key in r.week_types]
        if week.day_active_minutes > week.day_available_minutes:
            away = (
                f" minus {format_hours(week.week_type.away_hours * 60)} timmar någon annanstans"
                if week.week_type.away_hours
                else ""
            )
            night = " utanför nattvilan" if assessment.night else ""
            day_rows = [
                r
                for r in rows
                if r.activity.time_type == TimeType.ACTIVE and not r.activity.at_night
            ]
            warn(
                "day_over_24h",
                f"{week.week_type.name}: den aktiva hjälpen på dagen är "
                f"{format_hours(week.day_active_minutes)} timmar i veckan, men veckans vakna "
                f"timmar{night}{away} är {format_hours(week.day_available_minutes)}. Mest tid tar "
                f"{_rows_text(day_rows)}. Kontrollera minuter och antal gånger; två assistenter "
                "samtidigt anges som 2 assistenter, inte som två rader.",
            )
        night = week.figures.night
        if night is not None and night.active_minutes > night.night_minutes:
            night_rows = [r for r in rows if r.activity.at_night]
            warn(
                "night_over_night",
                f"{week.week_type.name}: den aktiva hjälpen på natten är "
                f"{format_hours(night.active_minutes)} timmar i veckan, men nattvilan är "
                f"{format_hours(night.night_minutes)} timmar. Mest tid tar "
                f"{_rows_text(night_rows)}. Kontrollera raderna som är markerade som hjälp på "
                "natten.",
            )


def _time_warnings(assessment: Assessment, result: Result, warn) -> None:
    on = result.rules_as_of
    activities = assessment.activities
    uses_waiting = any(a.time_type != TimeType.ACTIVE for a in activities) or (
        assessment.night is not None and assessment.night.cover != NightCover.NONE
    )
    if uses_waiting and on < p.WAITING_ALLOWED_FROM.value:
        warn(
            "waiting_before_2018",
            f"Före {p.WAITING_ALLOWED_FROM.value.isoformat()} kunde assistans i regel inte "
            "beviljas för väntetid och beredskap.",
        )
    if any(a.time_type != TimeType.ACTIVE and a.assistants == 2 for a in activities):
        warn(
            "two_assistants_waiting",
            "Två assistenter på väntetid eller beredskap är tillåtet men ovanligt. Beskriv i "
            "anteckningen varför två behövs.",
        )
    if (
        assessment.night is not None
        and assessment.night.cover != NightCover.NONE
        and any(a.time_type != TimeType.ACTIVE for a in activities)
    ):
        warn(
            "night_counted_twice",
            "Väntetiden eller beredskapen under nattvilan räknas redan fram ur nattvilan. En "
            "egen rad med väntetid eller beredskap kan räkna samma tid två gånger: ta bort "
            "raden om den gäller natten.",
        )
    split = p.SEPARATE_NEEDS_6_AND_7_FROM.value
    if on < split and any(
        a.need in (Need.INJURY_PREVENTION, Need.MEDICAL_SUPPORT) for a in activities
    ):
        warn(
            "needs_before_2023",
            f"Före {split.isoformat()} var behov 6 och 7 ett enda grundläggande behov: annan "
            "hjälp som förutsätter ingående kunskaper om personen.",
        )
    in_full = p.BREATHING_IN_FULL_FROM.value
    if on < in_full and any(a.need == Need.BREATHING or a.tube_feeding for a in activities):
        warn(
            "breathing_before_2020",
            f"Före {in_full.isoformat()} räknades bara de integritetsnära delarna av hjälpen "
            "med andning och sondmatning som grundläggande behov.",
        )


def _elsewhere_warnings(assessment: Assessment, warn) -> None:
    rows = [
        (index, a)
        for index, a in enumerate(assessment.activities, start=1)
        if _special_reasons_needed(a)
    ]
    if rows:
        named = ", ".join(
            f"rad {index} ({ELSEWHERE_LABELS[a.elsewhere].lower()})" for index, a in rows
        )
        warn(
            "special_reasons",
            f"{SPECIAL_REASONS_RULE} Det gäller {named}. I förskola, fritidshem och skola behövs "
            "inga särskilda skäl för hjälp med andning och sondmatning. Skriv skälen i "
            "anteckningen.",
        )
    places = {a.elsewhere for _, a in rows}
    if Elsewhere.HOSPITAL in places:
        warn(
            "hospital",
            "Under sjukhusvistelse lämnas assistansersättning bara under en kortare tid. "
            "Fyraveckorsgränsen som ofta nämns är ett äldre allmänt råd, inte lag.",
        )
    if Elsewhere.SHORT_TERM_STAY in places:
        warn(
            "short_term_stay",
            "Försäkringskassan räknar inte med tid i korttidsvistelse när behoven tillgodoses "
            "där (Kammarrätten i Göteborg, mål 1312-07).",
        )


def _average_warning(result: Result, warn) -> None:
    """rules.md R5, R10: the average over the period decides, not single weeks."""
    threshold = result.threshold_minutes
    above = [w for w in result.week_types if w.figures.basic > threshold]
    below = [w for w in result.week_types if w.figures.basic <= threshold]
    average = format_hours(result.basic_minutes)
    if above and not result.meets_threshold:
        names = ", ".join(
            f"{w.week_type.name.lower()} ({format_hours(w.figures.basic)} timmar)" for w in above
        )
        warn(
            "average_decides",
            f"Några veckor är över gränsen: {names}. Men Försäkringskassan prövar inte enskilda "
            f"veckor utan genomsnittet för hela perioden, och det är {average} timmar, inte mer "
            f"än {threshold_text()}. Därför räcker det inte.",
        )
    elif below and result.meets_threshold:
        names = ", ".join(
            f"{w.week_type.name.lower()} ({format_hours(w.figures.basic)} timmar)" for w in below
        )
        warn(
            "average_decides",
            f"Genomsnittet för hela perioden är {average} timmar, över gränsen. Då räknas alla "
            f"veckor, även de som ensamma inte når gränsen: {names}.",
        )


def _amount_warnings(result: Result, warn) -> None:
    year = result.rules_as_of.year
    schablon = result.schablon_amount
    if result.own_hourly_amount and schablon is not None:
        highest = Fraction(schablon.value) * (1 + p.HIGHER_AMOUNT_MAX.value)
        if result.hourly_amount > highest:
            warn(
                "own_amount_above_max",
                f"Ditt timbelopp {format_kronor(result.hourly_amount, 2)} är mer än "
                f"{format_number(p.HIGHER_AMOUNT_MAX.value * 100)} % över schablonbeloppet för "
                f"{year} ({format_kronor(schablon.value, 2)}), som är det högsta ett förhöjt "
                f"timbelopp kan vara ({format_kronor(highest, 2)}). Kontrollera beloppet i "
                "beslutet.",
            )
    if result.own_hourly_amount and schablon is None:
        warn(
            "hourly_amount_unknown",
            f"Schablonbeloppet för {year} är inte känt än, så ditt timbelopp kan inte jämföras "
            "med det.",
        )
    if result.meets_threshold and result.hourly_amount is None:
        warn(
            "hourly_amount_unknown",
            f"Timbeloppet för {year} är inte känt än, så ingen summa i kronor beräknas. Har du "
            "ett beslut med ett timbelopp kan du skriva in det.",
        )


# --- The steps of "Så räknade vi" ------------------------------------------------------------


def _row_label(result: Result, r: RowResult) -> str:
    label = f"Rad {r.index + 1}: {r.activity.description or need_label(r.activity.need)}"
    if result.several_weeks and len(r.week_types) < len(result.week_types):
        names = [
            w.week_type.name.lower() for w in result.week_types if w.week_type.key in r.week_types
        ]
        label += f" ({', '.join(names)})"
    return label


def _row_parts(result: Result, rows: list[RowResult]) -> tuple[Part, ...]:
    return tuple(Part(_row_label(result, r), r.average_minutes, r.index) for r in rows)


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
        for index, (week_type, _) in enumerate(segment.week_types):
            label = []
            if result.several_weeks:
                label.append(week_type.name)
            if result.several_segments:
                label.append(span_text(segment.start, segment.end))
            weight = Fraction(segment.days, days) * week_type.weeks / weeks
            pairs.append((weight, ", ".join(label), segment, index))
    return pairs


def _steps(assessment: Assessment, result: Result) -> tuple[Step, ...]:
    basic_rows = [r for r in result.rows if counts_as_basic(r.activity)]
    other_rows = [r for r in result.rows if not counts_as_basic(r.activity)]
    waiting = share_text(p.WAITING_FACTOR.value)
    on_call = share_text(p.ON_CALL_FACTOR.value)
    averaged = (
        " I genomsnitt över veckotyperna: en rad som bara gäller vissa veckor räknas med sin "
        "andel av veckorna."
        if result.several_weeks
        else ""
    )
    night_parts = ()
    if result.night is not None and result.night.counted_minutes:
        night_parts = (Part("Nattvilan, " + _cover_word(result), result.night.counted_minutes),)
    steps = [
        Step(
            "before_deduction.basic",
            "Grundläggande behov före avdrag",
            result.before_deduction_basic,
            hours_text(result.before_deduction_basic),
            "Summan av raderna som är grundläggande behov (de integritetsnära delarna). Varje "
            "rad räknas som minuter × antal gånger, omräknat till en vecka, × antal "
            f"assistenter. Väntetid och beredskap räknas aldrig hit.{averaged}",
            ("R1", "R3", "R4"),
            _row_parts(result, basic_rows),
            _need_parts(result, basic=True),
        ),
        Step(
            "before_deduction.other",
            "Andra personliga behov före avdrag",
            result.before_deduction_other,
            hours_text(result.before_deduction_other),
            f"Summan av raderna som är andra personliga behov, på samma sätt. Väntetid räknas "
            f"med {waiting} och beredskap med {on_call} av tiden.{averaged}",
            ("R2", "R4", "R6"),
            _row_parts(result, other_rows) + night_parts,
            _need_parts(result, basic=False),
        ),
    ]
    if result.night is not None:
        steps.append(_night_step(result))
    for deduction, figure, before in (
        (result.deduction_basic, "basic", result.before_deduction_basic),
        (result.deduction_other, "other", result.before_deduction_other),
    ):
        label = "grundläggande behov" if figure == "basic" else "andra personliga behov"
        after = result.basic_minutes if figure == "basic" else result.other_minutes
        if deduction is not None:
            steps.append(_deduction_step(assessment, result, deduction, figure, label))
            parts = (
                Part("Före avdrag", before),
                Part("Föräldraavdrag", -deduction.applied_minutes),
            )
        else:
            parts = (Part("Före avdrag", before),)
        steps.append(
            Step(
                f"weekly_hours.{figure}",
                f"{label.capitalize()} efter avdrag",
                after,
                hours_text(after),
                "Timmarna före avdrag minus föräldraavdraget."
                if deduction is not None
                else "Inget föräldraavdrag görs, så timmarna är desamma som före avdrag.",
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
            "Totalt",
            result.total_minutes,
            hours_text(result.total_minutes),
            "Grundläggande behov plus andra personliga behov, efter avdrag. Andra personliga "
            "behov ger timmar först när gränsen är nådd.",
            ("R2", "R5"),
            (
                Part("Grundläggande behov", result.basic_minutes),
                Part("Andra personliga behov", result.other_minutes),
            ),
        )
    )
    margin = margin_text(result, unit="h")
    steps.append(
        Step(
            "margin",
            f"Jämfört med {p.THRESHOLD_HOURS.value}-timmarsgränsen",
            result.margin_minutes,
            margin[0].upper() + margin[1:],
            f"Statlig assistansersättning kräver grundläggande behov på mer än "
            f"{threshold_text()} i veckan i genomsnitt över perioden; exakt {threshold_text()} "
            "räcker inte. Försäkringskassan prövar inte enskilda veckor. Jämförelsen görs med "
            "oavrundade tal. Under gränsen ansvarar kommunen, som inte har någon nedre gräns.",
            ("R5", "R10", "R9") if result.several_weeks else ("R5", "R9"),
            (
                Part("Grundläggande behov", result.basic_minutes),
                Part(f"Minus {p.THRESHOLD_HOURS.value}-timmarsgränsen", -result.threshold_minutes),
            ),
        )
    )
    sek = result.estimated_sek_per_year
    if sek is not None:
        higher = format_number(p.HIGHER_AMOUNT_MAX.value * 100)
        own = "ditt eget timbelopp" if result.own_hourly_amount else "timbeloppet"
        steps.append(
            Step(
                "estimated_sek_per_year",
                "Uppskattat belopp per år",
                result.total_minutes,
                f"Cirka {format_kronor(sek)} per år",
                f"{format_hours(result.total_minutes)} timmar i veckan × "
                f"{p.WEEKS_PER_YEAR.value} veckor × {format_kronor(result.hourly_amount, 2)} "
                f"({own} {result.rules_as_of.year}) ≈ {format_kronor(sek)}. Det är en "
                f"uppskattning; ett högre belopp, högst {higher} % mer, kan beviljas av "
                "särskilda skäl.",
                ("R8",),
                (Part("Totalt", result.total_minutes),),
            )
        )
    return tuple(steps)


def _cover_word(result: Result) -> str:
    return "väntetid" if result.night.night.cover == NightCover.WAITING else "beredskap"


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
        prefix = f"{week.week_type.name}: " if result.several_weeks else ""
        word = "väntetid" if cover == NightCover.WAITING else "beredskap"
        if cover == NightCover.NONE:
            sentences.append(
                f"{prefix}{night_hours} h natt × {week.week_type.assistance_days} − "
                f"{duration_text(night.active_minutes)} hjälp; ingen assistent väntar eller har "
                "beredskap, så ingen tid räknas."
            )
        else:
            sentences.append(
                f"{prefix}{night_hours} h natt × {week.week_type.assistance_days} − "
                f"{duration_text(night.active_minutes)} hjälp = "
                f"{duration_text(night.free_minutes)} {word}, räknas {fraction_text(share)} = "
                f"{duration_text(night.counted_minutes)}."
            )
        weight = week.week_type.weeks / total_weeks
        parts.append(
            Part(
                week.week_type.name if result.several_weeks else "Nattvilan",
                night.counted_minutes * weight,
            )
        )
    return Step(
        "night",
        "Nattvilan",
        result.night.counted_minutes,
        hours_text(result.night.counted_minutes),
        " ".join(sentences)
        + " Tiden under nattvilan som inte är aktiv hjälp är väntetid eller beredskap och ett "
        "annat personligt behov; den aktiva hjälpen räknas på sina rader. Två assistenter som "
        "hjälper samtidigt tar samma minuter en gång.",
        ("R11", "R6"),
        tuple(parts),
    )


def _deduction_step(
    assessment: Assessment, result: Result, deduction: Deduction, figure: str, label: str
) -> Step:
    kind = "basic" if figure == "basic" else "other"
    pairs = _weights(result)
    parts: list[Part] = []
    sentences = []
    simple = len(pairs) == 1
    for weight, name, segment, index in pairs:
        figures: Figures = segment.week_types[index][1]
        week_type = segment.week_types[index][0]
        part: Deduction | None = getattr(figures, f"deduction_{kind}")
        prefix = f"{name}: " if name else ""
        if part is None:
            sentences.append(f"{prefix}inget avdrag (barnet räknas som vuxet).")
            continue
        per_day = format_number(part.table_minutes / 60 / week_type.assistance_days)
        days = week_type.assistance_days
        if result.several_segments:
            prefix = f"{name} ({segment.age} år): "
        sentence = (
            f"{prefix}tabellen från {segment.table.effective.isoformat()} drar av {per_day} "
            f"{'timme' if per_day == '1' else 'timmar'} per dygn med assistans för {label}, "
            f"× {days} dygn = {format_hours(part.table_minutes)} timmar i veckan."
        )
        if part.applied_minutes < part.table_minutes:
            sentence += (
                f" Det finns bara {format_hours(part.deductible_minutes)} timmar att dra av, så "
                "avdraget blir inte större än så och resten flyttas inte över."
            )
        sentences.append(sentence)
        if simple:
            parts.append(Part("Enligt tabellen", part.table_minutes))
            if part.applied_minutes < part.table_minutes:
                parts.append(
                    Part("Mer än det finns att dra av", part.applied_minutes - part.table_minutes)
                )
        else:
            parts.append(Part(name, part.applied_minutes * weight))
    text = " ".join(s[0].upper() + s[1:] for s in sentences)
    if deduction.exempt_minutes:
        text += (
            f" {format_hours(deduction.exempt_minutes)} timmar för andning, löpande stöd vid "
            "medicinskt tillstånd och sondmatning, med det som direkt behövs för dem, dras "
            "aldrig av."
        )
    if not simple:
        text += " Avdraget vägs sedan efter veckor och dagar som resten av beräkningen."
    return Step(
        f"parental_deduction.{figure}",
        f"Föräldraavdrag, {label}",
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
            Part(f"{week.week_type.name} × {format_number(share, 3)}", figures.basic * share)
        )
        sentences.append(
            f"{week.week_type.name} ({format_number(week.week_type.weeks)} veckor): "
            f"grundläggande behov {format_hours(figures.basic)} timmar, andra personliga behov "
            f"{format_hours(figures.other)} timmar efter avdrag."
        )
    return Step(
        "average.week_types",
        "Genomsnitt över veckotyperna",
        result.basic_minutes,
        hours_text(result.basic_minutes),
        " ".join(sentences)
        + f" Varje sorts vecka räknas för sig, med sitt eget föräldraavdrag, och vägs efter "
        f"antalet veckor ({format_number(weeks)} i allt). Gränsen prövas på genomsnittet.",
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
        parts.append(Part(f"{name} × {segment.days}/{days} dagar", segment.figures.basic * share))
        bracket = f", {bracket_text(segment.age)}" if segment.age is not None else ""
        sentences.append(
            f"{name} ({segment.days} dagar{bracket}): grundläggande behov "
            f"{format_hours(segment.figures.basic)} timmar i veckan."
        )
    return Step(
        "average.segments",
        "Genomsnitt över periodens delar",
        result.basic_minutes,
        hours_text(result.basic_minutes),
        " ".join(sentences)
        + " Perioden delas där reglerna eller barnets åldersgrupp ändras; varje del räknas med "
        "reglerna som gäller då och vägs efter antalet dagar.",
        ("R10", "R7"),
        tuple(parts),
    )
