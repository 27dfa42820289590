"""Load: N concurrent sessions on the loopback against a running `tongket serve`.

Each session logs in as one of the demo accounts (pages through the login form, the
API through a token) and loops until the duration is over, with a short random
pause between requests: page views (home, unit list, the entry page of its report),
analytics through the API, and value writes through the API. Every session writes
its own cells, so the last value it was told was stored is the value the database
must hold; after the run every acknowledged write is checked in the database, read
with the server's own settings (DATABASE_URL / TONGKET_VAR_DIR in the environment).

    # terminal 1: the production set-up on the demo data
    DJANGO_SETTINGS_MODULE=tongket.settings.production SECRET_KEY=… SECURE_COOKIES=0 \\
        DATABASE_URL=… uv run tongket serve --port 8123 --threads 8
    # terminal 2: same DATABASE_URL / TONGKET_VAR_DIR
    uv run python bench/load.py --url http://127.0.0.1:8123 --sessions 100 --duration 300

Prints p50/p95/p99 per kind of request and overall, errors by kind, and the result of
the write check. Loopback only: the URL must be on 127.0.0.1 or localhost.
"""

import argparse
import functools
import http.client
import json
import os
import random
import re
import statistics
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field

PASSWORD = "tongket-demo"
# Reporters write their own ward's figures; managers read their subtree.
ACCOUNTS = {
    "ward": "HN-THANHXUAN-KHUONGMAI",
    "otherward": "HCM-QUAN1-BENNGHE",
    "district": "HN-THANHXUAN",
    "city": "HN",
}
WRITERS = {"ward", "district", "city"}
FORM = "TCCS_NAM"
YEAR = "2024"  # the current year on the demo date (2024-01-08): every report is open
INDICATORS = ["CBCC_TONG", "CBCC_DAHOC"]
ANALYTICS = ["CBCC_TONG", "CBCC_DAHOC", "CBCC_TYLE"]
PERIODS = [str(year) for year in range(2019, 2024)] + ["2019..2023"]


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    samples: dict[str, str] = field(default_factory=dict)
    acknowledged: dict[tuple[str, str, str], str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if error:
                self.errors[kind] += 1
                self.samples.setdefault(kind, error[:200])


class Session:
    """One user: a keep-alive connection, cookies, a CSRF token and an API token."""

    def __init__(self, host: str, port: int, username: str) -> None:
        self.host, self.port, self.username = host, port, username
        self.connection = http.client.HTTPConnection(host, port, timeout=60)
        self.cookies: dict[str, str] = {}
        self.token = ""

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes]:
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, ConnectionError, TimeoutError):
                self.connection.close()
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
                if attempt:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, data

    def log_in(self) -> None:
        status, page = self.request("GET", "/accounts/login/")
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or not match:
            raise RuntimeError(f"login page: {status}")
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": match.group(1).decode(),
                "username": self.username,
                "password": PASSWORD,
            }
        ).encode()
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            form,
            {"Content-Type": "application/x-www-form-urlencoded", "Referer": self.base},
        )
        if status != 302:
            raise RuntimeError(f"login: {status}")
        body = json.dumps({"username": self.username, "password": PASSWORD}).encode()
        status, data = self.request(
            "POST", "/api/v1/auth/token", body, {"Content-Type": "application/json"}
        )
        if status != 200:
            raise RuntimeError(f"token: {status}")
        self.token = json.loads(data)["token"]

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def api(self, method: str, path: str, payload: object = None) -> tuple[int, bytes]:
        headers = {"Authorization": f"Bearer {self.token}"}
        body = None
        if payload is not None:
            body = json.dumps(payload).encode()
            headers["Content-Type"] = "application/json"
        return self.request(method, path, body, headers)


def run_session(
    index: int,
    args: argparse.Namespace,
    results: Results,
    clock: dict[str, float],
    ready: threading.Barrier,
) -> None:
    """Log in, wait for every other session, then loop until clock["stop"]."""
    username = list(ACCOUNTS)[index % len(ACCOUNTS)]
    unit = ACCOUNTS[username]
    parsed = urllib.parse.urlsplit(args.url)
    session = Session(parsed.hostname or "127.0.0.1", parsed.port or 80, username)
    rng = random.Random(index)
    # A writer session owns the cells of one unit whose report is open: no two share one.
    own_unit = args.cells.get(index)
    # Password hashing (PBKDF2, ~1 s of CPU) is paid once per account, not per session.
    session.cookies, session.token = dict(args.logins[username][0]), args.logins[username][1]
    ready.wait()
    sequence = 0
    while time.time() < clock["stop"]:
        choice = rng.random()
        if own_unit and choice < args.write_share:
            kind = "write"
            sequence += 1
            indicator = rng.choice(INDICATORS)
            value = str(1000 + sequence)
            payload = {
                "dataValues": [
                    {"orgUnit": own_unit, "indicator": indicator, "period": YEAR, "value": value}
                ]
            }
            call = functools.partial(session.api, "POST", "/api/v1/datavalues", payload)
        elif choice < 0.55:
            kind = "page"
            path = rng.choice(["/", "/units/", f"/reporting/{FORM}/{unit}/2023/", "/reporting/"])
            call = functools.partial(session.request, "GET", path)
        else:
            kind = "analytics"
            query = urllib.parse.urlencode(
                {"indicator": rng.choice(ANALYTICS), "period": rng.choice(PERIODS), "orgUnit": unit}
            )
            call = functools.partial(session.api, "GET", f"/api/v1/analytics?{query}")
        start = time.perf_counter()
        error = None
        try:
            status, data = call()
            if status >= 400:
                error = f"{status} {data[:120]!r}"
        except Exception as failure:
            error = repr(failure)
        results.record(kind, time.perf_counter() - start, error)
        if kind == "write" and not error:
            summary = json.loads(data)
            if summary.get("conflicts"):
                results.record("write-conflict", 0.0, json.dumps(summary["conflicts"])[:200])
            else:
                with results.lock:
                    results.acknowledged[(own_unit, indicator, YEAR)] = value
        time.sleep(rng.uniform(0, 2 * args.think))


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tongket.settings.demo")
    import django

    django.setup()


def open_cells(sessions: int) -> dict[int, str]:
    """Session index → a unit whose yearly report is open, in the subtree of its account."""
    _django()
    from tongket.org.models import Unit
    from tongket.reporting.models import ReportForm, Submission

    form = ReportForm.objects.get(code=FORM)
    taken = set(
        Submission.objects.filter(form=form, period=YEAR).values_list("unit__code", flat=True)
    )
    pools: dict[str, list[str]] = {}
    for username, code in ACCOUNTS.items():
        if username not in WRITERS:
            continue
        root = Unit.objects.get(code=code)
        units = Unit.objects.filter(path__startswith=root.path).order_by("-path")
        pools[username] = [u.code for u in units if form.is_assigned_to(u) and u.code not in taken]
    cells: dict[int, str] = {}
    used: set[str] = set()
    for index in range(sessions):
        username = list(ACCOUNTS)[index % len(ACCOUNTS)]
        free = [code for code in pools.get(username, []) if code not in used]
        if free:
            cells[index] = free[0]
            used.add(free[0])
    return cells


def verify(acknowledged: dict[tuple[str, str, str], str]) -> list[str]:
    """Every acknowledged write is the value the database holds for its cell."""
    _django()
    from tongket.reporting.models import DataValue

    missing = []
    for (unit, indicator, period), value in sorted(acknowledged.items()):
        stored = (
            DataValue.objects.filter(
                unit__code=unit, indicator__code=indicator, period=period, option=""
            )
            .values_list("value", flat=True)
            .first()
        )
        if stored != value:
            missing.append(f"{unit}/{indicator}/{period}: told {value}, stored {stored}")
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8123")
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--duration", type=float, default=300.0, help="seconds (default 300)")
    parser.add_argument("--think", type=float, default=0.5, help="mean pause between requests, s")
    parser.add_argument(
        "--write-share", type=float, default=0.3, help="share of a writer's requests"
    )
    parser.add_argument("--no-verify", action="store_true", help="skip the database check")
    args = parser.parse_args()
    host = urllib.parse.urlsplit(args.url).hostname
    if host not in {"127.0.0.1", "localhost", "::1"}:
        print("load.py: loopback only (127.0.0.1 or localhost).", file=sys.stderr)
        return 2
    args.cells = open_cells(args.sessions)
    args.logins = {}
    parsed = urllib.parse.urlsplit(args.url)
    for username in ACCOUNTS:
        first = Session(parsed.hostname or "127.0.0.1", parsed.port or 80, username)
        start = time.perf_counter()
        first.log_in()
        results_login = time.perf_counter() - start
        args.logins[username] = (first.cookies, first.token)
        first.connection.close()  # waitress accepts 100 connections: leave them to the sessions
        print(f"logged in {username} ({results_login:.1f} s, form and token)")
    print(f"{len(args.cells)} sessions write, each to its own unit's {FORM} {YEAR} cells")
    results = Results()
    clock = {"stop": 0.0}
    # The clock starts when every session has logged in: log-ins are not part of the run.
    ready = threading.Barrier(
        args.sessions + 1, action=lambda: clock.update(stop=time.time() + args.duration)
    )
    threads = []
    for index in range(args.sessions):
        thread = threading.Thread(target=run_session, args=(index, args, results, clock, ready))
        thread.start()
        threads.append(thread)
    ready.wait()
    begun = time.time()
    for thread in threads:
        thread.join(timeout=args.duration + 120)
    elapsed = time.time() - begun
    report(results, elapsed, args)
    if args.no_verify:
        return 1 if any(results.errors.values()) else 0
    missing = verify(results.acknowledged)
    print(
        f"writes acknowledged (distinct cells): {len(results.acknowledged)}; "
        f"not in the database: {len(missing)}"
    )
    for line in missing[:10]:
        print("  " + line)
    return 1 if missing or any(results.errors.values()) else 0


def report(results: Results, elapsed: float, args: argparse.Namespace) -> None:
    print(f"{args.sessions} sessions, {elapsed:.0f} s, think {args.think} s, {args.url}")
    every: list[float] = []
    print(f"{'kind':<15}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for kind in ["page", "analytics", "write", "write-conflict"]:
        values = results.latencies.get(kind, [])
        if not values:
            continue
        if kind != "write-conflict":
            every += values
        print(
            f"{kind:<15}{len(values):>9}{results.errors.get(kind, 0):>8}"
            f"{percentile(values, 0.5) * 1000:>9.0f}{percentile(values, 0.95) * 1000:>9.0f}"
            f"{percentile(values, 0.99) * 1000:>9.0f}"
        )
    print(
        f"{'all (no login)':<15}{len(every):>9}"
        f"{sum(results.errors.get(k, 0) for k in ('page', 'analytics', 'write')):>8}"
        f"{percentile(every, 0.5) * 1000:>9.0f}{percentile(every, 0.95) * 1000:>9.0f}"
        f"{percentile(every, 0.99) * 1000:>9.0f}"
    )
    print(
        f"throughput: {len(every) / elapsed:.1f} requests/s; mean {statistics.fmean(every or [0]) * 1000:.0f} ms"
    )
    for kind, sample in results.samples.items():
        print(f"  first {kind} error: {sample}")


if __name__ == "__main__":
    sys.exit(main())
