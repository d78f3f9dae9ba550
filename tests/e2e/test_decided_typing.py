"""Issue 19: typing into the decided-values table at a human pace (one key every 300 ms, six
rows, each saved as the person types and leaves its fields) loses neither the focus nor a value,
also when the answers come slower than the typing."""

import time

import pytest
from playwright.sync_api import Page, expect

from assessments.models import Activity
from assessments.web import parts
from tests.factories import make_draft

from .test_calculator import wait_for_htmx


@pytest.mark.parametrize("answer_delay", [0, 0.8], ids=["quick answers", "slow answers"])
def test_typing_slowly_in_the_decided_table_loses_no_focus_and_no_value(
    live_server, page: Page, monkeypatch, axe, answer_delay
):
    answer = parts.render_draft

    def slow(*args, **kwargs):
        time.sleep(answer_delay)  # the server answers while the person types on
        return answer(*args, **kwargs)

    monkeypatch.setattr(parts, "render_draft", slow)
    draft = make_draft(
        rows=[{"description": f"Rad {n}", "minutes": 20 + n} for n in range(6)],
        decision_by="fk",
    )
    rows = [row.pk for row in draft.rows()]
    refused = []
    page.on("response", lambda r: refused.append(r.url) if r.status >= 400 else None)
    page.goto(live_server.url + draft.get_absolute_url())
    wait_for_htmx(page)

    for number, pk in enumerate(rows):
        minutes = page.locator(f"#d{pk}-minutes")
        minutes.click()
        page.keyboard.press("Control+A")
        page.keyboard.type(f"1{number}", delay=300)
        expect(minutes).to_be_focused()
        page.keyboard.press("Tab")
        page.keyboard.type("2", delay=300)
        expect(page.locator(f"#d{pk}-times")).to_be_focused()
        page.keyboard.press("Tab")
        expect(page.locator(f"#d{pk}-not_granted")).to_be_focused()

    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    expect(page.locator("#status")).to_contain_text("Beslutet för raderna är sparat", timeout=15000)
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    for n, pk in enumerate(rows):
        expect(page.locator(f"#d{pk}-minutes")).to_have_value(f"1{n}")
        expect(page.locator(f"#d{pk}-times")).to_have_value("2")
    assert refused == []
    decided = {row.pk: row.decided for row in Activity.objects.filter(pk__in=rows)}
    assert decided == {pk: {"minutes": 10 + n, "times": 2} for n, pk in enumerate(rows)}
    page.locator(f"#d{rows[0]}-more summary").click()
    axe(page, "the decided table of six rows, one row's Mer open")  # target sizes too
