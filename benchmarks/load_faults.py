"""Load and fault tests against a real `bankcalc serve` on 127.0.0.1.

    .venv/bin/python benchmarks/load_faults.py [--duration 60] [--slow 50] [--slow-seconds 20]

(a) sustained load at the measured maximum on POST /api/v1/quotes: errors, worker memory;
(b) abuse (oversized, nested, huge numbers, NaN, unicode ids, over-budget batches, long and
    malformed request lines, too many headers, a forged log line) while a probe keeps sending
    normal quotes and timing them: every answer a 4xx, none a 5xx, the log unforged; slow and
    idle clients, and a client whose body stalls;
(c) SIGKILL to one worker mid-load: failed requests, restart, recovery;
(d) batches: cost, size and compressed size of the largest shapes, and normal quotes' p99
    while such batches arrive at 14/s;
(e) catalog reloads by SIGHUP under load, with bad catalogs and then a changed good one.
Bounded in time (about 5 minutes with the defaults); stops the server even on error.
Run it against older code with PYTHONPATH=<old checkout>/src for before/after figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from benchlib import (
    HOST,
    JSON_HEADERS,
    QUOTE_20,
    QUOTE_100,
    Answer,
    LoadResult,
    Probe,
    Server,
    SlowClient,
    Target,
    bankcalc_server,
    describe,
    finish_wrk,
    have_wrk,
    load_average,
    memory_mib,
    percentile,
    request,
    run_load,
    running,
    table,
    wrk_process,
)

from bankcalc.resources import default_plans_path

QUOTES = Target("POST /api/v1/quotes 20y", "/api/v1/quotes", "POST", QUOTE_20)
PROBE_CONNECTIONS = (2, 4, 8, 16, 32)
WORKER_TIMEOUT_S = 30  # bankcalc.serve.gunicorn_options "timeout"


@dataclass
class Check:
    """One line of the summary: what was expected, what happened, and whether it passes."""

    name: str
    expected: str
    observed: str
    ok: bool


SUMMARY: list[Check] = []


def check(name: str, expected: str, observed: str, ok: bool) -> None:
    SUMMARY.append(Check(name, expected, observed, ok))
    print(f"  [{'ok' if ok else 'FAIL'}] {name}: {observed}")


# ---- (a) sustained load -----------------------------------------------------------------------


def find_maximum(server: Server, seconds: float) -> tuple[int, float]:
    """Short runs at increasing concurrency; the one with the most requests/s wins."""
    best = (PROBE_CONNECTIONS[0], 0.0)
    for connections in PROBE_CONNECTIONS:
        result = run_load(server.port, QUOTES, seconds, connections)
        print(
            f"  {connections:>3} connections: {result.rps:7.0f} req/s, p99 {result.p99_ms:.1f} ms"
        )
        if result.rps > best[1]:
            best = (connections, result.rps)
    return best


def sample_memory(server: Server, seconds: float, every_s: float) -> dict[int, list[float]]:
    samples: dict[int, list[float]] = {}
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        for pid in server.workers():
            rss, _ = memory_mib(pid)
            if rss is not None:
                samples.setdefault(pid, []).append(rss)
        time.sleep(min(every_s, max(0.0, deadline - time.perf_counter())))
    return samples


def sustained(server: Server, duration: float, connections: int) -> LoadResult:
    workers_before = server.workers()
    with wrk_process(server.port, QUOTES, duration, connections) as process:
        samples = sample_memory(server, duration - 1, every_s=5)
        result = finish_wrk(process, duration)
    print(f"  {result.rps:.0f} req/s for {result.seconds:.0f} s, {result.requests:,} requests,")
    print(f"  p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms, max {result.max_ms:.0f} ms")
    errors = f"{result.status_errors} http, socket {result.socket_errors}"
    check("sustained: errors", "0", errors, result.errors == 0)
    for pid, series in samples.items():
        first, last, peak = series[0], series[-1], max(series)
        flat = last - first < 5 and peak - first < 8
        observed = f"first {first:.1f}, last {last:.1f}, max {peak:.1f} MiB ({len(series)} samples)"
        check(f"sustained: RSS worker {pid}", "flat (< 5 MiB growth)", observed, flat)
    same = server.workers() == workers_before
    check("sustained: no worker restarted", "same pids", str(server.workers()), same)
    return result


# ---- (b) abuse ----------------------------------------------------------------------------------


def raw_post(port: int, path: str, body: bytes, content_type: str = "application/json") -> Answer:
    return request(port, "POST", path, body, {"Content-Type": content_type}, timeout_s=10)


ESSENTIAL = '{"plan": "americord-essential", '
BAD_BODIES = {  # name -> (expected statuses, body for POST /api/v1/quotes)
    "horizon 1e999999": ({400, 422}, ESSENTIAL + '"horizon": 1e999999}'),
    "escalation 1e999999": ({400, 422}, ESSENTIAL + '"escalation": 1e999999}'),
    "10,000-digit integer": ({400, 422}, ESSENTIAL + '"children": ' + "9" * 10_000 + "}"),
    "horizon NaN": ({400}, ESSENTIAL + '"horizon": NaN}'),
    "discount -Infinity": ({400}, ESSENTIAL + '"discount": -Infinity}'),
    "unicode plan id in body": ({404, 422}, '{"plan": "am\\u00e9ricord-\\u2603"}'),
    "truncated JSON": ({400}, '{"plan": "americord-ess'),
}
UNICODE_PATHS = {  # name -> (expected statuses, path for GET)
    "unicode plan id in path": ({404, 422}, "/api/v1/plans/am%C3%A9ricord-%E2%98%83"),
    "unicode plan in the form": ({422}, "/?plan=%E2%98%83&horizon=20"),
}
Case = tuple[str, set[int], Callable[[], Answer]]


def abuse_cases(port: int) -> list[Case]:
    quotes, batches = QUOTES.path, "/api/v1/batches"
    big = json.dumps(QUOTE_20 | {"padding": "x" * 70_000}).encode()
    depth = 30_000  # 60 KB of brackets, inside the 64 KiB limit
    nested = b'{"plan": ' + b"[" * depth + b"]" * depth + b"}"
    full_batch = json.dumps({"scenarios": [QUOTE_20] * 10_000}).encode()
    tiny_batch = json.dumps({"scenarios": [{}] * 10_000}).encode()

    def post(
        path: str, data: bytes, content_type: str = "application/json"
    ) -> Callable[[], Answer]:
        return lambda: raw_post(port, path, data, content_type)

    def get(path: str) -> Callable[[], Answer]:
        return lambda: request(port, "GET", path)

    cases: list[Case] = [
        ("oversized body (70 KB)", {413}, post(quotes, big)),
        ("nested JSON, depth 30,000", {400}, post(quotes, nested)),
        ("10,000 full scenarios (630 KB)", {413, 422}, post(batches, full_batch)),
        ("10,000 empty scenarios (30 KB)", {413, 422}, post(batches, tiny_batch)),
        ("text/plain body", {415}, post(quotes, b"plan=x", "text/plain")),
    ]
    cases += [(n, codes, post(quotes, text.encode())) for n, (codes, text) in BAD_BODIES.items()]
    cases += [(n, codes, get(path)) for n, (codes, path) in UNICODE_PATHS.items()]
    over_budget = json.dumps({"scenarios": [QUOTE_100] * 100}).encode()
    long_value = ESSENTIAL + '"horizon": "100.' + "0" * 65_000 + '"}'
    cases += [
        ("batch 100 x 100 years (10,000 scenario-years)", {422}, post(batches, over_budget)),
        ("horizon of 65,000 characters", {422}, post(quotes, long_value.encode())),
        (
            "escalation '1e999'",
            {422},
            post(quotes, (ESSENTIAL + '"escalation": "1e999"}').encode()),
        ),
        ("form horizon of 5,000 zeros", {422}, get("/?horizon=100." + "0" * 5_000)),
        ("forged log line in the path", {404}, get("/x%0a" + FORGED.replace(" ", "%20"))),
        ("malformed request line", {400}, raw(port, b"NOT HTTP\r\n\r\n")),
        ("9,000-character URL", {414}, raw(port, b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\n\r\n")),
        (
            "60 header fields",
            {431},
            raw(port, b"GET / HTTP/1.1\r\n" + b"X-A: b\r\n" * 60 + b"\r\n"),
        ),
    ]
    return cases


FORGED = "[2026-11-26 16:00:00 +0000] [1] [CRITICAL] forged"
SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy")


def raw(port: int, data: bytes) -> Callable[[], Answer]:
    """Bytes on a fresh socket; the answer's status, and its headers checked for ours."""

    def send() -> Answer:
        started = time.perf_counter()
        try:
            with socket.create_connection((HOST, port), timeout=10) as sock:
                sock.sendall(data)
                received = b""
                while chunk := sock.recv(65536):
                    received += chunk
        except OSError as error:
            return Answer(None, time.perf_counter() - started, error=type(error).__name__)
        head = received.split(b"\r\n\r\n", 1)[0].decode("latin-1").lower()
        status = int(head.split()[1]) if head.startswith("http/") else None
        missing = [h for h in SECURITY_HEADERS if f"\r\n{h}:" not in head]
        note = f"missing {', '.join(missing)}" if missing else ""
        return Answer(status, time.perf_counter() - started, received[:200], error=note)

    return send


def abuse(server: Server, rounds: int = 5) -> None:
    """Every abuse case `rounds` times, 0.1 s apart, while normal quotes go on at 20/s."""
    cases = abuse_cases(server.port)
    answers: dict[str, list[Answer]] = {name: [] for name, _, _ in cases}
    with Probe(server.port, rate_per_s=20).running() as probe:
        time.sleep(2)
        start = probe.now()
        for _ in range(rounds):
            for name, _, send in cases:
                answers[name].append(send())
                time.sleep(0.1)
        during = probe.window(start, probe.now())
        time.sleep(1)
    for name, expected, _ in cases:
        report_abuse(name, expected, answers[name])
    everything = [a for listed in answers.values() for a in listed]
    server_errors = [a for a in everything if a.status is None or a.status >= 500]
    observed = f"{len(everything)} abusive requests, {len(server_errors)} 5xx or unanswered"
    check("abuse: no 5xx", "0", observed, not server_errors)
    bare = [a for a in everything if a.error.startswith("missing")]
    observed = f"{len(bare)} of the server's own error answers lack our headers"
    check("abuse: security headers on server errors", "0", observed, not bare)
    lines = server.log_path.read_text(errors="replace").splitlines()
    forged = [line for line in lines if line.startswith(FORGED)]
    control = [line for line in lines if any(c in line for c in "\x1b\r\x00")]
    observed = f"{len(forged)} forged lines, {len(control)} with raw control characters"
    check("abuse: the log unforged", "0, 0", observed, not forged and not control)
    print("  normal quotes before the abuse:", describe(probe.window(0, start)))
    print("  normal quotes during the abuse:", describe(during))
    failed = sum(a.status != 200 for a in during)
    ok = failed == 0 and bool(during)
    check("abuse: normal quotes alongside", "all 200", describe(during), ok)


def report_abuse(name: str, expected: set[int], answers: list[Answer]) -> None:
    seen = sorted({str(a.status) if a.status is not None else a.error for a in answers})
    slowest = max(a.seconds for a in answers)
    ok = all(a.status in expected for a in answers) and slowest < 1.0
    codes = "/".join(map(str, sorted(expected)))
    observed = f"{'/'.join(seen)} x{len(answers)}, slowest {slowest * 1000:.0f} ms"
    check(f"abuse: {name}", f"{codes} in < 1 s", observed, ok)


# ---- (b) slow clients ------------------------------------------------------------------------


def slow_clients(server: Server, count: int, seconds: float) -> None:
    """`count` connections (half trickling a head a byte a second, half idle) and one client
    whose body stalls, while normal quotes go out at 20/s: their p99 and errors (issue 15)."""
    clients = [SlowClient(server.port, "trickle" if i % 2 == 0 else "idle", seconds)
               for i in range(count)]  # fmt: skip
    stalled_body: list[Answer] = []
    with Probe(server.port, rate_per_s=20).running() as probe:
        time.sleep(2)
        start = probe.now()
        threads = [threading.Thread(target=c.run) for c in clients]
        threads.append(threading.Thread(target=lambda: stalled_body.append(stall_body(server))))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(seconds + 15)
        end = probe.now()
        time.sleep(2)
    during = probe.window(start, end)
    print("  normal quotes before:", describe(probe.window(0, start)))
    print(f"  normal quotes beside {count} slow clients:", describe(during))
    closed = sorted(c.closed_after_s for c in clients if c.closed_after_s is not None)
    cut = (
        f"{len(closed)} of {count} cut, after {closed[0]:.1f}-{closed[-1]:.1f} s"
        if closed
        else "none cut"
    )
    print(f"  slow clients: {cut}")
    ok = [a.seconds * 1000 for a in during if a.status == 200]
    p99 = percentile(sorted(ok), 99) if ok else float("inf")
    failed = len(during) - len(ok)
    observed = f"p99 {p99:.1f} ms, {failed} failed of {len(during)}"
    check(f"slow clients ({count}): normal quotes", "p99 < 50 ms, 0 failed", observed,
          p99 < 50 and failed == 0 and bool(during))  # fmt: skip
    check("slow clients: cut by the server", f"all {count}", cut, len(closed) == count)
    body = stalled_body[0] if stalled_body else Answer(None, 0.0, error="no answer")
    observed = f"{body.status or body.error} after {body.seconds:.1f} s"
    check("a body that stalls", "408 after ~10 s", observed, body.status == 408)


def stall_body(server: Server) -> Answer:
    """Headers promising 1,000 bytes of body, then 10, then silence."""
    started = time.perf_counter()
    head = f"POST /api/v1/quotes HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
    try:
        with socket.create_connection((HOST, server.port), timeout=30) as sock:
            sock.sendall(head.encode() + b"Content-Length: 1000\r\n\r\n" + b'{"plan": ')
            answer = sock.recv(65536)
    except OSError as error:
        return Answer(None, time.perf_counter() - started, error=type(error).__name__)
    status = int(answer.split()[1]) if answer.startswith(b"HTTP/") else None
    return Answer(status, time.perf_counter() - started, answer[:200])


def lingering_client(server: Server) -> None:
    """Reads its answer but never closes: gunicorn's graceful close waits up to 2 s for it."""
    with socket.create_connection((HOST, server.port), timeout=5) as sock:
        body = json.dumps(QUOTE_20).encode()
        head = f"POST /api/v1/quotes HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
        sock.sendall(head.encode() + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        started = time.perf_counter()
        sock.recv(65536)
        with Probe(server.port, rate_per_s=50).running() as probe:
            time.sleep(2.5)
        held = time.perf_counter() - started
    answers = [answer for _, answer in probe.records]
    print(f"  lingering client held its socket {held:.1f} s; normal quotes:", describe(answers))
    slowest = max((a.seconds for a in answers), default=0.0)
    observed = f"slowest normal quote {slowest * 1000:.0f} ms"
    check("lingering client (reads, never closes)", "< 1 s for others", observed, slowest < 1)


# ---- (c) kill a worker --------------------------------------------------------------------------


def kill_worker(server: Server, connections: int, duration: float = 12) -> None:
    before = server.workers()
    victim = before[0]
    with wrk_process(server.port, QUOTES, duration, connections) as process:
        time.sleep(duration / 3)
        os.kill(victim, signal.SIGKILL)
        replaced_after = wait_for_replacement(server, victim, len(before))
        result = finish_wrk(process, duration)
    after = server.workers()
    failed = result.errors
    print(f"  killed worker {victim}; workers {before} -> {after} in {replaced_after:.2f} s")
    print(f"  during: {result.rps:.0f} req/s, {result.requests:,} requests,")
    print(f"  p99 {result.p99_ms:.1f} ms, max {result.max_ms:.0f} ms")
    print(f"  failed: {result.status_errors} http, socket {result.socket_errors}")
    recovery = run_load(server.port, QUOTES, 3, connections)
    print(f"  3 s after: {recovery.rps:.0f} req/s, errors {recovery.errors}")
    check("kill -9 worker: failed requests", "<= 1 (the one in flight)", str(failed), failed <= 1)
    restarted = victim not in after and len(after) == len(before)
    check(
        "kill -9 worker: master restarts it",
        "new pid",
        f"{after} in {replaced_after:.2f} s",
        restarted,
    )
    observed = f"{recovery.rps:.0f} req/s, {recovery.errors} errors"
    ok = recovery.errors == 0 and recovery.rps > 0
    check("kill -9 worker: traffic recovers", "0 errors after", observed, ok)


def wait_for_replacement(server: Server, victim: int, count: int, limit_s: float = 10) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit_s:
        workers = server.workers()
        if victim not in workers and len(workers) == count:
            return time.perf_counter() - started
        time.sleep(0.01)
    return float("inf")


# ---- (e) catalog reloads under load ----------------------------------------------------------


def bad_catalogs(good: str) -> dict[str, bytes]:
    """A few of the files that once took the master down (tests/bad_catalogs.py has them all)."""
    fee = good.replace("annual_storage_fee: 175.00", "annual_storage_fee: .inf", 1)
    return {
        ".inf fee": fee.encode(),
        "1:30.5 fee": good.replace(
            "annual_storage_fee: 175.00", "annual_storage_fee: 1:30.5", 1
        ).encode(),
        "not UTF-8": good.encode().replace(b"Americord Registry", b"Am\xe9ricord", 1),
        "nesting 20,000 deep": b"plans: " + b"[" * 20_000 + b"]" * 20_000,
        "2026-02-30": good.replace("version: 1", "version: 1\nas_of: 2026-02-30", 1).encode(),
    }


def reloads(server: Server, plans: Path) -> None:
    """Quotes at 50/s while the catalog is swapped for each bad file, then a changed good one."""
    good = plans.read_text(encoding="utf-8")
    before = catalog_as_of(server.port)
    log = server.log_path
    with Probe(server.port, rate_per_s=50).running() as probe:
        time.sleep(1)
        for name, content in bad_catalogs(good).items():
            refused = log.read_text(errors="replace").count("catalog refused;")
            plans.write_bytes(content)
            os.kill(server.pid, signal.SIGHUP)
            deadline = time.perf_counter() + 10
            while (
                time.perf_counter() < deadline
                and log.read_text(errors="replace").count("catalog refused;") == refused
            ):
                time.sleep(0.1)
            if server.process is None or server.process.poll() is not None:
                print(f"  {name}: the master is gone; its log ends:\n{server.log_tail(8)}")
                check(
                    "reload under load: bad catalogs refused",
                    "master alive",
                    f"died on {name}",
                    False,
                )
                return
            print(f"  {name}: refused, master alive")
        newest = dt.date.fromisoformat(before or "2026-01-01")
        plans.write_text(
            good.replace(newest.isoformat(), (newest - dt.timedelta(days=1)).isoformat()),
            encoding="utf-8",
        )
        os.kill(server.pid, signal.SIGHUP)
        after, deadline = before, time.perf_counter() + 15
        while after == before and time.perf_counter() < deadline:
            time.sleep(0.2)
            after = catalog_as_of(server.port)
        time.sleep(1)
    plans.write_text(good, encoding="utf-8")
    answers = [a for _, a in probe.records]
    failed = sum(a.status != 200 for a in answers)
    print("  normal quotes throughout:", describe(answers))
    observed = f"{len(bad_catalogs(good))} refused, master alive; as_of {before} -> {after}"
    taken = after not in (before, None)
    check("reload under load: bad catalogs refused, good one taken", "all", observed, taken)
    check(
        "reload under load: normal quotes",
        "0 failed",
        f"{failed} failed of {len(answers)}",
        failed == 0 and bool(answers),
    )


def catalog_as_of(port: int) -> str | None:
    answer = request(port, "GET", "/api/v1/healthz", timeout_s=5)
    if answer.status != 200:
        return None
    return str(json.loads(answer.body)["catalog_as_of"])


# ---- (d) batches -------------------------------------------------------------------------------


BATCHES = {  # name -> body
    "100 x 100 years, full (the issue's)": {"scenarios": [QUOTE_100] * 100},
    "100 x 20 years, full": {"scenarios": [QUOTE_20] * 100},
    "100 x 20 years, totals": {"scenarios": [QUOTE_20] * 100, "detail": "totals"},
    "20 x 100 years, full": {"scenarios": [QUOTE_100] * 20},
}


def batch_costs(server: Server) -> None:
    """Each batch shape: status, median time of 5, size plain and compressed."""
    rows = []
    for name, payload in BATCHES.items():
        body = json.dumps(payload).encode()
        times, sizes = [], {}
        for _ in range(5):
            answer = request(server.port, "POST", "/api/v1/batches", body, JSON_HEADERS, 30)
            times.append(answer.seconds * 1000)
        for encoding in ("gzip", "zstd"):
            headers = JSON_HEADERS | {"Accept-Encoding": encoding}
            packed = request(server.port, "POST", "/api/v1/batches", body, headers, 30)
            sizes[encoding] = len(packed.body)
        median = f"{statistics.median(times):.1f}"
        row = [name, f"{len(body):,}", str(answer.status), median, f"{len(answer.body):,}"]
        rows.append([*row, f"{sizes['gzip']:,}", f"{sizes['zstd']:,}"])
    print(
        table(["batch", "request B", "status", "median ms", "answer B", "gzip B", "zstd B"], rows)
    )


def batches_alongside(
    server: Server, name: str, rate_per_s: float = 14, seconds: float = 10
) -> None:
    """Normal quotes at 20/s while batches of `name` arrive at `rate_per_s`: their p99."""
    body = json.dumps(BATCHES[name]).encode()
    stop = threading.Event()
    statuses: list[int | None] = []

    def send() -> None:
        statuses.append(
            request(server.port, "POST", "/api/v1/batches", body, JSON_HEADERS, 30).status
        )

    def loop(pool: ThreadPoolExecutor) -> None:
        while not stop.wait(1 / rate_per_s):
            pool.submit(send)

    with Probe(server.port, rate_per_s=20).running() as probe, ThreadPoolExecutor(32) as pool:
        time.sleep(1)
        start = probe.now()
        feeder = threading.Thread(target=loop, args=(pool,))
        feeder.start()
        time.sleep(seconds)
        stop.set()
        feeder.join()
        during = probe.window(start, probe.now())
    codes = sorted({str(s) for s in statuses})
    sent = f"{'/'.join(codes)} x{len(statuses)}"
    print(f"  {name} at {rate_per_s:g}/s ({sent}): quotes {describe(during)}")
    ok = sorted(a.seconds * 1000 for a in during if a.status == 200)
    p99 = percentile(ok, 99) if ok else float("inf")
    check(
        f"batches {name} at {rate_per_s:g}/s: normal quotes p99",
        "< 100 ms",
        f"{p99:.1f} ms",
        p99 < 100,
    )


# ---- main -------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60, help="sustained load, seconds")
    parser.add_argument("--probe-seconds", type=float, default=3, help="per concurrency level")
    parser.add_argument("--slow", type=int, default=50, help="slow and idle connections")
    parser.add_argument("--slow-seconds", type=float, default=20, help="slow clients, seconds")
    parser.add_argument("--log-dir", type=Path, help="keep the server's log in this directory")
    args = parser.parse_args()
    if not have_wrk():
        raise SystemExit("load_faults.py needs wrk: apt-get install -y wrk")
    print(f"bankcalc load and faults, {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"load average at start: {load_average()}")
    with tempfile.TemporaryDirectory(prefix="bankcalc-faults-") as workdir:
        plans = Path(workdir) / "plans.yaml"
        shutil.copy(default_plans_path(), plans)
        os.environ["BANKCALC_PLANS"] = str(plans)  # a copy the reload phase may change
        server = bankcalc_server(args.log_dir or Path(workdir))
        with running([server]):
            run_phases(server, args, plans)
    print(f"server log: {server.log_path if args.log_dir else '(temporary, removed)'}")
    print(f"load average at end: {load_average()}")
    print("\nsummary")
    rows = [[c.name, c.expected, c.observed, "ok" if c.ok else "FAIL"] for c in SUMMARY]
    print(table(["check", "expected", "observed", "result"], rows))


def run_phases(server: Server, args: argparse.Namespace, plans: Path) -> None:
    print("\n(a) maximum, then sustained load on POST /api/v1/quotes (20 years)")
    connections, best = find_maximum(server, args.probe_seconds)
    print(f"  maximum: {best:.0f} req/s at {connections} connections")
    print(f"  sustaining {args.duration:g} s at {connections} connections")
    sustained(server, args.duration, connections)
    alive(server)
    print("\n(b) abuse, 5 rounds, with normal quotes at 20/s alongside")
    abuse(server)
    alive(server)
    print(f"\n(b) {args.slow} slow clients for {args.slow_seconds:g} s, quotes at 20/s alongside")
    slow_clients(server, args.slow, args.slow_seconds)
    lingering_client(server)
    alive(server)
    print("\n(c) SIGKILL one worker mid-load")
    kill_worker(server, connections)
    alive(server)
    print("\n(d) batches: cost and size of each shape, then quotes beside 14 batches a second")
    batch_costs(server)
    batches_alongside(server, "100 x 100 years, full (the issue's)")
    batches_alongside(server, "100 x 20 years, full")
    alive(server)
    print("\n(e) catalog reloads by SIGHUP, normal quotes at 50/s alongside (last: before issue")
    print("    15 a bad catalog stopped the master)")
    reloads(server, plans)  # records a dead master as a failed check; the summary follows


def alive(server: Server) -> None:
    """Stop at once, with the server's last words, if the master has died."""
    if server.process is None or server.process.poll() is not None:
        raise SystemExit(f"the bankcalc master is gone; its log ends:\n{server.log_tail()}")


if __name__ == "__main__":
    main()
