"""Whole documents: golden cases (exact output, must-keep, must-drop) and the seeds."""

from __future__ import annotations

import pytest

from tests import golden_tool as g

CASES = g.cases()


def _param(case: g.Case) -> object:
    marks = (
        [pytest.mark.xfail(strict=True, reason=case.meta.get("comment", ""))]
        if case.meta.get("expect") == "fail"
        else []
    )
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case_exact(case: g.Case) -> None:
    assert case.output() == case.expected_path.read_text("utf-8")


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case_snippets(case: g.Case) -> None:
    out = case.output()
    missing = [s for s in case.meta.get("must_keep", []) if s not in out]
    left = [s for s in case.meta.get("must_drop", []) if s in out]
    assert not missing and not left, f"body lost: {missing}; cruft left: {left}"


def test_golden_set_covers_the_spec() -> None:
    assert len(CASES) >= 30
    assert sum(bool(c.meta.get("hard_negative")) for c in CASES) >= 8
    families = {f for c in CASES for f in c.meta.get("families", [])}
    assert families >= set(g.cleaner.FAMILIES) - {"boilerplate"}


def _seeds() -> list[str]:
    return sorted(g.seed_manifest()) if g.SEEDS_MANIFEST.exists() else []


@pytest.mark.parametrize("name", _seeds())
def test_seed(name: str) -> None:
    if not (g.shared_dir() / "seeds" / name).exists():
        pytest.skip(
            f"seed {name} not found: ../shared/seeds is absent (only present in dev and CI)"
        )
    entry = g.seed_manifest()[name]
    out = g.seed_output(name)
    missing = [s for s in entry["must_keep"] if s not in out]
    left = [s for s in entry["must_drop"] if s in out]
    assert not missing and not left, f"body lost: {missing}; cruft left: {left}"
    assert g.sha256(out) == entry["sha256"], "seed output changed: run `make golden` and review"
