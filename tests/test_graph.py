"""The branch map's graph: layers, numbering, END, unreachable steps, dead ends, and a layout that never moves."""

from scenarios.graph import END, MISSING_PREFIX, branch_graph
from scenarios.load import LIBRARY_DIR, load_library
from scenarios.model import Scenario

RATINGS = ["best", "acceptable", "poor", "harmful", "poor", "acceptable"]


def scenario(steps: dict[str, list[str | None]]) -> Scenario:
    """Steps in file order, each given as the `next` of its options (None ends); the first option is best."""
    return Scenario.model_validate(
        {
            "id": "hand-made",
            "title": "Hand made",
            "difficulty": "intro",
            "parts": ["relationship"],
            "source": "original",
            "setting": "A client arrives.",
            "steps": [
                {
                    "id": step_id,
                    "prompt": f"Prompt of {step_id}",
                    "options": [
                        {
                            "id": f"o{i}",
                            "text": f"Option {i} of {step_id}",
                            "rating": RATINGS[i],
                            "effects": {"relationship": {"upholds": "Because."}},
                            "feedback": "Why.",
                            "next": following,
                        }
                        for i, following in enumerate(nexts)
                    ],
                }
                for step_id, nexts in steps.items()
            ],
        }
    )


def test_layers_are_shortest_distances_from_the_start_and_end_comes_last():
    graph = branch_graph(scenario({"aa": ["bb", "cc"], "cc": ["dd", None], "bb": ["dd", "dd"], "dd": [None, None]}))
    layers = {node.id: node.layer for node in graph.nodes}
    assert layers == {"aa": 0, "bb": 1, "cc": 1, "dd": 2, END: 3}
    assert graph.layers == 4 and graph.rows == 2
    assert graph.unreachable == () and graph.dead_ends == ()


def test_steps_are_numbered_in_the_order_of_the_layout_not_of_the_file():
    graph = branch_graph(scenario({"aa": ["cc", "bb"], "dd": [None, None], "bb": ["dd", None], "cc": [None, None]}))
    assert [(node.number, node.id) for node in graph.steps] == [(1, "aa"), (2, "cc"), (3, "bb"), (4, "dd")]


def test_every_option_is_an_edge_with_its_letter_and_rating_and_an_option_without_next_goes_to_end():
    graph = branch_graph(scenario({"aa": ["bb", None, None], "bb": [None, None]}))
    assert [(e.source, e.letter, e.rating, e.target) for e in graph.edges] == [
        ("aa", "A", "best", "bb"),
        ("aa", "B", "acceptable", END),
        ("aa", "C", "poor", END),
        ("bb", "A", "best", END),
        ("bb", "B", "acceptable", END),
    ]
    assert [(e.source, e.letter) for e in graph.arrivals("bb")] == [("aa", "A")]


def test_a_step_nothing_leads_to_is_unreachable():
    graph = branch_graph(scenario({"aa": [None, None], "orphan": ["aa", None]}))
    assert graph.unreachable == ("orphan",)
    assert graph.node("orphan").reachable is False and graph.node("aa").reachable is True
    assert graph.dead_ends == ()


def test_a_loop_with_no_way_out_is_a_dead_end_and_a_loop_with_one_is_not():
    closed = branch_graph(scenario({"aa": ["bb", None], "bb": ["cc", "cc"], "cc": ["bb", "bb"]}))
    assert closed.dead_ends == ("bb", "cc")
    open_loop = branch_graph(scenario({"aa": ["bb", None], "bb": ["cc", "cc"], "cc": ["bb", None]}))
    assert open_loop.dead_ends == ()


def test_a_step_whose_options_all_name_missing_steps_is_a_dead_end_and_each_missing_name_gets_a_node():
    graph = branch_graph(scenario({"aa": ["bb", None], "bb": ["nowhere", "nowhere", "gone"]}))
    assert graph.dead_ends == ("bb",)
    assert [e.target for e in graph.broken] == [MISSING_PREFIX + "nowhere", MISSING_PREFIX + "nowhere", MISSING_PREFIX + "gone"]
    assert {n.id: n.layer for n in graph.nodes if n.kind == "missing"} == {MISSING_PREFIX + "nowhere": 2, MISSING_PREFIX + "gone": 2}


def test_an_unreachable_closed_loop_is_still_laid_out_from_its_first_step():
    graph = branch_graph(scenario({"aa": [None, None], "xx": ["yy", "yy"], "yy": ["xx", "xx"]}))
    assert graph.unreachable == ("xx", "yy") and graph.dead_ends == ("xx", "yy")
    assert (graph.node("xx").layer, graph.node("yy").layer) == (0, 1)
    assert graph.node("xx").row == 1, "unreachable steps sit below the reachable ones"


def test_rows_follow_the_steps_that_lead_there_so_arrows_do_not_cross():
    # aa -> bb (top), cc (bottom); cc leads to ee, bb to dd; ee comes first in the file, but belongs below.
    graph = branch_graph(scenario({"aa": ["bb", "cc"], "ee": [None, None], "bb": ["dd", None], "cc": ["ee", None], "dd": [None, None]}))
    assert (graph.node("bb").row, graph.node("cc").row) == (0, 1)
    assert (graph.node("dd").row, graph.node("ee").row) == (0, 1)


def test_a_layer_with_fewer_nodes_is_centred_against_the_tallest():
    graph = branch_graph(scenario({"aa": ["bb", "cc", "dd"], "bb": [None, None], "cc": [None, None], "dd": [None, None]}))
    assert graph.node("aa").y == 1.0 and graph.node(END).y == 1.0
    assert [graph.node(s).y for s in ("bb", "cc", "dd")] == [0.0, 1.0, 2.0]


def test_the_layout_is_the_same_every_time():
    steps = {"aa": ["bb", "cc"], "cc": ["dd", None], "bb": ["dd", "ee"], "dd": [None, None], "ee": ["dd", None]}
    assert branch_graph(scenario(steps)) == branch_graph(scenario(steps))


def test_no_library_scenario_has_an_unreachable_step_a_dead_end_or_a_broken_choice_and_numbers_rise_along_every_path():
    library = load_library([LIBRARY_DIR])
    flawed, backwards = {}, []
    for each in library.scenarios:
        graph = branch_graph(each)
        if graph.unreachable or graph.dead_ends or graph.broken:
            flawed[each.id] = (graph.unreachable, graph.dead_ends, graph.broken)
        if any(graph.node(e.target).number <= graph.node(e.source).number for e in graph.edges if not e.ends):
            backwards.append(each.id)
    assert len(library.scenarios) > 100
    assert flawed == {}
    assert backwards == []


def test_a_step_reached_both_directly_and_through_another_comes_after_it_so_numbers_rise_along_every_path():
    # The shape of "Do you have kids?": the start leads to both later steps, and one of them to the other.
    graph = branch_graph(scenario({"aa": ["cc", "bb"], "bb": ["cc", None], "cc": [None, None]}))
    assert [(node.number, node.id, node.layer) for node in graph.steps] == [(1, "aa", 0), (2, "bb", 1), (3, "cc", 2)]
    assert all(graph.node(e.source).layer < graph.node(e.target).layer for e in graph.edges)
