"""The rule registry: the catalog of rule ids, and phrase data compiled once.

Rules are data (``catalog.toml``; ``phrases/<rule-id>/<lang>.txt``) plus small signal
functions (``shapes.py`` for line shapes, ``context.py`` for decisions that need the
neighbouring paragraphs). A phrase file holds one entry a line::

    # where such lines are seen
    pattern :: an example line the pattern must match, whole || and another

Patterns are ``regex`` syntax, matched case-insensitively against a whole paragraph,
ignoring punctuation, symbols and spaces at its edges. Write a literal space between
words (paragraphs have single spaces); use non-capturing groups only.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from .._config import FAMILIES
from .._errors import ConfigError, PhraseFileError

__all__ = ["Phrase", "PhraseMatcher", "Rule", "catalog", "load_phrase_file", "load_phrases"]

_KINDS = frozenset({"phrase", "shape", "context"})
#: No phrase rule removes a paragraph longer than this, unless its catalog entry declares
#: a longer ``max_chars`` for patterns that bound their own length (a consent banner, a
#: market-data footer): longer text is prose.
MAX_PHRASE_CHARS = 500


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the catalog."""

    id: str
    family: str
    kind: str
    explain: str
    max_chars: int = MAX_PHRASE_CHARS
    cuts_to_end: bool = False
    metadata: str | None = None
    labels_only: bool = False


@dataclass(frozen=True, slots=True)
class Phrase:
    """One phrase entry: a pattern of a rule in a language, with its own example."""

    rule: str
    lang: str
    pattern: str
    example: str
    where: str
    #: ``(max_chars, characters, check)``: only a line that short, holding one of the
    #: characters and passing the check (if any) can match. Shapes set one; phrases are
    #: dispatched by their first characters.
    gate: tuple[int, str, Callable[[str], bool] | None] | None = None

    @property
    def examples(self) -> list[str]:
        """The entry's examples (``||`` separates several)."""
        return [e.strip() for e in self.example.split(" || ")]


@cache
def catalog() -> dict[str, Rule]:
    """All rules by id, in catalog order."""
    data = tomllib.loads((files("cleaner.rules") / "catalog.toml").read_text("utf-8"))
    rules: dict[str, Rule] = {}
    for rule_id, spec in data.items():
        rule = Rule(id=rule_id, **spec)
        if rule.family not in FAMILIES or rule.kind not in _KINDS:
            raise ConfigError(f"catalog rule {rule_id}: bad family or kind")
        rules[rule_id] = rule
    return rules


def _parse(lines: Iterable[str], rule: str, lang: str, where: str) -> Iterator[Phrase]:
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        pattern, sep, example = line.partition(" :: ")
        if not sep or not pattern.strip() or not example.strip():
            raise PhraseFileError(f"{where}:{number}: expected 'pattern :: example'")
        yield Phrase(rule, lang, pattern.strip(), example.strip(), f"{where}:{number}")


@cache
def load_phrases() -> tuple[Phrase, ...]:
    """Every built-in phrase entry, rule by rule in catalog order, languages sorted."""
    root = files("cleaner.rules") / "phrases"
    out: list[Phrase] = []
    for rule in catalog().values():
        if rule.kind != "phrase":
            continue
        folder = root / rule.id
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            if entry.name.endswith(".txt"):
                lang = entry.name.removesuffix(".txt")
                text = entry.read_text("utf-8").splitlines()
                out.extend(_parse(text, rule.id, lang, f"phrases/{rule.id}/{entry.name}"))
    return tuple(out)


def load_phrase_file(path: Path) -> tuple[Rule, list[Phrase]]:
    """A user phrase file: its stem is the rule id, an ``@family NAME`` line its family.

    An optional ``@max_chars N`` line bounds the paragraphs it may remove.
    """
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise PhraseFileError(f"cannot read phrase file {path}: {exc}") from None
    settings: dict[str, str] = {}
    body: list[str] = []
    for line in lines:
        if line.startswith("@"):
            key, _, value = line[1:].partition(" ")
            settings[key.strip()] = value.strip()
            body.append("")
        else:
            body.append(line)
    family = settings.get("family", "")
    if family not in FAMILIES:
        raise PhraseFileError(f"{path}: needs an '@family NAME' line with one of {FAMILIES}")
    try:
        max_chars = int(settings.get("max_chars", 200))
    except ValueError:
        raise PhraseFileError(f"{path}: @max_chars must be an integer") from None
    rule = Rule(path.stem, family, "phrase", f"user phrase file {path.name}", max_chars)
    return rule, list(_parse(body, rule.id, "user", str(path)))


from .matcher import PhraseMatcher  # noqa: E402  (needs Phrase above)
