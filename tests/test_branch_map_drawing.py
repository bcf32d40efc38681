"""The branch map's drawing: colours that read on white and without colour, letters that never overlap, and the
hand-over from a click on the map to the step it opens."""

import pytest
from test_graph import scenario

from scenarios.graph import END, branch_graph
from scenarios.load import LIBRARY_DIR, load_library
from scenarios.model import RATINGS
from views.parts.branch_map import FAN, RATING_COLOUR, RATING_DASH, SELECTION, map_chart, picked_step, routes, step_heading

LIBRARY = load_library([LIBRARY_DIR])


def contrast(colour: str, background: str = "#ffffff") -> float:
    """WCAG 2.x contrast ratio."""

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lighter, darker = sorted((luminance(colour), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("rating", RATINGS)
def test_every_rating_colour_reads_on_white_as_text_and_as_a_line(rating):
    assert contrast(RATING_COLOUR[rating]) >= 4.5


def test_poor_and_harmful_are_dashed_differently_and_best_and_acceptable_are_solid_so_the_map_reads_in_greyscale():
    assert RATING_DASH["best"] == RATING_DASH["acceptable"] == [1, 0]
    assert len({tuple(RATING_DASH["poor"]), tuple(RATING_DASH["harmful"]), (1, 0)}) == 3


def test_the_legend_names_each_rating_in_words_and_the_open_step_is_drawn_filled():
    graph = branch_graph(scenario({"aa": ["bb", None], "bb": [None, None]}))
    spec = map_chart(graph, open_step="bb").to_dict()
    arrows = spec["layer"][0]["encoding"]
    assert arrows["color"]["scale"]["domain"] == list(RATINGS) and arrows["color"]["legend"]["title"] == "Choice rated"
    assert arrows["strokeDash"]["scale"]["domain"] == list(RATINGS)
    nodes = next(rows for name, rows in spec["datasets"].items() if rows and "open" in rows[0])
    assert [(row["label"], row["open"]) for row in nodes] == [("1", False), ("2", True), ("END", False)]
    assert [p["name"] for p in spec["params"]] == [SELECTION]


def test_a_click_on_a_step_opens_it_and_a_click_on_end_or_beside_the_nodes_opens_nothing():
    graph = branch_graph(scenario({"aa": ["bb", None], "bb": [None, None]}))
    assert picked_step({"selection": {SELECTION: [{"id": "bb"}]}}, graph) == "bb"
    assert picked_step({"selection": {SELECTION: [{"id": END}]}}, graph) is None
    assert picked_step({"selection": {SELECTION: []}}, graph) is None
    assert picked_step({"selection": {}}, graph) is None
    assert picked_step(None, graph) is None


def test_each_step_says_which_choices_lead_there():
    graph = branch_graph(scenario({"aa": ["cc", "bb", "cc", None], "bb": ["cc", None], "cc": [None, None], "zz": ["aa", None]}))
    assert step_heading(graph, "aa") == "Step 1 — where every trainee starts"
    assert step_heading(graph, "bb") == "Step 2 — after choice B at step 1"
    assert step_heading(graph, "cc") == "Step 3 — after choices A or C at step 1; or after choice A at step 2"
    assert step_heading(graph, "zz") == "Step 4 — no choice leads here"


@pytest.mark.parametrize("each", LIBRARY.scenarios, ids=lambda s: s.id)
def test_no_two_letters_and_no_letter_and_step_overlap_on_any_library_map(each):
    graph = branch_graph(each)
    letters = [route.label_at for route in routes(graph)]
    for i, (x, y) in enumerate(letters):
        assert all(abs(x - x2) >= 0.3 or abs(y - y2) >= FAN * 0.9 for x2, y2 in letters[i + 1 :])
        assert all(abs(x - node.layer) >= 0.3 or abs(y - node.y) >= 0.35 for node in graph.nodes)
