"""Every page renders, and a trainee can work through a branching scenario and read why."""

import pytest
from apptest_helpers import (
    PAGES,
    SUPERVISOR_PAGES,
    TRAINEE_PAGES,
    answer,
    app_engine,
    new_supervisor,
    open_app,
    open_as,
    open_supervisor,
    start_scenario,
    step_prompt,
    tab_of,
    texts,
    unescape,
)

from records.trainees import add_trainee
from scenarios.parts import DEFINITION, PARTS


def test_every_page_is_routed():
    assert {"views/pages/home.py", "views/pages/definition.py", "views/pages/practice.py", "views/pages/scenario_files.py"} <= set(PAGES)
    assert SUPERVISOR_PAGES | TRAINEE_PAGES <= set(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_error(page):
    """Each page as the role it is for: supervisor pages signed in, trainee pages by link, the rest as a guest."""
    if page in SUPERVISOR_PAGES:
        at = open_supervisor(new_supervisor()[1], page)
    elif page in TRAINEE_PAGES:
        at = open_as(add_trainee(app_engine(), "Smoke Test")[1], page)
    else:
        at = open_app(page)
    assert not at.exception
    assert at.title, f"{page} has no title"


def test_definition_page_quotes_and_explains_every_part():
    page = texts(open_app("views/pages/definition.py"))
    assert DEFINITION in page and "Davidheiser" in page
    for part in PARTS:
        assert part.headline in page and part.meaning in page


def test_branching_journey_explains_every_answer_against_the_parts():
    at = start_scenario(open_app("views/pages/practice.py"), "gift-from-a-work-trip")
    assert at.title[0].value == "A souvenir from the islands"
    assert at.get("progress")[0].proto.text == "Step 1 of 2"

    at = answer(at, "Laugh and say")  # "Surprise me!": poor
    page = texts(at)
    assert "Weak response: no credit" in page
    assert "For the client**, undermines" in page and "Relationship**, upholds" in page
    assert "✖ undermined" in page and "○ not at stake" in page and "✔ upheld" in page
    assert "The strongest response:" in page and "I don't need anything" in page

    at = at.button(key="practice_continue").click().run()
    assert "macadamia" in step_prompt(at)  # the branch the chosen option's `next` leads to
    at = answer(at, "Smile again")  # decline again: best
    page = texts(at)
    assert "Strongest response: full credit" in at.success[-1].value
    assert page.count("The strongest response:") == 1, "only the earlier, weaker answer shows the strongest one"

    at = at.button(key="practice_continue").click().run()
    assert at.metric[0].value == "1 of 2"
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart"), "the summary has a per-part chart"
    assert not at.exception


def test_submitting_without_a_choice_asks_for_one():
    at = start_scenario(open_app("views/pages/practice.py"), "gift-from-a-work-trip")
    at = next(b for b in at.button if b.label == "Submit answer").click().run()
    assert "Choose one of the responses first." in texts(at)
    assert at.radio[0].value is None


def test_try_again_and_next_scenario():
    at = start_scenario(open_app("views/pages/practice.py"), "gift-from-a-work-trip")
    for option in ("Smile and say", "Smile again"):
        at = answer(at, option).button(key="practice_continue").click().run()
    at = at.button(key="practice_again").click().run()
    assert at.title[0].value == "A souvenir from the islands" and at.radio[0].value is None
    for option in ("Smile and say", "Smile again"):
        at = answer(at, option).button(key="practice_continue").click().run()
    at = at.button(key="practice_next").click().run()
    assert at.title[0].value != "A souvenir from the islands" or len(tab_of(at).learner.order) == 1
    assert at.radio and not at.exception


def test_filters_narrow_the_list_and_say_when_nothing_matches():
    at = open_app("views/pages/practice.py")
    at.text_input(key="practice_search").input("macadamia").run()
    assert any(o.startswith("A souvenir from the islands") for o in at.selectbox(key="practice_pick").options)
    at.text_input(key="practice_search").input("no scenario says this zzzz").run()
    assert "No scenario matches these filters" in texts(at)


def test_the_practice_search_box_is_limited_and_a_longer_search_sent_anyway_is_cut_and_said_so():
    """Issue 21, finding 6. set_value is what a crafted websocket message does: it ignores the box's max_chars."""
    at = open_app("views/pages/practice.py")
    box = at.text_input(key="practice_search")
    assert box.max_chars == 200
    box.set_value("macadamia " * 12 + "zzzqx " * 100_000).run()
    assert any(o.startswith("A souvenir from the islands") for o in at.selectbox(key="practice_pick").options), "only the first 12 words"
    assert "A search reads at most 12 words and 200 characters" in texts(at)


def test_the_list_keeps_the_scenario_just_finished_selected():
    """Finishing a scenario marks it tried; the picker must stay on it, not jump to the first in the list."""
    at = open_app("views/pages/practice.py")
    first = at.selectbox(key="practice_pick").value
    assert first != "gift-from-a-work-trip", "the test needs a scenario that is not first in the list"
    at = start_scenario(at, "gift-from-a-work-trip")
    for option in ("Smile and say", "Smile again"):
        at = answer(at, option).button(key="practice_continue").click().run()
    at = at.button(key="practice_back").click().run()
    box = at.selectbox(key="practice_pick")
    assert box.value == "gift-from-a-work-trip"
    assert "✓ tried" in box.options[box.index]



def test_feedback_on_a_distractor_says_why_it_tempts():
    at = start_scenario(open_app("views/pages/practice.py"), "gift-from-a-work-trip")
    at = answer(at, "Laugh and say")
    assert "*Why it tempts:* It matches his friendliness, and saying no to a kind offer feels rude." in texts(at)


def test_a_step_summary_does_not_double_the_quotes_of_an_option_that_is_speech():
    at = start_scenario(open_app("views/pages/practice.py"), "gift-from-a-work-trip")
    at = answer(at, "Smile and say").button(key="practice_continue").click().run()
    at = answer(at, '"Well, if you insist').button(key="practice_continue").click().run()
    labels = [unescape(e.label) for e in at.expander]
    assert any(label.startswith("Step 2: you chose “Well, if you insist.") for label in labels), labels
    assert not any("“\"" in label for label in labels)


def test_a_twin_step_sends_the_trainee_to_its_twin_and_then_sets_the_two_side_by_side():
    """The same four responses, another client: the summary offers the twin without saying its answer,
    and once both are done shows what was strongest in each."""
    at = start_scenario(open_app("views/pages/practice.py"), "gift-from-a-work-trip")
    for option in ("Smile and say", "Smile again"):
        at = answer(at, option).button(key="practice_continue").click().run()
    page = texts(at)
    assert "Same words, another client" in page and "The man who repays everyone" in page
    (panel,) = [m.value for m in at.markdown if "also appear, word for word" in m.value]
    assert "strongest was" not in panel and "sit back down" not in panel.lower(), "the twin's answer is not given away before it is tried"

    at = at.button(key="practice_twin_gift-while-he-repays-everyone").click().run()
    assert at.title[0].value == "The man who repays everyone"
    at = answer(at, "Smile and say")  # strongest at the door, only acceptable with twenty minutes left
    assert "Acceptable: half credit" in at.info[-1].value
    at = at.button(key="practice_continue").click().run()
    page = texts(at)
    assert "Here** the strongest was: Ask him to sit back down so you can explore" in page
    assert "In The man who repays everyone" not in page and "In A souvenir from the islands** it was: Smile and say" in page
    assert not at.exception


def test_next_scenario_after_a_random_one_moves_on_instead_of_restarting_it():
    at = open_app("views/pages/practice.py")
    at = at.button(key="practice_random").click().run()
    first = at.title[0].value
    assert tab_of(at).learner.order and len(tab_of(at).learner.order) == 1, "a random pick starts alone (control)"
    while any(b.label == "Submit answer" for b in at.button):
        at = answer(at, unescape(at.radio[0].options[0]))
        at = at.button(key="practice_continue").click().run()
    at = at.button(key="practice_next").click().run()
    assert at.title[0].value != first and at.radio


def test_scenarios_are_browsed_as_cards_a_dozen_at_a_time_and_a_card_starts_its_scenario():
    at = open_app("views/pages/practice.py")
    starts = [b for b in at.button if b.key and b.key.startswith("practice_card_")]
    assert len(starts) == 12, "a dozen cards first"
    page = texts(at)
    assert " scenarios**" in page and "gift-from-a-work-trip" not in page, "titles and teasers, never ids"
    at = at.button(key="practice_more").click().run()
    assert len([b for b in at.button if b.key and b.key.startswith("practice_card_")]) == 24
    at.text_input(key="practice_search").input("macadamia").run()
    (card,) = [b for b in at.button if b.key and b.key.startswith("practice_card_")]
    assert "Marcus, 41, an accountant, has seen you weekly for eight months" in texts(at), "the card's teaser"
    at = card.click().run()
    assert at.title[0].value == "A souvenir from the islands"


def test_a_teaser_is_the_settings_first_sentence():
    from scenarios.catalog import teaser
    from scenarios.load import load_library

    assert teaser(load_library().get("gift-from-a-work-trip")) == "Marcus, 41, an accountant, has seen you weekly for eight months for anxiety that spikes around deadlines."


def test_a_teaser_skips_the_trainees_scene_and_never_stops_at_a_title():
    """Reported: cards read "It is 6:40 p.m." or "You are a trainee at a university counselling centre."."""
    from scenarios.catalog import teaser
    from scenarios.load import load_library

    scenario = load_library().get("gift-from-a-work-trip").model_copy(
        update={"setting": "You are a trainee at a clinic supervised by Dr. Ames. It is 6:40 p.m. on a Friday. Rosa, 52, calls in tears."}
    )
    assert teaser(scenario) == "Rosa, 52, calls in tears."
    only_scene = scenario.model_copy(update={"setting": "You are a trainee supervised by Dr. Ames at a clinic."})
    assert teaser(only_scene) == "You are a trainee supervised by Dr. Ames at a clinic."


def test_home_quotes_the_definition_once():
    """Reported: Home showed the definition twice, in the page and in the sidebar; other pages keep the sidebar's."""
    from scenarios.parts import DEFINITION

    home = open_app()
    quoted = [m.value for m in home.main.markdown if DEFINITION in m.value] + [c.value for c in home.sidebar.caption if DEFINITION in c.value]
    assert len(quoted) == 1
    practice = open_app("views/pages/practice.py")
    assert any(DEFINITION in c.value for c in practice.sidebar.caption)


def test_trainees_and_guests_are_not_listed_the_scenario_files_page(monkeypatch):
    """Reported: a page about library folders and a command line sat in a trainee's menu. It stays reachable."""
    import streamlit

    listed: dict[str, str] = {}
    original = streamlit.Page

    def recording(*args, **kwargs):
        listed[kwargs["title"]] = kwargs.get("visibility", "visible")
        return original(*args, **kwargs)

    monkeypatch.setattr(streamlit, "Page", recording)
    open_app()
    assert listed["Scenario files"] == "hidden" and listed["Practice"] == "visible"
    monkeypatch.setattr(streamlit, "Page", original)
    assert not open_app("views/pages/scenario_files.py").exception


def test_coming_back_to_practice_from_another_page_shows_the_list_with_the_scenario_to_continue():
    """Reported: the menu's Practice reopened the last scenario instead of the list."""
    at = start_scenario(open_app("views/pages/practice.py"), "gift-from-a-work-trip")
    assert at.title[0].value == "A souvenir from the islands"
    at = at.switch_page("views/pages/definition.py").run()
    at = at.switch_page("views/pages/practice.py").run()
    assert at.title[0].value == "Practice" and "You are in the middle of **A souvenir from the islands**" in texts(at)
    at = at.button(key="practice_carry_on").click().run()
    assert at.title[0].value == "A souvenir from the islands"


def test_back_to_the_list_keeps_the_search_and_filters():
    """Reported: "Back to the list" after a scenario cleared the search and the filters."""
    at = open_app("views/pages/practice.py")
    at.text_input(key="practice_search").input("gift").run()
    at = at.multiselect(key="practice_levels").set_value(["intermediate"]).run()
    at = start_scenario(at, "gift-from-a-work-trip")
    at = next(b for b in at.button if b.label == "Back to the list").click().run()
    assert at.text_input(key="practice_search").value == "gift"
    assert at.multiselect(key="practice_levels").value == ["intermediate"]
