"""From activity rows to weekly hours, the parental deduction and the threshold verdict.

All arithmetic is exact (`Fraction` of minutes); results are rounded only for display, and the
threshold is compared unrounded (rules.md R5). The explanation trace is built in the same pass
as the figures so that it cannot drift from them.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from . import parameters as p
from .formatting import format_hours, format_kronor, format_number
from .needs import (
    NEEDS,
    PERIOD_LABELS,
    Kind,
    Need,
    Period,
    TimeType,
    is_basic_need,
    need_label,
)

RULES_EDITION = "2026.11"


def _parameters_hash(parameters: tuple[p.Parameter, ...] = p.ALL_PARAMETERS) -> str:
    return hashlib.sha256(repr(parameters).encode()).hexdigest()[:8]


RULES_VERSION = f"{RULES_EDITION}+{_parameters_hash()}"


def to_fraction(value: Fraction | Decimal | float | int) -> Fraction:
    # A float from JSON or a form is read by its decimal text, so 0.1 stays exactly 1/10.
    if isinstance(value, float):
        return Fraction(str(value))
    return Fraction(value)


@dataclass(frozen=True)
class Activity:
    """One row: help with a need, how long, how often, by how many (rules.md R4)."""

    need: Need
    kind: Kind
    minutes: Fraction
    times: Fraction
    per: Period = Period.DAY
    days_per_week: int = 7
    assistants: int = 1
    time_type: TimeType = TimeType.ACTIVE
    tube_feeding: bool = False
    description: str = ""

    def __post_init__(self):
        object.__setattr__(self, "need", Need(self.need))
        object.__setattr__(self, "kind", Kind(self.kind))
        object.__setattr__(self, "per", Period(self.per))
        object.__setattr__(self, "time_type", TimeType(self.time_type))
        object.__setattr__(self, "minutes", to_fraction(self.minutes))
        object.__setattr__(self, "times", to_fraction(self.times))

    @property
    def deduction_exempt(self) -> bool:
        """rules.md R7: breathing, need 7 and tube feeding are never deducted."""
        return self.need in (Need.BREATHING, Need.MEDICAL_SUPPORT) or (
            self.need == Need.MEALS and self.tube_feeding
        )


@dataclass(frozen=True)
class Assessment:
    assessment_date: date
    activities: tuple[Activity, ...] = ()
    age: int | None = None

    @property
    def is_child(self) -> bool:
        """rules.md R7: the parental deduction concerns children under 18."""
        return self.age is not None and self.age < p.ADULT_AGE


@dataclass(frozen=True)
class Part:
    """One addend of a figure: a row, a deduction or a limit, in signed minutes per week."""

    label: str
    minutes: Fraction
    row: int | None = None  # 0-based position of the row it came from


@dataclass(frozen=True)
class Step:
    """How one figure was reached ("Så räknade vi"). The parts add up to `minutes`."""

    figure: str
    title: str
    minutes: Fraction
    text: str
    rules: tuple[str, ...]
    parts: tuple[Part, ...] = ()

    @property
    def hours(self) -> float:
        return float(self.minutes / 60)


@dataclass(frozen=True)
class RowResult:
    index: int
    activity: Activity
    weekly_minutes: Fraction
    formula: str

    @property
    def weekly_hours(self) -> float:
        return float(self.weekly_minutes / 60)


@dataclass(frozen=True)
class NeedTotal:
    need: Need
    label: str
    basic_minutes: Fraction
    other_minutes: Fraction

    @property
    def total_minutes(self) -> Fraction:
        return self.basic_minutes + self.other_minutes


@dataclass(frozen=True)
class Deduction:
    """The parental deduction for one kind (rules.md R7)."""

    kind: Kind
    table_minutes: Fraction  # what the table says, per week
    deductible_minutes: Fraction  # rows of this kind that are not exempt
    exempt_minutes: Fraction
    applied_minutes: Fraction  # never more than deductible


@dataclass(frozen=True)
class Warning:
    code: str
    message: str


@dataclass(frozen=True)
class Result:
    rules_as_of: date
    rules_version: str
    age: int | None
    rows: tuple[RowResult, ...]
    by_need: tuple[NeedTotal, ...]
    before_deduction_basic: Fraction
    before_deduction_other: Fraction
    deduction_basic: Deduction | None
    deduction_other: Deduction | None
    deduction_table_from: date | None
    basic_minutes: Fraction
    other_minutes: Fraction
    threshold_minutes: Fraction
    hourly_amount: Decimal | None
    warnings: tuple[Warning, ...]
    steps: tuple[Step, ...]
    applied: tuple[p.Parameter, ...] = field(default=())

    @property
    def total_minutes(self) -> Fraction:
        return self.basic_minutes + self.other_minutes

    @property
    def meets_threshold(self) -> bool:
        # rules.md R5: strictly more than 20 hours, compared unrounded.
        return self.basic_minutes > self.threshold_minutes

    @property
    def margin_minutes(self) -> Fraction:
        return self.basic_minutes - self.threshold_minutes

    @property
    def estimated_sek_per_year(self) -> Fraction | None:
        """rules.md R8: hours per week × 52 × the year's amount, only above the threshold."""
        if not self.meets_threshold or self.hourly_amount is None:
            return None
        return self.total_minutes / 60 * p.WEEKS_PER_YEAR * Fraction(self.hourly_amount)

    @property
    def deduction_minutes(self) -> Fraction:
        return sum(
            (d.applied_minutes for d in (self.deduction_basic, self.deduction_other) if d),
            Fraction(0),
        )

    def step(self, figure: str) -> Step | None:
        return next((s for s in self.steps if s.figure == figure), None)

    @property
    def verdict(self) -> str:
        return verdict_sentence(self)

    def to_dict(self) -> dict:
        """The result as the `calculate` command prints it (spec/assessment-file.md)."""

        def hours(minutes: Fraction) -> float:
            return float(minutes / 60)

        def applied(deduction: Deduction | None) -> float:
            return hours(deduction.applied_minutes) if deduction else 0.0

        sek = self.estimated_sek_per_year
        return {
            "rules_as_of": self.rules_as_of.isoformat(),
            "rules_version": self.rules_version,
            "weekly_hours": {
                "basic": hours(self.basic_minutes),
                "other": hours(self.other_minutes),
                "total": hours(self.total_minutes),
            },
            "before_deduction": {
                "basic": hours(self.before_deduction_basic),
                "other": hours(self.before_deduction_other),
            },
            "parental_deduction": {
                "basic": applied(self.deduction_basic),
                "other": applied(self.deduction_other),
            },
            "by_need": {
                total.need.value: {
                    "basic": hours(total.basic_minutes),
                    "other": hours(total.other_minutes),
                }
                for total in self.by_need
            },
            "threshold_hours": p.THRESHOLD_HOURS.value,
            "meets_threshold": self.meets_threshold,
            "hourly_amount": float(self.hourly_amount) if self.hourly_amount is not None else None,
            "estimated_sek_per_year": float(sek) if sek is not None else None,
            "warnings": [{"code": w.code, "message": w.message} for w in self.warnings],
        }


def period_factor(activity: Activity) -> Fraction:
    """rules.md R4: occasions per period to occasions per week (52 weeks a year)."""
    match activity.per:
        case Period.DAY:
            return Fraction(activity.days_per_week)
        case Period.WEEK:
            return Fraction(1)
        case Period.MONTH:
            return Fraction(12, p.WEEKS_PER_YEAR)
        case Period.YEAR:
            return Fraction(1, p.WEEKS_PER_YEAR)


def time_factor(time_type: TimeType) -> Fraction:
    """rules.md R6: väntetid counts a quarter, beredskap a seventh."""
    match time_type:
        case TimeType.ACTIVE:
            return Fraction(1)
        case TimeType.WAITING:
            return p.WAITING_FACTOR.value
        case TimeType.ON_CALL:
            return p.ON_CALL_FACTOR.value


def weekly_minutes(activity: Activity) -> Fraction:
    """rules.md R4: minutes × times × period factor × assistants × time-type factor."""
    return (
        activity.minutes
        * activity.times
        * period_factor(activity)
        * activity.assistants
        * time_factor(activity.time_type)
    )


def counts_as_basic(activity: Activity) -> bool:
    """rules.md R3, R6: only integrity-near rows of a basic need, never waiting or on-call."""
    return (
        activity.kind == Kind.BASIC
        and is_basic_need(activity.need)
        and activity.time_type == TimeType.ACTIVE
    )


def row_formula(activity: Activity, minutes: Fraction) -> str:
    pieces = [f"{format_number(activity.minutes)} min", f"{format_number(activity.times)} ggr"]
    if activity.per == Period.DAY:
        pieces[-1] += " per dag"
        pieces.append(f"{activity.days_per_week} dagar i veckan")
    elif activity.per == Period.WEEK:
        pieces[-1] += " per vecka"
    elif activity.per == Period.MONTH:
        pieces[-1] += " per månad"
        pieces.append("12/52 (månad till vecka)")
    else:
        pieces[-1] += " per år"
        pieces.append("1/52 (år till vecka)")
    if activity.assistants == 2:
        pieces.append("2 assistenter")
    if activity.time_type == TimeType.WAITING:
        pieces.append("1/4 (väntetid)")
    elif activity.time_type == TimeType.ON_CALL:
        pieces.append("1/7 (beredskap)")
    return f"{' × '.join(pieces)} = {format_number(minutes)} min i veckan"


def calculate(assessment: Assessment) -> Result:
    on = assessment.assessment_date
    applied: list[p.Parameter] = [p.THRESHOLD_HOURS]
    rows = tuple(
        RowResult(index, activity, minutes, row_formula(activity, minutes))
        for index, activity in enumerate(assessment.activities)
        for minutes in (weekly_minutes(activity),)
    )
    basic_rows = [r for r in rows if counts_as_basic(r.activity)]
    other_rows = [r for r in rows if not counts_as_basic(r.activity)]
    before_basic = sum((r.weekly_minutes for r in basic_rows), Fraction(0))
    before_other = sum((r.weekly_minutes for r in other_rows), Fraction(0))
    if any(r.activity.time_type != TimeType.ACTIVE for r in rows):
        applied += [p.WAITING_FACTOR, p.ON_CALL_FACTOR, p.WAITING_NOT_BASIC]

    by_need = tuple(
        NeedTotal(
            info.need,
            info.label,
            sum((r.weekly_minutes for r in basic_rows if r.activity.need == info.need), Fraction()),
            sum((r.weekly_minutes for r in other_rows if r.activity.need == info.need), Fraction()),
        )
        for info in NEEDS
        if any(r.activity.need == info.need for r in rows)
    )

    table = None
    deduction_basic = deduction_other = None
    if assessment.is_child:
        table = p.in_force(p.PARENTAL_DEDUCTION, on)
    if table is not None:
        per_day_basic, per_day_other = table.value.hours_per_day(assessment.age)
        deduction_basic = _deduction(Kind.BASIC, per_day_basic, basic_rows)
        deduction_other = _deduction(Kind.OTHER, per_day_other, other_rows)
        applied.append(table)
        if any(d.table_minutes > d.deductible_minutes for d in (deduction_basic, deduction_other)):
            applied.append(p.DEDUCTION_NO_TRANSFER)

    basic = before_basic - (deduction_basic.applied_minutes if deduction_basic else 0)
    other = before_other - (deduction_other.applied_minutes if deduction_other else 0)
    amount = p.in_force(p.HOURLY_AMOUNT, on)
    if amount is not None:
        applied.append(amount)

    result = Result(
        rules_as_of=on,
        rules_version=RULES_VERSION,
        age=assessment.age,
        rows=rows,
        by_need=by_need,
        before_deduction_basic=before_basic,
        before_deduction_other=before_other,
        deduction_basic=deduction_basic,
        deduction_other=deduction_other,
        deduction_table_from=table.effective if table else None,
        basic_minutes=basic,
        other_minutes=other,
        threshold_minutes=Fraction(p.THRESHOLD_HOURS.value * 60),
        hourly_amount=amount.value if amount else None,
        warnings=(),
        steps=(),
    )
    age_limit = p.in_force(p.AGE_LIMIT, on)
    if age_limit and assessment.age is not None and assessment.age >= age_limit.value:
        applied.append(age_limit)
    else:
        age_limit = None  # in force, but not reached
    warnings = _warnings(assessment, result, applied, age_limit)
    return Result(
        **{
            **result.__dict__,
            "warnings": warnings,
            "steps": _steps(assessment, result, basic_rows, other_rows),
            "applied": tuple(applied),
        }
    )


def _deduction(kind: Kind, hours_per_day: Fraction, rows: list[RowResult]) -> Deduction:
    """rules.md R7: per day × 7, never below zero, exempt needs left out, no transfer."""
    deductible = sum(
        (r.weekly_minutes for r in rows if not r.activity.deduction_exempt), Fraction()
    )
    exempt = sum((r.weekly_minutes for r in rows if r.activity.deduction_exempt), Fraction())
    table_minutes = hours_per_day * 60 * 7
    return Deduction(kind, table_minutes, deductible, exempt, min(table_minutes, deductible))


def _warnings(
    assessment: Assessment,
    result: Result,
    applied: list[p.Parameter],
    reached_age_limit: p.Parameter | None,
) -> tuple[Warning, ...]:
    on = assessment.assessment_date
    age = assessment.age
    activities = assessment.activities
    warnings: list[Warning] = []

    def warn(code: str, message: str) -> None:
        warnings.append(Warning(code, message))

    if on < p.THRESHOLD_HOURS.effective:
        warn(
            "date_before_rules",
            f"Verktygets regler gäller från {p.THRESHOLD_HOURS.effective.isoformat()}. "
            "För ett tidigare datum är resultatet osäkert.",
        )
    if assessment.is_child:
        if result.deduction_basic is None:
            warn(
                "no_fixed_parental_deduction",
                "Före 2023-01-01 fanns ingen fast tabell för föräldraavdrag; normalt "
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
    if reached_age_limit is not None:
        warn(
            "age_limit",
            f"Från {reached_age_limit.value} års ålder beviljas inte ny assistansersättning och "
            "inte fler timmar. Timmar som beviljats tidigare kan finnas kvar.",
        )
    # Before the first known limit no limit is in force here, so none can have been reached.
    if age is not None and on < p.AGE_LIMIT[0].effective and age >= p.AGE_LIMIT[0].value:
        warn(
            "age_limit",
            "Det finns en övre åldersgräns för ny assistansersättning. Verktyget saknar gränsen "
            f"för datum före {p.AGE_LIMIT[0].effective.isoformat()}; kontrollera vad som gällde.",
        )

    active_minutes_one_assistant = sum(
        (weekly_minutes(a) / a.assistants for a in activities if a.time_type == TimeType.ACTIVE),
        Fraction(),
    )
    busiest_day_row = max(
        (a.minutes * a.times for a in activities if a.per == Period.DAY), default=Fraction()
    )
    if active_minutes_one_assistant / 7 > 24 * 60 or busiest_day_row > 24 * 60:
        warn(
            "day_over_24h",
            "Den aktiva hjälpen blir mer än 24 timmar per dygn för en assistent. Ett dygn har "
            "24 timmar: kontrollera minuter och antal gånger. Behövs två assistenter samtidigt, "
            "ange 2 assistenter i stället.",
        )
    uses_waiting = any(a.time_type != TimeType.ACTIVE for a in activities)
    if uses_waiting and on < p.WAITING_ALLOWED_FROM:
        warn(
            "waiting_before_2018",
            "Före 2018-04-01 kunde assistans i regel inte beviljas för väntetid och beredskap.",
        )
    if on < p.SEPARATE_NEEDS_6_AND_7_FROM and any(
        a.need in (Need.INJURY_PREVENTION, Need.MEDICAL_SUPPORT) for a in activities
    ):
        warn(
            "needs_before_2023",
            "Före 2023-01-01 var behov 6 och 7 ett enda grundläggande behov: annan hjälp som "
            "förutsätter ingående kunskaper om personen.",
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
    for parameter in applied:
        if parameter.confidence != p.HIGH:
            warn("unverified_rule", _unverified_message(parameter))
    return tuple(warnings)


def _unverified_message(parameter: p.Parameter) -> str:
    match parameter.key:
        case "hourly_amount":
            text = (
                f"Timbeloppet {format_number(parameter.value)} kr är härlett, inte hämtat ur en "
                "källa, och kan avvika något."
            )
        case "deduction_no_transfer":
            text = (
                "Det är inte säkert att ett oanvänt föräldraavdrag för ena slaget av behov inte "
                "flyttas till det andra; här flyttas det inte."
            )
        case "waiting_not_basic":
            text = (
                "Väntetid och beredskap räknas här som andra personliga behov och aldrig mot "
                "20-timmarsgränsen; det är en tolkning med medelhög säkerhet."
            )
        case "age_limit":
            text = "Åldersgränsen är inte kontrollerad mot lagtexten här."
        case _:
            text = f"Regeln {parameter.key} är inte helt säker."
    return f"Osäker regel ({parameter.rule}): {text}"


def _row_parts(rows: list[RowResult]) -> tuple[Part, ...]:
    return tuple(
        Part(
            f"Rad {r.index + 1}: {r.activity.description or need_label(r.activity.need)}",
            r.weekly_minutes,
            r.index,
        )
        for r in rows
    )


def _steps(
    assessment: Assessment,
    result: Result,
    basic_rows: list[RowResult],
    other_rows: list[RowResult],
) -> tuple[Step, ...]:
    steps = [
        Step(
            "before_deduction.basic",
            "Grundläggande behov före avdrag",
            result.before_deduction_basic,
            "Summan av raderna som är grundläggande behov (de integritetsnära delarna). Varje "
            "rad räknas som minuter × antal gånger, omräknat till en vecka, × antal "
            "assistenter. Väntetid och beredskap räknas aldrig hit.",
            ("R1", "R3", "R4"),
            _row_parts(basic_rows),
        ),
        Step(
            "before_deduction.other",
            "Andra personliga behov före avdrag",
            result.before_deduction_other,
            "Summan av raderna som är andra personliga behov, på samma sätt. Väntetid räknas "
            "med en fjärdedel och beredskap med en sjundedel av tiden.",
            ("R2", "R4", "R6"),
            _row_parts(other_rows),
        ),
    ]
    for deduction, figure, before in (
        (result.deduction_basic, "basic", result.before_deduction_basic),
        (result.deduction_other, "other", result.before_deduction_other),
    ):
        label = "grundläggande behov" if figure == "basic" else "andra personliga behov"
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
                result.basic_minutes if figure == "basic" else result.other_minutes,
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
            "Grundläggande behov plus andra personliga behov, efter avdrag. Andra personliga "
            "behov ger timmar först när gränsen är nådd.",
            ("R2", "R5"),
            (
                Part("Grundläggande behov", result.basic_minutes),
                Part("Andra personliga behov", result.other_minutes),
            ),
        )
    )
    steps.append(
        Step(
            "margin",
            "Jämfört med 20-timmarsgränsen",
            result.margin_minutes,
            "Statlig assistansersättning kräver grundläggande behov på mer än 20 timmar i "
            "veckan i genomsnitt; exakt 20 timmar räcker inte. Jämförelsen görs med "
            "oavrundade tal. Under gränsen ansvarar kommunen, som inte har någon nedre gräns.",
            ("R5", "R9"),
            (
                Part("Grundläggande behov", result.basic_minutes),
                Part("Minus 20-timmarsgränsen", -result.threshold_minutes),
            ),
        )
    )
    sek = result.estimated_sek_per_year
    if sek is not None:
        steps.append(
            Step(
                "estimated_sek_per_year",
                "Uppskattat belopp per år",
                result.total_minutes,
                f"{format_hours(result.total_minutes)} timmar i veckan × 52 veckor × "
                f"{format_number(result.hourly_amount)} kr (timbeloppet "
                f"{result.rules_as_of.year}) ≈ {format_kronor(sek)}. Det är en uppskattning; "
                "ett högre belopp, högst 12 % mer, kan beviljas av särskilda skäl.",
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
        text,
        ("R7",),
        tuple(parts),
    )


def verdict_sentence(result: Result) -> str:
    """The threshold verdict in one Swedish sentence, with the margin (rules.md R5)."""
    basic = format_hours(result.basic_minutes)
    margin = abs(result.margin_minutes)
    margin_text = format_hours(margin)
    if result.meets_threshold:
        if margin_text == "0":
            margin_text = "mindre än 0,01"
        return (
            f"Grundläggande behov: {basic} timmar i veckan – {margin_text} timmar över gränsen. "
            "Det talar för statlig assistansersättning från Försäkringskassan."
        )
    if margin == 0:
        return (
            f"Grundläggande behov: {basic} timmar i veckan – exakt på gränsen, som måste "
            "överskridas. Då ansvarar kommunen."
        )
    if margin_text == "0":
        margin_text = "mindre än 0,01"
    return (
        f"Grundläggande behov: {basic} timmar i veckan – {margin_text} timmar under gränsen. "
        "Då ansvarar kommunen, som kan bevilja personlig assistans utan någon nedre gräns."
    )


__all__ = [
    "PERIOD_LABELS",
    "RULES_VERSION",
    "Activity",
    "Assessment",
    "Deduction",
    "NeedTotal",
    "Part",
    "Result",
    "RowResult",
    "Step",
    "Warning",
    "calculate",
    "counts_as_basic",
    "verdict_sentence",
    "weekly_minutes",
]
