"""Input normalization (SPEC "Repairs"): from raw text or bytes to repaired paragraphs.

Each step is one function named by its repair id; a step that changed the text is
reported in ``CleanResult.repairs``. Order matters: mojibake before invisible
characters (ftfy needs the C1 controls that mojibake contains), residue before spaces
(entities decode to no-break spaces), segmentation before apostrophes (the signature is
judged on the whole document).
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from ..segment import paragraphs
from .apostrophes import restore_apostrophes
from .decode import decode
from .mojibake import fix_mojibake, mojibake_free
from .residue import fix_html_residue, fix_shortcodes
from .spaces import fix_invisibles, fix_newlines, fix_nfc, fix_spaces, is_plain

__all__ = ["compare_form", "decode", "normalize"]

#: Typographic quotes and primes as their ASCII forms: a page's ``<title>`` and its
#: ``<h1>`` often differ only there ("Burned" / “Burned”), and so do a headline and
#: its copy in a teaser.
_PLAIN_QUOTES = str.maketrans("‘’‚‛′“”„‟″", "'''''\"\"\"\"\"")


def compare_form(text: str) -> str:
    """``text`` as compared for repetition: case folded, typographic quotes plain."""
    folded = text.casefold()
    return folded if folded.isascii() else folded.translate(_PLAIN_QUOTES)


_STEPS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("newlines", fix_newlines),
    ("mojibake", fix_mojibake),
    # Invisible characters go before residue is read ("[/\u00adb]" is a closing tag) and
    # again after, for those that entities decode to ("&shy;").
    ("invisibles", fix_invisibles),
    ("html-residue", fix_html_residue),
    ("shortcodes", fix_shortcodes),
    ("invisibles", fix_invisibles),
    ("spaces", fix_spaces),
    # Again: ftfy leaves some mojibake alone next to odd spaces ("\xa0â€™"); once the
    # spaces are plain, it is recognised (the pre-check makes this free on clean text).
    ("mojibake", fix_mojibake),
    ("nfc", fix_nfc),
)


def normalize(
    text: str, disabled: Collection[str] = (), english: bool | None = None
) -> tuple[list[str], list[str]]:
    """Repair ``text`` and split it into paragraphs; return ``(paragraphs, repairs)``.

    ``english=False`` (a non-English language hint) skips apostrophe restoration.
    """
    repairs: list[str] = []
    # Each step is a pure function: a step that left a text as it was leaves it again, so
    # it is not run twice on the same text (the second mojibake and invisibles passes on
    # a text the steps between did not change). A text whose characters are all printable
    # (but line breaks) has nothing for the newline and invisibles steps.
    plain = text if is_plain(text) else None
    unchanged: dict[str, str] = {}
    if plain is not None:
        unchanged["newlines"] = unchanged["invisibles"] = text
    # A text with no pair of characters that mojibake leaves: the mojibake step leaves it
    # as it is, and so it does after the spaces step, which turns characters into spaces
    # and drops spaces next to a space or a line break, setting no two others side by
    # side (the second mojibake pass is then skipped, its pre-check included).
    free: str | None = None
    for name, step in _STEPS:
        if name in disabled or unchanged.get(name) is text:
            continue
        if name == "mojibake" and (text is free or mojibake_free(text)):
            free = unchanged[name] = text
            continue
        fixed = fix_spaces(text, plain=True) if name == "spaces" and text is plain else step(text)
        if fixed != text:
            if name not in repairs:
                repairs.append(name)
            if name == "spaces" and text is free:
                free = fixed
            text = fixed
        else:
            unchanged[name] = text
    paras, joined = paragraphs(text, join_wrapped="hard-wrap" not in disabled)
    if joined:
        repairs.append("hard-wrap")
    if "apostrophes" not in disabled and english is not False:
        joined = "\n".join(paras)
        restored = restore_apostrophes(joined)
        if restored != joined:
            repairs.append("apostrophes")
            paras = restored.split("\n")
    return paras, repairs
