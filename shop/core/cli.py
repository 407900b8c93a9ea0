"""CLI commands of the outboxes: ``flask mail retry`` and ``flask tasks relay`` (cron, without
Celery beat)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from shop.core.mail import send_failed_now
from shop.core.tasks import backlog, relay_due

mail_cli = AppGroup("mail", help="The mail outbox.")


@mail_cli.command("retry")
@click.option("--limit", default=500, show_default=True, help="At most this many mails.")
def retry_command(limit: int) -> None:
    """Send failed mails now, and again those whose sender died half-way."""
    counts = send_failed_now(limit)
    click.echo(
        f"sent {counts['sent']}, failed {counts['failed']}, "
        f"skipped {counts['skipped']}, interrupted {counts['interrupted']}"
    )


tasks_cli = AppGroup("tasks", help="Background work: the task outbox.")


@tasks_cli.command("relay")
@click.option("--limit", default=500, show_default=True, help="At most this many tasks.")
def relay_command(limit: int) -> None:
    """Relay the work waiting in the outbox (Redis was down, a retry is due): to the worker
    when a broker is configured, else run here. Cron, every minute, without Celery beat."""
    counts = relay_due(limit)
    click.echo(", ".join(f"{key} {value}" for key, value in counts.items()))


@tasks_cli.command("backlog")
def backlog_command() -> None:
    """How many tasks wait, run or failed for good."""
    click.echo(", ".join(f"{key} {value}" for key, value in backlog().items()))
