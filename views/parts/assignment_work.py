"""Working through an assignment: its scenarios in order, in practice or assessment mode, then submitting."""

import streamlit as st

from records.assignments import (
    AssignmentClosed,
    comments_for_trainee,
    hand_in,
    open_submission,
    own_submission_score,
    start_submission,
    trainee_assignment,
)
from records.progress import MAX_REFLECTION, Attempt, attempts_of, finish_attempt, save_reflection, start_attempt
from scoring.run import current_step, fits, judgements
from services.landing import local_time, zone
from services.markup import percent, plain
from services.practice import run_of, store_answer
from views.parts.answering import answer_form
from views.parts.common import library, try_save
from views.parts.feedback import judgement_card, stored_answer_card
from views.parts.state import learner

# The assignment page's address names its assignment (?assignment=ID): a reload stays in it.
OPEN_PARAM = "assignment"


def _unless_closed(what: str, action, *args, done: str | None = None) -> None:
    """A button's callback: the supervisor may have closed the assignment since the page was drawn.
    `done`: what to tell the trainee once it worked."""
    try:
        saved = try_save(what, action, *args)
    except AssignmentClosed as error:
        learner().assignment_notice = f"Not saved: {error}."
        return
    if saved is not None and done:
        learner().assignment_notice = done


def work_on(engine, trainee, assignment_id: int) -> None:
    lib = library()
    assignment, subs = trainee_assignment(engine, trainee.id, assignment_id)
    st.title(plain(assignment.title))
    if assignment.mode == "assessment":
        st.caption("Assessment: your answers are saved as you go; ratings and explanations appear after you submit the whole set.")
    else:
        st.caption("Practice: you see the explanation after each answer.")
    if assignment.due_at:
        # In the trainee's own time zone, as on Home (reported: Home said 15:59 Los Angeles, this page 23:59 UTC).
        st.caption(f"Due {local_time(assignment.due_at, zone(st.context.timezone))}" + (" (overdue)" if assignment.overdue() else ""))
    if learner().assignment_notice:
        st.info(learner().assignment_notice)
        learner().assignment_notice = None

    current = open_submission(subs)
    if assignment.closed:
        st.warning(
            f"Your supervisor closed this assignment on {assignment.closed_at:%Y-%m-%d}. "
            "You can read what you handed in, but it can no longer be started, answered or submitted."
        )
        for submission in [s for s in subs if s.submitted_at][::-1]:
            show_submission(engine, trainee, assignment, submission)
        return
    if current is None:
        for submission in [s for s in subs if s.submitted_at][::-1]:
            show_submission(engine, trainee, assignment, submission)
        used = len(subs)
        if assignment.attempts_allowed is None or used < assignment.attempts_allowed:
            label = "Start" if used == 0 else f"Start attempt {used + 1}"
            st.button(label, type="primary", key="assignment_start", on_click=_unless_closed, args=("The new attempt", start_submission, engine, trainee.id, assignment.id))
        else:
            st.info("You have used every attempt allowed for this assignment.")
        return
    work_submission(engine, trainee, assignment, current, lib)


def work_submission(engine, trainee, assignment, submission, lib) -> None:
    tries = attempts_of(engine, trainee.id, submission_id=submission.id)
    latest: dict[str, Attempt] = {}
    for attempt in tries:  # newest first: keep the newest per scenario
        latest.setdefault(attempt.scenario_id, attempt)
    ids = list(assignment.scenario_ids)
    done = [sid for sid in ids if sid in latest and latest[sid].finished_at]
    bar = st.empty()  # filled below, once it is known whether the scenario on screen is answered through
    bar.progress(len(done) / len(ids), text=f"{len(done)} of {len(ids)} scenarios done")
    todo = next((sid for sid in ids if sid not in done), None)
    if todo is None:
        finish_submission(engine, trainee, assignment, submission, latest, lib)
        return
    scenario = lib.get(todo)
    if scenario is None:
        st.error("A scenario of this assignment is no longer in the library. Tell your supervisor; your answers so far are kept.")
        return
    begun = latest.get(todo)
    entry = lib.entries[todo]
    if begun is not None and begun.scenario_hash != entry.content_hash and not fits(scenario, run_of(begun)):
        learner().assignment_notice = f"“{plain(scenario.title)}” was revised since you began it, so it starts again. Your earlier answers are kept."
        begun = None
    if begun is None:
        if try_save("The scenario's start", start_attempt, engine, trainee.id, todo, entry.content_hash, scenario.title, submission_id=submission.id):
            st.rerun()
        return
    attempt, run = begun, run_of(begun)
    st.header(f"Scenario {ids.index(todo) + 1} of {len(ids)}: {plain(scenario.title)}")
    st.markdown(plain(scenario.setting))
    found = judgements(scenario, run)
    reviewing = assignment.mode == "practice" and learner().assignment_review == (attempt.id, len(found))
    for number, (judgement, stored) in enumerate(zip(found, attempt.answers, strict=True), start=1):
        last = number == len(found)
        if reviewing and last:
            st.markdown(f"**{plain(judgement.step.prompt)}**")
            st.markdown(f"You chose: *{plain(judgement.option.text)}*")
            judgement_card(judgement)
        else:
            with st.expander(f"Step {number}: answered"):
                if assignment.mode == "practice":
                    judgement_card(judgement)
                else:
                    st.markdown(f"You chose: *{plain(stored.judged.option_text)}*. Ratings appear after you submit.")
    if reviewing:
        st.button("Continue", type="primary", key="assignment_continue", on_click=lambda: setattr(learner(), "assignment_review", None))
        return
    step = current_step(scenario, run)
    if step is not None:

        def save(option_id: str, confidence: str | None) -> None:
            saved = try_save("Your answer", store_answer, engine, trainee.id, attempt.id, step, len(run.answers), option_id, confidence)
            if saved and assignment.mode == "practice":
                learner().assignment_review = (attempt.id, len(run.answers) + 1)
            elif saved:
                st.toast("Answer saved.")
            elif saved is False:  # answered first in another tab: that answer stands, and this page goes on from it
                learner().assignment_notice = "This step was already answered in another window. The first answer is the one kept, and this page now goes on from it."

        answer_form(step, f"{submission.id}:{attempt.id}", "assignment", save, ask_confidence=assignment.confidence)
        return
    # Every step answered: it counts as done now, not only after "Next scenario" (a fresh-eyes walk saw "0 of 3" here).
    bar.progress((len(done) + 1) / len(ids), text=f"{len(done) + 1} of {len(ids)} scenarios done")
    if scenario.reflection:
        reflection_box(engine, trainee, attempt, scenario, assignment.reflection_required)
    needs = assignment.reflection_required and scenario.reflection and not attempt.reflection
    st.button(
        "Next scenario" if len(done) + 1 < len(ids) else "Finish the last scenario", type="primary", key="assignment_next", disabled=bool(needs),
        on_click=try_save, args=("Finishing the scenario", finish_attempt, engine, trainee.id, attempt.id),
    )
    if needs:
        st.caption("Save your reflection to go on: your supervisor requires one.")


def reflection_box(engine, trainee, attempt, scenario, required: bool) -> None:
    st.markdown(f"**Reflection{' (required)' if required else ''}:** {plain(scenario.reflection)}")
    key = f"assignment_reflection_{attempt.id}"
    st.text_area(f"Your reflection (up to {MAX_REFLECTION:,} characters)", value=attempt.reflection or "", key=key, max_chars=MAX_REFLECTION)

    def save() -> None:  # reads the box at click time, not the text it held when the page was drawn
        written = st.session_state.get(key, "")
        if not written.strip():
            learner().assignment_notice = "Write your reflection first, then save it."
            return
        try_save("Your reflection", save_reflection, engine, trainee.id, attempt.id, written)

    # Never disabled: a box being typed in holds its text only once it loses focus, so a button enabled by
    # its text would need two clicks.
    st.button("Save reflection", key=f"assignment_reflection_save_{attempt.id}", on_click=save)
    if attempt.reflection:
        st.caption("Reflection saved.")


def finish_submission(engine, trainee, assignment, submission, latest, lib) -> None:
    missing = [
        sid for sid in assignment.scenario_ids
        if assignment.reflection_required and lib.get(sid) and lib.get(sid).reflection and not latest[sid].reflection
    ]
    for sid in missing:
        reflection_box(engine, trainee, latest[sid], lib.get(sid), True)
    st.success("Every scenario is answered. Submit when you are ready: after that your answers cannot change.")
    st.button(
        "Submit assignment", type="primary", key="assignment_submit", disabled=bool(missing),
        on_click=_unless_closed, args=("Your submission", hand_in, engine, trainee.id, submission.id),
        kwargs={"done": "Handed in. Your supervisor can see it now; your answers and the feedback on them are below."},
    )


def show_submission(engine, trainee, assignment, submission) -> None:
    tries = attempts_of(engine, trainee.id, submission_id=submission.id)
    score = own_submission_score(engine, trainee.id, submission.id) or 0.0
    notes = comments_for_trainee(engine, trainee.id)
    with st.container(border=True):
        st.markdown(f"**Attempt {submission.number}**, submitted {local_time(submission.submitted_at, zone(st.context.timezone))}: score **{percent(score)}**")
        for attempt in sorted(tries, key=lambda t: assignment.scenario_ids.index(t.scenario_id) if t.scenario_id in assignment.scenario_ids else 99):
            entry = library().entries.get(attempt.scenario_id)
            same_file = entry is not None and entry.content_hash == attempt.scenario_hash
            with st.expander(plain(attempt.scenario_title)):
                if same_file and entry is not None:
                    st.markdown(plain(entry.scenario.setting))
                for answer in attempt.answers:
                    st.markdown(f"**{plain(answer.judged.prompt)}**")
                    step = next((s for s in entry.scenario.steps if s.id == answer.step_id), None) if same_file and entry else None
                    stored_answer_card(answer, step)
                if attempt.reflection:
                    st.markdown("**Your reflection**")
                    st.text(attempt.reflection)
                for note in notes.get(attempt.id, []):
                    st.info(f"**{plain(note.supervisor)}** commented: {plain(note.text)}")
