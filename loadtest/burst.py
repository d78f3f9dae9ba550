"""Many "Ny beräkning" posts from one client address at once, spread over several servers: what
the rate limit makes of them (scripts/bench_rate_limit.py, tests/test_several_servers.py)."""

import threading

import requests


def create(session: requests.Session, base_url: str) -> requests.Response:
    """One post of the start page's form; the answer as it is (302: created, 429: refused)."""
    headers = {"X-CSRFToken": session.cookies["csrftoken"]}
    return session.post(f"{base_url}ny/", headers=headers, allow_redirects=False, timeout=120)


def create_at_once(urls: list[str], count: int) -> list[requests.Response]:
    """`count` posts, each from a browser of its own, sent together (to the servers in turn)."""
    sessions = [requests.Session() for _ in range(count)]
    for number, session in enumerate(sessions):
        session.get(urls[number % len(urls)], timeout=60)  # the CSRF cookie
    ready = threading.Barrier(count)
    answers = []

    def post(number: int) -> None:
        ready.wait()
        answers.append(create(sessions[number], urls[number % len(urls)]))

    threads = [threading.Thread(target=post, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers
