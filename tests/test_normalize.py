"""Repairs (SPEC "Repairs"): each problem of the table, and what must stay untouched."""

from __future__ import annotations

import pytest

from cleaner import clean, clean_document
from cleaner.normalize.apostrophes import restore_apostrophes
from cleaner.segment import paragraphs


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("donâ€™t stop", "don’t stop"),
        ("Ã©tÃ© chaud", "été chaud"),
        ("РџСЂРёРІРµС‚ РјРёСЂ", "Привет мир"),
        ("it&#039;s &amp; &eacute;t&eacute;", "it's & été"),
        ("one<br>two", "one\n\ntwo"),
        ("a&nbsp;b\u2009c\u00a0d", "a b c d"),
        ("zero\u200bwidth soft\u00adhyphen", "zerowidth softhyphen"),
        ("line\r\nend\r\n", "line\n\nend"),
        ('[caption id="x"]A dog. Photo: AP[/caption]Body text.', "Body text."),
        ("[dropcap]T[/dropcap]he start.", "The start."),
        ("Before {{ad}} after.", "Before after."),
        ("including {that a} range", "including that a range"),
        ("pick {one|two} option", "pick one option"),
        ("e\u0301te\u0301", "été"),
    ],
)
def test_repairs(raw: str, fixed: str) -> None:
    assert clean(raw) == fixed


@pytest.mark.parametrize(
    "kept",
    [
        "“Curly quotes” — and dashes – stay.",
        "Ｆｕｌｌ width and ﬁ ligatures stay.",
        "a < b > c and <3 stay",
        "Footnote [1] and [sic] stay.",
        "Article about the <img> and <ul> elements.",
        'JSON {"a": 1} stays.',
        "مرحبا بالعالم",
        "नमस्ते दुनिया",
        "ZWNJ stays: می\u200cخواهم",
    ],
)
def test_correct_text_is_not_simplified(kept: str) -> None:
    assert clean(kept) == kept


def test_repairs_are_reported() -> None:
    assert clean_document("donâ€™t").repairs == ("mojibake",)
    assert clean_document("plain text").repairs == ()


def test_hard_wrap_joins_wrapped_paragraphs_only() -> None:
    wrapped = (
        "The council voted on Monday to turn the disused rail yard into a park,\n"
        "ending a dispute with developers that had lasted more than six years\n"
        "and divided the neighbourhood.\n\n"
        "Residents packed the chamber and an overflow room for the vote, some\n"
        "holding hand-drawn signs that showed trees where the sidings stand,\n"
        "and applauded when the result was read out.\n"
    )
    paras, joined = paragraphs(wrapped)
    assert joined and len(paras) == 2
    one_per_line = "First paragraph ends here.\nSecond one ends here.\nA third one, too.\n" * 3
    paras, joined = paragraphs(one_per_line)
    assert not joined and len(paras) == 9


def test_lists_stay_one_item_a_line() -> None:
    text = "Ingredients\n- 200 g flour\n- 2 eggs\n- a pinch of salt\n"
    assert clean(text) == "Ingredients\n\n- 200 g flour\n\n- 2 eggs\n\n- a pinch of salt"


SIGNED = (
    "Sherman said Russias demands were a nonstarter. I dont think they will move, she said, "
    "and were going to see whether Moscow is serious. Its hard to say. Mondays talks ran long "
    "and the Russians told reporters that they doesnt want war. The weeks ahead matter, "
    "officials in the United States said on Monday, and Russia will answer in writing."
)


def test_apostrophes_restored_only_where_unambiguous() -> None:
    out = restore_apostrophes(SIGNED)
    for restored in ("Russia's demands", "I don't", "Monday's talks", "doesn't"):
        assert restored in out
    for untouched in ("were going", "Its hard", "the Russians", "weeks ahead", "United States"):
        assert untouched in out


def test_apostrophes_need_the_signature() -> None:
    assert restore_apostrophes(SIGNED + " It's fine.") == SIGNED + " It's fine."
    german = "Ich dont weiss nicht, ob Im Haus die Russias Pläne bekannt sind. " * 3
    assert restore_apostrophes(german) == german
    assert clean(SIGNED, language="de") == SIGNED


def test_plain_text_has_nothing_for_the_character_repairs() -> None:
    # normalize skips the newline, invisibles and odd-space passes on a text for which
    # is_plain holds: that is only right if no character they change is printable.
    from cleaner.normalize import spaces

    patterns = (spaces._NEWLINES, spaces._NEWLINE_START, spaces._INVISIBLE, spaces._ODD_SPACE)
    for code in range(0x110000):
        char = chr(code)
        if char != "\n" and any(p.match(char) for p in patterns):
            assert not spaces.is_plain(f"a{char}b"), hex(code)
    for code in range(0x110000):
        # the class that gates _NEWLINES starts exactly its matches
        char = chr(code)
        assert bool(spaces._NEWLINE_START.match(char)) == bool(spaces._NEWLINES.match(char))


def test_mojibake_precheck_finds_what_the_exact_pattern_finds() -> None:
    from cleaner.normalize import mojibake

    chars = sorted(
        {chr(c) for c in range(0x80, 0x500)}
        | set(mojibake._CP1252_CONTINUATION + mojibake._CP1251_CONTINUATION + "aРС\n ")
    )
    for a in chars:
        for b in chars:
            text = f"x{a}{b}y"
            assert mojibake.suspect(text) == bool(mojibake._SUSPECT.search(text)), (a, b)


def test_a_repeated_step_runs_again_when_the_text_changed() -> None:
    # the first mojibake pass finds nothing; the entities decode to mojibake, which the
    # second pass (not skipped: the text changed in between) repairs
    result = clean_document("Le caf&Atilde;&copy; est ouvert.")
    assert result.text == "Le café est ouvert."
    assert result.repairs == ("html-residue", "mojibake")


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("&ampap;", "&ampap;"),  # not an entity: html.unescape would give "&ap;", then "≈"
        ("&amp;amp; and &amp;lt;p&amp;gt;", "& and \n\n"),  # double-escaped residue, to the end
        ("AT&amp;T, &eacute;t&eacute;, &#233;", "AT&T, été, é"),
    ],
)
def test_html_residue_is_repaired_to_a_fixed_point(text: str, fixed: str) -> None:
    from cleaner.normalize.residue import fix_html_residue

    assert fix_html_residue(text) == fixed
    assert fix_html_residue(fixed) == fixed
