"""Stored answers keep their parts as bits; the bit order was frozen by migration 0003."""

import importlib.util
from pathlib import Path

from scenarios.judged import Judged
from scenarios.parts import PART_KEYS, part_mask

MIGRATION = Path(__file__).resolve().parent.parent / "records" / "migrations" / "versions" / "0003_answer_part_masks.py"


def frozen_order() -> tuple[str, ...]:
    spec = importlib.util.spec_from_file_location("migration_0003", MIGRATION)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.PART_KEYS


def test_the_definitions_part_order_is_the_one_stored_answers_were_written_in():
    """Reordering the parts in scenarios/parts.py would silently change what every stored answer means."""
    assert PART_KEYS == frozen_order()
    for bit, key in enumerate(frozen_order()):
        assert part_mask([key]) == 1 << bit
        assert Judged(at_stake=(key,)).at_stake_mask == 1 << bit


def test_a_stored_record_reads_back_as_written_and_old_rows_still_read():
    judged = Judged(prompt="P?", option_text="Say so.", feedback="F.", effects={"relationship": ("undermines", "r")}, at_stake=("relationship",))
    assert Judged.from_stored(judged.to_stored()) == judged and judged.to_stored()["version"] == 2
    legacy = {"prompt": "P?", "effects": {"professional": ["upholds", "why"]}, "at_stake": ["professional"], "strongest": None}
    old = Judged.from_stored(legacy)
    assert old.upheld_mask == 1 and old.said("fallback-id") == "fallback-id" and old.version == 1 and old.strongest_text == ""
    assert Judged.from_stored(None) == Judged(version=1) and Judged.from_stored('{"at_stake": ["personal"]}').at_stake_mask == 2
