"""How well a set of scenarios covers the definition, against the library's targets."""

from collections import Counter
from dataclasses import dataclass

from scenarios.model import DIFFICULTIES, Difficulty, Scenario
from scenarios.parts import PARTS, PartKey

MIN_PER_CELL = 8
MIN_SCENARIOS = 100
MIN_STEPS = 250
MIN_BRANCHING = 30
MAX_KNOWLEDGE_SHARE = 0.15


@dataclass(frozen=True)
class Coverage:
    cells: dict[tuple[PartKey, Difficulty], int]
    scenarios: int
    steps: int
    branching: int
    knowledge: int
    venues: Counter[str]

    def shortfalls(self) -> list[str]:
        short = [
            f"{part} x {difficulty}: {count} of {MIN_PER_CELL}"
            for (part, difficulty), count in self.cells.items()
            if count < MIN_PER_CELL
        ]
        if self.scenarios < MIN_SCENARIOS:
            short.append(f"scenarios: {self.scenarios} of {MIN_SCENARIOS}")
        if self.steps < MIN_STEPS:
            short.append(f"decision steps: {self.steps} of {MIN_STEPS}")
        if self.branching < MIN_BRANCHING:
            short.append(f"branching scenarios: {self.branching} of {MIN_BRANCHING}")
        if self.scenarios and self.knowledge > MAX_KNOWLEDGE_SHARE * self.scenarios:
            short.append(f"knowledge items: {self.knowledge}, over {MAX_KNOWLEDGE_SHARE:.0%} of {self.scenarios}")
        return short


def is_branching(scenario: Scenario) -> bool:
    """Three or more steps, and at some step what comes next depends on the answer given."""
    return len(scenario.steps) >= 3 and any(len({option.next for option in step.options}) > 1 for step in scenario.steps)


def measure(scenarios: list[Scenario]) -> Coverage:
    cells = {(part.key, difficulty): 0 for part in PARTS for difficulty in DIFFICULTIES}
    for scenario in scenarios:
        for part in set(scenario.parts):
            cells[(part, scenario.difficulty)] += 1
    return Coverage(
        cells=cells,
        scenarios=len(scenarios),
        steps=sum(len(s.steps) for s in scenarios),
        branching=sum(is_branching(s) for s in scenarios),
        knowledge=sum(s.kind == "knowledge" for s in scenarios),
        venues=Counter(s.venue or "unspecified" for s in scenarios),
    )


def coverage_report(scenarios: list[Scenario]) -> tuple[str, bool]:
    coverage = measure(scenarios)
    width = max(len(p.key) for p in PARTS)
    lines = [f"{'part':<{width}}  " + "  ".join(f"{d:>12}" for d in DIFFICULTIES)]
    for part in PARTS:
        lines.append(f"{part.key:<{width}}  " + "  ".join(f"{coverage.cells[(part.key, d)]:>12}" for d in DIFFICULTIES))
    lines.append("")
    lines.append(f"scenarios: {coverage.scenarios} (target {MIN_SCENARIOS})")
    lines.append(f"decision steps: {coverage.steps} (target {MIN_STEPS})")
    lines.append(f"branching scenarios (3+ steps, next step depends on the answer): {coverage.branching} (target {MIN_BRANCHING})")
    lines.append(f"knowledge items: {coverage.knowledge} (at most {MAX_KNOWLEDGE_SHARE:.0%} of the library)")
    lines.append("venues: " + ", ".join(f"{venue} {count}" for venue, count in sorted(coverage.venues.items())))
    from scenarios.lint import lint  # the item-writing figures, beside the counts

    report = lint(scenarios)
    lines += ["", "item writing (python -m scenarios lint):", *("  " + line for line in report.summary().splitlines())]
    short = coverage.shortfalls() + report.library_failures()
    lines.append("")
    lines.append("under target: " + "; ".join(short) if short else f"every target met (at least {MIN_PER_CELL} per cell)")
    return "\n".join(lines), not short
