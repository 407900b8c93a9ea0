"""Benchmark the storefront: gunicorn (2 workers) on SQLite and PostgreSQL against a bare Flask app.

Usage: make bench-catalogue   (or: .venv/bin/python bench/catalogue.py [--duration 10])

Loads the demo shop into a fresh database per backend, serves it with gunicorn, drives `/`,
`/products` and a product page with wrk at 16 connections, and in the same run the bare
baseline (bench/bare_app.py). Prints requests per second, p50/p99 latency, errors, SQL queries
per page and each page's throughput as a ratio of the baseline's.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgresql://root@127.0.0.1:5432")
PG_DB = "bench_catalogue"
PRODUCT_SLUG = "rae-nong-3in1-original"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not come up")


def outside_env() -> dict:
    """This process's environment without its database and Redis: a bench names its own."""
    return {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}


def shop_env(instance: str, database_url: str, **extra: str) -> dict:
    """The environment of a shop served as in production on ``database_url``, its instance
    folder ``instance``: rate limits off (one client plays many users), mail kept in memory,
    cookies over plain http. ``extra`` adds or overrides variables."""
    return dict(
        outside_env(),
        SHOP_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(48),
        RATELIMIT_ALLOW_MEMORY="1",
        RATELIMIT_ENABLED="0",
        SHOP_INSTANCE_PATH=instance,
        DATABASE_URL=database_url,
        SESSION_COOKIE_SECURE="0",
        MAIL_BACKEND="locmem",
        **extra,
    )


def run_python(env: dict, script: str, *args: str) -> dict:
    """Run ``script`` in a Python of its own in the shop's folder; returns the JSON object its
    last line of output prints. Exits the bench with the script's errors if it fails."""
    proc = subprocess.run(
        [sys.executable, "-c", script, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if proc.returncode:
        sys.exit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def flask(env: dict, *args: str) -> None:
    subprocess.run(
        [str(BIN / "flask"), "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


class Gunicorn:
    def __init__(self, app: str, env: dict, cwd: Path):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "--workers", "2",
                "--bind", f"127.0.0.1:{self.port}",
                "--no-control-socket",
                "--log-level", "warning",
                app,
            ],
            cwd=cwd,
            env=env,
        )  # fmt: skip
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        wait_until_up(self.base + "/")
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=20)


def wrk(url: str, duration: int, connections: int = 16) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency_ms(label: str) -> float:
        value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = 0
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        errors += sum(int(g) for g in m.groups())
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency_ms("50%"),
        "p99": latency_ms("99%"),
        "errors": errors,
    }


def queries_per_page(env: dict, paths: list[str]) -> dict[str, list[int]]:
    """SQL statements one request for each page executes, [cache cold, cache warm]."""
    script = f"""
import json
from sqlalchemy import event
from shop import create_app
from shop.extensions import db
app = create_app()
counts = {{}}
with app.app_context():
    engine = db.engine
seen = []
event.listen(engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
client = app.test_client()
def statements():
    return len([s for s in seen if not s.lstrip().upper().startswith(("BEGIN", "PRAGMA"))])
for path in {paths!r}:
    counts[path] = []
    for _ in range(2):
        seen.clear()
        client.get(path, base_url="http://127.0.0.1")
        counts[path].append(statements())
print(json.dumps(counts))
"""
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    proc.check_returncode()
    return json.loads(proc.stdout.strip().splitlines()[-1])


def prepare_postgres(name: str = PG_DB) -> str:
    """A new, empty PostgreSQL database; returns its SQLAlchemy URL."""
    import psycopg

    with psycopg.connect(PG_ADMIN_URL + "/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return PG_ADMIN_URL.replace("postgresql://", "postgresql+psycopg://") + "/" + name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument(
        "--uncached", action="store_true", help="switch the page cache off (CACHE_TYPE=NullCache)"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk)")

    pages = ["/", "/products", f"/products/{PRODUCT_SLUG}"]
    results: list[tuple[str, str, dict, list[int] | None]] = []
    base_env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    base_env.update(
        SHOP_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(48),
        RATELIMIT_ALLOW_MEMORY="1",  # no log-ins here: the limits' storage does not matter
    )
    if args.uncached:
        base_env["CACHE_TYPE"] = "NullCache"

    with Gunicorn("bare_app:app", base_env, ROOT / "bench") as bare:
        baseline = wrk(bare.base + "/", args.duration)
    results.append(("bare Flask", "/", baseline, None))

    for backend in args.backends.split(","):
        with tempfile.TemporaryDirectory(prefix=f"bench-{backend}-") as tmp:
            env = dict(base_env, SHOP_INSTANCE_PATH=tmp)
            if backend == "sqlite":
                env["DATABASE_URL"] = f"sqlite:///{tmp}/shop.sqlite3"
            else:
                env["DATABASE_URL"] = prepare_postgres()
            flask(env, "db", "upgrade")
            flask(env, "demo-data")
            counts = queries_per_page(env, [p + "?lang=en" for p in pages])
            with Gunicorn("wsgi:app", env, ROOT) as shop:
                for path in pages:
                    stats = wrk(shop.base + path + "?lang=en", args.duration)
                    results.append((backend, path, stats, counts[path + "?lang=en"]))

    print()
    cache = "page cache OFF" if args.uncached else "page cache on (wrk sends no cookies)"
    print(
        f"Catalogue benchmark: gunicorn 2 workers, wrk 16 connections, {args.duration}s per page, "
        + cache
    )
    header = f"{'backend':<11} {'page':<34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}"
    print(header + f" {'errors':>7} {'SQL cold/warm':>14} {'vs bare':>8}")
    for backend, path, s, q in results:
        ratio = s["rps"] / baseline["rps"]
        sql = "" if q is None else f"{q[0]} / {q[1]}"
        print(
            f"{backend:<11} {path:<34} {s['rps']:>8.0f} {s['p50']:>8.1f} {s['p99']:>8.1f} "
            f"{s['errors']:>7} {sql:>14} {ratio:>8.2f}"
        )
    print("SQL cold: first request after a catalogue change; warm: served from the page cache")
    print("(the catalogue version is re-read at most once a second per process).")


if __name__ == "__main__":
    main()
