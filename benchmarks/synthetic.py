"""Synthetic data for the benchmarks: scenario files, and a department's semester of answers.

    python benchmarks/synthetic.py scenarios DIR [--count 1000]
    python benchmarks/synthetic.py answers DATABASE_URL [--trainees 200] [--scenarios 60] [--attempts 3]

Everything is generated from a fixed seed, so two runs produce the same data.
"""

import argparse
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PARTS = ["professional", "personal", "relationship", "necessary_help", "for_the_client"]
RATINGS = ["best", "acceptable", "poor", "harmful"]


def scenario_yaml(number: int, rng: random.Random) -> str:
    """A valid scenario of three steps in a chain, four options each."""
    parts = rng.sample(PARTS, 2)
    lines = [
        "# yaml-language-server: $schema=../../scenario.schema.json",
        f"id: synthetic-{number:05d}",
        f"title: Synthetic scenario {number}",
        f"difficulty: {rng.choice(['intro', 'intermediate', 'advanced'])}",
        f"parts: [{', '.join(parts)}]",
        f"tags: [synthetic, batch-{number % 10}]",
        "source: original",
        "venue: community_clinic",
        "setting: |",
        f"  Client {number} has seen you for {rng.randint(2, 40)} sessions. Something happens at the",
        "  end of the hour that asks for a decision, and the trainee must choose a response.",
        "steps:",
    ]
    for step in range(3):
        lines += [f"  - id: step-{step + 1}", f"    prompt: What do you do at moment {step + 1}?", "    options:"]
        for option, rating in enumerate(RATINGS):
            part = parts[option % 2]
            verdict = "upholds" if rating in ("best", "acceptable") else "undermines"
            lines += [
                f"      - id: option-{option + 1}",
                f"        text: Response {option + 1} at moment {step + 1} of scenario {number}.",
                f"        rating: {rating}",
                "        effects:",
                f"          {part}:",
                f"            {verdict}: Reason {option + 1}, in the part's own terms.",
                f"        feedback: Feedback on response {option + 1}.",
            ]
            if step < 2:
                lines.append(f"        next: step-{step + 2}")
    return "\n".join(lines) + "\n"


def write_scenarios(folder: Path, count: int) -> list[Path]:
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"synthetic-{number:05d}.yaml"
        path.write_text(scenario_yaml(number, rng), encoding="utf-8")
        paths.append(path)
    return paths


def fill_answers(url: str, trainees: int, scenarios: int, attempts: int) -> dict:
    """One supervisor, one cohort, one assessment of `scenarios` library-like scenarios taken
    `attempts` times by each trainee, every step answered; bulk-inserted."""
    from sqlalchemy import insert

    from records.db import make_engine, writing
    from records.migrate import migrate
    from records.tables import answers, assignment_trainees, assignments, cohorts, submissions, supervisors
    from records.tables import attempts as attempts_table
    from records.tables import trainees as trainees_table

    rng = random.Random(11)
    engine = make_engine(url)
    migrate(engine)
    now = datetime.now(UTC)
    scenario_ids = [f"synthetic-{n:05d}" for n in range(scenarios)]
    with writing(engine) as c:
        sup = c.execute(insert(supervisors).values(name="Bench", email=f"bench-{rng.random()}@example.edu", password_hash="x", failed_logins=0, created_at=now).returning(supervisors.c.id)).scalar_one()
        cohort = c.execute(insert(cohorts).values(supervisor_id=sup, title="Benchmark cohort", created_at=now).returning(cohorts.c.id)).scalar_one()
        people = [
            c.execute(insert(trainees_table).values(name=f"Trainee {t}", token_hash=f"{rng.getrandbits(256):064x}", created_at=now, cohort_id=cohort, email=f"t{t}@uni.edu").returning(trainees_table.c.id)).scalar_one()
            for t in range(trainees)
        ]
        assignment = c.execute(
            insert(assignments).values(cohort_id=cohort, title="Semester", mode="assessment", counts="best", attempts_allowed=None, confidence=True,
                                       reflection_required=False, scenario_ids=scenario_ids, created_at=now).returning(assignments.c.id)
        ).scalar_one()
        c.execute(insert(assignment_trainees), [{"assignment_id": assignment, "trainee_id": p} for p in people])
    answer_count = 0
    for person in people:
        skill = rng.random()
        with writing(engine) as c:
            for number in range(1, attempts + 1):
                sub = c.execute(insert(submissions).values(assignment_id=assignment, trainee_id=person, number=number, started_at=now, submitted_at=now + timedelta(hours=1)).returning(submissions.c.id)).scalar_one()
                rows_attempts = [{"trainee_id": person, "scenario_id": sid, "scenario_hash": "0" * 64, "scenario_title": sid, "started_at": now, "finished_at": now, "submission_id": sub} for sid in scenario_ids]
                ids = c.execute(insert(attempts_table).returning(attempts_table.c.id, sort_by_parameter_order=True), rows_attempts).scalars().all()
                rows = []
                for attempt_id in ids:
                    parts = rng.sample(PARTS, 2)
                    for position in range(3):
                        rating = "best" if rng.random() < skill else rng.choice(RATINGS[1:])
                        credit = {"best": 1.0, "acceptable": 0.5}.get(rating, 0.0)
                        verdict = "upholds" if credit else "undermines"
                        rows.append({
                            "attempt_id": attempt_id, "position": position, "step_id": f"step-{position + 1}", "option_id": f"option-{RATINGS.index(rating) + 1}",
                            "rating": rating, "credit": credit, "confidence": rng.choice([None, "low", "medium", "high"]), "answered_at": now,
                            "judged": {"prompt": f"Moment {position + 1}", "option_text": f"Response {rating}", "feedback": "Feedback.",
                                       "effects": {parts[0]: [verdict, "Reason."]}, "at_stake": [parts[0]], "strongest": None},
                        })
                c.execute(insert(answers), rows)
                answer_count += len(rows)
    return {"engine": engine, "supervisor_id": sup, "cohort_id": cohort, "assignment_id": assignment, "answers": answer_count}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    s = sub.add_parser("scenarios")
    s.add_argument("folder", type=Path)
    s.add_argument("--count", type=int, default=1000)
    a = sub.add_parser("answers")
    a.add_argument("url")
    a.add_argument("--trainees", type=int, default=200)
    a.add_argument("--scenarios", type=int, default=60)
    a.add_argument("--attempts", type=int, default=3)
    args = parser.parse_args()
    if args.what == "scenarios":
        print(f"wrote {len(write_scenarios(args.folder, args.count))} files to {args.folder}")
    else:
        made = fill_answers(args.url, args.trainees, args.scenarios, args.attempts)
        print(f"wrote {made['answers']} answers (assignment {made['assignment_id']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
