"""What an answer was judged against, stored with the answer so that later edits never rewrite history.

One typed model, written by scoring.judge and read back by records.progress and
records.assignments, so every page reads the same fields the same way. `version` lets a later
change of shape read older rows; version 1 rows were stored without the field; version 2 adds the strongest option's
text and feedback, so a review after an assessment can show what the strongest response was.
"""

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from scenarios.parts import PART_KEYS, PartKey, part_mask

Verdict = Literal["upholds", "undermines"]
JUDGED_VERSION = 2  # 2: the strongest option's text and feedback are kept too


class Judged(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    version: int = JUDGED_VERSION
    prompt: str = ""
    option_text: str = ""
    feedback: str = ""
    effects: dict[PartKey, tuple[Verdict, str]] = Field(default_factory=dict)
    at_stake: tuple[PartKey, ...] = ()
    strongest: str | None = None  # id of the strongest option when this one was not it
    strongest_text: str = ""  # its text and feedback as they stood (version 2 on; empty in older rows)
    strongest_feedback: str = ""

    @classmethod
    def from_stored(cls, value: Any) -> "Judged":
        """Read the JSON column (a dict; a JSON string on some drivers; nothing for a damaged row)."""
        if isinstance(value, str):
            value = json.loads(value)
        stored = dict(value or {})
        stored.setdefault("version", 1)  # rows written before the field existed are version 1
        return cls.model_validate(stored)

    def to_stored(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def said(self, fallback: str) -> str:
        """The option's text as the trainee read it, or the fallback (its id) for a record without it."""
        return self.option_text or fallback

    @property
    def at_stake_mask(self) -> int:
        return part_mask(self.at_stake)

    @property
    def upheld_mask(self) -> int:
        return part_mask(key for key, (verdict, _) in self.effects.items() if verdict == "upholds")

    @property
    def undermined_mask(self) -> int:
        return part_mask(key for key, (verdict, _) in self.effects.items() if verdict == "undermines")

    def in_order(self) -> list[tuple[PartKey, Verdict, str]]:
        """The effects in the definition's order."""
        return [(key, *self.effects[key]) for key in PART_KEYS if key in self.effects]
