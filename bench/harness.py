"""What the bench scripts share: where the data is, how the cleaner is loaded, JSON output.

The dev data is not part of the repository: it sits in a ``shared/`` folder beside the
clone (``/work/shared`` next to ``/work/main``; in CI, beside wherever the clone is), or
wherever ``CLEANER_SHARED`` points. A bench without its data says so and exits 0, so
``make bench`` never fails on a machine that lacks it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NoReturn

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"


def shared_dir() -> Path:
    """The shared folder: ``$CLEANER_SHARED``, else ``shared/`` beside the repository."""
    override = os.environ.get("CLEANER_SHARED")
    return Path(override) if override else Path(__file__).resolve().parents[2] / "shared"


def dev_dir() -> Path:
    """The development data sets (``shared/data/dev``)."""
    return shared_dir() / "data" / "dev"


def skip(reason: str) -> NoReturn:
    """Exit 0 with a notice on stderr: a missing data folder is not a failure."""
    print(f"bench: skipped: {reason}", file=sys.stderr)
    raise SystemExit(0)


def load_cleaner(disable: Iterable[str] = ()) -> Callable[[str | bytes], str]:
    """``Cleaner(Config()).clean`` of the working tree, with its rules compiled once
    (``disable``: rule ids, families or repairs switched off, to measure what they do)."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from cleaner import Cleaner, Config

    return Cleaner(Config(disable=frozenset(disable))).clean


def fingerprint(paths: Iterable[Path], root: Path) -> str:
    """SHA-256 over the files' paths (relative to ``root``) and bytes, in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as indented JSON, creating the folder, and say where on stderr."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"bench: wrote {path}", file=sys.stderr)
