"""Words about a decision besides its figures: what Försäkringskassan grants at or below the
threshold (rules.md R5, R12), the deadline (R14) and the risk of asking for more hours (R14,
HFD 2060-22).

The texts are built when the result is explained (`explain.with_explanation` calls these), in the
language shown; a warning goes out through the `warn(code, message, prominent=False)` it is given.
"""

from collections.abc import Callable

from assessments.rules import parameters as p
from assessments.rules.assessment import Assessment
from assessments.rules.deadline import deadline
from assessments.rules.i18n import _
from assessments.rules.needs import DecisionMaker

from .engine import Result
from .formatting import format_hours

Warn = Callable[..., None]


def grants_nothing_text(decided: Result) -> str:
    """rules.md R12: why Försäkringskassan's decided figures grant 0 hours."""
    return _(
        "Ett beslut från Försäkringskassan ger då ingen assistansersättning alls, eftersom de "
        "grundläggande behoven måste vara mer än {threshold} timmar i veckan "
        "(socialförsäkringsbalken 51 kap. 3 §): 0 timmar i veckan beviljas, inte de {hours} "
        "timmar raderna ger."
    ).format(threshold=p.THRESHOLD_HOURS.value, hours=format_hours(decided.total_minutes))


def reassessment_text(result: Result) -> str:
    """rules.md R14: what HFD 2060-22 means for an application for more hours."""
    threshold = p.THRESHOLD_HOURS.value
    text = _(
        "En ansökan om fler timmar prövas som en ny ansökan: Försäkringskassan bedömer hela "
        "rätten till assistansersättning med dagens regler och praxis och är inte bunden av "
        "tidigare bedömningar. Om de grundläggande behoven enligt dagens praxis inte är över "
        "{hours} timmar i veckan kan ansökan avslås. (Högsta förvaltningsdomstolen, mål "
        "2060-22.) Det tidigare beslutet ändras inte av det, men tala gärna med ett ombud innan "
        "du ansöker."
    ).format(hours=threshold)
    if not result.meets_threshold:
        text += " " + _(
            "Enligt din beräkning är de grundläggande behoven {basic} timmar i veckan, alltså "
            "inte över {hours} timmar."
        ).format(basic=format_hours(result.basic_minutes), hours=threshold)
    limit = result.age_limit
    # rules.md R14, R9: the age limit also blocks an increase; both warnings are shown.
    if limit is not None and limit.status == "reached":
        text += " " + _(
            "Personen har också nått åldersgränsen {age} år, och efter den kan antalet timmar "
            "aldrig ökas (socialförsäkringsbalken 51 kap. 8 och 10 §§)."
        ).format(age=limit.age)
    elif limit is not None and limit.status != "no":
        text += " " + _(
            "Efter åldersgränsen {age} år kan antalet timmar aldrig ökas "
            "(socialförsäkringsbalken 51 kap. 8 och 10 §§)."
        ).format(age=limit.age)
    return text


def claims_more(assessment: Assessment, result: Result) -> bool:
    """rules.md R14: a draft with Försäkringskassan's decision that claims more hours a week
    than the decision grants."""
    decision = assessment.decision
    return (
        decision is not None
        and decision.by == DecisionMaker.FK
        and result.decision is not None
        and result.total_minutes > result.decision.granted_minutes
    )


def decision_warnings(assessment: Assessment, result: Result, warn: Warn) -> None:
    """The deadline as a notice, and the risk of asking for more hours: more prominent when
    the estimate's basic needs are not above the threshold (rules.md R14)."""
    last = deadline(assessment.decision)
    if last is not None:
        warn("deadline", f"{last.headline} {last.explanation}")
    if claims_more(assessment, result):
        warn(
            "reassessment_of_whole_right",
            reassessment_text(result),
            prominent=not result.meets_threshold,
        )
