"""deploy/nginx.conf, checked with the real nginx serving a built site on a loopback port."""

from __future__ import annotations

import http.client
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
STARTUP_LIMIT = 20  # seconds: a safety net for a broken nginx, not a speed target


def _nginx() -> str:
    path = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    assert path, "nginx is missing: run scripts/install-system-packages"
    return path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_block(conf: str, site_dir: Path, port: int) -> str:
    """deploy/nginx.conf's server block, listening on `port` on loopback and serving `site_dir`."""
    block, listens = re.subn(r"^\s*listen\s+80;", f"    listen 127.0.0.1:{port};", conf, flags=re.M)
    block, roots = re.subn(r"^\s*root\s+\S+;", f"    root {site_dir};", block, flags=re.M)
    assert listens == 1 and roots == 1, "deploy/nginx.conf no longer has one 'listen 80;' and one 'root'"
    return block


def test_config(prefix: Path, site_dir: Path, port: int) -> Path:
    """A whole nginx.conf around the project's server block, with every file kept under `prefix`."""
    config = prefix / "nginx.conf"
    temp_paths = "\n".join(
        f"    {kind}_temp_path {prefix / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config.write_text(
        # One process, as the user running the tests, so it can read their temporary folders.
        f"daemon off;\nmaster_process off;\npid {prefix / 'nginx.pid'};\nerror_log {prefix / 'error.log'};\n"
        "events {}\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    access_log off;\n{temp_paths}\n"
        f"{server_block(NGINX_CONF.read_text(encoding='utf-8'), site_dir, port)}\n}}\n",
        encoding="utf-8",
    )
    return config


test_config.__test__ = False  # a helper, not a test


def _wait_for_port(process: subprocess.Popen, port: int) -> None:
    """Poll until nginx accepts connections (waiting on the process, so an early exit is noticed)."""
    deadline = time.monotonic() + STARTUP_LIMIT
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            try:
                process.wait(timeout=0.05)
            except subprocess.TimeoutExpired:
                continue
            pytest.fail(f"nginx stopped at start-up: {process.stderr.read()}")
    pytest.fail("nginx did not start listening")


@pytest.fixture(scope="module")
def nginx(fixture_site, tmp_path_factory) -> Iterator[int]:
    """nginx serving the fixture site with deploy/nginx.conf; yields its port and is always stopped."""
    prefix = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    config = test_config(prefix, fixture_site, port)
    check = subprocess.run(
        [_nginx(), "-t", "-e", "stderr", "-p", str(prefix), "-c", str(config)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    command = [_nginx(), "-e", "stderr", "-p", str(prefix), "-c", str(config)]
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True) as process:
        try:
            _wait_for_port(process, port)
            yield port
        finally:
            process.terminate()
            process.wait(timeout=STARTUP_LIMIT)


def _get(port: int, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    response.body = response.read().decode("utf-8")
    connection.close()
    return response


def test_a_page_is_served_with_the_security_headers(nginx, fixture_site):
    response = _get(nginx, "/en/what-is-a-core-group/")
    assert response.status == 200
    assert response.body == (fixture_site / "en" / "what-is-a-core-group" / "index.html").read_text(
        encoding="utf-8"
    )
    csp = response.getheader("Content-Security-Policy")
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response.getheader("Referrer-Policy") == "no-referrer"
    assert response.getheader("X-Content-Type-Options") == "nosniff"


def test_a_missing_page_under_a_sub_path_shows_the_404_page(nginx, fixture_site):
    response = _get(nginx, "/pl/no-such-page/deeper/")
    assert response.status == 404
    assert response.body == (fixture_site / "404.html").read_text(encoding="utf-8")
    assert response.getheader("Referrer-Policy") == "no-referrer"


def test_the_service_worker_is_never_cached(nginx, fixture_site):
    response = _get(nginx, "/sw.js")
    assert response.status == 200
    assert response.body == (fixture_site / "sw.js").read_text(encoding="utf-8")
    assert response.getheader("Cache-Control") == "no-cache"
    assert "javascript" in response.getheader("Content-Type")
    assert "default-src 'self'" in response.getheader("Content-Security-Policy")


def test_the_github_pages_workflow_is_an_example_that_publishes_the_built_site():
    workflow = yaml.safe_load((ROOT / "deploy" / "github-pages.yml").read_text(encoding="utf-8"))
    build_steps = workflow["jobs"]["build"]["steps"]
    assert any(step.get("run") == "make build" for step in build_steps)
    upload = next(
        step for step in build_steps if step.get("uses", "").startswith("actions/upload-pages-artifact")
    )
    assert upload["with"]["path"] == "build/site"
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")
    # An example only: it is not one of this repository's own workflows.
    assert not (ROOT / ".github" / "workflows" / "github-pages.yml").exists()
