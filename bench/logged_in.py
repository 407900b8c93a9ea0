"""Benchmark a logged-in buyer with a 3-line cart: CPU and SQL per request, against bare Flask.

Usage: .venv/bin/python bench/logged_in.py [--duration 5] [--runs 3]

Loads the demo shop into a fresh PostgreSQL database, serves it with gunicorn (2 workers), logs
the demo customer in, places one bank-transfer order (for an order page with its PromptPay QR)
and fills the cart with three lines again. Then wrk (16 connections, the customer's cookies)
drives `/`, `/products`, a product page, `/cart`, `/checkout` and the order page, and in the
same run the bare Flask baseline (bench/bare_app.py). For each page it prints the workers' CPU
per request (user+sys time from /proc/<pid>/stat over the requests wrk counted: a figure that
holds on a busy machine, unlike requests per second), its ratio to bare Flask's, and the SQL
statements one request runs (counted in-process with the same cookies, second request).
Each figure is the median of ``--runs`` wrk runs.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalogue import ROOT, Gunicorn, flask, prepare_postgres  # noqa: E402
from checkout import ADDRESS, CSRF, SHOWN, set_stock  # noqa: E402

CUSTOMER = ("nattaphon@example.org", "kafae-ranong-2026")  # the demo customer
PRODUCT_SLUG = "rae-nong-3in1-original"
TICKS = os.sysconf("SC_CLK_TCK")
USER_AGENT = "bench-logged-in"  # sent by every request: log-in sessions are tied to it


# --- CPU of processes, from /proc -------------------------------------------------------------


def children(pid: int) -> list[int]:
    """The direct children of ``pid`` (gunicorn's workers of its master)."""
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        out.extend(int(p) for p in text)
    return out


def postgres_backends(database: str) -> list[int]:
    """PostgreSQL backend processes serving ``database`` (their title names it)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if title.startswith("postgres: ") and f" {database} " in title:
            pids.append(int(entry.name))
    return pids


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds the processes have used so far (gone processes count 0)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / TICKS


def wrk_counted(url: str, duration: int, cookie: str | None) -> tuple[int, int]:
    """Run wrk at 16 connections; returns (requests served, non-2xx/3xx or socket errors)."""
    command = [
        "wrk",
        "-t2",
        "-c16",
        f"-d{duration}s",
        "--timeout",
        "30s",
        "-H",
        f"User-Agent: {USER_AGENT}",
        url,
    ]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    served = int(re.search(r"(\d+) requests in", out).group(1))
    errors = 0
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        errors += sum(int(g) for g in m.groups())
    return served, errors


def cpu_per_request(
    master: int, url: str, duration: int, cookie: str | None = None, database: str | None = None
) -> dict:
    """Workers' (and, with ``database``, PostgreSQL's) CPU ms per request over one wrk run."""
    workers = children(master)
    backends = postgres_backends(database) if database else []
    before_w, before_pg = cpu_seconds(workers), cpu_seconds(backends)
    served, errors = wrk_counted(url, duration, cookie)
    backends_after = postgres_backends(database) if database else []
    new_backends = [p for p in backends_after if p not in backends]
    after_w = cpu_seconds(workers)
    after_pg = cpu_seconds(backends) + cpu_seconds(new_backends)
    return {
        "requests": served,
        "errors": errors,
        "cpu_ms": (after_w - before_w) * 1000 / max(served, 1),
        "pg_ms": (after_pg - before_pg) * 1000 / max(served, 1),
    }


# --- the logged-in buyer ------------------------------------------------------------------------


def log_in(base: str, email: str, password: str) -> requests.Session:
    s = requests.Session()
    s.headers["User-Agent"] = USER_AGENT
    form = s.get(f"{base}/account/login?lang=en", timeout=30)
    s.post(
        f"{base}/account/login?lang=en",
        data={"csrf_token": CSRF.search(form.text).group(1), "email": email, "password": password},
        timeout=30,
    )
    if s.get(f"{base}/account?lang=en", timeout=30, allow_redirects=False).status_code != 200:
        sys.exit("could not log the demo customer in")
    return s


def fill_cart(s: requests.Session, base: str, hot: dict[str, tuple[int, str]]) -> None:
    for variant_id, slug in hot.values():
        page = s.get(f"{base}/products/{slug}?lang=en", timeout=30)
        s.post(
            f"{base}/cart/add",
            data={
                "csrf_token": CSRF.search(page.text).group(1),
                "variant_id": variant_id,
                "quantity": 1,
                "next": "/cart",
            },
            timeout=30,
        )  # follows to /cart, which shows (and so clears) the flashed message


def place_order(s: requests.Session, base: str) -> str:
    """Place the cart as a bank-transfer order; returns the order page's path."""
    checkout = s.get(f"{base}/checkout?lang=en", timeout=30)
    form = dict(ADDRESS, email=CUSTOMER[0], csrf_token=CSRF.search(checkout.text).group(1))
    shown = SHOWN.search(checkout.text)
    form["shown"] = html.unescape(shown.group(1)) if shown else ""
    placed = s.post(f"{base}/checkout?lang=en", data=form, timeout=60, allow_redirects=False)
    location = placed.headers.get("Location", "")
    if placed.status_code != 302 or "/orders/" not in location:
        sys.exit(f"could not place the order: {placed.status_code} {location}")
    s.get(base + location, timeout=30)  # shows the flashed message, if any
    return location.removeprefix(base)


def queries_per_request(env: dict, cookie: str, paths: list[str]) -> dict[str, int]:
    """SQL statements of the second of two requests to each page, with the buyer's cookies."""
    script = f"""
import json
from sqlalchemy import event
from shop import create_app
from shop.extensions import db
app = create_app()
with app.app_context():
    engine = db.engine
seen = []
event.listen(engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
client = app.test_client()
for pair in {cookie!r}.split("; "):
    name, _, value = pair.partition("=")
    client.set_cookie(name, value, domain="127.0.0.1")
counts = {{}}
for path in {paths!r}:
    for _ in range(2):
        seen.clear()
        r = client.get(path, base_url="http://127.0.0.1", headers={{"User-Agent": {USER_AGENT!r}}})
        assert r.status_code == 200 and b'cart-count">3<' in r.data, (path, r.status_code)
    counts[path] = len([s for s in seen if not s.lstrip().upper().startswith(("BEGIN", "PRAGMA"))])
print(json.dumps(counts))
"""
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if proc.returncode:
        sys.exit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--runs", type=int, default=3, help="wrk runs per page (median)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk)")

    base_env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    base_env.update(
        SHOP_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(48),
        RATELIMIT_ALLOW_MEMORY="1",  # one log-in only: the limits' storage does not matter
        SESSION_COOKIE_SECURE="0",
    )
    rows: list[tuple[str, list[dict], int | None]] = []
    with tempfile.TemporaryDirectory(prefix="bench-logged-in-") as tmp:
        database = os.environ.get("BENCH_DB", "bench_logged_in")
        env = dict(base_env, SHOP_INSTANCE_PATH=tmp, DATABASE_URL=prepare_postgres(database))
        flask(env, "db", "upgrade", "heads")  # every head: a pending merge does not stop the run
        flask(env, "demo-data")
        hot = set_stock(env, 1000)
        with Gunicorn("wsgi:app", env, ROOT) as shop:
            s = log_in(shop.base, *CUSTOMER)
            fill_cart(s, shop.base, hot)
            order_path = place_order(s, shop.base)
            fill_cart(s, shop.base, hot)
            s.get(f"{shop.base}/checkout?lang=en", timeout=30)
            cookie = "; ".join(f"{c.name}={c.value}" for c in s.cookies)
            pages = [
                ("/", "/?lang=en"),
                ("/products", "/products?lang=en"),
                ("product page", f"/products/{PRODUCT_SLUG}?lang=en"),
                ("/cart (3 lines)", "/cart?lang=en"),
                ("/checkout", "/checkout?lang=en"),
                ("order page (transfer, QR)", f"{order_path}?lang=en"),
            ]
            for _, path in pages:  # what wrk sends is the logged-in buyer with 3 units
                page = requests.get(
                    shop.base + path,
                    headers={"Cookie": cookie, "User-Agent": USER_AGENT},
                    allow_redirects=False,
                    timeout=30,
                )
                if page.status_code != 200 or 'cart-count">3<' not in page.text:
                    sys.exit(f"{path}: {page.status_code}, not the logged-in buyer's page")
            counts = queries_per_request(env, cookie, [p for _, p in pages])
            with Gunicorn("bare_app:app", base_env, ROOT / "bench") as bare:
                bare_runs = []
                for _ in range(args.runs):
                    bare_runs.append(cpu_per_request(bare.proc.pid, bare.base + "/", args.duration))
                    for label, path in pages:
                        run = cpu_per_request(
                            shop.proc.pid, shop.base + path, args.duration, cookie, database
                        )
                        run["label"] = label
                        rows.append((label, [run], counts[path]))
    bare_ms = statistics.median(r["cpu_ms"] for r in bare_runs)
    merged: dict[str, tuple[list[dict], int]] = {}
    for label, runs, sql in rows:
        merged.setdefault(label, ([], sql))[0].extend(runs)
    print()
    print(
        "Logged-in buyer with a 3-line cart: gunicorn 2 workers on PostgreSQL, wrk 16 connections, "
        f"{args.duration}s per page, median of {args.runs} runs"
    )
    print(
        f"{'page':<28} {'CPU ms/req':>10} {'x bare':>7} {'PG ms/req':>9} {'SQL':>4} "
        f"{'req/s':>7} {'errors':>6}"
    )
    print(f"{'bare Flask':<28} {bare_ms:>10.2f} {1:>7.1f} {'':>9} {'':>4}")
    for label, (runs, sql) in merged.items():
        cpu = statistics.median(r["cpu_ms"] for r in runs)
        pg = statistics.median(r["pg_ms"] for r in runs)
        rps = statistics.median(r["requests"] for r in runs) / args.duration
        errors = sum(r["errors"] for r in runs)
        print(
            f"{label:<28} {cpu:>10.2f} {cpu / bare_ms:>7.1f} {pg:>9.2f} {sql:>4} "
            f"{rps:>7.0f} {errors:>6}"
        )
    print("CPU: the 2 workers' user+sys time / requests served; PG: PostgreSQL's backends for")
    print("the shop's database; SQL: statements of one request (in-process, same cookies).")


if __name__ == "__main__":
    main()
