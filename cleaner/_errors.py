"""Typed errors: bad input fails loudly with one of these, never a deep traceback.

The tree::

    CleanerError                 base of everything the cleaner raises on purpose
    ├── InputError               the input itself cannot be cleaned
    │   ├── DecodeError          bytes that no encoding explains
    │   ├── InputTooLargeError   input above ``Config.max_input_bytes``
    │   └── TimeBudgetError      a document that took longer than ``Config.time_budget``
    └── ConfigError              a bad option, family name or phrase file
        └── PhraseFileError      a user phrase file that does not parse or compile

``InputError`` and ``ConfigError`` also derive from ``ValueError`` so callers that
already catch ``ValueError`` keep working.
"""

from __future__ import annotations


class CleanerError(Exception):
    """Base class of every error the cleaner raises on purpose."""


class InputError(CleanerError, ValueError):
    """The input cannot be cleaned."""


class DecodeError(InputError):
    """Bytes that no encoding explains (binary data, not text)."""


class InputTooLargeError(InputError):
    """The input is larger than the configured maximum."""


class TimeBudgetError(InputError):
    """Cleaning one document took longer than the configured time budget."""


class ConfigError(CleanerError, ValueError):
    """An option, family name or phrase file is invalid."""


class PhraseFileError(ConfigError):
    """A phrase file line that does not parse, compile or match its own example."""
