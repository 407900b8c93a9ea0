"""Spreadsheet orders: a partner uploads the sheet it keeps and every line goes into the cart,
or none does.

The file is ``.csv`` (UTF-8 with or without a byte-order mark, comma-, semicolon- or
tab-separated) or ``.xlsx`` (read by openpyxl, first sheet, formulas refused rather than
computed). A header row within the first :data:`HEADER_SEARCH_ROWS` rows names a SKU column and
either a quantity column (units of the pack) or a cartons column (the pack's case pack from its
quantity rule); headings are matched case-insensitively in English, Thai and Burmese (see
:data:`HEADINGS`); other columns (product names, prices, totals) are ignored. Blank rows, and
rows with a SKU but no quantity or 0 (the downloaded template lists every pack), are skipped.
A SKU on several rows adds up. Digits may be Thai or Burmese (``core.numbers``).

Every row is checked and every problem reported at once, each with its row number and column
letter as the spreadsheet shows them. Lines are added through ``shop.cart.services.add_item``,
so the cart's own rules decide (availability, the pack's quantity rule with the nearest valid
quantities, stock), with the buyer's prices from ``shop.pricing.quotes``. Services flush; the
caller commits, or rolls back when :class:`SheetRefused` is raised.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import func, select

from shop.cart import services as cart_services
from shop.cart.models import Cart
from shop.catalog.models import Variant
from shop.core.burmese import looks_like_zawgyi, zawgyi_message
from shop.core.csv_export import csv_text
from shop.core.numbers import parse_whole_number
from shop.core.text import normalize_text, search_key
from shop.extensions import db
from shop.pricing.quotes import Buyer, load_terms, quantity_rule
from shop.wholesale.ordering import wholesale_packs

MAX_BYTES = 2 * 1024 * 1024  # the upload itself
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # what an .xlsx may unzip to (a zip bomb is refused)
MAX_ROWS = 10_000  # rows below the header; more and the whole file is refused unread
HEADER_SEARCH_ROWS = 10  # a title or a date above the header is fine
SKU_BATCH = 1_000  # SKUs per look-up query (well under every database's parameter limit)

SKU, QUANTITY, CARTONS = "sku", "quantity", "cartons"
# Headings as partners write them, after normalize_text and casefold.
HEADINGS: dict[str, str] = {
    "sku": SKU,
    "รหัสสินค้า": SKU,
    "รหัส sku": SKU,
    "ကုန်ပစ္စည်းကုဒ်": SKU,
    "ပစ္စည်းကုဒ်": SKU,
    "quantity": QUANTITY,
    "qty": QUANTITY,
    "units": QUANTITY,
    "จำนวน": QUANTITY,
    "จำนวนหน่วย": QUANTITY,
    "အရေအတွက်": QUANTITY,
    "cartons": CARTONS,
    "ลัง": CARTONS,
    "จำนวนลัง": CARTONS,
    "ကာတွန်": CARTONS,
    "ကာတွန်အရေအတွက်": CARTONS,
    "ကတ်တူးဘူး": CARTONS,  # the shop's own Burmese word for a carton
    "ကတ်တူးဘူး အရေအတွက်": CARTONS,
}

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls (and .doc)
CSV_SUFFIXES = (".csv", ".txt")


@dataclass(frozen=True)
class SheetProblem:
    """One thing wrong with a sheet. ``row`` is the spreadsheet's row number (None: the file as
    a whole); ``column`` its letter and ``heading`` the header cell as written (empty when the
    problem is the whole row or file); ``message`` is translated when read."""

    row: int | None
    message: object
    column: str = ""
    heading: str = ""

    @property
    def place(self) -> str:
        """Where the problem is, in the reader's language: "Row 7, column B (quantity)"."""
        if self.row is None:
            return ""
        if not self.column:
            return str(_l("Row %(row)s", row=self.row))
        return str(
            _l(
                "Row %(row)s, column %(column)s (%(heading)s)",
                row=self.row,
                column=self.column,
                heading=self.heading,
            )
        )

    def __str__(self) -> str:
        place = self.place
        return f"{place}: {self.message}" if place else str(self.message)


class SheetRefused(Exception):
    """The sheet cannot be ordered; ``problems`` lists every reason, in row order. Nothing was
    added (the caller rolls back what was flushed)."""

    def __init__(self, problems: list[SheetProblem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass(frozen=True)
class _Cell:
    value: object  # str, int, float, date… as the file holds it; None when empty
    formula: bool = False

    @property
    def blank(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


_EMPTY = _Cell(None)


@dataclass
class Table:
    """The sheet's header (column kind → index and heading) and its rows below it, each with
    its row number; blank rows left out."""

    columns: dict[str, int]
    headings: dict[str, str]
    rows: list[tuple[int, list[_Cell]]] = field(default_factory=list)

    def cell(self, cells: list[_Cell], kind: str) -> _Cell:
        index = self.columns[kind]
        return cells[index] if index < len(cells) else _EMPTY

    def letter(self, kind: str) -> str:
        return get_column_letter(self.columns[kind] + 1)


# --- reading the file -------------------------------------------------------------------------


def _refuse(message) -> SheetRefused:
    return SheetRefused([SheetProblem(None, message)])


class _Sentences:
    """Messages read one after the other, each translated when read."""

    def __init__(self, *parts):
        self.parts = parts

    def __str__(self) -> str:
        return " ".join(str(part) for part in self.parts)


def _csv_rows(data: bytes) -> Iterator[list[_Cell]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" is UTF-16
        raise _refuse(_l("The file is not UTF-8 text: save it as “CSV UTF-8” or as .xlsx."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse(
            _l("The file is not UTF-8 text: save it as “CSV UTF-8” or as .xlsx.")
        ) from None
    if "\x00" in text:
        raise _refuse(_l("This file is neither a CSV file nor an .xlsx workbook."))
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=first.count)  # ties: the comma
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            yield [_Cell(c) for c in cells]
    except csv.Error:
        raise SheetRefused(
            [SheetProblem(reader.line_num, _l("This row cannot be read as CSV."))]
        ) from None


def _xlsx_rows(data: bytes) -> Iterator[list[_Cell]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise _refuse(_l("This file is neither a CSV file nor an .xlsx workbook.")) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise _refuse(
            _l("The workbook is too large. Upload at most %(count)s rows.", count=MAX_ROWS)
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds (KeyError, InvalidFileException, XML errors)
        raise _refuse(_l("This file is neither a CSV file nor an .xlsx workbook.")) from None
    try:
        sheet = workbook.active or workbook.worksheets[0]
        sheet.reset_dimensions()  # some programs write a wrong size; read every stored row
        for row in sheet.iter_rows():
            yield [_Cell(c.value, c.data_type == "f") for c in row]
    finally:
        workbook.close()


def _rows_of(filename: str, data: bytes) -> Iterator[list[_Cell]]:
    name = (filename or "").lower()
    if data.startswith(ZIP_MAGIC):
        return _xlsx_rows(data)
    if data.startswith(OLE_MAGIC) or name.endswith(".xls"):
        raise _refuse(_l("Old Excel files (.xls) cannot be read: save the sheet as .xlsx or CSV."))
    if name.endswith(".xlsx"):
        raise _refuse(_l("This file is neither a CSV file nor an .xlsx workbook."))
    if "." in name and not name.endswith(CSV_SUFFIXES):
        raise _refuse(_l("This file is neither a CSV file nor an .xlsx workbook."))
    return _csv_rows(data)


def _heading(cell: _Cell) -> str:
    if not isinstance(cell.value, str):
        return ""
    return " ".join(normalize_text(cell.value).split()).casefold()


def _header(cells: list[_Cell]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        kind = HEADINGS.get(_heading(cell))
        if kind and kind not in found:
            found[kind] = index
    return found


def read_table(filename: str, data: bytes) -> Table:
    """The sheet's header and rows. Reading stops, and the whole file is refused, as soon as a
    row beyond :data:`MAX_ROWS` is met, before any row is checked.

    Raises SheetRefused for a file larger than :data:`MAX_BYTES`, one that is neither CSV nor
    .xlsx, text that is not UTF-8, no header row (with how to switch the keyboard to Unicode
    when the headings are in Zawgyi), or too many rows.
    """
    if len(data) > MAX_BYTES:
        raise _refuse(_l("The file is larger than 2 MB."))
    if not data.strip():
        raise _refuse(_l("The file is empty."))
    table: Table | None = None
    searched = 0
    zawgyi_row: int | None = None  # the first row searched for headings that is in Zawgyi
    for number, cells in enumerate(_rows_of(filename, data), start=1):
        if all(c.blank for c in cells):
            continue
        if table is None:
            if zawgyi_row is None and any(
                isinstance(c.value, str) and looks_like_zawgyi(c.value) for c in cells
            ):
                zawgyi_row = number
            columns = _header(cells)
            if SKU in columns and (QUANTITY in columns or CARTONS in columns):
                if QUANTITY in columns and CARTONS in columns:
                    raise SheetRefused(
                        [
                            SheetProblem(
                                number,
                                _l(
                                    "The sheet has both a quantity and a cartons column: "
                                    "keep one of them."
                                ),
                            )
                        ]
                    )
                headings = {kind: str(cells[i].value).strip() for kind, i in columns.items()}
                table = Table(columns, headings)
                continue
            searched += 1
            if searched >= HEADER_SEARCH_ROWS:
                break
            continue
        if len(table.rows) >= MAX_ROWS:
            raise _refuse(
                _l(
                    "The sheet has more than %(count)s rows. Split it into several uploads.",
                    count=f"{MAX_ROWS:,}",
                )
            )
        table.rows.append((number, cells))
    if table is None and zawgyi_row is not None:
        message = _l(
            "No header row found: the headings look like Zawgyi, which the shop cannot read."
        )
        raise SheetRefused([SheetProblem(zawgyi_row, _Sentences(message, zawgyi_message()))])
    if table is None:
        raise _refuse(
            _l(
                "No header row found: the first rows must name a column “sku” and a column "
                "“quantity” (units) or “cartons”."
            )
        )
    return table


# --- checking and ordering --------------------------------------------------------------------


def _sku_text(cell: _Cell) -> str:
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return search_key(str(value)) if value is not None else ""


def _whole_number(cell: _Cell) -> int | None:
    """The cell as a whole number (Thai and Burmese digits too), or None."""
    value = cell.value
    if isinstance(value, bool | datetime | date | time):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    try:
        return parse_whole_number(str(value))
    except ValueError:
        return None


def _variants_by_sku(skus: set[str]) -> dict[str, Variant]:
    """The packs named by these SKUs (compared without case), in one query per
    :data:`SKU_BATCH` SKUs. Keys are upper-cased."""
    found: dict[str, Variant] = {}
    wanted = sorted({s.upper() for s in skus})
    for start in range(0, len(wanted), SKU_BATCH):
        chunk = wanted[start : start + SKU_BATCH]
        for variant in db.session.scalars(
            select(Variant).where(func.upper(Variant.sku).in_(chunk)).order_by(Variant.id)
        ):
            key = variant.sku.upper()
            if key not in found or variant.sku in skus:  # an exact match wins a tie
                found[key] = variant
    return found


@dataclass
class _Wanted:
    variant: Variant
    rows: list[int]
    amount: int = 0  # units, or cartons when the sheet counts cartons
    broken: bool = False  # a row of this SKU has a problem: it is not added at all


@dataclass(frozen=True)
class SheetOrder:
    """What was added: ``packs`` different packs, ``units`` units in all, from ``rows`` rows."""

    packs: int
    units: int
    rows: int


def order_sheet(cart: Cart, buyer: Buyer, filename: str, data: bytes) -> SheetOrder:
    """Add every line of an uploaded sheet to ``cart`` for ``buyer``, all or none.

    Raises SheetRefused with every problem (unreadable file, unknown SKU, text or a formula
    where a number belongs, a pack not sold in cartons counted in cartons, and whatever
    ``cart.services.add_item`` refuses: an unavailable pack, a quantity off the pack's rule
    with the nearest valid quantities, more than the stock), each with its row and column.
    Rows already flushed stay in the session then: the caller rolls back.
    """
    table = read_table(filename, data)
    problems: list[SheetProblem] = []
    sku_col, count_kind = table.letter(SKU), (CARTONS if CARTONS in table.columns else QUANTITY)
    count_col = table.letter(count_kind)

    def problem(row: int, kind: str, message) -> None:
        column = sku_col if kind == SKU else count_col
        problems.append(SheetProblem(row, message, column, table.headings[kind]))

    parsed: list[tuple[int, str, int | None]] = []
    for row, cells in table.rows:
        sku_cell, count_cell = table.cell(cells, SKU), table.cell(cells, count_kind)
        if sku_cell.formula or count_cell.formula:
            for kind, cell in ((SKU, sku_cell), (count_kind, count_cell)):
                if cell.formula:
                    problem(
                        row,
                        kind,
                        _l(
                            "This cell holds a formula (%(formula)s): type the value itself.",
                            formula=str(cell.value)[:40],
                        ),
                    )
            continue
        if count_cell.blank:
            continue  # a pack of the template not ordered this time
        amount = _whole_number(count_cell)
        sku = _sku_text(sku_cell)
        if amount == 0:
            continue
        if not sku:
            problem(row, SKU, _l("Enter the pack's SKU on this row."))
        if amount is None or amount < 0:
            problem(
                row,
                count_kind,
                _l("Enter a whole number of cartons.")
                if count_kind == CARTONS
                else _l("Enter a whole number of units."),
            )
            amount = None
        if sku:
            parsed.append((row, sku, amount))

    variants = _variants_by_sku({sku for _row, sku, _amount in parsed})
    wanted: dict[int, _Wanted] = {}
    for row, sku, amount in parsed:
        variant = variants.get(sku.upper())
        if variant is None:
            problem(row, SKU, _l("Unknown SKU “%(sku)s”.", sku=sku))
            continue
        entry = wanted.setdefault(variant.id, _Wanted(variant, []))
        entry.rows.append(row)
        if amount is None:
            entry.broken = True
        else:
            entry.amount += amount

    load_terms(buyer, list(wanted))
    to_add: dict[int, tuple[_Wanted, int]] = {}
    for entry in wanted.values():
        if entry.broken:
            continue
        first = entry.rows[0]
        units = entry.amount
        if count_kind == CARTONS:
            rule = quantity_rule(buyer, entry.variant)
            if not rule.by_the_case:
                problem(
                    first,
                    count_kind,
                    _l(
                        "%(sku)s is not sold in cartons: order it in units, in a quantity column.",
                        sku=entry.variant.sku,
                    ),
                )
                continue
            units = entry.amount * rule.increment
        to_add[entry.variant.id] = (entry, units)

    # Checked (and added) even when other rows are wrong, so every problem is listed at once;
    # the caller rolls back whatever was added when any row is refused.
    refused = cart_services.add_items(
        cart, {vid: units for vid, (_entry, units) in to_add.items()}, buyer
    )
    for variant_id, message in refused.items():
        entry, units = to_add[variant_id]
        if len(entry.rows) > 1:
            message = _l(
                "Rows %(rows)s together order %(count)s units of %(sku)s. %(problem)s",
                rows=", ".join(str(r) for r in entry.rows),
                count=units,
                sku=entry.variant.sku,
                problem=message,
            )
        problem(entry.rows[0], count_kind, message)
    units_total = sum(units for _entry, units in to_add.values())

    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column))
        raise SheetRefused(problems)
    if not wanted:
        raise _refuse(_l("No row of the sheet has a quantity to order."))
    return SheetOrder(
        packs=len(wanted), units=units_total, rows=sum(len(w.rows) for w in wanted.values())
    )


# --- the template sheet -----------------------------------------------------------------------

TEMPLATE_HEADER = ("sku", "product", "pack", "units per carton", "quantity")


def template_csv(buyer: Buyer) -> str:
    """A sheet to fill in: every wholesale pack ``buyer`` may order (sku, product and pack in
    the reader's language, units per carton) with an empty quantity column, as CSV text
    (``core.csv_export``: BOM, no cell a spreadsheet would run). Empty for a retail buyer."""
    rows: list[tuple] = [TEMPLATE_HEADER]
    for pack in wholesale_packs(buyer):
        variant = pack.variant
        rows.append((variant.sku, variant.product.name, variant.name, pack.rule.increment, None))
    return csv_text(rows)
