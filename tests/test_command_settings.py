"""`manage.py summary` and `manage.py calculate` run on their own (behovsraknare.__main__,
behovsraknare.command_settings, issue 22 item 4): the same PDF as in a whole Django setup, and
really without the site's other apps."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from behovsraknare import __main__ as manage

REPO_ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = Path(__file__).resolve().parent / "examples"
DAY_PLANS = EXAMPLES / "child-school-and-holiday-day-plans-2026.json"
DECISION = EXAMPLES / "adult-compared-with-decision-2026.json"
WEEKS = EXAMPLES / "child-school-and-holiday-weeks-2026.json"
NIGHT = EXAMPLES / "adult-night-waiting-2026.json"
BASELINE = EXAMPLES / "adult-over-threshold.json"

# Runs manage.py's main() with the given arguments in a fresh process, then reports what that
# process had loaded and how it was set up.
PROBE = """
import gc, json, logging, os, sys
report, sys.argv = sys.argv[1], ["manage.py", *sys.argv[2:]]
from behovsraknare.__main__ import main
main()
root = logging.getLogger()
with open(report, "w") as out:
    json.dump({
        "modules": sorted(sys.modules),
        "settings": os.environ["DJANGO_SETTINGS_MODULE"],
        "gc": gc.isenabled(),
        "weasyprint_level": logging.getLogger("weasyprint").level,
        "root_filters": [type(f).__name__ for h in root.handlers for f in h.filters],
    }, out)
"""


def env() -> dict:
    return {
        **os.environ,
        "DJANGO_SECRET_KEY": "test-secret-key",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SETTINGS_MODULE": "behovsraknare.settings",
        "PYTHONIOENCODING": "utf-8",
    }


def probe(tmp_path: Path, *args: str) -> dict:
    report = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(report), *args],
        cwd=REPO_ROOT,
        env=env(),
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(report.read_text())


@pytest.mark.parametrize(
    "source, options",
    [
        (NIGHT, []),
        (DAY_PLANS, ["--appendix"]),
        (DECISION, ["--appendix", "--language", "en"]),
        (WEEKS, ["--baseline", str(BASELINE)]),
    ],
    ids=["plain", "appendix", "english", "baseline"],
)
def test_the_pdf_of_manage_py_is_the_pdf_of_a_whole_django_setup(tmp_path, source, options):
    """manage.py (its own settings, one app) against call_command here, where pytest-django
    has set Django up with the site's settings and every app: byte for byte."""
    options = [*options, "--printed-on", "2026-11-22"]
    call_command("summary", str(source), *options, output=str(tmp_path / "whole.pdf"))
    done = subprocess.run(
        [sys.executable, "manage.py", "summary", str(source), "-o", str(tmp_path / "own.pdf")]
        + options,
        cwd=REPO_ROOT,
        env=env(),
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert (tmp_path / "own.pdf").read_bytes() == (tmp_path / "whole.pdf").read_bytes()


@pytest.mark.parametrize("command", ["summary", "calculate"])
def test_the_file_commands_run_without_the_sites_other_apps(tmp_path, command):
    args = [command, str(NIGHT)]
    if command == "summary":
        args += ["-o", str(tmp_path / "out.pdf")]
    seen = probe(tmp_path, *args)
    assert seen["settings"] == "behovsraknare.command_settings"
    loaded = set(seen["modules"])
    for module in (
        "django.contrib.admin",
        "django.contrib.auth.models",
        "django.contrib.sessions",
        "assessments.models",
        "assessments.web",
        "assessments.language",
    ):
        assert module not in loaded, module
    assert "assessments.rules" in loaded
    # The collector is on again for the command's own work.
    assert seen["gc"] is True
    # The site's logging: WeasyPrint's glyph warnings left out, tokens masked.
    assert seen["weasyprint_level"] == 40
    assert "MaskTokens" in seen["root_filters"]
    if command == "summary":
        assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")


def test_with_settings_named_the_summary_takes_djangos_usual_path(tmp_path):
    """The probe tells the paths apart: with --settings the whole site is loaded."""
    seen = probe(
        tmp_path,
        "summary",
        str(NIGHT),
        "-o",
        str(tmp_path / "out.pdf"),
        "--settings",
        "behovsraknare.settings",
    )
    assert seen["settings"] == "behovsraknare.settings"
    assert "django.contrib.admin" in seen["modules"]
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")


def test_only_the_file_commands_with_the_sites_settings_run_on_their_own(monkeypatch):
    monkeypatch.delenv("DJANGO_AUTO_COMPLETE", raising=False)
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "behovsraknare.settings")
    assert manage.runs_on_its_own(["manage.py", "summary", "f.json", "-o", "f.pdf"])
    assert manage.runs_on_its_own(["manage.py", "calculate", "f.json"])
    assert not manage.runs_on_its_own(["manage.py", "migrate"])
    assert not manage.runs_on_its_own(["manage.py", "help", "summary"])
    assert not manage.runs_on_its_own(["manage.py"])
    assert not manage.runs_on_its_own(["manage.py", "calculate", "f.json", "--settings=x"])
    assert not manage.runs_on_its_own(["manage.py", "calculate", "f.json", "--pythonpath", "."])
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE")
    assert manage.runs_on_its_own(["manage.py", "calculate", "f.json"])
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "other.settings")
    assert not manage.runs_on_its_own(["manage.py", "calculate", "f.json"])
