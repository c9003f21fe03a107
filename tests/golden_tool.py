"""Golden cases and seed fingerprints: loading, checking and (``make golden``) regenerating.

Cases live in ``golden/cases/<NN-slug>/`` (``input.txt`` or ``input.html``, ``expected.txt``,
``case.json``). The five seed articles belong to other people and stay in
``../shared/seeds``: ``golden/seeds.json`` keeps, per seed, the SHA-256 of the reviewed
output and short must-keep/must-drop snippets. ``python -m tests.golden_tool regenerate``
rewrites expected outputs and seed hashes and prints what changed, for review.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cleaner

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "golden" / "cases"
SEEDS_MANIFEST = ROOT / "golden" / "seeds.json"


def shared_dir() -> Path:
    """``../shared`` beside the checkout (or ``$CLEANER_SHARED``); may not exist."""
    env = os.environ.get("CLEANER_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    meta: dict[str, Any]

    @property
    def input_path(self) -> Path:
        html = self.folder / "input.html"
        return html if html.exists() else self.folder / "input.txt"

    @property
    def expected_path(self) -> Path:
        return self.folder / "expected.txt"

    def output(self) -> str:
        return render(cleaner.clean(self.input_path.read_bytes()))


def render(text: str) -> str:
    """The text as stored in a golden file: ends with one newline unless empty."""
    return text + "\n" if text else ""


def cases() -> list[Case]:
    out = []
    for folder in sorted(p for p in CASES.iterdir() if p.is_dir()) if CASES.exists() else []:
        meta = json.loads((folder / "case.json").read_text("utf-8"))
        out.append(Case(folder.name, folder, meta))
    return out


def seed_manifest() -> dict[str, dict[str, Any]]:
    return json.loads(SEEDS_MANIFEST.read_text("utf-8"))


def seed_output(name: str) -> str:
    return render(cleaner.clean((shared_dir() / "seeds" / name).read_bytes()))


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def regenerate() -> int:
    """Rewrite expected outputs and seed hashes; print every change for review."""
    changed = 0
    for case in cases():
        new = case.output()
        old = case.expected_path.read_text("utf-8") if case.expected_path.exists() else ""
        if new != old:
            changed += 1
            sys.stdout.writelines(
                difflib.unified_diff(
                    old.splitlines(True),
                    new.splitlines(True),
                    f"{case.name}/expected.txt (old)",
                    f"{case.name}/expected.txt (new)",
                )
            )
            case.expected_path.write_text(new, "utf-8")
    seeds = shared_dir() / "seeds"
    if not seeds.is_dir():
        print(f"note: {seeds} is absent: seed hashes not checked or regenerated", file=sys.stderr)
    else:
        manifest = seed_manifest() if SEEDS_MANIFEST.exists() else {}
        for path in sorted(seeds.glob("*.txt")):
            out = seed_output(path.name)
            entry = manifest.setdefault(path.name, {"must_keep": [], "must_drop": []})
            if entry.get("sha256") != sha256(out):
                changed += 1
                print(f"=== seed {path.name}: output changed; review it in full:\n{out}")
                entry["sha256"] = sha256(out)
        SEEDS_MANIFEST.write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", "utf-8"
        )
    print(f"{changed} golden outputs changed; review with: git diff golden/", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if sys.argv[1:] != ["regenerate"]:
        sys.exit("usage: python -m tests.golden_tool regenerate")
    sys.exit(regenerate())
