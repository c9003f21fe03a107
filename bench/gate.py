"""Quality gate: the cleaner's scores on the dev data may not fall below pinned floors.

``bench/floors.json`` pins, for each dev set and text input, the F1 and the recall of
``ours`` (word 4-shingles, ``metrics.py``), and, for the golden cases, how many
``must_drop`` snippets may be left in and ``must_keep`` snippets lost (zero). ``make test``
runs ``tests/test_quality_gate.py``, which fails when a change goes below a floor.

    python bench/gate.py --check            compare with the floors (exit 1 below one)
    python bench/gate.py --pin              raise floors to the current scores
    python bench/gate.py --pin --allow-lower  also lower them (say why in the commit)

Floors are only raised by ``--pin``; lowering one takes ``--allow-lower`` and a sentence
in the commit message saying what was traded for it. The floors carry the fingerprint of
the data they were measured on; on other data the gate does not apply.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

from harness import REPO, dev_dir, fingerprint, load_cleaner, skip
from metrics import score_page, score_set
from quality import GOLDEN_CASES, INPUTS, golden_report, pages_of

FLOORS = Path(__file__).resolve().parent / "floors.json"
METRICS = ("f1", "recall")


def measure() -> dict[str, Any]:
    """Scores of ``ours`` on every dev set and text input, and the golden counts."""
    data = dev_dir()
    clean = load_cleaner()
    scores: dict[str, dict[str, dict[str, float]]] = {}
    used: list[Path] = []
    for set_dir in sorted(p for p in data.iterdir() if p.is_dir()):
        pages = pages_of(set_dir)
        used += [p.gold for p in pages]
        golds = [p.gold.read_text(encoding="utf-8") for p in pages]
        for kind in INPUTS:
            paths = [p.input_path(kind) for p in pages]
            used += paths
            texts = [path.read_text(encoding="utf-8") for path in paths]
            result = score_set(score_page(clean(t), g) for t, g in zip(texts, golds, strict=True))
            scores.setdefault(set_dir.name, {})[kind] = {
                "f1": result.f1,
                "recall": result.recall,
            }
    golden = golden_report(clean, GOLDEN_CASES)
    total = golden["families"]["all cases"]
    return {
        "data_fingerprint": fingerprint(used, data),
        "scores": scores,
        "golden": {"cruft_left_in": total["cruft_left_in"], "body_lost": total["body_lost"]},
    }


def violations(floors: dict[str, Any], measured: dict[str, Any]) -> list[str]:
    """Every pinned figure the measurement falls below (or above, for golden counts)."""
    found = []
    for set_name, inputs in floors["scores"].items():
        for kind, pinned in inputs.items():
            got = measured["scores"].get(set_name, {}).get(kind)
            for metric in METRICS:
                if got is None or got[metric] < pinned[metric]:
                    value = "missing" if got is None else f"{got[metric]:.4f}"
                    found.append(f"{set_name} {kind} {metric}: {value} < floor {pinned[metric]}")
    for key, ceiling in floors["golden"].items():
        if measured["golden"][key] > ceiling:
            found.append(f"golden {key}: {measured['golden'][key]} > {ceiling}")
    return found


def pin(measured: dict[str, Any], old: dict[str, Any] | None, allow_lower: bool) -> dict[str, Any]:
    """New floors: the measured scores rounded down to 3 decimals."""
    floors: dict[str, Any] = {
        "data_fingerprint": measured["data_fingerprint"],
        "scores": {},
        "golden": dict(measured["golden"]),
    }
    for set_name, inputs in measured["scores"].items():
        for kind, got in inputs.items():
            pinned = {m: math.floor(got[m] * 1000) / 1000 for m in METRICS}
            floors["scores"].setdefault(set_name, {})[kind] = pinned
    if old and not allow_lower:
        # A new floor below an old one reads as the new scores failing the old floors.
        lower = violations(old | {"golden": {}}, {"scores": floors["scores"], "golden": {}})
        lower += [
            f"golden {k}: {v} > {old['golden'][k]}"
            for k, v in floors["golden"].items()
            if v > old["golden"].get(k, v)
        ]
        if lower:
            raise SystemExit(
                "refusing to lower floors without --allow-lower:\n  " + "\n  ".join(lower)
            )
    return floors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="compare with the pinned floors")
    mode.add_argument("--pin", action="store_true", help="pin the current scores as floors")
    parser.add_argument("--allow-lower", action="store_true", help="let --pin lower floors")
    args = parser.parse_args(argv)
    if not dev_dir().is_dir():
        skip(f"no dev data at {dev_dir()}: the quality gate needs ../shared/data/dev")
    measured = measure()
    old = json.loads(FLOORS.read_text("utf-8")) if FLOORS.exists() else None
    if args.pin:
        floors = pin(measured, old, args.allow_lower)
        FLOORS.write_text(json.dumps(floors, indent=1) + "\n", "utf-8")
        print(f"gate: pinned floors in {FLOORS.relative_to(REPO)}")
        return 0
    if old is None:
        print("gate: no floors pinned yet (python bench/gate.py --pin)", file=sys.stderr)
        return 1
    problems = violations(old, measured)
    for problem in problems:
        print(f"gate: below floor: {problem}", file=sys.stderr)
    print("gate: ok" if not problems else f"gate: {len(problems)} figure(s) below the floors")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
