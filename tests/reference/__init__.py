"""The rules' calculation as it was before the fast path (issue 22, item 3): the reference that
tests/test_rules_fast.py compares `rules.calculate` with, figure by figure and text by text,
and that scripts/bench_rules.py times beside it. Not used by the product.

The modules are copies of `assessments/rules/` (engine, day, the explanation and the
formatting of numbers) as they were, with imports of the unchanged modules pointing there.
"""

from assessments.rules.assessment import Assessment

from .engine import Result, compute
from .explain import with_explanation


def calculate(assessment: Assessment) -> Result:
    return with_explanation(assessment, compute(assessment))
