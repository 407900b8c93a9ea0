"""The platform admin's reference rate page (/admin/exchange-rate): set the THB→MMK rate with
the day it applies from, see the rate in force and the history (shop.pricing.exchange)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import StringField
from wtforms.validators import InputRequired, ValidationError

from shop.accounts.access import admin_required
from shop.core.days import today
from shop.core.fields import DateField
from shop.core.forms import ShopForm
from shop.extensions import db
from shop.platform.views import bp
from shop.pricing import exchange


class ExchangeRateForm(ShopForm):
    kyat_per_baht = StringField(
        _l("Kyat for one baht"),
        description=_l("The reference rate, for example 62.5. Partners see prices in kyat at it."),
        validators=[InputRequired(_l("Enter the kyat one baht buys."))],
    )
    applies_from = DateField(
        _l("Applies from"),
        description=_l("The day (Thai time) from which partner pages use this rate."),
        validators=[InputRequired(_l("Enter the day the rate applies from."))],
    )

    def validate_kyat_per_baht(self, field) -> None:
        try:
            self.micro = exchange.parse_rate(field.data)
        except exchange.RateError as exc:
            raise ValidationError(exc.message) from None


@bp.route("/exchange-rate", methods=["GET", "POST"])
@admin_required
def exchange_rate():
    form = ExchangeRateForm()
    if not form.is_submitted():
        form.applies_from.data = today()
    if form.validate_on_submit():
        rate = exchange.set_rate(form.micro, form.applies_from.data, actor_id=current_user.id)
        db.session.commit()
        flash(
            _(
                "The reference rate %(rate)s kyat for one baht is saved.",
                rate=rate.kyat_per_baht,
            ),
            "success",
        )
        return redirect(url_for("platform.exchange_rate"))
    day = today()
    return render_template(
        "platform/exchange_rate.html",
        form=form,
        current=exchange.rate_on(day),
        today=day,
        rates=exchange.history(),
        example_satang=100_000,
    ), (422 if form.errors else 200)
