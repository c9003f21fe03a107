"""The real ``cleaner`` command, run as a user runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "golden" / "cases" / "01-wire-story-chrome" / "input.txt"
_EXE = shutil.which("cleaner", path=str(Path(sys.executable).parent)) or shutil.which("cleaner")
pytestmark = pytest.mark.skipif(_EXE is None, reason="the cleaner command is not installed")


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([_EXE, *args], input=stdin, capture_output=True, timeout=120)  # type: ignore[list-item]


def test_help() -> None:
    out = run("--help")
    assert out.returncode == 0
    assert b"--explain" in out.stdout and b"families (for --disable)" in out.stdout


def test_file_to_stdout() -> None:
    out = run(str(EXAMPLE))
    assert out.returncode == 0
    expected = (EXAMPLE.parent / "expected.txt").read_bytes()
    assert out.stdout == expected


def test_stdin() -> None:
    out = run("-", stdin=b"Skip to content\n\nTitle line\n\nBody.\n")
    assert out.returncode == 0 and out.stdout == b"Title line\n\nBody.\n"


def test_explain_and_json() -> None:
    explain = run("--explain", str(EXAMPLE)).stdout.decode()
    assert "- [" in explain and "# kept" in explain
    data = json.loads(run("--json", str(EXAMPLE)).stdout)
    assert set(data) >= {"text", "title", "body", "metadata", "removed", "repairs"}
    assert all({"rule", "family", "text", "start", "end"} <= set(r) for r in data["removed"])


def test_folder_needs_output_and_writes_every_file(tmp_path: Path) -> None:
    src = tmp_path / "in" / "sub"
    src.mkdir(parents=True)
    (src / "a.txt").write_text("Skip to content\n\nA title\n\nBody a.\n")
    (tmp_path / "in" / "b.txt").write_text("Another title\n\nBody b.\n")
    assert run(str(tmp_path / "in")).returncode == 1
    out = run(str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "out" / "sub" / "a.txt").read_text() == "A title\n\nBody a.\n"
    assert (tmp_path / "out" / "b.txt").read_text() == "Another title\n\nBody b.\n"
    assert not list((tmp_path / "out").rglob("*.tmp"))


def test_jsonl_keeps_fields_and_reports_bad_lines(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": 1, "text": "Skip to content\nTitle\nBody."})
        + "\n"
        + "not json\n"
        + json.dumps({"id": 3, "body": "no text field"})
        + "\n"
    )
    out = run("--jsonl", str(src))
    assert out.returncode == 1
    records = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert records == [{"id": 1, "text": "Title\n\nBody."}]
    assert b"in.jsonl:2" in out.stderr and b"in.jsonl:3" in out.stderr


def test_disable_and_bad_names() -> None:
    out = run("--disable", "navigation", "-", stdin=b"Skip to content\n\nBody text.\n")
    assert out.stdout == b"Skip to content\n\nBody text.\n"
    bad = run("--disable", "nonsense", "-", stdin=b"x")
    assert bad.returncode == 2 and b"unknown names" in bad.stderr


def test_bad_input_is_reported_not_a_traceback(tmp_path: Path) -> None:
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 16)
    out = run(str(binary), str(tmp_path / "missing.txt"))
    assert out.returncode == 1
    assert b"Traceback" not in out.stderr
    assert b"blob.txt" in out.stderr and b"missing.txt" in out.stderr


def test_never_overwrites_its_input(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Title\n\nBody.\n")
    out = run(str(src), "-o", str(tmp_path))
    assert out.returncode == 1 and src.read_text() == "Title\n\nBody.\n"
