"""The account a buyer transfers to, as the reader of the order page reads it."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from shop.core.banks import bank_name


@dataclass(frozen=True)
class TransferAccount:
    bank: str  # the bank's name in the reader's language
    account_name: str  # the account holder in the reader's language
    # The holder's name as the bank registered it, which a Thai banking app shows before the
    # buyer confirms: given to readers of another language, "" for Thai readers.
    registered_name: str
    account_number: str
    promptpay_id: str


def transfer_account(lang: str) -> TransferAccount:
    """The shop's transfer account (``BANK_*``, ``PROMPTPAY_ID`` settings) for a reader of
    ``lang``: the bank named from ``shop.core.banks``, the holder's name in Thai for Thai
    readers, in English or Burmese (English when no Burmese name is set) for the others."""
    config = current_app.config
    registered = config.get("BANK_ACCOUNT_NAME_TH") or config["BANK_ACCOUNT_NAME"]
    names = {
        "th": registered,
        "en": config["BANK_ACCOUNT_NAME"],
        "my": config.get("BANK_ACCOUNT_NAME_MY") or config["BANK_ACCOUNT_NAME"],
    }
    name = names.get(lang, config["BANK_ACCOUNT_NAME"])
    return TransferAccount(
        bank=bank_name(config["BANK_NAME"], lang),
        account_name=name,
        registered_name="" if name == registered else registered,
        account_number=config["BANK_ACCOUNT_NUMBER"],
        promptpay_id=config["PROMPTPAY_ID"],
    )
