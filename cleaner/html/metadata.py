"""A page's metadata from its markup: title, byline, date, URL, site name, description.

Pages declare these for machines: ``<meta>`` tags (Open Graph, Twitter cards, Dublin
Core, ``article:*``, ``name="author"``...), JSON-LD (schema.org ``Article`` and its
kinds), ``<link rel="canonical">``; and show some of them in markup (``<title>``,
``<time datetime>``, ``rel="author"``, ``itemprop="author"``, a byline's class). Reading
those takes one walk over the tree for the tags and, on pages whose markup mentions
them, one XPath search for the attributes: about 1.4 ms a page on the dev pages
(1.9 ms with one XPath union for everything); trafilatura's own metadata extraction
(which also searches the visible text for dates and authors) cost about 14 ms a page on
the dev pages, a quarter of the whole extraction, so ``cleaner`` reads the declared
metadata itself and asks trafilatura for the text only.

Order of preference, first found wins: JSON-LD's article fields, then ``<meta>`` tags
(publishing date before modification date: the article's date is when it appeared),
then markup. Dates are given as ``YYYY-MM-DD``; a value that is not a recognisable date
is left out rather than guessed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

#: schema.org types whose fields describe the article itself.
ARTICLE_TYPES = frozenset(
    "Article NewsArticle BlogPosting Report ReportageNewsArticle AnalysisNewsArticle "
    "OpinionNewsArticle ReviewNewsArticle ScholarlyArticle TechArticle LiveBlogPosting "
    "SocialMediaPosting DiscussionForumPosting WebPage".split()
)
#: <meta> keys (``property``, ``name`` or ``itemprop``, lower-cased) per field, best first.
META_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "dc.title", "dcterms.title", "title", "headline"),
    "byline": (
        "author", "article:author", "dc.creator", "dcterms.creator", "parsely-author",
        "sailthru.author", "byl", "citation_author",
    ),
    "date": (
        "article:published_time", "og:published_time", "article:published",
        "datepublished", "publishdate", "publish-date", "publish_date", "pubdate",
        "date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
        "dcterms.created", "sailthru.date", "parsely-pub-date", "citation_date",
        "citation_publication_date", "article:modified_time", "og:updated_time",
        "datemodified",
    ),
    "url": ("og:url", "twitter:url"),
    "sitename": ("og:site_name", "application-name"),
    "description": ("description", "og:description", "twitter:description", "dc.description"),
}  # fmt: skip
#: A byline longer than this is a paragraph that a template marked as the author.
MAX_BYLINE_CHARS = 120
#: JSON-LD blocks larger than this are data dumps, not article metadata.
MAX_JSON_LD_CHARS = 200_000
_BY = re.compile(
    r"^(?:(?:posted|written|published|text|story)\s+by|by|von|par|por|di|door|przez|автор)"
    r"\s*:?\s+",
    re.I,
)
#: A byline is a name or a few: longer than this many words, it is the first clause.
MAX_BYLINE_WORDS = 6
_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:\D|$)")
_URLISH = re.compile(r"^(?:https?:)?//|^www\.", re.I)
#: A date in a URL's path, as news sites file their articles: ``/2016/07/30/``.
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/([01]?\d)/([0-3]?\d)(?:/|$)")


@dataclass(frozen=True, slots=True)
class Declared:
    """What a page declares about itself: its metadata ``fields`` (the keys ``title``,
    ``byline``, ``date``, ``url``, ``sitename``, ``description`` that were found, each a
    one-line string) and every title it declares, best first (``titles``): the headline
    is the first of them that the page's body shows."""

    fields: dict[str, str]
    titles: tuple[str, ...]


#: The elements that declare metadata by their tag, found in one walk over the tree.
_DECLARING_TAGS = ("meta", "link", "title", "script", "time", "a")
#: And by their attributes: each ``//*`` search costs a walk of its own (about 0.6 ms
#: on a news page), so it runs only on pages whose markup holds such an attribute.
_DECLARING_ATTRS = (
    "//*[@itemprop='author' or @itemprop='datePublished'"
    " or contains(@class, 'byline') or contains(@class, 'author')]"
)
#: Words whose absence from the markup rules those attributes out (a C substring search).
_ATTRIBUTE_WORDS = ("itemprop", "byline", "author")


def _declares(el: Any) -> bool:
    tag = el.tag
    if tag == "script":
        return el.get("type") == "application/ld+json"
    if tag == "time":
        return bool(el.get("datetime"))
    if tag == "a":
        return el.get("rel") == "author"
    return True


def _declaring(tree: Any, html: str | None) -> list[Any]:
    """The elements that may declare metadata: by tag, then by attribute."""
    found = [el for el in tree.iter(*_DECLARING_TAGS) if _declares(el)]
    if html is None or any(word in html for word in _ATTRIBUTE_WORDS):
        seen = set(found)
        found += [el for el in tree.xpath(_DECLARING_ATTRS) if el not in seen]
    return found


def page_metadata(tree: Any, url: str | None = None, html: str | None = None) -> Declared:
    """The metadata that ``tree`` (a parsed lxml document) declares; ``url``: where the
    page came from, used when it declares none; ``html``: the page's markup, when at
    hand, to skip the search for attributes that it does not hold."""
    metas: dict[str, str] = {}
    ld: dict[str, str] = {}
    markup: dict[str, str] = {}
    for el in _declaring(tree, html):
        tag = el.tag
        if tag == "meta":
            key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip()
            content = _one_line(el.get("content") or "")
            if key and content:
                metas.setdefault(key.lower(), content)
            continue
        if tag == "link":
            if el.get("rel", "").strip().lower() == "canonical":
                href = (el.get("href") or "").strip()
                if href.startswith(("http://", "https://")):
                    markup.setdefault("url", href)
            continue
        if tag == "title":
            markup.setdefault("title", _one_line(el.text_content()))
            continue
        if tag == "script":
            _json_ld(el.text or "", ld)
            continue
        itemprop = el.get("itemprop")
        if tag == "time" or itemprop == "datePublished":
            value = el.get("datetime") or el.get("content")
            if value and tag == "time":
                markup.setdefault("time", str(value))
            if value and (itemprop == "datePublished" or el.get("pubdate") is not None):
                markup.setdefault("published", str(value))
        elif itemprop == "author" or (tag == "a" and el.get("rel") == "author"):
            if "author" not in markup:  # the first that names someone (not a headshot)
                names = el.xpath(".//*[@itemprop='name']")
                name = (names[0].get("content") or names[0].text_content()) if names else ""
                if name := _byline(name or el.get("content") or el.text_content()):
                    markup["author"] = name
        elif "byline" not in markup and "comment" not in el.get("class", "").lower():
            # a byline line or an author box by its class (a commenter is not the byline)
            if name := _byline(el.text_content()):
                markup["byline"] = name
    fields: dict[str, str] = {}
    for key, value in (
        ("title", _first(ld.get("title"), _from_metas(metas, "title"), markup.get("title"))),
        ("byline", _first(ld.get("byline"), _byline(_from_metas(metas, "byline")),
                          markup.get("author"), markup.get("byline"))),
        ("date", _first(ld.get("date"), *(_date(metas.get(k)) for k in META_KEYS["date"]),
                        _date(markup.get("published")), _date(markup.get("time")),
                        _url_date(markup.get("url")), _url_date(metas.get("og:url")),
                        _url_date(url))),
        ("url", _first(markup.get("url"), _from_metas(metas, "url"), url)),
        ("sitename", _first(_from_metas(metas, "sitename"), ld.get("sitename"))),
        ("description", _first(_from_metas(metas, "description"), ld.get("description"))),
    ):  # fmt: skip
        if value:
            fields[key] = value
    return Declared(fields, _titles(ld.get("title"), metas, markup.get("title")))


def declared_titles(tree: Any, html: str | None = None) -> tuple[str, ...]:
    """``page_metadata(tree, None, html).titles``, read without the other fields.

    The titles come from JSON-LD, ``<meta>`` tags and ``<title>`` alone, so this walks
    the tree for those three tags only (no links, ``<time>``, ``<a>``, no search for
    byline attributes): about a tenth of the cost of :func:`page_metadata` on the dev
    pages. The answer is the same, in the same order: a ``<script>`` that is not
    JSON-LD but carries a byline attribute is one that :func:`page_metadata` reads as
    JSON-LD too (after every other declaring element), and so it is read here, last.
    """
    metas: dict[str, str] = {}
    ld: dict[str, str] = {}
    title: str | None = None
    late: list[Any] = []  # scripts found by their attributes, read after the others
    by_attribute: bool | None = None  # does the markup hold the attributes' words?
    for el in tree.iter("meta", "title", "script"):
        tag = el.tag
        if tag == "meta":
            key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip()
            key = key.lower()
            if key in _TITLE_KEYS and key not in metas:
                if content := _one_line(el.get("content") or ""):
                    metas[key] = content
        elif tag == "title":
            if title is None:
                title = _one_line(el.text_content())
        elif el.get("type") == "application/ld+json":
            _json_ld(el.text or "", ld)
        elif _declares_by_attribute(el):
            if by_attribute is None:  # asked of the markup only when it matters
                by_attribute = html is None or any(word in html for word in _ATTRIBUTE_WORDS)
            if by_attribute:
                late.append(el)
    for el in late:
        _json_ld(el.text or "", ld)
    return _titles(ld.get("title"), metas, title)


_TITLE_KEYS = frozenset(META_KEYS["title"])


def _declares_by_attribute(el: Any) -> bool:
    """``el`` is one that ``_DECLARING_ATTRS`` selects."""
    if el.get("itemprop") in ("author", "datePublished"):
        return True
    classes = el.get("class", "")
    return "byline" in classes or "author" in classes


def _titles(ld_title: str | None, metas: dict[str, str], title: str | None) -> tuple[str, ...]:
    """Every declared title, best first, each once."""
    titles: list[str] = []
    for value in (ld_title, *(metas.get(k) for k in META_KEYS["title"]), title):
        if value and value not in titles:
            titles.append(value)
    return tuple(titles)


def _one_line(value: object) -> str:
    return " ".join(str(value).split()) if isinstance(value, str | int | float) else ""


def _first(*values: str | None) -> str:
    return next((v for v in values if v), "")


def _from_metas(metas: dict[str, str], field: str) -> str:
    return _first(*(metas.get(k) for k in META_KEYS[field]))


def _byline(value: str | None) -> str:
    """A name (or names) from a byline: no "By", no "| date", no role after a comma."""
    value = _BY.sub("", _one_line(value or "")).split("|")[0].strip(" —–-:,;·")
    if len(value.split()) > MAX_BYLINE_WORDS:
        value = value.split(",")[0].strip()
    if (
        not value
        or len(value) > MAX_BYLINE_CHARS
        or len(value.split()) > MAX_BYLINE_WORDS
        or _URLISH.match(value)
    ):
        return ""
    return value if any(c.isalpha() for c in value) else ""


def _date(value: str | None) -> str:
    """``value`` as ``YYYY-MM-DD``, or ``""`` when it is not a recognisable date."""
    if not value:
        return ""
    value = value.strip()
    for pattern in (_ISO_DATE, _COMPACT_DATE):
        m = pattern.match(value)
        if m:
            year, month, day = (int(g) for g in m.groups())
            if 1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
            return ""
    try:
        parsed = parsedate_to_datetime(value)  # "Tue, 29 Nov 2016 10:00:00 GMT"
    except (TypeError, ValueError, IndexError):
        return ""
    return parsed.strftime("%Y-%m-%d") if 1900 <= parsed.year <= 2100 else ""


def _url_date(url: str | None) -> str:
    m = _URL_DATE.search(url or "")
    return _date("-".join(m.groups())) if m else ""


def _json_ld(text: str, found: dict[str, str]) -> None:
    """Add the article fields of one JSON-LD block to ``found`` (first found wins)."""
    if not text.strip() or len(text) > MAX_JSON_LD_CHARS:
        return
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return
    for item in _items(data):
        kinds = item.get("@type")
        if not isinstance(kinds, list):
            kinds = [kinds]
        if any(isinstance(k, str) and k in ARTICLE_TYPES for k in kinds):
            for key, value in (
                ("title", _one_line(item.get("headline") or item.get("name"))),
                ("byline", _byline(_names(item.get("author")))),
                ("date", _date(_one_line(item.get("datePublished")))),
                ("sitename", _names(item.get("publisher"))),
                ("description", _one_line(item.get("description"))),
            ):
                if value and key not in found:
                    found[key] = value


def _items(data: object, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _items(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _items(data["@graph"], depth + 1)


def _names(value: object) -> str:
    """A person or organisation field: a name, an object with a name, or a list of them."""
    if isinstance(value, list):
        return "; ".join(n for n in (_names(v) for v in value[:10]) if n)
    if isinstance(value, dict):
        return _one_line(value.get("name"))
    return _one_line(value)
