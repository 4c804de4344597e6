"""Flag training sentences that share wording with the evaluation data.

    python training/check_overlap.py                       # training/data against ../shared/eval
    python training/check_overlap.py --data new.jsonl      # one file before adding it

Our sentences must be our own: a sentence that shares a run of six words with a gold
document, or shares more than a third of its distinct words with a PLOVER record, is printed
so that it can be rewritten or dropped before the classifier is trained on it. The gold
files are read only here, never trained on.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVAL = HERE.parent.parent / "shared" / "eval"
RUN = 6
SIMILAR = 0.35


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _runs(text: str) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def _similarity(a: set[str], b: set[str]) -> float:
    """Share of distinct words in common (Jaccard): cheap enough for every pair."""
    return len(a & b) / len(a | b) if a or b else 0.0


def _texts(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            rows.append((str(raw["id"]), str(raw["text"])))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, nargs="*", default=None, help="JSONL files")
    parser.add_argument("--eval", type=Path, default=EVAL, help="folder of gold files")
    args = parser.parse_args(argv)
    paths = args.data or sorted((HERE / "data").glob("*.jsonl"))
    records = args.eval / "plover_gsr_dev.jsonl"
    if not records.exists():
        print(f"{records} is not there: nothing to compare with", file=sys.stderr)
        return 2
    gold = [text for _, text in _texts(records)]
    gold_words = [set(_words(text)) for text in gold]
    index: dict[tuple[str, ...], int] = {}
    for number, text in enumerate(gold):
        for run in _runs(text):
            index.setdefault(run, number)
    flagged = 0
    for path in paths:
        for doc_id, text in _texts(path):
            shared = [index[run] for run in _runs(text) if run in index]
            words = set(_words(text))
            best = max(_similarity(words, g) for g in gold_words)
            if shared or best > SIMILAR:
                flagged += 1
                print(f"{doc_id}\tshared runs {len(shared)}\tsimilarity {best:.2f}\t{text}")
    print(f"{flagged} sentences to look at", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
