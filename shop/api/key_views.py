"""The partner admin's page for API keys and webhooks: /wholesale/api-keys.

A new key is shown once, in the answer to the form that created it (never stored, never put
in the session or a redirect); that form sent again (a reload) creates no second key but says
so. The list shows each key's name, prefix, what it may do, creator, and when it was created,
last used and revoked.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.api import keys, webhooks
from shop.api.forms import ApiKeyForm, WebhookForm
from shop.cart.forms import EmptyForm
from shop.extensions import db
from shop.wholesale.access import current_partner, partner_admin_required

bp = Blueprint("wholesale_api", __name__, url_prefix="/wholesale/api-keys")


def _page(form: ApiKeyForm, new_token: str | None = None, webhook_form=None, status=200):
    partner = current_partner()
    endpoint = webhooks.endpoint_of(partner.id)
    if webhook_form is None:
        webhook_form = WebhookForm(formdata=None, url=endpoint.url if endpoint else "")
    return render_template(
        "wholesale/api_keys.html",
        partner=partner,
        keys=keys.keys_of(partner.id),
        form=form,
        new_token=new_token,
        webhook_form=webhook_form,
        endpoint=endpoint,
        deliveries=webhooks.recent_deliveries(partner.id),
        delivery_status_names=webhooks.STATUS_NAMES,
        delivery_errors=webhooks.ERRORS,
        scope_names=keys.SCOPE_NAMES,
    ), status


@bp.get("")
@partner_admin_required
def index():
    return _page(ApiKeyForm(formdata=None))


@bp.post("")
@partner_admin_required
def create():
    form = ApiKeyForm()
    if not form.validate():
        return _page(form, status=422)
    try:
        new = keys.create_key(
            current_partner(), current_user, form.name.data, form.scopes(), form.nonce.data
        )
    except keys.KeyAlreadyCreated as exc:
        db.session.rollback()
        flash(
            _(
                "This form created the key “%(name)s” already: it is in the list. A key is "
                "shown only once; if you did not copy it, revoke it and create another.",
                name=exc.key.name,
            ),
            "info",
        )
        return redirect(url_for("wholesale_api.index"), 303)
    except keys.KeyError_ as exc:
        db.session.rollback()
        form.name.errors = [*form.name.errors, str(exc.message)]
        return _page(form, status=422)
    db.session.commit()
    return _page(ApiKeyForm(formdata=None), new_token=new.token, status=201)


@bp.post("/<int:key_id>/revoke")
@partner_admin_required
def revoke(key_id: int):
    if not EmptyForm().validate():
        abort(400)
    key = keys.revoke_key(current_partner(), key_id, current_user)
    if key is None:
        abort(404)
    db.session.commit()
    flash(_("The key “%(name)s” was revoked: it no longer works.", name=key.name), "success")
    return redirect(url_for("wholesale_api.index"))


@bp.post("/webhook")
@partner_admin_required
def webhook():
    form = WebhookForm()
    if not form.validate():
        return _page(ApiKeyForm(formdata=None), webhook_form=form, status=422)
    try:
        webhooks.set_endpoint(current_partner(), form.url.data or "", actor=current_user)
    except webhooks.WebhookError as exc:
        db.session.rollback()
        form.url.errors = [*form.url.errors, str(exc.message)]
        return _page(ApiKeyForm(formdata=None), webhook_form=form, status=422)
    db.session.commit()
    flash(_("The address for events was saved."), "success")
    return redirect(url_for("wholesale_api.index"))
