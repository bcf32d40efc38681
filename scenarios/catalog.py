"""Finding scenarios: the filters and search the practice page offers."""

import random
from collections.abc import Iterable

from scenarios.model import DIFFICULTIES, Scenario


def searchable_text(scenario: Scenario) -> str:
    pieces = [scenario.id, scenario.title, scenario.setting, " ".join(scenario.tags), scenario.reflection or ""]
    for step in scenario.steps:
        pieces.append(step.prompt)
        pieces.extend(option.text for option in step.options)
    return " ".join(pieces).lower()


def matches(scenario: Scenario, words: list[str]) -> bool:
    text = searchable_text(scenario)
    return all(word in text for word in words)


def filter_scenarios(
    scenarios: Iterable[Scenario],
    parts: Iterable[str] = (),
    difficulties: Iterable[str] = (),
    tags: Iterable[str] = (),
    text: str = "",
    exclude: Iterable[str] = (),
) -> list[Scenario]:
    """Scenarios training any chosen part, at any chosen difficulty, with any chosen tag, containing every word searched."""
    parts, difficulties, tags, exclude = set(parts), set(difficulties), set(tags), set(exclude)
    words = text.lower().split()
    chosen = [
        s
        for s in scenarios
        if (not parts or parts & set(s.parts))
        and (not difficulties or s.difficulty in difficulties)
        and (not tags or tags & set(s.tags))
        and s.id not in exclude
        and (not words or matches(s, words))
    ]
    return sorted(chosen, key=lambda s: (DIFFICULTIES.index(s.difficulty), s.title.lower()))


def all_tags(scenarios: Iterable[Scenario]) -> list[str]:
    return sorted({tag for s in scenarios for tag in s.tags})


def random_for_part(scenarios: Iterable[Scenario], part: str, avoid: Iterable[str] = (), rng: random.Random | None = None) -> Scenario | None:
    """A random scenario training `part`, preferring ones not in `avoid` (e.g. already tried)."""
    pool = [s for s in scenarios if part in s.parts]
    fresh = [s for s in pool if s.id not in set(avoid)]
    choices = fresh or pool
    return (rng or random).choice(choices) if choices else None


def next_after(current_id: str, order: list[str]) -> str | None:
    """The scenario after `current_id` in a list, wrapping round; the first if it is not in the list."""
    if not order:
        return None
    if current_id not in order:
        return order[0]
    return order[(order.index(current_id) + 1) % len(order)]
