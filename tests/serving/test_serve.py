"""`bankcalc serve` for real: workers, privacy of the access log, SIGHUP reloads that refuse
every kind of bad catalog while serving, a bad catalog at start-up, and a graceful SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bad_catalogs import BAD_CATALOGS, good_text, write_bad
from live_server import BIN, Served, free_port, get_json, wait_until

REFUSED = "catalog refused; the previous one stays in service"


def test_serves_and_logs_no_query_values(served: Served) -> None:
    assert get_json(f"{served.base}/api/v1/healthz")["catalog_as_of"] == "2026-01-01"
    with urllib.request.urlopen(f"{served.base}/healthz?due_date=2027-05-01&children=2", timeout=5):
        pass
    wait_until(lambda: '"GET /healthz" 200' in served.log_text())
    assert "2027-05-01" not in served.log_text()


def test_sighup_under_load_refuses_every_kind_of_bad_catalog_and_keeps_serving(
    served: Served,
) -> None:
    statuses: list[int] = []
    stop = threading.Event()

    def load() -> None:  # normal traffic throughout, bounded by the stop event
        while not stop.is_set():
            try:
                with urllib.request.urlopen(f"{served.base}/api/v1/plans", timeout=10) as answer:
                    statuses.append(answer.status)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)
            except OSError:
                statuses.append(0)

    threads = [threading.Thread(target=load) for _ in range(2)]
    for thread in threads:
        thread.start()
    try:
        for count, kind in enumerate(sorted(BAD_CATALOGS), start=1):
            message = write_bad(served.plans, kind)
            os.kill(served.process.pid, signal.SIGHUP)
            wait_until(lambda c=count: served.log_text().count(REFUSED) == c)
            assert message in served.log_text(), kind
            assert served.process.poll() is None, f"the master died on {kind}"
        served.plans.write_text(good_text("2026-06-30"), encoding="utf-8")
        os.kill(served.process.pid, signal.SIGHUP)
        wait_until(lambda: "catalog reloaded" in served.log_text())
        wait_until(
            lambda: get_json(f"{served.base}/api/v1/healthz")["catalog_as_of"] == "2026-06-30"
        )
    finally:
        stop.set()
        for thread in threads:
            thread.join(15)
    assert statuses, "the load thread sent nothing"
    assert set(statuses) == {200}, f"{len(statuses)} requests: {sorted(set(statuses))}"
    assert "Traceback" not in served.log_text()
    assert "Unhandled exception" not in served.log_text()


@pytest.mark.parametrize("kind", sorted(BAD_CATALOGS))
def test_refuses_to_start_on_a_bad_catalog_with_one_message(tmp_path: Path, kind: str) -> None:
    bad = tmp_path / "plans.yaml"
    expected = write_bad(bad, kind)
    result = subprocess.run(
        [str(BIN), "--plans", str(bad), "serve", "--bind", f"127.0.0.1:{free_port()}"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"bankcalc: {bad}: ")
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
