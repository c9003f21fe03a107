"""Decisions that need a paragraph's neighbours: position, repetition, containment.

Each function takes the paragraphs, the decisions so far (``None`` = kept, else a
``(rule_id, reason)`` pair) and what the line rules saw, and fills in its own decisions.
One undoes a decision: ``label_subheadings`` gives back a label that turns out to be a
subheading, before the others run. They run in ``pipeline.decide`` after the phrase and
shape rules, in the order of ``ORDER``: cruft first, duplicates last, so a widget that
repeats the headline goes and the headline stays.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import regex

from ..lang import CJK_WEIGHT, stopwords, weighted_len
from ..normalize import compare_form
from .shapes import date_words, lexicon_lines, pagination_words

Decision = tuple[str, str] | None


@dataclass(slots=True)
class Seen:
    """What the line rules saw, for the context rules: metadata found so far, the
    paragraphs that open a comment section, the rules whose hits are labels, and the
    paragraph keys (:func:`paragraph_key`) that recur across the document's source."""

    metadata: dict[str, Any] = field(default_factory=dict)
    openers: set[int] = field(default_factory=set)
    label_rules: Collection[str] = ()
    boilerplate: Collection[int] = ()
    #: The text is an extractor's output (trafilatura on an HTML page), not a whole page.
    extracted: bool = False
    #: The rules whose evidence is a phrase (not a shape): strong evidence of chrome.
    phrase_rules: Collection[str] = ()


#: Patterns that end at the end of the line (``$``), asked only whether they match, are
#: searched backwards (``regex.REVERSE``): the match must end at the line's end, so one
#: attempt there settles it, where a forward search tries every start (a caption's date
#: over a 40-character tail: about 55 µs forward, 5 µs backwards). Whether a match
#: exists does not depend on the direction.
_AT_END = regex.REVERSE

_DUMP_DATE = regex.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?Z?)?")
_DUMP_URL = regex.compile(r"(?:https?://|www\.)\S+")

_WORDS = regex.compile(r"\w+")
#: A sentence end followed by another sentence: the paragraph has two or more.
_SENTENCES = regex.compile(r"[.!?…][\"”’»)]? +[\"“‘«(]?\p{Lu}")

#: A paragraph repeated later is only judged a duplicate from this many words on:
#: shorter lines ("Yes.", a list item, "* * *") legitimately recur in a body.
DUPLICATE_MIN_WORDS = 4
#: Scraping shows a caption, a headline or a pull quote twice; content repeats more often.
DUPLICATE_COPIES = 2
#: What scraping repeats is mostly short, one sentence at most (headlines, captions,
#: pull quotes). Longer repeats are removed only while repeated long paragraphs make up
#: at most half of the page's long paragraphs (test pages, refrains and listings
#: repeat far more; a scraping accident repeats one or two).
DUPLICATE_SHORT_CHARS = 250
DUPLICATE_MAX_LONG_SHARE = 0.5
#: Scraping repeats a caption, a headline or a pull quote: a few pairs a page. A page with
#: more repeated pairs (forum threads quoting posts, code, listings) repeats on purpose:
#: measured on the dev pages, past three pairs nearly every removal was body text.
DUPLICATE_MAX_PAIRS = 3
#: Containment needs a real sentence: a short line is contained in many paragraphs.
CONTAINED_MIN_WORDS = 8
CONTAINED_KEY = 40
#: A wire dateline that a lead paragraph opens with and its summary leaves out
#: ("MOSCOW (AP) — ", "Paris, 3 mai (Reuters) - "): a short run without a sentence end,
#: then a dash between spaces.
_DATELINE = regex.compile(r"^(?:(?![.!?] ).){2,50}? [—–-] ")
#: The longest line start ``_DATELINE`` matches (50 characters and " — "): a dash must
#: be within it before the regex is tried.
_DATELINE_CHARS = 53
#: The comment section is cut only after this many body-like paragraphs (>= 100 chars),
#: and only when what follows the heading is no longer than what precedes it: losing body
#: text is worse than keeping a comment.
COMMENT_MIN_BODY_BEFORE = 3
#: A commenter named only by the widget ("Anonymous", ``lexicon/comment-authors.txt``)
#: on a line of its own, this many times: the first opens the comment section.
COMMENT_AUTHOR_MIN_LINES = 2
BODY_LIKE_CHARS = 100
#: Dump headers sit in the first lines: a date, the headline, a URL, in some order.
DUMP_HEADER_SCAN = 4


def warm_up() -> None:
    """Compile the lexicon patterns now rather than on the first document."""
    _caption_regexes()
    _comment_author()


def fingerprint(text: str) -> str:
    """A paragraph's identity for repetition: case, spacing and quote style ignored."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        # The common case, a repaired paragraph: its only whitespace is single spaces
        # inside it (a printable character that is whitespace is the space), and case
        # folding makes no whitespace, so the split and join would change nothing.
        return compare_form(text)
    return " ".join(compare_form(text).split())


def paragraph_key(text: str) -> int:
    """The fingerprint as a 64-bit integer, the same in every process and on every machine.

    Corpus boilerplate is counted on these keys (8 bytes a paragraph instead of its
    text), by ``clean_batch``, the batch command and the Ray and datatrove integrations
    alike, so all of them decide the same paragraphs.
    """
    digest = hashlib.blake2b(fingerprint(text).encode("utf-8", "surrogatepass"), digest_size=8)
    return int.from_bytes(digest.digest(), "little")


def dump_header(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """The date and URL lines a scraper wrote around the headline, at the very top.

    The top lines are scanned while they are dump lines; one other line (the headline)
    may stand among them.
    """
    skipped_headline = False
    looked_at = 0
    for i, text in enumerate(paras):
        if decisions[i] is not None:
            continue  # chrome already removed (a skip link) does not count
        looked_at += 1
        if looked_at > DUMP_HEADER_SCAN:
            return
        kind = _dump_line(text)
        if kind is None:
            if skipped_headline:
                return
            skipped_headline = True
            continue
        seen.metadata.setdefault(*kind)
        decisions[i] = ("dump-header", f"{kind[0]} line")


def _dump_line(text: str) -> tuple[str, str] | None:
    """``("date", ISO date)`` or ``("url", URL)`` for a dump header line, else None."""
    date = _DUMP_DATE.fullmatch(text)
    if date:
        if 1800 <= int(date[1]) <= 2199 and 1 <= int(date[2]) <= 12 and 1 <= int(date[3]) <= 31:
            return "date", f"{date[1]}-{date[2]}-{date[3]}"
        return None
    return ("url", text) if _DUMP_URL.fullmatch(text) else None


@cache
def _caption_regexes() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    positions = lexicon_lines("caption-positions.txt")
    alternation = "|".join(regex.escape(p) for p in sorted(positions, key=len, reverse=True))
    marker = regex.compile(rf"(?:, (?:{alternation}),|\((?:{alternation})\))", regex.IGNORECASE)
    months = "|".join(sorted(date_words()["month"], key=len, reverse=True))
    date = (
        rf"(?:\d{{1,2}}\.? (?:de )?(?:{months})\.?,? (?:de )?\d{{4}}(?: (?:г|r|yılı))?\.?"
        rf"|(?:{months})\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
        r"|\d{1,2}[./]\d{1,2}[./]\d{4})"
    )
    dated_end = regex.compile(rf"{date}\.?$", regex.IGNORECASE | _AT_END)
    dated = regex.compile(date, regex.IGNORECASE)
    return marker, dated_end, dated


_YEAR_END = re.compile(r"\d{4}\D{0,6}$")
#: Captions are one or two sentences; a longer paragraph is body.
CAPTION_MAX_CHARS = 400
#: A dated line next to a photo credit is its caption when it is this short.
CREDITED_CAPTION_MAX_CHARS = 240
_CREDIT_RULES = frozenset({"credit-line", "photo-credit", "credited-caption"})


def picture_caption(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """Captions: a dated line that names positions (``X, left, and Y``), is repeated
    right next to itself (the caption shown twice, under the picture and in a viewer),
    or stands right next to a photo credit."""
    marker, dated_end, dated = _caption_regexes()
    n = len(paras)
    credits = {i for i, d in enumerate(decisions) if d is not None and d[0] in _CREDIT_RULES}
    for i, text in enumerate(paras):
        if decisions[i] is not None or len(text) > CAPTION_MAX_CHARS:
            continue
        if (i - 1 in credits or i + 1 in credits) and len(text) <= CREDITED_CAPTION_MAX_CHARS:
            if dated.search(text):
                decisions[i] = ("picture-caption", "dated line next to a photo credit")
            continue
        if not _YEAR_END.search(text[-12:]) or not dated_end.search(text[-40:]):
            continue  # a dated caption ends with a year ("2022.", "2022 г.")
        repeated = (i > 0 and paras[i - 1] == text) or (i + 1 < n and paras[i + 1] == text)
        if repeated:
            decisions[i] = ("picture-caption", "dated line repeated next to itself")
        elif marker.search(text):
            decisions[i] = ("picture-caption", "dated line naming positions in a picture")


#: A slide of a picture gallery opens with its counter: "1/50 Title", "- 2 of 12". A run
#: of at least ``SLIDESHOW_MIN_SLIDES`` counters out of the same total, counting up one by
#: one, is a gallery; what stands between two counters (at most ``SLIDE_MAX_LINES``
#: lines of at most ``SLIDE_MAX_CHARS``: a caption, a credit) belongs to the slide, and
#: the last slide takes as many lines as most slides have. Dates ("12/22 Review") do not
#: count up; a numbered list ("1. ...") has no total.
_SLIDE_COUNTER = regex.compile(
    r"(?:[-*•] )?(\d{1,3}) ?(?:/|of|de|von|di|из|z|van) ?(\d{1,3})(?:\s|$)"
)
SLIDESHOW_MIN_SLIDES = 3
SLIDE_MAX_LINES = 3
SLIDE_MAX_CHARS = 500


#: A gallery shown slide by slide without counters: each caption stands between the
#: gallery's "Previous"/"Next" buttons (lines of navigation words only). At least this
#: many captions in a row, each right after such a line and, but for the last, right
#: before one; only button lines between them.
GALLERY_MIN_SLIDES = 3
_BUTTON_EDGES = "-*•·|«»‹›<>()[] "


def _button_line(text: str, nav: frozenset[str]) -> bool:
    words = text.strip(_BUTTON_EDGES).lower().split()
    return 0 < len(words) <= 3 and all(w in nav for w in words)


def slideshow(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """The slides of a picture gallery: counted lines with their captions and credits,
    or captions each between the gallery's Previous and Next buttons."""
    _button_slides(paras, decisions)
    counters: list[tuple[int, int, int]] = []  # (index, k, n)
    for i, text in enumerate(paras):
        if text[:1].isdigit() or text[:2] in ("- ", "* ", "• "):
            m = _SLIDE_COUNTER.match(text)
            if m and 1 <= int(m[1]) <= int(m[2]) >= SLIDESHOW_MIN_SLIDES:
                counters.append((i, int(m[1]), int(m[2])))
    run: list[tuple[int, int, int]] = []
    for c in [*counters, None]:
        if c is not None and run:
            i0, k0, n0 = run[-1]
            gap = range(i0 + 1, c[0])
            if (
                c[2] == n0
                and c[1] == k0 + 1
                and len(gap) <= SLIDE_MAX_LINES
                and all(len(paras[j]) <= SLIDE_MAX_CHARS for j in gap)
            ):
                run.append(c)
                continue
        if len(run) >= SLIDESHOW_MIN_SLIDES:
            _remove_slides(paras, decisions, run)
        run = [c] if c is not None else []


def _button_slides(paras: list[str], decisions: list[Decision]) -> None:
    nav = pagination_words()["nav"]
    buttons = [len(p) <= 40 and _button_line(p, nav) for p in paras]
    runs: list[list[int]] = []
    last = -1  # the previous slide, while only button lines have followed it
    for i in range(1, len(paras)):
        if buttons[i]:
            continue
        # A slide another rule took (a related list under "1 of 5") still counts.
        if buttons[i - 1] and len(paras[i]) <= SLIDE_MAX_CHARS:
            if last >= 0 and all(buttons[last + 1 : i]):
                runs[-1].append(i)
            else:
                runs.append([i])
            last = i
        else:
            last = -1
    for run in runs:
        if len(run) >= GALLERY_MIN_SLIDES:
            for j in run:
                if decisions[j] is None:
                    decisions[j] = ("slideshow", "caption between a gallery's Previous and Next")


def _remove_slides(
    paras: list[str], decisions: list[Decision], run: list[tuple[int, int, int]]
) -> None:
    gaps = [b[0] - a[0] - 1 for a, b in itertools.pairwise(run)]
    usual = max(sorted(set(gaps)), key=gaps.count)  # ties: the fewer lines
    last = run[-1][0]
    tail = last + 1
    while tail <= last + usual and tail < len(paras) and len(paras[tail]) <= SLIDE_MAX_CHARS:
        tail += 1
    reason = f"slide of a gallery of {run[0][2]}"
    for j in range(run[0][0], tail):
        if decisions[j] is None:
            decisions[j] = ("slideshow", reason)


#: A teaser headline under a related-content heading: short, and not a sentence. Lengths
#: here count a CJK character three times (``lang.weighted_len``), and a CJK full stop
#: ends a sentence as a Latin one does: a Chinese paragraph of 50 characters ending in
#: "。" is body, not a headline.
TEASER_MAX_CHARS = 160
#: A related-content heading is short ("More from Business", "相关阅读"); a line with the
#: linked headline after the label ("Read more: ...") is a teaser of its own, no heading.
RELATED_HEADING_MAX_CHARS = 40
#: Under a related-content heading that no body paragraph follows, the rest of the page
#: is the teasers' headlines and blurbs: lines of at most this many characters.
TEASER_BLURB_MAX_CHARS = 300
#: A Chinese or Japanese paragraph is short (60 characters say what 180 letters say), so
#: the blurb length does not tell a teaser from the body there; a CJK sentence's full stop
#: does: teasers in these scripts are headlines and offers, and a kept line after the
#: heading that ends with "。" is the article going on ("！" ends ads as often as
#: sentences: "抽選で20,000様に当たる！").
_CJK_SENTENCE_END = regex.compile(r"。[」』”’）)]*$", _AT_END)
#: A blurb cut short by the site ("... has turned…") is an excerpt of another page
#: whatever its length, up to this many characters (Jetpack cuts at about 300 words' worth).
TEASER_CUT_MAX_CHARS = 700
_CUT_SHORT = regex.compile(r"\w(?:…|\.\.\.|\[…\]|\[\.\.\.\])[\"”’»)]?$", _AT_END)
_SENTENCE_END = regex.compile(r"[.!…:;。！；][\"”’»)」』]?$", _AT_END)


def _related_headings(paras: list[str], decisions: list[Decision]) -> list[int]:
    """The short related-content headings ("More from Business") once the body has
    started: a heading above the article ("Learn more" in a cookie banner) heads no list."""
    headings: list[int] = []
    body_started = False
    for i, decision in enumerate(decisions):
        if decision is None:
            body_started = body_started or _long_enough(paras[i])
        elif (
            body_started
            and decision[0] == "related-link"
            and weighted_len(paras[i]) <= RELATED_HEADING_MAX_CHARS
        ):
            headings.append(i)
    return headings


#: A reference of the article's own: a footnote ("- ^ ..."), a book ("(2005). ... ISBN
#: ..."), a paper (doi). Teasers never carry these; a wiki's "See also" list ends where
#: its notes and references begin.
_REFERENCE = regex.compile(
    r"^(?:[-*•] )?\^|\bISBN(?:-1[03])?:? ?[\dX]|\bdoi: ?10\.|\(\d{4}[a-z]?\)\. \p{Lu}"
)


_NUMBERED = regex.compile(r"(\d{1,3})([.)]) \S")


def _numbered_starts(paras: list[str]) -> dict[str, int]:
    """Where each numbering mark ("4.", "4)") first opens a paragraph."""
    first: dict[str, int] = {}
    for i, text in enumerate(paras):
        if text[:1].isdigit() and (number := _NUMBERED.match(text)):
            first.setdefault(number[1] + number[2], i)
    return first


def _continues_numbering(line: str, before: int, numbered: dict[str, int]) -> bool:
    """``5. Beware the hairdryer`` after a "Read more" link, when ``4. …`` opens a
    paragraph above ``before``: the article's own numbered subheading goes on, no teaser
    list begins. ``numbered``: ``_numbered_starts`` of the paragraphs."""
    number = _NUMBERED.match(line)
    if number is None or number[1] == "1":
        return False
    return numbered.get(f"{int(number[1]) - 1}{number[2]}", before) < before


def related_list(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """The headlines listed under a related-content heading ("More from Business"):
    every following line that is headline-shaped (short, no full stop at its end),
    up to the first line that is not, or a reference (or the heading of references).
    Only once the body has started: a heading above the article ("Learn more" in a
    cookie banner) would take the headline with it."""
    n = len(paras)
    headings = _related_headings(paras, decisions)
    numbered = _numbered_starts(paras) if headings else {}
    for i in headings:
        j = i + 1
        while j < n and (decisions[j] is not None or _headline_shaped(paras[j])):
            if decisions[j] is None and (
                _REFERENCE.search(paras[j])
                or (j + 1 < n and _REFERENCE.search(paras[j + 1]))
                or _continues_numbering(paras[j], i, numbered)
            ):
                break
            if decisions[j] is None:
                decisions[j] = ("related-list", f"listed under {paras[i]!r}")
            j += 1


#: Jetpack's related posts (WordPress), as text: each post's title, its excerpt and date,
#: then the line that names its category, ``In "News"`` (``Dans « … »``, ``En "…"``,
#: ``W „…”``, ``В «…»``). ``CATEGORY_MARKS_MIN`` such lines or more mark the box: each goes
#: with the kept lines just above it, at most ``CATEGORY_ENTRY_MAX_LINES`` (the title and
#: the excerpt), each a headline or a blurb (:func:`_blurb`), passing over its date, and
#: never past the previous category line or a line another rule took (the box's
#: heading). One such line alone may be a quotation's source.
CATEGORY_MARKS_MIN = 2
CATEGORY_ENTRY_MAX_LINES = 2
_CATEGORY_MARK = regex.compile(
    r"(?:in|dans|en|em|w|в|у|auf|su|op) [\"“„«‘'] ?[^\"“”„«»‘’'\n]{1,40} ?[\"”“»’']"
)


_OPENING_QUOTES = frozenset("\"“„«‘'")


def category_teasers(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """The entries of a related-posts box that end with their category line."""
    marks = {
        i
        for i, p in enumerate(paras)
        if len(p) <= 50
        and 0 < (space := p.find(" ")) <= 4
        and p[space + 1 : space + 2] in _OPENING_QUOTES
        and decisions[i] is None
        and _CATEGORY_MARK.fullmatch(p.casefold())
    }
    if len(marks) < CATEGORY_MARKS_MIN:
        return
    for i in marks:
        reason = f"a related post, closed by its category line {paras[i]!r}"
        entry = [i]
        j = i - 1
        while j >= 0 and j not in marks and len(entry) <= CATEGORY_ENTRY_MAX_LINES:
            decision = decisions[j]
            if decision is not None and decision[0] != "timestamp":
                break
            if decision is None:
                if not _blurb(paras[j]):
                    break
                entry.append(j)
            j -= 1
        for j in entry:
            decisions[j] = ("related-list", reason)


def _blurb(text: str, size: int | None = None) -> bool:
    """A teaser's headline or blurb: at most ``TEASER_BLURB_MAX_CHARS``, or up to
    ``TEASER_CUT_MAX_CHARS`` when the site cut it short ("... This formula has turned…");
    ``size``: the text's CJK-weighted length (``lang.weighted_len``), when known."""
    if size is None:
        size = weighted_len(text)
    return size <= TEASER_BLURB_MAX_CHARS or (
        size <= TEASER_CUT_MAX_CHARS and _CUT_SHORT.search(text) is not None
    )


def teaser_tail(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """The teasers under the last related-content heading: when every kept line after
    the heading is short (at most ``TEASER_BLURB_MAX_CHARS``: headlines, teaser blurbs,
    source names; or a blurb the site cut short with an ellipsis) and they are less text
    than what precedes it, the heading closes the article and the rest of the page goes,
    blurbs included (as under a comment heading).

    Runs after ``page-chrome``: the blurbs are prose, and while they stand the page's
    chrome is bounded as without them.
    """
    n = len(paras)
    headings = _related_headings(paras, decisions)
    if not headings:
        return
    blurbs_after = [True] * (n + 1)  # every kept line from here on is a blurb
    chars_after = [0] * (n + 1)
    # Whether a kept CJK sentence follows each point.
    cjk_sentence_after = [False] * (n + 1)
    for i in range(n - 1, -1, -1):
        kept = weighted_len(paras[i]) if decisions[i] is None else 0
        blurbs_after[i] = blurbs_after[i + 1] and (not kept or _blurb(paras[i], kept))
        chars_after[i] = chars_after[i + 1] + kept
        cjk_sentence_after[i] = cjk_sentence_after[i + 1] or (
            decisions[i] is None and _CJK_SENTENCE_END.search(paras[i]) is not None
        )
    total = chars_after[0]
    numbered = _numbered_starts(paras)
    # The line that closes a story (its agency, its contributors) closes the body: a
    # related heading above it stands inside the story, and the short paragraphs
    # between are the story's own (an inline box, then the last paragraphs).
    story_end = max(
        (j for j, d in enumerate(decisions) if d is not None and d[0] in _STORY_END_RULES),
        default=-1,
    )
    for i in headings:
        if i < story_end:
            continue
        after = chars_after[i + 1]
        first = next((j for j in range(i + 1, n) if decisions[j] is None), None)
        if (
            0 < after < total - after
            and blurbs_after[i + 1]
            and not cjk_sentence_after[i + 1]
            and not (first is not None and _continues_numbering(paras[first], i, numbered))
            and not any(
                decisions[j] is None and _REFERENCE.search(paras[j]) for j in range(i + 1, n)
            )
        ):
            for j in range(i + 1, n):
                if decisions[j] is None:
                    decisions[j] = ("related-list", f"teaser under {paras[i]!r} at the end")
            return


#: The rules whose lines close a story: its agency or first publication, its contributors.
_STORY_END_RULES = frozenset({"syndication", "contributed-reporting"})


#: Teaser headlines at the end of the text without a heading above them ("Dozens flock
#: to modelling auditions, but £180 fee left many disappointed"): at least this many
#: in a row, each a line of several words that ends no sentence and no clause (a poem's
#: lines end with commas now and then), and not a list item or a table row. On the dev
#: set's inputs (all three kinds) such a run of three or more occurs once, on a news
#: site's section page, and none of its lines is in the gold.
HEADLINE_TAIL_MIN_RUN = 5
HEADLINE_TAIL_MIN_CHARS = 40
HEADLINE_TAIL_MIN_WORDS = 6
_ENDS_CLAUSE = regex.compile(r"[.!?…:;,。！？，][\"”’»)\]]*$", _AT_END)


def headline_tail(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """A run of teaser headlines that ends the text, under no heading."""
    run: list[int] = []
    for i in range(len(paras) - 1, -1, -1):
        if decisions[i] is not None:
            continue
        text = paras[i]
        if not (
            HEADLINE_TAIL_MIN_CHARS <= len(text) <= TEASER_MAX_CHARS
            and text.count(" ") + 1 >= HEADLINE_TAIL_MIN_WORDS
            and not _ENDS_CLAUSE.search(text)
            and not _LIST_ITEM.match(text)
            and not text.startswith("|")
        ):
            break
        run.append(i)
    if len(run) < HEADLINE_TAIL_MIN_RUN:
        return
    before = sum(len(paras[j]) for j in range(run[-1]) if decisions[j] is None)
    if before <= sum(len(paras[j]) for j in run):
        return  # a page of headlines is all the text there is: nothing to tell it from
    for j in run:
        decisions[j] = ("related-list", "one of a run of teaser headlines ending the text")


#: A link to another article dropped between two paragraphs of the body, its headline cut
#: short by the site ("Friday's Best Deals: Children's Books, Circular Lamp, Memory
#: Foam..."): title case on most words and an ellipsis at the end. The body's own
#: subheadings end in no ellipsis, and a sentence cut short is in lower case.
CUT_HEADLINE_MIN_WORDS = 4
CUT_HEADLINE_CAPITALIZED = 0.7
_WORD_START = regex.compile(r"(?<![\p{L}\p{M}'’])\p{L}")
_CLOCK = regex.compile(r"\d:\d\d")


def cut_headline(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """A headline cut short with an ellipsis, alone between two body paragraphs."""
    kept = [i for i, decision in enumerate(decisions) if decision is None]
    for before, i, after in zip(kept, kept[1:], kept[2:], strict=False):
        text = paras[i]
        if not _cut_headline(text, TEASER_MAX_CHARS) or not (
            _body_like(paras[before]) and _body_like(paras[after])
        ):
            continue
        starts = _WORD_START.findall(text)
        if sum(c.isupper() for c in starts) >= CUT_HEADLINE_CAPITALIZED * len(starts):
            decisions[i] = ("related-list", "a headline cut short, dropped into the body")


#: Headlines cut short, ``CUT_HEADLINES_MIN_RUN`` or more in a row: a list of teasers
#: whose titles the site cut to fit ("21 tatouages qui ont merveilleusement bien…"),
#: in any case style (French and Spanish headlines are in sentence case). Each has
#: ``CUT_HEADLINE_MIN_WORDS`` words or more (a writer's trailing-off lines are shorter) and
#: ``CUT_HEADLINES_MAX_CHARS`` at most: a listing's excerpts, cut at 100 characters or so
#: (cleaneval page 52, an index of reviews whose gold keeps them), are the content.
CUT_HEADLINES_MIN_RUN = 3
CUT_HEADLINES_MAX_CHARS = 80


#: A wire story's lead opens with its dateline: the place in capitals, perhaps a
#: country or a date after a comma, perhaps the agency in brackets, then a dash
#: ("MOSCOW (AP) — ", "CANNES, France (CNN) -- ", "BERLIN (dpa) - "). A plain hyphen
#: needs the bracketed agency: "OVTA - Transaction level monitoring" is a term and its
#: gloss, "DE - Newark" a listing's place.
_WIRE_DATELINE = regex.compile(
    r"\p{Lu}[\p{Lu}\p{M}.'’ -]{1,40}?(?:, [^\W\d_][^()\n]{0,40}?)?"
    r"(?: ?\([^()]{2,40}\) ?(?:[—–-]|--)| ?(?:[—–]|--)) ?[\p{L}\p{N}\"“‘«]"
)
#: The longest line start ``_WIRE_DATELINE`` matches (place, country, agency, dash): a
#: dash must be within it before the pattern is tried.
_WIRE_DATELINE_CHARS = 140


def _has_dash(head: str) -> bool:
    """A dash that could close a dateline (``_DATELINE``, ``_WIRE_DATELINE``): an em or
    en dash, or a hyphen after a space, a bracket or another hyphen ("MOSCOW (AP) — ",
    "Paris, 3 mai (Reuters) - ", "BERLIN (dpa)- "); a hyphen inside a word is none."""
    return "—" in head or "–" in head or " -" in head or ")-" in head or "--" in head


#: The words a paragraph is about: four letters or more, no function word of any
#: language (``lang/stopwords``).
_TOPIC_WORD = regex.compile(r"\p{L}{4,}")
#: A summary of another story shares at most this share of its topic words with the
#: wire story below the dateline. Measured on the dev pages: the summaries above
#: yahoo-2's story share 0.00-0.14; the story's own caption 0.64; the body-like
#: paragraphs above the dateline on every other dev page (an intro, a caption, the
#: comments of CNN's page) 0.33 or more. A paragraph needs ``STREAM_MIN_WORDS`` topic
#: words to be judged: a short line shares nothing with anything.
STREAM_MAX_SHARED = 0.2
STREAM_MIN_WORDS = 6
#: Summaries come several at a time; one unrelated paragraph above a story is as
#: likely the writer's own aside. The story itself must be long enough to have a
#: vocabulary: this many body-like paragraphs from the dateline on.
STREAM_MIN_RUN = 3
STREAM_MIN_STORY = 3
#: The story's own summary may stand above the stream (a standfirst, the site's
#: teaser of the story itself); more paragraphs on its subject up there make the page
#: one of the story's kind, whose unrelated paragraphs are its own.
STREAM_MAX_INTRO = 1


@cache
def _function_words() -> frozenset[str]:
    return frozenset().union(*stopwords().values())


def _topic_words(text: str) -> set[str]:
    return {w.casefold() for w in _TOPIC_WORD.findall(text)} - _function_words()


def story_stream(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """Summaries of other stories above a wire story (a news site's stream of
    headlines and blurbs that the extractor kept with the article): the first paragraph
    that opens with a wire dateline starts the story, and the paragraphs above it that
    share almost none of the story's topic words are not its headline, standfirst or
    caption. Three or more of them go, when none of the story's own body-like
    paragraphs stands above them; fewer stay."""
    lead = None
    for i, text in enumerate(paras):
        if (
            decisions[i] is None
            and len(text) >= BODY_LIKE_CHARS
            and text[:1].isupper()
            and _has_dash(text[:_WIRE_DATELINE_CHARS])
            and _WIRE_DATELINE.match(text)
        ):
            lead = i
            break
    if lead is None or lead == 0:  # no wire story, or nothing above it
        return
    story = [i for i in range(lead, len(paras)) if decisions[i] is None]
    if sum(len(paras[i]) >= BODY_LIKE_CHARS for i in story) < STREAM_MIN_STORY:
        return
    vocabulary: set[str] = set()
    for i in story:
        vocabulary |= _topic_words(paras[i])
    unrelated: list[int] = []
    related_above = 0
    for i in range(lead):
        if decisions[i] is not None:
            continue
        words = _topic_words(paras[i])
        if len(words) < STREAM_MIN_WORDS:
            continue
        if len(words & vocabulary) > STREAM_MAX_SHARED * len(words):
            related_above += len(paras[i]) >= BODY_LIKE_CHARS
        elif related_above > STREAM_MAX_INTRO:
            # Body-like paragraphs on the story's subject above an unrelated one, more
            # than a standfirst: the page is of the story's kind and the unrelated
            # paragraphs are its own (a forum thread that quotes a wire story further
            # down), not a stream.
            return
        else:
            unrelated.append(i)
    if len(unrelated) < STREAM_MIN_RUN:
        return
    for i in unrelated:
        decisions[i] = ("story-stream", "shares almost no words with the wire story below")


def cut_headline_runs(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """Runs of ``CUT_HEADLINES_MIN_RUN`` or more headlines cut short."""
    run: list[int] = []
    for i in [*range(len(paras)), None]:
        if i is not None and decisions[i] is not None:
            continue
        if i is not None and _cut_headline(paras[i], CUT_HEADLINES_MAX_CHARS):
            run.append(i)
            continue
        if len(run) >= CUT_HEADLINES_MIN_RUN:
            reason = f"one of {len(run)} headlines cut short in a row"
            for j in run:
                decisions[j] = ("related-list", reason)
        run = []


def _cut_headline(text: str, max_chars: int) -> bool:
    """At most ``max_chars``, ``CUT_HEADLINE_MIN_WORDS`` words or more, cut short with an
    ellipsis, and no clock time ("At 4/20/2005 08:13 AM, Anonymous said...": a comment)."""
    return (
        len(text) <= max_chars
        and text.count(" ") + 1 >= CUT_HEADLINE_MIN_WORDS
        and _CUT_SHORT.search(text) is not None
        and not _CLOCK.search(text)
    )


#: Excerpts of other articles cut at a fixed length by the site ("... as a writer,
#: producer and"): at least this many in a row, each this long at least, none ending a
#: sentence, their lengths within ``EXCERPT_MAX_SPREAD`` of each other (the site's cut).
#: Body paragraphs end their sentences; a hard-wrapped line is shorter and is joined
#: before the rules run.
EXCERPT_MIN_RUN = 3
EXCERPT_MIN_CHARS = 120
EXCERPT_MAX_SPREAD = 1.3
#: A sentence's end, or a colon or semicolon that leads on (a list, a quote follows).
_ENDS_SENTENCE = regex.compile(r"[.!?…:;。！？][\"”’»)\]]*$", _AT_END)
#: A list item ("- Web Console ...", "1. ...") is the writer's list, not an excerpt.
_LIST_ITEM = regex.compile(r"(?:[-*•·▪–—]|\d{1,3}[.)]) ")


def cut_excerpts(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """Runs of teaser excerpts cut at the same length, mid-sentence, in a row.

    A paragraph of the run's length that happens to end a sentence (the site's cut fell
    on a full stop) belongs to the run when the run goes on after it, or when it is the
    text's last paragraph: one at a time, and it does not count towards the run's length.
    """
    run: list[int] = []  # the excerpts and the paragraphs bridging them
    cut = 0  # how many of them are cut mid-sentence
    pending: int | None = None  # a whole paragraph of the run's length, just after it
    shortest = longest = 0
    for i in [*range(len(paras)), None]:
        if i is not None and decisions[i] is not None and decisions[i][0] != "title-case-run":
            continue
        if i is not None and _cut_excerpt(paras[i]):
            size = len(paras[i])
            if run and _within_spread(size, shortest, longest):
                if pending is not None:
                    run.append(pending)
                    pending = None
                run.append(i)
                cut += 1
                shortest, longest = min(shortest, size), max(longest, size)
                continue
            _drop_excerpts(paras, decisions, run, cut)
            run, cut, pending, shortest, longest = [i], 1, None, size, size
            continue
        if (
            i is not None
            and run
            and pending is None
            and _excerpt_sized(paras[i])
            and _within_spread(len(paras[i]), shortest, longest)
        ):
            pending = i
            continue
        if i is None and pending is not None:
            run.append(pending)  # the text's last paragraph
        _drop_excerpts(paras, decisions, run, cut)
        run, cut, pending = [], 0, None


#: WordPress ends an excerpt with "[…]" (its default "more" marker, also "[...]"): a
#: paragraph that ends so after a word is another post's excerpt, whatever its length.
#: ``MARKED_EXCERPT_MIN_RUN`` of them in a row (one paragraph of excerpt length may stand
#: between two, an excerpt whose cut fell on a full stop) are a stream of teasers: an
#: archive, a "previously" list. A quotation that leaves out its end comes alone, and puts
#: the marker inside its quotation marks.
_EXCERPT_MARK = regex.compile(r"\w[,;:]? ?\[(?:…|\.\.\.)\]$", _AT_END)
MARKED_EXCERPT_MIN_RUN = 2


def marked_excerpts(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """Runs of excerpts that end with WordPress's "[…]" marker."""
    run: list[int] = []  # the marked excerpts and the paragraphs bridging them
    marked = 0
    bridge: int | None = None  # an excerpt-sized paragraph just after the last marked one
    for i in [*range(len(paras)), None]:
        if i is not None and decisions[i] is not None:
            continue
        text = paras[i] if i is not None else ""
        if i is not None and len(text) >= EXCERPT_MIN_CHARS and _EXCERPT_MARK.search(text):
            if bridge is not None:
                run.append(bridge)
                bridge = None
            run.append(i)
            marked += 1
            continue
        if i is not None and run and bridge is None and _excerpt_sized(text):
            bridge = i
            continue
        if marked >= MARKED_EXCERPT_MIN_RUN:
            for j in run:
                decisions[j] = ("related-list", f"one of {marked} excerpts ending in '[…]'")
        run, marked, bridge = [], 0, None


def _within_spread(size: int, shortest: int, longest: int) -> bool:
    """A paragraph of ``size`` keeps a run's lengths within ``EXCERPT_MAX_SPREAD``."""
    return max(longest, size) <= EXCERPT_MAX_SPREAD * min(shortest, size)


def _excerpt_sized(text: str) -> bool:
    """As long as an excerpt, and neither a table row nor a list item (the writer's)."""
    return (
        EXCERPT_MIN_CHARS <= len(text) <= TEASER_CUT_MAX_CHARS
        and text[0] != "|"
        and not _LIST_ITEM.match(text)
    )


def _cut_excerpt(text: str) -> bool:
    # The sentence end is asked before the list item: it decides most paragraphs, and
    # without the reference marks' substitution.
    if not EXCERPT_MIN_CHARS <= len(text) <= TEASER_CUT_MAX_CHARS or _ENDS_SENTENCE.search(text):
        return False
    return _excerpt_sized(text) and not _ENDS_SENTENCE.search(_REFERENCES.sub("", text))


#: Reference marks at a paragraph's end ("... a publicity stunt.[36][39]", "[MP3]",
#: "[citation needed]"): the sentence ends before them.
_REFERENCES = regex.compile(r"(?:\s*\[[^\[\]]{1,40}\])+$")


def _drop_excerpts(paras: list[str], decisions: list[Decision], run: list[int], cut: int) -> None:
    if cut >= EXCERPT_MIN_RUN:
        reason = f"one of {cut} excerpts cut mid-sentence at about the same length"
        for j in run:
            if decisions[j] is None:  # a flattened menu among them keeps its own rule
                decisions[j] = ("related-list", reason)


def _headline_shaped(text: str) -> bool:
    return weighted_len(text) <= TEASER_MAX_CHARS and not _SENTENCE_END.search(text)


#: Menu items: one to three words, no digits, no sentence punctuation, no bullet (a
#: bulleted list is the writer's, SPEC keeps it); at most ``MENU_ITEM_MAX_CHARS`` with a
#: CJK character counted three times (a Chinese menu item has two to six characters, a
#: headline of fifteen is not one).
MENU_ITEM = regex.compile(r"\p{L}[\p{L}&'’ -]{0,24}")
MENU_ITEM_MAX_CHARS = 25
MENU_MIN_RUN = 3


def menu_run(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """Runs of menu items above the first body paragraph or below the last one.

    Inside the article such a run is a list that belongs to the text (ingredients, a
    glossary), so only the edges are searched.
    """
    body = [i for i, p in enumerate(paras) if decisions[i] is None and _long_enough(p)]
    if not body:
        return
    for lo, hi in ((0, body[0]), (body[-1] + 1, len(paras))):
        run: list[int] = []
        for i in [*range(lo, hi), None]:
            if i is not None and decisions[i] is not None:
                continue
            if (
                i is not None
                and MENU_ITEM.fullmatch(paras[i])
                and paras[i].count(" ") < 3
                and weighted_len(paras[i]) <= MENU_ITEM_MAX_CHARS
            ):
                run.append(i)
                continue
            if len(run) >= MENU_MIN_RUN:
                for k in run:
                    decisions[k] = ("menu-run", f"one of {len(run)} menu items in a row")
            run = []


#: An ad's own text under its label: short, with a number in it (a price, a rate, a
#: period: offers are numbers), under a label of one or two words. Longer labels are
#: placeholders ("Story continues below advertisement") followed by the body.
AD_COPY_MAX_CHARS = 120
_HAS_DIGIT = re.compile(r"\d")


def ad_copy(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """The short offer that follows an ad label."""
    for i, decision in enumerate(decisions):
        if decision is None or decision[0] != "ad-label" or paras[i].count(" ") > 1:
            continue
        j = i + 1
        while j < len(paras) and decisions[j] is not None and decisions[j][0] != "ad-label":  # type: ignore[index]
            j += 1
        if j < len(paras) and decisions[j] is None:
            text = paras[j]
            if len(text) <= AD_COPY_MAX_CHARS and _HAS_DIGIT.search(text):
                decisions[j] = ("ad-copy", f"offer under the label {paras[i]!r}")


def label_subheadings(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """Give back a label-like line that is a subheading: its words all open the topic of
    the next paragraph ("Sponsored content" above a paragraph about sponsored content)."""
    for i, decision in enumerate(decisions):
        if decision is None or decision[0] not in seen.label_rules or i + 1 >= len(paras):
            continue
        words = [w for w in _WORDS.findall(paras[i].casefold()) if len(w) > 2]
        if len(words) >= 2 and decisions[i + 1] is None:
            following = set(_WORDS.findall(paras[i + 1].casefold()))
            if all(w in following for w in words):
                decisions[i] = None


#: A date line on every other line, this many times in a row, dates the entries of a
#: listing (an archive, classified ads, a list of articles): one field of each entry, as
#: much the content as the entry's title. A page's own date stands once or twice. On the
#: dev set: cleaneval ext-trafilatura 0.8773 -> 0.8787 (an archive of dated entries whose
#: gold keeps the dates; a page of classified ads whose gold drops them, -0.036 on that
#: page), readability full text -0.0001; the other inputs unchanged.
LISTING_DATES_MIN = 5


def listing_dates(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """Give back the timestamp lines that date the entries of a listing: five or more in
    a row, each two lines after the last (date, entry, date, entry ...)."""
    dated = [i for i, d in enumerate(decisions) if d is not None and d[0] == "timestamp"]
    run: list[int] = []
    given_back: set[str] = set()
    for i in [*dated, None]:
        if i is not None and run and i - run[-1] == 2:
            run.append(i)
            continue
        if len(run) >= LISTING_DATES_MIN:
            for j in run:
                decisions[j] = None
                given_back.add(paras[j])
        run = [i] if i is not None else []
    if seen.metadata.get("date") in given_back:
        # The page's date is a date line still removed, not the date of an entry.
        del seen.metadata["date"]
        first = next((i for i in dated if decisions[i] is not None), None)
        if first is not None:
            seen.metadata["date"] = paras[first]


#: Page chrome: a whole-page dump (html-text, a browser's "select all") puts menus, link
#: lists, labels and footers above and below the article, one per line. A *sentence*
#: (terminal punctuation, four words or more) is what an article is made of; chrome
#: lines are not sentences. The first and the last body-like paragraph (100+ chars,
#: ending like a sentence) bound the article; outside them, lines that are not
#: sentences go, except the headline: the last headline-shaped line (3+ words) above the
#: article. Only where the edge holds at least ``CHROME_MIN_LINES`` such lines and at
#: least ``CHROME_MIN_SHARE`` of the page's lines are not prose (lines other rules removed
#: count as not prose: the more chrome the phrase rules recognise, the more the page is a
#: dump, not the less): an extractor's clean output has none or a few (a subheading, a
#: list item), and those stay. Calibrated as a
#: set on the dev pages so that body recall stays at 0.97 of the uncleaned input's or
#: above on every input (SPEC: losing body text is worse than keeping cruft).
CHROME_MIN_LINES = 6
#: Of the run above the article, at least this many lines are unknown to the other rules:
#: with fewer, what is left there is the headline and its neighbours (a score line under
#: a match report's headline), not chrome.
CHROME_MIN_UNKNOWN = 3
CHROME_MIN_SHARE = 0.5
#: Lines without kept prose (one or more removed by a phrase rule) that split a page into
#: blocks: a share bar, a related list, a footer between the article and the rest.
CHROME_GAP_LINES = 10
#: A whole-page dump shows chrome that the line rules recognise (a skip link, a menu, site
#: labels, share buttons, an ad label); an extractor's output has none or one (a stray
#: "Print"). Without at least this many such lines the text is not a dump, and its short
#: non-sentences (a listing's records, a bulleted archive, a reference's fields) stay.
#: Dates, bylines, footers and duplicates do not count: an article or a listing has them.
#: Measured on the dev set, the extractors' outputs lost far more body than chrome to
#: this rule (cleaneval ext-trafilatura: 1,094 of 1,419 removed shingles were gold).
CHROME_MIN_EVIDENCE = 2
CHROME_EVIDENCE_RULES = frozenset(
    {
        "skip-link",
        "accessibility-links",
        "breadcrumb",
        "pagination",
        "post-navigation",
        "menu-line",
        "menu-run",
        "language-menu",
        "site-label",
        "text-size",
        "player-label",
        "player-timecodes",
        "channel-promo",
        "newsletter-signup",
        "social-follow",
        "app-download",
        "support-ask",
        "ad-label",
        "cookie-banner",
        "related-link",
        "related-list",
        "comment-widget",
        "comment-form",
    }
)
#: Rules of lines that a page's chrome run above the article would hold undecided if
#: they did not exist (added after the run's threshold was calibrated): a pager, post
#: links, a line of the post's meta fields, its date and author ("on March 10, 2015 by
#: Nikhil Marathe").
NAVIGATION_RULES = frozenset({"pagination", "post-navigation", "meta-bar", "dated-byline"})
#: The rules whose lines above the article count towards its run of chrome.
_RUN_RULES = NAVIGATION_RULES | CHROME_EVIDENCE_RULES
#: Phrase rules whose lines stand inside an article, not between it and the page: a
#: wiki's hatnotes ("Main article: ...") head its sections, and a run of them around an
#: infobox must not split the article into blocks; a forum thread's posts each carry
#: their poster's profile fields.
IN_ARTICLE_RULES = frozenset({"hatnote", "forum-profile"})
#: A wrapped line of prose is long; a menu item going on in lower case is not.
WRAPPED_MIN_CHARS = 40
#: A sentence's end, perhaps followed by the desk's or the agency's tag in brackets
#: ("... voraus. (bsc)", "... on Monday. (AFP)"): the last paragraph of a heise or a wire
#: story is a sentence (heise full text lost it as a line below the article).
_SENTENCE_LIKE = regex.compile(r"[.!?…。！？][\"”’»)\]]*(?: \([\p{L}/ ]{2,20}\))?$", _AT_END)


def page_chrome(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """Non-sentence lines above and below the article of a whole-page dump.

    The article is the main block of the page (:func:`_main_block`): a page split where
    chrome separates its parts, the part with the most connected body text. Above and
    below it, the lines that are not sentences go (except the headline); when the page is
    a dump (at least half its kept lines are not prose), so do the short prose lines of
    the parts cut away (teaser blurbs, widget sentences).

    Not on trafilatura's output (``seen.extracted``): the page's chrome is already gone
    there, and the lines that remain short and sentence-less are the article's own
    (lists, records, code); measured on the dev HTML pages, the rule removed far more
    body than chrome from extracted text. For the same reason not on text that shows
    fewer than ``CHROME_MIN_EVIDENCE`` lines of recognised chrome: in text mode that is
    how an extractor's output (or a page without chrome) tells itself from a dump.
    """
    if seen.extracted:
        return
    evidence = sum(1 for d in decisions if d is not None and d[0] in CHROME_EVIDENCE_RULES)
    if evidence < CHROME_MIN_EVIDENCE:
        return
    if not any(d is None and _body_like(p) for p, d in zip(paras, decisions, strict=True)):
        return
    kept = [i for i, d in enumerate(decisions) if d is None]
    prose = {i for i in kept if _is_prose(paras, i)}
    if len(paras) - len(prose) < CHROME_MIN_SHARE * len(paras):
        return  # mostly prose: an extractor's output, not a whole page
    block = _main_block(paras, decisions, kept, prose, seen.phrase_rules)
    body = [i for i in block if _body_like(paras[i])]
    records = _record_lines(paras, kept)
    content = prose | records if records else prose
    top = [i for i in range(body[0]) if decisions[i] is None and i not in content]
    after = range(body[-1] + 1, len(paras))
    bottom = [i for i in after if decisions[i] is None and i not in content]
    # Lines that a chrome or navigation rule already took above the article (a skip link,
    # site labels, a pager, post links) are chrome lines of the run all the same: counting
    # only the unknown ones made each newly known line a reason to keep the rest.
    known = sum(1 for d in decisions[: body[0]] if d is not None and d[0] in _RUN_RULES)
    if len(top) >= CHROME_MIN_UNKNOWN and len(top) + known >= CHROME_MIN_LINES:
        headline = next((i for i in reversed(top) if _headline_like(paras[i])), None)
        for i in top:
            if i != headline:
                decisions[i] = ("page-chrome", "not a sentence, above the article")
    if len(bottom) >= CHROME_MIN_LINES:
        for i in bottom:
            decisions[i] = ("page-chrome", "not a sentence, below the article")
    for i in prose:
        outside = (i < block[0] and block[0] != kept[0]) or (
            i > block[-1] and block[-1] != kept[-1]
        )
        if outside and decisions[i] is None and not _body_like(paras[i]) and i not in records:
            decisions[i] = ("page-chrome", "short prose outside the main block of the page")


#: A listing's records: lines of one field each, "Label: value", with at least
#: ``RECORD_MIN_FIELDS`` labels that each stand on ``RECORD_MIN_REPEATS`` lines or more
#: ("Civic Address: ...", "Rates: ...", "Season: ..." for each course of a directory).
#: They are the page's content, however short. One label repeated is not a record: a
#: list of teasers titled alike ("Review: ...", "These Weeks in Firefox: Issue 85"), two
#: are a footer's offices ("Phone: ...", "Email: ..." for each). On cleaneval page 43, a
#: directory of golf courses, one more chrome line recognised made the rule take the
#: records (fulltext F1 0.975 -> 0.413; with this guard 0.94).
RECORD_MIN_REPEATS = 3
RECORD_MIN_FIELDS = 3
_FIELD = regex.compile(r"(\p{L}[\p{L}\p{M}'’ -]{0,24}): \S")


def _record_lines(paras: list[str], kept: list[int]) -> set[int]:
    """The kept lines that are fields of a listing's records (see ``RECORD_MIN_FIELDS``)."""
    labels: dict[str, list[int]] = {}
    for i in kept:
        found = _FIELD.match(paras[i])
        if found:
            labels.setdefault(found.group(1).casefold(), []).append(i)
    fields = [lines for lines in labels.values() if len(lines) >= RECORD_MIN_REPEATS]
    if len(fields) < RECORD_MIN_FIELDS:
        return set()
    return {i for lines in fields for i in lines}


def _body_like(text: str) -> bool:
    return len(text) >= BODY_LIKE_CHARS and bool(_SENTENCE_LIKE.search(text))


def _main_block(
    paras: list[str],
    decisions: list[Decision],
    kept: list[int],
    prose: set[int],
    phrase_rules: Collection[str],
) -> list[int]:
    """The kept lines of the page's main block, in order.

    The page is split where at least ``CHROME_GAP_LINES`` lines pass without a kept prose
    line, one or more of them removed by a phrase rule (a share bar, a "Related" heading,
    a cookie notice: evidence that the page left the article; shapes do not count, a
    column of numbers in a table or code is content). Each part scores the characters of
    its body-like paragraphs, twice for those whose kept neighbour is prose too (an
    article is connected prose; teaser blurbs and comments stand between short lines).
    On the dev pages' full text this choice of bounds raised F1 by +0.009 (readability)
    and +0.002 (cleaneval) with recall kept; the extractors' outputs are unchanged.
    """
    blocks: list[list[int]] = []
    current: list[int] = []
    gap_kept: list[int] = []
    gap_phrases = 0
    for i, decision in enumerate(decisions):
        if decision is None and i in prose:
            if len(gap_kept) + gap_phrases >= CHROME_GAP_LINES and gap_phrases:
                if current:
                    blocks.append(current)
                current = []
            else:
                current.extend(gap_kept)
            gap_kept, gap_phrases = [], 0
            current.append(i)
        elif decision is None:
            gap_kept.append(i)
        elif decision[0] in phrase_rules and decision[0] not in IN_ARTICLE_RULES:
            gap_phrases += 1
    current.extend(gap_kept)
    if current:
        blocks.append(current)
    position = {i: n for n, i in enumerate(kept)}

    def score(block: list[int]) -> int:
        total = 0
        for i in block:
            if _body_like(paras[i]):
                n = position[i]
                near = (kept[m] for m in (n - 1, n + 1) if 0 <= m < len(kept))
                connected = any(j in prose for j in near)
                total += len(paras[i]) * (2 if connected else 1)
        return total

    return max(blocks, key=score)


def _headline_like(text: str) -> bool:
    # Three words, or four characters of a script written without spaces ("欲張りなイヌ").
    if len(text) > 200:
        return False
    return text.count(" ") >= 2 or (" " not in text and len(text) >= 4 and not text.isascii())


def _is_prose(paras: list[str], i: int) -> bool:
    """A sentence, a line of wrapped prose (it or the next starts in lower case), or a
    table row: content, never chrome."""
    text = paras[i]
    if _is_sentence(text) or text.startswith("|"):
        return True
    if len(text) >= WRAPPED_MIN_CHARS and i + 1 < len(paras) and paras[i + 1][:1].islower():
        return True
    previous = paras[i - 1] if i else ""
    return (
        text[0].islower()
        and len(previous) >= WRAPPED_MIN_CHARS
        and not _SENTENCE_LIKE.search(previous)
    )


def _is_sentence(text: str) -> bool:
    # Long text is prose whatever its last character ("... grade configuration (RH)").
    # Scripts written without spaces (Chinese, Japanese) count characters, not words.
    words = text.count(" ") + 1
    return len(text) >= BODY_LIKE_CHARS or (
        (words >= 4 or (words == 1 and len(text) >= 12)) and bool(_SENTENCE_LIKE.search(text))
    )


def comment_section(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """Cut from the first comment heading that closes the article to the end.

    Besides the comment headings (phrase rules that cut to the end), the first of
    ``COMMENT_AUTHOR_MIN_LINES`` or more lines naming a commenter the way a widget does
    for one who gave no name ("Anonymous", "Anonyme") opens the section: comments shown
    without a heading.
    """
    openers = set(seen.openers)
    authors = _comment_author()
    named = [
        i
        for i, p in enumerate(paras)
        if decisions[i] is None and len(p) <= COMMENT_AUTHOR_MAX_CHARS and authors.fullmatch(p)
    ]
    if len(named) >= COMMENT_AUTHOR_MIN_LINES:
        openers.add(named[0])
    if not openers:
        return
    sizes = [len(p) for p in paras]
    total = sum(sizes)
    before_chars = 0
    body_before = 0
    first = min(openers)
    for i in range(len(paras)):
        if i >= first and i in openers and body_before >= COMMENT_MIN_BODY_BEFORE:
            if _longest_body_run(paras, decisions, range(i + 1, len(paras))) > _longest_body_run(
                paras, decisions, range(i)
            ):
                return  # the article's longest stretch comes after the heading: not comments
            if total - before_chars - sizes[i] <= before_chars:
                if decisions[i] is None:
                    decisions[i] = ("comment-section", f"commenter {paras[i]!r} opens comments")
                for j in range(i + 1, len(paras)):
                    if decisions[j] is None:
                        decisions[j] = ("comment-section", f"after comment heading {paras[i]!r}")
                return
        if decisions[i] is None:
            before_chars += sizes[i]
            body_before += weighted_len(paras[i]) >= BODY_LIKE_CHARS


#: A commenter drawn as a letter avatar: a line of one letter, then the commenter's name
#: opening with it ("S" above "Sky"), as widgets print a user without a picture (Yahoo's
#: comments, Coral Talk, Commento). ``AVATAR_MIN_HEADERS`` or more such headers are a
#: list of comments, wherever it stands (an extractor may put it above the article: on
#: readability yahoo-2 it did). One alone stays (a drop cap above a word, a letter
#: heading of an index). A name is ``AVATAR_NAME_MIN_CHARS`` or more long ("Aa", a
#: text-size button after an "A", is none) and no sentence. Each header goes with its
#: comment: up to the next header when that is at most ``AVATAR_COMMENT_MAX_LINES``
#: lines on (the header's two lines and a few paragraphs), else it is one paragraph; and
#: it never reaches into the document's longest run of body-like paragraphs, the
#: article (a featured comment above the article, the list below it). The letter has a
#: case (Latin, Cyrillic, Greek): a lone CJK character above a heading that opens with
#: it is text.
AVATAR_MIN_HEADERS = 2
AVATAR_COMMENT_MAX_LINES = 6
AVATAR_NAME_MIN_CHARS = 3
AVATAR_NAME_MAX_CHARS = 40
_AVATAR_NAME = regex.compile(r"[\p{L}\d][\p{L}\p{M}\d ._'’-]*")


def avatar_comments(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """Comments under letter-avatar headers: each header and its comment."""
    heads = [
        i
        for i in range(len(paras) - 1)
        if len(paras[i]) == 1
        and decisions[i] is None
        and paras[i].lower() != paras[i].upper()
        and _avatar_name(paras[i], paras[i + 1])
    ]
    if len(heads) < AVATAR_MIN_HEADERS:
        return
    _, article = _longest_body_span(paras, decisions, range(len(paras)))
    for k, i in enumerate(heads):
        end = min(i + 3, len(paras))
        if k + 1 < len(heads) and heads[k + 1] - i <= AVATAR_COMMENT_MAX_LINES:
            end = heads[k + 1]
        reason = f"comment under the letter avatar {paras[i]!r} of {paras[i + 1]!r}"
        for j in range(i, end):
            if j in article:
                break
            if decisions[j] is None:
                decisions[j] = ("comment-avatar", reason)


def _avatar_name(letter: str, name: str) -> bool:
    return (
        AVATAR_NAME_MIN_CHARS <= len(name) <= AVATAR_NAME_MAX_CHARS
        and name[0].casefold() == letter.casefold()
        and name.count(" ") < 4
        and _AVATAR_NAME.fullmatch(name) is not None
    )


COMMENT_AUTHOR_MAX_CHARS = 40


def _long_enough(text: str) -> bool:
    """As long as a body paragraph (``BODY_LIKE_CHARS``), a CJK character counted
    ``CJK_WEIGHT`` times (``lang.weighted_len``): a Chinese paragraph of 40 characters
    says what one of 120 letters says."""
    return len(text) >= BODY_LIKE_CHARS or (
        len(text) * CJK_WEIGHT >= BODY_LIKE_CHARS and weighted_len(text) >= BODY_LIKE_CHARS
    )


@cache
def _comment_author() -> regex.Pattern[str]:
    names = sorted(set(lexicon_lines("comment-authors.txt")), key=len, reverse=True)
    alternation = "|".join(regex.escape(n) for n in names)
    return regex.compile(
        rf"(?:{alternation})(?: (?:says|said|wrote|sagt|schrieb|dit|dice|disse|zegt))?:?",
        regex.IGNORECASE,
    )


def _longest_body_run(paras: list[str], decisions: list[Decision], indices: range) -> int:
    """Characters of the longest run of consecutive body-like paragraphs in ``indices``."""
    return _longest_body_span(paras, decisions, indices)[0]


def _longest_body_span(
    paras: list[str], decisions: list[Decision], indices: range
) -> tuple[int, range]:
    """The characters and the indices of the longest run (in characters) of consecutive
    body-like kept paragraphs in ``indices`` (removed lines do not break a run; a kept
    short line does)."""
    best, best_span = 0, range(0)
    run, start = 0, 0
    for i in indices:
        if decisions[i] is not None:
            continue
        if _body_like(paras[i]):
            if run == 0:
                start = i
            run += len(paras[i])
            if run > best:
                best, best_span = run, range(start, i + 1)
        else:
            run = 0
    return best, best_span


def duplicates(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """A paragraph shown twice: the first stays, the repeat goes.

    Only pairs: a paragraph that occurs three times or more is a pattern of the content
    itself (a field of a listing, a refrain, a quoted post in a forum thread), not a
    scraping accident such as a caption or headline shown twice. Long paragraphs (more
    than one sentence, or over ``DUPLICATE_SHORT_CHARS``) go only when repeats are rare in
    the page: a page whose text is largely repeated repeats on purpose.
    """
    keys: list[str | None] = [None] * len(paras)
    counts: dict[str, int] = {}
    for i, text in enumerate(paras):
        if decisions[i] is not None:
            continue
        key = fingerprint(text)
        if key.count(" ") + 1 < DUPLICATE_MIN_WORDS:
            continue
        keys[i] = key
        counts[key] = counts.get(key, 0) + 1
    pairs = sum(1 for c in counts.values() if c == DUPLICATE_COPIES)
    if not pairs:
        return  # only a paragraph shown exactly twice is judged
    # Quoted posts, code, listings: a page that repeats this much means to. Only a short
    # line shown twice in a row (a chart's title above its picture and in its alt text)
    # still goes there: content does not say the same line twice with nothing between.
    only_adjacent = pairs > DUPLICATE_MAX_PAIRS
    # A key is long when one of its paragraphs is. The share of long paragraphs that
    # repeat is asked only when a long one does (no long pair: none to allow or not).
    long_keys = {
        key
        for key, text in zip(keys, paras, strict=True)
        if key is not None and counts[key] == DUPLICATE_COPIES and _long(text)
    }
    allow_long = not long_keys or (
        DUPLICATE_COPIES * len(long_keys)
        <= DUPLICATE_MAX_LONG_SHARE
        * sum(1 for key, text in zip(keys, paras, strict=True) if key is not None and _long(text))
    )
    shown: dict[str, int] = {}
    last_kept = -1
    for i, key in enumerate(keys):
        if decisions[i] is not None:
            continue
        if key is not None and counts[key] == DUPLICATE_COPIES:
            if key in shown:
                adjacent = shown[key] == last_kept and key not in long_keys
                if adjacent or (not only_adjacent and (allow_long or key not in long_keys)):
                    decisions[i] = ("duplicate", "repeats an earlier paragraph")
                    continue
            else:
                shown[key] = i
        last_kept = i


def _long(text: str) -> bool:
    """Longer than what scraping repeats: over ``DUPLICATE_SHORT_CHARS``, or more than
    one sentence."""
    return len(text) > DUPLICATE_SHORT_CHARS or _SENTENCES.search(text) is not None


def contained_duplicates(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """A paragraph that a longer paragraph repeats at its start (a standfirst or summary
    that the body repeats, a headline that a title line repeats): the longer one stays.

    Containment elsewhere than at the start is not judged: a sentence quoted inside a
    later paragraph is the writer's choice, not a scraping accident.
    """
    by_start: dict[str, list[int]] = {}
    for i, text in enumerate(paras):
        if decisions[i] is None and len(text) > CONTAINED_KEY:
            by_start.setdefault(text[:CONTAINED_KEY], []).append(i)
    # Copies still kept: the text a second clean sees (copies that other rules removed,
    # a comment repeating the article, are not there then; counting them made a second
    # clean remove what the first kept).
    occurrences: dict[str, int] = {}
    for i, text in enumerate(paras):
        if decisions[i] is None:
            occurrences[text] = occurrences.get(text, 0) + 1
    for i, text in enumerate(paras):
        if (
            decisions[i] is not None
            or len(text) < CONTAINED_KEY
            or occurrences[text] > DUPLICATE_COPIES
        ):
            continue  # a line that recurs is a pattern of the content (a log, a listing)
        if text.count(" ", 0, CONTAINED_KEY * 8) + 1 < CONTAINED_MIN_WORDS:
            continue
        for j in by_start.get(text[:CONTAINED_KEY], ()):
            longer = paras[j]
            if (
                len(longer) > len(text)
                and decisions[j] is None
                and longer.startswith(text)
                and longer[len(text)] == " "
            ):
                decisions[i] = (
                    "contained-duplicate",
                    f"repeated at the start of paragraph {j + 1}",
                )
                break
    _summaries(paras, decisions)


def _summaries(paras: list[str], decisions: list[Decision]) -> None:
    """A summary made of the article's own sentences: a paragraph of two or more
    sentences that the kept paragraphs after it repeat word for word, across one or more
    paragraphs, from the start of one (or right after its wire dateline). A teaser box
    shows the lead and the next paragraph as one block; a writer does not repeat a whole
    paragraph of several sentences.
    """
    kept = [i for i, d in enumerate(decisions) if d is None]
    by_start: dict[str, list[int]] = {}  # a key -> positions in ``kept`` starting so
    offsets: dict[int, int] = {}  # a position in ``kept`` -> where its dateline ends
    for n, i in enumerate(kept):
        text = paras[i]
        by_start.setdefault(text[:CONTAINED_KEY], []).append(n)
        head = text[:_DATELINE_CHARS]
        if _has_dash(head) and (m := _DATELINE.match(text)):
            offsets[n] = m.end()
            by_start.setdefault(text[m.end() : m.end() + CONTAINED_KEY], []).append(n)
    for n, i in enumerate(kept):
        text = paras[i]
        if len(text) < CONTAINED_KEY or _SENTENCES.search(text) is None:
            continue
        if text.count(" ") + 1 < CONTAINED_MIN_WORDS:
            continue
        for m in by_start.get(text[:CONTAINED_KEY], ()):
            if m <= n:
                continue
            start = paras[kept[m]]
            after_dateline = not start.startswith(text[:CONTAINED_KEY])
            if after_dateline:
                start = start[offsets[m] :]
            joined, last = start, m
            while len(joined) < len(text) and last + 1 < len(kept):
                last += 1
                joined = f"{joined} {paras[kept[last]]}"
            if last == m and not after_dateline:
                continue  # within one paragraph: judged above (or a plain duplicate)
            if joined.startswith(text) and (len(joined) == len(text) or joined[len(text)] == " "):
                decisions[i] = (
                    "contained-duplicate",
                    f"repeats paragraphs {kept[m] + 1}-{kept[last] + 1} word for word",
                )
                break


def recurring(paras: list[str], decisions: list[Decision], seen: Seen) -> None:
    """Paragraphs whose fingerprint recurs across the documents of one source."""
    boilerplate = seen.boilerplate
    if not boilerplate:
        return
    for i, text in enumerate(paras):
        if decisions[i] is None and paragraph_key(text) in boilerplate:
            decisions[i] = ("recurring-in-source", "recurs across documents of this source")


ContextRule = Callable[[list[str], list[Decision], Seen], None]

#: The context rules by rule id, in the order they decide: cruft first, duplicates last
#: (SPEC: a widget repeating the headline goes, the headline stays), corpus boilerplate
#: at the very end.
ORDER: tuple[tuple[str, ContextRule], ...] = (
    ("picture-caption", picture_caption),
    ("related-list", related_list),
    ("related-list", category_teasers),
    # After the menu runs: a menu above the dump header is not its headline (and a date
    # line under a menu would otherwise be a dump header only once the menu is gone: a
    # second clean would remove what the first kept).
    ("menu-run", menu_run),
    ("dump-header", dump_header),
    ("ad-copy", ad_copy),
    ("comment-avatar", avatar_comments),
    ("comment-section", comment_section),
    ("page-chrome", page_chrome),
    ("related-list", teaser_tail),
    ("related-list", cut_excerpts),
    ("related-list", marked_excerpts),
    ("related-list", headline_tail),
    ("related-list", cut_headline),
    ("related-list", cut_headline_runs),
    ("story-stream", story_stream),
    ("slideshow", slideshow),
    ("duplicate", duplicates),
    ("contained-duplicate", contained_duplicates),
    ("recurring-in-source", recurring),
    # Once more at the end: a date line that the removals above brought to the top is
    # the header a second clean would find (cleaning twice must change nothing).
    ("dump-header", dump_header),
)
