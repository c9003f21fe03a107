"""Paragraphs: one per input line, except in hard-wrapped text, where lines join.

SPEC: a single newline is a paragraph break unless the text is hard-wrapped (lines
broken near a fixed width in mid-sentence). The detector is deliberately strict because
joining two real paragraphs corrupts both, while leaving a wrapped text unjoined only
splits sentences (no text is lost either way).
"""

from __future__ import annotations

import regex

_BULLET = regex.compile(r"^(?:[-*•·–—▪►✓]|\d{1,3}[.)])\s")
_TERMINAL = frozenset(".!?:;\"”’'»)…")

#: Calibrated as a set on wrapped e-mail/plain-text archives (72-80 columns) and on
#: scraped one-line-per-paragraph text, which must never be mistaken for wrapped text:
#: at least 6 lines, a wrap width between 30 and 120 columns, at least half of the lines
#: within 20% of that width, most of those ending mid-sentence, almost none beyond it.
MIN_LINES = 6
MIN_WIDTH, MAX_WIDTH = 30, 120
NEAR_WIDTH = 0.8
MIN_NEAR_SHARE = 0.5
MIN_MIDSENTENCE_SHARE = 0.6
MAX_OVERLONG_SHARE = 0.05


def wrap_width(lines: list[str]) -> int | None:
    """The column at which ``lines`` are hard-wrapped, or None when they are not."""
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < MIN_LINES:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return None
    near = [line for line in lines if line and len(line) >= NEAR_WIDTH * width]
    if len(near) < MIN_NEAR_SHARE * len(lengths):
        return None
    midsentence = sum(line[-1] not in _TERMINAL for line in near)
    if midsentence < MIN_MIDSENTENCE_SHARE * len(near):
        return None
    overlong = sum(n > width + 5 for n in lengths)
    if overlong > MAX_OVERLONG_SHARE * len(lengths):
        return None
    return width


def paragraphs(text: str, join_wrapped: bool = True) -> tuple[list[str], bool]:
    """Split normalized text into paragraphs, joining hard-wrapped lines.

    Returns the paragraphs and whether wrapped lines were joined.
    """
    lines = text.split("\n")
    width = wrap_width(lines) if join_wrapped else None
    if width is None:
        return [line for line in lines if line], False
    out: list[str] = []
    joining = False
    for line in lines:
        if not line:
            joining = False
            continue
        if joining and not _BULLET.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        joining = len(line) >= NEAR_WIDTH * width
    return out, True
