"""What the figures mean, in words: the steps of "Så räknade vi", the warnings, the verdict.

Every sentence is built from the parameters it talks about (the shares, the threshold, the
weeks of a year), so that a changed value can never leave an old number in the prose. A `Step`
carries its display value, so that the page, the PDF and the command print it as it is.
"""

from dataclasses import dataclass, replace
from fractions import Fraction

from . import parameters as p
from .activity import Activity
from .assessment import Assessment
from .engine import (
    Deduction,
    Result,
    RowResult,
    active_minutes_per_day_one_assistant,
    counts_as_basic,
)
from .formatting import (
    format_hours,
    format_kronor,
    format_number,
    fraction_text,
    share_text,
)
from .needs import PERIOD_LABELS, Need, Period, TimeType, need_label

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
}

CONFIDENCE_LABELS = {p.HIGH: "hög", p.MEDIUM: "medel", p.LOW: "låg", p.DERIVED: "härledd"}


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


@dataclass(frozen=True)
class Notice:
    """Something the person must know about the result, with a stable code."""

    code: str
    message: str


def with_explanation(assessment: Assessment, result: Result) -> Result:
    """The result with its steps, warnings and verdict, built from the same figures."""
    return replace(
        result,
        steps=_steps(assessment, result),
        warnings=_warnings(assessment, result),
        verdict=verdict_sentence(result),
    )


# --- Words for the figures -------------------------------------------------------------------


def hours_text(minutes: Fraction) -> str:
    return f"{format_hours(minutes)} h/vecka"


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


def verdict_sentence(result: Result) -> str:
    """The threshold verdict in one Swedish sentence, with the margin (rules.md R5)."""
    basic = format_hours(result.basic_minutes)
    opening = f"Grundläggande behov: {basic} timmar i veckan – {margin_text(result)}."
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


# --- Warnings --------------------------------------------------------------------------------


def _warnings(assessment: Assessment, result: Result) -> tuple[Notice, ...]:
    on = assessment.assessment_date
    age = assessment.age
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
    if assessment.is_child:
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
                "inte räknas bort två gånger (Kammarrätten i Sundsvall, mål 2106-23).",
            )
    if result.age_limit is not None:
        warn(
            "age_limit",
            f"Från {result.age_limit.value} års ålder beviljas inte ny assistansersättning och "
            "inte fler timmar. Timmar som beviljats tidigare kan finnas kvar.",
        )
    # Before the first known limit no limit is in force here, so none can have been reached.
    first_limit = p.AGE_LIMIT[0]
    if age is not None and on < first_limit.effective and age >= first_limit.value:
        warn(
            "age_limit",
            "Det finns en övre åldersgräns för ny assistansersättning. Verktyget saknar gränsen "
            f"för datum före {first_limit.effective.isoformat()}; kontrollera vad som gällde.",
        )

    day = 24 * 60
    busiest_day_row = max(
        (a.minutes * a.times for a in activities if a.per == Period.DAY), default=Fraction()
    )
    if active_minutes_per_day_one_assistant(activities) > day or busiest_day_row > day:
        warn(
            "day_over_24h",
            "Den aktiva hjälpen blir mer än 24 timmar per dygn för en assistent. Ett dygn har "
            "24 timmar: kontrollera minuter och antal gånger. Behövs två assistenter samtidigt, "
            "ange 2 assistenter i stället.",
        )
    uses_waiting = any(a.time_type != TimeType.ACTIVE for a in activities)
    if uses_waiting and on < p.WAITING_ALLOWED_FROM.value:
        warn(
            "waiting_before_2018",
            f"Före {p.WAITING_ALLOWED_FROM.value.isoformat()} kunde assistans i regel inte "
            "beviljas för väntetid och beredskap.",
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
    if any(a.need == Need.WORK_AND_EDUCATION for a in activities):
        warn(
            "special_reasons",
            "Tid i daglig verksamhet, korttidsvistelse, skola, förskola eller fritidshem räknas "
            "bara om det finns särskilda skäl (undantag för andning och sondmatning i skolan).",
        )
    if result.meets_threshold and result.hourly_amount is None:
        warn(
            "hourly_amount_unknown",
            f"Timbeloppet för {on.year} finns inte i verktygets regeldata, så ingen summa i "
            "kronor beräknas.",
        )
    # A convention of this product (low) is listed with its caveat among the sources; what
    # is uncertain in the law itself is said here.
    for parameter in result.applied:
        if parameter.confidence in (p.MEDIUM, p.DERIVED):
            warn(
                "unverified_rule",
                f"Osäker regel: {parameter.caveat} (Källa: {parameter.source.title}.)",
            )
    return tuple(warnings)


# --- The steps of "Så räknade vi" ------------------------------------------------------------


def _row_parts(rows: list[RowResult]) -> tuple[Part, ...]:
    return tuple(
        Part(
            f"Rad {r.index + 1}: {r.activity.description or need_label(r.activity.need)}",
            r.weekly_minutes,
            r.index,
        )
        for r in rows
    )


def _need_parts(result: Result, *, basic: bool) -> tuple[Part, ...]:
    parts = []
    for total in result.by_need:
        minutes = total.basic_minutes if basic else total.other_minutes
        if minutes:
            parts.append(Part(total.label, minutes))
    return tuple(parts)


def _steps(assessment: Assessment, result: Result) -> tuple[Step, ...]:
    basic_rows = [r for r in result.rows if counts_as_basic(r.activity)]
    other_rows = [r for r in result.rows if not counts_as_basic(r.activity)]
    waiting = share_text(p.WAITING_FACTOR.value)
    on_call = share_text(p.ON_CALL_FACTOR.value)
    steps = [
        Step(
            "before_deduction.basic",
            "Grundläggande behov före avdrag",
            result.before_deduction_basic,
            hours_text(result.before_deduction_basic),
            "Summan av raderna som är grundläggande behov (de integritetsnära delarna). Varje "
            "rad räknas som minuter × antal gånger, omräknat till en vecka, × antal "
            "assistenter. Väntetid och beredskap räknas aldrig hit.",
            ("R1", "R3", "R4"),
            _row_parts(basic_rows),
            _need_parts(result, basic=True),
        ),
        Step(
            "before_deduction.other",
            "Andra personliga behov före avdrag",
            result.before_deduction_other,
            hours_text(result.before_deduction_other),
            f"Summan av raderna som är andra personliga behov, på samma sätt. Väntetid räknas "
            f"med {waiting} och beredskap med {on_call} av tiden.",
            ("R2", "R4", "R6"),
            _row_parts(other_rows),
            _need_parts(result, basic=False),
        ),
    ]
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
            f"{threshold_text()} i veckan i genomsnitt; exakt {threshold_text()} räcker inte. "
            "Jämförelsen görs med oavrundade tal. Under gränsen ansvarar kommunen, som inte har "
            "någon nedre gräns.",
            ("R5", "R9"),
            (
                Part("Grundläggande behov", result.basic_minutes),
                Part(f"Minus {p.THRESHOLD_HOURS.value}-timmarsgränsen", -result.threshold_minutes),
            ),
        )
    )
    sek = result.estimated_sek_per_year
    if sek is not None:
        higher = format_number(p.HIGHER_AMOUNT_MAX.value * 100)
        steps.append(
            Step(
                "estimated_sek_per_year",
                "Uppskattat belopp per år",
                result.total_minutes,
                f"Cirka {format_kronor(sek)} per år",
                f"{format_hours(result.total_minutes)} timmar i veckan × "
                f"{p.WEEKS_PER_YEAR.value} veckor × {format_kronor(result.hourly_amount, 2)} "
                f"(timbeloppet {result.rules_as_of.year}) ≈ {format_kronor(sek)}. Det är en "
                f"uppskattning; ett högre belopp, högst {higher} % mer, kan beviljas av "
                "särskilda skäl.",
                ("R8",),
                (Part("Totalt", result.total_minutes),),
            )
        )
    return tuple(steps)


def _deduction_step(
    assessment: Assessment, result: Result, deduction: Deduction, figure: str, label: str
) -> Step:
    per_day = format_number(deduction.table_minutes / 60 / 7)
    text = (
        f"Barnet är {assessment.age} år. Tabellen från "
        f"{result.deduction_table_from.isoformat()} drar av {per_day} "
        f"{'timme' if per_day == '1' else 'timmar'} per dag för "
        f"{label}, det vill säga {format_hours(deduction.table_minutes)} timmar i veckan."
    )
    parts = [Part("Enligt tabellen", deduction.table_minutes)]
    if deduction.applied_minutes < deduction.table_minutes:
        text += (
            f" Det finns bara {format_hours(deduction.deductible_minutes)} timmar att dra av, "
            "så avdraget blir inte större än så och resten flyttas inte över."
        )
        parts.append(
            Part("Mer än det finns att dra av", deduction.applied_minutes - deduction.table_minutes)
        )
    if deduction.exempt_minutes:
        text += (
            f" {format_hours(deduction.exempt_minutes)} timmar för andning, löpande stöd vid "
            "medicinskt tillstånd och sondmatning dras aldrig av."
        )
    return Step(
        f"parental_deduction.{figure}",
        f"Föräldraavdrag, {label}",
        deduction.applied_minutes,
        hours_text(deduction.applied_minutes),
        text,
        ("R7",),
        tuple(parts),
    )
