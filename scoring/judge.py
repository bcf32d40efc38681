"""Judging one answer: credit, feedback, and how it stands against each part of the definition."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from scenarios.judged import Judged
from scenarios.model import Option, Rating, Step
from scenarios.parts import PART_BY_KEY, PARTS, Part, PartKey

CREDIT: dict[Rating, float] = {"best": 1.0, "acceptable": 0.5, "poor": 0.0, "harmful": 0.0}

# One vocabulary for what an answer did to a part, everywhere (strip, charts, exports): upheld or
# undermined it; missed it (it was at stake, because the strongest response upholds it, and the answer
# did not); or it was not at stake.
StripState = Literal["upheld", "undermined", "missed", "not at stake"]
STRIP_SYMBOL: dict[StripState, str] = {"upheld": "✔", "undermined": "✖", "missed": "◌", "not at stake": "○"}
RATING_LABEL: dict[Rating, str] = {
    "best": "✔ Strongest response: full credit",
    "acceptable": "◐ Acceptable: half credit",
    "poor": "✖ Weak response: no credit",
    "harmful": "⚠ Harmful: no credit, and flagged for supervision",
}


@dataclass(frozen=True)
class PartLine:
    part: Part
    verdict: Literal["upholds", "undermines"]
    reason: str

    def __str__(self) -> str:
        symbol = STRIP_SYMBOL["upheld" if self.verdict == "upholds" else "undermined"]
        return f"{symbol} {self.part.name}: {self.verdict} it. {self.reason}"


@dataclass(frozen=True)
class Judgement:
    step: Step
    option: Option
    lines: tuple[PartLine, ...]
    strongest: Option | None
    strongest_lines: tuple[PartLine, ...]
    confidence: str | None = None

    @property
    def confident_miss(self) -> bool:
        """Sure, and not the strongest: the answers most worth a second look."""
        return self.confidence == "high" and self.option.rating != "best"

    @property
    def rating(self) -> Rating:
        return self.option.rating

    @property
    def credit(self) -> float:
        return CREDIT[self.option.rating]

    @property
    def flagged(self) -> bool:
        return self.option.rating == "harmful"

    @property
    def label(self) -> str:
        return RATING_LABEL[self.option.rating]

    def strip(self) -> dict[str, StripState]:
        """For each part key, in the definition's order: what this answer did to it."""
        touched = {line.part.key: line.verdict for line in self.lines}
        stake = set(at_stake(self.step, self.option))

        def state(key: str) -> StripState:
            if key in touched:
                return "upheld" if touched[key] == "upholds" else "undermined"
            return "missed" if key in stake else "not at stake"

        return {part.key: state(part.key) for part in PARTS}


def part_lines(option: Option) -> tuple[PartLine, ...]:
    return tuple(
        PartLine(PART_BY_KEY[key], effect.verdict, effect.reason) for key, effect in option.effects.touched().items()
    )


def judge(step: Step, option_id: str, confidence: str | None = None) -> Judgement:
    option = step.option(option_id)
    strongest = None if option.rating == "best" else step.strongest()
    return Judgement(
        step=step,
        option=option,
        lines=part_lines(option),
        strongest=strongest,
        strongest_lines=part_lines(strongest) if strongest else (),
        confidence=confidence,
    )


RATING_ORDER: tuple[Rating, ...] = ("best", "acceptable", "poor", "harmful")


def every_option(options: Sequence[Option]) -> list[Option]:
    """A step's options from strongest to harmful, for "See every option" (file order within a rating)."""
    return sorted(options, key=lambda option: RATING_ORDER.index(option.rating))


def at_stake(step: Step, chosen: Option) -> list[PartKey]:
    """The parts at stake for this answer, in the definition's order.

    A part is at stake when the strongest response upholds it (what a trainee should protect
    here) or when the chosen option undermines it (what the trainee damaged). A part that only
    some other distractor touches is not held against a trainee who chose well.
    """
    protected = {key for o in step.options if o.rating == "best" for key, e in o.effects.touched().items() if e.verdict == "upholds"}
    damaged = {key for key, e in chosen.effects.touched().items() if e.verdict == "undermines"}
    return [part.key for part in PARTS if part.key in protected | damaged]


def judged_record(judgement: Judgement) -> Judged:
    """What an answer was judged against, to be stored with it so later edits never rewrite history."""
    return Judged(
        prompt=judgement.step.prompt,
        option_text=judgement.option.text,
        feedback=judgement.option.feedback,
        effects={line.part.key: (line.verdict, line.reason) for line in judgement.lines},
        at_stake=tuple(at_stake(judgement.step, judgement.option)),
        strongest=judgement.strongest.id if judgement.strongest else None,
        strongest_text=judgement.strongest.text if judgement.strongest else "",
        strongest_feedback=judgement.strongest.feedback if judgement.strongest else "",
    )
