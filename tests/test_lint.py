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
