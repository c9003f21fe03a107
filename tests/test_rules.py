"""Rule data: the catalog, every phrase entry and shape, and each matching its example."""

from __future__ import annotations

from importlib.resources import files

import pytest
import regex

import cleaner
from cleaner.rules import (
    MAX_PHRASE_CHARS,
    PhraseMatcher,
    catalog,
    context,
    load_phrase_file,
    load_phrases,
)
from cleaner.rules.shapes import shape_phrases

ENTRIES = [*load_phrases(), *shape_phrases()]


def _cleaned_to(paragraphs: list[str], kept: list[str], rule: str) -> cleaner.CleanResult:
    """``paragraphs`` cleaned: what stays is ``kept``, and every removal is ``rule``'s."""
    out = cleaner.clean_document("\n\n".join(paragraphs))
    assert out.text.split("\n\n") == kept
    assert {r.rule for r in out.removed} == {rule}
    return out


def test_catalog_families_are_spec_families() -> None:
    assert {r.family for r in catalog().values()} <= set(cleaner.FAMILIES)
    assert all(r.explain for r in catalog().values())


def test_every_phrase_rule_has_data_and_every_data_folder_a_rule() -> None:
    folders = {p.name for p in (files("cleaner.rules") / "phrases").iterdir() if p.is_dir()}
    phrase_rules = {r.id for r in catalog().values() if r.kind == "phrase"}
    assert folders == phrase_rules
    shape_rules = {r.id for r in catalog().values() if r.kind == "shape"}
    assert {p.rule for p in shape_phrases()} == shape_rules


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.where)
def test_entry_compiles_and_matches_its_example(entry) -> None:  # type: ignore[no-untyped-def]
    matcher = PhraseMatcher([entry])
    for example in entry.examples:
        assert matcher.match(example) == entry.rule, f"{entry.where}: {example!r}"
        assert len(example) <= catalog()[entry.rule].max_chars


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.where)
def test_entry_has_no_capturing_names(entry) -> None:  # type: ignore[no-untyped-def]
    assert "(?P<" not in entry.pattern
    regex.compile(entry.pattern)


@pytest.mark.parametrize(
    "line",
    [
        "By the time firefighters arrived, the warehouse roof had collapsed.",
        "Millions of people join Telegram channels every day to follow the news.",
        "Share prices fall",
        "Arsenal 2-1 Chelsea",
        "Read more books, the librarian said, and your children will follow.",
        "The photographer, who works for AFP, said the pictures were taken at dawn.",
        "Copyright law has not kept pace with generative tools, experts say.",
        "Advertising revenue at the group fell 12% in the second quarter.",
    ],
)
def test_body_lines_match_no_rule(line: str) -> None:
    result = cleaner.clean_document(
        f"Headline of the story\n\n{line}\n\n" + "Body sentence here. " * 10
    )
    assert line in result.text, result.removed


def test_user_phrase_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "house-promo.txt"
    path.write_text("@family promotions\n@max_chars 80\nbuy our mugs.* :: Buy our mugs today!\n")
    rule, entries = load_phrase_file(path)
    assert rule.id == "house-promo" and rule.family == "promotions" and len(entries) == 1
    c = cleaner.Cleaner(cleaner.Config(phrase_files=(path,)))
    result = c.clean_document("Title here\n\nBuy our mugs today!\n\nBody text goes here.")
    assert [(r.rule, r.family) for r in result.removed] == [("house-promo", "promotions")]


def test_bad_user_phrase_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.txt"
    path.write_text("@family promotions\nno separator here\n")
    with pytest.raises(cleaner.PhraseFileError):
        cleaner.Cleaner(cleaner.Config(phrase_files=(path,)))
    path.write_text("pattern :: example\n")
    with pytest.raises(cleaner.PhraseFileError, match="@family"):
        cleaner.Cleaner(cleaner.Config(phrase_files=(path,)))
    path.write_text("@family promotions\n(unclosed :: example\n")
    with pytest.raises(cleaner.PhraseFileError):
        cleaner.Cleaner(cleaner.Config(phrase_files=(path,)))


def _adversarial(example: str) -> list[str]:
    """Lines that make a backtracking pattern explode: repeats of its own example and of
    its separators, cut off so they just fail to match."""
    limit = 500
    lines = [
        (example + " ") * (limit // (len(example) + 1)),
        (example + " | ") * (limit // (len(example) + 3)),
        (example[: max(1, len(example) // 2)] + " ") * 40,
    ]
    for chunk in ("a | ", "Home > ", "A » ", "x ", "1:00 ", "Aa / ", "a.", "Ab, ", "(a/b "):
        lines.append((chunk * (limit // len(chunk)))[:limit] + "!")
    return [line[:limit] for line in lines]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.where)
def test_entry_has_no_catastrophic_backtracking(entry) -> None:  # type: ignore[no-untyped-def]
    # A guard, not a benchmark: a linear pattern takes microseconds on these lines, an
    # exponential one minutes; the 2 s bound only tells the two apart.
    from cleaner.rules.matcher import _EDGE

    pattern = regex.compile(rf"{_EDGE}(?:{entry.pattern}){_EDGE}", regex.IGNORECASE)
    for line in _adversarial(entry.examples[0]):
        try:
            pattern.fullmatch(line, timeout=2.0)
        except TimeoutError:
            pytest.fail(f"{entry.where}: backtracks catastrophically on {line[:60]!r}...")


def test_worded_patterns_are_found_when_their_words_overlap() -> None:
    from cleaner.rules import Phrase

    a = Phrase("a", "xx", ".{0,20}news service", "via the google news service", "test")
    b = Phrase("b", "xx", ".{0,20}google news", "see google news", "test")
    prefix = Phrase("c", "xx", ".{0,20}comment.{0,20}", "many comments here", "test")
    longer = Phrase("d", "xx", ".{0,20}comments here now", "many comments here now", "test")
    matcher = PhraseMatcher([b, a, longer, prefix])
    # "google news" overlaps "news service"; "comments here now" hides "comment"
    assert matcher.match("via the google news service") == "a"
    assert matcher.match("many comments here") == "c"
    assert matcher.match("many comments here now, too") == "c"


def test_worded_scan_of_a_document_is_the_scan_of_each_line() -> None:
    # words are looked up over the joined lines; lower case that grows ("İ"), lines too
    # long for the patterns and lines holding a line break must not shift a match
    from cleaner.rules import Phrase

    news = Phrase("a", "xx", ".{0,20}google news", "see google news", "test")
    rights = Phrase("b", "xx", ".{0,30}all rights reserved", "2024 all rights reserved", "test")
    matcher = PhraseMatcher([news, rights], {"a": 40, "b": 60})
    lines = [
        "İİ see google news",
        "x" * 50 + " google news",
        "",
        "© İstanbul all rights reserved",
        "two\nlines google news",
        "nothing here",
        "ALL RIGHTS RESERVED",
    ]
    expected = [(i, rule) for i, line in enumerate(lines) if (rule := matcher.match(line))]
    assert expected == [(0, "a"), (3, "b"), (6, "b")]
    assert list(matcher.scan(lines)) == expected
    assert list(matcher.scan([line for line in lines if "\n" not in line])) == [
        (0, "a"),
        (3, "b"),
        (5, "b"),
    ]


def test_word_tries_match_exactly_their_words() -> None:
    from cleaner.rules.shapes import _alternation, agencies, date_words

    words = frozenset().union(*date_words().values(), agencies())
    trie = regex.compile(f"(?:{_alternation(words)})", regex.IGNORECASE)
    plain = regex.compile(
        "(?:" + "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) + ")",
        regex.IGNORECASE,
    )
    probes = {w for word in words for w in (word, word.upper(), word[:-1], word + "s", word[1:])}
    for probe in sorted(probes):
        assert bool(trie.fullmatch(probe)) == bool(plain.fullmatch(probe)), probe
    assert _alternation(frozenset({"jan", "january", "june", "a.m."})) == (
        r"(?:a\.m\.|j(?:an(?:uary)?|une))"
    )


def test_many_repeated_pairs_are_content_not_duplicates() -> None:
    quotes = [f"Quoted post number {i} says the ferry was late again today." for i in range(5)]
    text = "\n\n".join(["Forum thread title", *quotes, "Replies follow below here.", *quotes])
    assert cleaner.clean(text).count("Quoted post number 0") == 2
    one = "\n\n".join(["A title line", quotes[0], "Body of the story here.", quotes[0]])
    assert cleaner.clean(one).count("Quoted post number 0") == 1


def test_a_headline_shown_twice_in_two_quote_styles_is_a_duplicate() -> None:
    text = "\n\n".join(
        ['Pills "Burned Her Up From Within"', "Pills “Burned Her Up From Within”", HARBOUR]
    )
    assert cleaner.clean(text).split("\n\n") == ['Pills "Burned Her Up From Within"', HARBOUR]


def test_a_summary_made_of_the_following_paragraphs_goes() -> None:
    """A teaser box showing the lead and the next paragraph as one block, before the
    article (without the lead's wire dateline): the article's paragraphs stay, once."""
    lead = (
        "An unmanned cargo ship heading to the space station broke up over Siberia on "
        "Thursday, the space agency said."
    )
    second = "The craft broke up at an altitude of 190 kilometers. Most of it burnt up."
    summary = f"{lead} {second}"
    text = "\n\n".join(["Cargo ship lost", summary, f"MOSCOW (AP) — {lead}", second, HARBOUR])
    out = cleaner.clean_document(text)
    assert out.text.split("\n\n") == ["Cargo ship lost", f"MOSCOW (AP) — {lead}", second, HARBOUR]
    assert [r.rule for r in out.removed] == ["contained-duplicate"]
    # Sentences the article quotes again later, one of them changed: content, kept.
    changed = f"{lead} The craft broke up at an altitude of 200 kilometers. Most of it burnt up."
    text = "\n\n".join(["Cargo ship lost", changed, lead, second, HARBOUR])
    assert cleaner.clean(text).split("\n\n")[1] == changed
    # Repeated inside a later paragraph rather than from its start: a quotation, kept.
    text = "\n\n".join(["Cargo ship lost", summary, HARBOUR, f"He wrote: {summary} Then he left."])
    assert summary in cleaner.clean(text).split("\n\n")


def test_table_rows_and_long_decimals_are_not_timestamps() -> None:
    text = "A title line\n\n| | Wednesday, 12 Jul, 2006 | |\n\n4.3333333333333333\n\nBody."
    assert [r.rule for r in cleaner.clean_document(text).removed] == []


def test_comment_heading_above_the_article_does_not_cut_it() -> None:
    """A comment counter over teaser cards, with the article's longest stretch of prose
    after it (yahoo-2 in the dev set): that is not a comment section."""
    blurb = "A teaser card about the summer festival in the old town square, with music, food."
    art = (
        "The harbour reopened on Monday after the storm, and the ferry company said the "
        "first sailings were full by nine in the morning."
    )
    paras = ["Harbour reopens after the storm"]
    for k in range(4):
        paras += [blurb.replace("summer", f"season {k}") + " And stalls.", f"card {k} of the day"]
    paras += ["11 Comments", art, art.replace("Monday", "Tuesday"), art.replace("ferry", "boat")]
    out = cleaner.clean_document("\n\n".join(paras))
    assert art in out.text and "comment-section" not in {r.rule for r in out.removed}


def test_page_chrome_bounds_the_main_block_and_drops_short_prose_beyond() -> None:
    body = (
        "The council met on Tuesday evening to vote on the budget for the coming year, and "
        "the debate ran past midnight before the final vote was taken."
    )

    def tags(k: str) -> list[str]:
        return [f"filed under harbour item {k}{j}" for j in range(10)]

    paras = [
        "Skip to main content",
        *tags("a"),
        "Council passes the budget after a long night",
        body,
        body.replace("Tuesday", "Monday"),
        body.replace("council", "committee"),
        "Share on Facebook",
        *tags("b"),
        "Teaser one: a dog wins the local show.",
        "Teaser two: the bridge reopens soon.",
        *tags("c"),
    ]
    out = cleaner.clean_document("\n\n".join(paras))
    assert out.text.split("\n\n") == [
        "Council passes the budget after a long night",
        body,
        body.replace("Tuesday", "Monday"),
        body.replace("council", "committee"),
    ]
    teasers = [r for r in out.removed if r.text.startswith("Teaser")]
    assert [r.reason for r in teasers] == ["short prose outside the main block of the page"] * 2


def test_page_chrome_needs_chrome_that_rules_recognise() -> None:
    """An extractor's output of a listing page (records, a bulleted archive) is mostly
    short non-sentences too; without chrome recognised by other rules (a skip link, a
    menu, site labels) it is not a page dump and its lines stay."""
    body = (
        "The archive below lists every weekly report of the past year, with the date on "
        "which each one was published and a short note on its subject."
    )
    records = [f"- Weekly report {k}: harbour traffic and ferry times" for k in range(12)]
    paras = [*records[:6], body, body.replace("weekly", "monthly"), *records[6:]]
    out = cleaner.clean_document("\n\n".join(paras))
    assert "page-chrome" not in {r.rule for r in out.removed}
    dump = ["Skip to main content", "Share on Facebook", *paras]
    out = cleaner.clean_document("\n\n".join(dump))
    assert "page-chrome" in {r.rule for r in out.removed}


def test_slideshow_slides_go_with_their_captions_and_the_article_stays() -> None:
    """A gallery counted 1/5 .. 5/5 inside an article: each slide (counter and title,
    caption, credit) goes; the article's paragraphs around it, its numbered list and a
    dated list that does not count up stay."""
    body = (
        "Hotel owners told us the secrets of their trade, from the towels to the minibar, "
        "and what guests should check when they arrive in their room."
    )
    slides: list[str] = []
    for k in range(1, 6):
        slides += [
            f"{k}/5 Harbour scene number {k}",
            f"Boats in the harbour at dawn, picture {k} of the series.",
            "Harbour Photo Library",
        ]
    dates = ["12/22 Review of the week", "12/22 Harbour news", "12/23 Ferry times"]
    paras = [
        body,
        "1. Take the blankets off the bed",
        *slides,
        body.replace("secrets", "tricks"),
        *dates,
    ]
    out = cleaner.clean_document("\n\n".join(paras))
    kept = out.text.split("\n\n")
    assert kept == [
        body,
        "1. Take the blankets off the bed",
        body.replace("secrets", "tricks"),
        *dates,
    ]
    assert {r.rule for r in out.removed} == {"slideshow"}


def test_a_menu_inside_a_table_cell_goes_and_a_data_row_stays() -> None:
    """Extractors write a table cell's own "|" separators escaped ("\\|"): such a row is a
    menu of a table-layout page; a row of data has plain cell borders only."""
    body = (
        "The harbour reopened on Monday after the storm, and the ferry company said the "
        "first sailings were full by nine in the morning."
    )
    menu = "| Home \\| Current Listings \\| Market Trends \\| Contact | |"
    data = "| Groom | Each other | Corey, Sara |"
    out = cleaner.clean_document("\n\n".join([body, data, menu]))
    assert out.text.split("\n\n") == [body, data]
    assert [r.rule for r in out.removed] == ["menu-line"]


def test_dates_of_a_listing_stay_and_the_page_date_goes() -> None:
    """A date on every other line, five times or more, dates a listing's entries (an
    archive): content. The page's own date line still goes, into metadata."""
    body = (
        "The archive below lists every weekly report of the past year, with the date on "
        "which each one was published and a short note on its subject."
    )
    entries: list[str] = []
    for day in range(10, 16):
        entries += [f"- Weekly report on the harbour, part {day}", f"December {day}, 2006"]
    paras = ["Updated 5:32 PM ET, Wed January 12, 2022", body, *entries]
    out = cleaner.clean_document("\n\n".join(paras))
    assert out.text.split("\n\n") == [body, *entries]
    assert out.metadata["date"] == "Updated 5:32 PM ET, Wed January 12, 2022"


def test_related_heading_with_only_teasers_after_it_closes_the_article() -> None:
    """Under "Related" at the end, headlines and their blurbs (sentences too) go; a
    "Related" heading followed by long body paragraphs cuts nothing but its list."""
    body = (
        "The harbour reopened on Monday after the storm, and the ferry company said the "
        "first sailings were full by nine in the morning."
    )
    teasers = [
        "Storm closes the coast road",
        "The coast road was closed for two days after the storm.",
        "Ferry fares rise in spring",
        "Fares go up by five per cent from April, the company said.",
    ]
    paras = [body, body.replace("Monday", "Tuesday"), "Related", *teasers]
    out = cleaner.clean_document("\n\n".join(paras))
    assert out.text.split("\n\n") == paras[:2]
    later = "Later that week " + body.replace("Monday", "Friday") + " " + body
    paras = [body, "Related", teasers[0], later, body.replace("Monday", "Sunday")]
    out = cleaner.clean_document("\n\n".join(paras))
    assert out.text.split("\n\n") == [body, later, body.replace("Monday", "Sunday")]


def test_blurbs_cut_short_by_an_ellipsis_are_teasers_at_any_length() -> None:
    """Jetpack-style related posts: an excerpt of another post, cut with "…", its date
    and its category. Longer than a teaser blurb, but cut short: not the article's text.
    A long paragraph after "Related" that ends as a sentence stays."""
    body = (
        "The harbour reopened on Monday after the storm, and the ferry company said the "
        "first sailings were full by nine in the morning."
    )
    excerpt = (
        "The survey collected answers from more than twice as many readers as the year "
        "before, and the results came with a long note on who answered and who did not, "
        "which the editors said mattered more than the numbers themselves, since the "
        "readers who answer surveys are not the readers who do not, and the gap between "
        "them has grown every year since the first one was run in the old town hall…"
    )
    assert len(excerpt) > 300
    article = [body.replace("Monday", day) for day in ("Monday", "Tuesday", "Friday", "Sunday")]
    paras = [*article, "Related", excerpt, "March 17, 2016", 'In "News"']
    out = cleaner.clean_document("\n\n".join(paras))
    assert out.text.split("\n\n") == article
    whole = excerpt.removesuffix("…") + "."
    kept = cleaner.clean_document("\n\n".join([*article, "Related", whole]))
    assert whole in kept.text


def test_a_short_line_shown_twice_in_a_row_goes_on_a_page_with_many_pairs() -> None:
    """Past ``DUPLICATE_MAX_PAIRS`` the page repeats on purpose, but a chart title shown
    twice with nothing between is still a scraping accident."""
    quotes = [f"Quoted post number {i} says the ferry was late again today." for i in range(5)]
    charts = ["Interest payments on the national debt"] * 2
    text = "\n\n".join(["Forum thread title", *quotes, *charts, "Replies follow.", *quotes])
    out = cleaner.clean(text)
    assert out.count("Quoted post number 0") == 2
    assert out.count("Interest payments on the national debt") == 1


def test_hatnotes_go_and_do_not_split_the_article() -> None:
    """Wiki hatnotes ("Main article: ...") go as navigation; around an infobox's short
    lines they are not chrome that splits the page into blocks."""
    body = (
        "The islands were settled by Polynesians between 1250 and 1300, and developed a "
        "distinctive culture over the following centuries."
    )
    infobox = [f"Field {k} value {k}" for k in range(12)]
    paras = ["Skip to main content", "Share on Facebook", *infobox]
    for k in range(3):
        paras += [f"Section {k}", f"Main article: History of section {k}"]
        paras += [body.replace("islands", f"islands {k}"), f"Its capital is town {k}.", *infobox]
    out = cleaner.clean_document("\n\n".join(paras))
    kept = out.text.split("\n\n")
    assert [f"Its capital is town {k}." in kept for k in range(3)] == [True] * 3
    hatnotes = [r for r in out.removed if r.rule == "hatnote"]
    assert [r.text for r in hatnotes] == [f"Main article: History of section {k}" for k in range(3)]


def test_comments_under_anonymous_commenters_go_without_a_heading() -> None:
    """Comments shown with no heading, each under the name the widget gives a commenter
    who left none: the first such name opens the section. Once is not enough (a quote
    signed "Anonymous" closes many an article)."""
    body = (
        "The harbour reopened on Monday after the storm, and the ferry company said the "
        "first sailings were full by nine in the morning."
    )
    article = [body.replace("Monday", day) for day in ("Monday", "Tuesday", "Friday", "Sunday")]
    comments = ["Anonymous", "Great piece, thanks.", "Anonymous", "I was on that ferry."]
    out = cleaner.clean_document("\n\n".join([*article, *comments]))
    assert out.text.split("\n\n") == article
    assert {r.rule for r in out.removed} == {"comment-section"}
    signed = [*article, "“The sea gives and the sea takes.”", "Anonymous", "The port reopens."]
    assert cleaner.clean("\n\n".join(signed)).split("\n\n") == signed


def test_tag_lines_go_and_a_sentence_about_topics_stays() -> None:
    body = "Topics like mapping and security are concepts every journalist should know."
    text = "\n\n".join(["Topics: uber, libertarians, sharing economy", body, "Tags: a, b"])
    out = cleaner.clean_document(text)
    assert out.text == body
    assert [r.rule for r in out.removed] == ["tag-list", "tag-list"]


def test_table_rows_of_chrome_cells_go_and_data_rows_stay() -> None:
    """Layout tables flattened by an extractor: a row whose cells are a footer's links
    and its copyright, a breadcrumb with its label, or site sections goes; a data row,
    a header row and a row with a date stay (a cell is judged as a line is, but only
    phrases and the menu shapes count: a date in a table is its data)."""
    body = "The council met on Tuesday evening to vote on the budget for the coming year."
    chrome = [
        "| User Agreement \\| Ethics Policy \\| Privacy Policy "
        "| ©2006 About, Inc. All rights reserved. |",
        "| You are here: | About>Sports>Bicycling |",
        "| Archives | Calendar | Subscribe | Write for LWN | LWN.net FAQ | Sponsors |",
    ]
    data = [
        "| City | Population | Area |",
        "| Auckland | 1,628,900 | 1,086 km² |",
        "| | Wednesday, 12 Jul, 2006 | |",
        "| Home | Away | Score |",
    ]
    out = cleaner.clean_document("\n\n".join([body, *chrome, *data]))
    assert out.text.split("\n\n") == [body, *data]
    assert [r.text for r in out.removed] == chrome
    assert out.removed[-1].reason == "table row of chrome cells (site-label, site-label)"


def test_excerpts_cut_at_the_same_length_go_and_referenced_paragraphs_stay() -> None:
    """A stream of teasers, each cut by the site mid-sentence at about 300 characters,
    goes; paragraphs that end in reference marks ("[12]", "[citation needed]") and a
    bulleted list that does not end its items with full stops are the article's."""
    body = (
        "The harbour reopened on Monday after the storm, and the ferry company said the "
        "first sailings were full by nine in the morning."
    )
    words = "the council said the new rules would apply from spring and that operators " * 6
    excerpts = [f"Story {k}: " + words[k : k + 290].strip() for k in range(3)]
    assert all(not e.endswith(".") for e in excerpts)
    refs = [body.removesuffix(".") + f" as reported.[{k}][{k + 1}]" for k in range(3)]
    items = [f"- Item {k} of a list the writer made, " + words[:130].strip() for k in range(3)]
    paras = [body, *refs, *items, *excerpts]
    out = cleaner.clean_document("\n\n".join(paras))
    assert out.text.split("\n\n") == [body, *refs, *items]
    assert {r.rule for r in out.removed} == {"related-list"}


def test_a_chinese_comment_list_is_cut_after_a_chinese_article() -> None:
    """Chinese paragraphs are short in characters; under a comment heading
    ("留言列表 (42)") the comments still go once the article is long enough."""
    article = [
        f"第{k}天我們沿著溪谷走到部落，山上的楓葉已經紅了一半，營地主人準備了熱湯和烤肉。"
        for k in range(1, 6)
    ]
    comments = ["留言列表 (42)", "照片真的好美！", "期待下次的分享", "這個地方記下來了"]
    out = cleaner.clean_document("\n\n".join([*article, *comments]))
    assert out.text.split("\n\n") == article


def test_a_menu_flattened_into_a_long_title_case_line_goes() -> None:
    """Twenty and more title-case links on one line, no sentence and hardly a comma: a
    menu. A long title-case headline (fewer words), a list of names (commas after each)
    and a shouting job advert stay."""
    menu = (
        "Training Where to Ride Racing Beginning Cycling Weight Loss Famous Cyclists Womens "
        "Cycling Equipment Maintenance Bike Reviews Road Bikes Mountain Bikes Touring"
    )
    headline = (
        "Stack Overflow Jobs Data Shows ReactJS Skills in High Demand, WordPress Market "
        "Oversaturated with Developers – WordPress Tavern"
    )
    names = ", ".join(f"Player Number{k} Smith" for k in range(10))
    advert = (
        "Administrative Support Job type: Full time SEVERAL FULL AND PART-TIME OPPORTUNITIES "
        "FOR THE FOLLOWING POSITIONS Office Clerk Data Entry Receptionist Mail Room Typist"
    )
    body = "The council met on Tuesday evening to vote on the budget for the coming year."
    out = cleaner.clean_document("\n\n".join([headline, body, names, advert, menu]))
    assert out.text.split("\n\n") == [headline, body, names, advert]
    assert [r.rule for r in out.removed] == ["title-case-run"]
    stop = menu.replace("Racing", "Racing Inc. Home") + " Kids Bikes Helmets Clothing"
    assert stop.count(". ") == 1  # one full stop in 25 words or more is no prose
    assert cleaner.clean("\n\n".join([body, stop])) == body


def test_a_flattened_menu_longer_than_any_phrase_goes_as_a_line_and_as_a_cell() -> None:
    """Shapes with a gate judge lines up to the gate's limit, past the 500 characters a
    phrase may have: a site's whole link list on one line (or in one cell of a layout
    table) goes; a long paragraph of prose beside it stays."""
    links = (
        "Our Team Market Trends Hot Spots Resale Homes New Homes Condos Townhouses High Rise "
        "Luxury Condos Golf Homes Retirement Luxury Homes Home Loans Rental Homes Seller Tips "
    )
    menu = (links * 4).strip()
    assert len(menu) > MAX_PHRASE_CHARS
    body = (
        "The council met on Tuesday evening to vote on the budget for the coming year, and "
        "members said they expected the new school to open before the end of the decade. "
    ) * 4
    body = body.strip()
    assert len(body) > MAX_PHRASE_CHARS
    out = cleaner.clean_document("\n\n".join([body, menu, f"| {menu} | | |"]))
    assert out.text == body
    assert [r.rule for r in out.removed] == ["title-case-run", "title-case-run"]


def test_page_numbers_go_and_rows_of_numbers_that_do_not_count_up_stay() -> None:
    """A pager counts up one by one (a gap only at an ellipsis) or says "Page 1 of 5";
    scores, a lottery draw and a per-page selector do not count up that way."""
    body = "The council met on Tuesday evening to vote on the budget for the coming year."
    pagers = [
        "1 2 3 4 5 6 7 8 9 10 Next",
        "« Prev 1 2 3 … 10 Next »",
        "Page 1 of 5",
        "Seite 2 von 3",
        "上一页 1 2 3 下一页",
    ]
    numbers = ["2 6 7 2 3", "15 15 15", "4 12 19 23 38 45", "10 20 30 40 50 All", "Page 3 of 2"]
    out = cleaner.clean_document("\n\n".join([body, *numbers, *pagers]))
    assert out.text.split("\n\n") == [body, *numbers]
    assert {r.rule for r in out.removed} == {"pagination"}


def test_links_to_the_previous_and_next_post_go_and_a_sentence_about_them_stays() -> None:
    body = "The council met on Tuesday evening to vote on the budget for the coming year."
    sentence = "Next: the council will vote on the school budget, members said on Monday."
    links = [
        "Previous Post: Google Launches Invisible reCAPTCHA",
        "Next article These Weeks in Firefox: Issue 86 January 19, 2021",
        "Newer Post Older Post Home",
        "« Guardian Googlers Incompetent | Main | Het spijt me »",
        "Nächster Beitrag: Bahn streicht Verbindungen",
        "上一篇： 愛上喜翁露營_歡慶聖誕夜市趴",
    ]
    out = cleaner.clean_document("\n\n".join([body, sentence, *links]))
    assert out.text.split("\n\n") == [body, sentence]
    assert {r.rule for r in out.removed} == {"post-navigation"}


def test_a_see_also_list_ends_where_the_references_begin() -> None:
    """A wiki's "See also" links go; its footnotes and bibliography after them are the
    article's references and stay, and a "Further reading" list of books is no teaser
    tail."""
    body = [
        "New Zealand is an island country in the south-western Pacific Ocean, made of two "
        "main landmasses and around 600 smaller islands, with a population of five million.",
        "The country's varied topography and sharp mountain peaks owe much to tectonic "
        "uplift and volcanic eruptions over millions of years, geologists say.",
    ]
    see_also = ["See also", "- Outline of New Zealand", "- Index of New Zealand-related articles"]
    notes = [
        "Footnotes",
        '- ^ "God Save the Queen" is officially a national anthem but is rarely used',
        "- ^ English is a de facto official language due to its widespread use.[2]",
    ]
    books = [
        "Further reading",
        "- Bateman, David, ed. (2005). Bateman New Zealand Encyclopedia. ISBN 1-86953-601-0",
        "- Sinclair, Keith (2000). A History of New Zealand. ISBN 978-0-14-029875-8",
    ]
    out = cleaner.clean_document("\n\n".join([*body, *see_also, *notes, *books]))
    assert out.text.split("\n\n") == [*body, *notes, *books[1:]]


def test_a_run_of_teaser_headlines_ending_the_text_goes_and_a_poem_stays() -> None:
    """Five or more headline lines (several words, no sentence or clause end) that end
    the text are teasers; a poem's lines end with commas now and then, a list is
    bulleted, and a page that is nothing but headlines is left as it is."""
    body = [
        "The council met on Tuesday evening to vote on the budget for the coming year, and "
        "members said they expected the new school to open before the end of the decade.",
        "Residents who spoke at the meeting asked for more money for roads and for the "
        "library, which has shortened its opening hours twice since the spring.",
        "The mayor said the vote would be held next month after a public hearing, and that "
        "the plans would be on show in the town hall until then for anyone to see.",
    ]
    teasers = [
        "The best places to eat in Scotland, from fine dining to cheap eats",
        "Leukaemia patient Jessica is off on a magical trip to meet Santa in Lapland",
        "Bid for a walk on part in the TV series and make money for charity",
        "Like mistletoe and family arguments, it's just not Xmas without a decent pud",
        "Dozens flock to modelling auditions, but the admin fee left many disappointed",
    ]
    _cleaned_to([*body, *teasers], body, "related-list")
    poem = [
        "And when the evening comes across the water and the hills,",
        "I think of all the roads we walked together in the rain",
        "the long grey roads that wound between the fields of barley,",
        "the little bridge, the chapel and the mill beside the stream",
        "and all the years that since have gone like leaves upon the wind",
    ]
    listed = [f"- {t}" for t in teasers]
    for kept in (poem, listed, teasers[:4]):
        assert cleaner.clean("\n\n".join([*body, *kept])).split("\n\n") == [*body, *kept]
    assert cleaner.clean("\n\n".join(teasers)).split("\n\n") == teasers


def test_a_widget_box_in_one_table_cell_goes_by_its_heading() -> None:
    """A layout table's cell that opens with a related-content heading and a colon, then
    runs its headlines together, is a widget box; a data table's cell with a colon stays."""
    body = "The council met on Tuesday evening to vote on the budget for the coming year."
    box = (
        "| | Most recent posts on the Camelot board: So I just started Season 3 - posted by "
        "Espiritu - last activity 12/26 03:32pm Happy Kwanzaa Day! - posted by Bonk - last "
        "activity 12/26 03:30pm Badgers and Pumas???? - posted by DanBoone - last activity "
        "12/26 03:27pm | |"
    )
    data = "| Note: figures for 2006 are provisional | 1,204 | 3.4 |"
    out = cleaner.clean_document("\n\n".join([body, data, box]))
    assert out.text.split("\n\n") == [body, data]
    assert [r.rule for r in out.removed] == ["related-link"]


def test_a_forum_posters_profile_fields_go_and_the_posts_stay() -> None:
    """Each post of a forum thread carries its poster's fields (joined, post count); they
    go, the posts stay, and a sentence that starts like a field stays."""
    posts = [
        "How many distributed computing projects are people running at the moment?",
        "I run two of them on the old desktop in the garage, and it hardly costs anything.",
        "Registered 4,000 new members last year, the club said in its report",
    ]
    fields = [
        "Registered: November 01, 2001",
        "Posts: 4071",
        "Join Date: Jan 2005",
        "Beiträge: 1.204",
    ]
    paras = [fields[0], fields[1], posts[0], fields[2], fields[3], posts[1], posts[2]]
    out = cleaner.clean_document("\n\n".join(paras))
    assert out.text.split("\n\n") == posts
    assert {r.rule for r in out.removed} == {"forum-profile"}


def test_an_excerpt_that_happens_to_end_a_sentence_goes_with_its_run() -> None:
    """In a stream of excerpts cut at one length, one whose cut fell on a full stop goes
    with the run when the run goes on after it, or when it ends the text; a paragraph
    after a run that the article goes on from stays."""
    body = (
        "The harbour reopened on Monday after the storm, and the ferry company said the "
        "first sailings were full by nine in the morning."
    )
    words = "the council said the new rules would apply from spring and that operators " * 6
    excerpts = [f"Story {k}: " + words[k : k + 290].strip() for k in range(4)]
    whole = "Teaser: " + words[:280].strip() + " soon."
    assert all(not e.endswith(".") for e in excerpts) and whole.endswith(".")
    last = whole.replace("Teaser", "Another")
    stream = [body, excerpts[0], excerpts[1], whole, excerpts[2], excerpts[3], last]
    assert cleaner.clean("\n\n".join(stream)) == body
    after = [body, *excerpts[:3], whole, body.replace("Monday", "Tuesday")]
    assert cleaner.clean("\n\n".join(after)).split("\n\n") == [body, whole, after[-1]]


def test_captions_between_a_gallerys_previous_and_next_buttons_go() -> None:
    """A gallery shown slide by slide: three or more captions, each between the
    gallery's Previous and Next buttons; a paragraph after a single Next stays."""
    body = "The council met on Tuesday evening to vote on the budget for the coming year."
    captions = [f"Harbour at dawn, picture {k} of the series by the photo club" for k in range(3)]
    paras = [body]
    for caption in captions:
        paras += ["- Previous", "- Next", caption]
    paras += ["Related Videos", body.replace("Tuesday", "Friday")]
    out = cleaner.clean_document("\n\n".join(paras))
    assert out.text.split("\n\n") == [body, paras[-1]]
    assert [r.rule for r in out.removed if r.text in captions] == ["slideshow"] * 3
    single = [body, "Next", body.replace("Tuesday", "Monday")]
    assert cleaner.clean("\n\n".join(single)).split("\n\n") == [single[0], single[2]]


def test_a_headline_cut_short_between_body_paragraphs_goes() -> None:
    """A link's headline cut with "..." between two body paragraphs is a teaser; a
    sentence the writer trails off in lower case, and a comment header carrying a time,
    are not this rule's to remove."""
    body = (
        "The harbour reopened on Monday after the storm, and the ferry company said the "
        "first sailings were full by nine in the morning."
    )
    later = body.replace("Monday", "Tuesday")
    teaser = "Friday's Best Deals: Children's Books, Circular Lamp, Memory Foam..."
    out = cleaner.clean_document("\n\n".join([body, teaser, later]))
    assert out.text.split("\n\n") == [body, later]
    assert [(r.rule, r.text) for r in out.removed] == [("related-list", teaser)]
    trailing = "And then the ferry was gone, and the harbour was quiet again..."
    header = "At 4/20/2005 08:13:14 AM, Vox Populi said..."
    for line in (trailing, header):
        out = cleaner.clean_document("\n\n".join([body, line, later]))
        assert all(r.rule != "related-list" for r in out.removed), line


def test_a_numbered_subheading_after_a_read_more_link_stays() -> None:
    """``5. …`` after a "Read more" link continues the article's numbered list when
    ``4. …`` stands above it: no related list begins there."""
    steps = [
        "4. Hotel rooms are priced by what they cost to build",
        "The old rule is one dollar a night for every thousand dollars a room cost to build, "
        "the consultant said, and most hotels still follow it.",
        "Read more",
        "5. Beware the wall-mounted hairdryer",
        "It carries more germs than anything else in the room, the study found, more than "
        "the remote control and more than the light switches.",
    ]
    out = cleaner.clean_document("\n\n".join(steps))
    assert out.text.split("\n\n") == [*steps[:2], *steps[3:]]
    assert [r.rule for r in out.removed] == ["related-link"]


def test_a_language_menu_goes_and_a_sentence_listing_languages_stays() -> None:
    """Five or more language names and little else, on one line: a site's language
    menu. A sentence naming the languages of an app ends as a sentence and stays."""
    body = (
        "The harbour reopened on Monday after the storm, and the ferry company said the "
        "first sailings were full by nine in the morning."
    )
    menu = (
        "Other languages: Asturianu Български Català Čeština Deutsch English (British) "
        "Español (de España) Français Italiano 日本語 Nederlands Русский 中文 (简体)"
    )
    sentence = (
        "The app is available in English, Deutsch, Français, Español, Italiano, "
        "Nederlands, Polski and Русский."
    )
    out = cleaner.clean_document("\n\n".join([body, sentence, menu]))
    assert out.text.split("\n\n") == [body, sentence]
    assert [r.rule for r in out.removed] == ["language-menu"]


HARBOUR = (
    "The harbour reopened on Monday after the storm, and the ferry company said the "
    "first sailings were full by nine in the morning."
)


def _only_cruft_goes(cruft: dict[str, str], kept: list[str]) -> None:
    """A body paragraph, each cruft line (the rule that must remove it beside it), then
    the lines that must stay: the text keeps the body and those lines, in order."""
    out = cleaner.clean_document("\n\n".join([HARBOUR, *cruft, *kept]))
    assert out.text.split("\n\n") == [HARBOUR, *kept]
    assert [r.rule for r in out.removed] == list(cruft.values())


def test_a_list_of_people_who_liked_the_page_goes_and_sentences_ending_so_stay() -> None:
    """Names and counts, then "like this" or "left kudos on this work": a reaction
    widget, however long the list. A sentence with that ending whose items are not
    names, or too few names to tell, stays."""
    users = ", ".join(f"reader_{n}" for n in range(3000))
    widgets = [
        "Anna Berg, Tom Kay and 12 others like this.",
        f"{users}, and 2911 more users Aquamarine_Ocean, Sky_King and Katyuam as well as "
        "3381 guests left kudos on this work! (collapse)",
        "Dir, Anna Berg und 3 anderen gefällt das.",
        "Вам, Анне и ещё 3 нравится это.",
    ]
    _only_cruft_goes(
        dict.fromkeys(widgets, "reaction-list"),
        [
            "Some people, like my mother, like this.",
            "Boston, Chicago and Denver like this.",
            "In 2020, 40 percent of voters, and most of them, like this.",
        ],
    )


def test_a_blog_archive_line_goes_and_years_in_a_sentence_or_table_stay() -> None:
    """Three or more months or years with their post counts in brackets: a blog's archive
    widget flattened into one line. Years with bracketed figures in a sentence, or in a
    table row, are content."""
    archives = [
        "文章精選 2016 十月 (1) 2016 八月 (1) 2016 七月 (2) 2016 五月 (1)",
        "Archives: November 2016 (3) October 2016 (5) September 2016 (2)",
        "► 2015 (8) ► 2014 (8) ► 2013 (16)",
    ]
    _only_cruft_goes(
        dict.fromkeys(archives, "archive-list"),
        [
            "Sales rose in 2014 (12%), 2015 (15%) and 2016 (18%).",
            "| 2014 (12) | 2015 (15) | 2016 (18) |",
        ],
    )


def test_an_a_to_z_index_a_footer_menu_after_the_copyright_and_a_follow_heading_go() -> None:
    """Site chrome of a French news page, each shape in general form; a list item "(c)"
    of a legal text, a credit glued to prose and letters in a sentence stay."""
    chrome = {
        "Index actualité : A B C D E F G H I J K L M N O P Q R S T U V W X Y Z": "alphabet-index",
        "А Б В Г Д Е Ж З И К Л М Н О П Р С Т У Ф Х Ц Ч Ш Щ Э Ю Я": "alphabet-index",
        "© Le Monde.fr | Fréquentation certifiée par l'OJD | CGV | Mentions légales | "
        "Qui sommes-nous ? | Charte groupe | Publicité | Index | Aide (FAQ): web - abo": (
            "copyright"
        ),
        "Suivez-nous": "social-follow",
        "Follow us:": "social-follow",
    }
    _only_cruft_goes(
        chrome,
        [
            "(c) the Secretary shall submit a report to the committee within 90 days of "
            "the date of enactment.",
            "I saw a b c d e f g h i j k l m n o p written on the wall of the station.",
            "© Provided by Business Insider Nintendo and Apple shocked the world earlier "
            "this year by announcing the game, the company's first foray into mobile "
            "gaming, and the shares rose by a tenth | analysts said | on the news.",
        ],
    )


def test_a_blog_posts_footer_goes_and_a_sentence_about_a_posting_stays() -> None:
    """Who and when, then the post's own links (Permalink, Comments (N), TrackBack (N)):
    a blog engine's footer under each post, in several languages."""
    footers = [
        "Posted by jamie k at 10:58 AM | Permalink | Comments (1) | TrackBack (0)",
        "Posted by Mark Kretschmann in markey at 05:46 | Comments (0) | Trackbacks (0)",
        "Rédigé à 10:58 dans Politique | Lien permanent | Commentaires (0) | TrackBack (0)",
        "Geschrieben von Anna um 10:58 | Permalink | Kommentare (1) | TrackBack (0)",
    ]
    _only_cruft_goes(
        dict.fromkeys(footers, "byline"),
        [
            "He was posted at the embassy in Rome for three years before the war.",
            "Posted on the door at 9 a.m., the notice listed the new opening hours.",
        ],
    )


def test_a_sign_up_boxs_confirmation_notice_goes_and_news_of_an_email_stays() -> None:
    """The notice a newsletter box shows after sign-up ("You'll receive an email ... to
    confirm your subscription"), in several languages. A sentence about some other
    e-mail to confirm something stays."""
    notices = [
        "You'll receive an email from news@example.org to confirm your subscription. If "
        "you don't see it, check your spam filter.",
        "If you haven't previously confirmed a subscription to a newsletter you may have "
        "to do so. Please check your inbox or your spam filter for an e-mail from us.",
        "Vous allez recevoir un e-mail de confirmation.",
        "Sie erhalten in Kürze eine E-Mail zur Bestätigung Ihrer Anmeldung.",
    ]
    _only_cruft_goes(
        dict.fromkeys(notices, "newsletter-signup"),
        [
            "Applicants will receive an email from the court to confirm the date of their "
            "hearing, the clerk said.",
        ],
    )


def test_share_bars_site_notices_and_datelines_of_news_templates_go() -> None:
    """Template lines found on the dev pages, each in the general form its rule takes:
    Blogger's share bar, a newsletter's promise, a site's own service notice, a byline
    with a handle and a date, a Chinese dateline of fields. Sentences with the same
    words stay."""
    _only_cruft_goes(
        {
            "Email This BlogThis! Share to Twitter Share to Facebook Share to Pinterest": (
                "site-label"
            ),
            "Your guide to gaming delivered to your inbox daily.": "newsletter-signup",
            "Thanks! Please check your inbox to confirm your subscription.": "newsletter-signup",
            "Kinja is in read-only mode. We are working to restore service.": "browser-notice",
            "by Ahiza Garcia @ahiza_garcia February 1, 2016: 12:41 PM ET": "byline",
            "发稿时间： 2017-03-10 08:42:00 来源： 人民日报海外版 中国青年网": "byline",
        },
        [
            "The parcels were delivered to your inbox's physical twin, the mailbox, by noon.",
            "The archive is in read-only mode while the museum moves its servers, staff said.",
        ],
    )


def test_a_line_of_meta_fields_goes_and_a_headline_with_a_date_stays() -> None:
    """Fields joined by bars or dots, each judged as a line: a date or a byline, the rest
    recognised chrome or one short name. A headline, a figure or a clause beside a date
    is not a field of chrome, and the line stays."""
    _only_cruft_goes(
        dict.fromkeys(
            [
                "Tuesday December 26, 2006 | permalink | comments (0)",
                "Oct 18, 2019 · 8 min read",
                "Rarst · March 10, 2017 at 1:26 AM",
                "Le Monde | 04.05.2015 à 13h36 • Mis à jour le 05.05.2015 à 20h13 | Par "
                "Martin Untersinger (avec Damien Leloup et Morgane Tual)",
            ],
            "meta-bar",
        ),
        [
            "Breaking: Fire in Rome · 10 March 2017",
            "Sales fell 3% | March 2017 | Reuters",
            "The vote | March 10, 2017 | a turning point for the party and its leader",
        ],
    )
    bar = "Le Monde | 04.05.2015 à 13h36 • Mis à jour le 05.05.2015 à 20h13 | Par Jean Roy"
    found = cleaner.clean_document(f"{HARBOUR}\n\n{bar}").metadata
    assert (found["date"], found["byline"]) == ("04.05.2015 à 13h36", "Jean Roy")
    kept = cleaner.Cleaner(cleaner.Config(disable=("meta-bar",))).clean("Oct 18, 2019 · 8 min read")
    assert kept == "Oct 18, 2019 · 8 min read"


def test_long_footers_go_up_to_their_rules_limit_and_a_news_sentence_stays() -> None:
    """A consent banner or a market-data footer runs past 500 characters; their rules
    declare a longer limit. A body sentence that opens like the footer stays."""
    body = (
        "The harbour reopened on Monday after the storm, and the ferry company said the "
        "first sailings were full by nine in the morning."
    )
    banner = (
        "We use cookies and similar technologies to improve your browsing experience, "
        "personalize content and offers, show targeted ads, analyze traffic, and better "
        "understand you. We may share your information with third-party partners for "
        "marketing purposes. To learn more and make choices about data use, visit our "
        "Advertising Policy and Privacy Policy. By clicking Accept and Continue below, you "
        "consent to these activities unless and until you withdraw your consent using our "
        "rights request form, and you consent to allow your data to be transferred, "
        "processed, and stored in the United States."
    )
    market = (
        "Most stock quote data provided by BATS. Market indices are shown in real time, "
        "except for the DJIA, which is delayed by two minutes. All times are ET. "
        + "Factset: FactSet Research Systems Inc. 2016. All rights reserved. "
        * 6
    )
    news = "Market data provided by FactSet show stocks fell three per cent on Monday."
    assert len(banner) > 500 and len(market) > 500
    out = cleaner.clean_document("\n\n".join([body, news, banner, market]))
    assert out.text.split("\n\n") == [body, news]
    assert [r.rule for r in out.removed] == ["cookie-banner", "syndication"]


def test_a_browser_notice_goes_and_news_about_javascript_stays() -> None:
    """ "Please enable JavaScript ...", "JavaScript is disabled in your browser." are
    notices to the reader; a sentence that reports on JavaScript goes on past the clause
    and stays."""
    body = (
        "The harbour reopened on Monday after the storm, and the ferry company said the "
        "first sailings were full by nine in the morning."
    )
    notices = [
        "Please enable JavaScript to view the comments powered by Disqus.",
        "JavaScript is disabled in your browser.",
        "Bitte aktivieren Sie JavaScript.",
    ]
    news = "JavaScript is disabled by default in the new privacy mode, Mozilla said."
    out = cleaner.clean_document("\n\n".join([body, *notices, news]))
    assert out.text.split("\n\n") == [body, news]
    assert {r.rule for r in out.removed} == {"browser-notice"}


def test_paywall_app_and_republication_lines_in_es_fr_ru_go_and_body_sentences_stay() -> None:
    """Imperative asks and labels go; a sentence that merely starts with the verb (an
    infinitive subject, a past tense about a journal article) stays."""
    _only_cruft_goes(
        {
            "Il vous reste 78% de cet article à lire.": "support-ask",
            "¿Ya eres suscriptor? Inicia sesión": "support-ask",
            "Оформите подписку, чтобы продолжить чтение": "support-ask",
            "Descarga nuestra app": "app-download",
            "Скачайте наше приложение": "app-download",
            "Este artículo fue publicado originalmente en The Conversation.": "syndication",
            "Статья впервые опубликована на The Conversation.": "syndication",
            "Tamaño del texto": "text-size",
        },
        [
            "Soutenir le journalisme indépendant est essentiel, a dit la ministre.",
            "Статья была опубликована в журнале Nature в 2020 году и вызвала споры.",
            "Descarga la aplicación y revisa los horarios antes de salir, recomienda la empresa.",
        ],
    )


def test_comment_headers_feed_signups_and_reprint_offers_go_and_reported_speech_stays() -> None:
    """One comment's header (a name, a verb of saying, a date and a clock time: Blogger,
    WordPress), a feed sign-up and a reprint offer go. Reported speech with a time in it
    stays: a sentence runs on after the time, or says more than a date before it."""
    _only_cruft_goes(
        {
            "At 4/20/2005 11:11:37 PM, Anonymous said...": "comment-form",
            "Jane Doe says: March 3, 2021 at 4:12 pm": "comment-form",
            "Max Müller sagt: 3. März 2021 um 16:12 Uhr": "comment-form",
            "Jean Dupont dit : 3 mars 2021 à 16 h 12 min": "comment-form",
            "Иван Петров говорит: 3 марта 2021 в 16:12": "comment-form",
            "Get BusinessWeek directly on your desktop with our RSS feeds.": "newsletter-signup",
            "Abonnez-vous à notre flux RSS": "newsletter-signup",
            "Click to buy an e-print or reprint of a BusinessWeek story or video.": "syndication",
        },
        [
            "The minister said on Tuesday at 10:30 the talks would resume.",
            "Police said: the blast happened on 3 May at 4:12 pm",
            "Subscribers to the RSS feed of the council saw the notice a day early.",
        ],
    )


def test_a_title_said_over_in_one_line_goes_and_sentences_said_twice_stay() -> None:
    """A teaser card flattened into one line says its title two to four times (the last
    copy perhaps cut short). Two words said twice, a table header shown twice (it ends
    with a full stop) and a sentence repeated stay."""
    _only_cruft_goes(
        {
            "How to Defeat the Urge to Binge Shop How to Defeat the Urge to Binge Shop "
            "How to Defeat the Urge to Binge Shop": "repeated-title",
            "How to Avoid Impulse Purchases in the Internet Shopping Age How to Avoid "
            "Impulse Purchases in the Internet Shopping Age How to Avoid Impulse Pur": (
                "repeated-title"
            ),
            "Sponsored Links by Sponsored Links by": "repeated-title",
        },
        [
            "New York New York",
            "Rank Name Region Pop. Rank Name Region Pop.",
            "We will not give up. We will not give up.",
        ],
    )


_ZH_BODY = [
    "杭州市第一座二十四小时无人值守的社区图书馆于本周三正式对市民开放。图书馆位于拱墅区运河边，"
    "面积约三百平方米，藏书两万余册，读者只需刷身份证即可进入。",
    "图书馆负责人表示，开放第一周已有超过三千人次入馆，最受欢迎的是历史和旅行类图书。",
    "下一步怎么走",
    "据介绍，市图书馆计划在今年年底前再建设十座类似的社区图书馆。",
]


def test_a_chinese_related_heading_mid_article_cuts_no_body_and_a_headline_is_no_menu_item() -> (
    None
):
    """Chinese paragraphs are short: 60 characters say what 180 letters say. Under a
    '相关阅读' heading in the middle of the article, paragraphs ending with '。' are the
    article going on, not teaser blurbs; and a headline of fifteen characters beside a
    menu of two-character sections is not a menu item."""
    menu = ["首页", "新闻", "财经", "体育"]
    text = "\n\n".join(
        [*menu, "杭州首座无人值守社区图书馆开放", _ZH_BODY[0], "相关阅读", *_ZH_BODY[1:]]
    )
    out = cleaner.clean_document(text)
    assert out.text.split("\n\n") == ["杭州首座无人值守社区图书馆开放", *_ZH_BODY]
    assert [r.rule for r in out.removed] == ["menu-run"] * len(menu) + ["related-link"]


def test_chinese_and_japanese_date_lines_go_and_sentences_with_dates_stay() -> None:
    """A date written with 年月日, a clock with 時/时 and 分, a weekday in full-width
    brackets and a label glued to the time ("配信") make a timestamp line; a sentence that
    holds a date stays."""
    _only_cruft_goes(
        {
            "2022年1月12日（水）20時17分配信": "timestamp",
            "1/12(水) 20:17配信": "timestamp",
            "发布时间：2022年01月12日 20:17": "timestamp",
            "2022年1月12日 星期三": "timestamp",
        },
        [
            "市は1月12日に新しい図書館を開いた。",
            "2022年1月12日，市图书馆正式开放，市民可以免费借阅。",
        ],
    )


def test_excerpts_ending_in_the_wordpress_more_marker_go_in_a_run_and_a_lone_one_stays() -> None:
    """Two or more excerpts in a row that end with "[…]" after a word (WordPress's more
    marker; an excerpt of the run's length between them goes too) are a teaser stream.
    A lone paragraph that ends so, a quotation that leaves out its end, stays."""
    excerpts = [
        "The good folks at the community choir are still doing their thing, and now they "
        "have invited two famous guests to play along at the festival this spring, in a "
        "hall that […]",
        "The latest podcast from the network is about dynasties, wherein the host delves "
        "into the scandals and backroom deals of the great families, all clinging tight "
        "to that power.",
        "Want to build your own website? Even for a modest personal site, it was once "
        "assumed you might wait for days while a designer hammered through arcane code [...]",
    ]
    lone = (
        "The report's authors wrote that the council had been warned about the bridge "
        "several times, and that the warnings had gone unanswered for years because […]"
    )
    _only_cruft_goes(
        dict.fromkeys(excerpts, "related-list"),
        ["The bridge reopened on Monday after repairs that took six weeks.", lone],
    )


def test_a_date_then_by_and_a_name_goes_and_sentences_with_by_stay() -> None:
    """A post's date and author in one line go ("January 5, 2020 by John Smith", "von" a
    handle); the date part must be a date line on its own and the name a name, so a
    sentence with "by" in it, or a weekday alone before it, stays."""
    _only_cruft_goes(
        {
            "January 5, 2020 by John Smith": "dated-byline",
            "11.09.2011, 16:20 von jovelstefan": "dated-byline",
            "5. Januar 2020 von Max Müller": "dated-byline",
        },
        [
            "In 2020 by far the most popular choice was tea.",
            "Sunday, by Bill",
            "The vote on March 3 by the council was postponed.",
        ],
    )


def test_comments_under_letter_avatars_go_and_a_drop_cap_stays() -> None:
    """A comment widget that draws a user without a picture as the first letter of the
    name: each "S" / "Sky" header goes with its comment, even above the article (where an
    extractor may put the list). One such pair is not a list; a text-size button ("A"
    above "Aa") names no commenter."""
    body = (
        "The harbour reopened on Monday after the storm, and the ferry company said the "
        "first sailings were full by nine in the morning."
    )
    article = [body.replace("Monday", day) for day in ("Monday", "Tuesday", "Friday")]
    comments = [
        "S",
        "Sky",
        "When will the council fix the pier? It has been broken for years.",
        "m",
        "mara_k",
        "I was on that ferry and it was packed.",
    ]
    out = _cleaned_to([*comments, *article], article, "comment-avatar")
    assert len(out.removed) == len(comments)
    drop_cap = ["T", "The harbour reopened on Monday.", *article]
    assert cleaner.clean("\n\n".join(drop_cap)).split("\n\n") == drop_cap
    sizes = ["A", "Aa", "Style Options", "A", "Aa", "Style Options", *article]
    out = cleaner.clean_document("\n\n".join(sizes))
    assert "comment-avatar" not in {r.rule for r in out.removed}
    # A featured comment above the article and one below it: the article stays.
    around = [*comments[:3], *article, *comments[3:]]
    assert cleaner.clean("\n\n".join(around)).split("\n\n") == article
    # A lone CJK character above a heading that opens with it is text.
    cjk = ["中", "中国经济", "增长放缓。", "中", "中国外交", "新的开始。", *article]
    assert cleaner.clean("\n\n".join(cjk)).split("\n\n") == cjk


def test_a_number_ending_a_statement_of_code_is_no_share_count() -> None:
    body = "The query below keeps the twenty most recent periods of the summary table."
    code = ["SELECT *", "FROM server_log_summary", "ORDER BY period DESC", "LIMIT", "   20;"]
    out = cleaner.clean("\n\n".join([body, *code]))
    assert out.split("\n\n")[-1] == "20;"
    assert cleaner.clean(f"{body}\n\n1,204") == body


def test_an_explainer_headline_stays_where_a_teaser_headline_goes() -> None:
    """A "what we know so far" line heads explainers and the teasers that link to them: above the
    body it is the text's own headline (SPEC keeps it), inside the body another article's."""
    body = (
        "Russian troops massed on the border on Monday, officials said, as talks stalled "
        "in Geneva for a third day."
    )
    headline = "Ukraine crisis: what we know so far"
    out = cleaner.clean_document(f"{headline}\n\n{body}")
    assert out.title == headline
    assert not out.removed
    out = cleaner.clean_document(f"{body}\n\n{headline}\n\n{body.replace('Monday', 'Friday')}")
    assert [(r.rule, r.text) for r in out.removed] == [("teaser-headline", headline)]


COUNCIL = "The council met on Tuesday evening to vote on the budget for the coming year."


def _between(line: str, before: str = COUNCIL, after: str | None = None) -> str:
    """``line`` between two body sentences (the second a variant of the first, so that
    no duplicate rule is involved)."""
    after = after if after is not None else before.replace("Tuesday", "Monday")
    return f"{before}\n\n{line}\n\n{after}"


def _removed_between(line: str, before: str = COUNCIL, after: str | None = None) -> list[str]:
    """The rules that removed something from ``line`` between two body sentences."""
    return [r.rule for r in cleaner.clean_document(_between(line, before, after)).removed]


def _after_council(line: str) -> cleaner.CleanResult:
    """The council's sentence, then ``line``, cleaned: the sentence must come out alone."""
    out = cleaner.clean_document(f"{COUNCIL}\n\n{line}")
    assert out.text == COUNCIL
    return out


@pytest.mark.parametrize(
    "link",
    [
        'Continue reading "Advenures in Transit"',
        "Continue reading →",
        "Weiterlesen „Die Reise nach Rom“",
        "Continuer la lecture de « Le voyage »",
        "Continuar leyendo «El viaje»",
        "Czytaj dalej „Podróż”",
        "Читать далее «Путешествие»",
        "「旅の記録」の続きを読む",
    ],
)
def test_a_more_link_under_an_excerpt_goes(link: str) -> None:
    assert [r.rule for r in _after_council(link).removed] == ["more-link"]


def test_a_sentence_that_goes_on_reading_stays() -> None:
    body = "The council met on Tuesday evening to vote on the budget for the coming year."
    lines = [
        body,
        "Keep reading to find out why the council voted no.",
        'Continue reading "Ulysses" and you will see why it took him seven years.',
    ]
    assert cleaner.clean("\n\n".join(lines)).split("\n\n") == lines


def test_a_listing_s_records_stay_below_a_page_s_chrome() -> None:
    """A directory page as text: chrome above (a menu, a search form), then records of
    labelled fields. The fields repeat their labels record after record, which chrome
    does not: they are the page's content, however short."""
    chrome = [
        "Skip to main content",
        "Home | Golf | Hotels | Dining",
        "Search for...",
        "Sort by Date",
    ]
    intro = (
        "The province has more than forty golf courses, from links along the bay to "
        "parkland courses in the river valley, and most open in early May."
    )
    records = []
    for name, town in (("Algonquin", "St. Andrews"), ("Brookside", "Seal Cove"), ("Fundy", "Alma")):
        records += [
            f"{name} Golf Club",
            f"Civic Address: 14 Golf Course Road, {town}",
            "Rates: 18 holes $25.00",
            "Season: May 1 to October 31",
        ]
    out = cleaner.clean("\n\n".join([*chrome, intro, *records])).split("\n\n")
    assert out[0] == intro
    assert all(r in out for r in records if ": " in r)


def test_newsletter_boxes_without_a_verb_go_and_a_sentence_about_email_stays() -> None:
    body = "The council met on Tuesday evening to vote on the budget for the coming year."
    boxes = [
        "Newsletter",
        "Recevoir la newsletter",
        "L'actu Libé tous les matins par email",
        "Die wichtigsten Nachrichten jeden Morgen per E-Mail",
        "The best of the Guardian in your inbox every morning",
    ]
    out = cleaner.clean_document("\n\n".join([body, *boxes]))
    assert out.text == body
    assert {r.rule for r in out.removed} == {"newsletter-signup"}
    kept = [body, "We send the news to your inbox every morning.", "Boletín oficial del Estado"]
    assert cleaner.clean("\n\n".join(kept)).split("\n\n") == kept


def test_a_last_paragraph_that_ends_with_the_desk_s_tag_is_body() -> None:
    """heise and the wires close a story with the desk's or the agency's tag after the
    last sentence: "... voraus. (bsc)". That paragraph is the article's, not a line of
    the chrome below it."""
    chrome_above = ["Zum Inhalt springen", "Home | News | Tests | Forum", "Teilen", "Drucken"]
    article = [
        "AgileBits hat Version 5.3 seines bekannten Passwortmanagers 1Password für OS X "
        "freigegeben. Mit dem Update wird eine praktische Funktion nachgereicht.",
        "Zur Nutzung muss zunächst ein Startwert an 1Password übergeben werden. Das geht "
        "unter anderem per QR-Code, den die App über ein neues Scanfenster einliest.",
        "1Password kostet aktuell knapp 50 Euro im Mac App Store und setzt in seiner "
        "aktuellen Version mindestens OS X 10.10 voraus. (bsc)",
    ]
    below = [
        "Aktuelles Heft",
        "Heftarchiv",
        "Webcode:",
        "www.mac-and-i.de/",
        "c't special Mac",
        "Content Management by Inter Red",
        "1462351",
    ]
    out = cleaner.clean("\n\n".join([*chrome_above, *article, *below])).split("\n\n")
    assert out == article
    # What bounds the article: the tagged paragraph ends like a sentence, a tag alone or
    # a menu item with a count in brackets does not.
    assert context._body_like(article[-1])
    assert not context._SENTENCE_LIKE.search("Kommentare (12)")
    assert not context._SENTENCE_LIKE.search("Home (beta)")


def test_related_posts_closed_by_their_category_line_go() -> None:
    """Jetpack's related posts as text: a title, an excerpt, a date and `In "News"`. Each
    entry goes with its category line; the article's last paragraph, short as it is,
    stays, and a lone `In "Hamlet"` is a quotation's source."""
    article = [
        "Stack Overflow published its analysis of hiring trends based on the targeting "
        "options employers selected when posting jobs on its board this year.",
        "Demand for WordPress skills was lower than supply.",
    ]
    box = [
        "Survey Results Show WordPress Is Trending Up",
        "Stack Overflow published the results of its 2016 Developer Survey, summarizing "
        "responses from 56,033 developers in 173 countries…",
        "March 17, 2016",
        'In "News"',
        "Stack Overflow Documentation Is Now in Beta",
        "Building on the success of its Q&A communities, Stack Overflow announced that "
        "its new Documentation product is now in beta.",
        'In "News"',
    ]
    out = cleaner.clean_document("\n\n".join([*article, *box]))
    assert out.text.split("\n\n") == article
    quoted = [*article, "“To be, or not to be, that is the question.”", 'In "Hamlet"']
    assert cleaner.clean("\n\n".join(quoted)).split("\n\n") == quoted


def test_a_run_of_headlines_cut_short_goes_and_a_listing_s_excerpts_stay() -> None:
    body = (
        "The mother of a woman who took pills bought online has described how her "
        "daughter was burning up from within, an inquest heard on Tuesday."
    )
    teasers = [
        "23 choses que toutes les filles des années 2000…",
        "21 tatouages qui ont merveilleusement bien…",
        "Les 43 fois où Grey’s Anatomy a fait couler toutes…",
    ]
    out = cleaner.clean_document("\n\n".join([*teasers, body, body.replace("Tuesday", "Monday")]))
    assert out.text.split("\n\n")[0] == body
    assert {r.rule for r in out.removed} == {"related-list"}
    excerpts = [
        "THERE ARE, ALAN BENNETT ONCE idly observed, words that we only use at Christmas. "
        "Only then will we...",
        "CULTURE and climate may shape the gardens we create, but the urge to leave our "
        "mark is the same...",
        "IT IS ONLY 18 YEARS SINCE Cairns Craig edited for Aberdeen University Press a "
        "history of Scottish...",
    ]
    trailing = ["I thought…", "Maybe not…", "Then again…"]
    for lines in (excerpts, trailing):
        text = "\n\n".join([body, *lines])
        assert cleaner.clean(text) == text


@pytest.mark.parametrize(
    "age",
    [
        "2 hours ago",
        "Updated 5 min ago",
        "vor 2 Stunden",
        "il y a 2 heures",
        "hace 2 horas",
        "2 ore fa",
        "há 2 horas",
        "2 uur geleden",
        "2 godziny temu",
        "2 часа назад",
        "2 години тому",
        "2 saat önce",
        "منذ 2 ساعات",
        "2時間前",
        "2小时前",
        "2시간 전",
        "před 2 hodinami",
    ],
)
def test_a_post_s_age_goes_into_metadata(age: str) -> None:
    assert _after_council(age).metadata["relative_time"] == age


def test_a_sentence_about_time_past_stays() -> None:
    lines = [
        "The council met on Tuesday evening to vote on the budget for the coming year.",
        "She left 3 years ago.",
        "Il y a 2 heures, la police est arrivée.",
    ]
    assert cleaner.clean("\n\n".join(lines)).split("\n\n") == lines


# A wire story and, above it, a news site's stream of other stories' summaries.
_WIRE_STORY = [
    "LISBON (AP) — Engineers reopened the old river bridge on Monday after eighteen months "
    "of repairs to its steel cables, the city transport authority said.",
    "The bridge carries about forty thousand vehicles a day between the river's banks, and "
    "its closure had doubled commuting times for residents of the southern districts.",
    "Transport officials said the repaired cables would be inspected every six months and "
    "that heavy trucks would remain banned from the bridge until the spring.",
    "Residents welcomed the reopening, although several complained that the repairs had "
    "taken twice as long as the authority first promised.",
]
_STREAM = [
    "A bakery in Vermont won the national pie championship for the third straight year, "
    "beating nearly two hundred entrants with a maple pecan recipe handed down by a grandmother.",
    "The striker signed a five-year contract with the northern club on Friday, ending weeks "
    "of speculation about a transfer fee that rivals described as excessive for any player.",
    "Forecasters warned that a powerful storm would bring heavy snowfall and freezing winds "
    "to mountain villages across the region, closing schools and several highways overnight.",
]


def test_story_stream_above_a_wire_dateline_goes() -> None:
    caption = (
        "Workers check the steel cables of the river bridge before its reopening in Lisbon "
        "on Monday, as residents of the southern districts wait."
    )
    _cleaned_to([*_STREAM, caption, *_WIRE_STORY], [caption, *_WIRE_STORY], "story-stream")


@pytest.mark.parametrize(
    "dateline",
    [
        "LISBON (Reuters) - ",
        "LISBON, Portugal (CNN) -- ",
        "LISBON, Portugal — ",
        "LISBONNE (AFP) – ",
    ],
)
def test_story_stream_datelines(dateline: str) -> None:
    lead = dateline + _WIRE_STORY[0].split("— ", 1)[1]
    story = [lead, *_WIRE_STORY[1:]]
    _cleaned_to([*_STREAM, *story], story, "story-stream")


def test_story_stream_needs_three_summaries_and_a_dateline() -> None:
    # Two unrelated paragraphs above a story may be the writer's own.
    two = [*_STREAM[:2], *_WIRE_STORY]
    assert cleaner.clean("\n\n".join(two)).split("\n\n") == two
    # A term and its gloss with a plain hyphen is not a dateline.
    gloss = "OVTA - " + _WIRE_STORY[0].split("— ", 1)[1]
    plain = [*_STREAM, gloss, *_WIRE_STORY[1:]]
    assert cleaner.clean("\n\n".join(plain)).split("\n\n") == plain


def test_story_stream_spares_a_page_of_the_storys_kind() -> None:
    # A forum thread about the bridge quotes the wire story further down: its posts on
    # the bridge above the unrelated ones make the unrelated ones the thread's own.
    posts = [
        "Has anyone crossed the river bridge since the repairs? The cables looked rusty to me "
        "before the closure and the authority never explained the delay to residents.",
        "The bridge repairs took far too long, and the transport authority kept moving the "
        "date of the reopening while commuting times for the southern districts doubled.",
    ]
    page = [*posts, *_STREAM, *_WIRE_STORY]
    assert cleaner.clean("\n\n".join(page)).split("\n\n") == page


def test_story_stream_keeps_the_storys_own_summary_above_it() -> None:
    summary = (
        "The river bridge reopened after eighteen months of cable repairs that doubled "
        "commuting times for the southern districts."
    )
    _cleaned_to([summary, *_STREAM, *_WIRE_STORY], [summary, *_WIRE_STORY], "story-stream")


_RADA = (
    "Zastupitelstvo v úterý schválilo rozpočet města na příští rok po dlouhé debatě o "
    "nákladech na nový most a opravy škol."
)


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Související", "related-link"),
        ("Čtěte také: Vláda schválila rozpočet na příští rok", "related-link"),
        ("Sdílet článek", "site-label"),
        ("Přeskočit na hlavní obsah", "skip-link"),
        ("Komerční sdělení", "ad-label"),
        ("© 2021 Vydavatelství, a.s. Všechna práva vyhrazena.", "copyright"),
        ("Nejnovější zprávy do e-mailu", "newsletter-signup"),
        ("Prohlédnout si 19 fotografií", "player-label"),
        ("Zdroj: ČTK", "syndication"),
        ("Sledujte nás na Facebooku", "social-follow"),
        ("Stáhněte si naši aplikaci zdarma", "app-download"),
        ("Doba čtení: 3 minuty", "read-time"),
        ("Přidat komentář", "comment-widget"),
    ],
)
def test_czech_chrome_lines_go(line: str, rule: str) -> None:
    assert _removed_between(line, _RADA, _RADA.replace("úterý", "středu")) == [rule]


@pytest.mark.parametrize(
    "line",
    [
        # Body sentences that open with the words of a Czech chrome label.
        "Související dokumenty najdete v příloze zákona, kterou ministerstvo zveřejnilo.",
        "Sdílet článek s přáteli je podle průzkumu nejčastější důvod, proč lidé čtou zprávy.",
        "Diskuse o rozpočtu trvala až do půlnoci.",
        "Diskuse",  # a paper's section heading: only a count makes it a comment widget
    ],
)
def test_czech_body_lines_stay(line: str) -> None:
    page = _between(line, _RADA, _RADA.replace("úterý", "středu"))
    assert cleaner.clean(page) == page


@pytest.mark.parametrize(
    "caption",
    [
        "Spokojený kapitán týmu po vítězství na hřišti soupeře. | Foto: Reuters",
        "Fans feiern die Mannschaft nach dem Sieg im Stadion. | Bild: Keystone",
        "Players celebrate after the final whistle. | Photo: AP",
    ],
)
def test_caption_with_a_barred_credit_goes(caption: str) -> None:
    assert _removed_between(caption) == ["credited-caption"]


def test_a_bar_without_a_photo_label_is_no_credit() -> None:
    page = f"{COUNCIL}\n\nPrices | Image quality: see the table below\n\n{COUNCIL}."
    assert "Prices | Image quality" in cleaner.clean(page)


def test_short_paragraphs_after_an_inline_box_stay_when_the_story_ends_below() -> None:
    # A related box inside a story, then its last short paragraphs, then the line that
    # closes the story: the paragraphs are the story's, not the box's blurbs.
    before = [
        "The city council approved the budget for the coming year on Tuesday after a long "
        "debate over the cost of the new bridge and repairs to three schools.",
        "The bridge will cost about 40 million dollars, most of it paid from state funds, "
        "and work is due to start in the spring.",
    ]
    box = ["Related", "Mayor unveils plan for new bus lanes", "Schools to get new roofs by 2025"]
    after = [
        "Council members said the vote was the closest in a decade.",
        '"We cannot wait any longer for the bridge," the mayor told reporters.',
    ]
    out = cleaner.clean_document(
        "\n\n".join([*before, *box, *after, "Ann Lee contributed reporting."])
    )
    assert out.text.split("\n\n") == [*before, *after]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("1 de diciembre de 2017 3:00 AM PST", "timestamp"),
        ("5 de março de 2020", "timestamp"),
        ("Comparte tu opinión", "comment-widget"),
        ("Regístrate o inicia sesión para comentar", "comment-form"),
        ("Abonnez-vous à partir de 1 €", "support-ask"),
        ("Subscribe now to access the Daily Courier.", "support-ask"),
        ("Gérez votre abonnement", "site-label"),
        ("Facebook Twitter Google+ Mobile RSS", "site-label"),
        ("by: Laurie Oakes", "byline"),
        ("Ouvir o texto", "player-label"),
        ("更多>>", "more-link"),
    ],
)
def test_more_chrome_lines_go(line: str, rule: str) -> None:
    assert _removed_between(line) == [rule]


@pytest.mark.parametrize(
    "line",
    [
        "De diciembre a marzo, el consejo se reunió cada semana para revisar el presupuesto.",
        "Subscribers can access the archive from any device, the publisher said.",
        "Facebook and Twitter both declined to comment on the report.",
    ],
)
def test_lines_like_those_stay(line: str) -> None:
    page = _between(line)
    assert cleaner.clean(page) == page


@pytest.mark.parametrize("line", ["21.dez.2018 às 12h55", "21-Dec-2018", "05/Jan/2020 10:00"])
def test_dates_with_the_month_joined_by_dots_or_hyphens_go(line: str) -> None:
    assert _removed_between(line) == ["timestamp"]


def test_page_chrome_counts_the_chrome_it_already_knows_above_the_article() -> None:
    # Two unknown lines above the article, under four that the phrase rules know: the
    # run above the article is six lines of chrome, however many of them were known.
    body = [
        "The city council approved the budget for the coming year on Tuesday after a long "
        "debate over the cost of the new bridge and repairs to three schools.",
        "The bridge will cost about 40 million dollars, most of it paid from state funds, "
        "and work is due to start in the spring, officials said on Wednesday.",
        "Council members said the vote was the closest in a decade, and several promised to "
        "revisit the school repairs when the next budget is drawn up.",
    ]
    known = ["Skip to content", "Sign in", "Subscribe now to access The Courier.", "Newsletters"]
    unknown = ["Community Calendar Events", "Obituaries and Notices"]
    headline = "Council approves budget after long debate"
    footer = "About Us | Contact | Privacy Policy | Terms of Use"
    out = cleaner.clean_document("\n".join([*known, *unknown, headline, *body, footer]))
    assert out.text.split("\n\n") == [headline, *body]
    assert [r.rule for r in out.removed if r.text in unknown] == ["page-chrome", "page-chrome"]
