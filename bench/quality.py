"""Quality bench: does cleaning bring text-mode inputs closer to the gold text?

For each dev set (``shared/data/dev/<set>``) and each text input kind, every page's input
is cleaned by each method and scored against ``NAME.gold.txt`` with the word-shingle
metric (``metrics.py``). Methods: ``none`` (the input as it is), ``ours``
(``Cleaner(Config()).clean``), and the published line-level baselines of ``baselines.py``.
On ``fulltext`` a cleaner should raise F1 a lot; on the ``ext-*`` inputs (already
extracted) it should raise precision without lowering recall, so ``ours`` must never be
below ``none`` there.

The ``golden`` section runs ``ours`` on the whole-document cases in ``golden/cases`` and
counts, per cruft family, the ``must_drop`` snippets still in the output ("cruft left
in") and the ``must_keep`` snippets missing from it ("body lost").

    python bench/quality.py [--json OUT] [--sets S ...] [--inputs I ...] [--worst N]
    python bench/quality.py --html     (HTML mode: pages in, see html_mode.py)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from baselines import BASELINES
from harness import REPO, RESULTS, dev_dir, fingerprint, load_cleaner, skip, write_json
from metrics import PageScore, SetScore, score_page, score_set

INPUTS = ("fulltext", "ext-trafilatura", "ext-readability")
GOLDEN_CASES = REPO / "golden" / "cases"
NO_FAMILY = "(no family)"
HARD_NEGATIVES = "hard negatives"
ALL_CASES = "all cases"


@dataclass(frozen=True, slots=True)
class Page:
    """One dev page: its name and the path of its gold text."""

    name: str
    gold: Path

    def input_path(self, kind: str) -> Path:
        """Path of this page's input of ``kind`` (``fulltext``, ``ext-trafilatura``, ...)."""
        return self.gold.with_name(f"{self.name}.{kind}.txt")


def pages_of(set_dir: Path) -> list[Page]:
    """The pages of a set: every ``NAME.gold.txt``, sorted by name."""
    return [
        Page(gold.name.removesuffix(".gold.txt"), gold)
        for gold in sorted(set_dir.glob("*.gold.txt"))
    ]


def run_method(
    method: Callable[[str], str], texts: list[str], golds: list[str]
) -> tuple[list[PageScore], list[str | None]]:
    """Page scores of ``method`` on ``texts``; a page whose cleaning raises scores as empty."""
    scores: list[PageScore] = []
    errors: list[str | None] = []
    for text, gold in zip(texts, golds, strict=True):
        try:
            output, error = method(text), None
        except Exception as exc:  # a bench reports a failing page, it does not stop on it
            output, error = "", f"{type(exc).__name__}: {exc}"
        scores.append(score_page(output, gold))
        errors.append(error)
    return scores, errors


def aggregate(score: SetScore, pages: list[PageScore]) -> dict[str, Any]:
    """JSON form of a set score, with the count of empty outputs."""
    return {
        "f1": round(score.f1, 4),
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "pages": score.pages,
        "empty_outputs": sum(p.precision is None for p in pages),
    }


def page_json(page: Page, score: PageScore, none: PageScore, error: str | None) -> dict[str, Any]:
    """JSON form of one page's score for ``ours``, next to the no-cleaning F1."""
    row: dict[str, Any] = {
        "name": page.name,
        "f1": round(score.f1, 4),
        "precision": None if score.precision is None else round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1_none": round(none.f1, 4),
    }
    if error:
        row["error"] = error
    return row


def cell(score: dict[str, Any]) -> str:
    """A table cell: ``F1 (P/R)``."""
    return f"{score['f1']:.3f} ({score['precision']:.3f}/{score['recall']:.3f})"


def print_table(
    results: dict[str, dict[str, dict[str, dict[str, Any]]]], methods: list[str]
) -> None:
    """The aggregate table: one row per set and input, one column per method."""
    width = 21
    header = f"{'set':<14} {'input':<16} " + " ".join(f"{m:<{width}}" for m in methods)
    print("F1 (precision/recall), word 4-shingles, mean over pages")
    print(header.rstrip())
    print("-" * len(header.rstrip()))
    for set_name, by_input in results.items():
        for kind, by_method in by_input.items():
            cells = " ".join(f"{cell(by_method[m]):<{width}}" for m in methods)
            print(f"{set_name:<14} {kind:<16} {cells}".rstrip())


def print_worst(documents: dict[str, dict[str, list[dict[str, Any]]]], count: int) -> None:
    """The ``count`` pages where ``ours`` scores lowest, over all sets and inputs."""
    rows = [
        (row["f1"], set_name, kind, row)
        for set_name, by_input in documents.items()
        for kind, pages in by_input.items()
        for row in pages
    ]
    # At equal F1, the pages where cleaning lost the most come first.
    rows.sort(key=lambda r: (r[0], r[0] - r[3]["f1_none"], r[1], r[2], r[3]["name"]))
    print(f"\n{count} worst pages for ours (F1, P/R; F1 without cleaning)")
    for f1, set_name, kind, row in rows[:count]:
        precision = "-" if row["precision"] is None else f"{row['precision']:.3f}"
        note = f"  {row['error']}" if "error" in row else ""
        print(
            f"  {f1:.3f} ({precision}/{row['recall']:.3f})  none {row['f1_none']:.3f}  "
            f"{set_name}/{row['name']}.{kind}{note}"
        )


def _present(snippet: str, text: str, *, fold: bool) -> bool:
    norm_snippet, norm_text = " ".join(snippet.split()), " ".join(text.split())
    if fold:
        return norm_snippet.casefold() in norm_text.casefold()
    return norm_snippet in norm_text


def golden_report(clean: Callable[[str | bytes], str], cases_dir: Path) -> dict[str, Any]:
    """Per family, cruft left in and body lost by ``clean`` on the golden cases.

    Matching collapses whitespace; a ``must_drop`` snippet counts as left in when found
    ignoring case (so a re-cased widget still counts), a ``must_keep`` snippet counts as lost
    unless found exactly. Both are the strict reading for ``ours``. A case counts in each of
    its families; hard negatives are also totalled apart.
    """
    families: dict[str, dict[str, int]] = {}
    cases: list[dict[str, Any]] = []
    for case_file in sorted(cases_dir.glob("*/case.json")):
        case = json.loads(case_file.read_text(encoding="utf-8"))
        page = case_file.with_name("input.html")
        source = (page if page.exists() else case_file.with_name("input.txt")).read_bytes()
        try:
            output, error = clean(source), None
        except Exception as exc:  # reported per case, like a dev page
            output, error = "", f"{type(exc).__name__}: {exc}"
        left_in = [s for s in case["must_drop"] if _present(s, output, fold=True)]
        lost = [s for s in case["must_keep"] if not _present(s, output, fold=False)]
        groups = list(case["families"] or [NO_FAMILY])
        if case["hard_negative"]:
            groups.append(HARD_NEGATIVES)
        for group in [*groups, ALL_CASES]:
            tally = families.setdefault(
                group,
                {"cases": 0, "must_drop": 0, "cruft_left_in": 0, "must_keep": 0, "body_lost": 0},
            )
            tally["cases"] += 1
            tally["must_drop"] += len(case["must_drop"])
            tally["cruft_left_in"] += len(left_in)
            tally["must_keep"] += len(case["must_keep"])
            tally["body_lost"] += len(lost)
        row: dict[str, Any] = {
            "case": case_file.parent.name,
            "cruft_left_in": left_in,
            "body_lost": lost,
        }
        if error:
            row["error"] = error
        cases.append(row)
    last = {HARD_NEGATIVES: 1, ALL_CASES: 2}
    ordered = dict(sorted(families.items(), key=lambda kv: (last.get(kv[0], 0), kv[0])))
    return {"families": ordered, "cases": cases}


def print_golden(report: dict[str, Any]) -> None:
    """The golden table: per family, cruft left in and body lost, then failing cases."""
    print("\nGolden cases (ours): snippets still present / must_drop, missing / must_keep")
    print(f"{'family':<22} {'cases':>5} {'cruft left in':>14} {'body lost':>10}")
    for family, t in report["families"].items():
        print(
            f"{family:<22} {t['cases']:>5} {t['cruft_left_in']:>7} / {t['must_drop']:<4}"
            f" {t['body_lost']:>4} / {t['must_keep']:<4}"
        )
    for row in report["cases"]:
        problems = [f"left in {s!r}" for s in row["cruft_left_in"]]
        problems += [f"lost {s!r}" for s in row["body_lost"]]
        if "error" in row:
            problems.append(row["error"])
        if problems:
            print(f"  {row['case']}: " + "; ".join(problems))


def main(argv: list[str] | None = None) -> int:
    """Score every method on the chosen sets and inputs; print and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=RESULTS / "quality.json", help="output")
    parser.add_argument("--sets", nargs="+", help="data sets (default: all in shared/data/dev)")
    parser.add_argument("--inputs", nargs="+", choices=INPUTS, default=list(INPUTS))
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="list N worst pages")
    parser.add_argument("--html", action="store_true", help="HTML mode: pages in (html_mode.py)")
    parser.add_argument(
        "--disable",
        nargs="+",
        default=[],
        metavar="RULE",
        help="switch rules or families off for ours (what a rule costs or gains on the gold)",
    )
    args = parser.parse_args(argv)

    data = dev_dir()
    if not data.is_dir():
        skip(f"no dev data at {data} (set CLEANER_SHARED to the shared folder)")
    if args.html:
        from html_mode import run

        return run(args.json if args.json != RESULTS / "quality.json" else None)
    set_names = args.sets or sorted(p.name for p in data.iterdir() if p.is_dir())
    missing = [s for s in set_names if not (data / s).is_dir()]
    if missing:
        parser.error(f"unknown set(s) {', '.join(missing)} in {data}")

    ours = load_cleaner(args.disable)
    methods: dict[str, Callable[[str], str]] = {"none": lambda t: t, "ours": ours, **BASELINES}
    results: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
    documents: dict[str, dict[str, list[dict[str, Any]]]] = {}
    used: list[Path] = []
    failures = 0
    for set_name in set_names:
        pages = pages_of(data / set_name)
        golds = [p.gold.read_text(encoding="utf-8") for p in pages]
        used += [p.gold for p in pages]
        for kind in args.inputs:
            paths = [p.input_path(kind) for p in pages]
            used += paths
            texts = [path.read_text(encoding="utf-8") for path in paths]
            by_method: dict[str, dict[str, Any]] = {}
            page_scores: dict[str, list[PageScore]] = {}
            for name, method in methods.items():
                scores, errors = run_method(method, texts, golds)
                page_scores[name] = scores
                by_method[name] = aggregate(score_set(scores), scores)
                if name == "ours":
                    failures += sum(e is not None for e in errors)
                    documents.setdefault(set_name, {})[kind] = [
                        page_json(page, score, none, error)
                        for page, score, none, error in zip(
                            pages, scores, page_scores["none"], errors, strict=True
                        )
                    ]
            results.setdefault(set_name, {})[kind] = by_method

    print_table(results, list(methods))
    if args.worst:
        print_worst(documents, args.worst)
    golden = golden_report(ours, GOLDEN_CASES) if GOLDEN_CASES.is_dir() else None
    if golden:
        print_golden(golden)
    if failures:
        print(f"bench: ours raised on {failures} page(s); see 'error' in the JSON", file=sys.stderr)

    write_json(
        args.json,
        {
            "metric": "word 4-shingle P/R/F1, mean over pages (bench/metrics.py)",
            "data": str(data),
            "data_fingerprint": fingerprint(used, data),
            "methods": list(methods),
            "sets": results,
            "documents_ours": documents,
            "golden": golden,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
