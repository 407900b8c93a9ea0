"""Shared set-up for the product and picture tests: two cooperatives, their staff, a customer,
and Kapoe's product (with a pack and a picture) whose ids La-un's staff try to reach."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from PIL import Image

from shop.accounts.models import CooperativeMembership, MembershipRole, User
from shop.catalog.models import Category, Cooperative, Product, ProductImage, Variant
from shop.core.images import store_image
from tests.factories import CategoryFactory, CooperativeFactory, ProductFactory, UserFactory

PASSWORD = "correct horse battery"


def log_in(client, email):
    response = client.post("/account/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302


def jpeg_bytes(size=(640, 480), color=(120, 80, 40), exif=None) -> bytes:
    buffer = io.BytesIO()
    picture = Image.new("RGB", size, color)
    if exif is None:
        picture.save(buffer, "JPEG", quality=85)
    else:
        picture.save(buffer, "JPEG", quality=85, exif=exif)
    return buffer.getvalue()


@dataclass
class ProductWorld:
    la_un: Cooperative
    kapoe: Cooperative
    category: Category
    staff: User
    customer: User
    kapoe_product: Product
    kapoe_variant: Variant
    kapoe_image: ProductImage


def build_world(session, upload_dir: str) -> ProductWorld:
    la_un = CooperativeFactory(slug="la-un", name_en="La-un Growers")
    kapoe = CooperativeFactory(slug="kapoe", name_en="Kapoe Cooperative")
    category = CategoryFactory(slug="roasted-beans", name_en="Roasted beans")
    staff = UserFactory(email="staff@la-un.example.org", locale="en")
    kapoe_staff = UserFactory(email="staff@kapoe.example.org")
    customer = UserFactory(email="customer@example.org")
    session.add_all(
        [
            CooperativeMembership(user=staff, cooperative=la_un, role=MembershipRole.STAFF),
            CooperativeMembership(user=kapoe_staff, cooperative=kapoe, role=MembershipRole.OWNER),
        ]
    )
    product = ProductFactory(cooperative=kapoe, category=category, name_en="Kapoe robusta")
    stored = store_image(jpeg_bytes(), upload_dir)
    image = ProductImage(
        product=product, stem=stored.stem, width=stored.width, height=stored.height
    )
    session.add(image)
    session.commit()
    return ProductWorld(
        la_un, kapoe, category, staff, customer, product, product.variants[0], image
    )


OWN_SCRIPT = re.compile(r"/static/js/[a-z-]+\.js")


def _unless_own(match: re.Match) -> str:
    return "" if OWN_SCRIPT.fullmatch(match.group(1)) else match.group(0)


class _ActiveContent(HTMLParser):
    """Collects whatever in a page could run: scripts, frames, handlers, script URLs."""

    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
    BAD_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "base", "frame"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and attributes.get("type") == "application/ld+json":
            pass  # the page's own structured data, serialised with tojson
        elif tag == "script" and OWN_SCRIPT.fullmatch(attributes.get("src") or ""):
            pass  # the shop's own file, e.g. /static/js/upload-progress.js
        elif tag in self.BAD_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = re.sub(r"\s", "", (value or "")).lower()
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in self.URL_ATTRIBUTES and value.startswith(
                ("javascript:", "vbscript:", "data:")
            ):
                self.found.append(f"{tag} {name}={value}")
            if name == "style" and ("expression" in value or "javascript" in value):
                self.found.append(f"{tag} style={value}")

    handle_startendtag = handle_starttag


def active_content(html: str) -> list[str]:
    """Everything active in a page; besides the parser's view, raw text checks that would
    catch a tag the parser misread."""
    parser = _ActiveContent()
    parser.feed(html)
    found = list(parser.found)
    without_jsonld = re.sub(
        r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S
    )
    without_jsonld = re.sub(r'<script src="([^"]*)" defer></script>', _unless_own, without_jsonld)
    if "<script" in without_jsonld.lower():
        found.append("raw <script")
    if re.search(r"""<[^<>]*\b(href|src)\s*=\s*["']?\s*javascript:""", html, re.I):
        found.append("raw javascript: URL")
    return found
