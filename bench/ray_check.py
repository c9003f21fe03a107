"""Ray check: the generated corpus through Ray Data and through ``cleaner batch``, compared.

Builds the corpus of ``batch_speed.py`` (``--mb`` MB of dev pages and golden inputs as
JSON lines shards), runs the real command (``cleaner batch CORPUS -o OUT``), then the same
folder through :func:`cleaner.integrations.ray.clean_dataset` on a local Ray cluster
(``ray.init(num_cpus=--cpus)``, input order preserved), writes Ray's rows as JSON lines
with the command's serializer, and compares the two byte for byte. Prints the seconds of
each; reports, never asserts. Needs the ``ray`` extra.

    python bench/ray_check.py [--mb 200] [--cpus 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from batch_speed import build_corpus
from harness import REPO, RESULTS, write_json


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=200.0)
    parser.add_argument("--cpus", type=int, default=2)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--json", type=Path, default=RESULTS / "ray_check.json")
    args = parser.parse_args(argv)
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    import pyarrow as pa
    import ray

    from cleaner.batch.records import dumps
    from cleaner.integrations.ray import added_fields, clean_dataset

    base = args.keep or Path(tempfile.mkdtemp(prefix="cleaner-ray-check-"))
    try:
        corpus = build_corpus(base / "corpus", args.mb)
        print(f"bench: corpus {corpus}", file=sys.stderr)
        exe = Path(sys.executable).with_name("cleaner")
        start = time.monotonic()
        cmd = [str(exe), "batch", str(base / "corpus"), "-o", str(base / "cli"), "-q"]
        done = subprocess.run([*cmd, "--no-progress"], capture_output=True, text=True)
        cli_seconds = time.monotonic() - start
        if done.returncode not in (0, 1):
            raise SystemExit(f"bench: cleaner batch failed:\n{done.stderr}")
        shards = sorted((base / "corpus").glob("part-*.jsonl"))
        names = [[json.loads(line) for line in p.open(encoding="utf-8")] for p in shards]
        order = [list(r) for shard in names for r in shard]
        del names

        ray.init(num_cpus=args.cpus, include_dashboard=False, log_to_driver=False)
        ray.data.DataContext.get_current().execution_options.preserve_order = True
        start = time.monotonic()
        ds = ray.data.read_json([str(p) for p in shards])
        out = clean_dataset(ds, concurrency=max(1, args.cpus - 1), num_cpus=1)
        added = [f.name for f in added_fields()]
        ray_path = base / "ray.jsonl"
        n = 0
        with ray_path.open("w", encoding="utf-8") as f:
            for table in out.iter_batches(batch_format="pyarrow", batch_size=None):
                assert isinstance(table, pa.Table)
                for row in table.to_pylist():
                    fields = order[n]
                    record: dict[str, Any] = {k: row[k] for k in fields}
                    record.update({k: row[k] for k in added})
                    f.write(dumps(record) + "\n")
                    n += 1
        ray_seconds = time.monotonic() - start
        ray.shutdown()

        cli_bytes = b"".join((base / "cli" / p.name).read_bytes() for p in shards)
        ray_bytes = ray_path.read_bytes()
        result = {
            "corpus": corpus,
            "cli_seconds": round(cli_seconds, 1),
            "ray_seconds": round(ray_seconds, 1),
            "ray_cpus": args.cpus,
            "records_cli": cli_bytes.count(b"\n"),
            "records_ray": n,
            "identical": cli_bytes == ray_bytes,
        }
        if not result["identical"]:
            cli_lines, ray_lines = cli_bytes.splitlines(), ray_bytes.splitlines()
            result["differing_records"] = sum(
                a != b for a, b in zip(cli_lines, ray_lines, strict=False)
            )
        print(json.dumps(result, indent=1))
        write_json(args.json, result)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
