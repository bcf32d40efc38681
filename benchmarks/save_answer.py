"""Time to save one answer, as the app does it, on SQLite and (when configured) PostgreSQL.

Run: python benchmarks/save_answer.py [--count N]
PostgreSQL is measured when PRACTICUM_TEST_POSTGRES_URL is set (eval "$(bash .ci/postgres.sh)").
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from sqlalchemy import text  # noqa: E402

from records.db import make_engine  # noqa: E402
from records.migrate import migrate  # noqa: E402
from records.progress import save_answer, start_attempt  # noqa: E402
from records.tables import metadata  # noqa: E402
from records.trainees import add_trainee  # noqa: E402

JUDGED = {"prompt": "What do you say?", "option_text": "Decline warmly.", "feedback": "Kind and clear.",
          "effects": {"for_the_client": ["upholds", "The client owes you nothing back."]}, "at_stake": ["for_the_client"], "strongest": None}


def measure(engine, count: int) -> list[float]:
    trainee, _ = add_trainee(engine, "Benchmark")
    attempt = start_attempt(engine, trainee.id, "bench", "h" * 64, "Bench")
    times = []
    for n in range(count):
        started = time.perf_counter()
        save_answer(engine, trainee.id, attempt, position=n, step_id=f"step-{n}", option_id="o", rating="best", credit=1.0, judged=JUDGED, confidence="high")
        times.append(time.perf_counter() - started)
    return times


def report(name: str, times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    return f"{name}: median {statistics.median(ms):.2f} ms, p99 {p99:.2f} ms, max {ms[-1]:.2f} ms over {len(ms)} saves"


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/bench.db")
        migrate(engine)
        print(report("SQLite (WAL, synchronous=FULL, BEGIN IMMEDIATE)", measure(engine, args.count)))
        engine.dispose()
    url = os.environ.get("PRACTICUM_TEST_POSTGRES_URL")
    if url:
        engine = make_engine(url)
        with engine.begin() as connection:
            metadata.drop_all(connection)
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        migrate(engine)
        print(report("PostgreSQL (psycopg 3, local server)", measure(engine, args.count)))
    else:
        print("PostgreSQL: skipped (set PRACTICUM_TEST_POSTGRES_URL)")
