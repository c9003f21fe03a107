"""The ``cleaner`` command: a thin wrapper over the library.

Exit codes: 0 all inputs cleaned; 1 some input failed (each failure is reported on
stderr with its file or line number, the rest are still written); 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from ._api import Cleaner
from ._config import FAMILIES, REPAIRS, Config
from ._errors import CleanerError, ConfigError
from ._result import CleanResult

_TEXT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")

_EPILOG = f"""\
examples:
  cleaner article.txt                    clean one file to stdout
  cat article.txt | cleaner -            clean stdin
  cleaner --explain article.txt          show each removed paragraph and its rule id
  cleaner --json article.txt             the full result: title, body, metadata, removals
  cleaner page.html                      HTML: main content (trafilatura), then cleaned
  cleaner pages/ -o clean/               clean every .txt/.html file under pages/ into clean/
  cleaner --jsonl --field text in.jsonl  JSON lines in, JSON lines out (text replaced)
  cleaner --disable comments,bylines a.txt
  cleaner batch corpus.jsonl.zst -o clean/   a corpus, in parallel: see cleaner batch --help

families (for --disable): {", ".join(FAMILIES)}
repairs  (for --disable): {", ".join(REPAIRS)}
a rule id (see --list-rules) can be disabled too.
"""


def add_config_options(p: argparse.ArgumentParser) -> None:
    """The options that make a :class:`Config`, shared by ``cleaner`` and ``cleaner batch``."""
    p.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="NAMES",
        help="comma-separated families, rule ids or repairs to switch off",
    )
    p.add_argument(
        "--phrases",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="an extra phrase file (its stem is the rule id; needs an @family line)",
    )
    p.add_argument("--language", help="language hint (ISO 639-1), e.g. en")
    html = p.add_mutually_exclusive_group()
    html.add_argument(
        "--html",
        dest="html",
        action="store_true",
        default=None,
        help="treat inputs as HTML pages (default: detect)",
    )
    html.add_argument(
        "--text",
        dest="html",
        action="store_false",
        help="treat inputs as text even when they look like HTML",
    )


def config_from(args: argparse.Namespace, **extra: Any) -> Config:
    """The :class:`Config` of parsed options (``extra``: more fields); may raise ConfigError."""
    disable = frozenset(n.strip() for chunk in args.disable for n in chunk.split(",") if n.strip())
    return Config(
        disable=disable,
        phrase_files=tuple(args.phrases),
        language=args.language,
        html=args.html,
        **extra,
    )


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cleaner",
        description="Turn scraped article text into clean body text.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="*", help="files, folders, or - for stdin")
    p.add_argument("-o", "--output", type=Path, help="output folder (required for folders)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--explain", action="store_true", help="list removed paragraphs with rule ids"
    )
    mode.add_argument("--json", action="store_true", help="print the full result as JSON")
    p.add_argument("--jsonl", action="store_true", help="inputs are JSON lines; output JSON lines")
    p.add_argument(
        "--field", default="text", help="JSON lines field holding the text (default: text)"
    )
    add_config_options(p)
    p.add_argument(
        "--list-rules", action="store_true", help="print every rule id, family and purpose"
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args[:1] == ["batch"]:
            from .batch.cli import main as batch_main

            return batch_main(args[1:])
        return _main(args)
    except BrokenPipeError:
        # The reader went away (cleaner ... | head): stop quietly, as Unix tools do.
        sys.stdout = open(os.devnull, "w")
        return 0
    except KeyboardInterrupt:
        return 130


def _main(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    try:
        cleaner = Cleaner(config_from(args))
    except ConfigError as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return 2
    if args.list_rules:
        for rule in cleaner._pipeline.rules.values():
            print(f"{rule.id:24} {rule.family:14} {rule.explain}")
        return 0
    if not args.inputs:
        print(
            "cleaner: no input given (a file, a folder, or - for stdin); see --help",
            file=sys.stderr,
        )
        return 2
    failed = 0
    for name in args.inputs:
        try:
            failed += _run_one(cleaner, name, args)
        except OSError as exc:
            print(f"cleaner: {name}: {exc.strerror or exc}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def _run_one(cleaner: Cleaner, name: str, args: argparse.Namespace) -> int:
    if name == "-":
        data = sys.stdin.buffer.read()
        if args.jsonl:
            return _jsonl(
                cleaner, data.decode("utf-8", "replace").splitlines(), "<stdin>", sys.stdout, args
            )
        return _one(cleaner, data, "<stdin>", sys.stdout, args)
    path = Path(name)
    if path.is_dir():
        if args.output is None:
            print(f"cleaner: {name} is a folder: give an output folder with -o", file=sys.stderr)
            return 1
        return _folder(cleaner, path, args.output, args)
    if not path.exists():
        print(f"cleaner: {name}: no such file", file=sys.stderr)
        return 1
    if args.output is not None:
        target = _target(args.output, path.name, args)
        return _to_file(cleaner, path, target, args)
    if args.jsonl:
        with path.open(encoding="utf-8", errors="replace") as lines:
            return _jsonl(cleaner, lines, name, sys.stdout, args)
    return _one(cleaner, path.read_bytes(), name, sys.stdout, args)


def _target(outdir: Path, name: str, args: argparse.Namespace) -> Path:
    if args.jsonl:
        return outdir / name
    return outdir / (Path(name).stem + (".json" if args.json else ".txt"))


def _folder(cleaner: Cleaner, root: Path, outdir: Path, args: argparse.Namespace) -> int:
    suffixes = (".jsonl",) if args.jsonl else _TEXT_SUFFIXES
    failed = 0
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in suffixes):
        rel = path.relative_to(root)
        target = _target(outdir / rel.parent, rel.name, args)
        failed += _to_file(cleaner, path, target, args)
    return failed


def _to_file(cleaner: Cleaner, path: Path, target: Path, args: argparse.Namespace) -> int:
    if target.resolve() == path.resolve():
        print(f"cleaner: {path}: refusing to overwrite the input file", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        if args.jsonl:
            with path.open(encoding="utf-8", errors="replace") as lines:
                failed = _jsonl(cleaner, lines, str(path), out, args)
        else:
            failed = _one(cleaner, path.read_bytes(), str(path), out, args)
    tmp.replace(target)
    return failed


def _one(cleaner: Cleaner, data: bytes, name: str, out: TextIO, args: argparse.Namespace) -> int:
    try:
        result = cleaner.clean_document(data)
    except CleanerError as exc:
        print(f"cleaner: {name}: {exc}", file=sys.stderr)
        return 1
    _write(result, out, args)
    return 0


def _write(result: CleanResult, out: TextIO, args: argparse.Namespace) -> None:
    if args.json:
        out.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif args.explain:
        for removal in result.removed:
            out.write(f"- [{removal.rule}] {removal.text}\n")
        repairs = ", ".join(result.repairs) or "none"
        out.write(f"# kept {len(result.text)} characters; repairs: {repairs}\n")
    elif result.text:
        out.write(result.text + "\n")


def _records(lines: Any) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(lines, 1):
        if line.strip():
            yield number, line


def _jsonl(cleaner: Cleaner, lines: Any, name: str, out: TextIO, args: argparse.Namespace) -> int:
    failed = 0
    for number, line in _records(lines):
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get(args.field), str):
                raise ValueError(f"no string field {args.field!r}")
            result = cleaner.clean_document(record[args.field])
        except (ValueError, CleanerError) as exc:
            print(f"cleaner: {name}:{number}: {exc}", file=sys.stderr)
            failed += 1
            continue
        record[args.field] = result.text
        if args.json or args.explain:
            record["removed"] = [r["rule"] + ": " + r["text"] for r in result.to_dict()["removed"]]
            record["metadata"] = result.metadata
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return failed


if __name__ == "__main__":
    sys.exit(main())
