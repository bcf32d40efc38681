"""Starting, answering, finishing and resuming a scenario; for trainees every step is saved as it happens."""

import streamlit as st

from records import progress as records
from records.assignments import open_assessment_scenario_ids, sealed_scenario_ids
from scenarios.load import Library
from scenarios.model import Scenario
from scoring.run import Answer, Run, current_step, proceed, submit
from services.markup import plain
from services.practice import store_answer, unfinished, unfinished_of
from views.parts.common import database_or_none, try_save, viewer
from views.parts.state import learner


def start_run(lib: Library, scenario_id: str, order: list[str] | None = None) -> bool:
    """Begin a scenario. For a trainee the attempt is stored first; False if that failed (and was said)."""
    attempt = None
    run = Run(scenario_id)
    trainee = viewer()
    if trainee:
        engine = database_or_none()
        if engine is None:
            return False
        going = unfinished_of(engine, trainee.id, lib, scenario_id)
        if going is not None:  # reported: "Start" on a half-done scenario began it again and left a second attempt
            stored, run = going
            attempt = stored.id
            if run.answers:
                learner().practice_notice = f"You had answered {len(run.answers)} step{'s' if len(run.answers) != 1 else ''} of this scenario: it goes on from there."
        else:
            entry = lib.entries[scenario_id]
            attempt = try_save("The new attempt", records.start_attempt, engine, trainee.id, scenario_id, entry.content_hash, entry.scenario.title)
            if attempt is None:
                return False
    work = learner()
    work.run, work.attempt, work.last_scenario = run, attempt, scenario_id
    work.fresh, work.paused = True, False
    work.round += 1
    if order is not None:
        work.order = order
    return True


def answer_step(scenario: Scenario, run: Run, option_id: str, confidence: str | None) -> None:
    """Save the answer (trainees) and only then show its feedback, so nothing shown is unsaved."""
    following = submit(scenario, run, option_id, confidence)
    if following is run:
        return
    trainee, attempt = viewer(), learner().attempt
    if trainee and attempt:
        engine = database_or_none()
        if engine is None:
            return
        step = current_step(scenario, run)
        if step is None:  # submit() moved on, so the run had a step: this cannot happen, but never judge nothing
            return
        saved = try_save("Your answer", store_answer, engine, trainee.id, attempt, step, len(run.answers), option_id, confidence)
        if saved is None:
            return
        if saved is False:  # answered first in another window: that answer stands, and this page catches up with it
            stored = records.answers_of(engine, trainee.id, attempt)
            learner().run = Run(scenario.id, tuple(Answer(a.step_id, a.option_id, a.confidence) for a in stored))
            st.info("This step was already answered in another window. The first answer is the one kept, and this page now goes on from it.")
            return
    learner().run = following


def continue_run(scenario: Scenario, run: Run) -> None:
    following = proceed(run)
    if current_step(scenario, following) is None:
        finish(scenario.id)
    learner().run = following


def finish(scenario_id: str) -> None:
    trainee, attempt = viewer(), learner().attempt
    if trainee and attempt:
        engine = database_or_none()
        if engine:
            try_save("Finishing the scenario", records.finish_attempt, engine, trainee.id, attempt)
    learner().tried.add(scenario_id)


def resume(lib: Library) -> None:
    """Once per browser session: bring back the trainee's last attempt if it was left unfinished."""
    trainee = viewer()
    if not trainee or learner().resumed or learner().run is not None:
        return
    learner().resumed = True
    engine = database_or_none()
    left = unfinished(engine, trainee.id, lib) if engine else None
    if left is None:
        return
    if left.run is None:
        st.info(
            f"“{plain(left.attempt.scenario_title)}” has changed or been removed since you started it, so it cannot be "
            "resumed. Your answers so far are kept in My progress."
        )
        return
    learner().run, learner().attempt = left.run, left.attempt.id
    learner().fresh, learner().paused = True, False  # brought back on purpose: shown at once
    learner().round += 1
    if current_step(lib.entries[left.attempt.scenario_id].scenario, left.run) is None:
        finish(left.attempt.scenario_id)


def tried() -> set[str]:
    trainee = viewer()
    engine = database_or_none() if trainee else None
    return records.tried_scenarios(engine, trainee.id) if engine and trainee else set(learner().tried)


def sealed_for_viewer() -> set[str]:
    """Scenarios held back from free practice: a trainee's own unsubmitted assessments, and for a guest
    every assessment still open (a trainee must not practise one by leaving their link out)."""
    trainee = viewer()
    engine = database_or_none()
    if engine is None:
        return set()
    return sealed_scenario_ids(engine, trainee.id) if trainee else open_assessment_scenario_ids(engine)
