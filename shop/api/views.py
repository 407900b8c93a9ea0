"""/api/v1: the partner API (flask-smorest). Thin views over shop.api's services, which call
the wholesale services of the pages (prices, rules, ordering, statement).

Every call but the document and the problem types carries ``Authorization: Bearer <key>``; the
session cookie never authenticates here, and CSRF does not apply (the key is not sent by a
browser on its own). Limits per key in the limiter's shared storage, told in ``RateLimit-*``
headers. Errors are problem+json (shop.api.problems).
"""

from __future__ import annotations

from flask import current_app, g, jsonify, request
from flask.views import MethodView
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_smorest import Api, Blueprint
from werkzeug.exceptions import HTTPException

from shop.api import accounts, catalogue, keys, ordering
from shop.api.models import ApiKey, Scope
from shop.api.problems import (
    PROBLEM_JSON,
    ApiProblem,
    api_language,
    from_api_problem,
    from_http_exception,
    problem_response,
    problem_types,
)
from shop.api.schemas import (
    IdempotencyHeader,
    OrderIn,
    OrderListQuery,
    OrderOut,
    OrderPage,
    PageQuery,
    Problem,
    ProductOut,
    ProductPage,
    StatementOut,
)
from shop.core.errors import ERROR_RESPONDERS
from shop.documents import wholesale as papers
from shop.documents.views import pdf_response
from shop.extensions import csrf, db, limiter
from shop.wholesale.models import PartnerMembership

PUBLIC_ENDPOINTS = frozenset({"api.openapi_json", "api.problem_type"})
DEFAULT_RATE_LIMIT = "300 per minute"


class PartnerApi(Api):
    """flask-smorest's Api, leaving the shop's own error pages alone: errors under /api/v1 are
    answered by this package's handlers, never by one the library would register app-wide."""

    ERROR_SCHEMA = Problem

    def _register_error_handlers(self):
        pass


bp = Blueprint(
    "api",
    __name__,
    url_prefix="/api/v1",
    description="Partner API: catalogue with your prices, orders, statement.",
)


# --- who is calling -------------------------------------------------------------------------


def _bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def rate_limit_key() -> str:
    """The key's digest (no database needed), else the caller's address."""
    token = _bearer()
    if token:
        return "api-key:" + keys.digest(token)[:32]
    return "api-addr:" + (request.remote_addr or "")


def rate_limit() -> str:
    return current_app.config.get("API_RATE_LIMIT", DEFAULT_RATE_LIMIT)


@bp.before_request
def identify():
    g.api_language = api_language()
    # The request's language for everything translated (detail, names), whatever the cookie.
    # Kept in g: the context manager restores the old locale when it is closed (collected).
    g.api_locale = force_locale(g.api_language)
    g.api_locale.__enter__()
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    try:
        g.api_key, g.api_membership = keys.authenticate(_bearer())
    except keys.KeyRefused as refused:
        raise ApiProblem(refused.slug) from None
    return None


def current_key(scope: Scope) -> tuple[ApiKey, PartnerMembership]:
    """The request's key and membership; raises ApiProblem when the key lacks ``scope``."""
    key = g.api_key
    if scope.value not in key.scope_set:
        raise ApiProblem(
            "insufficient-scope",
            _l("This API key may not do this: it lacks the scope %(scope)s.", scope=scope.value),
            required_scope=scope.value,
        )
    return key, g.api_membership


@bp.after_request
def api_headers(response):
    response.headers["Content-Language"] = g.get("api_language", "en")
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers["Vary"] = "Authorization, Accept-Language"
    current = limiter.current_limit if limiter.enabled else None
    if current is not None:
        from time import time

        response.headers["RateLimit-Limit"] = str(current.limit.amount)
        response.headers["RateLimit-Remaining"] = str(max(current.remaining, 0))
        response.headers["RateLimit-Reset"] = str(max(int(current.reset_at - time()), 0))
        response.headers["RateLimit-Policy"] = (
            f"{current.limit.amount};w={current.limit.get_expiry()}"
        )
    return response


@bp.errorhandler(ApiProblem)
def api_problem(error: ApiProblem):
    return from_api_problem(error)


@bp.errorhandler(HTTPException)
def api_http_error(error: HTTPException):
    return from_http_exception(error)


PROBLEMS = {
    code: {"description": description, "schema": Problem, "content_type": PROBLEM_JSON}
    for code, description in (
        (400, "Bad request (parameters, JSON)"),
        (401, "Missing, unknown or revoked key"),
        (403, "Partner not active, or the key lacks the scope"),
        (429, "Too many requests for this key"),
    )
}


def problems(*codes):
    """Document the problem responses an operation may give (plus the common ones)."""

    def decorate(view):
        for code in sorted({400, 401, 403, 429, *codes}, reverse=True):
            spec = PROBLEMS.get(code) or {
                "description": {404: "Not found", 409: "Idempotency key reused", 422: "Refused"}[
                    code
                ],
                "schema": Problem,
                "content_type": PROBLEM_JSON,
            }
            view = bp.alt_response(code, **spec)(view)
        return view

    return decorate


# The key is the caller's credential, not a cookie a browser sends by itself: no CSRF token.
csrf.exempt(bp)
limiter.shared_limit(rate_limit, scope="api-v1", key_func=rate_limit_key)(bp)


# --- catalogue ---------------------------------------------------------------------------------


def _buyer():
    from shop.pricing.quotes import Buyer

    partner = g.api_membership.partner
    return Buyer(partner_id=partner.id, price_list=partner.price_list)


def _after(cursor: str | None, kind: str) -> int | None:
    if cursor is None:
        return None
    try:
        return catalogue.decode_cursor(kind, cursor)
    except catalogue.BadCursor:
        raise ApiProblem(
            "bad-request",
            _l("This cursor is not one we gave: start again without it."),
            errors={"query.cursor": ["unknown cursor"]},
        ) from None


@bp.route("/products")
class Products(MethodView):
    @bp.arguments(PageQuery, location="query", error_status_code=400)
    @bp.response(200, ProductPage)
    @problems()
    def get(self, query):
        """Your catalogue: every wholesale pack with your prices, a page at a time.

        Sorted by pack; follow ``next_cursor`` until it is null (a page may hold fewer than
        ``limit``). ``updated_since`` gives only the packs changed since (stock, prices, rules,
        names), and in ``withdrawn`` the SKUs taken off sale since."""
        current_key(Scope.CATALOGUE_READ)
        page = catalogue.product_page(
            _buyer(),
            after=_after(query.get("cursor"), "products") or 0,
            limit=query["limit"],
            updated_since=query.get("updated_since"),
        )
        methods = catalogue.delivery_methods(page.rows)
        return jsonify(
            items=[catalogue.represent(row, g.api_language, methods) for row in page.rows],
            withdrawn=page.withdrawn,
            next_cursor=page.next_cursor,
        )


@bp.route("/products/<string:sku>")
class ProductDetail(MethodView):
    @bp.response(200, ProductOut)
    @problems(404)
    def get(self, sku):
        """One wholesale pack by its SKU, with your prices."""
        current_key(Scope.CATALOGUE_READ)
        row = catalogue.product_by_sku(_buyer(), sku[:64])
        if row is None:
            raise ApiProblem("not-found", _l("No wholesale pack has this SKU."))
        return jsonify(catalogue.represent(row, g.api_language, catalogue.delivery_methods([row])))


# --- orders ------------------------------------------------------------------------------------


def _order_response(order, status: int):
    body = OrderOut().dump(
        accounts.represent_order(order, g.api_language, accounts.records_of([order]))
    )
    response = jsonify(body)
    response.status_code = status
    response.headers["Location"] = f"/api/v1/orders/{order.number}"
    return response


@bp.route("/orders")
class Orders(MethodView):
    @bp.arguments(OrderListQuery, location="query", error_status_code=400)
    @bp.response(200, OrderPage)
    @problems()
    def get(self, query):
        """Your company's orders, newest first, a page at a time."""
        key, _membership = current_key(Scope.ORDERS_WRITE)
        before = _after(query.get("cursor"), "orders")
        page = accounts.order_page(
            key.partner_shop_id,
            before=before,
            limit=query["limit"],
            status=query.get("status"),
            updated_since=query.get("updated_since"),
        )
        records = accounts.records_of(page.rows)
        return {
            "items": [accounts.represent_order(o, g.api_language, records) for o in page.rows],
            "next_cursor": page.next_cursor,
        }

    @bp.arguments(IdempotencyHeader, location="headers", error_status_code=400)
    @bp.arguments(OrderIn, location="json", error_status_code=400)
    @bp.response(201, OrderOut, description="Placed")
    @bp.alt_response(200, schema=OrderOut, description="The order this Idempotency-Key placed")
    @problems(409, 422)
    def post(self, headers, body):
        """Place an order on account, as on /wholesale/checkout.

        Requires ``Idempotency-Key``: the same key and body again return the same order (200);
        the same key with another body is a 409. A refused order is a 422 naming each line
        (for a quantity off the carton rule, the nearest valid quantities)."""
        key, membership = current_key(Scope.ORDERS_WRITE)
        idempotency_key = headers["idempotency_key"]
        digest = ordering.body_digest(body)
        partner_id = key.partner_shop_id
        claimed = None
        for _attempt in range(2):
            try:
                earlier = ordering.earlier_order(partner_id, idempotency_key, digest)
            except ordering.IdempotencyConflict:
                raise ApiProblem("idempotency-key-reused") from None
            if earlier is not None:
                return _order_response(earlier, 200)
            claimed = ordering.claim_key(partner_id, idempotency_key, digest)
            if claimed is not None:
                break
            db.session.rollback()  # another request took the key: read what it placed
        if claimed is None:
            raise ApiProblem("idempotency-key-reused")
        try:
            order = ordering.place_api_order(
                membership,
                ordering.OrderRequest(
                    lines=[(line["sku"], line["quantity"]) for line in body["lines"]],
                    po_number=body["po_number"],
                    note=body["note"],
                    delivery_method_ids=body["delivery_method_ids"],
                    locale=g.api_language,
                ),
            )
        except ordering.OrderRefused as refused:
            db.session.rollback()
            raise ApiProblem("order-refused", refused.detail, lines=refused.lines) from None
        claimed.order_id = order.id
        db.session.commit()
        return _order_response(order, 201)


@bp.route("/orders/<string:number>")
class OrderDetail(MethodView):
    @bp.response(200, OrderOut)
    @problems(404)
    def get(self, number):
        """One of your company's orders: each cooperative's part with its status, delivery
        date, tracking, invoice and papers (PDF links)."""
        key, _membership = current_key(Scope.ORDERS_WRITE)
        order = accounts.order_by_number(key.partner_shop_id, number)
        if order is None:
            raise ApiProblem("not-found", _l("Your company has no order with this number."))
        return accounts.represent_order(order, g.api_language, accounts.records_of([order]))


@bp.route("/documents/<int:document_id>")
class DocumentPdf(MethodView):
    @bp.response(
        200,
        description="The document as issued (PDF/A): a proforma invoice, a tax invoice, a "
        "commercial invoice or a packing list.",
        content_type="application/pdf",
    )
    @problems(404)
    def get(self, document_id):
        """A paper of one of your company's orders, as listed in the order's ``documents``."""
        key, _membership = current_key(Scope.ORDERS_WRITE)
        document = papers.partners_document(key.partner_shop_id, document_id)
        if document is None:
            raise ApiProblem("not-found", _l("Your company has no document with this id."))
        return pdf_response(document)


@bp.route("/statement")
class Statement(MethodView):
    @bp.response(200, StatementOut)
    @problems()
    def get(self):
        """Your company's balance, open invoices and their ageing (as /wholesale/statement)."""
        current_key(Scope.ORDERS_WRITE)
        return accounts.represent_statement(g.api_membership.partner, g.api_language)


# --- the document ------------------------------------------------------------------------------


@bp.route("/openapi.json")
def openapi_json():
    return jsonify(openapi_document())


@bp.route("/problems/<string:slug>")
def problem_type(slug):
    for kind in problem_types():
        if kind["slug"] == slug:
            return jsonify(kind)
    return problem_response("not-found")


def openapi_document() -> dict:
    """The OpenAPI 3.1 document flask-smorest builds from the views and schemas, with the
    problem responses' media type and the bearer scheme."""
    spec = current_app.extensions["flask-smorest"]["apis"][""]["ext_obj"].spec.to_dict()
    spec.setdefault("components", {}).setdefault("securitySchemes", {})["bearerAuth"] = {
        "type": "http",
        "scheme": "bearer",
        "description": "A key from /wholesale/api-keys (partner admins).",
    }
    spec["security"] = [{"bearerAuth": []}]
    spec["servers"] = [{"url": "/"}]
    for name, response in spec["components"].get("responses", {}).items():
        content = response.get("content", {})
        if "application/json" in content and name not in ("DEFAULT_ERROR",):
            content[PROBLEM_JSON] = content.pop("application/json")
    paths = spec.get("paths", {})
    for path in [p for p in paths if p.endswith("/openapi.json") or "/problems/" in p]:
        del paths[path]  # served without a key, and not part of the API proper
    for operations in paths.values():
        for operation in operations.values():
            if isinstance(operation, dict):
                operation.get("responses", {}).pop("default", None)
    for operations in paths.values():  # docstrings' ``code`` is Markdown's `code` here
        for operation in operations.values():
            for part in ("summary", "description"):
                if isinstance(operation, dict) and part in operation:
                    operation[part] = operation[part].replace("``", "`")
    pdf = paths["/api/v1/documents/{document_id}"]["get"]["responses"]["200"]
    pdf["content"] = {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}
    return spec


def init_app(app) -> None:
    """Attach the API: flask-smorest, the per-key limit, CSRF exemption, error pages."""
    app.config.setdefault("API_TITLE", "Ranong Cooperative Coffee partner API")
    app.config.setdefault("API_VERSION", "1.0")
    app.config.setdefault("OPENAPI_VERSION", "3.1.0")
    app.config.setdefault("API_RATE_LIMIT", DEFAULT_RATE_LIMIT)
    app.config.setdefault("OPENAPI_URL_PREFIX", None)  # served by this blueprint instead
    from shop.api import key_views, webhooks  # noqa: F401 - webhooks registers its task

    api = PartnerApi(app)
    api.register_blueprint(bp)
    ERROR_RESPONDERS["/api/"] = from_http_exception
    app.register_blueprint(key_views.bp)
