"""The rules of a needs estimate (rules.md), pure Python with no Django import.

`calculate(Assessment(...))` is the one entry point; the web views, the PDF and the commands
all call it. The figures come from `engine`, their words from `explain`, in the same pass.
"""

from . import i18n
from .activity import Activity, Decided, parse_activity, row_problems
from .assessment import NOT_GRANTED, Assessment, Decision, GrantPeriod, Night, WeekType
from .engine import (
    RULES_VERSION,
    Deduction,
    NeedTotal,
    Result,
    RowResult,
    compute,
    counts_as_basic,
    weekly_minutes,
)
from .explain import with_explanation
from .explained import Notice, Part, Step
from .formatting import format_hours, format_kronor, format_number
from .needs import (
    BASIC_NEEDS,
    CHOICE_LABELS,
    KIND_LABELS,
    NEED_INFO,
    NEEDS,
    PERIOD_LABELS,
    TIME_TYPE_LABELS,
    DecisionMaker,
    Elsewhere,
    Kind,
    Need,
    NeedInfo,
    NightCover,
    Period,
    TimeType,
    is_basic_need,
    need_label,
)
from .output import result_data
from .words import margin_text, verdict_sentence


def calculate(assessment: Assessment) -> Result:
    with i18n.one_language():
        return with_explanation(assessment, compute(assessment))


__all__ = [
    "BASIC_NEEDS",
    "CHOICE_LABELS",
    "KIND_LABELS",
    "NEEDS",
    "NEED_INFO",
    "NOT_GRANTED",
    "PERIOD_LABELS",
    "RULES_VERSION",
    "TIME_TYPE_LABELS",
    "Activity",
    "Assessment",
    "Decided",
    "Decision",
    "GrantPeriod",
    "Night",
    "WeekType",
    "Deduction",
    "DecisionMaker",
    "Elsewhere",
    "Kind",
    "Need",
    "NeedInfo",
    "NeedTotal",
    "NightCover",
    "Notice",
    "Part",
    "Period",
    "Result",
    "RowResult",
    "Step",
    "TimeType",
    "calculate",
    "counts_as_basic",
    "format_hours",
    "format_kronor",
    "format_number",
    "is_basic_need",
    "margin_text",
    "need_label",
    "parse_activity",
    "result_data",
    "row_problems",
    "verdict_sentence",
    "weekly_minutes",
]
