"""Item-writing checks a program can make: surface cues that give the best option away.

Drawn from Haladyna, Downing & Rodriguez's multiple-choice item-writing guidelines and the
NBME item-writing guide. What needs a human reviewer (plausibility, clinical soundness, whether
a reason speaks to the relationship with this client) is listed in docs/writing-scenarios.md.

Errors make `python -m scenarios lint` fail; warnings are printed for authors to weigh.
"""

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import mean, median

from scenarios.model import Option, Scenario, Step

# Library-wide limits (chance, with four options, is 25 %).
MAX_LONGEST_IS_BEST = 0.35
LENGTH_RATIO_RANGE = (0.85, 1.15)
MAX_CUE_RATE = 0.35
MAX_FIRST_POSITION = 0.35
STEP_LENGTH_WARNING = 1.5  # best over 1.5 x the longest distractor

CANON_ID = re.compile(r"\bC\d{1,3}\b")  # a ruling's id means nothing to a trainee: it belongs in `canon:`
ALL_OR_NONE = re.compile(r"\b(all|none|both|neither) of the (above|options|answers)\b", re.I)
# Specific determiners: in a distractor they tell a test-wise reader it is wrong.
ABSOLUTES = re.compile(r"\b(always|never|absolutely|completely|totally|guarantee[sd]?|certainly|every time|under no circumstances)\b", re.I)
HEDGES = re.compile(r"\b(perhaps|maybe|might|wonder|gently|curious|seems?|sounds like|I notice|it may|could it be)\b", re.I)
WORD = re.compile(r"[a-z']+")
STOP = frozenset(
    "a an the and or but if of to in on at for with by from as is are was were be been it its this that these those you your "
    "he she they them his her their i me my we our us what how do does did not no so just about into than then there here "
    "can will would should could has have had say says said".split()
)


@dataclass(frozen=True)
class Finding:
    scenario: str
    step: str
    option: str | None
    rule: str
    message: str
    error: bool

    def __str__(self) -> str:
        where = f"{self.scenario} · step '{self.step}'" + (f" · option '{self.option}'" if self.option else "")
        return f"{'error' if self.error else 'warning'}: {where}: {self.message} [{self.rule}]"


@dataclass
class LintReport:
    steps: int = 0
    longest_is_best: int = 0
    length_ratios: list[float] = field(default_factory=list)
    best_positions: Counter[int] = field(default_factory=Counter)
    cue_hits: Counter[str] = field(default_factory=Counter)
    twin_steps: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.error]

    def rate(self, count: int) -> float:
        return count / self.steps if self.steps else 0.0

    @property
    def median_length_ratio(self) -> float:
        return median(self.length_ratios) if self.length_ratios else 1.0

    @property
    def first_position_rate(self) -> float:
        return self.rate(self.best_positions[1])

    def library_failures(self) -> list[str]:
        """Library-wide limits that are broken, in words."""
        failures = []
        if self.rate(self.longest_is_best) > MAX_LONGEST_IS_BEST:
            failures.append(f"the best option is the longest in {self.rate(self.longest_is_best):.0%} of steps (limit {MAX_LONGEST_IS_BEST:.0%})")
        low, high = LENGTH_RATIO_RANGE
        if not low <= self.median_length_ratio <= high:
            failures.append(f"median length of the best option is {self.median_length_ratio:.2f}x the other options' mean (allowed {low}-{high})")
        if self.first_position_rate > MAX_FIRST_POSITION:
            failures.append(f"the best option is listed first in {self.first_position_rate:.0%} of steps (limit {MAX_FIRST_POSITION:.0%})")
        for cue, hits in sorted(self.cue_hits.items()):
            if self.rate(hits) > MAX_CUE_RATE:
                failures.append(f"the best option is alone in being {cue} in {self.rate(hits):.0%} of steps (limit {MAX_CUE_RATE:.0%})")
        return failures

    def summary(self) -> str:
        lines = [
            f"steps checked: {self.steps}",
            f"best option is the longest: {self.longest_is_best} of {self.steps} ({self.rate(self.longest_is_best):.0%}; limit {MAX_LONGEST_IS_BEST:.0%})",
            f"median length of best / mean of the others: {self.median_length_ratio:.2f} (allowed {LENGTH_RATIO_RANGE[0]}-{LENGTH_RATIO_RANGE[1]})",
            "position of the best option in the files: "
            + ", ".join(f"{position}: {count}" for position, count in sorted(self.best_positions.items()))
            + f" (first: {self.first_position_rate:.0%}; limit {MAX_FIRST_POSITION:.0%})",
        ]
        for cue in CUES:
            hits = self.cue_hits[cue]
            lines.append(f"best option alone in being {cue}: {hits} of {self.steps} ({self.rate(hits):.0%}; limit {MAX_CUE_RATE:.0%})")
        lines.append(
            f"twin steps (the same options, another client, another best): {self.twin_steps} of {self.steps}"
            " (a reader who sees only the options can find the best in at most half of them)"
        )
        lines.append(f"errors: {len(self.errors)}, warnings: {len(self.warnings)}")
        return "\n".join(lines)


def _words(text: str) -> set[str]:
    return {w for w in WORD.findall(text.lower()) if w not in STOP and len(w) > 2}


def _stem_overlap(option: Option, stem: set[str]) -> float:
    words = _words(option.text)
    return len(words & stem) / len(words) if words else 0.0


# Surface cues other than length: the best option must not stand out on any of them.
CUES: dict[str, Callable[[Option, set[str]], float]] = {
    "the most hedged": lambda option, stem: len(HEDGES.findall(option.text)),
    "the closest to the client's words": _stem_overlap,
    "the only one quoting speech": lambda option, stem: 1.0 if '"' in option.text or "“" in option.text else 0.0,
    "the only one with a question": lambda option, stem: 1.0 if "?" in option.text else 0.0,
}


def _alone_highest(values: list[float], index: int) -> bool:
    top = values[index]
    return top > 0 and all(value < top for i, value in enumerate(values) if i != index)


def lint_step(scenario: Scenario, step: Step, report: LintReport) -> None:
    options = step.options
    bests = [i for i, option in enumerate(options) if option.rating == "best"]
    others = [option for option in options if option.rating != "best"]
    report.steps += 1

    def find(option: Option | None, rule: str, message: str, error: bool) -> None:
        report.findings.append(Finding(scenario.id, step.id, option.id if option else None, rule, message, error))

    lengths = [len(option.text) for option in options]
    best = bests[0]
    report.best_positions[best + 1] += 1
    if others:
        longest_other = max(len(option.text) for option in others)
        best_length = max(lengths[i] for i in bests)
        if best_length > longest_other:
            report.longest_is_best += 1
        report.length_ratios.append(best_length / mean(len(option.text) for option in others))
        if best_length > STEP_LENGTH_WARNING * longest_other:
            find(options[best], "length", f"the best option is {best_length / longest_other:.1f}x the longest other option; make them alike in length", False)

    stem = _words(scenario.setting + " " + step.prompt)
    if len(bests) == 1:
        for cue, measure in CUES.items():
            if _alone_highest([measure(option, stem) for option in options], best):
                report.cue_hits[cue] += 1

    if CANON_ID.search(step.prompt):
        find(None, "canon-id", "the prompt names a canon id; trainees read it: say the ruling in words (ids go in 'canon:')", True)
    for option in options:
        shown = [option.text, option.feedback, option.tempting or ""] + [e.reason for e in option.effects.touched().values()]
        if any(CANON_ID.search(text) for text in shown):
            find(option, "canon-id", "a canon id in text trainees read; say the ruling in words and list the id under 'canon:'", True)
        if ALL_OR_NONE.search(option.text):
            find(option, "all-none", "'all/none of the above' style options are not allowed; write a response of its own", True)
        if option.rating != "best" and not option.tempting:
            find(option, "tempting", "add 'tempting:' (one line on why a real trainee picks this option)", True)
        if option.rating == "best" and option.tempting:
            find(option, "tempting", "'tempting:' is for the options that are not best; remove it here", True)
    best_absolute = any(ABSOLUTES.search(options[i].text) for i in bests)
    for option in others:
        match = ABSOLUTES.search(option.text)
        if match and not best_absolute:
            find(option, "absolute", f"'{match.group(0)}' appears only in options that are not best, which gives them away", False)
    if "?" not in step.prompt and scenario.kind == "moment":
        find(None, "lead-in", "end the prompt with the question put to the trainee (e.g. 'What do you say?')", False)


def _option_words(step: Step) -> dict[str, str]:
    return {option.id: " ".join(option.text.split()) for option in step.options}


def twin_problem(scenario: Scenario, step: Step, by_id: dict[str, Scenario]) -> str | None:
    """What is wrong with a step's twin, in words an author can act on; None when the pair holds."""
    assert step.twin is not None
    other = by_id.get(step.twin.scenario)
    if other is None:
        return f"twin scenario '{step.twin.scenario}' is not among the files checked; check both files together"
    partner = next((s for s in other.steps if s.id == step.twin.step), None)
    if partner is None:
        return f"scenario '{other.id}' has no step '{step.twin.step}'; name the step that shows the same options"
    if partner.twin is None or (partner.twin.scenario, partner.twin.step) != (scenario.id, step.id):
        return f"step '{partner.id}' of '{other.id}' must name this step as its twin too"
    if _option_words(step) != _option_words(partner):
        return f"the options differ from step '{partner.id}' of '{other.id}'; twins show the same option ids with the same words"
    if step.strongest().id == partner.strongest().id:
        return f"'{step.strongest().id}' is best in both twins; the other client must make a different option best"
    return None


def lint(scenarios: list[Scenario]) -> LintReport:
    report = LintReport()
    by_id = {scenario.id: scenario for scenario in scenarios}
    for scenario in sorted(scenarios, key=lambda s: s.id):
        for step in scenario.steps:
            lint_step(scenario, step, report)
            if step.twin is not None:
                problem = twin_problem(scenario, step, by_id)
                if problem:
                    report.findings.append(Finding(scenario.id, step.id, None, "twin", problem, True))
                else:
                    report.twin_steps += 1
    return report
