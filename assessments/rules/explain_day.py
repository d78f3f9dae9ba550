"""The day in words (rules.md R13): the steps of "Så räknade vi" for each day plan, and the
warnings of the day, built from the same figures as `day.py` and the engine.

A plan's step says, span by span, what the span was, what active help inside it took and what
was left; then the help at clock times, the night joined to the day, the dygn's sum and its
limit. `steps.py` and `warnings.py` ask this module for its steps and warnings, for the night's
sentence of a week with day plans and for the label of a row made from a plan; nothing here is
needed by the figures.
"""

from collections.abc import Callable
from fractions import Fraction

from . import day, words
from . import parameters as p
from .day import PlanResult, SpanResult, item_label, span_label
from .dayplan import basic_from
from .dayplan_types import DAY_MINUTES, clock
from .engine import NightResult, Result, RowResult
from .explained import Notice, Part, Step
from .formatting import format_hours, format_number, fraction_text
from .i18n import _, ngettext
from .needs import KIND_LABELS, Kind, Need, NightCover, Presence, TimeType

# What the printout carries (warnings.PRINTED): what changes what the figures mean.
PRINTED = frozenset(
    {
        "day_over_24h",
        "double_night",
        "waiting_outside_night",
        "double_presence_needs_evidence",
        "presence_counted_as_other",
        "injury_prevention_confirmed",
    }
)


def _minutes(value) -> str:
    # Most minutes of a plan are whole and below 1000: skip the Decimal of format_number,
    # which a plan of 200 items would call a thousand times.
    if isinstance(value, Fraction) and value.denominator == 1:
        value = value.numerator
    if isinstance(value, int) and 0 <= value < 1000:
        return str(value)
    return format_number(value)


def _presence_word(presence: Presence) -> str:
    match presence:
        case Presence.SUPERVISION:
            return _("tillsyn")
        case Presence.AT_HAND:
            return _("tid till hands")
        case Presence.WAITING:
            return _("väntetid")
    return _("beredskap")


def _cover_word(cover: NightCover) -> str:
    return _("väntetid") if cover == NightCover.WAITING else _("beredskap")


def _kind_word(kind: Kind) -> str:
    return str(KIND_LABELS[kind]).lower()


# --- Steps ---------------------------------------------------------------------------------------


def steps(result: Result) -> tuple:
    """One step per day plan, in the draft's order."""
    return tuple(_plan_step(result, r) for r in result.day_plans)


def _week_name(result: Result, key: str) -> str:
    return next((w.week_type.label for w in result.week_types if w.week_type.key == key), key)


def _span_sentence(r: PlanResult, s: SpanResult) -> str:
    span = s.span
    items = {i.number: i for i in r.items}
    values = {
        "label": span_label(span),
        "minutes": span.minutes,
        "people": s.people_minutes,
        "help": _minutes(s.help_minutes),
        "left": _minutes(s.presence_minutes),
        "presence": _presence_word(span.presence),
        "kind": _kind_word(s.kind),
        "items": ", ".join(
            _("{item}: {minutes} min").format(
                item=item_label(items[number].item), minutes=_minutes(minutes)
            )
            for number, minutes in s.items
            if number not in dict(s.concurrent)
        ),
    }
    if span.assistants == 2 and s.help_minutes:
        sentence = _(
            "{label}: {minutes} min med två assistenter, {people} assistentminuter. Aktiv hjälp "
            "inom tiden tar {help} av dem ({items}); kvar {left} min {presence}, {kind}."
        )
    elif span.assistants == 2:
        sentence = _(
            "{label}: {minutes} min med två assistenter, {people} min {presence}, {kind}; ingen "
            "aktiv hjälp inom tiden."
        )
    elif s.help_minutes:
        sentence = _(
            "{label}: {minutes} min − {help} min aktiv hjälp inom tiden ({items}) = {left} min "
            "{presence}, {kind}."
        )
    else:
        sentence = _("{label}: {minutes} min {presence}, {kind}; ingen aktiv hjälp inom tiden.")
    sentences = [sentence.format(**values)]
    if s.time_type != TimeType.ACTIVE:
        share = day.time_factor(s.time_type)
        inside = s.presence_minutes - s.uncounted_minutes
        sentences.append(
            _(
                "Väntetid och beredskap räknas bara under nattvilan: {inside} min där räknas "
                "{share} = {counted} min; {outside} min utanför nattvilan räknas inte."
            ).format(
                inside=_minutes(inside),
                share=fraction_text(share),
                counted=_minutes(s.counted_minutes),
                outside=_minutes(s.uncounted_minutes),
            )
        )
    night = r.night
    if s.night_minutes and night is not None and night.night.covered:
        sentences.append(
            _(
                "{minutes} min av tiden ligger i nattvilan och räknas som {presence} i stället "
                "för {cover}, aldrig båda."
            ).format(
                minutes=_minutes(s.night_minutes),
                presence=_presence_word(span.presence),
                cover=_cover_word(night.night.cover),
            )
        )
    if s.concurrent:
        sentences.append(
            _(
                "Görs samtidigt som tillsynen och räknas inte för sig: {items}. Tillsynen "
                "behåller minuterna."
            ).format(
                items=", ".join(
                    _("{item} ({minutes} min)").format(
                        item=item_label(items[number].item), minutes=_minutes(minutes)
                    )
                    for number, minutes in s.concurrent
                )
            )
        )
    # rules.md R13.2: help of kind other inside a basic span takes its minutes as other help.
    other = [
        items[number].item
        for number, _minutes_inside in s.items
        if number not in dict(s.concurrent) and items[number].item.kind == Kind.OTHER
    ]
    if s.kind == Kind.BASIC and other:
        sentences.append(
            _(
                "Andra personliga behov inom tiden: {items}. De minuterna räknas som annat "
                "personligt behov, och tillsynen, ett grundläggande behov, blir lika mycket "
                "mindre. Görs hjälpen utan att tillsynen avbryts, markera "
                '"Görs samtidigt som tillsynen".'
            ).format(items=", ".join(item_label(item) for item in other))
        )
    return " ".join(sentences)


def _item_text(r: PlanResult, number: int) -> str:
    result = r.items[number - 1]
    item = result.item
    label = item_label(item)
    if item.two_minutes is not None:
        rest = item.minutes - item.two_minutes
        text = _("{label}: {two} min × 2").format(label=label, two=_minutes(item.two_minutes))
        if rest:
            text = _("{text} + {rest} min").format(text=text, rest=_minutes(rest))
    elif item.assistants == 2:
        text = _("{label}: {minutes} min × 2").format(label=label, minutes=_minutes(item.minutes))
    else:
        text = _("{label}: {minutes} min").format(label=label, minutes=_minutes(item.minutes))
    if result.concurrent_minutes:
        text = _("{text}, varav {minutes} min samtidigt som tillsynen").format(
            text=text, minutes=_minutes(result.concurrent_minutes)
        )
    elif not item.needs_two:
        return text
    return _("{text} = {counted} min").format(text=text, counted=_minutes(result.counted_minutes))


def _night_sentence(r: PlanResult) -> str:
    night = r.night
    cover = night.night.cover
    values = {
        "times": f"{clock(night.night.start)}–{clock(night.night.end)}",
        "night": night.night.minutes,
        "covered": _minutes(night.covered_minutes),
        "help": _minutes(night.help_minutes),
        "free": _minutes(night.free_minutes),
        "cover": _cover_word(cover),
        "share": fraction_text(
            p.WAITING_FACTOR.value if cover == NightCover.WAITING else p.ON_CALL_FACTOR.value
        ),
        "counted": _minutes(night.counted_minutes),
    }
    if cover == NightCover.NONE:
        return _(
            "Nattvilan {times}: ingen assistent väntar eller har beredskap, så bara närvaron och "
            "den aktiva hjälpen i den räknas."
        ).format(**values)
    if night.covered_minutes:
        sentence = _(
            "Nattvilan {times}: {night} min − {covered} min närvaro − {help} min aktiv hjälp = "
            "{free} min {cover}, räknas {share} = {counted} min."
        )
    else:
        sentence = _(
            "Nattvilan {times}: {night} min − {help} min aktiv hjälp = {free} min {cover}, räknas "
            "{share} = {counted} min."
        )
    return (
        sentence.format(**values) + " " + _("Två som hjälper samtidigt tar samma minuter en gång.")
    )


def _plan_step(result: Result, r: PlanResult):
    plan = r.plan
    days = plan.days
    per_week = (r.basic_minutes + r.other_minutes) * days
    sentences = [_span_sentence(r, s) for s in r.spans]
    if r.items:
        sentences.append(
            _(
                "Hjälpen vid tider räknas som aktiv hjälp, var och en med sina assistenter: "
                "{items}."
            ).format(items="; ".join(_item_text(r, i.number) for i in r.items))
        )
    if r.night is not None:
        sentences.append(_night_sentence(r))
    sentences.append(
        ngettext(
            "Per dygn: {basic} min grundläggande behov och {other} min andra personliga behov, × "
            "{days} dag = {basic_hours} och {other_hours} timmar i veckan ({week}).",
            "Per dygn: {basic} min grundläggande behov och {other} min andra personliga behov, × "
            "{days} dagar = {basic_hours} och {other_hours} timmar i veckan ({week}).",
            days,
        ).format(
            basic=_minutes(r.basic_minutes),
            other=_minutes(r.other_minutes),
            days=days,
            basic_hours=format_hours(r.basic_minutes * days),
            other_hours=format_hours(r.other_minutes * days),
            week=_week_name(result, plan.week_type).lower(),
        )
    )
    sentences.append(
        _(
            "Varje minut räknas för så många som behövs just då, aldrig för närvaro och hjälp "
            "på en gång: {assistant} assistentminuter per dygn, inom gränsen {day} + {double} "
            "minuter med två assistenter = {limit}."
        ).format(
            assistant=_minutes(r.assistant_minutes),
            day=_minutes(DAY_MINUTES),
            double=_minutes(r.double_minutes),
            limit=_minutes(r.limit_minutes),
        )
    )
    parts = [Part(span_label(s.span), s.counted_minutes * days) for s in r.spans]
    parts += [Part(item_label(i.item), i.counted_minutes * days) for i in r.items]
    if r.night is not None:
        parts.append(
            Part(
                _("Nattvilan, {cover}").format(cover=_cover_word(r.night.night.cover)),
                r.night.counted_minutes * days,
            )
        )
    return Step(
        f"day_plan.{plan.key}",
        _('Dagplanen "{name}"').format(name=plan.name),
        per_week,
        words.hours_text(per_week),
        " ".join(sentences),
        ("R13", "R4", "R11"),
        tuple(parts),
    )


# --- Hooks for steps.py and warnings.py ----------------------------------------------------------


def row_labeller(result: Result) -> Callable[[RowResult], str | None]:
    """The label of a row made from a day plan: the plan's name, then the row's words; None
    for a row written by hand. The words are taken now, for labels made later."""
    if not result.day_plans:
        return lambda row: None
    template = _("{plan}: {description}")
    names = {r.plan.key: r.plan.name for r in reversed(result.day_plans)}  # the first's name

    def label(row: RowResult) -> str | None:
        key = row.activity.from_day_plan
        if key is None:
            return None
        return template.format(plan=names.get(key, key), description=row.activity.description)

    return label


def night_sentence(night: NightResult, values: dict) -> str | None:
    """The night of a week with day plans (R13.6): its spans' minutes are not waiting time.
    `values` are those of explain's night sentence."""
    if not night.covered_minutes or not night.night.covered:
        return None
    values = {**values, "covered": words.duration_text(night.covered_minutes)}
    if night.night.cover == NightCover.WAITING:
        sentence = _(
            "{night} h natt × {nights} − {covered} tillsyn eller annan närvaro från dagplanerna − "
            "{help} hjälp = {free} väntetid, räknas {share} = {counted}."
        )
    else:
        sentence = _(
            "{night} h natt × {nights} − {covered} tillsyn eller annan närvaro från dagplanerna − "
            "{help} hjälp = {free} beredskap, räknas {share} = {counted}."
        )
    return sentence.format(**values)


# --- Warnings ------------------------------------------------------------------------------------


def warnings(result: Result) -> list:
    """The warnings of the day (rules.md R13.2–R13.8), each with its code."""
    notices = []

    def warn(code: str, message: str, prominent: bool = False) -> None:
        notices.append(Notice(code, message, prominent))

    for week in result.over_capacity:
        # rules.md R13.8, in its own words; the hours per dygn med assistans.
        message = _(
            "Raderna ger {hours} timmar per dygn men dygnet har 24. Troligen räknas tillsyn och "
            "hjälp som ges samtidigt två gånger. Beskriv dagen som en dagplan."
        ).format(hours=format_number(week.clock_minutes_per_day / 60, 1))
        if result.several_weeks:
            message = f"{week.week_type.label}: {message}"
        warn("day_over_24h", message, prominent=True)  # in place of the total and the money
    plans = result.day_plans
    spans = [(r, s) for r in plans for s in r.spans]
    on = result.rules_as_of

    outside = [(r, s) for r, s in spans if s.uncounted_minutes]
    if outside:
        warn(
            "waiting_outside_night",
            _(
                "Väntetid och beredskap räknas bara under nattvilan. Behöver någon hela tiden "
                "hålla uppsikt är det tillsyn; är assistenten med på en aktivitet utanför hemmet "
                "räknas tiden fullt. Det gäller {spans}."
            ).format(
                spans=", ".join(
                    _("{plan}: {span}, {hours} timmar i veckan räknas inte").format(
                        plan=r.plan.name,
                        span=span_label(s.span),
                        hours=format_hours(s.uncounted_minutes * r.plan.days),
                    )
                    for r, s in outside
                )
            ),
        )
    night = next((r.night for r in plans if r.night), None)
    at_night = [(r, s) for r, s in spans if s.night_minutes]
    if night is not None and night.night.covered and at_night:
        warn(
            "span_replaces_night_cover",
            _(
                "Där närvaron i en dagplan går in i nattvilan räknas den i stället för {cover}, "
                "aldrig båda: {spans}."
            ).format(
                cover=_cover_word(night.night.cover),
                spans=", ".join(
                    _("{plan}: {span}, {minutes} min per natt").format(
                        plan=r.plan.name,
                        span=span_label(s.span),
                        minutes=_minutes(s.night_minutes),
                    )
                    for r, s in at_night
                ),
            ),
        )
    double = [(r, s) for r, s in spans if s.span.assistants == 2]
    if double:
        warn(
            "double_presence_needs_evidence",
            _(
                "Två assistenter under en hel tid ({spans}) beviljas bara när det visas att en "
                "ensam assistent skulle innebära allvarliga risker för hälsan (Kammarrätten i "
                "Göteborg, mål 4604-11 och 6857-15). Beskriv i anteckningen varför, gärna med "
                "intyg. Behövs två bara vid vissa moment, ange det på hjälpen i stället."
            ).format(spans=", ".join(f"{r.plan.name}: {span_label(s.span)}" for r, s in double)),
        )
    overlaps = [(r, start, minutes) for r in plans for start, minutes in r.overlaps]
    if overlaps:
        warn(
            "items_overlap",
            _(
                "Två insatser samtidigt kräver två assistenter, och så räknas de: {times}. "
                "Kontrollera tiderna om en assistent gör båda."
            ).format(
                times=", ".join(
                    _("{plan} klockan {time}, {minutes} min").format(
                        plan=r.plan.name, time=_moment(start), minutes=_minutes(minutes)
                    )
                    for r, start, minutes in overlaps
                )
            ),
        )
    for r, s in spans:
        _kind_warning(r, s, on, warn)
    return notices


def _moment(minute) -> str:
    whole = int(minute)
    return f"{whole // 60:02d}:{whole % 60:02d}"


def _kind_warning(r: PlanResult, s: SpanResult, on, warn) -> None:
    """rules.md R13.3: presence of needs 1, 6 and 7 before the day it counts as basic."""
    span = s.span
    first = basic_from(span.need)
    if first is None or on >= first or span.presence != Presence.SUPERVISION:
        return
    name = f"{r.plan.name}: {span_label(span)}"
    if span.need == Need.INJURY_PREVENTION and s.kind == Kind.BASIC:
        warn(
            "injury_prevention_confirmed",
            _(
                "{span}: du har angett grundläggande behov. Före {date} räknades aktiv tillsyn av "
                "övervakande karaktär, för att begränsa allvarliga följder av ett utagerande "
                "beteende, som grundläggande behov bara när den krävde ingående kunskaper om "
                "personen (HFD 2020 ref. 7). Beskriv i anteckningen varför det gäller."
            ).format(span=name, date=first.isoformat()),
        )
        return
    if span.kind is not None:
        return  # the person chose the kind
    match span.need:
        case Need.BREATHING if on < p.BREATHING_BASIC_FROM.value:
            reason = _(
                "Före {date} räknades tillsyn av andningen inte som ett grundläggande behov (HFD "
                "2015 ref. 46)."
            ).format(date=p.BREATHING_BASIC_FROM.value.isoformat())
        case Need.BREATHING:
            reason = _(
                "Andning räknas som grundläggande behov i sin helhet från {date} (LSS 9 a §); "
                "för tiden före räknas tillsynen här som annat personligt behov."
            ).format(date=first.isoformat())
        case Need.MEDICAL_SUPPORT:
            reason = _(
                "Före {date} räknades tillsyn vid ett medicinskt tillstånd, till exempel "
                "epilepsi, som annat personligt behov (HFD 2020 ref. 7)."
            ).format(date=first.isoformat())
        case _:
            reason = _(
                "Före {date} räknades aktiv tillsyn av övervakande karaktär, för att begränsa "
                "allvarliga följder av ett utagerande beteende, som grundläggande behov bara när "
                "den krävde ingående kunskaper om personen (HFD 2020 ref. 7). Gäller det, välj "
                "grundläggande behov och beskriv varför i anteckningen."
            ).format(date=first.isoformat())
    warn(
        "presence_counted_as_other",
        _("{span} räknas som annat personligt behov. {reason}").format(span=name, reason=reason),
    )
