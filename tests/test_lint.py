"""The item-writing checks catch the cues that let a test-wise reader pick the best option unread."""

from malformed import GOOD

from scenarios.lint import lint
from scenarios.load import load_bytes


def scenario_from(text: str):
    loaded, problems, _ = load_bytes(text.encode(), "x.yaml")
    assert loaded is not None, problems
    return loaded.scenario


def test_a_best_option_much_longer_than_the_rest_is_counted_and_warned_about():
    report = lint([scenario_from(GOOD)])
    assert report.steps == 2 and report.longest_is_best == 2 and report.best_positions[1] == 2
    assert report.median_length_ratio > 1.5
    padded = GOOD.replace("I hope the trip goes smoothly.", "I hope the trip goes smoothly, the flights are easy and the audit is quick and painless for you.")
    assert any(f.rule == "length" and f.step == "offer" for f in lint([scenario_from(padded)]).warnings)
    failures = report.library_failures()
    assert any("longest in 100%" in f for f in failures) and any("listed first in 100%" in f for f in failures)


def test_options_without_a_tempting_line_and_all_of_the_above_are_errors():
    text = GOOD.replace('text: Laugh and say, "Surprise me!"', "text: All of the above.")
    report = lint([scenario_from(text)])
    assert {(f.option, f.rule) for f in report.errors} >= {("surprise-me", "all-none"), ("surprise-me", "tempting"), ("give-in", "tempting")}
    tempted = GOOD.replace("        rating: poor\n", "        rating: poor\n        tempting: It feels friendly.\n")
    assert not [f for f in lint([scenario_from(tempted)]).errors if f.option in ("surprise-me", "give-in")]


def test_unknown_canon_rules_are_refused_at_their_line():
    text = GOOD.replace("        rating: best\n", "        rating: best\n        canon: [C5, C99]\n", 1)
    _, problems, _ = load_bytes(text.encode(), "x.yaml")
    assert [(p.field, p.line) for p in problems] == [("steps[0].options[0].canon[1]", 21)]
    assert "no canon rule 'C99'" in problems[0].message


def _twin(own_id: str, partner_id: str, best: str = "warm-decline") -> str:
    """The fixture as one half of a twin pair whose first step shows the same options."""
    text = GOOD.replace("id: gift-from-a-work-trip", f"id: {own_id}", 1)
    text = text.replace("  - id: offer\n", f"  - id: offer\n    twin:\n      scenario: {partner_id}\n      step: offer\n", 1)
    if best != "warm-decline":
        first_step = text.index("  - id: he-insists")
        head, tail = text[:first_step], text[first_step:]
        head = head.replace("        rating: best\n", "        rating: acceptable\n        tempting: It is kind.\n", 1)
        at = head.index(f"      - id: {best}\n")
        rated = head.index("        rating: ", at)
        line_end = head.index("\n", rated)
        head = head[:rated] + "        rating: best" + head[line_end:]
        text = head + tail
    return text


def _twin_errors(*texts: str) -> list[str]:
    return [f.message for f in lint([scenario_from(t) for t in texts]).errors if f.rule == "twin"]


def test_a_twin_pair_shows_the_same_options_with_a_different_best_and_is_counted():
    pair = [_twin("souvenir-a", "souvenir-b"), _twin("souvenir-b", "souvenir-a", best="explain-policy")]
    report = lint([scenario_from(t) for t in pair])
    assert [f for f in report.errors if f.rule == "twin"] == [] and report.twin_steps == 2
    assert "twin steps (the same options, another client, another best): 2 of 4" in report.summary()


def test_a_broken_twin_pair_is_an_error_that_says_what_to_change():
    a, b = _twin("souvenir-a", "souvenir-b"), _twin("souvenir-b", "souvenir-a", best="explain-policy")
    assert _twin_errors(a) == ["twin scenario 'souvenir-b' is not among the files checked; check both files together"]
    same_best = _twin_errors(a, _twin("souvenir-b", "souvenir-a"))
    assert same_best == ["'warm-decline' is best in both twins; the other client must make a different option best"] * 2
    reworded = b.replace("I hope the trip goes smoothly.", "Safe travels.", 1)
    assert "the options differ from step 'offer' of 'souvenir-a'" in _twin_errors(a, reworded)[1]
    one_sided = b.replace("    twin:\n      scenario: souvenir-a\n      step: offer\n", "", 1)
    assert _twin_errors(a, one_sided) == ["step 'offer' of 'souvenir-b' must name this step as its twin too"]
    wrong_step = a.replace("      step: offer\n", "      step: he-leaves\n", 1)
    assert _twin_errors(wrong_step, b)[0] == "scenario 'souvenir-b' has no step 'he-leaves'; name the step that shows the same options"


def test_a_canon_id_in_text_trainees_read_is_an_error():
    text = GOOD.replace("Brief, kind and clear.", "Brief, kind and clear (C1).", 1)
    (finding,) = [f for f in lint([scenario_from(text)]).errors if f.rule == "canon-id"]
    assert finding.option == "warm-decline" and "say the ruling in words" in finding.message
