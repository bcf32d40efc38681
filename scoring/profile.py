"""A trainee's per-part profile, calibration and what to practise next, from their stored answers.

Answers come in as objects with `rating`, `credit`, `confidence` and `judged` (the stored
scenarios.judged.Judged); nothing here reads a scenario file, so history survives edits to the library.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Protocol

import pandas as pd

from scenarios.judged import Judged
from scenarios.parts import PARTS


class AnswerLike(Protocol):
    """What this module reads of a stored answer (records.progress.StoredAnswer, records.assignments.AnswerDetail)."""

    @property
    def rating(self) -> str: ...
    @property
    def credit(self) -> float: ...
    @property
    def confidence(self) -> str | None: ...
    @property
    def judged(self) -> Judged: ...

PROFILE_COLUMNS = ["part", "key", "at stake", "upheld", "undermined", "missed", "upheld rate"]  # the words of scoring.judge.StripState


def part_profile(answers: Iterable[AnswerLike]) -> pd.DataFrame:
    """For each part: how often, when it was at stake, the trainee's choice upheld it."""
    counts = {part.key: {"at stake": 0, "upheld": 0, "undermined": 0} for part in PARTS}
    for answer in answers:
        effects = answer.judged.effects
        for key in answer.judged.at_stake:
            counts[key]["at stake"] += 1
            verdict = effects[key][0] if key in effects else None
            if verdict == "upholds":
                counts[key]["upheld"] += 1
            elif verdict == "undermines":
                counts[key]["undermined"] += 1
    rows = []
    for part in PARTS:
        c = counts[part.key]
        rate = c["upheld"] / c["at stake"] if c["at stake"] else float("nan")
        rows.append([part.name, part.key, c["at stake"], c["upheld"], c["undermined"], c["at stake"] - c["upheld"] - c["undermined"], rate])
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)


def weakest_part(profile: pd.DataFrame) -> str | None:
    """The part with the lowest upheld rate among those met at least once.

    Ties go to the part undermined most often, then to the definition's order.
    """
    met = profile[profile["at stake"] > 0]
    if met.empty:
        return None
    return str(met.sort_values(["upheld rate", "undermined"], ascending=[True, False], kind="stable").iloc[0]["key"])


def calibration(answers: Iterable[AnswerLike]) -> pd.DataFrame:
    """For each part and stated confidence: answers given, and the share that were the strongest response."""
    rows = []
    for answer in answers:
        if answer.confidence is None:
            continue
        best = answer.rating == "best"
        rows.append({"part": "All parts", "confidence": answer.confidence, "best": best})
        for key in answer.judged.at_stake:
            part = next((p for p in PARTS if p.key == key), None)
            if part:
                rows.append({"part": part.name, "confidence": answer.confidence, "best": best})
    if not rows:
        return pd.DataFrame(columns=["part", "confidence", "answers", "strongest chosen"])
    frame = pd.DataFrame(rows)
    table = frame.groupby(["part", "confidence"], sort=False)["best"].agg(answers="size", rate="mean").reset_index()
    table["strongest chosen"] = table["rate"]
    order = {name: i for i, name in enumerate(["All parts", *(p.name for p in PARTS)])}
    levels = {"low": 0, "medium": 1, "high": 2}
    table = table.sort_values(by=["part", "confidence"], key=lambda col: col.map(order) if col.name == "part" else col.map(levels))
    return table[["part", "confidence", "answers", "strongest chosen"]].reset_index(drop=True)


class AttemptLike(Protocol):
    """What this module reads of records.progress.Attempt."""

    @property
    def scenario_id(self) -> str: ...
    @property
    def finished_at(self) -> datetime | None: ...
    @property
    def answers(self) -> Sequence[AnswerLike]: ...


def missed_scenarios(attempts: Iterable[AttemptLike]) -> list[str]:
    """Scenarios whose most recent finished attempt had a choice that was not the strongest, most recent first."""
    latest: dict[str, AttemptLike] = {}
    finished = [(a.finished_at, a) for a in attempts if a.finished_at is not None]
    for _, attempt in sorted(finished, key=lambda pair: pair[0], reverse=True):
        latest.setdefault(attempt.scenario_id, attempt)
    return [sid for sid, attempt in latest.items() if any(answer.rating != "best" for answer in attempt.answers)]


def answers_of(attempts: Iterable[AttemptLike]) -> list[AnswerLike]:
    return [answer for attempt in attempts for answer in attempt.answers]
