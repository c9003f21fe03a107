"""The quality gate: scores on ../shared/data/dev may not fall below bench/floors.json."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import gate  # noqa: E402
from harness import dev_dir  # noqa: E402


def test_scores_stay_above_the_pinned_floors() -> None:
    if not dev_dir().is_dir():
        pytest.skip(f"no dev data at {dev_dir()}: the quality gate runs where ../shared is")
    floors = json.loads(gate.FLOORS.read_text("utf-8"))
    measured = gate.measure()
    if measured["data_fingerprint"] != floors["data_fingerprint"]:
        pytest.skip("the dev data differs from the data the floors were pinned on")
    assert gate.violations(floors, measured) == []


def test_pinning_never_lowers_a_floor_silently() -> None:
    old = {
        "scores": {"s": {"fulltext": {"f1": 0.9, "recall": 0.9}}},
        "golden": {"cruft_left_in": 0, "body_lost": 0},
    }
    lower = {
        "data_fingerprint": "x",
        "scores": {"s": {"fulltext": {"f1": 0.8, "recall": 0.95}}},
        "golden": {"cruft_left_in": 0, "body_lost": 0},
    }
    with pytest.raises(SystemExit, match=r"f1: 0\.8000 < floor 0\.9"):
        gate.pin(lower, old, allow_lower=False)
    worse_golden = lower | {"scores": old["scores"], "golden": {"cruft_left_in": 0, "body_lost": 1}}
    with pytest.raises(SystemExit, match="body_lost"):
        gate.pin(worse_golden, old, allow_lower=False)
    higher = lower | {"scores": {"s": {"fulltext": {"f1": 0.95, "recall": 0.95}}}}
    assert gate.pin(higher, old, allow_lower=False)["scores"]["s"]["fulltext"]["f1"] == 0.95
    assert gate.pin(lower, old, allow_lower=True)["scores"]["s"]["fulltext"]["f1"] == 0.8
