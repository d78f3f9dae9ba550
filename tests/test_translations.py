"""English beside Swedish (issue 15): the catalogue is complete and current, the rules' words and
numbers follow the language, and the file, the figures and the JSON never do."""

import ast
import gettext
import io
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from assessments import catalogue, files, rules
from assessments.models import Assessment
from assessments.rules import engine, i18n
from assessments.rules.formatting import (
    NBSP,
    format_hours,
    format_kronor,
    format_number,
    share_text,
)
from assessments.rules.words import bracket_text, hours_text, month_text, span_text

REPO = Path(__file__).resolve().parents[1]
PO = REPO / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
EXAMPLES = REPO / "tests" / "examples"
CHILD = EXAMPLES / "child-3-years-2025.json"
INVALID_ROW = {
    "format": "behovsraknare.assessment",
    "version": 2,
    "activities": [
        {
            "need": "dressing",
            "description": "Påklädning",
            "minutes": "tjugo",
            "times": 2,
            "per": "day",
            "kind": "basic",
            "colour": "röd",
        }
    ],
}
# The calls that mark a text (rules.i18n and Django), as makemessages looks for them.
MARKERS = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"}


# --- The catalogue ------------------------------------------------------------------------------


def _unquote(line: str) -> str:
    return json.loads(line)  # a .po string is a JSON string for every escape gettext writes


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file, the header left out: msgctxt, msgid, msgid_plural, msgstr (a
    list of one or more forms), fuzzy, obsolete."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry = {"msgctxt": None, "msgid_plural": None, "msgstr": [], "fuzzy": False}
        entry["obsolete"] = block.lstrip().startswith("#~")
        key = None
        for line in block.splitlines():
            line = line.removeprefix("#~ ").strip()
            if line.startswith("#,"):
                entry["fuzzy"] = entry["fuzzy"] or "fuzzy" in line
                continue
            if not line or line.startswith("#"):
                continue
            if match := re.match(
                r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$", line
            ):
                key, text = match.group(1), _unquote(match.group(2))
                if key.startswith("msgstr"):
                    entry["msgstr"].append(text)
                else:
                    entry[key] = text
            elif line.startswith('"') and key is not None:
                if key.startswith("msgstr"):
                    entry["msgstr"][-1] += _unquote(line)
                else:
                    entry[key] += _unquote(line)
        if entry.get("msgid"):
            entries.append(entry)
    return entries


def message_ids(entries: list[dict]) -> set[tuple]:
    return {(e["msgctxt"], e["msgid"], e["msgid_plural"]) for e in entries if not e["obsolete"]}


def test_every_english_message_is_translated_and_none_is_fuzzy():
    entries = read_po(PO)
    assert len(entries) > 600
    empty = [e["msgid"] for e in entries if not all(e["msgstr"]) or not e["msgstr"]]
    fuzzy = [e["msgid"] for e in entries if e["fuzzy"]]
    obsolete = [e["msgid"] for e in entries if e["obsolete"]]
    assert empty == [], "untranslated in locale/en: translate them"
    assert fuzzy == [], "fuzzy in locale/en (the Swedish changed): check and remove the flag"
    assert obsolete == [], "obsolete in locale/en: run bash scripts/messages.sh"


def test_plural_messages_have_both_english_forms():
    for entry in read_po(PO):
        if entry["msgid_plural"] is not None:
            assert len(entry["msgstr"]) == 2 and all(entry["msgstr"]), entry["msgid"]


def test_the_catalogue_is_up_to_date_with_the_code(tmp_path):
    """makemessages, run on a copy of the tree by scripts/messages.sh, finds exactly the message
    ids the catalogue has: none new (untranslated), none gone (stale)."""
    if shutil.which("xgettext") is None:
        pytest.fail("xgettext not found: run bash scripts/setup.sh test (installs gettext)")
    copy = tmp_path / "tree"
    ignore = shutil.ignore_patterns("__pycache__", "*.mo")
    for name in ("assessments", "behovsraknare", "templates", "locale"):
        shutil.copytree(REPO / name, copy / name, ignore=ignore)
    (copy / "scripts").mkdir()
    for name in ("manage.py", "scripts/messages.sh"):
        shutil.copy(REPO / name, copy / name)
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "DJANGO_SECRET_KEY": "test-secret-key",
        "PYTHONPATH": str(copy),
    }
    done = subprocess.run(
        ["bash", "scripts/messages.sh"], cwd=copy, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr

    found = message_ids(read_po(copy / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    catalogue_ids = message_ids(read_po(PO))
    new = sorted(msgid for _ctx, msgid, _plural in found - catalogue_ids)
    gone = sorted(msgid for _ctx, msgid, _plural in catalogue_ids - found)
    assert new == [], "texts not in locale/en: run bash scripts/messages.sh, then translate"
    assert gone == [], "texts no longer in the code: run bash scripts/messages.sh"


def test_the_compiled_catalogue_is_the_po():
    assert MO.exists(), "locale/en/…/django.mo missing: run bash scripts/setup.sh"
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in read_po(PO):
        if entry["msgid_plural"] is None:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"][0], entry["msgid"]
        else:
            one, many = entry["msgstr"]
            assert compiled.ngettext(entry["msgid"], entry["msgid_plural"], 1) == one
            assert compiled.ngettext(entry["msgid"], entry["msgid_plural"], 2) == many


def test_swedish_shows_the_message_ids_themselves():
    # Swedish has no catalogue of its own: no message id may collide with one of Django's,
    # whose Swedish catalogue would then translate it.
    with translation.override("sv"):
        for entry in read_po(PO):
            if entry["msgid_plural"] is None:
                assert translation.gettext(entry["msgid"]) == entry["msgid"]
            else:
                plural = entry["msgid_plural"]
                assert translation.ngettext(entry["msgid"], plural, 1) == entry["msgid"]
                assert translation.ngettext(entry["msgid"], plural, 2) == plural


def test_english_is_active_for_the_english_catalogue():
    with translation.override("en"):
        assert translation.gettext("Grundläggande behov") == "Basic needs"
        assert rules.need_label("breathing") == "Breathing"
    assert rules.need_label("breathing") == "Andning"


def calls_inside_f_strings(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Name)
                    and inner.func.id in MARKERS
                ):
                    found.append(f"line {inner.lineno}: {inner.func.id}(…)")
    return found


@pytest.mark.parametrize(
    "path",
    sorted((REPO / "assessments").rglob("*.py")),
    ids=lambda p: str(p.relative_to(REPO)),
)
def test_no_text_is_marked_inside_an_f_string(path):
    # xgettext does not read f-strings: a text marked there would never reach the catalogue.
    assert calls_inside_f_strings(ast.parse(path.read_text(encoding="utf-8"))) == []


def test_the_f_string_check_finds_a_marked_text():
    assert calls_inside_f_strings(ast.parse("f'{_(\"Totalt\")}: {x}'")) == ["line 1: _(…)"]
    assert calls_inside_f_strings(ast.parse("_('Totalt') + f'{x}'")) == []


# --- Numbers and the rules' words ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "swedish", "english"),
    [
        (lambda: format_number(22.1666), "22,17", "22.17"),
        (lambda: format_number(1.5), "1,5", "1.5"),
        (lambda: format_number(1234), f"1{NBSP}234", "1,234"),
        (lambda: format_number(1234567.891), f"1{NBSP}234{NBSP}567,89", "1,234,567.89"),
        (lambda: format_number(-1.5), "−1,5", "−1.5"),
        (lambda: format_number(1440.5, 6, grouping=False), "1440,5", "1440.5"),
        (lambda: format_hours(1330), "22,17", "22.17"),
        (lambda: format_kronor(332.6, 2), f"332,60{NBSP}kr", f"SEK{NBSP}332.60"),
        (lambda: format_kronor(1471644), f"1{NBSP}471{NBSP}644{NBSP}kr", f"SEK{NBSP}1,471,644"),
    ],
)
def test_numbers_and_money_in_each_language(call, swedish, english):
    with translation.override("sv"):
        assert call() == swedish
    with translation.override("en"):
        assert call() == english


def test_shares_are_words_in_each_language():
    from fractions import Fraction

    with translation.override("en"):
        assert [share_text(Fraction(1, n)) for n in (2, 4, 7)] == [
            "a half",
            "a quarter",
            "a seventh",
        ]
        assert share_text(Fraction(2, 7)) == "2/7"
    assert share_text(Fraction(1, 4)) == "en fjärdedel"


def child_result(language: str):
    with translation.override(language):
        assessment = files.read(CHILD.read_bytes())
        return assessment, rules.calculate(assessment)


def test_the_rules_words_follow_the_language_and_the_figures_do_not():
    _draft, swedish = child_result("sv")
    _draft, english = child_result("en")

    assert swedish.verdict.startswith(
        "Grundläggande behov: 28,58 timmar i veckan – 8,58 timmar över gränsen. Det talar för "
        "statlig assistansersättning från Försäkringskassan."
    )
    assert english.verdict.startswith(
        "Basic needs (grundläggande behov): 28.58 hours a week – 8.58 hours above the "
        "threshold. That points to state assistance allowance (assistansersättning) from "
        "Försäkringskassan (the Swedish Social Insurance Agency)."
    )
    assert swedish.step("margin").value == "8,58 h över gränsen"
    assert english.step("margin").value == "8.58 h above the threshold"
    assert swedish.step("margin").title == "Jämfört med 20-timmarsgränsen"
    assert english.step("margin").title == "Compared with the 20-hour threshold"
    assert swedish.step("estimated_sek_per_year").value == f"Cirka 531{NBSP}487{NBSP}kr per år"
    assert english.step("estimated_sek_per_year").value == f"About SEK{NBSP}531,487 a year"
    deduction = english.step("parental_deduction.basic").text
    assert "The child is 3 according to the age you entered." in deduction
    assert "the age group 1–6 years" in deduction
    assert "1.25 hours per day (dygn) with assistance for basic needs, × 7 days = 8.75" in deduction
    # The same figures, to the minute, and the same warnings by code.
    for figure in ("basic_minutes", "other_minutes", "total_minutes", "margin_minutes"):
        assert getattr(english, figure) == getattr(swedish, figure)
    assert [s.minutes for s in english.steps] == [s.minutes for s in swedish.steps]
    assert [w.code for w in english.warnings] == [w.code for w in swedish.warnings]
    assert english.warnings[0].message != swedish.warnings[0].message


def test_a_calculation_writes_every_word_in_the_language_it_began_in():
    draft, english = child_result("en")
    swedish = rules.calculate(draft)  # after an English one: each language its own words
    assert swedish.step("weekly_hours.total").title == "Totalt"
    assert english.step("weekly_hours.total").title == "Total"
    # A step's rows are made when read, here outside the language: in the calculation's.
    assert english.step("before_deduction.basic").parts[0].label.startswith("Row 1: ")
    assert swedish.step("before_deduction.basic").parts[0].label.startswith("Rad 1: ")
    with translation.override("en"), i18n.one_language():
        translation.activate("sv")  # a change inside does not mix the languages
        assert i18n._("Totalt") == "Total"
        assert format_number(Fraction(3, 2)) == "1.5"
    assert i18n._("Totalt") == "Totalt"


def test_month_names_and_brackets_in_each_language():
    from datetime import date

    with translation.override("en"):
        assert month_text(date(2026, 3, 1)) == "March 2026"
        assert span_text(date(2027, 1, 1), date(2027, 2, 28)) == "January–February 2027"
        assert bracket_text(9) == "7–11 years"
        assert bracket_text(0) == "0 years"
        assert bracket_text(40) == "18 and over"
        assert hours_text(1330) == "22.17 h/week"
    assert month_text(date(2026, 3, 1)) == "mars 2026"
    assert bracket_text(9) == "7–11 år"


def test_the_rules_version_does_not_depend_on_the_language():
    with translation.override("en"):
        english = engine._parameters_hash()
    assert english == engine._parameters_hash() == rules.RULES_VERSION.rsplit("+", 1)[1]


def test_a_field_label_is_translated_each_time_it_is_shown():
    field = rules.activity.FIELDS["minutes"]
    assert str(field.label) == "Minuter per tillfälle"
    with translation.override("en"):
        assert str(field.label) == "Minutes per occasion"
        assert (
            str(field.messages["range"])
            == "Minutes per occasion must be more than 0 and at most 1440."
        )
        assert str(rules.activity.FIELDS["time_type"].help) == (
            "Waiting time (väntetid) during the night rest counts as a quarter, on-call time "
            "(beredskap) as a seventh."
        )
    assert str(rules.activity.FIELDS["time_type"].help) == (
        "Väntetid under nattvilan räknas med en fjärdedel, beredskap med en sjundedel."
    )


# --- The command --------------------------------------------------------------------------------


def calculate(*args) -> str:
    out = io.StringIO()
    call_command("calculate", *args, stdout=out)
    return out.getvalue()


def test_the_text_output_in_english_has_the_same_figures():
    swedish = calculate("--format", "text", str(CHILD))
    english = calculate("--format", "text", "--language", "en", str(CHILD))

    for words in ("Hours a week", "Parental deduction", "Per need, before deduction", "Breathing"):
        assert words in english
    assert "Basic needs (grundläggande behov): 28.58 hours a week – 8.58 hours above" in english
    assert f"SEK{NBSP}342.60, the hourly amount 2025" in english
    assert "Good to know:" in english
    for swedish_word in ("timmar", "gränsen", "Föräldraavdrag", "Regler per", "Att känna till"):
        assert swedish_word not in english
    # Every figure of the Swedish table, in the English format, in the same order.
    numbers = re.compile(r"\d[\d\u00a0,.]*\d|\d")

    def figures(text: str, decimal: str, group: str) -> list[str]:
        return [n.replace(group, "").replace(decimal, ".") for n in numbers.findall(text)]

    assert figures(english, ".", ",") == figures(swedish, ",", NBSP)


def test_the_json_output_differs_only_in_the_warnings_words():
    swedish = json.loads(calculate(str(CHILD)))
    english = json.loads(calculate("--language", "en", str(CHILD)))

    assert [w["code"] for w in english["warnings"]] == [w["code"] for w in swedish["warnings"]]
    assert english["warnings"][0]["message"].startswith("Enter the child's whole need for help")
    for data in (swedish, english):
        data["warnings"] = [w["code"] for w in data["warnings"]]
    assert english == swedish


def test_the_commands_errors_in_english(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(INVALID_ROW, ensure_ascii=False), encoding="utf-8")

    with pytest.raises(CommandError) as caught:
        calculate("--language", "en", str(path))

    assert caught.value.returncode == 2
    message = str(caught.value)
    assert message.startswith("The assessment file is invalid (2 errors):")
    assert (
        'Row 1, the field "minutes" (minutes per occasion): must be a number greater than 0 '
        'and at most 1440, but is "tjugo".'
    ) in message
    assert 'Row 1, the field "colour": unknown field in an assessment file.' in message
    with pytest.raises(CommandError, match="The file does not exist"):
        calculate("--language", "en", str(tmp_path / "none.json"))


def test_the_command_is_swedish_by_default(tmp_path):
    with pytest.raises(CommandError, match="Filen finns inte"):
        calculate(str(tmp_path / "finns-inte.json"))


# --- The file and the web -----------------------------------------------------------------------


@pytest.mark.django_db
def test_file_errors_in_english_with_an_english_request(client):
    upload = SimpleUploadedFile(
        "bad.json", json.dumps(INVALID_ROW).encode(), content_type="application/json"
    )

    response = client.post("/oppna/", {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Row 1, the field &quot;minutes&quot; (minutes per occasion): must be a number" in page
    assert "unknown field in an assessment file" in page
    assert "There is a problem" in page
    assert "fältet" not in page


def test_a_file_of_this_tools_kinds_of_mistake_in_english():
    with translation.override("en"), pytest.raises(files.AssessmentFileError) as caught:
        files.read(b"\x89PNG not json")
    assert caught.value.errors == [
        "This is a picture, not a saved calculation. Choose the file that ends in .json and "
        'that you downloaded with "Download as a file".'
    ]


@pytest.mark.django_db
def test_a_file_made_in_english_opens_in_swedish_with_the_same_figures(client):
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    created = client.post(reverse("assessments:create"), **english)
    draft = Assessment.objects.get()
    add = reverse("assessments:add_activity", args=[draft.token])
    for item in ("hygiene-shower", "meals-cooking", "supervision-on-call"):
        assert client.post(add, {"item": item}, **english).status_code == 302
    assert created.status_code == 302
    assert draft.activities.first().description == "Shower"  # the person's words, in English

    download = reverse("assessments:download", args=[draft.token])
    made_in_english = client.get(download, **english).content
    made_in_swedish = client.get(download, HTTP_ACCEPT_LANGUAGE="sv").content
    assert made_in_english == made_in_swedish  # names and values never depend on the language

    upload = SimpleUploadedFile("behov.json", made_in_english, content_type="application/json")
    opened = client.post(reverse("assessments:import"), {"file": upload}, HTTP_ACCEPT_LANGUAGE="sv")
    assert opened.status_code == 302
    copy = Assessment.objects.exclude(pk=draft.pk).get()
    with translation.override("en"):
        original = draft.calculate()
    imported = copy.calculate()
    assert (imported.basic_minutes, imported.other_minutes, imported.total_minutes) == (
        original.basic_minutes,
        original.other_minutes,
        original.total_minutes,
    )
    data = json.loads(made_in_english)
    assert {row["kind"] for row in data["activities"]} == {"basic", "other"}
    assert {row["time_type"] for row in data["activities"]} == {"active", "on_call"}


# --- The behovslista ----------------------------------------------------------------------------


ALL_ITEMS = [item for group in catalogue.CATALOGUE for item in group.items]


def test_every_item_has_english_and_english_has_no_other_item():
    assert catalogue.translation_problems() == []


@pytest.mark.parametrize("item", ALL_ITEMS, ids=lambda item: item.key)
def test_an_item_in_english_is_the_same_row_with_english_words(item):
    with translation.override("en"):
        row, help_text = item.row, item.help
    assert replace(row, description=item.swedish_row.description) == item.swedish_row
    assert row.description == row.description.strip() and len(row.description) <= 200
    assert help_text.endswith(".") and "need" in help_text and "{" not in help_text
    with translation.override("sv"):
        assert item.row is item.swedish_row and item.help == item.swedish_help


def write_catalogue(tmp_path, english: str):
    source = tmp_path / "catalogue.toml"
    source.write_text(
        '[shared]\nx = "y"\n\n[[item]]\nkey = "ok"\nneed = "meals"\ndescription = "Äta"\n'
        'kind = "basic"\nminutes = 5\ntimes = 1\nper = "day"\nhelp = "Se {x}."\n'
        'source = ["LSS 9 a §"]\nbasis = "integrity_near"\nsynonyms = ["mat"]\n',
        encoding="utf-8",
    )
    catalogue.translation_path(source, "en").write_text(english, encoding="utf-8")
    return source


def test_a_missing_or_extra_english_item_is_a_problem(tmp_path):
    missing = write_catalogue(tmp_path, '[shared]\nx = "z"\n')
    assert catalogue.translation_problems(missing) == ["ok: no en text"]

    extra = write_catalogue(
        tmp_path,
        '[shared]\nx = "z"\n[items.ok]\ndescription = "Eat"\nhelp = "See {x}."\nkind = "other"\n'
        'synonyms = ["food"]\n[items.gone]\ndescription = "Gone"\nhelp = "Gone."\n',
    )
    assert catalogue.translation_problems(extra) == [
        "gone: not in catalogue.toml",
        "ok: kind is not translated",
    ]


def test_an_english_item_shows_in_english_and_falls_back_to_swedish(tmp_path):
    source = write_catalogue(
        tmp_path, '[shared]\nx = "z"\n[items.ok]\ndescription = "Eat"\nhelp = "See {x}."\n'
    )
    (group,) = catalogue.load(source)
    with translation.override("en"):
        assert (group.items[0].row.description, group.items[0].help) == ("Eat", "See z.")
    assert (group.items[0].row.description, group.items[0].help) == ("Äta", "Se y.")

    (group,) = catalogue.load(write_catalogue(tmp_path, '[shared]\nx = "z"\n'))
    with translation.override("en"):
        assert group.items[0].row.description == "Äta"  # Swedish rather than nothing
