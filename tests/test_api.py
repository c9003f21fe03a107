"""The public surface: names, types, errors, options, batch."""

from __future__ import annotations

import types

import pytest

import cleaner

SAMPLE = (
    "Skip to main content\n\n"
    "Council approves new park\n\n"
    "By Jane Doe\n\n"
    "The council voted 7-2 on Monday night to turn the old rail yard into a park.\n\n"
    "Advertisement\n\n"
    "Work on the site is expected to begin next spring, officials said.\n"
)


def test_public_names_are_exactly_all() -> None:
    public = {
        n
        for n in dir(cleaner)
        if not n.startswith("_") and not isinstance(getattr(cleaner, n), types.ModuleType)
    }
    assert public == set(cleaner.__all__)
    assert cleaner.__all__ == sorted(cleaner.__all__, key=lambda n: (not n.isupper(), n))


def test_clean_document_fields() -> None:
    result = cleaner.clean_document(SAMPLE)
    assert result.title == "Council approves new park"
    assert result.body.startswith("The council voted")
    assert result.text == f"{result.title}\n\n{result.body}"
    assert result.metadata["byline"] == "Jane Doe"
    assert [(r.rule, r.family) for r in result.removed] == [
        ("skip-link", "navigation"),
        ("byline", "bylines"),
        ("ad-label", "ads"),
    ]
    for r in result.removed:
        assert result.normalized[r.start : r.end] == r.text
    assert result.to_dict()["removed"][0]["rule"] == "skip-link"


def test_disable_family_rule_and_repair() -> None:
    assert "By Jane Doe" in cleaner.clean(SAMPLE, disable=frozenset({"bylines"}))
    assert "Advertisement" in cleaner.clean(SAMPLE, disable=frozenset({"ad-label"}))
    assert cleaner.clean("it&#039;s", disable=frozenset({"html-residue"})) == "it&#039;s"


def test_unknown_names_are_config_errors() -> None:
    with pytest.raises(cleaner.ConfigError, match="unknown names"):
        cleaner.Cleaner(cleaner.Config(disable=frozenset({"no-such-family"})))
    with pytest.raises(cleaner.ConfigError):
        cleaner.Config(disable="comments")  # type: ignore[arg-type]
    with pytest.raises(cleaner.CleanerError):
        cleaner.clean("x", no_such_option=True)


def test_bad_input_types_and_sizes() -> None:
    with pytest.raises(cleaner.InputError):
        cleaner.clean(42)  # type: ignore[arg-type]
    with pytest.raises(cleaner.InputTooLargeError):
        cleaner.clean("x" * 100, max_input_bytes=10)
    with pytest.raises(cleaner.DecodeError):
        cleaner.clean(bytes(range(256)) * 8)


def test_bytes_in_other_encodings() -> None:
    text = "Привет, мир. Это проверка кодировки для новостей и статей."
    assert cleaner.clean(text.encode("cp1251")) == text
    assert cleaner.clean(text.encode("utf-16")) == text
    assert cleaner.clean("Café crème, déjà vu.".encode("utf-8-sig")) == "Café crème, déjà vu."


def test_empty_and_blank() -> None:
    assert cleaner.clean("") == ""
    assert cleaner.clean(" \n\n\t ") == ""
    assert cleaner.clean(b"") == ""


def test_batch_keeps_order_and_removes_source_boilerplate() -> None:
    footer = "Riverdale Courier, 12 Main Street, Riverdale, open weekdays"
    body = "The body of story {} goes on for a while, with facts, quotes and context. " * 3
    docs = [f"Story {i} headline\n\n{body.replace('{}', str(i))}\n\n{footer}" for i in range(4)]
    out = cleaner.clean_batch(docs)
    assert len(out) == 4 and all(footer not in o for o in out)
    assert [o.split("\n\n")[0] for o in out] == [f"Story {i} headline" for i in range(4)]
    kept = cleaner.clean_batch(docs, sources=["a", "b", "c", "d"])
    assert all(footer in o for o in kept)


def test_batch_reports_failures_without_losing_records() -> None:
    with pytest.raises(cleaner.BatchError) as info:
        cleaner.clean_batch(["Fine text here.", 7, "More text."])  # type: ignore[list-item]
    assert list(info.value.failures) == [1]
    assert info.value.results == ["Fine text here.", None, "More text."]


def test_recurring_threshold_scales() -> None:
    from cleaner.batch.boilerplate import recurring_threshold

    assert recurring_threshold(4) == 3
    assert recurring_threshold(10) == 5
    assert recurring_threshold(100) == 21
    assert recurring_threshold(4_000_000) == 40_020


def test_batch_finds_boilerplate_in_html_pages_too() -> None:
    footer = "Riverdale Courier, 12 Main Street, Riverdale, open weekdays"
    body = "The body of story {} goes on for a while, with facts, quotes and context. " * 3
    pages = [
        f"<html><body><article><h1>Story {i} headline</h1><p>{body.replace('{}', str(i))}</p>"
        f"<p>{footer}</p></article></body></html>"
        for i in range(4)
    ]
    out = cleaner.clean_batch(pages)
    assert all(footer not in o for o in out)
    assert all(f"story {i} goes on" in o for i, o in enumerate(out))
