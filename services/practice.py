"""The attempt workflow without Streamlit: what storing an answer, and resuming a scenario, mean."""

from dataclasses import dataclass

from sqlalchemy import Engine

from records import progress as records
from records.progress import Attempt
from scenarios.load import Library
from scenarios.model import Step
from scoring.judge import judge, judged_record
from scoring.run import Answer, Run


def run_of(attempt: Attempt) -> Run:
    """The run an attempt's stored answers make."""
    return Run(attempt.scenario_id, tuple(Answer(a.step_id, a.option_id, a.confidence) for a in attempt.answers))


def store_answer(engine: Engine, trainee_id: int, attempt_id: int, step: Step, position: int, option_id: str, confidence: str | None) -> bool:
    """Judge the answer and store it with what it was judged against. False if the step was already answered."""
    judgement = judge(step, option_id)
    return records.save_answer(
        engine, trainee_id, attempt_id, position=position, step_id=step.id, option_id=option_id,
        rating=judgement.rating, credit=judgement.credit, judged=judged_record(judgement), confidence=confidence,
    )


@dataclass(frozen=True)
class Unfinished:
    """The trainee's last free-practice attempt, left unfinished."""

    attempt: Attempt
    run: Run | None  # None when its scenario changed or went away since, so it cannot be resumed


def unfinished(engine: Engine, trainee_id: int, lib: Library) -> Unfinished | None:
    latest = records.latest_attempt(engine, trainee_id)
    if latest is None or latest.finished_at is not None:
        return None
    entry = lib.entries.get(latest.scenario_id)
    if entry is None or entry.content_hash != latest.scenario_hash:
        return Unfinished(latest, None)
    return Unfinished(latest, run_of(latest))


def unfinished_of(engine: Engine, trainee_id: int, lib: Library, scenario_id: str) -> tuple[Attempt, Run] | None:
    """The trainee's newest free-practice attempt at this scenario, if it is unfinished and can go on (the
    scenario unchanged since): starting the scenario again continues it rather than opening a second one."""
    for attempt in records.attempts_of(engine, trainee_id, free_practice_only=True):
        if attempt.scenario_id != scenario_id:
            continue
        entry = lib.entries.get(scenario_id)
        if attempt.finished_at is not None or entry is None or entry.content_hash != attempt.scenario_hash:
            return None
        return attempt, run_of(attempt)
    return None
