"""deploy/nginx-behovsraknare.conf as it is, run by Debian's nginx in front of gunicorn: only its
addresses, certificate and log paths are replaced by a scratch directory's. A body over nginx's
limit gets the app's Swedish page, not nginx's bare English one."""

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import requests

from loadtest.servers import REPO, free_port

CONFIG = REPO / "deploy" / "nginx-behovsraknare.conf"
HOST = "behovsraknare.example.se"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def replace(text: str, pattern: str, new: str) -> str:
    """The config with `pattern` replaced; fails if the config no longer has it."""
    changed, count = re.subn(pattern, new, text)
    assert count, f"{pattern!r} is not in {CONFIG.name}: update this test with the config"
    return changed


def site_config(directory: Path, *, app_port: int, https_port: int, http_port: int) -> str:
    config = CONFIG.read_text()
    config = replace(
        config, r"server unix:/run/behovsraknare\.sock", f"server 127.0.0.1:{app_port}"
    )
    config = replace(config, r"listen \[::\]:\d+[^;]*;\n", "")
    config = replace(config, r"listen 80;", f"listen 127.0.0.1:{http_port};")
    config = replace(config, r"listen 443 ", f"listen 127.0.0.1:{https_port} ")
    config = replace(config, r"/etc/letsencrypt/live/[^/]+/", f"{directory}/")
    return replace(config, r"/var/log/nginx/", f"{directory}/")


@pytest.fixture
def nginx(start_server, tmp_path):
    """nginx with the deployed site's config in front of a gunicorn of this checkout; yields a
    function that posts to it over https."""
    if not Path(NGINX).exists():
        pytest.fail("nginx not found: run `bash scripts/setup.sh test` (installs nginx-light)")
    app = start_server(DJANGO_ALLOWED_HOSTS=HOST, DJANGO_BEHIND_PROXY="1")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", f"/CN={HOST}", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", tmp_path / "privkey.pem", "-out", tmp_path / "fullchain.pem"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    https_port = free_port()
    site = site_config(tmp_path, app_port=app.port, https_port=https_port, http_port=free_port())
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n{site}\n}}\n"
    )
    command = [NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([*command, "-g", "daemon off;"], stderr=subprocess.PIPE)
    url = f"https://127.0.0.1:{https_port}"
    cert = tmp_path / "fullchain.pem"

    def post(path: str, headers: dict | None = None, **kwargs) -> requests.Response:
        headers = {"Host": HOST, **(headers or {})}
        return requests.post(f"{url}{path}", headers=headers, verify=cert, timeout=60, **kwargs)

    try:
        for _attempt in range(200):
            try:
                requests.get(f"{url}/healthz", headers={"Host": HOST}, verify=cert, timeout=5)
                break
            except requests.ConnectionError:
                assert process.poll() is None, process.stderr.read().decode()
                time.sleep(0.05)
        yield post
    finally:
        process.terminate()
        process.wait(30)


def test_a_body_over_nginx_s_limit_gets_the_app_s_page_in_the_person_s_language(nginx):
    too_large = b"{" + b" " * (3 * 1024 * 1024) + b"}"

    response = nginx("/oppna/", files={"file": ("behovsfil.json", too_large, "application/json")})
    in_english = nginx("/oppna/", {"Cookie": "django_language=en"}, data=b"x" * (3 * 1024 * 1024))

    assert response.status_code == 413
    assert response.headers["Content-Type"].startswith("text/html")
    page = response.text
    assert '<html lang="sv">' in page
    assert "Det du skickade var för stort" in page
    assert "högst 1 MB" in page
    assert "Request Entity Too Large" not in page and "nginx" not in page
    assert in_english.status_code == 413
    assert '<html lang="en">' in in_english.text


def test_a_file_within_the_limit_still_reaches_the_app(nginx):
    response = nginx("/oppna/", files={"file": ("behovsfil.json", b"{}", "application/json")})

    # The app's answer (no CSRF token), not nginx's.
    assert response.status_code == 403
    assert "Formuläret kunde inte skickas" in response.text
