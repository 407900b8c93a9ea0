"""Mail in the recipient's language: SMTP when MAIL_SERVER is set, else a readable outbox folder.

Templates: ``templates/mail/<name>.subject.txt`` (one line) and ``templates/mail/<name>.txt``.
"""

from __future__ import annotations

import logging
from email.header import decode_header, make_header

from flask import current_app, render_template
from flask_babel import force_locale
from flask_mailman import EmailMessage
from flask_mailman.backends.file import EmailBackend as FileEmailBackend
from sqlalchemy import event
from sqlalchemy.orm import Session

from shop.extensions import db

log = logging.getLogger(__name__)
PENDING = "mail_after_commit"


class OutboxEmailBackend(FileEmailBackend):
    """Writes each mail as plain UTF-8 text into the outbox folder, and logs it."""

    def write_message(self, message):
        mime = message.message()
        subject = str(make_header(decode_header(mime["Subject"])))
        text = (
            f"From: {message.from_email}\n"
            f"To: {', '.join(message.to)}\n"
            f"Subject: {subject}\n"
            f"Date: {mime['Date']}\n\n"
            f"{message.body}\n" + "-" * 72 + "\n"
        )
        self.stream.write(text.encode("utf-8"))
        log.info("mail to %s: %s (outbox %s)", ", ".join(message.to), subject, self._fname)


def mail_settings(config: dict) -> dict:
    """Mail backend settings for Flask-Mailman from the shop's environment-built config."""
    if config.get("MAIL_SERVER"):
        return {"MAIL_BACKEND": "smtp"}
    return {
        "MAIL_BACKEND": "shop.core.mail.OutboxEmailBackend",
        "MAIL_FILE_PATH": f"{config['INSTANCE_PATH']}/outbox",
    }


def _render(to: str, template: str, lang: str, context: dict) -> EmailMessage:
    with force_locale(lang):
        subject = render_template(f"mail/{template}.subject.txt", **context).strip()
        body = render_template(f"mail/{template}.txt", **context)
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=current_app.config["MAIL_DEFAULT_SENDER"],
        to=[to],
    )


def send_mail(to: str, template: str, lang: str, **context) -> None:
    """Render ``mail/<template>`` in ``lang`` and send it to one recipient now."""
    _render(to, template, lang, context).send()


def send_after_commit(to: str, template: str, lang: str, **context) -> None:
    """Render the mail now, send it once the current transaction commits (never on rollback).

    Services that change state call this, so a rolled-back change never mails anyone.
    """
    db.session.info.setdefault(PENDING, []).append(_render(to, template, lang, context))


@event.listens_for(Session, "after_commit")
def _deliver(session: Session) -> None:
    for message in session.info.pop(PENDING, []):
        try:
            message.send()
        except Exception:  # noqa: BLE001 - the change is committed; a lost mail must not undo it
            log.exception("mail to %s could not be sent", message.to)


@event.listens_for(Session, "after_rollback")
def _discard(session: Session) -> None:
    session.info.pop(PENDING, None)
