"""The Ranong cooperative coffee shop: application factory."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from shop import config as shop_config
from shop.core import form_messages
from shop.core.urls import IdConverter
from shop.extensions import (
    babel,
    cache,
    compress,
    csrf,
    db,
    limiter,
    login_manager,
    mail,
    migrate,
)


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app from the environment, overridden by ``config`` (tests pass theirs)."""
    from shop.core.db import engine_options
    from shop.core.mail import mail_settings

    settings = shop_config.from_environment()
    settings.update(config or {})
    settings = {**mail_settings(settings), **settings}
    settings.setdefault(
        "SQLALCHEMY_ENGINE_OPTIONS", engine_options(settings["SQLALCHEMY_DATABASE_URI"])
    )
    app = Flask(__name__, instance_path=settings["INSTANCE_PATH"], instance_relative_config=False)
    app.config.update(settings)
    app.url_map.converters["int"] = IdConverter
    if app.config.get("TRUSTED_PROXIES"):
        # Behind a load balancer every request comes from its address; the client's is the one
        # it appended to X-Forwarded-For. Without this, per-address log-in limits would hold
        # every buyer at once. Only the proxies' own entries are trusted (no spoofing).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["TRUSTED_PROXIES"])

    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_commands(app)
    configure_logging(app)
    return app


def register_extensions(app: Flask) -> None:
    from shop.core import security_headers, storage, tasks
    from shop.core.db import configure_sqlite
    from shop.core.i18n import select_locale

    # First, so its after_request hook runs last (Flask runs them last-registered first): it
    # compresses the body every other hook (the CSRF token of a shared page) has finished.
    compress.init_app(app)
    db.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            configure_sqlite(db.engine)
    migrate.init_app(app, db, directory=str(_project_root() / "migrations"))
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None
    csrf.init_app(app)
    security_headers.init_app(app)
    form_messages.init_app(app)
    mail.init_app(app)
    limiter.init_app(app)
    cache.init_app(app)
    babel.init_app(
        app, locale_selector=select_locale, default_translation_directories="translations"
    )

    _import_models()
    from shop.accounts import login_sessions

    # The user and the browser's live server-side log-in, in one query (accounts.login_sessions).
    login_manager.user_loader(login_sessions.load_user)
    app.after_request(login_sessions.record_seen)
    tasks.init_app(app)  # the Celery app: app.extensions["celery"] (shop.core.tasks)
    storage.init_app(app)  # files: the upload folder or a bucket (shop.core.storage)


def _import_models() -> None:
    """Import every domain's models so the metadata (and Alembic) knows all tables."""
    import shop.accounts.models
    import shop.api.models
    import shop.cart.models
    import shop.catalog.models
    import shop.core.models
    import shop.documents.models
    import shop.inventory.models
    import shop.orders.models
    import shop.payments.models
    import shop.platform.models
    import shop.pricing.exchange
    import shop.pricing.models
    import shop.wholesale.models  # noqa: F401


def register_blueprints(app: Flask) -> None:
    from shop.accounts.views import bp as accounts_bp
    from shop.cart.views import bp as cart_bp
    from shop.catalog.views import bp as catalog_bp
    from shop.core.views import bp as core_bp
    from shop.documents.views import bp as documents_bp
    from shop.orders.views import bp as orders_bp
    from shop.payments.views import bp as payments_bp
    from shop.platform.views import bp as platform_bp
    from shop.seller.views import bp as seller_bp
    from shop.wholesale.saved_list_views import bp as wholesale_lists_bp
    from shop.wholesale.spreadsheet_views import bp as wholesale_sheet_bp
    from shop.wholesale.views import bp as wholesale_bp

    blueprints = (
        core_bp,
        catalog_bp,
        accounts_bp,
        cart_bp,
        orders_bp,
        payments_bp,
        seller_bp,
        platform_bp,
        documents_bp,
        wholesale_bp,
        wholesale_sheet_bp,
        wholesale_lists_bp,
    )
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    from shop.api import views as api_views

    api_views.init_app(app)  # /api/v1 through flask-smorest, which registers its blueprint


def register_errorhandlers(app: Flask) -> None:
    from shop.core.errors import register

    register(app)


def register_template_helpers(app: Flask) -> None:
    from shop.core.templating import register
    from shop.pricing.exchange import kyat_reference

    register(app)
    # Partner pages only: "≈ K 8,950 (reference)" beside a baht price (shop.pricing.exchange).
    app.add_template_global(kyat_reference)
    app.add_template_filter(kyat_reference)


def register_commands(app: Flask) -> None:
    from shop.catalog.demo import demo_data_command
    from shop.core.cli import mail_cli, tasks_cli
    from shop.orders.cli import orders_cli
    from shop.payments.cli import payments_cli
    from shop.wholesale.cli import wholesale_cli

    app.cli.add_command(demo_data_command)
    app.cli.add_command(mail_cli)
    app.cli.add_command(tasks_cli)
    app.cli.add_command(orders_cli)
    app.cli.add_command(payments_cli)
    app.cli.add_command(wholesale_cli)


def configure_logging(app: Flask) -> None:
    if not app.debug and not app.testing:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )


def _project_root():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent
