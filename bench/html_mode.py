"""HTML mode of the quality bench: page in, article text out, against the same gold.

Every method reads ``NAME.html`` of each dev page and is scored against ``NAME.gold.txt``
with the word-shingle metric, next to the time it took (CPU seconds of this process per
page, and pages per second), all in the same run, page by page in turn (so a machine whose
load changes during the run charges every method alike):

- ``trafilatura`` with its defaults (comments included), ``trafilatura-precision``
  (``favor_precision=True``) and ``trafilatura-nocomments`` (``include_comments=False``,
  the setting ``cleaner`` uses);
- ``readability-lxml``: ``Document(html).summary()`` turned into text with html-text;
- ``justext``: the jusText package on the page, English stoplist, non-boilerplate
  paragraphs;
- ``html-text``: the whole page as text (the full-text baseline);
- ``ours``: ``Cleaner(Config()).clean(page_bytes)``.

    python bench/quality.py --html [--json OUT]
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness import RESULTS, dev_dir, fingerprint, load_cleaner, write_json
from metrics import score_page, score_set


def _trafilatura(**options: Any) -> Callable[[bytes], str]:
    import trafilatura

    return lambda page: trafilatura.extract(page, **options) or ""


def _readability(page: bytes) -> str:
    import html_text
    from readability import Document

    return html_text.extract_text(Document(page).summary())


def _justext(page: bytes) -> str:
    import justext

    paragraphs = justext.justext(page, justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _html_text(page: bytes) -> str:
    import html_text

    return html_text.extract_text(page.decode("utf-8", "replace"))


def methods() -> dict[str, Callable[[bytes], str]]:
    """The HTML methods, ours last."""
    return {
        "trafilatura": _trafilatura(),
        "trafilatura-precision": _trafilatura(favor_precision=True),
        "trafilatura-nocomments": _trafilatura(include_comments=False),
        "readability-lxml": _readability,
        "justext": _justext,
        "html-text": _html_text,
        "ours": load_cleaner(),  # type: ignore[dict-item]
    }


def _call(method: Callable[[bytes], str], page: bytes) -> str:
    try:
        return method(page)
    except Exception:  # a bench scores a failing page as empty, it does not stop
        return ""


def run(json_path: Path | None) -> int:
    """Score every HTML method on every dev set; print a table and write JSON."""
    data = dev_dir()
    results: dict[str, dict[str, dict[str, Any]]] = {}
    used: list[Path] = []
    for set_dir in sorted(p for p in data.iterdir() if p.is_dir()):
        golds = sorted(set_dir.glob("*.gold.txt"))
        pages = [g.with_name(g.name.removesuffix(".gold.txt") + ".html") for g in golds]
        used += golds + pages
        gold_texts = [g.read_text(encoding="utf-8") for g in golds]
        page_bytes = [p.read_bytes() for p in pages]
        # Pages outer, methods inner: on a shared machine the load changes over minutes,
        # and interleaving gives every method the same load (each method's first call is
        # made untimed, outside the loop, so imports and setup are not counted).
        runners = methods()
        for method in runners.values():
            _call(method, page_bytes[0])
        outputs: dict[str, list[str]] = {name: [] for name in runners}
        seconds = dict.fromkeys(runners, 0.0)
        for page in page_bytes:
            for name, method in runners.items():
                start = time.process_time()
                outputs[name].append(_call(method, page))
                seconds[name] += time.process_time() - start
        for name in runners:
            pairs = zip(outputs[name], gold_texts, strict=True)
            score = score_set(score_page(o, g) for o, g in pairs)
            spent = seconds[name]
            results.setdefault(set_dir.name, {})[name] = {
                "f1": round(score.f1, 4),
                "precision": round(score.precision, 4),
                "recall": round(score.recall, 4),
                "seconds_per_page": round(spent / len(pages), 4),
                "pages_per_second": round(len(pages) / spent, 2) if spent else None,
            }
    print("HTML mode: F1 (precision/recall), CPU ms per page")
    for set_name, by_method in results.items():
        for name, r in by_method.items():
            print(
                f"{set_name:14} {name:24} {r['f1']:.3f} ({r['precision']:.3f}/{r['recall']:.3f})"
                f"  {r['seconds_per_page'] * 1000:6.1f} ms"
            )
        ours, alone = by_method["ours"], by_method["trafilatura-nocomments"]
        print(
            f"{set_name:14} ours / trafilatura-nocomments time: "
            f"{ours['seconds_per_page'] / alone['seconds_per_page']:.2f}x"
        )
    write_json(
        json_path or RESULTS / "quality_html.json",
        {
            "metric": "word 4-shingle P/R/F1, mean over pages",
            "data_fingerprint": fingerprint(used, data),
            "sets": results,
        },
    )
    return 0
