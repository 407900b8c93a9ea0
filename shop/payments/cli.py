"""``flask payments send-refunds`` (cron, every few minutes): card refunds Stripe has not
accepted yet are sent again with their own idempotency keys."""

from __future__ import annotations

from datetime import timedelta

import click
from flask.cli import AppGroup

from shop.extensions import db
from shop.payments.models import RefundStatus
from shop.payments.refunds import pending_refunds, send

payments_cli = AppGroup("payments", help="Payments and refunds.")


@payments_cli.command("send-refunds")
@click.option("--limit", default=500, show_default=True, help="At most this many refunds.")
def send_refunds_command(limit: int) -> None:
    """Send again card refunds Stripe has not accepted (last tried over a minute ago)."""
    ids = [refund.id for refund in pending_refunds(older_than=timedelta(minutes=1), limit=limit)]
    db.session.commit()
    results = send(ids)
    sent = sum(refund.status == RefundStatus.SENT for refund in results)
    click.echo(f"sent {sent}, still pending {len(results) - sent}")
