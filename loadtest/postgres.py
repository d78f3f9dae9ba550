"""A throw-away PostgreSQL server in a scratch directory: the server of the PostgreSQL pass of
scripts/test.sh and of scripts/loadtest.sh (through scripts/lib/postgres.sh), and the servers
that the tests and benchmarks of a database outage stop and start again. As root the server
runs as the postgres user (it refuses to run as root).

    python -m loadtest.postgres start [--fast]   # prints pg_tmp=… pg_port=… pg_bin=… (for eval)
    python -m loadtest.postgres stop DIRECTORY   # stops it and removes the directory
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .servers import free_port

# Durability is of no use for a throw-away test server.
FAST = ("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")


def find_bin() -> Path:
    """The directory of initdb, pg_ctl and postgres: pg_ctl's on PATH, else Debian's newest
    /usr/lib/postgresql/<version>/bin (Debian keeps them out of PATH)."""
    candidates = []
    if pg_ctl := shutil.which("pg_ctl"):
        candidates.append(Path(pg_ctl).resolve().parent)
    versions = Path("/usr/lib/postgresql").glob("*/bin")
    candidates += sorted(versions, key=lambda p: int(p.parent.name), reverse=True)
    for directory in candidates:
        if all((directory / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return directory
    raise RuntimeError("no PostgreSQL server binaries (initdb, pg_ctl): run scripts/setup.sh test")


def as_postgres(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    command = ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else list(args)
    return subprocess.run(command, cwd="/", check=check, capture_output=True, text=True)


@dataclass
class PostgresServer:
    directory: Path
    bin: Path
    port: int = 0
    fast: bool = True

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    @property
    def data(self) -> Path:
        return self.directory / "data"

    @classmethod
    def create(cls, *, fast: bool = True) -> "PostgresServer":
        """initdb in a new scratch directory, then start (on a free port)."""
        server = cls(Path(tempfile.mkdtemp(prefix="behovsraknare-pg.")), find_bin(), fast=fast)
        if os.geteuid() == 0:
            shutil.chown(server.directory, "postgres")
        try:
            as_postgres(
                str(server.bin / "initdb"), "-D", str(server.data), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
            )  # fmt: skip
            server.start()
        except BaseException:
            server.remove()
            raise
        return server

    def start(self) -> None:
        """Start the server, on its port again after a stop (a new free port the first time;
        three tries, in case another process takes the port meanwhile)."""
        for _attempt in range(3 if not self.port else 1):
            port = self.port or free_port()
            options = [
                "-c", "listen_addresses=127.0.0.1", "-p", str(port), "-k", str(self.directory),
                "-c", "max_connections=200", *(FAST if self.fast else ()),
            ]  # fmt: skip
            try:
                as_postgres(
                    str(self.bin / "pg_ctl"), "-D", str(self.data), "-l",
                    str(self.directory / "server.log"), "-w", "-t", "60",
                    "-o", " ".join(options), "start",
                )  # fmt: skip
            except subprocess.CalledProcessError:
                continue
            self.port = port
            return
        log = self.directory / "server.log"
        raise RuntimeError(f"PostgreSQL did not start:\n{log.read_text() if log.exists() else ''}")

    def stop(self) -> None:
        """A fast shutdown: open connections are closed, as in a restart for an upgrade."""
        if self.running():
            as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w",
                        "-t", "30", "stop")  # fmt: skip

    def running(self) -> bool:
        status = as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "status", check=False)
        return status.returncode == 0

    def remove(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)


@contextmanager
def throwaway(*, fast: bool = True):
    """A PostgreSQL server of its own for the block, stopped and removed afterwards."""
    server = PostgresServer.create(fast=fast)
    try:
        yield server
    finally:
        server.remove()


@contextmanager
def own_database(kind: str, directory: Path):
    """The URL of a database of its own for the block: a SQLite file in `directory`, or
    (`kind` "postgres") a throw-away PostgreSQL server's."""
    if kind == "postgres":
        with throwaway() as server:
            yield server.url
    else:
        yield f"sqlite:///{directory / 'db.sqlite3'}"


def main() -> None:
    parser = argparse.ArgumentParser(description="A throw-away PostgreSQL server.")
    commands = parser.add_subparsers(dest="command", required=True)
    start = commands.add_parser("start")
    start.add_argument("--fast", action="store_true", help="no fsync: for tests only")
    stop = commands.add_parser("stop")
    stop.add_argument("directory", type=Path)
    args = parser.parse_args()
    if args.command == "start":
        try:
            server = PostgresServer.create(fast=args.fast)
        except (RuntimeError, subprocess.CalledProcessError) as error:
            output = getattr(error, "stderr", "") or ""
            sys.exit(f"postgres: {error}\n{output}")
        print(f"pg_tmp={server.directory} pg_port={server.port} pg_bin={server.bin}")
    else:
        PostgresServer(args.directory, find_bin()).remove()


if __name__ == "__main__":
    main()
