"""The rules of a needs estimate (rules.md), pure Python with no Django import.

`calculate(Assessment(...))` is the one entry point; the web views, the PDF and the
`calculate` command all call it.
"""

from .engine import (
    RULES_VERSION,
    Activity,
    Assessment,
    Deduction,
    NeedTotal,
    Part,
    Result,
    RowResult,
    Step,
    Warning,
    calculate,
    counts_as_basic,
    verdict_sentence,
    weekly_minutes,
)
from .formatting import format_hours, format_kronor, format_number
from .needs import (
    BASIC_NEEDS,
    KIND_LABELS,
    NEED_INFO,
    NEEDS,
    PERIOD_LABELS,
    TIME_TYPE_LABELS,
    Kind,
    Need,
    NeedInfo,
    Period,
    TimeType,
    is_basic_need,
    need_label,
)

__all__ = [
    "BASIC_NEEDS",
    "KIND_LABELS",
    "NEEDS",
    "NEED_INFO",
    "PERIOD_LABELS",
    "RULES_VERSION",
    "TIME_TYPE_LABELS",
    "Activity",
    "Assessment",
    "Deduction",
    "Kind",
    "Need",
    "NeedInfo",
    "NeedTotal",
    "Part",
    "Period",
    "Result",
    "RowResult",
    "Step",
    "TimeType",
    "Warning",
    "calculate",
    "counts_as_basic",
    "format_hours",
    "format_kronor",
    "format_number",
    "is_basic_need",
    "need_label",
    "verdict_sentence",
    "weekly_minutes",
]
