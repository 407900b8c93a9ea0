"""Settlement and programme figures, exact to the satang on a hand-computed month.

March 2026, Thai time. La-un sells at 5 % commission, Kapoe at 7.5 %:

  order   paid (Bangkok)     La-un goods/ship/refund/bp       Kapoe goods/ship/bp
  RN-A    5 Mar 10:00        360.00 / 50.00 / 0 / 500 (delivered)   250.00 / 40.00 / 750 (shipped)
  RN-B    20 Mar             180.50 / 50.00 / 50.00 / 500 (paid)
  RN-C    31 Mar 23:30       100.00 / 0 / 0 / 300 (packing: an older rate kept on the order)
  not counted: RN-D 1 Apr 00:30 (April in Thailand, still 31 Mar in UTC), RN-E cancelled and
  refunded, RN-F never paid, RN-G 28 Feb 23:00 (Kapoe).

La-un: goods 640.50, shipping 100.00, refunds 50.00,
       commission 18.00 + 9.03 (902.5 satang rounded half up) + 3.00 = 30.03, net 660.47.
Kapoe: goods 250.00, shipping 40.00, refunds 0, commission 18.75, net 271.25.
"""

import csv
import io
import re
from datetime import date

import pytest
import time_machine

from shop.core.db import utcnow
from shop.extensions import db
from shop.orders.models import SellerOrderStatus
from shop.platform import reports
from tests.cart.builders import text_of
from tests.platform.builders import bangkok, log_in_admin, place, two_cooperatives

MARCH = {"date_from": "2026-03-01", "date_to": "2026-03-31"}


@pytest.fixture
def march(session):
    la_un, kapoe = two_cooperatives()
    delivered, shipped = SellerOrderStatus.DELIVERED, SellerOrderStatus.SHIPPED
    place(
        [(la_un, 36_000, 5_000, 500), (kapoe, 25_000, 4_000, 750)],
        paid_at=bangkok(2026, 3, 5, 10),
        statuses={0: delivered, 1: shipped},
        number="RN-A",
    )
    place(
        [(la_un, 18_050, 5_000, 500)],
        paid_at=bangkok(2026, 3, 20),
        refunded={0: 5_000},
        number="RN-B",
    )
    place(
        [(la_un, 10_000, 0, 300)],
        paid_at=bangkok(2026, 3, 31, 23, 30),
        status=SellerOrderStatus.PACKING,
        number="RN-C",
    )
    place([(la_un, 99_900, 5_000, 500)], paid_at=bangkok(2026, 4, 1, 0, 30), number="RN-D")
    place(
        [(la_un, 50_000, 5_000, 500)],
        paid_at=bangkok(2026, 3, 10),
        refunded={0: 55_000},
        status=SellerOrderStatus.CANCELLED,
        number="RN-E",
    )
    place([(la_un, 20_000, 5_000, 500)], paid_at=None, number="RN-F")
    place([(kapoe, 12_000, 4_000, 750)], paid_at=bangkok(2026, 2, 28, 23), number="RN-G")
    session.commit()
    return la_un, kapoe


def test_settlement_figures_are_exact(march):
    la_un, kapoe = march
    found = {
        s.cooperative.slug: s for s in reports.settlements(date(2026, 3, 1), date(2026, 3, 31))
    }
    a, k = found["la-un-growers"], found["kapoe-cashews"]
    lines = reports.settlement_lines(a, date(2026, 3, 1), date(2026, 3, 31)).items
    assert [line.order_number for line in lines] == ["RN-A", "RN-B", "RN-C"]
    assert [line.commission for line in lines] == [1_800, 903, 300]
    assert a.seller_orders == 3
    assert (a.goods, a.shipping, a.refunds, a.commission, a.net) == (
        64_050,
        10_000,
        5_000,
        3_003,
        66_047,
    )
    assert (k.goods, k.shipping, k.refunds, k.commission, k.net) == (
        25_000,
        4_000,
        0,
        1_875,
        27_125,
    )


def test_the_settlement_page_shows_every_cooperative_and_then_one(client, march):
    la_un, kapoe = march
    log_in_admin(client)
    overview = text_of(client.get("/admin/settlement", query_string={**MARCH, "lang": "en"}))
    la_un_row = re.search(r'data-cooperative="la-un-growers".*?</tr>', overview, re.S).group(0)
    for amount in ("฿660.47", "฿30.03", "฿640.50"):
        assert amount in la_un_row
    kapoe_row = re.search(r'data-cooperative="kapoe-cashews".*?</tr>', overview, re.S).group(0)
    assert "฿271.25" in kapoe_row
    assert "฿18.75" in kapoe_row

    page = text_of(
        client.get(
            "/admin/settlement", query_string={**MARCH, "cooperative": la_un.id, "lang": "en"}
        )
    )
    total = re.search(r'<tr class="settlement-total">.*?</tr>', page, re.S).group(0)
    for amount in ("฿640.50", "฿100", "฿50", "฿30.03", "฿660.47"):
        assert amount in total
    for number in ("RN-D", "RN-E", "RN-F"):
        assert number not in page


def _period_shown(page) -> tuple[str, str]:
    found = re.findall(r'name="date_(?:from|to)"[^>]*value="([\d-]+)"', page.text)
    assert len(found) == 2, page.text
    return found[0], found[1]


def test_the_settlement_opens_on_the_latest_month_with_sales(client, march):
    """Mid-May, with the last sale paid on 1 April (Thai time): April, not an empty May."""
    la_un, kapoe = march
    with time_machine.travel(bangkok(2026, 5, 15, 9), tick=False):
        log_in_admin(client)
        page = client.get("/admin/settlement?lang=en")
        one = client.get(f"/admin/settlement?cooperative={kapoe.id}&lang=en")

    assert _period_shown(page) == ("2026-04-01", "2026-04-30")
    la_un_row = re.search(r'data-cooperative="la-un-growers".*?</tr>', page.text, re.S).group(0)
    assert "฿999" in la_un_row  # RN-D, paid at 00:30 on 1 April in Ranong
    assert _period_shown(one) == ("2026-03-01", "2026-03-31")  # Kapoe's last sale: 5 March
    assert "RN-A" in one.text


def test_the_settlement_of_a_shop_without_sales_opens_on_this_month_so_far(client, session):
    with time_machine.travel(bangkok(2026, 5, 15, 9), tick=False):
        log_in_admin(client)
        page = client.get("/admin/settlement?lang=en")

    assert _period_shown(page) == ("2026-05-01", "2026-05-15")


def test_a_sale_paid_this_month_opens_this_month(client, march):
    la_un, _ = march
    place([(la_un, 12_300, 0, 500)], paid_at=bangkok(2026, 5, 2), number="RN-H")
    db.session.commit()
    with time_machine.travel(bangkok(2026, 5, 15, 9), tick=False):
        log_in_admin(client)
        page = client.get("/admin/settlement?lang=en")

    assert _period_shown(page) == ("2026-05-01", "2026-05-15")
    assert "฿123" in page.text


def test_the_csv_of_every_cooperative_matches_the_overview(client, march):
    log_in_admin(client)

    response = client.get("/admin/settlement.csv", query_string={**MARCH, "lang": "en"})
    overview = client.get("/admin/settlement", query_string={**MARCH, "lang": "en"})

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "settlement-all-2026-03-01-2026-03-31.csv" in response.headers["Content-Disposition"]
    assert "/admin/settlement.csv?date_from=2026-03-01&amp;date_to=2026-03-31" in overview.text
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["period", "2026-03-01", "2026-03-31"]
    assert rows[1][:3] == ["cooperative", "cooperative_slug", "seller_orders"]
    by_slug = {row[1]: row for row in rows[2:-1]}
    assert by_slug["la-un-growers"] == [
        "สหกรณ์ละอุ่น",
        "la-un-growers",
        "3",
        "640.50",
        "100.00",
        "50.00",
        "30.03",
        "660.47",
    ]
    assert by_slug["kapoe-cashews"][2:] == ["1", "250.00", "40.00", "0.00", "18.75", "271.25"]
    assert rows[-1] == ["total", "", "4", "890.50", "140.00", "50.00", "48.78", "931.72"]


def test_a_cooperative_name_cannot_run_as_a_formula_in_the_csv(client, march):
    la_un, _ = march
    la_un.name_th = '=HYPERLINK("http://evil.example","pay")'
    db.session.commit()
    log_in_admin(client)

    body = client.get("/admin/settlement.csv", query_string=MARCH).get_data().decode("utf-8-sig")

    rows = {row[1]: row for row in csv.reader(io.StringIO(body)) if len(row) > 1}
    assert rows["la-un-growers"][0] == "'" + la_un.name_th


def test_the_csv_matches_the_page(client, march):
    la_un, _ = march
    log_in_admin(client)
    query = {**MARCH, "cooperative": la_un.id}
    response = client.get("/admin/settlement.csv", query_string={**query, "lang": "en"})
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert (
        "settlement-la-un-growers-2026-03-01-2026-03-31.csv"
        in response.headers["Content-Disposition"]
    )
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["cooperative", "สหกรณ์ละอุ่น", "la-un-growers"]
    assert rows[2][0] == "order_number"
    lines, total = rows[3:-1], rows[-1]
    assert total == ["total", "", "", "640.50", "100.00", "50.00", "", "30.03", "660.47"]
    assert lines[1] == [
        "RN-B",
        "2026-03-20",
        "paid",
        "180.50",
        "50.00",
        "50.00",
        "5",
        "9.03",
        "171.47",
    ]

    page = text_of(client.get("/admin/settlement", query_string={**query, "lang": "en"}))
    for number, *_, net in lines:
        row = re.search(rf">{number}</th>.*?</tr>", page, re.S).group(0)
        baht, satang = net.split(".")
        shown = f"฿{int(baht):,}" + ("" if satang == "00" else f".{satang}")
        assert shown in row, (number, shown)


def test_programme_counts_per_month(march):
    report = reports.programme(date(2026, 2, 1), date(2026, 4, 30))
    feb, mar, apr = report.months
    assert (feb.cooperatives_selling, feb.orders, feb.revenue) == (1, 1, 12_000)
    assert (mar.cooperatives_selling, mar.orders, mar.seller_orders, mar.revenue) == (
        2,
        3,
        4,
        89_050,
    )
    assert (apr.cooperatives_selling, apr.orders, apr.revenue) == (1, 1, 99_900)
    assert (mar.retail_orders, mar.retail_revenue, mar.wholesale_orders) == (3, 89_050, 0)
    la_un, kapoe = march
    assert report.cell(la_un.id, date(2026, 3, 1)) == reports.CooperativeMonth(3, 64_050)
    assert report.total_of(kapoe.id) == reports.CooperativeMonth(2, 37_000)


def test_the_programme_page_draws_charts_with_data_tables(client, march):
    log_in_admin(client)
    page = text_of(
        client.get(
            "/admin/programme",
            query_string={"date_from": "2026-02-01", "date_to": "2026-04-30", "lang": "en"},
        )
    )
    assert page.count("<svg") == 3
    assert page.count('<rect class="admin-chart-bar"') == 9
    assert "<script" not in page
    channels = re.search(r'<table class="admin-table programme-channels">.*?</table>', page, re.S)
    march_row = re.search(r"March 2026</th>(.*?)</tr>", channels.group(0), re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", march_row)
    assert cells == ["3", "฿890.50", "0", "฿0", "2"]
    assert "Wholesale to partner shops" in page
    by_coop = re.search(r'data-cooperative="la-un-growers".*?</tr>', page, re.S).group(0)
    assert "3 orders" in by_coop
    assert "฿640.50" in by_coop


def test_the_admin_home_counts_this_months_sales(client, session):
    la_un, kapoe = two_cooperatives()
    now = utcnow()
    place([(la_un, 36_000, 5_000, 500), (kapoe, 25_000, 4_000, 750)], paid_at=now)
    place([(la_un, 18_000, 5_000, 500)], paid_at=None)
    log_in_admin(client)
    figures = reports.home_figures()
    assert (figures.orders_this_month, figures.revenue_this_month, figures.slips_waiting) == (
        1,
        61_000,
        0,
    )
    page = text_of(client.get("/admin?lang=en"))
    assert "฿610" in page


def test_a_thai_admin_types_the_period_in_the_buddhist_era(client, march):
    """2569 is 2026 to a Thai reader: what a date input sends when 2569 is typed, and a
    day/month/year typed in Thai digits, give March 2026, dated back in the Buddhist era."""
    log_in_admin(client)
    thai_march = {"date_from": "2569-03-01", "date_to": "๓๑/๐๓/๒๕๖๙", "lang": "th"}

    page = text_of(client.get("/admin/settlement", query_string=thai_march))

    assert "1 มี.ค. 2569" in page
    assert "31 มี.ค. 2569" in page
    la_un_row = re.search(r'data-cooperative="la-un-growers".*?</tr>', page, re.S).group(0)
    assert "฿660.47" in la_un_row
    assert 'value="2026-03-01"' in page  # the date input shows the period it used
