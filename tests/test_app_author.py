"""The Author page: check, preview and save scenarios; bad uploads get messages and save nothing."""

import os
from pathlib import Path

import pytest
from apptest_helpers import app_engine, new_supervisor, open_supervisor, texts, unescape, value_labelled
from malformed import GOOD
from sqlalchemy import String, cast, delete

from records.cohorts import create_cohort
from records.db import writing
from records.tables import assignments, authored_scenarios
from scenarios.authoring import TEMPLATE
from scenarios.load import load_bytes
from services.markup import WORD_JOINER
from views.parts.common import library_changed

AUTHORED = Path(os.environ["PRACTICUM_AUTHOR_DIR"])
MINE = TEMPLATE.read_text(encoding="utf-8").replace("id: my-first-scenario", "id: waiting-room-phone-call").replace(
    "title: A short title trainees see", "title: A call in the waiting room"
)


@pytest.fixture
def author():
    for leftover in AUTHORED.glob("*.yaml") if AUTHORED.exists() else []:
        leftover.unlink()
    with writing(app_engine()) as connection:  # the files are gone, so are their owners and earlier tests' assignments of them
        connection.execute(delete(authored_scenarios))
        connection.execute(delete(assignments).where(cast(assignments.c.scenario_ids, String).like("%waiting-room-phone-call%")))
    library_changed()
    supervisor, token = new_supervisor("Dr. Author")
    create_cohort(app_engine(), supervisor.id, "Authors' cohort")
    return token


def problems_shown(at) -> str:
    return unescape("\n".join(m.value for m in at.markdown) + "\n".join(e.value for e in at.error) + "\n".join(i.value for i in at.info))


def test_paste_check_preview_and_save(author):
    at = open_supervisor(author, "views/pages/author.py")
    at.text_area(key="author_paste").input(MINE)
    at = at.button(key="author_check").click().run()
    assert any("Valid: “A call in the waiting room”" in s.value for s in at.success)
    walk = at.radio[0]
    pasted = load_bytes(MINE.encode(), "mine.yaml")[0].scenario
    pasted_ids = [o.id for step in pasted.steps for o in step.options]
    at = walk.set_value(value_labelled(walk, unescape(walk.options[0]), pasted_ids)).run()
    assert "Against the five parts" in texts(at), "the preview explains a choice like the trainer does"
    at = at.button(key="author_save_0").click().run()
    assert any("Saved as waiting-room-phone-call.yaml" in unescape(s.value) for s in at.success)
    assert (AUTHORED / "waiting-room-phone-call.yaml").read_text(encoding="utf-8") == MINE

    builder = open_supervisor(author, "views/pages/assign.py")
    chosen = builder.multiselect(key="assign_chosen")
    assert any(o.startswith("A call in the waiting room") for o in chosen.options), "assignable like a built-in one"


def test_saving_again_needs_confirmation_and_says_where_it_is_used(author):
    at = open_supervisor(author, "views/pages/author.py")
    at.text_area(key="author_paste").input(MINE)
    at = at.button(key="author_check").click().run()
    at = at.button(key="author_save_0").click().run()
    at = open_supervisor(author, "views/pages/author.py")
    at.text_area(key="author_paste").input(MINE.replace("A call in the waiting room", "A call, revised"))
    at = at.button(key="author_check").click().run()
    assert any("already has the id 'waiting-room-phone-call'" in w.value for w in at.warning)
    assert at.button(key="author_save_0").disabled
    at = at.checkbox(key="author_replace_0").check().run()
    at = at.button(key="author_save_0").click().run()
    assert "A call, revised" in (AUTHORED / "waiting-room-phone-call.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("notes.yaml", b"\x89PNG\r\n\x1a\n\x00\x00", "binary data"),
        ("list.yaml", b"- a\n- b\n", "holds a list"),
        ("big.yaml", b"id: big\nsetting: |\n" + b"  words words words\n" * 20000, "the limit is 256 KB"),
        ("../../etc/evil.yaml", GOOD.encode(), "a built-in scenario's id"),
    ],
)
def test_bad_uploads_are_explained_and_nothing_is_saved(author, name, data, words):
    at = open_supervisor(author, "views/pages/author.py")
    at.file_uploader(key="author_upload").set_value((name, data, "application/x-yaml"))
    at = at.run()
    assert words in problems_shown(at), problems_shown(at)[:500]
    if ".." in name:
        assert "file name contains folders or '..'" in problems_shown(at)
    assert not any(b.key and b.key.startswith("author_save") for b in at.button)
    assert not list(AUTHORED.glob("*.yaml")) if AUTHORED.exists() else True


def test_too_many_files_at_once(author):
    at = open_supervisor(author, "views/pages/author.py")
    at.file_uploader(key="author_upload").set_value([(f"s{i}.yaml", b"id: x\n", "application/x-yaml") for i in range(25)])
    at = at.run()
    assert any("check at most 20 at a time" in e.value for e in at.error)


def test_the_coverage_heatmap_is_shown(author):
    at = open_supervisor(author, "views/pages/author.py")
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    assert "scenarios (built-in and your own)" in texts(at)


def test_revising_a_scenario_mid_assignment_restarts_it_and_keeps_the_old_answers(author):
    from apptest_helpers import answer, open_as

    from records.assignments import assignment_answers, create_assignment
    from records.cohorts import add_members, cohorts_of
    from records.progress import attempts_of
    from records.roster import check_row
    from records.supervisors import session_supervisor
    from scoring.results import answers_frame

    engine = app_engine()
    supervisor = session_supervisor(engine, author)
    (AUTHORED).mkdir(parents=True, exist_ok=True)
    (AUTHORED / "waiting-room-phone-call.yaml").write_text(MINE, encoding="utf-8")
    library_changed()  # files edited outside the app are noticed within a second; a test need not wait
    cohort = cohorts_of(engine, supervisor.id)[0]
    ((trainee, token),) = add_members(engine, supervisor.id, cohort.id, [check_row(1, "Rae Revised", "rae@uni.edu", "", set())])
    made = create_assignment(engine, supervisor.id, cohort.id, title="Revisions", scenario_ids=["waiting-room-phone-call"], mode="practice")

    at = open_as(token, "views/pages/my_assignments.py").button(key="assignments_open").click().run()
    at = at.button(key="assignment_start").click().run()
    at = answer(at, "A well-meant response")
    assert [a.option_id for a in attempts_of(engine, trainee.id)[0].answers] == ["tempting"]

    revised = MINE.replace("id: tempting", "id: tempting-rewritten")
    (AUTHORED / "waiting-room-phone-call.yaml").write_text(revised, encoding="utf-8")
    library_changed()
    at = open_as(token, "views/pages/my_assignments.py").button(key="assignments_open").click().run()
    assert any("was revised since you began it" in i.value for i in at.info)
    assert not at.exception
    tries = attempts_of(engine, trainee.id, submission_id=None)
    assert any(a.answers and a.answers[0].option_id == "tempting" for a in tries), "the old answer is kept"
    assert len([a for a in tries if a.scenario_id == "waiting-room-phone-call"]) == 2
    at = answer(at, "A well-meant response")
    columns = assignment_answers(engine, supervisor.id, made.id)
    assert sorted(columns["option_id"]) == ["tempting", "tempting-rewritten"], "both answers are kept"
    newest = answers_frame(columns)
    assert newest["option_id"].tolist() == ["tempting-rewritten"], "only the restarted attempt counts"


def raw_markdown(at) -> str:
    """Every markdown source the page sends, before rendering: an unescaped image here would be fetched."""
    kinds = ("title", "header", "subheader", "markdown", "caption", "success", "info", "warning", "error")
    return "\n".join(str(e.value) for kind in kinds for e in getattr(at, kind))


def test_a_hostile_file_name_and_field_name_are_shown_as_text(author):
    tracker = "![p](https://tracker.example/p.png)"
    at = open_supervisor(author, "views/pages/author.py")
    data = (MINE + f'"{tracker}": 1\n').encode()
    at.file_uploader(key="author_upload").set_value((f"{tracker}.yaml", data, "application/x-yaml"))
    at = at.run()
    assert tracker not in raw_markdown(at)
    assert f"{tracker}.yaml" in texts(at).replace(WORD_JOINER, ""), "the file name is still shown, as text"
    assert tracker in problems_shown(at).replace(WORD_JOINER, ""), "the unknown field is still named, as text"


def _cohort_with_a_trainee(engine, supervisor_id: int, title: str):
    import secrets

    from records.cohorts import add_members
    from records.roster import check_row

    cohort = create_cohort(engine, supervisor_id, title)
    add_members(engine, supervisor_id, cohort.id, [check_row(1, "Tia Trainee", f"tia-{secrets.token_hex(3)}@uni.edu", "", set())])
    return cohort


def _paste(token: str, yaml_text: str):
    at = open_supervisor(token, "views/pages/author.py")
    at.text_area(key="author_paste").input(yaml_text)
    return at.button(key="author_check").click().run()


def _saved_by(token: str, yaml_text: str = MINE):
    at = _paste(token, yaml_text).button(key="author_save_0").click().run()
    assert any("Saved as waiting-room-phone-call.yaml" in unescape(s.value) for s in at.success), texts(at)[:400]


def test_another_supervisor_cannot_replace_your_scenario(author):
    _saved_by(author)
    _, rival = new_supervisor("Dr. Rival", "rival@example.edu")
    at = _paste(rival, MINE.replace("A call in the waiting room", "A call, with the answer key flipped"))
    refusal = " ".join(e.value for e in at.error)
    assert "'waiting-room-phone-call' is not yours" in unescape(refusal) and "give it a new id (for example 'waiting-room-phone-call-v2')" in unescape(refusal)
    assert "@example.edu" not in texts(at) and "Dr. Author" not in texts(at), "the owner is not named"
    assert not any(b.key == "author_save_0" for b in at.button) and not any(c.key == "author_replace_0" for c in at.checkbox)
    assert (AUTHORED / "waiting-room-phone-call.yaml").read_text(encoding="utf-8") == MINE


def test_the_owner_replacing_a_scenario_another_supervisor_assigned_saves_a_new_version(author):
    from records.assignments import create_assignment, supervisor_assignment

    engine = app_engine()
    _saved_by(author)
    rival, _ = new_supervisor("Dr. Rival")
    their_cohort = _cohort_with_a_trainee(engine, rival.id, "Rival cohort")
    theirs = create_assignment(engine, rival.id, their_cohort.id, title="Their test", scenario_ids=["waiting-room-phone-call"], mode="assessment")
    revised = MINE.replace("A call in the waiting room", "A call, revised")
    at = _paste(author, revised)
    assert any("yours will be saved as a new scenario, 'waiting-room-phone-call-v2'" in w.value for w in at.warning)
    at = at.checkbox(key="author_replace_0").check().run()
    at = at.button(key="author_save_0").click().run()
    said = " ".join(unescape(s.value) for s in at.success)
    assert "Saved as waiting-room-phone-call-v2.yaml, a new scenario with the id 'waiting-room-phone-call-v2'" in said, said
    assert "'waiting-room-phone-call' was not changed, because other supervisors' assignments use it" in said
    assert (AUTHORED / "waiting-room-phone-call.yaml").read_text(encoding="utf-8") == MINE, "what they assigned is unchanged"
    version, problems, _ = load_bytes((AUTHORED / "waiting-room-phone-call-v2.yaml").read_bytes(), "v2.yaml")
    assert not problems and version.scenario.id == "waiting-room-phone-call-v2" and version.scenario.title == "A call, revised"
    assert supervisor_assignment(engine, rival.id, theirs.id).scenario_ids == ("waiting-room-phone-call",)
    library_changed()
    builder = open_supervisor(author, "views/pages/assign.py")
    assert any(o.startswith("A call, revised") for o in builder.multiselect(key="assign_chosen").options), "the new version can be assigned"


def test_the_owner_may_replace_a_scenario_only_their_own_assignments_use_and_is_told_they_change(author):
    from records.assignments import create_assignment
    from records.supervisors import session_supervisor

    engine = app_engine()
    _saved_by(author)
    me = session_supervisor(engine, author)
    create_assignment(engine, me.id, _cohort_with_a_trainee(engine, me.id, "Mine").id, title="My week 3", scenario_ids=["waiting-room-phone-call"], mode="practice")
    at = _paste(author, MINE.replace("A call in the waiting room", "A call, revised"))
    assert any("used by your assignment(s): My week 3. Replacing it changes those assignments" in w.value for w in at.warning)
    at = at.checkbox(key="author_replace_0").check().run()
    at = at.button(key="author_save_0").click().run()
    assert any("replacing the earlier version. Your assignment(s) My week 3 now use it" in unescape(s.value) for s in at.success)
    assert "A call, revised" in (AUTHORED / "waiting-room-phone-call.yaml").read_text(encoding="utf-8")


def test_a_file_without_an_owner_is_claimed_by_the_first_to_replace_it_unless_another_supervisor_assigned_it(author):
    from records.assignments import create_assignment

    engine = app_engine()
    AUTHORED.mkdir(parents=True, exist_ok=True)
    (AUTHORED / "waiting-room-phone-call.yaml").write_text(MINE, encoding="utf-8")  # saved before owners were recorded
    library_changed()
    rival, rival_token = new_supervisor("Dr. Rival")
    rival_cohort = _cohort_with_a_trainee(engine, rival.id, "Rival cohort")
    made = create_assignment(engine, rival.id, rival_cohort.id, title="Theirs", scenario_ids=["waiting-room-phone-call"], mode="practice")
    at = _paste(author, MINE.replace("A call in the waiting room", "A call, mine now"))
    assert any("has no recorded owner" in unescape(e.value) for e in at.error) and not any(b.key == "author_save_0" for b in at.button)

    from records.assignments import delete_assignment

    delete_assignment(engine, rival.id, made.id)  # no other supervisor uses it any more: the first to replace it owns it
    at = _paste(author, MINE.replace("A call in the waiting room", "A call, mine now"))
    at = at.checkbox(key="author_replace_0").check().run()
    at = at.button(key="author_save_0").click().run()
    assert "A call, mine now" in (AUTHORED / "waiting-room-phone-call.yaml").read_text(encoding="utf-8")
    at = _paste(rival_token, MINE)
    assert any("is not yours" in unescape(e.value) for e in at.error), "and from then on it is theirs alone"
