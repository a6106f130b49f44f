"""Shared helpers for the benchmark and the load/fault scripts: servers, wrk, /proc readings.

Everything here talks to 127.0.0.1 only and is bounded in time.
"""

from __future__ import annotations

import http.client
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
JSON_HEADERS = {"Content-Type": "application/json"}
QUOTE_20 = {"plan": "americord-essential", "horizon": "20 years"}
QUOTE_78 = {"plan": "americord-essential", "horizon": "78 years"}
QUOTE_100 = {"plan": "americord-essential", "horizon": "100 years"}
COMPARISON = {"horizon": "20 years"}
RESULT_PAGE = "/?plan=americord-essential&horizon=20&option=yearly"
QUOTE_PATH = "/api/v1/quotes"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


# ---- servers --------------------------------------------------------------------------------


@dataclass
class Server:
    """A gunicorn master started in its own process group, logging to a file."""

    name: str
    argv: list[str]
    port: int
    ready_path: str
    log_path: Path
    process: subprocess.Popen[bytes] | None = None
    first_response_s: float | None = None

    def start(self, timeout_s: float = 20.0) -> None:
        """Spawn, then poll until the first 200 on ready_path; records the time it took."""
        started = time.perf_counter()
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                self.argv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = started + timeout_s
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited early:\n{self.log_tail()}")
            if status_of(self.port, "GET", self.ready_path, timeout_s=0.5) == 200:
                self.first_response_s = time.perf_counter() - started
                return
            time.sleep(0.005)
        raise RuntimeError(f"{self.name} gave no 200 within {timeout_s} s:\n{self.log_tail()}")

    @property
    def pid(self) -> int:
        if self.process is None:
            raise RuntimeError(f"{self.name} is not running")
        return self.process.pid

    def workers(self) -> list[int]:
        return child_pids(self.pid)

    def stop(self) -> None:
        """SIGTERM to the whole group, SIGKILL after 15 s; safe to call twice."""
        if self.process is None or self.process.poll() is not None:
            return
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)

    def log_tail(self, lines: int = 20) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def bankcalc_server(workdir: Path, workers: int = 2) -> Server:
    port = free_port()
    argv = [str(VENV_BIN / "bankcalc"), "serve", "--bind", f"{HOST}:{port}"]
    argv += ["--workers", str(workers)]
    return Server("bankcalc", argv, port, "/healthz", workdir / "bankcalc.log")


def bare_server(workdir: Path, workers: int = 2) -> Server:
    port = free_port()
    script = str(Path(__file__).with_name("bare_app.py"))
    argv = [sys.executable, script, "--bind", f"{HOST}:{port}", "--workers", str(workers)]
    return Server("bare-flask", argv, port, "/hello", workdir / "bare.log")


NGINX_SITE = ROOT / "deploy" / "nginx" / "bankcalc.conf"


def have_nginx() -> bool:
    return shutil.which("nginx") is not None


def nginx_server(workdir: Path, upstream_port: int) -> Server:
    """nginx with the shipped deploy/nginx/bankcalc.conf, only its addresses and paths moved
    into `workdir`, in front of bankcalc on `upstream_port`; one worker process."""
    prefix = workdir / "nginx"
    for sub in ("cache", "temp"):
        (prefix / sub).mkdir(parents=True, exist_ok=True)
    port = free_port()
    site = NGINX_SITE.read_text(encoding="utf-8")
    moves = {
        "server 127.0.0.1:8000;": f"server {HOST}:{upstream_port};",
        "listen 80;": f"listen {HOST}:{port};",
        "/var/cache/nginx/bankcalc": str(prefix / "cache"),
        "/var/log/nginx/bankcalc.access.log": str(prefix / "access.log"),
    }
    for old, new in moves.items():
        if old not in site:
            raise RuntimeError(f"{NGINX_SITE} no longer has {old!r}: update nginx_server()")
        site = site.replace(old, new)
    temp = prefix / "temp"
    # As root, nginx would run its worker as 'nobody', which cannot enter our private temp dir.
    user = "user root;" if os.geteuid() == 0 else ""
    conf = f"""{user}
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{site}
}}
"""
    conf_path = prefix / "nginx.conf"
    conf_path.write_text(conf, encoding="utf-8")
    argv = [str(shutil.which("nginx")), "-p", str(prefix), "-c", str(conf_path)]
    argv += ["-g", "daemon off;"]
    return Server("nginx", argv, port, "/healthz", workdir / "nginx.log")


@contextmanager
def running(servers: Sequence[Server]) -> Iterator[None]:
    """Start the servers one after the other (so start-up times do not compete); always stop."""
    try:
        for server in servers:
            server.start()
        yield
    finally:
        for server in servers:
            server.stop()


# ---- /proc ----------------------------------------------------------------------------------


def child_pids(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with suppress(OSError):
            found += [int(p) for p in (task / "children").read_text().split()]
    return sorted(found)


def proc_kib(pid: int, key: str = "VmRSS", file: str = "status") -> int | None:
    """A 'Key:  123 kB' line of /proc/<pid>/status (or smaps_rollup) -> KiB."""
    try:
        for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
            if line.startswith(f"{key}:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def cpu_seconds(pids: Sequence[int]) -> float:
    """User + system CPU time the processes have used so far, in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        with suppress(OSError):
            # the command name may hold spaces: fields are counted after its closing ')'
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def memory_mib(pid: int) -> tuple[float | None, float | None]:
    """(RSS, PSS) of a process in MiB; PSS shares copy-on-write pages among the forks."""
    rss = proc_kib(pid)
    pss = proc_kib(pid, "Pss", "smaps_rollup")
    return (None if rss is None else rss / 1024, None if pss is None else pss / 1024)


# ---- single requests ------------------------------------------------------------------------


@dataclass
class Answer:
    status: int | None  # None: no HTTP answer (socket error or timeout)
    seconds: float
    body: bytes = b""
    error: str = ""
    headers: dict[str, str] = field(default_factory=dict)


def request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout_s: float = 10.0,
) -> Answer:
    """One request on a fresh connection, closed at once (sync workers close anyway)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout_s)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        headers = {k.lower(): v for k, v in response.getheaders()}
        return Answer(response.status, time.perf_counter() - started, data, headers=headers)
    except (OSError, http.client.HTTPException) as error:
        return Answer(None, time.perf_counter() - started, error=type(error).__name__)
    finally:
        connection.close()


def status_of(port: int, method: str, path: str, timeout_s: float = 2.0) -> int | None:
    return request(port, method, path, timeout_s=timeout_s).status


def get_json(port: int, path: str, timeout_s: float = 5.0) -> object:
    """GET and decode JSON; raises OSError or ValueError when there is no JSON 200."""
    answer = request(port, "GET", path, timeout_s=timeout_s)
    if answer.status != 200:
        raise OSError(f"GET {path}: {answer.status or answer.error}")
    return json.loads(answer.body)


def post_json(port: int, path: str, payload: object, timeout_s: float = 10.0) -> Answer:
    body = json.dumps(payload).encode()
    return request(port, "POST", path, body, JSON_HEADERS, timeout_s)


# ---- load generation ------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One thing to load: a path, a method, and a JSON body for POST. With `variants`, the
    load cycles through them instead (paths for GET, JSON payloads for POST), each wrk
    thread from its own starting point."""

    label: str
    path: str
    method: str = "GET"
    payload: object | None = None
    variants: tuple[object, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()

    @property
    def body(self) -> bytes | None:
        return None if self.payload is None else json.dumps(self.payload).encode()

    def requests(self) -> list[tuple[str, bytes | None]]:
        """(path, body) of every distinct request this target sends."""
        if not self.variants:
            return [(self.path, self.body)]
        if self.method == "GET":
            return [(str(v), None) for v in self.variants]
        return [(self.path, json.dumps(v).encode()) for v in self.variants]

    def all_headers(self) -> dict[str, str]:
        extra = dict(self.headers)
        if self.method != "GET":
            extra.setdefault("Content-Type", "application/json")
        return extra


@dataclass
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    status_errors: int  # HTTP status >= 400 (wrk's definition)
    socket_errors: dict[str, int] = field(default_factory=dict)
    generator: str = "wrk"

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def errors(self) -> int:
        return self.status_errors + sum(self.socket_errors.values())


WRK_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d,'
    .. ' "status": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.status, e.connect, e.read, e.write, e.timeout))
end
"""


WRK_VARIANTS = """
local counter = 1
function setup(thread)
  thread:set("offset", counter * 7919)  -- each thread starts elsewhere in the list
  counter = counter + 1
end
function init(args)
  i = offset or 0
end
function request()
  i = i % #requests + 1
  local r = requests[i]
  return wrk.format(wrk.method, r[1], wrk.headers, r[2])
end
"""


def lua_string(text: str) -> str:
    if "]==]" in text:
        raise ValueError("text would end the Lua long string early")
    return f"[==[{text}]==]"


def wrk_script(target: Target) -> str:
    lines = [f'wrk.method = "{target.method}"']
    for name, value in target.all_headers().items():
        lines.append(f"wrk.headers[ {lua_string(name)} ] = {lua_string(value)}")
    if not target.variants:
        if target.body is not None:
            lines.append(f"wrk.body = {lua_string(target.body.decode())}")
        return "\n".join(lines) + "\n" + WRK_DONE
    lines.append("requests = {")
    for path, body in target.requests():
        body_text = "nil" if body is None else lua_string(body.decode())
        lines.append(f"  {{{lua_string(path)}, {body_text}}},")
    lines.append("}")
    return "\n".join(lines) + "\n" + WRK_VARIANTS + WRK_DONE


def have_wrk() -> bool:
    return shutil.which("wrk") is not None


def wrk_command(
    port: int, target: Target, duration_s: float, connections: int, threads: int, script: Path
) -> list[str]:
    threads = max(1, min(threads, connections))
    return [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(duration_s))}s",
        "--timeout",
        "5s",
        "-s",
        str(script),
        f"http://{HOST}:{port}{target.path}",
    ]


def parse_wrk(output: str) -> LoadResult:
    for line in output.splitlines():
        if line.startswith("WRKJSON "):
            data = json.loads(line.removeprefix("WRKJSON "))
            sockets = {k: int(data[k]) for k in ("connect", "read", "write", "timeout")}
            return LoadResult(
                requests=int(data["requests"]),
                seconds=data["duration_us"] / 1e6,
                p50_ms=data["p50_us"] / 1000,
                p99_ms=data["p99_us"] / 1000,
                max_ms=data["max_us"] / 1000,
                status_errors=int(data["status"]),
                socket_errors=sockets,
            )
    raise RuntimeError(f"wrk printed no summary:\n{output}")


@contextmanager
def wrk_process(
    port: int, target: Target, duration_s: float, connections: int, threads: int = 2
) -> Iterator[subprocess.Popen[str]]:
    """wrk running in the background; the caller reads its output with finish_wrk."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(wrk_script(target))
    argv = wrk_command(port, target, duration_s, connections, threads, Path(script.name))
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        Path(script.name).unlink(missing_ok=True)


def finish_wrk(process: subprocess.Popen[str], duration_s: float) -> LoadResult:
    output, _ = process.communicate(timeout=duration_s + 30)
    return parse_wrk(output)


def run_load(
    port: int, target: Target, duration_s: float, connections: int, threads: int = 2
) -> LoadResult:
    """Closed-loop load: wrk if installed, else the (slower) Python generator below."""
    if not have_wrk():
        return python_load(port, target, duration_s, connections)
    with wrk_process(port, target, duration_s, connections, threads) as process:
        return finish_wrk(process, duration_s)


def python_load(port: int, target: Target, duration_s: float, connections: int) -> LoadResult:
    """A fallback load generator: one thread per connection, a fresh socket per request.
    Its own CPU use (GIL) caps it well below wrk; figures are then lower bounds."""
    latencies: list[float] = []
    failures: dict[str, int] = {"status": 0, "socket": 0}
    lock = threading.Lock()
    deadline = time.perf_counter() + duration_s

    variants = target.requests()
    headers = target.all_headers()
    counter = iter(range(10**12))

    def loop() -> None:
        while time.perf_counter() < deadline:
            path, body = variants[next(counter) % len(variants)]
            answer = request(port, target.method, path, body, headers, 5.0)
            with lock:
                latencies.append(answer.seconds)
                if answer.status is None:
                    failures["socket"] += 1
                elif answer.status >= 400:
                    failures["status"] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=loop) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(latencies) or [0.0]
    return LoadResult(
        requests=len(latencies),
        seconds=time.perf_counter() - started,
        p50_ms=percentile(ordered, 50) * 1000,
        p99_ms=percentile(ordered, 99) * 1000,
        max_ms=ordered[-1] * 1000,
        status_errors=failures["status"],
        socket_errors={"socket": failures["socket"]},
        generator="python",
    )


def percentile(ordered: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile of an already sorted sequence."""
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


# ---- a probe of normal traffic ----------------------------------------------------------------


@dataclass
class Probe:
    """Open-loop normal quotes at a fixed rate, each timed, while something else happens."""

    port: int
    rate_per_s: float
    timeout_s: float = 45.0
    records: list[tuple[float, Answer]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    started: float = 0.0

    def _one(self, sent: float) -> None:
        answer = post_json(self.port, QUOTE_PATH, QUOTE_20, self.timeout_s)
        with self._lock:
            self.records.append((sent, answer))

    def _loop(self, pool: ThreadPoolExecutor) -> None:
        interval = 1 / self.rate_per_s
        tick = self.started
        while not self._stop.is_set():
            pool.submit(self._one, time.perf_counter() - self.started)
            tick += interval
            self._stop.wait(max(0.0, tick - time.perf_counter()))

    @contextmanager
    def running(self) -> Iterator[Probe]:
        self.started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=256) as pool:
            thread = threading.Thread(target=self._loop, args=(pool,), daemon=True)
            thread.start()
            try:
                yield self
            finally:
                self._stop.set()
                thread.join()
        # leaving the pool waits for the requests still in flight (each bounded by timeout_s)

    def now(self) -> float:
        return time.perf_counter() - self.started

    def window(self, start: float, end: float) -> list[Answer]:
        with self._lock:
            return [a for sent, a in self.records if start <= sent < end]


def describe(answers: list[Answer]) -> str:
    if not answers:
        return "no requests"
    ok = [a.seconds * 1000 for a in answers if a.status == 200]
    failed = len(answers) - len(ok)
    ordered = sorted(ok)
    if not ordered:
        return f"{len(answers)} sent, 0 ok, {failed} failed"
    p50, p99 = percentile(ordered, 50), percentile(ordered, 99)
    return (
        f"{len(answers)} sent, {len(ok)} ok, {failed} failed;"
        f" p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {ordered[-1]:.0f} ms"
    )


# ---- slow clients ------------------------------------------------------------------------------


@dataclass
class SlowClient:
    """A client that occupies a sync worker: trickles its headers, or sends nothing at all."""

    port: int
    kind: str  # "trickle" (one header byte per second) or "idle" (connects, sends nothing)
    seconds: float
    closed_after_s: float | None = None
    sent_bytes: int = 0

    def run(self) -> None:
        started = time.perf_counter()
        header = f"POST /api/v1/quotes HTTP/1.1\r\nHost: {HOST}\r\nX-Slow: " + "a" * 1000
        with socket.create_connection((HOST, self.port), timeout=2) as sock:
            while time.perf_counter() - started < self.seconds:
                if self.kind == "trickle" and self.sent_bytes < len(header):
                    with suppress(OSError):
                        sock.send(header[self.sent_bytes].encode())
                        self.sent_bytes += 1
                if self._closed_by_server(sock, wait_s=1.0):
                    self.closed_after_s = time.perf_counter() - started
                    return

    @staticmethod
    def _closed_by_server(sock: socket.socket, wait_s: float) -> bool:
        """Waits up to wait_s; True once the server has closed (EOF or reset)."""
        readable, _, _ = select.select([sock], [], [], wait_s)
        if not readable:
            return False
        try:
            return sock.recv(1) == b""
        except OSError:
            return True


# ---- printing -------------------------------------------------------------------------------


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table that is also valid Markdown."""
    cells = [[str(c) for c in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    rule = "| " + " | ".join("-" * w for w in widths) + " |"
    return "\n".join([line(cells[0]), rule, *[line(r) for r in cells[1:]]])


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"
