"""Product descriptions: a small Markdown subset, rendered and then sanitised for the pages.

The Markdown source is stored; pages render it through the ``markdown`` template filter.
markdown-it-py (CommonMark, raw HTML off) renders, nh3 then keeps only a few harmless tags, so
no script, event handler or ``javascript:`` URL can reach a page whatever the source says.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener"

# "breaks": a single newline typed in a plain-text description stays a line break.
# Code blocks are off: an indented line in a plain-text description stays a paragraph.
_renderer = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False}).disable(
    ["code", "fence"]
)
# The page title is h1 and its sections h2: a description's headings become h3 or h4.
_HEADING_LEVELS = {"h1": "h3", "h2": "h3", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}


def render_markdown(source: str | None) -> Markup:
    """The description as safe HTML: paragraphs, emphasis, lists, links, small headings."""
    if not source:
        return Markup("")
    tokens = _renderer.parse(source)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = _HEADING_LEVELS[token.tag]
    html = _renderer.renderer.render(tokens, _renderer.options, {})
    return Markup(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel=LINK_REL,
            strip_comments=True,
        )
    )
