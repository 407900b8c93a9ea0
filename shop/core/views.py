"""Site-wide routes: health check, robots.txt, sitemap.xml."""

from __future__ import annotations

import logging

from flask import Blueprint, Response, current_app, jsonify, render_template
from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from shop.catalog import services as catalog
from shop.core.urls import external_url
from shop.extensions import db

log = logging.getLogger(__name__)
bp = Blueprint("core", __name__)


@bp.get("/healthz")
def healthz():
    """Readiness for a load balancer: each dependency's state, 503 only without the database.

    ``{"status": "ok"|"degraded"|"error", "database": "ok"|"unreachable", "redis": "ok"|"down"}``
    (``redis`` only when REDIS_URL is set). Redis holds the cache and rate-limit counters, which
    the shop works without, so Redis down is 200 "degraded": a balancer must not take every
    server out because the cache is gone.
    """
    state = {"status": "ok", "database": "ok"}
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        log.exception("health check: database does not answer")
        db.session.rollback()
        state.update(status="error", database="unreachable")
    redis_url = current_app.config.get("REDIS_URL")
    if redis_url:
        state["redis"] = _redis_state(redis_url)
        if state["redis"] != "ok" and state["status"] == "ok":
            state["status"] = "degraded"
    return jsonify(state), 503 if state["database"] != "ok" else 200


_redis_clients: dict[str, Redis] = {}


def _redis_state(url: str) -> str:
    client = _redis_clients.get(url)
    if client is None:
        client = Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        _redis_clients[url] = client
    try:
        client.ping()
    except RedisError as error:
        log.warning("health check: Redis does not answer: %s", error)
        return "down"
    return "ok"


@bp.get("/robots.txt")
def robots_txt():
    body = "\n".join(
        [
            "User-agent: *",
            "Disallow: /healthz",
            "Disallow: /checkout",
            "Disallow: /seller",
            "Disallow: /admin",
            f"Sitemap: {external_url('core.sitemap_xml')}",
            "",
        ]
    )
    return Response(body, mimetype="text/plain")


@bp.get("/sitemap.xml")
def sitemap_xml():
    entries = catalog.sitemap_entries()
    xml = render_template("sitemap.xml", entries=entries)
    return Response(xml, mimetype="application/xml")
