"""The app as a package (issue 18): `pip wheel .` holds the whole app, and a fresh venv outside
the checkout, with the lock file's packages and that wheel only, serves the site."""

import io
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pypdf
import pytest

from assessments import catalogue
from loadtest import servers
from loadtest.client import Person

REPO = servers.REPO


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    completed = subprocess.run(
        [str(arg) for arg in args], capture_output=True, text=True, timeout=900, **kwargs
    )
    assert completed.returncode == 0, f"{args}:\n{completed.stdout}\n{completed.stderr}"
    return completed


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel `pip wheel .` builds from the checkout's files as git has them (a fresh clone:
    no compiled catalogue, no build directory), built in a copy so the checkout stays clean."""
    source = tmp_path_factory.mktemp("source")
    listed = run("git", "ls-files", "--cached", "--others", "--exclude-standard", cwd=REPO)
    for name in listed.stdout.splitlines():
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    dist = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "pip", "wheel", source, "--no-deps", "--wheel-dir", dist)
    (built,) = dist.glob("behovsraknare-*.whl")
    return built


def test_the_wheel_holds_the_whole_app(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())

    tracked = run("git", "ls-files", "assessments", "behovsraknare", cwd=REPO).stdout.split()
    # Every module and data file of the two packages (before: 37 files, none of the rules,
    # migrations, commands or the catalogue).
    assert set(tracked) - names == set()
    for path in ("templates/base.html", "static/vendor/htmx.min.js", "static/css/site.css"):
        assert f"behovsraknare/{path}" in names
    assert "behovsraknare/locale/en/LC_MESSAGES/django.mo" in names
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert (
        "behovsraknare = behovsraknare.__main__:main"
        in zipfile.ZipFile(wheel).read(entry_points).decode()
    )


def test_an_install_from_the_wheel_serves_the_site(wheel, tmp_path, served_database_url):
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv)
    pip = [venv / "bin" / "python", "-m", "pip", "install", "--quiet"]
    run(*pip, "--require-hashes", "--requirement", REPO / "requirements.txt")
    run(*pip, "--no-deps", wheel)
    site = tmp_path / "site"  # the working directory: the collected static files go here
    site.mkdir()
    env = servers.app_env(served_database_url, DJANGO_MANIFEST_STATIC="1")
    env.pop("PYTHONPATH", None)
    command = venv / "bin" / "behovsraknare"
    for step in (["migrate", "--noinput"], ["createcachetable"], ["collectstatic", "--noinput"]):
        run(command, *step, cwd=site, env=env)
    where = run(
        venv / "bin" / "python",
        "-c",
        "import assessments, behovsraknare.settings as s; print(assessments.__file__, s.SITE_DIR)",
        cwd=site,
        env=env,
    ).stdout
    assert str(REPO) not in where and str(venv) in where

    server = servers.start_gunicorn(
        env,
        tmp_path / "server.log",
        config="python:behovsraknare.gunicorn_conf",
        cwd=site,
        gunicorn=venv / "bin" / "gunicorn",
    )
    try:
        person = Person(server.url)
        start = person.get("/")
        # The manifest's name (collectstatic in the working directory), served by whitenoise.
        script = re.search(r'src="(/static/vendor/htmx\.min\.[0-9a-f]+\.js)"', start.text)
        htmx = person.get(script[1]) if script else None
        person.create()
        person.add_row("hygiene-washing")
        pdf = person.pdf()
        english = person.get("/sprak/en/?next=/")
    finally:
        server.stop()

    assert '<html lang="sv">' in start.text and "Starta en ny beräkning" in start.text
    assert htmx is not None and htmx.content.startswith(b"var htmx=")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert catalogue.find_item("hygiene-washing").row.description in text
    assert "Start a new calculation" in english.text


def locked(path: Path) -> dict[str, tuple[str, int]]:
    """Each package of a lock file: its pinned version and how many hashes it lists."""
    packages = {}
    for entry in re.split(r"\n(?=[a-z0-9])", path.read_text()):
        match = re.match(r"([a-z0-9._-]+)==([^\s;\\]+)", entry)
        if match:
            packages[match[1]] = (match[2], entry.count("--hash=sha256:"))
    return packages


def requirement_names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\s<>=!~\[;]", line, maxsplit=1)[0].lower() for line in requirements}


def test_the_lock_files_pin_every_dependency_with_its_hashes_from_pypi():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    app, test = locked(REPO / "requirements.txt"), locked(REPO / "requirements-test.txt")

    assert requirement_names(project["dependencies"]) <= set(app)
    assert requirement_names(project["optional-dependencies"]["test"]) <= set(test)
    assert all(hashes > 0 for _version, hashes in [*app.values(), *test.values()])
    # The tests run the app's packages at the app's versions.
    assert {name: test[name][0] for name in app} == {name: app[name][0] for name in app}
    for lock in ("requirements.txt", "requirements-test.txt"):
        assert "file:" not in (REPO / lock).read_text()  # no local find-links or indexes
