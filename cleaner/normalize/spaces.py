"""Line ends, odd spaces, invisible characters and NFC.

The standard library's ``re`` runs these plain character classes about three times
faster than ``regex``; every document goes through them. Most documents need none of
these repairs, so each pass first asks a cheaper question in C (``str.isascii``, ``in``,
``str.isprintable``) and leaves the text alone when the answer says nothing would change.

Joiners (U+200C ZWNJ, U+200D ZWJ) stay: Persian, Indic scripts and emoji sequences need
them. Every other format or control character goes, as does the soft hyphen.
"""

from __future__ import annotations

import re
import unicodedata

_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# The characters a match of _NEWLINES starts with, as one class: ``re`` scans for a
# leading class much faster than it tries an alternation at every position.
_NEWLINE_START = re.compile(r"[\r\x0b\x0c\x85\u2028\u2029]")
# Odd spaces: tab, no-break, the U+2000 block, narrow no-break, math space, ideographic.
_ODD_SPACE = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Controls (except \n), soft hyphen, zero-width and bidi format characters, BOM,
# non-characters; ZWNJ/ZWJ (U+200C/U+200D) are kept.
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u180e\u200b\u200e\u200f\u202a-\u202e"
    r"\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]"
)
# Written "  +", not " {2,}": ``re`` finds the two-space literal that opens it with a
# fast substring search (about 3x faster on the dev pages' extracted text).
_SPACE_RUNS = re.compile(r"  +")


def is_plain(text: str) -> bool:
    """True when every character of ``text`` but ``\\n`` is printable: then
    :func:`fix_newlines` and :func:`fix_invisibles` leave it as it is, and so does the
    odd-space part of :func:`fix_spaces` (every character they replace is a control, a
    format character, a line or paragraph separator or a space other than U+0020, none
    of which is printable)."""
    return text.replace("\n", " ").isprintable()


def fix_newlines(text: str) -> str:
    """Every line end becomes ``\\n``."""
    if text.isascii():
        if "\r" not in text and "\x0b" not in text and "\x0c" not in text:
            return text
    elif _NEWLINE_START.search(text) is None:
        return text
    return _NEWLINES.sub("\n", text)


def fix_spaces(text: str, plain: bool = False) -> str:
    """Odd spaces become plain spaces; runs collapse; lines lose edge spaces.

    ``plain``: the caller knows :func:`is_plain` holds for ``text`` (no odd space).
    """
    if not plain:
        text = _ODD_SPACE.sub(" ", text)
    if "  " in text:
        text = _SPACE_RUNS.sub(" ", text)
    if " \n" in text or "\n " in text:
        # Every line loses its edge spaces (the first line's start and the last line's
        # end go with the strip below): a regex ``" *\n *"`` would be tried at every
        # line break, about ten times slower.
        text = "\n".join([line.strip(" ") for line in text.split("\n")])
    return text.strip(" ")


def fix_invisibles(text: str) -> str:
    """Remove control, zero-width, bidi-format and soft-hyphen characters."""
    return _INVISIBLE.sub("", text)


def fix_nfc(text: str) -> str:
    """NFC-normalize, skipping the work when the text already is."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)
