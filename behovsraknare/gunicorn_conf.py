"""gunicorn's configuration for Behovsräknare. In a checkout gunicorn reads ./gunicorn.conf.py by
itself, which takes everything from here; installed from the wheel, name it:

    .venv/bin/gunicorn behovsraknare.wsgi            # from the project root
    GUNICORN_BIND=unix:/run/behovsraknare/app.sock .venv/bin/gunicorn behovsraknare.wsgi
    gunicorn -c python:behovsraknare.gunicorn_conf behovsraknare.wsgi     # installed

Threaded workers (gthread), one per core: a request waiting on the database or a PDF render
(which runs in its own process, assessments.render_pool) does not hold up the others. Slow
clients are the reverse proxy's job (README: nginx buffers whole requests and responses), so
the keep-alive is short. Every log line is masked (behovsraknare.logfilters): gunicorn's error
log names the path of a failed request, and the access log's path holds the draft's token.
"""

import os

from gunicorn.glogging import Logger

from behovsraknare.environment import env_bool, env_int, gunicorn_threads, gunicorn_workers
from behovsraknare.logfilters import MaskTokens

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
worker_class = "gthread"
# The settings size each worker's database connections by these (README: the connection budget).
workers = gunicorn_workers()
threads = gunicorn_threads()
# Above the PDF budget (PDF_RENDER_TIMEOUT, 20 s, plus building its HTML): a request never
# runs into the worker timeout and gunicorn's bare error page.
timeout = env_int("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5
# The app is imported once in the master: a worker killed or recycled is replaced in
# milliseconds, not the second an import of Django and WeasyPrint takes.
preload_app = True
# gunicorn 27's runtime control socket is one fixed path per user: two instances on one host
# would take it over from each other, and nothing here uses it.
control_socket_disable = True

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# No client address, referrer or user agent (personal data that nobody reads here); the
# path is masked by the logger below.
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'


class MaskingLogger(Logger):
    """gunicorn's logger with the token mask on every handler it sets up."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if not any(isinstance(f, MaskTokens) for f in handler.filters):
                    handler.addFilter(MaskTokens())


logger_class = MaskingLogger


def post_worker_init(worker):
    # Each worker's PDF fork server loads Django and WeasyPrint and renders a one-row summary
    # (about 2 s), and the fonts' character sets (assessments.fonts, one fc-match per family,
    # about 0.5 s): in the background at start, so that the first PDF or draft page does not
    # wait for them. PDF_WARM_UP=0 leaves both to the first request that needs them: the tests'
    # servers that render no PDF (tests/conftest.py), for whom it was 4 s of CPU a start.
    if not env_bool("PDF_WARM_UP", True):
        return
    import threading

    from assessments import fonts, render_pool

    def warm_up():
        render_pool.start()
        fonts.coverage()

    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
