"""Benchmark bankcalc against the bare-Flask limit, under the same gunicorn settings.

    .venv/bin/python benchmarks/run.py [--duration 10] [--connections 16] [--json out.json]

Starts `bankcalc serve` (2 gevent workers), benchmarks/bare_app.py and, when nginx is installed,
nginx with deploy/nginx/bankcalc.conf in front of bankcalc, all on 127.0.0.1. Drives them
with wrk (or a Python generator if wrk is missing) and prints requests/s, p50/p99, errors,
the ratio to the bare GET /hello and the CPU each request cost bankcalc, for one repeated
scenario and for varied, realistic ones (benchmarks/scenarios.py, seeded); then the core's
time for one 78-year quote, each worker's memory, the time from spawn to the first 200 and
the capacity per worker. Targets (issue 16) are reported as met or missed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import tempfile
import timeit
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import scenarios
from benchlib import (
    COMPARISON,
    QUOTE_20,
    QUOTE_78,
    RESULT_PAGE,
    LoadResult,
    Server,
    Target,
    bankcalc_server,
    bare_server,
    cpu_seconds,
    have_nginx,
    have_wrk,
    load_average,
    memory_mib,
    nginx_server,
    request,
    run_load,
    running,
    table,
)

from bankcalc.catalog.loading import catalog_path, load_catalog

BARE = Target("bare GET /hello", "/hello")
SEED = 16  # the number: the same scenarios on every run
P99_TARGET_MS = 12.0
CORE_TARGET_US = 100.0
RSS_TARGET_MIB = 70.0
FIRST_RESPONSE_TARGET_S = 1.0

QUOTES_20_VARIED = "POST /api/v1/quotes 20y, varied"
QUOTES_78_VARIED = "POST /api/v1/quotes 78y, varied"
PAGE_VARIED = "GET / result page, varied"
PAGE_ONE = "GET / result page, one URL"
PAGE_CACHED = "GET / one URL, via nginx cache"
RATIO_TARGETS = {QUOTES_20_VARIED: 0.75, QUOTES_78_VARIED: 0.60, PAGE_VARIED: 0.40}


@dataclass
class Measured:
    label: str
    server: str
    load: LoadResult
    cpu_ms_per_request: float | None  # the server's master and workers (+ bankcalc's via nginx)


# ---- what to load ---------------------------------------------------------------------------


def draw_sets(pool: int) -> dict[str, list[dict[str, str]]]:
    catalog = load_catalog(catalog_path(None))
    today = dt.datetime.now().astimezone().date()  # the servers' day: due dates lie ahead
    return {
        "20y": scenarios.draw(catalog, pool, SEED, today, horizon_years=20),
        "78y": scenarios.draw(catalog, pool, SEED + 1, today, horizon_years=78),
        "1-78y": scenarios.draw(catalog, pool, SEED + 2, today),
    }


def bankcalc_targets(sets: dict[str, list[dict[str, str]]], etag: str) -> list[Target]:
    def bodies(name: str) -> tuple[object, ...]:
        return tuple(scenarios.api_body(s) for s in sets[name])

    quotes = "/api/v1/quotes"
    return [
        Target("POST /api/v1/quotes 20y, one scenario", quotes, "POST", QUOTE_20),
        Target(QUOTES_20_VARIED, quotes, "POST", variants=bodies("20y")),
        Target("POST /api/v1/quotes 78y, one scenario", quotes, "POST", QUOTE_78),
        Target(QUOTES_78_VARIED, quotes, "POST", variants=bodies("78y")),
        Target("POST /api/v1/quotes 1-78y, varied", quotes, "POST", variants=bodies("1-78y")),
        Target("POST /api/v1/comparisons, one", "/api/v1/comparisons", "POST", COMPARISON),
        Target(PAGE_ONE, RESULT_PAGE),
        Target(PAGE_VARIED, "/", variants=tuple(scenarios.page_path(s) for s in sets["1-78y"])),
        Target(
            "GET / one URL, If-None-Match -> 304", RESULT_PAGE, headers=(("If-None-Match", etag),)
        ),
    ]


# ---- the core, without a server --------------------------------------------------------------


def core_quote_us(runs: int) -> dict[str, float]:
    """Median wall time of bankcalc.core.quote.build_quote for 78 years, in microseconds."""
    from bankcalc.core.quote import build_quote
    from bankcalc.core.scenario import Scenario

    catalog = load_catalog(catalog_path(None))
    today = dt.date(2026, 1, 1)
    cases = {
        "default assumptions": Scenario.model_validate(QUOTE_78),
        "3 % escalation + 3 % discount": Scenario.model_validate(
            QUOTE_78 | {"escalation": "3 %", "discount": "3 %"}
        ),
    }
    medians: dict[str, float] = {}
    for name, scenario in cases.items():
        timer = timeit.Timer(lambda s=scenario: build_quote(catalog, s, today))
        timer.timeit(200)  # warm caches
        medians[name] = statistics.median(timer.repeat(repeat=runs, number=1)) * 1e6
    return medians


# ---- the servers ------------------------------------------------------------------------------


def check(server: Server, target: Target, sample: int = 25) -> None:
    """A few requests of a target before loading it: the expected status with a body, or stop."""
    expected = 304 if any(name == "If-None-Match" for name, _ in target.headers) else 200
    for path, body in target.requests()[:sample]:
        answer = request(server.port, target.method, path, body, target.all_headers())
        if answer.status != expected or (expected == 200 and not answer.body):
            raise RuntimeError(f"{target.label} {path}: {answer.status} {answer.body[:300]!r}")


def result_etag(bankcalc: Server) -> str:
    answer = request(bankcalc.port, "GET", RESULT_PAGE)
    return answer.headers["etag"]


def cache_status(proxy: Server, path: str) -> str:
    return request(proxy.port, "GET", path).headers.get("x-cache-status", "none")


def measure(
    server: Server, target: Target, args: argparse.Namespace, charged: list[Server]
) -> Measured:
    check(server, target)
    run_load(server.port, target, args.warmup, args.connections, args.threads)
    pids = [pid for s in charged for pid in (s.pid, *s.workers())]
    before = cpu_seconds(pids)
    result = run_load(server.port, target, args.duration, args.connections, args.threads)
    used = cpu_seconds(pids) - before
    per_request = used / result.requests * 1000 if result.requests else None
    cpu = f"{per_request:5.2f} ms CPU" if per_request is not None else ""
    line = f"  {target.label:<40} {result.rps:8.0f} req/s  p99 {result.p99_ms:6.2f} ms  {cpu}"
    print(line, flush=True)
    return Measured(target.label, server.name, result, per_request)


BARE_EVERY = 4  # targets between two bare runs: each ratio uses the bare runs around it


def load_all(
    servers: dict[str, Server], targets: list[Target], args: argparse.Namespace
) -> list[Measured]:
    """Bankcalc's endpoints (then the one via nginx) in groups, with a bare run before,
    between and after the groups: on a shared machine the bare limit drifts during a run,
    so each endpoint is compared with the bare runs on either side of it."""
    bankcalc, bare = servers["bankcalc"], servers["bare-flask"]
    runs: list[tuple[Server, Target, list[Server]]] = [(bankcalc, t, [bankcalc]) for t in targets]
    proxy = servers.get("nginx")
    if proxy is not None:
        runs.append((proxy, Target(PAGE_CACHED, RESULT_PAGE), [proxy, bankcalc]))
    measured = [measure(bare, BARE, args, [bare])]
    for start in range(0, len(runs), BARE_EVERY):
        for server, target, charged in runs[start : start + BARE_EVERY]:
            measured.append(measure(server, target, args, charged))
        measured.append(measure(bare, BARE, args, [bare]))
    if proxy is not None:
        print(f"  (nginx cache status of that URL afterwards: {cache_status(proxy, RESULT_PAGE)})")
    return measured


def worker_memory(servers: list[Server]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for server in servers:
        for role, pid in [("master", server.pid)] + [("worker", p) for p in server.workers()]:
            rss, pss = memory_mib(pid)
            rows.append({"server": server.name, "role": role, "pid": pid, "rss": rss, "pss": pss})
    return rows


# ---- report -----------------------------------------------------------------------------------


def bare_around(measured: list[Measured], m: Measured, cpu: bool = False) -> float:
    """The mean of the bare runs just before and just after `m` (itself, for a bare run):
    their requests/s, or with `cpu` their CPU ms per request."""
    at = measured.index(m)
    if m.label == BARE.label:
        around = [m]
    else:
        before = next(x for x in reversed(measured[:at]) if x.label == BARE.label)
        after = next((x for x in measured[at:] if x.label == BARE.label), before)
        around = [before, after]
    if cpu:
        return statistics.fmean(x.cpu_ms_per_request or 0.0 for x in around)
    return statistics.fmean(x.load.rps for x in around)


def cpu_ratio(measured: list[Measured], m: Measured) -> str:
    """Bare's CPU per request over this endpoint's: the throughput ratio the two would have
    with the cores to themselves, much steadier than req/s when neighbours take CPU."""
    if m.label == BARE.label or not m.cpu_ms_per_request:
        return ""
    return f"{bare_around(measured, m, cpu=True) / m.cpu_ms_per_request:.0%}"


def by_label(measured: list[Measured], label: str) -> Measured | None:
    return next((m for m in measured if m.label == label), None)


def load_table(measured: list[Measured]) -> str:
    rows = []
    for m in measured:
        sockets = sum(m.load.socket_errors.values())
        cpu = "-" if m.cpu_ms_per_request is None else f"{m.cpu_ms_per_request:.2f}"
        rows.append(
            [
                m.label,
                f"{m.load.rps:,.0f}",
                f"{m.load.p50_ms:.2f}",
                f"{m.load.p99_ms:.2f}",
                f"{m.load.status_errors} / {sockets}",
                f"{m.load.requests:,}",
                "" if m.label == BARE.label else f"{m.load.rps / bare_around(measured, m):.0%}",
                cpu,
                cpu_ratio(measured, m),
            ]
        )
    headers = ["endpoint", "req/s", "p50 ms", "p99 ms", "errors http/socket", "requests"]
    return table([*headers, "vs bare", "CPU ms/req", "vs bare by CPU"], rows)


def capacity_table(measured: list[Measured]) -> str:
    """What one worker (one busy core) can answer per second, from the CPU per request."""
    rows = []
    for m in measured:
        if m.server == "bankcalc" and m.cpu_ms_per_request:
            rows.append(
                [m.label, f"{m.cpu_ms_per_request:.2f}", f"{1000 / m.cpu_ms_per_request:,.0f}"]
            )
    return table(["endpoint", "CPU ms/req", "req/s per busy core"], rows)


def target_rows(
    measured: list[Measured], core: dict[str, float], memory: list[dict[str, Any]], first: float
) -> list[list[str]]:
    rows: list[list[str]] = []
    for label, goal in RATIO_TARGETS.items():
        m = by_label(measured, label)
        if m is not None:
            ratio = m.load.rps / bare_around(measured, m)
            by_cpu = cpu_ratio(measured, m)
            shown = f"{ratio:.0%} (by CPU {by_cpu})"
            rows.append(row(f"{label} vs bare", f">= {goal:.0%}", shown, ratio >= goal))
    for m in measured:
        if m.server == "bankcalc" and m.label.startswith("POST /api"):
            p99 = m.load.p99_ms
            goal = f"< {P99_TARGET_MS:g} ms"
            rows.append(row(f"p99 {m.label}", goal, f"{p99:.2f} ms", p99 < P99_TARGET_MS))
    for name, us in core.items():
        goal = f"< {CORE_TARGET_US:g} us"
        rows.append(row(f"core 78y quote, {name}", goal, f"{us:.0f} us", us < CORE_TARGET_US))
    for r in memory:
        if r["server"] == "bankcalc" and r["role"] == "worker":
            rss = r["rss"] or 0.0
            goal = f"< {RSS_TARGET_MIB:g} MB"
            rows.append(row(f"RSS worker {r['pid']}", goal, f"{rss:.1f} MiB", rss < RSS_TARGET_MIB))
    goal = f"< {FIRST_RESPONSE_TARGET_S:g} s"
    ok = first < FIRST_RESPONSE_TARGET_S
    rows.append(row("first response after spawn", goal, f"{first:.2f} s", ok))
    return rows


def row(target: str, goal: str, measured: str, ok: bool) -> list[str]:
    return [target, goal, measured, "met" if ok else "MISSED"]


def memory_table(memory: list[dict[str, Any]]) -> str:
    def mib(value: float | None) -> str:
        return "-" if value is None else f"{value:.1f}"

    rows = [[r["server"], r["role"], r["pid"], mib(r["rss"]), mib(r["pss"])] for r in memory]
    return table(["server", "process", "pid", "RSS MiB", "PSS MiB"], rows)


def report(
    args: argparse.Namespace,
    measured: list[Measured],
    core: dict[str, float],
    memory: list[dict[str, Any]],
    servers: list[Server],
) -> None:
    generator = measured[0].load.generator
    print(f"\nload: {generator}, {args.threads} threads, {args.connections} connections,")
    print(f"  {args.duration:g} s per endpoint after {args.warmup:g} s warm-up; vs bare = against")
    print(f"  the mean of the bare runs just before and after (one every {BARE_EVERY} endpoints);")
    bare = [m.load.rps for m in measured if m.label == BARE.label]
    print(f"  the bare runs: {', '.join(f'{r:,.0f}' for r in bare)} req/s (drift: shared machine)")
    print("  CPU ms/req = CPU time of the server's master and workers (bankcalc's and nginx's")
    print("  via nginx) during the load / requests answered; the bare line is the floor that")
    print("  gunicorn, Flask and a fresh TCP connection per request cost; vs bare by CPU =")
    print("  bare's CPU ms/req over the endpoint's (steady when other work shares the cores)")
    print(load_table(measured))
    print("\ncapacity per worker (one worker computes one request at a time: at most one core)")
    print(capacity_table(measured))
    print(f"\ncore: build_quote, 78 years, median of {args.core_runs} single runs")
    print(table(["assumptions", "median us"], [[k, f"{v:.1f}"] for k, v in core.items()]))
    print("\nmemory after the load")
    print(memory_table(memory))
    print("\ntime from spawn to first 200")
    rows = [[s.name, s.ready_path, f"{s.first_response_s or 0:.3f} s"] for s in servers]
    print(table(["server", "path", "first 200"], rows))
    print("\ntargets (issue 16; reported, not asserted; ratios from the varied scenarios)")
    first = servers[0].first_response_s or float("inf")
    rows = target_rows(measured, core, memory, first)
    print(table(["target", "goal", "measured", "verdict"], rows))


def save_json(path: Path, payload: dict[str, Any]) -> None:
    path.write_text(json.dumps(payload, indent=2, default=str) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds per endpoint")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--warmup", type=float, default=2, help="seconds before each run")
    parser.add_argument("--core-runs", type=int, default=2000)
    parser.add_argument("--pool", type=int, default=2000, help="distinct varied scenarios")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    print(f"bankcalc benchmark, {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"load average at start: {load_average()}")
    if not have_wrk():
        print("wrk not found (apt-get install -y wrk): using the Python load generator")
    if not have_nginx():
        print("nginx not found (apt-get install -y nginx): no run through the proxy cache")
    core = core_quote_us(args.core_runs)
    sets = draw_sets(args.pool)
    for name, drawn in sets.items():
        print(f"varied {name}: {scenarios.describe(drawn)} (seed {SEED})")
    with tempfile.TemporaryDirectory(prefix="bankcalc-bench-") as workdir:
        bankcalc = bankcalc_server(Path(workdir))
        servers = [bankcalc, bare_server(Path(workdir))]
        with running(servers):
            if have_nginx():
                proxy = nginx_server(Path(workdir), bankcalc.port)
                servers.append(proxy)
            with running(servers[2:]):
                targets = bankcalc_targets(sets, result_etag(bankcalc))
                measured = load_all({s.name: s for s in servers}, targets, args)
                memory = worker_memory(servers)
    print(f"load average at end: {load_average()}")
    report(args, measured, core, memory, servers)
    if args.json:
        first = {s.name: s.first_response_s for s in servers}
        loads = [asdict(m) | {"rps": m.load.rps} for m in measured]
        payload = {"args": vars(args), "core_us": core, "memory": memory, "loads": loads}
        save_json(args.json, payload | {"first_response_s": first})


if __name__ == "__main__":
    main()
