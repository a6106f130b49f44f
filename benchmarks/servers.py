"""Which serving stack: the candidates of issue 15, measured in one run on this machine.

    .venv/bin/python benchmarks/servers.py [--rounds 8] [--duration 4] [--slow 50]

Candidates, each serving the same app and catalog with 2 workers on 127.0.0.1:
  sync        gunicorn's sync workers: what `bankcalc serve` ran before issue 15
  gevent      gunicorn with the gevent worker (one greenlet per connection)
  granian     Granian's WSGI mode (a Rust server reads the requests; 1 blocking thread each)
  nginx+sync  nginx (benchmarks/nginx.conf.in) buffering in front of the sync workers
  bankcalc    `bankcalc serve` as it is today (whatever it runs)

All stacks run at once (idle ones cost nothing); each round measures throughput on POST
/api/v1/quotes, then on the result page, on every stack in turn (wrk, 16 connections), so
that other load on this shared machine falls on all of them alike; "vs sync" is the median of
the rounds' ratios. Then, per stack, 50 slow clients (half trickle their headers a byte a
second, half connect and send nothing) while normal quotes go out at 20/s on fresh
connections, twice.
Once per stack: a catalog reload by SIGHUP under load, and a graceful stop with requests in
flight. Criteria (issue 15) are printed as met/MISSED, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchlib import (
    HOST,
    QUOTE_20,
    RESULT_PAGE,
    VENV_BIN,
    Answer,
    Probe,
    Server,
    SlowClient,
    Target,
    bankcalc_server,
    describe,
    free_port,
    get_json,
    have_wrk,
    load_average,
    percentile,
    post_json,
    run_load,
    table,
)

HERE = Path(__file__).resolve().parent
QUOTES = Target("quotes", "/api/v1/quotes", "POST", QUOTE_20)
PAGES = Target("pages", RESULT_PAGE)
STACKS = ("sync", "gevent", "granian", "nginx+sync", "bankcalc")
P99_LIMIT_MS = 50.0
THROUGHPUT_FLOOR = 0.90  # of sync's


# ---- the stacks -------------------------------------------------------------------------------


@dataclass
class Stack:
    """Servers started in order; the last one faces clients, `master` takes SIGHUP."""

    name: str
    servers: list[Server]
    master: Server
    stop_signals: list[tuple[Server, signal.Signals]]  # graceful stop, in this order

    @property
    def port(self) -> int:
        return self.servers[-1].port

    def start(self) -> None:
        for server in self.servers:
            server.start()

    def stop(self) -> None:
        for server in reversed(self.servers):
            server.stop()

    def alive(self) -> bool:
        return all(s.process is not None and s.process.poll() is None for s in self.servers)


def gunicorn_stack(name: str, worker_class: str, workdir: Path) -> Stack:
    port = free_port()
    script = str(HERE / "stack_app.py")
    argv = [sys.executable, script, "--bind", f"{HOST}:{port}", "--worker-class", worker_class]
    server = Server(name, argv, port, "/healthz", workdir / f"{name}.log")
    return Stack(name, [server], server, [(server, signal.SIGTERM)])


def granian_stack(workdir: Path) -> Stack:
    port = free_port()
    argv = [str(VENV_BIN / "granian"), "--interface", "wsgi", "--workers", "2"]
    argv += ["--blocking-threads", "1", "--http", "1", "--no-ws", "--access-log"]
    argv += ["--http1-header-read-timeout", "5000", "--host", HOST, "--port", str(port)]
    argv += ["--factory", "bankcalc.web:create_app"]
    server = Server("granian", argv, port, "/healthz", workdir / "granian.log")
    return Stack("granian", [server], server, [(server, signal.SIGTERM)])


def nginx_stack(workdir: Path) -> Stack:
    app = gunicorn_stack("nginx+sync", "sync", workdir).servers[0]
    prefix = workdir / "nginx"
    prefix.mkdir(exist_ok=True)
    port = free_port()
    conf = (HERE / "nginx.conf.in").read_text(encoding="utf-8")
    for key, value in {
        "PREFIX": str(prefix),
        "PORT": str(port),
        "UPSTREAM": f"{HOST}:{app.port}",
    }.items():
        conf = conf.replace(f"@{key}@", value)
    (prefix / "nginx.conf").write_text(conf, encoding="utf-8")
    argv = [shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(prefix / "nginx.conf")]
    argv += ["-e", str(prefix / "error.log")]
    proxy = Server("nginx", argv, port, "/healthz", workdir / "nginx.log")
    # nginx stops gracefully on SIGQUIT (SIGTERM drops connections), then the app.
    return Stack("nginx+sync", [app, proxy], app, [(proxy, signal.SIGQUIT), (app, signal.SIGTERM)])


def make_stack(name: str, workdir: Path) -> Stack:
    if name == "granian":
        return granian_stack(workdir)
    if name == "nginx+sync":
        return nginx_stack(workdir)
    if name == "bankcalc":
        server = bankcalc_server(workdir)
        return Stack(name, [server], server, [(server, signal.SIGTERM)])
    return gunicorn_stack(name, name, workdir)


# ---- measurements -------------------------------------------------------------------------------


@dataclass
class Figures:
    quotes_rps: list[float] = field(default_factory=list)
    quotes_p99: list[float] = field(default_factory=list)
    pages_rps: list[float] = field(default_factory=list)
    pages_p99: list[float] = field(default_factory=list)
    load_errors: int = 0
    slow_p99: list[float] = field(default_factory=list)
    slow_errors: int = 0
    slow_sent: int = 0
    reload: str = "-"
    reload_ok: bool = False
    stop: str = "-"
    stop_ok: bool = False


def throughput(stack: Stack, figures: Figures, target: Target, seconds: float) -> None:
    rps, p99 = (
        (figures.quotes_rps, figures.quotes_p99)
        if target is QUOTES
        else (figures.pages_rps, figures.pages_p99)
    )
    result = run_load(stack.port, target, seconds, 16)
    rps.append(result.rps)
    p99.append(result.p99_ms)
    figures.load_errors += result.errors
    print(
        f"    {stack.name:<11} {target.label}: {result.rps:6.0f} req/s, p99 {result.p99_ms:6.1f} ms"
    )


def slow_clients(stack: Stack, figures: Figures, count: int, seconds: float) -> None:
    """`count` slow connections held for `seconds` while normal quotes go out at 20/s."""
    clients = [
        SlowClient(stack.port, "trickle" if i % 2 == 0 else "idle", seconds) for i in range(count)
    ]
    threads = [threading.Thread(target=c.run, daemon=True) for c in clients]
    with Probe(stack.port, rate_per_s=20, timeout_s=40).running() as probe:
        for thread in threads:
            thread.start()
        time.sleep(1.0)  # every slow client connected
        start = probe.now()
        time.sleep(max(1.0, seconds - 2))
        end = probe.now()
    # leaving the probe waited for every quote still in flight: a stalled one counts too
    answers = probe.window(start, end)
    for thread in threads:
        thread.join(5)
    ok = sorted(a.seconds * 1000 for a in answers if a.status == 200)
    p99 = percentile(ok, 99) if ok else float("inf")
    figures.slow_p99.append(p99 if len(ok) == len(answers) else float("inf"))
    figures.slow_errors += len(answers) - len(ok)
    figures.slow_sent += len(answers)
    print(f"    {count} slow clients: normal quotes {describe(answers)}")


def catalog_as_of(port: int) -> str | None:
    try:
        return str(get_json(port, "/api/v1/healthz")["catalog_as_of"])
    except (OSError, ValueError, KeyError):
        return None


def reload_under_load(stack: Stack, figures: Figures, plans: Path, other: str) -> None:
    """SIGHUP with a changed catalog while quotes go out at 50/s: errors, and the new as_of."""
    before = catalog_as_of(stack.port)
    original = plans.read_text(encoding="utf-8")
    with Probe(stack.port, rate_per_s=50).running() as probe:
        time.sleep(1)
        plans.write_text(other, encoding="utf-8")
        os.kill(stack.master.pid, signal.SIGHUP)
        sent = time.perf_counter()
        after, waited = before, 0.0
        while after == before and waited < 15:
            time.sleep(0.2)
            after, waited = catalog_as_of(stack.port), time.perf_counter() - sent
        time.sleep(2)
        answers = probe.window(0, probe.now())
    plans.write_text(original, encoding="utf-8")
    os.kill(stack.master.pid, signal.SIGHUP)  # back to the catalog the next stack starts with
    failed = sum(a.status != 200 for a in answers)
    changed = after is not None and after != before
    figures.reload_ok = changed and failed == 0 and stack.alive()
    figures.reload = (
        f"as_of {before} -> {after} in {waited:.1f} s; {len(answers)} quotes, {failed} failed"
    )
    print(f"    reload: {figures.reload}")


def graceful_stop(stack: Stack, figures: Figures) -> None:
    """Four batches in flight, then the stop signal(s): each batch still gets its 200."""
    batch = {"scenarios": [QUOTE_20] * 50}
    answers: list[Answer] = []

    def send() -> None:
        answers.append(post_json(stack.port, "/api/v1/batches", batch, timeout_s=20))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(0.02)
    codes: list[int | None] = []
    for server, signum in stack.stop_signals:
        assert server.process is not None
        os.kill(server.pid, signum)
        try:
            codes.append(server.process.wait(timeout=20))
        except subprocess.TimeoutExpired:  # reported; the stack's stop() then kills it
            codes.append(None)
    for thread in threads:
        thread.join(25)
    statuses = [a.status for a in answers]
    figures.stop_ok = statuses == [200] * 4 and all(code == 0 for code in codes)
    figures.stop = f"in flight: {statuses}; exit codes {codes}"
    print(f"    graceful stop: {figures.stop}")


# ---- report ------------------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ratio(values: list[float], reference: list[float]) -> float:
    """Median of the rounds' ratios: each round measured both within seconds of each other."""
    return median([v / r for v, r in zip(values, reference, strict=True) if r])


def spread(values: list[float]) -> str:
    if not values:
        return "-"
    if len(values) == 1:
        return f"{values[0]:,.0f}"
    return f"{median(values):,.0f} ({min(values):,.0f}-{max(values):,.0f})"


def report(figures: dict[str, Figures]) -> None:
    base = figures.get("sync")
    headers = [
        "stack",
        "quotes req/s (range)",
        "vs sync",
        "quotes p99 ms",
        "pages req/s (range)",
        "vs sync",
        "pages p99 ms",
        "50 slow clients: quotes p99 ms (median of rounds), failed/sent",
        "SIGHUP under load",
        "graceful stop",
    ]
    rows = []
    for name, f in figures.items():
        vs_q = f"{ratio(f.quotes_rps, base.quotes_rps):.0%}" if base else "-"
        vs_p = f"{ratio(f.pages_rps, base.pages_rps):.0%}" if base else "-"
        slow = (
            f"{median(f.slow_p99):.1f} (worst {max(f.slow_p99):.1f}), {f.slow_errors}/{f.slow_sent}"
            if f.slow_p99
            else "-"
        )
        rows.append(
            [
                name,
                spread(f.quotes_rps),
                vs_q,
                f"{median(f.quotes_p99):.1f}",
                spread(f.pages_rps),
                vs_p,
                f"{median(f.pages_p99):.1f}",
                slow,
                "ok" if f.reload_ok else "FAIL",
                "ok" if f.stop_ok else "FAIL",
            ]
        )
    print(table(headers, rows))
    print("\ncriteria (issue 15)")
    crit = []
    for name, f in figures.items():
        slow_ok = bool(f.slow_p99) and median(f.slow_p99) < P99_LIMIT_MS and f.slow_errors == 0
        ratios = (
            (ratio(f.quotes_rps, base.quotes_rps), ratio(f.pages_rps, base.pages_rps))
            if base
            else (float("nan"), float("nan"))
        )
        fast = all(r >= THROUGHPUT_FLOOR for r in ratios)
        verdicts = [slow_ok, fast, f.reload_ok, f.stop_ok]
        crit.append([name, *("met" if v else "MISSED" for v in verdicts)])
    print(table(["stack", "slow clients", "throughput >= 90 %", "reload", "SIGTERM"], crit))
    for name, f in figures.items():
        print(f"  {name}: reload {f.reload}; stop {f.stop}; load errors {f.load_errors}")


# ---- main ----------------------------------------------------------------------------------------


def alternate_catalog(plans: Path) -> str:
    """The same catalog with its newest date a day earlier: a visible, valid change."""
    from bankcalc.catalog.loading import load_catalog

    newest = load_catalog(plans).as_of
    text = plans.read_text(encoding="utf-8")
    return text.replace(newest.isoformat(), (newest - dt.timedelta(days=1)).isoformat())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--duration", type=float, default=4, help="seconds per wrk run")
    parser.add_argument("--slow", type=int, default=50, help="slow connections")
    parser.add_argument("--slow-seconds", type=float, default=12)
    parser.add_argument("--stacks", default=",".join(STACKS))
    args = parser.parse_args()
    if not have_wrk() or not shutil.which("nginx"):
        raise SystemExit("servers.py needs wrk and nginx: apt-get install -y wrk nginx")
    names = args.stacks.split(",")
    print(f"bankcalc serving stacks, {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"load average at start: {load_average()}; {os.cpu_count()} cores")
    figures = {name: Figures() for name in names}
    with tempfile.TemporaryDirectory(prefix="bankcalc-stacks-") as tmp:
        workdir = Path(tmp)
        from bankcalc.resources import default_plans_path

        plans = workdir / "plans.yaml"
        shutil.copy(default_plans_path(), plans)
        os.environ["BANKCALC_PLANS"] = str(plans)
        other = alternate_catalog(plans)
        stacks = [make_stack(name, workdir) for name in names]
        try:
            for stack in stacks:  # all up at once: the rounds below alternate between them
                stack.start()
                for target in (QUOTES, PAGES):
                    run_load(stack.port, target, 2, 16)  # warm-up
            for number in range(1, args.rounds + 1):
                print(f"\nround {number} of {args.rounds} (load average {load_average()})")
                for target in (QUOTES, PAGES):
                    for stack in stacks:
                        throughput(stack, figures[stack.name], target, args.duration)
            print(f"\n{args.slow} slow clients, twice per stack (load average {load_average()})")
            for _ in range(2):
                for stack in stacks:
                    print(f"  {stack.name}")
                    slow_clients(stack, figures[stack.name], args.slow, args.slow_seconds)
            print(f"\nreload under load and graceful stop (load average {load_average()})")
            for stack in stacks:
                print(f"  {stack.name}")
                reload_under_load(stack, figures[stack.name], plans, other)
                graceful_stop(stack, figures[stack.name])
        finally:
            for stack in stacks:
                stack.stop()
    print(f"\nload average at end: {load_average()}\n")
    report(figures)


if __name__ == "__main__":
    main()
