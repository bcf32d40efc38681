"""Trainees with a personal link: answers saved as given, resumed in a new session, shown in My progress."""

import pytest
from apptest_helpers import answer, app_engine, open_as, start_scenario, step_prompt, tab_of, texts, unescape

from records.progress import attempts_of
from records.trainees import add_trainee, revoke


@pytest.fixture
def trainee():
    engine = app_engine()
    person, token = add_trainee(engine, "Ana Lima")
    return engine, person, token


def test_a_guest_is_told_answers_are_not_kept():
    at = open_as(None, "views/pages/practice.py")
    assert "answers are not kept" in texts(at)
    at = open_as(None, "views/pages/progress.py")
    assert "personal link" in texts(at) and not at.exception


def test_every_answer_is_saved_the_moment_it_is_submitted(trainee):
    engine, person, token = trainee
    at = start_scenario(open_as(token, "views/pages/practice.py"), "gift-from-a-work-trip")
    assert "Ana Lima" in " ".join(m.value for m in at.sidebar.markdown)
    at.radio[1].set_value("high")
    at = answer(at, "Laugh and say")
    (attempt,) = attempts_of(engine, person.id)
    assert [(a.step_id, a.option_id, a.rating, a.confidence) for a in attempt.answers] == [("offer", "surprise-me", "poor", "high")]
    assert attempt.answers[0].judged.effects["for_the_client"][0] == "undermines"
    assert attempt.finished_at is None


def test_a_new_session_resumes_at_the_same_step(trainee):
    _, _, token = trainee
    at = start_scenario(open_as(token, "views/pages/practice.py"), "gift-from-a-work-trip")
    answer(at, "Smile and say")
    again = open_as(token, "views/pages/practice.py")  # a reload, a closed tab or a restarted server
    assert again.title[0].value == "A souvenir from the islands"
    assert "macadamia" in step_prompt(again)
    assert "Step 1:" in again.expander[0].label  # the earlier answer is shown, intact


def test_a_step_answered_in_two_windows_keeps_the_first_answer_and_shows_no_other(trainee):
    engine, person, token = trainee
    first = start_scenario(open_as(token, "views/pages/practice.py"), "gift-from-a-work-trip")
    second = open_as(token, "views/pages/practice.py")  # the same attempt, resumed in another tab
    answer(first, "Smile and say")
    second = answer(second, "Laugh and say")
    (attempt,) = attempts_of(engine, person.id)
    assert [a.option_id for a in attempt.answers] == ["warm-decline"]
    assert "already answered in another window" in texts(second)
    assert not any("Weak response" in w.value for w in second.warning), "feedback for an answer that was not saved"
    assert not any("Laugh" in e.label for e in second.expander) and any("Smile and say" in e.label for e in second.expander)
    assert "macadamia" in step_prompt(second), "the second window goes on from the saved answer"


def test_finishing_saves_the_attempt_and_a_reflection(trainee):
    engine, person, token = trainee
    at = start_scenario(open_as(token, "views/pages/practice.py"), "gift-from-a-work-trip")
    for option in ("Smile and say", "Smile again"):
        at = answer(at, option).button(key="practice_continue").click().run()
    save = at.button(key="practice_reflection_save")
    assert not save.disabled, "enabled while the box is still being typed in: one click saves"
    at = save.click().run()
    assert "Write your reflection first, then save it." in texts(at)
    at.text_area[0].input("Thank you, truly, but no gift is needed.").run()
    at = at.button(key="practice_reflection_save").click().run()
    assert "Reflection saved" in texts(at)
    (attempt,) = attempts_of(engine, person.id)
    assert attempt.finished_at is not None and attempt.reflection == "Thank you, truly, but no gift is needed."
    assert open_as(token, "views/pages/practice.py").title[0].value == "Practice", "a finished attempt is not resumed"


def test_my_progress_shows_profile_calibration_and_what_to_retry(trainee):
    _, _, token = trainee
    at = start_scenario(open_as(token, "views/pages/practice.py"), "gift-from-a-work-trip")
    at.radio[1].set_value("high")
    at = answer(at, "Laugh and say").button(key="practice_continue").click().run()
    at = answer(at, "Smile again").button(key="practice_continue").click().run()
    at = open_as(token, "views/pages/progress.py")
    assert not at.exception
    assert [m.value for m in at.metric] == ["1", "2", "1 of 2"]
    tables = [frame.value for frame in at.dataframe]
    profile = next(t for t in tables if "upheld rate" in t.columns).set_index("part")
    assert profile.loc["For the client", "at stake"] == 2 and profile.loc["For the client", "upheld"] == 1
    calibration = next(t for t in tables if "confidence" in t.columns)
    assert calibration.iloc[0].tolist() == ["All parts", "high", 1, 0.0]
    # Reported at 390 px: the six-column history table needed a sideways scroll. It is a list now, in words.
    assert "**A souvenir from the islands** · finished · 2 answers · credit 1 of 2" in unescape(next(m.value for m in at.markdown if "answers · credit" in m.value))
    assert not any("credit" in t.columns for t in tables)
    assert "Your weakest part so far is **For the client**" in texts(at)
    assert "A souvenir from the islands" in at.selectbox(key="progress_missed").options
    at = at.button(key="progress_retry").click().run()
    assert not at.exception and tab_of(at).learner.run.scenario_id == "gift-from-a-work-trip"


def test_practise_the_weakest_part_starts_a_scenario_from_it(trainee):
    _, _, token = trainee
    at = start_scenario(open_as(token, "views/pages/practice.py"), "gift-from-a-work-trip")
    at = answer(at, "Laugh and say").button(key="practice_continue").click().run()
    at = open_as(token, "views/pages/progress.py").button(key="progress_weakest").click().run()
    run = tab_of(at).learner.run
    from views.parts.common import library

    assert "for_the_client" in library().get(run.scenario_id).parts


def test_a_revoked_or_made_up_link_never_shows_anyones_data(trainee):
    engine, person, token = trainee
    start_scenario(open_as(token, "views/pages/practice.py"), "gift-from-a-work-trip")
    for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), "1", "../" * 5, "x" * 500):
        at = open_as(bad, "views/pages/progress.py")
        assert "not valid" in texts(at) and "Ana Lima" not in texts(at)
    revoke(engine, person.id)
    at = open_as(token, "views/pages/progress.py")
    assert "not valid" in texts(at) and "Ana Lima" not in texts(at) and not at.metric


def test_home_offers_to_continue_an_unfinished_scenario(trainee):
    _, _, token = trainee
    answer(start_scenario(open_as(token, "views/pages/practice.py"), "gift-from-a-work-trip"), "Smile and say")
    at = open_as(token)
    assert "You were in the middle of “A souvenir from the islands”" in unescape(texts(at))
    at = at.button(key="home_continue").click().run()  # reported: it led to the list, under the introduction
    assert at.title[0].value == "A souvenir from the islands"


def test_a_database_failure_on_submit_is_said_in_words_and_loses_nothing(trainee, monkeypatch):
    from sqlalchemy.exc import OperationalError

    import records.progress

    engine, person, token = trainee
    at = start_scenario(open_as(token, "views/pages/practice.py"), "gift-from-a-work-trip")
    at = answer(at, "Smile and say").button(key="practice_continue").click().run()

    def broken(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(records.progress, "save_answer", broken)
    at = answer(at, "Smile again")
    assert not at.exception
    assert any("could not be saved" in e.value and "Everything saved before is safe" in e.value for e in at.error)
    assert "macadamia" in step_prompt(at), "the trainee stays on the step, free to try again"
    monkeypatch.undo()
    at = answer(at, "Smile again")
    assert [a.step_id for a in attempts_of(engine, person.id)[0].answers] == ["offer", "he-insists"]


def test_starting_a_half_done_scenario_goes_on_from_where_it_was(trainee):
    """Reported: "Start" on a scenario in progress began it again at step 1 and left a second, stranded attempt."""
    _, trainee_row, token = trainee
    at = start_scenario(open_as(token, "views/pages/practice.py"), "gift-from-a-work-trip")
    at = answer(at, "Laugh and say").button(key="practice_continue").click().run()
    at = next(b for b in at.button if b.label == "Back to the list").click().run()
    at = start_scenario(at, "gift-from-a-work-trip")
    assert "You had answered 1 step of this scenario" in texts(at)
    engine = app_engine()
    mine = [a for a in attempts_of(engine, trainee_row.id) if a.scenario_id == "gift-from-a-work-trip"]
    assert len(mine) == 1 and len(mine[0].answers) == 1
