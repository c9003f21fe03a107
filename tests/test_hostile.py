"""Hostile input: work grows linearly, bytes never crash, limits raise typed errors.

Timing is never asserted in absolute terms (machines are shared and noisy): each case
compares the same input at one and at four times its size, in the same run, best of
three, and allows a wide margin above the linear ratio of 4.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

import cleaner

CLEANER = cleaner.Cleaner()
#: Four times the input may cost up to this many times the work: linear is 4, the margin
#: absorbs noise; a quadratic rule would show about 16.
MAX_RATIO = 8.0

GROWING: dict[str, Callable[[int], str]] = {
    "short lines": lambda n: "Menu\nShare\n0:00\n© 2022 X\n" * (n // 25),
    "one long line": lambda n: "word, " * (n // 6),
    "punctuation run": lambda n: "!?.,;:-|>/" * (n // 10),
    "separators": lambda n: "Home > " * (n // 7),
    "pipes": lambda n: "a | " * (n // 4),
    "digits and colons": lambda n: "0:00 12.01.2022 " * (n // 16),
    "brackets": lambda n: "{a|b} [x] <b> &amp; (c/d) " * (n // 26),
    "repeated paragraphs": lambda n: "The same paragraph of body text, again.\n\n" * (n // 41),
    "wrapped text": lambda n: ("lorem ipsum dolor sit amet " * 3 + "\n") * (n // 82),
}


def _cost(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        CLEANER.clean(text)
        best = min(best, time.process_time() - start)
    return max(best, 1e-4)


@pytest.mark.parametrize("name", list(GROWING))
def test_work_grows_linearly(name: str) -> None:
    make = GROWING[name]
    CLEANER.clean(make(2_000))  # compile the rule buckets this input uses, untimed
    small, large = make(50_000), make(200_000)
    ratio = _cost(large) / _cost(small)
    assert ratio < MAX_RATIO, f"{name}: 4x the input cost {ratio:.1f}x the time"


@pytest.mark.parametrize(
    "data",
    [
        b"Title\x00 with NUL\x00\n\nBody text.",
        b"caf\xe9 and na\xefve, latin-1 bytes in a mostly ascii text.",
        "Mixed: caf\u00e9 ".encode() + b"and caf\xe9 again.",
        "Тест кодировки без метки порядка байтов.".encode("utf-16-le"),
        b"\xff\xfe" + "UTF-16 with a BOM.".encode("utf-16-le"),
        bytes(range(256)),
        b"\x89PNG\r\n\x1a\n" + bytes(200),
    ],
)
def test_bytes_give_text_or_a_typed_error(data: bytes) -> None:
    try:
        out = CLEANER.clean(data)
    except cleaner.CleanerError:
        return
    out.encode("utf-8")
    assert "\x00" not in out


def test_lone_surrogates_are_dropped() -> None:
    assert cleaner.clean("Body \ud800text\udfff here.") == "Body text here."


def test_limits_raise_typed_errors() -> None:
    with pytest.raises(cleaner.InputTooLargeError):
        cleaner.clean(b"x" * 1000, max_input_bytes=100)
    with pytest.raises(cleaner.TimeBudgetError):
        cleaner.clean("Menu\n" * 200_000, time_budget=0.001)
    with pytest.raises(cleaner.ConfigError):
        cleaner.Config(time_budget=0)
