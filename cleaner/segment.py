"""Paragraphs: one per input line, except in hard-wrapped text, where lines join.

SPEC: a single newline is a paragraph break unless the text is hard-wrapped (lines
broken near a fixed width in mid-sentence). The detector is deliberately strict because
joining two real paragraphs corrupts both, while leaving a wrapped text unjoined only
splits sentences (no text is lost either way).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import regex

_BULLET = regex.compile(r"^(?:[-*•·–—▪►✓]|\d{1,3}[.)])\s")
_TERMINAL = frozenset(".!?:;\"”’'»)…")

#: Calibrated as a set on wrapped e-mail/plain-text archives (72-80 columns) and on
#: scraped one-line-per-paragraph text, which must never be mistaken for wrapped text:
#: at least 6 lines, a wrap width between 30 and 120 columns, a third of the lines or more
#: within 20% of that width, most of those ending mid-sentence and followed by a line
#: that does not start with a capital, few lines beyond the width.
MIN_LINES = 6
MIN_WIDTH, MAX_WIDTH = 30, 120
NEAR_WIDTH = 0.8
MIN_NEAR_SHARE = 0.35
MIN_MIDSENTENCE_SHARE = 0.6
MAX_OVERLONG_SHARE = 0.1
MIN_CONTINUED_SHARE = 0.6
WIDTH_QUANTILES = (0.95, 0.9, 0.8, 0.7)


def wrap_width(lines: list[str]) -> int | None:
    """The column at which ``lines`` are hard-wrapped, or None when they are not.

    The width is tried at several high percentiles of the line lengths, so that a few
    longer lines (a headline, a URL) do not hide the wrap column.
    """
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < MIN_LINES:
        return None
    for quantile in WIDTH_QUANTILES:
        width = lengths[int(quantile * (len(lengths) - 1))]
        if MIN_WIDTH <= width <= MAX_WIDTH and _wrapped_at(lines, lengths, width):
            return width
    return None


def _wrapped_at(lines: list[str], lengths: list[int], width: int) -> bool:
    # The share of lines near the width, counted on the sorted lengths first: most texts
    # fail there, without the walk over their lines below.
    low = bisect_left(lengths, NEAR_WIDTH * width)
    if bisect_right(lengths, width) - low < MIN_NEAR_SHARE * len(lengths):
        return False
    near = 0
    midsentence = 0
    continued = 0
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        if len(line) >= NEAR_WIDTH * width and len(line) <= width:
            near += 1
            if line[-1] not in _TERMINAL:
                midsentence += 1
                continued += bool(following) and not following[0].isupper()
    if near < MIN_NEAR_SHARE * len(lengths) or midsentence < MIN_MIDSENTENCE_SHARE * near:
        return False
    # Wrapped prose goes on in lower case; a list of titles starts each line capitalized.
    if continued < MIN_CONTINUED_SHARE * midsentence:
        return False
    overlong = sum(n > width + 5 for n in lengths)
    return overlong <= MAX_OVERLONG_SHARE * len(lengths)


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
    after_break = True
    for line in lines:
        if not line:
            joining = False
            after_break = True
            continue
        # A line goes on the previous one when that one reached the wrap column, or
        # ended mid-sentence and this one starts in lower case; a blank line always breaks.
        continues = joining or (
            not after_break and out[-1][-1] not in _TERMINAL and line[0].islower()
        )
        after_break = False
        if continues and out and not _BULLET.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        joining = len(line) >= NEAR_WIDTH * width
    return out, True
