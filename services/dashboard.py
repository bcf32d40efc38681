"""Gathering one assignment's figures: a few aggregate queries, then the pure summaries."""

from collections import Counter

import pandas as pd
from sqlalchemy import Engine

from records.assignments import Assignment, assignments_of_cohort, counted_aggregates, overview, submission_scores
from records.cohorts import Cohort, members
from scoring.results import Summary, canvas_gradebook, counted_submissions


def load_summary(engine: Engine, supervisor_id: int, assignment_id: int) -> Summary:
    """Every query checks that the assignment is this supervisor's."""
    seen = overview(engine, supervisor_id, assignment_id)
    scores = submission_scores(engine, supervisor_id, assignment_id)
    counted = counted_submissions(seen.assignment.counts, seen.submissions, scores)
    aggregates = counted_aggregates(engine, supervisor_id, assignment_id, [s.id for s in counted.values()])
    return Summary(seen, scores, counted, aggregates)


def gradebook_columns(assignments: list[Assignment]) -> dict[int, str]:
    """A column title per assignment id: its title, numbered when two assignments share one.

    Grades are keyed by assignment id throughout; only the header uses the title, so two
    assignments called "Week 3" are two columns, and neither blanks the other's grades.
    """
    seen: Counter[str] = Counter(a.title for a in assignments)
    numbered: Counter[str] = Counter()
    columns: dict[int, str] = {}
    for assignment in sorted(assignments, key=lambda a: a.id):
        numbered[assignment.title] += 1
        repeat = seen[assignment.title] > 1
        columns[assignment.id] = f"{assignment.title} ({numbered[assignment.title]})" if repeat else assignment.title
    return columns


def cohort_gradebook(engine: Engine, supervisor_id: int, cohort: Cohort) -> pd.DataFrame:
    """Canvas's gradebook layout for a cohort: one column per assignment, the counted score of each trainee."""
    sets = assignments_of_cohort(engine, supervisor_id, cohort.id)
    headers = gradebook_columns(sets)
    scores: dict[str, dict[int, float | None]] = {
        headers[each.id]: dict(load_summary(engine, supervisor_id, each.id).scores_by_trainee()) for each in sets
    }
    return canvas_gradebook(cohort.title, members(engine, supervisor_id, cohort.id), scores)
