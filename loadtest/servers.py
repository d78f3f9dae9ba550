"""gunicorn servers of this checkout on 127.0.0.1, started with the repository's configuration
(gunicorn.conf.py) on a database of their own, and the faults done to them."""

import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
GUNICORN = VENV_BIN / "gunicorn"
# Rate limits that a load test of one address never reaches.
NO_RATE_LIMITS = {f"RATE_LIMIT_{name}": "100000000" for name in ("CREATE", "IMPORT", "PDF")}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def app_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of `scripts/run.sh` (production settings on plain http on localhost)
    on the given database, without the caller's DJANGO_* settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_", "RATE_LIMIT_", "PDF_"))
    }
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_DEBUG="0",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_HSTS_SECONDS="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        # No collectstatic for a throw-away server: plain static names (pages need no manifest).
        DJANGO_MANIFEST_STATIC="0",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def manage(*args: str, env: dict[str, str], cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


def prepare_database(env: dict[str, str], cwd: Path = REPO) -> None:
    """What the deploy step does to a new database: its tables."""
    manage("migrate", "--noinput", env=env, cwd=cwd)


@dataclass
class Server:
    """A running gunicorn master; its log (access, error and Django's) goes to `log_path`."""

    process: subprocess.Popen
    port: int
    log_path: Path
    env: dict[str, str] = field(repr=False)
    args: list[str] = field(repr=False)
    cwd: Path = REPO

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def worker_pids(self) -> list[int]:
        """The master's worker processes (not the PDF render processes they start)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            pids = [int(pid) for pid in children.read_text().split()]
        except FileNotFoundError:
            return []
        return [pid for pid in pids if _cmdline(pid) == _cmdline(self.process.pid)]

    def kill_worker(self) -> int | None:
        """SIGKILL one worker, as the kernel's OOM killer or a crash would."""
        pids = self.worker_pids()
        if not pids:
            return None
        os.kill(pids[0], signal.SIGKILL)
        return pids[0]

    def stop(self, sig=signal.SIGTERM, timeout: float = 30) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    def restart(self, timeout: float = 30) -> float:
        """Stop the server and start it again on the same port; seconds the port was closed."""
        stopped = time.monotonic()
        self.stop()
        self.process = _spawn(self.args, self.env, self.log_path, self.cwd)
        wait_until_ready(self, timeout=timeout)
        return time.monotonic() - stopped


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _spawn(args: list[str], env: dict[str, str], log_path: Path, cwd: Path) -> subprocess.Popen:
    log = log_path.open("ab")
    try:
        return subprocess.Popen(
            args, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    finally:
        log.close()


def wait_until_ready(server: Server, *, path: str = "/healthz", timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.process.returncode}:\n{server.log()}")
        try:
            with urllib.request.urlopen(server.url.rstrip("/") + path, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    server.stop()
    raise RuntimeError(f"gunicorn did not answer {path} within {timeout} s:\n{server.log()}")


def start_gunicorn(
    env: dict[str, str],
    log_path: Path,
    *,
    port: int | None = None,
    config: Path | str | None = REPO / "gunicorn.conf.py",
    cwd: Path = REPO,
    extra_args: tuple[str, ...] = (),
    ready_path: str = "/healthz",
    gunicorn: Path = GUNICORN,
) -> Server:
    """gunicorn with the repository's config (or `config=None` and `extra_args` for a checkout
    without one; or an installed app's "python:behovsraknare.gunicorn_conf" and `gunicorn` of its
    venv), answering on 127.0.0.1:`port`."""
    port = port or free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    args = [str(gunicorn)]
    if config is not None:
        args += ["-c", str(config)]
    args += ["behovsraknare.wsgi", "--bind", f"127.0.0.1:{port}", *extra_args]
    server = Server(_spawn(args, env, log_path, cwd), port, log_path, env, args, cwd)
    wait_until_ready(server, path=ready_path)
    return server


@contextmanager
def postgres_database(admin_url: str, prefix: str = "behov"):
    """A new, empty database on the PostgreSQL server of `admin_url`, dropped afterwards."""
    import psycopg

    name = f"{prefix}_{secrets.token_hex(4)}"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(admin_url)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def writer_holding(database_url: str, token: str):
    """Another connection in the middle of a write to the draft `token`, its transaction open
    for the block: on SQLite it holds the database's write lock, on PostgreSQL the draft's row."""
    if database_url.startswith("sqlite:///"):
        connection = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        placeholder = "?"
    else:
        import psycopg

        connection = psycopg.connect(database_url)
        placeholder = "%s"
    try:
        update = f"UPDATE assessments_assessment SET title = title WHERE token = {placeholder}"
        connection.execute(update, (token,))
        yield
    finally:
        connection.rollback()
        connection.close()
