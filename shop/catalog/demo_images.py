"""Product illustrations for the demo catalogue, drawn with Pillow.

``draw_product_image(product)`` takes a product dict from :mod:`shop.catalog.demo_data` and returns
a 1200×1200 PNG that looks like a clean studio shot of the package: a soft backdrop, the package
(``image["shape"]``: ``bag``, ``box``, ``pouch``, ``jar`` or ``dripbag``) in ``image["colour"]``
with an ``image["accent"]`` band, the latin ``label`` / ``sublabel`` printed on it, soft shadows and
a few coffee beans, cashews, honeycomb, leaves or shrimp on the table (``image["garnish"]``, else
chosen from the category). Only Pillow's built-in font is used, and the output depends on nothing
but the product dict (scatter positions are seeded from the slug): the same product always gives
the same bytes.
"""

from __future__ import annotations

import io
import math
import random
import zlib
from collections.abc import Callable
from functools import lru_cache

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

SIZE = 1200

# The package layer is drawn on a 2400 px sheet; the square _VIEW of it is scaled down to SIZE,
# which both anti-aliases the drawing and frames the product.
_S = 2400
_VIEW = (240, 300, 2160, 2220)
_CX = _S // 2
_GROUND = 1880  # y where packages stand
_Q = 6  # shadow masks are drawn at 1/_Q of the sheet and blurred

_CREAM = (248, 243, 233)
_INK = (38, 30, 26)
_WHITE = (255, 255, 255)
_CLEAR = (0, 0, 0, 0)

_COFFEE_CATEGORIES = {"instant-coffee", "coffee-beans", "ground-coffee", "drip-bags"}

RGB = tuple[int, int, int]
Box = tuple[float, float, float, float]

# ---------------------------------------------------------------------------------------- colour


def _rgb(value: object, default: RGB) -> RGB:
    if not isinstance(value, str):
        return default
    value = value.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    try:
        return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))
    except ValueError:
        return default


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    """``a`` moved a fraction ``t`` of the way towards ``b``."""
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _shade(c: RGB, f: float) -> RGB:
    return (min(255, round(c[0] * f)), min(255, round(c[1] * f)), min(255, round(c[2] * f)))


def _lum(c: RGB) -> float:
    return (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255


def _on(c: RGB) -> RGB:
    """A readable text colour on the background ``c``."""
    return _INK if _lum(c) > 0.55 else _WHITE


def _a(c: RGB, alpha: int = 255) -> tuple[int, int, int, int]:
    return (c[0], c[1], c[2], alpha)


# ------------------------------------------------------------------------------------------ text


@lru_cache(maxsize=64)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _width(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, track: float) -> float:
    if not text:
        return 0.0
    return sum(font.getlength(ch) for ch in text) + track * (len(text) - 1)


def _fit(text: str, max_w: float, start: int, tracking: float = 0.0) -> int:
    """The largest font size, at most ``start``, at which ``text`` fits in ``max_w``."""
    size = start
    while size > 16 and _width(text, _font(size), tracking * size) > max_w:
        size -= 2
    return size


def _text(
    draw: ImageDraw.ImageDraw,
    cx: float,
    baseline: float,
    text: str,
    size: int,
    fill: RGB,
    tracking: float = 0.0,
    bold: bool = False,
) -> None:
    """Draw ``text`` centred on ``cx``, letter-spaced by ``tracking`` × size."""
    font = _font(size)
    track = tracking * size
    x = cx - _width(text, font, track) / 2
    stroke = max(1, size // 26) if bold else 0
    for ch in text:
        draw.text(
            (x, baseline),
            ch,
            font=font,
            fill=fill,
            anchor="ls",
            stroke_width=stroke,
            stroke_fill=fill,
        )
        x += font.getlength(ch) + track


def _label_block(
    draw: ImageDraw.ImageDraw,
    cx: float,
    top: float,
    width: float,
    label: str,
    sublabel: str,
    fg: RGB,
    sub_fg: RGB,
    rule: RGB | None,
    label_size: int,
) -> float:
    """Label (large, bold), a short rule, then the sublabel (small, spaced); returns the bottom."""
    size = _fit(label, width, label_size, 0.04)
    y = top + size * 0.72
    _text(draw, cx, y, label, size, fg, 0.04, bold=True)
    y += size * 0.3
    if rule is not None:
        draw.rounded_rectangle((cx - width * 0.2, y, cx + width * 0.2, y + 10), 5, fill=rule)
        y += 20
    if sublabel:
        ssize = _fit(sublabel, width, max(36, min(64, int(size * 0.46))), 0.16)
        y += ssize * 0.72 + 14
        _text(draw, cx, y, sublabel, ssize, sub_fg, 0.16)
        y += ssize * 0.3
    return y


# ----------------------------------------------------------------------------- translucent paint


def _sheet(w: float, h: float) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    """A transparent sheet for translucent strokes.

    ImageDraw overwrites RGBA pixels instead of blending them, so translucent paint goes on a sheet
    that is then alpha-composited with :func:`_put`.
    """
    sheet = Image.new("RGBA", (max(1, int(w)), max(1, int(h))), _CLEAR)
    return sheet, ImageDraw.Draw(sheet)


def _put(im: Image.Image, sheet: Image.Image, x: float, y: float) -> None:
    im.alpha_composite(sheet, (int(x), int(y)))


def _gloss(layer: Image.Image, x0: float, y0: float, x1: float, y1: float, alpha: int = 50) -> None:
    """A soft vertical sheen, as from a softbox on the left."""
    w = x1 - x0
    sx, sw = x0 + w * 0.09, int(w * 0.2)
    sheet, d = _sheet(sw, y1 - y0)
    for i in range(sw):
        t = i / max(1, sw - 1)
        a = 0.0
        if t < 0.66:
            a = alpha * math.sin(math.pi * t / 0.66) ** 2
        elif 0.76 < t < 0.9:
            a = alpha * 0.5 * math.sin(math.pi * (t - 0.76) / 0.14)
        if a >= 1:
            d.line((i, 0, i, y1 - y0), fill=(255, 255, 255, int(a)))
    _put(layer, sheet, sx, y0)


def _masked(layer: Image.Image, content: Image.Image, x: float, y: float, radius: int) -> None:
    """Paste ``content`` at (x, y) clipped to a rounded rectangle of its size."""
    mask = Image.new("L", content.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle(
        (0, 0, content.width - 1, content.height - 1), radius, fill=255
    )
    if content.mode == "RGBA":
        mask = Image.composite(content.getchannel("A"), mask, mask)
    layer.paste(content.convert("RGB"), (int(x), int(y)), mask)


# --------------------------------------------------------------------------------------- sprites


def _arc_body(
    d: ImageDraw.ImageDraw,
    cx: float,
    cy: float,
    rc: float,
    a0: float,
    a1: float,
    thick: Callable[[float], float],
    fill: RGB,
    caps: bool = True,
    n: int = 36,
) -> None:
    """A curved body along a circular arc (degrees, y down) with thickness ``thick(s)``."""
    outer, inner = [], []
    for i in range(n + 1):
        s = i / n
        ang = math.radians(a0 + (a1 - a0) * s)
        t = thick(s) / 2
        outer.append((cx + (rc + t) * math.cos(ang), cy + (rc + t) * math.sin(ang)))
        inner.append((cx + (rc - t) * math.cos(ang), cy + (rc - t) * math.sin(ang)))
    d.polygon(outer + inner[::-1], fill=_a(fill))
    if caps:
        for s, ang in ((0.0, a0), (1.0, a1)):
            t = thick(s) / 2
            ex = cx + rc * math.cos(math.radians(ang))
            ey = cy + rc * math.sin(math.radians(ang))
            d.ellipse((ex - t, ey - t, ex + t, ey + t), fill=_a(fill))


def _bean_sprite(length: int, colour: RGB) -> Image.Image:
    w, h = length, int(length * 0.7)
    im = Image.new("RGBA", (w + 8, h + 8), _CLEAR)
    d = ImageDraw.Draw(im)
    d.ellipse((4, 4, w + 4, h + 4), fill=_a(_shade(colour, 0.8)))
    d.ellipse((6, 5, w + 1, h + 1), fill=_a(colour))
    d.ellipse(
        (4 + w * 0.16, 4 + h * 0.12, 4 + w * 0.62, 4 + h * 0.44),
        fill=_a(_mix(colour, _WHITE, 0.14)),
    )
    pts = []
    for i in range(21):
        t = i / 20
        pts.append((4 + w * (0.1 + 0.8 * t), 4 + h / 2 + math.sin(t * math.pi * 2) * h * 0.09))
    d.line(pts, fill=_a(_shade(colour, 0.42)), width=max(3, length // 15), joint="curve")
    return im


def _cashew_sprite(length: int, colour: RGB) -> Image.Image:
    pad = 6
    size = length + 2 * pad
    im = Image.new("RGBA", (size, size), _CLEAR)
    d = ImageDraw.Draw(im)
    cx, cy, rc = size / 2, size * 0.42, length * 0.27

    def body(s: float) -> float:
        return length * (0.3 + 0.14 * math.sin(math.pi * s))

    _arc_body(d, cx, cy, rc, 160, 380, lambda s: body(s) + 6, _shade(colour, 0.82))
    _arc_body(d, cx, cy, rc, 160, 380, body, colour)
    _arc_body(
        d, cx, cy, rc + length * 0.07, 200, 330, lambda s: length * 0.08, _mix(colour, _WHITE, 0.3)
    )
    return im


def _shrimp_sprite(length: int, colour: RGB) -> Image.Image:
    """A peeled, dried shrimp: a plump C curling into a small tail fan."""
    pad = 10
    size = length + 2 * pad
    im = Image.new("RGBA", (size, size), _CLEAR)
    d = ImageDraw.Draw(im)
    cx, cy, rc = size / 2, size / 2, length * 0.25
    a0, a1 = 170.0, 410.0

    def thick(s: float) -> float:
        return length * (0.36 - 0.24 * s**1.2)

    _arc_body(d, cx, cy, rc, a0, a1, lambda s: thick(s) + 6, _shade(colour, 0.8))
    _arc_body(d, cx, cy, rc, a0, a1, thick, colour)
    _arc_body(
        d,
        cx,
        cy,
        rc + length * 0.07,
        a0 + 10,
        a1 - 70,
        lambda s: length * (0.07 - 0.04 * s),
        _mix(colour, _WHITE, 0.32),
    )
    seg = _a(_shade(colour, 0.82))
    for i in range(1, 7):
        s = 0.1 + i * 0.12
        ang = math.radians(a0 + (a1 - a0) * s)
        t = thick(s) / 2
        co, si = math.cos(ang), math.sin(ang)
        d.line(
            (
                cx + (rc + t * 0.2) * co,
                cy + (rc + t * 0.2) * si,
                cx + (rc + t) * co,
                cy + (rc + t) * si,
            ),
            fill=seg,
            width=max(2, length // 45),
        )
    ang = math.radians(a1)
    tx, ty = cx + rc * math.cos(ang), cy + rc * math.sin(ang)
    ux, uy = -math.sin(ang), math.cos(ang)  # along the body, past the tail
    vx, vy = math.cos(ang), math.sin(ang)
    f = length * 0.2
    d.polygon(
        [
            (tx - ux * 4, ty - uy * 4),
            (tx + ux * f + vx * f * 0.55, ty + uy * f + vy * f * 0.55),
            (tx + ux * f * 0.8, ty + uy * f * 0.8),
            (tx + ux * f - vx * f * 0.55, ty + uy * f - vy * f * 0.55),
        ],
        fill=_a(_shade(colour, 0.9)),
    )
    return im


def _leaf_sprite(length: int, colour: RGB) -> Image.Image:
    w, h = length, int(length * 0.42)
    im = Image.new("RGBA", (w + 8, h + 8), _CLEAR)
    d = ImageDraw.Draw(im)
    top, bottom = [], []
    for i in range(31):
        t = i / 30
        half = math.sin(math.pi * t) ** 0.8 * h / 2 * (1 - 0.25 * t)
        top.append((4 + w * t, 4 + h / 2 - half))
        bottom.append((4 + w * t, 4 + h / 2 + half))
    d.polygon(top + bottom[::-1], fill=_a(colour))
    d.polygon(top + [(4 + w, 4 + h / 2)] + [(4, 4 + h / 2)], fill=_a(_mix(colour, _WHITE, 0.1)))
    vein = _a(_mix(colour, _WHITE, 0.35))
    d.line(
        (4 + w * 0.03, 4 + h / 2, 4 + w * 0.97, 4 + h / 2), fill=vein, width=max(2, length // 60)
    )
    for i in range(1, 6):
        x = 4 + w * i / 6.5
        d.line((x, 4 + h / 2, x + w * 0.09, 4 + h * 0.2), fill=vein, width=2)
        d.line((x, 4 + h / 2, x + w * 0.09, 4 + h * 0.8), fill=vein, width=2)
    return im


def _hexagon(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    return [
        (cx + r * math.cos(math.radians(60 * i)), cy + r * math.sin(math.radians(60 * i)))
        for i in range(6)
    ]


def _honeycomb_sprite(cell: int, colour: RGB) -> Image.Image:
    im = Image.new("RGBA", (int(cell * 7.0), int(cell * 5.4)), _CLEAR)
    d = ImageDraw.Draw(im)
    wax = _mix(colour, (246, 200, 90), 0.5)
    dx, dy = cell * 1.5, cell * math.sqrt(3)
    for col, row in ((0, 0.5), (1, 0), (1, 1), (2, 0.5), (0, 1.5), (2, 1.5), (1, 2), (3, 1)):
        x = cell * 1.1 + col * dx
        y = cell * 0.95 + row * dy
        d.polygon(_hexagon(x, y, cell), fill=_a(_shade(wax, 0.8)))
        d.polygon(_hexagon(x, y, cell * 0.8), fill=_a(wax))
        d.polygon(
            _hexagon(x - cell * 0.15, y - cell * 0.15, cell * 0.32), fill=_a(_mix(wax, _WHITE, 0.4))
        )
    return im


def _garnish_kind(product: dict, image: dict) -> str:
    kind = image.get("garnish")
    if kind in ("beans", "cashews", "leaves", "shrimp", "honey"):
        return str(kind)
    category = product.get("category") or ""
    if category == "cashew-nuts":
        return "cashews"
    if category in _COFFEE_CATEGORIES:
        return "beans"
    return "leaves"


def _bean_colour(roast: object) -> RGB:
    return {"light": (140, 90, 52), "medium": (96, 58, 34), "dark": (56, 35, 22)}.get(
        roast if isinstance(roast, str) else "", (86, 52, 31)
    )


def _nut_colour(product: dict) -> RGB:
    return (236, 214, 170) if "raw" in str(product.get("slug", "")) else (222, 172, 102)


def _sprite(kind: str, size: int, product: dict) -> Image.Image:
    if kind == "cashews":
        return _cashew_sprite(int(size * 1.25), _nut_colour(product))
    if kind == "leaves":
        return _leaf_sprite(int(size * 1.5), (70, 122, 70))
    if kind == "shrimp":
        return _shrimp_sprite(int(size * 1.3), (238, 124, 68))
    if kind == "honey":
        return _honeycomb_sprite(max(24, int(size / 2.3)), (232, 163, 23))
    return _bean_sprite(size, _bean_colour(product.get("roast")))


# ------------------------------------------------------------------------------------ background


def _background(colour: RGB, accent: RGB) -> Image.Image:
    """A studio backdrop tinted by the package: a vertical gradient, a light spot behind the
    product and a slightly darker table below a soft horizon."""
    warm = (247, 241, 231)
    top = _mix(_mix(colour, accent, 0.25), warm, 0.9)
    bottom = _mix(colour, warm, 0.8)
    n = 48
    small = Image.new("RGB", (n, n))
    px = small.load()
    for y in range(n):
        ty = y / (n - 1)
        base = _mix(top, bottom, ty**1.3)
        table = min(1.0, max(0.0, (ty - 0.6) / 0.12))
        base = _shade(base, 1 - 0.05 * table * table * (3 - 2 * table))
        for x in range(n):
            dx = (x - (n - 1) / 2) / (n / 2)
            dy = (ty - 0.42) / 0.5
            glow = max(0.0, 1 - (dx * dx + dy * dy)) ** 1.6 * 0.6
            px[x, y] = _mix(base, (255, 253, 249), glow)
    return small.resize((SIZE, SIZE), Image.Resampling.BICUBIC)


# -------------------------------------------------------------------------------------- packages


class _Pkg:
    """What a package drawer reports: its horizontal extent and areas the garnish must avoid."""

    def __init__(self, left: float, right: float, keep_out: list[Box] | None = None) -> None:
        self.left = left
        self.right = right
        self.keep_out = keep_out or []


def _emblem(layer: Image.Image, cx: float, cy: float, r: float, bg: RGB, kind: str) -> None:
    d = ImageDraw.Draw(layer)
    icon = _on(bg)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_a(bg))
    ring = _mix(bg, icon, 0.45)
    d.ellipse(
        (cx - r * 0.86, cy - r * 0.86, cx + r * 0.86, cy + r * 0.86), outline=_a(ring), width=4
    )
    if kind == "honey":
        d.polygon(_hexagon(cx, cy, r * 0.46), fill=_a(icon))
        d.polygon(_hexagon(cx, cy, r * 0.24), fill=_a(bg))
        return
    rot = Image.Resampling.BICUBIC
    if kind == "cashews":
        sprite = _cashew_sprite(int(r * 1.15), icon)
    elif kind == "leaves":
        sprite = _leaf_sprite(int(r * 1.3), icon).rotate(35, expand=True, resample=rot)
    elif kind == "shrimp":
        sprite = _shrimp_sprite(int(r * 1.2), icon)
    else:
        sprite = _bean_sprite(int(r * 1.05), icon).rotate(-35, expand=True, resample=rot)
    _put(layer, sprite, cx - sprite.width / 2, cy - sprite.height / 2)


def _roast_dots(draw: ImageDraw.ImageDraw, cx: float, y: float, roast: object, fill: RGB) -> None:
    """Roast level as three beans-worth of dots: one for light, two for medium, three for dark."""
    level = {"light": 1, "medium": 2, "dark": 3}.get(roast if isinstance(roast, str) else "")
    if not level:
        return
    r, gap = 15, 48
    for i in range(3):
        x = cx + (i - 1) * gap
        box = (x - r, y - r, x + r, y + r)
        if i < level:
            draw.ellipse(box, fill=fill)
        else:
            draw.ellipse(box, outline=fill, width=4)


def _draw_bag(layer: Image.Image, product: dict, image: dict, c: RGB, acc: RGB, kind: str) -> _Pkg:
    """A gusseted coffee bag with a folded, tin-tied top and a one-way valve."""
    d = ImageDraw.Draw(layer)
    g = _GROUND
    top = 660
    wb, wt = 920, 860
    lb, rb = _CX - wb / 2, _CX + wb / 2
    lt, rt = _CX - wt / 2, _CX + wt / 2
    d.polygon([(lb, g), (rb, g), (rt, top), (lt, top)], fill=c)
    gus = 64
    d.polygon([(lb, g), (lb + gus, g), (lt + gus, top), (lt, top)], fill=_shade(c, 0.84))
    d.polygon([(rb - gus, g), (rb, g), (rt, top), (rt - gus, top)], fill=_shade(c, 0.7))
    d.line((lb + gus, g, lt + gus, top), fill=_shade(c, 0.76), width=4)
    d.line((rb - gus, g, rt - gus, top), fill=_shade(c, 0.62), width=4)
    d.rectangle((lb + 2, g - 20, rb - 2, g), fill=_shade(c, 0.74))
    # folded top with a heat-sealed edge and a tin tie
    fold = top - 170
    d.polygon(
        [(lt + 12, top), (rt - 12, top), (rt - 26, fold), (lt + 26, fold)], fill=_shade(c, 0.88)
    )
    d.rectangle((lt + 26, fold, rt - 26, fold + 44), fill=_shade(c, 0.78))
    for x in range(int(lt + 36), int(rt - 30), 16):
        d.line((x, fold + 5, x, fold + 40), fill=_shade(c, 0.7), width=4)
    tie, ty = (210, 204, 194), top - 86
    d.rectangle((lt - 16, ty, rt + 16, ty + 24), fill=tie)
    d.line((lt - 16, ty + 4, rt + 16, ty + 4), fill=_WHITE, width=4)
    d.polygon(
        [(lt - 16, ty + 24), (lt + 8, ty + 24), (lt + 4, ty + 74), (lt - 18, ty + 70)],
        fill=_shade(tie, 0.84),
    )
    d.polygon(
        [(rt - 8, ty + 24), (rt + 16, ty + 24), (rt + 18, ty + 70), (rt - 4, ty + 74)],
        fill=_shade(tie, 0.72),
    )
    d.line((lt + 12, top, rt - 12, top), fill=_shade(c, 0.62), width=6)
    # accent band with the origin
    by0, by1 = g - 220, g - 130
    d.rectangle((lb + gus - 8, by0, rb - gus + 8, by1), fill=acc)
    _text(d, _CX, (by0 + by1) / 2 + 15, "RANONG THAILAND", 40, _on(acc), 0.42)
    # one-way valve
    vx, vy = rt - gus - 110, top + 140
    d.ellipse((vx - 48, vy - 48, vx + 48, vy + 48), fill=_shade(c, 0.72))
    d.ellipse((vx - 33, vy - 33, vx + 33, vy + 33), fill=_mix(_shade(c, 0.92), _WHITE, 0.15))
    for ang in range(0, 360, 60):
        hx = vx + 15 * math.cos(math.radians(ang))
        hy = vy + 15 * math.sin(math.radians(ang))
        d.ellipse((hx - 4, hy - 4, hx + 4, hy + 4), fill=_shade(c, 0.55))
    # label card
    light = _lum(c) > 0.7
    card = _WHITE if light else _CREAM
    x0, x1, y0, y1 = _CX - 290, _CX + 290, top + 270, by0 - (90 if product.get("roast") else 170)
    d.rounded_rectangle((x0, y0, x1, y1), 26, fill=card, outline=acc if light else None, width=6)
    if _lum(c) < 0.45:
        ink = c
    elif _lum(acc) < 0.5:
        ink = acc
    else:
        ink = _shade(c, 0.5)
    _emblem(layer, _CX, y0 + 118, 70, acc if _lum(acc) < 0.85 else ink, kind)
    bottom = _label_block(
        d,
        _CX,
        y0 + 232,
        500,
        image.get("label", ""),
        image.get("sublabel", ""),
        ink,
        _INK,
        acc,
        136,
    )
    _roast_dots(d, _CX, min(y1 - 50, bottom + 62), product.get("roast"), ink)
    _gloss(layer, lb, top, rb, g - 20)
    return _Pkg(lb, rb)


def _sachet_sprite(c: RGB, acc: RGB, label: str) -> Image.Image:
    w, h = 560, 140
    im = Image.new("RGBA", (w, h), _CLEAR)
    d = ImageDraw.Draw(im)
    seal = _shade(c, 0.8)
    d.rectangle((24, 0, w - 25, h - 1), fill=c)
    for x0 in (0, w - 44):  # crimped, serrated ends
        pts = [(x0 + 20, 0)]
        for i in range(15):
            y = i * h / 14
            pts.append(
                (x0 + (0 if x0 == 0 else 44) + (8 if i % 2 else 0) * (1 if x0 == 0 else -1), y)
            )
        pts.append((x0 + 20, h - 1))
        pts.append((x0 + 24, h - 1) if x0 == 0 else (x0, h - 1))
        d.polygon(pts, fill=_a(seal))
        d.rectangle(
            (x0 + (8 if x0 == 0 else 0), 0, x0 + (44 if x0 == 0 else 36), h - 1), fill=_a(seal)
        )
    d.rectangle((w * 0.6, 0, w * 0.67, h - 1), fill=_a(acc))
    size = _fit(label, w * 0.44, 60, 0.05)
    _text(d, w * 0.32, h / 2 + size * 0.36, label, size, _on(c), 0.05, bold=True)
    return im


def _draw_box(layer: Image.Image, product: dict, image: dict, c: RGB, acc: RGB, kind: str) -> _Pkg:
    """A carton in three-quarter view (3-in-1 sachets, tea bags), with a cup printed on it."""
    d = ImageDraw.Draw(layer)
    g = _GROUND
    x0, x1, y0 = _CX - 440, _CX + 320, 800
    dx, dy = 220, -140
    d.polygon([(x1, y0), (x1 + dx, y0 + dy), (x1 + dx, g + dy), (x1, g)], fill=_shade(c, 0.66))
    d.polygon(
        [(x0, y0), (x0 + dx, y0 + dy), (x1 + dx, y0 + dy), (x1, y0)], fill=_mix(c, _WHITE, 0.22)
    )
    d.line(
        (x0 + dx * 0.5, y0 + dy * 0.5, x1 + dx * 0.5, y0 + dy * 0.5),
        fill=_mix(c, _WHITE, 0.1),
        width=4,
    )
    d.rectangle((x0, y0, x1, g), fill=c)
    d.line((x1, y0, x1, g), fill=_shade(c, 0.8), width=4)
    b0, b1 = y0 + 660, y0 + 780
    d.rectangle((x0, b0, x1, b1), fill=acc)
    d.polygon([(x1, b0), (x1 + dx, b0 + dy), (x1 + dx, b1 + dy), (x1, b1)], fill=_shade(acc, 0.7))
    fg = _on(c)
    mid = (x0 + x1) / 2
    _label_block(d, mid, y0 + 90, 640, image.get("label", ""), "", fg, fg, None, 156)
    # a cup with steam
    cy = y0 + 480
    cup = _mix(acc, _WHITE, 0.12)
    d.ellipse((mid - 170, cy + 70, mid + 170, cy + 120), fill=_shade(cup, 0.85))
    d.chord((mid - 120, cy - 110, mid + 120, cy + 110), 0, 180, fill=cup)
    d.rectangle((mid - 120, cy - 60, mid + 120, cy), fill=cup)
    d.ellipse((mid - 120, cy - 90, mid + 120, cy - 30), fill=_shade(cup, 0.9))
    drink = (196, 146, 52) if kind == "leaves" else (92, 58, 34)
    d.ellipse((mid - 100, cy - 82, mid + 100, cy - 38), fill=drink)
    d.arc((mid + 88, cy - 40, mid + 168, cy + 40), 270, 90, fill=cup, width=18)
    steam = _mix(fg, c, 0.45)
    for i, sx in enumerate((-50, 0, 50)):
        pts = [(mid + sx + math.sin(t / 3 + i) * 14, cy - 112 - t * 9) for t in range(14)]
        d.line(pts, fill=steam, width=8, joint="curve")
    sub = image.get("sublabel", "")
    if sub:
        size = _fit(sub, 680, 80, 0.12)
        _text(d, mid, (b0 + b1) / 2 + size * 0.36, sub, size, _on(acc), 0.12)
    _text(d, mid, g - 60, "RANONG THAILAND", 40, _mix(fg, c, 0.3), 0.42)
    _gloss(layer, x0, y0, x1, g, 40)
    keep_out: list[Box] = []
    if product.get("category") == "instant-coffee":
        rot = Image.Resampling.BICUBIC
        label = image.get("label", "")
        back = _sachet_sprite(_mix(c, _WHITE, 0.08), acc, label).rotate(
            7, expand=True, resample=rot
        )
        front = _sachet_sprite(c, acc, label).rotate(-4, expand=True, resample=rot)
        _put(layer, back, x0 - 200, g - 40)
        _put(layer, front, x0 - 110, g + 60)
        keep_out.append((x0 - 220, g - 60, x0 + 480, g + 260))
    return _Pkg(x0, x1 + dx, keep_out)


def _fill_with(
    im: Image.Image, kind: str, product: dict, rng: random.Random, count: int, size: int
) -> None:
    """Scatter ``count`` pieces over ``im``, reusing a few rotated sprites (fast, still varied)."""
    rot = Image.Resampling.BICUBIC
    pieces = [
        _sprite(kind, size + 6 * i, product).rotate(rng.uniform(0, 360), expand=True, resample=rot)
        for i in range(6)
    ]
    for i in range(count):
        sp = pieces[(i * 5 + rng.randrange(6)) % 6]
        _put(im, sp, rng.randint(-60, im.width - 60), rng.randint(-60, im.height - 60))


def _window(layer: Image.Image, box: Box, product: dict, kind: str) -> None:
    """The clear window of a pouch, showing what is inside."""
    x0, y0, x1, y1 = (int(v) for v in box)
    w, h = x1 - x0, y1 - y0
    rng = random.Random(zlib.crc32(str(product.get("slug", "")).encode()) + 7)
    if kind in ("cashews", "shrimp"):
        base = (196, 146, 86) if kind == "cashews" else (206, 104, 58)
        win = Image.new("RGBA", (w, h), _a(base))
        _fill_with(win, kind, product, rng, 30, 96)
    else:  # ground coffee
        base = _shade(_bean_colour(product.get("roast")), 0.9)
        win = Image.new("RGBA", (w, h), _a(base))
        wd = ImageDraw.Draw(win)
        for _ in range(1100):
            x, y, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(2, 5)
            tone = _mix(base, _WHITE, 0.2) if rng.random() < 0.45 else _shade(base, 0.6)
            wd.ellipse((x - r, y - r, x + r, y + r), fill=_a(tone))
    sheet, sd = _sheet(w, h)
    sd.rectangle((w * 0.1, 0, w * 0.17, h), fill=(255, 255, 255, 60))
    sd.rectangle((w * 0.2, 0, w * 0.22, h), fill=(255, 255, 255, 40))
    win.alpha_composite(sheet)
    _masked(layer, win, x0, y0, h // 2)


def _draw_pouch(
    layer: Image.Image, product: dict, image: dict, c: RGB, acc: RGB, kind: str
) -> _Pkg:
    """A stand-up zip pouch with a hang hole, a printed label and a clear window."""
    d = ImageDraw.Draw(layer)
    g = _GROUND
    top = 560
    wt, wb = 780, 860
    lt, rt = _CX - wt / 2, _CX + wt / 2
    lb, rb = _CX - wb / 2, _CX + wb / 2
    right, left = [], []
    for i in range(21):  # sides bulge a little and widen into the bottom gusset
        t = i / 20
        y = top + (g - 60 - top) * t
        bulge = math.sin(t * math.pi) * 16
        right.append((rt + (rb - rt) * t * t + bulge, y))
        left.append((lt + (lb - lt) * t * t - bulge, y))
    d.polygon(right + [(rb - 30, g - 8), (_CX, g), (lb + 30, g - 8)] + left[::-1], fill=c)
    d.chord((lb + 10, g - 150, rb - 10, g + 40), 180, 360, fill=_shade(c, 0.9))
    d.arc((lb + 10, g - 150, rb - 10, g + 40), 200, 340, fill=_shade(c, 0.72), width=6)
    d.line([(lb + 30, g - 8), (_CX, g), (rb - 30, g - 8)], fill=_shade(c, 0.7), width=6)
    # top seal, zip, tear notches and hang hole
    d.rectangle((lt, top, rt, top + 96), fill=_shade(c, 0.88))
    for x in range(int(lt) + 8, int(rt) - 4, 12):
        d.line((x, top + 6, x, top + 90), fill=_shade(c, 0.8), width=3)
    d.line((lt + 8, top + 150, rt - 8, top + 150), fill=_shade(c, 0.7), width=6)
    d.line((lt + 8, top + 160, rt - 8, top + 160), fill=_mix(c, _WHITE, 0.18), width=3)
    d.polygon([(lt - 4, top + 108), (lt + 22, top + 120), (lt - 4, top + 132)], fill=_CLEAR)
    d.polygon([(rt + 4, top + 108), (rt - 22, top + 120), (rt + 4, top + 132)], fill=_CLEAR)
    d.rounded_rectangle((_CX - 70, top + 30, _CX + 70, top + 62), 16, fill=_CLEAR)
    # label printed straight on the pouch, the sublabel on an accent ribbon
    fg = _on(c)
    _label_block(d, _CX, top + 230, 640, image.get("label", ""), "", fg, fg, None, 150)
    ry0, ry1 = top + 460, top + 570
    d.rectangle((lt - 10, ry0, rt + 10, ry1), fill=acc)
    sub = image.get("sublabel", "")
    if sub:
        size = _fit(sub, 660, 74, 0.12)
        _text(d, _CX, (ry0 + ry1) / 2 + size * 0.36, sub, size, _on(acc), 0.12)
    _roast_dots(d, _CX, ry1 + 66, product.get("roast"), fg)
    wy0 = ry1 + (130 if product.get("roast") else 90)
    window = (_CX - 250, wy0, _CX + 250, g - 190)
    _window(layer, window, product, kind)
    d.rounded_rectangle(window, int((window[3] - window[1]) // 2), outline=acc, width=10)
    _gloss(layer, lb, top + 100, rb, g - 90, 44)
    return _Pkg(lb, rb)


def _draw_jar(layer: Image.Image, product: dict, image: dict, c: RGB, acc: RGB, kind: str) -> _Pkg:
    """A glass jar with a ridged lid and a wrap-around paper label."""
    d = ImageDraw.Draw(layer)
    g = _GROUND
    bw, bh = 740, 860
    x0, x1, y0 = _CX - bw / 2, _CX + bw / 2, g - bh
    # what is in the jar
    rng = random.Random(zlib.crc32(str(product.get("slug", "")).encode()) + 3)
    if product.get("category") == "cashew-nuts":
        content = Image.new("RGBA", (bw, bh), _a((200, 150, 86)))
        _fill_with(content, "cashews", product, rng, 70, 100)
    else:
        ramp = Image.linear_gradient("L").resize((1, bh))
        deep = Image.new("RGBA", (bw, bh), _a(_shade(c, 0.62)))
        content = Image.composite(
            deep, Image.new("RGBA", (bw, bh), _a(_mix(c, _WHITE, 0.08))), ramp.resize((bw, bh))
        )
    _masked(layer, content, x0, y0, 90)
    # glass: rim light and reflections
    sheet, sd = _sheet(bw, bh)
    sd.rounded_rectangle((0, 0, bw - 1, bh - 1), 90, outline=(255, 255, 255, 130), width=12)
    sd.rounded_rectangle((40, 60, 94, bh - 80), 27, fill=(255, 255, 255, 90))
    sd.rounded_rectangle((bw - 72, 90, bw - 50, bh - 160), 11, fill=(255, 255, 255, 60))
    _put(layer, sheet, x0, y0)
    # neck and lid
    d.rounded_rectangle(
        (_CX - 270, y0 - 70, _CX + 270, y0 + 16), 24, fill=_mix(_shade(c, 0.9), _WHITE, 0.35)
    )
    lid = acc if _lum(acc) < 0.6 else _shade(c, 0.55)
    ly0, ly1 = y0 - 250, y0 - 50
    d.rounded_rectangle((_CX - 300, ly0, _CX + 300, ly1), 30, fill=lid)
    for x in range(int(_CX - 278), int(_CX + 282), 22):
        d.line((x, ly0 + 24, x, ly1 - 16), fill=_shade(lid, 0.8), width=5)
    d.rounded_rectangle((_CX - 300, ly0, _CX + 300, ly0 + 34), 16, fill=_mix(lid, _WHITE, 0.16))
    # the paper label
    lx0, lx1, t0, t1 = x0 - 4, x1 + 4, y0 + 190, g - 160
    d.rectangle((lx0, t0, lx1, t1), fill=_CREAM)
    edge = acc if _lum(acc) < 0.8 else _shade(c, 0.7)
    d.rectangle((lx0, t0, lx1, t0 + 18), fill=edge)
    d.rectangle((lx0, t1 - 18, lx1, t1), fill=edge)
    ink = _shade(c, 0.55) if _lum(c) > 0.35 else c
    _emblem(layer, _CX, t0 + 110, 58, ink, kind)
    _label_block(
        d,
        _CX,
        t0 + 200,
        600,
        image.get("label", ""),
        image.get("sublabel", ""),
        ink,
        _INK,
        edge,
        124,
    )
    sheet, sd = _sheet(60, t1 - t0)
    sd.rectangle((0, 0, 40, t1 - t0), fill=(255, 255, 255, 70))
    _put(layer, sheet, lx0 + 40, t0)
    return _Pkg(x0, x1)


def _draw_dripbag(
    layer: Image.Image, product: dict, image: dict, c: RGB, acc: RGB, kind: str
) -> _Pkg:
    """A foil envelope of drip bags, and one paper drip filter with its hanger ears in front."""
    d = ImageDraw.Draw(layer)
    g = _GROUND
    ex0, ex1, ey0 = _CX - 560, _CX + 80, 560
    teeth = 20
    n = int((ex1 - ex0) / teeth)
    top_edge = [(ex0 + i * teeth, ey0 + (14 if i % 2 else 0)) for i in range(n + 1)]
    bottom_edge = [(ex0 + i * teeth, g - (14 if i % 2 else 0)) for i in range(n + 1)]
    d.polygon(top_edge + bottom_edge[::-1], fill=c)
    d.rectangle((ex0, ey0 + 14, ex0 + n * teeth, ey0 + 80), fill=_shade(c, 0.86))
    d.rectangle((ex0, g - 70, ex0 + n * teeth, g - 14), fill=_shade(c, 0.86))
    ex1 = ex0 + n * teeth
    fg = _on(c)
    mid = (ex0 + ex1) / 2
    _label_block(d, mid, ey0 + 170, 560, image.get("label", ""), "", fg, fg, None, 130)
    d.rectangle((ex0, ey0 + 400, ex1, ey0 + 500), fill=acc)
    sub = image.get("sublabel", "")
    if sub:
        size = _fit(sub, 540, 70, 0.12)
        _text(d, mid, ey0 + 450 + size * 0.36, sub, size, _on(acc), 0.12)
    _emblem(layer, mid, ey0 + 680, 80, acc, kind)
    _roast_dots(d, mid, ey0 + 830, product.get("roast"), fg)
    _gloss(layer, ex0, ey0 + 80, ex1, g - 70, 40)
    # one drip filter in front, paper with a printed cardboard hanger
    paper = (247, 244, 238)
    fx0, fx1, fy0, fy1 = _CX - 10, _CX + 500, 1140, g + 40
    d.rectangle((fx0, fy0, fx1, fy1), fill=paper)
    sheet, sd = _sheet(fx1 - fx0, fy1 - fy0)
    for y in range(10, fy1 - fy0, 14):
        sd.line((0, y, fx1 - fx0, y + 6), fill=(120, 100, 80, 16), width=2)
    _put(layer, sheet, fx0, fy0)
    d.line((fx0, fy0, fx0, fy1), fill=(220, 214, 202), width=4)
    d.line((fx1, fy0, fx1, fy1), fill=(204, 198, 186), width=4)
    d.rectangle((fx0, fy1 - 26, fx1, fy1), fill=(232, 226, 214))
    kraft = _mix(acc, (206, 170, 120), 0.5)
    hy0, hy1 = fy0 + 30, fy0 + 260
    d.rectangle((fx0 + 60, hy0, fx1 - 60, hy1), fill=kraft)
    d.polygon(
        [(fx0 + 60, hy0), (fx0 - 60, hy0 - 120), (fx0 - 10, hy0 - 150), (fx0 + 120, hy0)],
        fill=_shade(kraft, 0.9),
    )
    d.polygon(
        [(fx1 - 60, hy0), (fx1 + 60, hy0 - 120), (fx1 + 10, hy0 - 150), (fx1 - 120, hy0)],
        fill=_shade(kraft, 0.82),
    )
    for x in range(int(fx0 + 80), int(fx1 - 70), 24):
        d.line((x, hy1 - 30, x + 12, hy1 - 30), fill=_shade(kraft, 0.7), width=4)
    label = image.get("label", "")
    size = _fit(label, fx1 - fx0 - 170, 70, 0.06)
    _text(d, (fx0 + fx1) / 2, hy0 + 70 + size * 0.5, label, size, _on(kraft), 0.06, bold=True)
    _text(d, (fx0 + fx1) / 2, hy1 - 60, "OPEN HERE", 34, _mix(_on(kraft), kraft, 0.4), 0.3)
    return _Pkg(ex0, fx1)


_DRAWERS = {
    "bag": _draw_bag,
    "box": _draw_box,
    "pouch": _draw_pouch,
    "jar": _draw_jar,
    "dripbag": _draw_dripbag,
}


def _scatter(product: dict, kind: str, pkg: _Pkg, rng: random.Random) -> list[tuple[float, float]]:
    """Deterministic positions for the garnish on the table."""
    if kind == "honey":
        x = pkg.right + 150 if pkg.right < _VIEW[2] - 420 else pkg.left - 150
        return [(x, _GROUND - 10)]
    count = {"shrimp": 6, "leaves": 6, "cashews": 9}.get(kind, 10)
    placed: list[tuple[float, float]] = []
    half = (pkg.right - pkg.left) / 2
    mid = (pkg.right + pkg.left) / 2
    for _ in range(400):
        if len(placed) >= count:
            break
        x = rng.uniform(_VIEW[0] + 130, _VIEW[2] - 130)
        y = rng.uniform(_GROUND + 20, _GROUND + 250)
        if abs(x - mid) < half - 40 and y < _GROUND + 110:
            continue  # would sit on the package's foot
        if any(b[0] < x < b[2] and b[1] < y < b[3] for b in pkg.keep_out):
            continue
        if any((x - px) ** 2 + (y - py) ** 2 < 160**2 for px, py in placed):
            continue
        placed.append((x, y))
    return sorted(placed, key=lambda p: p[1])


# ---------------------------------------------------------------------------------------- public


def draw_product_image(product: dict) -> bytes:
    """Draw ``product`` (a dict from ``demo_data.PRODUCTS``) as a 1200×1200 PNG and return it."""
    image = product.get("image") or {}
    colour = _rgb(image.get("colour"), (91, 58, 41))
    accent = _rgb(image.get("accent"), (233, 196, 106))
    shape = image.get("shape") if image.get("shape") in _DRAWERS else "bag"
    kind = _garnish_kind(product, image)
    rng = random.Random(zlib.crc32(str(product.get("slug", "")).encode()))

    layer = Image.new("RGBA", (_S, _S), _CLEAR)
    pkg = _DRAWERS[shape](layer, product, image, colour, accent, kind)

    # soft shadows, on small masks: ambient (cast back and right) and a tight contact shadow
    ambient = Image.new("L", (_S // _Q, _S // _Q), 0)
    ad = ImageDraw.Draw(ambient)
    ad.ellipse(
        ((pkg.left + 40) / _Q, (_GROUND - 90) / _Q, (pkg.right + 170) / _Q, (_GROUND + 70) / _Q),
        fill=120,
    )
    contact = Image.new("L", ambient.size, 0)
    cd = ImageDraw.Draw(contact)
    cd.ellipse(
        ((pkg.left + 10) / _Q, (_GROUND - 20) / _Q, (pkg.right - 10) / _Q, (_GROUND + 24) / _Q),
        fill=170,
    )

    rot = Image.Resampling.BICUBIC
    for x, y in _scatter(product, kind, pkg, rng):
        scale = 0.9 + 0.25 * (y - _GROUND) / 250
        sp = _sprite(kind, int(120 * scale), product)
        if kind == "honey":
            px, py = x - sp.width / 2, y - sp.height
        else:
            sp = sp.rotate(rng.uniform(0, 360), expand=True, resample=rot)
            px, py = x - sp.width / 2, y - sp.height / 2
        # shadows from the piece's nominal size, not its (rotated, padded) sprite box
        r = 60 * scale if kind != "honey" else sp.width * 0.45
        sx, sy = (x, y + r * 0.4) if kind != "honey" else (x, y - 8)
        ad.ellipse(
            (
                (sx - r * 0.9 + 16) / _Q,
                (sy - r * 0.3) / _Q,
                (sx + r + 16) / _Q,
                (sy + r * 0.45) / _Q,
            ),
            fill=80,
        )
        cd.ellipse(
            ((sx - r * 0.7) / _Q, (sy - r * 0.22) / _Q, (sx + r * 0.75) / _Q, (sy + r * 0.25) / _Q),
            fill=100,
        )
        _put(layer, sp, px, py)

    canvas = _background(colour, accent)
    view = tuple(v // _Q for v in _VIEW)
    soft = ambient.filter(ImageFilter.GaussianBlur(6)).point(lambda v: v // 2)
    tight = contact.filter(ImageFilter.GaussianBlur(1.5)).point(lambda v: v * 3 // 5)
    shadow = ImageChops.add(soft, tight).crop(view).resize((SIZE, SIZE), Image.Resampling.BILINEAR)
    dark = Image.new("RGB", (SIZE, SIZE), _shade(_mix(colour, (40, 30, 25), 0.7), 0.6))
    canvas = Image.composite(dark, canvas, shadow)

    package = layer.crop(_VIEW).convert("RGBa").resize((SIZE, SIZE), Image.Resampling.HAMMING)
    package = package.convert("RGBA")
    canvas.paste(package, (0, 0), package)

    out = io.BytesIO()
    canvas.save(out, format="PNG", compress_level=6)
    return out.getvalue()
