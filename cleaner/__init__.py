"""cleaner: scraped article text (or HTML) in, clean body text out.

>>> import cleaner
>>> cleaner.clean("Skip to content\\n\\nHeadline here\\n\\nThe body paragraph.")
'Headline here\\n\\nThe body paragraph.'
"""

from ._api import BatchError, Cleaner, clean, clean_batch, clean_document
from ._config import FAMILIES, REPAIRS, Config
from ._errors import (
    CleanerError,
    ConfigError,
    DecodeError,
    InputError,
    InputTooLargeError,
    PhraseFileError,
    TimeBudgetError,
)
from ._result import CleanResult, Removal

__all__ = [
    "FAMILIES",
    "REPAIRS",
    "BatchError",
    "CleanResult",
    "Cleaner",
    "CleanerError",
    "Config",
    "ConfigError",
    "DecodeError",
    "InputError",
    "InputTooLargeError",
    "PhraseFileError",
    "Removal",
    "TimeBudgetError",
    "clean",
    "clean_batch",
    "clean_document",
]

__version__ = "0.1.0"
