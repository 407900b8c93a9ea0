"""CLI commands of the mail outbox: ``flask mail retry`` (cron, every few minutes)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from shop.core.mail import retry_outstanding

mail_cli = AppGroup("mail", help="The mail outbox.")


@mail_cli.command("retry")
@click.option("--limit", default=500, show_default=True, help="At most this many mails.")
def retry_command(limit: int) -> None:
    """Send failed mails again, and queued ones their process never sent."""
    counts = retry_outstanding(limit)
    click.echo(
        f"sent {counts['sent']}, failed {counts['failed']}, "
        f"skipped {counts['skipped']}, interrupted {counts['interrupted']}"
    )
