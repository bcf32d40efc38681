"""A supervisor downloads a trainee's data, then deletes it, on the Cohorts and links page."""

import json

from apptest_helpers import app_engine, download, new_supervisor, open_as, open_supervisor, tab_of, texts, value_labelled
from test_erasure import about, give_work

from records.assignments import create_assignment
from records.cohorts import add_members, create_cohort, members
from records.roster import check_row


def test_a_supervisor_downloads_then_deletes_a_trainees_data(media, capsys):
    engine = app_engine()
    supervisor, token = new_supervisor("Dr. Keeper")
    cohort = create_cohort(engine, supervisor.id, "Erasure cohort")
    (ana, ana_token), (ben, ben_token) = add_members(
        engine, supervisor.id, cohort.id, [check_row(1, "Ana Leaving", "ana@leaving.edu", "", set()), check_row(2, "Ben Staying", "ben@staying.edu", "", set())]
    )
    assignment = create_assignment(engine, supervisor.id, cohort.id, title="Set", scenario_ids=["gift-from-a-work-trip", "the-poodle-photo"])
    give_work(engine, supervisor.id, ana, [assignment.id])
    give_work(engine, supervisor.id, ben, [assignment.id])
    ben_rows = about(engine, ben.id)
    assert tab_of(open_as(ana_token)).learner.token == ana_token, "her link works until her data is deleted"

    at = open_supervisor(token, "views/pages/cohorts.py")
    pick = at.selectbox(key="data_pick")
    at = pick.set_value(value_labelled(pick, "Ana Leaving", [ana.id, ben.id])).run()
    assert "Download this trainee's data (JSON)" in [b.proto.label for b in at.get("download_button")]
    exported = json.loads(download(at, media, "Download this trainee's data (JSON)"))
    assert exported["trainee"]["name"] == "Ana Leaving" and len(exported["attempts"]) == 2 + 4
    assert "Ana's reflection on free-0" in json.dumps(exported) and "token_hash" not in json.dumps(exported)

    warning = texts(at)
    assert "6 attempt(s)" in warning and "cannot be undone" in warning
    assert at.button(key="data_delete").disabled, "nothing can be deleted before the name is typed"
    at = at.text_input(key="data_confirm_name").input("Ben Staying").run()
    assert at.button(key="data_delete").disabled, "the name typed must be the chosen trainee's"
    at = at.text_input(key="data_confirm_name").input("Ana Leaving").run()
    assert not at.button(key="data_delete").disabled
    at = at.button(key="data_delete").click().run()

    assert not at.exception
    (success,) = [s.value for s in at.success]
    assert "Ana Leaving's data is deleted" in success.replace("\\", "")
    assert at.text_input(key="data_confirm_name").value == ""
    assert [m.name for m in members(engine, supervisor.id, cohort.id)] == ["Ben Staying"]
    assert not any("Ana Leaving" in o for o in at.selectbox(key="data_pick").options)
    assert all(not found for found in about(engine, ana.id).values())
    assert about(engine, ben.id) == ben_rows
    link = open_as(ana_token)
    assert "This personal link is not valid" in texts(link) and tab_of(link).learner.token is None
    assert tab_of(open_as(ben_token)).learner.token == ben_token
    with capsys.disabled():
        print(f"\nerasure in the app: {exported['trainee']['name']}: {sum(exported['rows'].values())} rows downloaded as JSON, deleted after typing the name; "
              f"link refused, 0 rows remain, {ben.name}'s {sum(sum(c.values()) for c in ben_rows.values())} rows untouched")
