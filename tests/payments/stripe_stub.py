"""A local stand-in for the Stripe API, for the real ``stripe`` SDK (``STRIPE_API_BASE``).

It answers what the shop's gateway calls, the way Stripe does:

- ``POST /v1/checkout/sessions`` and ``POST /v1/refunds``, form-encoded with Stripe's bracket
  notation (``line_items[0][price_data][unit_amount]=18000``), parsed back into dicts and lists;
- idempotency as Stripe documents it for API v1: the first answer to a key is saved and replayed
  for the same parameters, and the same key with other parameters is an ``idempotency_error``;
- Stripe's own checks that matter here: a secret key, ``expires_at`` 30 minutes to 24 hours
  after creation, amounts in whole minor units.

Every request is recorded (method, path, parsed params, headers) for assertions. Outages are
simulated with ``fail_next`` (nothing reaches Stripe) and ``lose_next`` (Stripe does the work
but the answer never arrives). Stripe's side of webhooks is here too: ``event_payload`` builds an
event and ``signature_header`` signs it as Stripe does.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

MIN_EXPIRY_SECONDS = 30 * 60
MAX_EXPIRY_SECONDS = 24 * 60 * 60
_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")


def parse_bracketed(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Form pairs in Stripe's bracket notation back into nested dicts and lists.

    ``a[0][b]=1&a[1][b]=2&m[k]=v&t[]=x`` gives ``{"a": [{"b": "1"}, {"b": "2"}],
    "m": {"k": "v"}, "t": ["x"]}``. Values stay strings, as on the wire.
    """
    root: dict[str, Any] = {}
    for key, value in pairs:
        match = _KEY.match(key)
        if match is None:
            raise ValueError(f"not a Stripe form key: {key!r}")
        path = [match.group(1), *re.findall(r"\[([^\[\]]*)\]", match.group(2))]
        node = root
        for part in path[:-1]:
            node = node.setdefault(part, {})
        last = path[-1]
        if last == "":
            node.setdefault("", []).append(value)
        else:
            node[last] = value
    return _listify(root)


def _listify(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    if set(node) == {""}:
        return [_listify(v) for v in node[""]]
    if node and all(k.isdigit() for k in node):
        return [_listify(node[k]) for k in sorted(node, key=int)]
    return {k: _listify(v) for k, v in node.items()}


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:
        """The stub's requests are recorded for assertions; no need to print them."""


@dataclass
class RecordedRequest:
    method: str
    path: str
    params: dict[str, Any]
    headers: dict[str, str]

    @property
    def idempotency_key(self) -> str | None:
        return self.headers.get("Idempotency-Key")


@dataclass
class _Saved:
    method: str
    path: str
    params: dict[str, Any]
    status: int
    body: dict[str, Any]


@dataclass
class StripeStub:
    """The stub's state; ``start()`` serves it on 127.0.0.1 on a free port."""

    requests: list[RecordedRequest] = field(default_factory=list)
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    refunds: dict[str, dict[str, Any]] = field(default_factory=dict)
    _saved: dict[str, _Saved] = field(default_factory=dict)
    _fail: list[int] = field(default_factory=list)
    _lose: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: Any = None
    _thread: threading.Thread | None = None

    # --- serving ---------------------------------------------------------------------------

    def start(self) -> StripeStub:
        self._server = make_server(
            "127.0.0.1", 0, self.wsgi, threaded=True, request_handler=_QuietHandler
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="stripe-stub", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self.sessions.clear()
            self.refunds.clear()
            self._saved.clear()
            self._fail.clear()
            self._lose = 0

    # --- outages ---------------------------------------------------------------------------

    def fail_next(self, count: int, status: int = 503) -> None:
        """The next ``count`` API calls fail before reaching Stripe: nothing is created or saved."""
        with self._lock:
            self._fail.extend([status] * count)

    def lose_next(self, count: int) -> None:
        """Stripe handles the next ``count`` API calls, but their answers never arrive (502)."""
        with self._lock:
            self._lose += count

    # --- what tests look at ----------------------------------------------------------------

    def calls(self, path: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == path]

    @property
    def session_calls(self) -> list[RecordedRequest]:
        return self.calls("/v1/checkout/sessions")

    def complete(self, session_id: str, payment_status: str = "paid") -> dict[str, Any]:
        """The buyer finished Stripe's page: the session as Stripe then describes it."""
        with self._lock:
            session = self.sessions[session_id]
            session.update(
                status="complete",
                payment_status=payment_status,
                payment_intent=session["payment_intent"] or f"pi_test_{secrets.token_hex(12)}",
            )
            return json.loads(json.dumps(session))

    def expire(self, session_id: str) -> dict[str, Any]:
        with self._lock:
            session = self.sessions[session_id]
            session.update(status="expired", url=None)
            return json.loads(json.dumps(session))

    # --- the API ---------------------------------------------------------------------------

    def wsgi(self, environ, start_response):
        request = Request(environ)
        response = self._dispatch(request)
        return response(environ, start_response)

    def _dispatch(self, request: Request) -> Response:
        if request.method == "GET" and request.path.startswith("/pay/"):
            return self._hosted_page(request.path.removeprefix("/pay/"))
        params = parse_bracketed(list(request.form.items(multi=True)))
        recorded = RecordedRequest(request.method, request.path, params, dict(request.headers))
        with self._lock:
            self.requests.append(recorded)
            if self._fail:
                status = self._fail.pop(0)
                return _error(status, "api_error", "Stripe is unavailable (stub outage).")
            lose = self._lose > 0
            self._lose -= int(lose)
            status, body = self._handle(request, params)
        if lose:
            return _error(502, "api_error", "The answer was lost on the way (stub).")
        return _json(status, body)

    def _handle(self, request: Request, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Bearer sk_test_"):
            return 401, _error_body("invalid_request_error", "Invalid API Key provided.")
        key = request.headers.get("Idempotency-Key")
        if key and key in self._saved:
            saved = self._saved[key]
            if (saved.method, saved.path, saved.params) != (request.method, request.path, params):
                return 400, _error_body(
                    "idempotency_error",
                    "Keys for idempotent requests can only be used with the same parameters "
                    "they were first used with.",
                )
            return saved.status, saved.body
        route = {
            ("POST", "/v1/checkout/sessions"): self._create_session,
            ("POST", "/v1/refunds"): self._create_refund,
        }.get((request.method, request.path))
        if route is None:
            return 404, _error_body("invalid_request_error", "Unrecognized request URL.")
        status, body = route(params)
        if key and not 400 <= status < 500:  # Stripe keeps no result for refused parameters
            self._saved[key] = _Saved(request.method, request.path, params, status, body)
        return status, body

    def _create_session(self, p: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        now = int(time.time())
        if p.get("mode") != "payment" or not p.get("line_items"):
            return 400, _error_body("invalid_request_error", "mode and line_items are required.")
        expires_at = int(p.get("expires_at", now + MAX_EXPIRY_SECONDS))
        if not MIN_EXPIRY_SECONDS <= expires_at - now <= MAX_EXPIRY_SECONDS:
            return 400, _error_body(
                "invalid_request_error",
                "The `expires_at` timestamp must be between 30 minutes and 24 hours from now.",
            )
        try:
            total = sum(
                int(item["price_data"]["unit_amount"]) * int(item["quantity"])
                for item in p["line_items"]
            )
        except (KeyError, ValueError):
            return 400, _error_body("invalid_request_error", "Invalid line_items.")
        session_id = f"cs_test_{secrets.token_urlsafe(24)}"
        session = {
            "id": session_id,
            "object": "checkout.session",
            "amount_subtotal": total,
            "amount_total": total,
            "cancel_url": p.get("cancel_url"),
            "client_reference_id": p.get("client_reference_id"),
            "created": now,
            "currency": p.get("currency", "thb"),
            "customer_email": p.get("customer_email"),
            "expires_at": expires_at,
            "livemode": False,
            "locale": p.get("locale"),
            "metadata": p.get("metadata", {}),
            "mode": "payment",
            "payment_intent": None,
            "payment_method_types": p.get("payment_method_types", ["card"]),
            "payment_status": "unpaid",
            "status": "open",
            "success_url": p.get("success_url"),
            "url": f"{self.url}/pay/{session_id}",
        }
        self.sessions[session_id] = session
        return 200, session

    def _create_refund(self, p: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if not p.get("payment_intent"):
            return 400, _error_body("invalid_request_error", "payment_intent is required.")
        refund = {
            "id": f"re_test_{secrets.token_hex(12)}",
            "object": "refund",
            "amount": int(p["amount"]) if "amount" in p else None,
            "created": int(time.time()),
            "currency": "thb",
            "metadata": p.get("metadata", {}),
            "payment_intent": p["payment_intent"],
            "status": "succeeded",
        }
        self.refunds[refund["id"]] = refund
        return 200, refund

    def _hosted_page(self, session_id: str) -> Response:
        session = self.sessions.get(session_id)
        if session is None or session["status"] != "open":
            return Response("This Checkout Session is no longer available.", status=410)
        return Response(
            f"<h1>Pay {session['amount_total']} {session['currency']}</h1>", mimetype="text/html"
        )


def _error_body(kind: str, message: str) -> dict[str, Any]:
    return {"error": {"type": kind, "message": message}}


def _json(status: int, body: dict[str, Any]) -> Response:
    return Response(
        json.dumps(body),
        status=status,
        mimetype="application/json",
        headers={"Request-Id": f"req_{secrets.token_hex(7)}"},
    )


def _error(status: int, kind: str, message: str) -> Response:
    return _json(status, _error_body(kind, message))


# --- webhooks: what Stripe sends -----------------------------------------------------------


def event_payload(
    event_type: str, obj: dict[str, Any], event_id: str | None = None, created: int | None = None
) -> str:
    """The JSON body of a Stripe event delivery."""
    return json.dumps(
        {
            "id": event_id or f"evt_test_{secrets.token_hex(12)}",
            "object": "event",
            "api_version": "2026-10-28.endive",
            "created": created or int(time.time()),
            "data": {"object": obj},
            "livemode": False,
            "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None},
            "type": event_type,
        }
    )


def signature_header(payload: str, secret: str, timestamp: int) -> str:
    """The ``Stripe-Signature`` header: ``t=<unix time>,v1=<hex HMAC-SHA256>``, the HMAC keyed
    with the endpoint's secret over ``"<t>.<payload>"``."""
    mac = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"
