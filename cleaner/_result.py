"""The structured result of cleaning one document, and how each removal is traced."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Removal:
    """One removed paragraph: which rule removed it and where it was.

    ``start``/``end`` are offsets into ``CleanResult.normalized`` (the repaired input,
    one paragraph per line), so ``normalized[start:end] == text``.
    """

    rule: str
    family: str
    text: str
    start: int
    end: int
    reason: str = ""


@dataclass(frozen=True, slots=True)
class CleanResult:
    """Everything known about one cleaned document.

    ``text`` is the SPEC output (headline and body, paragraphs separated by one blank
    line); ``title`` is the headline when the document opens with one, ``body`` the rest.
    ``repairs`` names the normalization steps that changed the input.
    """

    text: str
    title: str
    body: str
    normalized: str
    metadata: dict[str, Any] = field(default_factory=dict)
    removed: tuple[Removal, ...] = ()
    repairs: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (removals as dicts)."""
        data = asdict(self)
        data["removed"] = [asdict(r) for r in self.removed]
        data["repairs"] = list(self.repairs)
        return data
