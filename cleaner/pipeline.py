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

    def prepare(self, data: str | bytes) -> Prepared:
        """Decode, extract (HTML) and repair one document into paragraphs.

        A batch prepares every document first, counts the paragraphs that recur in a
        source, then finishes each one: nothing is decoded or repaired twice.
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
            extracted = html.extract(data)
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
                if decisions[i] is not None or len(text) > rule.max_chars:
                    continue
                if rule.labels_only and text.endswith(".") and not text.endswith(".."):
                    continue
                decisions[i] = (rule_id, rule.explain)
                if rule.cuts_to_end:
                    openers.add(i)
                if rule.metadata:
                    value = paras[i]
                    if rule.metadata == "byline":
                        value = _BYLINE_PREFIX.sub("", value)
                    metadata.setdefault(rule.metadata, value)
        ctx.label_subheadings(paras, decisions, seen)
        if "timestamp" in enabled:
            ctx.listing_dates(paras, decisions, seen)
        for rule_id, rule_step in ctx.ORDER:
            if rule_id in enabled:
                rule_step(paras, decisions, seen)
        return decisions, metadata


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
