"""The result as the `calculate` command prints it (spec/assessment-file.md, "The calculation").

Keys, codes and figures never depend on the language; only the warnings' messages are in the
language the result was calculated in (`rules.i18n`), as a person reads them.
"""

from fractions import Fraction

from . import parameters as p
from .dayplan_types import DAY_MINUTES
from .engine import Deduction, Result
from .fields import to_plain


def _hours(minutes: Fraction) -> float:
    return float(minutes / 60)


def _applied(deduction: Deduction | None) -> float:
    return _hours(deduction.applied_minutes) if deduction else 0.0


def _weekly(basic: Fraction, other: Fraction) -> dict:
    return {"basic": _hours(basic), "other": _hours(other), "total": _hours(basic + other)}


def _decision(result: Result) -> dict | None:
    decided = result.decision
    if decided is None:
        return None
    claimed = {t.need: t for t in result.by_need}
    granted = {t.need: t for t in decided.by_need}
    last = result.deadline
    return {
        "weekly_hours": _weekly(decided.basic_minutes, decided.other_minutes),
        "meets_threshold": decided.meets_threshold,
        # rules.md R12: Försäkringskassan grants nothing at or below the threshold.
        "granted_hours": _hours(decided.granted_minutes),
        "grants_nothing": decided.grants_nothing,
        "difference": _weekly(
            result.basic_minutes - decided.basic_minutes,
            result.other_minutes - decided.other_minutes,
        ),
        "by_need": {
            need.value: {
                "claimed": _hours(claimed[need].total_minutes) if need in claimed else 0.0,
                "decided": _hours(granted[need].total_minutes) if need in granted else 0.0,
            }
            for need in dict.fromkeys([*claimed, *granted])
        },
        "deadline": None
        if last is None
        else {
            "kind": last.kind.value,
            "last_day": last.last_day.isoformat(),
            "counted_from": last.counted_from.value,
        },
    }


def _day_plans(result: Result) -> list[dict]:
    """spec "What calculate adds for version 3": each plan's dygn, in minutes (rules.md R13.7)."""
    return [
        {
            "key": r.plan.key,
            "week_type": r.plan.week_type,
            "days": r.plan.days,
            "counted_minutes_per_day": {
                "basic": to_plain(r.basic_minutes),
                "other": to_plain(r.other_minutes),
            },
            "assistant_minutes_per_day": to_plain(r.assistant_minutes),
            "limit_minutes_per_day": to_plain(r.limit_minutes),
        }
        for r in result.day_plans
    ]


def _over_capacity(result: Result) -> dict:
    """rules.md R13.8: the week types whose rows hold more than a dygn; {} when none."""
    return {
        week.week_type.key: {
            "clock_minutes_per_day": to_plain(week.clock_minutes_per_day),
            "limit_minutes_per_day": DAY_MINUTES,
            "excess_minutes_per_day": to_plain(week.excess_minutes_per_day),
            "excess_hours_per_week": _hours(week.excess_minutes_per_week),
        }
        for week in result.over_capacity
    }


def result_data(result: Result) -> dict:
    sek = result.estimated_sek_per_year
    night = result.night
    return {
        "rules_as_of": result.rules_as_of.isoformat(),
        "rules_version": result.rules_version,
        "weekly_hours": _weekly(result.basic_minutes, result.other_minutes),
        "before_deduction": {
            "basic": _hours(result.before_deduction_basic),
            "other": _hours(result.before_deduction_other),
        },
        "parental_deduction": {
            "basic": _applied(result.deduction_basic),
            "other": _applied(result.deduction_other),
        },
        "by_need": {
            total.need.value: {
                "basic": _hours(total.basic_minutes),
                "other": _hours(total.other_minutes),
            }
            for total in result.by_need
        },
        "by_week_type": {
            week.week_type.key: {
                "weeks": float(week.week_type.weeks),
                **_weekly(week.figures.basic, week.figures.other),
            }
            for week in result.week_types
        },
        "segments": [
            {
                "start": segment.start.isoformat(),
                "end": segment.end.isoformat(),
                "days": segment.days,
                "weekly_hours": _weekly(segment.figures.basic, segment.figures.other),
            }
            for segment in result.segments
        ],
        "night": None
        if night is None
        else {
            "hours": night.night.minutes / 60,
            "waiting_hours": _hours(night.waiting_minutes),
            "on_call_hours": _hours(night.on_call_minutes),
        },
        "threshold_hours": p.THRESHOLD_HOURS.value,
        "meets_threshold": result.meets_threshold,
        "hourly_amount": float(result.hourly_amount) if result.hourly_amount is not None else None,
        "estimated_sek_per_year": float(sek) if sek is not None else None,
        "decision": _decision(result),
        "day_plans": _day_plans(result),
        "over_capacity": _over_capacity(result),
        "warnings": [{"code": w.code, "message": w.message} for w in result.warnings],
    }
