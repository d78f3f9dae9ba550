"""One person's browser, as plain HTTP: open a draft, save rows, read the draft back.

It posts what the page's forms post (htmx's headers included) and depends on the page's HTML
in two patterns only: a row's line (`<tr id="r<pk>" class="row`), and the version of the row
each page and each save's answer carries (`name="r<pk>-version" value="<n>"`), which the next
save is based on. The field values come from the assessment file the draft was opened from,
whose field names are the row form's; a save posts them under the row's prefix ("r12-minutes").
"""

import json
import re
from urllib.parse import urljoin

import requests

from assessments.rules.activity import EDITED_ELSEWHERE
from assessments.rules.activity import FIELDS as ROW_TABLE
from assessments.rules.fields import Type

ROW_LINE = re.compile(r'<tr id="r(?P<pk>\d+)" class="row[ "]')
ROW_VERSION = re.compile(r'name="r(?P<pk>\d+)-version" value="(?P<version>\d+)"')
ROW_URL = re.compile(r"/rader/(?P<pk>\d+)/$")
TOKEN_PATH = re.compile(r"/b/(?P<token>[A-Za-z0-9_-]+)/")
# The row form's fields (assessments.forms.ActivityForm), named as in the assessment file:
# those of the row's table that it edits. A field the row does not have on the page (tube
# feeding on a row of another need, the week types of a draft of one) is ignored by the form.
ROW_FIELDS = tuple(name for name in ROW_TABLE if name not in EDITED_ELSEWHERE)


ROW_ERRORS = 'class="row-errors"'  # the list of a row's errors, in its answer and on the page


class ServerError(Exception):
    """An answer a person would see as a failure."""


def row_pks(page: str) -> list[int]:
    """The id of each row on the draft page, in the page's order (the file's order)."""
    seen = []
    for match in ROW_LINE.finditer(page):
        if int(match["pk"]) not in seen:
            seen.append(int(match["pk"]))
    return seen


def row_versions(page: str) -> dict[int, int]:
    return {int(m["pk"]): int(m["version"]) for m in ROW_VERSION.finditer(page)}


def row_form(row: dict, **changes) -> dict:
    """A row of an assessment file as its form posts it: numbers with a decimal comma, a box
    only when ticked, a list of keys as repeated values, nothing chosen as empty."""
    data = {**row, **changes}
    form = {}
    for name in ROW_FIELDS:
        value = data.get(name, ROW_TABLE[name].default)
        if ROW_TABLE[name].type == Type.BOOLEAN:
            if value:
                form[name] = "on"
        elif ROW_TABLE[name].type == Type.KEYS:
            if value:  # none: every week type
                form[name] = list(value)
        elif value is None:
            form[name] = ""
        else:
            form[name] = str(value).replace(".", ",") if isinstance(value, float) else str(value)
    return form


class Person:
    """A browser session on the site at `base_url`; `session` may be Locust's HttpSession
    (the keyword arguments of the methods then reach it, e.g. `name=` for its statistics)."""

    def __init__(self, base_url: str, session: requests.Session | None = None, timeout=30):
        self.base_url = base_url.rstrip("/") + "/"
        self.session = session if session is not None else requests.Session()
        self.timeout = timeout
        self.token: str | None = None
        self.versions: dict[int, int] = {}  # the version of each row the last answer showed

    def url(self, path: str) -> str:
        return urljoin(self.base_url, path.lstrip("/"))

    @property
    def draft_path(self) -> str:
        return f"/b/{self.token}/"

    def _csrf(self) -> str:
        token = self.session.cookies.get("csrftoken")
        if token is None:
            self.get("/")
            token = self.session.cookies.get("csrftoken")
        if token is None:
            raise ServerError("the start page set no csrftoken cookie")
        return token

    def get(self, path: str, **kwargs) -> requests.Response:
        return self._check(self.session.get(self.url(path), timeout=self.timeout, **kwargs))

    def post(self, path: str, data=None, *, htmx=False, check=True, **kwargs) -> requests.Response:
        """A form's post; with `check=False` any answer is returned, a failure too."""
        headers = {"X-CSRFToken": self._csrf(), **kwargs.pop("headers", {})}
        if htmx:
            headers["HX-Request"] = "true"
        response = self.session.post(
            self.url(path), data=data, headers=headers, timeout=self.timeout, **kwargs
        )
        return self._check(response) if check else response

    @staticmethod
    def _check(response: requests.Response) -> requests.Response:
        # Locust's session answers a refused or reset connection with status 0 instead of
        # raising.
        if not 200 <= response.status_code < 400:
            raise ServerError(
                f"HTTP {response.status_code}" if response.status_code else "no answer"
            )
        return response

    def _follow_to_draft(self, response: requests.Response) -> None:
        location = response.headers.get("Location", "")
        match = TOKEN_PATH.search(location)
        if response.status_code != 302 or match is None:
            raise ServerError(f"expected a redirect to a draft, got HTTP {response.status_code}")
        self.token = match["token"]

    def create(self) -> str:
        self._follow_to_draft(self.post("/ny/", allow_redirects=False))
        return self.token

    def open_file(self, assessment_file: dict, **kwargs) -> str:
        """Open a draft from an assessment file, as the start page's import form does."""
        content = json.dumps(assessment_file, ensure_ascii=False).encode()
        response = self.post(
            "/oppna/",
            files={"file": ("behovsfil.json", content, "application/json")},
            allow_redirects=False,
            **kwargs,
        )
        self._follow_to_draft(response)
        return self.token

    def add_row(self, item: str = "") -> requests.Response:
        data = {"item": item} if item else {"item": "", "need": "other"}
        return self.post(f"{self.draft_path}rader/", data, htmx=True)

    def row_urls(self, **kwargs) -> list[str]:
        page = self.get(self.draft_path, **kwargs).text
        self.versions.update(row_versions(page))
        return [f"{self.draft_path}rader/{pk}/" for pk in row_pks(page)]

    def save_row(self, url: str, form: dict, *, htmx=True, **kwargs) -> requests.Response:
        """Save a row as the page does while typing (htmx), or as its form without JavaScript
        (`htmx=False`), based on the version the last answer showed; it returns only when the
        row was saved (a stale version is refused with 409, a value the row rules refuse is
        answered with the row's errors)."""
        pk = int(ROW_URL.search(url)["pk"])
        data = {**form, "version": str(self.versions.get(pk, "")), "details": "1"}
        response = self.post(url, {f"r{pk}-{k}": v for k, v in data.items()}, htmx=htmx, **kwargs)
        self.versions.update(row_versions(response.text))
        # htmx answers a refused value with 200 and the row's errors in place: not a save.
        if ROW_ERRORS in response.text:
            raise ServerError("not saved: the row's errors were shown")
        return response

    def pdf(self) -> bytes:
        return self.get(f"{self.draft_path}pdf/").content

    def read_back(self, **kwargs) -> dict:
        """The draft as stored: its assessment file."""
        return self.get(f"{self.draft_path}fil/", **kwargs).json()
