"""What the figures mean, in words: the result with its steps (`steps`), its warnings
(`warnings`) and its verdict (`words`), built from the same figures in one pass.
"""

from dataclasses import replace

from assessments.rules.assessment import Assessment
from assessments.rules.i18n import _

from . import explain_day, explain_decision
from .engine import Result, as_decided
from .explained import Step
from .steps import figure_steps
from .warnings import warnings
from .words import hours_text, verdict_sentence


def with_explanation(assessment: Assessment, result: Result) -> Result:
    """The result with its steps, warnings and verdict, built from the same figures."""
    decision = result.decision
    if decision is not None:
        verdict = verdict_sentence(decision, according=_("Enligt beslutet"))
        steps = explain_day.steps(decision) + figure_steps(as_decided(assessment), decision)
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
        steps=explain_day.steps(result) + figure_steps(assessment, result),
        warnings=warnings(assessment, result),
        verdict=verdict_sentence(result),
        decision=decision,
    )
