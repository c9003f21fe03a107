"""The flow of one document: normalize, observe, decide, assemble.

``Pipeline`` holds everything compiled once (phrase and shape patterns, the rule table);
``run`` is the hot path: repairs as whole-text passes, then one pass of the matchers over
the paragraphs, then the context rules in ``context.ORDER``. Decisions follow SPEC:
phrase and shape rules (certain within their ``max_chars``), then positional context
(dump headers, captions, the comment section, page chrome), then duplicates, then corpus
boilerplate.
"""

from __future__ import annotations

import time
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import regex

from . import html
from ._config import FAMILIES, REPAIRS, Config
from ._errors import ConfigError, InputTooLargeError, TimeBudgetError
from ._result import CleanResult, Removal
from .lang import detect_language
from .normalize import decode, normalize
from .rules import PhraseMatcher, Rule, catalog, load_phrase_file, load_phrases
from .rules import context as ctx
from .rules.context import Decision
from .rules.shapes import shape_phrases

_TITLE_MAX_CHARS = 300
_TITLE_END = regex.compile(r"[.;,]$")
_BYLINE_PREFIX = regex.compile(r"^(?:by|von|par|por|written by|author:?)\s+", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document decoded, extracted and repaired: its paragraphs and what it took."""

    paras: list[str]
    repairs: list[str]
    page_metadata: dict[str, Any]
    seconds: float


class Pipeline:
    """Rules compiled once for a :class:`~cleaner.Config`."""

    def __init__(self, config: Config) -> None:
        self.config = config
        rules = dict(catalog())
        phrases = list(load_phrases())
        for path in config.phrase_files:
            rule, extra = load_phrase_file(path)
            if rule.id in rules and rules[rule.id].kind != "phrase":
                raise ConfigError(f"{path}: rule id {rule.id!r} is a built-in non-phrase rule")
            rules.setdefault(rule.id, rule)
            phrases.extend(extra)
        known = set(rules) | set(FAMILIES) | set(REPAIRS)
        unknown = sorted(config.disable - known)
        if unknown:
            raise ConfigError(f"unknown names in disable: {unknown}; known: {sorted(known)}")
        self.rules: dict[str, Rule] = rules
        self.enabled: set[str] = {
            rid for rid, rule in rules.items() if config.enabled(rid, rule.family)
        }
        self._label_rules = frozenset(r.id for r in rules.values() if r.labels_only)
        self._phrase_rules = frozenset(r.id for r in rules.values() if r.kind == "phrase")
        limits = {rid: rule.max_chars for rid, rule in rules.items()}
        self._phrases = PhraseMatcher((p for p in phrases if p.rule in self.enabled), limits)
        self._shapes = PhraseMatcher((p for p in shape_phrases() if p.rule in self.enabled), limits)
        ctx.warm_up()

    def run(self, data: str | bytes, boilerplate: Collection[int] = ()) -> CleanResult:
        """Clean one document (``boilerplate``: paragraph keys recurring in its source)."""
        return self.finish(self.prepare(data), boilerplate)

    def prepare(self, data: str | bytes, want_metadata: bool = True) -> Prepared:
        """Decode, extract (HTML) and repair one document into paragraphs.

        A batch prepares every document first, counts the paragraphs that recur in a
        source, then finishes each one: nothing is decoded or repaired twice.
        ``want_metadata=False`` (the caller keeps the text only): a page's declared
        fields (byline, date, URL...) are not read; its paragraphs are the same.
        """
        cfg = self.config
        start = time.monotonic()
        if len(data) > cfg.max_input_bytes:
            unit = "bytes" if isinstance(data, bytes) else "characters"
            raise InputTooLargeError(
                f"input of {len(data)} {unit} is above max_input_bytes={cfg.max_input_bytes}"
            )
        repairs: list[str] = []
        is_html = cfg.html if cfg.html is not None else html.looks_like_html(data)
        if isinstance(data, bytes):
            data, encoding = html.decode_html(data) if is_html else decode(data)
            if encoding not in ("utf-8", "ascii"):
                repairs.append("decode")
        page_metadata: dict[str, Any] = {}
        if is_html:
            extracted = html.extract(data, want_metadata=want_metadata)
            data = extracted.text
            page_metadata = extracted.metadata
            repairs.extend(extracted.repairs)
        _check_budget(cfg.time_budget, time.monotonic() - start, "extraction")
        # The caller's hint, else a guess from the text (None when unclear): a document
        # known to be in another language gets no English apostrophe restoration.
        language = cfg.language.lower() if cfg.language else detect_language(data)
        if language:
            page_metadata["language"] = language
        english = None if language is None else language.startswith("en")
        paras, steps = normalize(data, cfg.disable, english=english)
        repairs.extend(steps)
        spent = time.monotonic() - start
        _check_budget(cfg.time_budget, spent, "repair")
        return Prepared(paras, repairs, page_metadata, spent)

    def finish(self, prepared: Prepared, boilerplate: Collection[int] = ()) -> CleanResult:
        """Decide on the paragraphs of a prepared document and assemble the result."""
        start = time.monotonic()
        paras = prepared.paras
        normalized = "\n".join(paras)
        starts = [0] * len(paras)
        pos = 0
        for i, p in enumerate(paras):
            starts[i] = pos
            pos += len(p) + 1
        extracted = "html-extract" in prepared.repairs and "html-fallback" not in prepared.repairs
        decisions, metadata = self.decide(paras, boilerplate, extracted=extracted)
        spent = prepared.seconds + time.monotonic() - start
        _check_budget(self.config.time_budget, spent, "the rules")
        metadata = {**metadata, **prepared.page_metadata}
        return _assemble(
            paras, normalized, starts, decisions, metadata, prepared.repairs, self.rules
        )

    def decide(
        self, paras: list[str], boilerplate: Collection[int] = (), extracted: bool = False
    ) -> tuple[list[Decision], dict[str, Any]]:
        """One decision per paragraph: ``None`` (kept) or ``(rule_id, reason)``.

        ``extracted``: the paragraphs are an HTML extractor's output, not a whole page.
        """
        decisions: list[Decision] = [None] * len(paras)
        seen = ctx.Seen(
            label_rules=self._label_rules,
            boilerplate=boilerplate,
            extracted=extracted,
            phrase_rules=self._phrase_rules,
        )
        metadata = seen.metadata
        openers = seen.openers
        rules = self.rules
        enabled = self.enabled
        for matcher in (self._phrases, self._shapes):
            for i, rule_id in matcher.scan(paras):
                rule = rules[rule_id]
                text = paras[i]
                if decisions[i] is not None or not _certain(rule, text):
                    continue
                decisions[i] = (rule_id, rule.explain)
                if rule.cuts_to_end:
                    openers.add(i)
                _record(metadata, rule, text)
        _spare_headline(paras, decisions)
        self._table_rows(paras, decisions)
        if "meta-bar" in enabled:
            self._meta_bars(paras, decisions, metadata)
        ctx.label_subheadings(paras, decisions, seen)
        if "timestamp" in enabled:
            ctx.listing_dates(paras, decisions, seen)
        for rule_id, rule_step in ctx.ORDER:
            if rule_id in enabled:
                rule_step(paras, decisions, seen)
        return decisions, metadata

    def _table_rows(self, paras: list[str], decisions: list[Decision]) -> None:
        """Table rows (layout tables of old sites, as extractors flatten them) whose every
        cell is chrome: each cell is judged as a line of its own, and the row goes when
        all of them are recognised (a footer's links and its copyright, a breadcrumb
        and its label), or when enough are and the rest are menu items."""
        rows: list[tuple[int, list[str]]] = []
        for i, text in enumerate(paras):
            if decisions[i] is None and text.startswith("|"):
                cells = _cells(text)
                if cells:
                    rows.append((i, cells))
        if not rows:
            return
        flat = [cell for _, cells in rows for cell in cells]
        owner = [k for k, (_, cells) in enumerate(rows) for _ in cells]
        verdict = self._verdicts(flat, _TABLE_SHAPES)
        rules = self.rules
        # A widget box laid out in one cell: a related-content heading, a colon, then its
        # headlines run together ("Most recent posts on the board: ... - posted by ...").
        boxed = [j for j, cell in enumerate(flat) if verdict[j] is None and ": " in cell]
        heads = [flat[j].split(": ", 1)[0] for j in boxed]
        for k, rule_id in self._phrases.scan(heads):
            if rule_id == "related-link" and _certain(rules[rule_id], heads[k]):
                verdict[boxed[k]] = rule_id
        by_row: list[list[str | None]] = [[] for _ in rows]
        for j, k in enumerate(owner):
            by_row[k].append(verdict[j])
        for (i, cells), found in zip(rows, by_row, strict=True):
            known = [r for r in found if r is not None]
            if not known:
                continue
            rest = [c for c, r in zip(cells, found, strict=True) if r is None]
            enough = len(known) >= min(TABLE_MENU_MIN_CHROME, len(cells) / 2)
            menu = enough and all(_TABLE_ITEM.fullmatch(c) and c.count(" ") < 4 for c in rest)
            if not rest or menu:
                decisions[i] = (known[0], f"table row of chrome cells ({', '.join(known)})")

    def _verdicts(
        self, pieces: list[str], shapes: Collection[str] | None = None
    ) -> list[str | None]:
        """Each piece of a line (a table cell, a meta bar's field) judged as a line of its
        own: the first rule that takes it, or None. ``shapes``: the shape rules that
        count (all of them when None)."""
        verdict: list[str | None] = [None] * len(pieces)
        rules = self.rules
        for matcher, shaped in ((self._phrases, False), (self._shapes, True)):
            for j, rule_id in matcher.scan(pieces):
                if verdict[j] is not None or (
                    shaped and shapes is not None and rule_id not in shapes
                ):
                    continue
                if _certain(rules[rule_id], pieces[j]):
                    verdict[j] = rule_id
        return verdict

    def _meta_bars(
        self, paras: list[str], decisions: list[Decision], metadata: dict[str, Any]
    ) -> None:
        """A post's or an article's meta fields in one line, joined by bars or middle
        dots ("Tuesday December 26, 2006 | permalink | comments (0)", "Oct 18, 2019 · 8
        min read", "Le Monde | 04.05.2015 à 13h36 • Mis à jour le ... | Par ..."): each
        field is judged as a line of its own. The line goes when one field is a date or a
        byline and every other one is recognised chrome, but for at most one short name
        (the site's, or the commenter's: "Rarst · March 10, 2017 at 1:26 AM"). A bracketed
        aside at a field's end ("Par X (avec Y et Z)") is not judged. The fields' dates
        and bylines go into ``metadata`` as their rules' lines do."""
        bars: list[tuple[int, list[str]]] = []
        for i, text in enumerate(paras):
            if (
                decisions[i] is None
                and len(text) <= META_BAR_MAX_CHARS
                and text[:1] != "|"
                and _META_SPLIT.search(text)
            ):
                fields = [_TRAILING_ASIDE.sub("", f.strip()) for f in _META_SPLIT.split(text)]
                if all(fields):
                    bars.append((i, fields))
        if not bars:
            return
        verdict = self._verdicts([field for _, fields in bars for field in fields])
        start = 0
        for i, fields in bars:
            found = verdict[start : start + len(fields)]
            start += len(fields)
            anchors = [r for r in found if r in _META_ANCHORS]
            rest = [f for f, r in zip(fields, found, strict=True) if r is None]
            if not anchors or len(rest) > 1:
                continue
            if rest and (not _META_NAME.fullmatch(rest[0]) or rest[0].count(" ") >= 4):
                continue
            decisions[i] = ("meta-bar", f"fields: {', '.join(r or 'name' for r in found)}")
            for field, rule_id in zip(fields, found, strict=True):
                if rule_id is not None:
                    _record(metadata, self.rules[rule_id], field)


#: A meta bar is one line of at most this many characters, its fields joined by a bar,
#: a middle dot or a bullet with a space either side.
META_BAR_MAX_CHARS = 200
_META_SPLIT = regex.compile(r" [|·•] ")
#: The field that makes a bar meta: a date or an author.
_META_ANCHORS = frozenset({"timestamp", "byline"})
#: A name in a bar: a few words, no digit, no sentence end, no colon ("Breaking: ..." is
#: a headline).
_META_NAME = regex.compile(r"[^\d.!?:;|]{1,40}")
_TRAILING_ASIDE = regex.compile(r"\s*\([^()]{1,60}\)$")


def _record(metadata: dict[str, Any], rule: Rule, text: str) -> None:
    """A removed line's value as its rule's metadata field, unless one is known already
    (a byline without its "By")."""
    if rule.metadata:
        value = _BYLINE_PREFIX.sub("", text) if rule.metadata == "byline" else text
        metadata.setdefault(rule.metadata, value)


#: Rules for another article's headline dropped into the body. The text's first line is
#: where its own headline stands, and an explainer is headlined the way a teaser for one
#: is ("Ukraine crisis: what we know so far"): there, above the body, it is the headline.
_HEADLINE_RULES = frozenset({"teaser-headline"})


def _spare_headline(paras: list[str], decisions: list[Decision]) -> None:
    """Give back a headline-rule decision on the first paragraph, when a paragraph of body
    length comes after it (SPEC keeps the headline the input starts with)."""
    if not paras or decisions[0] is None or decisions[0][0] not in _HEADLINE_RULES:
        return
    if any(len(p) >= ctx.BODY_LIKE_CHARS for p in paras[1:]):
        decisions[0] = None


def _certain(rule: Rule, text: str) -> bool:
    """A line or cell a rule's pattern matched is the rule's when it is no longer than the
    rule's ``max_chars`` and, for a rule of labels, does not end a sentence."""
    if len(text) > rule.max_chars:
        return False
    return not (rule.labels_only and text.endswith(".") and not text.endswith(".."))


def _cells(row: str) -> list[str] | None:
    """The non-empty cells of a table row as extractors write it (``| a | b |``, a pipe
    inside a cell escaped as ``\\|``), or ``None`` when ``row`` is not one."""
    if len(row) < 3 or row[0] != "|" or row[-1] != "|" or row.count("|") < 2:
        return None
    return [c for c in (c.strip() for c in _CELL_SPLIT.split(row[1:-1])) if c]


#: Cells split at every pipe, escaped ones too: a cell of links joined by pipes
#: ("Privacy Policy \\| Help") is judged link by link.
_CELL_SPLIT = regex.compile(r"\\?\|")
#: A menu item in a table row: a few words, no digits, no question or exclamation.
_TABLE_ITEM = regex.compile(r"[^\d?!|]{1,32}")
#: Cell rules that make a table row chrome: a cell is judged as a line is, but a cell's
#: date, number or count is the table's data ("| | Wednesday, 12 Jul, 2006 | |"), so only
#: phrase rules and the menu, breadcrumb and title-case shapes count.
_TABLE_SHAPES = frozenset({"menu-line", "breadcrumb", "title-case-run"})
#: A row of menu items ("| Home | | Reviews | | Podcasts |", a layout table's navigation)
#: is chrome when this many of its cells (or half of them) are recognised chrome and the
#: rest are menu items (a few words, no digits): a data table's header row names no site
#: section, let alone two.
TABLE_MENU_MIN_CHROME = 2


def _check_budget(budget: float | None, spent: float, stage: str) -> None:
    if budget is not None and spent > budget:
        raise TimeBudgetError(
            f"cleaning took {spent:.3f} s, more than the time budget of {budget} s (past {stage})"
        )


def _assemble(
    paras: list[str],
    normalized: str,
    starts: list[int],
    decisions: list[Decision],
    metadata: dict[str, Any],
    repairs: list[str],
    rules: dict[str, Rule],
) -> CleanResult:
    kept: list[str] = []
    removed: list[Removal] = []
    for i, text in enumerate(paras):
        decision = decisions[i]
        if decision is None:
            kept.append(text)
        else:
            rule_id, reason = decision
            removed.append(
                Removal(
                    rule_id, rules[rule_id].family, text, starts[i], starts[i] + len(text), reason
                )
            )
    title = ""
    if (
        kept
        and len(kept[0]) <= _TITLE_MAX_CHARS
        and not _TITLE_END.search(kept[0])
        and " " in kept[0]
    ):
        title = kept[0]
    body = "\n\n".join(kept[1:] if title else kept)
    return CleanResult(
        text="\n\n".join(kept),
        title=title,
        body=body,
        normalized=normalized,
        metadata=metadata,
        removed=tuple(removed),
        repairs=tuple(repairs),
    )
