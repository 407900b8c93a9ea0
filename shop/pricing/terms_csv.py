"""The wholesale price CSV: a cooperative downloads the wholesale terms of its packs, edits them
in a spreadsheet and uploads the file, which is applied all or nothing.

It works like the stock CSV (shop.inventory.stock_csv, whose file reader it shares): UTF-8
with a BOM, written by the formula-safe writer, rows matched by SKU, every row checked before
anything changes, errors named by line and column. The product, pack and retail price columns
are there to read; the import changes only the terms (retail prices come with the stock CSV).
A row whose terms are all empty sells the pack at retail only. Packs missing from the file keep
their terms.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from shop.catalog.models import Variant
from shop.core.csv_export import baht, csv_text
from shop.extensions import db
from shop.inventory.stock_csv import RowError, read_table
from shop.platform.audit import record
from shop.pricing.terms import (
    MAX_BREAKS,
    Problem,
    Terms,
    apply_terms,
    packs_of,
    read_terms,
    terms_of,
)

EXPORTED_BREAKS = 5  # break columns in a download, more when a pack has more breaks


def _break_columns(n: int) -> tuple[str, str]:
    return f"break{n}_qty", f"break{n}_price_baht"


INFO_COLUMNS = ("sku", "product", "pack", "retail_price_baht")
RULE_COLUMNS = ("case_pack", "min_qty", "max_qty")
REQUIRED = ("sku", *RULE_COLUMNS)
_FIELD_COLUMNS = {"case_pack": "case_pack", "min_quantity": "min_qty", "max_quantity": "max_qty"}


def export_columns(breaks: int) -> tuple[str, ...]:
    """The columns of a download with this many price breaks."""
    return (
        INFO_COLUMNS
        + RULE_COLUMNS
        + tuple(c for n in range(1, breaks + 1) for c in _break_columns(n))
    )


COLUMNS = export_columns(MAX_BREAKS)  # every column an upload may have


def export_csv(cooperative_id: int) -> str:
    """Every pack of the cooperative with its wholesale terms (empty for retail-only packs), as
    CSV text starting with a BOM (see core.csv_export). Five break columns, or as many as the
    pack with the most breaks has."""
    packs = packs_of(cooperative_id)
    terms = terms_of(v.id for v in packs)
    width = max([EXPORTED_BREAKS, *(len(t.breaks) for t in terms.values())])
    rows: list[list] = [list(export_columns(width))]
    for v in packs:
        t = terms.get(v.id)
        row = [v.sku, v.product.name, v.name, baht(v.price_satang)]
        if t is None:
            row.extend([None] * (len(RULE_COLUMNS) + 2 * width))
        else:
            row.extend([t.case_pack, t.min_quantity, t.max_quantity])
            for n in range(width):
                quantity, unit = t.breaks[n] if n < len(t.breaks) else (None, None)
                row.extend([quantity, baht(unit) if unit is not None else None])
        rows.append(row)
    return csv_text(rows)


@dataclass
class ImportResult:
    rows: int = 0
    changed: int = 0  # packs whose terms were set or changed
    stopped: int = 0  # packs now sold at retail only
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class _Row:
    line: int
    variant: Variant
    terms: Terms | None


def _cell(cells: list[str], index: dict[str, int], column: str) -> str:
    return cells[index[column]].strip() if column in index else ""


def _check_row(
    line: int, cells: list[str], index: dict[str, int], variant: Variant, pairs: list[int]
) -> tuple[Terms | None, list[RowError]]:
    """The row's terms (None: retail only), or its errors."""
    rule = {c: _cell(cells, index, c) for c in RULE_COLUMNS}
    typed = [
        (n, _cell(cells, index, _break_columns(n)[0]), _cell(cells, index, _break_columns(n)[1]))
        for n in pairs
    ]
    if not any(rule.values()) and not any(q or p for _, q, p in typed):
        return None, []
    if not rule["case_pack"]:
        message = _l(
            "Units per carton is empty: fill it in, or empty the whole row's terms to sell "
            "this pack at retail only."
        )
        return None, [RowError(line, str(message), "case_pack")]
    terms, problems = read_terms(
        variant.price_satang, rule["case_pack"], rule["min_qty"], rule["max_qty"], typed
    )
    return terms, [RowError(line, str(p.message), _column(p)) for p in problems]


def _column(problem: Problem) -> str:
    if problem.field in _FIELD_COLUMNS:
        return _FIELD_COLUMNS[problem.field]
    if problem.number is not None:
        qty_column, price_column = _break_columns(problem.number)
        return qty_column if problem.field == "break_quantity" else price_column
    return ""


def check_csv(data: bytes, cooperative_id: int) -> tuple[list[_Row], list[RowError]]:
    """Parse and check every row; returns the rows and every error found (line numbers are
    the file's, the header being line 1)."""
    table, errors = read_table(data, COLUMNS, REQUIRED)
    if table is None:
        return [], errors
    pairs = sorted(
        {n for n in range(1, MAX_BREAKS + 1) for c in _break_columns(n) if c in table.header}
    )
    if any(c not in table.header for n in pairs for c in _break_columns(n)):
        return [], [
            RowError(
                1,
                str(
                    _l(
                        "Each price break needs two columns, like %(qty)s and %(price)s.",
                        qty=_break_columns(1)[0],
                        price=_break_columns(1)[1],
                    )
                ),
            )
        ]
    index = table.index(c for c in table.header)
    variants = {v.sku: v for v in packs_of(cooperative_id)}
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        sku = cells[index["sku"]].strip()
        variant = variants.get(sku)
        if not sku or variant is None:
            message = _l("Unknown SKU “%(sku)s” in this cooperative.", sku=sku)
            errors.append(RowError(line, str(message), "sku"))
            continue
        if sku in seen:
            message = _l("SKU %(sku)s already on line %(line)d.", sku=sku, line=seen[sku])
            errors.append(RowError(line, str(message), "sku"))
            continue
        seen[sku] = line
        terms, row_errors = _check_row(line, cells, index, variant, pairs)
        if row_errors:
            errors.extend(row_errors)
        else:
            rows.append(_Row(line, variant, terms))
    errors.sort(key=lambda e: e.line)
    return rows, errors


def import_csv(data: bytes, cooperative_id: int, actor_id: int) -> ImportResult:
    """Check every row of the file, then apply all of them or none.

    Each pack whose terms change gets its audit entry (via "csv"), and the import one entry
    with its counts. Flushes; the caller commits, or rolls back when the result has errors.
    """
    rows, errors = check_csv(data, cooperative_id)
    result = ImportResult(rows=len(rows))
    if errors:
        result.errors = errors
        return result
    if not rows:
        result.errors = [RowError(0, str(_l("The file has no product rows.")))]
        return result
    changes = apply_terms({r.variant: r.terms for r in rows}, actor_id=actor_id, via="csv")
    result.stopped = sum(1 for c in changes if c["after"] is None)
    result.changed = len(changes) - result.stopped
    result.unchanged = result.rows - len(changes)
    record(
        "pricing.csv_import",
        None,
        actor_id=actor_id,
        cooperative_id=cooperative_id,
        rows=result.rows,
        changed=result.changed,
        stopped=result.stopped,
    )
    db.session.flush()
    return result
