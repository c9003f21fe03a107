"""The README's HuggingFace ``datasets`` example, run as written on a real ``Dataset``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import cleaner

datasets = pytest.importorskip("datasets")

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_block() -> str:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("With HuggingFace `datasets`") :]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "the README lost its datasets example"
    return match.group(1)


def test_readme_datasets_example_runs_and_keeps_every_record() -> None:
    site = "Listen to the Harbour Report podcast every Friday on our site"
    texts = [
        f"Ferry story {i} for the harbour\n\nThe ferry to the island ran {i} times on "
        f"Tuesday, the operator said, after the storm had passed.\n\n{site}"
        for i in range(4)
    ]
    ds = datasets.Dataset.from_dict(
        {
            "text": [*texts, None],
            "domain": ["harbour.example"] * 4 + ["junk.example"],
        }
    )
    scope = {"cleaner": cleaner, "ds": ds}
    exec(readme_block(), scope)
    out = scope["ds"]
    assert out.num_rows == 5
    cleaned = out["clean_text"]
    assert cleaned[4] is None  # a record without text: failed, kept in place
    for i, text in enumerate(cleaned[:4]):
        assert text.startswith(f"Ferry story {i}")
        assert site not in text  # boilerplate of the source, removed across the batch
    assert out["text"] == ds["text"]  # the input column is kept
