"""deploy/nginx/bankcalc.conf in front of a real `bankcalc serve`: a shared result URL is
answered from nginx's cache without reaching Python, revalidated with bankcalc's ETag when it
expires, and nothing personal, failed or posted is kept.

Needs Debian's nginx (scripts/ensure-nginx, run by `make test`). Under CI=true a missing
nginx fails these tests; elsewhere they skip with the reason."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from builders import dump_catalog
from pages.catalogs import TODAY, small_catalog

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "deploy" / "nginx" / "bankcalc.conf"
BIN = Path(sys.executable).parent / "bankcalc"
MAX_AGE_S = 3
SHARED = "/?plan=alpha&horizon=20&escalation=3"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def nginx_binary() -> str:
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if found is None:
        reason = "nginx is not installed (run scripts/ensure-nginx)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"the proxy-cache tests must run under CI: {reason}")
        pytest.skip(f"{reason}; CI installs it and fails instead of skipping")
    return found


def nginx_conf(prefix: Path, listen: int, upstream: int) -> Path:
    """The shipped site, with only its addresses and paths moved under `prefix`."""
    site = SITE.read_text(encoding="utf-8")
    for old, new in {
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{upstream};",
        "listen 80;": f"listen 127.0.0.1:{listen};",
        "/var/cache/nginx/bankcalc": str(prefix / "cache"),
        "/var/log/nginx/bankcalc.access.log": str(prefix / "access.log"),
    }.items():
        assert old in site, f"{SITE} no longer has {old!r}"
        site = site.replace(old, new)
    temp = prefix / "temp"
    temp.mkdir(parents=True)
    user = "user root;" if os.geteuid() == 0 else ""  # root's worker would be 'nobody'
    paths = "\n".join(
        f"    {kind}_temp_path {temp / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = prefix / "nginx.conf"
    conf.write_text(
        f"{user}\nworker_processes 1;\npid {prefix / 'nginx.pid'};\n"
        f"error_log {prefix / 'error.log'} warn;\nevents {{ worker_connections 64; }}\n"
        f"http {{\n{paths}\n{site}\n}}\n",
        encoding="utf-8",
    )
    return conf


@dataclass
class Answer:
    status: int
    body: bytes
    headers: dict[str, str]


@dataclass
class Stack:
    proxy: str  # base URL through nginx
    app_log: Path
    proxy_log: Path

    def get(self, path: str, method: str = "GET", body: bytes | None = None) -> Answer:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        req = urllib.request.Request(self.proxy + path, body, headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=10) as response:
                return Answer(response.status, response.read(), dict(response.headers))
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read(), dict(error.headers))

    def app_saw(self, path: str) -> int:
        """How many requests for `path` (without its query) reached bankcalc."""
        time.sleep(0.3)  # gunicorn writes its access log line after the answer
        return self.app_log.read_text(encoding="utf-8").count(f'"GET {path}"') + (
            self.app_log.read_text(encoding="utf-8").count(f'"POST {path}"')
        )


def wait_for(url: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    nginx = nginx_binary()
    base = tmp_path_factory.mktemp("proxy")
    plans = base / "plans.yaml"
    plans.write_text(dump_catalog(small_catalog()), encoding="utf-8")
    app_port, proxy_port = free_port(), free_port()
    env = os.environ | {
        "BANKCALC_PLANS": str(plans),
        "BANKCALC_TODAY": TODAY,
        "BANKCALC_CACHE_MAX_AGE": str(MAX_AGE_S),
    }
    app_log = base / "app.log"
    with app_log.open("w") as out:
        app = subprocess.Popen(
            [str(BIN), "serve", "--bind", f"127.0.0.1:{app_port}", "--workers", "1"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    proxy: subprocess.Popen[bytes] | None = None
    try:
        wait_for(f"http://127.0.0.1:{app_port}/healthz")
        conf = nginx_conf(base / "nginx", proxy_port, app_port)
        checked = subprocess.run(
            [nginx, "-t", "-p", str(base / "nginx"), "-c", str(conf)],
            capture_output=True,
            text=True,
        )
        assert checked.returncode == 0, checked.stderr
        with (base / "nginx.out").open("w") as out:
            proxy = subprocess.Popen(
                [nginx, "-p", str(base / "nginx"), "-c", str(conf), "-g", "daemon off;"],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        wait_for(f"http://127.0.0.1:{proxy_port}/healthz")
        yield Stack(f"http://127.0.0.1:{proxy_port}", app_log, base / "nginx" / "access.log")
    finally:
        if proxy is not None:
            stop(proxy)
        stop(app)


def test_a_shared_result_url_is_served_from_the_cache_without_python(stack: Stack) -> None:
    first = stack.get(SHARED)
    assert first.status == 200
    assert first.headers["X-Cache-Status"] == "MISS"
    seen = stack.app_saw("/")
    second = stack.get(SHARED)
    assert second.headers["X-Cache-Status"] == "HIT"
    assert second.body == first.body
    assert second.headers["ETag"] == first.headers["ETag"]
    assert stack.app_saw("/") == seen  # nginx answered alone


def test_an_expired_entry_is_revalidated_with_the_etag(stack: Stack) -> None:
    url = "/compare?horizon=30"
    first = stack.get(url)
    assert first.status == 200
    # nginx counts max-age in whole seconds of its cached clock: wait until it calls the entry
    # anything but fresh, at most a few seconds past max-age.
    time.sleep(MAX_AGE_S)
    deadline = time.monotonic() + 5
    again = stack.get(url)
    while again.headers["X-Cache-Status"] == "HIT" and time.monotonic() < deadline:
        time.sleep(0.25)
        again = stack.get(url)
    # STALE: served at once while nginx revalidates in the background (background_update)
    assert again.headers["X-Cache-Status"] in {"REVALIDATED", "STALE"}
    assert again.body == first.body
    # bankcalc's 304 for nginx's If-None-Match is what refreshes the entry
    deadline = time.monotonic() + 10
    while '"GET /compare" 304' not in stack.app_log.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, "bankcalc never answered nginx's revalidation"
        time.sleep(0.1)
    assert stack.get(url).headers["X-Cache-Status"] == "HIT"


@pytest.mark.parametrize(
    "path",
    [
        "/?plan=alpha&horizon=20&due_date=2027-05-01",  # dated: private
        "/?plan=alpha&horizon=abc",  # 422: no-store
        "/api/v1/plans/nope",  # 404: no-store
        "/healthz",  # no-store
    ],
)
def test_personal_failed_and_health_answers_are_never_kept(stack: Stack, path: str) -> None:
    route = path.split("?")[0]
    seen = stack.app_saw(route)
    stack.get(path)
    again = stack.get(path)
    assert again.headers.get("X-Cache-Status") != "HIT"
    assert stack.app_saw(route) == seen + 2


def test_a_post_always_reaches_bankcalc(stack: Stack) -> None:
    body = b'{"plan": "alpha", "horizon": "20 years"}'
    seen = stack.app_saw("/api/v1/quotes")
    first = stack.get("/api/v1/quotes", "POST", body)
    second = stack.get("/api/v1/quotes", "POST", body)
    assert first.status == second.status == 200
    assert first.body == second.body
    assert stack.app_saw("/api/v1/quotes") == seen + 2


def test_the_proxy_log_holds_no_query_string(stack: Stack) -> None:
    stack.get("/?plan=beta&horizon=20&siblings=3&due_date=2027-06-02")
    time.sleep(0.3)
    log = stack.proxy_log.read_text(encoding="utf-8")
    assert '"GET /"' in log
    assert "2027-06-02" not in log
    assert "siblings" not in log
