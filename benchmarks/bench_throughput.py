"""Throughput of tacitus against bare spaCy on the same synthetic corpus.

    python benchmarks/bench_throughput.py --stories 300 --repeat 3 --n-process 1
    python benchmarks/bench_throughput.py --stories 300 --repeat 3 --scaling
    python benchmarks/bench_throughput.py --stories 300 --json

In one run it builds ``--stories`` stories with ``benchmarks/corpus.py`` and times:

* baseline: the same spaCy model loaded bare (``spacy.load``, all components, no tacitus
  component) running ``list(nlp.pipe(texts, batch_size=B, n_process=N))``;
* tacitus: ``list(Pipeline(settings).code_documents(documents))`` end to end (cleaning,
  spaCy with tacitus's sentence rule, event coding) with the same batch size and
  ``n_process``.

Both are warmed (5 stories) after loading, so model loading is not timed. Baseline and
tacitus runs alternate ``--repeat`` times and the median wall time of each is reported.
The ratio is tacitus docs/s divided by bare spaCy docs/s: above 1 tacitus is faster,
below 1 it is slower (0.80 means tacitus takes 25% longer than spaCy alone).

This is a benchmark, not a test: nothing is asserted about the timings.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import make_stories
from tacitus import Document, Pipeline, Settings
from tacitus.nlp import resolve_model_name

WARMUP_STORIES = 5


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Throughput of tacitus (clean + spaCy + coding) against bare spaCy."
    )
    parser.add_argument("--stories", type=int, default=300, help="stories to generate")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each side")
    parser.add_argument("--n-process", type=int, default=1, help="processes for nlp.pipe")
    parser.add_argument("--batch-size", type=int, default=32, help="documents per batch")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    parser.add_argument(
        "--scaling",
        action="store_true",
        help="also time n_process=1 against n_process=2 (tacitus and bare spaCy)",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if args.stories < 1 or args.repeat < 1 or args.n_process < 1 or args.batch_size < 1:
        parser.error("--stories, --repeat, --n-process and --batch-size must be at least 1")
    return args


def _fresh(documents: Sequence[Document]) -> list[Document]:
    """Copies without cleaning results, so every run cleans from scratch."""
    return [replace(d, removed=[]) for d in documents]


@dataclass(frozen=True, slots=True)
class Timing:
    """Wall-clock seconds, and CPU seconds of this process plus its finished children."""

    wall: float
    cpu: float


def _timed(fn: Callable[[], Any]) -> tuple[Timing, Any]:
    before_wall, before = time.perf_counter(), os.times()
    value = fn()
    after_wall, after = time.perf_counter(), os.times()
    cpu = sum(after[:4]) - sum(before[:4])  # user + system, self + reaped children
    return Timing(after_wall - before_wall, cpu), value


def _bare_run(nlp: Language, texts: Sequence[str], batch_size: int, n_process: int) -> Timing:
    timing, docs = _timed(lambda: list(nlp.pipe(texts, batch_size=batch_size, n_process=n_process)))
    if len(docs) != len(texts):
        raise RuntimeError(f"nlp.pipe returned {len(docs)} docs for {len(texts)} texts")
    return timing


def _pipeline(n_process: int, batch_size: int, warm: Sequence[Document]) -> Pipeline:
    settings = Settings.load({"n_process": n_process, "batch_size": batch_size})
    pipeline = Pipeline(settings)
    list(pipeline.code_documents(_fresh(warm)))  # loads the model, KB and triggers
    return pipeline


def _alternate(runs: dict[str, Callable[[], Timing]], repeat: int) -> dict[str, list[Timing]]:
    """Each named run ``repeat`` times, in turn, so drift affects all of them alike."""
    timings: dict[str, list[Timing]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            timings[name].append(run())
    return timings


def _median(timings: list[Timing], attr: str) -> float:
    return statistics.median(getattr(t, attr) for t in timings)


def _rate(n: int, seconds: float) -> float:
    return round(n / seconds, 2) if seconds > 0 else float("inf")


def _peak_rss_mib(who: int) -> float:
    # ru_maxrss is in KiB on Linux and in bytes on macOS.
    peak = resource.getrusage(who).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def _git_state() -> str | None:
    """The commit of the working tree, with "+dirty" when it has local changes."""
    root = Path(__file__).resolve().parents[1]

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=True, timeout=10
        )
        return done.stdout.strip()

    try:
        commit = git("rev-parse", "--short", "HEAD")
        status = git("status", "--porcelain", "--untracked-files=no", "--", "src")
    except (OSError, subprocess.SubprocessError):
        return None
    return commit + ("+dirty" if status else "")


def measure(args: argparse.Namespace) -> dict[str, Any]:
    load_before = os.getloadavg()[0]
    documents = make_stories(args.stories, seed=args.seed)
    texts = [d.text for d in documents]
    warm = documents[:WARMUP_STORIES]
    n = len(documents)
    words = sum(len(t.split()) for t in texts)

    settings = Settings.load({"n_process": args.n_process, "batch_size": args.batch_size})
    model = resolve_model_name(settings.spacy_model)
    bare = spacy.load(model)
    list(bare.pipe(texts[:WARMUP_STORIES], batch_size=args.batch_size, n_process=args.n_process))
    pipeline = _pipeline(args.n_process, args.batch_size, warm)

    counts: dict[str, int] = {}

    def bare_run(n_process: int) -> Callable[[], Timing]:
        return lambda: _bare_run(bare, texts, args.batch_size, n_process)

    def tacitus_run(p: Pipeline) -> Callable[[], Timing]:
        def run() -> Timing:
            batch = _fresh(documents)  # copied outside the timed region
            timing, coded = _timed(lambda: list(p.code_documents(batch)))
            counts["coded"] = len(coded)
            counts["events"] = sum(len(c.events) for c in coded)
            return timing

        return run

    timings = _alternate(
        {"baseline": bare_run(args.n_process), "tacitus": tacitus_run(pipeline)}, args.repeat
    )
    wall = {name: _median(values, "wall") for name, values in timings.items()}
    cpu = {name: _median(values, "cpu") for name, values in timings.items()}
    result: dict[str, Any] = {
        "model": model,
        "bare_components": list(bare.pipe_names),
        "tacitus_components": list(pipeline.nlp.pipe_names),
        "stories": n,
        "words": words,
        "mean_words_per_story": round(words / n, 1),
        "n_process": args.n_process,
        "batch_size": args.batch_size,
        "repeat": args.repeat,
        "seed": args.seed,
        "baseline_seconds": [round(t.wall, 3) for t in timings["baseline"]],
        "tacitus_seconds": [round(t.wall, 3) for t in timings["tacitus"]],
        "baseline_docs_per_s": _rate(n, wall["baseline"]),
        "tacitus_docs_per_s": _rate(n, wall["tacitus"]),
        "baseline_words_per_s": round(_rate(words, wall["baseline"])),
        "tacitus_words_per_s": round(_rate(words, wall["tacitus"])),
        "ratio": round(wall["baseline"] / wall["tacitus"], 3),
        "baseline_cpu_seconds": [round(t.cpu, 3) for t in timings["baseline"]],
        "tacitus_cpu_seconds": [round(t.cpu, 3) for t in timings["tacitus"]],
        "cpu_ratio": round(cpu["baseline"] / cpu["tacitus"], 3) if cpu["tacitus"] else None,
        "coded_documents": counts["coded"],
        "events": counts["events"],
    }

    if args.scaling:
        scaling = _alternate(
            {
                "tacitus_1": tacitus_run(_pipeline(1, args.batch_size, warm)),
                "tacitus_2": tacitus_run(_pipeline(2, args.batch_size, warm)),
                "bare_1": bare_run(1),
                "bare_2": bare_run(2),
            },
            args.repeat,
        )
        med = {name: _median(values, "wall") for name, values in scaling.items()}
        result["scaling"] = {
            "seconds": {
                name: [round(t.wall, 3) for t in values] for name, values in scaling.items()
            },
            "cpu_seconds": {
                name: [round(t.cpu, 3) for t in values] for name, values in scaling.items()
            },
            "docs_per_s": {name: _rate(n, s) for name, s in med.items()},
            "tacitus_speedup_2_over_1": round(med["tacitus_1"] / med["tacitus_2"], 3),
            "bare_speedup_2_over_1": round(med["bare_1"] / med["bare_2"], 3),
        }

    result["peak_rss_mib"] = _peak_rss_mib(resource.RUSAGE_SELF)
    result["peak_rss_children_mib"] = _peak_rss_mib(resource.RUSAGE_CHILDREN)
    # Other work on the machine skews wall times; the 1-minute load average shows how much.
    result["load_average_1min"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    result["tacitus_git"] = _git_state()
    result["cpus"] = os.cpu_count()
    result["python"] = platform.python_version()
    result["spacy"] = spacy.__version__
    return result


def report(result: dict[str, Any]) -> str:
    lines = [
        f"model: {result['model']} (bare: {', '.join(result['bare_components'])}; "
        f"tacitus: {', '.join(result['tacitus_components'])})",
        f"tacitus {result['tacitus_git']}, python {result['python']}, spaCy {result['spacy']}, "
        f"{result['cpus']} CPUs, "
        f"1-min load average before/after: {result['load_average_1min']}",
        f"stories: {result['stories']}",
        f"words: {result['words']} (mean {result['mean_words_per_story']} per story)",
        f"n_process: {result['n_process']}, batch_size: {result['batch_size']}, "
        f"repeat: {result['repeat']} (medians reported)",
        f"baseline (bare spaCy nlp.pipe): {result['baseline_docs_per_s']:.2f} docs/s, "
        f"{result['baseline_words_per_s']} words/s; wall s: {result['baseline_seconds']}, "
        f"cpu s: {result['baseline_cpu_seconds']}",
        f"tacitus (Pipeline.code_documents): {result['tacitus_docs_per_s']:.2f} docs/s, "
        f"{result['tacitus_words_per_s']} words/s; wall s: {result['tacitus_seconds']}, "
        f"cpu s: {result['tacitus_cpu_seconds']}",
        f"ratio (tacitus speed / bare spaCy speed): {result['ratio']:.2f}",
        f"cpu-time ratio (bare spaCy cpu s / tacitus cpu s): {result['cpu_ratio']:.2f}",
        f"events coded: {result['events']} (in {result['coded_documents']} coded documents)",
    ]
    scaling = result.get("scaling")
    if scaling:
        rates, wall = scaling["docs_per_s"], scaling["seconds"]
        for label, key in (("tacitus", "tacitus"), ("bare spaCy", "bare")):
            lines.append(
                f"scaling, {label}: n_process=1 {rates[key + '_1']:.2f} docs/s, "
                f"n_process=2 {rates[key + '_2']:.2f} docs/s; "
                f"wall s: {wall[key + '_1']} vs {wall[key + '_2']}"
            )
        lines.append(
            "speedup n_process=2 / n_process=1: "
            f"tacitus {scaling['tacitus_speedup_2_over_1']:.2f}, "
            f"bare spaCy {scaling['bare_speedup_2_over_1']:.2f}"
        )
    lines.append(
        f"peak RSS: {result['peak_rss_mib']:.1f} MiB (this process); "
        f"largest finished child process: {result['peak_rss_children_mib']:.1f} MiB"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    result = measure(args)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
