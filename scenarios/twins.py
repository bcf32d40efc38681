"""Twin steps: the same options, word for word, in two scenarios whose clients make different ones best.

A trainee who has worked through both halves of a pair is shown them side by side at the end: the
contrast (same words, another client, another answer) is what the pair exists to teach.
"""

from dataclasses import dataclass

from scenarios.model import Option, Scenario, Step


@dataclass(frozen=True)
class TwinContrast:
    step: Step  # the step in the scenario just played
    strongest: Option  # its strongest response here
    twin: Scenario  # the other scenario
    twin_strongest: Option  # the strongest response to the same options there


def twins_of(scenario: Scenario, scenarios: dict[str, Scenario]) -> list[TwinContrast]:
    """Each step of this scenario that has a twin in the library, with both strongest responses.

    A twin that is missing or no longer matches (a file edited on one side only) is left out rather
    than shown wrong; `python -m scenarios lint` reports it to the author."""
    found = []
    for step in scenario.steps:
        if step.twin is None:
            continue
        twin = scenarios.get(step.twin.scenario)
        partner = next((s for s in twin.steps if s.id == step.twin.step), None) if twin else None
        if twin is None or partner is None:
            continue
        if {o.id: o.text for o in partner.options} != {o.id: o.text for o in step.options}:
            continue
        found.append(TwinContrast(step, step.strongest(), twin, partner.strongest()))
    return found
