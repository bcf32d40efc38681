"""Two figures for the foundation: library load time and the AppTest rerun that turns an answer into feedback.

Run: python benchmarks/foundation.py [--repeat N]
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from apptest_helpers import open_app, start_scenario  # noqa: E402

from scenarios.load import load_library  # noqa: E402


def library_load(repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        library = load_library()
        times.append(time.perf_counter() - started)
    assert not library.problems
    return times


def answer_rerun(repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        at = start_scenario(open_app("views/practice.py"), "gift-from-a-work-trip")
        at.radio[0].set_value(at.radio[0].options[0])  # any option: the rerun is what is timed
        submit = next(b for b in at.button if b.label == "Submit answer")
        started = time.perf_counter()
        submit.click().run()
        times.append(time.perf_counter() - started)
        assert at.success, "feedback did not appear"
    return times


def describe(name: str, times: list[float]) -> str:
    ms = [t * 1000 for t in times]
    return f"{name}: median {statistics.median(ms):.1f} ms, min {min(ms):.1f} ms, max {max(ms):.1f} ms over {len(ms)} runs"


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    count = len(load_library().entries)
    print(describe(f"load and validate the library ({count} scenarios)", library_load(args.repeat)))
    print(describe("AppTest rerun: submitted answer -> feedback", answer_rerun(args.repeat)))
