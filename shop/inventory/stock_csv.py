"""CSV export and all-or-nothing import of a cooperative's prices, thresholds and stock.

The file is UTF-8 with a byte-order mark, so Excel shows Thai and Burmese. The import checks
every row before it changes anything; one bad row and nothing is applied.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from shop.accounts.models import User
from shop.catalog.models import MAX_PRICE_SATANG, MAX_THRESHOLD, MAX_UNITS, Product, Variant
from shop.core.csv_export import baht, csv_text
from shop.core.money import baht_to_satang
from shop.core.numbers import parse_whole_number
from shop.core.text import search_key
from shop.extensions import db
from shop.inventory.models import AdjustmentKind, StockReason
from shop.inventory.services import change_stock_many, stock_of_cooperative
from shop.platform.audit import record

COLUMNS = (
    "sku",
    "product_name_th",
    "product_name_en",
    "product_name_my",
    "variant_name_th",
    "variant_name_en",
    "variant_name_my",
    "price_baht",
    "stock",
    "low_stock_threshold",
)
REQUIRED = ("sku", "price_baht", "stock", "low_stock_threshold")
MAX_BYTES = 2 * 1024 * 1024


def export_csv(cooperative_id: int) -> str:
    """The cooperative's variants as CSV text, starting with a BOM (see core.csv_export)."""
    rows = [COLUMNS]
    for v in stock_of_cooperative(cooperative_id):
        p = v.product
        rows.append(
            (
                v.sku,
                p.name_th,
                p.name_en,
                p.name_my,
                v.name_th,
                v.name_en,
                v.name_my,
                baht(v.price_satang),
                v.stock,
                v.low_stock_threshold,
            )
        )
    return csv_text(rows)


@dataclass(frozen=True)
class RowError:
    line: int  # 0: the file as a whole
    message: str
    column: str = ""  # the column at fault, when one is


@dataclass(frozen=True)
class _Row:
    line: int
    variant_id: int
    price_satang: int
    stock: int
    threshold: int


@dataclass
class ImportResult:
    rows: int = 0
    prices_changed: int = 0
    thresholds_changed: int = 0
    stock_changed: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def whole_number(text: str) -> int | None:
    """The cell as a whole number (any digits, as everywhere in the shop), or None."""
    try:
        return parse_whole_number(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class CsvTable:
    """A CSV file's header (lower-cased) and its rows, each with its line number; blank rows
    are left out."""

    header: list[str]
    rows: list[tuple[int, list[str]]]

    def index(self, names: Iterable[str]) -> dict[str, int]:
        """Where each of these columns is (they must be in the header)."""
        return {name: self.header.index(name) for name in names}


def read_table(
    data: bytes, columns: Sequence[str], required: Sequence[str]
) -> tuple[CsvTable | None, list[RowError]]:
    """Read an uploaded CSV file whose header names some of ``columns``, all of ``required``,
    each once. Returns the table (None when the file as a whole is refused) and the errors of
    the lines that cannot be read or have the wrong number of cells; line numbers are the
    file's, the header being line 1. Shared by every CSV import of the seller backend."""
    if len(data) > MAX_BYTES:
        return None, [RowError(0, str(_l("The file is larger than 2 MB.")))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [RowError(0, str(_l("The file is not UTF-8 text. Save it as “CSV UTF-8”.")))]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return None, [RowError(0, str(_l("The file is empty.")))]
    except csv.Error:
        return None, [RowError(1, str(_l("The header line cannot be read as CSV.")))]
    missing = [c for c in required if c not in header]
    unknown = [c for c in header if c not in columns]
    if missing or unknown or len(set(header)) != len(header):
        return None, [
            RowError(
                1,
                str(
                    _l(
                        "Wrong columns. Expected the columns of the export: %(columns)s.",
                        columns=", ".join(columns),
                    )
                ),
            )
        ]
    table = CsvTable(header, [])
    errors: list[RowError] = []
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            errors.append(RowError(reader.line_num, str(_l("This line cannot be read as CSV."))))
            continue
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            errors.append(
                RowError(
                    line,
                    str(
                        _l(
                            "Wrong number of columns: %(found)d instead of %(expected)d.",
                            found=len(cells),
                            expected=len(header),
                        )
                    ),
                )
            )
            continue
        table.rows.append((line, cells))
    return table, errors


def check_csv(data: bytes, cooperative_id: int) -> tuple[list[_Row], list[RowError]]:
    """Parse and validate every row; returns the rows and every error found (line numbers
    are the file's, the header being line 1)."""
    table, errors = read_table(data, COLUMNS, REQUIRED)
    if table is None:
        return [], errors
    index = table.index(REQUIRED)
    variants = {
        v.sku: v
        for v in db.session.scalars(
            select(Variant).join(Variant.product).where(Product.cooperative_id == cooperative_id)
        )
    }
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        problems = []
        sku = search_key(cells[index["sku"]])
        variant = variants.get(sku)
        if not sku or variant is None:
            problems.append(str(_l("Unknown SKU “%(sku)s” in this cooperative.", sku=sku)))
        elif sku in seen:
            problems.append(
                str(_l("SKU %(sku)s already on line %(line)d.", sku=sku, line=seen[sku]))
            )
        else:
            seen[sku] = line
        try:
            price = baht_to_satang(cells[index["price_baht"]])
        except ValueError:
            price = None
            problems.append(
                str(_l("Price must be an amount in baht like 180 or 180.50, not a negative."))
            )
        else:
            if not 0 < price <= MAX_PRICE_SATANG:
                problems.append(str(_l("Enter a price above zero and up to one million baht.")))
        stock = whole_number(cells[index["stock"]])
        if stock is None:
            problems.append(str(_l("Stock must be a whole number.")))
        elif stock < 0:
            problems.append(str(_l("Stock cannot be negative.")))
        elif stock > MAX_UNITS:
            problems.append(str(_l("Stock can be at most %(max)s.", max=f"{MAX_UNITS:,}")))
        threshold = whole_number(cells[index["low_stock_threshold"]])
        if threshold is None or not 0 <= threshold <= MAX_THRESHOLD:
            problems.append(
                str(
                    _l(
                        "The low-stock threshold must be a whole number from 0 to %(max)s.",
                        max=f"{MAX_THRESHOLD:,}",
                    )
                )
            )
        if problems:
            errors.extend(RowError(line, p) for p in problems)
        else:
            rows.append(_Row(line, variant.id, price, stock, threshold))
    errors.sort(key=lambda e: e.line)  # unreadable lines among the others, as in the file
    return rows, errors


def import_csv(data: bytes, cooperative_id: int, user: User) -> ImportResult:
    """Check every row of the file, then apply all of them or none.

    Stock differences become "CSV import" adjustments in the ledger; prices and thresholds are
    set directly. Everything is written in a few statements, so even the largest file holds
    the rows' locks for a moment. Returns the counts, or the errors with nothing changed.
    Flushes; the caller commits (or rolls back when the result has errors).
    """
    rows, errors = check_csv(data, cooperative_id)
    result = ImportResult(rows=len(rows))
    if errors:
        result.errors = errors
        return result
    if not rows:
        result.errors = [RowError(0, str(_l("The file has no product rows.")))]
        return result
    # Lock in variant-id order, like orders do, so concurrent changes cannot deadlock.
    rows.sort(key=lambda r: r.variant_id)
    locked = {
        v.id: v
        for v in db.session.scalars(
            select(Variant)
            .where(Variant.id.in_([r.variant_id for r in rows]))
            .order_by(Variant.id)
            .options(joinedload(Variant.product).selectinload(Product.variants))  # for min prices
            .with_for_update(of=Variant)
            .execution_options(populate_existing=True)
        )
    }
    changes = []
    stock_changes = {}
    touched_products = set()
    for row in rows:
        variant = locked[row.variant_id]
        change = {}
        if variant.price_satang != row.price_satang:
            change["price"] = [variant.price_satang, row.price_satang]
            variant.price_satang = row.price_satang
            touched_products.add(variant.product)
            result.prices_changed += 1
        if variant.low_stock_threshold != row.threshold:
            change["threshold"] = [variant.low_stock_threshold, row.threshold]
            variant.low_stock_threshold = row.threshold
            result.thresholds_changed += 1
        if row.stock != variant.stock:
            change["stock"] = [variant.stock, row.stock]
            stock_changes[variant.id] = row.stock - variant.stock
            result.stock_changed += 1
        if change:
            changes.append({"sku": variant.sku, **change})
        else:
            result.unchanged += 1
    db.session.flush()
    change_stock_many(
        stock_changes, StockReason.ADJUSTMENT, user_id=user.id, kind=AdjustmentKind.IMPORT
    )
    for product in touched_products:
        product.refresh_min_price()
    record(
        "stock.csv_import",
        None,
        actor_id=user.id,
        cooperative_id=cooperative_id,
        rows=result.rows,
        prices_changed=result.prices_changed,
        thresholds_changed=result.thresholds_changed,
        stock_changed=result.stock_changed,
        changes=changes[:500],
    )
    db.session.flush()
    return result
