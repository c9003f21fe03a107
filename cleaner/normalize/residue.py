"""HTML and CMS residue left in scraped text: entities, tags, shortcodes, templates.

A text that quotes page-level markup (``<!DOCTYPE``, ``<script``, ``<meta``...) is an
article about HTML: its tags are left alone. Otherwise only unambiguous residue is
touched: tags with a known HTML element name (so
``a < b > c`` and ``<3`` survive), shortcodes that are closed somewhere in the text or
carry ``key="value"`` attributes (so ``[1]`` and ``[sic]`` survive), and brace spinners
whose content is plain lower-case words (so code and JSON survive).
"""

from __future__ import annotations

import html
import html.entities

import regex

# Block-level elements become paragraph breaks, <br> a line break, the rest vanish.
_BLOCK = (
    "p|div|section|article|header|footer|aside|nav|main|h[1-6]|ul|ol|li|table|tr|td|th|"
    "blockquote|figure|figcaption|pre|dl|dt|dd|hr|form"
)
_INLINE = (
    "a|abbr|b|big|cite|code|del|dfn|em|font|i|img|ins|kbd|mark|q|s|samp|small|span|"
    "strike|strong|sub|sup|time|tt|u|var|wbr|iframe|source|video|audio|picture|label|"
    "button|input|meta|link|noscript|center"
)
_TAG_BR = regex.compile(r"<br\s*/?>", regex.IGNORECASE)
# Attributes up to 2,000 characters: a tracking pixel's ``src`` runs past 500. The scan
# from a ``<`` stops at the next ``<``, ``>`` or line break, so it stays linear.
_TAG_BLOCK = regex.compile(rf"<(/?)({_BLOCK})(\s[^<>\n]{{0,2000}})?/?>", regex.IGNORECASE)
_TAG_INLINE = regex.compile(rf"<(/?)({_INLINE})(\s[^<>\n]{{0,2000}})?/?>", regex.IGNORECASE)
_CLOSING = regex.compile(r"</([a-zA-Z][a-zA-Z0-9]{0,10})\s*>")
_COMMENT = regex.compile(r"<!--.{0,2000}?-->", regex.DOTALL)
_SCRIPT = regex.compile(
    r"<(script|style)\b[^<>]{0,500}>.{0,100000}?</\1\s*>", regex.IGNORECASE | regex.DOTALL
)
# Page-level elements never survive into an extractor's text as residue; a text that
# shows them quotes HTML source (a tutorial, a bug report), and its tags are content.
_QUOTED_SOURCE = regex.compile(
    r"<(?:!DOCTYPE|html[\s>]|head>|meta\s|link\s|script[\s>])", regex.IGNORECASE
)
_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")

# [caption ...]...[/caption] goes with the caption inside it (SPEC "Repairs").
_CAPTION = regex.compile(r"\[caption\b[^\]\n]{0,500}\].{0,2000}?\[/caption\]", regex.IGNORECASE)
_SHORTCODE_CLOSE = regex.compile(r"\[/([a-z][a-z0-9_-]{0,30})\]", regex.IGNORECASE)
_SHORTCODE_OPEN = regex.compile(
    r"\[([a-z][a-z0-9_-]{0,30})((?:\s+[a-z_-]{1,30}=(?:\"[^\"\n]{0,300}\"|'[^'\n]{0,300}'|[^\s\]]{1,100}))*)\s*/?\]",
    regex.IGNORECASE,
)
_TEMPLATE = regex.compile(r"\{\{[^{}\n]{0,200}\}\}|\{%[^{}\n]{0,200}%\}")
# Article spinners: {a|b|c} keeps the first choice; {that a} is a one-choice spinner.
_SPINNER = regex.compile(r"\{([\p{Ll}][\p{Ll}' ]{0,60}(?:\|[\p{Ll}][\p{Ll}' ]{0,60}){0,9})\}")


#: Residue can hide residue: a double-escaped ``&amp;lt;p&amp;gt;`` decodes to ``&lt;p&gt;``,
#: then to a ``<p>`` tag. The repair runs until the text stops changing (so that cleaning
#: clean output changes nothing), at most this many times.
RESIDUE_ROUNDS = 4


def fix_html_residue(text: str) -> str:
    """Decode entities and drop HTML tags, comments and script bodies left in text."""
    for _ in range(RESIDUE_ROUNDS):
        fixed = _residue_once(text)
        if fixed == text:
            break
        text = fixed
    return text


def _residue_once(text: str) -> str:
    if "<" in text and not _QUOTED_SOURCE.search(text):
        text = _SCRIPT.sub("\n", text)
        text = _COMMENT.sub("", text)
        text = _TAG_BR.sub("\n", text)
        closed = {m.group(1).lower() for m in _CLOSING.finditer(text)}
        text = _TAG_BLOCK.sub(lambda m: "\n\n" if _is_residue(m, closed) else m.group(), text)
        text = _TAG_INLINE.sub(lambda m: "" if _is_residue(m, closed) else m.group(), text)
    if "&" in text and _ENTITY.search(text):
        text = _ENTITY.sub(_unescape, text)
    return text


def _unescape(m: regex.Match[str]) -> str:
    """A whole entity's character; an unknown name stays as it is (``html.unescape``
    would decode the legacy prefix of ``&ampap;`` to ``&ap;``, which a second pass would
    decode again: cleaning would not be idempotent)."""
    entity = m.group()
    if entity[1] == "#":
        return html.unescape(entity)
    return html.entities.html5.get(entity[1:], entity)


def _is_residue(m: regex.Match[str], closed: set[str]) -> bool:
    """A tag is residue when it is closing, has attributes, is a paragraph tag, or is
    closed somewhere in the text; a bare ``<img>`` or ``<ul>`` in prose is a mention of
    the element (an article about HTML), not markup."""
    slash, name, attrs = m.group(1), m.group(2).lower(), m.group(3)
    return bool(slash or attrs or name in ("p", "hr", "wbr") or name in closed)


def _shortcode(m: regex.Match[str], closed: set[str]) -> str:
    name, attrs = m.group(1).lower(), m.group(2)
    return "" if name in closed or attrs.strip() else m.group()


def fix_shortcodes(text: str) -> str:
    """Remove caption shortcodes with their text, unwrap the others, drop templates."""
    if "[" in text:
        text = _CAPTION.sub("", text)
        closed = {m.group(1).lower() for m in _SHORTCODE_CLOSE.finditer(text)}
        if closed:
            text = _SHORTCODE_CLOSE.sub("", text)
        text = _SHORTCODE_OPEN.sub(lambda m: _shortcode(m, closed), text)
    if "{" in text:
        text = _TEMPLATE.sub("", text)
        text = _SPINNER.sub(lambda m: m.group(1).split("|", 1)[0], text)
    return text
