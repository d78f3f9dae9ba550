"""Browser (end-to-end) tests: Playwright driving Debian's headless Chromium against live_server.

Every test in this folder is marked `e2e` (`pytest -m "not e2e"` leaves them out). Each test that
uses a Playwright page fails if the page asked for anything outside this machine.

Accessibility: the `axe` fixture runs axe-core 4.14.1 (vendored in vendor/axe.min.js, from npm's
axe-core package, MPL-2.0: vendor/axe-core-LICENSE.txt) against WCAG 2.0/2.1/2.2 A and AA rules.

Second engine: the same check also runs HTML_CodeSniffer 2.5.1 (vendored build in
vendor/HTMLCS.js, from npm's html_codesniffer package, BSD-3-Clause:
vendor/html_codesniffer-LICENSE.txt) with its WCAG2AA standard, and fails on its errors (not on
its warnings and notices, which ask for a person's judgement). The two engines find different
things: HTMLCS reports table cells not tied to their headers (H43) and contrast that axe missed.
`htmlcs` runs it alone.

CSP: every test fails if the browser refused anything under the page's policy (`csp_violations`).
The app sends `script-src 'self'`, so a <script> tag added to the page (page.add_script_tag)
is blocked. We do NOT turn CSP off with `bypass_csp=True`: tests must see the pages exactly as a
browser does, and can check that CSP really blocks inline scripts. Instead axe's source goes in
through page.evaluate(), which runs over the DevTools protocol and is not subject to the page's
CSP (axe itself needs neither eval nor inline scripts). A test that really wants CSP off can
still ask for its own context: `new_context(bypass_csp=True)`.
"""

import os
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

# expect() waits until the page is in the state asked for. Its default of 5 s would be a speed
# limit on a machine busy with other work (load average 8 on 2 cores): a generous bound only
# catches a state that never comes. Speed is measured by the benchmarks, not here.
expect.set_options(timeout=30_000)

AXE_VERSION = "4.14.1"
AXE_SOURCE_PATH = Path(__file__).parent / "vendor" / "axe.min.js"
HTMLCS_VERSION = "2.5.1"
HTMLCS_SOURCE_PATH = Path(__file__).parent / "vendor" / "HTMLCS.js"
HTMLCS_STANDARD = "WCAG2AA"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
# Schemes that never leave the browser.
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension", "devtools"}


def pytest_collection_modifyitems(config, items):
    """Mark every test under tests/e2e as `e2e`."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # `playwright install` cannot download browsers here: use Debian's Chromium (scripts/setup.sh).
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run `bash scripts/setup.sh test` (installs chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


# The pages follow the browser's Accept-Language when no language is chosen (LocaleMiddleware),
# and Chromium's own is en-US: these tests read the Swedish pages, so the browser asks for them.
LOCALE = "sv-SE"


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": LOCALE}


@pytest.fixture(autouse=True)
def no_external_requests(request):
    """Fail the test if its browser context asked for anything not on this machine.

    Records every request of the test's Playwright context (all its pages). Tests that use no
    browser are left alone. Yields the list of external URLs seen so far.
    """
    external: list[str] = []
    if "page" not in request.fixturenames and "context" not in request.fixturenames:
        yield external
        return
    context = request.getfixturevalue("context")

    def record(pw_request):
        url = pw_request.url
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES:
            return
        if (parts.hostname or "") not in LOCAL_HOSTS:
            external.append(f"{pw_request.method} {url}")

    context.on("request", record)
    yield external
    if external:
        listing = "\n  ".join(external[:20])
        pytest.fail(
            f"the page made {len(external)} request(s) to hosts other than localhost:\n  {listing}",
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def csp_violations(request):
    """Fail the test if a page of its browser context broke the Content-Security-Policy (the
    browser refused a style or script of ours). Yields the list of violations seen so far: a
    test that breaks the policy on purpose checks its entry and clears the list."""
    violations: list[str] = []
    if "page" not in request.fixturenames and "context" not in request.fixturenames:
        yield violations
        return
    context = request.getfixturevalue("context")

    def record(message):
        if "Content Security Policy" in message.text:
            violations.append(f"{message.page.url if message.page else '?'}: {message.text}")

    context.on("console", record)
    yield violations
    if violations:
        listing = "\n  ".join(violations[:20])
        pytest.fail(
            f"the browser refused {len(violations)} thing(s) under the page's CSP:\n  {listing}",
            pytrace=False,
        )


def _format_target(target) -> str:
    # A target is a list of selectors; nested lists step into shadow DOM or iframes.
    if isinstance(target, list):
        return " >> ".join(_format_target(part) for part in target)
    return str(target)


def format_axe_violations(violations: list[dict], label: str) -> str:
    lines = [f"axe-core {AXE_VERSION}: {len(violations)} accessibility violation(s) on {label}:"]
    for violation in violations:
        nodes = violation.get("nodes", [])
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'no impact'}): "
            f"{violation.get('help', '')} [{len(nodes)} element(s)] {violation.get('helpUrl', '')}"
        )
        for node in nodes[:3]:
            lines.append(f"    at {_format_target(node.get('target', []))}")
        if len(nodes) > 3:
            lines.append(f"    … and {len(nodes) - 3} more")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE_SOURCE_PATH.read_text(encoding="utf-8")


@pytest.fixture
def axe(axe_source, htmlcs) -> Callable[..., list[dict]]:
    """Returns `check(page, context_label, *, fail=True)`.

    It runs HTML_CodeSniffer first (`htmlcs`; second_engine=False leaves it out), then injects
    axe-core into the page if it is not there yet, runs the WCAG 2.x A/AA rules on
    the whole document and returns the list of violations; with fail=True (the default) it fails
    the test when there is any, listing rule id, impact, help and the first targets.
    """

    def check(
        page, context_label: str = "", *, fail: bool = True, second_engine: bool = True
    ) -> list[dict]:
        label = context_label or page.url
        if second_engine:
            htmlcs(page, label, fail=fail)
        if not page.evaluate("() => typeof window.axe === 'object'"):
            # Not add_script_tag: the app's CSP would block it (see the module docstring).
            page.evaluate(axe_source)
        violations = page.evaluate(
            """async (tags) => {
                const results = await axe.run(document, {
                    runOnly: {type: 'tag', values: tags},
                    resultTypes: ['violations'],
                });
                return results.violations;
            }""",
            AXE_TAGS,
        )
        if fail and violations:
            pytest.fail(format_axe_violations(violations, label), pytrace=False)
        return violations

    return check


# HTMLCS reports each problem with the element it is on: these say which one.
_HTMLCS_RUN = """(standard) => new Promise((resolve, reject) => {
    const describe = (element) => {
        if (!element || !element.tagName) { return String(element && element.nodeName); }
        let text = element.tagName.toLowerCase();
        if (element.id) { text += '#' + element.id; }
        if (element.className && typeof element.className === 'string') {
            text += '.' + element.className.trim().split(/\\s+/).join('.');
        }
        const html = (element.outerHTML || '').slice(0, 160);
        return text + ' ' + html;
    };
    HTMLCS.process(standard, document, () => {
        resolve(HTMLCS.getMessages()
            .filter((message) => message.type === HTMLCS.ERROR)
            .map((message) => ({code: message.code, msg: message.msg,
                                element: describe(message.element)})));
    }, () => reject(new Error('HTML_CodeSniffer could not run')), 'en');
})"""


def format_htmlcs_errors(errors: list[dict], label: str) -> str:
    engine = f"HTML_CodeSniffer {HTMLCS_VERSION} {HTMLCS_STANDARD}"
    lines = [f"{engine}: {len(errors)} error(s) on {label}:"]
    for error in errors[:30]:
        lines.append(f"- {error['code']}: {error['msg']}\n    at {error['element']}")
    if len(errors) > 30:
        lines.append(f"  … and {len(errors) - 30} more")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def htmlcs_source() -> str:
    return HTMLCS_SOURCE_PATH.read_text(encoding="utf-8")


@pytest.fixture
def htmlcs(htmlcs_source) -> Callable[..., list[dict]]:
    """Returns `check(page, context_label, *, fail=True)`: runs HTML_CodeSniffer's WCAG2AA
    standard on the whole document and returns its errors; with fail=True it fails the test
    when there is any, naming the technique (e.g. H43), the message and the element."""

    def check(page, context_label: str = "", *, fail: bool = True) -> list[dict]:
        label = context_label or page.url
        if not page.evaluate("() => typeof window.HTMLCS === 'object'"):
            # Through the DevTools protocol like axe: the page's CSP would block a script tag.
            page.evaluate(htmlcs_source)
        errors = page.evaluate(_HTMLCS_RUN, HTMLCS_STANDARD)
        if fail and errors:
            pytest.fail(format_htmlcs_errors(errors, label), pytrace=False)
        return errors

    return check
