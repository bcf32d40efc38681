"""Gathering one assignment's figures: a few aggregate queries, then the pure summaries."""

from sqlalchemy import Engine

from records.assignments import counted_aggregates, overview, submission_scores
from scoring.results import Summary, counted_submissions


def load_summary(engine: Engine, supervisor_id: int, assignment_id: int) -> Summary:
    """Every query checks that the assignment is this supervisor's."""
    seen = overview(engine, supervisor_id, assignment_id)
    scores = submission_scores(engine, supervisor_id, assignment_id)
    counted = counted_submissions(seen.assignment.counts, seen.submissions, scores)
    aggregates = counted_aggregates(engine, supervisor_id, assignment_id, [s.id for s in counted.values()])
    return Summary(seen, scores, counted, aggregates)
