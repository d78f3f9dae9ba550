"""One host at a time for the daily jobs: however many servers run the purge and backup timers,
a job runs on one of them at a time, and a start while it runs elsewhere does nothing.

PostgreSQL: a session-level advisory lock on the job's name (pg_try_advisory_lock), held by the
job's connection and freed when the job ends or its connection drops (a killed job frees it).
SQLite, one host: an flock on a file beside the database, freed by the kernel when the process
ends.
"""

import fcntl
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection


@contextmanager
def one_at_a_time(job: str) -> Iterator[bool]:
    """Yields whether this process runs `job` now: False when another holds its lock."""
    if connection.vendor == "postgresql":
        digest = hashlib.sha256(f"behovsraknare:{job}".encode()).digest()
        key = int.from_bytes(digest[:8], "big", signed=True)  # advisory locks take a bigint
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            held = cursor.fetchone()[0]
        try:
            yield held
        finally:
            if held:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    if connection.is_in_memory_db():
        yield True  # a database of this process alone (the tests')
        return
    with Path(f"{connection.settings_dict['NAME']}.{job}.lock").open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
        else:
            yield True  # until the file is closed
