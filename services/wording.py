"""Dashboard tables in the words supervisors read (scenario titles, prompts, option texts), never internal ids."""

from dataclasses import dataclass

import pandas as pd

from scenarios.model import Scenario

MIN_ANSWERS = 5  # below this, facility and discrimination say little: such rows are greyed, with a note
SHORT = 90


def _short(text: str, limit: int = SHORT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Wording:
    scenarios: dict[str, Scenario]

    def scenario(self, scenario_id: str) -> str:
        found = self.scenarios.get(scenario_id)
        return found.title if found else f"(a scenario no longer in the library: {scenario_id})"

    def step(self, scenario_id: str, step_id: str) -> str:
        found = self.scenarios.get(scenario_id)
        step = next((s for s in found.steps if s.id == step_id), None) if found else None
        return _short(step.prompt) if step else f"(step {step_id})"

    def step_position(self, scenario_id: str, step_id: str) -> int:
        """Where the step stands in its scenario (the order its author wrote, which starts where trainees start)."""
        found = self.scenarios.get(scenario_id)
        ids = [s.id for s in found.steps] if found else []
        return ids.index(step_id) if step_id in ids else len(ids)

    def option(self, scenario_id: str, step_id: str, option_id: str) -> str:
        found = self.scenarios.get(scenario_id)
        step = next((s for s in found.steps if s.id == step_id), None) if found else None
        option = next((o for o in step.options if o.id == option_id), None) if step else None
        return _short(option.text) if option else f"(option {option_id})"


# Moodle's item statistics under names a supervisor who never met them can read (the dashboard's
# caption gives the technical names too).
PLAIN_ITEM_COLUMNS = {"facility": "chose well", "sd": "spread", "discrimination": "tells strong from weak", "flags": "worth a look"}
PLAIN_FLAGS = {"discriminates negatively": "weaker trainees did better here"}
PLAIN_ROLLUP_COLUMNS = {"mean facility": "chose well (mean)", "mean discrimination": "tells strong from weak (mean)"}


def readable_items(items: pd.DataFrame, wording: Wording) -> pd.DataFrame:
    """Item statistics with the scenario's title and the step's prompt in place of ids, plain column names,
    and a note where n is small."""
    out = pd.DataFrame(
        {
            "scenario": [wording.scenario(s) for s in items["scenario_id"]],
            "step": [wording.step(s, t) for s, t in zip(items["scenario_id"], items["step_id"], strict=True)],
        }
    )
    for column in ("parts", "answers", "facility", "sd", "discrimination", "flags"):
        out[column] = items[column].to_numpy()
    for column in ("facility", "sd", "discrimination"):  # None (too few answers) as NaN, shown as a dash
        out[column] = pd.to_numeric(out[column], errors="coerce")
    out["flags"] = [
        ", ".join(PLAIN_FLAGS.get(flag, flag) for flag in flags.split(", ")) if flags and n >= MIN_ANSWERS else ""
        for flags, n in zip(out["flags"], items["answers"], strict=True)
    ]  # reported: "too easy" on one answer; below MIN_ANSWERS the note says to read with care instead
    out["note"] = [f"only {n} answer{'s' if n != 1 else ''}: read with care" if n < MIN_ANSWERS else "" for n in items["answers"]]
    # In story order (a scenario's steps as its author wrote them), the figures before the long texts' tails.
    out["_order"] = [wording.step_position(s, t) for s, t in zip(items["scenario_id"], items["step_id"], strict=True)]
    out = out.sort_values(["scenario", "_order"], kind="stable").drop(columns="_order").reset_index(drop=True)
    out = out[["scenario", "step", "facility", "flags", "answers", "discrimination", "sd", "parts", "note"]]
    return out.rename(columns=PLAIN_ITEM_COLUMNS)


def readable_options(frequencies: pd.DataFrame, wording: Wording) -> pd.DataFrame:
    """How often each response was chosen, in the responses' own words."""
    if frequencies.empty:
        return pd.DataFrame(columns=["scenario", "step", "response", "rating", "chosen", "share"])
    keys = zip(frequencies["scenario_id"], frequencies["step_id"], frequencies["option_id"], strict=True)
    return pd.DataFrame(
        {
            "scenario": [wording.scenario(s) for s in frequencies["scenario_id"]],
            "step": [wording.step(s, t) for s, t in zip(frequencies["scenario_id"], frequencies["step_id"], strict=True)],
            "response": [wording.option(s, t, o) for s, t, o in keys],
            "rating": frequencies["rating"].to_numpy(),
            "chosen": frequencies["chosen"].to_numpy(),
            "share": frequencies["share"].to_numpy(),
        }
    )


def shown_number(value: object, form: str) -> str:
    """A figure as text for a table, a dash when there is none (Streamlit shows a missing number as "None")."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "–"
    return "–" if number != number else form.format(number)  # NaN is the one number unequal to itself
