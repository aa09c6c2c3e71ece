"""Fixtures for the Python package's tests: the articles, the CLI to compare
with, and the conversion from the CLI's UTF-16 offsets to Python's.

The CLI is the reference at test time (never stored JSON): whatever the
analysis finds, the Python package and Dask must find the same.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def _target_dir():
    return Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))


@pytest.fixture(scope="session")
def qawl_bin():
    """The qawl CLI: $QAWL_BIN, or the workspace's debug build (built now)."""
    if "QAWL_BIN" in os.environ:
        return os.environ["QAWL_BIN"]
    subprocess.run(["cargo", "build", "-q", "-p", "qawl-cli"], cwd=ROOT, check=True)
    return str(_target_dir() / "debug" / "qawl")


@pytest.fixture(scope="session")
def dev_articles():
    """The five seed and six held-out (dev) articles: [(name, text)]."""
    out = []
    for folder in ("seeds", "heldout"):
        for p in sorted((FIXTURES / folder).glob("*.txt")):
            if not p.name.endswith(".marked.txt"):
                out.append((p.stem, p.read_text(encoding="utf-8")))
    assert len(out) == 11
    return out


def run_jsonl(qawl_bin, lines, jobs=2):
    """Runs `qawl analyze --jsonl -` on lines; returns (records, exit code)."""
    p = subprocess.run(
        [qawl_bin, "analyze", "--jsonl", "-", "--jobs", str(jobs)],
        input="".join(line + "\n" for line in lines).encode(),
        capture_output=True,
        check=False,
    )
    assert p.returncode in (0, 1), p.stderr.decode()
    return [json.loads(line) for line in p.stdout.decode().splitlines()], p.returncode


def _units_to_chars(text):
    """A list mapping each UTF-16 offset of text (on a char boundary) to its
    code-point offset."""
    table = []
    for i, ch in enumerate(text):
        table.append(i)
        if ord(ch) > 0xFFFF:
            table.append(None)  # inside a surrogate pair: no span ends here
    table.append(len(text))
    return table


def to_chars(record, text):
    """A CLI record (UTF-16 offsets) with its offsets in code points."""
    record = json.loads(json.dumps(record))
    table = _units_to_chars(text)

    def conv(span):
        if span is not None:
            span["start"], span["end"] = table[span["start"]], table[span["end"]]

    for e in record.get("entities", []):
        conv(e)
    for q in record.get("quotes", []):
        conv(q)
        conv(q["speaker"])
        conv(q["cue"])
    return record


def news_lines(limit):
    """The first `limit` articles of the news corpus as JSON Lines, via the
    same script the benchmark uses; skips when the corpus is not there."""
    corpus = Path(os.environ.get("QAWL_NEWS", ROOT.parent / "shared" / "data" / "unlabeled" / "ant-news.txt"))
    if not corpus.exists():
        pytest.skip(f"the news corpus is not at {corpus}; set QAWL_NEWS")
    out = subprocess.run(
        ["python3", str(ROOT / "scripts" / "news-jsonl.py"), str(corpus), str(limit)],
        capture_output=True,
        check=True,
    )
    lines = out.stdout.decode().splitlines()
    assert len(lines) == limit
    return lines
