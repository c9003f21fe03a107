"""HTML in: trafilatura extracts the main content, then the text rules clean it.

trafilatura removes most page chrome structurally, but leaves captions, promos, teasers,
player labels and footers that sit inside the article container; the text pipeline
removes those. Settings: comments excluded (SPEC cuts the comment section), tables
kept (they are article content), trafilatura's own fallbacks left on (readability and
jusText raise recall on odd pages), no metadata: the page is parsed once, its declared
metadata read from the tree by ``metadata.py`` (a quarter of trafilatura's time went to
its own metadata search), and trafilatura extracts from a copy. The first declared
title that the body shows opens the text (SPEC: the headline, then the body) unless the
text already does.
When trafilatura returns nothing (very short pages, odd markup), the whole page is
converted to text and our rules run on that instead, and ``repairs`` says so
(``html-fallback``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from html import unescape
from typing import Any

from .._errors import DecodeError
from ..lang import CJK_WEIGHT, weighted_len
from ..normalize import compare_form, decode
from .metadata import declared_titles, page_metadata

#: Whitespace and comments, then the page's first tag. One greedy ``<!--.*-->`` stands for
#: any run of comments (a run of them is one such match, and one such match is a run:
#: the text between its first ``<!--`` and last ``-->`` is free), so a page that does not
#: open so is turned down in one pass, where ``(?:<!--.*?-->\s*)*`` backtracks through
#: every way of cutting its comments up (on cleaneval-dev's pages: 0.07 ms a page on
#: average before, 0.001 ms after).
_HTML_START = re.compile(
    r"\s*(?:<!--.*-->\s*)?<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S
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
    "dt dd figcaption blockquote pre".split()
)
#: How much of a text is looked at to tell HTML from text that mentions tags.
SNIFF_CHARS = 4096


@dataclass(frozen=True, slots=True)
class Extracted:
    """The main text of a page, its metadata, and how it was obtained."""

    text: str
    #: The page's declared fields (``metadata.page_metadata``), when asked for; how the
    #: text was obtained (``extraction``) when it fell back to the full page text.
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


#: The bytes of the C0 controls that ``_XML_INVALID`` holds, and every other byte.
_C0_INVALID = bytes(c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D))
_NOT_C0_INVALID = bytes(c for c in range(0x100) if c not in _C0_INVALID)


def _xml_valid(html: str) -> bool:
    """No control character, surrogate or non-character (``_XML_INVALID``) in ``html``,
    asked in C: strict UTF-8 refuses surrogates, deleting every other byte leaves the
    controls, and U+FFFE/U+FFFF have one encoding each. The class search costs about
    0.6 ms a page; a test of printable characters (0.2 ms) fails on every page with a
    no-break space or a soft hyphen."""
    try:
        raw = html.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return (
        not raw.translate(None, _NOT_C0_INVALID)
        and b"\xef\xbf\xbe" not in raw
        and b"\xef\xbf\xbf" not in raw
    )


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode a page: BOM, strict UTF-8, its declared charset, then detection."""
    declared = _META_CHARSET.search(data[: SNIFF_CHARS * 4])
    return decode(data, declared.group(1).decode("ascii") if declared else None)


def extract(html: str, url: str | None = None, want_metadata: bool = True) -> Extracted:
    """The main content of ``html`` as text (one paragraph a line) and its metadata.

    ``want_metadata=False``: the caller needs the text only, so only the declared titles
    are read (the headline is one of them) and ``metadata`` holds none of the page's
    fields; the text is the same either way.
    """
    import trafilatura
    from trafilatura.utils import load_html

    # lxml refuses text with C0 control characters (a fuzzer found it); they are never
    # content, and the repairs would remove them anyway.
    if not _xml_valid(html):
        html = _XML_INVALID.sub("", html)
    # The page is parsed once: its metadata is read from the tree, and trafilatura
    # extracts from a copy of it.
    try:
        tree = load_html(html)
    except Exception as exc:  # lxml raises parser errors of many kinds
        tree, failure = None, type(exc).__name__
    else:
        failure = "no HTML tree"
    metadata: dict[str, Any] = {}
    titles: tuple[str, ...] = ()
    doc = None
    if tree is not None:
        if want_metadata:
            declared = page_metadata(tree, url, html)
            metadata, titles = dict(declared.fields), declared.titles
        else:
            titles = declared_titles(tree, html)
        _drop_hidden(tree)
        try:
            doc = trafilatura.bare_extraction(
                tree, url=url, include_comments=False, include_tables=True
            )
        except Exception as exc:  # trafilatura raises lxml and parser errors of many kinds
            failure = type(exc).__name__
        else:
            failure = "no main content found"
    text = getattr(doc, "text", None) or ""
    body = getattr(doc, "body", None)
    # (Only when the text shows a source break: most pages' texts show none, and the
    # walk and the second serialization cost up to 25 ms on a big page.)
    if body is not None and _HAS_SOURCE_BREAK.search(text) and _unwrap_source_lines(body):
        from trafilatura.xml import xmltotxt

        text = xmltotxt(body, False)
    if text.strip() and tree is not None and (found := _second_opinion(tree, text)):
        text, metadata["extraction"] = found
    if text.strip():
        title = "" if _opens_with_one(text, titles) else shown_headline(titles, html, tree)
        if title and not text.lstrip().startswith(title):
            text = f"{title}\n{text}"
        return Extracted(text, metadata, ("html-extract",))
    metadata["extraction"] = f"fallback to the full page text: {failure}"
    return Extracted(_full_text(tree, html), metadata, ("html-extract", "html-fallback"))


#: The second opinion: trafilatura keeps one block of a page whose prose runs through
#: several (a blog's front page of posts, a story split by widgets: cleaneval-dev 20 kept
#: 4 KB of 25 KB). When its result holds less than ``SECOND_OPINION_SHARE`` of the
#: prose in the page's ``<p>`` elements (paragraphs of ``PROSE_CHARS`` or more, at least
#: ``SECOND_OPINION_MIN_PROSE`` characters of them), readability-lxml reads the page too,
#: and its result is taken when it holds ``SECOND_OPINION_GAIN`` times the prose. Most
#: pages never pay for it: trafilatura's result holds most of their prose.
PROSE_CHARS = 150
SECOND_OPINION_MIN_PROSE = 2000
SECOND_OPINION_SHARE = 0.5
SECOND_OPINION_GAIN = 2.0


def _prose(blocks: Any) -> int:
    """Characters in the blocks (strings) of ``PROSE_CHARS`` or more, spaces collapsed (a
    CJK character counts ``CJK_WEIGHT`` times: a paragraph of 50 is one of 150 letters)."""
    total = 0
    for block in blocks:
        if len(block) * CJK_WEIGHT < PROSE_CHARS:
            continue
        size = weighted_len(" ".join(block.split()))
        if size >= PROSE_CHARS:
            total += size
    return total


def _second_opinion(tree: Any, text: str) -> tuple[str, str] | None:
    """readability-lxml's text and a note saying why, when it holds far more of the
    page's prose than trafilatura's ``text``; else None."""
    kept = _prose(text.split("\n"))
    # The page's text bounds its prose: one call instead of one per paragraph (a page
    # of 2,000 paragraphs took 11 ms) decides most pages.
    body = tree.find("body")
    bound = len((body if body is not None else tree).text_content())
    if bound < SECOND_OPINION_MIN_PROSE or kept >= SECOND_OPINION_SHARE * bound:
        return None
    page = _prose(p.text_content() for p in tree.iter("p"))
    if page < SECOND_OPINION_MIN_PROSE or kept >= SECOND_OPINION_SHARE * page:
        return None
    import lxml.html
    from readability import Document

    try:
        summary = lxml.html.document_fromstring(Document(tree).summary(html_partial=True))
    except Exception:  # readability-lxml raises parser and selection errors of many kinds
        return None
    blocks = _block_texts(summary)
    found = _prose(blocks)
    if found < SECOND_OPINION_GAIN * kept or found == 0:
        return None
    note = (
        f"readability-lxml: trafilatura's result held {kept} of the {page} characters of "
        f"prose in the page's paragraphs, readability-lxml's {found}"
    )
    return "\n".join(blocks), note


def _block_texts(tree: Any) -> list[str]:
    """The text of each block of ``tree``, spaces collapsed, empty blocks left out."""
    mark = "\u2029"
    blocks = (" ".join(b.split()) for b in _marked_text(tree, mark).split(mark))
    return [b for b in blocks if b]


def _marked_text(tree: Any, mark: str) -> str:
    """The visible text of ``tree`` with ``mark`` where each block starts and ends (the
    tree is changed: scripts and styles dropped, marks added)."""
    for bad in tree.xpath("//script|//style|//noscript|//template|//svg"):
        bad.drop_tree()
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCKS:
            element.tail = mark + (element.tail or "")
            if element.tag != "br":
                element.text = mark + (element.text or "")
    return str(tree.text_content())


#: A line break in the page's source, with the indentation around it: a browser shows a
#: space (outside ``<pre>``). trafilatura collapses it inside ``<p>``, not in a ``<div>``
#: that it turns into a paragraph, whose source lines then read as hard-wrapped text.
#: A bare break stays: trafilatura's fallback joins the blocks it finds with one.
_SOURCE_BREAK = re.compile(r"[ \t]+\n[ \t]*|\n[ \t]+")
#: Whether a text holds one: a search led by the line break (``_SOURCE_BREAK`` tries
#: every space of a text, five times slower).
_HAS_SOURCE_BREAK = re.compile(r"\n[ \t]|[ \t]\n")


def _unwrap_source_lines(body: Any) -> bool:
    """Turn the indented source line breaks in the text of trafilatura's result tree into
    spaces, except inside ``<code>`` (its ``<pre>``); its ``<lb/>`` (a ``<br>``) stay
    breaks. True when anything changed. The texts holding a line break are found by one
    XPath (a walk over every element in Python took a millisecond a page); each is then
    read whole from its element (libxml2 may hold one text as several nodes)."""
    changed = False
    has_code = body.find(".//code") is not None
    done: set[tuple[Any, bool]] = set()  # (element, its text rather than its tail)
    for found in _broken_texts()(body):
        if not _HAS_SOURCE_BREAK.search(found):
            continue
        owner = found.getparent()
        is_text = bool(found.is_text)
        if (owner, is_text) in done:
            continue
        done.add((owner, is_text))
        # A text belongs to its element; a tail to the element's parent.
        where = owner if is_text else owner.getparent()
        if where is None or (has_code and _in_code(where)):
            continue
        whole = owner.text if is_text else owner.tail
        fixed, n = _SOURCE_BREAK.subn(" ", whole or "")
        if not n:
            continue
        changed = True
        if is_text:
            owner.text = fixed
        else:
            owner.tail = fixed
    return changed


@cache
def _broken_texts() -> Any:
    from lxml import etree

    return etree.XPath(".//text()[contains(., '\n')]")


def _in_code(element: Any) -> bool:
    return element.tag == "code" or next(element.iterancestors("code"), None) is not None


#: Elements the page never shows: the ``hidden`` attribute, ``aria-hidden="true"``, or an
#: inline style of ``display: none`` / ``visibility: hidden`` (readability.js skips the
#: same nodes). trafilatura keeps them, and what they hold is a menu, a template, a
#: teaser stream for another screen size, not the article (readability yahoo-2: 0.52 ->
#: 0.90). An element that holds an ``<article>``, ``<main>`` or ``<h1>`` stays: that is
#: the article, hidden only in this snapshot. The candidates are found by one compiled
#: XPath (0.9 ms a page on the dev pages; lower-casing the style inside the XPath cost
#: twice that), and Python reads their values.
_HIDDEN_CANDIDATES = "//body//*[@hidden or @aria-hidden or @style]"


@cache
def _hidden_candidates() -> Any:
    from lxml import etree

    return etree.XPath(_HIDDEN_CANDIDATES)


def _drop_hidden(tree: Any) -> None:
    try:
        candidates = _hidden_candidates()(tree)
    except Exception:  # a tree lxml cannot search: extract it as it is
        return
    for element in candidates:
        attrib = element.attrib
        if "hidden" not in attrib and attrib.get("aria-hidden") != "true":
            style = attrib.get("style", "").lower().replace(" ", "")
            if "display:none" not in style and "visibility:hidden" not in style:
                continue
        if next(element.iter("article", "main", "h1"), None) is not None:
            # The article itself, hidden in this snapshot (behind a modal that set
            # aria-hidden on the page, or until a script shows it): kept.
            continue
        element.drop_tree()


_BODY_START = re.compile(r"<body[\s>]", re.I)
_INVISIBLE = re.compile(r"<(script|style|noscript|template|svg)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^<>]{0,2000}>")
_TITLE_PARTS = re.compile(r"\s+(?:[-|–—·:]|::)\s+")


def _opens_with_one(text: str, titles: tuple[str, ...]) -> bool:
    """The text already opens with one of the titles (or the main part of one): nothing
    to add, and no need to look for the headline in the page."""
    first = compare_form(" ".join(text.lstrip()[:500].split("\n", 1)[0].split()))
    for title in titles:
        parts = [title, max(_TITLE_PARTS.split(title), key=len)]
        if any(len(p) >= 8 and first.startswith(compare_form(p)) for p in parts):
            return True
    return False


def shown_headline(titles: Sequence[str], html: str, tree: Any = None) -> str:
    """The page's headline: the first of its declared ``titles`` that the body shows.

    A ``<title>`` that the body never shows (a label for the browser tab) is not the
    page's headline (SPEC keeps a headline "when the input starts with one"). A title
    whose site suffix the body does not show ("Headline - Site") gives its longest part
    that the body shows. ``""`` when the body shows none of them.

    With the page's parsed ``tree``, its headings are looked at first: most pages show
    their headline in one, and reading them is cheap, where the whole visible text of a
    page costs about a millisecond. The answer is the same: a heading is visible text.
    """
    titles = [t for t in (" ".join(t.split()) for t in titles) if t]
    if not titles:
        return ""
    headings = _heading_text(tree) if tree is not None else ""
    visible: str | None = None
    for title in titles:
        parts = sorted(_TITLE_PARTS.split(title), key=len, reverse=True)
        candidates = [title, *(p for p in parts[:1] if len(parts) > 1 and len(p.split()) >= 2)]
        for candidate in candidates:
            folded = candidate.casefold()
            if folded in headings:
                return candidate
            if visible is None:
                visible = _visible_text(html)
            if folded in visible:
                return candidate
    return ""


def _heading_text(tree: Any) -> str:
    """The text of the page's ``<h1>``-``<h3>`` headings, casefolded, one per line."""
    try:
        found = tree.iter("h1", "h2", "h3")
        return "\n".join(" ".join(h.text_content().split()).casefold() for h in found)
    except Exception:  # a tree lxml cannot walk: the visible text decides
        return ""


def _visible_text(html: str) -> str:
    start = _BODY_START.search(html)
    body = _INVISIBLE.sub(" ", html[start.start() if start else 0 :])
    return " ".join(unescape(_TAG.sub(" ", body)).split()).casefold()


def _full_text(tree: Any, html: str) -> str:
    """Every visible text of the page's body, one block a line (the rules then clean it).

    The ``<head>`` is left out: its ``<title>`` labels the browser tab and the body
    shows the headline when there is one.
    """
    import lxml.html

    if tree is None:
        try:
            tree = lxml.html.document_fromstring(html)
        except Exception as exc:  # empty or unparsable markup
            raise DecodeError(f"HTML that parses to no document: {type(exc).__name__}") from None
    for head in tree.xpath("//head"):
        head.drop_tree()
    return _marked_text(tree, "\n")
