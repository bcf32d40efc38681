"""A trainee's way through one scenario: which step is next, how far along, and the summary."""

import random
from dataclasses import dataclass, replace

import pandas as pd

from scenarios.model import Option, Scenario, Step, remaining_steps
from scenarios.parts import PARTS
from scoring.judge import Judgement, judge


@dataclass(frozen=True)
class Answer:
    step_id: str
    option_id: str
    confidence: str | None = None  # low | medium | high, when the trainee said


@dataclass(frozen=True)
class Run:
    """Answers given so far; `reviewing` is True while the feedback on the last answer is on screen."""

    scenario_id: str
    answers: tuple[Answer, ...] = ()
    reviewing: bool = False


def current_step(scenario: Scenario, run: Run) -> Step | None:
    """The step awaiting an answer, or None when the path has ended."""
    step: Step | None = scenario.first_step
    for answer in run.answers:
        if step is None or answer.step_id != step.id:
            raise ValueError(f"answer to '{answer.step_id}' does not follow the path of '{scenario.id}'")
        following = step.option(answer.option_id).next
        step = scenario.step(following) if following else None
    return step


def fits(scenario: Scenario, run: Run) -> bool:
    """Whether the answers so far still make a path through this (possibly edited) scenario."""
    try:
        step: Step | None = scenario.first_step
        for answer in run.answers:
            if step is None or answer.step_id != step.id:
                return False
            following = step.option(answer.option_id).next
            step = scenario.step(following) if following else None
    except StopIteration:
        return False
    return True


def submit(scenario: Scenario, run: Run, option_id: str, confidence: str | None = None) -> Run:
    """Record an answer to the current step. A repeated submit of the same step changes nothing."""
    step = current_step(scenario, run)
    if step is None or run.reviewing:
        return run
    step.option(option_id)  # raises StopIteration for an option that is not in this step
    return replace(run, answers=run.answers + (Answer(step.id, option_id, confidence),), reviewing=True)


def proceed(run: Run) -> Run:
    return replace(run, reviewing=False)


def is_finished(scenario: Scenario, run: Run) -> bool:
    return current_step(scenario, run) is None and not run.reviewing


def progress(scenario: Scenario, run: Run) -> tuple[int, int]:
    """(steps answered, steps on the longest path still open from here)."""
    answered = len(run.answers)
    step = current_step(scenario, run)
    return answered, answered + (remaining_steps(scenario, step.id) if step else 0)


def judgements(scenario: Scenario, run: Run) -> list[Judgement]:
    return [judge(scenario.step(answer.step_id), answer.option_id, answer.confidence) for answer in run.answers]


def total_credit(found: list[Judgement]) -> tuple[float, int]:
    return sum(j.credit for j in found), len(found)


def part_outcomes(found: list[Judgement]) -> pd.DataFrame:
    """One row per part and outcome, counting the steps where the answer upheld, undermined or missed it, or it was not at stake."""
    rows: list[dict[str, object]] = []
    for part in PARTS:
        counts = {"upheld": 0, "undermined": 0, "missed": 0, "not at stake": 0}
        for judgement in found:
            counts[judgement.strip()[part.key]] += 1
        rows.extend({"part": part.name, "outcome": outcome, "steps": n} for outcome, n in counts.items())
    return pd.DataFrame(rows, columns=["part", "outcome", "steps"])


def presentation_order(step: Step, seed: str) -> list[Option]:
    """The step's options in a shuffled order that is stable for one seed, so position never gives the answer away."""
    options = list(step.options)
    random.Random(f"{seed}:{step.id}").shuffle(options)
    return options
