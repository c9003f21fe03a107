"""HTML in: detection, charsets, trafilatura extraction, the fallback, metadata."""

from __future__ import annotations

import pytest

import cleaner
from cleaner.html import decode_html, looks_like_html

PAGE = """<!DOCTYPE html><html><head><title>Tram line opens</title>
<meta name="author" content="Ana Ruiz"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Tram line opens</h1>
<p>The new tram line between the station and the university opened on Saturday after
three years of work, and carried more than ten thousand passengers on its first day.</p>
<p>Follow us on Twitter for more local news</p>
<p>The city expects the line to take about two thousand cars off the ring road every day,
the transport department said in a statement.</p>
</article><footer>© 2023 City News</footer></body></html>"""


def test_detection() -> None:
    assert looks_like_html(PAGE)
    assert looks_like_html(PAGE.encode())
    assert not looks_like_html("An article that mentions <b>bold</b> and <p> tags.")
    assert not looks_like_html("Plain text.\n\nAnother paragraph.")


def test_page_is_extracted_then_cleaned() -> None:
    result = cleaner.clean_document(PAGE)
    assert result.title == "Tram line opens"
    assert "ten thousand passengers" in result.text
    assert "two thousand cars" in result.text
    assert "Follow us on Twitter" not in result.text
    assert "Home" not in result.text
    assert "html-extract" in result.repairs
    assert result.metadata["byline"] == "Ana Ruiz"


def test_hidden_elements_are_left_out_and_a_hidden_article_is_kept() -> None:
    """What the page never shows (``hidden``, ``aria-hidden="true"``, an inline
    ``display: none`` or ``visibility: hidden``) is not extracted; an element holding the
    article (its ``<article>``, ``<main>`` or ``<h1>``) is, hidden or not."""
    hidden = [
        "<p hidden>Trending now: the ten best garden chairs of the summer, ranked by our "
        "readers over three weekends of testing.</p>",
        '<p aria-hidden="true">Trending now: five hotels with a view of the sea that cost '
        "less than a hundred euros a night in June.</p>",
        '<p style="DISPLAY: None">Trending now: how to keep basil alive on a windowsill '
        "through the winter months, by our gardening desk.</p>",
        '<p style="visibility:hidden">Trending now: the quiz that tells you which breakfast '
        "cereal matches your personality best.</p>",
    ]
    page = PAGE.replace("</p>\n<p>The city", "</p>" + "".join(hidden) + "\n<p>The city")
    text = cleaner.clean(page)
    assert "ten thousand passengers" in text
    assert "two thousand cars" in text
    assert "Trending now" not in text
    behind_modal = PAGE.replace("<article>", '<div aria-hidden="true"><article>').replace(
        "</article>", "</article></div>"
    )
    assert "ten thousand passengers" in cleaner.clean(behind_modal)


def test_declared_charset_decodes_bytes() -> None:
    page = PAGE.replace("<head>", '<head><meta charset="windows-1252">').replace(
        "Tram line opens", "Tramway à Lyon"
    )
    data = page.encode("cp1252")
    assert decode_html(data)[1] == "cp1252"
    assert cleaner.clean(data).startswith("Tramway à Lyon")


def test_forced_modes() -> None:
    text_mode = cleaner.clean(PAGE, html=False)
    assert "ten thousand passengers" in text_mode
    forced = cleaner.clean("<div>The library is closed on Monday.</div>", html=True)
    assert forced == "The library is closed on Monday."


def test_empty_page_falls_back_and_says_so() -> None:
    result = cleaner.clean_document("<html><head></head><body><div></div></body></html>")
    assert result.text == ""
    assert "html-fallback" in result.repairs
    assert "fallback" in result.metadata["extraction"]


def test_control_characters_in_a_page_do_not_crash() -> None:
    # found by fuzz/fuzz_clean.py: lxml refuses text with C0 control characters
    assert cleaner.clean("<p>a\x01b</p>\x00<div>\x1f</div>", html=True) == "ab"


def test_fragment_without_head_is_html_text_mentioning_tags_is_not() -> None:
    cells = "".join(f"<tr><td><a href='/s/{i}'>Section {i}</a></td></tr>" for i in range(4))
    fragment = f"<!-- saved page -->\n<table width=100%>{cells}</table>\n<p>Body text.</p>"
    assert looks_like_html(fragment)
    mention = "Use <b>bold</b> and <i>italic</i> tags, and <br> for a line break.\n\nMore."
    assert not looks_like_html(mention)
    quoted = "The page opens with <html> and <head>, as every page does."
    assert not looks_like_html(quoted)


def test_title_opens_the_text_only_when_the_page_shows_it() -> None:
    from cleaner.html import shown_headline

    body = "<body><h1>Storm closes the harbour</h1><p>The harbour closed on Monday.</p></body>"
    assert shown_headline(["Storm closes the harbour"], body) == "Storm closes the harbour"
    assert shown_headline(["Storm closes the harbour - Daily Bugle"], body) == (
        "Storm closes the harbour"
    )
    assert shown_headline(["Untitled document"], body) == ""  # a tab label, not a headline
    # With the tree, the headings answer first, and markup inside a heading does not
    # split its words ("Of <em>Metroid</em>, One" reads "Of Metroid, One").
    import lxml.html

    marked = "<body><h1><a href='/x'>The Story Of <em>Metroid</em>, One Of Many</a></h1></body>"
    tree = lxml.html.document_fromstring(marked)
    title = "The Story Of Metroid, One Of Many"
    assert shown_headline([title], marked, tree) == title
    assert shown_headline(["Untitled document"], body, lxml.html.document_fromstring(body)) == ""
    page = (
        "<html><head><title>Tab label only</title></head><body><article>"
        + "<p>The harbour closed on Monday after the storm, the port authority said.</p>" * 3
        + "</article></body></html>"
    )
    assert not cleaner.clean(page).startswith("Tab label only")


def test_a_title_differing_only_in_quote_style_is_not_added_again() -> None:
    page = (
        '<html><head><title>Pills "Burned Her Up From Within"</title></head><body><article>'
        "<h1>Pills “Burned Her Up From Within”</h1>"
        + "<p>The harbour closed on Monday after the storm, the port authority said.</p>" * 2
        + "<p>Ferries will sail again once the wind drops, the operator said on Tuesday.</p>"
        + "</article></body></html>"
    )
    text = cleaner.clean(page)
    assert text.startswith("Pills “Burned Her Up From Within”\n\n")
    assert text.count("Burned Her Up") == 1


def test_source_line_breaks_in_a_div_are_spaces_and_br_and_code_stay_breaks() -> None:
    """A ``<div>`` of text wrapped in the page's source reads as one paragraph (as a
    browser shows it), not as hard-wrapped lines joined to the headline above it."""
    page = (
        "<html><body><article><h1>This is a long title with a colon: But the end differs</h1>"
        "<div>\n        Lorem\n        ipsum dolor sit amet, consectetur adipisicing elit,\n"
        "        sed do eiusmod incididunt ut labore et dolore magna aliqua. Ut enim ad\n"
        "        minim veniam, quis nostrud exercitation ullamco laboris nisi ut.\n    </div>"
        "<p>First line of the address<br>Second line of the address, after a break.</p>"
        "<pre>def f(x):\n    return x</pre>"
        "<p>The harbour closed on Monday after the storm, the port authority said today.</p>"
        "</article></body></html>"
    )
    paras = cleaner.clean(page).split("\n\n")
    assert paras[0] == "This is a long title with a colon: But the end differs"
    assert paras[1].startswith("Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do")
    assert paras[1].endswith("ullamco laboris nisi ut.")
    # One line a paragraph, as trafilatura gives them: the break and the code's lines stay.
    assert "First line of the address" in paras
    assert "Second line of the address, after a break." in paras
    assert "def f(x):" in paras and "return x" in paras


def test_lists_in_extracted_text_are_not_page_chrome() -> None:
    items = "".join(f"<li>Planter saucer number {i}, small</li>" for i in range(8))
    page = (
        "<html><head><title>How to pot a plant</title></head><body><article>"
        "<h1>How to pot a plant</h1>"
        "<p>Potting a plant takes ten minutes and a few things from the shed, and the plant "
        "will thank you for a bigger pot by growing twice as fast this summer.</p>"
        "<p>Water the plant well after potting it, then leave it in the shade for a week "
        "so that its roots can settle into the new soil before it sees the sun.</p>"
        f"<h2>Things you need</h2><ul>{items}</ul>"
        "</article></body></html>"
    )
    out = cleaner.clean(page)
    assert all(f"Planter saucer number {i}, small" in out for i in range(8))


def test_clean_is_the_text_of_clean_document_on_pages() -> None:
    """``clean`` skips the page metadata that only ``clean_document`` returns: same text."""
    from pathlib import Path

    pages = sorted(Path(__file__).parents[1].glob("golden/cases/*/input.html"))
    assert pages
    c = cleaner.Cleaner()
    for path in pages:
        data = path.read_bytes()
        assert c.clean(data) == c.clean_document(data).text, path.parent.name
    assert c.clean(PAGE) == c.clean_document(PAGE).text


@pytest.mark.parametrize(
    "head",
    [
        "<!-- a --> <!-- b -->\n<html><body>",
        "<!-- a --> <div> <!-- b --> <HEAD>",  # what one comment match spans
        "<!----><!DOCTYPE html>",
        "<!-->--> <html>",
        "<!--> <html>",  # "<!-->" opens a comment that never closes
        "<!-- a --> <div><p>x</p></div>",
        " \n<!-- unclosed <html>",
    ],
)
def test_page_start_is_the_comment_run_definition(head: str) -> None:
    import re

    from cleaner.html import _HTML_START

    definition = re.compile(
        r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S
    )
    assert bool(_HTML_START.match(head)) == bool(definition.match(head))


@pytest.mark.parametrize(
    "html",
    [
        "",
        "plain <p>text</p>\n\t\r",
        "no\u00a0break\u00adsoft",
        "\x00",
        "a\x0bb",
        "\x1f",
        "\x7f\x85",
        "x\ud800",
        "\udfff",
        "\ufffe",
        "a\uffffb",
        "\ufffd\U0010ffff",
        "\U0001fffe",
    ],
)
def test_xml_valid_is_the_absence_of_invalid_characters(html: str) -> None:
    from cleaner.html import _XML_INVALID, _xml_valid

    assert _xml_valid(html) == (_XML_INVALID.search(html) is None)


def _post(n: int) -> str:
    words = " ".join(f"harbour{n} ferry{n} storm{n} pier{n} crane{n} quay{n}".split() * 6)
    return f"Post {n} says the {words} stayed closed while the crews repaired the pier."


def test_second_opinion_takes_readability_when_trafilatura_kept_little_of_the_prose() -> None:
    """A page whose prose runs through many blocks, of which the extraction kept one:
    readability-lxml's result, holding far more of it, is taken, and the metadata says
    why. When the extraction holds most of the prose, readability is not asked."""
    import lxml.html

    from cleaner.html import _second_opinion

    posts = "".join(f"<div class='post'><p>{_post(n)}</p></div>" for n in range(12))
    page = f"<html><body><div id='main'>{posts}</div></body></html>"
    found = _second_opinion(lxml.html.document_fromstring(page), _post(0))
    assert found is not None
    text, note = found
    assert all(_post(n) in text for n in range(12))
    assert note.startswith("readability-lxml: trafilatura's result held")
    every = "\n".join(_post(n) for n in range(12))
    assert _second_opinion(lxml.html.document_fromstring(page), every) is None
    # A page with little prose in paragraphs: nothing to compare.
    short = "<html><body><p>One short paragraph of a notice page.</p></body></html>"
    assert _second_opinion(lxml.html.document_fromstring(short), "One short") is None


def test_prose_counts_a_cjk_paragraph_by_what_it_says() -> None:
    from cleaner.html import PROSE_CHARS, _prose

    chinese = "一波波接續性低溫寒流報到已將新竹尖石鄉後山一帶層層山巒披上嫣紅的彩衣" * 2
    assert len(chinese) < PROSE_CHARS <= _prose([chinese])
    assert _prose(["Too short a line to be prose."]) == 0
    assert _prose(["  spaced   " * 40]) == len(" ".join(("  spaced   " * 40).split()))


def test_unwrapping_keeps_a_text_that_stripped_inline_tags_left_in_pieces() -> None:
    """trafilatura strips ``<font>`` tags; the text around them may stay several text
    nodes of one element. Unwrapping reads and writes each text whole: none is lost."""
    page = (
        "<html><body><article><h1>Lorem</h1><div>\n"
        '      <font face="Arial"><font size="10">Lorem</font> ipsum dolor</font> sit amet, '
        "consectetur adipisicing elit, sed do eiusmod\n      tempor incididunt ut labore et "
        'dolore magna aliqua. <font face="Arial">Duis</font> aute irure dolor in\n'
        "      reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur.\n"
        "    </div></article></body></html>"
    )
    text = cleaner.clean(page)
    assert "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor" in text
    assert "magna aliqua. Duis aute irure dolor in reprehenderit in voluptate" in text
