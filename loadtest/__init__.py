"""Real servers and real clients for the load test (`scripts/loadtest.sh`), the concurrency
benchmark (`scripts/concurrent_writers.py`) and the tests that run gunicorn (tests/test_serving.py).

Nothing here imports Django: it talks HTTP to a gunicorn it starts or is pointed at.
"""
