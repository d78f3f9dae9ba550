"""Proves the browser plumbing: Chromium + Playwright + live_server + axe-core.

A placeholder until the app's own pages have browser tests; the admin login page needs no data.
"""

import pytest
from playwright.sync_api import Error as PlaywrightError


def test_admin_login_page_in_chromium(live_server, page, axe):
    response = page.goto(live_server.url + "/admin/login/")

    assert response is not None and response.status == 200
    title = page.title()
    assert "Django" in title or "Logga in" in title, title

    # The app's CSP (script-src 'self') blocks inline scripts, and axe still runs (see conftest).
    with pytest.raises(PlaywrightError, match="Content Security Policy"):
        page.add_script_tag(content="window.injected = true")
    assert page.evaluate("() => window.injected") is None

    assert axe(page, "admin login page") == []
