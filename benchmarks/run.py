"""Benchmark bankcalc against the bare-Flask limit, under the same gunicorn settings.

    .venv/bin/python benchmarks/run.py [--duration 10] [--connections 16] [--json out.json]

Starts `bankcalc serve` (2 workers) and benchmarks/bare_app.py on 127.0.0.1, drives
both with wrk (or a Python generator if wrk is missing), and prints requests/s, p50/p99,
errors and the ratio to the bare GET /hello for each endpoint; the core's time for one
78-year quote; each worker's memory; and the time from spawn to the first 200.
Targets are reported, never asserted.
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
    have_wrk,
    load_average,
    memory_mib,
    request,
    run_load,
    running,
    table,
)

BARE = Target("bare GET /hello", "/hello")
ENDPOINTS = (
    Target("POST /api/v1/quotes 20y", "/api/v1/quotes", "POST", QUOTE_20),
    Target("POST /api/v1/quotes 78y", "/api/v1/quotes", "POST", QUOTE_78),
    Target("GET / (result page)", RESULT_PAGE),
    Target("POST /api/v1/comparisons", "/api/v1/comparisons", "POST", COMPARISON),
)
RATIO_TARGETS = {ENDPOINTS[0].label: 0.75, ENDPOINTS[1].label: 0.60}
P99_TARGET_MS = 12.0
CORE_TARGET_US = 150.0
RSS_TARGET_MIB = 70.0
FIRST_RESPONSE_TARGET_S = 1.0


@dataclass
class Measured:
    label: str
    server: str
    load: LoadResult


# ---- the core, without a server --------------------------------------------------------------


def core_quote_us(runs: int) -> dict[str, float]:
    """Median wall time of bankcalc.core.quote.build_quote for 78 years, in microseconds."""
    from bankcalc.catalog.loading import catalog_path, load_catalog
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


def check_answers(bankcalc: Server, bare: Server) -> None:
    """One request per endpoint before loading it: a 200 with a body, or stop here."""
    for server, target in [(bare, BARE)] + [(bankcalc, t) for t in ENDPOINTS]:
        headers = {"Content-Type": "application/json"} if target.payload is not None else {}
        answer = request(server.port, target.method, target.path, target.body, headers)
        if answer.status != 200 or not answer.body:
            raise RuntimeError(f"{target.label}: {answer.status} {answer.body[:300]!r}")


def load_all(bankcalc: Server, bare: Server, args: argparse.Namespace) -> list[Measured]:
    """Bare first and last (to see drift), the bankcalc endpoints in between; each warmed up."""
    plan = [(bare, BARE), *[(bankcalc, t) for t in ENDPOINTS], (bare, BARE)]
    measured: list[Measured] = []
    for server, target in plan:
        run_load(server.port, target, args.warmup, args.connections, args.threads)
        result = run_load(server.port, target, args.duration, args.connections, args.threads)
        measured.append(Measured(target.label, server.name, result))
        print(f"  {target.label:<28} {result.rps:8.0f} req/s  p99 {result.p99_ms:6.2f} ms")
    return measured


def worker_memory(servers: list[Server]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for server in servers:
        for role, pid in [("master", server.pid)] + [("worker", p) for p in server.workers()]:
            rss, pss = memory_mib(pid)
            rows.append({"server": server.name, "role": role, "pid": pid, "rss": rss, "pss": pss})
    return rows


# ---- report -----------------------------------------------------------------------------------


def bare_rps(measured: list[Measured]) -> float:
    runs = [m.load.rps for m in measured if m.label == BARE.label]
    return statistics.fmean(runs)


def load_table(measured: list[Measured]) -> str:
    reference = bare_rps(measured)
    rows = []
    for m in measured:
        sockets = sum(m.load.socket_errors.values())
        rows.append(
            [
                m.label,
                f"{m.load.rps:,.0f}",
                f"{m.load.p50_ms:.2f}",
                f"{m.load.p99_ms:.2f}",
                f"{m.load.status_errors} / {sockets}",
                f"{m.load.requests:,}",
                f"{m.load.rps / reference:.0%}",
            ]
        )
    headers = ["endpoint", "req/s", "p50 ms", "p99 ms", "errors http/socket", "requests", "vs bare"]
    return table(headers, rows)


def target_rows(
    measured: list[Measured], core: dict[str, float], memory: list[dict[str, Any]], first: float
) -> list[list[str]]:
    reference = bare_rps(measured)
    rows: list[list[str]] = []
    for m in measured:
        if m.label in RATIO_TARGETS:
            goal, ratio = RATIO_TARGETS[m.label], m.load.rps / reference
            rows.append(row(f"{m.label} vs bare", f">= {goal:.0%}", f"{ratio:.0%}", ratio >= goal))
    for m in measured:
        if m.server == "bankcalc":
            p99 = m.load.p99_ms
            rows.append(
                row(
                    f"p99 {m.label}",
                    f"< {P99_TARGET_MS:g} ms",
                    f"{p99:.2f} ms",
                    p99 < P99_TARGET_MS,
                )
            )
    for name, us in core.items():
        rows.append(
            row(
                f"core 78y quote, {name}",
                f"< {CORE_TARGET_US:g} us",
                f"{us:.0f} us",
                us < CORE_TARGET_US,
            )
        )
    for r in memory:
        if r["server"] == "bankcalc" and r["role"] == "worker":
            rss = r["rss"] or 0.0
            rows.append(
                row(
                    f"RSS worker {r['pid']}",
                    f"< {RSS_TARGET_MIB:g} MB",
                    f"{rss:.1f} MiB",
                    rss < RSS_TARGET_MIB,
                )
            )
    goal = f"< {FIRST_RESPONSE_TARGET_S:g} s"
    rows.append(
        row("first response after spawn", goal, f"{first:.2f} s", first < FIRST_RESPONSE_TARGET_S)
    )
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
    print(f"  {args.duration:g} s per endpoint after {args.warmup:g} s warm-up; bare = mean of 2")
    print(load_table(measured))
    print(f"\ncore: build_quote, 78 years, median of {args.core_runs} single runs")
    print(table(["assumptions", "median us"], [[k, f"{v:.1f}"] for k, v in core.items()]))
    print("\nmemory after the load")
    print(memory_table(memory))
    print("\ntime from spawn to first 200")
    rows = [[s.name, s.ready_path, f"{s.first_response_s or 0:.3f} s"] for s in servers]
    print(table(["server", "path", "first 200"], rows))
    print("\ntargets (reported, not asserted)")
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
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    print(f"bankcalc benchmark, {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"load average at start: {load_average()}")
    if not have_wrk():
        print("wrk not found (apt-get install -y wrk): using the Python load generator")
    core = core_quote_us(args.core_runs)
    with tempfile.TemporaryDirectory(prefix="bankcalc-bench-") as workdir:
        servers = [bankcalc_server(Path(workdir)), bare_server(Path(workdir))]
        with running(servers):
            check_answers(*servers)
            measured = load_all(*servers, args)
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
