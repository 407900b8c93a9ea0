"""HTML templates to PDF, through WeasyPrint: the one place the shop makes a PDF.

WeasyPrint lays text out with Pango and HarfBuzz, so Thai and Burmese are shaped and Thai
lines break between words; the fonts (Noto Sans Thai, Noto Sans Myanmar, Noto Sans) come from
the system (Debian's fonts-noto-core) and are embedded, subset. A document never fetches
anything: every URL in it is refused, pictures come inline as data: URLs.

WeasyPrint is imported on first use: it loads Pango through cffi and raises OSError when the
system libraries are missing (tests/system-packages.sh installs them), which should stop the
issuing of a document, not the whole shop from starting.
"""

from __future__ import annotations

from flask import render_template


def render_pdf(template: str, *, pdf_variant: str | None = None, **context) -> bytes:
    """Render the Jinja ``template`` (under shop/templates) with ``context`` and return the PDF.

    ``pdf_variant``: WeasyPrint's, e.g. "pdf/a-3b" (the archival format of the Revenue
    Department's e-Tax Invoice by Email) for tax invoices; None for a plain PDF. Needs an
    application context. Raises jinja2's errors for a broken template and OSError
    when Pango is not installed; a URL the document would fetch is refused (logged by
    WeasyPrint, left out of the PDF).
    """
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_template(template, **context)
    # Inline pictures only (data: URLs): a document never reaches the network or the disk.
    fetch_nothing = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, url_fetcher=fetch_nothing).write_pdf(pdf_variant=pdf_variant)
