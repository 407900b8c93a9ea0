"""Every CSV file the shop writes goes through ``csv_text``: no cell a spreadsheet runs.

Names, e-mail addresses and other text come from people (any staff member names products and
packs; buyers name themselves). Excel, LibreOffice and Google Sheets run a cell that starts with
``=``, ``+``, ``-`` or ``@`` as a formula (``=HYPERLINK(…)`` leaks data, ``+cmd|' /C calc'!A0``
starts programs through DDE), and tab, carriage return or line feed in front of one does not stop
them. Such text gets a leading apostrophe, which spreadsheets show as a text marker, not as part
of the value. Numbers the shop itself writes (``int`` and ``Decimal``, e.g. a negative refund)
stay numbers, so the bookkeeper's sums keep working.

Files are UTF-8 with a byte-order mark (Excel then reads Thai and Burmese right) and CRLF lines.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal

BOM = "\ufeff"
# Characters that make a spreadsheet read a cell as a formula, with their full-width forms
# (East Asian spreadsheet locales turn those into the ASCII ones as they are typed or imported).
FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")

Cell = str | int | Decimal | None
_NUMBERS = frozenset((int, Decimal))


def neutralise(value: Cell) -> str | int | Decimal:
    """The cell as written: text that a spreadsheet would run gets a leading ``'``.

    Text is checked at its first character and again after leading spaces (LibreOffice's
    import can trim them). ``int`` and ``Decimal`` values pass unchanged; ``None`` is empty.
    """
    if value is None:
        return ""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return value
    text = str(value)
    if text[:1] in FORMULA_STARTS or text.lstrip()[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def csv_text(rows: Iterable[Iterable[Cell]]) -> str:
    """The rows as CSV text starting with a BOM, each cell passed through ``neutralise``."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return out.getvalue()


def baht(satang: int) -> Decimal:
    """Satang as a baht number for a spreadsheet, always two decimals: -1250 → -12.50."""
    return Decimal(satang).scaleb(-2)


def csv_download(body: str, filename: str):
    """A CSV file (text from :func:`csv_text`) as a download named ``filename``, personal:
    never stored by browsers or proxies."""
    from flask import Response

    return Response(
        body.encode("utf-8"),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )


def csv_chunks(rows: Iterable[Iterable[Cell]], rows_per_chunk: int = 500) -> Iterator[str]:
    """The same text as :func:`csv_text`, in pieces of ``rows_per_chunk`` rows, reading
    ``rows`` lazily: a file of any length costs the memory of one piece."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    for n, row in enumerate(rows, start=1):
        # Numbers need no check (neutralise passes them as they are): skip the call for them.
        writer.writerow([c if type(c) in _NUMBERS else neutralise(c) for c in row])
        if n % rows_per_chunk == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def csv_stream(rows: Iterable[Iterable[Cell]], filename: str):
    """A CSV download like :func:`csv_download`, written while it is sent: ``rows`` (e.g. a
    generator reading the database) is consumed inside the request's context."""
    from flask import Response, stream_with_context

    return Response(
        stream_with_context(chunk.encode("utf-8") for chunk in csv_chunks(rows)),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )
