"""Supervisor journeys in AppTest, and the access matrix: two supervisors, two trainees, every page."""

import pytest
from apptest_helpers import (
    ROOT,
    answer,
    dialogs,
    downloaded,
    links_shown_once,
    new_supervisor,
    open_app,
    open_as,
    open_supervisor,
    texts,
    two_supervisors_world,
    unescape,
)
from streamlit.testing.v1 import AppTest

from records.assignments import (
    NotYours,
    add_comment,
    assignment_answers,
    assignments_of_cohort,
    counted_aggregates,
    create_assignment,
    hand_in,
    overview,
    start_submission,
    submission_scores,
    trainee_answers,
    trainee_assignment,
)
from records.cohorts import members, reissue_links, revoke_link
from records.progress import NotYours as NotTheTrainees
from records.progress import start_attempt
from services.markup import WORD_JOINER

SUPERVISOR_PAGES = ["views/pages/cohorts.py", "views/pages/assign.py", "views/pages/dashboard.py", "views/pages/author.py", "views/pages/export.py", "views/pages/account.py"]
TRAINEE_PAGES = ["views/pages/my_assignments.py", "views/pages/progress.py", "views/pages/practice.py", "views/pages/home.py"]


def unescaped_everything(at) -> str:
    pieces = [texts(at)]
    pieces += [str(frame.value.to_dict()) for frame in at.dataframe]
    pieces += [str(box.value or "") for box in at.selectbox] + [" ".join(box.options) for box in at.selectbox]
    pieces += [" ".join(map(str, box.value)) for box in at.multiselect] + [" ".join(box.options) for box in at.multiselect]
    pieces += [m.value for m in at.metric] + [e.label for e in at.expander]
    return "\n".join(pieces)


@pytest.fixture
def world():
    """Supervisor A with cohort Alpha (trainee Ana, an assessment), supervisor B with cohort Beta (trainee Ben)."""
    return two_supervisors_world()


def test_a_guest_is_sent_to_the_servers_sign_in_form_in_the_same_tab():
    """The form lives on the app's own server (it sets the session cookie); every way to it opens in this tab."""
    at = open_app()
    links = [e.proto.body for e in at.sidebar if type(e).__name__ == "Html"]
    assert any('href="/auth/sign-in" target="_self"' in body and "Supervisor sign-in" in body for body in links), links


def test_cohort_roster_upload_previews_before_saving(world):
    at = open_supervisor(world["token_a"], "views/pages/cohorts.py")
    roster = b"name,email,id\nCara Cole,cara@alpha.edu,A2\n,nobody@alpha.edu,\nDup,ana@alpha.edu,\n"
    at.file_uploader(key="roster_upload_0").set_value(("roster.csv", roster, "text/csv"))
    at = at.run()
    preview = next(f.value for f in at.dataframe if "status" in f.value.columns)
    assert preview["status"].tolist() == ["accepted", "rejected: missing name", "rejected: duplicate email (already in this file or this cohort)"]
    assert len(members(world["engine"], world["sup_a"].id, world["alpha"].id)) == 1, "nothing is saved before confirming"
    at = at.button(key="roster_confirm").click().run()
    assert [m.name for m in members(world["engine"], world["sup_a"].id, world["alpha"].id)] == ["Ana Alphason", "Cara Cole"]
    issued = links_shown_once(at)
    assert list(issued) == ["Cara Cole"] and issued["Cara Cole"].startswith("http://localhost:8501/?t=")
    # Reported: after the add, the same file was checked again and its trainees listed as "rejected: duplicate".
    assert not any("status" in f.value.columns for f in at.dataframe) and "rejected" not in texts(at)
    assert at.file_uploader(key="roster_upload_1").value is None


def test_a_hostile_roster_header_and_file_name_are_shown_as_text(world):
    tracker = "![p](https://tracker.example/p.png)"
    at = open_supervisor(world["token_a"], "views/pages/cohorts.py")
    at.file_uploader(key="roster_upload_0").set_value((f"{tracker}.csv", f"{tracker},email\nA,a@x.edu\n".encode(), "text/csv"))
    at = at.run()
    (error,) = at.error
    assert tracker not in error.value and unescape(error.value).replace(WORD_JOINER, "").count(tracker) == 2, error.value


def test_bad_roster_files_get_a_message_and_save_nothing(world):
    for name, data in [("wrong.csv", b"first,last\nA,B\n"), ("empty.csv", b""), ("image.csv", b"\x89PNG\x00\x00\x00"), ("huge.csv", b"name,email\n" + b"x" * (10 * 1024 * 1024))]:
        at = open_supervisor(world["token_a"], "views/pages/cohorts.py")
        at.file_uploader(key="roster_upload_0").set_value((name, data, "text/csv"))
        at = at.run()
        assert any(name in unescape(e.value) and "Nothing was saved" in e.value for e in at.error), name
        assert not any(b.key == "roster_confirm" for b in at.button)
    assert len(members(world["engine"], world["sup_a"].id, world["alpha"].id)) == 1


def test_add_one_trainee_and_manage_links(world):
    at = open_supervisor(world["token_a"], "views/pages/cohorts.py")
    at.text_input(key="member_name").input("Dee Delta")
    at.text_input(key="member_email").input("dee@alpha.edu")
    at = next(b for b in at.button if b.label == "Add trainee").click().run()
    assert "Dee Delta added" in texts(at)
    at.text_input(key="member_name").input("Ana Again")
    at.text_input(key="member_email").input("ANA@alpha.edu")
    at = next(b for b in at.button if b.label == "Add trainee").click().run()
    assert any("duplicate email" in e.value for e in at.error)
    at = at.button(key="manage_reissue").click().run()
    assert any(code.value.startswith("http://localhost:8501/?t=") for code in at.code)


def test_new_links_stay_in_view_until_the_supervisor_says_they_have_them(world):
    """Reported: after "Add trainee" the one-time link appeared below the fold, and vanished at the next click."""
    at = open_supervisor(world["token_a"], "views/pages/cohorts.py")
    at.text_input(key="member_name").input("Dee Delta")
    at.text_input(key="member_email").input("dee@alpha.edu")
    at = next(b for b in at.button if b.label == "Add trainee").click().run()
    (window,) = dialogs(at)
    assert window.proto.dialog.title == "Copy this now" and not window.proto.dialog.dismissible
    link = links_shown_once(at)["Dee Delta"]
    at = at.run()  # any later run of the page (in a browser the window is modal, so nothing else can be clicked)
    assert links_shown_once(at) == {"Dee Delta": link}
    at = at.button(key="one_time_done").click().run()
    assert dialogs(at) == [] and link not in str(at._tree)


def test_building_an_assignment(world):
    at = open_supervisor(world["token_a"], "views/pages/assign.py")
    at.text_input(key="assign_search").input("macadamia").run()
    box = at.multiselect(key="assign_chosen")
    at = box.set_value(["gift-from-a-work-trip"]).run()
    assert any("Preview the chosen scenarios" in e.label for e in at.expander)
    at.text_input(key="assign_title").input("Week 4: gifts")
    at.radio(key="assign_mode").set_value("assessment")
    at = next(b for b in at.button if b.label == "Create assignment").click().run()
    assert "“Week 4: gifts” is assigned" in texts(at)
    made = assignments_of_cohort(world["engine"], world["sup_a"].id, world["alpha"].id)[-1]
    assert (made.title, made.mode, made.scenario_ids) == ("Week 4: gifts", "assessment", ("gift-from-a-work-trip",))
    assignment, subs = trainee_assignment(world["engine"], world["ana"].id, made.id)
    assert assignment.id == made.id and subs == []


def test_the_assign_and_export_search_boxes_are_limited(world):
    """Issue 21, finding 6: the same limit as Practice's search, and the same word when a longer search is sent anyway."""
    for page, key in (("views/pages/assign.py", "assign_search"), ("views/pages/export.py", "export_search")):
        at = open_supervisor(world["token_a"], page)
        assert at.text_input(key=key).max_chars == 200, page
        at.text_input(key=key).set_value("macadamia " * 13).run()
        assert "A search reads at most 12 words" in texts(at), page


def work(at, option_texts):
    for text in option_texts:
        at = answer(at, text)
    return at


def test_an_assessment_reveals_nothing_until_submitted(world):
    at = open_as(world["ana_token"], "views/pages/my_assignments.py")
    assert "Alpha assessment" in unescaped_everything(at)
    at = at.button(key="assignments_open").click().run()
    at = at.button(key="assignment_start").click().run()
    at = answer(at, "Laugh and say")  # a poor answer
    page = texts(at)
    for giveaway in ("Weak response", "no credit", "Strongest response", "undermines", "The strongest response"):
        assert giveaway not in page
    again = open_as(world["ana_token"], "views/pages/my_assignments.py")  # a reload
    again = again.button(key="assignments_open").click().run()
    assert "Weak response" not in texts(again) and again.radio, "resumes at the next step without revealing"
    practice = open_as(world["ana_token"], "views/pages/practice.py")
    options = practice.selectbox(key="practice_pick").options
    assert not any(o.startswith(("A souvenir from the islands", "The photo on your phone")) for o in options)
    progress = open_as(world["ana_token"], "views/pages/progress.py")
    assert "Weak response" not in texts(progress) and "A souvenir from the islands" not in unescaped_everything(progress)


def test_full_assessment_then_dashboard_comment_and_agenda(world):
    engine, sup_a = world["engine"], world["sup_a"]
    at = open_as(world["ana_token"], "views/pages/my_assignments.py").button(key="assignments_open").click().run()
    at = at.button(key="assignment_start").click().run()
    at = answer(at, "Laugh and say")
    assert at.get("progress")[0].proto.text == "0 of 2 scenarios done"
    at = answer(at, "Smile again")
    # Reported: the line still said "0 of 3" with every step of the scenario answered, until "Next scenario".
    assert at.get("progress")[0].proto.text == "1 of 2 scenarios done"
    at = at.button(key="assignment_next").click().run()
    while at.radio and any(b.label == "Submit answer" for b in at.button):
        at = answer(at, at.radio[0].options[0].replace("\\", ""))
    if any(b.key == "assignment_next" for b in at.button):
        at = at.button(key="assignment_next").click().run()
    assert "Every scenario is answered" in texts(at)
    at = at.button(key="assignment_submit").click().run()
    assert not at.exception
    assert "Handed in. Your supervisor can see it now" in texts(at), "reported: handing in said nothing"
    assert "Weak response" in texts(at), "ratings appear once the set is submitted"
    shown = texts(at)
    assert "The strongest response:** Smile and say" in shown or "The strongest response: Smile and say" in shown, "the review teaches the strongest response"
    assert "Marcus, 41, an accountant" in shown, "the review shows the setting"

    dash = open_supervisor(world["token_a"], "views/pages/dashboard.py")
    assert not dash.exception
    scores = next(f.value for f in dash.dataframe if "score (%)" in f.value.columns)
    assert scores.set_index("trainee").loc["Ana Alphason", "status"] == "submitted"
    items = next(f.value for f in dash.dataframe if "tells strong from weak" in getattr(f.value, "columns", []))
    assert not {"facility", "discrimination", "sd"} & set(items.columns), "reported: statistics jargon for a non-technical supervisor"
    assert "A souvenir from the islands" in items["scenario"].tolist() and not {"scenario_id", "step_id"} & set(items.columns)
    assert items["note"].str.startswith("only 1 answer").all(), "one trainee's answers are marked as too few to read"
    assert (items["worth a look"] == "").all(), "reported: 'too easy' or 'too hard' judged on one answer"
    shown = [str(v) for f in dash.dataframe for column in f.value.columns for v in f.value[column]]
    assert "None" not in shown and "nan" not in shown, "reported: a missing figure read 'None'"
    chosen = next(f.value for f in dash.dataframe if "response" in getattr(f.value, "columns", []))
    assert any(text.startswith("Laugh and say") for text in chosen["response"]), "responses in their own words, not ids"
    assert "Supervision agenda for Ana Alphason" in [e.label for e in dash.expander]
    assert dash.get("arrow_vega_lite_chart") or dash.get("vega_lite_chart")
    attempt_id = trainee_answers(engine, sup_a.id, world["assessment"].id, world["ana"].id)[0].attempt_id
    dash.text_area(key=f"comment_text_{attempt_id}").input("Let's talk about the first answer.")
    dash = next(b for b in dash.button if b.label == "Save comment").click().run()
    assert "Comment saved" in texts(dash)
    assert "Let's talk about the first answer." in [t.value for t in dash.text], "the saved comment is listed at once, not only after leaving"
    mine = open_as(world["ana_token"], "views/pages/my_assignments.py")
    assert "Let's talk about the first answer." in "\n".join(t.value for t in mine.text)


def test_access_matrix_nothing_leaks_between_supervisors_or_trainees(world):
    alpha_secrets = ["Cohort Alpha", "Ana Alphason", "ana@alpha.edu", "Alpha assessment"]
    beta_secrets = ["Cohort Beta", "Ben Betason", "ben@beta.edu", "Beta practice"]
    for page in SUPERVISOR_PAGES:
        seen_by_b = unescaped_everything(open_supervisor(world["token_b"], page))
        seen_by_a = unescaped_everything(open_supervisor(world["token_a"], page))
        assert not [s for s in alpha_secrets if s in seen_by_b], page
        assert not [s for s in beta_secrets if s in seen_by_a], page
    assert "Cohort Alpha" in unescaped_everything(open_supervisor(world["token_a"], "views/pages/cohorts.py")), "the check can fail"
    for page in TRAINEE_PAGES:
        seen_by_ben = unescaped_everything(open_as(world["ben_token"], page))
        assert not [s for s in alpha_secrets if s in seen_by_ben], page
    assert "Alpha assessment" in unescaped_everything(open_as(world["ana_token"], "views/pages/my_assignments.py"))


def test_supervisor_pages_refuse_guests_and_trainees_even_when_run_directly(world):
    for page in SUPERVISOR_PAGES:
        direct = AppTest.from_file(str(ROOT / page), default_timeout=30).run()
        assert "This page is for supervisors" in texts(direct) and not direct.dataframe


def test_records_refuse_cross_access(world):
    engine, sup_b, ana = world["engine"], world["sup_b"], world["ana"]
    with pytest.raises(NotYours):
        members(engine, sup_b.id, world["alpha"].id)
    with pytest.raises(NotYours):
        overview(engine, sup_b.id, world["assessment"].id)
    with pytest.raises(NotYours):
        submission_scores(engine, sup_b.id, world["assessment"].id)
    with pytest.raises(NotYours):
        counted_aggregates(engine, sup_b.id, world["assessment"].id, [1])
    with pytest.raises(NotYours):
        assignment_answers(engine, sup_b.id, world["assessment"].id)
    with pytest.raises(NotYours):
        trainee_answers(engine, sup_b.id, world["assessment"].id, ana.id)
    with pytest.raises(NotYours):
        revoke_link(engine, sup_b.id, ana.id)
    with pytest.raises(NotYours):
        reissue_links(engine, sup_b.id, [ana.id])
    with pytest.raises(NotYours):
        create_assignment(engine, sup_b.id, world["beta"].id, title="x", scenario_ids=["do-you-have-kids"], trainee_ids=[ana.id])
    submission = start_submission(engine, ana.id, world["assessment"].id)
    attempt = start_attempt(engine, ana.id, "gift-from-a-work-trip", "h" * 64, "Gift", submission_id=submission.id)
    with pytest.raises(NotYours):
        add_comment(engine, sup_b.id, attempt, "not my trainee")
    with pytest.raises(NotTheTrainees):
        start_attempt(engine, world["ben"].id, "gift-from-a-work-trip", "h" * 64, "Gift", submission_id=submission.id)
    with pytest.raises(NotTheTrainees):
        hand_in(engine, world["ben"].id, submission.id)
    with pytest.raises(NotTheTrainees):
        trainee_assignment(engine, world["ben"].id, world["assessment"].id)


def test_an_assignment_for_chosen_trainees_reaches_only_them(world):
    """The trainee picker holds ids and shows names: the chosen trainee gets the assignment, the other does not."""
    from records.cohorts import add_members
    from records.roster import check_row

    ((cara, _),) = add_members(world["engine"], world["sup_a"].id, world["alpha"].id, [check_row(1, "Cara Cole", "cara@alpha.edu", "", set())])
    at = open_supervisor(world["token_a"], "views/pages/assign.py")
    at = at.multiselect(key="assign_chosen").set_value(["the-poodle-photo"]).run()
    assert not any(m.key == "assign_who" for m in at.multiselect), "reported: the trainee list showed for the whole cohort too"
    at = at.radio(key="assign_to").set_value("chosen").run()
    who = at.multiselect(key="assign_who")
    assert "Cara Cole" in who.options and "Ana Alphason" in who.options, "names are shown, not ids"
    at.text_input(key="assign_title").input("Only Cara")
    who.set_value([cara.id])
    at = next(b for b in at.button if b.label == "Create assignment").click().run()
    assert not at.exception and "“Only Cara” is assigned" in texts(at)
    made = assignments_of_cohort(world["engine"], world["sup_a"].id, world["alpha"].id)[-1]
    assert trainee_assignment(world["engine"], cara.id, made.id)[0].id == made.id
    with pytest.raises(NotTheTrainees):
        trainee_assignment(world["engine"], world["ana"].id, made.id)


def test_a_guest_cannot_practise_an_open_assessment(world):
    """Reported: without the link, a trainee could practise the assessment's scenarios with full feedback."""
    from datetime import UTC, datetime, timedelta

    from records.assignments import open_assessment_scenario_ids

    held = set(world["assessment"].scenario_ids)
    guest = open_app("views/pages/practice.py")
    titles = guest.selectbox(key="practice_pick").options
    assert "gift-from-a-work-trip" in held and not any(t.startswith("A souvenir from the islands") for t in titles)
    assert any("held back while an assessment that uses them is open" in c.value for c in guest.caption)
    assert open_assessment_scenario_ids(world["engine"], datetime.now(UTC) + timedelta(days=3650)) == held, "no due date: open until handed in"

    at = open_as(world["ana_token"], "views/pages/my_assignments.py")
    at = at.button(key="assignments_open").click().run().button(key="assignment_start").click().run()
    while at.radio:
        at = answer(at, at.radio[0].options[0].replace("\\", ""))
        for key in ("assignment_continue", "assignment_next"):
            if any(b.key == key for b in at.button):
                at = at.button(key=key).click().run()
    at = at.button(key="assignment_submit").click().run()
    assert not held & open_assessment_scenario_ids(world["engine"]), "once everyone it is for has handed it in, it is practice again"
    again = open_app("views/pages/practice.py")
    assert any(t.startswith("A souvenir from the islands") for t in again.selectbox(key="practice_pick").options)


def test_the_empty_cohorts_page_does_not_send_you_to_itself():
    """Reported: with no cohort yet, the Cohorts page told the supervisor to go to the Cohorts page."""
    _, token = new_supervisor("Dr. New")
    at = open_supervisor(token, "views/pages/cohorts.py")
    shown = texts(at)
    assert "Create one on the Cohorts and links page" not in shown
    assert "Create your first one above" in shown and at.expander[0].proto.expanded


def test_the_links_of_a_new_trainee_download_with_their_email(world, media):
    """Reported: the links CSV had an empty email column and was called links-1.csv."""
    at = open_supervisor(world["token_a"], "views/pages/cohorts.py")
    at.text_input(key="member_name").input("Dee Delta")
    at.text_input(key="member_email").input("dee@alpha.edu")
    at = next(b for b in at.button if b.label == "Add trainee").click().run()
    file = downloaded(at, media, "Download these links (CSV)")
    assert file.filename == "links-cohort-alpha.csv"
    rows = bytes(file.content).decode().splitlines()
    assert rows[0] == "name,email,link" and rows[1].startswith("Dee Delta,dee@alpha.edu,http")


def test_create_assignment_clicked_twice_makes_one_assignment(world):
    """Reported: the form keeps its values, so a second click made an exact duplicate trainees saw twice."""
    at = open_supervisor(world["token_a"], "views/pages/assign.py")
    before = len(assignments_of_cohort(world["engine"], world["sup_a"].id, world["alpha"].id))
    at = at.multiselect(key="assign_chosen").set_value(["the-poodle-photo"]).run()
    at.text_input(key="assign_title").input("Week 5")
    at.toggle(key="assign_reflections").set_value(True)
    at = next(b for b in at.button if b.label == "Create assignment").click().run()
    assert "“Week 5” is assigned" in texts(at)
    assert at.text_input(key="assign_title").value == "" and at.toggle(key="assign_reflections").value is False
    # The form empties after a success, so a later click makes nothing. A click that reaches the server before
    # the page is drawn again still carries the values: that one is refused as a duplicate.
    at = next(b for b in at.button if b.label == "Create assignment").click().run()
    assert "Not created: an assignment needs a title" in texts(at)
    assert len(assignments_of_cohort(world["engine"], world["sup_a"].id, world["alpha"].id)) == before + 1
    at = at.multiselect(key="assign_chosen").set_value(["the-poodle-photo"]).run()
    at.text_input(key="assign_title").input("Week 5")
    at = next(b for b in at.button if b.label == "Create assignment").click().run()
    assert "“Week 5” with these scenarios was created a moment ago; it was not created twice" in texts(at), "the title as typed, not lower-cased"
    assert len(assignments_of_cohort(world["engine"], world["sup_a"].id, world["alpha"].id)) == before + 1


def test_adding_a_trainee_updates_the_heading_and_a_refusal_keeps_what_was_typed(world):
    """Reported: the "N trainee(s)" heading went stale after adding, and a failed add cleared the form."""
    at = open_supervisor(world["token_a"], "views/pages/cohorts.py")
    assert "1 trainee" in [h.value for h in at.header]
    at.text_input(key="member_name").input("Dee Delta")
    at.text_input(key="member_email").input("dee@alpha.edu")
    at = next(b for b in at.button if b.label == "Add trainee").click().run()
    assert "2 trainees" in [h.value for h in at.header] and "Dee Delta added" in texts(at)
    assert at.text_input(key="member_name").value == "", "a trainee added leaves an empty form for the next"
    at.text_input(key="member_name").input("Ana Again")
    at.text_input(key="member_email").input("ANA@alpha.edu")
    at = next(b for b in at.button if b.label == "Add trainee").click().run()
    assert "duplicate email" in texts(at) and "2 trainees" in [h.value for h in at.header]
    assert at.text_input(key="member_name").value == "Ana Again", "a refused row keeps what was typed"


def test_a_roster_added_is_counted_at_once_and_the_form_empties_after_an_assignment_is_made(world):
    """Walked as a new user: after adding a roster the heading still said '1 trainee(s)' until a reload; after
    'Create assignment' the form kept its values, inviting a second click."""
    at = open_supervisor(world["token_a"], "views/pages/cohorts.py")
    at.file_uploader(key="roster_upload_0").set_value(("roster.csv", b"name,email\nCara Cole,cara@alpha.edu\n", "text/csv"))
    at = at.run().button(key="roster_confirm").click().run()
    assert [h.value for h in at.header if "trainee" in h.value] == ["2 trainees"]
    assert "1 trainee added" in texts(at) and not any(b.key == "roster_confirm" for b in at.button), "no second add offered"

    at = open_supervisor(world["token_a"], "views/pages/assign.py")
    at = at.multiselect(key="assign_chosen").set_value(["the-poodle-photo"]).run()
    at.text_input(key="assign_title").input("Week 7")
    at = next(b for b in at.button if b.label == "Create assignment").click().run()
    assert "“Week 7” is assigned" in texts(at)
    assert at.text_input(key="assign_title").value == "" and at.multiselect(key="assign_chosen").value == []


def test_dashboard_downloads_are_named_after_the_cohort_and_assignment(world, media):
    """Walked as a new user: the files were gradebook-1.csv and answers-1.csv."""
    at = open_supervisor(world["token_a"], "views/pages/dashboard.py")
    assert downloaded(at, media, "Gradebook CSV (Canvas layout)").filename == "gradebook-cohort-alpha.csv"
    assert downloaded(at, media, "All answers of this assignment (CSV)").filename == "answers-alpha-assessment.csv"


def test_the_dashboard_opens_on_the_assignment_last_handed_in(world):
    """Reported: it opened on the newest assignment (empty), so two fresh submissions looked lost."""
    engine = world["engine"]
    submission = start_submission(engine, world["ana"].id, world["assessment"].id)
    hand_in(engine, world["ana"].id, submission.id)
    create_assignment(engine, world["sup_a"].id, world["alpha"].id, title="Extra for Ana", scenario_ids=["the-poodle-photo"], mode="practice")
    dash = open_supervisor(world["token_a"], "views/pages/dashboard.py")
    assert dash.selectbox(key="dashboard_assignment").value == world["assessment"].id
