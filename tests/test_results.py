"""Supervisor results on a small fixed data set, checked against values worked out by hand."""

import io
import math
from datetime import UTC, datetime, timedelta

import openpyxl
import pytest

from records.assignments import Assignment, Results, Submission
from scenarios.parts import part_mask
from scoring.results import (
    Summary,
    agenda_markdown,
    answers_export,
    answers_frame,
    canvas_gradebook,
    columns_of,
    counted_submissions,
    part_rollup,
    submission_scores,
    to_xlsx_bytes,
)

T0 = datetime(2026, 11, 2, 12, tzinfo=UTC)
RATING = {1.0: "best", 0.5: "acceptable", 0.0: "poor"}


def answer(trainee, submission, attempt, scenario, step, credit, option=None, parts=("professional",), upholds=True):
    verdict = "upholds" if upholds else "undermines"
    return {
        "trainee_id": trainee, "submission_id": submission, "attempt_id": attempt, "scenario_id": scenario, "position": 0,
        "scenario_title": f"Scenario {scenario}", "reflection": None,
        "step_id": step, "option_id": option or f"{step}-{RATING[credit]}", "rating": RATING[credit], "credit": credit, "confidence": None,
        "judged": {"prompt": f"Prompt {step}", "option_text": f"Option {step} {RATING[credit]}", "feedback": "Because.",
                   "effects": {p: [verdict, "reason"] for p in parts}, "at_stake": list(parts)},
        "at_stake_mask": part_mask(parts), "upheld_mask": part_mask(parts) if upholds else 0, "undermined_mask": 0 if upholds else part_mask(parts),
    }


def fixture_results(counts="best", due=None) -> Results:
    assignment = Assignment(1, 1, "Week 3", "assessment", due, None, counts, True, False, ("s1", "s2"))
    # credits (a, b | c): T1 1,1|1  T2 1,0|.5  T3 0,0|1  T4 .5,1|0 ; T1 also has an earlier, weaker submission 5
    plan = {1: (1, 1, 1), 2: (1, 0, 0.5), 3: (0, 0, 1), 4: (0.5, 1, 0)}
    answers, attempts = [], []
    for t, (a, b, c) in plan.items():
        answers += [answer(t, t, 10 * t, "s1", "a", a), answer(t, t, 10 * t, "s1", "b", b, upholds=b == 1), answer(t, t, 10 * t + 1, "s2", "c", c, parts=("for_the_client",))]
        attempts += [{"id": 10 * t, "trainee_id": t, "submission_id": t, "scenario_id": "s1", "scenario_title": "Scenario one", "reflection": None, "finished_at": T0},
                     {"id": 10 * t + 1, "trainee_id": t, "submission_id": t, "scenario_id": "s2", "scenario_title": "Scenario two", "reflection": None, "finished_at": T0}]
    answers += [answer(1, 5, 50, "s1", "a", 0), answer(1, 5, 50, "s1", "b", 0), answer(1, 5, 51, "s2", "c", 0, parts=("for_the_client",))]
    attempts[2]["reflection"] = "I would hold the frame."
    reflections = [a for a in attempts if a["reflection"]]
    submissions = [Submission(t, 1, t, 2 if t == 1 else 1, T0, T0 + timedelta(hours=t)) for t in plan] + [Submission(5, 1, 1, 1, T0 - timedelta(days=1), T0 - timedelta(days=1))]
    people = [{"id": t, "name": f"Trainee {t}", "email": f"t{t}@uni.edu", "sis_id": f"S{t}"} for t in plan] + [{"id": 6, "name": "Trainee 6", "email": None, "sis_id": None}]
    return Results(assignment, people, submissions, columns_of(answers), reflections, []), answers


def summary(counts="best", due=None) -> Summary:
    return Summary(fixture_results(counts, due)[0])


def detail_of(trainee_id: int) -> list[dict]:
    return [a for a in fixture_results()[1] if a["trainee_id"] == trainee_id]


def test_scores_and_the_attempt_that_counts():
    found, _ = fixture_results()
    scores = submission_scores(answers_frame(found.answers))
    assert scores.to_dict() == {1: 100.0, 2: 50.0, 3: 50.0, 4: 37.5, 5: 0.0}
    assert counted_submissions("best", found.submissions, scores)[1].id == 1
    assert counted_submissions("first", found.submissions, scores)[1].id == 5
    assert counted_submissions("last", found.submissions, scores)[1].id == 1
    table = summary("first").score_table().set_index("trainee")
    assert table.loc["Trainee 1", "score (%)"] == 0.0 and table.loc["Trainee 4", "score (%)"] == 37.5
    assert table.loc["Trainee 6", "status"] == "not started" and math.isnan(table.loc["Trainee 6", "score (%)"])


def test_late_and_overdue_statuses():
    table = summary(due=T0 + timedelta(hours=2, minutes=30)).score_table(now=T0 + timedelta(days=1)).set_index("trainee")["status"]
    assert table.to_dict() == {"Trainee 1": "submitted", "Trainee 2": "submitted", "Trainee 3": "submitted late", "Trainee 4": "submitted late", "Trainee 6": "overdue"}


def test_item_statistics_match_hand_computation():
    items = summary().item_statistics().set_index("step_id")
    # step a: credits 1, 1, 0, .5; rest of test 2, .5, 1, 1
    assert items.loc["a", "answers"] == 4
    assert items.loc["a", "facility"] == pytest.approx(0.625)
    assert items.loc["a", "sd"] == pytest.approx(math.sqrt(0.6875 / 3))
    assert items.loc["a", "discrimination"] == pytest.approx(0.1875 / math.sqrt(0.6875 * 1.1875))
    # step b: credits 1, 0, 0, 1; rest 2, 1.5, 1, .5 -> the products of deviations cancel: r = 0
    assert items.loc["b", "facility"] == pytest.approx(0.5)
    assert items.loc["b", "discrimination"] == pytest.approx(0.0, abs=1e-12)
    assert items.loc["b", "flags"] == ""
    # step c: credits 1, .5, 1, 0; rest 2, 1, 0, 1.5 -> sum of products -.3125: negative
    assert items.loc["c", "discrimination"] == pytest.approx(-0.3125 / math.sqrt(0.6875 * 2.1875))
    assert items.loc["c", "flags"] == "discriminates negatively"
    assert items.loc["a", "parts"] == "Professional" and items.loc["c", "parts"] == "For the client"


def test_option_frequencies_and_part_rollup():
    options = summary().option_frequencies()
    step_a = options[options["step_id"] == "a"].set_index("rating")
    assert step_a.loc["best", "chosen"] == 2 and step_a.loc["best", "share"] == pytest.approx(0.5)
    rollup = part_rollup(summary().item_statistics()).set_index("part")
    assert rollup.loc["Professional", "steps"] == 2 and rollup.loc["Professional", "mean facility"] == pytest.approx((0.625 + 0.5) / 2)
    assert rollup.loc["Personal", "steps"] == 0


def test_heatmap_counts_only_the_counted_submission():
    cells = summary().heatmap_frame().set_index(["trainee", "part"])
    assert cells.loc[("Trainee 1", "Professional"), "upheld rate"] == 1.0  # not the weaker submission 5
    assert cells.loc[("Trainee 2", "Professional"), "upheld rate"] == 0.5
    assert cells.loc[("Trainee 3", "For the client"), "at stake"] == 1


def test_agenda_names_weak_parts_harm_and_reflections():
    text = agenda_markdown(summary(), 2, detail_of(2))
    assert text.startswith("# Supervision agenda: Trainee 2")
    assert "## Weakest parts" in text and "Professional: upheld 1 of 2" in text
    assert "## Harmful choices" in text and "## Reflections worth discussing" in text and "I would hold the frame." in text


def test_canvas_gradebook_layout_and_xlsx():
    frame = canvas_gradebook("Practicum II", [{"id": 1, "name": "Ana", "email": "ana@uni.edu", "sis_id": "S1"}, {"id": 2, "name": "Ben", "email": None, "sis_id": None}], {"Week 3": {1: 87.5, 2: None}})
    assert list(frame.columns) == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Week 3"]
    assert frame.iloc[0]["Student"].strip() == "Points Possible" and frame.iloc[0]["Week 3"] == 100
    assert frame.iloc[1].tolist() == ["Ana", "", "S1", "ana@uni.edu", "Practicum II", 87.5]
    assert frame.iloc[2]["Week 3"] == ""
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
    assert [c.value for c in sheet[1]] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Week 3"]
    assert sheet["A3"].value == "Ana" and sheet["F3"].value == 87.5


def test_answers_export_has_a_row_per_answer_with_part_marks():
    frame = answers_export(summary())
    assert len(frame) == 15
    row = frame[(frame["trainee"] == "Trainee 2") & (frame["step"] == "b")].iloc[0]
    assert row["rating"] == "poor" and row["Professional"] == "undermined" and row["Personal"] == ""
