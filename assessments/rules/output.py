"""The result as the `calculate` command prints it (spec/assessment-file.md, "The calculation")."""

from fractions import Fraction

from . import parameters as p
from .engine import Deduction, Result


def _hours(minutes: Fraction) -> float:
    return float(minutes / 60)


def _applied(deduction: Deduction | None) -> float:
    return _hours(deduction.applied_minutes) if deduction else 0.0


def result_data(result: Result) -> dict:
    sek = result.estimated_sek_per_year
    return {
        "rules_as_of": result.rules_as_of.isoformat(),
        "rules_version": result.rules_version,
        "weekly_hours": {
            "basic": _hours(result.basic_minutes),
            "other": _hours(result.other_minutes),
            "total": _hours(result.total_minutes),
        },
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
        "threshold_hours": p.THRESHOLD_HOURS.value,
        "meets_threshold": result.meets_threshold,
        "hourly_amount": float(result.hourly_amount) if result.hourly_amount is not None else None,
        "estimated_sek_per_year": float(sek) if sek is not None else None,
        "warnings": [{"code": w.code, "message": w.message} for w in result.warnings],
    }
