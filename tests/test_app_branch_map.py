"""The branch map in the supervisors' preview (Assignments page) and on the Author page, driven with AppTest.

AppTest cannot click inside a chart, so a click is tested in tests/browser/test_branch_map.py (and how a click's
selection names a step in tests/test_branch_map_drawing.py); here the step is opened with the list under the map."""

import pytest
from apptest_helpers import open_supervisor, texts, two_supervisors_world
from test_app_author import MINE, author  # noqa: F401  (the Author page's fixture)

from views.parts.branch_map import SELECTION

SCENARIO = "interpreter-knows-the-family"  # its steps in the file are not in the order trainees meet them


@pytest.fixture
def preview():
    world = two_supervisors_world()
    at = open_supervisor(world["token_a"], "views/pages/assign.py")
    return at.multiselect(key="assign_chosen").set_value([SCENARIO]).run()


def charts(at) -> list:
    return at.get("arrow_vega_lite_chart") + at.get("vega_lite_chart")


def test_the_preview_draws_the_map_with_a_step_selection(preview):
    (chart,) = charts(preview)
    assert SELECTION in chart.proto.spec and chart.proto.selection_mode == [SELECTION]


def test_the_preview_numbers_steps_in_the_order_trainees_meet_them_and_says_which_choices_lead_there(preview):
    """Reported: the preview numbered steps in file order with "(follows some choices)", while trainees meet
    them in path order."""
    shown = texts(preview).replace("*", "")
    first = shown.index("Step 1 — where every trainee starts: Mrs. Nazari lowers her voice.")
    second = shown.index("Step 2 — after choice B at step 1: The following week Yusuf arrives stiff and silent.")
    third = shown.index("Step 3 — after choices A, C or D at step 1: At the start of the next session")
    assert first < second < third
    assert "follows some choices" not in shown


def test_choosing_a_step_under_the_map_opens_it_with_its_ratings(preview):
    assert "**Step 2 — after choice B at step 1**" not in texts(preview)
    at = preview.selectbox(key=f"preview_map_{SCENARIO}_step").set_value("word-got-out").run()
    shown = texts(at)
    assert "**Step 2 — after choice B at step 1**" in shown
    step = shown[shown.index("**Step 2 — after choice B at step 1**") :]
    assert step.index("The following week Yusuf arrives stiff and silent") < step.index("· *best* ·")


def test_the_author_page_shows_the_map_of_a_checked_scenario(author):  # noqa: F811
    at = open_supervisor(author, "views/pages/author.py")
    at.text_area(key="author_paste").input(MINE)
    at = at.button(key="author_check").click().run()
    assert any(e.label.startswith("Branch map") for e in at.expander)
    assert len(charts(at)) == 2, "the branch map, and the library's coverage below"
