"""Output identity: two checkouts of the cleaner must clean every input to the same result.

A speed change must not change what the cleaner outputs. This cleans the same inputs with
the ``cleaner`` package of two repository folders (each in its own process, its folder
first on ``sys.path``) through ``Cleaner(Config()).clean_document`` and compares, per
input, every field of the result: ``text``, ``title``, ``body``, ``normalized``,
``metadata``, ``repairs`` and ``removed`` (rule id, family, text, offsets and reason of
each removal), or the error raised. Inputs:

- ``shared/data/dev/*/*.{fulltext,ext-trafilatura,ext-readability}.txt`` (as ``str``);
- ``shared/data/dev/*/*.html`` (as ``bytes``: decoding and extraction run);
- ``shared/seeds/*`` (``str``) and ``golden/cases/*/input.*`` of the first folder
  (``.html`` as ``bytes``, the rest as ``str``).

    python bench/same_output.py REFERENCE CANDIDATE [--no-html] [--show N]
    python bench/same_output.py /work/main .          # main's code against this tree

Exits 0 when every result is identical, 1 otherwise (the differing inputs are listed).
Time is not measured here; see ``speed.py``.
"""

from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from harness import dev_dir, shared_dir, skip

_TEXT_KINDS = ("fulltext", "ext-trafilatura", "ext-readability")


def inputs(golden_root: Path, html: bool = True) -> list[Path]:
    """Every input file, in a fixed order."""
    dev = dev_dir()
    found: list[Path] = []
    for kind in _TEXT_KINDS:
        found += sorted(dev.glob(f"*/*.{kind}.txt"))
    if html:
        found += sorted(dev.glob("*/*.html"))
    found += sorted(p for p in (shared_dir() / "seeds").glob("*") if p.is_file())
    found += sorted(golden_root.glob("golden/cases/*/input.*"))
    return found


def _result(cleaner: Any, path: Path) -> tuple[str, Any]:
    data: str | bytes = path.read_bytes()
    if path.suffix != ".html":
        data = data.decode("utf-8", errors="surrogateescape")
    try:
        r = cleaner.clean_document(data)
    except Exception as exc:  # an error is an outcome to compare too
        return "error", (type(exc).__name__, str(exc))
    removed = [(x.rule, x.family, x.text, x.start, x.end, x.reason) for x in r.removed]
    return "ok", (r.text, r.title, r.body, r.normalized, r.metadata, list(r.repairs), removed)


def dump(repo: Path, paths: list[Path], out: Path) -> None:
    """Clean ``paths`` with the cleaner of ``repo`` (this process) and pickle the results."""
    sys.path.insert(0, str(repo))
    import cleaner
    from cleaner import Cleaner, Config

    where = Path(cleaner.__file__).resolve()
    if repo.resolve() not in where.parents:
        raise SystemExit(f"same_output: imported {where}, not the cleaner of {repo}")
    c = Cleaner(Config())
    with out.open("wb") as f:
        pickle.dump({str(p): _result(c, p) for p in paths}, f)


def _run(repo: Path, paths_file: Path, out: Path) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(repo)}
    cmd = [sys.executable, __file__, "--dump", str(repo), str(paths_file), str(out)]
    subprocess.run(cmd, check=True, env=env)
    with out.open("rb") as f:
        return pickle.load(f)  # our own file, written just now


_FIELDS = ("text", "title", "body", "normalized", "metadata", "repairs", "removed")


def compare(a: dict[str, Any], b: dict[str, Any], show: int) -> int:
    """Print the inputs whose results differ; return how many do."""
    differ = [p for p in a if a[p] != b.get(p)]
    for p in differ[:show]:
        (ka, va), (kb, vb) = a[p], b[p]
        if ka != kb or ka == "error":
            print(f"DIFF {p}: {ka} {va!r:.200} vs {kb} {vb!r:.200}")
            continue
        fields = [name for name, x, y in zip(_FIELDS, va, vb, strict=True) if x != y]
        print(f"DIFF {p}: {', '.join(fields)}")
    return len(differ)


def main(argv: list[str] | None = None) -> int:
    """Clean every input with both folders' cleaners and compare the results."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--dump"]:
        repo, paths_file, out = argv[1:4]
        paths = [Path(p) for p in Path(paths_file).read_text("utf-8").splitlines()]
        dump(Path(repo), paths, Path(out))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference", type=Path, help="repository folder of the reference code")
    parser.add_argument("candidate", type=Path, help="repository folder of the code to check")
    parser.add_argument("--no-html", action="store_true", help="skip the dev pages' HTML")
    parser.add_argument("--show", type=int, default=20, metavar="N", help="differences listed")
    args = parser.parse_args(argv)
    paths = inputs(args.reference, html=not args.no_html)
    if not any(dev_dir().glob("*/*.txt")):
        skip(f"no dev data under {dev_dir()} (set CLEANER_SHARED to the shared folder)")
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "paths.txt"
        listing.write_text("\n".join(str(p) for p in paths), "utf-8")
        a = _run(args.reference.resolve(), listing, Path(tmp) / "a.pickle")
        b = _run(args.candidate.resolve(), listing, Path(tmp) / "b.pickle")
    differ = compare(a, b, args.show)
    removals = sum(len(v[1][6]) for v in a.values() if v[0] == "ok")
    errors = sum(v[0] == "error" for v in a.values())
    print(
        f"same_output: {len(paths)} inputs ({removals} removals, {errors} errors in the "
        f"reference): {len(paths) - differ} identical, {differ} differ"
    )
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
