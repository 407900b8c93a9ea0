"""``flask orders …`` commands for cron."""

import click
from flask.cli import AppGroup

from shop.extensions import db
from shop.orders.services import expire_due_orders

orders_cli = AppGroup("orders", help="Order maintenance.")


@orders_cli.command("expire")
def expire_command() -> None:
    """Expire unpaid orders past their payment window and give their stock back."""
    numbers = expire_due_orders()
    db.session.commit()
    click.echo(
        f"Expired {len(numbers)} unpaid order(s){': ' if numbers else '.'}{', '.join(numbers)}"
    )
