"""Bytes to text: BOM, strict UTF-8, then charset-normalizer's best guess.

Strict UTF-8 first because it is by far the most common encoding and a strict decode
that succeeds is almost never wrong; charset-normalizer only runs for the rest.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from .._errors import DecodeError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``.

    ``declared`` is an encoding the container announced (an HTML meta charset); it is
    tried after strict UTF-8 and before guessing. Raises :class:`DecodeError` when the
    bytes are not text in any encoding (binary data).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"bytes start with a {encoding} BOM but do not decode: {exc}"
                ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared), codecs.lookup(declared).name
        except (LookupError, UnicodeDecodeError):
            pass
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError(f"{len(data)} bytes that decode in no known encoding (binary data?)")
    return str(best), best.encoding
