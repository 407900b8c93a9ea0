"""Lighthouse (mobile) over the shop's key pages in Thai, English and Burmese.

Usage: make bench-lighthouse   (or: .venv/bin/python bench/lighthouse.py [--runs 3]
       [--langs th,en,my] [--pages home,cart] [--keep DIR])

Loads the demo shop into a throw-away SQLite database, serves it with gunicorn (2 workers, a free
127.0.0.1 port), logs a demo customer in and puts one line in its cart, then runs Lighthouse
12.2.3 (node_modules, `npm ci`) in Debian's Chromium over every key page in each language. Each
page is run ``--runs`` times; the table gives the median score of each category
(performance, accessibility, best practices, SEO) and, under it, every audit that scored below 1
in the median run (timing audits with their values). Thai pages are the bare URLs (the shop's
default language, what a visitor without a cookie sees); English and Burmese add ``?lang=``.
No traffic leaves 127.0.0.1: Chromium resolves no other host.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalogue import BIN, ROOT, free_port, wait_until_up  # noqa: E402 - bench/ is not a package

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --host-resolver-rules='MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "best", "seo": "seo"}
LANGS = ("th", "en", "my")
CUSTOMER = ("nattaphon@example.org", "kafae-ranong-2026")  # shop/catalog/demo_data.py ACCOUNTS
PRODUCT_SLUG = "rae-nong-3in1-original"
# (name, path, needs the logged-in customer with a cart line)
PAGES = [
    ("home", "/", False),
    ("products", "/products", False),
    ("product", f"/products/{PRODUCT_SLUG}", False),
    ("category", "/products?category=coffee-beans", False),
    ("search", "/products?q=" + urllib.parse.quote("กาแฟ"), False),
    ("login", "/account/login", False),
    ("register", "/account/register", False),
    ("order-find", "/orders/find", False),
    ("cart", "/cart", True),
    ("account", "/account", True),
]


class Visitor:
    """A browser-like client (cookies, CSRF tokens) used to log in and fill a cart."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as r:
            return r.read().decode("utf-8")

    def post(self, path: str, form_page: str, fields: dict) -> str:
        html = self.get(form_page)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
        data = urllib.parse.urlencode({"csrf_token": token, **fields}).encode()
        with self.opener.open(self.base + path, data=data, timeout=30) as r:
            return r.read().decode("utf-8")

    def cookie_header(self) -> str:
        """The session's cookies, without the remembered language (the URL names it)."""
        return "; ".join(f"{c.name}={c.value}" for c in self.jar if c.name != "lang")


def log_in_with_a_cart_line(base: str) -> str:
    """Log the demo customer in, add one product to its cart; returns the Cookie header."""
    visitor = Visitor(base)
    email, password = CUSTOMER
    visitor.post("/account/login", "/account/login", {"email": email, "password": password})
    product = visitor.get(f"/products/{PRODUCT_SLUG}")
    variant = re.search(r'name="variant_id"[^>]*value="(\d+)"', product)
    if variant is None:
        variant = re.search(r'value="(\d+)"[^>]*name="variant_id"', product)
    visitor.post(
        "/cart/add", f"/products/{PRODUCT_SLUG}", {"variant_id": variant.group(1), "quantity": "1"}
    )
    cart = visitor.get("/cart?lang=en")  # also takes the "Added to your cart" note off the stack
    account = visitor.get("/account?lang=en")
    if PRODUCT_SLUG not in cart or 'action="/account/logout"' not in account:
        raise RuntimeError("could not log the demo customer in with a line in the cart")
    return visitor.cookie_header()


def quiet_flask(env: dict, *args: str) -> None:
    """``flask --app wsgi <args>``, its output shown only if it fails."""
    done = subprocess.run(
        [str(BIN / "flask"), "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(f"flask {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


def url_for_lang(base: str, path: str, lang: str) -> str:
    if lang == "th":
        return base + path
    return base + path + ("&" if "?" in path else "?") + f"lang={lang}"


def lighthouse(url: str, out: Path, headers: dict | None) -> dict:
    """One Lighthouse mobile run; returns its JSON report."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--only-categories=" + ",".join(CATEGORIES),
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if headers:
        command.append("--extra-headers=" + json.dumps(headers))
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text("utf-8"))


def scores(report: dict) -> dict[str, float]:
    return {c: report["categories"][c]["score"] or 0.0 for c in CATEGORIES}


def failing_audits(report: dict) -> list[str]:
    """Audits counted in a category that scored below 1: id (and the measured value). Timing
    metrics are listed only when the page's performance is below 1.00."""
    metrics = {
        ref["id"]
        for ref in report["categories"]["performance"]["auditRefs"]
        if ref.get("group") == "metrics"
    }
    perf_below_1 = round((report["categories"]["performance"]["score"] or 0) * 100) < 100
    counted = {
        ref["id"]
        for c in CATEGORIES
        for ref in report["categories"][c]["auditRefs"]
        if ref["weight"]
    }
    failing = []
    for audit_id, audit in report["audits"].items():
        score = audit.get("score")
        if (
            score is None
            or score >= 1
            or audit.get("scoreDisplayMode") in ("informative", "manual")
        ):
            continue
        if audit_id not in counted and audit.get("scoreDisplayMode") != "binary":
            continue
        if audit_id in metrics and not perf_below_1:
            continue
        value = audit.get("displayValue")
        failing.append(f"{audit_id} ({score:.2f}{', ' + value if value else ''})")
    return sorted(failing)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median is reported)")
    parser.add_argument("--langs", default=",".join(LANGS))
    parser.add_argument("--pages", default="", help="comma-separated page names (default: all)")
    parser.add_argument("--keep", help="keep the JSON reports in this directory")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: npm ci (package.json pins lighthouse 12.2.3)")
    if not Path(CHROMIUM).exists():
        sys.exit("Chromium is not installed: apt-get install chromium fonts-noto-core")
    wanted = set(filter(None, args.pages.split(",")))
    pages = [p for p in PAGES if not wanted or p[0] in wanted]
    langs = args.langs.split(",")

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp:
        reports = Path(args.keep) if args.keep else Path(tmp)
        reports.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
        env.update(
            SHOP_ENV="production",
            SECRET_KEY=secrets.token_urlsafe(48),
            SHOP_INSTANCE_PATH=tmp,
            DATABASE_URL=f"sqlite:///{tmp}/shop.sqlite3",
            RATELIMIT_ALLOW_MEMORY="1",  # one log-in: the limits' storage does not matter
            SESSION_COOKIE_SECURE="0",  # plain HTTP on 127.0.0.1
        )
        quiet_flask(env, "db", "upgrade", "heads")  # every head, should a merge be pending
        quiet_flask(env, "demo-data")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        # Links, canonical and hreflang URLs on the served host and port, as `make serve` does.
        env["SHOP_BASE_URL"] = base
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "--workers", "2",
                "--bind", f"127.0.0.1:{port}",
                "--no-control-socket",
                "--log-level", "warning",
                "wsgi:app",
            ],
            cwd=ROOT,
            env=env,
        )  # fmt: skip
        try:
            wait_until_up(base + "/")
            cookies = log_in_with_a_cart_line(base) if any(p[2] for p in pages) else ""
            for name, path, logged_in in pages:
                for lang in langs:
                    url = url_for_lang(base, path, lang)
                    headers = {"Cookie": cookies} if logged_in else None
                    runs = []
                    for n in range(args.runs):
                        out = reports / f"{name}-{lang}-{n + 1}.json"
                        runs.append(lighthouse(url, out, headers))
                    runs.sort(key=lambda r: scores(r)["performance"])
                    median_run = runs[len(runs) // 2]
                    medians = {c: statistics.median(scores(r)[c] for r in runs) for c in CATEGORIES}
                    perf_all = [scores(r)["performance"] for r in runs]
                    rows.append((name, lang, medians, perf_all, failing_audits(median_run)))
                    print(
                        f"{name:<11} {lang}  "
                        + "  ".join(f"{SHORT[c]} {medians[c]:.2f}" for c in CATEGORIES),
                        file=sys.stderr,
                    )
        finally:
            server.terminate()
            server.wait(timeout=20)

    print()
    print(
        f"Lighthouse 12.2.3, mobile, Chromium headless; median of {args.runs} run(s) per page; "
        "gunicorn 2 workers, demo data, SQLite"
    )
    header = f"{'page':<11} {'lang':<4} " + " ".join(f"{SHORT[c]:>5}" for c in CATEGORIES)
    print(header + "  perf runs")
    for name, lang, medians, perf_all, failing in rows:
        line = f"{name:<11} {lang:<4} " + " ".join(f"{medians[c]:>5.2f}" for c in CATEGORIES)
        print(line + "  " + " ".join(f"{p:.2f}" for p in perf_all))
        for audit in failing:
            print(f"{'':<17}- {audit}")
    below = [r for r in rows if any(v < 1 for v in r[2].values())]
    print(f"{len(rows) - len(below)} of {len(rows)} pages score 1.00 in all four categories.")


if __name__ == "__main__":
    main()
