"""Scenario files opened for the form editor and written back: same bytes when unchanged, only the changed field's text otherwise."""

import difflib
from pathlib import Path

import pytest

from scenarios.authoring import TEMPLATE
from scenarios.editing import CannotOpen, ScenarioDocument, location
from scenarios.load import LIBRARY_DIR, load_bytes

LIBRARY_FILES = sorted(LIBRARY_DIR.glob("*.yaml"))
GIFT = Path(__file__).parent / "fixtures" / "library" / "gift-from-a-work-trip.yaml"  # frozen: the expected lines stay put


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0) if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def valid(doc: ScenarioDocument):
    loaded, problems, _ = load_bytes(doc.data(), doc.file_name)
    assert not problems, [str(p) for p in problems]
    assert loaded is not None
    return loaded.scenario


def test_every_library_file_opened_and_saved_unchanged_is_byte_identical():
    """The issue's Done-when. Most files are written back by ruamel.yaml alone (`layout_kept`); a few have
    long lines wrapped by hand, which no setting of its writer reproduces, and those lines are kept from the file."""
    different, by_writer = [], 0
    for path in LIBRARY_FILES:
        doc = ScenarioDocument(path.read_bytes(), path.name)
        if doc.data() != path.read_bytes():
            different.append(path.name)
        by_writer += doc.layout_kept
    assert len(LIBRARY_FILES) >= 100
    assert different == [], f"{len(different)} of {len(LIBRARY_FILES)} files changed"
    assert by_writer >= 0.9 * len(LIBRARY_FILES), f"only {by_writer} of {len(LIBRARY_FILES)} written back by ruamel.yaml alone"
    print(f"\n{len(LIBRARY_FILES)} files byte-identical; {by_writer} of them written back by ruamel.yaml alone")


@pytest.mark.parametrize("variant", ["crlf", "bom", "no final newline"])
def test_line_endings_a_byte_order_mark_and_a_missing_final_newline_are_kept(variant):
    data = GIFT.read_bytes()
    data = {"crlf": data.replace(b"\n", b"\r\n"), "bom": b"\xef\xbb\xbf" + data, "no final newline": data.rstrip(b"\n")}[variant]
    doc = ScenarioDocument(data, "gift.yaml")
    assert doc.data() == data
    doc.set(("title",), "Another title")
    assert doc.data() == data.replace(b"A souvenir from the islands", b"Another title")


def test_a_changed_field_changes_only_its_line_and_comments_elsewhere_stay():
    doc = ScenarioDocument.from_template()
    before = doc.text()
    doc.set(("title",), "A call in the waiting room")
    assert changed_lines(before, doc.text()) == [
        "-title: A short title trainees see     # up to 120 characters",
        "+title: A call in the waiting room     # up to 120 characters",
    ]
    first = doc.step_keys[0]
    strongest = doc.options_of(first)[0]
    doc.set(("steps", first, "options", strongest, "rating"), "acceptable")
    assert "        rating: acceptable            # best | acceptable | poor | harmful" in doc.text()
    assert doc.text().startswith("# yaml-language-server: $schema=./scenario.schema.json\n# A scenario template.")


def test_each_kind_of_field_changes_only_its_own_text():
    data = GIFT.read_text(encoding="utf-8")
    doc = ScenarioDocument(GIFT.read_bytes(), GIFT.name)
    first = doc.step_keys[0]
    _, surprise, *_ = doc.options_of(first)
    option = ("steps", first, "options", surprise)
    doc.set((*option, "text"), 'Smile and say, "No need: have a good trip."')
    doc.set((*option, "next"), None)
    doc.set((*option, "tempting"), "yes")  # YAML 1.1 would read a bare yes as true
    doc.set(("tags",), [*doc.value(("tags",)), "travel"])
    doc.set_effect(first, surprise, "for_the_client", "upholds", "A reason.")
    scenario = valid(doc)
    assert set(changed_lines(data, doc.text())) == {
        "-tags: [gifts, boundaries, end-of-session]",
        "+tags: [gifts, boundaries, end-of-session, travel]",
        '-        text: Laugh and say, "Surprise me!"',
        "+        text: 'Smile and say, \"No need: have a good trip.\"'",
        "-            undermines: It invites him to spend thought and money on you, so he starts giving to the therapist.",
        "+            upholds: A reason.",
        "-        tempting: It matches his friendliness, and saying no to a kind offer feels rude.",
        "+        tempting: 'yes'",
        "-        next: he-insists",
    }
    changed = scenario.steps[0].options[1]
    assert (changed.text, changed.tempting, changed.next) == ('Smile and say, "No need: have a good trip."', "yes", None)
    assert changed.effects.for_the_client.upholds == "A reason."  # type: ignore[union-attr]


def test_removing_a_field_keeps_the_comment_lines_that_followed_it():
    text = TEMPLATE.read_text(encoding="utf-8").replace("\nsetting: |", "\n# Where the story happens:\nsetting: |")
    doc = ScenarioDocument(text.encode(), "t.yaml")
    doc.set(("venue",), None)
    assert "venue:" not in doc.text()
    assert "kind: moment                          # moment (a decision in the room) | knowledge (a fact check)\n# Where the story happens:\nsetting:" in doc.text()


def test_lines_wrapped_by_hand_stay_unless_their_field_changes():
    data = GIFT.read_text(encoding="utf-8")
    feedback = "        feedback: Brief, kind and clear. It keeps the frame without turning a friendly moment into a lecture."
    assert feedback in data
    wrapped = data.replace(feedback, feedback[: feedback.index(" without")] + "\n          without" + feedback.split(" without", 1)[1], 1)
    doc = ScenarioDocument(wrapped.encode(), "wrapped.yaml")
    assert not doc.layout_kept and doc.text() == wrapped
    doc.set(("title",), "Another title")
    assert changed_lines(wrapped, doc.text()) == ["-title: A souvenir from the islands", "+title: Another title"]
    valid(doc)


def test_steps_and_options_can_be_added_removed_and_moved_and_the_file_still_loads():
    doc = ScenarioDocument(GIFT.read_bytes(), GIFT.name)
    ids = doc.step_ids()
    prompts = {key: doc.value(("steps", key, "prompt")) for key in doc.step_keys}
    last = doc.step_keys[-1]
    doc.move_step(last, -1)
    assert doc.step_ids() == [*ids[:-2], ids[-1], ids[-2]]
    assert {key: doc.value(("steps", key, "prompt")) for key in doc.step_keys} == prompts, "values stay with their step's key"
    doc.move_step(last, 1)
    assert doc.step_ids() == ids

    first = doc.step_keys[0]
    options = doc.options_of(first)
    doc.move_option(first, options[0], 2)
    assert doc.options_of(first)[2] == options[0]
    scenario = valid(doc)
    assert scenario.steps[0].options[2].id == "warm-decline"

    new_step = doc.add_step()
    problems = doc.check().problems
    assert {p.path for p in problems} >= {("steps", new_step, "prompt"), ("steps", new_step, "options", doc.options_of(new_step)[0], "text")}
    doc.set(("steps", new_step, "prompt"), "He waves from the door. What now?")
    for key, rating in zip(doc.options_of(new_step), ("best", "poor"), strict=True):
        doc.set(("steps", new_step, "options", key, "text"), f"A {rating} reply.")
        doc.set(("steps", new_step, "options", key, "feedback"), "Why.")
        doc.set_effect(new_step, key, "relationship", "upholds", "Because.")
    doc.add_option(new_step)
    extra = doc.options_of(new_step)[-1]
    doc.remove_option(new_step, extra)
    problems = doc.check().problems
    assert [(p.path, p.message) for p in problems] == [
        (("steps", new_step, "id"), "step 'step-1' cannot be reached from the first step; point an option's 'next' at it or remove it")
    ]
    doc.set(("steps", first, "options", options[1], "next"), "step-1")
    scenario = valid(doc)
    assert scenario.steps[-1].id == "step-1" and len(scenario.steps[-1].options) == 2

    ended = doc.remove_step(new_step)
    assert ended == ["surprise-me"]
    valid(doc)


def test_renaming_a_step_renames_every_next_that_named_it():
    doc = ScenarioDocument.from_template()
    second = doc.step_keys[1]
    doc.set(("steps", second, "id"), "she-insists")
    scenario = valid(doc)
    assert {o.next for o in scenario.steps[0].options} == {"she-insists", None}


def test_problems_are_placed_at_their_fields():
    doc = ScenarioDocument.from_template()
    first, second = doc.step_keys
    strongest, tempting, _ = doc.options_of(first)
    doc.set(("steps", first, "options", tempting, "rating"), "great")
    doc.set(("title",), "")
    doc.set_effect(first, strongest, "for_the_client", "upholds", "")
    places = {p.path: p.message for p in doc.check().problems}
    assert set(places) == {
        ("title",),
        ("steps", first, "options", tempting, "rating"),
        ("steps", first, "options", strongest, "effects", "for_the_client"),
    }, places
    assert "best, acceptable, poor, harmful" in places[("steps", first, "options", tempting, "rating")]
    assert all(p.line > 0 for p in doc.check().problems)

    doc = ScenarioDocument.from_template()
    first, second = doc.step_keys
    for key in doc.options_of(first):
        doc.set(("steps", first, "options", key, "rating"), "poor")
    assert [p.path for p in doc.check().problems] == [("steps", first, "options")], "no best option: the step's options"


def test_locations_as_the_loader_names_them():
    assert location("steps[1].options[2].rating") == ("steps", 1, "options", 2, "rating")
    assert location("file") == ()
    doc = ScenarioDocument.from_template()
    first = doc.step_keys[0]
    option = doc.options_of(first)[0]
    assert doc.slot(("steps", 0, "options", 0, "effects", "relationship", "upholds")) == ("steps", first, "options", option, "effects", "relationship")
    assert doc.slot(("steps", 0, "options", 0, "canon", 3)) == ("steps", first, "options", option, "canon")
    assert doc.slot(("steps", 0, "twin", "scenario")) == ("steps", first)
    assert doc.slot(("steps", 9)) == ("steps",)
    assert doc.slot(("parts", 2)) == ("parts",)
    assert doc.slot(("colour",)) == ()


def test_item_writing_advice_is_placed_too():
    doc = ScenarioDocument.from_template()
    first = doc.step_keys[0]
    tempting = doc.options_of(first)[1]
    advice = [a.path for a in doc.check().advice]
    assert ("steps", first, "options", tempting, "tempting") in advice
    doc.set(("steps", first, "options", tempting, "tempting"), "It feels kind.")
    assert ("steps", first, "options", tempting, "tempting") not in [a.path for a in doc.check().advice]


def test_a_copy_gets_an_id_of_its_own():
    doc = ScenarioDocument.copy_of(GIFT.read_bytes(), GIFT.name, {"gift-from-a-work-trip", "gift-from-a-work-trip-copy"})
    assert doc.value(("id",)) == "gift-from-a-work-trip-copy-2"
    assert changed_lines(GIFT.read_text(encoding="utf-8"), doc.text()) == ["-id: gift-from-a-work-trip", "+id: gift-from-a-work-trip-copy-2"]


def test_a_file_that_is_not_a_valid_scenario_is_not_opened():
    with pytest.raises(CannotOpen) as refused:
        ScenarioDocument(b"id: x\ntitle: [\n", "bad.yaml")
    assert "missing a value" in refused.value.problems[0].message


def test_the_template_opens_valid(tmp_path: Path):
    doc = ScenarioDocument.from_template()
    assert doc.data() == TEMPLATE.read_bytes() and doc.layout_kept
    assert doc.check().scenario is not None
