"""The check psycopg's pool runs on a PostgreSQL connection before it lends it to a request."""

from psycopg_pool import ConnectionPool


def check_connection(connection) -> None:
    """psycopg's own check, and when it finds a dead connection, a check of every connection
    idle in the pool at once.

    A dead connection means that PostgreSQL restarted or the network dropped, so its idle
    siblings are dead too. Found one per request, each would cost that request a pause before
    the next try (psycopg's backoff: 1 s, then 2 s, 4 s: past DATABASE_CONNECT_TIMEOUT, and the
    request fails); checked at once, the pool holds only live ones or makes new ones, and the
    request waits at most one pause.
    """
    try:
        ConnectionPool.check_connection(connection)
    except Exception:
        from django.db import connections

        connections["default"].pool.check()
        raise
