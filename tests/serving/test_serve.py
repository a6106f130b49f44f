"""`bankcalc serve` for real: gunicorn workers, privacy of the access log, SIGHUP reloads
that refuse a bad catalog, and a graceful SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from builders import catalog_data, plan_data

BIN = Path(sys.executable).parent / "bankcalc"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def write_catalog(path: Path, as_of: str) -> None:
    data = catalog_data([plan_data("alpha")])
    data["plans"][0]["prices"] = data["plans"][0]["prices"] | {"as_of": as_of}
    path.write_text(yaml.safe_dump(data), encoding="utf-8")


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def wait_for(url: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            get_json(url)
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def wait_until(check: Any, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    plans, log = tmp_path / "plans.yaml", tmp_path / "server.log"
    write_catalog(plans, "2026-01-01")
    port = free_port()
    env = os.environ | {"BANKCALC_PLANS": str(plans), "BANKCALC_WORKERS": "2"}
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(BIN), "serve", "--bind", f"127.0.0.1:{port}"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/healthz")
        yield base, plans, log
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
        assert "Shutting down" in log.read_text()


def test_serves_and_logs_no_query_values(server: tuple[str, Path, Path]) -> None:
    base, _, log = server
    assert get_json(f"{base}/api/v1/healthz")["catalog_as_of"] == "2026-01-01"
    with urllib.request.urlopen(f"{base}/healthz?due_date=2027-05-01&children=2", timeout=5):
        pass
    wait_until(lambda: '"GET /healthz" 200' in log.read_text())
    assert "2027-05-01" not in log.read_text()


def test_sighup_picks_up_a_valid_catalog_and_refuses_a_bad_one(
    server: tuple[str, Path, Path],
) -> None:
    base, plans, log = server
    pid = int(next(line for line in log.read_text().splitlines() if "Listening at" in line)
              .split("(")[-1].rstrip(")"))  # fmt: skip
    plans.write_text("plans: [\n", encoding="utf-8")  # a YAML syntax error
    os.kill(pid, signal.SIGHUP)
    wait_until(lambda: "catalog refused; the previous one stays in service" in log.read_text())
    time.sleep(1)  # new workers up, old ones gone
    assert get_json(f"{base}/api/v1/healthz")["catalog_as_of"] == "2026-01-01"

    write_catalog(plans, "2026-06-30")
    os.kill(pid, signal.SIGHUP)
    wait_until(lambda: "catalog reloaded" in log.read_text())
    wait_until(lambda: get_json(f"{base}/api/v1/healthz")["catalog_as_of"] == "2026-06-30")


def test_refuses_to_start_on_a_bad_catalog(tmp_path: Path) -> None:
    bad = tmp_path / "plans.yaml"
    bad.write_text("version: 1\n", encoding="utf-8")
    result = subprocess.run(
        [str(BIN), "--plans", str(bad), "serve", "--bind", f"127.0.0.1:{free_port()}"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert f"{bad}:" in result.stderr
    assert "Traceback" not in result.stderr
