"""Coverage-guided fuzzing of the whole cleaner with atheris (``make fuzz``).

Each input is fed as bytes (decoding, HTML detection), as text, and as text forced
through the HTML path; any exception other than ``CleanerError``, any output that is not
valid NFC UTF-8 without control characters, or any output paragraph that is not a line
of the normalized input is a finding. Not part of ``make test``: it runs until stopped,
or for ``-max_total_time=SECONDS``.

    make fuzz FUZZ_SECONDS=300     (seeds .fuzz-corpus/ with the golden inputs)
"""

from __future__ import annotations

import sys
import unicodedata

import atheris

with atheris.instrument_imports():
    import cleaner

_CLEANER = cleaner.Cleaner()
_HTML = cleaner.Cleaner(cleaner.Config(html=True))


def _check(result: cleaner.CleanResult) -> None:
    out = result.text
    out.encode("utf-8")
    assert unicodedata.is_normalized("NFC", out), "output is not NFC"
    assert not any(ord(c) < 32 and c != "\n" for c in out), "control character in output"
    lines = set(result.normalized.split("\n"))
    for paragraph in out.split("\n\n") if out else []:
        assert paragraph in lines, f"invented paragraph {paragraph[:60]!r}"


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    text = provider.ConsumeUnicodeNoSurrogates(len(data))
    for cleaner_, value in ((_CLEANER, data), (_CLEANER, text), (_HTML, text)):
        try:
            result = cleaner_.clean_document(value)
        except cleaner.CleanerError:
            continue
        _check(result)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
