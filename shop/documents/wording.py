"""How documents write amounts and dates: in Thai words (Revenue Department practice for the
total of a tax invoice), in English words beside them, and dates as each language's documents
date them.

The words come from the kept library num2words (lang "th"), not from our own tables. Thai
documents date by the Buddhist era through ``shop.core.dates`` (``30 พฤศจิกายน พ.ศ. 2569``).
Burmese documents keep Western digits in dates and amounts (docs/decisions.md, "Digits on
Burmese documents"), with Burmese month names.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from num2words import num2words

from shop.core.dates import format_date
from shop.core.money import SATANG_PER_BAHT, format_money
from shop.core.numbers import ascii_digits


def baht_in_thai_words(satang: int) -> str:
    """An amount in satang as Thai words: 120000 → "หนึ่งพันสองร้อยบาทถ้วน", 123405 →
    "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสตางค์". Raises ValueError for a negative amount."""
    if satang < 0:
        raise ValueError(f"a negative amount has no words on a document: {satang}")
    return num2words(Decimal(satang) / SATANG_PER_BAHT, lang="th", to="currency")


def baht_in_english_words(satang: int) -> str:
    """The same amount in English: 120000 → "One thousand, two hundred baht only", 123405 →
    "One thousand, two hundred and thirty-four baht and five satang"."""
    if satang < 0:
        raise ValueError(f"a negative amount has no words on a document: {satang}")
    baht, rest = divmod(satang, SATANG_PER_BAHT)
    if baht == 0 and rest:
        words = f"{num2words(rest, lang='en')} satang"
    else:
        words = f"{num2words(baht, lang='en')} baht"
        words += f" and {num2words(rest, lang='en')} satang" if rest else " only"
    return words[0].upper() + words[1:]


def document_date(value: date | datetime, lang: str) -> str:
    """A date as a document in ``lang`` prints it: Thai in the Buddhist era, English day month
    year, Burmese with Burmese month names and Western digits."""
    text = format_date(value, "long", lang)
    return ascii_digits(text) if lang == "my" else text


def document_money(satang: int) -> str:
    """An amount as documents print it: "฿1,234.50" (Western digits in every language)."""
    return format_money(satang, "th")
