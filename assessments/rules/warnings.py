"""The warnings of a result: what the person must know about it, each a `Notice` with a stable
code (rules.md R9 and the rules each warning names), and which of them the printout carries.
"""

import heapq
from fractions import Fraction

from . import explain_dates, explain_day, explain_decision
from . import parameters as p
from .activity import Activity
from .assessment import Assessment
from .engine import (
    DAY_MINUTES,
    Result,
    RowResult,
)
from .explained import Notice
from .formatting import (
    format_hours,
    format_kronor,
    format_number,
)
from .i18n import _, gettext_noop
from .needs import (
    ELSEWHERE_LABELS,
    Elsewhere,
    Need,
    TimeType,
    need_label,
)
from .words import (
    month_text,
    threshold_text,
)

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
            # What changes what the figures mean: the printout's "Kontrollera" box (issue 20).
            "row_over_24h",
            "day_over_waking_hours",
            "night_over_night",
            "span_replaces_night_cover",
            "items_overlap",
            "unverified_rule",
        }
    )
    | explain_day.PRINTED
)


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


def warnings(assessment: Assessment, result: Result) -> tuple[Notice, ...]:
    """Everything the person must know about the result, in the order it is said."""
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
    if Need.WORK_AND_EDUCATION in result.row_kinds.needs:  # day plans' rows too (R13.9)
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
    uses_waiting = bool(held.time_types - {TimeType.ACTIVE}) or (
        assessment.night is not None and assessment.night.covered
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
    if assessment.night is not None and assessment.night.covered:
        # R11, R13.4: waiting and on-call time are time during the dygnsvila, which the night's
        # part counts already; a row of its own counts it again. A day plan's spans are not
        # such rows: R13.6 takes them out of the night's part.
        again = [
            r
            for r in result.rows
            if r.activity.time_type != TimeType.ACTIVE and r.activity.from_day_plan is None
        ]
        if again:
            named = ", ".join(
                _("rad {number} {description}").format(
                    number=r.index + 1,
                    description=r.activity.description or need_label(r.activity.need),
                )
                for r in again
            )
            message = _(
                "Natten räknas två gånger: delen Natten räknar redan väntetiden eller "
                "beredskapen under nattvilan, och {rows} räknar samma tid igen. Ta bort raden och "
                "beskriv natten bara i delen Natten."
            ).format(rows=named)
            warn("double_night", message, prominent=True)  # in place of the total and the money
    split = p.SEPARATE_NEEDS_6_AND_7_FROM.value
    if on < split and (Need.INJURY_PREVENTION in held.needs or Need.MEDICAL_SUPPORT in held.needs):
        warn(
            "needs_before_2023",
            _(
                "Före {date} var behov 6 och 7 ett enda grundläggande behov: annan hjälp som "
                "förutsätter ingående kunskaper om personen."
            ).format(date=split.isoformat()),
        )
    in_full = p.BREATHING_IN_FULL_FROM.value
    if on < in_full and (Need.BREATHING in held.needs or held.tube_feeding):
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
