"""Exemplars in the scenario format: responses in the author's own words, checked like options."""

import yaml
from malformed import GOOD

from scenarios.load import load_bytes

EXEMPLAR = {
    "text": "Thank him warmly and say you would rather he kept the pen, as gifts are not part of your work together.",
    "rating": "acceptable",
    "effects": {"professional": {"upholds": "It keeps the frame while staying kind."}},
}


def with_step_changes(**changes) -> bytes:
    document = yaml.safe_load(GOOD)
    document["steps"][0].update(changes)
    return yaml.safe_dump(document, sort_keys=False).encode()


def test_exemplars_in_new_words_load_with_their_ratings_and_parts():
    loaded, problems, _ = load_bytes(with_step_changes(say_first=True, exemplars=[EXEMPLAR]), "gift.yaml")
    assert problems == []
    step = loaded.scenario.steps[0]
    assert step.say_first and step.exemplars[0].rating == "acceptable"
    assert step.exemplars[0].effects.touched()["professional"].verdict == "upholds"


def test_an_exemplar_that_copies_an_option_is_refused_at_its_text():
    option_text = yaml.safe_load(GOOD)["steps"][0]["options"][0]["text"]
    _, problems, _ = load_bytes(with_step_changes(exemplars=[{**EXEMPLAR, "text": option_text + "!"}]), "gift.yaml")
    (problem,) = problems
    assert problem.field.endswith("exemplars[0].text") or "exemplar" in problem.field
    assert "write it in different words" in problem.message


def test_say_first_without_exemplars_is_refused_with_what_to_add():
    _, problems, _ = load_bytes(with_step_changes(say_first=True), "gift.yaml")
    (problem,) = problems
    assert "add at least 4" in problem.message


def test_an_exemplar_needs_a_rating_and_parts_like_an_option():
    _, problems, _ = load_bytes(with_step_changes(exemplars=[{"text": "Say thanks."}]), "gift.yaml")
    assert {p.field.rsplit(".", 1)[-1] for p in problems} >= {"rating", "effects"} or len(problems) >= 2
