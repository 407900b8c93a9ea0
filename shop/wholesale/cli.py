"""``flask --app wsgi wholesale …`` commands, for cron."""

import click
from flask.cli import AppGroup

from shop.extensions import db
from shop.wholesale.invoicing import send_reminders

wholesale_cli = AppGroup("wholesale", help="Wholesale maintenance.")


@wholesale_cli.command("remind")
def remind_command() -> None:
    """Mail partners about invoices due soon and overdue (each reminder once). Run daily."""
    sent = send_reminders()
    db.session.commit()
    click.echo(
        f"Sent {sent['before_due']} reminder(s) before the due date and "
        f"{sent['overdue']} for overdue invoices."
    )
