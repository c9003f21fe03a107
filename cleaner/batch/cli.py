"""``cleaner batch IN -o OUT``: the corpus command (see :mod:`cleaner.batch.runner`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .._config import Config
from .._errors import CleanerError, ConfigError
from ..cli import add_config_options, config_from
from .boilerplate import DEFAULT_MAX_KEYS
from .io import DEFAULT_MAX_EXPANSION
from .records import RecordOptions
from .runner import BatchOptions, BatchUsageError, default_workers, format_summary, run_batch

_EPILOG = """\
input: a JSON lines file (.jsonl/.ndjson/.json, plain, .gz or .zst), a Parquet file, or a
folder of them (each file a shard; outputs keep their names and folders); a folder with
none of those is read as text/HTML files, each a record, written as OUT/<path>.txt.

output: every input field is kept and these are added: clean_text (--output-field), the
clean text or null; clean_error, null or "ErrorType: message"; with --removed, clean_removed
(rule, family, text of each removed paragraph); with --metadata, clean_metadata (JSON text).
A record that fails keeps its place, and is listed in OUT/_rejects/<shard>.rejects.jsonl with its
line or row, id and error; so is a line that is not a JSON object. OUT/_summary.json holds
the figures printed at the end. Exit status: 0 all clean, 1 some record or shard rejected,
2 bad usage.

corpus boilerplate: a first pass counts the paragraphs of every record per source (the
--source-field, else the domain of the --url-field, else one source for the whole input;
for folders of files, each folder); a paragraph recurring in enough documents of its
source is removed in the second pass (rule recurring-in-source). --disable boilerplate
skips the first pass.

examples:
  cleaner batch crawl.jsonl.zst -o clean/
  cleaner batch shards/ -o clean/ --workers 8 --text-field content --id-field doc_id
  cleaner batch data.parquet -o clean/ --output-field text --removed --metadata
  cleaner batch shards/ -o clean/ --resume     # after an interruption: finish the rest
"""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cleaner batch",
        description="Clean a corpus of JSON lines, Parquet or text/HTML files, in parallel.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("input", type=Path, help="a record file or a folder")
    p.add_argument("-o", "--output", type=Path, required=True, help="output folder")
    p.add_argument("--text-field", default="text", help="field holding the text (default: text)")
    p.add_argument(
        "--output-field",
        default="clean_text",
        help="field for the clean text (default: clean_text; give the text field to replace it)",
    )
    p.add_argument("--id-field", help="field naming a record in the rejects file")
    p.add_argument("--source-field", help="field naming a record's site (default: url's domain)")
    p.add_argument("--url-field", default="url", help="field holding the URL (default: url)")
    p.add_argument("--removed", action="store_true", help="add clean_removed")
    p.add_argument("--metadata", action="store_true", help="add clean_metadata")
    p.add_argument(
        "-j",
        "--workers",
        type=int,
        default=0,
        help=f"worker processes (default: all cores, here {default_workers()})",
    )
    p.add_argument("--resume", action="store_true", help="skip shards finished by a past run")
    add_config_options(p)
    p.add_argument(
        "--max-input-bytes",
        type=int,
        default=Config().max_input_bytes,
        help="a record above this size is rejected (default: 64 MiB)",
    )
    p.add_argument("--time-budget", type=float, help="seconds allowed per record")
    p.add_argument(
        "--max-expansion",
        type=float,
        default=DEFAULT_MAX_EXPANSION,
        help="a compressed shard may expand this many times its size (default: %(default)s)",
    )
    p.add_argument(
        "--max-keys",
        type=int,
        default=DEFAULT_MAX_KEYS,
        help="distinct paragraphs counted in memory before rare ones are pruned",
    )
    bar = p.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None)
    bar.add_argument("--no-progress", dest="progress", action="store_false")
    p.add_argument("-q", "--quiet", action="store_true", help="only errors and the summary")
    return p


def main(argv: Sequence[str]) -> int:
    args = parser().parse_args(argv)
    if args.workers < 0:
        print("cleaner batch: --workers must be 0 (all cores) or more", file=sys.stderr)
        return 2
    try:
        config = config_from(
            args, max_input_bytes=args.max_input_bytes, time_budget=args.time_budget
        )
        from .._api import _cleaner

        _cleaner(config)  # fail on a bad option here, not in every worker
    except ConfigError as exc:
        print(f"cleaner batch: {exc}", file=sys.stderr)
        return 2
    opts = BatchOptions(
        input=args.input,
        output=args.output,
        records=RecordOptions(
            text_field=args.text_field,
            output_field=args.output_field,
            id_field=args.id_field,
            source_field=args.source_field,
            url_field=args.url_field,
            with_removed=args.removed,
            with_metadata=args.metadata,
        ),
        workers=args.workers,
        resume=args.resume,
        max_expansion=args.max_expansion,
        progress=args.progress,
        quiet=args.quiet,
        max_keys=args.max_keys,
        max_line_bytes=args.max_input_bytes + (1 << 20),
    )
    try:
        summary = run_batch(config, opts)
    except BatchUsageError as exc:
        print(f"cleaner batch: {exc}", file=sys.stderr)
        return 2
    except CleanerError as exc:
        print(f"cleaner batch: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"cleaner batch: {exc}", file=sys.stderr)
        return 1
    print(format_summary(summary, opts.output), file=sys.stderr)
    return 1 if summary.rejects or summary.shard_errors else 0
