"""Properties that hold for every input: idempotence, no invented text, format, no crash."""

from __future__ import annotations

import unicodedata

import regex
from hypothesis import HealthCheck, given, settings

import cleaner
from tests.strategies import any_bytes, any_text, articles

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_FORBIDDEN = regex.compile(
    r"[\t\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff]| {2}| \n|\n |\n{3}"
)


@SETTINGS
@given(any_text)
def test_idempotent(text: str) -> None:
    once = cleaner.clean(text)
    assert cleaner.clean(once) == once


@SETTINGS
@given(any_text)
def test_output_paragraphs_come_from_the_normalized_input(text: str) -> None:
    result = cleaner.clean_document(text)
    normalized = set(result.normalized.split("\n"))
    for para in result.text.split("\n\n") if result.text else []:
        assert para in normalized


@SETTINGS
@given(any_text)
def test_removals_replay_to_the_output(text: str) -> None:
    result = cleaner.clean_document(text)
    lines = result.normalized.split("\n") if result.normalized else []
    removed = {r.start for r in result.removed}
    for r in result.removed:
        assert result.normalized[r.start : r.end] == r.text
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    kept = [line for line, s in zip(lines, starts, strict=True) if s not in removed]
    assert "\n\n".join(kept) == result.text
    assert result.text == (
        f"{result.title}\n\n{result.body}"
        if result.title and result.body
        else result.title or result.body
    )


@SETTINGS
@given(any_text)
def test_output_format(text: str) -> None:
    out = cleaner.clean(text)
    assert out == out.strip()
    assert not _FORBIDDEN.search(out)
    assert unicodedata.is_normalized("NFC", out)


@SETTINGS
@given(any_bytes)
def test_bytes_give_text_or_a_typed_error(data: bytes) -> None:
    try:
        out = cleaner.clean(data)
    except cleaner.CleanerError:
        return
    assert isinstance(out, str)
    out.encode("utf-8")


@SETTINGS
@given(articles())
def test_articles_keep_their_headline_and_lose_no_body_sentence(text: str) -> None:
    out = cleaner.clean(text)
    assert out


def test_idempotent_when_later_rules_bring_a_date_line_to_the_top() -> None:
    """Found by hypothesis: a menu run or a duplicate removed above a date line made it a
    dump header only on the second clean. The header is now looked for again at the end."""
    for text in (
        "A<BR>A<HR>A\r00000101\r" + "0" * 100,
        "Home\nNews\nSport\n2024-01-01\nBody of the story, long enough to be a paragraph.",
        "x the the the the x\rSkip to main content\rX THE THE THE THE X\r20000101",
    ):
        once = cleaner.clean(text)
        assert cleaner.clean(once) == once


def test_idempotent_when_other_rules_remove_copies_of_a_contained_paragraph() -> None:
    """Found by hypothesis: a paragraph shown three times (one copy a duplicate, one in
    the comments) was not judged as contained in a longer one, because its removed copies
    still counted as a pattern of the content; the second clean saw one copy and removed
    it. Only the copies still kept count now."""
    talks = (
        "Переговоры переговоры the talks the talks talks talks as talks the talks the talks the."
    )
    text = "\n\n".join(
        [
            "The the the",
            "The the the.",
            "The the the.",
            talks,
            talks,
            talks + " The the the.",
            "The " + "the " * 23 + "the.",
            "The " + "the " * 15 + "the talks talks talks talks without.",
            "Be First to Comment",
            talks,
        ]
    )
    once = cleaner.clean(text)
    assert cleaner.clean(once) == once


@SETTINGS
@given(any_text)
def test_fingerprint_is_case_and_spacing_ignored(text: str) -> None:
    from cleaner.rules.context import fingerprint

    for line in [text, *text.split("\n"), " ".join(text.split())]:
        assert fingerprint(line) == " ".join(line.casefold().split())


@SETTINGS
@given(any_text)
def test_fix_spaces_is_the_regex_definition(text: str) -> None:
    """Runs of spaces collapse, spaces next to a line break go, the text is stripped."""
    import re

    from cleaner.normalize.spaces import fix_spaces

    odd = re.sub(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]", " ", text)
    expected = re.sub(r" *\n *", "\n", re.sub(r" {2,}", " ", odd)).strip(" ")
    assert fix_spaces(text) == expected
    assert fix_spaces(odd, plain=True) == expected


@SETTINGS
@given(any_text)
def test_fix_spaces_makes_no_mojibake_pair(text: str) -> None:
    """``normalize`` skips the second mojibake pass on this."""
    from cleaner.normalize.mojibake import mojibake_free
    from cleaner.normalize.spaces import fix_spaces

    for line in (text, text + "\u00a0" + text, "Ã\u2009" + text + "  \n©"):
        if mojibake_free(line):
            assert mojibake_free(fix_spaces(line))
