"""Page metadata read from the markup (cleaner/html/metadata.py) and the headline it gives."""

from __future__ import annotations

import lxml.html
import pytest

import cleaner
from cleaner.html.metadata import page_metadata


def declared(head: str, body: str = "<p>Text.</p>", url: str | None = None) -> dict[str, str]:
    page = f"<html><head>{head}</head><body>{body}</body></html>"
    return page_metadata(lxml.html.document_fromstring(page), url).fields


def test_open_graph_and_meta_tags() -> None:
    fields = declared(
        "<title>Harbour closes - Daily Bugle</title>"
        '<meta property="og:title" content="Harbour closes">'
        '<meta name="author" content="By Ana Ruiz">'
        '<meta property="article:published_time" content="2023-04-05T10:00:00+02:00">'
        '<meta property="og:site_name" content="Daily Bugle">'
        '<meta name="description" content="The harbour closed.">'
        '<link rel="canonical" href="https://example.org/harbour">'
    )
    assert fields == {
        "title": "Harbour closes",
        "byline": "Ana Ruiz",
        "date": "2023-04-05",
        "url": "https://example.org/harbour",
        "sitename": "Daily Bugle",
        "description": "The harbour closed.",
    }


def test_json_ld_article_wins_and_broken_json_ld_is_ignored() -> None:
    fields = declared(
        '<script type="application/ld+json">{not json</script>'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebSite", "name": "Bugle"},'
        '{"@type": ["NewsArticle"], "headline": "Storm ends", "datePublished": "2021-1-9",'
        ' "author": [{"@type": "Person", "name": "Ana Ruiz"}, {"name": "Li Wei"}],'
        ' "publisher": {"name": "Daily Bugle"}}]}</script>'
        '<meta property="og:title" content="Storm ends | Daily Bugle">'
    )
    assert fields["title"] == "Storm ends"
    assert fields["byline"] == "Ana Ruiz; Li Wei"
    assert fields["date"] == "2021-01-09"
    assert fields["sitename"] == "Daily Bugle"


@pytest.mark.parametrize(
    ("body", "url", "date"),
    [
        ('<time datetime="2019-10-15T08:00">15 October</time>', None, "2019-10-15"),
        ('<span itemprop="datePublished" content="2018-04-05">5 April</span>', None, "2018-04-05"),
        ("<p>No date here.</p>", "https://news.example/2016/07/30/story", "2016-07-30"),
        ('<time datetime="next week">soon</time>', None, None),  # not a date: left out
    ],
)
def test_dates_from_markup_and_url(body: str, url: str | None, date: str | None) -> None:
    assert declared("", body, url).get("date") == date


def test_bylines_from_markup_are_names_not_sentences() -> None:
    assert declared("", '<p class="byline">Posted by Andrew Zonenberg —</p>')["byline"] == (
        "Andrew Zonenberg"
    )
    assert declared("", '<a rel="author" href="/u/1">Li Wei</a>')["byline"] == "Li Wei"
    # a commenter is not the article's author
    assert "byline" not in declared("", '<span class="comment-author">troll99</span>')
    long_box = '<div class="author-bio">' + "She writes about harbours. " * 10 + "</div>"
    assert "byline" not in declared("", long_box)


def test_metadata_reaches_the_result_and_the_headline_opens_the_text() -> None:
    body = (
        "<p>The harbour closed on Monday after the storm, the port authority said in a "
        "statement that also promised a reopening within the week.</p>" * 3
    )
    page = (
        '<html><head><title>Port news | Bugle</title><meta property="og:title" '
        'content="Harbour closes after storm"><meta name="author" content="Ana Ruiz">'
        "</head><body><header><a href='/'>Bugle</a></header><article>"
        f"<h2>Harbour closes after storm</h2>{body}</article></body></html>"
    )
    result = cleaner.clean_document(page)
    assert result.metadata["byline"] == "Ana Ruiz"
    assert result.metadata["title"] == "Harbour closes after storm"
    assert result.text.startswith("Harbour closes after storm\n\nThe harbour closed")


def test_fallback_leaves_the_head_out() -> None:
    page = (
        "<html><head><title>Tab label</title></head>"
        "<body><aside><p>The library opens from nine to five on weekdays, and from ten "
        "to four on Saturdays, the council said.</p></aside></body></html>"
    )
    result = cleaner.clean_document(page)
    assert "html-fallback" in result.repairs
    assert "Tab label" not in result.text
    assert result.text.startswith("The library opens from nine to five")


def test_author_markup_with_a_class_gives_its_name_and_a_time_is_no_byline() -> None:
    body = (
        '<time class="byline-date" datetime="2020-02-03">3 Feb</time>'
        '<span class="author" itemprop="author"><img alt=""><span itemprop="name">'
        "Li Wei</span> (Reuters staff)</span>"
    )
    fields = declared("", body)
    assert fields["byline"] == "Li Wei"
    assert fields["date"] == "2020-02-03"


def test_a_headshot_link_does_not_hide_the_author_named_later() -> None:
    body = (
        '<a rel="author" href="/p/1"><img src="x.jpg"></a><a rel="author" href="/p/1">Ana Ruiz</a>'
    )
    assert declared("", body)["byline"] == "Ana Ruiz"


TITLED_PAGES = [
    # every kind of title, JSON-LD first; an empty <title> is still the first <title>
    '<html><head><title></title><title>Second</title><meta property="og:title" content="OG">'
    '<meta name="TWITTER:TITLE " content=" Card  title "><meta name="title" content="">'
    '<script type="application/ld+json">{"@type": "WebPage", "name": "LD name"}</script>'
    '</head><body><meta itemprop="headline" content="Body meta"><p>Text.</p></body></html>',
    # a script that is not JSON-LD but carries a byline attribute is read as JSON-LD, last
    '<html><head><script class="author-box">{"@type": "Article", "headline": "Late"}</script>'
    '</head><body><script itemprop="datePublished">{"@type": "Article", "headline": "X"}'
    '</script><script type="application/ld+json">{"@type": "Report", "headline": "First"}'
    "</script><p>Text.</p></body></html>",
    '<html><head><script class="byline">{"@type": "Article", "headline": "Only"}</script>'
    "</head><body><p>Text.</p></body></html>",
    # an attribute that is spelt with an entity is not looked for (the markup lacks the word)
    '<html><head><script class="&#97;uthor">{"@type": "Article", "headline": "Hidden"}'
    "</script></head><body><p>Text.</p></body></html>",
    "<html><head></head><body><p>No titles at all.</p></body></html>",
]


@pytest.mark.parametrize("page", TITLED_PAGES)
def test_declared_titles_are_the_titles_of_the_full_metadata(page: str) -> None:
    from cleaner.html.metadata import declared_titles

    tree = lxml.html.document_fromstring(page)
    assert declared_titles(tree, page) == page_metadata(tree, None, page).titles
    assert declared_titles(tree) == page_metadata(tree).titles
