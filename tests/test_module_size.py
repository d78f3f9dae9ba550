"""Small modules (issue 19): no module of the app over 600 lines, the rules' engine (types and
arithmetic) excepted."""

from pathlib import Path

import assessments

LIMIT = 600
EXCEPTED = {"rules/engine.py"}


def test_no_module_of_the_app_is_over_600_lines():
    root = Path(assessments.__file__).parent
    long = {
        str(path.relative_to(root)): lines
        for path in root.rglob("*.py")
        if "migrations" not in path.parts
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert set(long) <= EXCEPTED, long
