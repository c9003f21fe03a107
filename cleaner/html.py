"""HTML in: trafilatura extracts the main content, then the text rules clean it.

trafilatura removes most page chrome structurally, but leaves captions, promos, teasers,
player labels and footers that sit inside the article container; the text pipeline
removes those. Settings: comments excluded (SPEC cuts the comment section), tables
kept (they are article content), trafilatura's own fallbacks left on (readability and
jusText raise recall on odd pages), metadata on with the quick date search. The page's
title opens the text (SPEC: the headline, then the body) unless the text already does.
When trafilatura returns nothing (very short pages, odd markup), the whole page is
converted to text and our rules run on that instead, and ``repairs`` says so
(``html-fallback``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from ._errors import DecodeError
from .normalize import decode

_HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S
)
_HTML_BODY = re.compile(r"<(?:body|head|div|p|article)[\s>]", re.I)
#: A page fragment (no <html> or <head>: a table layout, a body without its head) opens
#: with a tag and is dense with tags of HTML's own names; text that mentions tags is not.
_FRAGMENT_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<[A-Za-z!]", re.S)
_HTML_TAG = re.compile(
    r"</?(?:a|b|i|p|br|hr|img|div|span|table|tr|td|th|tbody|ul|ol|li|h[1-6]|font|center|"
    r"form|input|meta|link|script|style|title|em|strong|small|nobr|map|area)\b[^<>]{0,400}>",
    re.I,
)
FRAGMENT_MIN_TAGS = 10
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.I
)
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BLOCKS = frozenset(
    "p div section article header footer aside nav main li h1 h2 h3 h4 h5 h6 tr br td th "
    "dt dd figcaption blockquote pre title".split()
)
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
#: How much of a text is looked at to tell HTML from text that mentions tags.
SNIFF_CHARS = 4096


@dataclass(frozen=True, slots=True)
class Extracted:
    """The main text of a page, its metadata, and how it was obtained."""

    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    repairs: tuple[str, ...] = ()


def looks_like_html(data: str | bytes) -> bool:
    """True when the input is a web page rather than text (that may mention tags)."""
    head = data[:SNIFF_CHARS]
    if isinstance(head, bytes):
        head = head.decode("latin-1")
    if _HTML_START.match(head):
        return True
    if not _FRAGMENT_START.match(head):
        return False
    return len(_HTML_BODY.findall(head)) >= 3 or len(_HTML_TAG.findall(head)) >= FRAGMENT_MIN_TAGS


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode a page: BOM, strict UTF-8, its declared charset, then detection."""
    declared = _META_CHARSET.search(data[: SNIFF_CHARS * 4])
    return decode(data, declared.group(1).decode("ascii") if declared else None)


def extract(html: str, url: str | None = None) -> Extracted:
    """The main content of ``html`` as text (one paragraph a line) and its metadata."""
    import trafilatura

    # lxml refuses text with C0 control characters (a fuzzer found it); they are never
    # content, and the repairs would remove them anyway.
    html = _XML_INVALID.sub("", html)
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            # The extensive date search costs about 60 ms a page (measured on the dev
            # pages) for dates that the page's own markup usually gives anyway.
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura raises lxml and parser errors of many kinds
        doc = None
        failure = f"{type(exc).__name__}"
    else:
        failure = "no main content found"
    metadata: dict[str, Any] = {}
    if doc is not None:
        for key in ("title", "author", "date", "url", "sitename", "description"):
            value = getattr(doc, key, None)
            if value:
                metadata["byline" if key == "author" else key] = value
        text = doc.text or ""
        if text.strip():
            title = shown_title(metadata.get("title", ""), html)
            if title and not text.lstrip().startswith(title):
                text = f"{title}\n{text}"
            return Extracted(text, metadata, ("html-extract",))
    metadata["extraction"] = f"fallback to the full page text: {failure}"
    return Extracted(_full_text(html), metadata, ("html-extract", "html-fallback"))


_BODY_START = re.compile(r"<body[\s>]", re.I)
_INVISIBLE = re.compile(r"<(script|style|noscript|template|svg)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^<>]{0,2000}>")
_TITLE_PARTS = re.compile(r"\s+(?:[-|–—·:]|::)\s+")


def shown_title(title: str, html: str) -> str:
    """The page's title as the page shows it: a headline opens the text only if it is one.

    A ``<title>`` that the body never shows (a label for the browser tab) is not the
    page's headline (SPEC keeps a headline "when the input starts with one"). A title
    whose site suffix the body does not show ("Headline - Site") gives its longest part
    that the body shows. ``""`` when the body shows none of it.
    """
    title = " ".join(title.split())
    if not title:
        return ""
    start = _BODY_START.search(html)
    body = _INVISIBLE.sub(" ", html[start.start() if start else 0 :])
    visible = " ".join(unescape(_TAG.sub(" ", body)).split()).casefold()
    if title.casefold() in visible:
        return title
    parts = sorted(_TITLE_PARTS.split(title), key=len, reverse=True)
    for part in parts[:1] if len(parts) > 1 else ():
        if len(part.split()) >= 2 and part.casefold() in visible:
            return part
    return ""


def _full_text(html: str) -> str:
    """Every visible text of the page, one block a line (the rules then clean it)."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception as exc:  # empty or unparsable markup
        raise DecodeError(f"HTML that parses to no document: {type(exc).__name__}") from None
    for bad in root.xpath("//script|//style|//noscript|//template|//svg"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
            if element.tag != "br":
                element.text = "\n" + (element.text or "")
    return root.text_content()
