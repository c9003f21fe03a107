"""The frozen configuration of a :class:`~cleaner.Cleaner`.

One identifier names a thing everywhere (the ftfy habit): a family name from SPEC.md, a
rule id and a repair id are what ``disable`` takes, what ``Removal.rule``/``family`` and
``CleanResult.repairs`` report, and what the CLI's ``--disable`` accepts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ._errors import ConfigError

#: The cruft families of SPEC.md "Removed", in the table's order.
FAMILIES: tuple[str, ...] = (
    "navigation",
    "widgets",
    "media",
    "promotions",
    "comments",
    "captions",
    "teasers",
    "ads",
    "bylines",
    "footers",
    "dump-headers",
    "duplicates",
    "boilerplate",
)

#: The repairs of SPEC.md "Repairs", in the order they run.
REPAIRS: tuple[str, ...] = (
    "decode",
    "newlines",
    "mojibake",
    "html-residue",
    "shortcodes",
    "spaces",
    "invisibles",
    "nfc",
    "hard-wrap",
    "apostrophes",
    "html-extract",
    "html-fallback",
)

#: 64 MiB: far above any article, low enough that one bad record cannot eat a worker.
DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Config:
    """Options of a :class:`~cleaner.Cleaner`; immutable, hashable, cheap to copy.

    ``disable`` takes family names, rule ids or repair ids. ``phrase_files`` adds user
    phrase files (see ``docs/rules.md``: a file per rule, the file's stem is the rule id,
    its ``@family`` line names the family). ``language`` is a hint (ISO 639-1); ``html``
    forces (True) or forbids (False) HTML extraction, ``None`` detects it.
    ``time_budget`` (seconds) bounds the work on one document: past it, at the next stage
    boundary, :class:`~cleaner.TimeBudgetError` is raised instead of a partial result.
    """

    disable: frozenset[str] = field(default_factory=frozenset)
    phrase_files: tuple[Path, ...] = ()
    language: str | None = None
    html: bool | None = None
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    time_budget: float | None = None

    def __post_init__(self) -> None:
        if isinstance(self.disable, str):
            raise ConfigError("disable takes a collection of names, not one string")
        object.__setattr__(self, "disable", frozenset(self.disable))
        object.__setattr__(self, "phrase_files", tuple(Path(p) for p in self.phrase_files))
        if self.time_budget is not None and self.time_budget <= 0:
            raise ConfigError(f"time_budget must be positive seconds, got {self.time_budget}")
        if self.max_input_bytes <= 0:
            raise ConfigError(f"max_input_bytes must be positive, got {self.max_input_bytes}")

    def enabled(self, *names: str) -> bool:
        """True when none of ``names`` (a rule id, its family, a repair id) is disabled."""
        return not any(n in self.disable for n in names)
