"""Site-wide routes: health check, robots.txt, sitemap.xml."""

from __future__ import annotations

import logging

from flask import Blueprint, Response, jsonify, render_template, url_for
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from shop.catalog import services as catalog
from shop.extensions import db

log = logging.getLogger(__name__)
bp = Blueprint("core", __name__)


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        log.exception("health check: database does not answer")
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


@bp.get("/robots.txt")
def robots_txt():
    body = "\n".join(
        [
            "User-agent: *",
            "Disallow: /healthz",
            "Disallow: /cart",
            "Disallow: /checkout",
            "Disallow: /account",
            "Disallow: /seller",
            "Disallow: /admin",
            f"Sitemap: {url_for('core.sitemap_xml', _external=True)}",
            "",
        ]
    )
    return Response(body, mimetype="text/plain")


@bp.get("/sitemap.xml")
def sitemap_xml():
    entries = catalog.sitemap_entries()
    xml = render_template("sitemap.xml", entries=entries)
    return Response(xml, mimetype="application/xml")
