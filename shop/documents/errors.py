"""Why a document cannot be issued: each error carries a message for the person who asked
(translatable) and, for a form, the field it is about."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l


class DocumentError(Exception):
    """A document cannot be issued as asked; ``message`` says why, ``field`` names the form
    field at fault (or None)."""

    message = _l("This document cannot be issued.")

    def __init__(self, message=None, field: str | None = None):
        if message is not None:
            self.message = message
        self.field = field
        super().__init__(str(self.message))


class NotVatRegistered(DocumentError):
    message = _l("This cooperative is not VAT-registered: it issues receipts, not tax invoices.")


class AlreadyIssued(DocumentError):
    message = _l(
        "A tax invoice was already issued for this order; an issued tax invoice is never "
        "changed. Please contact the cooperative if it needs correcting."
    )


class NotPaid(DocumentError):
    message = _l("A tax invoice is issued once the order is paid.")


class NothingToCredit(DocumentError):
    message = _l("No receipt or tax invoice was issued for this order, so nothing to credit.")
