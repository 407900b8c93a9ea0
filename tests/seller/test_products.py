"""Staff list, create, edit, preview, publish and archive their cooperative's products and packs;
nobody reaches another cooperative's; what they type never runs in anyone's browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from shop.catalog.markdown import render_markdown
from shop.catalog.models import Product, ProductStatus, Variant
from shop.extensions import db
from shop.platform.models import AuditEntry
from tests.seller.product_world import active_content, build_world, log_in

ZAWGYI = "ျမန္မာ"
UNICODE_BURMESE = "မြန်မာ"


@pytest.fixture
def world(app, session):
    return build_world(session, app.config["UPLOAD_DIR"])


@pytest.fixture
def staff(app, world):
    client = app.test_client()
    log_in(client, world.staff.email)
    return client


def product_form(world, **changes) -> dict:
    data = {
        "name_th": "กาแฟโรบัสต้าคั่วเข้ม",
        "name_en": "Dark roast robusta",
        "name_my": "အနက်ရောင်လှော် ရိုဘတ်စတာ",
        "description_th": "เมล็ดกาแฟจากสวนสมาชิก",
        "description_en": "Beans from our members' farms.\n\n**Strong** and *smooth*.",
        "description_my": "အသင်းဝင်များ၏ ခြံမှ ကော်ဖီစေ့",
        "origin_th": "ละอุ่น ระนอง",
        "origin_en": "La-un, Ranong",
        "origin_my": "ရနောင်း",
        "category_id": world.category.id,
        "roast": "dark",
    }
    data.update(changes)
    return data


def variant_form(**changes) -> dict:
    data = {
        "sku": "LAUN-DARK-250",
        "name_th": "ถุง 250 กรัม",
        "name_en": "250 g bag",
        "name_my": "",
        "pack_size": "1",
        "weight_grams": "280",
        "price": "189.50",
        "low_stock_threshold": "5",
    }
    data.update(changes)
    return data


def create(staff, world, **changes) -> Product:
    response = staff.post("/seller/products/new", data=product_form(world, **changes))
    assert response.status_code == 302, response.text
    return db.session.scalars(select(Product).order_by(Product.id.desc())).first()


def add_pack(staff, product, **changes):
    return staff.post(f"/seller/products/{product.id}/variants/new", data=variant_form(**changes))


def published(staff, world, **changes) -> Product:
    product = create(staff, world, **changes)
    assert add_pack(staff, product).status_code == 302
    assert staff.post(f"/seller/products/{product.id}/publish").status_code == 302
    return product


def test_a_new_product_is_a_draft_until_published_then_archived_out_of_the_shop(staff, world):
    product = create(staff, world)
    assert product.cooperative_id == world.la_un.id
    assert product.status == ProductStatus.DRAFT
    assert staff.get(f"/products/{product.slug}?lang=en").status_code == 404

    refused = staff.post(f"/seller/products/{product.id}/publish", follow_redirects=True)
    assert "Add at least one pack" in refused.text
    assert add_pack(staff, product).status_code == 302
    staff.post(f"/seller/products/{product.id}/publish")

    page = staff.get(f"/products/{product.slug}?lang=en")
    assert page.status_code == 200
    assert "Dark roast robusta" in page.text
    assert "<p><strong>Strong</strong> and <em>smooth</em>.</p>" in page.text
    assert "฿189.50" in page.text
    assert "Dark roast robusta" in staff.get("/products?lang=en").text

    staff.post(f"/seller/products/{product.id}/archive")
    db.session.expire_all()
    assert db.session.get(Product, product.id).status == ProductStatus.ARCHIVED
    assert staff.get(f"/products/{product.slug}?lang=en").status_code == 404
    assert "Dark roast robusta" not in staff.get("/products?lang=en").text


def test_editing_changes_the_three_languages_and_the_shop_shows_them(staff, world):
    product = published(staff, world)
    form = staff.get(f"/seller/products/{product.id}/edit?lang=en")
    assert 'value="Dark roast robusta"' in form.text
    staff.post(
        f"/seller/products/{product.id}/edit",
        data=product_form(world, name_en="Ranong dark roast", name_my=UNICODE_BURMESE, roast=""),
    )
    db.session.expire_all()
    edited = db.session.get(Product, product.id)
    assert (edited.name_en, edited.name_my, edited.roast) == (
        "Ranong dark roast",
        UNICODE_BURMESE,
        None,
    )
    assert "Ranong dark roast" in staff.get(f"/products/{product.slug}?lang=en").text
    assert UNICODE_BURMESE in staff.get(f"/products/{product.slug}?lang=my").text


def test_the_list_shows_status_missing_translations_and_stock_per_pack(staff, world):
    product = create(staff, world, name_my="", description_en="")
    add_pack(staff, product)
    page = staff.get("/seller/products?lang=en").text
    assert "Dark roast robusta" in page
    assert "Draft" in page
    assert "Translation missing:" in page
    assert "English, Burmese" in page
    assert "LAUN-DARK-250" in page
    assert "Kapoe robusta" not in page  # another cooperative's product


def test_preview_renders_like_the_shop_without_publishing(staff, world):
    product = create(staff, world)
    add_pack(staff, product)
    page = staff.get(f"/seller/products/{product.id}/preview?lang=en")
    assert page.status_code == 200
    assert "<strong>Strong</strong>" in page.text
    assert "Preview" in page.text
    db.session.expire_all()
    assert db.session.get(Product, product.id).status == ProductStatus.DRAFT


def test_packs_are_added_edited_and_withdrawn_and_the_lowest_price_follows(staff, world):
    product = create(staff, world)
    add_pack(staff, product)
    add_pack(staff, product, sku="LAUN-DARK-500", name_th="ถุง 500 กรัม", price="340")
    db.session.expire_all()
    product = db.session.get(Product, product.id)
    small, large = product.variants
    assert (small.price_satang, large.price_satang) == (18950, 34000)
    assert product.min_price_satang == 18950

    staff.post(
        f"/seller/products/{product.id}/variants/{small.id}/edit",
        data=variant_form(price="399", weight_grams="300", low_stock_threshold="8"),
    )
    db.session.expire_all()
    assert db.session.get(Variant, small.id).price_satang == 39900
    assert db.session.get(Variant, small.id).low_stock_threshold == 8
    assert db.session.get(Product, product.id).min_price_satang == 34000

    staff.post(f"/seller/products/{product.id}/variants/{large.id}/deactivate")
    db.session.expire_all()
    assert db.session.get(Variant, large.id).is_active is False
    assert db.session.get(Product, product.id).min_price_satang == 39900
    staff.post(f"/seller/products/{product.id}/variants/{large.id}/activate")
    db.session.expire_all()
    assert db.session.get(Product, product.id).min_price_satang == 34000


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sku": "SKU-TAKEN"}, "Another pack already uses this SKU."),
        ({"price": "abc"}, "Enter a price in baht"),
        ({"price": "12.345"}, "Enter a price in baht"),
        ({"price": "0"}, "Enter a price above zero"),
        ({"weight_grams": "0"}, "Shipping weight"),
        ({"sku": "bad sku!"}, "Use letters, digits"),
    ],
)
def test_bad_packs_are_refused_with_a_message_and_nothing_saved(staff, world, changes, message):
    world.kapoe_variant.sku = "SKU-TAKEN"
    db.session.commit()
    product = create(staff, world)
    response = add_pack(staff, product, **changes)
    assert response.status_code == 200
    assert message in response.text
    assert db.session.scalar(select(Variant).where(Variant.product_id == product.id)) is None


def test_zawgyi_burmese_is_refused_and_unicode_accepted(staff, world):
    before = db.session.scalar(select(db.func.count(Product.id)))
    response = staff.post("/seller/products/new?lang=en", data=product_form(world, name_my=ZAWGYI))
    assert response.status_code == 200
    assert "looks like Zawgyi; please retype it with a Unicode keyboard" in response.text
    response = staff.post(
        "/seller/products/new?lang=en",
        data=product_form(world, description_my=f"{ZAWGYI} ကော္ဖီ"),
    )
    assert "looks like Zawgyi" in response.text
    assert db.session.scalar(select(db.func.count(Product.id))) == before

    product = create(staff, world, name_my=UNICODE_BURMESE)
    assert product.name_my == UNICODE_BURMESE
    assert "looks like Zawgyi" in add_pack(staff, product, name_my=ZAWGYI).text
    assert add_pack(staff, product, name_my=UNICODE_BURMESE).status_code == 302


def test_changes_are_written_to_the_audit_log_with_old_and_new_values(staff, world):
    product = published(staff, world)
    variant = product.variants[0]
    staff.post(f"/seller/products/{product.id}/edit", data=product_form(world, name_en="New name"))
    staff.post(
        f"/seller/products/{product.id}/variants/{variant.id}/edit",
        data=variant_form(price="200"),
    )
    staff.post(f"/seller/products/{product.id}/archive")
    entries = {
        e.action: e
        for e in db.session.scalars(
            select(AuditEntry).where(AuditEntry.cooperative_id == world.la_un.id)
        )
    }
    assert {
        "product.create",
        "variant.create",
        "product.publish",
        "product.update",
        "variant.update",
        "variant.price_change",
        "product.archive",
    } <= set(entries)
    assert entries["product.update"].details["name_en"] == ["Dark roast robusta", "New name"]
    assert entries["variant.price_change"].details["price_satang"] == [18950, 20000]
    assert entries["product.archive"].details["status"] == ["active", "archived"]
    assert all(e.actor_id == world.staff.id for e in entries.values())


def test_descriptions_in_plain_text_keep_their_paragraphs():
    text = "First paragraph of the story.\n\nSecond one,\non two lines."
    html = str(render_markdown(text))
    assert "<p>First paragraph of the story.</p>" in html
    assert "<p>Second one,<br>\non two lines.</p>" in html
    assert str(render_markdown("")) == ""


# --- walls between cooperatives and roles ----------------------------------------------------


def routes(world):
    """Every product route of the seller backend with Kapoe's ids: (method, url, data)."""
    p, v, i = world.kapoe_product.id, world.kapoe_variant.id, world.kapoe_image.id
    return [
        ("get", f"/seller/products/{p}/edit", None),
        ("post", f"/seller/products/{p}/edit", {"name_th": "x", "category_id": "1"}),
        ("get", f"/seller/products/{p}/preview", None),
        ("post", f"/seller/products/{p}/publish", {}),
        ("post", f"/seller/products/{p}/archive", {}),
        ("get", f"/seller/products/{p}/variants/new", None),
        ("post", f"/seller/products/{p}/variants/new", variant_form(sku="STOLEN")),
        ("get", f"/seller/products/{p}/variants/{v}/edit", None),
        ("post", f"/seller/products/{p}/variants/{v}/edit", variant_form(sku="STOLEN")),
        ("post", f"/seller/products/{p}/variants/{v}/deactivate", {}),
        ("post", f"/seller/products/{p}/variants/{v}/activate", {}),
        ("post", f"/seller/products/{p}/images", {}),
        ("post", f"/seller/products/{p}/images/{i}/up", {}),
        ("post", f"/seller/products/{p}/images/{i}/down", {}),
        ("post", f"/seller/products/{p}/images/{i}/delete", {}),
    ]


def snapshot(world):
    db.session.expire_all()
    product = db.session.get(Product, world.kapoe_product.id)
    return (
        product.name_th,
        product.status,
        product.updated_at,
        [(v.sku, v.price_satang, v.is_active) for v in product.variants],
        [(img.stem, img.position) for img in product.images],
        db.session.scalar(select(db.func.count(AuditEntry.id))),
    )


def test_another_cooperatives_ids_answer_404_on_every_route_and_change_nothing(app, staff, world):
    before = snapshot(world)
    own = create(staff, world)
    add_pack(staff, own, sku="LAUN-OWN")
    before_own = snapshot(world)
    assert before_own[:5] == before[:5]
    for method, url, data in routes(world):
        response = getattr(staff, method)(url, data=data)
        assert response.status_code == 404, url
    # Kapoe's pack or picture under La-un's own product id is just as unknown.
    v, i = world.kapoe_variant.id, world.kapoe_image.id
    for url in (
        f"/seller/products/{own.id}/variants/{v}/edit",
        f"/seller/products/{own.id}/variants/{v}/deactivate",
        f"/seller/products/{own.id}/images/{i}/delete",
    ):
        assert staff.post(url, data=variant_form(sku="STOLEN")).status_code == 404, url
    assert snapshot(world) == before_own
    stored = Path(app.config["UPLOAD_DIR"]) / "products" / f"{world.kapoe_image.stem}-400.webp"
    assert stored.exists()


def test_customers_get_403_and_visitors_are_sent_to_log_in(app, world):
    visitor = app.test_client()
    customer = app.test_client()
    log_in(customer, world.customer.email)
    before = snapshot(world)
    all_routes = [
        ("get", "/seller/products", None),
        ("get", "/seller/products/new", None),
        *routes(world),
    ]
    for method, url, data in all_routes:
        assert getattr(customer, method)(url, data=data).status_code == 403, url
        assert getattr(visitor, method)(url, data=data).status_code == 302, url
    assert snapshot(world) == before


# --- stored XSS ------------------------------------------------------------------------------

XSS = [
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "![x](javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<div style="width: expression(alert(1))">x</div>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<script src=//evil.example/x.js",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "' onmouseover='alert(1)",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<object data="javascript:alert(1)"></object>',
    "[x](vbscript:msgbox(1))",
]


@pytest.mark.parametrize("payload", XSS)
def test_stored_xss_in_names_and_descriptions_renders_nothing_active(staff, world, payload):
    product = published(
        staff,
        world,
        name_th=payload,
        name_en=payload,
        description_th=payload,
        description_en=f"Intro\n\n{payload}\n\n* {payload}\n\n> {payload}",
    )
    pages = {
        "product": f"/products/{product.slug}?lang=en",
        "product-th": f"/products/{product.slug}?lang=th",
        "list": "/products?lang=en",
        "search": "/products?lang=en&q=alert",
        "cooperative": f"/cooperatives/{world.la_un.slug}?lang=en",
        "seller list": "/seller/products?lang=en",
        "seller edit": f"/seller/products/{product.id}/edit?lang=en",
        "seller preview": f"/seller/products/{product.id}/preview?lang=en",
        "seller pack": f"/seller/products/{product.id}/variants/{product.variants[0].id}/edit",
    }
    for name, url in pages.items():
        response = staff.get(url)
        assert response.status_code == 200, name
        assert active_content(response.text) == [], name


def test_the_checker_itself_sees_active_content():
    assert active_content('<p><img src="x" onerror="alert(1)"></p>')
    assert active_content('<a href=" javascript:alert(1)">x</a>')
    assert active_content("<script>alert(1)</script>")
    assert active_content('<div style="width: expression(alert(1))">x</div>')
    assert not active_content('<script type="application/ld+json">{"a": 1}</script><p>ok</p>')


def test_the_product_and_pack_forms_have_no_maxlength_to_cut_pasted_text(staff, world):
    product = create(staff, world)

    pages = [
        staff.get("/seller/products/new?lang=en"),
        staff.get(f"/seller/products/{product.id}/edit?lang=en"),
        staff.get(f"/seller/products/{product.id}/variants/new?lang=en"),
    ]

    assert [page.status_code for page in pages] == [200] * 3
    assert all('name="name_th"' in page.text for page in pages)
    assert all("maxlength" not in page.text for page in pages)


def test_a_too_long_name_is_refused_in_words_and_kept_to_be_shortened(staff, world):
    before = db.session.scalar(select(db.func.count(Product.id)))
    long_name = "Dark roast robusta from the members' farms of La-un, Ranong " * 4  # 240

    response = staff.post(
        "/seller/products/new?lang=en", data=product_form(world, name_en=long_name)
    )

    assert response.status_code == 200
    assert "Please use at most 200 characters." in response.text
    assert f'value="{long_name.strip()}"' in response.text.replace("&#39;", "'")
    assert db.session.scalar(select(db.func.count(Product.id))) == before


def test_a_too_long_pack_name_is_refused_and_nothing_saved(staff, world):
    product = create(staff, world)

    response = add_pack(staff, product, name_en="250 g bag " * 13)  # 130

    assert "Please use at most 120 characters." in response.text
    assert db.session.scalar(select(Variant).where(Variant.product_id == product.id)) is None
