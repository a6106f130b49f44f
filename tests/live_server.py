"""A real `bankcalc serve` on a free port of 127.0.0.1, with its log, for the serving tests."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bad_catalogs import good_text

BIN = Path(sys.executable).parent / "bankcalc"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def wait_until(check: Callable[[], bool], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"condition not met within {seconds} s")


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    port: int
    plans: Path
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """`bankcalc serve` with 2 workers on a small catalog; stopped by SIGTERM, which must
    end it cleanly (exit 0) within 20 s."""
    plans, log = tmp_path / "plans.yaml", tmp_path / "server.log"
    plans.write_text(good_text("2026-01-01"), encoding="utf-8")
    port = free_port()
    env = os.environ | {"BANKCALC_PLANS": str(plans), "BANKCALC_WORKERS": "2"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(BIN), "serve", "--bind", f"127.0.0.1:{port}"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Served(process, port, plans, log)
    try:
        wait_until(lambda: get_json(f"{server.base}/healthz")["status"] == "ok")
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=20)
    assert code == 0, server.log_text()[-2000:]
