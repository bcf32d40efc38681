"""The Author page's form: a scenario written with no YAML typed, checked field by field, previewed and saved."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from apptest_helpers import ROOT, app_engine, new_supervisor, open_supervisor, tab_of, unescape
from sqlalchemy import delete

from records.db import writing
from records.tables import authored_scenarios
from views.parts.common import library_changed

AUTHORED = Path(os.environ["PRACTICUM_AUTHOR_DIR"])
PAGE = "views/pages/author.py"


@pytest.fixture
def author():
    for leftover in AUTHORED.glob("*.yaml") if AUTHORED.exists() else []:
        leftover.unlink()
    with writing(app_engine()) as connection:
        connection.execute(delete(authored_scenarios))
    library_changed()
    _, token = new_supervisor("Dr. Form")
    return token


def keyed(at, prefix: str):
    """Every widget of the page by key (the form's keys carry the document's step and option keys)."""
    return {w.key: w for kind in ("text_input", "text_area", "selectbox", "multiselect", "button") for w in getattr(at, kind) if w.key and w.key.startswith(prefix)}


def errors_after(at, key: str) -> list[str]:
    """The error messages drawn right after the widget with this key, before the next widget."""
    found, seen = [], False
    for element in walk(at.main):
        if getattr(element, "key", None) == key:
            seen = True
            continue
        if seen:
            if element.type == "alert" or type(element).__name__ == "Error":
                found.append(unescape(element.value))
            elif getattr(element, "key", None):
                break
    return found


def walk(node):
    children = getattr(node, "children", None)
    if children is None:
        yield node
    else:
        for child in children.values():
            yield from walk(child)


def set_text(at, key: str, value: str):
    widget = keyed(at, key)[key]
    return widget.input(value).run()


def test_a_scenario_written_in_the_form_is_checked_field_by_field_and_saved(author):
    at = open_supervisor(author, PAGE)
    at.selectbox(key="form_source").set_value("template")
    at = at.button(key="form_open").click().run()
    doc = tab_of(at).supervision.form
    first, second = doc.step_keys
    options = doc.options_of(first)
    p = "form1"

    at = set_text(at, f"{p}_id", "waiting-room-phone-call")
    at = set_text(at, f"{p}_title", "A call in the waiting room")
    at = set_text(at, f"{p}_setting", "Ana, 34, has seen you for a year. Her phone rings as she sits down.\nShe looks at you.")
    at = set_text(at, f"{p}_steps_{first}_prompt", "Her phone rings again. What do you say?")
    at = at.button(key=f"{p}_steps_{first}_options_{options[2]}_remove").click().run()
    at = set_text(at, f"{p}_steps_{second}_id", "she-answers-it")
    assert at.selectbox(key=f"{p}_steps_{first}_options_{options[0]}_next").value == "she-answers-it", "a renamed step keeps its arrows"

    # A bad value: the error appears under that very field, and nothing can be saved.
    at = set_text(at, f"{p}_steps_{first}_options_{options[1]}_id", "Take The Call")
    errors = errors_after(at, f"{p}_steps_{first}_options_{options[1]}_id")
    assert errors and "lower-case" in errors[0].lower(), errors
    assert not any(b.key == f"{p}_save" for b in at.button)
    at = set_text(at, f"{p}_steps_{first}_options_{options[1]}_id", "take-the-call")
    assert not errors_after(at, f"{p}_steps_{first}_options_{options[1]}_id")

    at = at.multiselect(key=f"{p}_steps_{first}_options_{options[1]}_effects").select("relationship").run()
    reason = f"{p}_steps_{first}_options_{options[1]}_effects_relationship_reason"
    assert "is empty" in " ".join(errors_after(at, reason)), "a part just added asks for its reason"
    at = set_text(at, reason, "It tells her the hour can wait, which she may hear as rejection.")
    at = at.selectbox(key=f"{p}_steps_{first}_options_{options[1]}_effects_relationship_verdict").set_value("undermines").run()
    at = at.selectbox(key=f"{p}_steps_{first}_options_{options[1]}_rating").set_value("harmful").run()

    assert not at.exception
    assert any("Valid: “A call in the waiting room”" in s.value for s in at.success), [e.value for e in at.error]
    assert "Branch map: every step and choice, coloured by rating" in [e.label for e in at.expander], "the map beside the form"
    at = at.button(key=f"{p}_save").click().run()
    assert any("Saved as waiting-room-phone-call.yaml" in unescape(s.value) for s in at.success), [s.value for s in at.success] + [e.value for e in at.error]
    saved = AUTHORED / "waiting-room-phone-call.yaml"
    text = saved.read_text(encoding="utf-8")
    assert "# lower-case words joined by hyphens" in text, "the template's comments are kept"
    assert "undermines: It tells her the hour can wait" in text and "rating: harmful" in text
    assert "id: defensible" not in text
    checked = subprocess.run([sys.executable, "-m", "scenarios", "check", str(saved)], cwd=ROOT, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_problems_that_belong_to_no_field_show_at_the_top_and_the_summary_says_where_each_is(author):
    at = open_supervisor(author, PAGE)
    at.selectbox(key="form_source").set_value("template")
    at = at.button(key="form_open").click().run()
    doc = tab_of(at).supervision.form
    first = doc.step_keys[0]
    at = at.button(key=f"form1_steps_{first}_options_{doc.options_of(first)[1]}_up").click().run()
    assert doc.options_of(first)[0] != doc.options_of(first)[1]
    at = at.button(key="form1_add_step").click().run()
    summary = unescape(at.error[0].value)
    assert "7 problem(s)" in summary and "Step 3: the question" in summary and "Step 3, option 1: what the therapist says" in summary, summary
    assert not at.exception


def test_a_copy_of_a_library_scenario_opens_with_a_new_id_and_a_built_in_id_is_refused_under_the_id(author):
    at = open_supervisor(author, PAGE)
    at.selectbox(key="form_source").set_value("copy:gift-from-a-work-trip")
    at = at.button(key="form_open").click().run()
    assert at.text_input(key="form1_id").value == "gift-from-a-work-trip-copy"
    assert any("Valid:" in s.value for s in at.success)
    at = at.text_input(key="form1_id").input("gift-from-a-work-trip").run()
    assert errors_after(at, "form1_id") == ["'gift-from-a-work-trip' is a built-in scenario's id; give yours another id"]
    assert not any(b.key == "form1_save" for b in at.button)


def test_edits_survive_other_pages_and_unsaved_work_is_not_discarded_without_asking(author):
    at = open_supervisor(author, PAGE)
    at.selectbox(key="form_source").set_value("template")
    at = at.button(key="form_open").click().run()
    at = at.text_input(key="form1_title").input("Kept across pages").run()
    at.switch_page("views/pages/assign.py").run()
    at.switch_page(PAGE).run()
    assert at.text_input(key="form1_title").value == "Kept across pages"
    assert at.button(key="form_open").disabled, "unsaved changes: opening another scenario asks first"
    at = at.checkbox(key="form_discard").check().run()
    at = at.button(key="form_open").click().run()
    assert at.text_input(key="form2_title").value == "A short title trainees see"
