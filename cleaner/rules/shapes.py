"""Line shapes that mark cruft in any language: written as code, scanned like phrases.

Each shape is a regex over one whole paragraph, compiled into one multiline pattern per
document scan (see :class:`cleaner.rules.PhraseMatcher`). Shapes are strong evidence only
because each one describes a line that prose never has: a line of timecodes, a line that
is nothing but a date with a short label, a slash-joined list of names with a news agency.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from itertools import pairwise

import regex

from . import Phrase
from .matcher import _EDGE


@cache
def date_words() -> dict[str, frozenset[str]]:
    """Month, weekday, label and zone words of all languages, by kind."""
    words: dict[str, set[str]] = {}
    for line in lexicon_lines("dates.txt"):
        _lang, kind, *entries = line.split()
        words.setdefault(kind, set()).update(entries)
    return {kind: frozenset(entries) for kind, entries in words.items()}


def lexicon_lines(name: str) -> list[str]:
    """The non-comment, non-blank lines of ``rules/lexicon/<name>``, stripped."""
    text = (files("cleaner.rules") / "lexicon" / name).read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def pagination_words() -> dict[str, frozenset[str]]:
    """Page-navigation words of all languages, lower-cased, by kind (``nav``, ``page``,
    ``of``: ``lexicon/pagination.txt``)."""
    words: dict[str, set[str]] = {}
    for line in lexicon_lines("pagination.txt"):
        _lang, kind, *entries = line.split()
        words.setdefault(kind, set()).update(e.lower() for e in entries)
    return {kind: frozenset(entries) for kind, entries in words.items()}


@cache
def agencies() -> frozenset[str]:
    """News and photo agency names, lower-cased (``lexicon/agencies.txt``)."""
    return frozenset(line.lower() for line in lexicon_lines("agencies.txt"))


def _lexicon_words(name: str) -> frozenset[str]:
    return frozenset(word for line in lexicon_lines(name) for word in line.split())


def _alternation(words: frozenset[str]) -> str:
    """A pattern that matches exactly ``words``, written as a trie of their characters
    (``jan(?:uary)?|...``): the ``regex`` engine tries a plain alternation word by word
    at every place the shape backtracks to, which made the timestamp shape, with a few
    hundred date words, several times slower. The set of strings matched is the same, so
    whether a shape matches a line whole is too."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    branches = [regex.escape(c) + _trie_pattern(node[c]) for c in sorted(node) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


@cache
def _date_tokens() -> tuple[str, str, str]:
    """The patterns of a numeric date, a date with a month's name, and a time of day: a
    timestamp line holds one of them at least."""
    month = _alternation(date_words()["month"])
    # "2022年1月12日", "1月12日": the Chinese and Japanese date, written without spaces;
    # "2022년 1월 12일", the Korean one, with them.
    num_date = (
        r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|(?:\d{4}年)?\d{1,2}月\d{1,2}日"
        r"|(?:\d{4}년 ?)?\d{1,2}월 ?\d{1,2}일"
    )
    # "1 de diciembre de 2017": Spanish and Portuguese join the day and the month with "de"
    # "21-Dec-2018", "21.dez.2018": the month's name between the day and the year, joined
    word_date = (
        rf"(?:\d{{1,2}}\.? (?:de )?)?(?:{month})\.?(?: \d{{1,2}}(?:st|nd|rd|th)?,?)?(?: \d{{4}})?"
        rf"|\d{{1,2}}(?:\.(?:{month})\.|-(?:{month})-|/(?:{month})/)\d{{2,4}}"
    )
    clock = r"\d{1,2}[:.h]\d{2}(?::\d{2})?(?: ?[ap]\.?m\.?)?|\d{1,2}[時时]\d{1,2}分"
    return num_date, word_date, clock


@cache
def _date_token() -> regex.Pattern[str]:
    return regex.compile("|".join(_date_tokens()), regex.IGNORECASE)


@cache
def _pagination_pattern() -> str:
    pw = pagination_words()
    page_word = _alternation(pw["nav"] | pw["page"] | pw["of"])
    return rf"(?:(?>\d{{1,4}}|(?:{page_word})(?!\p{{L}})|[«»‹›<>…|·:/\[\]()]+|\.{{2,3}}) *)++"


@cache
def _pagination_line() -> regex.Pattern[str]:
    """The pagination shape as the matcher compiles it (edges and case as there): the
    gate asks it first, since most lines with a digit are not pagers and the pattern
    rejects them faster than the numbers can be read."""
    return regex.compile(f"{_EDGE}(?:{_pagination_pattern()}){_EDGE}", regex.IGNORECASE)


@cache
def _timestamp_pattern() -> str:
    """Labels, then date parts, at least one of them a date or a time, then more parts."""
    dw = date_words()
    weekday = _alternation(dw["weekday"])
    label = _alternation(dw["label"] | dw["zone"])
    num_date, word_date, clock = _date_tokens()
    date_part = rf"(?:{num_date}|{word_date}|{clock}|(?:{weekday})\.?|\d{{1,2}}|\d{{4}})"
    sep = r"[ ,|/•·–—()（）-]*"  # "Posted: 10:12 AM EDT (1412 GMT)", "1月12日（水）"
    label_word = rf"(?:{label}|(?-i:\p{{Lu}}{{2,}}))"
    return (
        rf"(?:{label_word}[:：]?{sep}){{0,4}}(?:{date_part}{sep}){{0,6}}"
        rf"(?:{num_date}|{word_date}|{clock})(?:{sep}(?:{date_part}|{label_word}[:：]?))*\)?"
    )


@cache
def _timestamp_line() -> regex.Pattern[str]:
    """The timestamp shape with the matcher's edges and case."""
    return regex.compile(f"{_EDGE}(?:{_timestamp_pattern()}){_EDGE}", regex.IGNORECASE)


@cache
def shape_phrases() -> tuple[Phrase, ...]:
    """The shapes as phrase entries, so they compile and test like phrase data."""
    agency = _alternation(agencies())
    counter = _alternation(_lexicon_words("counters.txt"))
    name = r"(?-i:\p{Lu}[\p{L}.'’-]*(?: [\p{L}.'’-]+){0,3})"
    entries = [
        (
            "player-timecodes",
            r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:(?: / | |/)(?:\d{1,2}:)?\d{1,2}:\d{2})*",
            "0:00 0:03:48 0:00",
        ),
        (
            "timestamp",
            # The decision is the gate's (_timestamp_gate, which asks _timestamp_pattern
            # and remembers the answer per digit shape); the pattern only bounds it.
            r"[^\n]{1,90}",
            "NEWS 12.01.202220:17 || Updated 5:32 PM ET, Wed January 12, 2022 || "
            "Monday, May 16, 2005 Posted: 10:12 AM EDT (1412 GMT)",
        ),
        (
            "breadcrumb",
            # Items start with a letter: "entries > 10 AND x > 3" is code, not a trail.
            # The last item may be the page's own title, longer than a section's name.
            r"(?>\p{L}(?:[^\n<>»›|]{0,38}[^\s<>»›|])?)"
            r"(?:(?: > | ?[»›] ?)(?>\p{L}(?:[^\n<>»›|]{0,38}[^\s<>»›|])?)){1,7}"
            r"(?: > | ?[»›] ?)(?>\p{L}(?:[^\n<>»›|]{0,98}[^\s<>»›|])?)",
            "Home > World > Europe || Startseite » Politik » Ausland || "
            "Fan Forum > Community > Cafe > la matière officielle de Le Tour de France",
        ),
        (
            "breadcrumb",
            r"(?>(?-i:\p{Lu})(?:[^\n<>»›|.!?]{0,29}[^\s<>»›|.!?])?)"
            r"(?: > | ?[»›] ?)(?>(?-i:\p{Lu})(?:[^\n<>»›|.!?]{0,29}[^\s<>»›|.!?])?)",
            "Business > Media || Anasayfa > Gündem",
        ),
        (
            "menu-line",
            # Items neither start nor end with a space, and are atomic: the separators'
            # spaces can then be read one way only, which keeps the match linear.
            # No digits: a row of a table ("| Auckland | 1,628,900 |") is not a menu.
            r"(?>[^\s|·•▪.!?\d](?:[^\n|·•▪.!?\d]{0,28}[^\s|·•▪.!?\d])?)"
            r"(?: ?[|·•▪] ?(?>[^\s|·•▪.!?\d](?:[^\n|·•▪.!?\d]{0,28}[^\s|·•▪.!?\d])?)){2,30}",
            "About Us | Contact | Privacy Policy | Terms of Use | Site Map || "
            "International ▪ Politique ▪ Société ▪ Économie ▪ Culture",
        ),
        (
            "pagination",
            # Numbers, navigation words and arrows, nothing else; each token is atomic so
            # the line is read one way only. The gate checks that the numbers count up.
            _pagination_pattern(),
            "1 2 3 4 5 6 7 8 9 10 Next || « Prev 1 2 3 … 10 Next » || Page 1 of 5 || "
            "Seite 2 von 3 || Страница 1 из 4 || 上一页 1 2 3 下一页",
        ),
        (
            "share-count",
            rf"\d[\d,. ]*[kKmM]? ?(?:{counter})|(?:{counter}) \d[\d,.]*[kKmM]?",
            "1.2K shares || Share 214",
        ),
        ("share-count", r"\d{1,3}(?:[,.]\d{3})*(?:[.,]\d)?[kKmM]?", "84 || 1,204 || 3.4K"),
        (
            "credit-line",
            rf"(?:{name} ?/ ?){{0,3}}(?:{agency})(?: ?/ ?[\p{{L}} .-]{{1,30}}){{0,3}}",
            "Sega Volskii / AFP / Ilustracija",
        ),
        (
            "credit-line",
            rf"{name}(?: ?/ ?{name}){{1,3}}(?: ?/ ?(?:{agency}))",
            "Jane Doe / Staff / Reuters",
        ),
        (
            "credited-caption",
            # a caption, then a parenthesis that names an agency, a photo, or a "via"
            rf".{{10,400}}\((?:[^()\n]{{0,80}}\b(?:{agency})\b[^()\n]{{0,80}}"
            r"|(?:photo|foto|image|picture|credit|video)s?(?: by)?:? [^()\n]{1,80}"
            r"|[^()\n]{1,80} via [^()\n]{1,80})\)",
            "Wendy Sherman, left, and Sergei Ryabkov. (Denis Balibouse/Pool/AFP via Getty Images)",
        ),
        (
            "credited-caption",
            # a caption, then a bar and a labelled photo credit ("... | Foto: Reuters"):
            # the label is a photo word of one of the languages covered
            r".{10,400}[.!?\p{L}\d\)] \| (?:photo|foto|bild|image|picture|credit|crédit|"
            r"фото|zdjęcie|fotografie|fotoğraf|imagen|imagem|afbeelding)s?"
            r"(?: by| von| de| di)?: [^|\n]{1,80}",
            "Tomáš Souček po vítězství ve Villa Parku. | Foto: Reuters || "
            "Spieler nach dem Sieg. | Bild: Keystone",
        ),
        (
            "title-case-run",
            # The decision is the gate's (_title_case_run); the pattern only bounds it.
            r"[^\n]{120,3000}",
            "Training Where to Ride Racing Beginning Cycling Weight Loss Famous Cyclists "
            "Womens Cycling Equipment Maintenance Bike Reviews Road Bikes Mountain Bikes "
            "Touring Commuting Kids Bikes Helmets Clothing Shoes Accessories Glossary",
        ),
        (
            "dated-byline",
            # The decision is the gate's (_dated_byline); the pattern only bounds it.
            r"[^\n]{8,120}",
            "January 5, 2020 by John Smith || 11.09.2011, 16:20 von jovelstefan || "
            "5. Januar 2020 von Max Müller",
        ),
        (
            "repeated-title",
            # The decision is the gate's (_repeated_title); the pattern only bounds it.
            r"[^\n]{8,600}",
            "How to Defeat the Urge to Binge Shop How to Defeat the Urge to Binge Shop "
            "How to Defeat the Urge to Binge Shop || Week in Review Week in Review",
        ),
        (
            "language-menu",
            # The decision is the gate's (_language_menu); the pattern only bounds it.
            r"[^\n]{20,3000}",
            "Other languages: Asturianu Български Català Čeština Deutsch English (British) "
            "Español (de España) Français Italiano 日本語 Nederlands Русский 中文 (简体)",
        ),
        (
            "alphabet-index",
            # An A-Z index: single letters, an optional label before them. The gate checks
            # that the letters run in the alphabet's order.
            r"(?:[^\n]{1,30}?[:：] ?)?(?:(?:#|0-9|0–9)[ |·•,/-]{1,3})?"
            r"\p{L}(?:[ |·•,/-]{1,3}\p{L}){14,40}",
            "Index actualité : A B C D E F G H I J K L M N O P Q R S T U V W X Y Z || "
            "# A B C D E F G H I J K L M N O P Q R S T U V W X Y Z || "
            "А Б В Г Д Е Ж З И К Л М Н О П Р С Т У Ф Х Ц Ч Ш Щ Э Ю Я",
        ),
        (
            "archive-list",
            # A blog's archive widget flattened into one line: three or more months or
            # years, each with its post count in brackets; an optional label first.
            r"(?:[^\d\n()]{1,30}[:：]? ?)?"
            r"(?:[►▼▸▾•|]? ?(?:\p{L}{1,12}\.? )?\d{4}(?: ?(?:\p{L}{1,12}|\d{1,2}月))?"
            r" ?\(\d{1,5}\)[ ,;|]*){3,}",
            "文章精選 2016 十月 (1) 2016 八月 (1) 2016 七月 (2) || "
            "Archives: November 2016 (3) October 2016 (5) September 2016 (2) || "
            "► 2015 (8) ► 2014 (8) ► 2013 (16)",
        ),
        (
            "reaction-list",
            # The decision is the gate's (_reaction_list); the pattern only bounds it.
            r"[^\n]{10,200000}",
            "KuroKitsune, jennyjenka, Sky_King and Katyuam as well as 3381 guests left kudos "
            "on this work! || Anna Berg, Tom Kay, Jun Ito and 12 others like this.",
        ),
    ]
    return tuple(
        Phrase(rule, "xx", pattern, example, f"shapes.py:{rule}", _GATES[rule])
        for rule, pattern, example in entries
    )


_LETTERS = re.compile(r"[^\W\d_]+")
#: The units of a Chinese, Japanese or Korean date and time ("2022年1月12日 20時17分配信") part
#: the words around them, as a space does.
_DATE_WORDS = re.compile(r"[^\W\d_年月日時时分년월일시분]+")


def _date_words_only(line: str) -> bool:
    """Every word of the line is a date word, an upper-case label ("NEWS") or a word of
    one or two letters ("a.m.", "5th", "de")."""
    known = _known_date_words()
    return all(
        len(word) <= 2 or word.isupper() or word.lower() in known
        for word in _DATE_WORDS.findall(line)
    )


@cache
def _known_date_words() -> frozenset[str]:
    words = date_words()
    return words["month"] | words["weekday"] | words["label"] | words["zone"]


def _not_table_row(line: str) -> bool:
    # "| Groom | Each other | Corey, Sara |": a table row as extractors write it
    return not line.startswith("|")


def _menu_gate(line: str) -> bool:
    # A table row is a menu only when a cell holds escaped pipes: extractors write a
    # cell's own "|" separators as "\\|" ("| Home \\| Contact \\| Site Map | |"), which a
    # table of data ("| Auckland | 1,628,900 |") never has.
    return _not_table_row(line) or "\\|" in line


#: A menu flattened into one long line: link after link in title case, hardly a sentence,
#: hardly a comma (a list of names has one after each), few words in capitals (a job
#: advert shouts). Prose capitalises a fifth of its words, German nouns about a third.
TITLE_RUN_MIN_CHARS = 120
TITLE_RUN_MIN_WORDS = 20
TITLE_RUN_MIN_CAPITALISED = 0.8
TITLE_RUN_MAX_COMMAS = 0.1
TITLE_RUN_MAX_SHOUTED = 0.25
TITLE_RUN_WORDS_PER_STOP = 25
_RUN_WORDS = re.compile(r"[^\W\d_][^\W\d_'’.&-]*[^\W\d_]")
_RUN_SENTENCE = re.compile(r"[.!?][\"”’)]? +[\"“(]?[^\W\d_](?![^\W\d_]*\.)")


#: Three lower-case words in a row: prose, found within its first words by one C search
#: (the words of a long line are not counted unless this fails).
_LOWER_RUN = regex.compile(r"(?:^|\s)\p{Ll}\S*\s+\p{Ll}\S*\s+\p{Ll}")


def _title_case_run(line: str) -> bool:
    if len(line) < TITLE_RUN_MIN_CHARS or _LOWER_RUN.search(line):
        return False
    words = _RUN_WORDS.findall(line)
    n = len(words)
    if n < TITLE_RUN_MIN_WORDS:
        return False
    capitalised = sum(w[0].isupper() for w in words)
    if capitalised < TITLE_RUN_MIN_CAPITALISED * n:
        return False
    if line.count(",") + line.count(";") > TITLE_RUN_MAX_COMMAS * n:
        return False
    if sum(w.isupper() for w in words) > TITLE_RUN_MAX_SHOUTED * n:
        return False
    # A full stop now and then ("Inc.", "v1.2 Dir.") is not prose: that needs lower case.
    return len(_RUN_SENTENCE.findall(line)) * TITLE_RUN_WORDS_PER_STOP <= n


#: A date line, then "by" and a name: a post's date and author ("January 5, 2020 by John
#: Smith", "11.09.2011, 16:20 von jovelstefan"). The date part must be a timestamp line on
#: its own (``_timestamp_gate``), and the name one to four capitalised words or one
#: handle, so a sentence ("In 2020 by far the most ...") is never one. The gate asks for a
#: digit (a post's date has a day or a year): a month alone ("March by Anna") is no date.
_DATED_BY = regex.compile(
    r"(?P<date>[^\n]{4,60}?),? (?:by|von|par|por|di|door|przez|от|av|af) (?P<name>[^\n]{2,40})"
)
_BYLINE_NAME = regex.compile(
    r"\p{Lu}[\p{L}.'’-]*(?: (?:\p{Lu}[\p{L}.'’-]*|de|da|del|der|van|von|la|le)){0,3}"
    r"|[\p{Ll}\d_.-]{2,30}"
)


def _dated_byline(line: str) -> bool:
    found = _DATED_BY.fullmatch(line)
    return (
        found is not None
        and _BYLINE_NAME.fullmatch(found["name"]) is not None
        and _timestamp_gate(found["date"])
    )


#: A link's title said two to four times in one line, with nothing between (the last copy
#: may be cut short): a teaser card that the scraper flattened (its picture's alt text,
#: its link, its heading: "How to Defeat the Urge to Binge Shop How to Defeat the Urge to
#: Binge Shop How to ..."). Prose does not say a phrase twice back to back. A title has
#: no sentence end (a paragraph of sample text repeated stays), and at least this many
#: words, two of them of letters ("22 Dec, 2016 22 Dec, 2016" is a date shown twice,
#: which the timestamp rule judges).
REPEATED_TITLE_MAX_COPIES = 4
REPEATED_TITLE_MIN_WORDS = 3
#: The opening whose return marks the second copy.
REPEATED_TITLE_HEAD = 8
_TITLE_END = frozenset(".!?…:;。！？")


def _repeated_title(line: str) -> bool:
    # The second copy starts where the line's opening comes back after a space; the last
    # copy may be cut short (a scraper's length limit: "... How to Avoid Impulse Sho").
    head = line[:REPEATED_TITLE_HEAD]
    start = line.find(" " + head, 1)
    while 0 < start <= len(line) // 2:
        piece = line[:start]
        unit = len(piece) + 1
        copies = (len(line) + 1) // unit
        if (
            2 <= copies <= REPEATED_TITLE_MAX_COPIES
            and line == ((piece + " ") * (copies + 1))[: len(line)]
        ):
            words = piece.split()
            return (
                piece[-1] not in _TITLE_END
                and len(words) >= REPEATED_TITLE_MIN_WORDS
                and sum(1 for word in words if sum(c.isalpha() for c in word) >= 2) >= 2
            )
        start = line.find(" " + head, start + 1)
    return False


#: A site's language menu flattened into one line ("Other languages: Afrikaans aragonés
#: العربية ... 中文"): at least this many language names (``lexicon/language-names.txt``),
#: holding at least this share of the line's letters once a leading label ("Other
#: languages:") and the variants in brackets ("Español (de España)") are set aside. No
#: sentence end and hardly a comma: a sentence that lists the languages of an app has
#: both ("Available in English, Deutsch, Français, ... and Русский.").
LANGUAGE_MENU_MIN_NAMES = 5
LANGUAGE_MENU_MIN_SHARE = 0.6
LANGUAGE_MENU_MAX_COMMAS = 2
LANGUAGE_MENU_MIN_CHARS = 25
_MENU_LABEL = regex.compile(r"[^:：|\n]{1,30}[:：] *")
_VARIANT = regex.compile(r"\([^()\n]{1,40}\)")
_LETTER_OR_MARK = regex.compile(r"[\p{L}\p{M}]")


@cache
def _language_names() -> regex.Pattern[str]:
    names = frozenset(name.casefold() for name in lexicon_lines("language-names.txt"))
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{_alternation(names)})(?![\p{{L}}\p{{M}}])")


def _language_menu(line: str) -> bool:
    # A menu of five languages names one of these five (substring tests are the cheapest
    # way past the other lines: a regex alternation cost 1-2 µs a line, the scan's
    # dearest gate).
    if (
        len(line) < LANGUAGE_MENU_MIN_CHARS
        or not (
            "English" in line
            or "Deutsch" in line
            or "Español" in line
            or "Français" in line
            or "Русский" in line
        )
        or line.rstrip()[-1:] in ".!?。"
        or line.count(",") > LANGUAGE_MENU_MAX_COMMAS
    ):
        return False
    label = _MENU_LABEL.match(line)
    rest = _VARIANT.sub(" ", line[label.end() if label else 0 :]).casefold()
    found = _language_names().findall(rest)
    if len(set(found)) < LANGUAGE_MENU_MIN_NAMES:
        return False
    letters = len(_LETTER_OR_MARK.findall(rest))
    return sum(len(name) for name in found) >= LANGUAGE_MENU_MIN_SHARE * letters


#: The people who liked a page, flattened into one line (a fan-fiction archive's kudos,
#: a social widget's "Anna Berg, Tom Kay and 12 others like this."): the line ends with a
#: reaction phrase (``lexicon/reactions.txt``) and what comes before it is a list,
#: separated by commas or "and", of names (a single token, a username, or up to
#: ``REACTION_NAME_WORDS`` capitalised words) and counts ("3381 guests", "12 others",
#: "3711 more users"). At least ``REACTION_MIN_NAMES`` names, or a name and a count:
#: "Boston, Chicago and Denver like this." is too few to tell from a sentence, and "Some
#: people, like my mother, like this." stays, its items are not names. A long list may
#: hold one item in ``REACTION_MAX_ODD`` that is neither (a "show more" link's text
#: glued to a name). The ending is looked for in the line's last characters only (the
#: lists run to 50,000 characters).
REACTION_MIN_NAMES = 4
REACTION_NAME_WORDS = 3
REACTION_NAME_MAX_CHARS = 60
REACTION_COUNT_WORDS = 4
REACTION_MAX_ODD = 20
_REACTION_TAIL_CHARS = 80
_REACTION_JOIN = r"(?:and|as well as|&|und|sowie|et|y|e|i|en|и|і|ve|ile|ja|och|og)"
_REACTION_SEPARATORS = regex.compile(
    rf"\s*[,;，、]\s*(?:{_REACTION_JOIN}\s+)?|\s+{_REACTION_JOIN}\s+", regex.I
)
_REACTION_NAME_WORD = regex.compile(r"[\p{Lu}\d][\p{L}\p{M}\d'’._-]*")


@cache
def _reaction_ending() -> regex.Pattern[str]:
    endings = frozenset(
        line.split(maxsplit=1)[1].casefold() for line in lexicon_lines("reactions.txt")
    )
    return regex.compile(
        rf"\s+(?:{_alternation(endings)})[.!。！]?(?:\s*\([^()\n]{{1,20}}\))?[\s.!]*$",
        regex.I,
    )


@cache
def _reaction_last_words() -> tuple[str, ...]:
    """The last words of the reaction endings: a line that ends with none of them is
    turned down before any regex runs (most lines that reach the gate are prose with a
    comma)."""
    return tuple({line.split()[-1].casefold() for line in lexicon_lines("reactions.txt")})


def _reaction_list(line: str) -> bool:
    end = line.rstrip(" .!。！")
    if end.endswith(")"):
        end = end[: end.rfind("(")].rstrip(" .!。！")
    if not end[-_REACTION_TAIL_CHARS:].casefold().endswith(_reaction_last_words()):
        return False
    start = max(0, len(line) - _REACTION_TAIL_CHARS)
    ending = _reaction_ending().search(line, start)
    if ending is None:
        return False
    names = counts = odd = 0
    items = _REACTION_SEPARATORS.split(line[: ending.start()])
    for item in items:
        words = item.split()
        if len(words) == 1 or (
            1 < len(words) <= REACTION_NAME_WORDS
            and all(_REACTION_NAME_WORD.fullmatch(w) for w in words)
        ):
            if len(item) <= REACTION_NAME_MAX_CHARS:
                names += 1
            else:
                odd += 1
        elif words and len(words) <= REACTION_COUNT_WORDS and any(c.isdigit() for c in item):
            counts += 1
        else:
            odd += 1
    if odd > len(items) // REACTION_MAX_ODD:
        return False
    return names >= REACTION_MIN_NAMES or (names >= 1 and counts >= 1)


#: An A-Z index names at least this many letters, each after the one before in the
#: alphabet (code point order: Latin, Cyrillic, Greek alike); a line of initials or a
#: spelled-out acronym does not run in order. Besides its letters and their separators
#: the line may spend ``_ALPHABET_LABEL_CHARS`` characters on a label.
ALPHABET_MIN_LETTERS = 15
_ALPHABET_LABEL_CHARS = 40
_SINGLE_LETTER = regex.compile(r"(?<![\p{L}\d])\p{L}(?![\p{L}\d])")


def _index_like(length: int, separators: int) -> bool:
    # An index is mostly separators: about one for every two characters past its label,
    # where prose has one in six.
    return (
        separators >= ALPHABET_MIN_LETTERS - 1 and length - _ALPHABET_LABEL_CHARS <= 3 * separators
    )


def _alphabet_gate(line: str) -> bool:
    # The gate sees nearly every short line (they all hold a space): counting separators,
    # spaces first, turns prose down before any regex runs.
    spaces = line.count(" ")
    if not _index_like(len(line), spaces) and not _index_like(
        len(line),
        spaces + line.count("|") + line.count("/") + line.count("·") + line.count("•"),
    ):
        return False
    letters = [c.upper() for c in _SINGLE_LETTER.findall(line)]
    return len(letters) >= ALPHABET_MIN_LETTERS and all(
        a < b for a, b in pairwise(letters[-ALPHABET_MIN_LETTERS:])
    )


#: An archive line names at least this many months or years with their counts.
ARCHIVE_MIN_ENTRIES = 3


def _archive_gate(line: str) -> bool:
    # Not a table row: "| 2014 (12) | 2015 (15) | 2016 (18) |" is a table's data.
    return (
        line.count("(") >= ARCHIVE_MIN_ENTRIES
        and line.count(")") >= ARCHIVE_MIN_ENTRIES
        and _not_table_row(line)
    )


_NUMBERS = re.compile(r"\d+")
_ELLIPSIS = re.compile(r"…|\.{2,3}")
#: Page numbers without a navigation word: a run at least this long ("1 2 3") counting
#: up one by one; with a word ("2 3 Next") two are enough. A calendar's week row counts
#: up too, and is a widget as well.
PAGINATION_MIN_NUMBERS = 3


def _pagination(line: str) -> bool:
    """Page numbers that count up one by one (a gap only at an ellipsis: "1 2 3 … 10"),
    or "Page 1 of 5"; not a row of scores or a lottery draw. (Years counting up, "2019
    2020 2021", are an archive's links: chrome as well.)"""
    if _pagination_line().fullmatch(line) is None:
        return False
    words = set(_LETTERS.findall(line.lower()))
    pw = pagination_words()
    # The numbers of each stretch between ellipses ("1 2 3 … 10": two stretches).
    runs = [[int(n) for n in _NUMBERS.findall(part)] for part in _ELLIPSIS.split(line)]
    numbers = [n for run in runs for n in run]
    if words & pw["page"] and (words & pw["of"] or "/" in line):
        return len(numbers) >= 2 and numbers[0] <= numbers[1]  # "Page 1 of 5"
    if any(b != a + 1 for run in runs for a, b in pairwise(run)):
        return False  # within a stretch, one by one
    if any(b[0] <= a[-1] for a, b in pairwise(run for run in runs if run)):
        return False  # and each stretch above the one before
    needed = 2 if words & pw["nav"] else PAGINATION_MIN_NUMBERS
    return len(numbers) >= needed


def _few_words(line: str) -> bool:
    return line.count(" ") <= 3 and _not_table_row(line)


def _share_count_gate(line: str) -> bool:
    """A few words, and no statement of code: a count never ends with a semicolon
    ("LIMIT" above "   20;" in a query: readability toc-missing)."""
    return _few_words(line) and not line.rstrip().endswith(";")


_DECIMAL = re.compile(r"-?\d+[.,]\d{5,}")


#: Every character a timestamp line can hold: letters (date and label words), digits,
#: the shape's separators, and the colon and full stop of times and abbreviations;
#: and, at either end, the punctuation and symbols the matcher lets a line open and close
#: with (``matcher._EDGE``).
_TIMESTAMP_CHARS = regex.compile(r"[\p{P}\p{S} ]*[\p{L}\d ,|/•·–—()（）\-:：.]*[\p{P}\p{S} ]*")


def _timestamp_gate(line: str) -> bool:
    """A date line, not a table row ("| | Wednesday, 12 Jul, 2006 | |" is a cell of the
    article's table) nor a long decimal ("4.3333333333333333": a number in code output).

    Then the shape's pattern, after two checks that it implies, because a line the
    pattern does not match costs it up to half a millisecond of backtracking: no
    character outside ``_TIMESTAMP_CHARS`` ("2020-08-01 17:59 │ 200"), and a date or a
    time somewhere in the line ("ISNI: 0000 0001 2208 1006" has none). The answer is
    remembered per digit shape (``_TIMESTAMP_SHAPES``)."""
    key = line.translate(_DIGITS_AS_ZERO)
    known = _TIMESTAMP_SHAPES.get(key)
    if known is None:
        if len(_TIMESTAMP_SHAPES) >= _MAX_TIMESTAMP_SHAPES:
            _TIMESTAMP_SHAPES.clear()
        known = _TIMESTAMP_SHAPES[key] = (
            _not_table_row(key)
            and _TIMESTAMP_CHARS.fullmatch(key) is not None
            and not _DECIMAL.fullmatch(key)
            and _date_words_only(key)
            and _date_token().search(key) is not None
            and _timestamp_line().fullmatch(key) is not None
        )
    return known


#: Nothing the timestamp shape asks depends on a digit's value, only on where digits
#: stand: "December 12, 2004" and "December 31, 1999" get one answer, worked out once
#: for "December 00, 0000". A matching line cost the pattern 50-100 µs; dates repeat their
#: shapes across a corpus. At most this many shapes are remembered (then all forgotten).
_DIGITS_AS_ZERO = str.maketrans("123456789", "000000000")
_TIMESTAMP_SHAPES: dict[str, bool] = {}
_MAX_TIMESTAMP_SHAPES = 20_000


#: Each shape's gate: the longest line it may match (its rule's max_chars), characters
#: of which it cannot lack one, and an optional cheap check. Only lines that pass all
#: three are tried against the shape's regex.
_GATES: dict[str, tuple[int, str, Callable[[str], bool] | None]] = {
    "player-timecodes": (60, ":", None),
    "timestamp": (90, "0123456789", _timestamp_gate),
    "breadcrumb": (200, ">»›", None),
    "menu-line": (250, "|·•▪", _menu_gate),
    "pagination": (150, "0123456789", _pagination),
    "share-count": (60, "0123456789", _share_count_gate),
    "credit-line": (120, "/", None),
    "credited-caption": (500, ")|", None),
    "title-case-run": (3000, " ", _title_case_run),
    "language-menu": (3000, " ", _language_menu),
    "dated-byline": (120, "0123456789", _dated_byline),
    "repeated-title": (600, " ", _repeated_title),
    "reaction-list": (200_000, ",;，、", _reaction_list),
    "archive-list": (3000, "(", _archive_gate),
    "alphabet-index": (200, " |·•,/", _alphabet_gate),
}
