"""Order failures, each with a message the buyer can read (translated)."""

from flask_babel import lazy_gettext as _l


class OrderError(Exception):
    message = _l("Your order could not be placed.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class CartNotReady(OrderError):
    message = _l("Some items in your cart need your attention before you can order.")


class SoldOut(OrderError):
    def __init__(self, name: str):
        super().__init__(_l("Sorry, “%(name)s” sold out while you were ordering.", name=name))
        self.name = name


class NotCancellable(OrderError):
    message = _l("This order can no longer be cancelled.")


class DeliveryNotOffered(OrderError):
    """The shipping method the buyer chose is not offered for this order (switched off, another
    cooperative's, or no method at all): refused, never replaced by another."""

    def __init__(self, cooperative: str):
        super().__init__(
            _l(
                "The delivery you chose from %(cooperative)s is not offered for this order any "
                "more: please choose again.",
                cooperative=cooperative,
            )
        )
