"""Saving authored scenarios: named by id, atomic, never overwriting without being told to, replaced only by their owner."""

import threading

import pytest
from db_fixtures import BACKENDS, fresh_engine

from records.assignments import create_assignment
from records.authored import claim, owner_of
from records.cohorts import add_members, create_cohort
from records.roster import check_row
from records.supervisors import add_supervisor
from scenarios.authoring import TEMPLATE, next_version_id, save_scenario, saved_path, suspicious_name, with_id
from scenarios.load import load_bytes
from services.authoring import NotYourScenario, publish


def template_scenario():
    loaded, problems, _ = load_bytes(TEMPLATE.read_bytes(), "template.yaml")
    assert problems == []
    return loaded.scenario


def test_the_template_is_a_valid_scenario():
    assert template_scenario().id == "my-first-scenario"


def test_saving_is_named_by_id_and_refuses_to_overwrite(tmp_path):
    scenario = template_scenario()
    path = save_scenario(scenario, b"first", folder=tmp_path)
    assert path == (tmp_path / "my-first-scenario.yaml").resolve() and path.read_bytes() == b"first"
    with pytest.raises(FileExistsError):
        save_scenario(scenario, b"second", folder=tmp_path)
    assert path.read_bytes() == b"first"
    save_scenario(scenario, b"second", overwrite=True, folder=tmp_path)
    assert path.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["my-first-scenario.yaml"], "no temporary files are left behind"


def test_path_tricks_are_refused(tmp_path):
    with pytest.raises(ValueError):
        saved_path("../escape", tmp_path)
    assert suspicious_name("../../etc/passwd.yaml") and suspicious_name("a\\b.yaml") and not suspicious_name("gift.yaml")


def test_a_new_version_gets_the_next_free_number_within_64_characters():
    assert next_version_id("gift", lambda _: False) == "gift-v2"
    assert next_version_id("gift", lambda candidate: candidate in {"gift-v2", "gift-v3"}) == "gift-v4"
    assert next_version_id("gift-v2", lambda _: False) == "gift-v3", "a version of a version is the next number, not gift-v2-v2"
    long = "a-" * 31 + "bb"
    assert len(next_version_id(long, lambda _: False)) <= 64


def test_changing_the_id_keeps_everything_else_of_the_file():
    scenario = template_scenario()
    quoted = TEMPLATE.read_bytes().replace(b"id: my-first-scenario", b'id: "my-first-scenario"')
    for data in (TEMPLATE.read_bytes(), quoted):
        renamed, renamed_data = with_id(data, scenario, "my-first-scenario-v2")
        assert renamed.id == "my-first-scenario-v2" and renamed.model_copy(update={"id": scenario.id}) == scenario
        assert renamed_data.replace(b"my-first-scenario-v2", b"my-first-scenario") == data, "comments and layout kept"
    with pytest.raises(ValueError, match="could not be changed"):
        with_id(b"{id: my-first-scenario}", scenario, "other")


@pytest.fixture(params=BACKENDS)
def two_authors(request, tmp_path):
    engine = fresh_engine(request.param, tmp_path)
    first = add_supervisor(engine, "Dr. First", "first@example.edu", "correct horse battery")
    second = add_supervisor(engine, "Dr. Second", "second@example.edu", "correct horse battery")
    yield engine, first, second, tmp_path / "authored"
    engine.dispose()


def test_two_supervisors_claiming_one_id_at_once_make_one_owner(two_authors):
    engine, first, second, _ = two_authors
    gate, won = threading.Barrier(2), {}

    def claim_as(supervisor_id: int) -> None:
        gate.wait()
        won[supervisor_id] = claim(engine, supervisor_id, "shared-id")

    threads = [threading.Thread(target=claim_as, args=(s.id,)) for s in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(won.values()) == [False, True] and owner_of(engine, "shared-id") in (first.id, second.id)


def test_only_the_owner_may_replace_even_without_the_page(two_authors):
    engine, first, second, folder = two_authors
    scenario, data = template_scenario(), TEMPLATE.read_bytes()
    publish(engine, first.id, scenario, data, [], folder=folder)
    assert owner_of(engine, scenario.id) == first.id
    with pytest.raises(FileExistsError):
        publish(engine, first.id, scenario, data + b"# again\n", [], folder=folder)
    for replace in (False, True):
        with pytest.raises((NotYourScenario, FileExistsError)):
            publish(engine, second.id, scenario, data + b"# flipped\n", [], replace=replace, folder=folder)
    with pytest.raises(NotYourScenario, match="not yours: another supervisor saved it first") as refused:
        publish(engine, second.id, scenario, data + b"# flipped\n", [], replace=True, folder=folder)
    assert "first@example.edu" not in str(refused.value) and "Dr. First" not in str(refused.value)
    assert saved_path(scenario.id, folder).read_bytes() == data
    (saved_path(scenario.id, folder)).unlink()  # the file is gone, but the id stays its owner's
    with pytest.raises(NotYourScenario):
        publish(engine, second.id, scenario, data, [], folder=folder)
    assert publish(engine, first.id, scenario, data + b"# mine\n", [], replace=True, folder=folder).replaced is False


def test_a_scenario_in_another_supervisors_assignment_is_never_changed_under_it(two_authors):
    engine, first, second, folder = two_authors
    scenario, data = template_scenario(), TEMPLATE.read_bytes()
    publish(engine, first.id, scenario, data, [], folder=folder)
    cohort = create_cohort(engine, second.id, "Second's")
    add_members(engine, second.id, cohort.id, [check_row(1, "Tia", "tia@uni.edu", "", set())])
    create_assignment(engine, second.id, cohort.id, title="Theirs", scenario_ids=[scenario.id], mode="assessment")
    flipped = data.replace(b"title: A short title trainees see", b"title: Flipped")
    saved = publish(engine, first.id, load_bytes(flipped, "flipped.yaml")[0].scenario, flipped, ["my-first-scenario-v2"], replace=True, folder=folder)
    assert (saved.scenario_id, saved.new_version_of, saved.replaced) == ("my-first-scenario-v3", scenario.id, False), "v2 is taken in the library"
    assert saved_path(scenario.id, folder).read_bytes() == data
    loaded, problems, _ = load_bytes(saved.path.read_bytes(), saved.path.name)
    assert not problems and loaded.scenario.id == saved.scenario_id == saved.path.stem and loaded.scenario.title == "Flipped"
    assert owner_of(engine, saved.scenario_id) == first.id
