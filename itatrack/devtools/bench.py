"""Measuring pages the way `make bench` reports them: server time of a page in this process
(median and 95th percentile) beside a trivial view measured in the same run, the SQL queries it
issues, and a loopback load test of a real gunicorn with wrk."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


@dataclass
class Timing:
    name: str
    url: str
    median_ms: float
    p95_ms: float
    queries: int
    status: int


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def time_page(
    client: Client,
    name: str,
    url: str,
    runs: int,
    warmup: int = 3,
    before: Callable[[], None] | None = None,
) -> Timing:
    """before runs ahead of every request, untimed (e.g. to drop a kept page)."""
    before = before or (lambda: None)
    for _ in range(warmup):
        before()
        client.get(url, secure=True)
    before()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, secure=True)
    # Read now: the captured queries are a view of a log that the next request clears.
    queries = len(captured)
    seconds = []
    for _ in range(runs):
        before()
        started = time.perf_counter()
        client.get(url, secure=True)
        seconds.append(time.perf_counter() - started)
    return Timing(
        name,
        url,
        statistics.median(seconds) * 1000,
        percentile(seconds, 0.95) * 1000,
        queries,
        response.status_code,
    )


@contextmanager
def gunicorn(workers: int = 2, env: dict[str, str] | None = None) -> Iterator[str]:
    """A real app server on loopback with this process's environment (its database), plus
    env; yields its base URL."""
    # gunicorn serves a socket that is already listening (fd://): no race for a free port,
    # and the first request simply waits in the backlog until a worker is up.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    port = listener.getsockname()[1]
    env = {
        **os.environ,
        "DEBUG": "0",
        "BEHIND_PROXY": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "ITATRACK_DATA_DIR": str(settings.DATA_DIR),
        "LOG_LEVEL": "WARNING",
        **(env or {}),
    }
    binary = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [
            str(binary),
            "itatrack.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"fd://{listener.fileno()}",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        pass_fds=[listener.fileno()],
    )
    listener.close()  # the server holds its own copy
    base = f"http://127.0.0.1:{port}"
    try:
        _first_answer(f"{base}/healthz", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _first_answer(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    try:
        urllib.request.urlopen(url, timeout=seconds).read()
    except urllib.error.HTTPError:
        return  # it answers
    except OSError:
        process.kill()
        error = process.stderr.read().decode() if process.stderr else ""
        raise RuntimeError(f"gunicorn did not start: {error[-2000:]}") from None


def wrk(url: str, seconds: int = 10, connections: int = 16) -> dict[str, float]:
    """Requests per second and latency of one wrk run (bounded in time), with the header the
    TLS proxy would add."""
    binary = shutil.which("wrk")
    if binary is None:
        raise RuntimeError("wrk is not installed (as root, `make bench` installs Debian's wrk)")
    output = subprocess.run(
        [
            binary,
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            "X-Forwarded-Proto: https",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    ).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    return {
        "rps": float(rate.group(1)) if rate else 0.0,
        "p99_ms": float(p99.group(1)) * scale[p99.group(2)] if p99 else 0.0,
        "bad": float(errors.group(1)) if errors else 0.0,
        "socket_errors": 1.0 if socket_errors else 0.0,
    }


def load_people(n: int) -> Path:
    """n people of generated bodies for the mixed load (every other one an executive), with the
    objects they open, as a JSON file for the locustfile."""
    from itatrack.devtools import national
    from itatrack.models import Organization
    from measures.models import Measure, Plan
    from reports.models import Memo

    bodies = Organization.objects.filter(slug__startswith=national.SLUG_PREFIX).exclude(
        kind=Organization.Kind.PAO
    )
    people = []
    for index, org in enumerate(bodies.order_by("slug")[:n]):
        plan = Plan.objects.for_org(org).order_by("-fiscal_year").first()
        measures = list(
            Measure.objects.filter(plan=plan).open().values_list("pk", flat=True)[:10]
        ) or list(Measure.objects.filter(plan=plan).values_list("pk", flat=True)[:10])
        memo = Memo.objects.filter(organization=org).order_by("pk").first()
        if plan is None or memo is None:  # every generated body has both
            continue
        staff = index % 2 == 0
        people.append(
            {
                "username": f"{org.slug}-{'staff' if staff else 'executive'}",
                "staff": staff,
                "org": org.slug,
                "plan": plan.pk,
                "measures": measures,
                "memo": memo.pk,
            }
        )
    path = Path(settings.DATA_DIR) / "load-people.json"
    path.write_text(json.dumps(people), encoding="utf-8")
    return path


def locust(base: str, people: Path, users: int, seconds: int, password: str) -> dict:
    """A bounded headless locust run of tests/load/locustfile.py; its aggregated figures.
    base must send cookies over plain HTTP (see bench_national): loopback has no TLS."""
    import csv
    import tempfile

    binary = Path(sys.executable).with_name("locust")
    with tempfile.TemporaryDirectory() as folder:
        prefix = Path(folder) / "run"
        times_file = Path(folder) / "times.json"
        subprocess.run(
            [
                str(binary),
                "-f",
                str(settings.BASE_DIR / "tests" / "load" / "locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(max(1, users // 5)),
                "--run-time",
                f"{seconds}s",
                "--host",
                base,
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            env={
                **os.environ,
                "LOAD_PEOPLE": str(people),
                "LOAD_PASSWORD": password,
                "LOAD_USERS": str(users),
                "LOAD_TIMES": str(times_file),
            },
            capture_output=True,
            text=True,
            timeout=seconds + 120,
            check=False,  # locust exits 1 when any request failed: the figures say so
        )
        with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        times = json.loads(times_file.read_text(encoding="utf-8")) if times_file.exists() else []

    def figures(row: dict[str, str]) -> dict[str, float]:
        return {
            "requests": float(row["Request Count"]),
            "failures": float(row["Failure Count"]),
            "rps": float(row["Requests/s"]),
            "median_ms": float(row["Median Response Time"]),
            "p95_ms": float(row["95%"]),
        }

    total = next(r for r in rows if r["Name"] == "Aggregated")
    return {
        **figures(total),
        "by_name": {r["Name"]: figures(r) for r in rows if r["Name"] != "Aggregated"},
        "phases": phases(times),
    }


def phases(times: list[tuple[str, str, float]]) -> dict[str, dict[str, float]]:
    """Median and p95 per phase (the logins' crowding, then steady work), logins left out of
    the steady figures and of their own phase's page figures."""
    found = {}
    for phase in ("login", "steady"):
        values = [t for p, name, t in times if p == phase and not name.startswith("login")]
        if values:
            found[phase] = {
                "requests": float(len(values)),
                "median_ms": percentile(values, 0.5),
                "p95_ms": percentile(values, 0.95),
            }
    return found
