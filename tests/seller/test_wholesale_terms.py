"""Cooperative staff set what partner shops pay for their packs: units per carton, minimum and
maximum units, price breaks, on each pack's page (no JavaScript) or through the price CSV
(all or nothing); owners set the minimum wholesale order. Nobody reaches another
cooperative's packs. Prices are checked as a partner gets them, through
shop.pricing.quotes.price."""

from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import func, select

from shop.catalog.models import Cooperative, Variant
from shop.extensions import db
from shop.platform.models import AuditEntry
from shop.pricing.models import PriceBreak, QuantityRule
from shop.pricing.quotes import Buyer, PriceSource, price
from tests.factories import PriceListFactory, ProductFactory
from tests.seller import stock_world
from tests.seller.stock_world import log_in, stocked_variant

world = stock_world.world  # the fixture: La-un (staff, owner, LAUN-250 at ฿180), Kapoe


def terms_url(variant: Variant, lang: str = "en") -> str:
    return f"/seller/products/{variant.product_id}/variants/{variant.id}/wholesale?lang={lang}"


def terms_form(case_pack="24", minimum="48", maximum="", breaks=(), sells=True) -> dict:
    data = {"case_pack": case_pack, "min_quantity": minimum, "max_quantity": maximum}
    if sells:
        data["sells_wholesale"] = "y"
    for n, (quantity, unit) in enumerate(breaks):
        data[f"breaks-{n}-quantity"] = quantity
        data[f"breaks-{n}-price"] = unit
    return data


def problem_row(line: int, column: str, words: str) -> str:
    """The error table's row for a problem at this line and column."""
    return rf'<td class="num">{line}</td><td><code>{column}</code></td><td>[^<]*{re.escape(words)}'


def stored(variant_id: int) -> tuple:
    db.session.expire_all()
    rule = db.session.get(QuantityRule, variant_id)
    breaks = db.session.execute(
        select(PriceBreak.min_quantity, PriceBreak.unit_price_satang)
        .where(PriceBreak.variant_id == variant_id)
        .order_by(PriceBreak.min_quantity)
    ).all()
    return (
        (rule.case_pack, rule.min_quantity, rule.max_quantity) if rule else None,
        [tuple(b) for b in breaks],
    )


def partner_on(discount_bp: int) -> Buyer:
    return Buyer(partner_id=1, price_list=PriceListFactory(discount_bp=discount_bp))


def error_of(page: str, field_id: str) -> str:
    """The text of the error list shown with a field."""
    found = re.search(rf'<ul class="field-errors" id="{field_id}-error">(.*?)</ul>', page, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)) if found else ""


# --- a pack's page ------------------------------------------------------------------------------


def test_staff_set_a_packs_terms_and_see_what_partners_pay(client, world, session):
    PriceListFactory(name="Kawthaung partners", discount_bp=1500)
    session.commit()
    log_in(client, world.staff.email)

    page = client.get(terms_url(world.bag))
    assert page.status_code == 200
    assert "sold at the retail price only" in page.text

    response = client.post(
        terms_url(world.bag),
        data=terms_form(
            case_pack="๒๔",  # Thai digits
            minimum="48",
            maximum="၄၈၀",  # Burmese digits
            breaks=[("", ""), ("96", "๑๔๐"), ("", ""), ("48", "150.50")],  # empty rows between
        ),
    )
    assert response.status_code == 302

    assert stored(world.bag.id) == ((24, 48, 480), [(48, 15_050), (96, 14_000)])
    bag = db.session.get(Variant, world.bag.id)
    partner = partner_on(1500)  # the list gives ฿153
    assert price(partner, bag, 48).unit_satang == 15_050
    assert price(partner, bag, 96).unit_satang == 14_000
    assert price(Buyer(), bag, 96).unit_satang == 18_000

    page = client.get(terms_url(world.bag)).text
    assert "With a price list of 15 % off retail" in page
    assert "฿150.50" in page
    assert "฿140" in page
    assert 'value="96"' in page
    assert 'value="140"' in page
    entry = db.session.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.actor_id, entry.details["via"]) == (
        "variant.wholesale_terms",
        world.staff.id,
        "page",
    )


def test_unticking_sold_to_partners_makes_the_pack_retail_only(client, world):
    log_in(client, world.staff.email)
    client.post(terms_url(world.bag), data=terms_form(breaks=[("96", "140")]))

    response = client.post(terms_url(world.bag), data=terms_form(sells=False))

    assert response.status_code == 302
    assert stored(world.bag.id) == (None, [])
    bag = db.session.get(Variant, world.bag.id)
    assert price(partner_on(1500), bag, 96).source is PriceSource.RETAIL


@pytest.mark.parametrize(
    ("form", "field_id", "words"),
    [
        (terms_form(case_pack=""), "case_pack", "Units per carton: enter a whole number"),
        (terms_form(case_pack="24.5"), "case_pack", "Units per carton"),
        (terms_form(case_pack="9" * 40), "case_pack", "from 1 to 10,000"),
        (terms_form(minimum="50"), "min_quantity", "Minimum units: enter whole cartons of 24"),
        (terms_form(maximum="24"), "max_quantity", "cannot be below the minimum (48)"),
        (terms_form(maximum="many"), "max_quantity", "Maximum units: enter a whole number"),
        (
            terms_form(breaks=[("96", "180")]),
            "breaks-0-price",
            "Price break 1: the unit price must be below the retail price (฿180)",
        ),
        (
            terms_form(breaks=[("96", "150"), ("144", "160")]),
            "breaks-1-price",
            "Price break 2: the unit price must be lower than at 96 units",
        ),
        (terms_form(breaks=[("", ""), ("96", "")]), "breaks-1-price", "Price break 2: enter"),
        (terms_form(breaks=[("1", "150")]), "breaks-0-quantity", "Price break 1: the units"),
        (
            terms_form(breaks=[("96", "150"), ("96", "140")]),
            "breaks-1-quantity",
            "already starts at 96",
        ),
        (terms_form(breaks=[("96", "๑๕๐.๕๕๕")]), "breaks-0-price", "an amount in baht"),
        (terms_form(breaks=[("96", "-5")]), "breaks-0-price", "an amount in baht"),
    ],
)
def test_bad_terms_are_refused_on_their_field_and_change_nothing(
    client, world, form, field_id, words
):
    log_in(client, world.staff.email)
    client.post(terms_url(world.bag), data=terms_form(breaks=[("96", "140")]))
    before = stored(world.bag.id)

    response = client.post(terms_url(world.bag), data=form)

    assert response.status_code == 422
    assert "Nothing was saved" in response.text
    assert words in error_of(response.text, field_id)
    assert 'aria-invalid="true"' in response.text
    assert stored(world.bag.id) == before
    assert db.session.scalar(select(func.count(AuditEntry.id))) == 1


@pytest.mark.parametrize("lang", ["th", "en", "my"])
def test_the_page_and_its_errors_show_in_each_language(client, world, lang):
    log_in(client, world.staff.email)
    assert client.get(terms_url(world.bag, lang)).status_code == 200
    response = client.post(terms_url(world.bag, lang), data=terms_form(minimum="50"))
    assert response.status_code == 422
    assert f'lang="{lang}"' in response.text
    assert error_of(response.text, "min_quantity")


# --- who may ------------------------------------------------------------------------------------


def test_another_cooperatives_pack_answers_404(client, world):
    log_in(client, world.staff.email)  # La-un
    kapoe_bag = world.kapoe_bag
    assert client.get(terms_url(kapoe_bag)).status_code == 404
    assert client.post(terms_url(kapoe_bag), data=terms_form()).status_code == 404
    # La-un's product with Kapoe's pack, and the other way round
    mixed = f"/seller/products/{world.bag.product_id}/variants/{kapoe_bag.id}/wholesale"
    assert client.post(mixed, data=terms_form()).status_code == 404
    mixed = f"/seller/products/{kapoe_bag.product_id}/variants/{world.bag.id}/wholesale"
    assert client.post(mixed, data=terms_form()).status_code == 404
    assert stored(kapoe_bag.id) == (None, [])


def test_the_list_and_the_csv_show_only_the_cooperatives_own_packs(client, world):
    log_in(client, world.staff.email)
    page = client.get("/seller/wholesale?lang=en").text
    assert "LAUN-250" in page
    assert "KAPOE-500" not in page
    data = client.get("/seller/wholesale/export.csv").data.decode("utf-8-sig")
    assert "LAUN-250" in data
    assert "KAPOE-500" not in data


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/seller/wholesale"),
        ("get", "/seller/wholesale/export.csv"),
        ("get", "/seller/wholesale/import"),
        ("get", "/seller/settings"),
        ("post", "/seller/settings"),
    ],
)
def test_people_without_a_cooperative_role_get_403(client, world, method, path):
    log_in(client, "customer@example.org")
    assert getattr(client, method)(path).status_code == 403
    assert client.get(terms_url(world.bag)).status_code == 403
    assert client.post(terms_url(world.bag), data=terms_form()).status_code == 403


def test_the_cooperative_settings_are_for_owners(client, world):
    log_in(client, world.staff.email)  # staff, not owner
    assert client.get("/seller/settings").status_code == 403
    response = client.post("/seller/settings", data={"wholesale_minimum": "5000"})
    assert response.status_code == 403
    assert db.session.get(Cooperative, world.la_un.id).wholesale_minimum_satang == 0


# --- the cooperative's minimum wholesale order ---------------------------------------------------


def test_the_owner_sets_the_minimum_wholesale_order(client, world):
    log_in(client, world.owner.email)
    assert client.get("/seller/settings?lang=my").status_code == 200

    # A cooperative not registered for VAT: the form as the page sends it (the box unticked).
    db.session.get(Cooperative, world.la_un.id).vat_registered = False
    db.session.commit()
    response = client.post("/seller/settings?lang=en", data={"wholesale_minimum": "๕,๐๐๐"})

    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Cooperative, world.la_un.id).wholesale_minimum_satang == 500_000
    assert db.session.get(Cooperative, world.kapoe.id).wholesale_minimum_satang == 0
    assert 'value="5000"' in client.get("/seller/settings").text
    entry = db.session.scalars(select(AuditEntry)).one()
    assert entry.action == "cooperative.wholesale_minimum"
    assert entry.cooperative_id == world.la_un.id
    client.post(terms_url(world.bag), data=terms_form(breaks=[("96", "140")]))
    audit = client.get("/seller/audit?lang=en")  # the owner reads both changes in the log
    assert audit.status_code == 200
    assert "LAUN-250" in audit.text


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("five thousand", "Enter an amount in baht like 5000"),
        ("-100", "Enter an amount in baht"),
        ("5000.555", "Enter an amount in baht"),
        ("", "Enter an amount in baht, or 0"),
        ("2000000", "from 0 to ฿1,000,000"),
    ],
)
def test_a_bad_minimum_is_refused(client, world, typed, words):
    log_in(client, world.owner.email)
    response = client.post("/seller/settings?lang=en", data={"wholesale_minimum": typed})
    assert response.status_code == 422
    assert words in error_of(response.text, "wholesale_minimum")
    db.session.expire_all()
    assert db.session.get(Cooperative, world.la_un.id).wholesale_minimum_satang == 0


# --- the price CSV ------------------------------------------------------------------------------


def export(client) -> str:
    response = client.get("/seller/wholesale/export.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")
    return response.data.decode("utf-8-sig")


def upload(client, text: str, lang: str = "en"):
    return client.post(
        f"/seller/wholesale/import?lang={lang}",
        data={"file": (io.BytesIO(text.encode("utf-8-sig")), "prices.csv")},
        content_type="multipart/form-data",
    )


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def as_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture
def jar(world, session) -> Variant:
    """A second La-un pack, already sold wholesale through its page."""
    product = ProductFactory(cooperative=world.la_un, variants=0, name_en="Robusta beans")
    jar = stocked_variant(product, stock=100, sku="LAUN-1KG", price_satang=60_000)
    session.commit()
    return jar


def test_the_csv_round_trip_sets_what_partners_pay(client, world, jar):
    log_in(client, world.staff.email)
    client.post(terms_url(jar), data=terms_form("12", "12", "", [("24", "550")]))

    rows = rows_of(export(client))
    assert sorted(r["sku"] for r in rows) == ["LAUN-1KG", "LAUN-250"]  # not Kapoe's
    by_sku = {r["sku"]: r for r in rows}
    assert by_sku["LAUN-1KG"]["case_pack"] == "12"
    assert by_sku["LAUN-1KG"]["break1_qty"] == "24"
    assert by_sku["LAUN-1KG"]["break1_price_baht"] == "550.00"
    assert by_sku["LAUN-250"]["retail_price_baht"] == "180.00"
    assert by_sku["LAUN-250"]["case_pack"] == ""
    assert "break5_price_baht" in rows[0]
    assert "break6_qty" not in rows[0]

    by_sku["LAUN-250"].update(
        case_pack="24",
        min_qty="๔๘",
        max_qty="",
        break1_qty="96",
        break1_price_baht="150",
        break2_qty="240",
        break2_price_baht="139.50",
    )
    for column in ("case_pack", "min_qty", "max_qty", "break1_qty", "break1_price_baht"):
        by_sku["LAUN-1KG"][column] = ""  # all empty: retail only
    response = upload(client, as_csv(rows))

    assert response.status_code == 200, response.text
    assert "Import done" in response.text
    assert stored(world.bag.id) == ((24, 48, None), [(96, 15_000), (240, 13_950)])
    assert stored(jar.id) == (None, [])
    bag = db.session.get(Variant, world.bag.id)
    partner = partner_on(1500)  # list price ฿153
    assert [price(partner, bag, q).unit_satang for q in (48, 96, 240)] == [15_300, 15_000, 13_950]
    assert price(partner, db.session.get(Variant, jar.id), 24).source is PriceSource.RETAIL
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()[1:]
    assert sorted((e.action, e.details.get("via")) for e in entries) == [
        ("pricing.csv_import", None),
        ("variant.wholesale_stop", "csv"),
        ("variant.wholesale_terms", "csv"),
    ]

    again = upload(client, export(client))  # an unedited download changes nothing
    assert again.status_code == 200
    assert db.session.scalars(
        select(AuditEntry.details).where(AuditEntry.action == "pricing.csv_import")
    ).all()[-1] == {"rows": 2, "changed": 0, "stopped": 0}


def test_a_csv_with_bad_rows_changes_nothing_and_names_each_row_and_column(client, world, jar):
    log_in(client, world.staff.email)
    client.post(terms_url(jar), data=terms_form("12", "12", "", [("24", "550")]))
    before = (stored(world.bag.id), stored(jar.id))
    header = "sku,product,pack,retail_price_baht,case_pack,min_qty,max_qty," + ",".join(
        f"break{n}_qty,break{n}_price_baht" for n in (1, 2)
    )
    lines = [
        header,
        "LAUN-250,,,,24,48,,96,150,,",  # 2: fine on its own
        "LAUN-1KG,,,,12,12,,24,600,,",  # 3: a break above retail (฿600)
        "KAPOE-500,,,,6,6,,,,,",  # 4: another cooperative's
        "LAUN-250,,,,24,48,,,,,",  # 5: twice
    ]
    response = upload(client, "\r\n".join(lines) + "\r\n")
    assert response.status_code == 422
    assert "Nothing was imported" in response.text
    assert (stored(world.bag.id), stored(jar.id)) == before
    page = response.text
    for line, column, words in [
        (3, "break1_price_baht", "below the retail price (฿600)"),
        (4, "sku", "Unknown SKU"),
        (5, "sku", "already on line 2"),
    ]:
        assert re.search(problem_row(line, column, words), page), (line, column, words)
    assert '<td class="num">2</td>' not in page


@pytest.mark.parametrize(
    ("cells", "column", "words"),
    [
        ("abc,48,,,,,", "case_pack", "Units per carton"),
        (",48,,,,,", "case_pack", "Units per carton is empty"),
        ("24,50,,,,,", "min_qty", "Minimum units"),
        ("24,48,30,,,,", "max_qty", "Maximum units"),
        ("24,48,,96,,,", "break1_price_baht", "Price break 1: enter both"),
        ("24,48,,,,96,150", "break2_qty", None),  # break 2 alone is fine
        ("24,48,,96,150,144,160", "break2_price_baht", "Price break 2: the unit price must be"),
        ("24,48,,96,1e3,,", "break1_price_baht", "an amount in baht"),
        ("24,48,," + "9" * 30 + ",150,,", "break1_qty", "Price break 1: the units"),
    ],
)
def test_each_cell_is_checked_with_the_pages_rules(client, world, cells, column, words):
    log_in(client, world.staff.email)
    header = (
        "sku,case_pack,min_qty,max_qty,break1_qty,break1_price_baht,break2_qty,break2_price_baht"
    )
    response = upload(client, f"{header}\r\nLAUN-250,{cells}\r\n")
    if words is None:
        assert response.status_code == 200
        assert stored(world.bag.id) == ((24, 48, None), [(96, 15_000)])
        return
    assert response.status_code == 422
    assert re.search(problem_row(2, column, words), response.text), response.text
    assert stored(world.bag.id) == (None, [])


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("sku,price\r\nLAUN-250,1\r\n", "Wrong columns"),
        ("sku,case_pack,min_qty,max_qty,break1_qty\r\nLAUN-250,24,48,,96\r\n", "two columns"),
        ("sku,case_pack,min_qty,max_qty\r\n", "no product rows"),
        ("", "The file is empty"),
    ],
)
def test_files_that_are_not_the_price_csv_are_refused(client, world, text, words):
    log_in(client, world.staff.email)
    response = upload(client, text)
    assert response.status_code == 422
    assert words in response.text
    assert stored(world.bag.id) == (None, [])


def test_a_formula_in_a_name_is_neutralised_in_the_download(client, world, session):
    product = ProductFactory(
        cooperative=world.la_un, variants=0, name_en='=HYPERLINK("http://evil.example","x")'
    )
    stocked_variant(product, stock=1, sku="LAUN-EVIL", name_en="+cmd|' /C calc'!A0")
    session.commit()
    log_in(client, world.staff.email)

    row = next(r for r in rows_of(export(client)) if r["sku"] == "LAUN-EVIL")

    assert row["product"] == '\'=HYPERLINK("http://evil.example","x")'
    assert row["pack"] == "'+cmd|' /C calc'!A0"


def test_a_pack_with_more_breaks_than_five_keeps_them_all_through_the_csv(client, world):
    log_in(client, world.staff.email)
    breaks = [(str(48 + 24 * n), str(170 - n)) for n in range(7)]
    assert client.post(terms_url(world.bag), data=terms_form(breaks=breaks)).status_code == 302
    before = stored(world.bag.id)

    text = export(client)
    assert "break7_price_baht" in text.splitlines()[0]
    assert upload(client, text).status_code == 200
    assert stored(world.bag.id) == before
