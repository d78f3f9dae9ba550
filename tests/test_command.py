"""`python manage.py calculate FILE` (spec/assessment-file.md)."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

REPO_ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = Path(__file__).resolve().parent / "examples"
EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*.json") if not p.name.endswith(".expected.json"))
CHILD = EXAMPLES / "child-3-years-2025.json"
TOLERANCE = 0.01  # hours per week (examples/README.md)

INVALID_FILE = {
    "format": "behovsraknare.assessment",
    "version": 1,
    "activities": [
        {
            "need": "dressing",
            "description": "Påklädning",
            "minutes": "tjugo",
            "times": 2,
            "per": "day",
            "kind": "basic",
        }
    ],
}


def calculate(*args) -> str:
    out = io.StringIO()
    call_command("calculate", *args, stdout=out)
    return out.getvalue()


def run_manage(
    *args, stdin: bytes | None = None, command: str = "calculate"
) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "test-secret-key",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(
        [sys.executable, "manage.py", command, *args],
        cwd=REPO_ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        timeout=60,
    )


def assert_matches_expected(result: dict, path: Path) -> None:
    expected = json.loads(path.with_suffix(".expected.json").read_text())
    actual = {
        "basic": result["weekly_hours"]["basic"],
        "other": result["weekly_hours"]["other"],
        "total": result["weekly_hours"]["total"],
        "deduction_basic": result["parental_deduction"]["basic"],
        "deduction_other": result["parental_deduction"]["other"],
    }
    for key, value in actual.items():
        assert value == pytest.approx(expected[key], abs=TOLERANCE), key
    assert result["meets_threshold"] is expected["meets_threshold"]


@pytest.fixture
def invalid_file(tmp_path) -> Path:
    path = tmp_path / "ogiltig.json"
    path.write_text(json.dumps(INVALID_FILE, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_each_example_gives_its_expected_result(path):
    result = json.loads(calculate(str(path)))

    assert_matches_expected(result, path)


def test_json_output_has_the_spec_keys():
    result = json.loads(calculate(str(CHILD)))

    assert {
        "rules_as_of",
        "weekly_hours",
        "before_deduction",
        "parental_deduction",
        "by_need",
        "threshold_hours",
        "meets_threshold",
        "hourly_amount",
        "estimated_sek_per_year",
        "warnings",
    } <= set(result)
    assert result["rules_as_of"] == "2025-02-01"
    assert set(result["by_need"]) == {
        "personal_hygiene",
        "dressing",
        "meals",
        "breathing",
        "leisure_and_community",
    }
    assert all(set(w) == {"code", "message"} for w in result["warnings"])


def test_text_format_is_a_swedish_table_with_decimal_commas():
    text = calculate(str(CHILD), "--format", "text")

    assert "Regler per 2025-02-01" in text
    assert "28,58" in text  # basic needs after the deduction
    assert "8,75" in text  # parental deduction, basic
    assert "29,83" in text  # total
    assert "Personlig hygien" in text
    assert "Andning" in text
    assert "8,58 timmar över gränsen" in text  # the verdict sentence
    assert "342,60\u00a0kr, timbeloppet 2025" in text  # rules.md R8: the 2025 amount
    assert "28.58" not in text


def test_text_format_gives_the_yearly_estimate_when_known():
    text = calculate(str(EXAMPLES / "adult-over-threshold.json"), "--format", "text")

    assert "Uppskattat belopp per år: cirka" in text
    assert "332,60\u00a0kr" in text  # money is printed one way


def test_text_format_says_when_the_threshold_is_not_met():
    text = calculate(str(EXAMPLES / "waiting-time-night.json"), "--format", "text")

    assert "under gränsen" in text
    # rules.md R5: more than 20 hours is needed; never "reached".
    assert "inte är mer än 20 timmar i veckan" in text
    assert "nådd" not in text


def test_dash_reads_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CHILD.read_bytes())))

    assert_matches_expected(json.loads(calculate("-")), CHILD)


def test_invalid_file_fails_with_status_2_and_every_error(invalid_file):
    with pytest.raises(CommandError) as caught:
        calculate(str(invalid_file))

    assert caught.value.returncode == 2
    message = str(caught.value)
    assert 'Rad 1, fältet "minutes" (minuter per tillfälle)' in message
    assert '"tjugo"' in message


def test_missing_file_fails_with_status_2(tmp_path):
    with pytest.raises(CommandError) as caught:
        calculate(str(tmp_path / "finns-inte.json"))

    assert caught.value.returncode == 2
    assert "Filen finns inte" in str(caught.value)


def test_directory_fails_with_status_2(tmp_path):
    with pytest.raises(CommandError) as caught:
        calculate(str(tmp_path))

    assert caught.value.returncode == 2


def test_manage_py_prints_json_and_exits_0():
    completed = run_manage(str(CHILD))

    assert completed.returncode == 0, completed.stderr.decode()
    assert_matches_expected(json.loads(completed.stdout.decode("utf-8")), CHILD)


def test_manage_py_reads_standard_input_in_text_format():
    completed = run_manage("-", "--format", "text", stdin=CHILD.read_bytes())

    assert completed.returncode == 0, completed.stderr.decode()
    assert "28,58" in completed.stdout.decode("utf-8")


def test_manage_py_exits_2_on_an_invalid_file(invalid_file):
    completed = run_manage(str(invalid_file))

    assert completed.returncode == 2
    assert completed.stdout == b""
    stderr = completed.stderr.decode("utf-8")
    assert 'Rad 1, fältet "minutes" (minuter per tillfälle)' in stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize(
    ("command", "description", "option"),
    [
        ("calculate", "Beräknar behovet av personlig assistans", "json (standard) eller text"),
        ("summary", "Skriver sammanställningen av en behovsfil som PDF", "utskriftsdatum"),
    ],
)
def test_manage_py_help_describes_the_command_in_swedish(command, description, option):
    completed = run_manage("--help", command=command)

    stdout = completed.stdout.decode("utf-8")
    assert completed.returncode == 0, completed.stderr.decode()
    # argparse wraps the lines: compare the words.
    assert description in " ".join(stdout.split())
    assert option in " ".join(stdout.split())
    assert "behovsfilen (JSON), eller - för standard in" in " ".join(stdout.split())


def test_manage_py_exits_2_on_a_missing_file(tmp_path):
    completed = run_manage(str(tmp_path / "finns-inte.json"))

    assert completed.returncode == 2
    assert "Filen finns inte" in completed.stderr.decode("utf-8")


def test_text_format_shows_week_types_the_night_and_the_decision():
    weeks = calculate(
        str(EXAMPLES / "child-school-and-holiday-weeks-2026.json"), "--format", "text"
    )
    assert "Per veckotyp, efter avdrag" in weeks
    assert "Skolvecka (40 v.)" in weeks and "21,58" in weeks and "46,08" in weeks
    assert "i genomsnitt" in weeks
    night = calculate(str(EXAMPLES / "adult-night-waiting-2026.json"), "--format", "text")
    assert "52 h 30 min väntetid, räknas 1/4 = 13 h 8 min" in night
    decision = calculate(
        str(EXAMPLES / "adult-compared-with-decision-2026.json"), "--format", "text"
    )
    assert "Enligt beslutet 22,98 timmar grundläggande behov" in decision
    assert "Skillnad mot din beräkning, grundläggande behov: 16,92 timmar" in decision


def test_json_output_has_the_spec_blocks_for_version_2():
    out = json.loads(calculate(str(EXAMPLES / "adult-compared-with-decision-2026.json")))
    assert out["decision"]["weekly_hours"]["basic"] == pytest.approx(22.9833, abs=0.001)
    assert out["decision"]["meets_threshold"] is True
    assert out["decision"]["difference"]["basic"] == pytest.approx(16.9167, abs=0.001)
    assert out["by_week_type"]["week"]["weeks"] == 52
    assert out["segments"][0]["start"] == "2026-09-01"
    assert out["night"] is None


@pytest.mark.parametrize(
    ("start", "end", "money", "amounts", "sek"),
    [
        (
            "2025-10-01",
            "2026-03-31",
            "Uppskattat belopp per år: cirka 610\u00a0176\u00a0kr, vägt efter dagar med varje års "
            "timbelopp",
            "Schablonbeloppen 342,60\u00a0kr för 2025 och 347,70\u00a0kr för 2026 i timmen",
            610175.66,
        ),
        (
            "2026-10-01",
            "2027-03-31",
            "Uppskattat belopp per år: okänt, eftersom timbeloppet för 2027 inte är känt än.",
            "Schablonbeloppen 347,70\u00a0kr för 2026 och inget känt belopp för 2027 i timmen",
            None,
        ),
    ],
)
def test_text_format_of_a_period_across_a_year(tmp_path, start, end, money, amounts, sek):
    # rules.md R8: each part of the period at its year's amount (34 h a week).
    path = tmp_path / "period.json"
    path.write_text(
        json.dumps(
            {
                "format": "behovsraknare.assessment",
                "version": 2,
                "assessment_date": start,
                "period": {"start": start, "end": end},
                "activities": [
                    {
                        "need": "personal_hygiene",
                        "description": "Dusch",
                        "minutes": 680,
                        "times": 3,
                        "per": "week",
                        "kind": "basic",
                    }
                ],
            }
        )
    )
    text = calculate(str(path), "--format", "text")
    assert money in text
    assert amounts in text
    data = json.loads(calculate(str(path)))
    if sek is None:
        assert data["estimated_sek_per_year"] is None
    else:
        assert data["estimated_sek_per_year"] == pytest.approx(sek, abs=0.005)
