"""Mojibake repair with ftfy, behind a pre-check that spares clean text ftfy's cost.

ftfy.fix_text runs at about 2 MB/s, far too slow to run on every document of a corpus.
Mojibake of the kind ftfy fixes (UTF-8 decoded as cp1252/latin-1/cp1251, once or twice)
always leaves a lead character in U+00C2..U+00F4 followed by a continuation-byte character
(U+0080..U+00BF or its cp1252 stand-in); ``_SUSPECT`` finds such pairs, and only lines that
contain one are handed to ftfy. ftfy is configured never to "simplify" correct text:
quotes stay curly, width and ligatures stay, HTML is handled by our own residue repair.
"""

from __future__ import annotations

import re

from ftfy import TextFixerConfig, fix_text

# Lead bytes 0xC2-0xF4 as latin-1/cp1252 characters (plus the cp1251 readings of the common
# Cyrillic lead bytes Р/С), followed by a continuation byte as latin-1 (U+0080-U+00BF) or
# as one of cp1252's printable stand-ins for 0x80-0x9F.
_CP1252_CONTINUATION = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
_CP1251_CONTINUATION = bytes(range(0x80, 0xC0)).decode("cp1251", errors="ignore")
_SUSPECT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf" + re.escape(_CP1252_CONTINUATION) + "]"
    "|[РС][" + re.escape(_CP1251_CONTINUATION) + "]"
)

# The same pairs, loosened to one class followed by one class: ``re`` scans for a leading
# class in a tight loop, where it tries the alternation above at every position. A pair it
# finds is then checked against ``_SUSPECT`` (a lead of one reading with a continuation of
# the other is rare, and is skipped).
_SUSPECT_LOOSE = re.compile(
    "[\u00c2-\u00f4РС][\u0080-\u00bf"
    + re.escape(_CP1252_CONTINUATION)
    + re.escape(_CP1251_CONTINUATION)
    + "]"
)

_CONFIG = TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def suspect(text: str) -> bool:
    """True when ``text`` holds a pair of characters that mojibake leaves
    (``_SUSPECT.search(text)`` finds a match)."""
    pos = 0
    while (m := _SUSPECT_LOOSE.search(text, pos)) is not None:
        pos = m.start()
        if _SUSPECT.match(text, pos) is not None:
            return True
        pos += 1
    return False


def mojibake_free(text: str) -> bool:
    """``text`` holds no pair of characters that mojibake leaves: ``fix_mojibake``
    returns it as it is."""
    return text.isascii() or not suspect(text)


def fix_mojibake(text: str) -> str:
    """Repair mojibake line by line, calling ftfy only on lines that look broken."""
    if mojibake_free(text):
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _SUSPECT.search(line):
            lines[i] = fix_text(line, _CONFIG)
    return "\n".join(lines)
