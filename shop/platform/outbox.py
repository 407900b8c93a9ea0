"""The admin's view of the mail outbox (/admin/mail): failed mails, their errors, a retry."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from shop.accounts.access import admin_required
from shop.core import mail
from shop.core.models import MailOutbox
from shop.extensions import db
from shop.platform.views import bp


@bp.get("/mail")
@admin_required
def mail_outbox():
    return render_template(
        "platform/mail.html",
        waiting=mail.waiting_mails(),
        failed=mail.failed_mails(),
        counts=mail.status_counts(),
    )


@bp.post("/mail/<int:mail_id>/retry")
@admin_required
def retry_mail(mail_id: int):
    row = db.session.get(MailOutbox, mail_id) or abort(404)
    if mail.requeue(row):
        db.session.commit()  # the mail leaves after the response
        flash(
            _("The mail to %(recipient)s is being sent again.", recipient=row.recipient), "success"
        )
    else:
        flash(_("This mail is not waiting for a retry any more."), "error")
    return redirect(url_for("platform.mail_outbox"))
