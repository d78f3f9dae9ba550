"""The rules module is pure Python (ux-privacy-security.md "Rules module"): no Django, nothing
outside the standard library, and no reading of today's date (the assessment date is an input)."""

import ast
import re
import sys
from pathlib import Path

import pytest

RULES_DIR = Path(__file__).resolve().parents[1] / "assessments" / "rules"
RULES_FILES = sorted(RULES_DIR.rglob("*.py"))
PACKAGE = "assessments"
CLOCK_NAMES = {"today", "now", "utcnow", "time", "localtime", "gmtime", "monotonic"}
CLOCK_MODULES = {"time"}


def foreign_imports(tree: ast.AST) -> list[str]:
    """Modules imported that are neither the standard library nor this package."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: inside the package
                continue
            names = [node.module or ""]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if name.startswith(f"{PACKAGE}.rules") or top in sys.stdlib_module_names:
                continue
            found.append(name)
    return found


def clock_reads(tree: ast.AST) -> list[str]:
    """`date.today`, `datetime.now` and the like, called or passed along, and `import time`."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in {"today", "now", "utcnow"}:
            found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Import):
            found += [
                f"line {node.lineno}: import {a.name}" for a in node.names if a.name == "time"
            ]
        elif isinstance(node, ast.ImportFrom) and node.module in CLOCK_MODULES:
            found.append(f"line {node.lineno}: from {node.module} import ...")
        elif isinstance(node, ast.ImportFrom) and node.module == "datetime":
            found += [
                f"line {node.lineno}: from datetime import {a.name}"
                for a in node.names
                if a.name in CLOCK_NAMES - {"time"}  # datetime.time is a time of day
            ]
    return found


def parse(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_rules_package_has_files():
    names = {path.name for path in RULES_FILES}
    assert {
        "__init__.py",
        "activity.py",
        "assessment.py",
        "engine.py",
        "explain.py",
        "fields.py",
        "formatting.py",
        "needs.py",
        "output.py",
        "parameters.py",
    } <= names


def prose(tree: ast.AST) -> list[str]:
    """String constants with Swedish letters, docstrings left out: words meant for a reader."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and re.search("[åäöÅÄÖ]", node.value)
    ]


def test_the_engine_holds_figures_and_no_prose():
    # What the figures mean in words is rules/words.py's, steps.py's and warnings.py's; the
    # engine only calculates.
    assert prose(parse(RULES_DIR / "engine.py")) == []


@pytest.mark.parametrize("path", RULES_FILES, ids=lambda p: p.name)
def test_rules_import_only_the_standard_library(path):
    assert foreign_imports(parse(path)) == []


@pytest.mark.parametrize("path", RULES_FILES, ids=lambda p: p.name)
def test_rules_never_read_the_clock(path):
    assert clock_reads(parse(path)) == []


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ("import django", True),
        ("from django.conf import settings", True),
        ("import requests", True),
        ("from assessments.models import Draft", True),
        ("from assessments.rules import engine", False),
        ("from . import parameters", False),
        ("from fractions import Fraction", False),
    ],
)
def test_import_check_catches_foreign_imports(source, flagged):
    assert bool(foreign_imports(ast.parse(source))) is flagged


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ("date.today()", True),
        ("datetime.now(tz)", True),
        ("datetime.datetime.utcnow()", True),
        ("field(default_factory=date.today)", True),
        ("import time", True),
        ("from time import time", True),
        ("date(2024, 1, 1)", False),
        ("on = assessment.assessment_date", False),
    ],
)
def test_clock_check_catches_clock_reads(source, flagged):
    assert bool(clock_reads(ast.parse(source))) is flagged
