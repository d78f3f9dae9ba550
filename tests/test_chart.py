"""The bar chart of hours per need (assessments/chart.py): accessible, escaped, deterministic SVG.

No database: the chart is drawn from a rules result alone.
"""

import ast
import dataclasses
import re
import xml.etree.ElementTree as ET
from datetime import date
from fractions import Fraction
from pathlib import Path

from assessments import chart, rules
from assessments.chart import bar_chart_svg

SVG = "{http://www.w3.org/2000/svg}"


def activity(
    need="personal_hygiene", kind="basic", minutes=30, times=1, **fields
) -> rules.Activity:
    return rules.Activity(need=need, kind=kind, minutes=minutes, times=times, **fields)


def result_of(*activities, on=date(2024, 11, 22), age=None) -> rules.Result:
    return rules.calculate(rules.Assessment(on, tuple(activities), age))


MIXED = result_of(
    activity(minutes=90),  # 10,5 h
    activity(need="meals", minutes=60),  # 7 h
    activity(need="meals", kind="other", minutes=30),  # 3,5 h
    activity(need="household", kind="other", minutes=45),  # 5,25 h
    activity(need="supervision", kind="other", minutes=480, time_type="waiting"),  # 14 h
)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def test_the_svg_is_well_formed_xml_with_a_title_and_description():
    root = parse(bar_chart_svg(MIXED))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.text == "Diagram: timmar i veckan per behov"
    assert desc is not None
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]


def test_every_need_has_a_labelled_bar_in_the_law_order():
    labels = texts(parse(bar_chart_svg(MIXED)))
    expected = [total.label for total in MIXED.by_need]
    assert expected == [
        "Personlig hygien",
        "Måltider",
        "Hushåll och matlagning",
        "Tillsyn, väntetid och beredskap",
    ]
    positions = [
        next(i for i, text in enumerate(labels) if text.startswith(f"{label}: "))
        for label in expected
    ]
    assert positions == sorted(positions)


def test_figures_use_a_decimal_comma():
    labels = texts(parse(bar_chart_svg(MIXED)))
    assert "Personlig hygien: 10,5 h" in labels
    assert "Måltider: 10,5 h (grundläggande 7, andra 3,5)" in labels
    assert "Hushåll och matlagning: 5,25 h" in labels
    assert not any(re.search(r"\d\.\d", label) for label in labels)


def test_the_description_gives_every_figure_in_words():
    desc = parse(bar_chart_svg(MIXED)).find(f"{SVG}desc").text
    for total in MIXED.by_need:
        assert f"{total.label}: {rules.format_hours(total.basic_minutes)} h grundläggande" in desc
    assert "Grundläggande behov, summa: 17,5 h, 2,5 h under gränsen 20 h." in desc


def test_the_20_hour_line_is_marked_across_the_summed_basic_needs():
    root = parse(bar_chart_svg(MIXED))
    assert "Gränsen 20 h" in texts(root)
    assert "Grundläggande behov, summa: 17,5 h" in texts(root)
    dashed = [path for path in root.iter(f"{SVG}path") if path.get("stroke-dasharray")]
    assert len(dashed) == 1


def test_basic_and_other_differ_by_pattern_not_only_by_colour():
    root = parse(bar_chart_svg(MIXED))
    pattern = root.find(f"{SVG}defs/{SVG}pattern")
    assert pattern is not None
    hatched = [
        rect for rect in root.iter(f"{SVG}rect") if rect.get("fill") == f"url(#{pattern.get('id')})"
    ]
    # The legend and the three needs with other time.
    assert len(hatched) == 4


def test_the_output_is_deterministic():
    assert bar_chart_svg(MIXED) == bar_chart_svg(MIXED)
    again = result_of(*(row.activity for row in MIXED.rows))
    assert bar_chart_svg(again) == bar_chart_svg(MIXED)


def test_no_style_attribute_or_element_so_the_csp_allows_it_inline():
    svg = bar_chart_svg(MIXED)
    assert "style" not in svg
    assert "<script" not in svg


class HostileTotal(rules.NeedTotal):
    label = 'Mat & <dryck> "x"'


def test_text_is_escaped():
    hostile = dataclasses.replace(
        MIXED,
        by_need=(HostileTotal(rules.Need.OTHER, Fraction(60), 0),),
    )
    svg = bar_chart_svg(hostile, id_prefix='a"b')
    root = parse(svg)
    assert 'Mat & <dryck> "x": 1 h' in texts(root)
    assert "<dryck>" not in svg


def test_ids_take_the_prefix_so_two_charts_can_share_a_page():
    svg = bar_chart_svg(MIXED, id_prefix="pdf")
    ids = [element.get("id") for element in parse(svg).iter() if element.get("id")]
    assert ids and all(value.startswith("pdf-") for value in ids)


def test_an_empty_result_still_draws_the_line_and_says_there_are_no_rows():
    root = parse(bar_chart_svg(result_of()))
    assert "Inga rader ännu." in texts(root)
    assert "Gränsen 20 h" in texts(root)


def test_after_a_parental_deduction_the_summary_says_so():
    child = result_of(activity(minutes=240), age=8)
    assert child.deduction_basic.applied_minutes
    labels = texts(parse(bar_chart_svg(child)))
    assert any(text.startswith("Grundläggande behov efter föräldraavdrag: ") for text in labels)


def test_huge_figures_keep_a_readable_scale():
    # 1440 minutes 1440 times a day is a data-entry error, but the chart must still draw.
    root = parse(bar_chart_svg(result_of(activity(minutes=1440, times=1440))))
    ticks = [label for label in texts(root) if re.fullmatch(r"[\d\u00a0]+", label)]
    assert 2 <= len(ticks) <= chart.MAX_TICKS + 1


def test_the_chart_module_imports_no_django():
    tree = ast.parse(Path(chart.__file__).read_text())
    modules = [
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module]
        )
    ]
    assert not any(name and name.startswith("django") for name in modules)
