"""Listing pages cost the same number of SQL queries however many products they show (no N+1)."""

from tests.factories import CategoryFactory, CooperativeFactory, ProductFactory


def _make_products(count: int, variants: int = 2) -> None:
    coops = [CooperativeFactory() for _ in range(4)]
    category = CategoryFactory()
    for i in range(count):
        ProductFactory(cooperative=coops[i % 4], category=category, variants=variants)


def test_product_list_queries_do_not_grow_with_the_catalogue(app, client, session, count_queries):
    app.config["PRODUCTS_PER_PAGE"] = 10
    _make_products(10)
    session.commit()
    with count_queries() as small:
        assert client.get("/products?lang=en").status_code == 200

    app.config["PRODUCTS_PER_PAGE"] = 200
    _make_products(190)
    session.commit()
    with count_queries() as large:
        response = client.get("/products?lang=en")
    app.config["PRODUCTS_PER_PAGE"] = 24
    assert response.get_data(as_text=True).count('class="card product-card"') == 200
    assert large.count == small.count, large.statements
    assert small.count <= 8


def test_home_and_cooperative_pages_have_a_fixed_query_count(client, session, count_queries):
    _make_products(4)
    session.commit()
    with count_queries() as few:
        client.get("/")
    _make_products(40)
    session.commit()
    with count_queries() as many:
        client.get("/")
    assert few.count == many.count


def test_product_page_queries_do_not_grow_with_its_variants(client, session, count_queries):
    coop = CooperativeFactory()
    ProductFactory(slug="one-variant", cooperative=coop, variants=1)
    ProductFactory(slug="ten-variants", cooperative=coop, variants=10)
    session.commit()
    with count_queries() as single:
        assert client.get("/products/one-variant").status_code == 200
    with count_queries() as multiple:
        assert client.get("/products/ten-variants").status_code == 200
    assert single.count == multiple.count
