"""Payment failures, each with a message a person can read (translated)."""

from __future__ import annotations


class PaymentError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message
