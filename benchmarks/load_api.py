"""Load test of the HTTP API on loopback: requests/s and latency percentiles.

Starts ``eventwire serve`` (the real CLI, uvicorn, one process) on 127.0.0.1
with a free port over a new store, posts the sample corpus to it, then sends
a bounded number of requests from a few client threads:

* ``GET /api/events`` with a rotation of filters and pages;
* ``POST /api/articles`` with one sample article per request (ids cycle over
  a small set, so the store stays the same size: each post re-codes and
  replaces an article), with a bearer token, as a client would.

Each phase stops after ``--requests``/``--posts`` requests or ``--max-seconds``,
whichever comes first, and the server is stopped at the end. Only 127.0.0.1 is
ever contacted. Prints one JSON line per phase.

    python benchmarks/load_api.py --requests 3000 --posts 200 --concurrency 4
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples" / "articles.jsonl"
HOST = "127.0.0.1"  # loopback only, by design: no option changes it
TOKEN = "load-test-token"
STARTUP_SECONDS = 120
POST_IDS = 20
EVENT_QUERIES: list[dict[str, Any]] = [
    {},
    {"country": "RUS"},
    {"root": "19"},
    {"actor": "USA", "limit": 20},
    {"quad_class": 4},
    {"since": "2015-01-01", "until": "2015-12-31"},
    {"text": "sanctions"},
    {"limit": 10, "offset": 30},
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000, help="GET requests")
    parser.add_argument("--posts", type=int, default=200, help="POST requests")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument(
        "--max-seconds", type=float, default=60.0, help="time bound of each phase"
    )
    args = parser.parse_args()
    if args.requests < 0 or args.posts < 0 or not 1 <= args.concurrency <= 64:
        parser.error("--requests/--posts must be >= 0, --concurrency 1..64")
    if not 0 < args.max_seconds <= 600:
        parser.error("--max-seconds must be in (0, 600]")
    return args


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def eventwire(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "eventwire", *arguments]


def start_server(db: Path, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        eventwire("serve", "--db", str(db), "--host", HOST, "--port", str(port)),
        env={**env, "EVENTWIRE_TOKEN": TOKEN},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            error = server.stderr.read().decode() if server.stderr else ""
            raise SystemExit(f"eventwire serve exited: {error}")
        try:
            if httpx.get(f"http://{HOST}:{port}/api/health", timeout=1).is_success:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"eventwire serve did not answer within {STARTUP_SECONDS} s")


def run_phase(
    name: str,
    send: Callable[[httpx.Client, int], httpx.Response],
    *,
    base_url: str,
    total: int,
    concurrency: int,
    max_seconds: float,
) -> dict[str, Any]:
    """Send ``total`` requests from ``concurrency`` threads; time each one."""
    latencies: list[float] = []
    errors: list[int] = []
    next_index = iter(range(total))
    lock = threading.Lock()
    deadline = time.monotonic() + max_seconds

    def worker() -> None:
        with httpx.Client(base_url=base_url, timeout=60) as client:
            while time.monotonic() < deadline:
                with lock:
                    index = next(next_index, None)
                if index is None:
                    return
                started = time.perf_counter()
                try:
                    status = send(client, index).status_code
                except httpx.TransportError:
                    status = 0
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    if status >= 400 or status == 0:
                        errors.append(status)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    return summary(name, latencies, errors, seconds, concurrency, total)


def summary(
    name: str,
    latencies: list[float],
    errors: list[int],
    seconds: float,
    concurrency: int,
    planned: int,
) -> dict[str, Any]:
    milliseconds = sorted(latency * 1000 for latency in latencies)

    def percentile(fraction: float) -> float | None:
        if not milliseconds:
            return None
        rank = min(len(milliseconds) - 1, round(fraction * (len(milliseconds) - 1)))
        return round(milliseconds[rank], 2)

    return {
        "phase": name,
        "requests": len(milliseconds),
        "planned": planned,
        "errors": len(errors),
        "error_statuses": sorted(set(errors)),
        "concurrency": concurrency,
        "seconds": round(seconds, 3),
        "requests_per_s": round(len(milliseconds) / seconds, 1) if seconds else None,
        "mean_ms": round(statistics.fmean(milliseconds), 2) if milliseconds else None,
        "p50_ms": percentile(0.50),
        "p95_ms": percentile(0.95),
        "p99_ms": percentile(0.99),
        "max_ms": round(milliseconds[-1], 2) if milliseconds else None,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }


def main() -> None:
    args = parse_args()
    paths = [str(REPO / "src"), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, paths))}
    articles = [json.loads(line) for line in SAMPLES.read_text().splitlines() if line]
    with tempfile.TemporaryDirectory(prefix="eventwire-load-") as scratch:
        db = Path(scratch) / "load.db"
        port = free_port()
        server = start_server(db, port, env)
        base_url = f"http://{HOST}:{port}"
        auth = {"Authorization": f"Bearer {TOKEN}"}
        # the store starts empty: the sample corpus goes in through the API
        seeded = httpx.post(
            f"{base_url}/api/articles", json=articles[:25], headers=auth, timeout=300
        )
        seeded.raise_for_status()

        def get_events(client: httpx.Client, index: int) -> httpx.Response:
            return client.get(
                "/api/events", params=EVENT_QUERIES[index % len(EVENT_QUERIES)]
            )

        def post_article(client: httpx.Client, index: int) -> httpx.Response:
            article = {
                **articles[index % len(articles)],
                "id": f"load-{index % POST_IDS}",
            }
            return client.post("/api/articles", json=article, headers=auth)

        try:
            for name, send, total in (
                ("GET /api/events", get_events, args.requests),
                ("POST /api/articles", post_article, args.posts),
            ):
                # warm-up: first requests load caches (and, for POST, nothing
                # more: the server loaded the model at start)
                run_phase(
                    "warm-up",
                    send,
                    base_url=base_url,
                    total=min(total, 4),
                    concurrency=1,
                    max_seconds=args.max_seconds,
                )
                result = run_phase(
                    name,
                    send,
                    base_url=base_url,
                    total=total,
                    concurrency=args.concurrency,
                    max_seconds=args.max_seconds,
                )
                print(json.dumps(result), flush=True)
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            if server.stderr:
                server.stderr.close()


if __name__ == "__main__":
    main()
