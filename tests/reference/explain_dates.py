"""Words for rules that change on a date inside a period: the hourly amount of each year
(rules.md R8) and breathing before 2019-11-01 (R12).

`explain` calls these when it explains a result; the texts are built then, in the language shown.
"""

from collections.abc import Callable
from fractions import Fraction

from assessments.rules import parameters as p
from assessments.rules.assessment import Assessment
from assessments.rules.i18n import _
from assessments.rules.needs import Need

from .engine import Result, breathing_is_basic
from .formatting import format_hours, format_kronor, format_list, format_number


def money_text(result: Result) -> str:
    """rules.md R8: a period across a year, each part at its year's amount, weighted by days."""
    weeks = p.WEEKS_PER_YEAR.value
    parts = [
        _(
            "{start} – {end} ({days} dagar): {hours} timmar i veckan × {weeks} veckor × {amount} "
            "= {sum}"
        ).format(
            start=s.start.isoformat(),
            end=s.end.isoformat(),
            days=s.days,
            hours=format_hours(s.figures.total),
            weeks=weeks,
            amount=format_kronor(s.hourly_amount.value, 2),
            sum=format_kronor(s.figures.total / 60 * weeks * Fraction(s.hourly_amount.value)),
        )
        for s in result.segments
    ]
    return _(
        "Timbeloppet följer den tid ersättningen gäller, så varje del av perioden räknas med sitt "
        "års timbelopp och delarna vägs efter antalet dagar (förordningen (1993:1091) 5 §): "
        "{parts}. Vägt efter dagar ≈ {sum} per år. Det är en uppskattning; ett högre belopp, "
        "högst {higher} % mer, kan beviljas av särskilda skäl."
    ).format(
        parts="; ".join(parts),
        sum=format_kronor(result.estimated_sek_per_year),
        higher=format_number(p.HIGHER_AMOUNT_MAX.value * 100),
    )


def amounts_text(result: Result) -> str:
    """rules.md R8: the schablonbelopp of each year of the period, and where they come from."""
    amounts: dict[int, str] = {}
    for segment in result.segments:
        amount = segment.hourly_amount
        year = amount.effective.year if amount else segment.start.year
        if amount is None:
            amounts.setdefault(year, _("inget känt belopp för {year}").format(year=year))
        else:
            amounts.setdefault(
                year,
                _("{amount} för {year}").format(amount=format_kronor(amount.value, 2), year=year),
            )
    sources = (s.hourly_amount.source.title for s in result.segments if s.hourly_amount)
    return _(
        "Schablonbeloppen {amounts} i timmen; varje del av perioden räknas med sitt års belopp "
        "({sources})."
    ).format(
        amounts=format_list(list(amounts.values())),
        sources="; ".join(dict.fromkeys(str(title) for title in sources)),
    )


def breathing_warning(assessment: Assessment, result: Result, warn: Callable) -> None:
    """rules.md R12: before 2019-11-01 help with breathing is an other personal need."""
    if breathing_is_basic(result.rules_as_of) or not any(
        a.need == Need.BREATHING for a in assessment.activities
    ):
        return
    warn(
        "breathing_before_2019",
        _(
            "Andning blev ett grundläggande behov {date} (prop. 2018/19:145). För tiden före dess "
            "räknas hjälpen med andning här som ett annat personligt behov, och den räknas inte "
            "mot gränsen."
        ).format(date=p.BREATHING_BASIC_FROM.value.isoformat()),
    )
